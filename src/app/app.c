/* The reader's loop: read a key, dispatch it, lay out and redraw once for what it did. */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "pane/tiles.h"
#include "state/state.h"
#include "text/sanitize.h"
#include "ui/ui.h"
#include "util/i18n.h"
#include "view/printing.h"

static void
app_init(struct app *app, const struct corpus *corpus, const struct node *start,
         const struct app_options *opts)
{
    memset(app, 0, sizeof *app);
    app->corpus = corpus;
    app->opts = *opts;
    reader_init(&app->rd, corpus, NULL);
    ws_init(&app->ws, corpus, &app->rd);
    app->ws.global = commands_global(&app->ws.nglobal);
    app->ws.clipboard = opts->clipboard;
    app->ws.tiles[TILE_OUTLINE] = pane_outline_new();
    app->ws.tiles[TILE_TEXT] = pane_text_new();
    app->ws.tiles[TILE_CONTEXT] = pane_context_new();
    start_keymap(app);
    start_state(app);
    printing_load(&app->ws);
    start_place(app, start);
}

/* Frees what app_init made; the panes' windows go before the terminal is given back. */
static void
app_fini(struct app *app)
{
    ws_fini(&app->ws);
    frame_windows_free(app);
    reader_fini(&app->rd);
    keymap_free(app->keymap);
    state_close(app->state);
}

/* The place being read goes into the state, which is saved: on quit, and on SIGHUP (an SSH
 * drop) and SIGTERM. False, with why in d, when it could not be. */
static bool
save_state(struct app *app, struct diag *d)
{
    if (app->state == NULL)
        return true;
    reader_save_place(&app->rd);
    return state_save_session(app->state, d);
}

/* Pasted text is text, never keys: an open prompt takes it, and elsewhere it is dropped. */
static unsigned
handle_paste(struct app *app)
{
    if (app->ws.prompt.active)
        return dispatch_settle(&app->ws, prompt_paste(&app->ws, ui_paste_text()), NULL);
    ws_message(&app->ws, false, "%s", _("pasted text ignored: no prompt is open"));
    return REACT_REDRAW;
}

static unsigned
handle_key(struct app *app, key_code key, int y, int x)
{
    if (key == KEYC_PASTE)
        return handle_paste(app);
    if (app->ws.prompt.active)
        return dispatch_settle(&app->ws, prompt_key(&app->ws, key), NULL);
    return dispatch_key(&app->ws, key, y, x);
}

/* What arrives instead of a key: a resize, Ctrl-Z, a print job's end. */
static unsigned
handle_event(struct app *app, key_code key)
{
    switch (key) {
    case KEYC_SUSPEND:
        return REACT_SUSPEND;
    case KEYC_CHILD:
        printing_check(&app->ws);
        return REACT_REDRAW;
    case KEYC_RESIZE:
        return REACT_RELAYOUT | REACT_REDRAW | REACT_REPAINT;
    default:
        return REACT_NONE;
    }
}

/* Acts on what was done, in order: relayout, repaint, redraw; then hands out a citation
 * copied. */
static void
settle(struct app *app, unsigned dirty)
{
    if (dirty & REACT_SUSPEND) {
        ui_suspend();
        dirty |= REACT_RELAYOUT | REACT_REDRAW;
    }
    if (dirty & REACT_RELAYOUT)
        layout_screen(app);
    if (dirty & REACT_REPAINT)
        ui_repaint();
    if (dirty & (REACT_REDRAW | REACT_RELAYOUT | REACT_REPAINT))
        frame_draw(app, dirty);
    if (app->ws.clipboard_out[0] != '\0') {
        ui_copy_to_clipboard(app->ws.clipboard_out);
        app->ws.clipboard_out[0] = '\0';
    }
}

static void
loop(struct app *app)
{
    settle(app, REACT_RELAYOUT | REACT_REDRAW);
    for (;;) {
        int y = -1, x = -1;
        key_code key = ui_read_key(&y, &x);
        if (key == KEYC_SIGNAL)
            return;
        unsigned dirty = key >= KEYC_RESIZE && key <= KEYC_CHILD ? handle_event(app, key)
                                                                 : handle_key(app, key, y, x);
        if (dirty & REACT_QUIT)
            return;
        settle(app, dirty);
    }
}

/* On stderr, sanitised: the message may quote a path from the environment. */
static void
report_not_saved(const struct diag *d)
{
    char buf[800];
    diag_format(d, buf, sizeof buf);
    char *clean = sanitize_text(buf, strlen(buf), NULL, NULL);
    fputs("ndvr: ", stderr);
    fprintf(stderr, _("the reading position was not saved: %s"), clean);
    fputc('\n', stderr);
    free(clean);
}

int
app_run(const struct corpus *corpus, const struct node *start, const struct app_options *opts)
{
    struct app app;
    app_init(&app, corpus, start, opts);
    struct ui_options uo = {
        .ascii_borders = opts->ascii_borders, .mouse = opts->mouse, .color = opts->color};
    struct diag d = {0};
    enum ui_start st = ui_start(&uo, &d);
    if (st != UI_STARTED) {
        app_fini(&app);
        fprintf(stderr, "ndvr: %s\n", d.msg);
        return -(int)st; /* the caller prints the text instead */
    }
    frame_windows_new(&app);
    loop(&app);
    bool saved = save_state(&app, &d);
    app_fini(&app); /* every window is freed while curses still runs */
    ui_end();
    /* Only now can the reason be read: the status line is gone, the terminal is back. */
    if (!saved)
        report_not_saved(&d);
    int sig = ui_signal_received();
    return sig ? 128 + sig : saved ? 0 : 2;
}
