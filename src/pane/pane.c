/* What every pane shares. */
#include "pane/pane.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
pane_size(struct pane *pane, int rows, int cols)
{
    pane->rows = rows > 1 ? rows : 1;
    pane->cols = cols > 1 ? cols : 1;
}

void
pane_place(struct pane *pane, int y, int x, int rows, int cols)
{
    bool moved = pane->y != y || pane->x != x || pane->rows != rows || pane->cols != cols;
    pane->y = y;
    pane->x = x;
    pane_size(pane, rows, cols);
    if (pane->win == NULL)
        pane->win = ui_win_new(y, x, pane->rows, pane->cols);
    else if (moved)
        ui_win_place(pane->win, y, x, pane->rows, pane->cols);
}

static const struct cmd_def *
find_in(const struct cmd_def *cmds, size_t n, const char *name)
{
    for (size_t i = 0; cmds != NULL && i < n; i++)
        if (strcmp(cmds[i].name, name) == 0)
            return &cmds[i];
    return NULL;
}

const struct cmd_def *
pane_command(const struct pane_ops *ops, const char *name)
{
    const struct cmd_def *c = find_in(ops->cmds, ops->ncmds, name);
    return c != NULL ? c : find_in(ops->kind_cmds, ops->nkind_cmds, name);
}

size_t
pane_tables(const struct pane_ops *ops, const char **tables)
{
    size_t n = 0;
    tables[n++] = ops->name;
    for (size_t i = 0; i < PANE_MAX_TABLES && ops->tables[i] != NULL; i++)
        tables[n++] = ops->tables[i];
    tables[n++] = "global";
    return n;
}

bool
pane_contains(const struct pane *pane, int y, int x)
{
    return y >= pane->y && y < pane->y + pane->rows && x >= pane->x && x < pane->x + pane->cols;
}

void
cmd_say(struct cmd_ctx *ctx, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
    va_end(ap);
    ctx->message_error = error;
}

long
pane_motion_rows(enum motion m, int n, int page)
{
    page = page > 1 ? page : 1;
    switch (m) {
    case MOTION_LINE:
        return n;
    case MOTION_HALF:
        return (long)n * (page / 2 > 0 ? page / 2 : 1);
    case MOTION_PAGE:
        return (long)n * page;
    case MOTION_END:
        return n > 0 ? 1L << 30 : -(1L << 30);
    }
    return n;
}
