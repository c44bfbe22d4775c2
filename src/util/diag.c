/* Diagnostics with a position. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message cut by its buffer ends on a whole UTF-8 character, then "…", never inside one. */
static void
cut_on_character(char *msg, size_t size)
{
    static const char more[] = "…";
    size_t end = size - sizeof more; /* room for "…" and the NUL */
    while (end > 0 && ((unsigned char)msg[end] & 0xC0) == 0x80)
        end--; /* msg[end] starts a character: cut before it */
    memcpy(msg + end, more, sizeof more);
}

bool
diag_set(struct diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    if (d == NULL)
        return false;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    d->line = line;
    d->col = col;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof d->msg)
        cut_on_character(d->msg, sizeof d->msg);
    return false;
}

void
diag_format(const struct diag *d, char *buf, unsigned bufsize)
{
    if (d->file[0] && d->line > 0 && d->col > 0)
        snprintf(buf, bufsize, "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
    else if (d->file[0] && d->line > 0)
        snprintf(buf, bufsize, "%s:%d: %s", d->file, d->line, d->msg);
    else if (d->file[0])
        snprintf(buf, bufsize, "%s: %s", d->file, d->msg);
    else
        snprintf(buf, bufsize, "%s", d->msg);
}
