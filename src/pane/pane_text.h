/* What the text pane tells the rest of the reader about the screen it drew. */
#ifndef NDVR_PANE_TEXT_H
#define NDVR_PANE_TEXT_H

#include <stddef.h>

#include "corpus/corpus.h"
#include "pane/pane.h"

/* A link on screen (its first line, when it wraps). */
struct text_link {
    const struct node *node;
    const struct ref *ref;
    int y, x0, x1;  /* pane coordinates */
};

/* The links drawn by the last draw, top to bottom. */
size_t pane_text_links(const struct pane *pane, const struct text_link **links);
/* The nodes the last draw showed, in order. */
size_t pane_text_shown(const struct pane *pane, const struct node *const **nodes);

#endif
