/* The table pane: header, rows, sort, filter, cursor. */
#include "pane/pane_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "search/fold.h"
#include "text/width.h"
#include "util/xalloc.h"

struct table_row {
    const struct node *node;
    char *cells[TABLE_MAX_COLS];
    struct fold_key key;  /* folded filter text */
};

struct table_data {
    char *title;
    struct table_column cols[TABLE_MAX_COLS];
    size_t ncols;
    table_action action;
    char *second_help;
    struct table_row *rows;
    size_t nrows, cap;
    size_t *shown;  /* indices of the rows passing the filter, in sort order */
    size_t nshown;
    size_t sort_col;
    char filter[256];
    size_t cursor, top;
};

static void
free_rows(struct table_data *td)
{
    for (size_t i = 0; i < td->nrows; i++) {
        for (size_t c = 0; c < td->ncols; c++)
            free(td->rows[i].cells[c]);
        fold_key_free(&td->rows[i].key);
    }
    td->nrows = 0;
}

void
table_reset(struct pane *pane, const char *title, const struct table_column *cols,
            size_t ncols, table_action action, const char *second_action_help)
{
    struct table_data *td = pane->data;
    free_rows(td);
    free(td->title);
    free(td->second_help);
    td->title = xstrdup(title);
    td->second_help = xstrdup(second_action_help ? second_action_help : "");
    td->ncols = ncols < TABLE_MAX_COLS ? ncols : TABLE_MAX_COLS;
    memcpy(td->cols, cols, td->ncols * sizeof *cols);
    td->action = action;
    td->sort_col = 0;
    td->filter[0] = '\0';
    td->cursor = td->top = 0;
    td->nshown = 0;
}

void
table_add_row(struct pane *pane, const struct node *node, const char *const *cells,
              const char *filter_text)
{
    struct table_data *td = pane->data;
    td->rows = xgrow(td->rows, &td->cap, td->nrows + 1, sizeof *td->rows);
    struct table_row *r = &td->rows[td->nrows++];
    memset(r, 0, sizeof *r);
    r->node = node;
    for (size_t c = 0; c < td->ncols; c++)
        r->cells[c] = xstrdup(cells[c] ? cells[c] : "");
    fold_query(filter_text ? filter_text : "", &r->key);
    td->shown = xrealloc(td->shown, td->cap * sizeof *td->shown);
    td->shown[td->nshown++] = td->nrows - 1;
}

/* Cells compare as numbers when both start with a digit; empty cells sort last. */
static int
compare_cells(const char *a, const char *b)
{
    if (!*a || !*b)
        return (!*a) - (!*b);
    if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
        long x = strtol(a, NULL, 10), y = strtol(b, NULL, 10);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return strcmp(a, b);
}

/* Stable insertion sort of the shown rows (a few dozen rows). */
static void
sort_shown(struct table_data *td)
{
    for (size_t i = 1; i < td->nshown; i++)
        for (size_t j = i; j > 0; j--) {
            const struct table_row *a = &td->rows[td->shown[j - 1]];
            const struct table_row *b = &td->rows[td->shown[j]];
            int cmp = compare_cells(a->cells[td->sort_col], b->cells[td->sort_col]);
            if (cmp < 0 || (cmp == 0 && td->shown[j - 1] < td->shown[j]))
                break;
            size_t t = td->shown[j];
            td->shown[j] = td->shown[j - 1];
            td->shown[j - 1] = t;
        }
}

static void
apply_filter(struct table_data *td)
{
    struct fold_key q;
    fold_query(td->filter, &q);
    td->nshown = 0;
    for (size_t i = 0; i < td->nrows; i++)
        if (q.len == 0 || strstr(td->rows[i].key.key, q.key) != NULL)
            td->shown[td->nshown++] = i;
    fold_key_free(&q);
    sort_shown(td);
    if (td->cursor >= td->nshown)
        td->cursor = td->nshown ? td->nshown - 1 : 0;
}

void
table_sort(struct pane *pane, size_t c)
{
    struct table_data *td = pane->data;
    td->sort_col = c < td->ncols ? c : 0;
    apply_filter(td);
}

void
table_filter(struct pane *pane, const char *text)
{
    struct table_data *td = pane->data;
    snprintf(td->filter, sizeof td->filter, "%s", text ? text : "");
    apply_filter(td);
}

const char *
table_filter_text(const struct pane *pane)
{
    return ((const struct table_data *)pane->data)->filter;
}

size_t
table_visible_rows(const struct pane *pane)
{
    return ((const struct table_data *)pane->data)->nshown;
}

const struct node *
table_cursor_node(const struct pane *pane)
{
    const struct table_data *td = pane->data;
    return td->cursor < td->nshown ? td->rows[td->shown[td->cursor]].node : NULL;
}

/* --- Drawing ------------------------------------------------------------------------------ */

/* The columns get their wished widths while the last keeps a quarter of the line; on a
 * narrower screen the widest columns give up space first, so narrow ones (symbols, codes,
 * session marks) stay whole. */
static void
column_widths(const struct table_data *td, int total, int *widths)
{
    int last = total / 4 > 10 ? total / 4 : 10;
    int room = total - ((int)td->ncols - 1) - last, used = 0;
    for (size_t c = 0; c + 1 < td->ncols; c++)
        used += widths[c] = td->cols[c].min_cols;
    while (used > room) {
        size_t widest = 0;
        for (size_t c = 1; c + 1 < td->ncols; c++)
            if (widths[c] > widths[widest])
                widest = c;
        if (widths[widest] <= 8)
            break;
        widths[widest]--;
        used--;
    }
    int rest = total - used - ((int)td->ncols - 1);
    widths[td->ncols - 1] = rest > 4 ? rest : 4;
}

static void
draw_cells(struct pane *pane, int y, const char *const *cells, const int *widths, size_t ncols,
           enum ui_style style)
{
    int x = 0;
    for (size_t c = 0; c < ncols && x < pane->cols; c++) {
        ui_put(pane->win, y, x, cells[c], strlen(cells[c]), style, widths[c]);
        x += widths[c] + 1;
    }
}

static void
table_draw(struct pane *pane, struct app *app)
{
    (void)app;
    struct table_data *td = pane->data;
    ui_win_erase(pane->win);
    char title[512];
    snprintf(title, sizeof title, "%s — %zu of %zu%s%s (s sorts, / filters, %s, q closes)",
             td->title, td->nshown, td->nrows, td->filter[0] ? ", filter: " : "", td->filter,
             td->second_help);
    ui_put(pane->win, 0, 0, title, strlen(title), UI_HEADING, pane->cols);
    int widths[TABLE_MAX_COLS];
    column_widths(td, pane->cols, widths);
    const char *heads[TABLE_MAX_COLS];
    for (size_t c = 0; c < td->ncols; c++)
        heads[c] = td->cols[c].title;
    draw_cells(pane, 1, heads, widths, td->ncols, UI_LABEL);
    int rows = pane->rows - 2;
    if (td->cursor < td->top)
        td->top = td->cursor;
    if (rows > 0 && td->cursor >= td->top + (size_t)rows)
        td->top = td->cursor - (size_t)rows + 1;
    for (int y = 0; y < rows && td->top + (size_t)y < td->nshown; y++) {
        size_t i = td->top + (size_t)y;
        bool cur = i == td->cursor;
        if (cur)
            ui_fill(pane->win, y + 2, 0, pane->cols, UI_CURSOR);
        const struct table_row *r = &td->rows[td->shown[i]];
        draw_cells(pane, y + 2, (const char *const *)r->cells, widths, td->ncols,
                   cur ? UI_CURSOR : UI_NORMAL);
    }
}

/* --- Commands ---------------------------------------------------------------------------- */

static void
move(struct table_data *td, long delta)
{
    long c = (long)td->cursor + delta, last = td->nshown ? (long)td->nshown - 1 : 0;
    td->cursor = (size_t)(c < 0 ? 0 : c > last ? last : c);
}

static void
close_table(struct pane *pane, struct app *app)
{
    pane->visible = false;
    app->focus = PANE_TEXT;
    app_layout_panes(app);
}

static bool
table_command(struct pane *pane, struct app *app, const char *name, const char *args)
{
    (void)args;
    struct table_data *td = pane->data;
    long page = pane->rows > 3 ? pane->rows - 3 : 1;
    if (strcmp(name, "scroll-down") == 0 || strcmp(name, "next-link") == 0)
        move(td, 1);
    else if (strcmp(name, "scroll-up") == 0 || strcmp(name, "prev-link") == 0)
        move(td, -1);
    else if (strcmp(name, "page-down") == 0 || strcmp(name, "half-page-down") == 0)
        move(td, name[0] == 'p' ? page : page / 2);
    else if (strcmp(name, "page-up") == 0 || strcmp(name, "half-page-up") == 0)
        move(td, name[0] == 'p' ? -page : -page / 2);
    else if (strcmp(name, "top") == 0)
        td->cursor = 0;
    else if (strcmp(name, "bottom") == 0)
        td->cursor = td->nshown ? td->nshown - 1 : 0;
    else if (strcmp(name, "view-sort") == 0)
        table_sort(pane, (td->sort_col + 1) % td->ncols);
    else if (strcmp(name, "search-forward") == 0 || strcmp(name, "search-backward") == 0)
        app_prompt(app, PROMPT_FILTER, false);
    else if (strcmp(name, "follow-link") == 0 || strcmp(name, "view-other") == 0) {
        const struct node *n = table_cursor_node(pane);
        if (n != NULL && td->action != NULL)
            td->action(app, n, name[0] == 'f' ? 0 : 1);
    } else if (strcmp(name, "quit") == 0 || strcmp(name, "back") == 0)
        close_table(pane, app);
    else
        return false;
    return true;
}

static bool
table_key(struct pane *pane, struct app *app, key_code key, int y, int x)
{
    (void)x;
    struct table_data *td = pane->data;
    if (key != KEYC_MOUSE_CLICK || y < 2 || td->top + (size_t)(y - 2) >= td->nshown)
        return false;
    td->cursor = td->top + (size_t)(y - 2);
    const struct node *n = table_cursor_node(pane);
    if (n != NULL && td->action != NULL)
        td->action(app, n, 0);
    return true;
}

static void
table_free(struct pane *pane)
{
    struct table_data *td = pane->data;
    free_rows(td);
    free(td->rows);
    free(td->shown);
    free(td->title);
    free(td->second_help);
    free(td);
}

static const struct pane_ops table_ops = {
    .name = "table",
    .draw = table_draw,
    .key = table_key,
    .command = table_command,
    .resize = NULL,
    .free = table_free,
};

struct pane *
pane_table_new(void)
{
    return pane_new(&table_ops, xcalloc(1, sizeof(struct table_data)));
}
