/* The text pane scrolls within left/right margins (DECSLRM) on a terminal that confirms them:
 * libvterm answers the reader's DECRQM for mode 69, and the harness sends its answer back. Line
 * by line, down and up, at 80x24 (outline beside the text) and 120x40 (outline and context), the
 * screen must be cell for cell what a repaint of the same place draws (C-l), with margins and
 * with NDVR_MARGINS=off; and with margins a line costs far fewer bytes than without. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

enum { STEP_QUIET_MS = VT_QUIET_MS, STEPS = 8 };

/* How many columns are a border from the top row to the last above the status line: one
 * beside the outline, one more beside the context pane. Every cell of them a box-drawing
 * stroke means no wide character of the text straddles or covers a border. */
static int
border_columns(struct vt *vt)
{
    int n = 0;
    for (int c = 0; c < vt_cols(vt); c++)
        if (vt_check_column_is_border(vt, c, 0, vt_rows(vt) - 3, NULL, 0))
            n++;
    return n;
}

/* Sends key STEPS times, checking every screen against a repaint; returns the bytes the
 * reader sent for the keys (the repaints not counted). */
static size_t
scroll_and_check(struct vt *vt, const char *key, const char *what)
{
    size_t bytes = 0;
    for (int i = 0; i < STEPS; i++) {
        size_t at = vt_bytes_received(vt);
        vt_send(vt, key);
        vt_wait_quiet(vt, STEP_QUIET_MS, 0);
        bytes += vt_bytes_received(vt) - at;
        int borders = border_columns(vt), want = vt_cols(vt) >= 100 ? 2 : 1;
        if (borders != want) {
            char *dump = vt_dump(vt);
            cr_expect_eq(borders, want, "%s, step %d: borders\n%s", what, i, dump);
            free(dump);
        }
        scr_expect_same_as_repaint(vt, what, i);
    }
    return bytes;
}

/* Opens ¶10 of A/74/90 (footnotes beside it at 120 columns), reads down and back up line by
 * line; returns the bytes of those lines. */
static size_t
read_lines(int rows, int cols, const char *margins_env)
{
    const char *env[] = {margins_env, NULL};
    struct vt *vt = scr_open(rows, cols, "A/74/90#p10", NULL, env);
    scr_settle(vt, "专家组探讨了对核裁军核查概念的理解");
    /* the terminal's answer to the query did not arrive as keys ('?' would open a search) */
    scr_expect_message(vt, "");
    scr_expect_focus(vt, "text");
    size_t bytes = scroll_and_check(vt, "j", "line down");
    bytes += scroll_and_check(vt, "k", "line up");
    scr_expect_status(vt, "¶10");
    scr_quit(vt, "q");
    return bytes;
}

static void
margins_against_repaint(int rows, int cols)
{
    size_t with = read_lines(rows, cols, NULL);
    size_t without = read_lines(rows, cols, "NDVR_MARGINS=off");
    cr_log_info("%dx%d: %zu bytes for %d lines with margins, %zu without", cols, rows, with,
                2 * STEPS, without);
    /* the text pane's rows are no longer sent again: a few lines instead of a screenful */
    cr_expect_lt(with * 3, without, "%dx%d: %zu bytes with margins, %zu without", cols, rows, with,
                 without);
}

Test(scroll_margins, line_by_line_at_80x24_as_a_repaint_draws_it)
{
    margins_against_repaint(24, 80);
}

Test(scroll_margins, line_by_line_at_120x40_as_a_repaint_draws_it)
{
    margins_against_repaint(40, 120);
}

/* NDVR_MARGINS=on without an answer (as a user who knows the terminal has them would say):
 * the same screens. */
Test(scroll_margins, forced_on_draws_the_same)
{
    read_lines(24, 80, "NDVR_MARGINS=on");
}

/* A half page (d) and back (u) moves by several rows at once. */
Test(scroll_margins, half_pages_as_a_repaint_draws_them)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p12", NULL, NULL);
    scr_settle(vt, "一些专家指出，在核裁军进程的某个时间点");
    scroll_and_check(vt, "d", "half page down");
    scroll_and_check(vt, "u", "half page up");
    scr_quit(vt, "q");
}
