/* Cards: an expert, a working paper, a country or a document outside the corpus shown as a
 * heading and labelled fields. */
#ifndef NDVR_CARDS_H
#define NDVR_CARDS_H

#include "render/blocks.h"

/* Appends the card for node (an expert, working paper, country or external document;
 * nothing for other kinds). */
void render_card(const struct node *node, struct block_list *out);

#endif
