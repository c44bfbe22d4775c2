/* A growable byte string, always NUL-terminated. */
#ifndef NDVR_STRBUF_H
#define NDVR_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len; /* bytes, without the NUL */
    size_t cap;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_append(struct strbuf *sb, const char *s, size_t nbytes);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_truncate(struct strbuf *sb, size_t len);
/* The contents ("" when empty); stays owned by sb. */
const char *sb_str(const struct strbuf *sb);
/* Hands the buffer to the caller (never NULL) and resets sb. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
