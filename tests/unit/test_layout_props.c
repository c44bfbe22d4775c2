/* Properties of the layout over every node of the real corpus, at every width from 8 to 120:
 * no line wider than the width, no forbidden line start or end, and the lines of a block
 * joined again give back its text exactly. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "corpus/corpus_load.h"
#include "render/blocks.h"
#include "text/width.h"

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

static bool
is_marker_char(ucs4_t c)
{
    return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

/* The lists: no line starts with ，。、；：？！）》」% or a footnote marker, none ends
 * with （《「 or a middle dot. */
static bool
forbidden_start(ucs4_t c)
{
    static const char *const list[] = {"，", "。", "、", "；", "：", "？",
                                       "！", "）", "》", "」", "%"};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        ucs4_t l;
        u8_mbtouc(&l, (const uint8_t *)list[i], strlen(list[i]));
        if (c == l)
            return true;
    }
    return is_marker_char(c);
}

static bool
forbidden_end(ucs4_t c)
{
    return c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x00B7;
}

static ucs4_t
first_char(const char *s, size_t n)
{
    while (n > 0 && *s == ' ')
        s++, n--;
    ucs4_t c = 0;
    if (n > 0)
        u8_mbtouc(&c, (const uint8_t *)s, n);
    return c;
}

static ucs4_t
last_char(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        n--;
    ucs4_t c = 0;
    if (n > 0)
        u8_prev(&c, (const uint8_t *)s + n, (const uint8_t *)s);
    return c;
}

static bool
starts_with_marker_span(const struct block *b, size_t pos)
{
    for (size_t i = 0; i < b->nmarkers; i++)
        if (b->markers[i].start == pos)
            return true;
    return false;
}

static int failures;

static void
check_block(const struct block *b, int width)
{
    struct block_line *lines;
    size_t n = block_layout(b, width, &lines);
    size_t joined = 0;
    for (size_t k = 0; k < n; k++) {
        const struct block_line *l = &lines[k];
        char *text = block_line_text(b, l);
        int cols = text_width(text, strlen(text));
        if (cols > width && failures++ < 20)
            cr_expect_leq(cols, width, "%s at %d: `%s` is %d columns", b->node->address, width,
                          text, cols);
        free(text);
        if (l->label_only)
            continue;
        cr_assert_eq(l->start, joined, "%s at %d: lines not contiguous", b->node->address, width);
        joined = l->end;
        const char *s = b->text + l->start;
        size_t len = l->end - l->start;
        if (k > 0 && len > 0 && l->start > 0 &&
            (forbidden_start(first_char(s, len)) || starts_with_marker_span(b, l->start)) &&
            failures++ < 20)
            cr_expect_fail("%s at %d: line %zu starts with a forbidden character: `%.*s`",
                           b->node->address, width, k, (int)len, s);
        if (l->end < b->len && forbidden_end(last_char(s, len)) && failures++ < 20)
            cr_expect_fail("%s at %d: line %zu ends with a forbidden character: `%.*s`",
                           b->node->address, width, k, (int)len, s);
    }
    cr_assert_eq(joined, b->len, "%s at %d: joined lines lose text", b->node->address, width);
    free(lines);
}

Test(layout_props, every_node_at_every_width, .init = load, .fini = unload, .timeout = 120)
{
    size_t count;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    struct render_opts opts = {.footnotes = true};
    size_t nblocks = 0;
    for (size_t i = 0; i < count; i++) {
        /* every node on its own: leaves cover every text once, cards and headings too */
        if (nodes[i]->nchildren > 0 && nodes[i]->kind != NODE_PARAGRAPH)
            continue;
        struct block_list blocks = {0};
        render_node(nodes[i], &opts, &blocks);
        for (size_t b = 0; b < blocks.n; b++)
            for (int width = 8; width <= 120; width++)
                check_block(&blocks.v[b], width);
        nblocks += blocks.n;
        block_list_free(&blocks);
    }
    cr_expect_gt(nblocks, 900, "the whole corpus was laid out (%zu blocks)", nblocks);
    cr_expect_eq(failures, 0, "%d problems", failures);
}

Test(layout_props, headings_and_cards_too, .init = load, .fini = unload)
{
    /* whole documents: every heading, front matter, response header and paper row */
    size_t ndocs;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    struct render_opts opts = {.footnotes = false};
    for (size_t d = 0; d < ndocs; d++) {
        struct block_list blocks = {0};
        render_node(docs[d], &opts, &blocks);
        for (size_t b = 0; b < blocks.n; b++)
            for (int width = 8; width <= 120; width += 7)
                check_block(&blocks.v[b], width);
        block_list_free(&blocks);
    }
    cr_expect_eq(failures, 0, "%d problems", failures);
}
