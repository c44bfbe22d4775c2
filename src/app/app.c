/* The reader's loop: read a key, run its command, redraw once. */
#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "cmd/commands.h"
#include "pane/pane_list.h"
#include "pane/pane_table.h"
#include "render/blocks.h"
#include "state/state.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { CACHE_NODES = 4096, HISTORY_MAX = 500, MIN_ROWS = 3, MIN_COLS = 12 };

/* --- Messages and positions ------------------------------------------------------------ */

void
app_message(struct app *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
}

struct node *const *
app_nodes(const struct app *app, size_t *count)
{
    return corpus_subtree(app->corpus, app->pos.root, count);
}

const struct node *
app_top_node(const struct app *app)
{
    size_t count;
    struct node *const *nodes = app_nodes(app, &count);
    return app->pos.index < count ? nodes[app->pos.index] : app->pos.root;
}

int
app_text_width(const struct app *app)
{
    int cols = app->panes[PANE_TEXT]->cols;
    return cols > 1 ? cols : 1;
}

int
app_text_rows(const struct app *app)
{
    return app->panes[PANE_TEXT]->rows > 0 ? app->panes[PANE_TEXT]->rows : 1;
}

const struct laid_node *
app_layout(struct app *app, const struct node *node)
{
    return layout_cache_get(app->cache, node, app_text_width(app));
}

void
app_scroll(struct app *app, int n)
{
    size_t count;
    struct node *const *nodes = app_nodes(app, &count);
    struct position *p = &app->pos;
    while (n > 0 && p->index < count) {
        int rows = app_layout(app, nodes[p->index])->nrows;
        if (p->row + 1 < rows) {
            p->row++;
            n--;
        } else if (p->index + 1 < count) {
            p->index++;
            p->row = 0;
            n -= rows > 0;
        } else {
            break;
        }
    }
    while (n < 0 && (p->row > 0 || p->index > 0)) {
        if (p->row > 0) {
            p->row--;
            n++;
            continue;
        }
        p->index--;
        int rows = app_layout(app, nodes[p->index])->nrows;
        p->row = rows > 0 ? rows - 1 : 0;
        n += rows > 0;
    }
}

/* The root a node is read in: its document, or a country's own card. */
static const struct node *
root_of(const struct node *n)
{
    return n->document != NULL ? n->document : n;
}

static void
history_push(struct history *h, const struct position *pos)
{
    if (h->n > 0)
        h->n = h->cur + 1; /* a new place drops the forward history, as in a browser */
    if (h->n == HISTORY_MAX) {
        memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
        h->n--;
    }
    h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
    h->v[h->n++] = *pos;
    h->cur = h->n - 1;
}

int
app_first_row(struct app *app, const struct node *node)
{
    const struct laid_node *l = app_layout(app, node);
    return l->blocks.n > 0 && l->blocks.v[0].blank_before && l->nrows > 1 ? 1 : 0;
}

void
app_goto_node(struct app *app, const struct node *node, bool remember)
{
    if (remember && app->history.n > 0 && app->pos.root != NULL)
        app->history.v[app->history.cur] = app->pos; /* exact spot, to come back to */
    app->pos.root = root_of(node);
    app->pos.index = node->order - app->pos.root->order;
    app->pos.row = app_first_row(app, node); /* its text at the top, not the blank above */
    if (remember) {
        history_push(&app->history, &app->pos);
        if (app->state != NULL)
            state_history_push(app->state, node->address, 0);
    }
    app->link_node = NULL;
    app->link_ref = NULL;
}

bool
app_history_move(struct app *app, int delta)
{
    struct history *h = &app->history;
    long to = (long)h->cur + delta;
    if (h->n == 0 || to < 0 || to >= (long)h->n)
        return false;
    h->v[h->cur] = app->pos;
    h->cur = (size_t)to;
    app->pos = h->v[h->cur];
    app->link_node = NULL;
    app->link_ref = NULL;
    return true;
}

/* --- Stored positions: address + byte offset into the node's text ------------------------- */

/* The node-text byte a display offset of a block stands for (the inverse of the superscript
 * markers' growth). */
static size_t
original_offset(const struct block *b, size_t display)
{
    long delta = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        const struct block_link *l = &b->links[i];
        if (l->span.end <= display)
            delta += (long)(l->span.end - l->span.start) - (long)l->ref->len;
    }
    long orig = (long)display - delta;
    return orig > 0 ? (size_t)orig : 0;
}

/* The text block of a laid node (its first body or footnote block), or NULL. */
static size_t
text_block(const struct laid_node *l)
{
    for (size_t i = 0; i < l->blocks.n; i++)
        if (l->blocks.v[i].style == BLOCK_BODY || l->blocks.v[i].style == BLOCK_FOOTNOTE)
            return i;
    return (size_t)-1;
}

size_t
app_position_offset(struct app *app)
{
    const struct laid_node *l = app_layout(app, app_top_node(app));
    size_t tb = text_block(l);
    if (tb == (size_t)-1)
        return 0;
    int r = app->pos.row;
    for (size_t i = 0; i < l->blocks.n; i++) {
        r -= l->blocks.v[i].blank_before;
        if (i == tb && r < 0)
            return APP_OFFSET_NONE; /* above the text: a heading, a card's title */
        if (i == tb) {
            size_t k = (size_t)r;
            if (k >= l->nlines[i])
                k = l->nlines[i] ? l->nlines[i] - 1 : 0;
            return l->nlines[i] ? original_offset(&l->blocks.v[i], l->lines[i][k].start) : 0;
        }
        r -= (int)l->nlines[i];
    }
    return 0;
}

int
app_row_for_offset(struct app *app, const struct node *node, size_t offset)
{
    const struct laid_node *l = app_layout(app, node);
    size_t tb = text_block(l);
    int row = 0;
    for (size_t i = 0; i < l->blocks.n; i++) {
        row += l->blocks.v[i].blank_before;
        if (i == tb)
            for (size_t k = 0; k < l->nlines[i]; k++) {
                size_t end = original_offset(&l->blocks.v[i], l->lines[i][k].end);
                if (offset < end || k + 1 == l->nlines[i])
                    return row + (int)k;
            }
        row += (int)l->nlines[i];
    }
    return app_first_row(app, node);
}

/* Turns a pending offset into the row that shows it, once rows have a width. */
static void
resolve_offset(struct app *app)
{
    if (!app->offset_pending || app->panes[PANE_TEXT]->cols < 2)
        return;
    app->offset_pending = false;
    if (app->pending_offset != APP_OFFSET_NONE)
        app->pos.row = app_row_for_offset(app, app_top_node(app), app->pending_offset);
}

bool
app_goto_stored(struct app *app, const char *address, size_t offset, bool remember)
{
    const struct node *n = corpus_find(app->corpus, address);
    if (n == NULL)
        return false;
    app_goto_node(app, n, remember);
    app->pending_offset = offset;
    app->offset_pending = true;
    resolve_offset(app);
    return true;
}

/* The place being read, into the state (the caller saves). */
static void
remember_position(struct app *app)
{
    if (app->state == NULL)
        return;
    const struct node *top = app_top_node(app);
    const struct node *doc = app->pos.root;
    size_t offset = app_position_offset(app);
    state_set_last(app->state, doc->address, top->address, offset == APP_OFFSET_NONE ? 0 : offset);
}

static void
save_state(struct app *app)
{
    if (app->state == NULL)
        return;
    remember_position(app);
    struct diag d = {0};
    state_save_session(app->state, &d); /* quitting: the reason cannot be shown any more */
}

/* --- Breadcrumb ------------------------------------------------------------------------ */

static void
crumb(struct strbuf *sb, const struct node *n)
{
    if (n->kind == NODE_PARAGRAPH && n->number > 0)
        sb_printf(sb, " › ¶%d", n->number);
    else if (n->kind == NODE_RESPONSE)
        sb_printf(sb, " › %s", n->u.response.iso3 ? n->u.response.iso3 : "");
    else if (n->label != NULL && n->kind != NODE_ITEM && n->kind != NODE_FOOTNOTE)
        sb_printf(sb, " › %s", n->label);
    else if (n->kind == NODE_FRONT_MATTER && n->title != NULL)
        sb_printf(sb, " › %s", n->title);
    else if (n->kind == NODE_FOOTNOTE)
        sb_printf(sb, " › fn%d", n->number);
}

void
app_breadcrumb(const struct app *app, char *buf, size_t bufsize)
{
    const struct node *top = app_top_node(app);
    const struct node *chain[16];
    size_t depth = 0;
    for (const struct node *n = top; n != NULL && depth < 16; n = n->parent)
        chain[depth++] = n;
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, app->pos.root->address);
    for (size_t i = depth; i-- > 0;)
        if (chain[i] != app->pos.root)
            crumb(&sb, chain[i]);
    size_t count;
    app_nodes(app, &count);
    int pct = count > 1 ? (int)(app->pos.index * 100 / (count - 1)) : 100;
    sb_printf(&sb, " · %d%%", pct);
    snprintf(buf, bufsize, "%s", sb_str(&sb));
    sb_free(&sb);
}

/* --- Layout of the panes ---------------------------------------------------------------- */

static int
clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Three panes when wide, two at 80 columns, one below 60; the zoomed or list pane alone
 * when asked. Leaves the last two rows to the status and message lines. */
void
app_layout_panes(struct app *app)
{
    /* whatever changes the text's width (a resize, a pane shown, hidden or zoomed), the same
     * line stays at the top: its row changes with the width, its text not */
    if (!app->offset_pending && app->panes[PANE_TEXT]->cols > 1) {
        app->pending_offset = app_position_offset(app);
        app->offset_pending = true;
    }
    int rows = ui_rows() - 2, cols = ui_cols();
    app->too_small = rows < MIN_ROWS - 2 || cols < MIN_COLS;
    if (app->frame != NULL)
        ui_win_place(app->frame, 0, 0, ui_rows(), cols);
    for (int i = 0; i < PANE_COUNT; i++)
        app->panes[i]->focused = false;
    /* a list or a table (help, results, the experts and papers views) takes the screen */
    enum pane_id full = app->panes[PANE_PRINT]->visible   ? PANE_PRINT
                        : app->panes[PANE_TABLE]->visible ? PANE_TABLE
                        : app->panes[PANE_LIST]->visible  ? PANE_LIST
                                                          : PANE_COUNT;
    bool list = full != PANE_COUNT;
    bool outline = app->show_outline && cols >= 60 && !app->zoomed;
    bool context = app->show_context && cols >= 100 && !app->zoomed;
    if (!app->zoomed && cols < 100 && app->show_context && app->focus == PANE_CONTEXT)
        context = true, outline = false; /* two panes at most below 100 columns */
    int ocols = outline ? clamp(app->outline_cols ? app->outline_cols : cols / 4, 10, cols / 2) : 0;
    int ccols = context ? clamp(app->context_cols ? app->context_cols : cols * 3 / 10, 10, cols / 2) : 0;
    enum pane_id alone = app->zoomed || cols < 60 ? app->focus : PANE_COUNT;
    if (list)
        alone = full;
    for (int i = 0; i < PANE_COUNT; i++)
        app->panes[i]->visible = alone == PANE_COUNT ? (i == PANE_TEXT || (i == PANE_OUTLINE && outline) ||
                                                        (i == PANE_CONTEXT && context))
                                                     : i == (int)alone;
    if (rows < 1)
        rows = 1;
    if (alone != PANE_COUNT) {
        pane_place(app->panes[alone], app, 0, 0, rows, cols);
    } else {
        int tx = outline ? ocols + 1 : 0;
        int tcols = cols - tx - (context ? ccols + 1 : 0);
        if (outline)
            pane_place(app->panes[PANE_OUTLINE], app, 0, 0, rows, ocols);
        pane_place(app->panes[PANE_TEXT], app, 0, tx, rows, tcols > 1 ? tcols : 1);
        if (context)
            pane_place(app->panes[PANE_CONTEXT], app, 0, cols - ccols, rows, ccols);
    }
    if (!app->panes[app->focus]->visible)
        app->focus = list ? full : PANE_TEXT;
    app->panes[app->focus]->focused = true;
    resolve_offset(app);
}

/* --- Drawing ------------------------------------------------------------------------------- */

static void
draw_borders(struct app *app)
{
    const struct pane *t = app->panes[PANE_TEXT];
    if (!t->visible)
        return;
    if (app->panes[PANE_OUTLINE]->visible)
        ui_vline(app->frame, 0, t->x - 1, t->rows,
                 app->focus == PANE_OUTLINE || app->focus == PANE_TEXT ? UI_BORDER_FOCUS : UI_BORDER);
    if (app->panes[PANE_CONTEXT]->visible)
        ui_vline(app->frame, 0, t->x + t->cols, t->rows,
                 app->focus == PANE_CONTEXT || app->focus == PANE_TEXT ? UI_BORDER_FOCUS : UI_BORDER);
}

static void
draw_status(struct app *app)
{
    int y = ui_rows() - 2, cols = ui_cols();
    char crumb_text[512];
    app_breadcrumb(app, crumb_text, sizeof crumb_text);
    ui_fill(app->frame, y, 0, cols, UI_STATUS);
    /* too long for the line: its end (the paragraph and the percentage) matters most */
    const char *shown = crumb_text;
    while (*shown && text_width(shown, strlen(shown)) > cols) {
        int len = u8_mblen((const uint8_t *)shown, strlen(shown));
        shown += len > 0 ? len : 1;
    }
    int used = ui_put(app->frame, y, 0, shown, strlen(shown), UI_STATUS, cols);
    const char *pane = app->panes[app->focus]->ops->name;
    int pw = text_width(pane, strlen(pane));
    if (cols - used > pw + 2)
        ui_put(app->frame, y, cols - pw - 1, pane, strlen(pane), UI_STATUS, pw);
}

static void
draw_message(struct app *app)
{
    int y = ui_rows() - 1, cols = ui_cols();
    ui_fill(app->frame, y, 0, cols, UI_MESSAGE);
    if (app->prompt.kind != PROMPT_NONE) {
        const char *lead = app->prompt.kind == PROMPT_GOTO      ? "goto: "
                           : app->prompt.kind == PROMPT_COMMAND ? ":"
                           : app->prompt.kind == PROMPT_FILTER  ? "filter: "
                           : app->prompt.kind == PROMPT_BOOKMARK ? "bookmark name: "
                           : app->prompt.kind == PROMPT_RENAME  ? "new name: "
                           : app->prompt.kind == PROMPT_PRINT_ARG ? "printer, file or command: "
                           : app->prompt.kind == PROMPT_PRINT_WIDTH ? "page width (columns): "
                           : app->prompt.kind == PROMPT_PRINT_LINES ? "lines per page: "
                           : app->prompt.backward               ? "?"
                                                                : "/";
        int x = ui_put(app->frame, y, 0, lead, strlen(lead), UI_MESSAGE, cols);
        /* show the end of what was typed when it is longer than the line */
        const char *t = app->prompt.text;
        while (*t && text_width(t, strlen(t)) > cols - x - 1) {
            int len = u8_mblen((const uint8_t *)t, strlen(t));
            t += len > 0 ? len : 1;
        }
        x += ui_put(app->frame, y, x, t, strlen(t), UI_MESSAGE, cols - x);
        /* what the prompt found so far ("match 3 of 12", "5 addresses") at the right */
        int mw = text_width(app->message, strlen(app->message));
        if (app->message[0] && cols - mw - 2 > x)
            ui_put(app->frame, y, cols - mw - 1, app->message, strlen(app->message),
                   app->message_error ? UI_ERROR : UI_META, mw);
        return;
    }
    ui_put(app->frame, y, 0, app->message, strlen(app->message),
           app->message_error ? UI_ERROR : UI_MESSAGE, cols);
}

static void
draw_too_small(struct app *app)
{
    ui_win_erase(app->frame);
    const char msg[] = "terminal too small";
    ui_put(app->frame, 0, 0, msg, sizeof msg - 1, UI_ERROR, ui_cols());
    ui_win_stage(app->frame);
    ui_update();
}

/* The footnote popup over the text pane, drawn last. */
static void
draw_peek(struct app *app)
{
    const struct pane *t = app->panes[PANE_TEXT];
    if (!app->peek || app->context_note == NULL || !t->visible)
        return;
    int w = t->cols > 8 ? t->cols - 4 : t->cols, x = t->x + (t->cols - w) / 2;
    struct block_list blocks = {0};
    struct render_opts opts = {.footnotes = false};
    render_node(app->context_note, &opts, &blocks);
    int h = 0;
    for (size_t i = 0; i < blocks.n; i++) {
        struct block_line *lines;
        h += (int)block_layout(&blocks.v[i], w - 2, &lines);
        free(lines);
    }
    h = clamp(h + 2, 3, t->rows);
    struct ui_win *pop = ui_win_new(t->rows - h > 0 ? (t->rows - h) / 2 : 0, x, h, w);
    ui_win_erase(pop);
    ui_hline(pop, 0, 0, w, " footnote ", UI_BORDER_FOCUS);
    ui_hline(pop, h - 1, 0, w, NULL, UI_BORDER_FOCUS);
    int y = 1;
    for (size_t i = 0; i < blocks.n && y < h - 1; i++) {
        struct block_line *lines;
        size_t n = block_layout(&blocks.v[i], w - 2, &lines);
        for (size_t k = 0; k < n && y < h - 1; k++, y++) {
            char *s = block_line_text(&blocks.v[i], &lines[k]);
            ui_put(pop, y, 1, s, strlen(s), UI_NORMAL, w - 2);
            free(s);
        }
        free(lines);
    }
    block_list_free(&blocks);
    ui_win_stage(pop);
    ui_win_free(pop);
}

static void
draw(struct app *app)
{
    if (app->too_small) {
        draw_too_small(app);
        return;
    }
    ui_win_erase(app->frame);
    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *p = app->panes[i];
        if (p->visible)
            p->ops->draw(p, app);
    }
    draw_borders(app);
    draw_status(app);
    draw_message(app);
    ui_win_stage(app->frame);
    for (int i = 0; i < PANE_COUNT; i++)
        if (app->panes[i]->visible)
            ui_win_stage(app->panes[i]->win);
    draw_peek(app);
    ui_update();
}

/* --- Prompts ------------------------------------------------------------------------------ */

void
app_prompt(struct app *app, enum prompt_kind kind, bool backward)
{
    memset(&app->prompt, 0, sizeof app->prompt);
    app->prompt.kind = kind;
    app->prompt.backward = backward;
    app->prompt.before = app->pos;
}

/* Runs the search typed so far and moves to its first hit from where the search began. */
static void
search_incremental(struct app *app)
{
    struct search_state *s = &app->search_state;
    search_hits_free(&s->hits);
    s->active = false;
    app->pos = app->prompt.before;
    if (app->prompt.len == 0)
        return;
    if (app->search == NULL)
        app->search = search_index_new(app->corpus);
    struct search_query q = {.text = app->prompt.text};
    struct diag d = {0};
    if (!search_run(app->search, &q, &s->hits, &d)) {
        app_message(app, true, "%s", d.msg);
        return;
    }
    snprintf(s->query, sizeof s->query, "%s", app->prompt.text);
    s->active = true;
    s->current = s->hits.n;
    if (s->hits.n == 0) {
        app_message(app, true, "not found: %s", s->query);
        return;
    }
    /* the first hit at or after (before, for ?) the reading position, wrapping around */
    size_t here = app_top_node(app)->order;
    size_t pick = app->prompt.backward ? s->hits.n - 1 : 0;
    for (size_t i = 0; i < s->hits.n; i++) {
        size_t k = app->prompt.backward ? s->hits.n - 1 - i : i;
        size_t o = s->hits.v[k].node->order;
        if (app->prompt.backward ? o <= here : o >= here) {
            pick = k;
            break;
        }
    }
    s->current = pick;
    app_goto_node(app, s->hits.v[pick].node, false);
    app_message(app, false, "%s: match %zu of %zu", s->query, pick + 1, s->hits.n);
}

/* Completes an address prefix to the longest prefix shared by every address that starts
 * with it. */
static void
complete_address(struct app *app)
{
    struct prompt *p = &app->prompt;
    size_t count, matches = 0, common = 0;
    struct node *const *nodes = corpus_nodes(app->corpus, &count);
    const char *first = NULL;
    for (size_t i = 0; i < count; i++) {
        const char *a = nodes[i]->address;
        if (strncmp(a, p->text, p->len) != 0)
            continue;
        if (first == NULL) {
            first = a;
            common = strlen(a);
        } else {
            size_t k = 0;
            while (k < common && a[k] == first[k])
                k++;
            common = k;
        }
        matches++;
    }
    if (first != NULL && common > p->len && common < sizeof p->text) {
        memcpy(p->text, first, common);
        p->len = common;
        p->text[common] = '\0';
    }
    app_message(app, false, "%zu addresses", matches);
}

static void
complete_command(struct app *app)
{
    struct prompt *p = &app->prompt;
    size_t n, matches = 0;
    const struct command *cmds = commands_all(&n);
    const char *only = NULL;
    for (size_t i = 0; i < n; i++)
        if (strncmp(cmds[i].name, p->text, p->len) == 0) {
            only = cmds[i].name;
            matches++;
        }
    if (matches == 1 && strlen(only) + 1 < sizeof p->text) {
        snprintf(p->text, sizeof p->text, "%s ", only);
        p->len = strlen(p->text);
    }
    app_message(app, false, "%zu commands", matches);
}

void
app_bookmark_here(struct app *app, const char *name)
{
    struct diag d = {0};
    const struct node *top = app_top_node(app);
    size_t offset = app_position_offset(app);
    const struct bookmark *b = state_bookmark_add(
        app->state, name, top->address, offset == APP_OFFSET_NONE ? 0 : offset, &d);
    if (b == NULL)
        app_message(app, true, "bookmark not saved: %s", d.msg);
    else
        app_message(app, false, "bookmarked %s as \"%s\" (' lists bookmarks)", top->address,
                    b->name);
}

static void
print_number(struct app *app, bool width, const char *text)
{
    int lo = width ? PRINT_MIN_WIDTH : PRINT_MIN_PAGE_LINES;
    int hi = width ? PRINT_MAX_WIDTH : PRINT_MAX_PAGE_LINES;
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < lo || v > hi) {
        app_message(app, true, "%s must be a number from %d to %d", width ? "the width" : "lines",
                    lo, hi);
        return;
    }
    if (width)
        app->print.opts.width = (int)v;
    else
        app->print.opts.page_lines = (int)v;
}

static void
prompt_accept(struct app *app)
{
    struct prompt p = app->prompt;
    app->prompt.kind = PROMPT_NONE;
    if (p.kind == PROMPT_GOTO && p.len > 0) {
        app->pos = p.before;
        app_run_command(app, "goto", p.text);
    } else if (p.kind == PROMPT_COMMAND && p.len > 0) {
        char *args = strchr(p.text, ' ');
        if (args != NULL)
            *args++ = '\0';
        bool number = strspn(p.text, "0123456789") == strlen(p.text);
        if (number)
            app_run_command(app, "goto-paragraph", p.text);
        else
            app_run_command(app, p.text, args ? args : "");
    } else if (p.kind == PROMPT_BOOKMARK) {
        app_bookmark_here(app, p.len ? p.text : NULL);
    } else if (p.kind == PROMPT_PRINT_ARG) {
        snprintf(app->print.dest_arg, sizeof app->print.dest_arg, "%s", p.text);
    } else if (p.kind == PROMPT_PRINT_WIDTH || p.kind == PROMPT_PRINT_LINES) {
        print_number(app, p.kind == PROMPT_PRINT_WIDTH, p.text);
    } else if (p.kind == PROMPT_RENAME) {
        struct diag d = {0};
        if (!state_bookmark_rename(app->state, app->rename_id, p.text, &d))
            app_message(app, true, "%s", d.msg);
        app_show_bookmarks(app);
    } else if (p.kind == PROMPT_SEARCH && app->search_state.active &&
               app->search_state.hits.n > 0) {
        /* the search moved the reading position: back returns to where it started */
        app->history.v[app->history.cur] = p.before;
        history_push(&app->history, &app->pos);
    }
}

/* Incremental prompts act on every keystroke: search moves, a filter narrows the table. */
static void
prompt_typed(struct app *app)
{
    if (app->prompt.kind == PROMPT_SEARCH)
        search_incremental(app);
    else if (app->prompt.kind == PROMPT_FILTER)
        table_filter(app->panes[PANE_TABLE], app->prompt.text);
}

static void
prompt_key(struct app *app, key_code key)
{
    struct prompt *p = &app->prompt;
    if (key == KEYC_ENTER) {
        prompt_accept(app);
    } else if (key == 27 || key == 7) { /* Escape, C-g: cancel */
        if (p->kind == PROMPT_SEARCH)
            app->pos = p->before;
        if (p->kind == PROMPT_FILTER)
            table_filter(app->panes[PANE_TABLE], "");
        p->kind = PROMPT_NONE;
        app->message[0] = '\0';
    } else if (key == KEYC_BACKSPACE) {
        while (p->len > 0 && ((unsigned char)p->text[p->len - 1] & 0xC0) == 0x80)
            p->len--;
        if (p->len > 0)
            p->len--;
        p->text[p->len] = '\0';
        prompt_typed(app);
    } else if (key == '\t' && (p->kind == PROMPT_GOTO || p->kind == PROMPT_COMMAND)) {
        if (p->kind == PROMPT_GOTO)
            complete_address(app);
        else
            complete_command(app);
    } else if (key >= 0x20 && key < KEYC_BASE && key != 0x7F) {
        uint8_t buf[8];
        int n = u8_uctomb(buf, (ucs4_t)key, sizeof buf);
        if (n > 0 && p->len + (size_t)n < sizeof p->text) {
            memcpy(p->text + p->len, buf, (size_t)n);
            p->len += (size_t)n;
            p->text[p->len] = '\0';
        }
        prompt_typed(app);
    }
}

/* --- Bookmarks ---------------------------------------------------------------------------- */

/* Enter in the bookmarks list: the exact place; a stale one says so. */
static void
open_bookmark(struct app *app, size_t row)
{
    size_t n;
    const struct bookmark *bm = state_bookmarks(app->state, &n);
    if (row >= n)
        return;
    if (!app_goto_stored(app, bm[row].address, bm[row].offset, true)) {
        app_message(app, true, "%s is stale: %s is not in this corpus", bm[row].name,
                    bm[row].address);
        return;
    }
    app->panes[PANE_LIST]->visible = false;
    app->focus = PANE_TEXT;
    app_layout_panes(app);
}

void
app_show_bookmarks(struct app *app)
{
    struct pane *list = app->panes[PANE_LIST];
    size_t n;
    const struct bookmark *bm = state_bookmarks(app->state, &n);
    pane_list_reset(list, "Bookmarks (Enter opens, c renames, X deletes, q closes)");
    pane_list_set_opener(list, open_bookmark);
    for (size_t i = 0; i < n; i++) {
        char row[600];
        bool stale = state_bookmark_is_stale(&bm[i], app->corpus);
        snprintf(row, sizeof row, "%-24s %s%s", bm[i].name, bm[i].address,
                 stale ? "  (stale: not in this corpus)" : "");
        pane_list_add(list, row, stale ? NULL : corpus_find(app->corpus, bm[i].address),
                      (size_t)-1);
    }
    if (n == 0)
        pane_list_add(list, "no bookmarks yet (m bookmarks the place being read)", NULL,
                      (size_t)-1);
    list->visible = true;
    app->focus = PANE_LIST;
    app_layout_panes(app);
}

/* --- Keys and commands --------------------------------------------------------------------- */

bool
app_run_command(struct app *app, const char *name, const char *args)
{
    struct pane *focused = app->panes[app->focus];
    if (focused->visible && focused->ops->command != NULL &&
        focused->ops->command(focused, app, name, args))
        return true;
    const struct command *cmd = command_find(name);
    if (cmd == NULL) {
        app_message(app, true, "unknown command: %s", name);
        return false;
    }
    return cmd->run(app, args);
}

static struct pane *
pane_at(struct app *app, int y, int x)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *p = app->panes[i];
        if (p->visible && y >= p->y && y < p->y + p->rows && x >= p->x && x < p->x + p->cols)
            return p;
    }
    return NULL;
}

/* A click focuses the pane under it and lets the pane act on it (follow a link, open an
 * outline entry); the wheel is an ordinary key of the keymap. */
static void
handle_click(struct app *app, key_code key, int y, int x)
{
    struct pane *p = pane_at(app, y, x);
    if (p == NULL || p->ops->key == NULL)
        return;
    for (int i = 0; i < PANE_COUNT; i++)
        if (app->panes[i] == p)
            app->focus = (enum pane_id)i;
    p->ops->key(p, app, key, y - p->y, x - p->x);
}

static void
handle_key(struct app *app, key_code key, int y, int x)
{
    app->peek = false; /* any key closes the footnote popup */
    if (app->prompt.kind != PROMPT_NONE) {
        prompt_key(app, key);
        return;
    }
    if (key == KEYC_MOUSE_CLICK) {
        handle_click(app, key, y, x);
        return;
    }
    const struct keymap_binding *b = keymap_lookup(app->keymap, key);
    app->message[0] = '\0';
    if (b != NULL) {
        app_run_command(app, b->command, b->args ? b->args : "");
        return;
    }
    struct pane *p = app->panes[app->focus];
    if (p->ops->key == NULL || !p->ops->key(p, app, key, -1, -1)) {
        char name[32];
        app_message(app, false, "%s is not bound (F1 or H: help)",
                    keyname_string(key, name, sizeof name));
    }
}

/* --- Start --------------------------------------------------------------------------------- */

static const char *
default_keymap(void)
{
    static const char installed[] = NDVR_DATADIR "/keymaps/default.keys";
    FILE *f = fopen(installed, "r");
    if (f != NULL) {
        fclose(f);
        return installed;
    }
    return NDVR_SOURCE_DIR "/keymaps/default.keys";
}

/* The keymap: the default (or --keymap), then the user's file. The first problem goes to the
 * message line, with how many there were. */
static void
load_keymap(struct app *app)
{
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    app->keymap = keymap_new();
    const char *file = app->opts.keymap_file ? app->opts.keymap_file : default_keymap();
    keymap_load_file(app->keymap, file, command_exists, NULL, &errs);
    char user[1024];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/')
        snprintf(user, sizeof user, "%s/ndvr/keys", xdg);
    else
        snprintf(user, sizeof user, "%s/.config/ndvr/keys", home ? home : "");
    FILE *f = fopen(user, "r");
    if (f != NULL) {
        fclose(f);
        keymap_load_file(app->keymap, user, command_exists, NULL, &errs);
    }
    if (errs.count > 0) {
        char buf[700];
        diag_format(&errs.items[0], buf, sizeof buf);
        app_message(app, true, "%s%s", buf, errs.count > 1 ? " (and more)" : "");
    }
    keymap_errors_fini(&errs);
}

/* The state directory; its first warning goes to the message line (a keymap error, shown
 * first, wins). */
static void
open_state(struct app *app)
{
    struct state_warnings w = {0};
    app->state = state_open(NULL, &w);
    if (w.n > 0 && app->message[0] == '\0') {
        char buf[700];
        diag_format(&w.v[0], buf, sizeof buf);
        app_message(app, true, "%s", buf);
    }
    state_warnings_free(&w);
}

/* The history of earlier runs, then the start: the address asked for, else the last place
 * read, else A/74/90's summary, else the first document. */
static void
start_at(struct app *app, const struct node *start)
{
    size_t nh;
    const struct state_pos *h = state_history(app->state, &nh);
    for (size_t i = 0; i < nh; i++) {
        const struct node *n = corpus_find(app->corpus, h[i].address);
        if (n == NULL)
            continue;
        struct position p = {root_of(n), n->order - root_of(n)->order, 0};
        history_push(&app->history, &p);
    }
    if (start != NULL) {
        app_goto_node(app, start, true);
        return;
    }
    const char *doc = state_last_document(app->state);
    const struct state_pos *last = doc ? state_last(app->state, doc) : NULL;
    if (last != NULL && app_goto_stored(app, last->address, last->offset, true))
        return;
    const struct node *summary = corpus_find(app->corpus, "A/74/90#summary");
    size_t ndocs;
    struct node *const *docs = corpus_documents(app->corpus, &ndocs);
    app_goto_node(app, summary ? summary : docs[0], true);
}

static void
app_init(struct app *app, const struct corpus *corpus, const struct node *start,
         const struct app_options *opts)
{
    memset(app, 0, sizeof *app);
    app->corpus = corpus;
    app->opts = *opts;
    struct render_opts ropts = {.footnotes = false};
    app->cache = layout_cache_new(&ropts, CACHE_NODES);
    app->panes[PANE_OUTLINE] = pane_outline_new();
    app->panes[PANE_TEXT] = pane_text_new();
    app->panes[PANE_CONTEXT] = pane_context_new();
    app->panes[PANE_LIST] = pane_list_new("");
    app->panes[PANE_TABLE] = pane_table_new();
    app->panes[PANE_PRINT] = pane_print_new();
    app->show_outline = app->show_context = true;
    app->focus = PANE_TEXT;
    load_keymap(app);
    open_state(app);
    app_print_load_settings(app);
    start_at(app, start);
}

static void
app_fini(struct app *app)
{
    for (int i = 0; i < PANE_COUNT; i++)
        pane_free(app->panes[i]);
    layout_cache_free(app->cache);
    search_index_free(app->search);
    search_hits_free(&app->search_state.hits);
    keymap_free(app->keymap);
    free(app->history.v);
    free(app->tagged);
    state_close(app->state);
}

static void
loop(struct app *app)
{
    while (!app->quit) {
        draw(app);
        int y = -1, x = -1;
        key_code key = ui_read_key(&y, &x);
        if (key == KEYC_SIGNAL)
            break;
        if (key == KEYC_SUSPEND) {
            ui_suspend();
            continue;
        }
        if (key == KEYC_CHILD) {
            app_print_check(app);
            continue;
        }
        if (key == KEYC_RESIZE) {
            app_layout_panes(app);
            ui_repaint();
            continue;
        }
        handle_key(app, key, y, x);
    }
}

int
app_run(const struct corpus *corpus, const struct node *start, const struct app_options *opts)
{
    struct app app;
    app_init(&app, corpus, start, opts);
    struct ui_options uo = {.ascii_borders = opts->ascii_borders, .mouse = opts->mouse,
                            .color = opts->color};
    struct diag d = {0};
    enum ui_start st = ui_start(&uo, &d);
    if (st != UI_STARTED) {
        app_fini(&app);
        fprintf(stderr, "ndvr: %s\n", d.msg);
        return -(int)st; /* the caller prints the text instead */
    }
    app.frame = ui_win_new(0, 0, ui_rows(), ui_cols());
    app_layout_panes(&app);
    loop(&app);
    save_state(&app); /* on quit, and on SIGHUP (an SSH drop) and SIGTERM */
    ui_win_free(app.frame);
    app.frame = NULL;
    ui_end();
    int sig = ui_signal_received();
    app_fini(&app);
    return sig ? 128 + sig : 0;
}
