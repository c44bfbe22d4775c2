/* The table of the global commands, and what a name means in a pane. */
#include "cmd/commands.h"

#include <stdlib.h>
#include <string.h>

#include "cmd/handlers.h"
#include "view/views.h"
#include "util/i18n.h"

/* Sorted by name (tests/unit/test_dispatch.c checks it). */
static const struct cmd_def table[] = {
    {"back", cmd_back, N_("Go back to the previous place (first closes a footnote shown)")},
    {"bookmark-add", cmd_bookmark_add, N_("Bookmark the place being read (with a name)")},
    {"bookmarks", cmd_bookmarks, N_("List the bookmarks; Enter goes to the exact place")},
    {"bottom", cmd_bottom, N_("Go to the end (of the document, list or card)")},
    {"close", cmd_close, N_("Close this view; in the reader the footnote shown, or the highlight")},
    {"command-prompt", cmd_command_prompt, N_("Run a command by name, or :23 for paragraph 23")},
    {"copy-citation", cmd_copy_citation, N_("Copy a citation of this place (OSC 52, if enabled)")},
    {"dossier", cmd_dossier, N_("Open the dossier of the country of this place, link or view")},
    {"experts", cmd_experts, N_("Show the experts (at the one being read about); sort, filter")},
    {"focus-context", cmd_focus_context, N_("Focus the context pane (showing it if need be)")},
    {"focus-next", cmd_focus_next, N_("Focus the next pane shown")},
    {"focus-outline", cmd_focus_outline, N_("Focus the outline (showing it if need be)")},
    {"focus-text", cmd_focus_text, N_("Focus the text")},
    {"follow-link", cmd_follow_link,
     N_("Follow the selected link, or open the entry under the cursor")},
    {"forward", cmd_forward, N_("Go forward again in the history")},
    {"goto", cmd_goto, N_("Go to an address, or open its card (Tab completes)")},
    {"goto-paragraph", cmd_goto_paragraph, N_("Go to numbered paragraph N of this document")},
    {"grow-pane", cmd_grow_pane, N_("Widen the focused side pane")},
    {"half-page-down", cmd_half_page_down, N_("Scroll down half a screen")},
    {"half-page-up", cmd_half_page_up, N_("Scroll up half a screen")},
    {"help", cmd_help, N_("List the keys of this view or pane, and every command")},
    {"next-link", cmd_next_link, N_("Select the next link (in a list: the next row)")},
    {"next-paragraph", cmd_next_paragraph, N_("Go to the next paragraph")},
    {"next-section", cmd_next_section, N_("Go to the next heading")},
    {"page-down", cmd_page_down, N_("Scroll down a screen")},
    {"page-up", cmd_page_up, N_("Scroll up a screen")},
    {"papers", cmd_papers, N_("Show the working papers (at the one being read about)")},
    {"peek", cmd_peek, N_("Show the selected link's target (a footnote) in a popup")},
    {"prev-link", cmd_prev_link, N_("Select the previous link (in a list: the previous row)")},
    {"prev-paragraph", cmd_prev_paragraph, N_("Go to the previous paragraph")},
    {"prev-section", cmd_prev_section, N_("Go to the previous heading")},
    {"print", cmd_print, N_("Print the tagged nodes, the range or this section (a dialog)")},
    {"quit", cmd_quit, N_("Quit ndvr")},
    {"redraw", cmd_redraw, N_("Repaint the whole screen")},
    {"scroll-down", cmd_scroll_down, N_("Scroll down one line (or N lines)")},
    {"scroll-up", cmd_scroll_up, N_("Scroll up one line (or N lines)")},
    {"search-backward", cmd_search_backward, N_("Search backward, incrementally")},
    {"search-clear", cmd_search_clear, N_("Stop highlighting the matches (n shows them again)")},
    {"search-forward", cmd_search_forward, N_("Search forward, incrementally")},
    {"search-next", cmd_search_next,
     N_("Go to the next match from where you are, across the corpus")},
    {"search-prev", cmd_search_prev, N_("Go to the previous match")},
    {"search-results", cmd_search_results, N_("List every match of the last search")},
    {"select-range", cmd_select_range, N_("Start (or drop) a range to print from the top line")},
    {"shrink-pane", cmd_shrink_pane, N_("Narrow the focused side pane")},
    {"suspend", cmd_suspend, N_("Suspend ndvr (fg brings it back)")},
    {"tag", cmd_tag, N_("Tag the node at the top for printing, or untag it")},
    {"tag-clear", cmd_tag_clear, N_("Clear every tag and the range")},
    {"tag-subtree", cmd_tag_subtree, N_("Tag the node at the top and everything inside it")},
    {"toggle-context", cmd_toggle_context, N_("Show or hide the context pane (see the man page)")},
    {"toggle-outline", cmd_toggle_outline, N_("Show or hide the outline")},
    {"top", cmd_top, N_("Go to the start (of the document, list or card)")},
    {"zoom", cmd_zoom, N_("Show the focused pane alone, or all panes again")},
};

const struct cmd_def *
commands_global(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

static int
compare_name(const void *name, const void *def)
{
    return strcmp(name, ((const struct cmd_def *)def)->name);
}

/* By binary search: the table is sorted. Every binding of every keymap is checked against
 * every view at start, so a linear scan here cost a tenth of the reader's start. */
static const struct cmd_def *
find_global(const char *name)
{
    return bsearch(name, table, sizeof table / sizeof table[0], sizeof table[0], compare_name);
}

const struct cmd_def *
commands_resolve(const struct pane_ops *ops, const char *name)
{
    const struct cmd_def *c = ops != NULL ? pane_command(ops, name) : NULL;
    return c != NULL ? c : find_global(name);
}

static bool
searches(const struct pane_ops *ops, const char *table_name)
{
    const char *tables[PANE_MAX_TABLES + 2];
    size_t n = pane_tables(ops, tables);
    for (size_t i = 0; i < n; i++)
        if (strcmp(tables[i], table_name) == 0)
            return true;
    return false;
}

/* A table exists when some pane searches it; a command may be bound there when every pane
 * that searches the table knows it (so that no key means nothing in one of them). */
enum keymap_check
commands_check(const char *key_table, const char *command, void *unused)
{
    (void)unused;
    size_t n, users = 0;
    const struct pane_ops *const *all = views_all(&n);
    bool everywhere = true, global = command != NULL && find_global(command) != NULL;
    for (size_t i = 0; i < n; i++)
        if (searches(all[i], key_table)) {
            users++;
            everywhere = everywhere && (command == NULL || global || pane_command(all[i], command));
        }
    if (users == 0)
        return KEYMAP_NO_TABLE;
    return everywhere ? KEYMAP_OK : KEYMAP_NO_COMMAND;
}
