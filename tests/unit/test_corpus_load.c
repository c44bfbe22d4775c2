/* The corpus loader and model: the mini corpus, every loader error, hostile input. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "corpus/corpus_load.h"
#include "util/textfile.h"

#define MINI NDVR_TEST_DATA "/mini"
#define BAD NDVR_TEST_DATA "/bad/"

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
    expect_addresses(doc->children, doc->nchildren,
                     ADDRS("A/74/90#cover", "A/74/90#letter", "A/74/90#ch1", "A/74/90#ch2",
                           "A/74/90#annex2"));
    const struct node *ch1 = must_find(c, "A/74/90#ch1");
    size_t n;
    struct node *const *sub = corpus_subtree(c, ch1, &n);
    expect_addresses(sub, n,
                     ADDRS("A/74/90#ch1", "A/74/90#p1", "A/74/90#p2", "A/74/90#p2.1",
                           "A/74/90#fn1"));
    corpus_nodes(c, &n);
    cr_expect_eq(n, 11 + 23 + 3, "11 nodes in A/72/304, 23 in A/74/90, 3 countries");
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
    cr_expect_null(cover->refs[0].target);
    const struct node *paper = must_find(c, "GE-NDV/2018/4");
    cr_expect_not(paper->refs[0].in_text);
    cr_expect_eq(must_find(c, "A/72/304#fn1")->refs[0].target, must_find(c, "A/74/90"));
    corpus_free(c);
}

Test(corpus_load, cited_by)
{
    struct corpus *c = load_mini();
    const struct node *n = must_find(c, "A/74/90#experts.CHN.1");
    expect_addresses(n->cited_by.v, n->cited_by.n, ADDRS("A/74/90#fn1", "GE-NDV/2018/12"));
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
    expect_addresses(chn->working_papers.v, chn->working_papers.n, ADDRS("GE-NDV/2018/12"));
    cr_expect_eq(chn->responses.n, 0);
    const struct node_country *arg = &must_find(c, "ARG")->u.country;
    expect_addresses(arg->responses.v, arg->responses.n, ADDRS("A/72/304#ARG"));
    cr_expect_eq(arg->experts.n, 0);
    cr_expect_null(must_find(c, "ARG")->document);
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
        cr_expect(corpus_load_files(&paths[i], 1, &c, &d), "%s: %d:%d: %s", d.file, d.line,
                  d.col, d.msg);
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
    char msg[80];
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
    {"countries-duplicate.json", 7, 17, "duplicate address \"NOR\""},
    {"ref-unresolved.json", 12, 18, "unresolved reference to \"X/1#p9\""},
    {"at-outside.json", 13, 70, "ref at/len 6+6 is outside the text (9 bytes)"},
    {"at-boundary.json", 13, 70, "ref at/len 1+3 is not on UTF-8 character boundaries"},
    {"utf8-invalid.json", 11, 21, "invalid UTF-8 in string"},
    {"utf8-key.json", 11, 12, "invalid UTF-8 in string"},
    {"nul.json", 11, 19, "NUL character (\\u0000) in string"},
    {"control-esc.json", 11, 19, "control character U+001B in string"},
    {"control-tab.json", 11, 19, "control character U+0009 in string"},
    {"control-c1.json", 11, 19, "control character U+0085 in string"},
    {"control-del.json", 11, 19, "control character U+007F in string"},
    {"deep.json", 4, 121, "nesting deeper than 64 levels"},
    /* a valid file, loaded with a 40-byte cap: byte 40 is the '1' of "version": 1 */
    {"too-large.json", 3, 14, "file is larger than 40 bytes"},
};

ParameterizedTestParameters(corpus_load, bad_file)
{
    return cr_make_param_array(struct bad_case, bad_cases,
                               sizeof bad_cases / sizeof bad_cases[0]);
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

/* Loads s[0..n) and checks the result is either a corpus or a positioned error. */
static void
load_any(const char *s, size_t n)
{
    struct corpus_source src = {"fuzz.json", s, n};
    struct corpus *c = NULL;
    struct diag d = {0};
    if (corpus_load_sources(&src, 1, NULL, &c, &d)) {
        cr_assert_not_null(c);
        corpus_free(c);
        return;
    }
    cr_assert_null(c);
    cr_assert(d.line >= 1 && d.col >= 1, "no position for: %s", d.msg);
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
    size_t n;
    char *s = read_fixture(MINI "/A-72-304.json", &n);
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
