/* The reader's interaction model without a terminal: the view stack, key tables searched in
 * the focused pane's order, commands' reactions, footnotes at every width, prompts, counts.
 * A workspace is set up as the application sets it up (the real corpus, keymaps/default.keys,
 * the three tiles), but nothing is drawn: panes are sized, not placed, and keys go straight to
 * dispatch_key. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "corpus/corpus_load.h"
#include "pane/list.h"
#include "pane/table.h"
#include "pane/tiles.h"
#include "view/views.h"

static struct corpus *corpus;
static struct keymap *keymap;
static struct reader rd;
static struct workspace ws;

/* Lays the tiles out as the application does at cols x rows (the text's size is the reader's). */
static void
size_screen(int cols, int rows)
{
    struct tile_rect rect[TILE_COUNT];
    ws.cols = cols;
    ws.rows = rows;
    tiling_fix_focus(&ws.tiling, cols);
    tiling_compute(&ws.tiling, rows - 2, cols, rect);
    for (int i = 0; i < TILE_COUNT; i++)
        pane_size(ws.tiles[i], rect[i].rows, rect[i].cols);
    const struct tile_rect *t = &rect[TILE_TEXT];
    reader_resize(&rd, t->shown ? t->cols : cols, t->shown ? t->rows : rows - 2);
}

static void
setup(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    keymap = keymap_new();
    cr_assert(keymap_load_file(keymap, NDVR_SOURCE_DIR "/keymaps/default.keys", commands_check,
                               NULL, &errs));
    cr_assert_eq(errs.count, 0);
    reader_init(&rd, corpus, NULL);
    ws_init(&ws, corpus, &rd);
    ws.keymap = keymap;
    ws.global = commands_global(&ws.nglobal);
    ws.tiles[TILE_OUTLINE] = pane_outline_new();
    ws.tiles[TILE_TEXT] = pane_text_new();
    ws.tiles[TILE_CONTEXT] = pane_context_new();
    size_screen(80, 24);
}

static void
teardown(void)
{
    ws_fini(&ws);
    reader_fini(&rd);
    keymap_free(keymap);
    corpus_free(corpus);
}

TestSuite(dispatch, .init = setup, .fini = teardown);

static const struct node *
find(const char *address)
{
    const struct node *n = corpus_find(corpus, address);
    cr_assert_not_null(n, "%s", address);
    return n;
}

/* Sends the keys named, one word each ("Tab", "q", "C-u"), and returns the last reaction. */
static unsigned
keys(const char *names)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", names);
    unsigned r = REACT_NONE;
    for (char *k = strtok(buf, " "); k != NULL; k = strtok(NULL, " ")) {
        key_code key = keyname_parse(k);
        cr_assert_neq(key, KEYC_NONE, "key %s", k);
        r = ws.prompt.active ? dispatch_settle(&ws, prompt_key(&ws, key), NULL)
                             : dispatch_key(&ws, key, -1, -1);
    }
    return r;
}

static const struct pane_ops *
top_ops(void)
{
    struct pane *top = ws_top(&ws);
    return top != NULL ? top->ops : NULL;
}

static void
expect_top(const struct pane_ops *ops)
{
    const struct pane_ops *t = top_ops();
    cr_expect_eq(t, ops, "the top view is %s, not %s", t ? t->name : "(the reader)",
                 ops ? ops->name : "(the reader)");
}

/* --- The stack ---------------------------------------------------------------------------- */

Test(dispatch, q_quits_only_from_the_reader_and_closes_a_view_elsewhere)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    cr_expect_eq(keys("E") & REACT_QUIT, 0u);
    expect_top(&experts_ops);
    cr_expect_eq(keys("q") & REACT_QUIT, 0u, "q in the experts view quit");
    expect_top(NULL);
    cr_expect_neq(keys("q") & REACT_QUIT, 0u, "q in the reader did not quit");
}

Test(dispatch, closing_a_view_shows_the_one_beneath)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    keys("' P"); /* the bookmarks, then the print dialog over them */
    expect_top(&print_ops);
    cr_expect_eq(ws.nviews, 2u);
    keys("q");
    expect_top(&bookmarks_ops);
    keys("Escape");
    expect_top(NULL);
}

Test(dispatch, help_opens_over_any_view_for_that_view)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    keys("E F1");
    expect_top(&help_ops);
    struct list *help = ws_top(&ws)->data;
    cr_expect(strstr(help->title, "Keys in experts") != NULL, "%s", help->title);
    bool papers = false;
    for (size_t i = 0; i < help->n; i++)
        papers = papers || strstr(help->rows[i].text, "expert-papers") != NULL;
    cr_expect(papers, "the experts view's own command is not in its help");
    keys("Escape");
    expect_top(&experts_ops);
    keys("H");
    expect_top(&help_ops);
}

Test(dispatch, the_reader_moving_closes_every_view)
{
    reader_goto(&rd, find("A/74/90#summary"), true);
    struct diag d = {0};
    struct position from = rd.pos;
    cr_assert_eq(reader_search(&rd, "langeland", false, &from, &d), READER_FOUND);
    keys("E R"); /* the results over the experts */
    cr_expect_eq(ws.nviews, 2u);
    keys("Enter");
    expect_top(NULL);
    cr_expect_eq(ws.tiling.focus, TILE_TEXT);
    cr_expect_str_eq(reader_top(&rd)->address, rd.search.hits.v[rd.search.current].node->address);
}

/* --- Key tables ---------------------------------------------------------------------------- */

Test(dispatch, backspace_collapses_in_the_outline_and_goes_back_in_the_text)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    reader_goto(&rd, find("A/74/90#p20"), true);
    keys("1 Backspace"); /* the outline: its entry of p20's section collapses, nothing moves */
    cr_expect_str_eq(reader_top(&rd)->address, "A/74/90#p20");
    const struct node *(*subject)(struct pane *, struct reader *) = outline_ops.subject;
    cr_expect_eq(ws_focus(&ws), ws.tiles[TILE_OUTLINE]);
    cr_expect_not_null(subject(ws.tiles[TILE_OUTLINE], &rd));
    keys("2 Backspace"); /* the text: back to p10 */
    cr_expect_str_eq(reader_top(&rd)->address, "A/74/90#p10");
}

Test(dispatch, a_command_bound_in_a_table_must_exist_in_every_pane_using_it)
{
    cr_expect_eq(commands_check("table", "sort", NULL), KEYMAP_OK);
    cr_expect_eq(commands_check("experts", "sort", NULL), KEYMAP_OK);
    cr_expect_eq(commands_check("list", "sort", NULL), KEYMAP_NO_COMMAND);
    cr_expect_eq(commands_check("view", "sort", NULL), KEYMAP_NO_COMMAND, "cards cannot sort");
    cr_expect_eq(commands_check("view", "close", NULL), KEYMAP_OK);
    cr_expect_eq(commands_check("outline", "expand", NULL), KEYMAP_OK);
    cr_expect_eq(commands_check("global", "expand", NULL), KEYMAP_NO_COMMAND);
    cr_expect_eq(commands_check("nosuch", NULL, NULL), KEYMAP_NO_TABLE);
}

Test(dispatch, counts_move_lists_as_they_move_the_text)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    keys("E g");
    struct table *t = ws_top(&ws)->data;
    pane_size(ws_top(&ws), 22, 80);
    cr_assert_eq(t->c.cur, 0u);
    keys("WheelDown"); /* bound to scroll-down 3 */
    cr_expect_eq(t->c.cur, 3u);
    dispatch_run(&ws, ws_top(&ws), "scroll-up", "2");
    cr_expect_eq(t->c.cur, 1u);
}

/* --- Footnotes at every width --------------------------------------------------------------- */

/* Selects the link of the text whose target has this address. */
static void
select_link(const char *to)
{
    for (int i = 0; i < 20; i++) {
        keys("Tab");
        const struct ref *r = reader_link(&rd);
        if (r != NULL && r->target != NULL && strcmp(r->target->address, to) == 0)
            return;
    }
    cr_assert_fail("no link to %s on screen", to);
}

Test(dispatch, at_80_columns_a_footnote_opens_in_a_popup_and_back_stays)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    struct position before = rd.pos;
    select_link("A/74/90#fn5");
    keys("Enter");
    expect_top(&popup_ops);
    cr_expect_eq(ws_top(&ws)->ops->subject(ws_top(&ws), &rd), find("A/74/90#fn5"));
    keys("Backspace");
    expect_top(NULL);
    cr_expect_eq(rd.pos.index, before.index);
    cr_expect_eq(rd.pos.row, before.row);
}

Test(dispatch, at_120_columns_a_footnote_opens_in_the_context_pane_and_back_closes_it)
{
    size_screen(120, 40);
    reader_goto(&rd, find("A/74/90#p10"), true);
    reader_goto(&rd, find("A/74/90#p10"), true); /* the history has a place before */
    struct position before = rd.pos;
    select_link("A/74/90#fn5");
    keys("Enter");
    expect_top(NULL);
    cr_expect_eq(reader_note(&rd), find("A/74/90#fn5"));
    keys("Backspace");
    cr_expect_null(reader_note(&rd));
    cr_expect_eq(rd.pos.index, before.index, "back left the place");
    cr_expect_eq(rd.pos.row, before.row);
}

Test(dispatch, toggle_context_says_what_it_did_at_every_width)
{
    static const int widths[] = {120, 80, 50};
    for (size_t i = 0; i < 3; i++) {
        size_screen(widths[i], 24);
        bool before = ws_tile_shown(&ws, TILE_CONTEXT);
        keys("C");
        size_screen(widths[i], 24);
        cr_expect(ws.message[0] != '\0', "C said nothing at %d columns", widths[i]);
        cr_expect_neq(ws_tile_shown(&ws, TILE_CONTEXT), before, "C did nothing at %d columns",
                      widths[i]);
        keys("C");
        size_screen(widths[i], 24);
        cr_expect_eq(ws_tile_shown(&ws, TILE_CONTEXT), before, "C twice at %d", widths[i]);
    }
}

/* --- Prompts ------------------------------------------------------------------------------- */

Test(dispatch, a_search_typed_moves_and_escape_goes_back)
{
    reader_goto(&rd, find("A/74/90#summary"), true);
    struct position start = rd.pos;
    keys("/ l a n g e l a n d");
    cr_expect(rd.search.active);
    cr_expect_str_eq(rd.search.query, "langeland");
    cr_expect_neq(rd.pos.index, start.index);
    keys("Escape");
    cr_expect_not(ws.prompt.active);
    cr_expect_eq(rd.pos.index, start.index);
    cr_expect_not(rd.search.active);
}

Test(dispatch, prompts_edit_with_c_u_and_c_w)
{
    keys("o A / 7 4 Space x y C-w");
    cr_expect_str_eq(ws.prompt.text, "A/74 ");
    keys("C-u");
    cr_expect_str_eq(ws.prompt.text, "");
    keys("Escape");
    cr_expect_not(ws.prompt.active);
}

Test(dispatch, command_completion_counts_in_the_singular_too)
{
    keys(": t o g g l e Tab");
    cr_expect_str_eq(ws.message, "2 commands");
    keys("- c Tab");
    cr_expect_str_eq(ws.message, "1 command");
    cr_expect_str_eq(ws.prompt.text, "toggle-context ");
}

Test(dispatch, an_unbound_key_says_so)
{
    keys("F12");
    cr_expect(strstr(ws.message, "F12 is not bound") != NULL, "%s", ws.message);
}

/* --- The tables ---------------------------------------------------------------------------- */

Test(dispatch, the_global_table_is_sorted_and_every_command_has_help)
{
    size_t n;
    const struct cmd_def *cmds = commands_global(&n);
    for (size_t i = 0; i < n; i++) {
        cr_expect(i == 0 || strcmp(cmds[i - 1].name, cmds[i].name) < 0, "%s before %s",
                  cmds[i - 1].name, cmds[i].name);
        cr_expect(cmds[i].help != NULL && cmds[i].help[0] != '\0', "%s has no help", cmds[i].name);
        cr_expect_eq(commands_resolve(NULL, cmds[i].name), &cmds[i]);
    }
    const char *unknown[] = {"", "a", "backs", "search", "zzz"}; /* before, between, after */
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        cr_expect_null(commands_resolve(NULL, unknown[i]), "`%s` resolves", unknown[i]);
    size_t nops;
    const struct pane_ops *const *all = views_all(&nops);
    for (size_t i = 0; i < nops; i++)
        for (size_t c = 0; c < all[i]->ncmds; c++)
            cr_expect_eq(commands_resolve(all[i], all[i]->cmds[c].name), &all[i]->cmds[c],
                         "%s's own %s is not what the name means there", all[i]->name,
                         all[i]->cmds[c].name);
}

Test(dispatch, w_in_a_footnote_popup_opens_at_the_paper_it_names)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    select_link("A/74/90#fn5"); /* ⁵ names GE-NDV/2018/10 (source line 280) */
    keys("Enter");
    expect_top(&popup_ops);
    keys("W");
    expect_top(&papers_ops);
    cr_expect_eq(table_current(ws_top(&ws)->data), find("GE-NDV/2018/10"));
    cr_expect_eq(ws.nviews, 2u, "the popup stays beneath the papers");
}

/* --- Addresses as people type them (corpus/resolve.h) -------------------------------------- */

/* Types text at the prompt, one key a character (ASCII only), then Enter. */
static void
type_line(const char *text)
{
    for (const char *c = text; *c; c++) {
        char name[2] = {*c, '\0'};
        keys(*c == ' ' ? "Space" : name);
    }
    keys("Enter");
}

/* The node the top view is about (a card's), or NULL. */
static const struct node *
top_subject(void)
{
    struct pane *top = ws_top(&ws);
    return top && top->ops->subject ? top->ops->subject(top, &rd) : NULL;
}

Test(dispatch, goto_takes_any_case_names_and_citations)
{
    reader_goto(&rd, find("A/74/90#summary"), true);
    keys("o");
    type_line("a/74/90#P10");
    cr_expect_eq(reader_top(&rd), find("A/74/90#p10"));
    keys("o");
    type_line("A/72/304 (Norway), para. 3");
    cr_expect_eq(reader_top(&rd), find("A/72/304#NOR.p3"));
    keys("o");
    type_line("the United Kingdom");
    expect_top(&card_ops);
    cr_expect_eq(top_subject(), find("GBR"));
    keys("Escape o");
    type_line("langeland");
    cr_expect_eq(top_subject(), find("A/74/90#experts.NOR.1"));
}

Test(dispatch, goto_completes_in_any_case)
{
    keys("o a / 7 4 / 9 0 # p 3 Tab");
    cr_expect_str_eq(ws.prompt.text, "A/74/90#p3");
    cr_expect_str_eq(ws.message, "25 addresses"); /* p3, p30 to p39, p38's and p39's items */
    keys("Escape");
}

Test(dispatch, goto_says_what_was_meant)
{
    keys("o");
    type_line("Norwey");
    cr_expect_str_eq(ws.message, "no such address: Norwey (did you mean NOR?)");
    keys("o");
    type_line("A/74/90, para. 99");
    cr_expect_str_eq(ws.message, "A/74/90 has no paragraph 99");
}

Test(dispatch, tag_with_a_range_tags_each_paragraph_and_untags_them_again)
{
    reader_goto(&rd, find("A/74/90#summary"), true);
    keys(":");
    type_line("tag A/74/90#p23..p30");
    for (int i = 23; i <= 30; i++) {
        char a[32];
        snprintf(a, sizeof a, "A/74/90#p%d", i);
        cr_expect(reader_is_tagged(&rd, find(a)), "%s untagged", a);
    }
    cr_expect_not(reader_is_tagged(&rd, find("A/74/90#p22")));
    cr_expect_not(reader_is_tagged(&rd, find("A/74/90#p31")));
    cr_expect_not(reader_is_tagged(&rd, find("A/74/90#ch3")), "the chapter it enters");
    cr_expect(strstr(ws.message, "to print: A/74/90#p23, ") == ws.message, "%s", ws.message);
    keys(":");
    type_line("tag A/74/90#p23-30");
    cr_expect_eq(rd.ntagged, 0u);
    keys(":");
    type_line("tag A/74/90#p23..A/72/304#p2");
    cr_expect(strstr(ws.message, "a range runs within one document") == ws.message, "%s",
              ws.message);
    cr_expect_eq(rd.ntagged, 0u);
}

/* :23 in a country's dossier goes to paragraph 23 of the document being read. */
Test(dispatch, a_paragraph_number_in_a_dossier_is_the_document_s)
{
    reader_goto(&rd, find("A/74/90#p10"), true);
    keys(":");
    type_line("dossier Norway");
    expect_top(&card_ops);
    cr_expect_eq(top_subject(), find("NOR"));
    keys(":");
    type_line("23");
    expect_top(NULL);
    cr_expect_eq(reader_top(&rd), find("A/74/90#p23"));
}
