/* OSC 8 hyperlinks for the external documents a line of `ndvr cat` cites. */
#include "cli/hyperlink.h"

#include <string.h>

#include "cli/cli.h"

#define UNDOCS "https://undocs.org/zh/"

bool
hyperlink_url(const char *symbol, char *buf, size_t size)
{
    size_t n = strlen(symbol);
    if (n == 0 || n != strspn(symbol, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789/.-()"))
        return false;
    int w = snprintf(buf, size, "%s%s", UNDOCS, symbol);
    return w > 0 && (size_t)w < size;
}

/* The link of b that is a UN document outside the corpus, lies whole on line and has a URL;
 * NULL when link i is none of that. */
static const struct block_link *
external_link(const struct block *b, size_t i, const struct block_line *line, char *url,
              size_t size)
{
    const struct block_link *l = &b->links[i];
    bool document = l->ref->kind == REF_DOCUMENT || l->ref->kind == REF_RESOLUTION;
    if (!l->ref->external || !document || l->span.start < line->start || l->span.end > line->end ||
        l->span.end <= l->span.start)
        return NULL;
    return hyperlink_url(l->ref->to, url, size) ? l : NULL;
}

/* Writes s[0, n) as cli_put does. */
static void
put_part(FILE *out, const char *s, size_t n)
{
    char buf[1024];
    while (n > 0) {
        size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
        cli_put(out, buf);
        s += k;
        n -= k;
    }
}

void
hyperlink_put_line(FILE *out, const char *text, const struct block *b,
                   const struct block_line *line)
{
    const char *rest = text; /* what is not written yet; links are in text order */
    for (size_t i = 0; i < b->nlinks && !line->label_only; i++) {
        char url[256];
        const struct block_link *l = external_link(b, i, line, url, sizeof url);
        if (l == NULL)
            continue;
        /* the line holds the link's bytes as they are (only tabs are expanded) */
        size_t n = l->span.end - l->span.start;
        char words[512];
        if (n >= sizeof words)
            continue;
        memcpy(words, b->text + l->span.start, n);
        words[n] = '\0';
        const char *at = strstr(rest, words);
        if (at == NULL)
            continue;
        put_part(out, rest, (size_t)(at - rest));
        fprintf(out, "\033]8;;%s\033\\", url);
        put_part(out, at, n);
        fputs("\033]8;;\033\\", out);
        rest = at + n;
    }
    cli_put(out, rest);
}
