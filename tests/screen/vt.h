/* Screen-test harness: runs a program on a pty and reads its screen back through libvterm. */
#ifndef NDVR_TESTS_SCREEN_VT_H
#define NDVR_TESTS_SCREEN_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Conventions (tests/screen/README has a worked example):
 * - rows and columns are 0-based screen cells; a cell off the screen reads as width 0, char 0,
 *   no attributes, default colours.
 * - every wait takes a timeout in milliseconds; 0 or less means VT_TIMEOUT_MS. All waits and
 *   quiet periods are multiplied by $NDVR_VT_SCALE (an integer, default 1) for slow builds.
 * - a returned char * is the caller's to free.
 * - msg/msgsize pairs may be NULL/0; on failure they receive one line saying where and why.
 */

#define VT_QUIET_MS 150    /* default quiet period of vt_wait_quiet */
#define VT_TIMEOUT_MS 5000 /* default for every wait */

#define VT_COLOR_DEFAULT (-1) /* vt_cell_fg/bg: the terminal's default colour */
#define VT_COLOR_RGB (-2)     /* vt_cell_fg/bg: a direct (24-bit) colour */

#define VT_EXIT_TIMEOUT (-1) /* vt_wait_exit, vt_quit, vt_signal: did not exit in time */
#define VT_EXIT_LOST (-2)    /* the status could not be collected (someone else reaped it) */

enum vt_attr {
    VT_BOLD,
    VT_UNDERLINE,
    VT_ITALIC,
    VT_BLINK,
    VT_REVERSE,
    VT_STRIKE,
};

struct vt;

/*
 * Starts argv[0] (a path, not searched in $PATH) on a new rows x cols pty. The child gets the
 * caller's environment with TERM=xterm-256color, LC_ALL=C.UTF-8, HOME and XDG_{CONFIG,STATE,
 * DATA,CACHE}_HOME in a fresh temporary directory (removed by vt_free), NDVR_CORPUS set to the
 * source tree's corpus, and LANG, LANGUAGE, LC_*, other NDVR_*, LINES, COLUMNS, ESCDELAY,
 * NCURSES_*, TERMINFO* unset; then extra_env ("NAME=value", or "NAME=" to unset; may be NULL)
 * applies. If exec fails the child exits 127. Returns NULL if the pty or directory can't be made.
 */
struct vt *vt_spawn(int rows, int cols, const char *const argv[], const char *const extra_env[]);

/* Kills the child (and its process group) if it still runs, reaps it, frees everything. NULL ok. */
void vt_free(struct vt *vt);

int vt_rows(const struct vt *vt);
int vt_cols(const struct vt *vt);
int vt_pid(const struct vt *vt);
/* The child's $HOME (borrowed; valid until vt_free). */
const char *vt_home(const struct vt *vt);

/*
 * Waits. Output is fed to the emulator and its replies (cursor reports, device attributes) go
 * back to the child. Each returns false on timeout; vt_wait_quiet also when the child is gone.
 */
/* Until no output came for quiet_ms (0: VT_QUIET_MS). Says nothing about a child that has not
 * drawn yet: wait for a text first. */
bool vt_wait_quiet(struct vt *vt, int quiet_ms, int timeout_ms);
/* Until utf8 is on screen (within one row). Returns as soon as it is: the rest of the frame may
 * still be in flight, so follow with vt_wait_quiet before asserting on other cells. */
bool vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms);
/* Until utf8 is no longer on screen. */
bool vt_wait_gone(struct vt *vt, const char *utf8, int timeout_ms);
/* Until pred(vt, arg) holds; it is checked first, and after each chunk of output. */
bool vt_wait_until(struct vt *vt, bool (*pred)(struct vt *, void *), void *arg, int timeout_ms);

/* Input. Bytes go to the child as typed. */
void vt_send(struct vt *vt, const char *bytes);
/*
 * Sends one named key the way xterm does in the terminal's current modes (cursor keys follow
 * DECCKM, as set by ncurses keypad()). Names: Enter Tab BTab Backspace Escape Space Up Down Left
 * Right PageUp PageDown Home End Insert Delete F1..F12, or one UTF-8 character; prefixes C- M- S-
 * combine ("C-x" is 0x18, "M-x" is ESC x, "S-Tab" is BTab, "C-Up" is CSI 1;5A). Returns false for
 * an unknown name (nothing is sent).
 */
bool vt_send_key(struct vt *vt, const char *keyname);

/*
 * Pastes utf8 as xterm does: between ESC [200~ and ESC [201~ when the program turned bracketed
 * paste (mode 2004) on, as the bytes alone when it did not. The text is sent as it is.
 */
void vt_paste(struct vt *vt, const char *utf8);

/*
 * Makes the terminal one of codeset (GB18030) instead of UTF-8: what the program writes is
 * decoded from codeset (malformed bytes show as '?'), and what is sent to it (keys, pastes, the
 * emulator's replies) is encoded in it; the screen is read in UTF-8 as ever. Call right after
 * vt_spawn. False when iconv knows not codeset.
 */
bool vt_set_charset(struct vt *vt, const char *codeset);

/* Takes in what the child has written so far, then resizes the emulator and the pty; the kernel
 * sends SIGWINCH to the child's foreground process group. The caller waits for the redraw. */
void vt_resize(struct vt *vt, int rows, int cols);

/* Reading the screen. */
/* A row as UTF-8: wide characters once, empty cells as spaces, trailing blanks trimmed. */
char *vt_row_text(struct vt *vt, int row);
/* The same without trimming: exactly the row's cells. */
char *vt_row_text_full(struct vt *vt, int row);
/* The whole screen, one "NN|row|" line per row under a header with size and cursor. */
char *vt_dump(struct vt *vt);
/* 1 or 2 for a cell holding a character (or blank), 0 for the right half of a wide one. */
int vt_cell_width(struct vt *vt, int row, int col);
/* The cell's (first) code point; ' ' for an empty cell, 0 for the right half of a wide one. */
uint32_t vt_cell_char(struct vt *vt, int row, int col);
bool vt_cell_attr(struct vt *vt, int row, int col, enum vt_attr attr);
/* Palette index 0-255, VT_COLOR_DEFAULT or VT_COLOR_RGB. */
int vt_cell_fg(struct vt *vt, int row, int col);
int vt_cell_bg(struct vt *vt, int row, int col);
/* Finds utf8 within a row, top to bottom; row/col (may be NULL) get its first cell. */
bool vt_find(struct vt *vt, const char *utf8, int *row, int *col);
int vt_cursor_row(struct vt *vt);
int vt_cursor_col(struct vt *vt);
bool vt_cursor_visible(const struct vt *vt);
bool vt_altscreen(const struct vt *vt);

/*
 * Invariants every screen test can check.
 * vt_check_row_widths: on every row the cells add up to exactly the screen width, each character
 * occupies its own width (no wide character squeezed into one cell or straddling the right edge,
 * no orphaned half).
 * vt_check_column_is_border: rows top..bottom of column col all hold a border glyph with a
 * vertical stroke (| or a box-drawing character, which DEC line drawing becomes), so no wide
 * character covers the border.
 */
bool vt_check_row_widths(struct vt *vt, char *msg, size_t msgsize);
bool vt_check_column_is_border(struct vt *vt, int col, int top, int bottom, char *msg,
                               size_t msgsize);

/*
 * Ending. The status is the exit code, 128 + N for death by signal N, VT_EXIT_TIMEOUT or
 * VT_EXIT_LOST. All output up to the exit is on screen afterwards.
 */
/* Waits for the child to exit without killing it. */
int vt_wait_exit(struct vt *vt, int timeout_ms);
/* Sends keys (may be NULL), waits; on timeout SIGKILLs the child and returns VT_EXIT_TIMEOUT. */
int vt_quit(struct vt *vt, const char *keys, int timeout_ms);
/* Sends sig to the child, waits; on timeout SIGKILLs it and returns VT_EXIT_TIMEOUT. */
int vt_signal(struct vt *vt, int sig, int timeout_ms);
/* The exit status, or VT_EXIT_TIMEOUT while the child runs. */
int vt_exit_status(const struct vt *vt);
/* How many bytes the program has written to the terminal so far (for the cost of an update). */
size_t vt_bytes_received(const struct vt *vt);
/* How many times bytes occurs in what the program wrote from byte `from` on (a count from
 * vt_bytes_received): what an update is made of, escape sequences included. */
size_t vt_count_since(const struct vt *vt, size_t from, const char *bytes);
/* After exit: the alternate screen is left, the cursor is visible and the pty is back in
 * canonical mode with echo. */
bool vt_terminal_restored(struct vt *vt, char *msg, size_t msgsize);

#endif
