/* The handlers of the global commands (cmd_*.c), for the table in commands.c. */
#ifndef NDVR_HANDLERS_H
#define NDVR_HANDLERS_H

#include "pane/pane.h"

/* REACT_REDRAW when the reading place moved under a tile; REACT_READER (the views close to
 * show it) when the command ran in a view. */
unsigned cmd_reader_moved(const struct cmd_ctx *ctx);

/* cmd_move.c */
unsigned cmd_scroll_down(struct cmd_ctx *ctx);
unsigned cmd_scroll_up(struct cmd_ctx *ctx);
unsigned cmd_half_page_down(struct cmd_ctx *ctx);
unsigned cmd_half_page_up(struct cmd_ctx *ctx);
unsigned cmd_page_down(struct cmd_ctx *ctx);
unsigned cmd_page_up(struct cmd_ctx *ctx);
unsigned cmd_top(struct cmd_ctx *ctx);
unsigned cmd_bottom(struct cmd_ctx *ctx);
unsigned cmd_next_paragraph(struct cmd_ctx *ctx);
unsigned cmd_prev_paragraph(struct cmd_ctx *ctx);
unsigned cmd_next_section(struct cmd_ctx *ctx);
unsigned cmd_prev_section(struct cmd_ctx *ctx);
/* cmd_link.c */
unsigned cmd_next_link(struct cmd_ctx *ctx);
unsigned cmd_prev_link(struct cmd_ctx *ctx);
unsigned cmd_follow_link(struct cmd_ctx *ctx);
unsigned cmd_back(struct cmd_ctx *ctx);
unsigned cmd_forward(struct cmd_ctx *ctx);
unsigned cmd_peek(struct cmd_ctx *ctx);
unsigned cmd_copy_citation(struct cmd_ctx *ctx);
/* cmd_search.c */
unsigned cmd_search_forward(struct cmd_ctx *ctx);
unsigned cmd_search_backward(struct cmd_ctx *ctx);
unsigned cmd_search_next(struct cmd_ctx *ctx);
unsigned cmd_search_prev(struct cmd_ctx *ctx);
unsigned cmd_search_results(struct cmd_ctx *ctx);
unsigned cmd_search_clear(struct cmd_ctx *ctx);
/* cmd_goto.c */
struct resolved;
/* Says why a typed address resolved to nothing, and the node nearest to it. */
unsigned cmd_say_unresolved(struct cmd_ctx *ctx, const struct resolved *r);
unsigned cmd_goto(struct cmd_ctx *ctx);
unsigned cmd_goto_paragraph(struct cmd_ctx *ctx);
unsigned cmd_command_prompt(struct cmd_ctx *ctx);
/* cmd_panes.c */
unsigned cmd_focus_outline(struct cmd_ctx *ctx);
unsigned cmd_focus_text(struct cmd_ctx *ctx);
unsigned cmd_focus_context(struct cmd_ctx *ctx);
unsigned cmd_focus_next(struct cmd_ctx *ctx);
unsigned cmd_toggle_context(struct cmd_ctx *ctx);
unsigned cmd_toggle_outline(struct cmd_ctx *ctx);
unsigned cmd_zoom(struct cmd_ctx *ctx);
unsigned cmd_grow_pane(struct cmd_ctx *ctx);
unsigned cmd_shrink_pane(struct cmd_ctx *ctx);
/* cmd_views.c */
unsigned cmd_help(struct cmd_ctx *ctx);
unsigned cmd_bookmarks(struct cmd_ctx *ctx);
unsigned cmd_experts(struct cmd_ctx *ctx);
unsigned cmd_papers(struct cmd_ctx *ctx);
unsigned cmd_dossier(struct cmd_ctx *ctx);
unsigned cmd_close(struct cmd_ctx *ctx);
unsigned cmd_quit(struct cmd_ctx *ctx);
unsigned cmd_redraw(struct cmd_ctx *ctx);
unsigned cmd_suspend(struct cmd_ctx *ctx);
/* cmd_mark.c */
unsigned cmd_bookmark_add(struct cmd_ctx *ctx);
unsigned cmd_tag(struct cmd_ctx *ctx);
unsigned cmd_tag_subtree(struct cmd_ctx *ctx);
unsigned cmd_tag_clear(struct cmd_ctx *ctx);
unsigned cmd_select_range(struct cmd_ctx *ctx);
unsigned cmd_print(struct cmd_ctx *ctx);

#endif
