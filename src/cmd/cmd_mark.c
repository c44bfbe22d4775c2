/* Marking places: bookmarks, tags and a range to print, the print dialog. */
#include "cmd/commands.h"

#include <stdlib.h>

#include "cmd/handlers.h"
#include "corpus/resolve.h"
#include "state/state.h"
#include "view/views.h"
#include "util/i18n.h"

static void
bookmark_here(struct workspace *ws, const char *name)
{
    struct reader *rd = ws->rd;
    const struct node *top = reader_top(rd);
    size_t offset = reader_offset(rd);
    struct diag d = {0};
    const struct bookmark *b =
        ws->state == NULL ? NULL
                          : state_bookmark_add(ws->state, name, top->address,
                                               offset == READER_OFFSET_NONE ? 0 : offset, &d);
    if (b == NULL)
        ws_message(ws, true, _("bookmark not saved: %s"),
                   ws->state ? d.msg : _("no state directory"));
    else
        ws_message(ws, false, _("bookmarked %s as \"%s\" (' lists bookmarks)"), top->address,
                   b->name);
}

static unsigned
bookmark_named(struct workspace *ws, void *arg, const char *text)
{
    (void)arg;
    bookmark_here(ws, text[0] ? text : NULL);
    return REACT_REDRAW;
}

unsigned
cmd_bookmark_add(struct cmd_ctx *ctx)
{
    if (ctx->rd->pos.root == NULL)
        return REACT_NONE;
    if (ctx->args[0] != '\0') { /* :bookmark-add NAME */
        bookmark_here(ctx->ws, ctx->args);
        return REACT_REDRAW;
    }
    struct prompt_spec spec = {.label = _("bookmark name (Enter alone: its address): "),
                               .on_accept = bookmark_named};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}

static unsigned
report_selection(struct cmd_ctx *ctx)
{
    struct print_selection sel;
    reader_selection(ctx->rd, &sel);
    char *what = print_describe(&sel);
    cmd_say(ctx, false, _("to print: %s (P prints)"), what);
    free(what);
    print_select_free(&sel);
    return REACT_REDRAW;
}

static bool
all_tagged(const struct reader *rd, const struct resolved *r)
{
    for (const struct node *n = NULL; (n = resolve_next(rd->corpus, r, n));)
        if (!reader_is_tagged(rd, n))
            return false;
    return true;
}

/* `:tag A/74/90#p23..p30`: tags every node the address names, or untags them when all are
 * tagged already (as t does to one). */
static unsigned
tag_typed(struct cmd_ctx *ctx)
{
    struct resolved r;
    resolve(ctx->ws->corpus, ctx->args, &r);
    if (r.status != RESOLVE_OK)
        return cmd_say_unresolved(ctx, &r);
    bool on = !all_tagged(ctx->rd, &r);
    for (const struct node *n = NULL; (n = resolve_next(ctx->rd->corpus, &r, n));)
        reader_tag_set(ctx->rd, n, true, on);
    return report_selection(ctx);
}

unsigned
cmd_tag(struct cmd_ctx *ctx)
{
    if (ctx->args[0] != '\0')
        return tag_typed(ctx);
    reader_tag(ctx->rd, reader_top(ctx->rd), false);
    return report_selection(ctx);
}

unsigned
cmd_tag_subtree(struct cmd_ctx *ctx)
{
    reader_tag(ctx->rd, reader_top(ctx->rd), true);
    return report_selection(ctx);
}

unsigned
cmd_tag_clear(struct cmd_ctx *ctx)
{
    reader_untag_all(ctx->rd);
    cmd_say(ctx, false, _("no tags, no range: P prints the section being read"));
    return REACT_REDRAW;
}

unsigned
cmd_select_range(struct cmd_ctx *ctx)
{
    if (!reader_range_toggle(ctx->rd)) {
        cmd_say(ctx, false, _("range dropped"));
        return REACT_REDRAW;
    }
    cmd_say(ctx, false, _("range from %s: move, then P prints up to the top line"),
            ctx->rd->range_node->address);
    return REACT_REDRAW;
}

unsigned
cmd_print(struct cmd_ctx *ctx)
{
    ws_push(ctx->ws, view_print_new(ctx->ws));
    return REACT_RELAYOUT | REACT_REDRAW;
}
