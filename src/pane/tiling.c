/* The side-by-side layout of the outline, the text and the context pane. */
#include "pane/tiling.h"

#include <string.h>

void
tiling_init(struct tiling *t)
{
    memset(t, 0, sizeof *t);
    t->show_outline = t->show_context = true;
    t->focus = TILE_TEXT;
}

static int
clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Which side panes show beside the text, when more than one pane shows. */
static void
sides(const struct tiling *t, int cols, bool *outline, bool *context)
{
    *outline = t->show_outline;
    *context = t->show_context;
    if (cols >= TILING_WIDE)
        return;
    /* one side pane: the context pane when asked for or focused, else the outline */
    bool want_context = t->show_context && (t->context_first || t->focus == TILE_CONTEXT);
    *context = want_context;
    *outline = !want_context && t->show_outline;
}

static bool
alone(const struct tiling *t, int cols)
{
    return t->zoomed || cols < TILING_MEDIUM;
}

bool
tiling_shows(const struct tiling *t, int cols, enum tile which)
{
    if (alone(t, cols))
        return which == t->focus;
    bool outline, context;
    sides(t, cols, &outline, &context);
    return which == TILE_TEXT || (which == TILE_OUTLINE && outline) ||
           (which == TILE_CONTEXT && context);
}

static void
place(struct tile_rect *r, int y, int x, int rows, int cols)
{
    *r = (struct tile_rect){true, y, x, rows, cols > 1 ? cols : 1};
}

void
tiling_compute(const struct tiling *t, int rows, int cols, struct tile_rect out[TILE_COUNT])
{
    memset(out, 0, TILE_COUNT * sizeof *out);
    rows = rows > 1 ? rows : 1;
    if (alone(t, cols)) {
        place(&out[t->focus], 0, 0, rows, cols);
        return;
    }
    bool outline, context;
    sides(t, cols, &outline, &context);
    int ocols = clamp(t->outline_cols ? t->outline_cols : cols / 4, TILING_MIN_SIDE, cols / 2);
    int ccols = clamp(t->context_cols ? t->context_cols : cols * 3 / 10, TILING_MIN_SIDE, cols / 2);
    int tx = outline ? ocols + 1 : 0; /* a border column between panes */
    int tcols = cols - tx - (context ? ccols + 1 : 0);
    if (outline)
        place(&out[TILE_OUTLINE], 0, 0, rows, ocols);
    place(&out[TILE_TEXT], 0, tx, rows, tcols);
    if (context)
        place(&out[TILE_CONTEXT], 0, cols - ccols, rows, ccols);
}

void
tiling_fix_focus(struct tiling *t, int cols)
{
    if (!tiling_shows(t, cols, t->focus))
        t->focus = TILE_TEXT;
}
