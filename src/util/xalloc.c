/* Allocation that never returns NULL. */
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
die_oom(size_t nbytes)
{
    fprintf(stderr, "ndvr: out of memory (%zu bytes)\n", nbytes);
    abort();
}

void *
xmalloc(size_t nbytes)
{
    void *p = malloc(nbytes ? nbytes : 1);
    if (p == NULL)
        die_oom(nbytes);
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        die_oom(count * size);
    return p;
}

void *
xrealloc(void *ptr, size_t nbytes)
{
    void *p = realloc(ptr, nbytes ? nbytes : 1);
    if (p == NULL)
        die_oom(nbytes);
    return p;
}

void *
xgrow(void *ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return ptr;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size)
            die_oom(SIZE_MAX);
        ncap *= 2;
    }
    *cap = ncap;
    return xrealloc(ptr, ncap * size);
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t nbytes)
{
    char *p = xmalloc(nbytes + 1);
    memcpy(p, s, nbytes);
    p[nbytes] = '\0';
    return p;
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        die_oom(0);
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
