/* Conversion between UTF-8 and the locale's character set, through iconv. */
#define _GNU_SOURCE /* fopencookie */
#include "util/charset.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const char *
charset_of_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || cs[0] == '\0' || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 ||
        strcmp(cs, "ANSI_X3.4-1968") == 0)
        return NULL;
    return cs;
}

/* A converting stream's state: the UTF-8 of a character cut between two writes waits in
 * pending. */
struct conv {
    FILE *to;
    iconv_t cd;
    char pending[4];
    size_t npending;
    bool failed; /* a write to `to` failed */
};

/* Converts in[0..*n) into `to`; leaves in *n the length of an incomplete character at the
 * end (kept for the next write), unless at_end, when it becomes '?' too. */
static void
convert(struct conv *c, const char *in, size_t *n, bool at_end)
{
    char *src = (char *)in; /* iconv's prototype; it does not write there */
    size_t left = *n;
    char buf[1024];
    while (left > 0) {
        char *dst = buf;
        size_t room = sizeof buf;
        size_t r = iconv(c->cd, &src, &left, &dst, &room);
        int err = errno;
        if (fwrite(buf, 1, (size_t)(dst - buf), c->to) != (size_t)(dst - buf))
            c->failed = true;
        if (r != (size_t)-1 || err == E2BIG)
            continue;
        if (err == EINVAL && !at_end && left < sizeof c->pending)
            break;         /* a character cut by the caller's buffer: wait for its end */
        fputc('?', c->to); /* not in the codeset, or malformed: one byte skipped */
        src++;
        left--;
    }
    *n = left;
}

static ssize_t
conv_write(void *cookie, const char *buf, size_t size)
{
    struct conv *c = cookie;
    size_t done = 0;
    /* complete the character left from the last write, a byte at a time */
    while (c->npending > 0 && done < size) {
        c->pending[c->npending++] = buf[done++];
        size_t n = c->npending;
        convert(c, c->pending, &n, c->npending == sizeof c->pending);
        if (n > 0)
            memmove(c->pending, c->pending + c->npending - n, n);
        c->npending = n;
    }
    size_t n = size - done;
    convert(c, buf + done, &n, false);
    memcpy(c->pending, buf + size - n, n);
    c->npending = n;
    return c->failed ? -1 : (ssize_t)size;
}

static int
conv_close(void *cookie)
{
    struct conv *c = cookie;
    size_t n = c->npending;
    convert(c, c->pending, &n, true);
    char buf[16], *dst = buf;
    size_t room = sizeof buf;
    iconv(c->cd, NULL, NULL, &dst, &room); /* back to the initial shift state */
    fwrite(buf, 1, (size_t)(dst - buf), c->to);
    bool ok = !c->failed && fflush(c->to) == 0 && !ferror(c->to);
    iconv_close(c->cd);
    free(c);
    return ok ? 0 : EOF;
}

FILE *
charset_output(FILE *to, const char *codeset)
{
    iconv_t cd = iconv_open(codeset, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    struct conv *c = xcalloc(1, sizeof *c);
    c->to = to;
    c->cd = cd;
    cookie_io_functions_t io = {.write = conv_write, .close = conv_close};
    FILE *f = fopencookie(c, "w", io);
    if (f == NULL) {
        iconv_close(cd);
        free(c);
    }
    return f;
}

char *
charset_to_utf8(const char *s, const char *codeset)
{
    iconv_t cd = iconv_open("UTF-8", codeset);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t left = strlen(s), room = left * 4 + 1;
    char *out = xmalloc(room), *dst = out, *src = (char *)s;
    size_t r = iconv(cd, &src, &left, &dst, &room);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *dst = '\0';
    return out;
}
