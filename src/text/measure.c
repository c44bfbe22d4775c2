/* The terminal's measure, and measuring a whole run with any device's. */
#include "text/measure.h"

#include <unistr.h>

#include "text/width.h"

static int
cells(const struct measure *m, const char *s, size_t n, int at)
{
    (void)m;
    int w = 0;
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        w += c == '\t' ? 8 - (at + w) % 8 : cell_width(c);
        i += (size_t)(len > 0 ? len : 1);
    }
    return w;
}

const struct measure measure_cells = {cells, 1, NULL};

int
measure_text(const struct measure *m, const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        size_t step = (size_t)(len > 0 ? len : 1);
        w += m->width(m, s + i, step, w);
        i += step;
    }
    return w;
}
