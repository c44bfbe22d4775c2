/* The popup: a footnote (or any link's target) in a box over the text, when the context pane
 * does not show. Every cell of the box is its own, so nothing of the text shows through at its
 * edges. Its links are followed like any others; closing it leaves the reading place as it
 * was. */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane/blockview.h"
#include "view/follow.h"
#include "util/xalloc.h"
#include "util/i18n.h"

struct popup {
    struct blockview bv;
    const struct node *node;
    char title[160];
};

/* The popup takes the whole width it is given: a blank margin, the border and a blank of
 * padding on each side, so that nothing of the text beneath shows beside the box (the text
 * showing through at its edges read as part of the footnote). */
enum { MARGIN = 1, INSET = 3, FRAME_COLS = 2 * INSET, FRAME_ROWS = 2 };

static int
inner_cols(const struct pane *pane)
{
    return pane->cols > FRAME_COLS + 1 ? pane->cols - FRAME_COLS : 1;
}

static int
inner_rows(const struct pane *pane)
{
    return pane->rows > FRAME_ROWS ? pane->rows - FRAME_ROWS : 1;
}

static void
popup_draw(struct pane *pane, struct reader *rd)
{
    (void)rd;
    struct popup *p = pane->data;
    ui_win_erase(pane->win);
    for (int y = 0; y < pane->rows; y++)
        ui_fill(pane->win, y, 0, pane->cols, UI_NORMAL);
    int box = pane->cols - 2 * MARGIN;
    ui_hline(pane->win, 0, MARGIN, box, p->title, UI_BORDER_FOCUS);
    ui_hline(pane->win, pane->rows - 1, MARGIN, box, NULL, UI_BORDER_FOCUS);
    ui_vline(pane->win, 1, MARGIN, pane->rows - 2, UI_BORDER_FOCUS);
    ui_vline(pane->win, 1, pane->cols - 1 - MARGIN, pane->rows - 2, UI_BORDER_FOCUS);
    blockview_draw(&p->bv, pane->win, 1, INSET, inner_rows(pane), inner_cols(pane));
}

static int
popup_want_rows(struct pane *pane, int cols)
{
    struct popup *p = pane->data;
    return blockview_layout(&p->bv, cols > FRAME_COLS + 1 ? cols - FRAME_COLS : 1) + FRAME_ROWS;
}

static unsigned
popup_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    (void)ctx;
    struct popup *p = pane->data;
    blockview_layout(&p->bv, inner_cols(pane));
    return blockview_scroll(&p->bv, m, n, inner_rows(pane));
}

static unsigned
popup_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    struct popup *p = pane->data;
    blockview_layout(&p->bv, inner_cols(pane));
    if (!blockview_step_link(&p->bv, dir, inner_rows(pane))) {
        cmd_say(ctx, false, _("no links in the popup"));
        return REACT_REDRAW;
    }
    cmd_say(ctx, false, "%s", blockview_picked(&p->bv)->ref.to);
    return REACT_REDRAW;
}

static const struct link_pick *
popup_picked(struct pane *pane)
{
    return blockview_picked(&((struct popup *)pane->data)->bv);
}

static unsigned
popup_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)ctx;
    struct popup *p = pane->data;
    return blockview_click(&p->bv, y - 1, x - INSET) ? REACT_FOLLOW | REACT_REDRAW : REACT_NONE;
}

static const struct node *
popup_subject(struct pane *pane, struct reader *rd)
{
    (void)rd;
    return ((struct popup *)pane->data)->node;
}

static void
popup_free(struct pane *pane)
{
    struct popup *p = pane->data;
    blockview_fini(&p->bv);
    free(p);
}

const struct pane_ops popup_ops = {
    .name = N_("popup"),
    .tables = {"view"},
    .place = PLACE_POPUP,
    .enter_help = N_("follow the selected link"),
    .draw = popup_draw,
    .move = popup_move,
    .step_link = popup_step,
    .picked = popup_picked,
    .click = popup_click,
    .want_rows = popup_want_rows,
    .subject = popup_subject,
    .free = popup_free,
};

static void
set_title(struct popup *p, const struct node *node)
{
    if (node->kind == NODE_FOOTNOTE)
        snprintf(p->title, sizeof p->title, _(" footnote %s "), node->label ? node->label : "");
    else
        snprintf(p->title, sizeof p->title, " %s ", node->address);
}

struct pane *
view_popup_new(const struct node *node)
{
    struct popup *p = xcalloc(1, sizeof *p);
    blockview_init(&p->bv);
    p->node = node;
    set_title(p, node);
    struct block_list blocks = {0};
    struct render_opts opts = {.footnotes = false, .own_only = !follow_is_card(node)};
    render_node(node, &opts, &blocks);
    if (blocks.n > 0)
        blocks.v[0].blank_before = false;
    blockview_set(&p->bv, &blocks, false);
    return pane_new(&popup_ops, p);
}
