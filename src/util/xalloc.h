/* Allocation that never returns NULL: out of memory ends the program with a message. */
#ifndef NDVR_XALLOC_H
#define NDVR_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t nbytes);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t nbytes);
/* Grows an array to hold at least `need` elements of `size` bytes; *cap is updated. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t nbytes);
/* Returns a newly allocated string (caller frees), printf-style. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
