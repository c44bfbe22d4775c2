/* Dispatch: a key or a name to the command it means in the focused pane, and what the
 * command did to the view stack. */
#include "cmd/commands.h"

#include <stdlib.h>
#include <string.h>

#include "view/workspace.h"
#include "util/i18n.h"

/* The binding of key in the pane's tables, searched in order. */
static const struct keymap_binding *
lookup(const struct workspace *ws, const struct pane *pane, key_code key)
{
    const char *tables[PANE_MAX_TABLES + 2];
    size_t n = pane_tables(pane->ops, tables);
    for (size_t i = 0; i < n; i++) {
        const struct keymap_binding *b = keymap_lookup(ws->keymap, tables[i], key);
        if (b != NULL)
            return b;
    }
    return NULL;
}

/* A leading number of args ("scroll-down 3"); 1 without one. */
static int
count_of(const char *args)
{
    int n = args != NULL ? atoi(args) : 0;
    return n > 0 && n < 100000 ? n : 1;
}

unsigned
dispatch_settle(struct workspace *ws, unsigned react, struct pane *ran_in)
{
    if (react & REACT_READER) {
        ws_pop_all(ws);
        ws->tiling.focus = TILE_TEXT;
        react |= REACT_RELAYOUT | REACT_REDRAW;
    } else if ((react & REACT_POP) && ran_in != NULL) {
        ws_remove(ws, ran_in);
        react |= REACT_RELAYOUT | REACT_REDRAW;
    }
    return react & ~(unsigned)(REACT_POP | REACT_READER | REACT_FOLLOW);
}

/* Runs cmd in pane and settles what it did. */
static unsigned
run(struct workspace *ws, struct pane *pane, const struct cmd_def *cmd, const char *args)
{
    struct cmd_ctx ctx = {ws, ws->rd, pane, args ? args : "", count_of(args), "", false};
    ws->message[0] = '\0';
    unsigned r = cmd->exec(&ctx);
    if (r & REACT_FOLLOW)
        r = (r & ~(unsigned)REACT_FOLLOW) | cmd_follow_picked(&ctx);
    if (ctx.message[0] != '\0')
        ws_message(ws, ctx.message_error, "%s", ctx.message);
    return dispatch_settle(ws, r, pane);
}

unsigned
dispatch_run(struct workspace *ws, struct pane *pane, const char *name, const char *args)
{
    const struct cmd_def *cmd = commands_resolve(pane->ops, name);
    if (cmd == NULL) {
        ws_message(ws, true, _("unknown command: %s"), name);
        return REACT_REDRAW;
    }
    return run(ws, pane, cmd, args);
}

/* The pane under screen (y, x): the top view when it is there, else a shown tile. */
static struct pane *
pane_at(struct workspace *ws, int y, int x)
{
    struct pane *top = ws_top(ws);
    if (top != NULL)
        return pane_contains(top, y, x) ? top : NULL;
    for (int i = 0; i < TILE_COUNT; i++)
        if (ws_tile_shown(ws, (enum tile)i) && pane_contains(ws->tiles[i], y, x))
            return ws->tiles[i];
    return NULL;
}

/* A click focuses the tile under it and lets the pane act on it (follow a link, open an
 * entry); outside a popup it closes the popup. */
static unsigned
click(struct workspace *ws, int y, int x)
{
    struct pane *p = pane_at(ws, y, x), *top = ws_top(ws);
    if (p == NULL && top != NULL && top->ops->place == PLACE_POPUP)
        return dispatch_settle(ws, REACT_POP, top);
    if (p == NULL || p->ops->click == NULL)
        return REACT_NONE;
    for (int i = 0; i < TILE_COUNT; i++)
        if (ws->tiles[i] == p)
            ws->tiling.focus = (enum tile)i;
    struct cmd_ctx ctx = {ws, ws->rd, p, "", 1, "", false};
    unsigned r = p->ops->click(p, &ctx, y - p->y, x - p->x) | REACT_REDRAW;
    if (r & REACT_FOLLOW)
        r = (r & ~(unsigned)REACT_FOLLOW) | cmd_follow_picked(&ctx);
    if (ctx.message[0] != '\0')
        ws_message(ws, ctx.message_error, "%s", ctx.message);
    return dispatch_settle(ws, r, p);
}

unsigned
dispatch_key(struct workspace *ws, key_code key, int y, int x)
{
    if (key == KEYC_MOUSE_CLICK)
        return click(ws, y, x);
    struct pane *p = ws_focus(ws);
    const struct keymap_binding *b = lookup(ws, p, key);
    if (b == NULL) {
        char name[KEYNAME_BUFSIZE];
        const char *s = keyname_string(key, name, sizeof name);
        ws_message(ws, false, _("%s is not bound here (F1 or H: help)"), s ? s : _("that key"));
        return REACT_REDRAW;
    }
    return dispatch_run(ws, p, b->command, b->args);
}
