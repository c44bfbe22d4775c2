/* A search hit with the words around it, on one line: what `ndvr search` prints and the
 * reader's list of matches shows. Context is cut on grapheme clusters, by display columns.
 * A snippet reads a few hundred bytes on each side of its hit, never the whole field: its
 * cost does not grow with the field's size. */
#ifndef NDVR_SNIPPET_H
#define NDVR_SNIPPET_H

#include <stddef.h>

#include "search/search.h"

struct strbuf;

struct snippet {
    char *text; /* owned: "…context match context…", tabs and breaks as spaces */
    size_t mark_start, mark_end; /* bytes of text that are the match */
};

/* The snippet of hit (one that search_run found in the field) with up to context_cols
 * columns on each side. */
void snippet_make(const struct search_hit *hit, int context_cols, struct snippet *out);
/* The same text appended to sb (a buffer reused from hit to hit spares an allocation each);
 * *mark_start and *mark_end are the match's bytes in sb. */
void snippet_append(const struct search_hit *hit, int context_cols, struct strbuf *sb,
                    size_t *mark_start, size_t *mark_end);
void snippet_free(struct snippet *s);

#endif
