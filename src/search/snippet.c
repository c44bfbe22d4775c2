/* Snippets: a hit and its context on one line. */
#include "search/snippet.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>

#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The cluster start before `at`, given the cluster starts of the string. */
static size_t
cluster_before(const char *starts, size_t at)
{
    size_t i = at - 1;
    while (i > 0 && !starts[i])
        i--;
    return i;
}

static size_t
cluster_after(const char *starts, size_t n, size_t at)
{
    size_t i = at + 1;
    while (i < n && !starts[i])
        i++;
    return i;
}

/* Widens [*start, *end) by whole grapheme clusters while each side stays within cols. */
static void
widen(const char *s, size_t n, int cols_max, size_t *start, size_t *end)
{
    char *starts = xcalloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)s, n, starts);
    int cols = 0;
    while (*start > 0) {
        size_t prev = cluster_before(starts, *start);
        cols += text_width(s + prev, *start - prev);
        if (cols > cols_max)
            break;
        *start = prev;
    }
    cols = 0;
    while (*end < n) {
        size_t next = cluster_after(starts, n, *end);
        cols += text_width(s + *end, next - *end);
        if (cols > cols_max)
            break;
        *end = next;
    }
    free(starts);
}

/* Appends s[a, b) with line breaks and tabs as spaces: a snippet is one line. */
static void
append_flat(struct strbuf *sb, const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        sb_putc(sb, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
}

void
snippet_make(const struct search_hit *hit, int context_cols, struct snippet *out)
{
    const char *s = search_field_string(hit->node, hit->field);
    s = s != NULL ? s : "";
    size_t n = strlen(s), hit_end = hit->offset + hit->length;
    hit_end = hit_end < n ? hit_end : n;
    size_t start = hit->offset < n ? hit->offset : n, end = hit_end;
    widen(s, n, context_cols, &start, &end);
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, start > 0 ? "…" : "");
    append_flat(&sb, s, start, hit->offset < n ? hit->offset : n);
    out->mark_start = sb.len;
    append_flat(&sb, s, hit->offset < n ? hit->offset : n, hit_end);
    out->mark_end = sb.len;
    append_flat(&sb, s, hit_end, end);
    sb_puts(&sb, end < n ? "…" : "");
    out->text = sb_detach(&sb);
}

void
snippet_free(struct snippet *s)
{
    free(s->text);
    s->text = NULL;
}
