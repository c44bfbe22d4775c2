/* Lists and tables as views: what they all share. */
#include "view/kinds.h"

#include "view/prompt.h"
#include "view/workspace.h"
#include "util/i18n.h"

/* --- Lists --------------------------------------------------------------------------------- */

void
listview_draw(struct pane *pane, struct reader *rd)
{
    (void)rd;
    list_draw(pane->data, pane);
}

unsigned
listview_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    (void)ctx;
    return list_move(pane->data, pane, m, n);
}

unsigned
listview_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    return listview_move(pane, ctx, MOTION_LINE, dir);
}

unsigned
listview_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)x;
    if (!list_click(pane->data, y))
        return REACT_NONE;
    return pane->ops->activate != NULL ? pane->ops->activate(pane, ctx) | REACT_REDRAW
                                       : REACT_REDRAW;
}

static unsigned
list_filtered(struct workspace *ws, void *arg, const char *text)
{
    (void)ws;
    list_filter(((struct pane *)arg)->data, text);
    return REACT_REDRAW;
}

static unsigned
list_unfiltered(struct workspace *ws, void *arg, const char *text)
{
    (void)text;
    return list_filtered(ws, arg, "");
}

static unsigned
cmd_list_filter(struct cmd_ctx *ctx)
{
    struct list *l = ctx->pane->data;
    struct prompt_spec spec = {.label = _("filter: "),
                               .initial = l->filter,
                               .on_change = list_filtered,
                               .on_accept = list_filtered,
                               .on_cancel = list_unfiltered,
                               .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}

const struct cmd_def list_kind_cmds[LIST_KIND_NCMDS] = {
    {"filter", cmd_list_filter, N_("Show only the rows containing what you type (Enter keeps it)")},
};

/* --- Tables -------------------------------------------------------------------------------- */

void
tableview_draw(struct pane *pane, struct reader *rd)
{
    (void)rd;
    table_draw(pane->data, pane);
}

unsigned
tableview_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    (void)ctx;
    return table_move(pane->data, pane, m, n);
}

unsigned
tableview_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    return tableview_move(pane, ctx, MOTION_LINE, dir);
}

unsigned
tableview_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)x;
    if (!table_click(pane->data, y))
        return REACT_NONE;
    return pane->ops->activate != NULL ? pane->ops->activate(pane, ctx) | REACT_REDRAW
                                       : REACT_REDRAW;
}

const struct node *
tableview_subject(struct pane *pane, struct reader *rd)
{
    (void)rd;
    return table_current(pane->data);
}

static unsigned
table_filtered(struct workspace *ws, void *arg, const char *text)
{
    (void)ws;
    table_filter(((struct pane *)arg)->data, text);
    return REACT_REDRAW;
}

static unsigned
table_unfiltered(struct workspace *ws, void *arg, const char *text)
{
    (void)text;
    return table_filtered(ws, arg, "");
}

static unsigned
cmd_table_filter(struct cmd_ctx *ctx)
{
    struct table *t = ctx->pane->data;
    struct prompt_spec spec = {.label = _("filter: "),
                               .initial = t->filter,
                               .on_change = table_filtered,
                               .on_accept = table_filtered,
                               .on_cancel = table_unfiltered,
                               .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}

static unsigned
cmd_table_sort(struct cmd_ctx *ctx)
{
    struct table *t = ctx->pane->data;
    table_sort(t, (t->sort_col + (size_t)ctx->count) % t->ncols);
    cmd_say(ctx, false, _("sorted by %s"), _(t->cols[t->sort_col].title));
    return REACT_REDRAW;
}

const struct cmd_def table_kind_cmds[TABLE_KIND_NCMDS] = {
    {"filter", cmd_table_filter,
     N_("Show only the rows containing what you type (Enter keeps it)")},
    {"sort", cmd_table_sort, N_("Sort by the next column")},
};
