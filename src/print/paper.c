/* Paper: lines measured by a device, put on pages with their footnotes at the foot. */
#include "print/paper.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A footnote to put at the foot of a page: its blocks in paper->notes and their lines. */
struct note {
    const struct node *fn;
    size_t block, nblocks; /* in paper->notes */
    struct block_line **lines;
    size_t *nlines;
    int height;
    bool claimed; /* its first marker has been seen */
};

/* A line of the body, before pagination. */
struct body_line {
    const struct block *b;
    struct block_line line;
    int height, gap;         /* its own; the space before it (a block after a blank line) */
    size_t ctx;              /* the running header in effect */
    bool heading, first;     /* a heading's line (kept with the next); its block's first */
    size_t notes_at, nnotes; /* the footnotes first cited on it: note_ix[notes_at ...] */
};

struct builder {
    const struct paper_spec *spec;
    struct paper *paper;
    struct note *notes;
    size_t nnotes;
    struct body_line *lines;
    size_t nlines, cap;
    char **ctx;
    size_t nctx, ctxcap;
    size_t *note_ix;
    size_t nnote_ix, ixcap;
};

/* --- Footnotes ----------------------------------------------------------------------------- */

static struct note *
find_note(struct builder *bl, const struct node *fn)
{
    for (size_t i = 0; i < bl->nnotes; i++)
        if (bl->notes[i].fn == fn)
            return &bl->notes[i];
    return NULL;
}

/* Renders fn into paper->notes once, the first time a block cites it. */
static void
add_note(struct builder *bl, const struct node *fn, size_t *cap)
{
    if (find_note(bl, fn) != NULL)
        return;
    struct block_list *list = &bl->paper->notes;
    size_t first = list->n;
    render_node(fn, &(struct render_opts){.footnotes = false}, list);
    bl->notes = xgrow(bl->notes, cap, bl->nnotes + 1, sizeof *bl->notes);
    bl->notes[bl->nnotes++] = (struct note){.fn = fn, .block = first, .nblocks = list->n - first};
}

/* Every footnote the body cites, in order of first citation, rendered before any line points
 * into the list (which moves while it grows). */
static void
collect_notes(struct builder *bl)
{
    size_t cap = 0;
    const struct print_parts *parts = &bl->paper->parts;
    for (size_t p = 0; p < parts->n; p++)
        for (size_t i = 0; i < parts->v[p].blocks.n; i++) {
            const struct block *b = &parts->v[p].blocks.v[i];
            for (size_t k = 0; k < b->nlinks; k++)
                if (b->links[k].ref->kind == REF_FOOTNOTE && b->links[k].ref->target)
                    add_note(bl, b->links[k].ref->target, &cap);
        }
}

static void
lay_out_note(struct builder *bl, struct note *n)
{
    const struct paper_spec *spec = bl->spec;
    n->lines = xcalloc(n->nblocks ? n->nblocks : 1, sizeof *n->lines);
    n->nlines = xcalloc(n->nblocks ? n->nblocks : 1, sizeof *n->nlines);
    for (size_t i = 0; i < n->nblocks; i++) {
        const struct block *b = &bl->paper->notes.v[n->block + i];
        n->nlines[i] = block_layout_on(b, spec->width, spec->note, &n->lines[i]);
        n->height += (int)n->nlines[i] * spec->note_height;
    }
}

static void
free_notes(struct builder *bl)
{
    for (size_t i = 0; i < bl->nnotes; i++) {
        for (size_t k = 0; k < bl->notes[i].nblocks && bl->notes[i].lines; k++)
            free(bl->notes[i].lines[k]);
        free(bl->notes[i].lines);
        free(bl->notes[i].nlines);
    }
    free(bl->notes);
}

/* The footnotes whose markers are on this line and were not cited before. */
static void
claim_notes(struct builder *bl, struct body_line *l)
{
    l->notes_at = bl->nnote_ix;
    for (size_t k = 0; k < l->b->nlinks; k++) {
        const struct block_link *lk = &l->b->links[k];
        struct note *n = lk->ref->kind == REF_FOOTNOTE ? find_note(bl, lk->ref->target) : NULL;
        if (n == NULL || n->claimed || lk->span.start < l->line.start ||
            lk->span.start >= l->line.end)
            continue;
        n->claimed = true;
        bl->note_ix = xgrow(bl->note_ix, &bl->ixcap, bl->nnote_ix + 1, sizeof *bl->note_ix);
        bl->note_ix[bl->nnote_ix++] = (size_t)(n - bl->notes);
        l->nnotes++;
    }
}

/* --- The body ------------------------------------------------------------------------------ */

static void
add_ctx(struct builder *bl, char *ctx)
{
    bl->ctx = xgrow(bl->ctx, &bl->ctxcap, bl->nctx + 1, sizeof *bl->ctx);
    bl->ctx[bl->nctx++] = ctx;
}

static bool
is_heading(const struct block *b)
{
    return b->style == BLOCK_HEADING || b->style == BLOCK_TITLE;
}

static int
line_height(const struct paper_spec *spec, const struct block *b)
{
    return b->style == BLOCK_FOOTNOTE ? spec->note_height
           : is_heading(b)            ? spec->heading_height
                                      : spec->line_height;
}

static void
add_block(struct builder *bl, const struct block *b, bool part_start)
{
    const struct paper_spec *spec = bl->spec;
    if (is_heading(b))
        add_ctx(bl, print_block_context(b));
    const struct measure *m = b->style == BLOCK_FOOTNOTE ? spec->note
                              : is_heading(b)            ? spec->heading
                                                         : spec->body;
    struct block_line *lines;
    size_t n = block_layout_on(b, spec->width, m, &lines);
    for (size_t k = 0; k < n; k++) {
        bl->lines = xgrow(bl->lines, &bl->cap, bl->nlines + 1, sizeof *bl->lines);
        struct body_line *l = &bl->lines[bl->nlines++];
        *l = (struct body_line){
            b, lines[k], line_height(spec, b), 0, bl->nctx - 1, is_heading(b), k == 0, 0, 0};
        l->gap = k == 0 && (b->blank_before || part_start) ? spec->gap : 0;
        if (spec->footnotes && !spec->notes_after)
            claim_notes(bl, l);
    }
    free(lines);
}

static void
build_body(struct builder *bl)
{
    const struct print_parts *parts = &bl->paper->parts;
    for (size_t p = 0; p < parts->n; p++) {
        add_ctx(bl, xstrdup(parts->v[p].context));
        for (size_t i = 0; i < parts->v[p].blocks.n; i++)
            add_block(bl, &parts->v[p].blocks.v[i], i == 0 && p > 0);
    }
}

/* --- Pages ---------------------------------------------------------------------------------- */

struct pager {
    struct paper_page *page;
    int y;           /* body used */
    int notes_h;     /* the footnotes' height, their rule included */
    size_t *pending; /* footnotes to put at the foot */
    size_t npending, cap;
};

static void
put_line(struct paper_page *pg, const struct paper_line *l)
{
    pg->lines = xgrow(pg->lines, &pg->cap, pg->n + 1, sizeof *pg->lines);
    pg->lines[pg->n++] = *l;
}

static struct paper_page *
new_page(struct builder *bl, size_t ctx)
{
    struct paper *p = bl->paper;
    p->pages = xgrow(p->pages, &p->cap, p->npages + 1, sizeof *p->pages);
    struct paper_page *pg = &p->pages[p->npages++];
    memset(pg, 0, sizeof *pg);
    pg->header = xstrdup(bl->nctx > 0 ? bl->ctx[ctx] : "");
    pg->notes_top = -1;
    return pg;
}

/* The footnotes waiting, from the foot up: the rule, then each note's lines. */
static void
finish_page(struct builder *bl, struct pager *pg)
{
    if (pg->npending == 0)
        return;
    const struct paper_spec *spec = bl->spec;
    pg->page->notes_top = spec->height - pg->notes_h;
    int y = pg->page->notes_top + spec->rule;
    for (size_t i = 0; i < pg->npending; i++) {
        const struct note *n = &bl->notes[pg->pending[i]];
        for (size_t b = 0; b < n->nblocks; b++)
            for (size_t k = 0; k < n->nlines[b]; k++, y += spec->note_height)
                put_line(pg->page,
                         &(struct paper_line){&bl->paper->notes.v[n->block + b], n->lines[b][k], y,
                                              spec->note_height, true, b == 0 && k == 0, k == 0});
    }
    pg->npending = 0;
}

/* The height the line's own footnotes add to the page. */
static int
notes_height(const struct builder *bl, const struct pager *pg, const struct body_line *l)
{
    int h = 0;
    for (size_t i = 0; i < l->nnotes; i++)
        h += bl->notes[bl->note_ix[l->notes_at + i]].height;
    return h > 0 && pg->notes_h == 0 ? h + bl->spec->rule : h;
}

/* Whether line i (and, for a heading, the line after it) fits on the page as it is. */
static bool
fits(const struct builder *bl, const struct pager *pg, size_t i)
{
    const struct body_line *l = &bl->lines[i];
    int need = l->gap + l->height + notes_height(bl, pg, l);
    if (l->heading && i + 1 < bl->nlines)
        need += bl->lines[i + 1].gap + bl->lines[i + 1].height;
    return pg->y + need + pg->notes_h <= bl->spec->height;
}

static void
place(struct builder *bl, struct pager *pg, const struct body_line *l)
{
    int gap = pg->y == 0 ? 0 : l->gap;
    pg->notes_h += notes_height(bl, pg, l);
    put_line(pg->page,
             &(struct paper_line){l->b, l->line, pg->y + gap, l->height, false, false, l->first});
    pg->y += gap + l->height;
    for (size_t i = 0; i < l->nnotes; i++) {
        pg->pending = xgrow(pg->pending, &pg->cap, pg->npending + 1, sizeof *pg->pending);
        pg->pending[pg->npending++] = bl->note_ix[l->notes_at + i];
    }
}

static void
paginate(struct builder *bl)
{
    struct pager pg = {.page = new_page(bl, 0)};
    for (size_t i = 0; i < bl->nlines; i++) {
        if (pg.y > 0 && !fits(bl, &pg, i)) {
            finish_page(bl, &pg);
            pg.page = new_page(bl, bl->lines[i].ctx);
            pg.y = pg.notes_h = 0;
        }
        if (pg.y == 0 && pg.page->n == 0) { /* the header: what is in effect at its top */
            free(pg.page->header);
            pg.page->header = xstrdup(bl->ctx[bl->lines[i].ctx]);
        }
        place(bl, &pg, &bl->lines[i]);
    }
    finish_page(bl, &pg);
    free(pg.pending);
}

void
paper_layout(const struct print_selection *s, const struct paper_spec *spec, struct paper *out)
{
    memset(out, 0, sizeof *out);
    struct builder bl = {.spec = spec, .paper = out};
    print_parts_build(s, spec->footnotes && spec->notes_after, &out->parts);
    if (spec->footnotes && !spec->notes_after)
        collect_notes(&bl);
    for (size_t i = 0; i < bl.nnotes; i++)
        lay_out_note(&bl, &bl.notes[i]);
    build_body(&bl);
    paginate(&bl);
    free_notes(&bl);
    free(bl.lines);
    free(bl.note_ix);
    for (size_t i = 0; i < bl.nctx; i++)
        free(bl.ctx[i]);
    free(bl.ctx);
}

void
paper_free(struct paper *p)
{
    for (size_t i = 0; i < p->npages; i++) {
        free(p->pages[i].lines);
        free(p->pages[i].header);
    }
    free(p->pages);
    print_parts_free(&p->parts);
    block_list_free(&p->notes);
    memset(p, 0, sizeof *p);
}
