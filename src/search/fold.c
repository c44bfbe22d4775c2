/* Folding text into search keys: a fast path for clusters of one plain code point (most of
 * the text), u8_casefold for the rest; the map kept only where key and original differ in
 * length. */
#include "search/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/xalloc.h"

void
fold_buf_init(struct fold_buf *b)
{
    memset(b, 0, sizeof *b);
}

void
fold_buf_fini(struct fold_buf *b)
{
    free(b->key);
    free(b->spans);
    free(b->breaks);
    free(b->skip);
    free(b->cache);
    memset(b, 0, sizeof *b);
}

/* --- Code points ------------------------------------------------------------------------- */

/* fold_is_plain, inlined where every code point goes through it. */
static inline bool
is_plain(uint32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c < 0x7F; /* controls, CR and LF have breaking rules of their own */
    if (c >= 0x4E00 && c <= 0x9FFF)   /* CJK ideographs; tests check this against libunistring */
        return true;
    return uc_graphemeclusterbreak_property(c) == GBP_OTHER &&
           !uc_is_property_extended_pictographic(c);
}

bool
fold_is_plain(uint32_t c)
{
    return is_plain(c);
}

/* Decodes the code point at s[i] into *c and returns its length. *valid is false for a
 * malformed sequence; its length is then the one u8_grapheme_breaks steps over. */
static inline size_t
decode(const uint8_t *s, size_t n, size_t i, ucs4_t *c, bool *valid)
{
    uint8_t b0 = s[i];
    *valid = true;
    if (b0 < 0x80) {
        *c = b0;
        return 1;
    }
    /* three bytes led by E1..EC, EE, EF cannot be overlong or a surrogate: most of Chinese */
    if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
        *c = ((ucs4_t)(b0 & 0x0F) << 12) | ((ucs4_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        return 3;
    }
    int len = u8_mbtoucr(c, s + i, n - i);
    if (len > 0)
        return (size_t)len;
    *valid = false;
    return (size_t)u8_mbtouc(c, s + i, n - i);
}

/* --- Output ------------------------------------------------------------------------------ */

/* Keys and spans hold uint32_t offsets; a field whose key reaches 4 GiB is far beyond what
 * the corpus loader accepts. */
static inline void
check_size(size_t n)
{
    if (n >= UINT32_MAX) {
        fprintf(stderr, "ndvr: a search key would exceed 4 GiB\n");
        abort();
    }
}

static inline void
key_reserve(struct fold_buf *b, size_t more)
{
    check_size(b->len + more);
    if (b->len + more + 1 > b->cap)
        b->key = xgrow(b->key, &b->cap, b->len + more + 1, 1);
}

/* Notes that the cluster ending at orig_end gave key bytes [key_start, len). */
static void
push_span(struct fold_buf *b, size_t key_start, size_t orig_end)
{
    b->spans = xgrow(b->spans, &b->spans_cap, b->nspans + 1, sizeof *b->spans);
    b->spans[b->nspans++] =
        (struct fold_span){(uint32_t)key_start, (uint32_t)b->len, (uint32_t)orig_end};
}

/* Appends the folded bytes of the cluster s[start, end). */
static void
emit(struct fold_buf *b, const char *bytes, size_t len, size_t end, bool aligned)
{
    key_reserve(b, len);
    size_t key_start = b->len;
    memcpy(b->key + b->len, bytes, len);
    b->len += len;
    if (!aligned)
        push_span(b, key_start, end);
}

/* --- Skip spans -------------------------------------------------------------------------- */

static int
cmp_span_start(const void *a, const void *b)
{
    const struct wrap_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Keeps the skip spans sorted and merged, so that one cursor walks them with the text. */
static void
set_skip(struct fold_buf *b, const struct wrap_span *skip, size_t nskip)
{
    b->nskip = b->skip_at = 0;
    if (nskip == 0)
        return;
    b->skip = xgrow(b->skip, &b->skip_cap, nskip, sizeof *b->skip);
    memcpy(b->skip, skip, nskip * sizeof *skip);
    qsort(b->skip, nskip, sizeof *skip, cmp_span_start);
    size_t k = 0;
    for (size_t i = 0; i < nskip; i++) {
        struct wrap_span sp = b->skip[i];
        if (sp.end <= sp.start)
            continue;
        if (k > 0 && sp.start <= b->skip[k - 1].end) {
            if (sp.end > b->skip[k - 1].end)
                b->skip[k - 1].end = sp.end;
        } else {
            b->skip[k++] = sp;
        }
    }
    b->nskip = k;
}

/* Whether a cluster starting at pos is skipped; pos never goes back within a run. */
static inline bool
in_skip(struct fold_buf *b, size_t pos)
{
    while (b->skip_at < b->nskip && b->skip[b->skip_at].end <= pos)
        b->skip_at++;
    return b->skip_at < b->nskip && b->skip[b->skip_at].start <= pos;
}

/* --- Clusters ---------------------------------------------------------------------------- */

static struct fold_cache_entry *
cache_slot(struct fold_buf *b, ucs4_t c)
{
    if (b->cache == NULL)
        b->cache = xcalloc(FOLD_CACHE_SIZE, sizeof *b->cache);
    return &b->cache[(c * 2654435761u) >> 24 & (FOLD_CACHE_SIZE - 1)];
}

/* Folds the cluster s[start, end) with libunistring (or keeps it as it is when it cannot be
 * folded: malformed UTF-8). A result that fits the stack buffer costs no allocation of ours.
 * one: the cluster's code point when it is only one (then the result is cached), or NULL. */
static void
emit_casefold(struct fold_buf *b, const char *s, size_t start, size_t end, const ucs4_t *one)
{
    uint8_t buf[64];
    size_t len = sizeof buf;
    uint8_t *folded =
        u8_casefold((const uint8_t *)s + start, end - start, NULL, UNINORM_NFKC, buf, &len);
    if (folded == NULL) {
        emit(b, s + start, end - start, end, false);
        return;
    }
    ucs4_t c;
    bool aligned = one != NULL && len == end - start && u8_mbtoucr(&c, folded, len) == (int)len;
    emit(b, (const char *)folded, len, end, aligned);
    if (one != NULL && len <= FOLD_CACHE_BYTES) {
        struct fold_cache_entry *e = cache_slot(b, *one);
        e->cp = *one;
        e->len = (uint8_t)len;
        e->aligned = aligned;
        memcpy(e->bytes, folded, len);
    }
    if (folded != buf)
        free(folded);
}

/* A cluster of the one valid code point c, s[start, end). */
static inline void
emit_single(struct fold_buf *b, const char *s, size_t start, size_t end, ucs4_t c)
{
    if (in_skip(b, start) || wrap_is_superscript_digit(c)) {
        push_span(b, b->len, end);
        return;
    }
    if (c < 0x80) {
        key_reserve(b, 1);
        b->key[b->len++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        return;
    }
    if (c >= 0x4E00 && c <= 0x9FFF) { /* ideographs fold to themselves */
        key_reserve(b, 3);
        memcpy(b->key + b->len, s + start, 3);
        b->len += 3;
        return;
    }
    struct fold_cache_entry *e = cache_slot(b, c);
    if (e->cp == c)
        emit(b, e->bytes, e->len, end, e->aligned);
    else
        emit_casefold(b, s, start, end, &c);
}

/* Any cluster s[start, end) found by the full breaking rules. */
static void
emit_cluster(struct fold_buf *b, const char *s, size_t start, size_t end)
{
    ucs4_t c;
    bool valid;
    size_t len = decode((const uint8_t *)s, end, start, &c, &valid);
    if (valid && start + len == end) {
        emit_single(b, s, start, end, c);
        return;
    }
    if (in_skip(b, start) || wrap_is_superscript_digit(c)) {
        push_span(b, b->len, end);
        return;
    }
    emit_casefold(b, s, start, end, NULL);
}

/* The end of the slow part that starts at p: the first place after it between two plain code
 * points, where clusters break whatever came before, or n. */
static size_t
slow_part_end(const uint8_t *s, size_t n, size_t p)
{
    ucs4_t c;
    bool valid;
    size_t q = p + decode(s, n, p, &c, &valid);
    bool prev_plain = valid && is_plain(c);
    while (q < n) {
        size_t len = decode(s, n, q, &c, &valid);
        bool plain = valid && is_plain(c);
        if (prev_plain && plain)
            return q;
        prev_plain = plain;
        q += len;
    }
    return n;
}

/* Folds s[p, end) with the full grapheme cluster rules. p is a cluster start with plain code
 * points before it (or the start of s), so breaking it alone gives the breaks the whole text
 * would. */
static void
fold_slow_part(struct fold_buf *b, const char *s, size_t p, size_t end)
{
    b->breaks = xgrow(b->breaks, &b->breaks_cap, end - p, 1);
    u8_grapheme_breaks((const uint8_t *)s + p, end - p, b->breaks);
    size_t start = p;
    for (size_t i = p + 1; i <= end; i++)
        if (i == end || b->breaks[i - p]) {
            emit_cluster(b, s, start, i);
            start = i;
        }
}

bool
fold_buf_run(struct fold_buf *b, const char *s, size_t n, const struct wrap_span *skip,
             size_t nskip)
{
    const uint8_t *u = (const uint8_t *)s;
    b->len = b->nspans = 0;
    set_skip(b, skip, nskip);
    key_reserve(b, n);
    size_t p = 0;
    ucs4_t c = 0, d = 0;
    bool cv = false, dv = false;
    size_t cl = n > 0 ? decode(u, n, 0, &c, &cv) : 0;
    bool c_plain = cv && is_plain(c);
    while (p < n) {
        size_t q = p + cl, dl = 0;
        bool d_plain = false;
        if (q < n) {
            dl = decode(u, n, q, &d, &dv);
            d_plain = dv && is_plain(d);
        }
        if (cv && (q == n || (c_plain && d_plain))) { /* one code point, a cluster alone */
            emit_single(b, s, p, q, c);
            p = q, c = d, cv = dv, cl = dl, c_plain = d_plain;
            continue;
        }
        q = slow_part_end(u, n, p);
        fold_slow_part(b, s, p, q);
        p = q;
        if (p < n) {
            cl = decode(u, n, p, &c, &cv);
            c_plain = cv && is_plain(c);
        }
    }
    key_reserve(b, 0);
    b->key[b->len] = '\0';
    return b->nspans == 0 && b->len == n && memcmp(b->key, s, n) == 0;
}

struct fold_view
fold_buf_view(const struct fold_buf *b, size_t orig_len)
{
    return (struct fold_view){b->key, b->len, orig_len, b->spans, b->nspans};
}

void
fold_query_n(const char *q, size_t n, struct fold_key *out)
{
    struct fold_buf b;
    fold_buf_init(&b);
    fold_buf_run(&b, q, n, NULL, 0);
    out->key = xstrndup(b.key, b.len);
    out->len = b.len;
    fold_buf_fini(&b);
}

void
fold_query(const char *q, struct fold_key *out)
{
    fold_query_n(q, strlen(q), out);
}

void
fold_key_free(struct fold_key *k)
{
    free(k->key);
    k->key = NULL;
    k->len = 0;
}

/* --- The map ----------------------------------------------------------------------------- */

/* How many spans start at or before key byte pos. */
static size_t
spans_upto(const struct fold_view *k, size_t pos)
{
    size_t lo = 0, hi = k->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->spans[mid].key_start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Original minus key offset after span i, which the lined-up bytes after it keep: negative
 * where folding lengthened the text. */
static int64_t
delta_after(const struct fold_view *k, size_t i)
{
    return (int64_t)k->spans[i].orig_end - (int64_t)k->spans[i].key_end;
}

bool
fold_is_boundary(const struct fold_view *k, size_t pos)
{
    if (pos == 0 || pos >= k->len)
        return true;
    size_t i = spans_upto(k, pos);
    if (i > 0) {
        const struct fold_span *sp = &k->spans[i - 1];
        if (pos < sp->key_end)
            return pos == sp->key_start;
        if (pos == sp->key_end)
            return true;
    }
    return ((unsigned char)k->key[pos] & 0xC0) != 0x80; /* lined up: a code point, a cluster */
}

bool
fold_is_boundary_match(const struct fold_view *k, size_t a, size_t b)
{
    return a < b && fold_is_boundary(k, a) && fold_is_boundary(k, b);
}

/* Where the cluster of key byte a starts in the original. */
static size_t
original_start(const struct fold_view *k, size_t a)
{
    if (a >= k->len)
        return k->orig_len;
    size_t i = spans_upto(k, a);
    if (i > 0 && a < k->spans[i - 1].key_end) /* inside span i - 1: where it starts */
        return (size_t)(k->spans[i - 1].key_start + (i >= 2 ? delta_after(k, i - 2) : 0));
    /* lined up: the start of the code point, which starts after the span before at the
     * earliest */
    size_t limit = i > 0 ? k->spans[i - 1].key_end : 0;
    while (a > limit && ((unsigned char)k->key[a] & 0xC0) == 0x80)
        a--;
    return (size_t)((int64_t)a + (i > 0 ? delta_after(k, i - 1) : 0));
}

/* Where the cluster of key byte x ends in the original. */
static size_t
original_end(const struct fold_view *k, size_t x)
{
    size_t i = spans_upto(k, x);
    if (i > 0 && x < k->spans[i - 1].key_end)
        return k->spans[i - 1].orig_end;
    /* lined up: the end of the code point, which ends before the next span at the latest */
    size_t e = x + 1, limit = i < k->nspans ? k->spans[i].key_start : k->len;
    while (e < limit && ((unsigned char)k->key[e] & 0xC0) == 0x80)
        e++;
    return (size_t)((int64_t)e + (i > 0 ? delta_after(k, i - 1) : 0));
}

void
fold_original_range(const struct fold_view *k, size_t a, size_t b, size_t *start, size_t *end)
{
    *start = original_start(k, a);
    *end = b > a ? original_end(k, b - 1) : *start;
}
