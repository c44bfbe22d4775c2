/* The sanitiser: no control character or escape sequence from content reaches a terminal. */
#include "text/sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static bool
is_bidi_control(ucs4_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

static bool
is_invisible(ucs4_t c)
{
    return c == 0x00AD || c == 0x200B || c == 0x2060 || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F);
}

unsigned
sanitize_code_point(uint32_t c)
{
    if (c >= 0x20 && c < 0x7F) /* printable ASCII, most of what is checked: keymaps, symbols */
        return 0;
    if (c == '\n' || c == '\t' || c == 0x2028 || c == 0x2029)
        return 0;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
        return SANITIZE_CONTROL;
    if (is_bidi_control(c))
        return SANITIZE_BIDI;
    if (is_invisible(c))
        return SANITIZE_INVISIBLE;
    if (c == 0x200C || c == 0x200D || cell_width_raw(c) >= 0)
        return 0;
    return SANITIZE_UNPRINTABLE;
}

/* Decides what one decoded character becomes: appended to out, and the problem it was. */
static unsigned
sanitize_char(struct strbuf *out, ucs4_t c, const char *bytes, size_t len)
{
    unsigned problem = sanitize_code_point(c);
    if (c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
        sb_putc(out, '\n');
    else if (problem == SANITIZE_UNPRINTABLE)
        sb_puts(out, replacement);
    else if (problem == 0)
        sb_append(out, bytes, len);
    return problem;
}

/* Records in map where the unit s[at, at + len) begins in the result so far. */
static void
map_unit(size_t *map, size_t at, size_t len, size_t outpos)
{
    if (map == NULL)
        return;
    map[at] = outpos;
    for (size_t k = 1; k < len; k++)
        map[at + k] = SANITIZE_INSIDE;
}

static char *
sanitize(const char *s, size_t n, size_t *outlen, unsigned *problems, size_t *map)
{
    struct strbuf out = STRBUF_INIT;
    unsigned found = 0;
    const uint8_t *start = (const uint8_t *)s, *p = start, *end = p + n;
    sb_append(&out, "", 0);
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, p, (size_t)(end - p));
        size_t outpos = out.len;
        if (len == 1 && c == '\r' && p + 1 < end && p[1] == '\n') {
            found |= SANITIZE_CONTROL; /* CRLF is one line break: the LF makes it */
        } else if (len < 0) {
            /* u8_mbtouc gives the length of the maximal invalid subsequence */
            len = u8_mbtouc(&c, p, (size_t)(end - p));
            sb_puts(&out, replacement);
            found |= SANITIZE_BAD_UTF8;
        } else {
            found |= sanitize_char(&out, c, (const char *)p, (size_t)len);
        }
        map_unit(map, (size_t)(p - start), (size_t)len, outpos);
        p += len;
    }
    if (map != NULL)
        map[n] = out.len;
    if (outlen)
        *outlen = out.len;
    if (problems)
        *problems = found;
    return sb_detach(&out);
}

char *
sanitize_text(const char *s, size_t n, size_t *outlen, unsigned *problems)
{
    return sanitize(s, n, outlen, problems, NULL);
}

char *
sanitize_text_map(const char *s, size_t n, size_t *outlen, unsigned *problems, size_t **map)
{
    *map = xcalloc(n + 1, sizeof **map);
    return sanitize(s, n, outlen, problems, *map);
}

bool
sanitize_is_clean(const char *s, size_t n)
{
    unsigned problems;
    size_t len;
    char *copy = sanitize_text(s, n, &len, &problems);
    bool clean = problems == 0 && len == n && memcmp(copy, s, n) == 0;
    free(copy);
    return clean;
}

const char *
sanitize_describe(unsigned problems, char *buf, size_t bufsize)
{
    static const struct {
        unsigned bit;
        const char *what;
    } names[] = {
        {SANITIZE_BAD_UTF8, "invalid UTF-8"},
        {SANITIZE_CONTROL, "control characters"},
        {SANITIZE_BIDI, "bidi controls"},
        {SANITIZE_INVISIBLE, "invisible format characters"},
        {SANITIZE_UNPRINTABLE, "unprintable code points"},
    };
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (problems & names[i].bit)
            used += (size_t)snprintf(buf + used, used < bufsize ? bufsize - used : 0, "%s%s",
                                     used ? ", " : "", names[i].what);
    return buf;
}
