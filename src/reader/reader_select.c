/* What to print: tags, a range from a line of the text, or the section being read. */
#include "reader/reader.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
reader_tag(struct reader *rd, const struct node *node, bool subtree)
{
    reader_tag_set(rd, node, subtree, !reader_is_tagged(rd, node));
}

void
reader_tag_set(struct reader *rd, const struct node *node, bool subtree, bool on)
{
    size_t count;
    corpus_nodes(rd->corpus, &count);
    if (node->order >= count)
        return;
    if (rd->tagged == NULL)
        rd->tagged = xcalloc(count, sizeof *rd->tagged);
    size_t end = subtree ? node->subtree_end : node->order + 1;
    for (size_t i = node->order; i < end && i < count; i++) {
        rd->ntagged += on && !rd->tagged[i];
        rd->ntagged -= !on && rd->tagged[i];
        rd->tagged[i] = on;
    }
}

bool
reader_is_tagged(const struct reader *rd, const struct node *node)
{
    return rd->tagged != NULL && rd->tagged[node->order];
}

void
reader_untag_all(struct reader *rd)
{
    free(rd->tagged);
    rd->tagged = NULL;
    rd->ntagged = 0;
    rd->range_active = false;
}

bool
reader_range_toggle(struct reader *rd)
{
    rd->range_active = !rd->range_active;
    if (rd->range_active) {
        rd->range_node = reader_top(rd);
        size_t off = reader_offset(rd);
        rd->range_offset = off == READER_OFFSET_NONE ? 0 : off;
    }
    return rd->range_active;
}

const struct node *
reader_section_of(const struct node *n)
{
    for (const struct node *p = n; p != NULL; p = p->parent)
        if (p->kind == NODE_SECTION || p->kind == NODE_RESPONSE || p->kind == NODE_ANNEX ||
            p->kind == NODE_FRONT_MATTER || p->kind == NODE_CHAPTER)
            return p;
    return n;
}

/* From the range's start to the end of the node at the top of the text. */
static void
select_range(struct reader *rd, struct print_selection *sel)
{
    size_t count;
    struct node *const *nodes = corpus_nodes(rd->corpus, &count);
    const struct node *a = rd->range_node, *b = reader_top(rd);
    if (b->order < a->order) {
        const struct node *t = a;
        a = b;
        b = t;
    }
    for (size_t i = a->order; i <= b->order && i < count; i++)
        print_select_add(sel, nodes[i]);
    sel->first = a;
    sel->last = b;
    sel->from = a == rd->range_node ? rd->range_offset : 0;
    sel->to = b->text_len;
}

void
reader_selection(struct reader *rd, struct print_selection *sel)
{
    memset(sel, 0, sizeof *sel);
    size_t count;
    struct node *const *nodes = corpus_nodes(rd->corpus, &count);
    if (rd->ntagged > 0) {
        for (size_t i = 0; i < count; i++)
            if (rd->tagged[i])
                print_select_add(sel, nodes[i]);
    } else if (rd->range_active && rd->range_node->document == rd->pos.root) {
        select_range(rd, sel);
    } else if (rd->pos.root != NULL) {
        print_select_add(sel, reader_section_of(reader_top(rd)));
    }
    print_select_normalize(sel);
}
