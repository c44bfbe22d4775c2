/* Drawing: the panes that show (the tiles, or the highest full-screen view, then the popups
 * above it), the borders between tiles, the status line (where the reader is, and which pane
 * or view has the focus) and the message line (a message, or the prompt). */
#include "app/app_int.h"

#include <string.h>
#include <unistr.h>

#include "text/width.h"
#include "util/i18n.h"

/* The end of s that fits in cols columns (its start is what gives way). */
static const char *
tail_fitting(const char *s, int cols)
{
    int w = text_width(s, strlen(s));
    while (*s && w > cols) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s, strlen(s));
        w -= cell_width(c);
        s += len > 0 ? len : 1;
    }
    return s;
}

void
frame_windows_new(struct app *app)
{
    app->status = ui_win_new(0, 0, 1, 1);
    app->message = ui_win_new(0, 0, 1, 1);
    for (int i = 0; i < 2; i++)
        app->border[i] = ui_win_new(0, 0, 1, 1);
    app->cover = ui_win_new(0, 0, 1, 1);
}

void
frame_windows_free(struct app *app)
{
    ui_win_free(app->status);
    ui_win_free(app->message);
    for (int i = 0; i < 2; i++)
        ui_win_free(app->border[i]);
    ui_win_free(app->cover);
    app->status = app->message = app->border[0] = app->border[1] = app->cover = NULL;
}

void
frame_windows_place(struct app *app)
{
    int rows = ui_rows(), cols = ui_cols();
    const struct pane *t = app->ws.tiles[TILE_TEXT];
    /* the cover spans the screen only while it is shown: a full-screen window costs a
     * screenful of cells to clear at every start */
    ui_win_place(app->cover, 0, 0, app->too_small ? rows : 1, app->too_small ? cols : 1);
    if (app->too_small)
        return; /* the rest would not fit */
    ui_win_place(app->status, rows - 2, 0, 1, cols);
    ui_win_place(app->message, rows - 1, 0, 1, cols);
    ui_win_place(app->border[BORDER_LEFT], 0, t->x - 1, t->rows, 1);
    ui_win_place(app->border[BORDER_RIGHT], 0, t->x + t->cols, t->rows, 1);
}

static void
draw_border(struct app *app, int which, enum tile beside)
{
    struct workspace *ws = &app->ws;
    const struct pane *t = ws->tiles[TILE_TEXT];
    if (!ws_tile_shown(ws, beside))
        return;
    enum tile f = ws->tiling.focus;
    struct ui_win *w = app->border[which];
    ui_vline(w, 0, 0, t->rows, f == beside || f == TILE_TEXT ? UI_BORDER_FOCUS : UI_BORDER);
    ui_win_stage(w);
}

static void
draw_borders(struct app *app)
{
    if (!ws_tile_shown(&app->ws, TILE_TEXT))
        return;
    draw_border(app, BORDER_LEFT, TILE_OUTLINE);
    draw_border(app, BORDER_RIGHT, TILE_CONTEXT);
}

static void
draw_status(struct app *app)
{
    int y = 0, cols = ui_cols();
    char crumb[512];
    reader_breadcrumb(&app->rd, crumb, sizeof crumb);
    ui_fill(app->status, y, 0, cols, UI_STATUS);
    /* too long for the line: its end (the paragraph and the percentage) matters most */
    const char *shown = tail_fitting(crumb, cols);
    int used = ui_put(app->status, y, 0, shown, strlen(shown), UI_STATUS, cols);
    const char *name = _(ws_focus(&app->ws)->ops->name);
    int w = text_width(name, strlen(name));
    if (cols - used > w + 2)
        ui_put(app->status, y, cols - w - 1, name, strlen(name), UI_STATUS, w);
    ui_win_stage(app->status);
}

/* The prompt, and where its cursor goes: after what was typed. Returns that column. */
static int
draw_prompt(struct app *app, int y, int cols)
{
    const struct prompt *p = &app->ws.prompt;
    int x = ui_put(app->message, y, 0, p->label, strlen(p->label), UI_MESSAGE, cols);
    /* the end of what was typed when it is longer than the line */
    const char *t = tail_fitting(p->text, cols - x - 1);
    x += ui_put(app->message, y, x, t, strlen(t), UI_MESSAGE, cols - x);
    /* what the prompt found so far ("match 3 of 12", "5 addresses") at the right */
    const char *m = app->ws.message;
    int mw = text_width(m, strlen(m));
    if (m[0] && cols - mw - 2 > x)
        ui_put(app->message, y, cols - mw - 1, m, strlen(m),
               app->ws.message_error ? UI_ERROR : UI_META, mw);
    return x < cols ? x : cols - 1;
}

/* The message line; returns the prompt's cursor column, or -1 without a prompt. */
static int
draw_message(struct app *app)
{
    int y = 0, cols = ui_cols();
    ui_fill(app->message, y, 0, cols, UI_MESSAGE);
    if (app->ws.prompt.active)
        return draw_prompt(app, y, cols);
    const char *m = app->ws.message;
    ui_put(app->message, y, 0, m, strlen(m), app->ws.message_error ? UI_ERROR : UI_MESSAGE, cols);
    return -1;
}

static void
draw_too_small(struct app *app)
{
    ui_win_erase(app->cover);
    const char *msg = _("terminal too small");
    ui_put(app->cover, 0, 0, msg, strlen(msg), UI_ERROR, ui_cols());
    ui_win_stage(app->cover);
    ui_cursor(NULL, 0, 0);
    ui_update();
}

static void
draw_pane(struct app *app, struct pane *p)
{
    p->ops->draw(p, &app->rd);
    ui_win_stage(p->win);
}

void
frame_draw(struct app *app, unsigned dirty)
{
    struct workspace *ws = &app->ws;
    if (app->too_small) {
        app->tiles_on_top = false;
        draw_too_small(app);
        return;
    }
    size_t base = ws_base(ws);
    if (base == (size_t)-1)
        draw_borders(app);
    draw_status(app);
    int cursor = draw_message(app);
    ui_win_stage(app->message);
    if (base == (size_t)-1) {
        /* the tiles still show what they drew when nothing came over them or moved them */
        bool intact = app->tiles_on_top && ws->nviews == 0 &&
                      !(dirty & (REACT_RELAYOUT | REACT_REPAINT | REACT_SUSPEND));
        for (int i = 0; i < TILE_COUNT; i++) {
            ws->tiles[i]->intact = intact;
            if (dirty & (REACT_REPAINT | REACT_SUSPEND))
                pane_key_forget(ws->tiles[i]); /* a repaint draws everything anew */
            if (ws_tile_shown(ws, (enum tile)i))
                draw_pane(app, ws->tiles[i]);
        }
    }
    app->tiles_on_top = base == (size_t)-1 && ws->nviews == 0;
    for (size_t i = base == (size_t)-1 ? 0 : base; i < ws->nviews; i++)
        draw_pane(app, ws->views[i]);
    ui_cursor(cursor >= 0 ? app->message : NULL, 0, cursor);
    ui_update();
}
