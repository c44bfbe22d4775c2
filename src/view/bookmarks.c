/* The bookmarks view: the bookmarks as bookmarks.json has them now (read again each time the
 * view opens, so another running reader's are there too), names padded by display width;
 * Enter goes to the exact place, c renames, X deletes (after asking). */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/state.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "view/kinds.h"
#include "util/i18n.h"

enum { NAME_COLS = 24 };

struct bookmarks_view {
    struct list list; /* first: the list views' functions take the data as a list */
    char chosen[32];  /* the id of the bookmark being renamed or deleted */
};

static void
fill(struct bookmarks_view *v, const struct workspace *ws)
{
    size_t n, cur = v->list.c.cur;
    const struct bookmark *bm = ws->state ? state_bookmarks(ws->state, &n) : NULL;
    list_reset(&v->list, _("Bookmarks"));
    for (size_t i = 0; bm != NULL && i < n; i++) {
        bool stale = state_bookmark_is_stale(&bm[i], ws->corpus);
        struct strbuf sb = STRBUF_INIT;
        sb_printf(&sb, "%s%*s %s%s", bm[i].name, text_pad(bm[i].name, NAME_COLS), "", bm[i].address,
                  stale ? _("  (stale: not in this corpus)") : "");
        list_add(&v->list, sb_str(&sb), i);
        sb_free(&sb);
    }
    if (bm == NULL || n == 0)
        list_add_heading(&v->list, _("no bookmarks yet (m bookmarks the place being read)"));
    cursor_set(&v->list.c, cur);
}

/* The bookmark under the cursor, or NULL after saying there is none. */
static const struct bookmark *
chosen(struct cmd_ctx *ctx)
{
    const struct list_row *r = list_current(ctx->pane->data);
    size_t n;
    const struct bookmark *bm = ctx->ws->state ? state_bookmarks(ctx->ws->state, &n) : NULL;
    if (r == NULL || bm == NULL || r->id >= n) {
        cmd_say(ctx, false, _("no bookmark here (m bookmarks the place being read)"));
        return NULL;
    }
    snprintf(((struct bookmarks_view *)ctx->pane->data)->chosen, 32, "%s", bm[r->id].id);
    return &bm[r->id];
}

static unsigned
bookmarks_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    (void)pane;
    const struct bookmark *b = chosen(ctx);
    if (b == NULL)
        return REACT_REDRAW;
    if (!reader_goto_stored(ctx->rd, b->address, b->offset, true)) {
        cmd_say(ctx, true, _("%s is stale: %s is not in this corpus"), b->name, b->address);
        return REACT_REDRAW;
    }
    return REACT_READER | REACT_REDRAW;
}

static unsigned
renamed(struct workspace *ws, void *arg, const char *text)
{
    struct pane *pane = arg;
    struct bookmarks_view *v = pane->data;
    struct diag d = {0};
    if (!state_bookmark_rename(ws->state, v->chosen, text, &d))
        ws_message(ws, true, _("not renamed: %s"), d.msg);
    fill(v, ws);
    return REACT_REDRAW;
}

static unsigned
cmd_bookmark_rename(struct cmd_ctx *ctx)
{
    const struct bookmark *b = chosen(ctx);
    if (b == NULL)
        return REACT_REDRAW;
    struct prompt_spec spec = {
        .label = _("new name: "), .initial = b->name, .on_accept = renamed, .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}

static unsigned
deleted(struct workspace *ws, void *arg, const char *text)
{
    struct pane *pane = arg;
    struct bookmarks_view *v = pane->data;
    struct diag d = {0};
    if (!prompt_is_yes(text))
        ws_message(ws, false, _("kept"));
    else if (!state_bookmark_delete(ws->state, v->chosen, &d))
        ws_message(ws, true, _("not deleted: %s"), d.msg);
    else
        ws_message(ws, false, _("deleted"));
    fill(v, ws);
    return REACT_REDRAW;
}

static unsigned
cmd_bookmark_delete(struct cmd_ctx *ctx)
{
    const struct bookmark *b = chosen(ctx);
    if (b == NULL)
        return REACT_REDRAW;
    char label[STATE_NAME_MAX + 40];
    snprintf(label, sizeof label, _("delete \"%s\"? (y/n) "), b->name);
    struct prompt_spec spec = {
        .label = label, .on_accept = deleted, .one_key = true, .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}

static const struct cmd_def bookmarks_cmds[] = {
    {"bookmark-delete", cmd_bookmark_delete,
     N_("Delete the bookmark under the cursor (asks first)")},
    {"bookmark-rename", cmd_bookmark_rename, N_("Rename the bookmark under the cursor")},
};

static void
bookmarks_free(struct pane *pane)
{
    list_fini(pane->data);
    free(pane->data);
}

const struct pane_ops bookmarks_ops = {
    .name = N_("bookmarks"),
    .tables = {"list", "view"},
    .cmds = bookmarks_cmds,
    .ncmds = sizeof bookmarks_cmds / sizeof bookmarks_cmds[0],
    .kind_cmds = list_kind_cmds,
    .nkind_cmds = LIST_KIND_NCMDS,
    .place = PLACE_FULL,
    .enter_help = N_("go to the bookmarked place"),
    .draw = listview_draw,
    .move = listview_move,
    .step_link = listview_step,
    .activate = bookmarks_activate,
    .click = listview_click,
    .free = bookmarks_free,
};

struct pane *
view_bookmarks_new(struct workspace *ws)
{
    struct bookmarks_view *v = xcalloc(1, sizeof *v);
    list_init(&v->list, _("Bookmarks"));
    struct diag d = {0};
    if (ws->state != NULL && !state_bookmarks_reload(ws->state, &d))
        ws_message(ws, true, _("bookmarks not read again: %s"), d.msg);
    fill(v, ws);
    return pane_new(&bookmarks_ops, v);
}
