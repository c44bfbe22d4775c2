/* The one width function: how many terminal columns a character takes. Wrapping, clipping,
 * cursor positioning and highlighting all measure with it, so they never disagree. */
#ifndef NDVR_WIDTH_H
#define NDVR_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <unitypes.h>

/* East Asian Ambiguous characters (“ ” — … · ¹ • and box drawing) take 1 column by default,
 * as in every terminal's default; 2 when the user's terminal is set so. This is
 * process-wide by nature: ncurses measures with the same setting. */
void width_set_ambiguous(int ncols);
int width_ambiguous(void);
/* Parses "1" or "2" (from --ambiguous-width or NDVR_AMBIGUOUS_WIDTH); -1 when invalid. */
int width_parse_ambiguous(const char *s);

/* libc wcwidth() in a UTF-8 character type, whatever the process locale: -1 for code points
 * a terminal cannot measure (controls, unassigned). */
int cell_width_raw(ucs4_t c);
/* Columns of c: 0, 1 or 2, with the ambiguous setting applied. Never negative: anything
 * unmeasurable was replaced at load, and counts 1 here to be safe. */
int cell_width(ucs4_t c);
/* True for East Asian Ambiguous characters that cell_width_raw() counts as 1. */
bool cell_is_ambiguous(ucs4_t c);
/* Columns of the UTF-8 text s[0..n). */
int text_width(const char *s, size_t n);
/* Blanks to put after the NUL-terminated s for it to take cols columns (0 when it takes as
 * many or more): padding by display width, which printf's %-24s does by bytes. */
int text_pad(const char *s, int cols);

#endif
