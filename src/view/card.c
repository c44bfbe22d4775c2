/* The card view: an expert (country, sessions, role, papers, where the footnotes name them),
 * a working paper (title, submitters, the footnotes and paragraphs citing it) or a country's
 * dossier, as `ndvr cat` prints them, with every address and name a link: Tab selects, Enter
 * follows. */
#include "view/views.h"

#include <stdlib.h>

#include "pane/blockview.h"
#include "util/xalloc.h"
#include "util/i18n.h"

struct card {
    struct blockview bv;
    const struct node *node;
};

static void
card_draw(struct pane *pane, struct reader *rd)
{
    (void)rd;
    struct card *c = pane->data;
    ui_win_erase(pane->win);
    blockview_draw(&c->bv, pane->win, 0, 0, pane->rows, pane->cols);
}

static unsigned
card_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    (void)ctx;
    struct card *c = pane->data;
    blockview_layout(&c->bv, pane->cols);
    return blockview_scroll(&c->bv, m, n, pane->rows);
}

static unsigned
card_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    struct card *c = pane->data;
    blockview_layout(&c->bv, pane->cols);
    if (!blockview_step_link(&c->bv, dir, pane->rows)) {
        cmd_say(ctx, false, _("no links here"));
        return REACT_REDRAW;
    }
    cmd_say(ctx, false, "%s", blockview_picked(&c->bv)->ref.to);
    return REACT_REDRAW;
}

static const struct link_pick *
card_picked(struct pane *pane)
{
    return blockview_picked(&((struct card *)pane->data)->bv);
}

static unsigned
card_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)ctx;
    struct card *c = pane->data;
    return blockview_click(&c->bv, y, x) ? REACT_FOLLOW | REACT_REDRAW : REACT_NONE;
}

static const struct node *
card_subject(struct pane *pane, struct reader *rd)
{
    (void)rd;
    return ((struct card *)pane->data)->node;
}

static void
card_free(struct pane *pane)
{
    struct card *c = pane->data;
    blockview_fini(&c->bv);
    free(c);
}

const struct pane_ops card_ops = {
    .name = N_("card"),
    .tables = {"view"},
    .place = PLACE_FULL,
    .enter_help = N_("follow the selected link"),
    .draw = card_draw,
    .move = card_move,
    .step_link = card_step,
    .picked = card_picked,
    .click = card_click,
    .subject = card_subject,
    .free = card_free,
};

struct pane *
view_card_new(const struct node *node)
{
    struct card *c = xcalloc(1, sizeof *c);
    blockview_init(&c->bv);
    c->node = node;
    struct block_list blocks = {0};
    struct render_opts opts = {.footnotes = false};
    render_node(node, &opts, &blocks);
    blockview_set(&c->bv, &blocks, false);
    return pane_new(&card_ops, c);
}
