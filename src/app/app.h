/* The interactive reader: runs the loop that reads a key, dispatches it to the command bound
 * in the focused pane's key tables, and lays out and redraws once for what the command did.
 * Nothing runs while the user is idle. The reading model (reader/), the views and their stack
 * (view/), the commands (cmd/) and the panes (pane/) know nothing of this module. */
#ifndef NDVR_APP_H
#define NDVR_APP_H

#include <stdbool.h>

#include "corpus/corpus.h"

struct app_options {
    const char *keymap_file; /* --keymap, or NULL for keymaps/default.keys */
    bool ascii_borders;
    bool mouse;
    bool clipboard; /* OSC 52 copying enabled */
    bool color;
};

/* Runs the reader on the corpus, starting at `start` (NULL: where the user left off, else
 * A/74/90's summary, else the first document; an expert, a paper or a country opens its card
 * over that). Returns the exit status. Keymap errors and other start-up problems are reported
 * on the message line; a terminal that cannot be used is reported on stderr and a negative
 * value returned, so that the caller prints the text instead (never ncurses' own abort). */
int app_run(const struct corpus *corpus, const struct node *start, const struct app_options *opts);

#endif
