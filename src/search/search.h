/* The search engine: literal or regular-expression queries over the folded keys of every
 * node's searchable fields, hits in document order. Nothing here prints.
 *
 * Ownership: a struct search_index borrows its corpus (which must outlive it) and owns the
 * keys it folds. Keys are folded once, on a node's first search, and kept until
 * search_index_free(): queries never refold. A struct search_hits owns its array; the nodes
 * its hits point to belong to the corpus. */
#ifndef NDVR_SEARCH_H
#define NDVR_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "util/diag.h"

/* The searchable fields of a node, in the order hits within one node are reported. */
enum search_field {
    SEARCH_FIELD_SYMBOL,  /* a working paper's symbol, as Annex II prints it */
    SEARCH_FIELD_TITLE,   /* node->title (a working paper's title from Annex II, a heading) */
    SEARCH_FIELD_NAME,    /* an expert's or a country's name */
    SEARCH_FIELD_ROLE,    /* an expert's role */
    SEARCH_FIELD_TEXT,    /* node->text, footnote markers ignored */
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
    size_t offset, length;  /* bytes of search_field_string(node, field); whole clusters */
};

struct search_hits {
    struct search_hit *v;  /* owned */
    size_t n, cap;
};

struct search_query {
    const char *text;          /* literal text, or a POSIX extended regex when regex is set */
    bool regex;
    const struct node *scope;  /* search only this node's subtree; NULL: the whole corpus */
};

struct search_index;

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

#endif
