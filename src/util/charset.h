/* The locale's character set at the program's edges. Inside, every string is UTF-8; a
 * terminal or pipe in a locale of another character set (zh_CN.GB18030) gets the CLI's output
 * converted, and addresses and queries typed in that character set are read as UTF-8.
 *
 * Only the CLI calls these; they print nothing. */
#ifndef NDVR_CHARSET_H
#define NDVR_CHARSET_H

#include <stdbool.h>
#include <stdio.h>

/* The codeset of LC_CTYPE when text must be converted to and from it, else NULL: NULL for
 * UTF-8, and for ASCII (the C locale, where the terminal's real encoding is unknown and UTF-8
 * is what ndvr has always written). Borrowed (nl_langinfo's). Call after setlocale(). */
const char *charset_of_locale(void);

/* A stream that writes what it is given (UTF-8) to `to` in codeset: a character the codeset
 * lacks becomes '?', and so does malformed UTF-8. fclose() flushes it, then `to`, which it
 * does not close; it returns EOF when a write to `to` failed. NULL when iconv cannot convert
 * to codeset. Caller closes. */
FILE *charset_output(FILE *to, const char *codeset);

/* s, in codeset, as UTF-8; NULL when s is not valid in codeset. Caller frees. */
char *charset_to_utf8(const char *s, const char *codeset);

#endif
