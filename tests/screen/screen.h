/* What the reader's screen tests share: starting ndvr on the harness (vt.h), waiting for a
 * screen, checking it, and quitting. Built on vt.h; library ndvr_screen (tests/CMakeLists.txt),
 * linked into every screen test. The helpers call Criterion's asserts, so they belong in a
 * test's own process only.
 *
 * Conventions:
 * - "asserts" means cr_assert: a failure ends the test. "expects" means cr_expect: a failure is
 *   reported and the test goes on. Failure messages carry vt_dump(vt) where it helps.
 * - every wait uses the harness's default timeout (VT_TIMEOUT_MS, times $NDVR_VT_SCALE) and
 *   quiet period (VT_QUIET_MS); a quiet wait that times out is not itself a failure.
 * - the reader's bottom two rows: the status line (vt_rows - 2: where, the breadcrumb, and at
 *   its right end the focused pane or view) and the message line (vt_rows - 1).
 * - a returned char * is the caller's to free; a struct vt * is the caller's to end with
 *   scr_quit (or vt_free).
 */
#ifndef NDVR_TESTS_SCREEN_SCREEN_H
#define NDVR_TESTS_SCREEN_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "vt.h"

/* The reader under test: the ndvr the build made. */
#define SCR_NDVR NDVR_BIN_DIR "/ndvr"

/* --- Starting ------------------------------------------------------------------------------ */

/* vt_spawn(rows, cols, argv, env) for any program (argv[0] a path); asserts that it started. */
struct vt *scr_spawn(int rows, int cols, const char *const argv[], const char *const env[]);

/*
 * Starts the reader on a rows x cols terminal: SCR_NDVR args... address. args (NULL-terminated,
 * at most 10) and address may be NULL (no address: the reader opens where the user left off);
 * env is vt_spawn's extra_env. Asserts that it started; waits for nothing (scr_settle next).
 */
struct vt *scr_open(int rows, int cols, const char *address, const char *const args[],
                    const char *const env[]);

/* --- Waiting ------------------------------------------------------------------------------- */

/* Waits for text to be on screen (asserts it comes, with a dump), then for the screen to be
 * quiet. The way to wait for a first screen and for what a key should show. */
void scr_settle(struct vt *vt, const char *text);

/* Waits for text to be gone from the screen (asserts it goes, with a dump), then for quiet. */
void scr_settle_gone(struct vt *vt, const char *text);

/* --- Checking the screen (no waiting: settle first) ---------------------------------------- */

/* Where text starts (row, col may be NULL); asserts that it is on screen, with a dump. */
void scr_find(struct vt *vt, const char *text, int *row, int *col);

/* The whole row (vt_row_text) holding text; asserts that text is on screen. Caller frees. */
char *scr_row_with(struct vt *vt, const char *text);

/* Expects text somewhere on screen (within one row); a dump when it is not. */
void scr_expect_on_screen(struct vt *vt, const char *text);

/* Expects text nowhere on screen; a dump when it is. */
void scr_expect_not_on_screen(struct vt *vt, const char *text);

/* The status line's and the message line's text (vt_row_text). Caller frees. */
char *scr_status_line(struct vt *vt);
char *scr_message_line(struct vt *vt);

/* Expects the status line to contain part (the breadcrumb, a percentage, a pane's name). */
void scr_expect_status(struct vt *vt, const char *part);

/* Expects the message line to read exactly want, or to contain part. */
void scr_expect_message(struct vt *vt, const char *want);
void scr_expect_message_has(struct vt *vt, const char *part);

/* Expects the status line to end in " name": the focused pane or view ("text", "popup",
 * "experts"...). */
void scr_expect_focus(struct vt *vt, const char *name);

/* Expects every row's cells to be sound (vt_check_row_widths): no wide character squeezed,
 * split or straddling the right edge. */
void scr_expect_sound(struct vt *vt);

/*
 * Expects the screen but its message line to be, cell for cell (character, width, colours, bold,
 * underline, reverse; the right halves of wide characters by width only), what the reader draws
 * after C-l (redraw: every pane drawn anew on a cleared screen), which it sends and waits for. what
 * and step name the moment in the failure message, with both screens. Checks scr_expect_sound
 * too. For the text, focus and state of every pane after a key: a pane left stale, or curses'
 * copy of the screen out of step with the terminal, shows as a difference.
 */
void scr_expect_same_as_repaint(struct vt *vt, const char *what, int step);

/* --- Ending -------------------------------------------------------------------------------- */

/*
 * Sends keys (vt_quit: "q" from the text, "Q" from any view; NULL sends nothing), expects the
 * reader to exit with status 0 and the terminal to be restored (vt_terminal_restored), and frees
 * vt (also when an expectation failed).
 */
void scr_quit(struct vt *vt, const char *keys);

/* --- Directories beside the reader -------------------------------------------------------- */

/*
 * Every scr_open has its own $HOME, so its own config and state. What several readers of one
 * test share, or what a test reads back, goes in a directory made here. Criterion runs each
 * test in a process of its own, so the shared state directory and the fake lp below are one
 * per test.
 */

/* Makes a fresh directory /tmp/<prefix>-XXXXXX and puts its name in dir; asserts it was made. */
void scr_temp_dir(char *dir, size_t size, const char *prefix);

/* Removes dir and everything in it; a failure is only logged (for a suite's or test's .fini). */
void scr_remove_dir(const char *dir);

/*
 * A state directory shared by the readers of one test. scr_state_make (a suite's or test's
 * .init) makes it (asserted), scr_state_remove (.fini) removes it. scr_state_dir() names it;
 * scr_state_env() is "XDG_STATE_HOME=<it>", an entry for scr_open's env.
 */
void scr_state_make(void);
void scr_state_remove(void);
const char *scr_state_dir(void);
const char *scr_state_env(void);

/*
 * A fake lp. scr_lp_make makes a directory (asserted) holding an executable `lp` that writes
 * its arguments to <dir>/args and its standard input to <dir>/input or, failing, reads its
 * input and exits 1 saying "lp: The printer or class does not exist." as CUPS's lp does.
 * scr_lp_remove (.fini) removes it all. scr_lp_dir() names it; scr_lp_env() is scr_open's env
 * {"PATH=<dir>:/usr/bin:/bin", "XDG_STATE_HOME=<dir>/state", NULL}: the reader runs that lp and
 * keeps its state beside it.
 */
void scr_lp_make(bool failing);
void scr_lp_remove(void);
const char *scr_lp_dir(void);
const char *const *scr_lp_env(void);

/* Milliseconds on the monotonic clock, for tests that bound how long something takes. */
double scr_now_ms(void);
/* $NDVR_VT_SCALE, as the harness reads it (at least 1): slow builds get longer bounds. */
int scr_time_scale(void);

#endif
