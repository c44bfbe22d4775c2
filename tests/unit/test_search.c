/* The search engine, over the real corpus and over small hand-made trees. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus/corpus_load.h"
#include "search/search.h"

#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

static struct corpus *
load_real_corpus(void)
{
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(CORPUS_DIR, &corpus, &d), "load: %s", d.msg);
    return corpus;
}

/* Runs a query that must succeed; the caller frees the hits. */
static struct search_hits
run_ok(struct search_index *index, const char *text, bool regex, const struct node *scope)
{
    struct search_hits hits = {0};
    struct diag d = {0};
    struct search_query q = {.text = text, .regex = regex, .scope = scope};
    cr_assert(search_run(index, &q, &hits, &d), "query `%s`: %s", text, d.msg);
    return hits;
}

/* The original bytes a hit covers, as a new string. */
static char *
hit_original(const struct search_hit *hit)
{
    const char *s = search_field_string(hit->node, hit->field);
    cr_assert_not_null(s);
    cr_assert_leq(hit->offset + hit->length, strlen(s));
    char *out = malloc(hit->length + 1);
    memcpy(out, s + hit->offset, hit->length);
    out[hit->length] = '\0';
    return out;
}

static void
expect_hit(const struct search_hit *hit, const char *address, enum search_field field,
           const char *original)
{
    cr_expect_str_eq(hit->node->address, address);
    cr_expect_eq(hit->field, field, "%s: field %s", address, search_field_name(hit->field));
    char *got = hit_original(hit);
    cr_expect_str_eq(got, original, "%s", address);
    free(got);
}

/* The byte offset of needle in the node's text (read off the corpus, not the engine). */
static size_t
text_offset(const struct corpus *corpus, const char *address, const char *needle)
{
    const struct node *node = corpus_find(corpus, address);
    cr_assert_not_null(node, "%s", address);
    const char *p = strstr(node->text, needle);
    cr_assert_not_null(p, "%s has no `%s`", address, needle);
    return (size_t)(p - node->text);
}

/* --- The real corpus ------------------------------------------------------------------- */

static struct corpus *real;
static struct search_index *index_real;

static void
setup_real(void)
{
    real = load_real_corpus();
    index_real = search_index_new(real);
}

static void
teardown_real(void)
{
    search_index_free(index_real);
    corpus_free(real);
}

TestSuite(search, .init = setup_real, .fini = teardown_real);

/* Full-width letters, digits and punctuation fold to ASCII (NFKC), case folds too. */
Test(search, width_folding)
{
    struct search_hits h = run_ok(index_real, "ｇｅ－ｎｄｖ／２０１８／４", false, NULL);
    cr_assert_eq(h.n, 2);
    /* Annex II (the paper) comes before the footnotes, which close the document. */
    expect_hit(&h.v[0], "GE-NDV/2018/4", SEARCH_FIELD_SYMBOL, "GE-NDV/2018/4");
    cr_expect_eq(h.v[0].offset, 0);
    expect_hit(&h.v[1], "A/74/90#fn4", SEARCH_FIELD_TEXT, "GE-NDV/2018/4");
    cr_expect_eq(h.v[1].offset, text_offset(real, "A/74/90#fn4", "(GE-NDV/2018/4)") + 1);
    search_hits_free(&h);
}

Test(search, case_folding)
{
    struct search_hits h = run_ok(index_real, "langeland", false, NULL);
    cr_assert_eq(h.n, 2);
    expect_hit(&h.v[0], "A/74/90#experts.NOR.1", SEARCH_FIELD_NAME, "Langeland");
    cr_expect_eq(h.v[0].offset, strlen("Knut "));
    expect_hit(&h.v[1], "A/74/90#fn9", SEARCH_FIELD_TEXT, "Langeland");
    cr_expect_eq(h.v[1].offset, text_offset(real, "A/74/90#fn9", "Langeland"));
    search_hits_free(&h);

    h = run_ok(index_real, "LANGELAND 大使", false, NULL);
    cr_assert_eq(h.n, 1);
    expect_hit(&h.v[0], "A/74/90#fn9", SEARCH_FIELD_TEXT, "Langeland 大使");
    search_hits_free(&h);
}

Test(search, role_and_title_fields)
{
    /* The chair's role in the expert list, then his signature under the letter. */
    struct search_hits h = run_ok(index_real, "挪威驻阿尔及利亚大使", false, NULL);
    cr_assert_eq(h.n, 2);
    expect_hit(&h.v[0], "A/74/90#experts.NOR.1", SEARCH_FIELD_ROLE, "挪威驻阿尔及利亚大使");
    expect_hit(&h.v[1], "A/74/90#letter.p7", SEARCH_FIELD_TEXT, "挪威驻阿尔及利亚大使");
    search_hits_free(&h);

    h = run_ok(index_real, "核裁军核查——能力建设", false, NULL);
    cr_assert_geq(h.n, 2);
    /* The paper's title in Annex II, then the footnote that cites it. */
    expect_hit(&h.v[0], "GE-NDV/2018/12", SEARCH_FIELD_TITLE, "核裁军核查——能力建设");
    expect_hit(&h.v[1], "A/74/90#fn11", SEARCH_FIELD_TEXT, "核裁军核查——能力建设");
    search_hits_free(&h);
}

/* A superscript marker inside a phrase ("2019 年² 在联合国") is ignored. */
Test(search, superscript_marker_ignored)
{
    struct search_hits h = run_ok(index_real, "2019 年 在联合国", false, NULL);
    cr_assert_eq(h.n, 1);
    expect_hit(&h.v[0], "A/74/90#p2", SEARCH_FIELD_TEXT, "2019 年² 在联合国");
    search_hits_free(&h);
}

/* A/72/304 prints its markers as plain digits ("网站。1根据"): the footnote ref says where. */
Test(search, plain_digit_marker_ignored)
{
    struct search_hits h = run_ok(index_real, "网站。根据", false, NULL);
    cr_assert_eq(h.n, 1);
    expect_hit(&h.v[0], "A/72/304#p2", SEARCH_FIELD_TEXT, "网站。1根据");
    cr_expect_eq(h.v[0].offset, text_offset(real, "A/72/304#p2", "网站。1根据"));
    search_hits_free(&h);
}

Test(search, scope)
{
    const struct node *nor = corpus_find(real, "A/72/304#NOR");
    cr_assert_not_null(nor);
    struct search_hits all = run_ok(index_real, "联合王国-挪威倡议", false, NULL);
    struct search_hits in = run_ok(index_real, "联合王国-挪威倡议", false, nor);
    /* Read off A-72-304.json: NOR.h1 (title), NOR.p7, p8, p10, p18, p21, then SWE.p6 and
     * GBR.p12 outside the response. */
    const char *expected[] = {"A/72/304#NOR.h1",  "A/72/304#NOR.p7",  "A/72/304#NOR.p8",
                              "A/72/304#NOR.p10", "A/72/304#NOR.p18", "A/72/304#NOR.p21",
                              "A/72/304#SWE.p6",  "A/72/304#GBR.p12"};
    cr_assert_eq(all.n, 8);
    cr_assert_eq(in.n, 6);
    for (size_t i = 0; i < all.n; i++)
        cr_expect_str_eq(all.v[i].node->address, expected[i]);
    for (size_t i = 0; i < in.n; i++)
        cr_expect_str_eq(in.v[i].node->address, expected[i]);
    cr_expect_eq(in.v[0].field, SEARCH_FIELD_TITLE);
    search_hits_free(&all);
    search_hits_free(&in);
}

Test(search, regex)
{
    /* GE-NDV/2019/1..3 in Annex II, then footnotes 8 (paper 1) and 9 (paper 3). */
    const char *expected[] = {"GE-NDV/2019/1", "GE-NDV/2019/2", "GE-NDV/2019/3", "A/74/90#fn8",
                              "A/74/90#fn9"};
    const char *patterns[] = {"GE-NDV/2019/[0-9]", "ge-ndv/2019/[[:digit:]]+"};
    for (size_t p = 0; p < 2; p++) {
        struct search_hits h = run_ok(index_real, patterns[p], true, NULL);
        cr_assert_eq(h.n, 5, "%s", patterns[p]);
        for (size_t i = 0; i < h.n; i++) {
            cr_expect_str_eq(h.v[i].node->address, expected[i]);
            cr_expect_eq(h.v[i].length, strlen("GE-NDV/2019/1"));
        }
        search_hits_free(&h);
    }
}

/* The escapes \W, \S and \B are not case folded into \w, \s and \b. */
Test(search, regex_escapes_kept)
{
    struct search_hits h = run_ok(index_real, "Knut\\Wlangeland", true, NULL);
    cr_assert_eq(h.n, 1);
    expect_hit(&h.v[0], "A/74/90#experts.NOR.1", SEARCH_FIELD_NAME, "Knut Langeland");
    search_hits_free(&h);
}

Test(search, bad_queries)
{
    const struct {
        const char *text;
        bool regex;
        const char *message;
    } cases[] = {
        {"", false, "empty query"},
        {"", true, "empty query"},
        {"²", false, "the query `²` is empty once footnote markers are ignored"},
        {"GE-(", true, "invalid regular expression `GE-(`: "},
        {"[z-a]", true, "invalid regular expression `[z-a]`: "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct search_hits h = {0};
        struct diag d = {0};
        struct search_query q = {.text = cases[i].text, .regex = cases[i].regex};
        cr_expect_not(search_run(index_real, &q, &h, &d), "`%s`", cases[i].text);
        cr_expect_eq(h.n, 0);
        cr_expect(strncmp(d.msg, cases[i].message, strlen(cases[i].message)) == 0, "%s", d.msg);
        search_hits_free(&h);
    }
}

Test(search, no_match)
{
    struct search_hits h = run_ok(index_real, "no such words anywhere", false, NULL);
    cr_expect_eq(h.n, 0);
    cr_expect_null(h.v);
}

/* Hits come in document order, then field order, then offset, never overlapping. */
Test(search, document_order)
{
    struct search_hits h = run_ok(index_real, "核查", false, NULL);
    cr_assert_gt(h.n, 100);
    for (size_t i = 1; i < h.n; i++) {
        const struct search_hit *a = &h.v[i - 1], *b = &h.v[i];
        bool ordered =
            a->node->order < b->node->order || (a->node == b->node && a->field < b->field) ||
            (a->node == b->node && a->field == b->field && a->offset + a->length <= b->offset);
        cr_assert(ordered, "hit %zu (%s) after hit %zu (%s)", i, b->node->address, i - 1,
                  a->node->address);
    }
    search_hits_free(&h);
}

static double
seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Keys are folded once: a second search over the whole corpus only matches. */
Test(search, performance)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct search_hits first = run_ok(index_real, "核裁军核查", false, NULL);
    double build = seconds_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct search_hits again = run_ok(index_real, "核裁军核查", false, NULL);
    double query = seconds_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct search_hits re = run_ok(index_real, "核.军", true, NULL);
    double regex = seconds_since(&t0);
    cr_expect_lt(build, 0.5, "first search (folding every key) took %.3f s", build);
    cr_expect_lt(query, 0.05, "second search took %.3f s", query);
    cr_expect_lt(regex, 0.05, "regex search took %.3f s", regex);
    cr_expect_eq(first.n, again.n);
    search_hits_free(&first);
    search_hits_free(&again);
    search_hits_free(&re);
}

/* --- Hand-made trees ------------------------------------------------------------------- */

/* A one-document corpus whose paragraph p1 has the given text (JSON-escaped) and refs. */
static struct corpus *
load_paragraph(const char *text_json, const char *refs_json)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"format\": \"ndvr-tree\", \"version\": 1, \"source\": \"t.txt\",\n"
             " \"document\": {\"address\": \"T/1\", \"kind\": \"document\", \"symbol\": "
             "\"T/1\",\n"
             "  \"children\": [\n"
             "   {\"address\": \"T/1#p1\", \"kind\": \"paragraph\", \"text\": \"%s\",\n"
             "    \"refs\": [%s]},\n"
             "   {\"address\": \"T/1#fn1\", \"kind\": \"footnote\", \"text\": \"note\"}]},\n"
             " \"countries\": []}\n",
             text_json, refs_json);
    struct corpus_source src = {"t.json", json, strlen(json)};
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_sources(&src, 1, NULL, &corpus, &d), "%s", d.msg);
    return corpus;
}

static size_t
count_hits(const struct corpus *corpus, const char *query, bool regex)
{
    struct search_index *index = search_index_new(corpus);
    struct search_hits h = run_ok(index, query, regex, NULL);
    size_t n = h.n;
    search_hits_free(&h);
    search_index_free(index);
    return n;
}

Test(search_made, non_overlapping)
{
    struct corpus *c = load_paragraph("aaaaa", "");
    cr_expect_eq(count_hits(c, "aa", false), 2);
    cr_expect_eq(count_hits(c, "a{2}", true), 2);
    cr_expect_eq(count_hits(c, "a*", true), 1);
    corpus_free(c);
}

/* "x" does not match the first half of the cluster x + U+0301 (which has no precomposed
 * form); e + U+0301 composes to é under NFKC. */
Test(search_made, whole_clusters_only)
{
    struct corpus *c = load_paragraph("x\\u0301y xy cafe\\u0301 cafe", "");
    cr_expect_eq(count_hits(c, "x", false), 1);
    cr_expect_eq(count_hits(c, "xy", false), 1);
    cr_expect_eq(count_hits(c, "x", true), 1);
    cr_expect_eq(count_hits(c, "cafe", false), 1);
    cr_expect_eq(count_hits(c, "CAFÉ", false), 1);
    cr_expect_eq(count_hits(c, "caf.", true), 2);
    corpus_free(c);
}

/* A plain-digit marker given by a footnote ref folds to nothing; other digits stay. */
Test(search_made, plain_marker_span)
{
    struct corpus *c = load_paragraph(
        "abc1def 1", "{\"to\": \"T/1#fn1\", \"kind\": \"footnote\", \"at\": 3, \"len\": 1}");
    struct search_index *index = search_index_new(c);
    struct search_hits h = run_ok(index, "abcdef", false, NULL);
    cr_assert_eq(h.n, 1);
    cr_expect_eq(h.v[0].offset, 0);
    cr_expect_eq(h.v[0].length, 7);
    search_hits_free(&h);
    h = run_ok(index, "1", false, NULL);
    cr_assert_eq(h.n, 1);
    cr_expect_eq(h.v[0].offset, 8);
    search_hits_free(&h);
    search_index_free(index);
    corpus_free(c);
}

Test(search_made, ligature_and_fullwidth)
{
    struct corpus *c = load_paragraph("ﬁnal ＡＢＣ", "");
    cr_expect_eq(count_hits(c, "FINAL abc", false), 1);
    cr_expect_eq(count_hits(c, "fi", false), 1);
    corpus_free(c);
}

/* A regex search goes on after a match with the text before as context: \b between two
 * letters is no boundary, and ^ only matches at the field's start. */
Test(search_made, regex_context_after_a_match)
{
    struct corpus *c = load_paragraph("abab ab aaa", "");
    cr_expect_eq(count_hits(c, "\\bab", true), 2);
    cr_expect_eq(count_hits(c, "^a", true), 1);
    cr_expect_eq(count_hits(c, "a\\b", true), 1);
    corpus_free(c);
}
