/* The outline pane: documents, front matter, chapters, sections, annexes, the expert and
 * working-paper lists, responses by country, and the countries; expand and collapse; the
 * cursor follows the reading position. Enter goes to the entry (a country opens its dossier). */
#include "pane/tiles.h"

#include <stdlib.h>
#include <string.h>

#include "pane/cursor.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

struct row {
    const struct node *node; /* NULL for the "Countries" group */
    int depth;
    bool has_children;
};

struct outline_data {
    bool *expanded; /* by node->order; [count] is the countries group */
    size_t nexpanded;
    struct row *rows; /* what is visible now */
    size_t cap;
    struct row_cursor c;
    const struct node *followed; /* the place the cursor last followed */
    size_t followed_index;
    struct link_pick pick; /* the entry Enter follows */
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
    od->rows = xgrow(od->rows, &od->cap, od->c.n + 1, sizeof *od->rows);
    od->rows[od->c.n++] = (struct row){node, depth, has_children};
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
rebuild(struct outline_data *od, const struct corpus *corpus)
{
    size_t cur = od->c.cur, ndocs, ncountries;
    od->c.n = 0;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    for (size_t i = 0; i < ndocs; i++)
        add_rows(od, docs[i], 0);
    struct node *const *countries = corpus_countries(corpus, &ncountries);
    push_row(od, NULL, 0, ncountries > 0);
    if (od->expanded[od->nexpanded - 1])
        for (size_t i = 0; i < ncountries; i++)
            push_row(od, countries[i], 1, false);
    cursor_resize(&od->c, od->c.n);
    cursor_set(&od->c, cur);
}

static void
ensure_state(struct outline_data *od, const struct corpus *corpus)
{
    if (od->expanded != NULL)
        return;
    size_t count, ndocs;
    corpus_nodes(corpus, &count);
    od->nexpanded = count + 1;
    od->expanded = xcalloc(od->nexpanded, sizeof *od->expanded);
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    for (size_t i = 0; i < ndocs; i++)
        od->expanded[docs[i]->order] = true;
    rebuild(od, corpus);
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
follow_position(struct outline_data *od, const struct reader *rd)
{
    const struct node *top = rd->pos.root != NULL ? reader_top(rd) : NULL;
    if (top == od->followed && rd->pos.index == od->followed_index)
        return;
    od->followed = top;
    od->followed_index = rd->pos.index;
    const struct node *target = outline_ancestor(top);
    for (const struct node *p = target ? target->parent : NULL; p != NULL; p = p->parent)
        od->expanded[p->order] = true;
    rebuild(od, rd->corpus);
    for (size_t i = 0; i < od->c.n; i++)
        if (od->rows[i].node == target && target != NULL)
            cursor_set(&od->c, i);
}

static void
format_row(const struct reader *rd, const struct row *r, bool expanded, struct strbuf *sb)
{
    bool tagged = r->node && reader_is_tagged(rd, r->node);
    sb_puts(sb, tagged ? "*" : ""); /* tagged for printing */
    for (int i = tagged ? 1 : 0; i < r->depth * 2; i++)
        sb_putc(sb, ' ');
    sb_puts(sb, r->has_children ? (expanded ? "- " : "+ ") : "  ");
    if (r->node == NULL) {
        sb_puts(sb, _("Countries"));
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
        title = _("Experts");
    if (n->kind == NODE_WORKING_PAPER_LIST && title[0] == '\0')
        title = _("Working papers");
    sb_puts(sb, title);
}

static bool *
expanded_flag(struct outline_data *od, const struct row *r)
{
    return &od->expanded[r->node ? r->node->order : od->nexpanded - 1];
}

/* What the rows on screen show: their entries, marks and the cursor. Formatting them again
 * costs more than this, and grows with the corpus. */
static bool
rows_unchanged(struct pane *pane, const struct reader *rd)
{
    struct outline_data *od = pane->data;
    struct pane_key key = {0};
    pane_key_add(&key, od->c.cur);
    for (int y = 0; y < pane->rows; y++) {
        size_t i = cursor_row_at(&od->c, y);
        const struct row *r = i == (size_t)-1 ? NULL : &od->rows[i];
        pane_key_add(&key, i);
        if (r == NULL)
            break;
        bool tagged = r->node != NULL && reader_is_tagged(rd, r->node);
        pane_key_add(&key, (uintptr_t)r->node);
        pane_key_add(&key, (uintptr_t)r->depth << 3 | (uintptr_t)r->has_children << 2 |
                               (uintptr_t)*expanded_flag(od, r) << 1 | (uintptr_t)tagged);
    }
    bool same = pane_key_unchanged(pane, &key);
    free(key.v);
    return same;
}

static void
outline_draw(struct pane *pane, struct reader *rd)
{
    struct outline_data *od = pane->data;
    ensure_state(od, rd->corpus);
    follow_position(od, rd);
    cursor_show(&od->c, pane->rows);
    if (rows_unchanged(pane, rd))
        return;
    ui_win_erase(pane->win);
    for (int y = 0; y < pane->rows; y++) {
        size_t i = cursor_row_at(&od->c, y);
        if (i == (size_t)-1)
            break;
        const struct row *r = &od->rows[i];
        struct strbuf sb = STRBUF_INIT;
        format_row(rd, r, *expanded_flag(od, r), &sb);
        bool at_cursor = i == od->c.cur;
        enum ui_style st = at_cursor ? (pane->focused ? UI_CURSOR : UI_LABEL) : UI_NORMAL;
        if (at_cursor)
            ui_fill(pane->win, y, 0, pane->cols, st);
        ui_put(pane->win, y, 0, sb.data, sb.len, st, pane->cols);
        sb_free(&sb);
    }
}

/* --- Commands ------------------------------------------------------------------------------ */

static const struct row *
current_row(const struct outline_data *od)
{
    return od->c.cur < od->c.n ? &od->rows[od->c.cur] : NULL;
}

static unsigned
set_expanded(struct cmd_ctx *ctx, bool expand)
{
    struct outline_data *od = ctx->pane->data;
    ensure_state(od, ctx->rd->corpus);
    const struct row *r = current_row(od);
    if (r == NULL || !r->has_children) {
        cmd_say(ctx, false, "%s",
                expand ? _("nothing to expand here") : _("nothing to collapse here"));
        return REACT_REDRAW;
    }
    *expanded_flag(od, r) = expand;
    rebuild(od, ctx->rd->corpus);
    return REACT_REDRAW;
}

static unsigned
cmd_expand(struct cmd_ctx *ctx)
{
    return set_expanded(ctx, true);
}

static unsigned
cmd_collapse(struct cmd_ctx *ctx)
{
    return set_expanded(ctx, false);
}

static unsigned
tag_entry(struct cmd_ctx *ctx, bool subtree)
{
    struct outline_data *od = ctx->pane->data;
    const struct row *r = current_row(od);
    if (r == NULL || r->node == NULL || r->node->kind == NODE_COUNTRY) {
        cmd_say(ctx, false, _("only parts of the reports can be tagged for printing"));
        return REACT_REDRAW;
    }
    reader_tag(ctx->rd, r->node, subtree);
    cmd_say(ctx, false, _("%s %s%s (P prints the tagged entries)"),
            reader_is_tagged(ctx->rd, r->node) ? _("tagged") : _("untagged"), r->node->address,
            subtree ? _(" and everything in it") : "");
    return REACT_REDRAW;
}

static unsigned
cmd_tag(struct cmd_ctx *ctx)
{
    return tag_entry(ctx, false);
}

static unsigned
cmd_tag_subtree(struct cmd_ctx *ctx)
{
    return tag_entry(ctx, true);
}

static const struct cmd_def outline_cmds[] = {
    {"collapse", cmd_collapse, N_("Collapse the entry under the cursor")},
    {"expand", cmd_expand, N_("Expand the entry under the cursor")},
    {"tag", cmd_tag, N_("Tag the entry under the cursor for printing, or untag it")},
    {"tag-subtree", cmd_tag_subtree, N_("Tag the entry and everything inside it")},
};

static unsigned
outline_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    struct outline_data *od = pane->data;
    ensure_state(od, ctx->rd->corpus);
    return cursor_move(&od->c, m, n, pane->rows > 2 ? pane->rows - 1 : 1);
}

static unsigned
outline_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    return outline_move(pane, ctx, MOTION_LINE, dir);
}

/* Enter: the Countries group opens or closes; any other entry is followed (a place in a
 * report, or a country's dossier). */
static unsigned
outline_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    struct outline_data *od = pane->data;
    ensure_state(od, ctx->rd->corpus);
    const struct row *r = current_row(od);
    if (r == NULL)
        return REACT_NONE;
    if (r->node == NULL)
        return set_expanded(ctx, !*expanded_flag(od, r));
    struct ref ref = {.to = r->node->address,
                      .target = (struct node *)r->node,
                      .kind = r->node->kind == NODE_COUNTRY ? REF_COUNTRY : REF_DOCUMENT};
    link_pick_set(&od->pick, r->node, &ref);
    return REACT_FOLLOW;
}

static const struct link_pick *
outline_picked(struct pane *pane)
{
    struct outline_data *od = pane->data;
    return od->pick.set ? &od->pick : NULL;
}

static unsigned
outline_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)x;
    struct outline_data *od = pane->data;
    size_t i = cursor_row_at(&od->c, y);
    if (i == (size_t)-1)
        return REACT_NONE;
    cursor_set(&od->c, i);
    return outline_activate(pane, ctx) | REACT_REDRAW;
}

static const struct node *
outline_subject(struct pane *pane, struct reader *rd)
{
    (void)rd;
    const struct row *r = current_row(pane->data);
    return r != NULL ? r->node : NULL;
}

static void
outline_free(struct pane *pane)
{
    struct outline_data *od = pane->data;
    free(od->expanded);
    free(od->rows);
    free(od);
}

const struct pane_ops outline_ops = {
    .name = N_("outline"),
    .cmds = outline_cmds,
    .ncmds = sizeof outline_cmds / sizeof outline_cmds[0],
    .place = PLACE_TILE,
    .enter_help = N_("go to the entry (a country: its dossier)"),
    .draw = outline_draw,
    .move = outline_move,
    .step_link = outline_step,
    .picked = outline_picked,
    .activate = outline_activate,
    .click = outline_click,
    .subject = outline_subject,
    .free = outline_free,
};

struct pane *
pane_outline_new(void)
{
    return pane_new(&outline_ops, xcalloc(1, sizeof(struct outline_data)));
}
