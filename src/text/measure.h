/* How an output device measures text. The one line breaker (wrap.h) and the layout of blocks
 * (render/blocks.h) serve every device: the terminal, `cat`, text and HTML printing count
 * terminal cells; the PDF device counts Pango units of its font. A device supplies only the
 * width of a run of text (as mandoc's term.c devices supply their `width` callback). */
#ifndef NDVR_MEASURE_H
#define NDVR_MEASURE_H

#include <stddef.h>

struct measure {
    /* The width of the UTF-8 run s[0..n) (valid, sanitised; the line breaker passes one
     * character at a time) starting `at` units into the line, in the device's units; `at`
     * matters for tabs. */
    int (*width)(const struct measure *m, const char *s, size_t n, int at);
    /* Device units per terminal column: what indents and label columns, given in columns by
     * the blocks, are worth on this device. 1 for cells. */
    int unit;
    void *ctx; /* the device's own */
};

/* The terminal's measure: cell_width() per character, tabs to the next multiple of 8. */
extern const struct measure measure_cells;

/* The width of s[0..n) measured character by character from the start of a line. */
int measure_text(const struct measure *m, const char *s, size_t n);

#endif
