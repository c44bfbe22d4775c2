/* UN document symbols by their shape: a series of capitals (A, S, CD, NPT, GE-NDV), then parts
 * after slashes (A/74/90, A/RES/71/67, A/S-10/4, A/C.1/72/L.40, NPT/CONF.2015/PC.III/WP.49,
 * A/72/304/Add.1). No list of series is kept: the shape is narrow enough for running Chinese
 * text, where every other slash stands between numbers (2017/18, 5/33) or in a URL. */
#include "segment/segment.h"

#include <string.h>

/* Longer series are words, not symbols. */
#define MAX_SERIES 12

static bool
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
    return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z');
}

/* Capitals with single hyphens between them: A, CD, NPT, GE-NDV. */
static size_t
series_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (is_upper(s[k]) || (s[k] == '-' && k > 0 && k + 1 < n && is_upper(s[k + 1]))))
        k++;
    return k <= MAX_SERIES ? k : 0;
}

/* A part after a slash: a capital or a digit, then letters, digits, dots and hyphens, not
 * ending in a dot or hyphen (a full stop or dash after the symbol is not part of it). */
static size_t
part_len(const char *s, size_t n)
{
    if (n == 0 || !(is_upper(s[0]) || is_digit(s[0])))
        return 0;
    size_t k = 1;
    while (k < n && (is_alnum(s[k]) || s[k] == '.' || s[k] == '-'))
        k++;
    while (s[k - 1] == '.' || s[k - 1] == '-')
        k--;
    return k;
}

/* Digits (72, 304), or letters, a dot or hyphen, digits (S-10, WP.49, Add.1, CONF.2015). What
 * sets a symbol apart from chemistry (MOX/UO2) and acronyms (TCP/IP). */
static bool
is_numbered(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && !is_digit(s[k]) && s[k] != '.' && s[k] != '-')
        k++;
    if (k > 0 && k < n && (s[k] == '.' || s[k] == '-'))
        k++;
    else if (k > 0)
        return false;
    size_t d = k;
    while (d < n && is_digit(s[d]))
        d++;
    return d == n && d > k;
}

static enum seg_symbol_kind
part_kind(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "RES", 3) == 0)
        return SEG_SYMBOL_RESOLUTION;
    return seg_starts_with(s, n, "WP.") ? SEG_SYMBOL_PAPER : SEG_SYMBOL_DOCUMENT;
}

size_t
seg_match_symbol(const char *s, size_t n, enum seg_symbol_kind *kind)
{
    size_t series = series_len(s, n), k = series, parts = 0, last = 0, m;
    *kind = SEG_SYMBOL_DOCUMENT;
    if (series == 0)
        return 0;
    while (k < n && s[k] == '/' && (m = part_len(s + k + 1, n - k - 1)) > 0) {
        enum seg_symbol_kind pk = part_kind(s + k + 1, m);
        if (pk != SEG_SYMBOL_DOCUMENT)
            *kind = pk;
        k += 1 + m;
        last = m;
        parts++;
    }
    /* a slash after the symbol means it was cut ("A/72/ 304"); a letter means a word */
    if (k < n && (s[k] == '/' || is_alnum(s[k])))
        return 0;
    /* A/72 is a session, not a document: one-letter series have two parts at least */
    if (parts < (series == 1 ? 2u : 1u) || !is_numbered(s + k - last, last))
        return 0;
    return k;
}
