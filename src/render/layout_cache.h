/* Laid-out nodes, cached per (node, width): a node is rendered and wrapped the first time it
 * is shown at a width, and never again while it stays in the cache. Reading a document only
 * lays out what reaches the screen; a keypress costs what is newly shown, not the corpus. */
#ifndef NDVR_LAYOUT_CACHE_H
#define NDVR_LAYOUT_CACHE_H

#include <stddef.h>

#include "render/blocks.h"

/* One node's own blocks (render_opts.own_only) and their lines at one width. */
struct laid_node {
    const struct node *node;
    int width;
    struct block_list blocks;
    struct block_line **lines; /* lines[i]: the lines of blocks.v[i] */
    size_t *nlines;
    int nrows; /* screen rows: every line, plus blank lines between blocks */
};

struct layout_cache;

/* A cache holding at most `capacity` laid-out nodes (older ones are dropped when full).
 * opts are copied; own_only is forced on. */
struct layout_cache *layout_cache_new(const struct render_opts *opts, size_t capacity);
void layout_cache_free(struct layout_cache *cache);
/* The node laid out at width, from the cache or made now. The pointer stays valid until the
 * next call that lays out a node not in the cache (which may drop entries), or until
 * layout_cache_clear/free. */
const struct laid_node *layout_cache_get(struct layout_cache *cache, const struct node *node,
                                         int width);
/* Drops every entry (for instance when the ambiguous width changes). */
void layout_cache_clear(struct layout_cache *cache);
/* How many nodes have been laid out since the cache was made (for tests and statistics). */
size_t layout_cache_layouts(const struct layout_cache *cache);

#endif
