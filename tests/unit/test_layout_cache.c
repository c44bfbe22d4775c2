/* Tests of the per-(node, width) layout cache and of node-by-node rendering. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_load.h"
#include "render/layout_cache.h"

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

TestSuite(layout_cache, .init = load, .fini = unload);

Test(layout_cache, a_node_is_laid_out_once_per_width)
{
    struct render_opts opts = {0};
    struct layout_cache *c = layout_cache_new(&opts, 64);
    const struct node *p7 = corpus_find(corpus, "A/74/90#p7");
    const struct laid_node *a = layout_cache_get(c, p7, 40);
    const struct laid_node *b = layout_cache_get(c, p7, 40);
    cr_expect_eq(a, b);
    cr_expect_eq(layout_cache_layouts(c), 1);
    const struct laid_node *w = layout_cache_get(c, p7, 60);
    cr_expect_eq(layout_cache_layouts(c), 2);
    cr_expect_lt(w->nrows, a->nrows, "wider means fewer rows");
    layout_cache_free(c);
}

Test(layout_cache, nothing_is_laid_out_that_is_not_asked_for)
{
    struct render_opts opts = {0};
    struct layout_cache *c = layout_cache_new(&opts, 64);
    /* showing a screenful of a chapter lays out those nodes only, not the document */
    const struct node *ch3 = corpus_find(corpus, "A/74/90#ch3");
    size_t n;
    struct node *const *sub = corpus_subtree(corpus, ch3, &n);
    int rows = 0;
    size_t shown = 0;
    for (; shown < n && rows < 24; shown++)
        rows += layout_cache_get(c, sub[shown], 80)->nrows;
    cr_expect_eq(layout_cache_layouts(c), shown);
    cr_expect_lt(shown, n);
    layout_cache_free(c);
}

Test(layout_cache, own_blocks_only_with_the_documents_indents)
{
    struct render_opts opts = {0};
    struct layout_cache *c = layout_cache_new(&opts, 64);
    /* p14 alone: its own block, not its five items */
    const struct laid_node *p14 = layout_cache_get(c, corpus_find(corpus, "A/74/90#p14"), 80);
    cr_expect_eq(p14->blocks.n, 1);
    cr_expect_str_eq(p14->blocks.v[0].label, "14.");
    /* its item hangs under the paragraph's text, as in the whole paragraph */
    const struct laid_node *item = layout_cache_get(c, corpus_find(corpus, "A/74/90#p14.2"), 80);
    cr_expect_eq(item->blocks.n, 1);
    cr_expect_eq(item->blocks.v[0].indent, 4);
    cr_expect_str_eq(item->blocks.v[0].label, "-");
    /* a nested item of A/72/304: under (五) of China's list */
    const struct laid_node *nested =
        layout_cache_get(c, corpus_find(corpus, "A/72/304#CHN.p1.5.1"), 80);
    /* CHN.p1 has no number (0 columns); "(五)" is 4 columns and a space */
    cr_expect_eq(nested->blocks.v[0].indent, 5);
    layout_cache_free(c);
}

Test(layout_cache, a_full_cache_starts_again_and_stays_bounded)
{
    struct render_opts opts = {0};
    struct layout_cache *c = layout_cache_new(&opts, 4);
    const char *addrs[] = {"A/74/90#p1", "A/74/90#p2", "A/74/90#p3",
                           "A/74/90#p4", "A/74/90#p5", "A/74/90#p1"};
    for (size_t i = 0; i < 6; i++)
        cr_assert_not_null(layout_cache_get(c, corpus_find(corpus, addrs[i]), 30));
    cr_expect_eq(layout_cache_layouts(c), 6, "p1 was dropped when the cache filled");
    layout_cache_free(c);
}
