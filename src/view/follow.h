/* Going somewhere: what following a link or opening an address does.
 *   - a footnote opens in the context pane when that pane shows and the link is in the text;
 *     anywhere else in a popup over what is shown. The reading place stays.
 *   - an expert, a working paper or a country opens its card (a country's is its dossier).
 *   - anything else in a report is a place: the reader goes there, every view closes.
 *   - a symbol outside the corpus says so.
 * Each returns what it did (enum react) and says it in ctx's message. */
#ifndef NDVR_FOLLOW_H
#define NDVR_FOLLOW_H

#include "pane/pane.h"

/* Follows a link picked in ctx->pane (NULL: says there is none). */
unsigned follow_link(struct cmd_ctx *ctx, const struct link_pick *pick);
/* Opens node as an address typed at `goto`: a card for an expert, paper, country or outside
 * document, else the place. */
unsigned follow_node(struct cmd_ctx *ctx, const struct node *node);
/* Whether a node is shown as a card rather than as a place in the text. */
bool follow_is_card(const struct node *node);

#endif
