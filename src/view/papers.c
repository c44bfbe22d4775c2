/* The working-papers view: Annex II's papers with their submitters and the footnotes and
 * paragraphs citing each; Enter opens the paper's card, x its first submitter's card. */
#include "view/views.h"

#include <stdlib.h>
#include <string.h>

#include "view/follow.h"
#include "view/kinds.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

static void
submitters_text(const struct node_working_paper *p, struct strbuf *sb)
{
    for (size_t i = 0; i < p->nsubmitters; i++) {
        const struct submitter *s = &p->submitters[i];
        sb_printf(sb, "%s%s", i ? "; " : "", s->expert ? s->expert->u.expert.name : s->name);
        sb_printf(sb, " (%s)", s->iso3 ? s->iso3 : "?");
    }
}

static void
citations_text(const struct node *paper, struct strbuf *sb)
{
    if (paper->cited_by.n == 0) {
        sb_puts(sb, _("not cited in the report"));
        return;
    }
    for (size_t i = 0; i < paper->cited_by.n; i++) {
        const struct node *fn = paper->cited_by.v[i];
        sb_printf(sb, "%sfn%d", i ? ", " : "", fn->number);
        for (size_t k = 0; k < fn->cited_by.n; k++) {
            const char *a = strchr(fn->cited_by.v[k]->address, '#');
            sb_printf(sb, " (%s)", a ? a + 1 : fn->cited_by.v[k]->address);
        }
    }
}

static void
add_paper(struct table *t, const struct node *paper)
{
    struct strbuf subs = STRBUF_INIT, cites = STRBUF_INIT, filter = STRBUF_INIT;
    submitters_text(&paper->u.paper, &subs);
    citations_text(paper, &cites);
    const char *cells[] = {paper->u.paper.symbol, paper->title ? paper->title : "", sb_str(&subs),
                           sb_str(&cites)};
    sb_printf(&filter, "%s %s %s", paper->u.paper.symbol, paper->title ? paper->title : "",
              sb_str(&subs));
    for (size_t i = 0; i < paper->u.paper.nsubmitters; i++) /* names as the footnotes print them */
        sb_printf(&filter, " %s", paper->u.paper.submitters[i].name);
    table_add_row(t, paper, cells, sb_str(&filter));
    sb_free(&subs);
    sb_free(&cites);
    sb_free(&filter);
}

static unsigned
papers_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    const struct node *p = table_current(pane->data);
    return p != NULL ? follow_node(ctx, p) : REACT_NONE;
}

/* x: the card of the paper's first submitter who is in the expert list. */
static unsigned
cmd_paper_submitter(struct cmd_ctx *ctx)
{
    const struct node *p = table_current(ctx->pane->data), *to = NULL;
    for (size_t i = 0; p != NULL && i < p->u.paper.nsubmitters && to == NULL; i++)
        to = p->u.paper.submitters[i].expert;
    if (to == NULL) {
        cmd_say(ctx, false, _("no submitter of %s is in the expert list"),
                p ? p->u.paper.symbol : _("this paper"));
        return REACT_REDRAW;
    }
    return follow_node(ctx, to);
}

static const struct cmd_def papers_cmds[] = {
    {"paper-submitter", cmd_paper_submitter, N_("Open the card of the paper's first submitter")},
};

static void
papers_free(struct pane *pane)
{
    table_fini(pane->data);
    free(pane->data);
}

const struct pane_ops papers_ops = {
    .name = N_("papers"),
    .tables = {"table", "view"},
    .cmds = papers_cmds,
    .ncmds = sizeof papers_cmds / sizeof papers_cmds[0],
    .kind_cmds = table_kind_cmds,
    .nkind_cmds = TABLE_KIND_NCMDS,
    .place = PLACE_FULL,
    .enter_help = N_("open the paper's card"),
    .draw = tableview_draw,
    .move = tableview_move,
    .step_link = tableview_step,
    .activate = papers_activate,
    .click = tableview_click,
    .subject = tableview_subject,
    .free = papers_free,
};

struct pane *
view_papers_new(struct workspace *ws, const struct node *at, const char *filter)
{
    static const struct table_column cols[] = {
        {N_("Symbol"), 14},
        {N_("Title"), 30},
        {N_("Submitters"), 30},
        {N_("Cited in"), 10},
    };
    struct table *t = xcalloc(1, sizeof *t);
    table_init(t, _("Working papers (Annex II)"), cols, sizeof cols / sizeof cols[0]);
    size_t count;
    struct node *const *nodes = corpus_nodes(ws->corpus, &count);
    for (size_t i = 0; i < count; i++)
        if (nodes[i]->kind == NODE_WORKING_PAPER)
            add_paper(t, nodes[i]);
    table_sort(t, 0); /* by symbol, numbers as numbers: 2018/9 before 2018/15 */
    if (filter != NULL)
        table_filter(t, filter);
    if (at != NULL)
        table_select(t, at);
    return pane_new(&papers_ops, t);
}
