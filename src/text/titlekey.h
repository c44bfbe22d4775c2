/* Titles as compared: two working papers have the same title when their titles read the
 * same without punctuation and spaces ("核裁军核查——能力建设" and "核裁军核查能力建设").
 * The segmenter relates papers by it and the loader checks those relations by it. */
#ifndef NDVR_TITLEKEY_H
#define NDVR_TITLEKEY_H

/* title (valid UTF-8) without punctuation (Unicode category P) and white space, newly
 * allocated (caller frees). */
char *title_key(const char *title);

#endif
