/* The reading model (src/reader/) over the real corpus, without a terminal: positions and
 * stored places, history, jumps, scrolling, search stepping, links, the followed footnote,
 * tags and selections, the breadcrumb and citations.
 *
 * Expected values come from the corpus files (the JSON files of assets/corpus, read by hand),
 * from the layout's own structure (layout_cache.h: a node's rows are its blocks' lines plus a
 * blank row before each block with blank_before) or from invariants (offset -> row -> offset
 * round trips, one row per scroll step), never from the reader's own answers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus/corpus_load.h"
#include "reader/reader.h"
#include "render/layout_cache.h"
#include "state/state.h"

#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

static struct corpus *corpus;

static void
load(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(CORPUS_DIR, &corpus, &d), "load: %s", d.msg);
}

static void
unload(void)
{
    corpus_free(corpus);
}

TestSuite(reader, .init = load, .fini = unload);

static const struct node *
find(const char *address)
{
    const struct node *n = corpus_find(corpus, address);
    cr_assert_not_null(n, "%s is in the corpus", address);
    return n;
}

/* A reader over the corpus, no state, text width x rows. */
static void
open_reader(struct reader *rd, int width, int rows)
{
    reader_init(rd, corpus, NULL);
    reader_resize(rd, width, rows);
}

/* The rows of a laid node's text block (its first body or footnote block), from the layout's
 * own structure: every block before it counts its blank row and its lines. n is 0 when the
 * node has no text block. */
struct text_rows {
    int first, n;
    int label; /* of those, the lines holding the label alone (narrow widths), first */
};

static struct text_rows
text_rows_of(const struct laid_node *l)
{
    int row = 0;
    for (size_t i = 0; i < l->blocks.n; i++) {
        const struct block *b = &l->blocks.v[i];
        row += b->blank_before;
        if (b->style == BLOCK_BODY || b->style == BLOCK_FOOTNOTE) {
            int label = 0;
            while (label < (int)l->nlines[i] && l->lines[i][label].label_only)
                label++;
            return (struct text_rows){row, (int)l->nlines[i], label};
        }
        row += (int)l->nlines[i];
    }
    return (struct text_rows){0, 0, 0};
}

/* The byte the reader says is at the top when row `row` of node is. */
static size_t
offset_at(struct reader *rd, const struct node *node, int row)
{
    reader_goto_row(rd, node, row, false);
    return reader_offset(rd);
}

/* --- 1. Stored places: offset <-> row ------------------------------------------------------ */

/* Problems found by a sweep, reported (the first few) without an assertion per check. */
struct sweep {
    long checks, failures;
};

static void
sweep_fail(struct sweep *s, const char *what, const struct node *node, int width, int row, long got,
           long want)
{
    if (s->failures++ < 10)
        cr_expect_fail("%s: %s at width %d, row %d: got %ld, want %ld", what, node->address, width,
                       row, got, want);
}

static void
sweep_check(struct sweep *s, bool ok, const char *what, const struct node *node, int width, int row,
            long got, long want)
{
    s->checks++;
    if (!ok)
        sweep_fail(s, what, node, width, row, got, want);
}

/* Every row of node's text block maps to an offset that maps back to it; rows above or below
 * the text (a blank line, a heading, a card's further fields) have no offset; an offset far
 * past the end is on the last text row. */
static void
roundtrip_node(struct reader *rd, const struct node *node, struct sweep *s)
{
    const struct laid_node *l = reader_layout(rd, node);
    int nrows = l->nrows;
    struct text_rows t = text_rows_of(l);
    for (int r = 0; r < nrows; r++) {
        if (r >= t.first && r < t.first + t.n)
            continue;
        size_t off = offset_at(rd, node, r);
        sweep_check(s, off == READER_OFFSET_NONE, "outside the text", node, rd->width, r, (long)off,
                    -1);
    }
    if (t.n == 0)
        return;
    bool own_text = node->text_len > 0 && node->kind != NODE_EXPERT &&
                    node->kind != NODE_WORKING_PAPER; /* a card's text block is a field */
    for (int r = t.first; r < t.first + t.n; r++) {
        size_t off = offset_at(rd, node, r);
        int back = reader_row_for_offset(rd, node, off);
        /* A label on lines of its own shows where the text starts: those lines and the
         * text's first line are the place of offset 0, which is the label's first row. */
        int want = r <= t.first + t.label ? t.first : r;
        sweep_check(s, off != READER_OFFSET_NONE && back == want, "round trip", node, rd->width, r,
                    back, want);
        if (r <= t.first + t.label && own_text)
            sweep_check(s, off == 0, "the text's first line", node, rd->width, r, (long)off, 0);
    }
    int last = t.first + t.n - 1;
    int past = reader_row_for_offset(rd, node, (size_t)1 << 40);
    sweep_check(s, past == last, "far past the end", node, rd->width, -1, past, last);
    if (own_text) { /* the node's own text is the text block: its end is on the last row */
        int end = reader_row_for_offset(rd, node, node->text_len);
        sweep_check(s, end == last, "at the end", node, rd->width, -1, end, last);
    }
}

/* Every node of every document at width. */
static void
roundtrip_width(struct reader *rd, int width, struct sweep *s)
{
    reader_resize(rd, width, 24);
    size_t ndocs;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    for (size_t d = 0; d < ndocs; d++) {
        size_t count;
        struct node *const *nodes = corpus_subtree(corpus, docs[d], &count);
        for (size_t i = 0; i < count; i++)
            roundtrip_node(rd, nodes[i], s);
    }
}

Test(reader, offsets_and_rows_round_trip_at_every_width)
{
    struct reader rd;
    open_reader(&rd, 80, 24);
    struct sweep s = {0};
    for (int w = 8; w <= 120; w++) /* every node of both documents at every width */
        roundtrip_width(&rd, w, &s);
    cr_expect_gt(s.checks, 400000, "the sweep checked %ld places", s.checks);
    cr_expect_eq(s.failures, 0, "%ld of %ld checks failed", s.failures, s.checks);
    reader_fini(&rd);
}

Test(reader, no_offset_outside_the_text)
{
    struct reader rd;
    open_reader(&rd, 40, 10);
    /* a section's heading and an answer's heading with its [原件：英文] line: no text */
    const struct node *sec = find("A/74/90#ch2.A"), *nor = find("A/72/304#NOR");
    cr_assert_eq(sec->text_len, 0);
    cr_assert_eq(nor->text_len, 0);
    for (int r = 0; r < reader_layout(&rd, sec)->nrows; r++)
        cr_expect_eq(offset_at(&rd, sec, r), READER_OFFSET_NONE, "ch2.A row %d", r);
    for (int r = 0; r < reader_layout(&rd, nor)->nrows; r++)
        cr_expect_eq(offset_at(&rd, nor, r), READER_OFFSET_NONE, "NOR row %d", r);
    /* the blank line above a paragraph; its first text line starts at byte 0 */
    const struct node *p10 = find("A/74/90#p10");
    cr_expect_eq(offset_at(&rd, p10, 0), READER_OFFSET_NONE);
    cr_expect_eq(offset_at(&rd, p10, 1), 0);
    cr_expect_gt(offset_at(&rd, p10, 2), 0);
    reader_fini(&rd);
}

/* A small deterministic generator: the same "random" places on every run. */
static unsigned long
next_random(unsigned long *seed)
{
    *seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
    return *seed >> 33;
}

static int
random_width(unsigned long *seed)
{
    return 8 + (int)(next_random(seed) % 113); /* 8..120 */
}

/* Whether the top row shows byte `offset` of the top node's text, asked of a second reader
 * at the same width: the top row starts at or before it and the next text row after it (or
 * the top row is the label's own line, above the text's first byte). */
static bool
top_shows(struct reader *rd, struct reader *probe, size_t offset)
{
    const struct node *node = reader_top(rd);
    int row = rd->pos.row;
    reader_resize(probe, rd->width, rd->rows);
    struct text_rows t = text_rows_of(reader_layout(probe, node));
    size_t here = offset_at(probe, node, row);
    if (here > offset)
        return false;
    if (row < t.first + t.label)
        return offset == 0;
    return row + 1 >= t.first + t.n || offset_at(probe, node, row + 1) > offset;
}

Test(reader, a_resize_keeps_the_line_at_the_top)
{
    struct reader rd, probe;
    open_reader(&rd, 40, 24);
    open_reader(&probe, 40, 24);
    size_t ndocs;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    unsigned long seed = 20190090;
    int places = 0, in_text = 0;
    while (places < 3000) {
        size_t count;
        struct node *const *nodes =
            corpus_subtree(corpus, docs[next_random(&seed) % ndocs], &count);
        const struct node *node = nodes[next_random(&seed) % count];
        int w1 = random_width(&seed), w2 = random_width(&seed), w3 = random_width(&seed);
        reader_resize(&rd, w1, 24);
        int nrows = reader_layout(&rd, node)->nrows;
        if (nrows == 0 || w2 == w1 || w3 == w2)
            continue;
        places++;
        int row = (int)(next_random(&seed) % (unsigned long)nrows);
        reader_goto_row(&rd, node, row, false);
        size_t before = reader_offset(&rd);
        struct text_rows t = text_rows_of(reader_layout(&rd, node));
        reader_resize(&rd, w2, 24);
        cr_assert_eq(reader_top(&rd), node, "%s stays at the top", node->address);
        int rows2 = reader_layout(&rd, node)->nrows;
        if (before != READER_OFFSET_NONE) {
            in_text++;
            cr_assert(top_shows(&rd, &probe, before), "%s, byte %zu: width %d to %d", node->address,
                      before, w1, w2);
        } else { /* no text at the top: the same row, as far as the node still has one */
            cr_assert_eq(rd.pos.row, row < rows2 ? row : rows2 - 1, "%s: width %d to %d",
                         node->address, w1, w2);
        }
        reader_resize(&rd, w3, 24);
        int rows3 = reader_layout(&rd, node)->nrows;
        reader_resize(&rd, w1, 24);
        cr_assert_eq(reader_top(&rd), node, "%s stays at the top", node->address);
        if (before == READER_OFFSET_NONE) {
            int want = row < rows2 ? row : rows2 - 1;
            want = want < rows3 ? want : rows3 - 1;
            cr_assert_eq(rd.pos.row, want, "%s: widths %d, %d, %d and back", node->address, w1, w2,
                         w3);
            continue;
        }
        /* back at the first width, the same byte is at the top: no creeping up a line per
         * resize (the text's first line comes back as its label's line, see above) */
        cr_assert_eq(reader_offset(&rd), before, "%s row %d: widths %d, %d, %d and back",
                     node->address, row, w1, w2, w3);
        int want = row > t.first && row <= t.first + t.label ? t.first : row;
        cr_assert_eq(rd.pos.row, want, "%s: widths %d, %d, %d and back", node->address, w1, w2, w3);
    }
    cr_expect_gt(in_text, 1000, "%d of the places were in a text", in_text);
    reader_fini(&probe);
    reader_fini(&rd);
}

/* Asserts the reader's top: node, row (and the document read). */
static void
expect_at(struct reader *rd, const struct node *node, int row)
{
    cr_expect_eq(reader_top(rd), node, "at %s, want %s", reader_top(rd)->address, node->address);
    cr_expect_eq(rd->pos.row, row, "%s: row %d, want %d", node->address, rd->pos.row, row);
    cr_expect_eq(rd->pos.root, node->document, "reading %s", node->document->address);
}

Test(reader, stored_places)
{
    char dir[] = "/tmp/ndvr-reader-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    struct state *st = state_open(dir, NULL);
    struct reader rd;
    reader_init(&rd, corpus, st);
    /* at start-up the width is not known yet: the offset waits for it */
    const struct node *p10 = find("A/74/90#p10");
    cr_assert(reader_goto_stored(&rd, "A/74/90#p10", 375, false)); /* footnote 4's marker */
    reader_resize(&rd, 40, 10);
    struct reader probe;
    open_reader(&probe, 40, 10);
    cr_expect_eq(reader_top(&rd), p10);
    cr_expect(top_shows(&rd, &probe, 375));
    /* the start of the text is where going to the node goes */
    cr_assert(reader_goto_stored(&rd, "A/74/90#p10", 0, false));
    expect_at(&rd, p10, reader_first_row(&rd, p10));
    /* at 8 columns, "2." of A/72/304's paragraph 2 takes a line of its own above the text:
     * byte 0 is still where going to the paragraph goes, label and all */
    const struct node *p2 = find("A/72/304#p2");
    reader_resize(&rd, 8, 10);
    struct text_rows t = text_rows_of(reader_layout(&rd, p2));
    cr_assert_eq(t.label, 1);
    cr_assert(reader_goto_stored(&rd, "A/72/304#p2", 0, false));
    expect_at(&rd, p2, reader_first_row(&rd, p2));
    cr_expect_eq(rd.pos.row, t.first);
    reader_resize(&rd, 40, 10);
    /* not places: an address that is not in the corpus, a country */
    cr_expect_not(reader_goto_stored(&rd, "A/74/90#p99", 0, false));
    cr_expect_not(reader_goto_stored(&rd, "NOR", 0, false));
    expect_at(&rd, p2, reader_first_row(&rd, p2));

    /* the place saved is the top node and the byte at the top */
    reader_goto_row(&rd, p10, 3, false);
    size_t off = reader_offset(&rd);
    reader_save_place(&rd);
    const struct state_pos *last = state_last(st, "A/74/90");
    cr_assert_not_null(last);
    cr_expect_str_eq(last->address, "A/74/90#p10");
    cr_expect_eq(last->offset, off);
    /* on a heading, the node with offset 0 */
    reader_goto_row(&rd, find("A/74/90#ch2.A"), 1, false);
    reader_save_place(&rd);
    last = state_last(st, "A/74/90");
    cr_expect_str_eq(last->address, "A/74/90#ch2.A");
    cr_expect_eq(last->offset, 0);
    reader_fini(&probe);
    reader_fini(&rd);
    state_close(st);
    char lock[sizeof dir + 16];
    snprintf(lock, sizeof lock, "%s/state.lock", dir); /* all a session makes before a save */
    unlink(lock);
    cr_expect_eq(rmdir(dir), 0, "nothing else was written in %s", dir);
}

/* --- 2. History ------------------------------------------------------------------------------ */

Test(reader, a_paragraph_starts_below_its_blank_line)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    /* a paragraph's block has a blank line before it; an item's has none */
    const struct node *p10 = find("A/74/90#p10"), *item = find("A/74/90#p14.2");
    cr_expect(reader_layout(&rd, p10)->blocks.v[0].blank_before);
    cr_expect_eq(reader_first_row(&rd, p10), 1);
    cr_expect_not(reader_layout(&rd, item)->blocks.v[0].blank_before);
    cr_expect_eq(reader_first_row(&rd, item), 0);
    reader_goto(&rd, p10, false);
    expect_at(&rd, p10, 1);
    reader_fini(&rd);
}

/* At start-up the reader goes to its first place before the terminal gives it a width: it lays
 * nothing out one column wide (a paragraph of megabytes took as long as laying it out again
 * at the real width, and five times its memory) and finds the first row once it has one. */
Test(reader, goto_before_a_width_waits_for_it)
{
    struct reader rd;
    reader_init(&rd, corpus, NULL);
    const struct node *p10 = find("A/74/90#p10"), *p11 = find("A/74/90#p11");
    reader_goto(&rd, p10, true);
    cr_expect_eq(layout_cache_layouts(rd.cache), 0, "laid out before there is a width");
    reader_resize(&rd, 60, 10);
    expect_at(&rd, p10, 1); /* below its blank line, as at any width */
    reader_goto(&rd, p11, true);
    cr_expect(reader_back(&rd));
    expect_at(&rd, p10, 1);
    reader_fini(&rd);
}

Test(reader, history_restores_exact_places)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p10 = find("A/74/90#p10"), *nor3 = find("A/72/304#NOR.p3"),
                      *p23 = find("A/74/90#p23");
    /* 566 and 535 bytes of Chinese: several lines each at 60 columns */
    cr_assert_gt(reader_layout(&rd, p10)->nrows, 5);
    cr_assert_gt(reader_layout(&rd, nor3)->nrows, 4);

    reader_goto(&rd, p10, true);
    cr_expect_not(reader_back(&rd), "nothing before the first place");
    expect_at(&rd, p10, 1);
    cr_expect_eq(reader_scroll(&rd, 3), 3);
    reader_goto(&rd, nor3, true);
    expect_at(&rd, nor3, 1);
    cr_expect_eq(reader_scroll(&rd, 2), 2); /* scrolled after arriving */

    cr_assert(reader_back(&rd));
    expect_at(&rd, p10, 4); /* where it was left, not where it was arrived at */
    cr_assert(reader_forward(&rd));
    expect_at(&rd, nor3, 3);
    cr_expect_not(reader_forward(&rd), "nothing after the newest place");
    expect_at(&rd, nor3, 3);

    /* a new place drops the forward history */
    cr_assert(reader_back(&rd));
    reader_goto(&rd, p23, true);
    cr_expect_not(reader_forward(&rd));
    expect_at(&rd, p23, 1);
    cr_assert(reader_back(&rd));
    expect_at(&rd, p10, 4);
    cr_expect_not(reader_back(&rd));
    reader_fini(&rd);
}

Test(reader, history_after_a_resize_shows_the_same_line)
{
    struct reader rd, probe;
    open_reader(&rd, 60, 10);
    open_reader(&probe, 60, 10);
    const struct node *p10 = find("A/74/90#p10"), *nor3 = find("A/72/304#NOR.p3");
    reader_goto(&rd, p10, true);
    reader_scroll(&rd, 4);
    size_t left = reader_offset(&rd); /* the fifth line of p10's text at 60 columns */
    cr_assert(left != READER_OFFSET_NONE && left > 0);
    reader_goto(&rd, nor3, true);
    reader_scroll(&rd, 2);
    size_t arrived = reader_offset(&rd);

    /* narrower, p10's rows are others: back shows the line it was left at */
    reader_resize(&rd, 30, 10);
    cr_assert(reader_back(&rd));
    cr_expect_eq(reader_top(&rd), p10);
    cr_expect(top_shows(&rd, &probe, left), "byte %zu of p10 at the top", left);
    cr_assert(reader_forward(&rd));
    cr_expect_eq(reader_top(&rd), nor3);
    cr_expect(top_shows(&rd, &probe, arrived), "byte %zu of NOR.p3 at the top", arrived);

    /* at the width it was recorded at, a place is exact again */
    reader_resize(&rd, 60, 10);
    cr_assert(reader_back(&rd));
    expect_at(&rd, p10, 5);
    reader_fini(&probe);
    reader_fini(&rd);
}

Test(reader, remember_records_where_a_search_moved)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p10 = find("A/74/90#p10"), *nor3 = find("A/72/304#NOR.p3");
    reader_goto(&rd, p10, true);
    reader_scroll(&rd, 2);
    struct position from = rd.pos;
    reader_goto_row(&rd, nor3, 2, false); /* as a search moves */
    reader_remember(&rd, &from);
    cr_assert(reader_back(&rd));
    expect_at(&rd, p10, 3);
    cr_assert(reader_forward(&rd));
    expect_at(&rd, nor3, 2);
    reader_fini(&rd);
}

Test(reader, history_keeps_the_newest_500_places)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    size_t count;
    struct node *const *nodes = corpus_subtree(corpus, find("A/74/90"), &count);
    cr_assert_eq(count, 203, "A-74-90.json holds 203 nodes");
    for (size_t i = 0; i < 600; i++)
        reader_goto(&rd, nodes[i % count], true);
    cr_expect_eq(rd.history.n, 500);
    int backs = 0;
    while (reader_back(&rd))
        backs++;
    cr_expect_eq(backs, 499);
    /* places 0..99 were dropped: the oldest left is the 101st, node 100 of A/74/90 in
     * document order, which is paragraph 10 */
    cr_expect_eq(reader_top(&rd), find("A/74/90#p10"), "oldest: %s", reader_top(&rd)->address);
    reader_fini(&rd);
}

/* --- 3. Jumps -------------------------------------------------------------------------------- */

Test(reader, paragraph_jumps)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p9 = find("A/74/90#p9"), *p10 = find("A/74/90#p10"),
                      *p11 = find("A/74/90#p11");
    reader_goto(&rd, p10, false);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, p11, 1);
    cr_expect(reader_jump(&rd, -1, READER_PARAGRAPH));
    expect_at(&rd, p10, 1);
    /* scrolled inside p10: back to its start first, then to p9 */
    reader_scroll(&rd, 2);
    cr_expect(reader_jump(&rd, -1, READER_PARAGRAPH));
    expect_at(&rd, p10, 1);
    cr_expect(reader_jump(&rd, -1, READER_PARAGRAPH));
    expect_at(&rd, p9, 1);

    /* list items and headings are not paragraphs: p14's five items and the heading of section
     * B lie between p14 and p15 */
    reader_goto(&rd, find("A/74/90#p14"), false);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, find("A/74/90#p15"), 1);
    reader_goto(&rd, find("A/74/90#p14.2"), false);
    cr_expect(reader_jump(&rd, -1, READER_PARAGRAPH));
    expect_at(&rd, find("A/74/90#p14"), 1);
    /* from p40's last item, over Annex I's heading, to the annex's first paragraph */
    reader_goto(&rd, find("A/74/90#p40.2"), false);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, find("A/74/90#annex1.p1"), 1);
    /* Annex II's papers and the footnotes after them count as paragraphs (their blocks have
     * no blank line before them), the list of papers does not */
    reader_goto(&rd, find("A/74/90#annex2"), false);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, find("GE-NDV/2018/4"), 0);
    reader_goto(&rd, find("GE-NDV/2019/3"), false);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, find("A/74/90#fn0"), 0);

    /* the ends: A/74/90's last node is footnote 13; its first paragraph is the cover's */
    const struct node *fn13 = find("A/74/90#fn13");
    reader_goto(&rd, fn13, false);
    cr_expect_not(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, fn13, 0);
    reader_to_start(&rd);
    cr_expect_not(reader_jump(&rd, -1, READER_PARAGRAPH));
    cr_expect_eq(rd.pos.index, 0);
    cr_expect(reader_jump(&rd, 1, READER_PARAGRAPH));
    expect_at(&rd, find("A/74/90#cover.p1"), 1);
    reader_fini(&rd);
}

Test(reader, section_jumps)
{
    struct reader rd;
    open_reader(&rd, 10, 10);
    const struct node *a = find("A/74/90#ch2.A"), *b = find("A/74/90#ch2.B");
    reader_goto(&rd, find("A/74/90#p10"), false);
    cr_expect(reader_jump(&rd, 1, READER_SECTION));
    expect_at(&rd, b, 1);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, a, 1);
    reader_goto(&rd, find("A/74/90#p12"), false);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, a, 1);

    /* "B 关于核查经验的一般性意见" takes several lines at 10 columns: scrolled into it, back
     * to its start first */
    reader_goto(&rd, b, false);
    cr_assert_gt(reader_layout(&rd, b)->nrows, 3);
    reader_scroll(&rd, 1);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, b, 1);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, a, 1);

    /* subheadings and responses are sections in A/72/304 */
    reader_goto(&rd, find("A/72/304#NOR.p7"), false);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, find("A/72/304#NOR.h1"), 1);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, find("A/72/304#NOR"), 1);
    cr_expect(reader_jump(&rd, 1, READER_SECTION));
    expect_at(&rd, find("A/72/304#NOR.h1"), 1);

    /* the ends: Annex II is A/74/90's last section (then its papers and footnotes) */
    const struct node *annex2 = find("A/74/90#annex2");
    reader_goto(&rd, annex2, false);
    cr_expect_not(reader_jump(&rd, 1, READER_SECTION));
    expect_at(&rd, annex2, 1);
    reader_goto(&rd, find("A/74/90#fn13"), false);
    cr_expect(reader_jump(&rd, -1, READER_SECTION));
    expect_at(&rd, annex2, 1);
    reader_to_start(&rd);
    cr_expect_not(reader_jump(&rd, -1, READER_SECTION));
    cr_expect(reader_jump(&rd, 1, READER_SECTION));
    expect_at(&rd, find("A/74/90#cover"), reader_first_row(&rd, find("A/74/90#cover")));
    reader_fini(&rd);
}

/* --- 4. Scrolling ---------------------------------------------------------------------------- */

/* The rows of the document above the top row. */
static long
rows_above(struct reader *rd)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    long above = rd->pos.row;
    for (size_t i = 0; i < rd->pos.index; i++)
        above += reader_layout(rd, nodes[i])->nrows;
    return above;
}

static long
document_rows(struct reader *rd)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    long total = 0;
    for (size_t i = 0; i < count; i++)
        total += reader_layout(rd, nodes[i])->nrows;
    return total;
}

static void
count_row(void *arg, const struct reader_row *row)
{
    int *n = arg;
    cr_expect_eq(row->y, *n, "rows come top to bottom");
    (*n)++;
}

Test(reader, scrolling_stops_at_the_ends)
{
    struct reader rd;
    open_reader(&rd, 40, 12);
    reader_goto(&rd, find("A/72/304"), false);
    long total = document_rows(&rd);
    cr_assert_gt(total, 1000);
    cr_expect_eq(reader_scroll(&rd, -3), 0, "nothing above the start");
    cr_expect_eq(rows_above(&rd), 0);
    cr_expect_eq(reader_scroll(&rd, 5), 5);
    cr_expect_eq(rows_above(&rd), 5);
    cr_expect_eq(reader_scroll(&rd, -2), -2);
    cr_expect_eq(rows_above(&rd), 3);
    /* down to the last row at the top, then no further */
    cr_expect_eq(reader_scroll(&rd, 1 << 20), total - 1 - 3);
    cr_expect_eq(rows_above(&rd), total - 1);
    cr_expect_eq(reader_scroll(&rd, 1), 0);
    cr_expect_eq(reader_scroll(&rd, -(1 << 20)), -(total - 1));
    cr_expect_eq(rows_above(&rd), 0);

    /* the end shows a screenful, ending with the document's last row */
    reader_to_end(&rd);
    cr_expect_eq(rows_above(&rd), total - 12);
    int shown = 0;
    reader_each_row(&rd, count_row, &shown);
    cr_expect_eq(shown, 12);
    cr_expect_eq(reader_top(&rd)->document, find("A/72/304"));
    reader_to_start(&rd);
    cr_expect_eq(rows_above(&rd), 0);
    reader_fini(&rd);
}

Test(reader, one_row_at_a_time_through_a_document_with_empty_nodes)
{
    /* A/74/90's expert lists and its list of papers have no rows of their own: a step over
     * them is still one row */
    struct reader rd;
    open_reader(&rd, 40, 12);
    cr_assert_eq(reader_layout(&rd, find("A/74/90#experts.DEU"))->nrows, 0);
    reader_goto(&rd, find("A/74/90"), false);
    long total = document_rows(&rd), steps = 0;
    while (reader_scroll(&rd, 1) == 1) {
        steps++;
        cr_assert_eq(rows_above(&rd), steps);
    }
    cr_expect_eq(steps, total - 1);
    while (reader_scroll(&rd, -1) == -1)
        steps--;
    cr_expect_eq(steps, 0);
    cr_expect_eq(rows_above(&rd), 0);
    reader_fini(&rd);
}

/* --- 5. Search ------------------------------------------------------------------------------- */

/* "弹头拆除" (warhead dismantlement) in the corpus files: five responses of A/72/304 and one
 * paragraph of A/74/90's first annex, once each, in node text (byte offsets of the JSON). */
#define QUERY "弹头拆除"
static const struct {
    const char *address;
    size_t offset;
} dismantle[] = {
    {"A/72/304#JPN.p5", 259}, {"A/72/304#NOR.p7", 79},  {"A/72/304#NOR.p16", 93},
    {"A/72/304#SWE.p7", 126}, {"A/72/304#GBR.p5", 369}, {"A/74/90#annex1.p7", 84},
};
enum { NHITS = sizeof dismantle / sizeof *dismantle };

/* The place at the top of the text with node's row `row` there. */
static struct position
place(struct reader *rd, const struct node *node, int row)
{
    reader_goto_row(rd, node, row, false);
    return rd->pos;
}

/* The reader shows hit i at its top (the row of the hit's byte, by the stored-place mapping). */
static void
expect_at_hit(struct reader *rd, size_t i)
{
    const struct node *n = find(dismantle[i].address);
    cr_expect_eq(rd->search.current, i, "current hit %zu, want %zu", rd->search.current, i);
    expect_at(rd, n, reader_row_for_offset(rd, n, dismantle[i].offset));
}

static void
search_ok(struct reader *rd, bool backward, const struct position *from)
{
    struct diag d = {0};
    cr_assert_eq(reader_search(rd, QUERY, backward, from, &d), READER_FOUND, "%s", d.msg);
    cr_assert_eq(rd->search.hits.n, NHITS);
    for (size_t i = 0; i < NHITS; i++) {
        cr_expect_str_eq(rd->search.hits.v[i].node->address, dismantle[i].address);
        cr_expect_eq(rd->search.hits.v[i].offset, dismantle[i].offset);
    }
}

Test(reader, search_starts_from_a_place)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    struct position start = place(&rd, find("A/72/304"), 0);
    search_ok(&rd, false, &start);
    expect_at_hit(&rd, 0);
    cr_expect(rd.search.active);
    cr_expect(rd.search.highlight);

    /* NOR.p10 lies between the hits of NOR.p7 and NOR.p16 */
    struct position mid = place(&rd, find("A/72/304#NOR.p10"), 1);
    search_ok(&rd, false, &mid);
    expect_at_hit(&rd, 2);
    search_ok(&rd, true, &mid);
    expect_at_hit(&rd, 1);

    /* a hit on the top row is "at" the place: found, and nothing moves */
    const struct node *nor7 = find("A/72/304#NOR.p7");
    struct position at = place(&rd, nor7, reader_row_for_offset(&rd, nor7, 79));
    search_ok(&rd, false, &at);
    expect_at_hit(&rd, 1);
    /* backward, it is not before the place */
    search_ok(&rd, true, &at);
    expect_at_hit(&rd, 0);

    /* nothing before the start of the corpus: backward wraps to the last hit */
    search_ok(&rd, true, &start);
    expect_at_hit(&rd, 5);
    reader_fini(&rd);
}

Test(reader, a_hit_on_screen_moves_nothing)
{
    struct reader rd;
    open_reader(&rd, 60, 40);
    /* NOR.p15 (168 bytes) and its three short items fit in 40 rows with NOR.p16's start */
    const struct node *nor15 = find("A/72/304#NOR.p15");
    struct position from = place(&rd, nor15, 1);
    search_ok(&rd, false, &from);
    cr_expect_eq(rd.search.current, 2);
    expect_at(&rd, nor15, 1);
    reader_fini(&rd);
}

Test(reader, search_steps_from_where_the_reader_is)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    bool wrapped = true;
    struct position start = place(&rd, find("A/72/304"), 0);
    search_ok(&rd, false, &start);
    expect_at_hit(&rd, 0);

    /* moved on to Sweden's answer: the next hit is Sweden's, not Norway's after Japan's */
    reader_goto(&rd, find("A/72/304#SWE.p1"), false);
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect_not(wrapped);
    expect_at_hit(&rd, 3);

    /* at the end of A/72/304 (its footnotes hold no hit): on into A/74/90, no wrap */
    reader_to_end(&rd);
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect_not(wrapped);
    expect_at_hit(&rd, 5);
    /* past the last hit of the corpus: around to the first */
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect(wrapped);
    expect_at_hit(&rd, 0);
    /* and back around */
    cr_expect(reader_search_step(&rd, -1, &wrapped));
    cr_expect(wrapped);
    expect_at_hit(&rd, 5);
    /* backward from A/74/90 into A/72/304 is no wrap */
    cr_expect(reader_search_step(&rd, -1, &wrapped));
    cr_expect_not(wrapped);
    expect_at_hit(&rd, 4);

    /* from the end of A/74/90, after its last hit: wrapped to the first */
    reader_goto(&rd, find("A/74/90"), false);
    reader_to_end(&rd);
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect(wrapped);
    expect_at_hit(&rd, 0);
    /* from the start of A/74/90 backward: A/72/304's last hit */
    reader_goto(&rd, find("A/74/90#p1"), false);
    cr_expect(reader_search_step(&rd, -1, &wrapped));
    cr_expect_not(wrapped);
    expect_at_hit(&rd, 4);
    /* from the start of A/72/304 backward: around to the last */
    reader_goto(&rd, find("A/72/304"), false);
    cr_expect(reader_search_step(&rd, -1, &wrapped));
    cr_expect(wrapped);
    expect_at_hit(&rd, 5);
    reader_fini(&rd);
}

Test(reader, the_current_hit_on_screen_steps_to_the_next)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    bool wrapped;
    const struct node *nor7 = find("A/72/304#NOR.p7");
    struct position at = place(&rd, nor7, reader_row_for_offset(&rd, nor7, 79));
    search_ok(&rd, false, &at);
    expect_at_hit(&rd, 1);
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect_not(wrapped);
    expect_at_hit(&rd, 2);
    cr_expect(reader_search_step(&rd, -1, &wrapped));
    expect_at_hit(&rd, 1);

    /* with both hits of Norway's answer on one tall screen, the next becomes current where
     * it is: the text stays */
    reader_resize(&rd, 60, 400);
    struct position here = rd.pos;
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect_eq(rd.search.current, 2);
    cr_expect_eq(rd.pos.index, here.index);
    cr_expect_eq(rd.pos.row, here.row);
    reader_fini(&rd);
}

Test(reader, clearing_and_forgetting_a_search)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    bool wrapped;
    struct position start = place(&rd, find("A/72/304"), 0);
    search_ok(&rd, false, &start);
    reader_search_clear(&rd);
    cr_expect_not(rd.search.highlight);
    cr_expect(rd.search.active, "cleared, the search still steps");
    cr_expect(reader_search_step(&rd, 1, &wrapped));
    cr_expect(rd.search.highlight, "a step shows the matches again");
    expect_at_hit(&rd, 1);

    /* an empty query forgets the search and stays where it began */
    struct diag d = {0};
    struct position from = place(&rd, find("A/74/90#p23"), 1);
    cr_expect_eq(reader_search(&rd, "", false, &from, &d), READER_NOT_FOUND);
    cr_expect_not(rd.search.active);
    cr_expect_eq(rd.search.hits.n, 0);
    cr_expect_not(reader_search_step(&rd, 1, &wrapped));
    expect_at(&rd, find("A/74/90#p23"), 1);

    /* a query found nowhere neither moves nor steps */
    cr_expect_eq(reader_search(&rd, "弹头拆除核查信托", false, &from, &d), READER_NOT_FOUND);
    cr_expect_not(reader_search_step(&rd, -1, &wrapped));
    expect_at(&rd, find("A/74/90#p23"), 1);
    reader_fini(&rd);
}

/* --- 6. Links on screen ---------------------------------------------------------------------- */

/* A reader showing exactly A/74/90's paragraph 10 at width 60: its rows below the blank. */
static const struct node *
show_p10(struct reader *rd)
{
    const struct node *p10 = find("A/74/90#p10");
    open_reader(rd, 60, 10);
    int rows = reader_layout(rd, p10)->nrows - 1;
    reader_resize(rd, 60, rows);
    reader_goto(rd, p10, false);
    return p10;
}

Test(reader, links_on_screen_top_to_bottom)
{
    struct reader rd;
    const struct node *p10 = show_p10(&rd);
    /* p10 cites footnotes 4, 5 and 6 (refs at bytes 375, 466 and 563 of its text) and makes
     * no other reference */
    static const char *const notes[] = {"A/74/90#fn4", "A/74/90#fn5", "A/74/90#fn6"};
    struct reader_link *links;
    size_t n = reader_links(&rd, &links);
    cr_assert_eq(n, 3);
    for (size_t i = 0; i < n; i++) {
        cr_expect_eq(links[i].node, p10);
        cr_expect_eq(links[i].ref.kind, REF_FOOTNOTE);
        cr_expect_eq(links[i].ref.target, find(notes[i]), "link %zu", i);
        cr_expect(links[i].y >= 0 && links[i].y < rd.rows);
        cr_expect(links[i].x0 < links[i].x1 && links[i].x1 <= rd.width);
        if (i > 0)
            cr_expect(links[i].y > links[i - 1].y ||
                          (links[i].y == links[i - 1].y && links[i].x0 > links[i - 1].x1),
                      "link %zu after link %zu", i, i - 1);
    }
    free(links);
    reader_fini(&rd);
}

Test(reader, link_cycling_wraps_both_ways)
{
    struct reader rd;
    show_p10(&rd);
    const struct node *fn4 = find("A/74/90#fn4"), *fn5 = find("A/74/90#fn5"),
                      *fn6 = find("A/74/90#fn6");
    cr_expect_null(reader_link(&rd));
    cr_assert(reader_link_step(&rd, 1));
    cr_expect_eq(reader_link(&rd)->target, fn4);
    cr_assert(reader_link_step(&rd, 1));
    cr_expect_eq(reader_link(&rd)->target, fn5);
    cr_assert(reader_link_step(&rd, 1));
    cr_expect_eq(reader_link(&rd)->target, fn6);
    cr_assert(reader_link_step(&rd, 1));
    cr_expect_eq(reader_link(&rd)->target, fn4, "after the last, the first");
    cr_assert(reader_link_step(&rd, -1));
    cr_expect_eq(reader_link(&rd)->target, fn6, "before the first, the last");
    cr_assert(reader_link_step(&rd, -1));
    cr_expect_eq(reader_link(&rd)->target, fn5);

    /* going somewhere forgets the link; with none chosen, backward starts at the last */
    reader_goto(&rd, find("A/74/90#p10"), false);
    cr_expect_null(reader_link(&rd));
    cr_assert(reader_link_step(&rd, -1));
    cr_expect_eq(reader_link(&rd)->target, fn6);
    reader_goto(&rd, find("A/74/90#p10"), true);
    reader_link_step(&rd, 1);
    reader_goto(&rd, find("A/74/90#p23"), true);
    cr_assert(reader_back(&rd));
    cr_expect_null(reader_link(&rd), "back forgets it too");
    reader_fini(&rd);
}

Test(reader, no_link_on_screen)
{
    /* p12 (180 bytes) cites nothing */
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p12 = find("A/74/90#p12");
    cr_assert_eq(p12->nrefs, 0);
    reader_resize(&rd, 60, reader_layout(&rd, p12)->nrows - 1);
    reader_goto(&rd, p12, false);
    struct reader_link *links;
    cr_expect_eq(reader_links(&rd, &links), 0);
    free(links);
    cr_expect_not(reader_link_step(&rd, 1));
    cr_expect_null(reader_link(&rd));
    reader_fini(&rd);
}

/* --- 7. The footnote followed into the context pane ------------------------------------------ */

Test(reader, the_note_stays_while_its_citing_node_is_on_screen)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p10 = find("A/74/90#p10"), *fn4 = find("A/74/90#fn4");
    reader_goto(&rd, p10, false);
    reader_set_note(&rd, fn4, p10);
    cr_expect_eq(reader_note(&rd), fn4);
    reader_scroll(&rd, 2); /* still inside p10 */
    cr_expect_eq(reader_note(&rd), fn4);
    reader_goto(&rd, find("A/74/90#p9"), false); /* p10 below p9, on the same screen */
    cr_assert(reader_on_screen(&rd, p10, -1));
    cr_expect_eq(reader_note(&rd), fn4);

    /* p12 at the top: p10 is above the screen */
    reader_goto(&rd, find("A/74/90#p12"), false);
    cr_expect_null(reader_note(&rd));
    /* forgotten, not hidden: coming back does not bring it back */
    reader_goto(&rd, p10, false);
    cr_expect_null(reader_note(&rd));

    /* another document */
    reader_set_note(&rd, fn4, p10);
    reader_goto(&rd, find("A/72/304#NOR.p3"), false);
    cr_expect_null(reader_note(&rd));
    reader_fini(&rd);
}

/* --- 8. Tags and the print selection --------------------------------------------------------- */

Test(reader, tags_toggle_nodes_and_subtrees)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *a = find("A/74/90#ch2.A"), *p10 = find("A/74/90#p10"),
                      *p14 = find("A/74/90#p14"), *item = find("A/74/90#p14.3");
    reader_tag(&rd, p14, false);
    cr_expect_eq(rd.ntagged, 1);
    cr_expect(reader_is_tagged(&rd, p14));
    cr_expect_not(reader_is_tagged(&rd, item), "without its subtree: p14 alone");
    reader_tag(&rd, p14, false);
    cr_expect_eq(rd.ntagged, 0);
    cr_expect_not(reader_is_tagged(&rd, p14));

    /* section A of chapter II: its heading, paragraphs 4 to 14 and p14's five items */
    reader_tag(&rd, p10, false);
    reader_tag(&rd, a, true);
    cr_expect_eq(rd.ntagged, 1 + 11 + 5, "p10, tagged already, counts once");
    cr_expect(reader_is_tagged(&rd, item));
    cr_expect_not(reader_is_tagged(&rd, find("A/74/90#ch2.B")));
    cr_expect_not(reader_is_tagged(&rd, find("A/74/90#ch2")));
    reader_tag(&rd, a, true); /* a tagged node: untags it all */
    cr_expect_eq(rd.ntagged, 0);
    cr_expect_not(reader_is_tagged(&rd, p10));

    /* the subtree of a node whose own tag is off turns it all on */
    reader_tag(&rd, item, false);
    reader_tag(&rd, p14, true);
    cr_expect_eq(rd.ntagged, 6);
    reader_untag_all(&rd);
    cr_expect_eq(rd.ntagged, 0);
    cr_expect_not(reader_is_tagged(&rd, p14));
    reader_fini(&rd);
}

Test(reader, the_selection_is_the_tags)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    const struct node *p10 = find("A/74/90#p10"), *p23 = find("A/74/90#p23"),
                      *a = find("A/74/90#ch2.A");
    reader_goto(&rd, find("A/72/304#NOR.p3"), false);
    reader_tag(&rd, p23, false);
    reader_tag(&rd, p10, false);
    struct print_selection sel;
    reader_selection(&rd, &sel);
    cr_assert_eq(sel.n, 2);
    cr_expect_eq(sel.v[0], p10, "in document order");
    cr_expect_eq(sel.v[1], p23);
    cr_expect_null(sel.first, "whole nodes, no range");
    print_select_free(&sel);

    /* a tagged section stands for its tagged paragraphs */
    reader_tag(&rd, a, true);
    reader_selection(&rd, &sel);
    cr_assert_eq(sel.n, 2);
    cr_expect_eq(sel.v[0], a);
    cr_expect_eq(sel.v[1], p23);
    print_select_free(&sel);
    reader_fini(&rd);
}

Test(reader, the_selection_is_a_range)
{
    struct reader rd;
    open_reader(&rd, 30, 10);
    const struct node *p20 = find("A/74/90#p20"), *p21 = find("A/74/90#p21"),
                      *p22 = find("A/74/90#p22");
    reader_goto(&rd, p20, false);
    reader_scroll(&rd, 3); /* the fourth line of p20's text at the top */
    size_t from = reader_offset(&rd);
    cr_assert(from != READER_OFFSET_NONE && from > 0);
    cr_expect(reader_range_toggle(&rd));
    reader_goto(&rd, p22, false);
    struct print_selection sel;
    reader_selection(&rd, &sel);
    cr_expect_eq(sel.first, p20);
    cr_expect_eq(sel.last, p22);
    cr_expect_eq(sel.from, from, "from the line at the top when the range began");
    cr_expect_eq(sel.to, 251, "to the end of p22: 251 bytes");
    cr_assert_eq(sel.n, 3);
    cr_expect_eq(sel.v[0], p20);
    cr_expect_eq(sel.v[1], p21);
    cr_expect_eq(sel.v[2], p22);
    print_select_free(&sel);

    /* upward: the same nodes, in order */
    cr_expect_not(reader_range_toggle(&rd), "the second toggle drops the range");
    cr_expect(reader_range_toggle(&rd));
    reader_goto(&rd, p20, false);
    reader_selection(&rd, &sel);
    cr_expect_eq(sel.first, p20);
    cr_expect_eq(sel.last, p22);
    cr_expect_eq(sel.n, 3);
    print_select_free(&sel);

    /* tags win over the range */
    reader_tag(&rd, p21, false);
    reader_selection(&rd, &sel);
    cr_expect_null(sel.first);
    cr_assert_eq(sel.n, 1);
    cr_expect_eq(sel.v[0], p21);
    print_select_free(&sel);
    reader_untag_all(&rd);
    cr_expect_not(rd.range_active, "untagging all drops the range too");
    reader_fini(&rd);
}

Test(reader, a_range_in_another_document_is_not_the_selection)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    reader_goto(&rd, find("A/74/90#p20"), false);
    reader_range_toggle(&rd);
    reader_goto(&rd, find("A/72/304#NOR.p3"), false);
    struct print_selection sel;
    reader_selection(&rd, &sel);
    cr_expect_null(sel.first);
    cr_assert_eq(sel.n, 1);
    cr_expect_eq(sel.v[0], find("A/72/304#NOR"), "the section being read: Norway's answer");
    print_select_free(&sel);
    reader_fini(&rd);
}

Test(reader, the_section_of_a_place)
{
    /* the nearest chapter, section, annex, front matter or response above, from the trees */
    static const char *const cases[][2] = {
        {"A/74/90#p10", "A/74/90#ch2.A"},
        {"A/74/90#p14.2", "A/74/90#ch2.A"},
        {"A/74/90#p1", "A/74/90#ch1"},
        {"A/74/90#ch2", "A/74/90#ch2"},
        {"A/74/90#cover.p1", "A/74/90#cover"},
        {"A/74/90#experts.DEU.1", "A/74/90#letter"}, /* the list is inside the letter */
        {"GE-NDV/2018/4", "A/74/90#annex2"},
        {"A/74/90#annex1.p7", "A/74/90#annex1"},
        {"A/72/304#NOR.p3", "A/72/304#NOR"},
        {"A/72/304#NOR.p11.1", "A/72/304#NOR"},
        {"A/72/304#NOR.h1", "A/72/304#NOR"},
        {"A/72/304#p2", "A/72/304#ch1"},
        /* directly under the document: nothing above but the document, so itself */
        {"A/74/90#fn4", "A/74/90#fn4"},
        {"A/74/90", "A/74/90"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_expect_eq(reader_section_of(find(cases[i][0])), find(cases[i][1]), "%s: got %s",
                     cases[i][0], reader_section_of(find(cases[i][0]))->address);
    /* with nothing tagged, the selection is that section */
    struct reader rd;
    open_reader(&rd, 60, 10);
    reader_goto(&rd, find("A/74/90#p14.2"), false);
    struct print_selection sel;
    reader_selection(&rd, &sel);
    cr_assert_eq(sel.n, 1);
    cr_expect_eq(sel.v[0], find("A/74/90#ch2.A"));
    print_select_free(&sel);
    reader_fini(&rd);
}

/* --- 9. Breadcrumb and citation -------------------------------------------------------------- */

/* The breadcrumb with node at the top. */
static void
expect_crumb(struct reader *rd, const char *address, const char *want)
{
    char buf[256];
    reader_goto(rd, find(address), false);
    reader_breadcrumb(rd, buf, sizeof buf);
    cr_expect_str_eq(buf, want, "at %s", address);
}

Test(reader, breadcrumb)
{
    struct reader rd;
    open_reader(&rd, 60, 10);
    char buf[256];
    reader_breadcrumb(&rd, buf, sizeof buf);
    cr_expect_str_eq(buf, "(nothing to read)");
    /* A-74-90.json: 203 nodes; in document order p10 is node 100 (100 * 100 / 202 = 49%),
     * under section A (label "A") of chapter 二 */
    expect_crumb(&rd, "A/74/90#p10", "A/74/90 › 二 › A › ¶10 · 49%");
    /* footnote 4 is node 193 (95%), directly under the document */
    expect_crumb(&rd, "A/74/90#fn4", "A/74/90 › fn4 · 95%");
    /* the summary (no label, title 摘要), its unnumbered first paragraph is node 10 (4%) */
    expect_crumb(&rd, "A/74/90#summary.p1", "A/74/90 › 摘要 · 4%");
    expect_crumb(&rd, "A/74/90", "A/74/90 · 0%");
    /* A-72-304.json: 320 nodes; NOR.p3 is node 195 (61%), in Norway's answer of chapter 二 */
    expect_crumb(&rd, "A/72/304#NOR.p3", "A/72/304 › 二 › NOR · 61%");
    /* the end of a document is 100% */
    reader_goto(&rd, find("A/72/304"), false);
    reader_to_end(&rd);
    reader_scroll(&rd, 1 << 20);
    reader_breadcrumb(&rd, buf, sizeof buf);
    cr_expect_str_eq(buf, "A/72/304 › fn7 · 100%");
    reader_fini(&rd);
}

Test(reader, citations)
{
    /* numbers and labels from the corpus files; a response's paragraphs are unnumbered in the
     * source and numbered in order within the answer by their addresses (.p3: the third) */
    static const char *const cases[][2] = {
        {"A/74/90#p23", "A/74/90, para. 23"},
        {"A/74/90#p14.2", "A/74/90, para. 14"}, /* an item cites its paragraph */
        {"A/72/304#p2", "A/72/304, para. 2"},
        {"A/74/90#fn4", "A/74/90, footnote 4"}, /* labelled "⁴", number 4 */
        {"A/74/90#fn13", "A/74/90, footnote 13"},
        {"A/74/90#fn0", "A/74/90, footnote *"}, /* the cover's asterisk, number 0 */
        {"A/72/304#fn1", "A/72/304, footnote 1"},
        {"A/72/304#NOR.p3", "A/72/304 (挪威), para. 3"},
        {"A/72/304#NOR.p7", "A/72/304 (挪威), para. 7"}, /* after the subheading NOR.h1 */
        {"A/72/304#NOR.p11.2", "A/72/304 (挪威), para. 11"},
        /* France's list hangs from FRA.p3, and so do the paragraphs inside its items */
        {"A/72/304#FRA.p3.3", "A/72/304 (法国), para. 3"},
        {"A/72/304#FRA.p3.7.p2", "A/72/304 (法国), para. 3"},
        {"A/72/304#EU.p4", "A/72/304 (欧洲联盟), para. 4"},
        {"A/72/304#NOR", "A/72/304 (挪威)"},
        /* Annex I numbers its paragraphs anew: its paragraph 7 is not the report's */
        {"A/74/90#annex1.p7", "A/74/90 (附件一), para. 7"},
        {"A/74/90#ch2", "A/74/90"},
        {"A/74/90#summary.p2", "A/74/90"},
        {"A/74/90", "A/74/90"},
    };
    char buf[256];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        reader_citation(find(cases[i][0]), buf, sizeof buf);
        cr_expect_str_eq(buf, cases[i][1], "%s", cases[i][0]);
    }
}
