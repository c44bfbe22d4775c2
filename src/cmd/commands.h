/* The reader's global commands, and how keys and names reach them.
 *
 * Every user action is a named command: the global ones here (cmd_*.c, one file per concern),
 * a view's own in its file (in view/), a kind's in view/kinds.c, the outline's in
 * pane/outline.c. A key is looked up in the focused pane's key tables in order (its own, its
 * kind's, "view" for every view, then "global"); the command a name means there is the pane's
 * own, else its kind's, else the global one, as vis looks in a mode and then its parent. The
 * `:` prompt runs any of them by name. Help (view/help.c) and the man page (checked by
 * tests/unit/test_man.c) come from these tables. */
#ifndef NDVR_COMMANDS_H
#define NDVR_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "input/keymap.h"
#include "pane/pane.h"

struct workspace;

/* The global commands, sorted by name. */
const struct cmd_def *commands_global(size_t *count);
/* The command `name` means in a pane of these operations (NULL ops: the global one), or NULL. */
const struct cmd_def *commands_resolve(const struct pane_ops *ops, const char *name);
/* For the keymap parser: whether table is a key table, and command a command there. */
enum keymap_check commands_check(const char *table, const char *command, void *unused);

/* --- Dispatch ----------------------------------------------------------------------------- */

/* Runs the command bound to key in the focused pane (a click at screen y, x goes to the pane
 * under it). Returns what is left for the application to do: REACT_RELAYOUT, REACT_REDRAW,
 * REACT_REPAINT, REACT_SUSPEND, REACT_QUIT. */
unsigned dispatch_key(struct workspace *ws, key_code key, int y, int x);
/* Runs command `name` with args in pane, as a key or the `:` prompt does; the same result. */
unsigned dispatch_run(struct workspace *ws, struct pane *pane, const char *name, const char *args);
/* Acts on what a command or a prompt did to the views (closing the one it ran in, or all of
 * them when the reading place moved); returns the rest, as dispatch_key. ran_in may be NULL. */
unsigned dispatch_settle(struct workspace *ws, unsigned react, struct pane *ran_in);

/* The handlers' own helpers, shared across cmd_*.c. */
/* Follows the link the pane has picked (the text's: the reading model's). */
unsigned cmd_follow_picked(struct cmd_ctx *ctx);
/* The pane's move, or the reading place's when it has none. */
unsigned cmd_move(struct cmd_ctx *ctx, enum motion m, int dir);

#endif
