/* Making text from a file safe to show: the one sanitiser, applied once when text is loaded,
 * so the screen, `cat`, `print` and error messages all show the same characters. */
#ifndef NDVR_SANITIZE_H
#define NDVR_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What sanitising changed, as bit flags (for `ndvr check` to report). */
enum sanitize_problem {
    SANITIZE_BAD_UTF8 = 1 << 0,    /* invalid UTF-8, surrogates, overlongs -> U+FFFD */
    SANITIZE_CONTROL = 1 << 1,     /* C0, ESC, DEL, C1 removed; CR and NEL -> '\n' */
    SANITIZE_BIDI = 1 << 2,        /* bidi controls removed */
    SANITIZE_INVISIBLE = 1 << 3,   /* soft hyphen, zero-width and other format chars removed */
    SANITIZE_UNPRINTABLE = 1 << 4, /* code points the terminal cannot measure -> U+FFFD */
};

/* Returns a newly allocated, NUL-terminated sanitised copy of s[0..n) (caller frees) and its
 * length in *outlen (may be NULL). *problems (may be NULL) gets the enum bits of what changed.
 * Kept: '\n', '\t' (expanded by the layout), ZWJ/ZWNJ, combining marks. */
char *sanitize_text(const char *s, size_t n, size_t *outlen, unsigned *problems);

/* Marks, in a sanitize_text_map() map, a byte inside a character (or inside one invalid
 * sequence): not a place where a span may start or end. */
#define SANITIZE_INSIDE SIZE_MAX

/* sanitize_text(), and *map gets a newly allocated array (caller frees) of n + 1 offsets
 * that carry positions in s over to the result, so spans into s can follow it: map[i] is where
 * the unit (character or invalid sequence) starting at s[i] begins in the result, or, when the
 * unit was removed, where the next kept one begins; SANITIZE_INSIDE for bytes inside a unit;
 * map[n] is the result's length. A span [a, b) of s becomes [map[a], map[b]). */
char *sanitize_text_map(const char *s, size_t n, size_t *outlen, unsigned *problems, size_t **map);

/* The problem bit sanitising reports for the code point c, or 0 when c is kept as it is (or,
 * for U+2028 and U+2029, becomes '\n' without being a problem). For validators that must
 * say where in a file the characters sanitising would change are. */
unsigned sanitize_code_point(uint32_t c);

/* True when s[0..n) would come out of sanitize_text() unchanged. */
bool sanitize_is_clean(const char *s, size_t n);

/* A one-line description of the problem bits ("control characters, bidi controls"). */
const char *sanitize_describe(unsigned problems, char *buf, size_t bufsize);

#endif
