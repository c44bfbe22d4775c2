/* Printing: the selection, its description, and the selection made into parts of blocks. */
#include "print/print.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "print/pdf.h"
#include "print/print_int.h"
#include "text/width.h"
#include "util/xalloc.h"
#include "util/i18n.h"

/* The description names this many parts, then says how many there are in all. */
enum { DESCRIBE_MAX_PARTS = 6 };

/* --- Text helpers ----------------------------------------------------------------------------- */

void
print_put_clean(struct strbuf *sb, const char *s, size_t n, bool one_line)
{
    const uint8_t *p = (const uint8_t *)s;
    while (n > 0) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, p, n);
        if (len < 0) { /* never in sanitised text; shown as the sanitiser would */
            sb_puts(sb, "\xEF\xBF\xBD");
            len = 1;
        } else if (c == '\t' || c == '\n') {
            sb_putc(sb, one_line ? ' ' : (char)c);
        } else if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)) {
            sb_append(sb, (const char *)p, (size_t)len);
        }
        p += len;
        n -= (size_t)len;
    }
}

char *
print_clip(const char *s, int width, bool ellipsis)
{
    size_t n = strlen(s);
    if (text_width(s, n) <= width)
        return xstrdup(s);
    int limit = width - (ellipsis ? text_width("…", strlen("…")) : 0);
    int cols = 0;
    size_t i = 0;
    while (i < n) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        if (cols + cell_width(c) > limit)
            break;
        cols += cell_width(c);
        i += (size_t)len;
    }
    return ellipsis ? xasprintf("%.*s…", (int)i, s) : xstrndup(s, i);
}

/* --- Headings and running headers ------------------------------------------------------------- */

const char *
print_symbol(const struct node *node)
{
    if (node->document != NULL && node->document->u.document.symbol != NULL)
        return node->document->u.document.symbol;
    if (node->kind == NODE_DOCUMENT && node->u.document.symbol != NULL)
        return node->u.document.symbol;
    return node->address;
}

/* "symbol  heading", either part left out when empty, on one line. */
static char *
join_context(const char *symbol, const char *heading)
{
    struct strbuf sb = STRBUF_INIT;
    print_put_clean(&sb, symbol, strlen(symbol), true);
    if (symbol[0] != '\0' && heading[0] != '\0')
        sb_puts(&sb, "  ");
    print_put_clean(&sb, heading, strlen(heading), true);
    return sb_detach(&sb);
}

/* A node's heading as the text shows it: "三. 确定可能的共同点", "附件一 …", "挪威"; "" when
 * it has none. Mirrors render_heading's labels. */
static char *
node_heading(const struct node *n)
{
    const char *title =
        n->kind == NODE_DOCUMENT ? (n->title ? n->title : "") : node_display_title(n);
    bool dotted = n->kind == NODE_CHAPTER || n->kind == NODE_SECTION;
    bool labelled =
        dotted || n->kind == NODE_ANNEX || n->kind == NODE_HEADING || n->kind == NODE_FRONT_MATTER;
    if (!labelled || n->label == NULL || n->label[0] == '\0')
        return xstrdup(title);
    return xasprintf("%s%s%s%s", n->label, dotted ? "." : "", title[0] ? " " : "", title);
}

static bool
is_heading_kind(enum node_kind k)
{
    return k == NODE_DOCUMENT || k == NODE_FRONT_MATTER || k == NODE_CHAPTER || k == NODE_SECTION ||
           k == NODE_ANNEX || k == NODE_HEADING || k == NODE_RESPONSE || k == NODE_COUNTRY;
}

/* The running header in effect at node: the nearest heading at or above it. */
static char *
node_context(const struct node *node)
{
    for (const struct node *p = node; p != NULL; p = p->parent) {
        if (!is_heading_kind(p->kind))
            continue;
        char *h = node_heading(p);
        if (h[0] != '\0') {
            char *ctx = join_context(print_symbol(node), h);
            free(h);
            return ctx;
        }
        free(h);
    }
    return join_context(print_symbol(node), "");
}

char *
print_block_context(const struct block *b)
{
    char *heading = b->label == NULL     ? xstrdup(b->text)
                    : b->text[0] == '\0' ? xstrdup(b->label)
                                         : xasprintf("%s %s", b->label, b->text);
    char *ctx = join_context(print_symbol(b->node), heading);
    free(heading);
    return ctx;
}

/* --- Formats, titles and destinations ----------------------------------------------------- */

bool
print_format_for_printer(enum print_format format)
{
    return format != PRINT_HTML;
}

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

enum print_format
print_default_format(const struct print_dest *dest)
{
    if (dest->kind == PRINT_TO_DEFAULT || dest->kind == PRINT_TO_PRINTER)
        return PRINT_PDF;
    if (dest->kind != PRINT_TO_FILE || dest->arg == NULL)
        return PRINT_TEXT;
    if (ends_with(dest->arg, ".pdf"))
        return PRINT_PDF;
    return ends_with(dest->arg, ".html") || ends_with(dest->arg, ".htm") ? PRINT_HTML : PRINT_TEXT;
}

const char *
print_content_type(enum print_format format)
{
    return format == PRINT_PDF    ? "application/pdf"
           : format == PRINT_HTML ? "text/html"
                                  : "text/plain";
}

const char *
print_media(enum print_paper paper)
{
    return paper == PRINT_PAPER_LETTER ? "Letter" : "A4";
}

char *
print_title(const struct print_selection *s)
{
    const struct node *first = s->first != NULL ? s->first : s->n > 0 ? s->v[0] : NULL;
    if (first == NULL)
        return xstrdup("ndvr");
    char *ctx = node_context(first), *title = xstrdup(ctx);
    char *gap = strstr(title, "  "); /* one space between the symbol and the heading */
    if (gap != NULL)
        memmove(gap, gap + 1, strlen(gap + 1) + 1);
    free(ctx);
    return title;
}

/* --- The selection ---------------------------------------------------------------------------- */

void
print_select_add(struct print_selection *s, const struct node *node)
{
    if (node == NULL)
        return;
    s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = node;
}

static int
cmp_order(const void *a, const void *b)
{
    const struct node *x = *(const struct node *const *)a, *y = *(const struct node *const *)b;
    return (x->order > y->order) - (x->order < y->order);
}

void
print_select_normalize(struct print_selection *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, cmp_order);
    size_t kept = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct node *top = kept > 0 ? s->v[kept - 1] : NULL;
        if (top != NULL && s->v[i]->order >= top->order && s->v[i]->order < top->subtree_end)
            continue; /* the same node, or inside the one kept before */
        s->v[kept++] = s->v[i];
    }
    s->n = kept;
    if (s->first == NULL || s->last == NULL)
        return;
    if (s->last->order < s->first->order) {
        const struct node *t = s->first;
        s->first = s->last;
        s->last = t;
        size_t b = s->from;
        s->from = s->to;
        s->to = b;
    }
    if (s->first == s->last && s->to < s->from) {
        size_t b = s->from;
        s->from = s->to;
        s->to = b;
    }
}

void
print_select_free(struct print_selection *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

static void
describe_node(struct strbuf *sb, const struct node *node)
{
    print_put_clean(sb, node->address, strlen(node->address), true);
    char *h = node_heading(node);
    if (h[0] != '\0') {
        sb_puts(sb, " (");
        print_put_clean(sb, h, strlen(h), true);
        sb_putc(sb, ')');
    }
    free(h);
}

char *
print_describe(const struct print_selection *s)
{
    struct strbuf sb = STRBUF_INIT;
    if (s->first != NULL && s->last != NULL) { /* a passage: the addresses alone */
        print_put_clean(&sb, s->first->address, strlen(s->first->address), true);
        sb_puts(&sb, s->first == s->last ? " (part)" : " to ");
        if (s->first != s->last)
            print_put_clean(&sb, s->last->address, strlen(s->last->address), true);
        return sb_detach(&sb);
    }
    if (s->n == 0)
        return xstrdup("nothing");
    for (size_t i = 0; i < s->n && i < DESCRIBE_MAX_PARTS; i++) {
        sb_puts(&sb, i > 0 ? ", " : "");
        describe_node(&sb, s->v[i]);
    }
    if (s->n > DESCRIBE_MAX_PARTS)
        sb_printf(&sb, _(", … (%zu parts)"), s->n);
    return sb_detach(&sb);
}

/* --- Parts: whole nodes ----------------------------------------------------------------------- */

static struct print_part *
add_part(struct print_parts *out, const struct node *node)
{
    out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
    struct print_part *p = &out->v[out->n++];
    memset(p, 0, sizeof *p);
    p->node = node;
    p->context = node_context(node);
    return p;
}

void
print_parts_free(struct print_parts *parts)
{
    for (size_t i = 0; i < parts->n; i++) {
        block_list_free(&parts->v[i].blocks);
        free(parts->v[i].context);
    }
    free(parts->v);
    memset(parts, 0, sizeof *parts);
}

/* --- Parts: a range --------------------------------------------------------------------------- */

/* The node after n in document order (depth first), or NULL at the end of its tree. */
static const struct node *
next_in_order(const struct node *n)
{
    if (n->nchildren > 0)
        return n->children[0];
    for (; n->parent != NULL; n = n->parent) {
        const struct node *p = n->parent;
        for (size_t i = 0; i + 1 < p->nchildren; i++)
            if (p->children[i] == n)
                return p->children[i + 1];
    }
    return NULL;
}

/* Keeps only display bytes [a, e) of the block's text, its markers and links with it. */
static void
block_clip(struct block *b, size_t a, size_t e)
{
    char *text = xstrndup(b->text + a, e - a);
    free(b->text);
    b->text = text;
    b->len = e - a;
    size_t nm = 0, nl = 0;
    for (size_t i = 0; i < b->nmarkers; i++)
        if (b->markers[i].start >= a && b->markers[i].end <= e)
            b->markers[nm++] = (struct wrap_span){b->markers[i].start - a, b->markers[i].end - a};
    for (size_t i = 0; i < b->nlinks; i++) {
        struct block_link l = b->links[i];
        if (l.span.start >= a && l.span.end <= e)
            b->links[nl++] = (struct block_link){{l.span.start - a, l.span.end - a}, l.ref};
    }
    b->nmarkers = nm;
    b->nlinks = nl;
}

/* The range being built: where it ends, and footnote blocks waiting for the end of the
 * paragraph (with its items) that cites them. */
struct range_walk {
    const struct print_selection *s;
    struct block_list *out;
    struct block_list notes;
    size_t notes_end; /* order of the first node after the citing paragraph's subtree */
};

static bool
cites(const struct node *n, const struct node *fn, size_t a, size_t e)
{
    for (size_t i = 0; i < n->nrefs; i++) {
        const struct ref *r = &n->refs[i];
        if (r->target == fn && (!r->in_text || (r->at >= a && r->at + r->len <= e)))
            return true;
    }
    return false;
}

/* Whether the part of the range inside n's subtree cites the footnote fn. */
static bool
range_cites(const struct range_walk *w, const struct node *n, const struct node *fn, size_t a,
            size_t e)
{
    if (cites(n, fn, a, e))
        return true;
    for (size_t i = 0; i < n->nchildren; i++) {
        const struct node *c = n->children[i];
        if (c->order > w->s->last->order)
            break;
        size_t ce = c == w->s->last ? w->s->to : c->text_len;
        if (range_cites(w, c, fn, 0, ce))
            return true;
    }
    return false;
}

static void
move_block(struct block_list *to, struct block *b)
{
    to->v = xgrow(to->v, &to->cap, to->n + 1, sizeof *to->v);
    to->v[to->n++] = *b;
}

/* A block taken out of its list (block_list_free frees whole lists). */
static void
free_block(struct block *b)
{
    free(b->label);
    free(b->text);
    free(b->markers);
    free(b->links);
}

static void
flush_notes(struct range_walk *w)
{
    for (size_t i = 0; i < w->notes.n; i++)
        move_block(w->out, &w->notes.v[i]);
    w->notes.n = 0;
}

/* Whether the node's first block of its own shows node->text (so that offsets into the
 * one are offsets into the other, but for superscripts); a card's entries do not. */
static bool
shows_own_text(const struct node *n)
{
    return n->kind == NODE_PARAGRAPH || n->kind == NODE_ITEM || n->kind == NODE_FOOTNOTE;
}

/* One node of the range, its own blocks only, its text clipped to the range. */
static void
walk_node(struct range_walk *w, const struct node *n, bool footnotes)
{
    const struct print_selection *s = w->s;
    size_t a = n == s->first ? s->from : 0;
    size_t e = n == s->last && s->to < n->text_len ? s->to : n->text_len;
    if (a > e)
        a = e;
    struct block_list tmp = {0};
    render_node(n, &(struct render_opts){.footnotes = footnotes, .own_only = true}, &tmp);
    bool clipped = false;
    for (size_t i = 0; i < tmp.n; i++) {
        struct block *b = &tmp.v[i];
        bool text = b->node == n && shows_own_text(n) && n->text_len > 0;
        if (text && !clipped && (a > 0 || e < n->text_len)) {
            block_clip(b, block_display_offset(b, a), block_display_offset(b, e));
            clipped = true;
        }
        if (b->style != BLOCK_FOOTNOTE || b->node == n) {
            move_block(w->out, b);
        } else if (range_cites(w, n, b->node, a, e)) {
            move_block(&w->notes, b);
            w->notes_end = n->subtree_end;
        } else {
            free_block(b);
        }
    }
    free(tmp.v);
}

static void
build_range(const struct print_selection *s, bool footnotes, struct print_part *part)
{
    struct range_walk w = {.s = s, .out = &part->blocks};
    for (const struct node *n = s->first; n != NULL; n = next_in_order(n)) {
        if (w.notes.n > 0 && n->order >= w.notes_end)
            flush_notes(&w);
        /* footnotes show after the text citing them, not where the tree keeps them */
        if (n->kind != NODE_FOOTNOTE || n == s->first || n == s->last)
            walk_node(&w, n, footnotes);
        if (n == s->last)
            break;
    }
    flush_notes(&w);
    free(w.notes.v);
    if (part->blocks.n > 0)
        part->blocks.v[0].blank_before = false;
}

void
print_parts_build(const struct print_selection *s, bool footnotes, struct print_parts *out)
{
    memset(out, 0, sizeof *out);
    if (s->first != NULL && s->last != NULL) {
        build_range(s, footnotes, add_part(out, s->first));
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        struct print_part *p = add_part(out, s->v[i]);
        render_node(s->v[i], &(struct render_opts){.footnotes = footnotes}, &p->blocks);
    }
}

/* --- Rendering -------------------------------------------------------------------------------- */

static bool
check_opts(const struct print_opts *opts, struct diag *d)
{
    if (opts->width < PRINT_MIN_WIDTH || opts->width > PRINT_MAX_WIDTH)
        return diag_set(d, "", 0, 0, _("the width must be from %d to %d columns, not %d"),
                        PRINT_MIN_WIDTH, PRINT_MAX_WIDTH, opts->width);
    if (opts->page_lines < PRINT_MIN_PAGE_LINES || opts->page_lines > PRINT_MAX_PAGE_LINES)
        return diag_set(d, "", 0, 0, _("a page must have from %d to %d lines, not %d"),
                        PRINT_MIN_PAGE_LINES, PRINT_MAX_PAGE_LINES, opts->page_lines);
    if (opts->format != PRINT_TEXT && opts->format != PRINT_HTML && opts->format != PRINT_PDF)
        return diag_set(d, "", 0, 0, _("unknown print format %d"), (int)opts->format);
    if (opts->paper != PRINT_PAPER_A4 && opts->paper != PRINT_PAPER_LETTER)
        return diag_set(d, "", 0, 0, _("unknown paper size %d"), (int)opts->paper);
    return true;
}

char *
print_render(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
             struct diag *d)
{
    if (!check_opts(opts, d))
        return NULL;
    if (s->n == 0 && (s->first == NULL || s->last == NULL)) {
        diag_set(d, "", 0, 0, _("nothing to print"));
        return NULL;
    }
    if (opts->format == PRINT_PDF)
        return print_pdf(s, opts, nbytes != NULL ? nbytes : &(size_t){0}, d);
    struct print_parts parts;
    print_parts_build(s, opts->footnotes, &parts);
    char *describe = print_describe(s);
    size_t n;
    char *out = opts->format == PRINT_HTML ? print_html(&parts, describe, opts, &n)
                                           : print_paginate(&parts, describe, opts, &n);
    free(describe);
    print_parts_free(&parts);
    if (nbytes != NULL)
        *nbytes = n;
    return out;
}

char *
print_first_page(const struct print_selection *s, const struct print_opts *opts)
{
    struct print_opts text = *opts;
    text.format = PRINT_TEXT;
    size_t n;
    char *all = print_render(s, &text, &n, NULL);
    char *ff = all != NULL ? memchr(all, '\f', n) : NULL;
    if (ff != NULL)
        *ff = '\0';
    return all;
}
