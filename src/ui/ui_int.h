/* Inside the terminal module: what ui.c shares with margins.c. */
#ifndef NDVR_UI_INT_H
#define NDVR_UI_INT_H

#include <curses.h>

struct ui_win {
    WINDOW *w;
};

/* margins.c: left/right margins (DECLRMM, DECSLRM) for scrolling one pane beside others */

/* Asks the terminal whether it has them (NDVR_MARGINS=off: never, =on: assumed). Call once,
 * after the first refresh. */
void margins_query(void);
/* A report the input read after ESC [ (its text, "?69;2$y"): the answer to the query. */
void margins_note_report(const char *body);
/* Sends the scroll ui_win_scroll_screen() asked for, if any; call right before doupdate(). */
void margins_scroll_pending(void);

#endif
