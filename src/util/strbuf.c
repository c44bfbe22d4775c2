/* A growable byte string. */
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void
sb_reserve(struct strbuf *sb, size_t extra)
{
    sb->data = xgrow(sb->data, &sb->cap, sb->len + extra + 1, 1);
}

void
sb_append(struct strbuf *sb, const char *s, size_t nbytes)
{
    sb_reserve(sb, nbytes);
    if (nbytes)
        memcpy(sb->data + sb->len, s, nbytes);
    sb->len += nbytes;
    sb->data[sb->len] = '\0';
}

void
sb_puts(struct strbuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void
sb_putc(struct strbuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void
sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sb_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void
sb_truncate(struct strbuf *sb, size_t len)
{
    if (len < sb->len) {
        sb->len = len;
        sb->data[len] = '\0';
    }
}

const char *
sb_str(const struct strbuf *sb)
{
    return sb->data ? sb->data : "";
}

char *
sb_detach(struct strbuf *sb)
{
    char *p = sb->data ? sb->data : xstrdup("");
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void
sb_free(struct strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
