/* Panes that did not change are not drawn again (their window keeps the drawing): after every
 * kind of change, the screen must still be what the reader draws from scratch (C-l), so that a
 * pane left stale shows. At 80x24 (outline beside the text) and 120x40 (outline and context). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "screen.h"

enum { QUIET_MS = VT_QUIET_MS };

/* Sends keys, waits for the screen to settle and compares it with a repaint. */
static void
step(struct vt *vt, const char *keys, const char *what)
{
    vt_send(vt, keys);
    vt_wait_quiet(vt, QUIET_MS, 0);
    scr_expect_same_as_repaint(vt, what, 0);
}

static struct vt *
open_at(int rows, int cols, const char *address, const char *text)
{
    struct vt *vt = scr_open(rows, cols, address, NULL, NULL);
    scr_settle(vt, text);
    return vt;
}

static void
overlays(int rows, int cols)
{
    struct vt *vt = open_at(rows, cols, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    step(vt, "j", "a line down");
    step(vt, "H", "help opened");
    step(vt, "q", "help closed");
    step(vt, "E", "the experts table opened");
    step(vt, "j", "a row down in the experts table");
    step(vt, "q", "the experts table closed");
    step(vt, "p", "the first footnote on screen in a popup");
    step(vt, "\033", "the popup closed");
    step(vt, " ", "a page down after the popup");
    scr_quit(vt, "q");
}

Test(stale_panes, overlays_opened_and_closed_at_80x24)
{
    overlays(24, 80);
}

Test(stale_panes, overlays_opened_and_closed_at_120x40)
{
    overlays(40, 120);
}

static void
links(int rows, int cols)
{
    struct vt *vt = open_at(rows, cols, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    step(vt, "\t", "a link selected");
    step(vt, "\t", "the next link selected");
    step(vt, "\r", "the link followed");
    step(vt, "\177", "back from the link");
    step(vt, "3", "the context pane focused");
    step(vt, "2", "the text focused again");
    scr_quit(vt, "q");
}

Test(stale_panes, links_followed_and_back_at_80x24)
{
    links(24, 80);
}

Test(stale_panes, links_followed_and_back_at_120x40)
{
    links(40, 120);
}

static void
outline(int rows, int cols)
{
    struct vt *vt = open_at(rows, cols, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    step(vt, "1", "the outline focused");
    step(vt, "k", "the outline's cursor up");
    step(vt, "-", "an entry collapsed");
    step(vt, "+", "the entry expanded");
    step(vt, "t", "the entry tagged");
    step(vt, "t", "the entry untagged");
    step(vt, "G", "the outline's last entry");
    step(vt, "+", "the countries expanded");
    step(vt, "2", "the text focused");
    step(vt, "j", "a line down in the text, the outline's cursor back");
    scr_quit(vt, "q");
}

Test(stale_panes, outline_expanded_collapsed_and_tagged_at_80x24)
{
    outline(24, 80);
}

Test(stale_panes, outline_expanded_collapsed_and_tagged_at_120x40)
{
    outline(40, 120);
}

static void
search(int rows, int cols)
{
    struct vt *vt = open_at(rows, cols, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    step(vt, "/核查\r", "a search");
    step(vt, "n", "the next match");
    step(vt, "N", "the match before");
    step(vt, "\033u", "the matches no longer highlighted");
    step(vt, "n", "the matches highlighted again");
    scr_quit(vt, "q");
}

Test(stale_panes, search_highlights_change_at_80x24)
{
    search(24, 80);
}

Test(stale_panes, search_highlights_change_at_120x40)
{
    search(40, 120);
}

/* From 80x24 to 120x40 (the context pane comes in) and back, and to a size too small. */
Test(stale_panes, resized)
{
    struct vt *vt = open_at(24, 80, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    vt_resize(vt, 40, 120);
    vt_wait_quiet(vt, QUIET_MS, 0);
    scr_expect_same_as_repaint(vt, "grown to 120x40", 0);
    step(vt, "j", "a line down at 120x40");
    vt_resize(vt, 24, 80);
    vt_wait_quiet(vt, QUIET_MS, 0);
    scr_expect_same_as_repaint(vt, "back to 80x24", 0);
    vt_resize(vt, 2, 10);
    vt_wait_quiet(vt, QUIET_MS, 0);
    vt_resize(vt, 24, 80);
    vt_wait_quiet(vt, QUIET_MS, 0);
    scr_expect_same_as_repaint(vt, "back from too small", 0);
    step(vt, "k", "a line up after");
    scr_quit(vt, "q");
}

/* n to a match already on screen moves only the highlight: every row of text stays. */
Test(stale_panes, n_to_a_match_on_screen_moves_no_text)
{
    struct vt *vt = open_at(24, 80, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    vt_send(vt, "/核查\r");
    scr_settle(vt, "核查: match");
    char *before[24];
    for (int r = 0; r < 22; r++)
        before[r] = vt_row_text(vt, r);
    int row, col;
    scr_find(vt, "概念的理解", &row, &col); /* ¶10's first match is 核查 just before it */
    int bg_current = vt_cell_bg(vt, row, col - 4);
    vt_send(vt, "n");
    scr_settle(vt, "核查: match");
    for (int r = 0; r < 22; r++) {
        char *now = vt_row_text(vt, r);
        cr_expect_str_eq(now, before[r], "row %d moved\n%s", r, vt_dump(vt));
        free(now);
        free(before[r]);
    }
    cr_expect_neq(vt_cell_bg(vt, row, col - 4), bg_current,
                  "the first match is no longer the current one\n%s", vt_dump(vt));
    scr_expect_same_as_repaint(vt, "n in place", 0);
    scr_quit(vt, "q");
}

/* Text in the terminal's default colours is drawn in colour pair 0, that of erased cells: the
 * end of a line is cleared (EL) without resetting the attributes first, but after coloured
 * text (a link, a footnote marker) at the end of a line. */
Test(stale_panes, default_colours_need_no_reset_before_clearing_a_line)
{
    struct vt *vt = open_at(24, 80, "A/74/90#p10", "专家组探讨了对核裁军核查概念的理解");
    size_t from = vt_bytes_received(vt);
    for (int i = 0; i < 6; i++) {
        vt_send(vt, " ");
        vt_wait_quiet(vt, QUIET_MS, 0);
    }
    size_t clears = vt_count_since(vt, from, "\033[K");
    size_t reset_clears = vt_count_since(vt, from, "\033(B\033[m\033[K");
    cr_log_info("%zu line clears, %zu after an attribute reset", clears, reset_clears);
    cr_expect_gt(clears, 20, "pages are drawn with line clears");
    cr_expect_lt(reset_clears * 3, clears, "%zu of %zu line clears come after a reset",
                 reset_clears, clears);
    scr_quit(vt, "q");
}
