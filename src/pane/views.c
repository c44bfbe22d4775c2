/* The experts view and the working-papers view: tables built from the corpus. */
#include "pane/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "pane/pane_table.h"
#include "util/strbuf.h"

/* --- Experts ----------------------------------------------------------------------------- */

static bool
attended(const struct node_expert *e, int session)
{
    for (size_t i = 0; i < e->nsessions; i++)
        if (e->sessions[i] == session)
            return true;
    return false;
}

static const struct node *
country_of(const struct app *app, const char *iso3)
{
    return iso3 ? corpus_find(app->corpus, iso3) : NULL;
}

/* Enter: the expert's country dossier; x: the working papers the expert submitted. */
static void
expert_action(struct app *app, const struct node *expert, int which)
{
    if (which == 0) {
        const struct node *country = country_of(app, expert->u.expert.iso3);
        if (country != NULL)
            app_goto_node(app, country, true);
        app->panes[PANE_TABLE]->visible = false;
        app->focus = PANE_TEXT;
        app_layout_panes(app);
        return;
    }
    views_open_papers(app, expert->u.expert.name);
}

static void
add_expert(struct pane *table, const struct app *app, const struct node *x)
{
    const struct node_expert *e = &x->u.expert;
    const struct node *country = country_of(app, e->iso3);
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
    table_add_row(table, x, cells, sb_str(&filter));
    sb_free(&filter);
}

void
views_open_experts(struct app *app)
{
    static const struct table_column cols[] = {
        {"Country", 16}, {"Name", 24}, {"1", 1}, {"2", 1}, {"3", 1}, {"Alt", 4}, {"Role", 10},
    };
    struct pane *table = app->panes[PANE_TABLE];
    table_reset(table, "Experts (sessions 1 2 3; a blank is a session missed)", cols,
                sizeof cols / sizeof cols[0], expert_action, "x: their papers");
    size_t count;
    struct node *const *nodes = corpus_nodes(app->corpus, &count);
    for (size_t i = 0; i < count; i++)
        if (nodes[i]->kind == NODE_EXPERT)
            add_expert(table, app, nodes[i]);
    table->visible = true;
    app->focus = PANE_TABLE;
    app_layout_panes(app);
}

/* --- Working papers ------------------------------------------------------------------------ */

/* The first paragraph (or item) citing the first footnote that cites the paper. */
static const struct node *
citing_place(const struct node *paper)
{
    for (size_t i = 0; i < paper->cited_by.n; i++) {
        const struct node *fn = paper->cited_by.v[i];
        if (fn->cited_by.n > 0)
            return fn->cited_by.v[0];
        return fn;
    }
    return NULL;
}

/* Enter: where the report cites the paper; x: its first submitter who is a listed expert. */
static void
paper_action(struct app *app, const struct node *paper, int which)
{
    const struct node *to = NULL;
    if (which == 0) {
        to = citing_place(paper);
        if (to == NULL)
            app_message(app, false, "%s is not cited in the report", paper->u.paper.symbol);
    } else {
        for (size_t i = 0; i < paper->u.paper.nsubmitters && to == NULL; i++)
            to = paper->u.paper.submitters[i].expert;
        if (to == NULL)
            app_message(app, false, "no submitter of %s is in the expert list",
                        paper->u.paper.symbol);
    }
    if (to == NULL)
        return;
    app_goto_node(app, to, true);
    app->panes[PANE_TABLE]->visible = false;
    app->focus = PANE_TEXT;
    app_layout_panes(app);
}

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
        sb_puts(sb, "not cited in the report");
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
add_paper(struct pane *table, const struct node *paper)
{
    struct strbuf subs = STRBUF_INIT, cites = STRBUF_INIT, filter = STRBUF_INIT;
    submitters_text(&paper->u.paper, &subs);
    citations_text(paper, &cites);
    const char *cells[] = {paper->u.paper.symbol, paper->title ? paper->title : "",
                           sb_str(&subs), sb_str(&cites)};
    sb_printf(&filter, "%s %s %s", paper->u.paper.symbol, paper->title ? paper->title : "",
              sb_str(&subs));
    for (size_t i = 0; i < paper->u.paper.nsubmitters; i++) /* names as the footnotes print them */
        sb_printf(&filter, " %s", paper->u.paper.submitters[i].name);
    table_add_row(table, paper, cells, sb_str(&filter));
    sb_free(&subs);
    sb_free(&cites);
    sb_free(&filter);
}

void
views_open_papers(struct app *app, const char *filter)
{
    static const struct table_column cols[] = {
        {"Symbol", 14}, {"Title", 30}, {"Submitters", 30}, {"Cited in", 10},
    };
    struct pane *table = app->panes[PANE_TABLE];
    table_reset(table, "Working papers (Annex II)", cols, sizeof cols / sizeof cols[0],
                paper_action, "x: the submitter");
    size_t count;
    struct node *const *nodes = corpus_nodes(app->corpus, &count);
    for (size_t i = 0; i < count; i++)
        if (nodes[i]->kind == NODE_WORKING_PAPER)
            add_paper(table, nodes[i]);
    if (filter != NULL)
        table_filter(table, filter);
    table->visible = true;
    app->focus = PANE_TABLE;
    app_layout_panes(app);
}

/* --- The dossier ------------------------------------------------------------------------- */

/* The country a node is about: its own, its response's, its expert's, a paper's first
 * submitter's, or the first country its text names. */
const struct node *
views_country_of(const struct app *app, const struct node *n)
{
    for (const struct node *p = n; p != NULL; p = p->parent) {
        if (p->kind == NODE_COUNTRY)
            return p;
        if (p->kind == NODE_RESPONSE)
            return country_of(app, p->u.response.iso3);
        if (p->kind == NODE_EXPERT)
            return country_of(app, p->u.expert.iso3);
        if (p->kind == NODE_WORKING_PAPER && p->u.paper.nsubmitters > 0)
            return country_of(app, p->u.paper.submitters[0].iso3);
    }
    for (size_t i = 0; n != NULL && i < n->nrefs; i++)
        if (n->refs[i].kind == REF_COUNTRY && n->refs[i].target != NULL)
            return n->refs[i].target;
    return NULL;
}
