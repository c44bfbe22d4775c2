/* The terminal: the only module that speaks curses (with input/keyname.c for key codes).
 *
 * Panes draw through this small API into windows they own (one curses WINDOW per pane, so
 * nothing a pane draws can spill over another); text is clipped by display width, and a wide
 * character that would cross the right edge becomes a space instead. Styles are named here
 * and mapped to colours and attributes once, with NO_COLOR (non-empty) and monochrome terminals
 * honoured.
 */
#ifndef NDVR_UI_H
#define NDVR_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "input/keyname.h"
#include "util/diag.h"

enum ui_style {
    UI_NORMAL,
    UI_TITLE,         /* a document's title */
    UI_HEADING,       /* chapter, section, annex, response headings */
    UI_LABEL,         /* paragraph numbers, list bullets, card field names */
    UI_META,          /* secondary text: symbols, [原件：…], hints */
    UI_MARKER,        /* footnote markers */
    UI_LINK,          /* references that can be followed */
    UI_LINK_CURRENT,  /* the selected link */
    UI_MATCH,         /* search matches */
    UI_MATCH_CURRENT, /* the current search match */
    UI_BORDER,
    UI_BORDER_FOCUS, /* the border of the focused pane */
    UI_CURSOR,       /* the selected row of a list (outline, results) */
    UI_STATUS,       /* the status line */
    UI_MESSAGE,      /* the message line */
    UI_ERROR,        /* an error on the message line */
    UI_STYLE_COUNT
};

struct ui_options {
    bool ascii_borders; /* | - + instead of box drawing (forced when ambiguous width is 2) */
    bool mouse;         /* wheel and clicks */
    bool color;         /* false: attributes only (also when NO_COLOR is non-empty) */
};

enum ui_start {
    UI_STARTED,
    UI_NOT_A_TERMINAL, /* stdin or stdout is not a tty */
    UI_BAD_LOCALE,     /* a character set other than UTF-8 and GB18030, or no C.UTF-8 */
    UI_NO_TERMINFO,    /* TERM unknown, and no fallback; d explains */
    UI_DUMB_TERMINAL,  /* a terminal without cursor addressing */
};

/* Makes sure LC_CTYPE has every character: UTF-8 or GB18030 (which ncursesw converts to), or
 * in the C locale (no character set said) C.UTF-8; false for another character set, or when
 * C.UTF-8 is missing. Call before anything prints. */
bool ui_ensure_utf8_locale(void);
/* Starts curses on the terminal. On anything but UI_STARTED the terminal is untouched and d
 * says why (when d is not NULL). */
enum ui_start ui_start(const struct ui_options *opts, struct diag *d);
/* Restores the terminal; safe to call twice, and from the fatal-error path. */
void ui_end(void);
/* Leaves curses, stops the process (Ctrl-Z), and on SIGCONT comes back with the next update
 * repainting everything. */
void ui_suspend(void);

int ui_rows(void);
int ui_cols(void);
/* The border characters in use: box drawing, or ASCII. */
bool ui_ascii_borders(void);

/* --- Windows ----------------------------------------------------------------------------- */

struct ui_win;

struct ui_win *ui_win_new(int y, int x, int rows, int cols);
void ui_win_free(struct ui_win *w);
/* Puts the window there; true when that made it anew (blank), false when it was there. */
bool ui_win_place(struct ui_win *w, int y, int x, int rows, int cols);
int ui_win_rows(const struct ui_win *w);
int ui_win_cols(const struct ui_win *w);
/* Clears the window to blanks (without forcing a full repaint of the terminal). */
void ui_win_erase(struct ui_win *w);
/* Writes s[0..n) at (y, x) in style, at most maxcols columns (and never past the window's
 * right edge); returns the columns written. Tabs must have been expanded. */
int ui_put(struct ui_win *w, int y, int x, const char *s, size_t n, enum ui_style style,
           int maxcols);
/* Paints ncols blanks in style from (y, x): for bars and highlights. */
void ui_fill(struct ui_win *w, int y, int x, int ncols, enum ui_style style);
/* A vertical border in column x of w, from row y for rows rows. */
void ui_vline(struct ui_win *w, int y, int x, int rows, enum ui_style style);
/* A horizontal border line in row y, with an optional title at its start. */
void ui_hline(struct ui_win *w, int y, int x, int cols, const char *title, enum ui_style style);
/* Marks the whole window changed, so that staging it copies all of it again (after another
 * window covered it). */
void ui_win_touch(struct ui_win *w);
/* Queues the window for the next ui_update (incremental: ncurses sends only what changed). */
void ui_win_stage(struct ui_win *w);
/* Shows the terminal's cursor at (y, x) of w after the next update (where a prompt is
 * typed); w NULL hides it. Call after staging every window. */
void ui_cursor(struct ui_win *w, int y, int x);
/* Sends every staged change to the terminal at once. */
void ui_update(void);
/* Forces a complete repaint on the next update (C-l). */
void ui_repaint(void);
/* Asks the next ui_update to scroll what the terminal shows in the window's place by n rows
 * (positive: up) within left/right and top/bottom margins, before it sends the frame, with
 * curses' copy of the screen moved the same way: redrawing the window then sends only the rows
 * that came in. Only on a terminal that confirmed DECLRMM (ui_has_margins); false, and nothing
 * asked, otherwise or when |n| is not less than the window's rows. Ask only when the terminal
 * shows, in the window's place, what the window held at the last update (nothing staged over
 * it since). */
bool ui_win_scroll_screen(struct ui_win *w, int n);
/* Whether the terminal confirmed left/right margins (or NDVR_MARGINS=on said so). */
bool ui_has_margins(void);

/* --- Input --------------------------------------------------------------------------------- */

/* Pseudo keys the reader gets besides real ones. */
enum {
    KEYC_RESIZE = KEYC_BASE + 0x10000,  /* the terminal changed size */
    KEYC_SIGNAL = KEYC_BASE + 0x10001,  /* SIGTERM, SIGHUP or SIGINT arrived: quit cleanly */
    KEYC_SUSPEND = KEYC_BASE + 0x10002, /* Ctrl-Z (SIGTSTP): call ui_suspend() */
    KEYC_CHILD = KEYC_BASE + 0x10003,   /* a child process ended (a print job) */
    KEYC_PASTE = KEYC_BASE + 0x10004,   /* text was pasted (bracketed paste): ui_paste_text() */
};

/* Blocks until a key (no polling, no timeout): returns the key, KEYC_RESIZE or KEYC_SIGNAL.
 * A mouse click sets *click_y / *click_x (screen coordinates; may be NULL). */
key_code ui_read_key(int *click_y, int *click_x);
/* What was pasted, after KEYC_PASTE: UTF-8 without control characters (line breaks and tabs
 * are blanks). Borrowed until the next key is read. */
const char *ui_paste_text(void);
/* Which signal ended the wait after KEYC_SIGNAL (SIGTERM, SIGHUP, SIGINT). */
int ui_signal_received(void);

/* Writes text to the terminal's clipboard through OSC 52 (base64, capped at 64 KiB);
 * false when too large. Only call it when the user enabled it. */
bool ui_copy_to_clipboard(const char *utf8);

#endif
