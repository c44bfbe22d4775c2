/* The list pane: a title, rows, a cursor; used for search results and for help. */
#include "pane/pane_list.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "util/xalloc.h"

struct list_row {
    char *text;
    const struct node *target;
    size_t hit;
};

struct list_data {
    char *title;
    struct list_row *rows;
    size_t n, cap;
    size_t cursor, top;
    void (*opener)(struct app *app, size_t row);
};

void
pane_list_reset(struct pane *pane, const char *title)
{
    struct list_data *ld = pane->data;
    for (size_t i = 0; i < ld->n; i++)
        free(ld->rows[i].text);
    ld->n = ld->cursor = ld->top = 0;
    ld->opener = NULL;
    free(ld->title);
    ld->title = xstrdup(title);
}

void
pane_list_add(struct pane *pane, const char *text, const struct node *target, size_t hit)
{
    struct list_data *ld = pane->data;
    ld->rows = xgrow(ld->rows, &ld->cap, ld->n + 1, sizeof *ld->rows);
    char *copy = xstrdup(text);
    for (char *c = copy; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' '; /* one row per item */
    ld->rows[ld->n++] = (struct list_row){copy, target, hit};
}

size_t
pane_list_count(const struct pane *pane)
{
    return ((const struct list_data *)pane->data)->n;
}

const char *
pane_list_title(const struct pane *pane)
{
    const struct list_data *ld = pane->data;
    return ld->title ? ld->title : "";
}

size_t
pane_list_cursor(const struct pane *pane)
{
    return ((const struct list_data *)pane->data)->cursor;
}

void
pane_list_set_opener(struct pane *pane, void (*open)(struct app *app, size_t row))
{
    ((struct list_data *)pane->data)->opener = open;
}

void
pane_list_select(struct pane *pane, size_t i)
{
    struct list_data *ld = pane->data;
    ld->cursor = i < ld->n ? i : ld->cursor;
}

static void
list_draw(struct pane *pane, struct app *app)
{
    (void)app;
    struct list_data *ld = pane->data;
    ui_win_erase(pane->win);
    ui_put(pane->win, 0, 0, pane_list_title(pane), strlen(pane_list_title(pane)), UI_HEADING,
           pane->cols);
    int rows = pane->rows - 1;
    if (ld->cursor < ld->top)
        ld->top = ld->cursor;
    if (rows > 0 && ld->cursor >= ld->top + (size_t)rows)
        ld->top = ld->cursor - (size_t)rows + 1;
    for (int y = 0; y < rows && ld->top + (size_t)y < ld->n; y++) {
        const struct list_row *r = &ld->rows[ld->top + (size_t)y];
        bool cur = ld->top + (size_t)y == ld->cursor;
        if (cur)
            ui_fill(pane->win, y + 1, 0, pane->cols, UI_CURSOR);
        ui_put(pane->win, y + 1, 0, r->text, strlen(r->text), cur ? UI_CURSOR : UI_NORMAL,
               pane->cols);
    }
}

static void
open_row(struct list_data *ld, struct app *app)
{
    if (ld->opener != NULL && ld->cursor < ld->n) {
        ld->opener(app, ld->cursor);
        return;
    }
    if (ld->cursor >= ld->n || ld->rows[ld->cursor].target == NULL)
        return;
    const struct list_row *r = &ld->rows[ld->cursor];
    if (r->hit != (size_t)-1 && r->hit < app->search_state.hits.n)
        app->search_state.current = r->hit;
    app_goto_node(app, r->target, true);
    app->focus = PANE_TEXT;
}

static void
move(struct list_data *ld, long delta)
{
    long c = (long)ld->cursor + delta, last = ld->n ? (long)ld->n - 1 : 0;
    ld->cursor = (size_t)(c < 0 ? 0 : c > last ? last : c);
}

static bool
list_command(struct pane *pane, struct app *app, const char *name, const char *args)
{
    (void)args;
    struct list_data *ld = pane->data;
    long page = pane->rows > 2 ? pane->rows - 2 : 1;
    if (strcmp(name, "scroll-down") == 0 || strcmp(name, "next-link") == 0)
        move(ld, 1);
    else if (strcmp(name, "scroll-up") == 0 || strcmp(name, "prev-link") == 0)
        move(ld, -1);
    else if (strcmp(name, "page-down") == 0 || strcmp(name, "half-page-down") == 0)
        move(ld, name[0] == 'p' ? page : page / 2);
    else if (strcmp(name, "page-up") == 0 || strcmp(name, "half-page-up") == 0)
        move(ld, name[0] == 'p' ? -page : -page / 2);
    else if (strcmp(name, "top") == 0)
        ld->cursor = 0;
    else if (strcmp(name, "bottom") == 0)
        ld->cursor = ld->n ? ld->n - 1 : 0;
    else if (strcmp(name, "follow-link") == 0)
        open_row(ld, app);
    else if (strcmp(name, "quit") == 0 || strcmp(name, "back") == 0) {
        pane->visible = false; /* q closes the list, as it closes less's help */
        app->focus = PANE_TEXT;
        app_layout_panes(app);
    } else
        return false;
    return true;
}

static bool
list_key(struct pane *pane, struct app *app, key_code key, int y, int x)
{
    (void)x;
    struct list_data *ld = pane->data;
    if (key != KEYC_MOUSE_CLICK || y < 1 || ld->top + (size_t)(y - 1) >= ld->n)
        return false;
    ld->cursor = ld->top + (size_t)(y - 1);
    open_row(ld, app);
    return true;
}

static void
list_free(struct pane *pane)
{
    struct list_data *ld = pane->data;
    pane_list_reset(pane, "");
    free(ld->title);
    free(ld->rows);
    free(ld);
}

static const struct pane_ops list_ops = {
    .name = "list",
    .draw = list_draw,
    .key = list_key,
    .command = list_command,
    .resize = NULL,
    .free = list_free,
};

struct pane *
pane_list_new(const char *title)
{
    struct pane *p = pane_new(&list_ops, xcalloc(1, sizeof(struct list_data)));
    pane_list_reset(p, title);
    return p;
}
