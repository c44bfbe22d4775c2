/* The experts view: a table of the 33 experts with the three sessions as columns (a blank cell
 * is a session missed), alternates and roles; Enter opens the expert's card, x the working
 * papers they submitted. */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>

#include "view/follow.h"
#include "view/kinds.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

static bool
attended(const struct node_expert *e, int session)
{
    for (size_t i = 0; i < e->nsessions; i++)
        if (e->sessions[i] == session)
            return true;
    return false;
}

static void
add_expert(struct table *t, const struct corpus *corpus, const struct node *x)
{
    const struct node_expert *e = &x->u.expert;
    const struct node *country = e->iso3 ? corpus_find(corpus, e->iso3) : NULL;
    char where[128];
    snprintf(where, sizeof where, "%s %s", e->country ? e->country : "?", e->iso3 ? e->iso3 : "");
    const char *cells[] = {where,
                           e->name ? e->name : "",
                           attended(e, 1) ? "x" : "",
                           attended(e, 2) ? "x" : "",
                           attended(e, 3) ? "x" : "",
                           e->alternate ? "候补" : "",
                           e->role ? e->role : ""};
    struct strbuf filter = STRBUF_INIT;
    sb_printf(&filter, "%s %s %s %s", where, e->name ? e->name : "", e->role ? e->role : "",
              country && country->u.country.name ? country->u.country.name : "");
    table_add_row(t, x, cells, sb_str(&filter));
    sb_free(&filter);
}

static unsigned
experts_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    const struct node *x = table_current(pane->data);
    if (x == NULL)
        return REACT_NONE;
    return follow_node(ctx, x);
}

/* x: the working papers the expert submitted. */
static unsigned
cmd_expert_papers(struct cmd_ctx *ctx)
{
    const struct node *x = table_current(ctx->pane->data);
    if (x == NULL)
        return REACT_NONE;
    ws_push(ctx->ws, view_papers_new(ctx->ws, NULL, x->u.expert.name));
    return REACT_RELAYOUT | REACT_REDRAW;
}

static const struct cmd_def experts_cmds[] = {
    {"expert-papers", cmd_expert_papers,
     N_("List the working papers of the expert under the cursor")},
};

static void
experts_free(struct pane *pane)
{
    table_fini(pane->data);
    free(pane->data);
}

const struct pane_ops experts_ops = {
    .name = N_("experts"),
    .tables = {"table", "view"},
    .cmds = experts_cmds,
    .ncmds = sizeof experts_cmds / sizeof experts_cmds[0],
    .kind_cmds = table_kind_cmds,
    .nkind_cmds = TABLE_KIND_NCMDS,
    .place = PLACE_FULL,
    .enter_help = N_("open the expert's card"),
    .draw = tableview_draw,
    .move = tableview_move,
    .step_link = tableview_step,
    .activate = experts_activate,
    .click = tableview_click,
    .subject = tableview_subject,
    .free = experts_free,
};

struct pane *
view_experts_new(struct workspace *ws, const struct node *at)
{
    static const struct table_column cols[] = {
        {N_("Country"), 16}, {N_("Name"), 24}, {"1", 1}, {"2", 1}, {"3", 1},
        {N_("Alt"), 4},      {N_("Role"), 10},
    };
    struct table *t = xcalloc(1, sizeof *t);
    /* short: the count and the sort column follow it on an 80-column line */
    table_init(t, _("Experts (blank: a session missed)"), cols, sizeof cols / sizeof cols[0]);
    size_t count;
    struct node *const *nodes = corpus_nodes(ws->corpus, &count);
    for (size_t i = 0; i < count; i++)
        if (nodes[i]->kind == NODE_EXPERT)
            add_expert(t, ws->corpus, nodes[i]);
    if (at != NULL)
        table_select(t, at);
    return pane_new(&experts_ops, t);
}
