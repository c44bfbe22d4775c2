/* The per-(node, width) layout cache: an open-addressing table, emptied when it fills up. */
#include "render/layout_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct layout_cache {
    struct render_opts opts;
    struct laid_node **slots; /* power-of-two table of owned entries, NULL when free */
    size_t nslots, used, capacity;
    size_t layouts;
};

static size_t
table_size(size_t capacity)
{
    size_t n = 16;
    while (n < capacity * 2)
        n *= 2;
    return n;
}

struct layout_cache *
layout_cache_new(const struct render_opts *opts, size_t capacity)
{
    struct layout_cache *c = xcalloc(1, sizeof *c);
    c->opts = *opts;
    c->opts.own_only = true;
    c->capacity = capacity ? capacity : 1;
    c->nslots = table_size(c->capacity);
    c->slots = xcalloc(c->nslots, sizeof *c->slots);
    return c;
}

static void
laid_free(struct laid_node *l)
{
    for (size_t i = 0; i < l->blocks.n; i++)
        free(l->lines[i]);
    free(l->lines);
    free(l->nlines);
    block_list_free(&l->blocks);
    free(l);
}

void
layout_cache_clear(struct layout_cache *cache)
{
    for (size_t i = 0; i < cache->nslots; i++) {
        if (cache->slots[i] != NULL)
            laid_free(cache->slots[i]);
        cache->slots[i] = NULL;
    }
    cache->used = 0;
}

void
layout_cache_free(struct layout_cache *cache)
{
    if (cache == NULL)
        return;
    layout_cache_clear(cache);
    free(cache->slots);
    free(cache);
}

static size_t
slot_of(const struct layout_cache *cache, const struct node *node, int width)
{
    uint64_t h = (uint64_t)(uintptr_t)node * 0x9E3779B97F4A7C15u ^ (uint64_t)width * 0x85EBCA6Bu;
    return (size_t)(h >> 17) & (cache->nslots - 1);
}

static struct laid_node *
lay_out(const struct layout_cache *cache, const struct node *node, int width)
{
    struct laid_node *l = xcalloc(1, sizeof *l);
    l->node = node;
    l->width = width;
    render_node(node, &cache->opts, &l->blocks);
    l->lines = xcalloc(l->blocks.n + 1, sizeof *l->lines);
    l->nlines = xcalloc(l->blocks.n + 1, sizeof *l->nlines);
    for (size_t i = 0; i < l->blocks.n; i++) {
        l->nlines[i] = block_layout(&l->blocks.v[i], width, &l->lines[i]);
        l->nrows += (int)l->nlines[i] + (l->blocks.v[i].blank_before ? 1 : 0);
    }
    return l;
}

const struct laid_node *
layout_cache_get(struct layout_cache *cache, const struct node *node, int width)
{
    size_t i = slot_of(cache, node, width);
    for (; cache->slots[i] != NULL; i = (i + 1) & (cache->nslots - 1))
        if (cache->slots[i]->node == node && cache->slots[i]->width == width)
            return cache->slots[i];
    if (cache->used >= cache->capacity) {
        layout_cache_clear(cache);
        i = slot_of(cache, node, width);
    }
    cache->slots[i] = lay_out(cache, node, width);
    cache->used++;
    cache->layouts++;
    return cache->slots[i];
}

size_t
layout_cache_layouts(const struct layout_cache *cache)
{
    return cache->layouts;
}
