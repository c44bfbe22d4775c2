/* The context pane: the footnote just followed, the footnotes cited by what is on screen, a
 * preview of the selected link's target, and what cites the node being read. */
#include "pane/pane.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "pane/pane_text.h"
#include "render/blocks.h"
#include "util/xalloc.h"

enum { PREVIEW_ROWS = 10 };

struct context_data {
    int scroll;
};

static void
section(struct block_list *out, const struct node *node, const char *title)
{
    struct block *b = block_push(out, node, BLOCK_META, 0);
    block_set_text(b, title);
    b->blank_before = out->n > 1;
}

static bool
listed(const struct node **v, size_t n, const struct node *x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static void
screen_footnotes(struct app *app, struct block_list *out)
{
    const struct node *const *shown;
    size_t nshown = pane_text_shown(app->panes[PANE_TEXT], &shown);
    const struct node *notes[64];
    size_t nnotes = 0;
    for (size_t i = 0; i < nshown; i++)
        for (size_t k = 0; k < shown[i]->nrefs && nnotes < 64; k++) {
            const struct ref *r = &shown[i]->refs[k];
            if (r->kind == REF_FOOTNOTE && r->target && !listed(notes, nnotes, r->target))
                notes[nnotes++] = r->target;
        }
    if (nnotes == 0)
        return;
    section(out, NULL, "Footnotes on screen");
    struct render_opts opts = {.footnotes = false};
    for (size_t i = 0; i < nnotes; i++)
        render_node(notes[i], &opts, out);
}

static void
link_preview(struct app *app, struct block_list *out)
{
    if (app->link_ref == NULL)
        return;
    const struct ref *r = app->link_ref;
    char title[256];
    snprintf(title, sizeof title, "Link: %s%s", r->to, r->external ? " (not in the corpus)" : "");
    section(out, NULL, title);
    if (r->target == NULL)
        return;
    struct render_opts opts = {.footnotes = false, .own_only = r->target->kind != NODE_COUNTRY};
    size_t first = out->n;
    render_node(r->target, &opts, out);
    if (out->n > first)
        out->v[first].blank_before = false;
}

static void
cited_by(struct app *app, struct block_list *out)
{
    const struct node *top = app_top_node(app);
    if (top == NULL || top->cited_by.n == 0)
        return;
    char title[256];
    snprintf(title, sizeof title, "Cited by (%s)", top->address);
    section(out, NULL, title);
    for (size_t i = 0; i < top->cited_by.n && i < 50; i++)
        block_set_text(block_push(out, top->cited_by.v[i], BLOCK_BODY, 2),
                       top->cited_by.v[i]->address);
}

static void
draw_blocks(struct pane *pane, const struct block_list *blocks, int skip)
{
    int y = -skip;
    for (size_t i = 0; i < blocks->n && y < pane->rows; i++) {
        const struct block *b = &blocks->v[i];
        if (b->blank_before)
            y++;
        struct block_line *lines;
        size_t n = block_layout(b, pane->cols, &lines);
        for (size_t k = 0; k < n && y < pane->rows; k++, y++) {
            if (y < 0)
                continue;
            char *text = block_line_text(b, &lines[k]);
            enum ui_style st = b->style == BLOCK_META ? UI_HEADING
                               : b->style == BLOCK_FOOTNOTE ? UI_NORMAL
                                                            : UI_NORMAL;
            ui_put(pane->win, y, 0, text, strlen(text), st, pane->cols);
            free(text);
        }
        free(lines);
    }
}

static void
context_draw(struct pane *pane, struct app *app)
{
    struct context_data *cd = pane->data;
    struct block_list blocks = {0};
    if (app->context_note != NULL) {
        section(&blocks, NULL, "Footnote");
        struct render_opts opts = {.footnotes = false};
        render_node(app->context_note, &opts, &blocks);
    }
    link_preview(app, &blocks);
    screen_footnotes(app, &blocks);
    cited_by(app, &blocks);
    ui_win_erase(pane->win);
    if (blocks.n == 0)
        ui_put(pane->win, 0, 0, "(nothing cited here)", 20, UI_META, pane->cols);
    draw_blocks(pane, &blocks, cd->scroll);
    block_list_free(&blocks);
}

static bool
context_command(struct pane *pane, struct app *app, const char *name, const char *args)
{
    (void)app;
    (void)args;
    struct context_data *cd = pane->data;
    int page = pane->rows > 2 ? pane->rows - 2 : 1;
    if (strcmp(name, "scroll-down") == 0)
        cd->scroll++;
    else if (strcmp(name, "scroll-up") == 0)
        cd->scroll--;
    else if (strcmp(name, "page-down") == 0 || strcmp(name, "half-page-down") == 0)
        cd->scroll += name[0] == 'p' ? page : page / 2;
    else if (strcmp(name, "page-up") == 0 || strcmp(name, "half-page-up") == 0)
        cd->scroll -= name[0] == 'p' ? page : page / 2;
    else if (strcmp(name, "top") == 0)
        cd->scroll = 0;
    else
        return false;
    if (cd->scroll < 0)
        cd->scroll = 0;
    return true;
}

static void
context_free(struct pane *pane)
{
    free(pane->data);
}

static const struct pane_ops context_ops = {
    .name = "context",
    .draw = context_draw,
    .key = NULL,
    .command = context_command,
    .resize = NULL,
    .free = context_free,
};

struct pane *
pane_context_new(void)
{
    return pane_new(&context_ops, xcalloc(1, sizeof(struct context_data)));
}
