/* A cursor over rows. */
#include "pane/cursor.h"

unsigned
cursor_move(struct row_cursor *c, enum motion m, int n, int page)
{
    long to = (long)c->cur + pane_motion_rows(m, n, page);
    long last = c->n ? (long)c->n - 1 : 0;
    size_t before = c->cur;
    c->cur = (size_t)(to < 0 ? 0 : to > last ? last : to);
    return c->cur != before ? REACT_REDRAW : REACT_NONE;
}

void
cursor_set(struct row_cursor *c, size_t i)
{
    c->cur = c->n == 0 ? 0 : i < c->n ? i : c->n - 1;
}

void
cursor_resize(struct row_cursor *c, size_t n)
{
    c->n = n;
    cursor_set(c, c->cur);
    if (c->top >= n)
        c->top = 0;
}

void
cursor_show(struct row_cursor *c, int page)
{
    size_t rows = page > 0 ? (size_t)page : 1;
    if (c->cur < c->top)
        c->top = c->cur;
    if (c->cur >= c->top + rows)
        c->top = c->cur - rows + 1;
}

size_t
cursor_row_at(const struct row_cursor *c, int y)
{
    if (y < 0 || c->top + (size_t)y >= c->n)
        return (size_t)-1;
    return c->top + (size_t)y;
}
