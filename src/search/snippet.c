/* Snippets: a hit and its context on one line. Only a window of bytes on each side of the hit
 * is read, so a snippet costs the same in a title and in a paragraph of megabytes. */
#include "search/snippet.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

#include "search/fold.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Bytes read on each side of a hit: far more than cols columns of any ordinary text (a
 * cluster of one character is at most 4 bytes and 2 columns wide). */
static size_t
window_bytes(int cols)
{
    return 256 + 32 * (size_t)(cols > 0 ? cols : 0);
}

/* Where cluster breaking can start, at most `window` bytes before `at`: the string's start, or
 * the first place between two plain code points, where clusters break whatever came before
 * (fold_is_plain). Text without one for a whole window (no such pair in a row) starts at the
 * window's first character, and its first cluster may come out split. */
static size_t
sync_before(const char *s, size_t at, size_t window)
{
    if (at <= window)
        return 0;
    size_t p = at - window;
    while (p < at && ((unsigned char)s[p] & 0xC0) == 0x80)
        p++;
    size_t first = p;
    bool prev_plain = false;
    while (p < at) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, (const uint8_t *)s + p, at - p);
        bool plain = len > 0 && fold_is_plain(c);
        if (prev_plain && plain)
            return p;
        prev_plain = plain;
        p += len > 0 ? (size_t)len : 1;
    }
    return first;
}

/* The plain code point that ends at `at`, or false. */
static bool
plain_before(const char *s, size_t at, size_t *start)
{
    size_t p = at - 1;
    while (p > 0 && at - p < 4 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    ucs4_t c;
    *start = p;
    return u8_mbtoucr(&c, (const uint8_t *)s + p, at - p) == (int)(at - p) && fold_is_plain(c);
}

/* The plain code point that starts at `at` (not the string's end), or false. */
static bool
plain_after(const char *s, size_t at, size_t *end)
{
    ucs4_t c;
    int len = u8_mbtoucr(&c, (const uint8_t *)s + at, 4);
    *end = at + (size_t)(len > 0 ? len : 0);
    return len > 0 && fold_is_plain(c);
}

/* The start of the cluster that ends at the cluster boundary `at`, when it needs no breaking
 * rules: one plain code point after another one, or at the string's start. */
static bool
simple_cluster_before(const char *s, size_t at, size_t *prev)
{
    size_t before;
    return plain_before(s, at, prev) && (*prev == 0 || plain_before(s, *prev, &before));
}

/* The same after `at`: a plain code point and another one, or the string's end, after it. */
static bool
simple_cluster_after(const char *s, size_t at, size_t *next)
{
    size_t after;
    return plain_after(s, at, next) && (s[*next] == '\0' || plain_after(s, *next, &after));
}

/* Moves *start back by whole clusters while they fit in cols_max columns, reading at most
 * about `window` bytes: one code point at a time through plain text, with the breaking rules
 * (from a place where they can start) through the rest. */
static void
widen_back(const char *s, int cols_max, size_t window, size_t *start)
{
    size_t limit = *start > window ? *start - window : 0, prev;
    int cols = 0;
    while (*start > limit && simple_cluster_before(s, *start, &prev)) {
        cols += text_width(s + prev, *start - prev);
        if (cols > cols_max)
            return;
        *start = prev;
    }
    size_t at = *start, w = sync_before(s, at, at - limit);
    if (w == at)
        return;
    char *breaks = xmalloc(at - w);
    u8_grapheme_breaks((const uint8_t *)s + w, at - w, breaks);
    while (*start > w) {
        prev = *start - 1;
        while (prev > w && !breaks[prev - w])
            prev--;
        cols += text_width(s + prev, *start - prev);
        if (cols > cols_max)
            break;
        *start = prev;
    }
    free(breaks);
}

/* Moves *end on by whole clusters while they fit in cols_max columns, reading at most about
 * `window` bytes. *end is a cluster boundary, so breaking from it needs nothing before it. */
static void
widen_forward(const char *s, int cols_max, size_t window, size_t *end)
{
    size_t limit = *end + window, next;
    int cols = 0;
    while (*end < limit && s[*end] != '\0' && simple_cluster_after(s, *end, &next)) {
        cols += text_width(s + *end, next - *end);
        if (cols > cols_max)
            return;
        *end = next;
    }
    size_t at = *end, lim = at + strnlen(s + at, limit > at ? limit - at : 0);
    bool at_end = s[lim] == '\0';
    while (!at_end && lim > at && ((unsigned char)s[lim] & 0xC0) == 0x80)
        lim--;
    if (lim <= at)
        return;
    char *breaks = xmalloc(lim - at);
    u8_grapheme_breaks((const uint8_t *)s + at, lim - at, breaks);
    while (*end < lim) {
        next = *end + 1;
        while (next < lim && !breaks[next - at])
            next++;
        if (next == lim && !at_end) /* the window may cut this cluster */
            break;
        cols += text_width(s + *end, next - *end);
        if (cols > cols_max)
            break;
        *end = next;
    }
    free(breaks);
}

/* Appends s[a, b) with line breaks and tabs as spaces: a snippet is one line. */
static void
append_flat(struct strbuf *sb, const char *s, size_t a, size_t b)
{
    while (a < b) {
        size_t run = a;
        while (run < b && s[run] != '\n' && s[run] != '\t')
            run++;
        sb_append(sb, s + a, run - a);
        if (run < b)
            sb_putc(sb, ' ');
        a = run + 1;
    }
}

void
snippet_make(const struct search_hit *hit, int context_cols, struct snippet *out)
{
    const char *s = search_field_string(hit->node, hit->field);
    size_t offset = s != NULL ? hit->offset : 0, window = window_bytes(context_cols);
    s = s != NULL ? s : "";
    /* the hit's bytes, fewer if the string ends before (a hit from another field) */
    size_t hit_end = offset + strnlen(s + offset, hit->length);
    size_t start = offset, end = hit_end;
    widen_back(s, context_cols, window, &start);
    widen_forward(s, context_cols, window, &end);
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, start > 0 ? "…" : "");
    append_flat(&sb, s, start, offset);
    out->mark_start = sb.len;
    append_flat(&sb, s, offset, hit_end);
    out->mark_end = sb.len;
    append_flat(&sb, s, hit_end, end);
    sb_puts(&sb, s[end] != '\0' ? "…" : "");
    out->text = sb_detach(&sb);
}

void
snippet_free(struct snippet *s)
{
    free(s->text);
    s->text = NULL;
}
