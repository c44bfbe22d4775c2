/* Search keys: text folded for matching (NFKC + case folding, footnote markers dropped), and
 * what it takes to map key bytes back to the original for highlighting.
 *
 * A key is the concatenation, grapheme cluster by grapheme cluster, of u8_casefold(cluster,
 * UNINORM_NFKC); a cluster that starts in a skip span or with a superscript digit folds to
 * nothing. Computing it that way, cluster by cluster, would be slow, so: between two plain
 * code points (fold_is_plain) a cluster always ends, so most text needs no breaking rules;
 * ASCII and CJK ideographs fold without libunistring, other single code points are folded
 * once and cached; only the rest goes through u8_grapheme_breaks and u8_casefold (into a stack
 * buffer). The result is the same, byte for byte (tests/unit/test_fold.c keeps the slow way as
 * the reference), at a few nanoseconds a byte and no allocation per cluster.
 *
 * Most clusters are one code point that folds to one code point of the same UTF-8 length (an
 * ideograph, an ASCII letter): their key bytes line up with the original's, one for one. Only
 * the other clusters are listed, as spans, so text that folding leaves alone costs no map at
 * all (and no key either: the original is the key). Between two spans, key byte k is original
 * byte k + delta, where delta is the previous span's orig_end - key_end (0 before the first
 * span), and every code point is a cluster of its own. Offsets are uint32_t so that keys can
 * be stored in a file as they are; a key must be shorter than 4 GiB (the corpus loader's file
 * limit keeps it far below). */
#ifndef NDVR_FOLD_H
#define NDVR_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/wrap.h"

/* A cluster whose key bytes do not line up with the original's. */
struct fold_span {
    uint32_t key_start, key_end; /* its key bytes; equal for a dropped cluster (a marker) */
    uint32_t orig_end;           /* where it ends in the original; it starts where the key
                                    bytes before it, lined up, end */
};

/* A key and its map, borrowed from whoever holds the bytes (a struct fold_buf, an index). */
struct fold_view {
    const char *key;               /* folded UTF-8, NUL-terminated */
    size_t len;                    /* bytes of key */
    size_t orig_len;               /* bytes of the original */
    const struct fold_span *spans; /* in key order */
    size_t nspans;
};

/* Single code points folded once and remembered (direct-mapped). */
enum { FOLD_CACHE_SIZE = 256, FOLD_CACHE_BYTES = 10 };
struct fold_cache_entry {
    uint32_t cp;  /* 0: empty (ASCII never goes through the cache) */
    uint8_t len;  /* bytes of the folded form */
    bool aligned; /* the folded form is one code point as long as the original */
    char bytes[FOLD_CACHE_BYTES];
};

/* Where keys are folded: buffers reused from field to field, so folding allocates only when
 * a field is longer than any before it. */
struct fold_buf {
    char *key; /* the last key folded, NUL-terminated */
    size_t len, cap;
    struct fold_span *spans; /* its spans */
    size_t nspans, spans_cap;
    char *breaks; /* cluster starts of the slow part being folded */
    size_t breaks_cap;
    struct wrap_span *skip; /* the skip spans, sorted and merged */
    size_t nskip, skip_cap, skip_at;
    struct fold_cache_entry *cache; /* FOLD_CACHE_SIZE of them, made on the first use */
};

void fold_buf_init(struct fold_buf *b);
void fold_buf_fini(struct fold_buf *b);
/* Folds s[0..n) into b (replacing what it held). Superscript digits and the `skip` spans
 * (footnote markers written as plain digits; any order, may overlap) fold to nothing. Returns
 * true when the key is s itself: the same bytes and no spans. */
bool fold_buf_run(struct fold_buf *b, const char *s, size_t n, const struct wrap_span *skip,
                  size_t nskip);
/* The key b holds, for an original of orig_len bytes; valid until b's next run. */
struct fold_view fold_buf_view(const struct fold_buf *b, size_t orig_len);

/* A folded string that owns its bytes, without a map: a query, or what a filter compares. */
struct fold_key {
    char *key;  /* NUL-terminated (owned) */
    size_t len; /* bytes of key */
};

/* Folds the NUL-terminated q, or q[0..n). */
void fold_query(const char *q, struct fold_key *out);
void fold_query_n(const char *q, size_t n, struct fold_key *out);
void fold_key_free(struct fold_key *k);

/* True when key byte pos starts a cluster's key bytes (or is 0 or the key's end). */
bool fold_is_boundary(const struct fold_view *k, size_t pos);
/* True when key bytes [a, b), a < b, start and end on cluster boundaries of the original. */
bool fold_is_boundary_match(const struct fold_view *k, size_t a, size_t b);
/* The original byte range of key bytes [a, b): from the start of the cluster key byte a
 * comes from to the end of the cluster key byte b - 1 comes from. */
void fold_original_range(const struct fold_view *k, size_t a, size_t b, size_t *start, size_t *end);

/* True for a code point between two of which a grapheme cluster always ends, whatever came
 * before (Grapheme_Cluster_Break Other, not Extended_Pictographic): breaking can restart
 * there without the text before. */
bool fold_is_plain(uint32_t c);

#endif
