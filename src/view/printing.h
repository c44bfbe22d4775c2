/* The reader's printing: the dialog's settings remembered across runs (print.conf in the state
 * directory), and the job sent in the background, reported on the message line when it ends.
 * What prints is the reading model's selection (reader_selection). */
#ifndef NDVR_PRINTING_H
#define NDVR_PRINTING_H

#include <stdbool.h>

#include "view/workspace.h"

/* The settings from print.conf, or the defaults. */
void printing_load(struct workspace *ws);
/* Writes print.conf; says on the message line when it cannot. */
void printing_save(struct workspace *ws);
/* Renders the selection and starts sending it; false after saying why it could not. */
bool printing_start(struct workspace *ws);
/* After SIGCHLD: reports how the job ended, if it did. */
void printing_check(struct workspace *ws);
/* "the default printer", "printer office", "x.txt", "`cmd`". */
const char *printing_dest_text(const struct print_settings *ps, char *buf, size_t size);
/* The kinds of destination in the order the dialog cycles through them, and their names. */
enum { PRINTING_NDESTS = 4 };
extern const enum print_dest_kind printing_dest_order[PRINTING_NDESTS];
const char *printing_dest_name(enum print_dest_kind kind);

#endif
