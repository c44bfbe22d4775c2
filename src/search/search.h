/* The search engine: literal or regular-expression queries over the folded keys of every
 * node's searchable fields, hits in document order. Nothing here prints.
 *
 * Keys (search/fold.h) are flat arrays of uint32_t offsets: per field, the folded bytes only
 * when folding changes the text (else the field's own string is its key), and a map only of
 * the clusters whose key bytes do not line up with the text's. The same arrays can be written
 * out (search_keys_serialize) and searched in place from a read-only image of them
 * (search_index_from_image), so that a program need not fold the corpus at all.
 *
 * Ownership: a struct search_index borrows its corpus (which must outlive it). An index from
 * search_index_new owns the keys it folds: each node is folded once, on its first search, and
 * kept until search_index_free(); queries never refold. An index from an image borrows the
 * image's bytes, which must outlive it. A struct search_hits owns its array; the nodes its
 * hits point to belong to the corpus.
 *
 * Cost: folding is linear in the text (about 4 ns a byte); a query is linear in the keys it
 * reads plus, per hit, logarithmic in the field's map, however many hits one field holds. */
#ifndef NDVR_SEARCH_H
#define NDVR_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "util/diag.h"

/* The searchable fields of a node, in the order hits within one node are reported. */
enum search_field {
    SEARCH_FIELD_SYMBOL, /* a working paper's symbol, as Annex II prints it */
    SEARCH_FIELD_TITLE,  /* node->title (a working paper's title from Annex II, a heading) */
    SEARCH_FIELD_NAME,   /* an expert's or a country's name */
    SEARCH_FIELD_ROLE,   /* an expert's role */
    SEARCH_FIELD_TEXT,   /* node->text, footnote markers ignored */
    SEARCH_FIELD_COUNT
};

/* "symbol", "title", "name", "role", "text"; "?" out of range. */
const char *search_field_name(enum search_field field);
/* The original string of the field, or NULL when the node has no such field (or it is
 * empty). Hit offsets index this string. */
const char *search_field_string(const struct node *node, enum search_field field);

struct search_hit {
    const struct node *node;
    enum search_field field;
    size_t offset, length; /* bytes of search_field_string(node, field); whole clusters */
};

struct search_hits {
    struct search_hit *v; /* owned */
    size_t n, cap;
};

struct search_query {
    const char *text; /* literal text, or a POSIX extended regex when regex is set */
    bool regex;
    const struct node *scope; /* search only this node's subtree; NULL: the whole corpus */
};

struct search_index;
struct strbuf;

/* A new, empty index over corpus (borrowed). Never NULL. */
struct search_index *search_index_new(const struct corpus *corpus);
/* Folds the keys of every node now, so that later queries only match. Optional. */
void search_index_build_all(struct search_index *index);
/* NULL is a no-op. */
void search_index_free(struct search_index *index);

/* Appends every hit of query to *hits (in document order, then field order, then offset;
 * non-overlapping, left to right within a field). Returns false and fills d when the query
 * cannot run: empty (also after folding), an invalid regular expression (the message names
 * the pattern and says why), or no UTF-8 locale for regular expressions. Both kinds of
 * query match case and width insensitively (NFKC + case folding), ignore footnote markers
 * and only match whole grapheme clusters. */
bool search_run(struct search_index *index, const struct search_query *query,
                struct search_hits *hits, struct diag *d);
void search_hits_free(struct search_hits *hits);

/* --- Stored keys ---------------------------------------------------------------------------
 * The bytes are: six uint32_t (magic "NSK1", version 1, nodes, records, spans, key bytes);
 * then per node the index of its first record; the records (one per field the node has, in
 * field order, nodes in corpus order: key offset or UINT32_MAX for "the field itself", key
 * bytes, field bytes, first span, spans); the spans (struct fold_span); the keys, each
 * NUL-terminated. Words are in the machine's byte order: an image is for the machine that
 * wrote it. Identical corpora give identical bytes. */

/* Folds every key not folded yet and appends them all to out. Returns false only when they
 * cannot be written (never, today: offsets already fit). */
bool search_keys_serialize(struct search_index *index, struct strbuf *out);
/* An index whose keys are bytes[0..n) as search_keys_serialize wrote them for this corpus,
 * used in place (read-only; bytes must be 4-byte aligned and outlive the index; d may be
 * NULL). Everything is bounds-checked against the corpus first: the header, every record
 * against its field's length, every span against its key and field (on character
 * boundaries); of the keys' bytes only each one's closing NUL is read, so their pages stay
 * untouched until a search reads them (2.8 ms for a corpus 100 times the seeds, 13.5 MB of
 * keys). Damaged or foreign bytes give NULL and a message in d, never a read out of bounds.
 * Key bytes changed within their bounds can only give wrong hits, never one outside its field
 * or cutting a character. */
struct search_index *search_index_from_image(const struct corpus *corpus, const void *bytes,
                                             size_t n, struct diag *d);
/* The index a program searches with: the keys the corpus image carries (corpus_attachment()),
 * else a new index that folds on demand. Never NULL. */
struct search_index *search_index_open(const struct corpus *corpus);

#endif
