/* The paper layout (print/paper.c) measured in terminal cells, over whole documents: the
 * line breaker's rules hold on paper (no line starts with closing punctuation), every
 * footnote sits at the foot of the page of its first marker when the two fit on a page, and
 * nothing overlaps or is lost. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "corpus/corpus_load.h"
#include "print/paper.h"

static struct corpus *corpus;

static void
load(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
}

static void
unload(void)
{
    corpus_free(corpus);
}

TestSuite(paper, .init = load, .fini = unload);

/* A page of `rows` lines of `cols` cells; headings and footnotes one line each too. */
static struct paper_spec
cells_spec(int cols, int rows, bool notes_after)
{
    return (struct paper_spec){
        &measure_cells, &measure_cells, &measure_cells, cols, rows, 1, 1, 1, 1, 1,
        true,           notes_after};
}

static void
layout(const char *address, const struct paper_spec *spec, struct paper *p)
{
    struct print_selection s = {0};
    const struct node *n = corpus_find(corpus, address);
    cr_assert_not_null(n, "%s", address);
    print_select_add(&s, n);
    paper_layout(&s, spec, p);
    print_select_free(&s);
}

/* Characters that never start a line (the list, and the other closing ones). */
static bool
closing(ucs4_t c)
{
    static const ucs4_t list[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF09,
                                  0x300B, 0x201D, 0xFF01, 0xFF1F, 0x300D, 0x3011};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (c == list[i])
            return true;
    return false;
}

static void
expect_no_closing_at_start(const struct paper_line *l, size_t page)
{
    const struct block *b = l->block;
    const char *text = l->line.label_only ? b->label : b->text;
    size_t i = l->line.start;
    while (i < l->line.end && text[i] == ' ')
        i++;
    if (i >= l->line.end)
        return;
    ucs4_t c;
    u8_mbtouc(&c, (const uint8_t *)text + i, l->line.end - i);
    cr_expect_not(closing(c), "page %zu: a line of %s starts with U+%04X", page + 1,
                  b->node ? b->node->address : "?", (unsigned)c);
}

/* The page and line where footnote fn's first marker is, in body order. */
static bool
first_marker(const struct paper *p, const struct node *fn, size_t *page)
{
    for (size_t i = 0; i < p->npages; i++)
        for (size_t k = 0; k < p->pages[i].n; k++) {
            const struct paper_line *l = &p->pages[i].lines[k];
            for (size_t m = 0; !l->note && m < l->block->nlinks; m++) {
                const struct block_link *lk = &l->block->links[m];
                if (lk->ref->target == fn && lk->span.start >= l->line.start &&
                    lk->span.start < l->line.end) {
                    *page = i;
                    return true;
                }
            }
        }
    return false;
}

static void
check_paper(const struct paper *p, int rows)
{
    for (size_t i = 0; i < p->npages; i++) {
        const struct paper_page *pg = &p->pages[i];
        int bottom = pg->notes_top >= 0 ? pg->notes_top : rows;
        for (size_t k = 0; k < pg->n; k++) {
            const struct paper_line *l = &pg->lines[k];
            expect_no_closing_at_start(l, i);
            cr_expect_leq(l->y + l->height, l->note ? rows : bottom, "page %zu overflows", i + 1);
            cr_expect(k == 0 || l->note || l->y >= pg->lines[k - 1].y, "lines out of order");
            size_t at;
            if (l->first_of_note) /* the note of one line here fits: it is on its page */
                cr_expect(first_marker(p, l->block->node, &at) && at == i,
                          "%s sits on page %zu, its marker elsewhere", l->block->node->address,
                          i + 1);
        }
    }
}

Test(paper, footnotes_at_the_foot_of_their_markers_page_and_no_line_starts_badly)
{
    static const int widths[] = {30, 44, 72};
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        struct paper_spec spec = cells_spec(widths[w], 40, false);
        struct paper p;
        layout("A/74/90", &spec, &p);
        cr_expect_gt(p.npages, 5u);
        check_paper(&p, 40);
        paper_free(&p);
        layout("A/72/304", &spec, &p);
        check_paper(&p, 40);
        paper_free(&p);
    }
}

/* All 13 footnotes of A/74/90 are placed once each at a page foot. */
Test(paper, every_footnote_once)
{
    struct paper_spec spec = cells_spec(44, 40, false);
    struct paper p;
    layout("A/74/90", &spec, &p);
    int seen[14] = {0};
    for (size_t i = 0; i < p.npages; i++)
        for (size_t k = 0; k < p.pages[i].n; k++) {
            const struct paper_line *l = &p.pages[i].lines[k];
            if (l->first_of_note && l->block->node->number > 0 && l->block->node->number < 14)
                seen[l->block->node->number]++;
        }
    for (int n = 1; n <= 13; n++)
        cr_expect_eq(seen[n], 1, "footnote %d placed %d times", n, seen[n]);
    paper_free(&p);
}

/* Every byte of every block's text is on some line, once, in order. */
Test(paper, nothing_is_lost_between_lines)
{
    struct paper_spec spec = cells_spec(36, 30, false);
    struct paper p;
    layout("A/74/90#ch3", &spec, &p);
    const struct block *prev = NULL;
    size_t next = 0;
    for (size_t i = 0; i < p.npages; i++)
        for (size_t k = 0; k < p.pages[i].n; k++) {
            const struct paper_line *l = &p.pages[i].lines[k];
            if (l->note || l->line.label_only)
                continue;
            if (l->block != prev) {
                cr_expect(prev == NULL || next >= prev->len, "a block was cut short");
                prev = l->block;
                next = 0;
            }
            cr_expect_eq(l->line.start, next, "a gap or an overlap in %s", l->block->node->address);
            next = l->line.end;
        }
    paper_free(&p);
}

/* After the paragraph: no page-foot notes, and the footnote blocks are in the body. */
Test(paper, footnotes_after_the_paragraph_on_request)
{
    struct paper_spec spec = cells_spec(44, 40, true);
    struct paper p;
    layout("A/74/90#ch3", &spec, &p);
    size_t notes = 0;
    for (size_t i = 0; i < p.npages; i++) {
        cr_expect_eq(p.pages[i].notes_top, -1);
        for (size_t k = 0; k < p.pages[i].n; k++)
            notes += p.pages[i].lines[k].block->style == BLOCK_FOOTNOTE;
    }
    cr_expect_gt(notes, 0u, "no footnote printed");
    paper_free(&p);
}
