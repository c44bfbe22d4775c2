/* Following links and opening addresses. */
#include "view/follow.h"

#include "view/views.h"
#include "util/i18n.h"

enum { MAX_VIEWS = 64 };

bool
follow_is_card(const struct node *node)
{
    return node->kind == NODE_EXPERT || node->kind == NODE_WORKING_PAPER ||
           node->kind == NODE_COUNTRY || node->kind == NODE_EXTERNAL;
}

/* Pushes a view, dropping the oldest when the stack is deep (a chain of cards). */
static unsigned
push(struct cmd_ctx *ctx, struct pane *view)
{
    struct workspace *ws = ctx->ws;
    if (ws->nviews >= MAX_VIEWS)
        ws_remove(ws, ws->views[0]);
    ws_push(ws, view);
    return REACT_RELAYOUT | REACT_REDRAW;
}

static unsigned
go_to(struct cmd_ctx *ctx, const struct node *node)
{
    if (node->document == NULL && node->kind != NODE_DOCUMENT)
        return push(ctx, view_card_new(node));
    reader_goto(ctx->rd, node, true);
    return REACT_READER | REACT_REDRAW;
}

static unsigned
open_note(struct cmd_ctx *ctx, const struct link_pick *pick)
{
    const struct node *note = pick->ref.target;
    bool in_text = ctx->pane == ctx->ws->tiles[TILE_TEXT];
    if (in_text && ws_tile_shown(ctx->ws, TILE_CONTEXT)) {
        reader_set_note(ctx->rd, note, pick->node);
        cmd_say(ctx, false, _("footnote %s in the context pane (Backspace closes it)"),
                note->label ? note->label : "");
        return REACT_REDRAW;
    }
    return push(ctx, view_popup_new(note));
}

unsigned
follow_node(struct cmd_ctx *ctx, const struct node *node)
{
    if (follow_is_card(node))
        return push(ctx, view_card_new(node));
    return go_to(ctx, node);
}

unsigned
follow_link(struct cmd_ctx *ctx, const struct link_pick *pick)
{
    if (pick == NULL || !pick->set) {
        cmd_say(ctx, false, _("no link selected (Tab selects the links shown)"));
        return REACT_REDRAW;
    }
    const struct ref *r = &pick->ref;
    if (r->target == NULL) {
        cmd_say(ctx, false, _("%s is not in the corpus"), r->to);
        return REACT_REDRAW;
    }
    switch (r->kind) {
    case REF_FOOTNOTE:
    case REF_IBID: /* the footnote it repeats, shown as a footnote is */
        return open_note(ctx, pick);
    case REF_EXPERT:
    case REF_WORKING_PAPER:
    case REF_COUNTRY:
        return follow_node(ctx, r->target);
    case REF_DOCUMENT:
    case REF_RESOLUTION:
    case REF_ANNEX:
    case REF_CHAPTER:
    case REF_SECTION:
    case REF_PARAGRAPH:
    case REF_KIND_COUNT:
        break;
    }
    return go_to(ctx, r->target);
}
