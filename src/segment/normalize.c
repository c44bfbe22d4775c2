/* What the segmenter reads: the source checked, then normalised so that files that differ only
 * invisibly (a BOM, CRLF, NFD, trailing whitespace) segment alike. What may change is listed
 * in ndvr-segment(1), NORMALISATION: nothing of it is body text but the NFC forms. */
#include "segment/segment.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/xalloc.h"

/* --- Checking the bytes as read ---------------------------------------------------------- */

/* Where byte `at` of text is: its line (CR, LF and CRLF end lines) and its column in bytes.
 * text[at] exists and is no line end. */
static void
position(const char *text, size_t at, int *line, int *col)
{
    size_t bol = 0;
    *line = 1;
    for (size_t i = 0; i < at; i++)
        if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) {
            (*line)++;
            bol = i + 1;
        }
    *col = (int)(at - bol) + 1;
}

/* The tree format allows no control characters in text; tab and line ends are layout. */
static bool
is_refused_control(ucs4_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

/* The offset of the first refused control character of valid UTF-8 text, or n. */
static size_t
first_control(const char *text, size_t n, ucs4_t *c)
{
    size_t i = 0;
    while (i < n) {
        int len = u8_mbtouc(c, (const uint8_t *)text + i, n - i);
        if (is_refused_control(*c))
            return i;
        i += (size_t)len;
    }
    return n;
}

bool
seg_source_check(const char *name, const char *text, size_t nbytes, struct diag *d)
{
    const uint8_t *bad = u8_check((const uint8_t *)text, nbytes);
    int line, col;
    ucs4_t c = 0;
    if (bad != NULL) {
        position(text, (size_t)(bad - (const uint8_t *)text), &line, &col);
        return diag_set(d, name, line, col, "invalid UTF-8");
    }
    size_t at = first_control(text, nbytes, &c);
    if (at < nbytes) {
        position(text, at, &line, &col);
        return diag_set(d, name, line, col, "control character U+%04X", (unsigned)c);
    }
    return true;
}

/* --- Normalising -------------------------------------------------------------------------- */

#define BOM "\xef\xbb\xbf"

/* A copy of text without U+FEFF (a BOM, or a zero-width no-break space where files were
 * joined: never body text) and with CRLF and CR turned into LF. *n is updated. */
static char *
unify_line_ends(const char *text, size_t *n)
{
    char *out = xmalloc(*n + 1);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (*n - i >= 3 && memcmp(text + i, BOM, 3) == 0) {
            i += 2;
        } else if (text[i] == '\r') {
            out[k++] = '\n';
            i += i + 1 < *n && text[i + 1] == '\n';
        } else {
            out[k++] = text[i];
        }
    }
    out[k] = '\0';
    *n = k;
    return out;
}

/* text in NFC (Chinese text is NFC already; NFD shows up in accented Latin names). Text that
 * is not valid UTF-8 is kept as it is: seg_source_check refuses it before segmenting. */
static char *
to_nfc(char *text, size_t *n)
{
    size_t len = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)text, *n, NULL, &len);
    if (nfc == NULL)
        return text;
    char *out = xmalloc(len + 1);
    memcpy(out, nfc, len);
    out[len] = '\0';
    free(nfc);
    free(text);
    *n = len;
    return out;
}

static void
split_lines(struct seg_source *src, const char *text, size_t n)
{
    size_t cap = 0;
    const char *p = text, *end = text + n;
    for (int lineno = 1; p < end; lineno++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        src->lines = xgrow(src->lines, &cap, src->nlines + 1, sizeof *src->lines);
        src->lines[src->nlines++] = (struct seg_line){p, (size_t)(eol - p), lineno, false};
        p = eol < end ? eol + 1 : end;
    }
}

/* The bytes of whitespace (space, tab, U+3000) that s[0..n) ends in. */
static size_t
trailing_space(const char *s, size_t n)
{
    size_t k = 0;
    for (;;) {
        if (k < n && (s[n - k - 1] == ' ' || s[n - k - 1] == '\t'))
            k++;
        else if (n - k >= 3 && memcmp(s + n - k - 3, "\u3000", 3) == 0)
            k += 3;
        else
            return k;
    }
}

/* The trailing whitespace every line with text ends in: a tool that pads each line adds it,
 * and it tells nothing. Returns its length; *suffix points at it in one line. */
static size_t
common_suffix(const struct seg_source *src, const char **suffix)
{
    size_t len = 0;
    bool first = true;
    for (size_t i = 0; i < src->nlines; i++) {
        const struct seg_line *l = &src->lines[i];
        size_t ws = trailing_space(l->s, l->n), k = 0;
        if (ws == l->n)
            continue;
        if (first)
            *suffix = l->s + l->n - ws, len = ws, first = false;
        while (k < len && k < ws && (*suffix)[len - k - 1] == l->s[l->n - k - 1])
            k++;
        *suffix += len - k;
        len = k;
    }
    return len;
}

/* Takes each line's trailing whitespace off, noting whether there was more than the suffix
 * every line has. */
static void
strip_trailing_space(struct seg_source *src)
{
    const char *suffix = "";
    size_t slen = common_suffix(src, &suffix);
    for (size_t i = 0; i < src->nlines; i++) {
        struct seg_line *l = &src->lines[i];
        size_t ws = trailing_space(l->s, l->n);
        bool padded = ws >= slen && memcmp(l->s + l->n - slen, suffix, slen) == 0;
        l->blank_end = ws > (padded ? slen : 0);
        l->n -= ws;
    }
}

void
seg_source_init(struct seg_source *src, const char *name, const char *text, size_t nbytes)
{
    memset(src, 0, sizeof *src);
    src->name = name;
    src->text = text;
    src->nbytes = nbytes;
    size_t n = nbytes;
    src->norm = to_nfc(unify_line_ends(text, &n), &n);
    split_lines(src, src->norm, n);
    strip_trailing_space(src);
}

void
seg_source_fini(struct seg_source *src)
{
    free(src->lines);
    free(src->norm);
    src->lines = NULL;
    src->norm = NULL;
    src->nlines = 0;
}
