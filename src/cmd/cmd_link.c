/* Links and the history: Tab and Enter in whatever pane has the focus, back and forward to
 * exact places, the footnote popup, citations. */
#include "cmd/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/handlers.h"
#include "view/follow.h"
#include "view/views.h"
#include "util/i18n.h"

/* The link the pane has selected; the text's is the reading model's. A view without links of
 * its own (help) has none: the text's selection beneath it is not its to follow. */
static const struct link_pick *
picked(struct cmd_ctx *ctx)
{
    const struct pane_ops *ops = ctx->pane->ops;
    if (ops->picked != NULL)
        return ops->picked(ctx->pane);
    if (ops->place != PLACE_TILE)
        return NULL;
    return ctx->rd->link.set ? &ctx->rd->link : NULL;
}

unsigned
cmd_follow_picked(struct cmd_ctx *ctx)
{
    return follow_link(ctx, picked(ctx));
}

static unsigned
step(struct cmd_ctx *ctx, int dir)
{
    if (ctx->pane->ops->step_link != NULL)
        return ctx->pane->ops->step_link(ctx->pane, ctx, dir) | REACT_REDRAW;
    if (!reader_link_step(ctx->rd, dir)) {
        cmd_say(ctx, false, _("no links on screen"));
        return REACT_REDRAW;
    }
    const struct ref *r = reader_link(ctx->rd);
    cmd_say(ctx, false, "%s%s", r->to, r->external ? _(" (not in the corpus)") : "");
    return REACT_REDRAW;
}

unsigned
cmd_next_link(struct cmd_ctx *ctx)
{
    unsigned r = REACT_NONE;
    for (int i = 0; i < ctx->count; i++)
        r |= step(ctx, 1);
    return r;
}

unsigned
cmd_prev_link(struct cmd_ctx *ctx)
{
    unsigned r = REACT_NONE;
    for (int i = 0; i < ctx->count; i++)
        r |= step(ctx, -1);
    return r;
}

unsigned
cmd_follow_link(struct cmd_ctx *ctx)
{
    if (ctx->pane->ops->activate == NULL)
        return cmd_follow_picked(ctx);
    unsigned r = ctx->pane->ops->activate(ctx->pane, ctx);
    if (r & REACT_FOLLOW)
        r = (r & ~(unsigned)REACT_FOLLOW) | cmd_follow_picked(ctx);
    return r | REACT_REDRAW;
}

/* Back first closes the footnote followed into the context pane: following it did not move
 * the reading place, so going back must not either. */
unsigned
cmd_back(struct cmd_ctx *ctx)
{
    if (reader_note(ctx->rd) != NULL) {
        reader_set_note(ctx->rd, NULL, NULL);
        cmd_say(ctx, false, _("footnote closed"));
        return REACT_REDRAW;
    }
    bool moved = false;
    for (int i = 0; i < ctx->count && reader_back(ctx->rd); i++)
        moved = true;
    if (!moved)
        cmd_say(ctx, false, _("nothing to go back to"));
    return cmd_reader_moved(ctx);
}

unsigned
cmd_forward(struct cmd_ctx *ctx)
{
    bool moved = false;
    for (int i = 0; i < ctx->count && reader_forward(ctx->rd); i++)
        moved = true;
    if (!moved)
        cmd_say(ctx, false, _("nothing to go forward to"));
    return cmd_reader_moved(ctx);
}

/* The first footnote marker on screen, selected. */
static const struct link_pick *
first_footnote(struct reader *rd)
{
    struct reader_link *links;
    size_t n = reader_links(rd, &links);
    for (size_t i = 0; i < n && !rd->link.set; i++)
        if (links[i].ref.kind == REF_FOOTNOTE)
            reader_select_link(rd, links[i].node, &links[i].ref);
    free(links);
    return rd->link.set ? &rd->link : NULL;
}

/* p: the selected link's target in a popup (a footnote, a card, a paragraph), without going
 * there; with no link selected, the first footnote on screen. */
unsigned
cmd_peek(struct cmd_ctx *ctx)
{
    const struct link_pick *p = picked(ctx);
    if (p == NULL && ctx->pane->ops->picked == NULL && ctx->pane->ops->place == PLACE_TILE)
        p = first_footnote(ctx->rd);
    if (p == NULL) {
        cmd_say(ctx, false, _("no link selected (Tab selects one) and no footnote on screen"));
        return REACT_REDRAW;
    }
    if (p->ref.target == NULL) {
        cmd_say(ctx, false, _("%s is not in the corpus"), p->ref.to);
        return REACT_REDRAW;
    }
    ws_push(ctx->ws, view_popup_new(p->ref.target));
    return REACT_RELAYOUT | REACT_REDRAW;
}

unsigned
cmd_copy_citation(struct cmd_ctx *ctx)
{
    char cite[256];
    const struct node *n =
        ctx->pane->ops->subject ? ctx->pane->ops->subject(ctx->pane, ctx->rd) : NULL;
    reader_citation(n != NULL ? n : reader_top(ctx->rd), cite, sizeof cite);
    if (!ctx->ws->clipboard) {
        cmd_say(ctx, false, _("%s (copying is off: start ndvr with --clipboard)"), cite);
        return REACT_REDRAW;
    }
    snprintf(ctx->ws->clipboard_out, sizeof ctx->ws->clipboard_out, "%s", cite);
    cmd_say(ctx, false, _("copied: %s"), cite);
    return REACT_REDRAW;
}
