/* Diagnostics: where something is wrong and what, printed as `file:line:col: message`. */
#ifndef NDVR_DIAG_H
#define NDVR_DIAG_H

#include <stdbool.h>

struct diag {
    char file[256]; /* the file the problem is in ("" when none) */
    int line;       /* 1-based; 0 when unknown */
    int col;        /* 1-based, in bytes; 0 when unknown */
    char msg[512];  /* what is wrong, one line, no trailing period */
};

/* Fills d (when d is not NULL); always returns false so callers can `return diag_set(...)`. */
bool diag_set(struct diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Formats d as `file:line:col: msg` (parts that are unknown are left out) into buf. */
void diag_format(const struct diag *d, char *buf, unsigned bufsize);

#endif
