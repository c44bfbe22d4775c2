/* The reading model: the position, its moves and its history, stored places, the breadcrumb. */
#include "reader/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/state.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

enum { CACHE_NODES = 4096, HISTORY_MAX = 500 };

void
reader_init(struct reader *rd, const struct corpus *corpus, struct state *state)
{
    memset(rd, 0, sizeof *rd);
    rd->corpus = corpus;
    rd->state = state;
    struct render_opts opts = {.footnotes = false};
    rd->cache = layout_cache_new(&opts, CACHE_NODES);
    rd->width = rd->rows = 1;
    rd->search.highlight = true;
}

void
reader_fini(struct reader *rd)
{
    layout_cache_free(rd->cache);
    search_index_free(rd->index);
    search_hits_free(&rd->search.hits);
    free(rd->history.v);
    free(rd->tagged);
    memset(rd, 0, sizeof *rd);
}

/* pending_offset: the node's first row, as reader_goto() places it, once there is a width. */
#define OFFSET_FIRST_ROW ((size_t)-2)

/* Turns a pending offset into the row that shows it, once rows have a real width. */
static void
resolve_offset(struct reader *rd)
{
    if (!rd->offset_pending || rd->width < 2 || rd->pos.root == NULL)
        return;
    rd->offset_pending = false;
    int rows = reader_layout(rd, reader_top(rd))->nrows;
    if (rd->pending_offset == OFFSET_FIRST_ROW)
        rd->pos.row = reader_first_row(rd, reader_top(rd));
    else if (rd->pending_offset != READER_OFFSET_NONE)
        rd->pos.row = reader_row_for_offset(rd, reader_top(rd), rd->pending_offset);
    else if (rd->pos.row >= rows) /* no text at the top: the same row, if there still is one */
        rd->pos.row = rows > 0 ? rows - 1 : 0;
    rd->anchored = true;
    rd->anchor_pos = rd->pos;
    rd->anchor_offset = rd->pending_offset;
}

/* The byte to keep at the top: the one the last resize kept, if the reader has not moved
 * since (the top row's start is at or before it: from there, each resize would creep up). */
static size_t
top_offset(struct reader *rd)
{
    const struct position *a = &rd->anchor_pos;
    if (rd->anchored && a->root == rd->pos.root && a->index == rd->pos.index &&
        a->row == rd->pos.row)
        return rd->anchor_offset;
    return reader_offset(rd);
}

void
reader_resize(struct reader *rd, int width, int rows)
{
    width = width > 1 ? width : 1;
    if (width != rd->width && !rd->offset_pending && rd->width > 1 && rd->pos.root != NULL) {
        rd->pending_offset = top_offset(rd); /* the same line stays at the top */
        rd->offset_pending = true;
    }
    rd->width = width;
    rd->rows = rows > 1 ? rows : 1;
    resolve_offset(rd);
}

/* --- Where the reader is ------------------------------------------------------------------ */

struct node *const *
reader_nodes(const struct reader *rd, size_t *count)
{
    if (rd->pos.root == NULL) {
        *count = 0;
        return NULL;
    }
    return corpus_subtree(rd->corpus, rd->pos.root, count);
}

const struct node *
reader_top(const struct reader *rd)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    return rd->pos.index < count ? nodes[rd->pos.index] : rd->pos.root;
}

const struct laid_node *
reader_layout(struct reader *rd, const struct node *node)
{
    return layout_cache_get(rd->cache, node, rd->width);
}

int
reader_first_row(struct reader *rd, const struct node *node)
{
    const struct laid_node *l = reader_layout(rd, node);
    return l->blocks.n > 0 && l->blocks.v[0].blank_before && l->nrows > 1 ? 1 : 0;
}

int
reader_compare(size_t order_a, int row_a, size_t order_b, int row_b)
{
    if (order_a != order_b)
        return order_a < order_b ? -1 : 1;
    return (row_a > row_b) - (row_a < row_b);
}

/* --- Moving -------------------------------------------------------------------------------- */

static int
scroll_down(struct reader *rd, int n)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    struct position *p = &rd->pos;
    int moved = 0;
    while (moved < n && p->index < count) {
        int rows = reader_layout(rd, nodes[p->index])->nrows;
        if (p->row + 1 < rows) {
            p->row++;
            moved++;
        } else if (p->index + 1 < count) {
            p->index++;
            p->row = 0;
            moved += rows > 0;
        } else {
            break;
        }
    }
    return moved;
}

static int
scroll_up(struct reader *rd, int n)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    struct position *p = &rd->pos;
    int moved = 0;
    while (moved < n && (p->row > 0 || p->index > 0)) {
        if (p->row > 0) {
            p->row--;
            moved++;
            continue;
        }
        p->index--;
        int rows = reader_layout(rd, nodes[p->index])->nrows;
        p->row = rows > 0 ? rows - 1 : 0;
        moved += rows > 0;
    }
    return moved;
}

int
reader_scroll(struct reader *rd, int n)
{
    return n >= 0 ? scroll_down(rd, n) : -scroll_up(rd, -n);
}

void
reader_to_start(struct reader *rd)
{
    rd->pos.index = 0;
    rd->pos.row = 0;
}

void
reader_to_end(struct reader *rd)
{
    size_t count;
    reader_nodes(rd, &count);
    rd->pos.index = count ? count - 1 : 0;
    rd->pos.row = 0;
    scroll_down(rd, 1 << 30);    /* to the last row ... */
    scroll_up(rd, rd->rows - 1); /* ... then a screen back */
}

/* The root a node is read in: its document. */
static const struct node *
root_of(const struct node *n)
{
    return n->document != NULL ? n->document : n;
}

/* The place being read as a history entry. */
static struct history_entry
here(struct reader *rd)
{
    size_t offset = rd->offset_pending     ? rd->pending_offset
                    : rd->pos.root == NULL ? READER_OFFSET_NONE
                                           : top_offset(rd);
    return (struct history_entry){rd->pos, rd->width, offset};
}

/* Goes to a history entry: its very row at the width it was recorded at, else the row that
 * shows the same byte now (rows of a node change with the width). */
static void
restore(struct reader *rd, const struct history_entry *e)
{
    rd->pos = e->pos;
    rd->offset_pending = e->width != rd->width;
    rd->pending_offset = e->offset;
    resolve_offset(rd);
}

static void
history_push(struct history *h, const struct history_entry *e)
{
    if (h->n > 0)
        h->n = h->cur + 1; /* a new place drops the forward history, as in a browser */
    if (h->n == HISTORY_MAX) {
        memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
        h->n--;
    }
    h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
    h->v[h->n++] = *e;
    h->cur = h->n - 1;
}

static void
forget_link(struct reader *rd)
{
    link_pick_clear(&rd->link);
}

/* Goes to row of node, or to the row of a pending offset once there is a width. */
static void
go_to(struct reader *rd, const struct node *node, int row, bool pending, bool remember)
{
    if (remember && rd->history.n > 0 && rd->pos.root != NULL)
        rd->history.v[rd->history.cur] = here(rd); /* the exact spot, to come back to */
    rd->pos.root = root_of(node);
    rd->pos.index = node->order - rd->pos.root->order;
    rd->pos.row = row;
    rd->offset_pending = pending;
    rd->pending_offset = OFFSET_FIRST_ROW;
    if (remember) {
        struct history_entry e = here(rd);
        history_push(&rd->history, &e);
        if (rd->state != NULL)
            state_history_push(rd->state, node->address, 0);
    }
    forget_link(rd);
}

void
reader_goto_row(struct reader *rd, const struct node *node, int row, bool remember)
{
    go_to(rd, node, row, false, remember);
}

void
reader_goto(struct reader *rd, const struct node *node, bool remember)
{
    /* its text at the top, not the blank line above it. Before the reader has a width (at
     * start-up) that row waits for one: laid out one column wide, a paragraph of megabytes
     * took more time and memory than all the rest of the start. */
    if (rd->width > 1)
        go_to(rd, node, reader_first_row(rd, node), false, remember);
    else
        go_to(rd, node, 0, true, remember);
}

static bool
history_move(struct reader *rd, int delta)
{
    struct history *h = &rd->history;
    long to = (long)h->cur + delta;
    if (h->n == 0 || to < 0 || to >= (long)h->n)
        return false;
    h->v[h->cur] = here(rd);
    h->cur = (size_t)to;
    restore(rd, &h->v[h->cur]);
    forget_link(rd);
    return true;
}

bool
reader_back(struct reader *rd)
{
    return history_move(rd, -1);
}

bool
reader_forward(struct reader *rd)
{
    return history_move(rd, 1);
}

void
reader_history_add(struct reader *rd, const struct node *node)
{
    const struct node *root = root_of(node);
    /* width 0: restored by its offset, the start of the node's text, at whatever width */
    struct history_entry e = {{root, node->order - root->order, 0}, 0, 0};
    if (node->document != NULL || node->kind == NODE_DOCUMENT)
        history_push(&rd->history, &e);
}

void
reader_remember(struct reader *rd, const struct position *came_from)
{
    struct history_entry e = here(rd);
    if (rd->history.n > 0) {
        struct position now = rd->pos;
        rd->pos = *came_from; /* to take its offset */
        rd->history.v[rd->history.cur] = here(rd);
        rd->pos = now;
    }
    history_push(&rd->history, &e);
    if (rd->state != NULL)
        state_history_push(rd->state, reader_top(rd)->address, 0);
}

bool
reader_is_paragraph(const struct node *n)
{
    return n->kind == NODE_PARAGRAPH || n->kind == NODE_FOOTNOTE || n->kind == NODE_EXPERT ||
           n->kind == NODE_WORKING_PAPER;
}

bool
reader_is_section(const struct node *n)
{
    return n->kind == NODE_CHAPTER || n->kind == NODE_SECTION || n->kind == NODE_ANNEX ||
           n->kind == NODE_FRONT_MATTER || n->kind == NODE_RESPONSE || n->kind == NODE_HEADING;
}

bool
reader_jump(struct reader *rd, int dir, enum reader_unit unit)
{
    bool (*want)(const struct node *) =
        unit == READER_PARAGRAPH ? reader_is_paragraph : reader_is_section;
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    size_t i = rd->pos.index;
    if (count == 0)
        return false;
    if (dir < 0 && want(nodes[i]) && rd->pos.row > reader_first_row(rd, nodes[i])) {
        rd->pos.row = reader_first_row(rd, nodes[i]); /* the start of this one first */
        return true;
    }
    while (dir > 0 ? i + 1 < count : i > 0) {
        i = dir > 0 ? i + 1 : i - 1;
        if (want(nodes[i])) {
            rd->pos.index = i;
            rd->pos.row = reader_first_row(rd, nodes[i]);
            return true;
        }
    }
    return false;
}

/* --- Stored places -------------------------------------------------------------------------- */

/* The index of a laid node's text block (its first body or footnote block), or -1. */
static size_t
text_block(const struct laid_node *l)
{
    for (size_t i = 0; i < l->blocks.n; i++)
        if (l->blocks.v[i].style == BLOCK_BODY || l->blocks.v[i].style == BLOCK_FOOTNOTE)
            return i;
    return (size_t)-1;
}

/* The byte of the node's text that display byte `at` of b shows. block_original_offset takes
 * a byte inside a reference to the reference's start, but a line may start inside one (a
 * country's name wrapped), and the offset of a line must be on that line: inside a reference
 * shown as written (not a superscript marker), the distance into it is kept. */
static size_t
original_offset(const struct block *b, size_t at)
{
    size_t i = block_first_link_after(b, at); /* links do not overlap: only it can hold at */
    const struct block_link *l = i < b->nlinks ? &b->links[i] : NULL;
    if (l != NULL && l->ref->in_text && at > l->span.start &&
        l->span.end - l->span.start == l->ref->len)
        return l->ref->at + (at - l->span.start);
    return block_original_offset(b, at);
}

/* The lines of the text block that hold its label alone (at narrow widths), before the text. */
static size_t
label_lines(const struct laid_node *l, size_t tb)
{
    size_t k = 0;
    while (k < l->nlines[tb] && l->lines[tb][k].label_only)
        k++;
    return k;
}

/* The offset line r of the text block shows. A line of the label alone shows where the text
 * starts (its own bytes are the label's, not text). */
static size_t
offset_of_line(const struct laid_node *l, size_t tb, int r)
{
    size_t m = label_lines(l, tb), k = (size_t)r > m ? (size_t)r : m;
    return k < l->nlines[tb] ? original_offset(&l->blocks.v[tb], l->lines[tb][k].start) : 0;
}

/* The row of a laid node where its text block's first line is. */
static int
text_block_row(const struct laid_node *l, size_t tb)
{
    int row = 0;
    for (size_t i = 0; i < tb; i++)
        row += l->blocks.v[i].blank_before + (int)l->nlines[i];
    return row + l->blocks.v[tb].blank_before;
}

size_t
reader_offset(struct reader *rd)
{
    const struct laid_node *l = reader_layout(rd, reader_top(rd));
    size_t tb = text_block(l);
    if (tb == (size_t)-1)
        return READER_OFFSET_NONE; /* a heading, a list: no text at all */
    int r = rd->pos.row - text_block_row(l, tb);
    if (r < 0 || r >= (int)l->nlines[tb])
        return READER_OFFSET_NONE; /* a blank line, a heading, a card's further fields */
    return offset_of_line(l, tb, r);
}

int
reader_row_for_offset(struct reader *rd, const struct node *node, size_t offset)
{
    const struct laid_node *l = reader_layout(rd, node);
    size_t tb = text_block(l);
    if (tb == (size_t)-1)
        return reader_first_row(rd, node);
    int row = text_block_row(l, tb);
    const struct block *b = &l->blocks.v[tb];
    const struct block_line *lines = l->lines[tb];
    size_t m = label_lines(l, tb), k = m; /* the last line starting at or before offset */
    if (m == l->nlines[tb])
        return row;
    while (k + 1 < l->nlines[tb] && original_offset(b, lines[k + 1].start) <= offset)
        k++;
    /* the start of the text under a label of its own: the label shows, as going to node does */
    if (k == m && offset <= original_offset(b, lines[m].start))
        k = 0;
    return row + (int)k;
}

bool
reader_goto_stored(struct reader *rd, const char *address, size_t offset, bool remember)
{
    const struct node *n = corpus_find(rd->corpus, address);
    if (n == NULL || (n->document == NULL && n->kind != NODE_DOCUMENT))
        return false; /* gone, or a country: not a place in a document */
    reader_goto(rd, n, remember);
    rd->pending_offset = offset;
    rd->offset_pending = true;
    resolve_offset(rd);
    return true;
}

void
reader_save_place(struct reader *rd)
{
    if (rd->state == NULL || rd->pos.root == NULL)
        return;
    size_t offset = reader_offset(rd);
    state_set_last(rd->state, rd->pos.root->address, reader_top(rd)->address,
                   offset == READER_OFFSET_NONE ? 0 : offset);
}

/* --- Breadcrumb and citation ---------------------------------------------------------------- */

static void
crumb(struct strbuf *sb, const struct node *n)
{
    if (n->kind == NODE_PARAGRAPH && n->number > 0)
        sb_printf(sb, _(" › ¶%d"), n->number);
    else if (n->kind == NODE_RESPONSE)
        sb_printf(sb, " › %s", n->u.response.iso3 ? n->u.response.iso3 : "");
    else if (n->label != NULL && n->kind != NODE_ITEM && n->kind != NODE_FOOTNOTE)
        sb_printf(sb, " › %s", n->label);
    else if (n->kind == NODE_FRONT_MATTER && n->title != NULL)
        sb_printf(sb, " › %s", n->title);
    else if (n->kind == NODE_FOOTNOTE)
        sb_printf(sb, _(" › fn%d"), n->number);
}

void
reader_breadcrumb(const struct reader *rd, char *buf, size_t size)
{
    if (rd->pos.root == NULL) {
        snprintf(buf, size, _("(nothing to read)"));
        return;
    }
    const struct node *chain[16];
    size_t depth = 0;
    for (const struct node *n = reader_top(rd); n != NULL && depth < 16; n = n->parent)
        chain[depth++] = n;
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, rd->pos.root->address);
    for (size_t i = depth; i-- > 0;)
        if (chain[i] != rd->pos.root)
            crumb(&sb, chain[i]);
    size_t count;
    reader_nodes(rd, &count);
    int pct = count > 1 ? (int)(rd->pos.index * 100 / (count - 1)) : 100;
    sb_printf(&sb, " · %d%%", pct);
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
}

/* The part of a document a citation names in parentheses: the answering country, or the annex
 * (whose paragraphs are numbered anew: "para. 7" alone would be the report's); NULL if none. */
static const char *
cited_part(const struct node *n)
{
    for (const struct node *p = n; p != NULL; p = p->parent) {
        if (p->kind == NODE_RESPONSE)
            return p->u.response.country;
        if (p->kind == NODE_ANNEX)
            return p->label;
    }
    return NULL;
}

/* The number a paragraph is cited by: its own, else, unnumbered in an answer, its place among
 * the answer's paragraphs (the N of its address's .pN, man/ndvr-tree.5); 0 when none. */
static int
cited_number(const struct node *n)
{
    const struct node *up = n->parent;
    if (n->number > 0 || n->kind != NODE_PARAGRAPH || up == NULL || up->kind != NODE_RESPONSE)
        return n->number > 0 ? n->number : 0;
    int k = 0;
    for (size_t i = 0; i < up->nchildren && up->children[i] != n; i++)
        k += up->children[i]->kind == NODE_PARAGRAPH;
    return k + 1;
}

void
reader_citation(const struct node *n, char *buf, size_t size)
{
    const struct node *doc = n->document ? n->document : n;
    const char *part = cited_part(n);
    /* an item, or a paragraph going on with one, cites the paragraph its list hangs from */
    while (n->parent != NULL && (n->kind == NODE_ITEM || n->parent->kind == NODE_ITEM))
        n = n->parent;
    int number = cited_number(n);
    char where[64] = "";
    if (n->kind == NODE_FOOTNOTE && number > 0) /* its number: labels are superscripts */
        snprintf(where, sizeof where, _(", footnote %d"), number);
    else if (n->kind == NODE_FOOTNOTE)
        snprintf(where, sizeof where, _(", footnote %s"), n->label ? n->label : "");
    else if (number > 0)
        snprintf(where, sizeof where, _(", para. %d"), number);
    char in_part[160] = "";
    if (part != NULL) /* TRANSLATORS: the part of a document a citation names: its country */
        snprintf(in_part, sizeof in_part, _(" (%s)"), part);
    snprintf(buf, size, "%s%s%s", doc->address, in_part, where);
}
