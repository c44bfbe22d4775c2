/* The corpus loader and model: the mini corpus, every loader error and warning, the two load
 * modes, sanitising at load with references carried over, hostile input. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "corpus/corpus_load.h"
#include "text/sanitize.h"
#include "util/strbuf.h"
#include "util/textfile.h"
#include "util/xalloc.h"

#define MINI NDVR_TEST_DATA "/mini"
#define BAD NDVR_TEST_DATA "/bad/"
#define HOSTILE NDVR_TEST_DATA "/hostile"

static struct corpus *
load_mini(void)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    bool ok = corpus_load_dir(MINI, &c, &d);
    cr_assert(ok, "mini corpus failed to load: %s:%d:%d: %s", d.file, d.line, d.col, d.msg);
    return c;
}

static const struct node *
must_find(const struct corpus *c, const char *address)
{
    const struct node *n = corpus_find(c, address);
    cr_assert_not_null(n, "no node %s", address);
    return n;
}

/* Asserts list[0..n) holds exactly the given addresses, in order (NULL-terminated). */
static void
expect_addresses(struct node *const *list, size_t n, const char *const *want)
{
    size_t k = 0;
    for (; want[k] != NULL; k++) {
        cr_assert_lt(k, n, "list too short: missing %s", want[k]);
        cr_expect_str_eq(list[k]->address, want[k]);
    }
    cr_expect_eq(n, k, "list has %zu entries, expected %zu", n, k);
}

#define ADDRS(...) ((const char *const[]){__VA_ARGS__, NULL})

Test(corpus_load, documents_in_file_name_order)
{
    struct corpus *c = load_mini();
    size_t n;
    struct node *const *docs = corpus_documents(c, &n);
    expect_addresses(docs, n, ADDRS("A/72/304", "A/74/90"));
    cr_expect_str_eq(docs[0]->title, "核裁军核查：秘书长的报告");
    cr_expect_str_eq(docs[1]->u.document.symbol, "A/74/90");
    cr_expect_null(docs[1]->parent);
    corpus_free(c);
}

Test(corpus_load, find_paragraph)
{
    struct corpus *c = load_mini();
    const struct node *p = must_find(c, "A/74/90#p2");
    cr_expect_eq(p->kind, NODE_PARAGRAPH);
    cr_expect_eq(p->number, 2);
    cr_expect_str_eq(p->label, "2");
    cr_expect_null(p->title);
    cr_expect_str_eq(p->text, "挪威大使担任主席。¹");
    cr_expect_eq(p->text_len, 29);
    cr_expect_eq(p->line, 124);
    cr_expect_str_eq(p->parent->address, "A/74/90#ch1");
    cr_expect_str_eq(p->document->address, "A/74/90");
    cr_expect_null(corpus_find(c, "A/74/90#p99"));
    cr_expect_null(corpus_find(c, "a/74/90#p2"), "lookups are case-sensitive");
    cr_expect_str_eq(must_find(c, "A/74/90#letter.p1")->text, "谨随函提交专家组的报告。");
    cr_expect_str_eq(must_find(c, "A/72/304#ARG.h1")->text, "");
    cr_expect_eq(must_find(c, "A/72/304#ARG.h1")->number, -1);
    cr_expect_eq(must_find(c, "A/74/90#fn0")->number, 0);
    corpus_free(c);
}

Test(corpus_load, children_in_document_order)
{
    struct corpus *c = load_mini();
    const struct node *doc = must_find(c, "A/74/90");
    expect_addresses(
        doc->children, doc->nchildren,
        ADDRS("A/74/90#cover", "A/74/90#letter", "A/74/90#ch1", "A/74/90#ch2", "A/74/90#annex2"));
    const struct node *ch1 = must_find(c, "A/74/90#ch1");
    size_t n;
    struct node *const *sub = corpus_subtree(c, ch1, &n);
    expect_addresses(
        sub, n, ADDRS("A/74/90#ch1", "A/74/90#p1", "A/74/90#p2", "A/74/90#p2.1", "A/74/90#fn1"));
    corpus_nodes(c, &n);
    cr_expect_eq(n, 12 + 25 + 3 + 2,
                 "12 nodes in A/72/304, 25 in A/74/90, 3 countries, 2 external documents");
    corpus_free(c);
}

Test(corpus_load, refs_resolve)
{
    struct corpus *c = load_mini();
    const struct node *p2 = must_find(c, "A/74/90#p2");
    cr_assert_eq(p2->nrefs, 2);
    cr_expect_str_eq(p2->refs[1].to, "A/74/90#fn1");
    cr_expect_eq(p2->refs[1].kind, REF_FOOTNOTE);
    cr_expect(p2->refs[1].in_text);
    cr_expect_eq(p2->refs[1].at, 27);
    cr_expect_eq(p2->refs[1].len, 2);
    cr_expect_eq(p2->refs[1].target, must_find(c, "A/74/90#fn1"));
    cr_expect_eq(p2->refs[0].target, must_find(c, "NOR"));
    const struct node *cover = must_find(c, "A/74/90#cover");
    cr_expect(cover->refs[0].external);
    cr_expect_eq(cover->refs[0].target, must_find(c, "A/RES/71/67"));
    const struct node *paper = must_find(c, "GE-NDV/2018/4");
    cr_expect_not(paper->refs[0].in_text);
    cr_expect_eq(must_find(c, "A/72/304#fn1")->refs[0].target, must_find(c, "A/74/90"));
    corpus_free(c);
}

Test(corpus_load, cited_by)
{
    struct corpus *c = load_mini();
    const struct node *n = must_find(c, "A/74/90#experts.CHN.1");
    expect_addresses(n->cited_by.v, n->cited_by.n,
                     ADDRS("A/74/90#fn1", "GE-NDV/2018/12", "GE-NDV/2018/16"));
    n = must_find(c, "NOR");
    expect_addresses(n->cited_by.v, n->cited_by.n,
                     ADDRS("A/72/304#ARG.p1", "A/72/304#NOR.p1", "A/74/90#p2"));
    n = must_find(c, "A/72/304");
    expect_addresses(n->cited_by.v, n->cited_by.n, ADDRS("A/74/90#p1"));
    n = must_find(c, "A/74/90");
    expect_addresses(n->cited_by.v, n->cited_by.n, ADDRS("A/72/304#fn1"));
    cr_expect_eq(must_find(c, "A/74/90#p1")->cited_by.n, 0);
    corpus_free(c);
}

Test(corpus_load, kind_members)
{
    struct corpus *c = load_mini();
    const struct node_expert *e = &must_find(c, "A/74/90#experts.CHN.2")->u.expert;
    cr_expect_str_eq(e->name, "张慎");
    cr_expect_str_eq(e->iso3, "CHN");
    cr_assert_eq(e->nsessions, 1);
    cr_expect_eq(e->sessions[0], 3);
    cr_expect_str_eq(e->sessions_note, "(第三届会议)");
    cr_expect(e->alternate);
    cr_expect_not(must_find(c, "A/74/90#experts.CHN.1")->u.expert.alternate);
    const struct node_working_paper *wp = &must_find(c, "GE-NDV/2018/12")->u.paper;
    cr_expect_str_eq(wp->symbol, "GE-NDV/2018/12");
    cr_expect(wp->cited, "cited defaults to true");
    cr_assert_eq(wp->nsubmitters, 1);
    cr_expect_str_eq(wp->submitters[0].honorific, "先生");
    cr_expect_str_eq(wp->submitters[0].footnote, "A/74/90#fn1");
    cr_expect_eq(wp->submitters[0].expert, must_find(c, "A/74/90#experts.CHN.1"));
    cr_expect_not(must_find(c, "GE-NDV/2018/4")->u.paper.cited);
    const struct node_working_paper_list *wl = &must_find(c, "A/74/90#papers")->u.paper_list;
    cr_assert_eq(wl->ncolumns, 2);
    cr_expect_str_eq(wl->columns[1], "标题");
    const struct node_response *r = &must_find(c, "A/72/304#ARG")->u.response;
    cr_expect_str_eq(r->language, "西班牙文");
    cr_expect_str_eq(r->date, "2017-07-14");
    cr_expect_str_eq(r->date_text, "2017 年 7 月 14 日");
    corpus_free(c);
}

Test(corpus_load, countries_merged_with_derived_lists)
{
    struct corpus *c = load_mini();
    size_t n;
    struct node *const *countries = corpus_countries(c, &n);
    expect_addresses(countries, n, ADDRS("ARG", "CHN", "NOR"));
    const struct node_country *nor = &must_find(c, "NOR")->u.country;
    cr_expect_str_eq(nor->name, "挪威");
    expect_addresses(nor->experts.v, nor->experts.n, ADDRS("A/74/90#experts.NOR.1"));
    expect_addresses(nor->working_papers.v, nor->working_papers.n, ADDRS("GE-NDV/2018/4"));
    expect_addresses(nor->responses.v, nor->responses.n, ADDRS("A/72/304#NOR"));
    const struct node_country *chn = &must_find(c, "CHN")->u.country;
    expect_addresses(chn->experts.v, chn->experts.n,
                     ADDRS("A/74/90#experts.CHN.1", "A/74/90#experts.CHN.2"));
    expect_addresses(chn->working_papers.v, chn->working_papers.n,
                     ADDRS("GE-NDV/2018/12", "GE-NDV/2018/16"));
    cr_expect_eq(chn->responses.n, 0);
    const struct node_country *arg = &must_find(c, "ARG")->u.country;
    expect_addresses(arg->responses.v, arg->responses.n, ADDRS("A/72/304#ARG"));
    cr_expect_eq(arg->experts.n, 0);
    cr_expect_null(must_find(c, "ARG")->document);
    corpus_free(c);
}

/* --- External documents, relations, internal references, references in titles ----------- */

Test(corpus_load, external_documents_are_nodes)
{
    struct corpus *c = load_mini();
    size_t n, nall;
    struct node *const *ext = corpus_externals(c, &n);
    /* both files list A/RES/71/67: one node; sorted by address, after the countries */
    expect_addresses(ext, n, ADDRS("A/74/50", "A/RES/71/67"));
    struct node *const *all = corpus_nodes(c, &nall);
    cr_expect_eq(all[nall - 1], ext[1]);
    cr_expect_eq(all[nall - 3]->kind, NODE_COUNTRY);
    const struct node *res = ext[1];
    cr_expect_eq(res->kind, NODE_EXTERNAL);
    cr_expect_str_eq(res->u.external.symbol, "A/RES/71/67");
    cr_expect_eq(res->u.external.document_kind, REF_RESOLUTION);
    cr_expect_eq(ext[0]->u.external.document_kind, REF_DOCUMENT);
    cr_expect_null(res->document);
    cr_expect_str_eq(node_display_title(res), "A/RES/71/67");
    expect_addresses(res->cited_by.v, res->cited_by.n,
                     ADDRS("A/72/304#p1", "A/72/304#NOR.h1", "A/74/90#cover"));
    corpus_free(c);
}

Test(corpus_load, a_loaded_document_takes_the_place_of_an_external_one)
{
    /* A/74/50 is external to the mini A/74/90; a file holding A/74/50 loaded with it (after
     * it, by name order, and before it) makes the reference lead to that document */
    const char *orders[2][2] = {{MINI "/A-74-90.json", NDVR_TEST_DATA "/extra/A-74-50.json"},
                                {NDVR_TEST_DATA "/extra/A-74-50.json", MINI "/A-74-90.json"}};
    for (int i = 0; i < 2; i++) {
        struct corpus *c = NULL;
        struct diag d = {0};
        cr_assert(corpus_load_files(orders[i], 2, &c, &d), "%s:%d:%d: %s", d.file, d.line, d.col,
                  d.msg);
        const struct node *doc = must_find(c, "A/74/50");
        cr_expect_eq(doc->kind, NODE_DOCUMENT);
        cr_expect_eq(must_find(c, "A/74/90#fn0")->refs[0].target, doc);
        expect_addresses(doc->cited_by.v, doc->cited_by.n, ADDRS("A/74/90#fn0"));
        size_t n;
        struct node *const *ext = corpus_externals(c, &n);
        expect_addresses(ext, n, ADDRS("A/RES/71/67"));
        corpus_free(c);
    }
}

Test(corpus_load, paper_relations)
{
    struct corpus *c = load_mini();
    const struct node *a = must_find(c, "GE-NDV/2018/12"), *b = must_find(c, "GE-NDV/2018/16");
    const struct node_working_paper *p = &a->u.paper;
    cr_assert_eq(p->nrelations, 3);
    cr_expect_eq(p->relations[0].kind, RELATION_SAME_SUBMITTER);
    cr_expect_eq(p->relations[0].target, b);
    cr_expect_eq(p->relations[0].via_node, must_find(c, "A/74/90#experts.CHN.1"));
    cr_expect_eq(p->relations[1].kind, RELATION_CITED_TOGETHER);
    cr_expect_eq(p->relations[1].via_node, must_find(c, "A/74/90#fn1"));
    cr_expect_eq(p->relations[2].kind, RELATION_SAME_TITLE);
    cr_expect_str_eq(p->relations[2].via, "核裁军核查能力建设");
    cr_expect_null(p->relations[2].via_node);
    cr_expect_eq(b->u.paper.relations[0].target, a);
    cr_expect_eq(must_find(c, "GE-NDV/2018/4")->u.paper.nrelations, 0);
    corpus_free(c);
}

Test(corpus_load, internal_reference_and_reference_in_a_title)
{
    struct corpus *c = load_mini();
    const struct node *p4 = must_find(c, "A/74/90#p4");
    cr_assert_eq(p4->nrefs, 1);
    cr_expect_eq(p4->refs[0].kind, REF_ANNEX);
    cr_expect_eq(p4->refs[0].target, must_find(c, "A/74/90#annex2"));
    cr_expect_str_eq(ref_kind_name(REF_IBID), "ibid");
    const struct node *h = must_find(c, "A/72/304#NOR.h1");
    cr_assert_eq(h->nrefs, 1);
    cr_expect(h->refs[0].in_title);
    cr_expect_not(h->refs[0].in_text);
    cr_expect_eq(memcmp(h->title + h->refs[0].at, "71/67", h->refs[0].len), 0);
    corpus_free(c);
}

Test(corpus_load, suggestions)
{
    struct corpus *c = load_mini();
    const struct node *out[3];
    size_t n = corpus_suggest(c, "A/74/90#p22", out, 3);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(out[0]->address, "A/74/90#p2");
    cr_expect_str_eq(out[1]->address, "A/74/90#p2.1");
    cr_expect_str_eq(out[2]->address, "A/74/90#p1");
    n = corpus_suggest(c, "a/74/90#P2", out, 1);
    cr_assert_eq(n, 1);
    cr_expect_str_eq(out[0]->address, "A/74/90#p2");
    cr_expect_eq(corpus_suggest(c, "zzzzzzzzzz", out, 3), 0);
    cr_expect_eq(corpus_suggest(c, "", out, 3), 0);
    corpus_free(c);
}

Test(corpus_load, kind_names_round_trip)
{
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        enum node_kind parsed;
        cr_expect(node_kind_parse(node_kind_name((enum node_kind)k), &parsed));
        cr_expect_eq(parsed, (enum node_kind)k);
    }
    enum node_kind kind;
    cr_expect_not(node_kind_parse("Chapter", &kind));
    cr_expect_str_eq(node_kind_name(NODE_WORKING_PAPER_LIST), "working-paper-list");
    enum ref_kind rk;
    cr_expect(ref_kind_parse("working-paper", &rk));
    cr_expect_eq(rk, REF_WORKING_PAPER);
}

Test(corpus_load, display_titles)
{
    struct corpus *c = load_mini();
    cr_expect_str_eq(node_display_title(must_find(c, "A/74/90#ch1")), "导言");
    cr_expect_str_eq(node_display_title(must_find(c, "A/74/90#experts.NOR.1")), "克努特·朗厄兰");
    cr_expect_str_eq(node_display_title(must_find(c, "CHN")), "中国");
    cr_expect_str_eq(node_display_title(must_find(c, "A/74/90#p2.1")), "");
    cr_expect_str_eq(node_display_title(must_find(c, "A/74/90#papers")), "");
    corpus_free(c);
}

/* One file can be checked alone: refs into the other document are skipped. */
Test(corpus_load, one_file_alone)
{
    const char *paths[] = {MINI "/A-72-304.json", MINI "/A-74-90.json"};
    for (int i = 0; i < 2; i++) {
        struct corpus *c = NULL;
        struct diag d = {0};
        cr_expect(corpus_load_files(&paths[i], 1, &c, &d), "%s: %d:%d: %s", d.file, d.line, d.col,
                  d.msg);
        size_t n;
        corpus_documents(c, &n);
        cr_expect_eq(n, 1);
        corpus_free(c);
    }
}

Test(corpus_load, missing_directory)
{
    struct corpus *c = (struct corpus *)1;
    struct diag d = {0};
    cr_assert_not(corpus_load_dir(NDVR_TEST_DATA "/no-such-dir", &c, &d));
    cr_expect_null(c);
    cr_expect_str_eq(d.file, NDVR_TEST_DATA "/no-such-dir");
    cr_expect_eq(d.line, 0);
}

/* --- Every loader error, with its position checked by hand against the fixture ---------- */

/* Inline arrays, not pointers: Criterion copies parameters into another process. */
struct bad_case {
    char file[32];
    int line, col;
    char msg[128];
};

static struct bad_case bad_cases[] = {
    {"syntax.json", 3, 3, "JSON syntax error"},
    {"empty.json", 1, 1, "JSON syntax error"},
    {"trailing.json", 6, 1, "unexpected text after the JSON value"},
    {"toplevel.json", 1, 1, "the top level must be an object"},
    {"format.json", 2, 13, "member \"format\" must be \"ndvr-tree\""},
    {"version.json", 3, 14, "unsupported version (this ndvr reads version 1)"},
    {"document-missing.json", 1, 1, "missing member \"document\""},
    {"address-missing.json", 8, 7, "missing member \"address\""},
    {"address-type.json", 8, 19, "member \"address\" must be a string"},
    {"kind-missing.json", 8, 7, "missing member \"kind\""},
    {"kind-unknown.json", 8, 37, "unknown kind \"chapitre\""},
    {"duplicate.json", 9, 19, "duplicate address \"X/1#p1\""},
    /* cJSON reads the first "kind" and drops the second: the file says two things */
    {"member-duplicate.json", 8, 58, "duplicate member \"kind\""},
    {"countries-duplicate.json", 7, 17, "duplicate address \"NOR\""},
    {"ref-unresolved.json", 12, 18, "unresolved reference to \"X/1#p9\""},
    {"at-outside.json", 13, 70, "ref at/len 6+6 is outside the text (9 bytes)"},
    {"at-boundary.json", 13, 70, "ref at/len 1+3 is not on UTF-8 character boundaries"},
    {"deep.json", 4, 121, "nesting deeper than 64 levels"},
    /* a valid file, loaded with a 40-byte cap: byte 40 is the '1' of "version": 1 */
    {"too-large.json", 3, 14, "file is larger than 40 bytes"},
    {"external-missing.json", 12, 18,
     "external reference to \"A/RES/1/1\" has no entry in "
     "\"externals\""},
    {"external-place.json", 8, 34, "a node of kind \"external\" belongs in \"externals\""},
    {"externals-duplicate.json", 18, 17, "duplicate address \"A/1\""},
    {"external-kind.json", 12, 78,
     "member \"document_kind\" must be \"resolution\" or "
     "\"document\""},
    {"title-span.json", 12, 92, "ref at/len 3+9 is outside the title (6 bytes)"},
    {"relation-reason.json", 13, 33, "unknown relation reason \"same-author\""},
    /* told at the relation, on the paper that lists it */
    {"relation-back.json", 13, 9,
     "relation same-submitter to \"P/2\" via \"X/1#e1\": the "
     "other paper does not list the same relation back"},
    /* listed by both papers, told once */
    {"relation-via.json", 13, 9,
     "relation cited-together to \"P/2\" via \"X/1#p1\": \"via\" "
     "is not a footnote"},
    /* a document's words name its own parts: Y/2 is not loaded, so only this is wrong */
    {"ref-other-document.json", 12, 18,
     "annex reference to \"Y/2#annex1\" is not inside its "
     "own document \"X/1\""},
    /* a country is in no document: it has no parts of its own to name */
    {"ref-in-country.json", 11, 22, "chapter reference outside a document's tree"},
    /* 同上 repeats the footnote before it: not a later one, not a paragraph */
    {"ibid-later.json", 13, 18, "ibid to \"X/1#fn2\" names no earlier footnote"},
    {"ibid-kind.json", 10, 24, "ibid to \"X/1#p1\" names no earlier footnote"},
    /* the 7 after "安·史密斯": byte columns, the name's five characters are 14 bytes */
    {"expert-alias.json", 8, 98, "an alias must be a string"},
};

ParameterizedTestParameters(corpus_load, bad_file)
{
    return cr_make_param_array(struct bad_case, bad_cases, sizeof bad_cases / sizeof bad_cases[0]);
}

ParameterizedTest(struct bad_case *bc, corpus_load, bad_file)
{
    char path[512], want[1024], got[1024];
    snprintf(path, sizeof path, "%s%s", BAD, bc->file);
    const char *paths[] = {path};
    struct corpus_limits limits = CORPUS_LIMITS_DEFAULT;
    if (strcmp(bc->file, "too-large.json") == 0)
        limits.max_file_bytes = 40;
    struct corpus *c = (struct corpus *)1;
    struct diag d = {0};
    cr_assert_not(corpus_load_files_limited(paths, 1, &limits, &c, &d), "%s loaded", path);
    cr_expect_null(c);
    snprintf(want, sizeof want, "%s:%d:%d: %s", path, bc->line, bc->col, bc->msg);
    diag_format(&d, got, sizeof got);
    cr_expect_str_eq(got, want);
    /* strict mode finds the same problem, and only it */
    struct corpus_load_options strict = {CORPUS_LOAD_STRICT, limits};
    struct corpus_report report;
    cr_assert_not(corpus_load_files_report(paths, 1, &strict, &c, &report, NULL));
    cr_expect_null(c);
    cr_assert_eq(report.n, 1, "%s: %zu problems", bc->file, report.n);
    diag_format(&report.v[0], got, sizeof got);
    cr_expect_str_eq(got, want);
    corpus_report_free(&report);
}

/* --- Content problems: warnings when reading, problems when checking --------------------- */

struct content_case {
    char file[32];
    int line, col;
    char msg[80];
    char text[16]; /* the paragraph's text after sanitising */
};

static struct content_case content_cases[] = {
    {"utf8-invalid.json", 11, 21, "invalid UTF-8 in string", "\xE4\xB8\x80\xEF\xBF\xBD"},
    {"utf8-key.json", 11, 12, "invalid UTF-8 in string", ""}, /* the key is not "text" */
    {"nul.json", 11, 19, "NUL character (\\u0000) in string", "ab"},
    {"control-esc.json", 11, 19, "control character U+001B in string", "a[2J"},
    {"control-tab.json", 11, 19, "control character U+0009 in string", "a\tb"},
    {"control-c1.json", 11, 19, "control character U+0085 in string", "a\nb"},
    {"control-del.json", 11, 19, "control character U+007F in string", "a"},
    /* cJSON refuses a lone surrogate escape: the loader reads it as U+FFFD, a content warning
     * as ndvr-tree(5) says of invalid text */
    {"surrogate.json", 11, 19, "lone surrogate (read as U+FFFD) U+D800 in string",
     "a\xEF\xBF\xBD"
     "b"},
};

ParameterizedTestParameters(corpus_load, content_file)
{
    return cr_make_param_array(struct content_case, content_cases,
                               sizeof content_cases / sizeof content_cases[0]);
}

ParameterizedTest(struct content_case *cc, corpus_load, content_file)
{
    char path[512], want[1024], got[1024];
    snprintf(path, sizeof path, "%s%s", BAD, cc->file);
    snprintf(want, sizeof want, "%s:%d:%d: %s", path, cc->line, cc->col, cc->msg);
    const char *paths[] = {path};
    const struct corpus_load_options read = CORPUS_LOAD_OPTIONS_READ;
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report;
    struct diag d = {0};
    cr_assert(corpus_load_files_report(paths, 1, &read, &c, &report, &d), "%s", d.msg);
    cr_assert_eq(report.n, 1);
    diag_format(&report.v[0], got, sizeof got);
    cr_expect_str_eq(got, want);
    cr_expect_str_eq(must_find(c, "X/1#p1")->text, cc->text);
    corpus_report_free(&report);
    corpus_free(c);
    cr_assert_not(corpus_load_files_report(paths, 1, &strict, &c, &report, &d));
    cr_expect_null(c);
    cr_assert_eq(report.n, 1);
    diag_format(&d, got, sizeof got);
    cr_expect_str_eq(got, want);
    corpus_report_free(&report);
}

Test(corpus_load, old_interface_drops_warnings)
{
    const char *paths[] = {BAD "control-esc.json"};
    struct corpus *c = NULL;
    cr_assert(corpus_load_files(paths, 1, &c, NULL));
    cr_expect_str_eq(must_find(c, "X/1#p1")->text, "a[2J");
    corpus_free(c);
}

Test(corpus_load, mini_has_no_warnings)
{
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report;
    struct diag d = {0};
    cr_assert(corpus_load_dir_report(MINI, &strict, &c, &report, &d), "%s:%d:%d: %s", d.file,
              d.line, d.col, d.msg);
    cr_expect_eq(report.n, 0);
    cr_expect_eq(report.nfiles, 2);
    corpus_report_free(&report);
    corpus_free(c);
}

/* --- The hostile corpus: sanitised once at load, references carried over -------------------- */

static struct corpus *
load_hostile(struct corpus_report *report)
{
    const struct corpus_load_options read = CORPUS_LOAD_OPTIONS_READ;
    struct corpus *c = NULL;
    struct diag d = {0};
    bool ok = corpus_load_dir_report(HOSTILE, &read, &c, report, &d);
    cr_assert(ok, "hostile corpus failed to load: %s:%d:%d: %s", d.file, d.line, d.col, d.msg);
    return c;
}

/* The fixture's p1 text as the file has it, decoded (58 bytes):
 *   0 A, 1 ESC, 2..23 "]52;c;ZWNobyBwd25lZA==", 24 BEL, 25 B, 26 ESC, 27..29 "[2J", 30 C,
 *   31 CR, 32 D, 33..35 U+202E, 36 E, 37 0xFF, 38 F, 39..40 U+00AD, 41 G, 42 NUL, 43 H,
 *   44..46 见, 47..52 挪威, 53..55 。, 56..57 ¹
 * and sanitised (51 bytes):
 *   0 A, 1..22 "]52;...==", 23 B, 24..26 "[2J", 27 C, 28 '\n', 29 D, 30 E, 31..33 U+FFFD,
 *   34 F, 35 G, 36 H, 37..39 见, 40..45 挪威, 46..48 。, 49..50 ¹ */
#define HOSTILE_P1                                                                                 \
    "A]52;c;ZWNobyBwd25lZA==B[2JC\nDE\xEF\xBF\xBD"                                                 \
    "FGH见挪威。¹"

Test(corpus_load, hostile_strings_are_sanitised)
{
    struct corpus_report report;
    struct corpus *c = load_hostile(&report);
    cr_expect_str_eq(must_find(c, "H/1")->title, "敌意]0;pwned标题");
    const struct node *p1 = must_find(c, "H/1#p1");
    cr_expect_str_eq(p1->text, HOSTILE_P1);
    cr_expect_eq(p1->text_len, 51);
    cr_expect_str_eq(must_find(c, "H/1#fn1")->text, "脚注[31m文本\n尾");
    cr_expect_str_eq(must_find(c, "NOR")->u.country.name, "挪威");
    cr_expect_str_eq(node_display_title(must_find(c, "NOR")), "挪威");
    corpus_report_free(&report);
    corpus_free(c);
}

static void
expect_span(const struct ref *ref, size_t at, size_t len, const char *text, const char *want)
{
    cr_expect(ref->in_text, "%s", ref->to);
    cr_expect_eq(ref->at, at, "%s: at %zu", ref->to, ref->at);
    cr_expect_eq(ref->len, len, "%s: len %zu", ref->to, ref->len);
    cr_expect_eq(strncmp(text + ref->at, want, strlen(want)), 0, "%s", ref->to);
}

Test(corpus_load, hostile_refs_follow_the_text)
{
    struct corpus_report report;
    struct corpus *c = load_hostile(&report);
    const struct node *p1 = must_find(c, "H/1#p1");
    cr_assert_eq(p1->nrefs, 4);
    /* "D\u202eE" (32+5) lost its bidi control; "E\xFFF" (36+3) gained a U+FFFD */
    expect_span(&p1->refs[0], 29, 2, p1->text, "DE");
    expect_span(&p1->refs[1], 30, 5, p1->text,
                "E\xEF\xBF\xBD"
                "F");
    expect_span(&p1->refs[2], 40, 6, p1->text, "挪威");
    expect_span(&p1->refs[3], 49, 2, p1->text, "¹");
    cr_expect_eq(p1->refs[2].target, must_find(c, "NOR"));
    cr_expect_eq(p1->refs[3].target, must_find(c, "H/1#fn1"));
    corpus_report_free(&report);
    corpus_free(c);
}

/* Each character sanitising changed, where the file has it (escapes at their backslash). */
static const char *const hostile_warnings[] = {
    "8:21: control character U+001B in string",
    "8:35: control character U+0007 in string",
    "16:19: control character U+001B in string",
    "16:47: control character U+0007 in string",
    "16:54: control character U+001B in string",
    "16:64: control character U+000D in string",
    "16:67: bidi control U+202E in string",
    "16:74: invalid UTF-8 in string",
    "16:76: invisible format character U+00AD in string",
    "16:83: NUL character (\\u0000) in string",
    "29:24: control character U+001B in string",
    "29:35: control character U+000D in string",
    "29:39: bidi control U+202C in string",
    "34:70: invisible format character U+00AD in string",
    "34:79: bidi control U+2066 in string",
};

Test(corpus_load, hostile_warnings_are_positioned)
{
    struct corpus_report report;
    struct corpus *c = load_hostile(&report);
    size_t n = sizeof hostile_warnings / sizeof hostile_warnings[0];
    cr_assert_eq(report.n, n, "%zu warnings", report.n);
    for (size_t i = 0; i < n; i++) {
        char want[512], got[1024];
        snprintf(want, sizeof want, "%s/H-1.json:%s", HOSTILE, hostile_warnings[i]);
        diag_format(&report.v[i], got, sizeof got);
        cr_expect_str_eq(got, want);
    }
    cr_expect_eq(report.nfiles, 1);
    corpus_report_free(&report);
    corpus_free(c);
}

Test(corpus_load, hostile_is_refused_when_strict)
{
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = (struct corpus *)1;
    struct corpus_report report;
    struct diag d = {0};
    cr_assert_not(corpus_load_dir_report(HOSTILE, &strict, &c, &report, &d));
    cr_expect_null(c);
    cr_expect_eq(report.n, sizeof hostile_warnings / sizeof hostile_warnings[0]);
    cr_expect_eq(d.line, 8);
    cr_expect_eq(d.col, 21);
    corpus_report_free(&report);
}

/* Strict mode goes on past every problem it can: content, shape, duplicates, references,
 * spans and the semantic checks, all in file order. */
Test(corpus_load, strict_lists_every_problem)
{
    const char *paths[] = {BAD "several.json"};
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report;
    cr_assert_not(corpus_load_files_report(paths, 1, &strict, &c, &report, NULL));
    cr_expect_eq(report.n, 17);
    cr_expect_eq(report.v[0].line, 7);
    cr_expect_eq(report.v[16].line, 22);
    for (size_t i = 1; i < report.n; i++)
        cr_expect(
            report.v[i - 1].line < report.v[i].line ||
                (report.v[i - 1].line == report.v[i].line && report.v[i - 1].col < report.v[i].col),
            "problem %zu out of order", i);
    corpus_report_free(&report);
    /* reading stops being possible at the first error, and says which */
    struct diag d = {0};
    cr_assert_not(corpus_load_files(paths, 1, &c, &d));
    cr_expect_eq(d.line, 9);
    cr_expect_eq(d.col, 60);
}

Test(corpus_load, unreadable_files_are_problems)
{
    const char *paths[] = {BAD "no-such-file.json", BAD "duplicate.json", MINI "/A-72-304.json"};
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report;
    cr_assert_not(corpus_load_files_report(paths, 3, &strict, &c, &report, NULL));
    cr_assert_eq(report.n, 2);
    cr_expect_str_eq(report.v[0].file, BAD "no-such-file.json");
    cr_expect_eq(report.v[0].line, 0);
    cr_expect_str_eq(report.v[0].msg, "cannot open: No such file or directory");
    cr_expect_str_eq(report.v[1].msg, "duplicate address \"X/1#p1\"");
    cr_expect_eq(report.nfiles, 3);
    corpus_report_free(&report);
}

/* A flood of bad bytes is listed up to the cap, then counted. */
Test(corpus_load, problems_are_capped_per_file)
{
    struct strbuf_like {
        char buf[4096];
    } big;
    int n = snprintf(big.buf, sizeof big.buf,
                     "{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": "
                     "{\"address\": \"X/1\", \"kind\": \"document\", \"text\": \"");
    for (int i = 0; i < 150; i++)
        big.buf[n++] = (char)0xFF, big.buf[n++] = 'a';
    n += snprintf(big.buf + n, sizeof big.buf - (size_t)n, "\"}}");
    struct corpus_source src = {"flood.json", big.buf, (size_t)n};
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report;
    cr_assert_not(corpus_load_sources_report(&src, 1, &strict, &c, &report, NULL));
    cr_assert_eq(report.n, CORPUS_MAX_PROBLEMS + 1);
    cr_expect_str_eq(report.v[CORPUS_MAX_PROBLEMS].msg, "50 more problems not listed");
    cr_expect_eq(report.v[CORPUS_MAX_PROBLEMS].line, 0);
    corpus_report_free(&report);
}

/* --- The sanitiser's offset map ------------------------------------------------------------ */

Test(corpus_load, sanitize_map_carries_offsets)
{
    /* a, ESC (removed), 一 (3 bytes), 0xC3 alone (U+FFFD), b, soft hyphen (removed) */
    static const char in[] = "a\x1b\xE4\xB8\x80\xC3"
                             "b\xC2\xAD";
    size_t n = sizeof in - 1, len, *map;
    unsigned problems;
    char *out = sanitize_text_map(in, n, &len, &problems, &map);
    cr_expect_str_eq(out, "a\xE4\xB8\x80\xEF\xBF\xBD"
                          "b");
    cr_expect_eq(len, 8);
    size_t want[] = {0, 1, 1, SANITIZE_INSIDE, SANITIZE_INSIDE, 4, 7, 8, SANITIZE_INSIDE, 8};
    for (size_t i = 0; i <= n; i++)
        cr_expect_eq(map[i], want[i], "map[%zu] = %zu", i, map[i]);
    cr_expect_eq(problems, SANITIZE_BAD_UTF8 | SANITIZE_CONTROL | SANITIZE_INVISIBLE);
    free(out);
    free(map);
}

/* --- Hostile input ------------------------------------------------------------------------ */

static char *
read_fixture(const char *path, size_t *n)
{
    struct diag d = {0};
    char *s = textfile_read(path, n, &d);
    cr_assert_not_null(s, "%s", d.msg);
    return s;
}

/* Loads s[0..n) in both modes and checks each result is either a corpus or positioned
 * problems. */
static void
load_any(const char *s, size_t n)
{
    static const struct corpus_load_options modes[] = {CORPUS_LOAD_OPTIONS_READ,
                                                       CORPUS_LOAD_OPTIONS_STRICT};
    struct corpus_source src = {"fuzz.json", s, n};
    for (size_t m = 0; m < 2; m++) {
        struct corpus *c = NULL;
        struct corpus_report report;
        struct diag d = {0};
        bool ok = corpus_load_sources_report(&src, 1, &modes[m], &c, &report, &d);
        cr_assert_eq(ok, c != NULL);
        for (size_t i = 0; i < report.n; i++)
            cr_assert(report.v[i].line >= 1 && report.v[i].col >= 1, "no position for: %s",
                      report.v[i].msg);
        cr_assert(ok || (d.line >= 1 && d.col >= 1), "no position for: %s", d.msg);
        corpus_report_free(&report);
        corpus_free(c);
    }
}

Test(corpus_load, every_truncation)
{
    size_t n;
    char *s = read_fixture(MINI "/A-74-90.json", &n);
    for (size_t len = 0; len < n; len++) {
        struct corpus_source src = {"cut.json", s, len};
        struct corpus *c = NULL;
        struct diag d = {0};
        bool ok = corpus_load_sources(&src, 1, NULL, &c, &d);
        /* Only dropping the final newline leaves valid JSON. */
        cr_assert_eq(ok, len == n - 1, "prefix of %zu bytes: %s", len, d.msg);
        cr_assert(ok || (d.line >= 1 && d.col >= 1));
        corpus_free(c);
    }
    free(s);
}

Test(corpus_load, every_byte_mutated)
{
    static const char replacements[] = {'"', '[', '\\', '\0', (char)0xFF, '}'};
    static const char *const files[] = {MINI "/A-72-304.json", HOSTILE "/H-1.json"};
    for (size_t f = 0; f < 2; f++) {
        size_t n;
        char *s = read_fixture(files[f], &n);
        for (size_t i = 0; i < n; i++) {
            char saved = s[i];
            for (size_t r = 0; r < sizeof replacements; r++) {
                s[i] = replacements[r];
                load_any(s, n);
            }
            s[i] = saved;
        }
        free(s);
    }
}

Test(corpus_load, random_json_like_garbage)
{
    static const char alphabet[] = "{}[]\":,\\u0123456789aefnrtlsx -.#/\n\xE4\xB8\x80\xFF";
    char buf[256];
    uint32_t seed = 12345;
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(round % (int)sizeof buf);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        load_any(buf, len);
    }
}

/* A message quotes at most a short excerpt of what the file holds, cut on a character: a
 * 3000-byte address of Chinese characters repeated is named by its first 40 characters. */
Test(corpus_load, messages_quote_a_short_excerpt_cut_on_a_character)
{
    struct strbuf addr = STRBUF_INIT;
    for (int i = 0; i < 1000; i++)
        sb_puts(&addr, "核");
    char *json = xasprintf("{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": "
                           "{\"address\": \"X/1\", \"kind\": \"document\", \"children\": ["
                           "{\"address\": \"%s\", \"kind\": \"paragraph\"},"
                           "{\"address\": \"%s\", \"kind\": \"paragraph\"}]}}",
                           sb_str(&addr), sb_str(&addr));
    struct corpus_source src = {"long.json", json, strlen(json)};
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert_not(corpus_load_sources(&src, 1, NULL, &c, &d));
    struct strbuf want = STRBUF_INIT;
    sb_puts(&want, "duplicate address \"");
    for (int i = 0; i < 40; i++)
        sb_puts(&want, "核");
    sb_puts(&want, "…\"");
    cr_expect_str_eq(d.msg, sb_str(&want));
    sb_free(&want);
    sb_free(&addr);
    free(json);
}
