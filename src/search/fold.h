/* Search keys: text folded for matching (NFKC + case folding, footnote markers dropped),
 * with a map from every key byte back to the original bytes for highlighting. */
#ifndef NDVR_FOLD_H
#define NDVR_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "text/wrap.h"

struct fold_key {
    char *key;         /* folded UTF-8, NUL-terminated (owned) */
    size_t len;        /* bytes of key */
    size_t *from;      /* from[i]: start in the original of the cluster key byte i came from */
    size_t *to;        /* to[i]: end of that cluster in the original */
};

/* Folds s[0..n) grapheme cluster by cluster. Superscript digits and the `skip` spans
 * (footnote markers written as plain digits) fold to nothing. */
void fold_text(const char *s, size_t n, const struct wrap_span *skip, size_t nskip,
               struct fold_key *out);
/* Folds a query (no map needed, but one is made all the same). */
void fold_query(const char *q, struct fold_key *out);
void fold_key_free(struct fold_key *k);

/* True when key bytes [a, b) start and end on cluster boundaries of the original. */
bool fold_is_boundary_match(const struct fold_key *k, size_t a, size_t b);
/* The original byte range of key bytes [a, b). */
void fold_original_range(const struct fold_key *k, size_t a, size_t b, size_t *start,
                         size_t *end);

#endif
