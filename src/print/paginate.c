/* Text pages: the parts' blocks laid out by the one line breaker, cut into pages with a
 * running header and an `n/N` footer, headings kept with the line after them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/print_int.h"
#include "text/width.h"
#include "text/wrap.h"
#include "util/xalloc.h"
#include "util/i18n.h"

/* A page: header, blank, body, blank, footer. */
enum { PAGE_FRAME_LINES = 4 };

/* One body line, before pagination. */
struct pline {
    char *text; /* owned, clean and within the width; NULL for a blank line */
    size_t ctx; /* the running header in effect (index into contexts) */
    bool glue;  /* a heading's: stays on the page of the next non-blank line */
};

struct pstream {
    struct pline *v;
    size_t n, cap;
    char **ctx; /* running headers, owned */
    size_t nctx, ctxcap;
    size_t cur; /* the running header in effect */
    int width;
    int body_lines; /* of every page, the last included */
};

static void
add_ctx(struct pstream *ps, char *ctx)
{
    ps->ctx = xgrow(ps->ctx, &ps->ctxcap, ps->nctx + 1, sizeof *ps->ctx);
    ps->ctx[ps->nctx] = ctx;
    ps->cur = ps->nctx++;
}

/* Adds a line (taking text); an empty line counts as blank, so it never starts a page, and
 * blank lines in a row count once (an empty heading between two blank lines is one). */
static void
add_line(struct pstream *ps, char *text, bool glue)
{
    if (text != NULL && text[0] == '\0') {
        free(text);
        text = NULL;
    }
    if (text == NULL && ps->n > 0 && ps->v[ps->n - 1].text == NULL)
        return;
    ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
    ps->v[ps->n++] = (struct pline){text, ps->cur, glue && text != NULL};
}

/* A line of the layout engine, filtered again (nothing but text) and clipped to be safe. */
static char *
body_line(const struct block *b, const struct block_line *line, int width)
{
    char *raw = block_line_text(b, line);
    struct strbuf sb = STRBUF_INIT;
    print_put_clean(&sb, raw, strlen(raw), true);
    free(raw);
    while (sb.len > 0 && sb.data[sb.len - 1] == ' ')
        sb_truncate(&sb, sb.len - 1);
    char *clean = sb_detach(&sb);
    char *clipped = print_clip(clean, width, false);
    free(clean);
    return clipped;
}

/* The description's lines as they are filled. */
struct dline {
    struct pstream *ps;
    struct strbuf line;
    int cols, hang;
};

static void
dline_flush(struct dline *dl, bool more)
{
    add_line(dl->ps, print_clip(sb_str(&dl->line), dl->ps->width, false), false);
    sb_truncate(&dl->line, 0);
    for (dl->cols = 0; more && dl->cols < dl->hang; dl->cols++)
        sb_putc(&dl->line, ' ');
}

/* An item longer than a line: wrapped by the line breaker, hanging under the first. */
static void
dline_wrap(struct dline *dl, const char *item, size_t n)
{
    struct wrap_spec spec = {
        .width = dl->ps->width, .first_indent = dl->cols, .rest_indent = dl->hang};
    struct wrap_line *wl;
    size_t nl = wrap_text(item, n, &spec, &wl);
    for (size_t k = 0; k < nl; k++) {
        if (k > 0)
            dline_flush(dl, true);
        size_t end = wl[k].end;
        while (end > wl[k].start && item[end - 1] == ' ')
            end--;
        sb_append(&dl->line, item + wl[k].start, end - wl[k].start);
        dl->cols += wl[k].cols;
    }
    free(wl);
}

/* "Selected: …", one "ADDRESS (TITLE)" after another, an item that does not fit in what is
 * left of a line starting the next one (under the first), then a blank line. */
static void
stream_describe(struct pstream *ps, const char *describe)
{
    struct strbuf clean = STRBUF_INIT;
    print_put_clean(&clean, describe, strlen(describe), true);
    const char *label = _("Selected:"); /* measured: it may be Chinese */
    struct dline dl = {.ps = ps, .line = STRBUF_INIT};
    sb_puts(&dl.line, label);
    dl.cols = text_width(label, strlen(label));
    dl.hang = dl.cols + 1;
    for (const char *item = sb_str(&clean); *item != '\0';) {
        const char *sep = strstr(item, ", ");
        size_t n = sep ? (size_t)(sep - item) + 1 : strlen(item); /* with its comma */
        int w = text_width(item, n);
        if (dl.cols > dl.hang && dl.cols + 1 + w > ps->width) {
            dline_flush(&dl, true);
        } else {
            sb_putc(&dl.line, ' ');
            dl.cols++;
        }
        if (dl.cols + w <= ps->width) {
            sb_append(&dl.line, item, n);
            dl.cols += w;
        } else {
            dline_wrap(&dl, item, n);
        }
        item += sep ? n + 1 : n;
    }
    dline_flush(&dl, false);
    sb_free(&dl.line);
    sb_free(&clean);
    add_line(ps, NULL, false);
}

static bool
is_heading(const struct block *b)
{
    return b->style == BLOCK_HEADING || b->style == BLOCK_TITLE;
}

static void
stream_part(struct pstream *ps, const struct print_part *part, bool first)
{
    add_ctx(ps, xstrdup(part->context));
    if (!first)
        add_line(ps, NULL, false);
    bool after_heading = false;
    for (size_t i = 0; i < part->blocks.n; i++) {
        const struct block *b = &part->blocks.v[i];
        if (b->blank_before && i > 0)
            add_line(ps, NULL, false);
        if (is_heading(b) && b->len > 0) /* the cover's heading is empty */
            add_ctx(ps, print_block_context(b));
        /* a response's [原件：…] line goes with its heading */
        bool glue = is_heading(b) || (after_heading && b->style == BLOCK_META);
        struct block_line *lines;
        size_t n = block_layout(b, ps->width, &lines);
        for (size_t k = 0; k < n; k++)
            add_line(ps, body_line(b, &lines[k], ps->width), glue);
        free(lines);
        after_heading = glue;
    }
}

/* --- Breaking pages --------------------------------------------------------------------------- */

struct breaks {
    size_t *start; /* index of each page's first line */
    size_t n, cap;
};

static void
new_page(struct breaks *br, size_t at)
{
    br->start = xgrow(br->start, &br->cap, br->n + 1, sizeof *br->start);
    br->start[br->n++] = at;
}

/* The end of the unit starting at i: a blank line alone, or a line with every glued line
 * before it and the blank lines between. *nlines gets the unit's lines up to its last
 * non-blank one. */
static size_t
unit_end(const struct pstream *ps, size_t i, size_t *nlines)
{
    *nlines = ps->v[i].text != NULL;
    if (ps->v[i].text == NULL)
        return i + 1;
    size_t j = i;
    while (j < ps->n) {
        bool glued = ps->v[j].glue;
        *nlines = j + 1 - i;
        j++;
        if (!glued)
            break;
        while (j < ps->n && ps->v[j].text == NULL)
            j++;
    }
    return j;
}

/* Greedy fill; a unit that does not fit in what is left of a page starts the next one
 * (unless it is longer than a page: then it is cut where the page ends). Blank lines at the
 * top of a page are dropped. */
static void
break_pages(const struct pstream *ps, int body_lines, struct breaks *br)
{
    size_t cap = (size_t)body_lines, used = 0;
    new_page(br, 0);
    for (size_t i = 0; i < ps->n;) {
        size_t len;
        size_t j = unit_end(ps, i, &len);
        if (used > 0 && len > 0 && used + len > cap) {
            new_page(br, i);
            used = 0;
        }
        for (size_t k = i; k < j; k++) {
            bool blank = ps->v[k].text == NULL;
            if (blank && (used == 0 || used == cap))
                continue;
            if (used == cap) {
                new_page(br, k);
                used = 0;
            }
            used++;
        }
        i = j;
    }
}

/* --- Output ----------------------------------------------------------------------------------- */

/* Blank lines fill a short page before its footer, so that on paper `n/N` sits at the foot
 * of every sheet, not after the last line of text. */
static void
put_page(struct strbuf *out, const struct pstream *ps, size_t from, size_t to, int page, int npages)
{
    while (from < to && ps->v[from].text == NULL)
        from++;
    while (to > from && ps->v[to - 1].text == NULL)
        to--;
    if (page > 1)
        sb_putc(out, '\f');
    char *header = print_clip(ps->ctx[from < to ? ps->v[from].ctx : 0], ps->width, true);
    sb_puts(out, header);
    sb_puts(out, "\n\n");
    free(header);
    for (size_t i = from; i < to; i++) {
        sb_puts(out, ps->v[i].text != NULL ? ps->v[i].text : "");
        sb_putc(out, '\n');
    }
    for (size_t i = to - from; i < (size_t)ps->body_lines; i++)
        sb_putc(out, '\n');
    char footer[32];
    int len = snprintf(footer, sizeof footer, "%d/%d", page, npages);
    sb_printf(out, "\n%*s%s\n", ps->width - len, "", footer);
}

static void
pstream_free(struct pstream *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->v[i].text);
    for (size_t i = 0; i < ps->nctx; i++)
        free(ps->ctx[i]);
    free(ps->v);
    free(ps->ctx);
}

char *
print_paginate(const struct print_parts *parts, const char *describe, const struct print_opts *opts,
               size_t *nbytes)
{
    struct pstream ps = {.width = opts->width, .body_lines = opts->page_lines - PAGE_FRAME_LINES};
    add_ctx(&ps, xstrdup(parts->n > 0 ? parts->v[0].context : ""));
    stream_describe(&ps, describe);
    for (size_t i = 0; i < parts->n; i++)
        stream_part(&ps, &parts->v[i], i == 0);
    struct breaks br = {0};
    break_pages(&ps, ps.body_lines, &br);
    struct strbuf out = STRBUF_INIT;
    for (size_t p = 0; p < br.n; p++)
        put_page(&out, &ps, br.start[p], p + 1 < br.n ? br.start[p + 1] : ps.n, (int)p + 1,
                 (int)br.n);
    free(br.start);
    pstream_free(&ps);
    *nbytes = out.len;
    return sb_detach(&out);
}
