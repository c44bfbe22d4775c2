/* The command table and the handlers of the reader's commands. Handlers change the app's
 * state and set the message line; they never draw (the loop redraws once per key). */
#include "cmd/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "pane/pane_list.h"
#include "pane/pane_text.h"
#include "pane/views.h"
#include "state/state.h"
#include "ui/ui.h"
#include "util/strbuf.h"

/* --- Moving -------------------------------------------------------------------------------- */

/* An optional count argument ("scroll-down 3"); 1 without one. */
static int
count_arg(const char *args)
{
    int n = args != NULL ? atoi(args) : 0;
    return n > 0 && n < 10000 ? n : 1;
}

static bool
cmd_scroll_down(struct app *app, const char *args)
{
    app_scroll(app, count_arg(args));
    return true;
}

static bool
cmd_scroll_up(struct app *app, const char *args)
{
    app_scroll(app, -count_arg(args));
    return true;
}

static int
page_rows(const struct app *app)
{
    int rows = app_text_rows(app);
    return rows > 2 ? rows - 1 : 1; /* keep one line of context, as less does */
}

static bool
cmd_page_down(struct app *app, const char *args)
{
    (void)args;
    app_scroll(app, page_rows(app));
    return true;
}

static bool
cmd_page_up(struct app *app, const char *args)
{
    (void)args;
    app_scroll(app, -page_rows(app));
    return true;
}

static bool
cmd_half_page_down(struct app *app, const char *args)
{
    (void)args;
    app_scroll(app, app_text_rows(app) / 2 > 0 ? app_text_rows(app) / 2 : 1);
    return true;
}

static bool
cmd_half_page_up(struct app *app, const char *args)
{
    (void)args;
    app_scroll(app, -(app_text_rows(app) / 2 > 0 ? app_text_rows(app) / 2 : 1));
    return true;
}

static bool
cmd_top(struct app *app, const char *args)
{
    (void)args;
    app->pos.index = 0;
    app->pos.row = 0;
    return true;
}

static bool
cmd_bottom(struct app *app, const char *args)
{
    (void)args;
    size_t count;
    app_nodes(app, &count);
    app->pos.index = count ? count - 1 : 0;
    app->pos.row = 0;
    app_scroll(app, 1 << 20);  /* to the last row ... */
    app_scroll(app, -(app_text_rows(app) - 1)); /* ... then a screen back */
    return true;
}

static bool
is_paragraph_like(const struct node *n)
{
    return n->kind == NODE_PARAGRAPH || n->kind == NODE_FOOTNOTE || n->kind == NODE_EXPERT ||
           n->kind == NODE_WORKING_PAPER;
}

static bool
is_section_like(const struct node *n)
{
    return n->kind == NODE_CHAPTER || n->kind == NODE_SECTION || n->kind == NODE_ANNEX ||
           n->kind == NODE_FRONT_MATTER || n->kind == NODE_RESPONSE || n->kind == NODE_HEADING;
}

/* Puts the next (or previous) node matching `want` at the top. */
static bool
jump(struct app *app, int dir, bool (*want)(const struct node *), const char *what)
{
    size_t count;
    struct node *const *nodes = app_nodes(app, &count);
    size_t i = app->pos.index;
    if (dir < 0 && app->pos.row > app_first_row(app, nodes[i]) && want(nodes[i])) {
        app->pos.row = app_first_row(app, nodes[i]); /* back to the start of this one first */
        return true;
    }
    while (dir > 0 ? i + 1 < count : i > 0) {
        i = dir > 0 ? i + 1 : i - 1;
        if (want(nodes[i])) {
            app->pos.index = i;
            app->pos.row = app_first_row(app, nodes[i]);
            return true;
        }
    }
    app_message(app, false, "no %s %s", dir > 0 ? "next" : "previous", what);
    return true;
}

static bool
cmd_next_paragraph(struct app *app, const char *args)
{
    (void)args;
    return jump(app, 1, is_paragraph_like, "paragraph");
}

static bool
cmd_prev_paragraph(struct app *app, const char *args)
{
    (void)args;
    return jump(app, -1, is_paragraph_like, "paragraph");
}

static bool
cmd_next_section(struct app *app, const char *args)
{
    (void)args;
    return jump(app, 1, is_section_like, "section");
}

static bool
cmd_prev_section(struct app *app, const char *args)
{
    (void)args;
    return jump(app, -1, is_section_like, "section");
}

static bool
cmd_goto(struct app *app, const char *args)
{
    if (args == NULL || args[0] == '\0') {
        app_prompt(app, PROMPT_GOTO, false);
        return true;
    }
    const struct node *n = corpus_find(app->corpus, args);
    if (n == NULL) {
        const struct node *near[1];
        if (corpus_suggest(app->corpus, args, near, 1) == 1)
            app_message(app, true, "no such address: %s (did you mean %s?)", args,
                        near[0]->address);
        else
            app_message(app, true, "no such address: %s", args);
        return false;
    }
    app_goto_node(app, n, true);
    return true;
}

static bool
cmd_goto_paragraph(struct app *app, const char *args)
{
    char address[128];
    const struct node *root = app->pos.root;
    const struct node *doc = root->document ? root->document : root;
    snprintf(address, sizeof address, "%s#p%s", doc->address, args ? args : "");
    const struct node *n = corpus_find(app->corpus, address);
    if (n == NULL) {
        app_message(app, true, "%s has no paragraph %s", doc->address, args ? args : "");
        return false;
    }
    app_goto_node(app, n, true);
    return true;
}

static bool
cmd_command_prompt(struct app *app, const char *args)
{
    (void)args;
    app_prompt(app, PROMPT_COMMAND, false);
    return true;
}

/* --- Links ------------------------------------------------------------------------------- */

static bool
cmd_link(struct app *app, int dir)
{
    const struct text_link *links;
    size_t n = pane_text_links(app->panes[PANE_TEXT], &links);
    if (n == 0) {
        app_message(app, false, "no links on screen");
        return true;
    }
    size_t cur = n;
    for (size_t i = 0; i < n; i++)
        if (links[i].ref == app->link_ref && links[i].node == app->link_node)
            cur = i;
    size_t next = cur == n ? (dir > 0 ? 0 : n - 1) : (cur + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
    app->link_node = links[next].node;
    app->link_ref = links[next].ref;
    app_message(app, false, "%s%s", links[next].ref->to,
                links[next].ref->external ? " (not in the corpus)" : "");
    return true;
}

static bool
cmd_next_link(struct app *app, const char *args)
{
    (void)args;
    return cmd_link(app, 1);
}

static bool
cmd_prev_link(struct app *app, const char *args)
{
    (void)args;
    return cmd_link(app, -1);
}

static bool
cmd_follow_link(struct app *app, const char *args)
{
    (void)args;
    const struct ref *r = app->link_ref;
    if (r == NULL) {
        app_message(app, false, "no link selected (Tab selects the links on screen)");
        return true;
    }
    if (r->target == NULL) {
        app_message(app, false, "%s is not in the corpus", r->to);
        return true;
    }
    if (r->target->kind == NODE_FOOTNOTE) {
        /* a footnote shows in the context pane; the reading position stays */
        app->context_note = r->target;
        if (!app->show_context) {
            app->show_context = true;
            app_layout_panes(app);
        }
        app_message(app, false, "footnote %s", r->target->label ? r->target->label : "");
        return true;
    }
    app_goto_node(app, r->target, true);
    return true;
}

static bool
cmd_back(struct app *app, const char *args)
{
    (void)args;
    if (!app_history_move(app, -1))
        app_message(app, false, "nothing to go back to");
    return true;
}

static bool
cmd_forward(struct app *app, const char *args)
{
    (void)args;
    if (!app_history_move(app, 1))
        app_message(app, false, "nothing to go forward to");
    return true;
}

static bool
cmd_peek_footnote(struct app *app, const char *args)
{
    (void)args;
    const struct text_link *links;
    size_t n = pane_text_links(app->panes[PANE_TEXT], &links);
    const struct node *note = NULL;
    if (app->link_ref != NULL && app->link_ref->kind == REF_FOOTNOTE)
        note = app->link_ref->target;
    for (size_t i = 0; i < n && note == NULL; i++)
        if (links[i].ref->kind == REF_FOOTNOTE)
            note = links[i].ref->target;
    if (note == NULL) {
        app_message(app, false, "no footnote on screen");
        return true;
    }
    app->context_note = note;
    app->peek = true;
    return true;
}

/* "A/74/90, para. 23"; "A/72/304 (挪威), para. 3"; "A/74/90, footnote 4". */
static void
citation(const struct node *n, char *buf, size_t size)
{
    const struct node *doc = n->document ? n->document : n;
    const struct node *resp = n;
    while (resp != NULL && resp->kind != NODE_RESPONSE)
        resp = resp->parent;
    while (n->kind == NODE_ITEM && n->parent != NULL)
        n = n->parent;
    const char *who = resp ? resp->u.response.country : NULL;
    char where[64] = "";
    if (n->kind == NODE_FOOTNOTE)
        snprintf(where, sizeof where, ", footnote %s", n->label ? n->label : "");
    else if (n->number > 0)
        snprintf(where, sizeof where, ", para. %d", n->number);
    snprintf(buf, size, "%s%s%s%s%s", doc->address, who ? " (" : "", who ? who : "",
             who ? ")" : "", where);
}

static bool
cmd_copy_citation(struct app *app, const char *args)
{
    (void)args;
    char cite[256];
    citation(app_top_node(app), cite, sizeof cite);
    if (!app->opts.clipboard) {
        app_message(app, false, "%s (copying is off: start ndvr with --clipboard)", cite);
        return true;
    }
    ui_copy_to_clipboard(cite);
    app_message(app, false, "copied: %s", cite);
    return true;
}

/* --- Search ------------------------------------------------------------------------------ */

static bool
cmd_search_forward(struct app *app, const char *args)
{
    (void)args;
    app_prompt(app, PROMPT_SEARCH, false);
    return true;
}

static bool
cmd_search_backward(struct app *app, const char *args)
{
    (void)args;
    app_prompt(app, PROMPT_SEARCH, true);
    return true;
}

static bool
search_step(struct app *app, int dir)
{
    struct search_state *s = &app->search_state;
    if (!s->active || s->hits.n == 0) {
        app_message(app, false, "no search (/ searches)");
        return true;
    }
    size_t n = s->hits.n;
    size_t next = s->current >= n ? 0 : (s->current + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
    bool wrapped = dir > 0 ? next <= s->current && s->current < n : next >= s->current;
    s->current = next;
    app_goto_node(app, s->hits.v[next].node, false);
    app_message(app, false, "%s: match %zu of %zu%s", s->query, next + 1, n,
                wrapped && n > 1 ? " (wrapped around the corpus)" : "");
    return true;
}

static bool
cmd_search_next(struct app *app, const char *args)
{
    (void)args;
    return search_step(app, 1);
}

static bool
cmd_search_prev(struct app *app, const char *args)
{
    (void)args;
    return search_step(app, -1);
}

static bool
cmd_search_results(struct app *app, const char *args)
{
    (void)args;
    struct search_state *s = &app->search_state;
    if (!s->active) {
        app_message(app, false, "no search (/ searches)");
        return true;
    }
    struct pane *list = app->panes[PANE_LIST];
    char title[600];
    snprintf(title, sizeof title, "%zu matches of \"%s\" (Enter opens, q closes)", s->hits.n,
             s->query);
    pane_list_reset(list, title);
    for (size_t i = 0; i < s->hits.n; i++) {
        const struct search_hit *h = &s->hits.v[i];
        char row[512];
        const char *field = search_field_string(h->node, h->field);
        size_t from = h->offset > 24 ? h->offset - 24 : 0;
        while (field != NULL && from > 0 && ((unsigned char)field[from] & 0xC0) == 0x80)
            from--; /* start on a character */
        snprintf(row, sizeof row, "%-22s %s%.300s", h->node->address, from ? "…" : "",
                 field ? field + from : "");
        pane_list_add(list, row, h->node, i);
    }
    pane_list_select(list, s->current < s->hits.n ? s->current : 0);
    list->visible = true;
    app->focus = PANE_LIST;
    app_layout_panes(app);
    return true;
}

/* --- Panes ----------------------------------------------------------------------------- */

static bool
focus(struct app *app, enum pane_id id)
{
    if (id == PANE_OUTLINE)
        app->show_outline = true;
    if (id == PANE_CONTEXT)
        app->show_context = true;
    app->focus = id;
    app_layout_panes(app);
    if (!app->panes[id]->visible)
        app->zoomed = true; /* a narrow screen shows one pane: the focused one */
    app_layout_panes(app);
    return true;
}

static bool
cmd_focus_outline(struct app *app, const char *args)
{
    (void)args;
    return focus(app, PANE_OUTLINE);
}

static bool
cmd_focus_text(struct app *app, const char *args)
{
    (void)args;
    return focus(app, PANE_TEXT);
}

static bool
cmd_focus_context(struct app *app, const char *args)
{
    (void)args;
    return focus(app, PANE_CONTEXT);
}

static bool
cmd_focus_next(struct app *app, const char *args)
{
    (void)args;
    for (int k = 1; k <= PANE_COUNT; k++) {
        enum pane_id id = (enum pane_id)(((int)app->focus + k) % PANE_COUNT);
        if (app->panes[id]->visible) {
            app->focus = id;
            return true;
        }
    }
    return true;
}

static bool
cmd_toggle_outline(struct app *app, const char *args)
{
    (void)args;
    app->show_outline = !app->show_outline;
    if (!app->show_outline && app->focus == PANE_OUTLINE)
        app->focus = PANE_TEXT;
    app_layout_panes(app);
    return true;
}

static bool
cmd_toggle_context(struct app *app, const char *args)
{
    (void)args;
    app->show_context = !app->show_context;
    if (!app->show_context && app->focus == PANE_CONTEXT)
        app->focus = PANE_TEXT;
    app_layout_panes(app);
    return true;
}

static bool
cmd_zoom(struct app *app, const char *args)
{
    (void)args;
    app->zoomed = !app->zoomed;
    app_layout_panes(app);
    return true;
}

static bool
resize_side(struct app *app, int delta)
{
    bool context = app->focus == PANE_CONTEXT;
    int *cols = context ? &app->context_cols : &app->outline_cols;
    struct pane *p = app->panes[context ? PANE_CONTEXT : PANE_OUTLINE];
    *cols = (*cols ? *cols : p->cols) + delta;
    if (*cols < 10)
        *cols = 10;
    if (*cols > ui_cols() / 2)
        *cols = ui_cols() / 2;
    app_layout_panes(app);
    return true;
}

static bool
cmd_grow_pane(struct app *app, const char *args)
{
    (void)args;
    return resize_side(app, 4);
}

static bool
cmd_shrink_pane(struct app *app, const char *args)
{
    (void)args;
    return resize_side(app, -4);
}

static bool
cmd_expand(struct app *app, const char *args)
{
    (void)args;
    app_message(app, false, "expand works in the outline (1 focuses it)");
    return true;
}

static bool
cmd_collapse(struct app *app, const char *args)
{
    (void)args;
    app_message(app, false, "collapse works in the outline (1 focuses it)");
    return true;
}

/* --- Views ----------------------------------------------------------------------------- */

static bool
cmd_experts(struct app *app, const char *args)
{
    (void)args;
    views_open_experts(app);
    return true;
}

static bool
cmd_papers(struct app *app, const char *args)
{
    views_open_papers(app, args && *args ? args : NULL);
    return true;
}

static bool
cmd_dossier(struct app *app, const char *args)
{
    const struct node *country = NULL;
    if (args != NULL && *args)
        country = corpus_find(app->corpus, args);
    else
        country = views_country_of(app, app->link_ref && app->link_ref->target
                                            ? app->link_ref->target
                                            : app_top_node(app));
    if (country == NULL || country->kind != NODE_COUNTRY) {
        app_message(app, false, "no country here (D on a response, an expert or a country name)");
        return true;
    }
    app_goto_node(app, country, true);
    return true;
}

static bool
cmd_view_only(struct app *app, const char *args)
{
    (void)args;
    app_message(app, false, "works in the experts and working-papers views (E, W)");
    return true;
}

/* --- Bookmarks ----------------------------------------------------------------------------- */

static bool
cmd_bookmark_add(struct app *app, const char *args)
{
    if (args != NULL && *args) { /* :bookmark-add NAME */
        app_bookmark_here(app, args);
        return true;
    }
    app_prompt(app, PROMPT_BOOKMARK, false);
    app_message(app, false, "Enter alone names it by its address");
    return true;
}

static bool
cmd_bookmarks(struct app *app, const char *args)
{
    (void)args;
    app_show_bookmarks(app);
    return true;
}

/* The bookmark under the cursor of the bookmarks list, or NULL after saying why not. */
static const struct bookmark *
listed_bookmark(struct app *app)
{
    struct pane *list = app->panes[PANE_LIST];
    size_t n;
    const struct bookmark *bm = state_bookmarks(app->state, &n);
    size_t row = pane_list_cursor(list);
    if (!list->visible || strncmp(pane_list_title(list), "Bookmarks", 9) != 0 || row >= n) {
        app_message(app, false, "no bookmark selected (' lists the bookmarks)");
        return NULL;
    }
    return &bm[row];
}

static bool
cmd_bookmark_rename(struct app *app, const char *args)
{
    (void)args;
    const struct bookmark *b = listed_bookmark(app);
    if (b == NULL)
        return true;
    snprintf(app->rename_id, sizeof app->rename_id, "%s", b->id);
    app_prompt(app, PROMPT_RENAME, false);
    return true;
}

static bool
cmd_bookmark_delete(struct app *app, const char *args)
{
    (void)args;
    const struct bookmark *b = listed_bookmark(app);
    if (b == NULL)
        return true;
    char name[256];
    snprintf(name, sizeof name, "%s", b->name);
    struct diag d = {0};
    if (!state_bookmark_delete(app->state, b->id, &d))
        app_message(app, true, "%s", d.msg);
    else
        app_message(app, false, "deleted the bookmark \"%s\"", name);
    app_show_bookmarks(app);
    return true;
}

/* --- Printing ------------------------------------------------------------------------------ */

static void
report_selection(struct app *app)
{
    struct print_selection sel;
    app_print_selection(app, &sel);
    char *what = print_describe(&sel);
    app_message(app, false, "to print: %s (P prints)", what);
    free(what);
    print_select_free(&sel);
}

static bool
cmd_tag(struct app *app, const char *args)
{
    (void)args;
    app_tag(app, app_top_node(app), false);
    report_selection(app);
    return true;
}

static bool
cmd_tag_subtree(struct app *app, const char *args)
{
    (void)args;
    app_tag(app, app_top_node(app), true);
    report_selection(app);
    return true;
}

static bool
cmd_tag_clear(struct app *app, const char *args)
{
    (void)args;
    free(app->tagged);
    app->tagged = NULL;
    app->ntagged = 0;
    app->range_active = false;
    app_message(app, false, "no tags, no range: P prints the section being read");
    return true;
}

static bool
cmd_select_range(struct app *app, const char *args)
{
    (void)args;
    if (app->range_active) {
        app->range_active = false;
        app_message(app, false, "range dropped");
        return true;
    }
    app->range_active = true;
    app->range_node = app_top_node(app);
    size_t off = app_position_offset(app);
    app->range_offset = off == APP_OFFSET_NONE ? 0 : off;
    app_message(app, false, "range from %s: move, then P prints up to the top line",
                app->range_node->address);
    return true;
}

static bool
cmd_print(struct app *app, const char *args)
{
    (void)args;
    app_print_dialog(app);
    return true;
}

/* --- Help, redraw, quit -------------------------------------------------------------------- */

static bool
cmd_help(struct app *app, const char *args)
{
    (void)args;
    struct pane *list = app->panes[PANE_LIST];
    pane_list_reset(list, "Keys (q closes; : runs any command by name)");
    size_t n;
    const struct command *cmds = commands_all(&n);
    for (size_t i = 0; i < n; i++) {
        key_code keys[6];
        size_t nk = keymap_keys_for(app->keymap, cmds[i].name, keys, 6);
        if (nk > 6)
            nk = 6;
        struct strbuf sb = STRBUF_INIT;
        for (size_t k = 0; k < nk; k++) {
            char name[32];
            sb_printf(&sb, "%s%s", k ? " " : "", keyname_string(keys[k], name, sizeof name));
        }
        char row[512];
        snprintf(row, sizeof row, "%-16s %-18s %s", sb_str(&sb), cmds[i].name, cmds[i].help);
        pane_list_add(list, row, NULL, (size_t)-1);
        sb_free(&sb);
    }
    list->visible = true;
    app->focus = PANE_LIST;
    app_layout_panes(app);
    return true;
}

static bool
cmd_redraw(struct app *app, const char *args)
{
    (void)app;
    (void)args;
    ui_repaint();
    return true;
}

static bool
cmd_quit(struct app *app, const char *args)
{
    (void)args;
    app->quit = true;
    return true;
}

static bool
cmd_suspend(struct app *app, const char *args)
{
    (void)app;
    (void)args;
    ui_suspend();
    return true;
}

/* --- The table --------------------------------------------------------------------------- */

static const struct command table[] = {
    {"back", cmd_back, "Go back to the previous place in the history"},
    {"bookmark-add", cmd_bookmark_add, "Bookmark the place being read (with a name)"},
    {"bookmark-delete", cmd_bookmark_delete, "Delete the bookmark under the cursor"},
    {"bookmark-rename", cmd_bookmark_rename, "Rename the bookmark under the cursor"},
    {"bookmarks", cmd_bookmarks, "List the bookmarks; Enter goes to the exact place"},
    {"bottom", cmd_bottom, "Go to the end of the document"},
    {"collapse", cmd_collapse, "Collapse the outline entry under the cursor"},
    {"command-prompt", cmd_command_prompt, "Run a command by name, or :23 for paragraph 23"},
    {"copy-citation", cmd_copy_citation, "Copy a citation of this place (OSC 52, if enabled)"},
    {"dossier", cmd_dossier, "Open the dossier of the country of this place or link"},
    {"expand", cmd_expand, "Expand the outline entry under the cursor"},
    {"experts", cmd_experts, "Show the experts: sessions, alternates, roles; sort, filter"},
    {"focus-context", cmd_focus_context, "Focus the context pane"},
    {"focus-next", cmd_focus_next, "Focus the next pane"},
    {"focus-outline", cmd_focus_outline, "Focus the outline"},
    {"focus-text", cmd_focus_text, "Focus the text"},
    {"follow-link", cmd_follow_link, "Follow the selected link (a footnote opens in context)"},
    {"forward", cmd_forward, "Go forward again in the history"},
    {"goto", cmd_goto, "Go to an address (Tab completes)"},
    {"goto-paragraph", cmd_goto_paragraph, "Go to numbered paragraph N of this document"},
    {"grow-pane", cmd_grow_pane, "Widen the focused side pane"},
    {"half-page-down", cmd_half_page_down, "Scroll down half a screen"},
    {"half-page-up", cmd_half_page_up, "Scroll up half a screen"},
    {"help", cmd_help, "List the keys and commands"},
    {"next-link", cmd_next_link, "Select the next link on screen"},
    {"next-paragraph", cmd_next_paragraph, "Go to the next paragraph"},
    {"next-section", cmd_next_section, "Go to the next heading"},
    {"page-down", cmd_page_down, "Scroll down a screen"},
    {"papers", cmd_papers, "Show the working papers: submitters, where they are cited"},
    {"page-up", cmd_page_up, "Scroll up a screen"},
    {"peek-footnote", cmd_peek_footnote, "Show the footnote of the selected marker in a popup"},
    {"prev-link", cmd_prev_link, "Select the previous link on screen"},
    {"prev-paragraph", cmd_prev_paragraph, "Go to the previous paragraph"},
    {"prev-section", cmd_prev_section, "Go to the previous heading"},
    {"print", cmd_print, "Print the tagged nodes, the range or this section (a dialog)"},
    {"quit", cmd_quit, "Quit (in a list: close it)"},
    {"redraw", cmd_redraw, "Repaint the whole screen"},
    {"scroll-down", cmd_scroll_down, "Scroll down one line (or N lines)"},
    {"scroll-up", cmd_scroll_up, "Scroll up one line (or N lines)"},
    {"search-backward", cmd_search_backward, "Search backward, incrementally"},
    {"select-range", cmd_select_range, "Start (or drop) a range to print from the top line"},
    {"search-forward", cmd_search_forward, "Search forward, incrementally"},
    {"search-next", cmd_search_next, "Go to the next match, across the corpus"},
    {"search-prev", cmd_search_prev, "Go to the previous match"},
    {"search-results", cmd_search_results, "List every match of the last search"},
    {"shrink-pane", cmd_shrink_pane, "Narrow the focused side pane"},
    {"suspend", cmd_suspend, "Suspend ndvr (fg brings it back)"},
    {"tag", cmd_tag, "Tag the node (in the outline: the entry) for printing, or untag it"},
    {"tag-clear", cmd_tag_clear, "Clear every tag and the range"},
    {"tag-subtree", cmd_tag_subtree, "Tag a node and everything inside it"},
    {"toggle-context", cmd_toggle_context, "Show or hide the context pane"},
    {"toggle-outline", cmd_toggle_outline, "Show or hide the outline"},
    {"top", cmd_top, "Go to the start of the document"},
    {"view-other", cmd_view_only, "In a view: an expert's papers, a paper's submitter"},
    {"view-sort", cmd_view_only, "In a view: sort by the next column"},
    {"zoom", cmd_zoom, "Show the focused pane alone, or all panes again"},
};

const struct command *
commands_all(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

const struct command *
command_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

bool
command_exists(const char *name, void *unused)
{
    (void)unused;
    return command_find(name) != NULL;
}
