/* The reader's panes: focus, show and hide, zoom, widths. Below 100 columns the text has one
 * side pane, the outline or the context pane; below 60 columns one pane shows at a time. Each
 * command says what it did at the width it ran at: none does nothing silently. */
#include "cmd/commands.h"

#include "cmd/handlers.h"
#include "view/workspace.h"
#include "util/i18n.h"

enum { STEP_COLS = 4 };

static unsigned
relaid(struct cmd_ctx *ctx)
{
    tiling_fix_focus(&ctx->ws->tiling, ctx->ws->cols);
    return REACT_RELAYOUT | REACT_REDRAW;
}

static unsigned
focus(struct cmd_ctx *ctx, enum tile which)
{
    struct tiling *t = &ctx->ws->tiling;
    if (which == TILE_OUTLINE) {
        t->show_outline = true;
        t->context_first = false;
    }
    if (which == TILE_CONTEXT)
        t->show_context = true;
    t->focus = which;
    return relaid(ctx);
}

unsigned
cmd_focus_outline(struct cmd_ctx *ctx)
{
    return focus(ctx, TILE_OUTLINE);
}

unsigned
cmd_focus_text(struct cmd_ctx *ctx)
{
    return focus(ctx, TILE_TEXT);
}

unsigned
cmd_focus_context(struct cmd_ctx *ctx)
{
    return focus(ctx, TILE_CONTEXT);
}

unsigned
cmd_focus_next(struct cmd_ctx *ctx)
{
    struct tiling *t = &ctx->ws->tiling;
    for (int k = 1; k <= TILE_COUNT; k++) {
        enum tile next = (enum tile)(((int)t->focus + k) % TILE_COUNT);
        if (ws_tile_shown(ctx->ws, next)) {
            t->focus = next;
            break;
        }
    }
    return REACT_REDRAW;
}

static bool
narrow(const struct workspace *ws)
{
    return ws->cols < TILING_MEDIUM || ws->tiling.zoomed;
}

/* Below 60 columns (or zoomed): the side pane alone, and back to the text. */
static unsigned
toggle_alone(struct cmd_ctx *ctx, enum tile which, const char *name)
{
    struct tiling *t = &ctx->ws->tiling;
    bool back = t->focus == which;
    t->focus = back ? TILE_TEXT : which;
    if (which == TILE_CONTEXT)
        t->show_context = true;
    else
        t->show_outline = true;
    if (back)
        cmd_say(ctx, false, _("the text again"));
    else
        cmd_say(ctx, false, _("the %s alone (again: the text)"), name);
    return relaid(ctx);
}

unsigned
cmd_toggle_context(struct cmd_ctx *ctx)
{
    struct workspace *ws = ctx->ws;
    struct tiling *t = &ws->tiling;
    if (narrow(ws))
        return toggle_alone(ctx, TILE_CONTEXT, _("context pane"));
    if (ws->cols < TILING_WIDE) { /* one side pane: the context pane or the outline */
        bool shown = ws_tile_shown(ws, TILE_CONTEXT);
        t->show_context = true;
        t->context_first = !shown;
        if (shown && t->focus == TILE_CONTEXT)
            t->focus = TILE_TEXT;
        cmd_say(ctx, false,
                shown ? _("the outline again (C: the context pane in its place)")
                      : _("the context pane in place of the outline (C: the outline)"));
        return relaid(ctx);
    }
    t->show_context = !t->show_context;
    cmd_say(ctx, false, t->show_context ? _("context pane shown") : _("context pane hidden"));
    return relaid(ctx);
}

unsigned
cmd_toggle_outline(struct cmd_ctx *ctx)
{
    struct workspace *ws = ctx->ws;
    struct tiling *t = &ws->tiling;
    if (narrow(ws))
        return toggle_alone(ctx, TILE_OUTLINE, _("outline"));
    bool shown = ws_tile_shown(ws, TILE_OUTLINE);
    t->show_outline = !shown;
    if (!shown)
        t->context_first = false; /* below 100 columns it takes the context pane's place */
    cmd_say(ctx, false, shown ? _("outline hidden") : _("outline shown"));
    return relaid(ctx);
}

unsigned
cmd_zoom(struct cmd_ctx *ctx)
{
    struct tiling *t = &ctx->ws->tiling;
    t->zoomed = !t->zoomed;
    cmd_say(ctx, false, t->zoomed ? _("the focused pane alone (z: all panes)") : _("all panes"));
    return relaid(ctx);
}

static unsigned
resize_side(struct cmd_ctx *ctx, int delta)
{
    struct workspace *ws = ctx->ws;
    struct tiling *t = &ws->tiling;
    if (t->focus == TILE_TEXT || narrow(ws)) {
        cmd_say(ctx, false, _("focus a side pane shown beside the text first (1 or 3)"));
        return REACT_REDRAW;
    }
    bool context = t->focus == TILE_CONTEXT;
    int *cols = context ? &t->context_cols : &t->outline_cols;
    int now = *cols ? *cols : ws->tiles[context ? TILE_CONTEXT : TILE_OUTLINE]->cols;
    int want = now + delta * ctx->count, hi = ws->cols / 2;
    *cols = want < TILING_MIN_SIDE ? TILING_MIN_SIDE : want > hi ? hi : want;
    return relaid(ctx);
}

unsigned
cmd_grow_pane(struct cmd_ctx *ctx)
{
    return resize_side(ctx, STEP_COLS);
}

unsigned
cmd_shrink_pane(struct cmd_ctx *ctx)
{
    return resize_side(ctx, -STEP_COLS);
}
