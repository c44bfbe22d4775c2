/* The address resolver (corpus/resolve.h) on the real corpus: every form a person may type,
 * each expected node checked by hand against the files of assets/corpus; what failures say and
 * suggest; the nodes a range covers; the English names and aliases country nodes carry. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "corpus/corpus_load.h"
#include "corpus/resolve.h"
#include "reader/reader.h"
#include "util/strbuf.h"

static struct corpus *corpus;

static void
setup(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
}

static void
teardown(void)
{
    corpus_free(corpus);
}

TestSuite(resolve, .init = setup, .fini = teardown);

/* Asserts that text names first..last (last NULL: first alone). */
static void
expect(const char *text, const char *first, const char *last)
{
    struct resolved r;
    resolve(corpus, text, &r);
    cr_assert_eq(r.status, RESOLVE_OK, "`%s`: %s", text, r.why);
    cr_expect_str_eq(r.first->address, first, "`%s`", text);
    cr_expect_str_eq(r.last->address, last ? last : first, "`%s`", text);
}

/* The addresses of r's near nodes, ", " between them. */
static char *
near_list(const struct resolved *r)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < r->nnear; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", r->near[i]->address);
    return sb_detach(&sb);
}

static void
expect_failure(const char *text, enum resolve_status status, const char *why, const char *near)
{
    struct resolved r;
    resolve(corpus, text, &r);
    cr_expect_eq(r.status, status, "`%s`: status %d, %s", text, r.status, r.why);
    cr_expect_str_eq(r.why, why, "`%s`", text);
    char *got = near_list(&r);
    cr_expect_str_eq(got, near, "`%s`", text);
    free(got);
}

/* --- One node ------------------------------------------------------------------------------ */

Test(resolve, exact_addresses_as_before)
{
    const char *const all[] = {
        "A/74/90#p23",  "A/74/90#ch3.B", "GE-NDV/2018/12",        "A/72/304#NOR.p2", "NOR",
        "A/74/90#fn13", "A/74/90",       "A/74/90#experts.NOR.1", "A/72/304#EU"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        expect(all[i], all[i], NULL);
}

Test(resolve, any_letter_case)
{
    expect("a/74/90#P10", "A/74/90#p10", NULL);
    expect("a/74/90#CH3.b", "A/74/90#ch3.B", NULL);
    expect("ge-ndv/2018/12", "GE-NDV/2018/12", NULL);
    expect("a/72/304#nor.P2", "A/72/304#NOR.p2", NULL);
    expect("nor", "NOR", NULL);
    expect("eu", "EU", NULL);
    expect("  nor  ", "NOR", NULL);
}

Test(resolve, full_width_forms)
{
    expect("ｇｅ－ｎｄｖ／２０１８／１２", "GE-NDV/2018/12", NULL);
    expect("ＧＥ－ＮＤＶ／２０１９／３", "GE-NDV/2019/3", NULL);
    expect("Ａ／７４／９０＃ｐ２３", "A/74/90#p23", NULL);
    expect("ＮＯＲ", "NOR", NULL);
}

Test(resolve, countries_by_any_name)
{
    expect("挪威", "NOR", NULL);
    expect("Norway", "NOR", NULL);
    expect("NORWAY", "NOR", NULL);
    expect("United Kingdom of Great Britain and Northern Ireland", "GBR", NULL);
    expect("United Kingdom", "GBR", NULL);
    expect("the United Kingdom", "GBR", NULL);
    expect("UK", "GBR", NULL);
    expect("英国", "GBR", NULL);
    expect("联合王国", "GBR", NULL);
    expect("大不列颠及北爱尔兰联合王国", "GBR", NULL);
    expect("Russian Federation", "RUS", NULL);
    expect("russia", "RUS", NULL);
    expect("俄罗斯", "RUS", NULL);
    expect("European Union", "EU", NULL);
    expect("欧盟", "EU", NULL);
    expect("the Netherlands", "NLD", NULL);
    expect("United States", "USA", NULL);
    expect("美国", "USA", NULL);
    expect("Brunei", "BRN", NULL);
    expect("阿根廷共和国", "ARG", NULL);
}

Test(resolve, experts_by_name_or_last_words)
{
    expect("Knut Langeland", "A/74/90#experts.NOR.1", NULL);
    expect("langeland", "A/74/90#experts.NOR.1", NULL);
    expect("LANGELAND", "A/74/90#experts.NOR.1", NULL);
    expect("王昶", "A/74/90#experts.CHN.1", NULL);
    expect("张慎", "A/74/90#experts.CHN.2", NULL);
    expect("Marcelo Câmara", "A/74/90#experts.BRA.1", NULL);
    expect("camara", "A/74/90#experts.BRA.1", NULL); /* accents dropped */
    expect("gyorgy molnar", "A/74/90#experts.HUN.1", NULL);
    expect("Le Floc'h", "A/74/90#experts.FRA.1", NULL);
    expect("le floc’h", "A/74/90#experts.FRA.1", NULL); /* a curly apostrophe */
    expect("Ramírez Valenzuela", "A/74/90#experts.MEX.2", NULL);
}

/* The names facts.txt gives experts, which the tree carries as their "aliases": a Chinese
 * transcription of the whole name, the surnames the footnotes use. */
Test(resolve, experts_by_the_names_the_tree_gives_them)
{
    expect("克努特·朗厄兰", "A/74/90#experts.NOR.1", NULL);
    expect("中根", "A/74/90#experts.JPN.1", NULL);
    expect("比昂提诺", "A/74/90#experts.DEU.1", NULL);
    expect("比翁蒂诺", "A/74/90#experts.DEU.1", NULL);
    expect("钱伯斯", "A/74/90#experts.GBR.1", NULL);
    const struct node_expert *knut = &corpus_find(corpus, "A/74/90#experts.NOR.1")->u.expert;
    cr_assert_eq(knut->naliases, 1u);
    cr_expect_str_eq(knut->aliases[0], "克努特·朗厄兰");
    cr_expect_eq(corpus_find(corpus, "A/74/90#experts.CHN.1")->u.expert.naliases, 0u);
}

/* A made-up corpus whose expert is known by another name. */
static const char alias_tree[] =
    "{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": "
    "{\"address\": \"X/1\", \"kind\": \"document\", \"children\": ["
    "{\"address\": \"X/1#e1\", \"kind\": \"expert\", \"name\": \"Ann Smith\", "
    "\"aliases\": [\"安·史密斯\"]}]}, \"countries\": []}";

Test(resolve, an_expert_alias_in_any_tree)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    const struct corpus_source src = {"alias.json", alias_tree, strlen(alias_tree)};
    cr_assert(corpus_load_sources(&src, 1, NULL, &c, &d), "%s", d.msg);
    struct resolved r;
    resolve(c, "安·史密斯", &r);
    cr_expect_eq(r.status, RESOLVE_OK, "%s", r.why);
    cr_expect_eq(r.first, corpus_find(c, "X/1#e1"));
    /* the name dot typed as a space, as for any name */
    resolve(c, "安 史密斯", &r);
    cr_expect_eq(r.status, RESOLVE_OK, "%s", r.why);
    cr_expect_eq(r.first, corpus_find(c, "X/1#e1"));
    corpus_free(c);
}

/* --- Citations ----------------------------------------------------------------------------- */

Test(resolve, citations_in_english)
{
    expect("A/74/90, para. 23", "A/74/90#p23", NULL);
    expect("A/74/90 para 23", "A/74/90#p23", NULL);
    expect("a/74/90, paragraph 23", "A/74/90#p23", NULL);
    expect("A/74/90 ¶23", "A/74/90#p23", NULL);
    expect("A/72/304, para. 2", "A/72/304#p2", NULL);
    expect("A/72/304 (挪威), para. 3", "A/72/304#NOR.p3", NULL);
    expect("A/72/304 (Norway), para. 3", "A/72/304#NOR.p3", NULL);
    expect("A/72/304 (NOR), para. 3", "A/72/304#NOR.p3", NULL);
    expect("A/72/304 (欧洲联盟), para. 2", "A/72/304#EU.p2", NULL);
    expect("A/74/90 (附件一), para. 7", "A/74/90#annex1.p7", NULL);
    expect("A/74/90 (Annex I), para. 7", "A/74/90#annex1.p7", NULL);
    expect("A/74/90 (annex 1), para. 7", "A/74/90#annex1.p7", NULL);
    expect("A/74/90, footnote 4", "A/74/90#fn4", NULL);
    expect("A/74/90, footnote *", "A/74/90#fn0", NULL);
    expect("A/72/304, footnote 3", "A/72/304#fn3", NULL);
    expect("A/72/304 (挪威)", "A/72/304#NOR", NULL);
    expect("A/74/90 (附件二)", "A/74/90#annex2", NULL);
}

Test(resolve, citations_in_chinese)
{
    expect("A/74/90，第23段", "A/74/90#p23", NULL);
    expect("A/74/90 第23段", "A/74/90#p23", NULL);
    expect("A/74/90第23段", "A/74/90#p23", NULL);
    expect("A/74/90, 第 23 段", "A/74/90#p23", NULL);
    expect("A/72/304（挪威），第3段", "A/72/304#NOR.p3", NULL);
    expect("A/74/90（附件一），第7段", "A/74/90#annex1.p7", NULL);
    expect("A/74/90，脚注4", "A/74/90#fn4", NULL);
    expect("Ａ／７４／９０，第２３段", "A/74/90#p23", NULL);
}

/* What is a citation of a node: the node itself, its paragraph for an item (or for a
 * paragraph inside an item), else the part (answer, annex) or the document it is in. */
static const struct node *
cited(const struct node *n)
{
    while (n->parent != NULL && (n->kind == NODE_ITEM || n->parent->kind == NODE_ITEM))
        n = n->parent;
    bool in_answer = n->parent != NULL && n->parent->kind == NODE_RESPONSE;
    if (n->kind == NODE_FOOTNOTE || (n->kind == NODE_PARAGRAPH && (n->number > 0 || in_answer)))
        return n;
    for (const struct node *p = n; p != NULL; p = p->parent)
        if (p->kind == NODE_RESPONSE || p->kind == NODE_ANNEX)
            return p;
    return n->document;
}

/* Every citation the reader copies resolves to what it cites. */
Test(resolve, every_citation_the_reader_copies)
{
    size_t count;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    size_t checked = 0;
    for (size_t i = 0; i < count; i++) {
        if (nodes[i]->document == NULL)
            continue;
        char cite[256];
        reader_citation(nodes[i], cite, sizeof cite);
        struct resolved r;
        resolve(corpus, cite, &r);
        cr_assert_eq(r.status, RESOLVE_OK, "%s: `%s`: %s", nodes[i]->address, cite, r.why);
        cr_expect_eq(r.first, cited(nodes[i]), "%s: `%s` is %s", nodes[i]->address, cite,
                     r.first->address);
        checked++;
    }
    cr_expect_gt(checked, 500u);
}

/* --- Ranges -------------------------------------------------------------------------------- */

Test(resolve, ranges)
{
    expect("A/74/90#p23..p30", "A/74/90#p23", "A/74/90#p30");
    expect("A/74/90#p23-30", "A/74/90#p23", "A/74/90#p30");
    expect("a/74/90#P23–30", "A/74/90#p23", "A/74/90#p30"); /* an en dash */
    expect("A/74/90#p23..A/74/90#p30", "A/74/90#p23", "A/74/90#p30");
    expect("A/74/90#p30..p23", "A/74/90#p23", "A/74/90#p30");
    expect("A/74/90, paras. 23-30", "A/74/90#p23", "A/74/90#p30");
    expect("A/74/90 第23至30段", "A/74/90#p23", "A/74/90#p30");
    expect("A/74/90，第23-30段", "A/74/90#p23", "A/74/90#p30");
    expect("A/72/304#NOR.p2..p5", "A/72/304#NOR.p2", "A/72/304#NOR.p5");
    expect("A/72/304#NOR.p2-5", "A/72/304#NOR.p2", "A/72/304#NOR.p5");
    expect("A/72/304 (挪威), paras. 2-5", "A/72/304#NOR.p2", "A/72/304#NOR.p5");
    expect("A/74/90#p14.1..p14.3", "A/74/90#p14.1", "A/74/90#p14.3");
    expect("A/74/90#p14.1-3", "A/74/90#p14.1", "A/74/90#p14.3");
    expect("GE-NDV/2018/4..8", "GE-NDV/2018/4", "GE-NDV/2018/8");
    expect("ge-ndv/2018/4-8", "GE-NDV/2018/4", "GE-NDV/2018/8");
    expect("A/74/90#fn4..fn6", "A/74/90#fn4", "A/74/90#fn6");
    expect("A/74/90, footnotes 4-6", "A/74/90#fn4", "A/74/90#fn6");
    expect("A/74/90#ch2..ch3", "A/74/90#ch2", "A/74/90#ch3");
}

/* The addresses resolve_next walks for text, ", " between them. */
static char *
covered(const char *text)
{
    struct resolved r;
    resolve(corpus, text, &r);
    cr_assert_eq(r.status, RESOLVE_OK, "`%s`: %s", text, r.why);
    struct strbuf sb = STRBUF_INIT;
    for (const struct node *n = NULL; (n = resolve_next(corpus, &r, n)) != NULL;)
        sb_printf(&sb, "%s%s", sb.len ? ", " : "", n->address);
    return sb_detach(&sb);
}

static void
expect_covered(const char *text, const char *want)
{
    char *got = covered(text);
    cr_expect_str_eq(got, want, "`%s`", text);
    free(got);
}

Test(resolve, a_range_covers_whole_nodes_only)
{
    expect_covered("A/74/90#p23..p30", "A/74/90#p23, A/74/90#p24, A/74/90#p25, A/74/90#p26, "
                                       "A/74/90#p27, A/74/90#p28, A/74/90#p29, A/74/90#p30");
    /* p38's items come with it; chapter 四 is only entered, its section A (p39 alone) is
     * wholly inside */
    expect_covered("A/74/90#p38..p39", "A/74/90#p38, A/74/90#ch4.A");
    expect_covered("A/74/90#p39..p40", "A/74/90#p39, A/74/90#ch4.B");
    expect_covered("A/74/90#ch3..p30", "A/74/90#p27, A/74/90#p28, A/74/90#p29, A/74/90#p30");
    expect_covered("A/74/90#ch2..ch3", "A/74/90#ch2, A/74/90#ch3");
    expect_covered("A/74/90#p14", "A/74/90#p14");
    expect_covered("NOR", "NOR");
}

/* --- Failures ------------------------------------------------------------------------------- */

Test(resolve, unknown_addresses_suggest_addresses_and_names)
{
    expect_failure("Norwey", RESOLVE_UNKNOWN, "no such address: Norwey", "NOR");
    expect_failure("langland", RESOLVE_UNKNOWN, "no such address: langland",
                   "A/74/90#experts.NOR.1");
    expect_failure("A/74/90#p99", RESOLVE_UNKNOWN, "no such address: A/74/90#p99",
                   "A/74/90#p9, A/74/90#p19, A/74/90#p29");
    expect_failure("zzzzzzzzzz", RESOLVE_UNKNOWN, "no such address: zzzzzzzzzz", "");
    expect_failure("", RESOLVE_UNKNOWN, "no such address: ", "");
    expect_failure("..p30", RESOLVE_UNKNOWN, "no such address: ..p30", "");
}

Test(resolve, citations_say_what_is_missing)
{
    expect_failure("A/74/90, para. 99", RESOLVE_UNKNOWN, "A/74/90 has no paragraph 99", "");
    expect_failure("A/74/90, paras. 39-41", RESOLVE_UNKNOWN, "A/74/90 has no paragraph 41", "");
    expect_failure("A/74/90, footnote 40", RESOLVE_UNKNOWN, "A/74/90 has no footnote 40", "");
    expect_failure("A/72/304 (德国), para. 9", RESOLVE_UNKNOWN, "A/72/304#DEU has no paragraph 9",
                   "");
    expect_failure("A/72/304 (Finland), para. 1", RESOLVE_UNKNOWN,
                   "A/72/304 has no response or annex called finland", "");
}

Test(resolve, ranges_stay_in_one_document)
{
    expect_failure("A/74/90#p23..A/72/304#p2", RESOLVE_BAD_RANGE,
                   "a range runs within one document: A/74/90#p23 is in A/74/90, A/72/304#p2 "
                   "in A/72/304",
                   "");
    expect_failure("NOR..SWE", RESOLVE_BAD_RANGE,
                   "a range runs within one document; NOR is in none", "");
    expect_failure("A/74/90#p2..Norway", RESOLVE_BAD_RANGE,
                   "a range runs within one document; NOR is in none", "");
}

Test(resolve, one_node_wanted)
{
    struct resolved r;
    resolve_one(corpus, "A/74/90#p23..p30", &r);
    cr_expect_eq(r.status, RESOLVE_BAD_RANGE);
    cr_expect_str_eq(r.why, "A/74/90#p23..p30 is a range; one node is wanted here");
    cr_assert_eq(r.nnear, 1u);
    cr_expect_str_eq(r.near[0]->address, "A/74/90#p23");
    resolve_one(corpus, "Norway", &r);
    cr_expect_eq(r.status, RESOLVE_OK);
    resolve_one(corpus, "A/74/90#p23..p23", &r); /* first and last the same: one node */
    cr_expect_eq(r.status, RESOLVE_OK);
}

/* A message quotes a short excerpt of what was typed, cut on a character. */
Test(resolve, messages_quote_a_short_excerpt)
{
    struct strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 40; i++)
        sb_puts(&sb, "挪");
    struct resolved r;
    resolve(corpus, sb_str(&sb), &r);
    cr_expect_eq(r.status, RESOLVE_UNKNOWN);
    cr_expect_null(u8_check((const uint8_t *)r.why, strlen(r.why)), "%s", r.why);
    cr_expect_lt(strlen(r.why), 110u, "%s", r.why);
    cr_expect(strstr(r.why, "挪…") != NULL, "%s", r.why);
    sb_free(&sb);
    resolve(corpus, "\xff\xfe#p1", &r); /* invalid UTF-8: nothing, without a crash */
    cr_expect_eq(r.status, RESOLVE_UNKNOWN);
}

/* A made-up corpus where two experts share a surname. */
static const char twins[] =
    "{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": "
    "{\"address\": \"X/1\", \"kind\": \"document\", \"children\": ["
    "{\"address\": \"X/1#e1\", \"kind\": \"expert\", \"name\": \"Ann Smith\"},"
    "{\"address\": \"X/1#e2\", \"kind\": \"expert\", \"name\": \"Bob Smith\"}"
    "]}, \"countries\": []}";

Test(resolve, a_shared_name_is_ambiguous)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    const struct corpus_source src = {"twins.json", twins, strlen(twins)};
    cr_assert(corpus_load_sources(&src, 1, NULL, &c, &d), "%s", d.msg);
    struct resolved r;
    resolve(c, "smith", &r);
    cr_expect_eq(r.status, RESOLVE_AMBIGUOUS);
    cr_expect_str_eq(r.why, "smith names 2 nodes");
    char *near = near_list(&r);
    cr_expect_str_eq(near, "X/1#e1, X/1#e2");
    free(near);
    resolve(c, "bob smith", &r);
    cr_expect_eq(r.status, RESOLVE_OK);
    corpus_free(c);
}

/* --- The tree: English names and aliases of countries -------------------------------------- */

Test(resolve, country_nodes_carry_english_names_and_aliases)
{
    const struct node_country *gbr = &corpus_find(corpus, "GBR")->u.country;
    cr_expect_str_eq(gbr->english, "United Kingdom of Great Britain and Northern Ireland");
    const char *const want[] = {"联合王国", "英国",          "United Kingdom",
                                "UK",       "Great Britain", "Britain"};
    cr_assert_eq(gbr->naliases, sizeof want / sizeof *want);
    for (size_t i = 0; i < gbr->naliases; i++)
        cr_expect_str_eq(gbr->aliases[i], want[i]);
    const struct node_country *nor = &corpus_find(corpus, "NOR")->u.country;
    cr_expect_str_eq(nor->english, "Norway");
    cr_expect_eq(nor->naliases, 0u);
    size_t n;
    struct node *const *countries = corpus_countries(corpus, &n);
    for (size_t i = 0; i < n; i++)
        cr_expect_not_null(countries[i]->u.country.english, "%s", countries[i]->address);
}

static bool
load_text(const char *name, const char *json, struct corpus **c, struct diag *d)
{
    const struct corpus_source src = {name, json, strlen(json)};
    return corpus_load_sources(&src, 1, NULL, c, d);
}

#define TREE(countries)                                                                            \
    "{\"format\": \"ndvr-tree\", \"version\": 1,\n\"document\": {\"address\": \"X/1\", "           \
    "\"kind\": \"document\"},\n\"countries\": [" countries "]}"

Test(resolve, the_loader_checks_english_and_aliases)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_expect_not(load_text("a.json",
                            TREE("{\"address\": \"NOR\", \"kind\": \"country\", "
                                 "\"aliases\": [\"x\", 7]}"),
                            &c, &d));
    cr_expect_str_eq(d.msg, "an alias must be a string");
    cr_expect_not(load_text("e.json",
                            TREE("{\"address\": \"NOR\", \"kind\": \"country\", "
                                 "\"english\": 7}"),
                            &c, &d));
    cr_expect_str_eq(d.msg, "member \"english\" must be a string");
    cr_expect_not(load_text("l.json",
                            TREE("{\"address\": \"NOR\", \"kind\": \"country\", "
                                 "\"aliases\": \"x\"}"),
                            &c, &d));
    cr_expect_str_eq(d.msg, "member \"aliases\" must be an array");
}

/* A country listed by two files takes the English name and aliases from the one that has
 * them. */
Test(resolve, merged_countries_keep_english_and_aliases)
{
    const char *a = TREE("{\"address\": \"NOR\", \"kind\": \"country\", \"name\": \"挪威\"}");
    const char *b = "{\"format\": \"ndvr-tree\", \"version\": 1,\n\"document\": {\"address\": "
                    "\"X/2\", \"kind\": \"document\"},\n\"countries\": [{\"address\": \"NOR\", "
                    "\"kind\": \"country\", \"english\": \"Norway\", \"aliases\": [\"NO\"]}]}";
    const struct corpus_source src[] = {{"a.json", a, strlen(a)}, {"b.json", b, strlen(b)}};
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_sources(src, 2, NULL, &c, &d), "%s", d.msg);
    const struct node_country *nor = &corpus_find(c, "NOR")->u.country;
    cr_expect_str_eq(nor->english, "Norway");
    cr_assert_eq(nor->naliases, 1u);
    cr_expect_str_eq(nor->aliases[0], "NO");
    struct resolved r;
    resolve(c, "no", &r);
    cr_expect_eq(r.first, corpus_find(c, "NOR"));
    corpus_free(c);
}
