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

/* A well-formed three-byte sequence at p led by E1..EC, EE or EF (never overlong, never a
 * surrogate): most of Chinese, decoded here rather than by a library call per character. */
static inline bool
decode3(const char *p, ucs4_t *c)
{
    const uint8_t *u = (const uint8_t *)p;
    if (u[0] < 0xE1 || u[0] > 0xEF || u[0] == 0xED || (u[1] & 0xC0) != 0x80 ||
        (u[2] & 0xC0) != 0x80)
        return false;
    *c = (ucs4_t)(u[0] & 0x0F) << 12 | (ucs4_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return true;
}

/* The plain code point that ends at `at`, or false. */
static bool
plain_before(const char *s, size_t at, size_t *start)
{
    ucs4_t c;
    if ((unsigned char)s[at - 1] < 0x80 || (at >= 3 && decode3(s + at - 3, &c))) {
        *start = (unsigned char)s[at - 1] < 0x80 ? at - 1 : at - 3;
        return fold_is_plain(*start == at - 1 ? (unsigned char)s[at - 1] : c);
    }
    size_t p = at - 1;
    while (p > 0 && at - p < 4 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    *start = p;
    return u8_mbtoucr(&c, (const uint8_t *)s + p, at - p) == (int)(at - p) && fold_is_plain(c);
}

/* The plain code point that starts at `at` (not the string's end), or false. */
static bool
plain_after(const char *s, size_t at, size_t *end)
{
    ucs4_t c;
    if ((unsigned char)s[at] < 0x80 || decode3(s + at, &c)) { /* decode3 stops at a NUL */
        *end = at + ((unsigned char)s[at] < 0x80 ? 1 : 3);
        return fold_is_plain(*end == at + 1 ? (unsigned char)s[at] : c);
    }
    int len = u8_mbtoucr(&c, (const uint8_t *)s + at, 4);
    *end = at + (size_t)(len > 0 ? len : 0);
    return len > 0 && fold_is_plain(c);
}

/* The code points before `at` one by one while each is plain and so is the one before it (or
 * it starts the string): each is then a cluster of its own. Each code point is looked at once,
 * though each step asks about two. */
struct plain_walk {
    const char *s;
    size_t prev; /* where the plain code point next to the boundary reached starts (back) or
                    ends (forward), when prev_ok */
    bool prev_ok;
};

static bool
walk_back(struct plain_walk *w, size_t *prev)
{
    size_t before = 0;
    if (!w->prev_ok)
        return false;
    *prev = w->prev;
    w->prev_ok = *prev > 0 && plain_before(w->s, *prev, &before);
    w->prev = before;
    return *prev == 0 || w->prev_ok;
}

/* The same after `at`: a plain code point, then another one or the string's end. */
static bool
walk_forward(struct plain_walk *w, size_t *next)
{
    size_t after = 0;
    if (!w->prev_ok)
        return false;
    *next = w->prev;
    w->prev_ok = w->s[*next] != '\0' && plain_after(w->s, *next, &after);
    w->prev = after;
    return w->s[*next] == '\0' || w->prev_ok;
}

/* Moves *start back by whole clusters while they fit in cols_max columns, reading at most
 * about `window` bytes: one code point at a time through plain text, with the breaking rules
 * (from a place where they can start) through the rest. */
static void
widen_back(const char *s, int cols_max, size_t window, size_t *start)
{
    size_t limit = *start > window ? *start - window : 0, prev;
    int cols = 0;
    struct plain_walk pw = {s, 0, false};
    pw.prev_ok = *start > 0 && plain_before(s, *start, &pw.prev);
    while (*start > limit && walk_back(&pw, &prev)) {
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
    struct plain_walk pw = {s, 0, false};
    pw.prev_ok = s[*end] != '\0' && plain_after(s, *end, &pw.prev);
    while (*end < limit && s[*end] != '\0' && walk_forward(&pw, &next)) {
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
snippet_append(const struct search_hit *hit, int context_cols, struct strbuf *sb,
               size_t *mark_start, size_t *mark_end)
{
    const char *s = search_field_string(hit->node, hit->field);
    size_t offset = s != NULL ? hit->offset : 0, window = window_bytes(context_cols);
    s = s != NULL ? s : "";
    /* the hit's bytes, fewer if the string ends before (a hit from another field) */
    size_t hit_end = offset + strnlen(s + offset, hit->length);
    size_t start = offset, end = hit_end;
    widen_back(s, context_cols, window, &start);
    widen_forward(s, context_cols, window, &end);
    sb_puts(sb, start > 0 ? "…" : "");
    append_flat(sb, s, start, offset);
    *mark_start = sb->len;
    append_flat(sb, s, offset, hit_end);
    *mark_end = sb->len;
    append_flat(sb, s, hit_end, end);
    sb_puts(sb, s[end] != '\0' ? "…" : "");
}

void
snippet_make(const struct search_hit *hit, int context_cols, struct snippet *out)
{
    struct strbuf sb = STRBUF_INIT;
    snippet_append(hit, context_cols, &sb, &out->mark_start, &out->mark_end);
    out->text = sb_detach(&sb);
}

void
snippet_free(struct snippet *s)
{
    free(s->text);
    s->text = NULL;
}
