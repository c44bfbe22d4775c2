/* Where the reader's panes go at a terminal size: pure geometry (pane/tiling.h). The widths
 * expected follow the rules of tiling.h: side panes take a quarter (outline) and three tenths
 * (context) of the width, at least 10 columns and at most half; a border column separates
 * each side pane from the text. */
#include <criterion/criterion.h>

#include "pane/tiling.h"

static struct tiling t;
static struct tile_rect r[TILE_COUNT];

static void
fresh(void)
{
    tiling_init(&t);
}

TestSuite(tiling, .init = fresh);

Test(tiling, at_120_columns_three_panes_side_by_side)
{
    tiling_compute(&t, 38, 120, r);
    cr_assert(r[TILE_OUTLINE].shown && r[TILE_TEXT].shown && r[TILE_CONTEXT].shown);
    cr_expect_eq(r[TILE_OUTLINE].x, 0);
    cr_expect_eq(r[TILE_OUTLINE].cols, 30);
    cr_expect_eq(r[TILE_TEXT].x, 31);
    cr_expect_eq(r[TILE_CONTEXT].cols, 36);
    cr_expect_eq(r[TILE_CONTEXT].x, 120 - 36);
    cr_expect_eq(r[TILE_TEXT].cols, 120 - 31 - 37);
    cr_expect_eq(r[TILE_TEXT].rows, 38);
}

Test(tiling, at_80_columns_the_outline_beside_the_text_unless_the_context_is_asked_for)
{
    tiling_compute(&t, 22, 80, r);
    cr_expect(r[TILE_OUTLINE].shown);
    cr_expect_not(r[TILE_CONTEXT].shown);
    cr_expect_eq(r[TILE_TEXT].x, 21);
    t.context_first = true; /* C */
    tiling_compute(&t, 22, 80, r);
    cr_expect_not(r[TILE_OUTLINE].shown);
    cr_expect(r[TILE_CONTEXT].shown);
    cr_expect_eq(r[TILE_TEXT].x, 0);
    cr_expect_eq(r[TILE_CONTEXT].cols, 24);
    t.context_first = false;
    t.focus = TILE_CONTEXT; /* 3 */
    cr_expect(tiling_shows(&t, 80, TILE_CONTEXT));
    cr_expect_not(tiling_shows(&t, 80, TILE_OUTLINE));
}

Test(tiling, below_60_columns_and_zoomed_the_focused_pane_alone)
{
    tiling_compute(&t, 18, 50, r);
    cr_expect(r[TILE_TEXT].shown && !r[TILE_OUTLINE].shown && !r[TILE_CONTEXT].shown);
    cr_expect_eq(r[TILE_TEXT].cols, 50);
    t.focus = TILE_CONTEXT;
    tiling_compute(&t, 18, 50, r);
    cr_expect(r[TILE_CONTEXT].shown && !r[TILE_TEXT].shown);
    t.focus = TILE_OUTLINE;
    t.zoomed = true;
    tiling_compute(&t, 38, 120, r);
    cr_expect(r[TILE_OUTLINE].shown && !r[TILE_TEXT].shown && !r[TILE_CONTEXT].shown);
    cr_expect_eq(r[TILE_OUTLINE].cols, 120);
}

Test(tiling, hidden_panes_leave_their_room_to_the_text)
{
    t.show_outline = t.show_context = false;
    tiling_compute(&t, 38, 120, r);
    cr_expect_eq(r[TILE_TEXT].x, 0);
    cr_expect_eq(r[TILE_TEXT].cols, 120);
}

Test(tiling, widths_the_user_chose_are_kept_within_bounds)
{
    t.outline_cols = 5;  /* below the minimum */
    t.context_cols = 90; /* above half */
    tiling_compute(&t, 38, 120, r);
    cr_expect_eq(r[TILE_OUTLINE].cols, TILING_MIN_SIDE);
    cr_expect_eq(r[TILE_CONTEXT].cols, 60);
}

Test(tiling, a_hidden_focus_falls_back_to_the_text)
{
    t.focus = TILE_OUTLINE;
    t.context_first = true;
    tiling_fix_focus(&t, 80);
    cr_expect_eq(t.focus, TILE_TEXT);
    t.focus = TILE_OUTLINE;
    tiling_fix_focus(&t, 50); /* alone: the focused pane shows, whichever it is */
    cr_expect_eq(t.focus, TILE_OUTLINE);
}
