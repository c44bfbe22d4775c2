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

static void
key_free(struct pane_key *key)
{
    if (key == NULL)
        return;
    free(key->v);
    free(key);
}

void
pane_free(struct pane *pane)
{
    if (pane == NULL)
        return;
    if (pane->ops->free != NULL)
        pane->ops->free(pane);
    ui_win_free(pane->win);
    key_free(pane->drawn);
    free(pane);
}

void
pane_key_add(struct pane_key *key, uintptr_t value)
{
    key->v = xgrow(key->v, &key->cap, key->n + 1, sizeof *key->v);
    key->v[key->n++] = value;
}

void
pane_key_add_ref(struct pane_key *key, const struct ref *ref)
{
    pane_key_add(key, (uintptr_t)ref->to);
    pane_key_add(key, (uintptr_t)ref->target);
    pane_key_add(key, (uintptr_t)ref->kind);
    pane_key_add(key, (uintptr_t)ref->in_text << 1 | (uintptr_t)ref->in_title);
    pane_key_add(key, (uintptr_t)ref->at);
}

void
pane_key_forget(struct pane *pane)
{
    if (pane->drawn != NULL)
        pane->drawn->n = 0;
}

bool
pane_key_unchanged(struct pane *pane, struct pane_key *key)
{
    pane_key_add(key, (uintptr_t)pane->win); /* a window made anew is blank */
    pane_key_add(key, (uintptr_t)pane->y);
    pane_key_add(key, (uintptr_t)pane->x);
    pane_key_add(key, (uintptr_t)pane->rows);
    pane_key_add(key, (uintptr_t)pane->cols);
    pane_key_add(key, (uintptr_t)pane->focused);
    struct pane_key *was = pane->drawn;
    bool same = was != NULL && was->n > 0 && was->n == key->n &&
                memcmp(was->v, key->v, key->n * sizeof *key->v) == 0;
    if (was == NULL)
        was = pane->drawn = xcalloc(1, sizeof *was);
    struct pane_key old = *was;
    *was = *key;
    *key = old;
    key->n = 0;
    if (same && !pane->intact)
        ui_win_touch(pane->win);
    return same;
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
    pane->y = y;
    pane->x = x;
    pane_size(pane, rows, cols);
    if (pane->win == NULL)
        pane->win = ui_win_new(y, x, pane->rows, pane->cols);
    else if (ui_win_place(pane->win, y, x, pane->rows, pane->cols))
        pane_key_forget(pane); /* blank: what it showed must be drawn again */
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
