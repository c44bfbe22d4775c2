/* Opening the views: help, the experts and the working papers (at the expert or paper being
 * read about), a country's dossier, the bookmarks; closing a view; quitting. */
#include "cmd/commands.h"

#include <stdlib.h>

#include "cmd/handlers.h"
#include "corpus/resolve.h"
#include "view/follow.h"
#include "view/views.h"
#include "util/i18n.h"

static unsigned
push(struct cmd_ctx *ctx, struct pane *view)
{
    ws_push(ctx->ws, view);
    return REACT_RELAYOUT | REACT_REDRAW;
}

unsigned
cmd_help(struct cmd_ctx *ctx)
{
    return push(ctx, view_help_new(ctx->ws, ctx->pane));
}

unsigned
cmd_bookmarks(struct cmd_ctx *ctx)
{
    return push(ctx, view_bookmarks_new(ctx->ws));
}

/* --- What the reader is about --------------------------------------------------------------- */

/* The country n is about: its own, its response's, its expert's, a paper's first submitter's. */
static const struct node *
country_of(const struct corpus *corpus, const struct node *n)
{
    for (const struct node *p = n; p != NULL; p = p->parent) {
        if (p->kind == NODE_COUNTRY)
            return p;
        if (p->kind == NODE_RESPONSE && p->u.response.iso3)
            return corpus_find(corpus, p->u.response.iso3);
        if (p->kind == NODE_EXPERT)
            return p->u.expert.country_node;
        if (p->kind == NODE_WORKING_PAPER && p->u.paper.nsubmitters > 0 &&
            p->u.paper.submitters[0].iso3)
            return corpus_find(corpus, p->u.paper.submitters[0].iso3);
    }
    return NULL;
}

static const struct node *
first_of(const struct node *country, enum node_kind kind)
{
    const struct node_list *l =
        kind == NODE_EXPERT ? &country->u.country.experts : &country->u.country.working_papers;
    return l->n > 0 ? l->v[0] : NULL;
}

/* The first submitter of a paper who is in the expert list. */
static const struct node *
listed_submitter(const struct node *paper)
{
    for (size_t i = 0; i < paper->u.paper.nsubmitters; i++)
        if (paper->u.paper.submitters[i].expert != NULL)
            return paper->u.paper.submitters[i].expert;
    return NULL;
}

/* The first paper the expert submitted (among their country's). */
static const struct node *
paper_of(const struct node *expert)
{
    const struct node *c = expert->u.expert.country_node;
    for (size_t i = 0; c != NULL && i < c->u.country.working_papers.n; i++) {
        const struct node *p = c->u.country.working_papers.v[i];
        for (size_t k = 0; k < p->u.paper.nsubmitters; k++)
            if (p->u.paper.submitters[k].expert == expert)
                return p;
    }
    return NULL;
}

/* A node of `kind` that n stands for: itself; a paper's expert, an expert's paper; a
 * country's first expert or paper. */
static const struct node *
related(const struct node *n, enum node_kind kind)
{
    if (n == NULL || n->kind == kind)
        return n;
    if (n->kind == NODE_COUNTRY)
        return first_of(n, kind);
    if (kind == NODE_EXPERT && n->kind == NODE_WORKING_PAPER)
        return listed_submitter(n);
    if (kind == NODE_WORKING_PAPER && n->kind == NODE_EXPERT)
        return paper_of(n);
    return NULL;
}

/* The first node of `kind` that n cites, directly or through a footnote. */
static const struct node *
cited(const struct node *n, enum node_kind kind, bool through_notes)
{
    for (size_t k = 0; k < n->nrefs; k++) {
        const struct node *t = n->refs[k].target;
        if (t != NULL && t->kind == kind)
            return t;
        if (t != NULL && through_notes && t->kind == NODE_FOOTNOTE && cited(t, kind, false))
            return cited(t, kind, false);
    }
    return NULL;
}

/* The first node of `kind` on screen, or cited there. */
static const struct node *
on_screen(struct reader *rd, enum node_kind kind)
{
    const struct node **shown, *found = NULL;
    size_t n = reader_shown(rd, &shown);
    for (size_t i = 0; i < n && found == NULL; i++)
        found = shown[i]->kind == kind ? shown[i] : cited(shown[i], kind, true);
    free(shown);
    return found;
}

/* The expert or paper being read about: the focused view's subject, the selected link's
 * target, what is on screen. */
static const struct node *
current(struct cmd_ctx *ctx, enum node_kind kind)
{
    const struct pane_ops *ops = ctx->pane->ops;
    const struct node *subject = ops->subject ? ops->subject(ctx->pane, ctx->rd) : NULL;
    const struct node *n = related(subject, kind);
    if (n == NULL && subject != NULL)
        n = cited(subject, kind, true); /* a footnote in a popup: the paper it names */
    const struct ref *link = reader_link(ctx->rd);
    if (n == NULL && ops->place == PLACE_TILE && link != NULL)
        n = related(link->target, kind);
    if (n == NULL && ctx->rd->pos.root != NULL)
        n = on_screen(ctx->rd, kind);
    return n;
}

unsigned
cmd_experts(struct cmd_ctx *ctx)
{
    return push(ctx, view_experts_new(ctx->ws, current(ctx, NODE_EXPERT)));
}

unsigned
cmd_papers(struct cmd_ctx *ctx)
{
    const char *filter = ctx->args[0] ? ctx->args : NULL;
    return push(ctx, view_papers_new(ctx->ws, current(ctx, NODE_WORKING_PAPER), filter));
}

/* `:dossier Norway`: the dossier of the country an address names or is about. */
static unsigned
dossier_typed(struct cmd_ctx *ctx)
{
    struct resolved r;
    resolve_one(ctx->ws->corpus, ctx->args, &r);
    if (r.status != RESOLVE_OK)
        return cmd_say_unresolved(ctx, &r);
    const struct node *c = country_of(ctx->ws->corpus, r.first);
    if (c == NULL) {
        cmd_say(ctx, true, _("%s is about no country"), r.first->address);
        return REACT_REDRAW;
    }
    return follow_node(ctx, c);
}

/* D: the dossier of the country of the focused view's subject, the selected link, or the place
 * being read; with an argument, of the country it names or is about. */
unsigned
cmd_dossier(struct cmd_ctx *ctx)
{
    if (ctx->args[0] != '\0')
        return dossier_typed(ctx);
    const struct corpus *corpus = ctx->ws->corpus;
    const struct node *c = NULL;
    const struct pane_ops *ops = ctx->pane->ops;
    if (c == NULL && ops->subject != NULL)
        c = country_of(corpus, ops->subject(ctx->pane, ctx->rd));
    const struct ref *link = reader_link(ctx->rd);
    if (c == NULL && ops->place == PLACE_TILE && link != NULL)
        c = country_of(corpus, link->target);
    if (c == NULL && ctx->rd->pos.root != NULL)
        c = country_of(corpus, reader_top(ctx->rd));
    if (c == NULL || c->kind != NODE_COUNTRY) {
        cmd_say(ctx, false,
                _("no country here (D on a response, an expert, a paper or a country)"));
        return REACT_REDRAW;
    }
    return follow_node(ctx, c);
}

/* --- Closing and quitting ------------------------------------------------------------------- */

/* In a view: close it. In the reader: close the footnote shown in the context pane, else stop
 * highlighting the matches, else say how to quit. */
unsigned
cmd_close(struct cmd_ctx *ctx)
{
    if (ctx->pane->ops->place != PLACE_TILE)
        return REACT_POP | REACT_REDRAW;
    if (reader_note(ctx->rd) != NULL) {
        reader_set_note(ctx->rd, NULL, NULL);
        cmd_say(ctx, false, _("footnote closed"));
    } else if (ctx->rd->search.active && ctx->rd->search.highlight) {
        reader_search_clear(ctx->rd);
        cmd_say(ctx, false, _("matches no longer highlighted (n shows the next one again)"));
    } else {
        cmd_say(ctx, false, _("nothing to close (q quits)"));
    }
    return REACT_REDRAW;
}

unsigned
cmd_quit(struct cmd_ctx *ctx)
{
    (void)ctx;
    return REACT_QUIT;
}

unsigned
cmd_redraw(struct cmd_ctx *ctx)
{
    (void)ctx;
    return REACT_REPAINT | REACT_RELAYOUT | REACT_REDRAW;
}

unsigned
cmd_suspend(struct cmd_ctx *ctx)
{
    (void)ctx;
    return REACT_SUSPEND;
}
