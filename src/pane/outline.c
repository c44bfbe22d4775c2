/* The outline pane: documents, front matter, chapters, sections, annexes, the expert and
 * working-paper lists, responses by country, and the countries; expand and collapse; the
 * cursor follows the reading position. */
#include "pane/pane.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct row {
    const struct node *node;  /* NULL for the "Countries" group */
    int depth;
    bool has_children;
};

struct outline_data {
    bool *expanded;           /* by node->order; [count] is the countries group */
    size_t nexpanded;
    struct row *rows;         /* what is visible now */
    size_t nrows, cap;
    size_t cursor, top;
    const struct node *followed;  /* the node the cursor last followed */
    size_t followed_index;
};

static bool
in_outline(const struct node *n)
{
    switch (n->kind) {
    case NODE_DOCUMENT:
    case NODE_FRONT_MATTER:
    case NODE_CHAPTER:
    case NODE_SECTION:
    case NODE_ANNEX:
    case NODE_WORKING_PAPER_LIST:
    case NODE_RESPONSE:
        return true;
    case NODE_EXPERT_LIST: /* the list, not its country groups */
        return n->parent == NULL || n->parent->kind != NODE_EXPERT_LIST;
    default:
        return false;
    }
}

static bool
has_outline_children(const struct node *n)
{
    for (size_t i = 0; i < n->nchildren; i++)
        if (in_outline(n->children[i]))
            return true;
    return false;
}

static void
push_row(struct outline_data *od, const struct node *node, int depth, bool has_children)
{
    od->rows = xgrow(od->rows, &od->cap, od->nrows + 1, sizeof *od->rows);
    od->rows[od->nrows++] = (struct row){node, depth, has_children};
}

static void
add_rows(struct outline_data *od, const struct node *n, int depth)
{
    bool kids = has_outline_children(n);
    push_row(od, n, depth, kids);
    if (!kids || n->order >= od->nexpanded || !od->expanded[n->order])
        return;
    for (size_t i = 0; i < n->nchildren; i++)
        if (in_outline(n->children[i]))
            add_rows(od, n->children[i], depth + 1);
}

static void
rebuild(struct outline_data *od, const struct app *app)
{
    od->nrows = 0;
    size_t ndocs, ncountries;
    struct node *const *docs = corpus_documents(app->corpus, &ndocs);
    for (size_t i = 0; i < ndocs; i++)
        add_rows(od, docs[i], 0);
    struct node *const *countries = corpus_countries(app->corpus, &ncountries);
    push_row(od, NULL, 0, ncountries > 0);
    if (od->expanded[od->nexpanded - 1])
        for (size_t i = 0; i < ncountries; i++)
            push_row(od, countries[i], 1, false);
}

static void
ensure_state(struct outline_data *od, const struct app *app)
{
    if (od->expanded != NULL)
        return;
    size_t count;
    corpus_nodes(app->corpus, &count);
    od->nexpanded = count + 1;
    od->expanded = xcalloc(od->nexpanded, sizeof *od->expanded);
    size_t ndocs;
    struct node *const *docs = corpus_documents(app->corpus, &ndocs);
    for (size_t i = 0; i < ndocs; i++)
        od->expanded[docs[i]->order] = true;
}

/* The deepest outline node at or above n. */
static const struct node *
outline_ancestor(const struct node *n)
{
    while (n != NULL && !in_outline(n))
        n = n->parent;
    return n;
}

/* Expands the way to the reading position and puts the cursor on it, when it moved. */
static void
follow_position(struct outline_data *od, struct app *app)
{
    const struct node *top = app_top_node(app);
    if (top == od->followed && app->pos.index == od->followed_index)
        return;
    od->followed = top;
    od->followed_index = app->pos.index;
    const struct node *target = top && top->kind == NODE_COUNTRY ? top : outline_ancestor(top);
    for (const struct node *p = target ? target->parent : NULL; p != NULL; p = p->parent)
        od->expanded[p->order] = true;
    if (target != NULL && target->kind == NODE_COUNTRY)
        od->expanded[od->nexpanded - 1] = true;
    rebuild(od, app);
    for (size_t i = 0; i < od->nrows; i++)
        if (od->rows[i].node == target)
            od->cursor = i;
}

static void
format_row(const struct app *app, const struct row *r, bool expanded, struct strbuf *sb)
{
    bool tagged = r->node && app->tagged && app->tagged[r->node->order];
    sb_puts(sb, tagged ? "*" : ""); /* tagged for printing */
    for (int i = tagged ? 1 : 0; i < r->depth * 2; i++)
        sb_putc(sb, ' ');
    sb_puts(sb, r->has_children ? (expanded ? "- " : "+ ") : "  ");
    if (r->node == NULL) {
        sb_puts(sb, "Countries");
        return;
    }
    const struct node *n = r->node;
    if (n->kind == NODE_DOCUMENT)
        sb_printf(sb, "%s ", n->u.document.symbol);
    else if (n->label != NULL && (n->kind == NODE_CHAPTER || n->kind == NODE_SECTION))
        sb_printf(sb, "%s. ", n->label);
    else if (n->label != NULL)
        sb_printf(sb, "%s ", n->label);
    else if (n->kind == NODE_COUNTRY)
        sb_printf(sb, "%s ", n->u.country.iso3);
    const char *title = node_display_title(n);
    if (n->kind == NODE_EXPERT_LIST && title[0] == '\0')
        title = "Experts";
    if (n->kind == NODE_WORKING_PAPER_LIST && title[0] == '\0')
        title = "Working papers";
    sb_puts(sb, title);
}

static bool
row_expanded(const struct outline_data *od, const struct row *r)
{
    size_t i = r->node ? r->node->order : od->nexpanded - 1;
    return od->expanded[i];
}

static void
outline_draw(struct pane *pane, struct app *app)
{
    struct outline_data *od = pane->data;
    ensure_state(od, app);
    follow_position(od, app);
    rebuild(od, app);
    if (od->cursor >= od->nrows)
        od->cursor = od->nrows ? od->nrows - 1 : 0;
    if (od->cursor < od->top)
        od->top = od->cursor;
    if (od->cursor >= od->top + (size_t)pane->rows)
        od->top = od->cursor - (size_t)pane->rows + 1;
    ui_win_erase(pane->win);
    for (int y = 0; y < pane->rows && od->top + (size_t)y < od->nrows; y++) {
        const struct row *r = &od->rows[od->top + (size_t)y];
        struct strbuf sb = STRBUF_INIT;
        format_row(app, r, row_expanded(od, r), &sb);
        bool at_cursor = od->top + (size_t)y == od->cursor;
        enum ui_style st = at_cursor ? (pane->focused ? UI_CURSOR : UI_LABEL) : UI_NORMAL;
        if (at_cursor)
            ui_fill(pane->win, y, 0, pane->cols, st);
        ui_put(pane->win, y, 0, sb.data, sb.len, st, pane->cols);
        sb_free(&sb);
    }
}

static void
toggle(struct outline_data *od, bool expand)
{
    if (od->cursor >= od->nrows)
        return;
    const struct row *r = &od->rows[od->cursor];
    size_t i = r->node ? r->node->order : od->nexpanded - 1;
    if (r->has_children)
        od->expanded[i] = expand;
}

static void
open_row(struct outline_data *od, struct app *app)
{
    if (od->cursor >= od->nrows)
        return;
    const struct row *r = &od->rows[od->cursor];
    if (r->node == NULL) {
        od->expanded[od->nexpanded - 1] = !od->expanded[od->nexpanded - 1];
        return;
    }
    app_goto_node(app, r->node, true);
    app->focus = PANE_TEXT;
}

static void
move_cursor(struct outline_data *od, long delta)
{
    long c = (long)od->cursor + delta;
    long last = od->nrows ? (long)od->nrows - 1 : 0;
    od->cursor = (size_t)(c < 0 ? 0 : c > last ? last : c);
}

static bool
outline_command(struct pane *pane, struct app *app, const char *name, const char *args)
{
    (void)args;
    struct outline_data *od = pane->data;
    ensure_state(od, app);
    long page = pane->rows > 1 ? pane->rows - 1 : 1;
    static const struct {
        const char *name;
        long delta;
    } moves[] = {{"scroll-down", 1}, {"scroll-up", -1}, {"next-paragraph", 1},
                 {"prev-paragraph", -1}, {"next-section", 1}, {"prev-section", -1},
                 {"next-link", 1}, {"prev-link", -1}};
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (strcmp(name, moves[i].name) == 0) {
            move_cursor(od, moves[i].delta);
            return true;
        }
    if (strcmp(name, "page-down") == 0 || strcmp(name, "half-page-down") == 0)
        move_cursor(od, name[0] == 'p' ? page : page / 2);
    else if (strcmp(name, "page-up") == 0 || strcmp(name, "half-page-up") == 0)
        move_cursor(od, name[0] == 'p' ? -page : -page / 2);
    else if (strcmp(name, "top") == 0)
        od->cursor = 0;
    else if (strcmp(name, "bottom") == 0)
        od->cursor = od->nrows ? od->nrows - 1 : 0;
    else if (strcmp(name, "expand") == 0 || strcmp(name, "forward") == 0)
        toggle(od, true);
    else if (strcmp(name, "collapse") == 0 || strcmp(name, "back") == 0)
        toggle(od, false);
    else if (strcmp(name, "follow-link") == 0)
        open_row(od, app);
    else if ((strcmp(name, "tag") == 0 || strcmp(name, "tag-subtree") == 0) &&
             od->cursor < od->nrows && od->rows[od->cursor].node != NULL)
        app_tag(app, od->rows[od->cursor].node, name[3] == '-');
    else
        return false;
    return true;
}

static bool
outline_key(struct pane *pane, struct app *app, key_code key, int y, int x)
{
    (void)x;
    struct outline_data *od = pane->data;
    if (key != KEYC_MOUSE_CLICK || od->top + (size_t)y >= od->nrows)
        return false;
    od->cursor = od->top + (size_t)y;
    open_row(od, app);
    return true;
}

static void
outline_free(struct pane *pane)
{
    struct outline_data *od = pane->data;
    free(od->expanded);
    free(od->rows);
    free(od);
}

static const struct pane_ops outline_ops = {
    .name = "outline",
    .draw = outline_draw,
    .key = outline_key,
    .command = outline_command,
    .resize = NULL,
    .free = outline_free,
};

struct pane *
pane_outline_new(void)
{
    return pane_new(&outline_ops, xcalloc(1, sizeof(struct outline_data)));
}
