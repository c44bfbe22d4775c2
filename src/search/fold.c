/* Folding text into search keys. */
#include "search/fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static bool
in_skip(size_t pos, const struct wrap_span *skip, size_t nskip)
{
    for (size_t i = 0; i < nskip; i++)
        if (pos >= skip[i].start && pos < skip[i].end)
            return true;
    return false;
}

struct folder {
    struct strbuf key;
    size_t *from, *to;
    size_t cap;
};

static void
append_cluster(struct folder *f, const char *s, size_t start, size_t end)
{
    ucs4_t first;
    u8_mbtouc(&first, (const uint8_t *)s + start, end - start);
    if (wrap_is_superscript_digit(first))
        return;
    size_t len = 0;
    uint8_t *folded = u8_casefold((const uint8_t *)s + start, end - start, NULL, UNINORM_NFKC,
                                  NULL, &len);
    if (folded == NULL) { /* cannot fold (out of memory or invalid): keep as is */
        folded = xmalloc(end - start);
        memcpy(folded, s + start, end - start);
        len = end - start;
    }
    f->from = xgrow(f->from, &f->cap, f->key.len + len + 1, sizeof *f->from);
    f->to = xrealloc(f->to, f->cap * sizeof *f->to);
    for (size_t i = 0; i < len; i++) {
        f->from[f->key.len + i] = start;
        f->to[f->key.len + i] = end;
    }
    sb_append(&f->key, (const char *)folded, len);
    free(folded);
}

void
fold_text(const char *s, size_t n, const struct wrap_span *skip, size_t nskip,
          struct fold_key *out)
{
    struct folder f = {.key = STRBUF_INIT};
    char *starts = xcalloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)s, n, starts);
    size_t cluster = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !starts[i])
            continue;
        if (!in_skip(cluster, skip, nskip))
            append_cluster(&f, s, cluster, i);
        cluster = i;
    }
    free(starts);
    f.from = xgrow(f.from, &f.cap, f.key.len + 1, sizeof *f.from);
    f.to = xrealloc(f.to, f.cap * sizeof *f.to);
    f.from[f.key.len] = f.to[f.key.len] = n;
    out->len = f.key.len;
    out->key = sb_detach(&f.key);
    out->from = f.from;
    out->to = f.to;
}

void
fold_query(const char *q, struct fold_key *out)
{
    fold_text(q, strlen(q), NULL, 0, out);
}

void
fold_key_free(struct fold_key *k)
{
    free(k->key);
    free(k->from);
    free(k->to);
    memset(k, 0, sizeof *k);
}

bool
fold_is_boundary_match(const struct fold_key *k, size_t a, size_t b)
{
    bool starts_ok = a == 0 || k->from[a] != k->from[a - 1];
    bool ends_ok = b >= k->len || k->from[b] != k->from[b - 1];
    return a < b && starts_ok && ends_ok;
}

void
fold_original_range(const struct fold_key *k, size_t a, size_t b, size_t *start, size_t *end)
{
    *start = k->from[a];
    *end = b > a ? k->to[b - 1] : k->from[a];
}
