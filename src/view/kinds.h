/* What every list view (help, search results, bookmarks) and every table view (experts,
 * working papers) shares: drawing, moving the cursor, clicks, and the commands of their kind
 * (filter as you type; sort a table by the next column). A list view's pane data starts with a
 * struct list, a table view's with a struct table. */
#ifndef NDVR_KINDS_H
#define NDVR_KINDS_H

#include "pane/list.h"
#include "pane/table.h"

/* Sized here so that views' operations can count them in their initialisers. */
enum { LIST_KIND_NCMDS = 1, TABLE_KIND_NCMDS = 2 };
extern const struct cmd_def list_kind_cmds[LIST_KIND_NCMDS], table_kind_cmds[TABLE_KIND_NCMDS];

void listview_draw(struct pane *pane, struct reader *rd);
unsigned listview_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n);
unsigned listview_step(struct pane *pane, struct cmd_ctx *ctx, int dir);
/* A click puts the cursor on the row and activates it. */
unsigned listview_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x);

void tableview_draw(struct pane *pane, struct reader *rd);
unsigned tableview_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n);
unsigned tableview_step(struct pane *pane, struct cmd_ctx *ctx, int dir);
unsigned tableview_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x);
/* The node under the table's cursor. */
const struct node *tableview_subject(struct pane *pane, struct reader *rd);

#endif
