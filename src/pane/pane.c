/* What every pane shares. */
#include "pane/pane.h"

#include <stdlib.h>

#include "util/xalloc.h"

struct pane *
pane_new(const struct pane_ops *ops, void *data)
{
    struct pane *p = xcalloc(1, sizeof *p);
    p->ops = ops;
    p->data = data;
    return p;
}

void
pane_free(struct pane *pane)
{
    if (pane == NULL)
        return;
    if (pane->ops->free != NULL)
        pane->ops->free(pane);
    ui_win_free(pane->win);
    free(pane);
}

void
pane_place(struct pane *pane, struct app *app, int y, int x, int rows, int cols)
{
    bool moved = pane->y != y || pane->x != x || pane->rows != rows || pane->cols != cols;
    pane->y = y;
    pane->x = x;
    pane->rows = rows;
    pane->cols = cols;
    if (pane->win == NULL)
        pane->win = ui_win_new(y, x, rows, cols);
    else if (moved)
        ui_win_place(pane->win, y, x, rows, cols);
    if (moved && pane->ops->resize != NULL)
        pane->ops->resize(pane, app);
}
