/* Screen tests of the view stack, one (or one per size) for each defect the usability test found
 * (../shared/notes/review/ux.md, section 2): a footnote followed at 80 columns, C below 100
 * columns, the results list, views opened from views, links in the context pane, dossiers,
 * Annex II and expert addresses, a stale footnote in the context pane, the peek popup's edges.
 * Expected texts come from the source texts (assets/source) and the corpus (assets/corpus).
 * Tests end with Q, which quits from any view. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

enum { MAX_TABS = 12, BOX_H = 0x2500, BOX_V = 0x2502 };

static char msg[2048];

static void
key(struct vt *vt, const char *name)
{
    cr_assert(vt_send_key(vt, name), "unknown key %s", name);
}

static size_t
utf8_put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The cells c0..c1 of a row as UTF-8 (a wide character once), trailing blanks trimmed. */
static char *
cells(struct vt *vt, int row, int c0, int c1)
{
    char *s = malloc((size_t)(c1 - c0 + 2) * 4 + 1);
    cr_assert_not_null(s);
    size_t n = 0;
    for (int c = c0; c <= c1; c++)
        if (vt_cell_width(vt, row, c) > 0)
            n += utf8_put(s + n, vt_cell_char(vt, row, c));
    while (n > 0 && s[n - 1] == ' ')
        n--;
    s[n] = '\0';
    return s;
}

/* The columns of the vertical borders on a row, left to right; returns how many. */
static int
borders(struct vt *vt, int row, int *cols, int max)
{
    int n = 0;
    for (int c = 0; c < vt_cols(vt) && n < max; c++)
        if (vt_cell_width(vt, row, c) == 1 && vt_cell_char(vt, row, c) == BOX_V)
            cols[n++] = c;
    return n;
}

/* The rows 0..rows-3 of the columns c0..c1 (a pane), one string. */
static char *
pane_text(struct vt *vt, int c0, int c1)
{
    size_t cap = (size_t)vt_rows(vt) * ((size_t)(c1 - c0 + 2) * 4 + 1) + 1, n = 0;
    char *all = malloc(cap);
    cr_assert_not_null(all);
    all[0] = '\0';
    for (int r = 0; r <= vt_rows(vt) - 3; r++) {
        char *line = cells(vt, r, c0, c1);
        n += (size_t)snprintf(all + n, cap - n, "%s\n", line);
        free(line);
    }
    return all;
}

/* Whether some row reads exactly `text` from column col on. */
static bool
row_from_is(struct vt *vt, int col, const char *text)
{
    bool found = false;
    for (int r = 0; r < vt_rows(vt) - 2 && !found; r++) {
        char *s = cells(vt, r, col, vt_cols(vt) - 1);
        found = strcmp(s, text) == 0;
        free(s);
    }
    return found;
}

static int heading_col; /* for has_heading: the context pane's first column */

/* The context pane shows a followed footnote: its heading "Footnote" (not "Footnotes on
 * screen"). */
static bool
has_heading(struct vt *vt, void *unused)
{
    (void)unused;
    return row_from_is(vt, heading_col, "Footnote");
}

/* Waits for the footnote followed to show in the context pane at column ctx. */
static void
settle_footnote_in_context(struct vt *vt, int ctx)
{
    heading_col = ctx;
    bool seen = vt_wait_until(vt, has_heading, NULL, 0);
    char *dump = seen ? NULL : vt_dump(vt);
    cr_assert(seen, "no footnote in the context pane:\n%s", dump ? dump : "");
    vt_wait_quiet(vt, 0, 0);
}

/* Tab until the message line reads `want` (a link's address); false if it never does. */
static bool
tab_to(struct vt *vt, const char *want)
{
    bool found = false;
    for (int i = 0; i < MAX_TABS && !found; i++) {
        key(vt, "Tab");
        vt_wait_quiet(vt, 0, 0);
        char *m = scr_message_line(vt);
        found = strcmp(m, want) == 0;
        free(m);
    }
    return found;
}

/* The reader is still running, on the alternate screen. */
static void
expect_running(struct vt *vt)
{
    cr_expect(vt_wait_quiet(vt, 0, 0), "the reader exited");
    cr_expect(vt_altscreen(vt), "the reader left the alternate screen\n%s", vt_dump(vt));
}

/* --- 1. A footnote followed below 100 columns, and C there --------------------------------- */

/* A/74/90 fn5 (source line 280), cited by p10 (JSON refs of A/74/90#p10). */
#define P10_LINE1 "10. 专家组探讨了对核裁军核查概念的理解。"
#define FN5_TITLE " footnote ⁵ "
#define FN5_START "⁵ 见中根大使(日本)提交的文件"

/* Opens the summary, goes to ¶10 (so back has somewhere to go) and selects ⁵ (p10's second
 * link: ⁴ then ⁵). */
static struct vt *
at_p10_on_fn5(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, ":10\r");
    scr_settle(vt, "¶10");
    cr_assert(tab_to(vt, "A/74/90#fn5"), "⁵ never selected:\n%s", vt_dump(vt));
    return vt;
}

/* The text pane of the 80x24 reader with the outline: columns after the outline's border. */
static char *
text_pane_80(struct vt *vt)
{
    int col;
    cr_assert(vt_find(vt, P10_LINE1, NULL, &col), "%s", vt_dump(vt));
    return pane_text(vt, col, vt_cols(vt) - 1);
}

/* Enter on ⁵ shows the popup; closing it with `close_key` leaves the text as it was. */
static void
popup_opens_and_closes(struct vt *vt, const char *close_key, const char *before)
{
    key(vt, "Enter");
    scr_settle(vt, FN5_TITLE);
    scr_expect_on_screen(vt, FN5_START);
    scr_expect_on_screen(vt, "(GE-NDV/2018/10)。");
    scr_expect_focus(vt, "popup");
    scr_expect_sound(vt);
    key(vt, close_key);
    scr_settle_gone(vt, FN5_TITLE);
    scr_expect_not_on_screen(vt, "见中根大使");
    int row = -1;
    cr_expect(vt_find(vt, P10_LINE1, &row, NULL) && row == 0, "¶10 left the top:\n%s", vt_dump(vt));
    char *after = text_pane_80(vt);
    cr_expect_str_eq(after, before, "the text moved after %s", close_key);
    free(after);
    scr_expect_status(vt, "A/74/90 › 二 › A › ¶10");
    scr_expect_focus(vt, "text");
}

Test(views_stack, a_footnote_at_80x24_opens_in_a_popup_and_closing_leaves_the_text)
{
    struct vt *vt = at_p10_on_fn5(24, 80);
    scr_expect_not_on_screen(vt, "见中根大使"); /* the context pane does not show at 80 columns */
    char *before = text_pane_80(vt);
    popup_opens_and_closes(vt, "Backspace", before);
    popup_opens_and_closes(vt, "Escape", before); /* ⁵ is still the selected link */
    free(before);
    scr_quit(vt, "Q");
}

/* The context pane at 120x40: its left border is the second one on row 0. */
static int
context_col(struct vt *vt)
{
    int b[4];
    cr_assert_eq(borders(vt, 0, b, 4), 2, "not three panes:\n%s", vt_dump(vt));
    return b[1] + 1;
}

Test(views_stack, a_footnote_at_120x40_opens_in_the_context_pane_and_backspace_closes_it_there)
{
    struct vt *vt = at_p10_on_fn5(40, 120);
    int ctx = context_col(vt), tcol;
    cr_assert(vt_find(vt, P10_LINE1, NULL, &tcol));
    char *before = pane_text(vt, tcol, ctx - 2);
    cr_expect(!row_from_is(vt, ctx, "Footnote"), "%s", vt_dump(vt));
    key(vt, "Enter");
    settle_footnote_in_context(vt, ctx);
    int row, col;
    cr_expect(vt_find(vt, FN5_START, &row, &col) && row == 1 && col == ctx, "%s", vt_dump(vt));
    scr_expect_not_on_screen(vt, FN5_TITLE); /* no popup */
    scr_expect_focus(vt, "text");
    key(vt, "Backspace");
    cr_expect(vt_wait_text(vt, "footnote closed", 0), "%s", vt_dump(vt));
    vt_wait_quiet(vt, 0, 0);
    cr_expect(!row_from_is(vt, ctx, "Footnote"), "the footnote stayed:\n%s", vt_dump(vt));
    char *after = pane_text(vt, tcol, ctx - 2);
    cr_expect_str_eq(after, before, "the text moved");
    scr_expect_status(vt, "A/74/90 › 二 › A › ¶10");
    scr_expect_sound(vt);
    free(before);
    free(after);
    scr_quit(vt, "Q");
}

Test(views_stack, c_at_80x24_puts_the_context_pane_in_the_outlines_place_and_back)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    scr_expect_on_screen(vt, "- A/74/90 审议核查在"); /* the outline */
    key(vt, "C");
    scr_settle(vt, "Footnotes on screen");
    scr_expect_message_has(vt, "context pane");
    scr_expect_not_on_screen(vt, "- A/74/90 审议核查在");
    int row, col, ctx;
    cr_assert(vt_find(vt, P10_LINE1, &row, &col));
    cr_expect(row == 0 && col == 0, "the text is not first:\n%s", vt_dump(vt));
    cr_assert(vt_find(vt, "Footnotes on screen", &row, &ctx));
    cr_expect(vt_check_column_is_border(vt, ctx - 1, 0, 21, msg, sizeof msg), "%s", msg);
    scr_expect_sound(vt);
    /* following a footnote now goes into the context pane, not a popup */
    cr_assert(tab_to(vt, "A/74/90#fn5"), "%s", vt_dump(vt));
    key(vt, "Enter");
    settle_footnote_in_context(vt, ctx);
    scr_expect_message(vt, "footnote ⁵ in the context pane (Backspace closes it)");
    scr_expect_not_on_screen(vt, FN5_TITLE);
    key(vt, "Backspace");
    scr_settle(vt, "footnote closed");
    key(vt, "C");
    scr_settle(vt, "- A/74/90 审议核查在");
    scr_expect_message_has(vt, "outline");
    scr_expect_not_on_screen(vt, "Footnotes on screen");
    key(vt, "F3"); /* F3 is C */
    scr_settle(vt, "Footnotes on screen");
    scr_expect_message_has(vt, "context pane");
    scr_quit(vt, "Q");
}

Test(views_stack, c_at_50x20_shows_the_context_pane_alone_and_then_the_text)
{
    struct vt *vt = scr_open(20, 50, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    key(vt, "C");
    scr_settle(vt, "Footnotes on screen");
    int row, col;
    cr_expect(vt_find(vt, "Footnotes on screen", &row, &col) && col == 0, "%s", vt_dump(vt));
    scr_expect_not_on_screen(vt, "10. 专家组探讨了");
    scr_expect_on_screen(vt, FN5_START);
    scr_expect_focus(vt, "context");
    char *m = scr_message_line(vt);
    cr_expect(m[0] != '\0', "C said nothing");
    free(m);
    key(vt, "C");
    scr_settle(vt, "10. 专家组探讨了");
    scr_expect_not_on_screen(vt, "Footnotes on screen");
    scr_expect_focus(vt, "text");
    m = scr_message_line(vt);
    cr_expect(m[0] != '\0', "C said nothing");
    free(m);
    scr_expect_sound(vt);
    scr_quit(vt, "Q");
}

/* --- 2. The results list ------------------------------------------------------------------- */

/* "Langeland" is twice in the corpus (A-74-90.zh.txt lines 173 and 305): the expert list
 * (A/74/90#experts.NOR.1) and fn9. From ¶10 the search lands on fn9, the second. */
#define LANGELAND_TITLE "2 matches of \"langeland\""

static struct vt *
results_of_langeland(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    vt_send(vt, "/langeland\r");
    scr_settle(vt, "match 2 of 2");
    scr_expect_status(vt, "A/74/90 › fn9");
    key(vt, "R");
    scr_settle(vt, LANGELAND_TITLE);
    scr_expect_on_screen(vt, "A/74/90#experts.NOR.1  Knut Langeland");
    scr_expect_focus(vt, "results");
    return vt;
}

static void
results_enter_shows_the_match(int rows, int cols)
{
    struct vt *vt = results_of_langeland(rows, cols);
    key(vt, "k"); /* the current match (fn9) is selected: up to the first, the expert list */
    vt_wait_quiet(vt, 0, 0);
    key(vt, "Enter");
    scr_settle_gone(vt, LANGELAND_TITLE);
    scr_expect_status(vt, "A/74/90 › 送文函");
    scr_expect_focus(vt, "text");
    scr_expect_message(vt, "langeland: match 1 of 2");
    int row, col;
    cr_expect(vt_find(vt, "Knut Langeland(挪威)", &row, &col) && col > 0, "%s", vt_dump(vt));
    scr_expect_sound(vt);
    /* q in the list closes it and the reader goes on; q in the reader quits */
    key(vt, "R");
    scr_settle(vt, LANGELAND_TITLE);
    key(vt, "q");
    scr_settle_gone(vt, LANGELAND_TITLE);
    expect_running(vt);
    scr_expect_focus(vt, "text");
    scr_expect_on_screen(vt, "Knut Langeland(挪威)");
    scr_quit(vt, "q");
}

Test(views_stack, results_enter_closes_the_list_and_shows_the_match_at_80x24)
{
    results_enter_shows_the_match(24, 80);
}

Test(views_stack, results_enter_closes_the_list_and_shows_the_match_at_120x40)
{
    results_enter_shows_the_match(40, 120);
}

/* --- 3. Views opened from views return there ----------------------------------------------- */

Test(views_stack, print_from_the_bookmarks_returns_to_the_bookmarks)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    key(vt, "m");
    scr_settle(vt, "bookmark name");
    vt_send(vt, "stages\r");
    scr_settle(vt, "bookmarked A/74/90#p10 as \"stages\"");
    key(vt, "'");
    scr_settle(vt, "Bookmarks");
    scr_expect_on_screen(vt, "A/74/90#p10");
    scr_expect_focus(vt, "bookmarks");
    key(vt, "P");
    scr_settle(vt, "Page width:");
    scr_expect_focus(vt, "print");
    key(vt, "q");
    scr_settle_gone(vt, "Page width:");
    char *top = vt_row_text(vt, 0);
    cr_expect_str_eq(top, "Bookmarks", "%s", vt_dump(vt));
    free(top);
    scr_expect_focus(vt, "bookmarks");
    int row, col;
    cr_expect(vt_find(vt, "stages", &row, &col) && row == 1, "%s", vt_dump(vt));
    key(vt, "q"); /* and q there shows the reader */
    scr_settle_gone(vt, "Bookmarks");
    scr_expect_focus(vt, "text");
    expect_running(vt);
    scr_quit(vt, "Q");
}

/* Some row of the help binds key (its first column) to command. */
static void
expect_help_row(struct vt *vt, const char *key_name, const char *command)
{
    bool found = false;
    size_t k = strlen(key_name);
    for (int r = 0; r < vt_rows(vt) - 2 && !found; r++) {
        char *s = vt_row_text(vt, r);
        char *cmd = strstr(s, command);
        found = strncmp(s, key_name, k) == 0 && s[k] == ' ' && cmd != NULL && cmd[-1] == ' ' &&
                (cmd[strlen(command)] == ' ' || cmd[strlen(command)] == '\0');
        free(s);
    }
    char *dump = found ? NULL : vt_dump(vt);
    cr_expect(found, "no help row `%s ... %s`:\n%s", key_name, command, dump ? dump : "");
    free(dump);
}

/* Help for the experts table lists its own keys (x), its kind's (table: s, /) and the views'. */
static void
experts_help(struct vt *vt, const char *help_key, const char *close_key)
{
    key(vt, help_key);
    scr_settle(vt, "Keys in experts");
    scr_expect_focus(vt, "help");
    expect_help_row(vt, "x", "expert-papers");
    expect_help_row(vt, "s", "sort");
    expect_help_row(vt, "/", "filter");
    scr_expect_sound(vt);
    key(vt, close_key);
    scr_settle_gone(vt, "Keys in experts");
    scr_expect_on_screen(vt, "33 of 33");
    scr_expect_focus(vt, "experts");
}

Test(views_stack, help_inside_the_experts_table_at_80x24)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    key(vt, "E");
    scr_settle(vt, "33 of 33");
    scr_expect_focus(vt, "experts");
    experts_help(vt, "F1", "Escape");
    experts_help(vt, "H", "q");
    scr_quit(vt, "Q");
}

Test(views_stack, help_inside_the_experts_table_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    key(vt, "E");
    scr_settle(vt, "33 of 33");
    experts_help(vt, "H", "Escape");
    experts_help(vt, "F1", "q");
    scr_quit(vt, "Q");
}

/* --- 4. Links in the context pane, dossiers, Annex II; expert addresses --------------------- */

/* GE-NDV/2018/4 (A/74/90 Annex II line 415): submitted by 比昂提诺大使 (德国), i.e. the expert
 * A/74/90#experts.DEU.1, Michael Biontino; cited only in fn4 (line 278), which only p10 cites. */
static void
expect_card_of_ge_ndv_2018_4(struct vt *vt)
{
    scr_settle(vt, "Submitters:");
    char *top = vt_row_text(vt, 0);
    cr_expect_str_eq(top, "GE-NDV/2018/4", "%s", vt_dump(vt));
    free(top);
    scr_expect_on_screen(vt, "Title:      关于核查在推进核裁军方面作用的考虑：背景文件");
    scr_expect_on_screen(vt, "Submitters: 比昂提诺大使 (德国) = Michael Biontino");
    scr_expect_on_screen(vt, "Cited in:   A/74/90#fn4, cited by A/74/90#p10");
    scr_expect_focus(vt, "card");
    scr_expect_sound(vt);
}

Test(views_stack, a_paper_in_a_footnote_is_followed_from_the_context_pane_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    int ctx = context_col(vt);
    cr_assert(tab_to(vt, "A/74/90#fn4"), "%s", vt_dump(vt));
    key(vt, "Enter");
    settle_footnote_in_context(vt, ctx);
    scr_expect_on_screen(vt, "⁴ 见比昂提诺大使(德国)提交的文件");
    key(vt, "3");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_focus(vt, "context");
    cr_assert(tab_to(vt, "GE-NDV/2018/4"), "Tab never reached the footnote's paper:\n%s",
              vt_dump(vt));
    key(vt, "Enter");
    expect_card_of_ge_ndv_2018_4(vt);
    scr_quit(vt, "Q");
}

/* At 80x24, 3 shows the context pane (footnotes on screen) in the outline's place. */
Test(views_stack, a_paper_in_a_footnote_is_followed_from_the_context_pane_at_80x24)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    key(vt, "3");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_focus(vt, "context");
    cr_assert(tab_to(vt, "GE-NDV/2018/4"), "Tab never reached the footnote's paper:\n%s",
              vt_dump(vt));
    key(vt, "Enter");
    expect_card_of_ge_ndv_2018_4(vt);
    scr_quit(vt, "Q");
}

/* Norway's dossier: its expert (A/74/90#experts.NOR.1, Knut Langeland, sessions 1-3, source
 * line 173) and its response (A/72/304#NOR, 2017-07-31, original English, lines 1306-1310). */
Test(views_stack, a_dossiers_addresses_are_links_at_80x24)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "oNOR\r");
    scr_settle(vt, "挪威 (NOR)");
    scr_expect_focus(vt, "card");
    scr_expect_on_screen(vt, "Response:   A/72/304#NOR, 2017-07-31, 原件：英文");
    cr_assert(tab_to(vt, "A/74/90#experts.NOR.1"), "no link selected:\n%s", vt_dump(vt));
    key(vt, "Enter");
    scr_settle(vt, "Listed at:  A/74/90#experts.NOR.1");
    char *top = vt_row_text(vt, 0);
    cr_expect_str_eq(top, "Knut Langeland", "%s", vt_dump(vt));
    free(top);
    scr_expect_on_screen(vt, "Country:    挪威 (NOR)");
    scr_expect_on_screen(vt, "Sessions:   1, 2, 3");
    key(vt, "Backspace"); /* back to the dossier beneath */
    scr_settle(vt, "挪威 (NOR)");
    cr_assert(tab_to(vt, "A/72/304#NOR"), "the response is no link:\n%s", vt_dump(vt));
    key(vt, "Enter");
    scr_settle(vt, "A/72/304 › 二 › NOR");
    scr_expect_focus(vt, "text");
    scr_expect_not_on_screen(vt, "Response:");
    int row, col;
    cr_expect(vt_find(vt, "[原件：英文] [2017 年 7 月 31 日]", &row, &col) && row == 1, "%s",
              vt_dump(vt));
    scr_quit(vt, "Q");
}

Test(views_stack, a_dossier_opened_with_d_on_a_response_has_links_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/72/304#NOR.p5", NULL, NULL);
    scr_settle(vt, "A/72/304 › 二 › NOR");
    key(vt, "D");
    scr_settle(vt, "挪威 (NOR)");
    cr_assert(tab_to(vt, "A/74/90#experts.NOR.1"), "no link selected:\n%s", vt_dump(vt));
    key(vt, "Enter");
    scr_settle(vt, "Listed at:  A/74/90#experts.NOR.1");
    scr_expect_on_screen(vt, "Knut Langeland");
    scr_expect_on_screen(vt, "Country:    挪威 (NOR)");
    scr_expect_focus(vt, "card");
    scr_quit(vt, "Q");
}

/* Annex II's working-paper list is A/74/90#papers (assets/corpus/A-74-90.json); its first row
 * is GE-NDV/2018/4 (source line 415). */
static void
annex_ii_row_is_a_link(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#papers", NULL, NULL);
    scr_settle(vt, "GE-NDV/2018/4   关于核查在推进核裁军方面作用的考虑");
    scr_expect_status(vt, "A/74/90 › 附件二");
    cr_assert(tab_to(vt, "GE-NDV/2018/4"), "the row is no link:\n%s", vt_dump(vt));
    /* the selected link is the row's symbol (not a footnote's): drawn unlike the next row's */
    int row, col, row5, col5;
    cr_assert(vt_find(vt, "GE-NDV/2018/4   关于", &row, &col));
    cr_assert(vt_find(vt, "GE-NDV/2018/5   “人员”", &row5, &col5));
    cr_expect_neq(vt_cell_bg(vt, row, col), vt_cell_bg(vt, row5, col5), "%s", vt_dump(vt));
    key(vt, "Enter");
    expect_card_of_ge_ndv_2018_4(vt);
    scr_quit(vt, "Q");
}

Test(views_stack, annex_ii_rows_are_links_at_80x24)
{
    annex_ii_row_is_a_link(24, 80);
}

Test(views_stack, annex_ii_rows_are_links_at_120x40)
{
    annex_ii_row_is_a_link(40, 120);
}

/* A/74/90#experts.DEU.1 (source line 109, JSON): Michael Biontino, 德国, sessions 1-3, role
 * 联邦外交部顾问、大使(退休); submitter of GE-NDV/2018/4 (fn4) and GE-NDV/2018/14 (fn13, as
 * 比翁蒂诺大使). */
static void
expert_address_opens_the_card(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "oA/74/90#experts.DEU.1\r");
    scr_settle(vt, "Listed at:  A/74/90#experts.DEU.1");
    char *top = vt_row_text(vt, 0);
    cr_expect_str_eq(top, "Michael Biontino", "%s", vt_dump(vt));
    free(top);
    scr_expect_on_screen(vt, "Country:    德国 (DEU)");
    scr_expect_on_screen(vt, "Sessions:   1, 2, 3");
    scr_expect_on_screen(vt, "Role:       联邦外交部顾问、大使(退休)");
    scr_expect_on_screen(vt, "Papers:     GE-NDV/2018/4 关于核查在推进核裁军方面作用的考虑：背景");
    scr_expect_on_screen(vt, "GE-NDV/2018/14 结构要素：框架、原则、范围和设想");
    scr_expect_focus(vt, "card");
    scr_expect_not_on_screen(vt, "Experts (sessions"); /* not the letter's list, nor the table */
    scr_expect_sound(vt);
    scr_quit(vt, "Q");
}

Test(views_stack, an_expert_address_opens_the_experts_card_at_80x24)
{
    expert_address_opens_the_card(24, 80);
}

Test(views_stack, an_expert_address_opens_the_experts_card_at_120x40)
{
    expert_address_opens_the_card(40, 120);
}

/* --- 5. The context pane follows the reading place ----------------------------------------- */

/* fn11 (A-74-90.zh.txt line 327) is cited by p22; A/72/304 numbers its footnotes apart. */
#define FN11_START "¹¹ 见钱伯斯博士"

Test(views_stack, a_footnote_of_a_74_90_leaves_the_context_pane_in_a_72_304_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p22", NULL, NULL);
    scr_settle(vt, "¶22");
    int ctx = context_col(vt);
    cr_assert(tab_to(vt, "A/74/90#fn11"), "%s", vt_dump(vt));
    key(vt, "Enter");
    settle_footnote_in_context(vt, ctx);
    scr_expect_on_screen(vt, FN11_START);
    vt_send(vt, "oA/72/304#NOR.p5\r");
    scr_settle(vt, "A/72/304 › 二 › NOR");
    scr_expect_not_on_screen(vt, "见钱伯斯博士");
    scr_expect_not_on_screen(vt, "¹¹");
    cr_expect(!row_from_is(vt, ctx, "Footnote"), "a footnote stayed:\n%s", vt_dump(vt));
    scr_expect_sound(vt);
    scr_quit(vt, "Q");
}

Test(views_stack, a_footnote_of_a_74_90_leaves_the_context_pane_in_a_72_304_at_80x24)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p22", NULL, NULL);
    scr_settle(vt, "¶22");
    key(vt, "C"); /* the context pane in the outline's place */
    scr_settle(vt, "Footnotes on screen");
    int ctx;
    cr_assert(vt_find(vt, "Footnotes on screen", NULL, &ctx));
    cr_assert(tab_to(vt, "A/74/90#fn11"), "%s", vt_dump(vt));
    key(vt, "Enter");
    settle_footnote_in_context(vt, ctx);
    scr_expect_on_screen(vt, FN11_START);
    vt_send(vt, "oA/72/304#NOR.p5\r");
    scr_settle(vt, "A/72/304 › 二 › NOR");
    scr_expect_not_on_screen(vt, "见钱伯斯博士");
    scr_expect_not_on_screen(vt, "¹¹");
    cr_expect(!row_from_is(vt, ctx, "Footnote"), "a footnote stayed:\n%s", vt_dump(vt));
    scr_quit(vt, "Q");
}

/* --- 6. The peek popup owns every cell of its box ------------------------------------------ */

struct box {
    int top, bottom, left, right;
};

/* The popup's box: its top border is the first row with a horizontal line right of column
 * `from` (its first cell is the top-left corner); its bottom the next row with a horizontal
 * line at the same column. */
static struct box
find_box(struct vt *vt, int from)
{
    struct box b = {-1, -1, -1, -1};
    for (int r = 0; r < vt_rows(vt) - 2 && b.top < 0; r++)
        for (int c = from; c < vt_cols(vt) && b.top < 0; c++)
            if (vt_cell_char(vt, r, c) == BOX_H) {
                b.top = r;
                b.left = c;
            }
    cr_assert(b.top >= 0, "no popup box:\n%s", vt_dump(vt));
    for (int r = b.top + 1; r < vt_rows(vt) - 2 && b.bottom < 0; r++)
        if (vt_cell_char(vt, r, b.left) == BOX_H)
            b.bottom = r;
    cr_assert(b.bottom > b.top + 1, "no bottom border:\n%s", vt_dump(vt));
    b.right = b.left;
    while (b.right + 1 < vt_cols(vt) && vt_cell_char(vt, b.bottom, b.right + 1) == BOX_H)
        b.right++;
    return b;
}

/* Every cell from the left border to the right one is the popup's: the borders, a blank
 * column of padding inside each, and the popup's text. */
static void
expect_box_owns_its_cells(struct vt *vt, struct box b)
{
    char *dump = vt_dump(vt);
    cr_expect(vt_check_column_is_border(vt, b.left, b.top + 1, b.bottom - 1, msg, sizeof msg),
              "left edge: %s\n%s", msg, dump);
    cr_expect(vt_check_column_is_border(vt, b.right, b.top + 1, b.bottom - 1, msg, sizeof msg),
              "right edge: %s\n%s", msg, dump);
    for (int r = b.top + 1; r < b.bottom; r++) {
        cr_expect(vt_cell_width(vt, r, b.left + 1) == 1 && vt_cell_char(vt, r, b.left + 1) == ' ',
                  "row %d: not blank inside the left border\n%s", r, dump);
        cr_expect(vt_cell_width(vt, r, b.right - 1) == 1 && vt_cell_char(vt, r, b.right - 1) == ' ',
                  "row %d: not blank inside the right border\n%s", r, dump);
    }
    for (int c = b.left; c <= b.right; c++)
        cr_expect(vt_cell_char(vt, b.bottom, c) == BOX_H, "bottom border broken at %d\n%s", c,
                  dump);
    free(dump);
}

/* The cells of the box's rows between the text pane's left edge and the box, and between the
 * box and the pane's right edge (the column `right` is past it), are blank. */
static void
expect_blank_beside(struct vt *vt, struct box b, int left, int right)
{
    for (int r = b.top; r <= b.bottom; r++) {
        for (int c = left; c < b.left; c++)
            cr_expect_eq(vt_cell_char(vt, r, c), ' ', "row %d col %d shows the text\n%s", r, c,
                         vt_dump(vt));
        for (int c = b.right + 1; c < right; c++)
            cr_expect_eq(vt_cell_char(vt, r, c), ' ', "row %d col %d shows the text\n%s", r, c,
                         vt_dump(vt));
    }
}

/* The EU's dossier (A/72/304#EU: 欧洲联盟, 2017-07-17, original English, source lines
 * 2063-2067; no expert, no paper): the target of EU.p1's first link, 欧洲联盟 (JSON refs). */
static void
expect_eu_dossier_in(struct vt *vt, struct box b)
{
    static const char *const lines[] = {
        "欧洲联盟 (EU)",
        "Experts:    none",
        "Papers:     none",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char *s = cells(vt, b.top + 1 + (int)i, b.left + 2, b.right - 2);
        cr_expect_str_eq(s, lines[i], "%s", vt_dump(vt));
        free(s);
    }
    /* at 120x40 the box is narrower and 英文 wraps to the next row */
    static const char response[] = "Response:   A/72/304#EU, 2017-07-17, 原件：";
    char *s = cells(vt, b.top + 4, b.left + 2, b.right - 2);
    cr_expect(strncmp(s, response, strlen(response)) == 0, "`%s`\n%s", s, vt_dump(vt));
    free(s);
}

static int box_from; /* for box_shown: the first column right of the outline */

static bool
box_shown(struct vt *vt, void *unused)
{
    (void)unused;
    for (int r = 0; r < vt_rows(vt) - 2; r++)
        for (int c = box_from; c < vt_cols(vt); c++)
            if (vt_cell_char(vt, r, c) == BOX_H)
                return true;
    return false;
}

static void
peek_popup_owns_its_box(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/72/304#EU.p1", NULL, NULL);
    scr_settle(vt, "A/72/304 › 三 › EU");
    int b0[4];
    cr_assert_geq(borders(vt, 0, b0, 4), 1);
    box_from = b0[0] + 1;
    key(vt, "Tab"); /* EU.p1's first link: 欧洲联盟, the EU */
    vt_wait_quiet(vt, 0, 0);
    cr_assert(!box_shown(vt, NULL), "%s", vt_dump(vt));
    key(vt, "p");
    cr_assert(vt_wait_until(vt, box_shown, NULL, 0), "no popup:\n%s", vt_dump(vt));
    vt_wait_quiet(vt, 0, 0);
    struct box b = find_box(vt, box_from);
    cr_expect_gt(b.left, b0[0]);
    expect_box_owns_its_cells(vt, b);
    /* beside the box, up to the text pane's edges, nothing of the text shows through */
    int right = borders(vt, 0, b0, 4) > 1 ? b0[1] : vt_cols(vt);
    expect_blank_beside(vt, b, box_from, right);
    expect_eu_dossier_in(vt, b);
    scr_expect_focus(vt, "popup");
    scr_expect_sound(vt);
    key(vt, "Escape");
    scr_settle_gone(vt, "popup");
    scr_expect_focus(vt, "text");
    scr_quit(vt, "Q");
}

Test(views_stack, the_peek_popup_owns_every_cell_of_its_box_at_80x24)
{
    peek_popup_owns_its_box(24, 80);
}

Test(views_stack, the_peek_popup_owns_every_cell_of_its_box_at_120x40)
{
    peek_popup_owns_its_box(40, 120);
}
