/* The list: title, rows, filter, cursor. */
#include "pane/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/width.h"
#include "util/xalloc.h"
#include "util/i18n.h"

void
list_init(struct list *l, const char *title)
{
    memset(l, 0, sizeof *l);
    l->title = xstrdup(title);
}

static void
free_rows(struct list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->rows[i].text);
        fold_key_free(&l->rows[i].key);
    }
    l->n = 0;
}

void
list_fini(struct list *l)
{
    free_rows(l);
    free(l->rows);
    free(l->shown);
    free(l->title);
    memset(l, 0, sizeof *l);
}

void
list_reset(struct list *l, const char *title)
{
    free_rows(l);
    free(l->title);
    l->title = xstrdup(title);
    l->filter[0] = '\0';
    l->c = (struct row_cursor){0};
}

static struct list_row *
push_row(struct list *l, const char *text, size_t id)
{
    size_t cap = l->cap;
    l->rows = xgrow(l->rows, &l->cap, l->n + 1, sizeof *l->rows);
    if (l->cap != cap)
        l->shown = xrealloc(l->shown, l->cap * sizeof *l->shown);
    struct list_row *r = &l->rows[l->n++];
    memset(r, 0, sizeof *r);
    if (text != NULL)
        list_row_set(r, text, 0, 0);
    r->id = id; /* its key is folded on the first filter: most lists are never filtered */
    l->shown[l->c.n] = l->n - 1;
    cursor_resize(&l->c, l->c.n + 1);
    return r;
}

void
list_add(struct list *l, const char *text, size_t id)
{
    push_row(l, text, id);
}

void
list_row_set(struct list_row *r, const char *text, size_t start, size_t end)
{
    free(r->text);
    r->text = xstrdup(text);
    for (char *c = r->text; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' '; /* one row per item */
    size_t len = strlen(r->text);
    r->mark_start = start < end && end <= len ? start : 0;
    r->mark_end = start < end && end <= len ? end : 0;
}

void
list_add_marked(struct list *l, const char *text, size_t id, size_t start, size_t end)
{
    list_row_set(push_row(l, NULL, id), text, start, end);
}

void
list_add_lazy(struct list *l, size_t id)
{
    push_row(l, NULL, id);
}

/* Row i, its text made first when it is lazy. */
static struct list_row *
row_ready(struct list *l, size_t i)
{
    struct list_row *r = &l->rows[i];
    if (r->text == NULL && l->fill != NULL)
        l->fill(l, r, l->fill_arg);
    if (r->text == NULL)
        r->text = xstrdup("");
    return r;
}

void
list_add_heading(struct list *l, const char *text)
{
    push_row(l, text, (size_t)-1)->heading = true;
    if (l->c.n == 1)
        l->c.cur = 1; /* the cursor starts on a row, not on the first heading */
}

void
list_truncate(struct list *l, size_t n)
{
    while (l->n > n) {
        l->n--;
        free(l->rows[l->n].text);
        fold_key_free(&l->rows[l->n].key);
    }
    cursor_resize(&l->c, l->n < l->c.n ? l->n : l->c.n);
    for (size_t i = 0; i < l->c.n; i++)
        l->shown[i] = i;
}

void
list_filter(struct list *l, const char *text)
{
    snprintf(l->filter, sizeof l->filter, "%s", text ? text : "");
    struct fold_key q;
    fold_query(l->filter, &q);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        struct list_row *r = q.len > 0 ? row_ready(l, i) : &l->rows[i];
        if (q.len > 0 && !r->heading && r->key.key == NULL)
            fold_query(r->text, &r->key);
        if (q.len == 0 || r->heading || strstr(r->key.key, q.key) != NULL)
            l->shown[n++] = i;
    }
    fold_key_free(&q);
    cursor_resize(&l->c, n);
    if (n > 0 && l->rows[l->shown[l->c.cur]].heading)
        list_move(l, NULL, MOTION_LINE, 1);
}

const struct list_row *
list_current(const struct list *l)
{
    if (l->c.n == 0)
        return NULL;
    const struct list_row *r = &l->rows[l->shown[l->c.cur]];
    return r->heading ? NULL : r;
}

void
list_select_id(struct list *l, size_t id)
{
    for (size_t i = 0; i < l->c.n; i++)
        if (l->rows[l->shown[i]].id == id && !l->rows[l->shown[i]].heading) {
            cursor_set(&l->c, i);
            return;
        }
}

int
list_page(const struct pane *pane)
{
    return pane->rows > 1 ? pane->rows - 1 : 1;
}

unsigned
list_move(struct list *l, const struct pane *pane, enum motion m, int n)
{
    int page = pane != NULL ? list_page(pane) : 1;
    unsigned r = cursor_move(&l->c, m, n, m == MOTION_PAGE && page > 2 ? page - 1 : page);
    int dir = n < 0 ? -1 : 1;
    /* off a heading, in the direction of the move (or back when at an end) */
    for (int tries = 0; tries < 2 && list_current(l) == NULL && l->c.n > 0; tries++, dir = -dir)
        while (list_current(l) == NULL && cursor_move(&l->c, MOTION_LINE, dir, 1) != REACT_NONE)
            r = REACT_REDRAW;
    return r;
}

bool
list_click(struct list *l, int y)
{
    size_t i = cursor_row_at(&l->c, y - 1);
    if (i == (size_t)-1 || l->rows[l->shown[i]].heading)
        return false;
    cursor_set(&l->c, i);
    return true;
}

static void
draw_title(const struct list *l, struct pane *pane)
{
    char title[700];
    snprintf(title, sizeof title, "%s%s%s%s", l->title, l->filter[0] ? _(" — filter: ") : "",
             l->filter, l->filter[0] ? "" : "");
    ui_put(pane->win, 0, 0, title, strlen(title), UI_HEADING, pane->cols);
}

static void
draw_row(const struct list_row *r, struct pane *pane, int y, bool cur)
{
    enum ui_style st = r->heading ? UI_LABEL : cur ? UI_CURSOR : UI_NORMAL;
    if (cur)
        ui_fill(pane->win, y, 0, pane->cols, UI_CURSOR);
    size_t len = strlen(r->text), a = r->mark_start, e = r->mark_end;
    int x = ui_put(pane->win, y, 0, r->text, a < e ? a : len, st, pane->cols);
    if (a < e) {
        x += ui_put(pane->win, y, x, r->text + a, e - a, UI_MATCH, pane->cols - x);
        ui_put(pane->win, y, x, r->text + e, len - e, st, pane->cols - x);
    }
}

void
list_draw(struct list *l, struct pane *pane)
{
    ui_win_erase(pane->win);
    draw_title(l, pane);
    int page = list_page(pane);
    cursor_show(&l->c, page);
    for (int y = 0; y < page; y++) {
        size_t i = cursor_row_at(&l->c, y);
        if (i == (size_t)-1)
            break;
        draw_row(row_ready(l, l->shown[i]), pane, y + 1, i == l->c.cur && pane->focused);
    }
    if (l->c.n == 0)
        ui_put(pane->win, 1, 0, _("(nothing matches the filter)"),
               strlen(_("(nothing matches the filter)")), UI_META, pane->cols);
}
