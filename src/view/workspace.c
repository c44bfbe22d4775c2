/* The workspace: the view stack, the focus, the message line. */
#include "view/workspace.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
ws_init(struct workspace *ws, const struct corpus *corpus, struct reader *rd)
{
    memset(ws, 0, sizeof *ws);
    ws->corpus = corpus;
    ws->rd = rd;
    tiling_init(&ws->tiling);
    ws->rows = 24;
    ws->cols = 80;
}

void
ws_fini(struct workspace *ws)
{
    ws_pop_all(ws);
    free(ws->views);
    for (int i = 0; i < TILE_COUNT; i++)
        pane_free(ws->tiles[i]);
    memset(ws, 0, sizeof *ws);
}

void
ws_message(struct workspace *ws, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ws->message, sizeof ws->message, fmt, ap);
    va_end(ap);
    ws->message_error = error;
}

void
ws_push(struct workspace *ws, struct pane *view)
{
    ws->views = xgrow(ws->views, &ws->cap, ws->nviews + 1, sizeof *ws->views);
    ws->views[ws->nviews++] = view;
}

void
ws_remove(struct workspace *ws, struct pane *view)
{
    for (size_t i = ws->nviews; i-- > 0;)
        if (ws->views[i] == view) {
            memmove(ws->views + i, ws->views + i + 1, (ws->nviews - i - 1) * sizeof *ws->views);
            ws->nviews--;
            pane_free(view);
            return;
        }
}

void
ws_pop_all(struct workspace *ws)
{
    while (ws->nviews > 0)
        pane_free(ws->views[--ws->nviews]);
}

struct pane *
ws_top(const struct workspace *ws)
{
    return ws->nviews > 0 ? ws->views[ws->nviews - 1] : NULL;
}

size_t
ws_base(const struct workspace *ws)
{
    for (size_t i = ws->nviews; i-- > 0;)
        if (ws->views[i]->ops->place == PLACE_FULL)
            return i;
    return (size_t)-1;
}

struct pane *
ws_focus(const struct workspace *ws)
{
    struct pane *top = ws_top(ws);
    return top != NULL ? top : ws->tiles[ws->tiling.focus];
}

struct pane *
ws_find(const struct workspace *ws, const struct pane_ops *ops)
{
    for (size_t i = ws->nviews; i-- > 0;)
        if (ws->views[i]->ops == ops)
            return ws->views[i];
    return NULL;
}

bool
ws_tile_shown(const struct workspace *ws, enum tile which)
{
    return tiling_shows(&ws->tiling, ws->cols, which);
}
