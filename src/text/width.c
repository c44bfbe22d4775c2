/* The one width function, and the wcwidth() that ncurses calls. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "text/width.h"

#include "text/ambiguous.h"

#include <dlfcn.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include <wchar.h>

/* Process-wide: see width.h. */
static int ambiguous_columns = 1;

void
width_set_ambiguous(int ncols)
{
    ambiguous_columns = ncols == 2 ? 2 : 1;
}

int
width_ambiguous(void)
{
    return ambiguous_columns;
}

int
width_parse_ambiguous(const char *s)
{
    if (s != NULL && strcmp(s, "1") == 0)
        return 1;
    if (s != NULL && strcmp(s, "2") == 0)
        return 2;
    return -1;
}

/* A UTF-8 character-type locale for wcwidth(), made once: the answer must not depend on
 * LANG, which is often unset over SSH. */
static locale_t
utf8_ctype(void)
{
    static locale_t loc = (locale_t)0;
    if (loc == (locale_t)0)
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    return loc;
}

typedef int (*wcwidth_fn)(wchar_t);

/* libc's own wcwidth(), found past the one this file defines. */
static int
libc_wcwidth(wchar_t c)
{
    static wcwidth_fn fn;
    if (fn == NULL)
        *(void **)&fn = dlsym(RTLD_NEXT, "wcwidth"); /* POSIX's way to store a function */
    if (fn == NULL)
        return c < 0x20 || (c >= 0x7F && c < 0xA0) ? -1 : uc_width((ucs4_t)c, "UTF-8");
    return fn(c);
}

/* Ranges that every libc since Unicode 11 measures alike, all assigned and printable: most of
 * the corpus's text is in them, and they spare two locale switches per character.
 * tests/unit/test_sanitize.c checks them against libc for every code point. */
static const struct width_range {
    ucs4_t first, last;
    int ncols;
} known_widths[] = {
    {0x4E00, 0x9FEF, 2}, /* CJK Unified Ideographs */
    {0xFF01, 0xFF60, 2}, /* fullwidth forms: ，（）：； */
    {0x3000, 0x3029, 2}, /* ideographic space, 、。「」《》 and the like */
    {0x3030, 0x303E, 2}, {0x2010, 0x2027, 1}, /* dashes, quotation marks, ellipsis */
    {0x00A0, 0x00FF, 1},                      /* Latin-1 */
    {0x3041, 0x3096, 2},                      /* kana */
    {0x30A0, 0x30FF, 2}, {0x3400, 0x4DB5, 2}, /* CJK Extension A */
    {0xAC00, 0xD7A3, 2},                      /* Hangul syllables */
};

/* The width of c when it is in a known range, else -2. */
static int
known_width(ucs4_t c)
{
    if (c >= 0x20 && c < 0x7F)
        return 1;
    for (size_t i = 0; i < sizeof known_widths / sizeof known_widths[0]; i++)
        if (c >= known_widths[i].first && c <= known_widths[i].last)
            return known_widths[i].ncols;
    return -2;
}

int
cell_width_raw(ucs4_t c)
{
    int known = known_width(c);
    if (known != -2)
        return known;
    locale_t loc = utf8_ctype();
    if (loc == (locale_t)0) /* no C.UTF-8: fall back to libunistring's table */
        return c < 0x20 || (c >= 0x7F && c < 0xA0) ? -1 : uc_width(c, "UTF-8");
    locale_t old = uselocale(loc);
    int w = libc_wcwidth((wchar_t)c);
    uselocale(old);
    return w;
}

/* ncursesw measures every character with wcwidth(). Defined here, in the program, it takes
 * the place of libc's for ncurses too, so that with --ambiguous-width=2 the screen model of
 * ncurses and our layout agree cell for cell. Without the option it answers as libc does. */
int
wcwidth(wchar_t c)
{
    int w = libc_wcwidth(c);
    if (w == 1 && ambiguous_columns == 2 && cell_is_ambiguous((ucs4_t)c))
        return 2;
    return w;
}

/* Binary search in the UAX #11 table. (libunistring's CJK-encoding width is no substitute:
 * it widens everything from U+00A1 to U+FF60, Neutral characters such as ⁵ included.) */
static bool
in_ambiguous_table(ucs4_t c)
{
    size_t lo = 0, hi = sizeof ambiguous_ranges / sizeof ambiguous_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < ambiguous_ranges[mid].first)
            hi = mid;
        else if (c > ambiguous_ranges[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool
cell_is_ambiguous(ucs4_t c)
{
    return c >= 0xA1 && in_ambiguous_table(c) && cell_width_raw(c) == 1;
}

int
cell_width(ucs4_t c)
{
    int w = cell_width_raw(c);
    if (w < 0)
        return 1;
    if (w == 1 && ambiguous_columns == 2 && cell_is_ambiguous(c))
        return 2;
    return w;
}

/* The columns of the character at p when it is printable ASCII or a well-formed CJK Unified
 * Ideograph (U+4E00 to U+9FEF, lead bytes E4 to E9), the bulk of the corpus, decoded here
 * rather than by a library call per character; else 0. *len is its bytes. */
static int
common_width(const uint8_t *p, const uint8_t *end, int *len)
{
    if (p[0] >= 0x20 && p[0] < 0x7F) {
        *len = 1;
        return 1;
    }
    if (end - p < 3 || p[0] < 0xE4 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
    ucs4_t c = (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    *len = 3;
    return c >= 0x4E00 && c <= 0x9FEF ? 2 : 0;
}

int
text_width(const char *s, size_t n)
{
    int cols = 0;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        int len, w = common_width(p, end, &len);
        if (w == 0) {
            ucs4_t c;
            len = u8_mbtouc(&c, p, (size_t)(end - p));
            w = cell_width(c);
        }
        cols += w;
        p += len;
    }
    return cols;
}

int
text_pad(const char *s, int cols)
{
    int w = text_width(s, strlen(s));
    return w < cols ? cols - w : 0;
}
