/* Inside the application: its state, and the files that share it (app.c: the loop; start.c:
 * keymap, state and the first place; layout.c: where the panes go; frame.c: borders, status
 * and message lines). */
#ifndef NDVR_APP_INT_H
#define NDVR_APP_INT_H

#include "app/app.h"
#include "input/keymap.h"
#include "reader/reader.h"
#include "view/workspace.h"

struct app {
    struct app_options opts;
    const struct corpus *corpus; /* borrowed */
    struct reader rd;
    struct workspace ws;
    struct keymap *keymap;
    struct state *state;
    /* Small windows around the panes, so that a frame copies only what it draws: */
    struct ui_win *status;    /* the status line */
    struct ui_win *message;   /* the message line (or the prompt) */
    struct ui_win *border[2]; /* the columns left and right of the text (BORDER_*) */
    struct ui_win *cover;     /* the whole screen: "terminal too small" */
    bool too_small;
    bool tiles_on_top; /* the last frame showed the reader's tiles with no view over them */
};

enum { BORDER_LEFT, BORDER_RIGHT };

/* start.c */
void start_keymap(struct app *app);
void start_state(struct app *app);
void start_place(struct app *app, const struct node *start);
/* layout.c: places the panes for the terminal's size and the view stack */
void layout_screen(struct app *app);
/* frame.c: draws everything and sends it to the terminal; dirty is what the loop has done
 * since the last frame (enum react): a relayout or a repaint leaves no pane intact */
void frame_draw(struct app *app, unsigned dirty);
/* frame.c: makes, places (after the tiles) and frees the windows around the panes */
void frame_windows_new(struct app *app);
void frame_windows_place(struct app *app);
void frame_windows_free(struct app *app);

#endif
