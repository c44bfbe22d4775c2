/* The views pushed over the reader (workspace.h has the stack). Each is one file: its
 * operations, its own commands, and a constructor. Key tables: a view searches its own (named
 * after it), then those of its kind ("list", "table"), then "view" (every view: q and Escape
 * close it), then "global".
 *
 * A new view is its file, its constructor and operations declared here, one line in
 * views_all() (so that its key table exists and help, the keymap check and the man page's
 * test know it), and its `bind -t NAME` lines in keymaps/default.keys. */
#ifndef NDVR_VIEWS_H
#define NDVR_VIEWS_H

#include "pane/pane.h"
#include "view/workspace.h"

/* The keys of the pane `about` (its tables, then the global ones), and every command. */
struct pane *view_help_new(const struct workspace *ws, const struct pane *about);
/* Every match of the current search, the current one selected. */
struct pane *view_results_new(struct workspace *ws);
/* The bookmarks, as the state file has them now. */
struct pane *view_bookmarks_new(struct workspace *ws);
/* The experts table, at expert `at` (may be NULL). */
struct pane *view_experts_new(struct workspace *ws, const struct node *at);
/* The working papers, at paper `at` (may be NULL), filtered by `filter` (may be NULL). */
struct pane *view_papers_new(struct workspace *ws, const struct node *at, const char *filter);
/* The card of an expert, a working paper, or a country's dossier. */
struct pane *view_card_new(const struct node *node);
/* A popup over the text with node (a footnote, or any link's target). */
struct pane *view_popup_new(const struct node *node);
/* The print dialog for what is selected to print. */
struct pane *view_print_new(struct workspace *ws);

extern const struct pane_ops help_ops, results_ops, bookmarks_ops, experts_ops, papers_ops,
    card_ops, popup_ops, print_ops;

/* Every pane's operations, the reader's own and the views' (for key tables, help and the man
 * page's check); *count gets how many. */
const struct pane_ops *const *views_all(size_t *count);

#endif
