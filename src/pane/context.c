/* The context pane: the footnote just followed, a preview of the selected link's target (a
 * card for an expert, a paper, a country or a document outside the corpus), the footnotes
 * cited by what is on screen, the papers related to the paper being read, and what cites the
 * node being read. Its links (a
 * working paper in a footnote, a citing paragraph) are selected with Tab when it is focused and
 * followed with Enter. Rebuilt from the reading model at each draw: what it shows is bounded by
 * what is on screen. */
#include "pane/tiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane/blockview.h"
#include "util/xalloc.h"
#include "util/i18n.h"

enum { MAX_NOTES = 64, MAX_CITED = 50 };

static void
section(struct block_list *out, const char *title)
{
    struct block *b = block_push(out, NULL, BLOCK_HEADING, 0);
    block_set_text(b, title);
    b->blank_before = out->n > 1;
}

static void
render_plain(const struct node *n, struct block_list *out)
{
    struct render_opts opts = {.footnotes = false};
    render_node(n, &opts, out);
}

static void
followed_note(const struct node *note, struct block_list *out)
{
    if (note == NULL)
        return;
    section(out, _("Footnote"));
    render_plain(note, out);
}

static void
link_preview(const struct reader *rd, struct block_list *out)
{
    const struct ref *r = reader_link(rd);
    if (r == NULL)
        return;
    char title[256];
    bool note = r->target != NULL && r->target->kind == NODE_FOOTNOTE;
    snprintf(title, sizeof title, _("Link: %s%s"), r->to,
             r->external ? _(" (not in the corpus)")
             : note      ? _(" (a footnote)")
                         : "");
    section(out, title);
    if (r->target == NULL || note)
        return; /* the footnotes on screen show it */
    enum node_kind k = r->target->kind;
    bool card =
        k == NODE_COUNTRY || k == NODE_EXPERT || k == NODE_WORKING_PAPER || k == NODE_EXTERNAL;
    struct render_opts opts = {.footnotes = false, .own_only = !card};
    size_t first = out->n;
    render_node(r->target, &opts, out);
    if (out->n > first)
        out->v[first].blank_before = false;
}

static bool
listed(const struct node *const *v, size_t n, const struct node *x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

/* The footnotes that the nodes on screen cite, in order, but the one followed. */
static void
screen_footnotes(struct reader *rd, const struct node *note, struct block_list *out)
{
    const struct node **shown, *notes[MAX_NOTES];
    size_t nshown = reader_shown(rd, &shown), nnotes = 0;
    for (size_t i = 0; i < nshown; i++)
        for (size_t k = 0; k < shown[i]->nrefs && nnotes < MAX_NOTES; k++) {
            const struct ref *r = &shown[i]->refs[k];
            if (r->kind == REF_FOOTNOTE && r->target && r->target != note &&
                !listed(notes, nnotes, r->target))
                notes[nnotes++] = r->target;
        }
    free(shown);
    if (nnotes == 0)
        return;
    section(out, _("Footnotes on screen"));
    for (size_t i = 0; i < nnotes; i++)
        render_plain(notes[i], out);
}

static void
cited_by(const struct reader *rd, struct block_list *out)
{
    const struct node *top = rd->pos.root != NULL ? reader_top(rd) : NULL;
    if (top == NULL || top->cited_by.n == 0)
        return;
    char title[256];
    snprintf(title, sizeof title, _("Cited by (%s)"), top->address);
    section(out, title);
    for (size_t i = 0; i < top->cited_by.n && i < MAX_CITED; i++) {
        const struct node *by = top->cited_by.v[i];
        struct block *b = block_push(out, by, BLOCK_BODY, 2);
        block_set_text(b, by->address);
        block_link_place(b, 0, b->len, by);
    }
}

/* A working paper read in Annex II: the papers related to it, each with its reason. */
static void
related_papers(const struct reader *rd, struct block_list *out)
{
    const struct node *top = rd->pos.root != NULL ? reader_top(rd) : NULL;
    if (top == NULL || top->kind != NODE_WORKING_PAPER || top->u.paper.nrelations == 0)
        return;
    char title[256];
    snprintf(title, sizeof title, _("Related to %s"), top->address);
    section(out, title);
    for (size_t i = 0; i < top->u.paper.nrelations; i++) {
        const struct relation *r = &top->u.paper.relations[i];
        char *line = xasprintf("%s  %s", r->to, relation_kind_name(r->kind));
        struct block *b = block_push(out, top, BLOCK_BODY, 2);
        block_set_text(b, line);
        free(line);
        block_link_node(b, 0, strlen(r->to), r->target);
    }
}

static void
rebuild(struct pane *pane, struct reader *rd)
{
    struct block_list blocks = {0};
    const struct node *note = reader_note(rd);
    followed_note(note, &blocks);
    link_preview(rd, &blocks);
    screen_footnotes(rd, note, &blocks);
    related_papers(rd, &blocks);
    cited_by(rd, &blocks);
    blockview_set(pane->data, &blocks, true);
    blockview_layout(pane->data, pane->cols);
}

/* What the pane shows depends on: the footnote followed, the link selected in the text, the
 * nodes on screen and the top one, and its own scroll and selected link. */
static bool
inputs_unchanged(struct pane *pane, struct reader *rd)
{
    struct blockview *bv = pane->data;
    struct pane_key key = {0};
    pane_key_add(&key, (uintptr_t)reader_note(rd));
    const struct ref *link = reader_link(rd);
    pane_key_add(&key, link != NULL);
    if (link != NULL)
        pane_key_add_ref(&key, link);
    pane_key_add(&key, (uintptr_t)(rd->pos.root != NULL ? reader_top(rd) : NULL));
    const struct node **shown;
    size_t nshown = reader_shown(rd, &shown);
    for (size_t i = 0; i < nshown; i++)
        pane_key_add(&key, (uintptr_t)shown[i]);
    free(shown);
    pane_key_add(&key, (uintptr_t)bv->top);
    pane_key_add(&key, bv->pick.set);
    if (bv->pick.set) {
        pane_key_add(&key, (uintptr_t)bv->pick.node);
        pane_key_add_ref(&key, &bv->pick.ref);
        pane_key_add(&key, bv->pick_at);
    }
    bool same = pane_key_unchanged(pane, &key);
    free(key.v);
    return same;
}

static void
context_draw(struct pane *pane, struct reader *rd)
{
    struct blockview *bv = pane->data;
    if (inputs_unchanged(pane, rd))
        return;
    rebuild(pane, rd);
    ui_win_erase(pane->win);
    if (bv->blocks.n == 0)
        ui_put(pane->win, 0, 0, _("(nothing cited here)"), strlen(_("(nothing cited here)")),
               UI_META, pane->cols);
    int last = bv->nrows > pane->rows ? bv->nrows - pane->rows : 0;
    bv->top = bv->top > last ? last : bv->top;
    blockview_draw(bv, pane->win, 0, 0, pane->rows, pane->cols);
}

static unsigned
context_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    rebuild(pane, ctx->rd);
    return blockview_scroll(pane->data, m, n, pane->rows);
}

static unsigned
context_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    rebuild(pane, ctx->rd);
    if (!blockview_step_link(pane->data, dir, pane->rows)) {
        cmd_say(ctx, false, _("no links in the context pane"));
        return REACT_REDRAW;
    }
    const struct link_pick *p = blockview_picked(pane->data);
    cmd_say(ctx, false, "%s%s", p->ref.to, p->ref.external ? _(" (not in the corpus)") : "");
    return REACT_REDRAW;
}

static const struct link_pick *
context_picked(struct pane *pane)
{
    return blockview_picked(pane->data);
}

static unsigned
context_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    rebuild(pane, ctx->rd);
    return blockview_click(pane->data, y, x) ? REACT_FOLLOW | REACT_REDRAW : REACT_NONE;
}

static void
context_free(struct pane *pane)
{
    blockview_fini(pane->data);
    free(pane->data);
}

const struct pane_ops context_ops = {
    .name = N_("context"),
    .place = PLACE_TILE,
    .enter_help = N_("follow the link selected in the context pane"),
    .draw = context_draw,
    .move = context_move,
    .step_link = context_step,
    .picked = context_picked,
    .click = context_click,
    .free = context_free,
};

struct pane *
pane_context_new(void)
{
    struct blockview *bv = xcalloc(1, sizeof *bv);
    blockview_init(bv);
    return pane_new(&context_ops, bv);
}
