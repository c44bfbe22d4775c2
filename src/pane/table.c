/* The table: header, rows, sort, filter, cursor. */
#include "pane/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/i18n.h"

void
table_init(struct table *t, const char *title, const struct table_column *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->title = xstrdup(title);
    t->ncols = ncols < TABLE_MAX_COLS ? ncols : TABLE_MAX_COLS;
    memcpy(t->cols, cols, t->ncols * sizeof *cols);
}

void
table_fini(struct table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t c = 0; c < t->ncols; c++)
            free(t->rows[i].cells[c]);
        fold_key_free(&t->rows[i].key);
    }
    free(t->rows);
    free(t->shown);
    free(t->title);
    memset(t, 0, sizeof *t);
}

void
table_add_row(struct table *t, const struct node *node, const char *const *cells,
              const char *filter_text)
{
    size_t cap = t->cap;
    t->rows = xgrow(t->rows, &t->cap, t->nrows + 1, sizeof *t->rows);
    if (t->cap != cap)
        t->shown = xrealloc(t->shown, t->cap * sizeof *t->shown);
    struct table_row *r = &t->rows[t->nrows++];
    memset(r, 0, sizeof *r);
    r->node = node;
    for (size_t c = 0; c < t->ncols; c++)
        r->cells[c] = xstrdup(cells[c] ? cells[c] : "");
    fold_query(filter_text ? filter_text : "", &r->key);
    t->shown[t->c.n] = t->nrows - 1;
    cursor_resize(&t->c, t->c.n + 1);
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Compares the digit runs at *a and *b by value, moving past them. */
static int
compare_numbers(const char **a, const char **b)
{
    while (**a == '0' && is_digit((*a)[1]))
        (*a)++;
    while (**b == '0' && is_digit((*b)[1]))
        (*b)++;
    size_t la = strspn(*a, "0123456789"), lb = strspn(*b, "0123456789");
    int c = la != lb ? (la < lb ? -1 : 1) : strncmp(*a, *b, la);
    *a += la;
    *b += lb;
    return c;
}

int
table_compare_cells(const char *a, const char *b)
{
    if (!*a || !*b)
        return (!*a) - (!*b); /* empty cells last */
    while (*a && *b) {
        if (is_digit(*a) && is_digit(*b)) {
            int c = compare_numbers(&a, &b);
            if (c != 0)
                return c;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (*a != '\0') - (*b != '\0');
}

/* Stable insertion sort of the shown rows (a few dozen rows). */
static void
sort_shown(struct table *t)
{
    for (size_t i = 1; i < t->c.n; i++)
        for (size_t j = i; j > 0; j--) {
            const struct table_row *a = &t->rows[t->shown[j - 1]];
            const struct table_row *b = &t->rows[t->shown[j]];
            int cmp = table_compare_cells(a->cells[t->sort_col], b->cells[t->sort_col]);
            if (cmp < 0 || (cmp == 0 && t->shown[j - 1] < t->shown[j]))
                break;
            size_t tmp = t->shown[j];
            t->shown[j] = t->shown[j - 1];
            t->shown[j - 1] = tmp;
        }
}

/* Filters and sorts again, keeping the cursor on the same row when it is still shown. */
static void
refresh(struct table *t)
{
    const struct node *cur = table_current(t);
    struct fold_key q;
    fold_query(t->filter, &q);
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (q.len == 0 || strstr(t->rows[i].key.key, q.key) != NULL)
            t->shown[n++] = i;
    fold_key_free(&q);
    cursor_resize(&t->c, n);
    sort_shown(t);
    if (cur != NULL)
        table_select(t, cur);
}

void
table_sort(struct table *t, size_t c)
{
    t->sort_col = c < t->ncols ? c : 0;
    refresh(t);
}

void
table_filter(struct table *t, const char *text)
{
    snprintf(t->filter, sizeof t->filter, "%s", text ? text : "");
    refresh(t);
}

const struct node *
table_current(const struct table *t)
{
    return t->c.n > 0 ? t->rows[t->shown[t->c.cur]].node : NULL;
}

bool
table_select(struct table *t, const struct node *node)
{
    for (size_t i = 0; i < t->c.n; i++)
        if (t->rows[t->shown[i]].node == node) {
            cursor_set(&t->c, i);
            return true;
        }
    return false;
}

/* --- Drawing ------------------------------------------------------------------------------ */

/* The columns get their wished widths while the last keeps a quarter of the line; on a
 * narrower screen the widest columns give up space first, so narrow ones (symbols, codes,
 * session marks) stay whole. */
static void
column_widths(const struct table *t, int total, int *widths)
{
    int last = total / 4 > 10 ? total / 4 : 10;
    int room = total - ((int)t->ncols - 1) - last, used = 0;
    for (size_t c = 0; c + 1 < t->ncols; c++)
        used += widths[c] = t->cols[c].min_cols;
    while (used > room) {
        size_t widest = 0;
        for (size_t c = 1; c + 1 < t->ncols; c++)
            if (widths[c] > widths[widest])
                widest = c;
        if (widths[widest] <= 8)
            break;
        widths[widest]--;
        used--;
    }
    int rest = total - used - ((int)t->ncols - 1);
    widths[t->ncols - 1] = rest > 4 ? rest : 4;
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
draw_header(const struct table *t, struct pane *pane, const int *widths)
{
    int x = 0;
    for (size_t c = 0; c < t->ncols && x < pane->cols; c++) {
        const char *h = _(t->cols[c].title);
        enum ui_style st = c == t->sort_col ? UI_CURSOR : UI_LABEL; /* the sort key */
        ui_put(pane->win, 1, x, h, strlen(h), st, widths[c]);
        x += widths[c] + 1;
    }
}

static void
draw_title(const struct table *t, struct pane *pane)
{
    char title[700];
    snprintf(title, sizeof title, _("%s — %zu of %zu, sorted by %s%s%s"), t->title, t->c.n,
             t->nrows, _(t->cols[t->sort_col].title), t->filter[0] ? _(", filter: ") : "",
             t->filter);
    ui_put(pane->win, 0, 0, title, strlen(title), UI_HEADING, pane->cols);
}

static int
page_rows(const struct pane *pane)
{
    return pane->rows > 3 ? pane->rows - 2 : 1;
}

void
table_draw(struct table *t, struct pane *pane)
{
    ui_win_erase(pane->win);
    draw_title(t, pane);
    int widths[TABLE_MAX_COLS];
    column_widths(t, pane->cols, widths);
    draw_header(t, pane, widths);
    int rows = page_rows(pane);
    cursor_show(&t->c, rows);
    for (int y = 0; y < rows; y++) {
        size_t i = cursor_row_at(&t->c, y);
        if (i == (size_t)-1)
            break;
        bool cur = i == t->c.cur && pane->focused;
        if (cur)
            ui_fill(pane->win, y + 2, 0, pane->cols, UI_CURSOR);
        const struct table_row *r = &t->rows[t->shown[i]];
        draw_cells(pane, y + 2, (const char *const *)r->cells, widths, t->ncols,
                   cur ? UI_CURSOR : UI_NORMAL);
    }
    if (t->c.n == 0)
        ui_put(pane->win, 2, 0, _("(nothing matches the filter)"),
               strlen(_("(nothing matches the filter)")), UI_META, pane->cols);
}

unsigned
table_move(struct table *t, const struct pane *pane, enum motion m, int n)
{
    int page = page_rows(pane);
    return cursor_move(&t->c, m, n, m == MOTION_PAGE && page > 2 ? page - 1 : page);
}

bool
table_click(struct table *t, int y)
{
    size_t i = cursor_row_at(&t->c, y - 2);
    if (i == (size_t)-1)
        return false;
    cursor_set(&t->c, i);
    return true;
}
