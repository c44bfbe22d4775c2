/* The experts view, the working-papers view, and finding a node's country for its dossier. */
#ifndef NDVR_VIEWS_H
#define NDVR_VIEWS_H

#include "corpus/corpus.h"

struct app;

/* Shows the experts table: country (name and ISO3), name, sessions 1–3 (a blank cell for a
 * session missed), alternate, role. Enter opens the country's dossier; x the expert's papers. */
void views_open_experts(struct app *app);
/* Shows the working-papers table, filtered by `filter` when not NULL. Enter goes to where the
 * report cites the paper; x to its submitter in the expert list. */
void views_open_papers(struct app *app, const char *filter);
/* The country the node is about (see views.c), or NULL. */
const struct node *views_country_of(const struct app *app, const struct node *n);

#endif
