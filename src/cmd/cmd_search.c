/* Searching the corpus from the reader: the incremental prompt, stepping from where the
 * reader is, the list of every match, turning the highlight off. */
#include "cmd/commands.h"

#include <stdio.h>

#include "cmd/handlers.h"
#include "view/views.h"
#include "util/i18n.h"

static void
say_match(struct workspace *ws, bool wrapped)
{
    const struct reader_search *s = &ws->rd->search;
    ws_message(ws, false, _("%s: match %zu of %zu%s"), s->query, s->current + 1, s->hits.n,
               wrapped && s->hits.n > 1 ? _(" (wrapped around the corpus)") : "");
}

/* Each keystroke searches again from where the search began. */
static unsigned
search_typed(struct workspace *ws, void *arg, const char *text)
{
    (void)arg;
    struct diag d = {0};
    switch (reader_search(ws->rd, text, ws->search_backward, &ws->search_from, &d)) {
    case READER_FOUND:
        say_match(ws, false);
        break;
    case READER_NOT_FOUND:
        if (text[0] != '\0')
            ws_message(ws, true, _("not found: %s"), text);
        break;
    case READER_SEARCH_ERROR:
        ws_message(ws, true, "%s", d.msg);
        break;
    }
    return REACT_REDRAW;
}

/* Enter: the match shown is a new place in the history; back returns to where the search
 * began. */
static unsigned
search_accepted(struct workspace *ws, void *arg, const char *text)
{
    (void)arg;
    (void)text; /* searched already, as it was typed */
    if (ws->rd->search.active) {
        reader_remember(ws->rd, &ws->search_from);
        say_match(ws, false);
    }
    return REACT_REDRAW;
}

/* Escape or C-g: back where the search began, without it. */
static unsigned
search_cancelled(struct workspace *ws, void *arg, const char *text)
{
    (void)arg;
    (void)text;
    struct diag d = {0};
    reader_search(ws->rd, "", false, &ws->search_from, &d);
    return REACT_REDRAW;
}

static unsigned
start_search(struct cmd_ctx *ctx, bool backward)
{
    struct workspace *ws = ctx->ws;
    ws->search_from = ctx->rd->pos;
    ws->search_backward = backward;
    struct prompt_spec spec = {.label = backward ? "?" : "/",
                               .on_change = search_typed,
                               .on_accept = search_accepted,
                               .on_cancel = search_cancelled};
    prompt_start(ws, &spec);
    return cmd_reader_moved(ctx); /* a view over the text closes: the search shows there */
}

unsigned
cmd_search_forward(struct cmd_ctx *ctx)
{
    return start_search(ctx, false);
}

unsigned
cmd_search_backward(struct cmd_ctx *ctx)
{
    return start_search(ctx, true);
}

static unsigned
step(struct cmd_ctx *ctx, int dir)
{
    bool wrapped = false, any = false;
    for (int i = 0; i < ctx->count; i++) {
        bool w = false;
        if (!reader_search_step(ctx->rd, dir, &w))
            break;
        any = true;
        wrapped = wrapped || w;
    }
    if (!any) {
        cmd_say(ctx, false, _("no search (/ searches)"));
        return REACT_REDRAW;
    }
    say_match(ctx->ws, wrapped);
    return cmd_reader_moved(ctx);
}

unsigned
cmd_search_next(struct cmd_ctx *ctx)
{
    return step(ctx, 1);
}

unsigned
cmd_search_prev(struct cmd_ctx *ctx)
{
    return step(ctx, -1);
}

unsigned
cmd_search_results(struct cmd_ctx *ctx)
{
    if (!ctx->rd->search.active) {
        cmd_say(ctx, false, _("no search (/ searches)"));
        return REACT_REDRAW;
    }
    ws_push(ctx->ws, view_results_new(ctx->ws));
    return REACT_RELAYOUT | REACT_REDRAW;
}

unsigned
cmd_search_clear(struct cmd_ctx *ctx)
{
    if (!ctx->rd->search.active || !ctx->rd->search.highlight) {
        cmd_say(ctx, false, _("no matches highlighted"));
        return REACT_REDRAW;
    }
    reader_search_clear(ctx->rd);
    cmd_say(ctx, false, _("matches no longer highlighted (n shows the next one again)"));
    return REACT_REDRAW;
}
