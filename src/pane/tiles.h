/* The reader's own panes, side by side (pane/tiling.h places them): the outline of the corpus,
 * the text being read, and the context pane (the footnote followed, the selected link's
 * target, the footnotes on screen, what cites the node being read). They show what the
 * reading model says; their commands change it or the pane and return what they did. */
#ifndef NDVR_TILES_H
#define NDVR_TILES_H

#include "pane/pane.h"

struct pane *pane_outline_new(void);
struct pane *pane_text_new(void);
struct pane *pane_context_new(void);

/* Their operations, for the key tables and the help screen. */
extern const struct pane_ops outline_ops, text_ops, context_ops;

#endif
