/* Cards' links on the real corpus: which bytes of a card lead where. The expected names,
 * symbols and addresses were read off the JSON of assets/corpus/ by hand: A/74/90's expert list
 * (Norway's expert, experts.NOR.1), its Annex II row GE-NDV/2019/3 with its three submitters
 * and fn9 citing it, item p14.4 citing fn9, and every node with a reference to "NOR". */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_load.h"
#include "render/blocks.h"

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

static const struct node *
must_find(const char *address)
{
    const struct node *n = corpus_find(corpus, address);
    cr_assert_not_null(n, "no node %s", address);
    return n;
}

/* One expected link: the bytes it covers, its kind and where it leads. */
struct want {
    const char *text;
    enum ref_kind kind;
    const char *to;
};

#define EXPERT(text, to)                                                                           \
    {                                                                                              \
        text, REF_EXPERT, to                                                                       \
    }
#define PAPER(symbol)                                                                              \
    {                                                                                              \
        symbol, REF_WORKING_PAPER, symbol                                                          \
    }
#define FOOTNOTE(address)                                                                          \
    {                                                                                              \
        address, REF_FOOTNOTE, address                                                             \
    }
#define PLACE(address)                                                                             \
    {                                                                                              \
        address, REF_DOCUMENT, address                                                             \
    }

static void
expect_link(const struct block *b, const struct block_link *l, const struct want *w)
{
    size_t len = l->span.end - l->span.start;
    cr_expect(len == strlen(w->text) && memcmp(b->text + l->span.start, w->text, len) == 0,
              "link `%.*s` in `%s`, expected `%s`", (int)len, b->text + l->span.start, b->text,
              w->text);
    cr_expect_eq(l->ref->kind, w->kind, "`%s`: kind %s, expected %s", w->text,
                 ref_kind_name(l->ref->kind), ref_kind_name(w->kind));
    cr_assert_not_null(l->ref->target, "`%s` leads nowhere", w->text);
    cr_expect_str_eq(l->ref->target->address, w->to);
    cr_expect_str_eq(l->ref->to, w->to);
    if (w->kind == REF_FOOTNOTE)
        cr_expect_eq(l->ref->target->kind, NODE_FOOTNOTE, "`%s` is no footnote", w->text);
}

/* The card of `address` has exactly the links `want`, in order, and no label links. */
static void
expect_card_links(const char *address, const struct want *want, size_t nwant)
{
    struct block_list bl = {0};
    render_node(must_find(address), &(struct render_opts){.footnotes = true}, &bl);
    size_t k = 0;
    for (size_t i = 0; i < bl.n; i++) {
        const struct block *b = &bl.v[i];
        cr_expect_null(b->label_ref, "%s: the label `%s` is a link", address, b->label);
        for (size_t j = 0; j < b->nlinks; j++, k++)
            if (k < nwant)
                expect_link(b, &b->links[j], &want[k]);
    }
    cr_expect_eq(k, nwant, "%s: %zu links, expected %zu", address, k, nwant);
    block_list_free(&bl);
}

#define EXPECT_CARD_LINKS(address, ...)                                                            \
    expect_card_links(address, (const struct want[]){__VA_ARGS__},                                 \
                      sizeof((const struct want[]){__VA_ARGS__}) / sizeof(struct want))

Test(cards, expert_of_norway, .init = load, .fini = unload)
{
    /* Knut Langeland / Country: 挪威 (NOR) / Papers: GE-NDV/2019/3 … / Cited in: the
     * foreword and the letter, which name him as 克努特·朗厄兰, and fn9 / Listed at: his
     * entry, as a place: following it must not open this card again */
    EXPECT_CARD_LINKS("A/74/90#experts.NOR.1", {"挪威", REF_COUNTRY, "NOR"}, PAPER("GE-NDV/2019/3"),
                      PLACE("A/74/90#foreword.p5"), PLACE("A/74/90#letter.p8"),
                      FOOTNOTE("A/74/90#fn9"), PLACE("A/74/90#experts.NOR.1"));
}

Test(cards, expert_country_is_the_country_node, .init = load, .fini = unload)
{
    const struct node *nor = must_find("NOR");
    cr_expect_eq(nor->kind, NODE_COUNTRY);
    cr_expect_eq(must_find("A/74/90#experts.NOR.1")->u.expert.country_node, nor);
}

Test(cards, paper_ge_ndv_2019_3, .init = load, .fini = unload)
{
    /* each submitter is a listed expert: the name after "=" leads to the expert; fn9 cites
     * the paper and is cited by item p14.4 */
    EXPECT_CARD_LINKS("GE-NDV/2019/3", EXPERT("Grata Werdaningtyas", "A/74/90#experts.IDN.2"),
                      EXPERT("Knut Langeland", "A/74/90#experts.NOR.1"),
                      EXPERT("David Chambers", "A/74/90#experts.GBR.1"), FOOTNOTE("A/74/90#fn9"),
                      PLACE("A/74/90#p14.4"),
                      /* Related: 2018/12 shares two submitters with it (fn11 and fn9 name
                       * Chambers and Werdaningtyas for both), each line leading to the paper
                       * and to the expert */
                      PAPER("GE-NDV/2018/12"), EXPERT("David Chambers", "A/74/90#experts.GBR.1"),
                      PAPER("GE-NDV/2018/12"),
                      EXPERT("Grata Werdaningtyas", "A/74/90#experts.IDN.2"));
}

Test(cards, paper_relations_give_their_reasons, .init = load, .fini = unload)
{
    /* GE-NDV/2018/12: fn11 cites it with 2018/16, whose title is the same less the dash;
     * 2019/3 has two of its submitters */
    struct block_list bl = {0};
    render_node(must_find("GE-NDV/2018/12"), &(struct render_opts){.footnotes = true}, &bl);
    const char *want[] = {
        "GE-NDV/2019/3  same submitter: David Chambers",
        "GE-NDV/2019/3  same submitter: Grata Werdaningtyas",
        "GE-NDV/2018/16  cited together in A/74/90#fn11",
        "GE-NDV/2018/16  same title: 核裁军核查能力建设",
    };
    size_t first = 0;
    while (first < bl.n && !(bl.v[first].label && strcmp(bl.v[first].label, "Related:") == 0))
        first++;
    cr_assert_lt(first, bl.n, "no Related: field");
    cr_assert_eq(bl.n - first, 4, "%zu related lines", bl.n - first);
    for (size_t i = 0; i < 4; i++)
        cr_expect_str_eq(bl.v[first + i].text, want[i]);
    /* the footnote of "cited together" opens the footnote */
    EXPECT_CARD_LINKS("GE-NDV/2018/16", EXPERT("王昶", "A/74/90#experts.CHN.1"),
                      FOOTNOTE("A/74/90#fn11"), PLACE("A/74/90#p22"), PAPER("GE-NDV/2018/17"),
                      EXPERT("王昶", "A/74/90#experts.CHN.1"), PAPER("GE-NDV/2018/12"),
                      FOOTNOTE("A/74/90#fn11"), PAPER("GE-NDV/2018/12"));
    block_list_free(&bl);
}

Test(cards, external_document, .init = load, .fini = unload)
{
    /* A/S-10/4, the final document of the first special session on disarmament: para. 35
     * and footnote 3 of A/74/90 cite it */
    const struct node *n = must_find("A/S-10/4");
    cr_expect_eq(n->kind, NODE_EXTERNAL);
    cr_expect_null(n->document);
    EXPECT_CARD_LINKS("A/S-10/4", PLACE("A/74/90#p35"), PLACE("A/74/90#fn3"));
    struct block_list bl = {0};
    render_node(n, &(struct render_opts){.footnotes = true}, &bl);
    cr_assert_geq(bl.n, 3);
    cr_expect_str_eq(bl.v[0].text, "A/S-10/4");
    cr_expect_str_eq(bl.v[1].text, "UN document, not in the corpus");
    cr_expect_str_eq(bl.v[2].text, "2 places");
    block_list_free(&bl);
}

Test(cards, country_nor, .init = load, .fini = unload)
{
    /* Named in: every node with a reference to NOR, once each, A/72/304 before A/74/90 */
    EXPECT_CARD_LINKS(
        "NOR", EXPERT("Knut Langeland", "A/74/90#experts.NOR.1"), PAPER("GE-NDV/2019/3"),
        PLACE("A/72/304#NOR"), PLACE("A/72/304#AUS.p1"), PLACE("A/72/304#AUS.p2"),
        PLACE("A/72/304#CAN.p16"), PLACE("A/72/304#HUN.p9"), PLACE("A/72/304#JPN.p5"),
        PLACE("A/72/304#NOR.p1"), PLACE("A/72/304#NOR.p5"), PLACE("A/72/304#NOR.p6"),
        PLACE("A/72/304#NOR.p7"), PLACE("A/72/304#NOR.p8"), PLACE("A/72/304#NOR.p9"),
        PLACE("A/72/304#NOR.p10"), PLACE("A/72/304#NOR.p13"), PLACE("A/72/304#NOR.p15"),
        PLACE("A/72/304#NOR.p18"), PLACE("A/72/304#NOR.p19"), PLACE("A/72/304#NOR.p21"),
        PLACE("A/72/304#SWE.p6"), PLACE("A/72/304#SWE.p8"), PLACE("A/72/304#GBR.p5"),
        PLACE("A/72/304#GBR.p8"), PLACE("A/72/304#GBR.p9"), PLACE("A/72/304#GBR.p12"),
        PLACE("A/72/304#USA.p4"), PLACE("A/74/90#foreword.p5"), PLACE("A/74/90#letter.p7"),
        PLACE("A/74/90#p2"), PLACE("A/74/90#p15"), PLACE("A/74/90#annex1.p1"),
        PLACE("A/74/90#annex1.p7"), PLACE("A/74/90#annex1.p8"), PLACE("A/74/90#fn9"));
}

/* --- block_link_node / block_link_place --------------------------------------------------- */

Test(cards, place_links_are_documents, .init = load, .fini = unload)
{
    struct block_list bl = {0};
    struct block *b = block_push(&bl, NULL, BLOCK_BODY, 0);
    block_set_text(b, "A/74/90#fn9 A/74/90#fn9");
    const struct node *fn = must_find("A/74/90#fn9");
    block_link_node(b, 0, 11, fn);
    block_link_place(b, 12, 23, fn);
    block_link_place(b, 12, 24, fn); /* past the text: ignored */
    block_link_place(b, 5, 5, fn);   /* empty: ignored */
    block_link_node(b, 0, 11, NULL); /* nowhere: ignored */
    cr_assert_eq(b->nlinks, 2);
    cr_expect_eq(b->links[0].ref->kind, REF_FOOTNOTE);
    cr_expect_eq(b->links[1].ref->kind, REF_DOCUMENT);
    cr_expect_eq(b->links[1].ref->target, fn);
    cr_expect_not(b->links[1].ref->in_text, "a block's own link is not in the node's text");
    block_list_free(&bl);
}

/* --- Every card of the corpus -------------------------------------------------------------- */

static bool
utf8_boundary(const struct block *b, size_t at)
{
    return at == b->len || ((unsigned char)b->text[at] & 0xC0) != 0x80;
}

/* What a link's bytes must say: the name, symbol or address of where it leads; a country
 * as the expert's line prints it. */
static const char *
expected_text(const struct block *b, const struct ref *r)
{
    const struct node *t = r->target;
    if (r->kind == REF_EXPERT)
        return t->u.expert.name;
    if (r->kind == REF_WORKING_PAPER)
        return t->u.paper.symbol;
    if (r->kind == REF_COUNTRY)
        return b->node->u.expert.country ? b->node->u.expert.country : t->u.country.iso3;
    return t->address;
}

static void
check_links(const struct block *b)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        struct wrap_span s = b->links[i].span;
        const struct ref *r = b->links[i].ref;
        cr_assert(s.start < s.end && s.end <= b->len, "%s: span %zu..%zu of %zu bytes",
                  b->node->address, s.start, s.end, b->len);
        cr_expect(utf8_boundary(b, s.start) && utf8_boundary(b, s.end),
                  "%s: span %zu..%zu splits a character", b->node->address, s.start, s.end);
        cr_expect_geq(s.start, prev_end, "%s: links out of order", b->node->address);
        cr_assert(r != NULL && r->target != NULL, "%s: a link leads nowhere", b->node->address);
        const char *want = expected_text(b, r);
        cr_expect(strlen(want) == s.end - s.start && !memcmp(b->text + s.start, want, strlen(want)),
                  "%s: `%.*s` for %s", b->node->address, (int)(s.end - s.start), b->text + s.start,
                  r->to);
        prev_end = s.end;
    }
}

static size_t
check_card(const struct node *node)
{
    struct block_list bl = {0};
    render_node(node, &(struct render_opts){.footnotes = true}, &bl);
    size_t nlinks = 0;
    for (size_t i = 0; i < bl.n; i++) {
        check_links(&bl.v[i]);
        nlinks += bl.v[i].nlinks;
    }
    block_list_free(&bl);
    return nlinks;
}

Test(cards, every_card_links_within_its_text, .init = load, .fini = unload)
{
    size_t count, ncards = 0, nlinks = 0;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    for (size_t i = 0; i < count; i++) {
        enum node_kind k = nodes[i]->kind;
        if (k != NODE_EXPERT && k != NODE_WORKING_PAPER && k != NODE_COUNTRY && k != NODE_EXTERNAL)
            continue;
        if (k == NODE_EXPERT) /* every expert's country is in the corpus */
            cr_expect_not_null(nodes[i]->u.expert.country_node, "%s", nodes[i]->address);
        nlinks += check_card(nodes[i]);
        ncards++;
    }
    /* the cards were built, and most lead somewhere (an expert's has two links at least) */
    cr_expect_gt(ncards, 50, "%zu cards", ncards);
    cr_expect_gt(nlinks, ncards, "%zu links on %zu cards", nlinks, ncards);
}
