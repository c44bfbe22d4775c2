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
    struct ui_win *frame; /* the whole screen: borders, status and message lines */
    bool too_small;
    bool tiles_on_top; /* the last frame showed the reader's tiles with no view over them */
};

/* start.c */
void start_keymap(struct app *app);
void start_state(struct app *app);
void start_place(struct app *app, const struct node *start);
/* layout.c: places the panes for the terminal's size and the view stack */
void layout_screen(struct app *app);
/* frame.c: draws everything and sends it to the terminal; dirty is what the loop has done
 * since the last frame (enum react): a relayout or a repaint leaves no pane intact */
void frame_draw(struct app *app, unsigned dirty);

#endif
