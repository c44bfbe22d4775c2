/* Where the panes go: the reader's tiles side by side (pane/tiling.c decides), full-screen
 * views in their place, popups over the text or over the view beneath. The two last rows are
 * the status and message lines. */
#include "app/app_int.h"

enum { MIN_ROWS = 3, MIN_COLS = 12, POPUP_MIN_ROWS = 3 };

/* The area a popup spans: the text when the reader's panes show, else the view beneath. */
static struct tile_rect
popup_area(const struct app *app, const struct tile_rect *text, int rows, int cols)
{
    if (ws_base(&app->ws) == (size_t)-1 && text->shown)
        return *text;
    return (struct tile_rect){true, 0, 0, rows, cols};
}

/* The whole width of the area (the popup draws its own margin), as many rows as it wants,
 * centred. */
static void
place_popup(struct pane *p, struct tile_rect area)
{
    int h = p->ops->want_rows ? p->ops->want_rows(p, area.cols) : area.rows;
    h = h < POPUP_MIN_ROWS ? POPUP_MIN_ROWS : h > area.rows ? area.rows : h;
    pane_place(p, area.y + (area.rows - h) / 2, area.x, h, area.cols);
}

static void
place_views(struct app *app, const struct tile_rect *text, int rows, int cols)
{
    struct workspace *ws = &app->ws;
    for (size_t i = 0; i < ws->nviews; i++) {
        struct pane *p = ws->views[i];
        if (p->ops->place == PLACE_POPUP)
            place_popup(p, popup_area(app, text, rows, cols));
        else
            pane_place(p, 0, 0, rows, cols);
    }
}

static void
place_tiles(struct app *app, const struct tile_rect *rect)
{
    for (int i = 0; i < TILE_COUNT; i++)
        if (rect[i].shown)
            pane_place(app->ws.tiles[i], rect[i].y, rect[i].x, rect[i].rows, rect[i].cols);
}

static void
set_focus(struct workspace *ws)
{
    struct pane *f = ws_focus(ws);
    for (int i = 0; i < TILE_COUNT; i++)
        ws->tiles[i]->focused = ws->tiles[i] == f;
    for (size_t i = 0; i < ws->nviews; i++)
        ws->views[i]->focused = ws->views[i] == f;
}

void
layout_screen(struct app *app)
{
    struct workspace *ws = &app->ws;
    int rows = ui_rows(), cols = ui_cols(), area = rows - 2 > 1 ? rows - 2 : 1;
    ws->rows = rows;
    ws->cols = cols;
    app->too_small = rows < MIN_ROWS || cols < MIN_COLS;
    tiling_fix_focus(&ws->tiling, cols);
    struct tile_rect rect[TILE_COUNT];
    tiling_compute(&ws->tiling, area, cols, rect);
    place_tiles(app, rect);
    /* the text keeps a width when another pane shows alone: the one it would have alone */
    const struct tile_rect *t = &rect[TILE_TEXT];
    reader_resize(&app->rd, t->shown ? t->cols : cols, t->shown ? t->rows : area);
    place_views(app, t, area, cols);
    set_focus(ws);
    frame_windows_place(app);
}
