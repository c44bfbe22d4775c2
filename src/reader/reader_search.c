/* Searching from the reader: the hits of a query, the first one from where the search began,
 * stepping from where the reader is, wrapping around the corpus. */
#include "reader/reader.h"

#include <stdio.h>
#include <string.h>

/* Keeps the hits that are in a document (a country's name is found in its dossier). */
static void
keep_readable(struct search_hits *hits)
{
    size_t k = 0;
    for (size_t i = 0; i < hits->n; i++)
        if (hits->v[i].node->document != NULL)
            hits->v[k++] = hits->v[i];
    hits->n = k;
}

/* The line of lines[0..n) where display byte d is: the last that starts at or before it. */
static int
line_of(const struct block_line *lines, size_t n, size_t d)
{
    size_t lo = 1, hi = n; /* lines[0] holds whatever comes before lines[1] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines[mid].start <= d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n > 0 ? (int)lo - 1 : 0;
}

/* The row of the text block of a laid node where display byte `at` is. */
static int
text_row(const struct laid_node *l, size_t at)
{
    int row = 0;
    for (size_t i = 0; i < l->blocks.n; i++) {
        const struct block *b = &l->blocks.v[i];
        row += b->blank_before;
        if (b->style != BLOCK_BODY && b->style != BLOCK_FOOTNOTE) {
            row += (int)l->nlines[i];
            continue;
        }
        return row + line_of(l->lines[i], l->nlines[i], block_display_offset(b, at));
    }
    return 0;
}

int
reader_hit_row(struct reader *rd, const struct search_hit *hit)
{
    int first = reader_first_row(rd, hit->node);
    if (hit->field != SEARCH_FIELD_TEXT)
        return first;
    int row = text_row(reader_layout(rd, hit->node), hit->offset);
    return row > first ? row : first;
}

/* The first hit of a node at or after order, by document order: hits are sorted by node. */
static size_t
first_hit_from(const struct search_hits *h, size_t order)
{
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->v[mid].node->order < order)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t
reader_hits_in(const struct reader *rd, const struct node *node, size_t *first)
{
    const struct search_hits *h = &rd->search.hits;
    *first = first_hit_from(h, node->order);
    return first_hit_from(h, node->order + 1) - *first;
}

void
reader_search_show(struct reader *rd, size_t i)
{
    struct reader_search *s = &rd->search;
    if (i >= s->hits.n)
        return;
    s->current = i;
    s->highlight = true;
    const struct search_hit *h = &s->hits.v[i];
    int row = reader_hit_row(rd, h);
    if (h->node->document == rd->pos.root && reader_on_screen(rd, h->node, row))
        return; /* already in sight: the text stays */
    reader_goto_row(rd, h->node, row, false);
}

/* Compares hit i with the top of the screen. */
static int
hit_vs_top(struct reader *rd, size_t i)
{
    const struct search_hit *h = &rd->search.hits.v[i];
    return reader_compare(h->node->order, reader_hit_row(rd, h), reader_top(rd)->order,
                          rd->pos.row);
}

/* The first hit at or after the top of the screen (dir > 0), or the last before it; n when
 * there is none. Hits are in document order and so in the order of their rows: a binary
 * search lays out only the few nodes it probes. */
static size_t
hit_from_top(struct reader *rd, int dir)
{
    size_t lo = 0, hi = rd->search.hits.n; /* the first hit at or after the top */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hit_vs_top(rd, mid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (dir > 0)
        return lo;
    return lo > 0 ? lo - 1 : rd->search.hits.n;
}

enum reader_found
reader_search(struct reader *rd, const char *query, bool backward, const struct position *from,
              struct diag *d)
{
    struct reader_search *s = &rd->search;
    search_hits_free(&s->hits);
    s->active = false;
    rd->pos = *from;
    if (query[0] == '\0')
        return READER_NOT_FOUND;
    if (rd->index == NULL)
        rd->index = search_index_open(rd->corpus);
    struct search_query q = {.text = query};
    if (!search_run(rd->index, &q, &s->hits, d))
        return READER_SEARCH_ERROR;
    keep_readable(&s->hits);
    snprintf(s->query, sizeof s->query, "%s", query);
    s->current = s->hits.n;
    if (s->hits.n == 0)
        return READER_NOT_FOUND;
    s->active = true;
    size_t pick = hit_from_top(rd, backward ? -1 : 1);
    reader_search_show(rd, pick < s->hits.n ? pick : backward ? s->hits.n - 1 : 0);
    return READER_FOUND;
}

bool
reader_search_step(struct reader *rd, int dir, bool *wrapped)
{
    struct reader_search *s = &rd->search;
    size_t n = s->hits.n;
    if (!s->active || n == 0)
        return false;
    bool seen = s->current < n && reader_on_screen(rd, s->hits.v[s->current].node,
                                                   reader_hit_row(rd, &s->hits.v[s->current]));
    size_t next = seen ? (dir > 0 ? s->current + 1 : s->current - 1) : hit_from_top(rd, dir);
    if (seen && dir < 0 && s->current == 0)
        next = n;
    *wrapped = next >= n;
    reader_search_show(rd, next < n ? next : dir > 0 ? 0 : n - 1);
    return true;
}

void
reader_search_clear(struct reader *rd)
{
    rd->search.highlight = false;
}
