/* The ndvr command line, run as a real program against the mini corpus. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define MINI NDVR_TEST_DATA "/mini"

/* Runs ndvr with the given arguments (NULL-terminated, without argv[0]) and $NDVR_CORPUS
 * set to env_corpus (unset when NULL). */
static struct run
run_ndvr(const char *env_corpus, const char *const *args)
{
    char corpus[512];
    snprintf(corpus, sizeof corpus, "NDVR_CORPUS=%s", env_corpus ? env_corpus : "");
    const char *env[] = {corpus, NULL};
    return run_program(NDVR, args, env);
}

#define RUN(...) run_ndvr(NULL, (const char *const[]){__VA_ARGS__, NULL})
#define RUN_MINI(...) RUN("--corpus", MINI, __VA_ARGS__)

static void
expect_run(struct run *r, int status, const char *out, const char *err)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    cr_expect_str_eq(r->err, err);
    run_free(r);
}

/* --- ls ------------------------------------------------------------------------------------ */

Test(cli, ls_documents)
{
    struct run r = RUN_MINI("ls");
    expect_run(&r, 0,
               "A/72/304\tdocument\t核裁军核查：秘书长的报告\n"
               "A/74/90\tdocument\t审议核查在推进核裁军方面作用政府专家组的最后报告\n",
               "");
}

Test(cli, ls_children)
{
    struct run r = RUN_MINI("ls", "A/74/90");
    expect_run(&r, 0,
               "A/74/90#cover\tfront-matter\t秘书长的说明\n"
               "A/74/90#letter\tfront-matter\t送文函\n"
               "A/74/90#ch1\tchapter\t导言\n"
               "A/74/90#ch2\tchapter\t政府专家组审议的问题\n"
               "A/74/90#annex2\tannex\t"
               "审议核查在推进核裁军方面作用政府专家组专家提交的文件一览表\n",
               "");
}

Test(cli, ls_recursive)
{
    struct run r = RUN_MINI("ls", "-r", "A/74/90#ch1");
    expect_run(&r, 0,
               "A/74/90#p1\tparagraph\t\n"
               "A/74/90#p2\tparagraph\t\n"
               "A/74/90#p2.1\titem\t\n"
               "A/74/90#fn1\tfootnote\t\n",
               "");
}

Test(cli, ls_recursive_experts_show_names)
{
    struct run r = RUN_MINI("ls", "A/74/90#experts", "-r");
    expect_run(&r, 0,
               "A/74/90#experts.NOR\texpert-list\t挪威\n"
               "A/74/90#experts.NOR.1\texpert\t克努特·朗厄兰\n"
               "A/74/90#experts.CHN\texpert-list\t中国\n"
               "A/74/90#experts.CHN.1\texpert\t王昶\n"
               "A/74/90#experts.CHN.2\texpert\t张慎\n",
               "");
}

Test(cli, ls_leaf_is_empty)
{
    struct run r = RUN_MINI("ls", "A/74/90#p1");
    expect_run(&r, 0, "", "");
}

static cJSON *
parse_output(struct run *r)
{
    cr_assert_eq(r->status, 0, "stderr: %s", r->err);
    cr_assert_str_eq(r->err, "");
    cJSON *json = cJSON_Parse(r->out);
    cr_assert_not_null(json, "not JSON: %s", r->out);
    return json;
}

static const char *
str_member(const cJSON *o, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    cr_assert(cJSON_IsString(m), "member %s is not a string", key);
    return m->valuestring;
}

static double
num_member(const cJSON *o, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    cr_assert(cJSON_IsNumber(m), "member %s is not a number", key);
    return m->valuedouble;
}

static void
expect_null_member(const cJSON *o, const char *key)
{
    cr_expect(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key)), "%s is not null", key);
}

/* Asserts that o[key] is an array of exactly these strings (NULL-terminated). */
static void
expect_strings(const cJSON *o, const char *key, const char *const *want)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key);
    cr_assert(cJSON_IsArray(arr), "%s is not an array", key);
    int k = 0;
    for (; want[k] != NULL; k++) {
        const cJSON *e = cJSON_GetArrayItem(arr, k);
        cr_assert(cJSON_IsString(e), "%s[%d] missing, expected %s", key, k, want[k]);
        cr_expect_str_eq(e->valuestring, want[k], "%s[%d]", key, k);
    }
    cr_expect_eq(cJSON_GetArraySize(arr), k, "%s has extra entries", key);
}

#define STRS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_STRS ((const char *const[]){NULL})

Test(cli, ls_json)
{
    struct run r = RUN_MINI("ls", "--json", "A/74/90#papers");
    cJSON *json = parse_output(&r);
    cr_assert_eq(cJSON_GetArraySize(json), 3);
    const cJSON *first = cJSON_GetArrayItem(json, 0), *second = cJSON_GetArrayItem(json, 1);
    cr_expect_str_eq(str_member(first, "address"), "GE-NDV/2018/4");
    cr_expect_str_eq(str_member(first, "kind"), "working-paper");
    cr_expect_str_eq(str_member(first, "title"), "关于核查在推进核裁军方面作用的考虑：背景文件");
    cr_expect_str_eq(str_member(second, "address"), "GE-NDV/2018/12");
    cr_expect_str_eq(str_member(second, "title"), "核裁军核查——能力建设");
    cJSON_Delete(json);
    run_free(&r);
}

/* --- show --json ------------------------------------------------------------------------- */

Test(cli, show_json_paragraph)
{
    struct run r = RUN_MINI("show", "--json", "A/74/90#p2");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "address"), "A/74/90#p2");
    cr_expect_str_eq(str_member(o, "kind"), "paragraph");
    expect_null_member(o, "title");
    cr_expect_str_eq(str_member(o, "text"), "挪威大使担任主席。¹");
    cr_expect_eq(num_member(o, "number"), 2);
    expect_strings(o, "children", STRS("A/74/90#p2.1"));
    expect_strings(o, "cited_by", NO_STRS);
    const cJSON *refs = cJSON_GetObjectItemCaseSensitive(o, "refs");
    cr_assert_eq(cJSON_GetArraySize(refs), 2);
    const cJSON *fn = cJSON_GetArrayItem(refs, 1);
    cr_expect_str_eq(str_member(fn, "to"), "A/74/90#fn1");
    cr_expect_str_eq(str_member(fn, "kind"), "footnote");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(fn, "external")));
    cr_expect_eq(num_member(fn, "at"), 27);
    cr_expect_eq(num_member(fn, "len"), 2);
    cr_expect_str_eq(str_member(cJSON_GetArrayItem(refs, 0), "to"), "NOR");
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_json_footnote_zero)
{
    struct run r = RUN_MINI("show", "--json", "A/74/90#fn0");
    cJSON *o = parse_output(&r);
    cr_expect_eq(num_member(o, "number"), 0);
    cr_expect_str_eq(str_member(o, "text"), "A/74/50。");
    expect_strings(o, "cited_by", STRS("A/74/90#cover"));
    const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "refs"), 0);
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ref, "external")));
    cr_expect_str_eq(str_member(ref, "kind"), "document");
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_json_expert)
{
    struct run r = RUN_MINI("show", "--json", "A/74/90#experts.CHN.1");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "kind"), "expert");
    cr_expect_str_eq(str_member(o, "name"), "王昶");
    expect_strings(o, "aliases", NO_STRS);
    cr_expect_str_eq(str_member(o, "country"), "中国");
    cr_expect_str_eq(str_member(o, "iso3"), "CHN");
    cr_expect_str_eq(str_member(o, "role"), "外交部军控司参赞兼核事务处处长");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "alternate")));
    const cJSON *sessions = cJSON_GetObjectItemCaseSensitive(o, "sessions");
    cr_assert_eq(cJSON_GetArraySize(sessions), 2);
    cr_expect_eq(cJSON_GetArrayItem(sessions, 0)->valuedouble, 1);
    cr_expect_eq(cJSON_GetArrayItem(sessions, 1)->valuedouble, 2);
    expect_strings(o, "cited_by", STRS("A/74/90#fn1", "GE-NDV/2018/12", "GE-NDV/2018/16"));
    expect_strings(o, "children", NO_STRS);
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_json_working_paper)
{
    struct run r = RUN_MINI("show", "--json", "GE-NDV/2018/12");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "symbol"), "GE-NDV/2018/12");
    cr_expect_str_eq(str_member(o, "title"), "核裁军核查——能力建设");
    const cJSON *subs = cJSON_GetObjectItemCaseSensitive(o, "submitters");
    cr_assert_eq(cJSON_GetArraySize(subs), 1);
    const cJSON *s = cJSON_GetArrayItem(subs, 0);
    cr_expect_str_eq(str_member(s, "name"), "王");
    cr_expect_str_eq(str_member(s, "country"), "中国");
    cr_expect_str_eq(str_member(s, "iso3"), "CHN");
    cr_expect_str_eq(str_member(s, "expert"), "A/74/90#experts.CHN.1");
    expect_strings(o, "cited_by", STRS("A/74/90#fn1"));
    /* the mini's three relations to 2018/16, as its file lists them */
    const cJSON *rel = cJSON_GetObjectItemCaseSensitive(o, "related");
    cr_assert_eq(cJSON_GetArraySize(rel), 3);
    const char *reasons[] = {"same-submitter", "cited-together", "same-title"};
    const char *vias[] = {"A/74/90#experts.CHN.1", "A/74/90#fn1", "核裁军核查能力建设"};
    for (int i = 0; i < 3; i++) {
        const cJSON *e = cJSON_GetArrayItem(rel, i);
        cr_expect_str_eq(str_member(e, "to"), "GE-NDV/2018/16");
        cr_expect_str_eq(str_member(e, "reason"), reasons[i]);
        cr_expect_str_eq(str_member(e, "via"), vias[i]);
    }
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_external_document)
{
    /* A/RES/71/67 is cited by the cover of the mini A/74/90 and by paragraph 1 and, in a
     * heading's title, the NOR response of the mini A/72/304: one node for both files */
    struct run r = RUN_MINI("show", "--json", "A/RES/71/67");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "kind"), "external");
    cr_expect_str_eq(str_member(o, "symbol"), "A/RES/71/67");
    cr_expect_str_eq(str_member(o, "document_kind"), "resolution");
    expect_strings(o, "cited_by", STRS("A/72/304#p1", "A/72/304#NOR.h1", "A/74/90#cover"));
    cJSON_Delete(o);
    run_free(&r);
    struct run t = RUN_MINI("show", "A/74/50");
    cr_expect_str_eq(t.out, "A/74/50  (external)\n"
                            "A/74/50\n"
                            "a UN document outside the corpus, cited by 1 place\n"
                            "\n"
                            "cited by:\n"
                            "  A/74/90#fn0\n");
    run_free(&t);
}

Test(cli, show_heading_reference_in_its_title)
{
    struct run r = RUN_MINI("show", "--json", "A/72/304#NOR.h1");
    cJSON *o = parse_output(&r);
    const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "refs"), 0);
    cr_assert_not_null(ref);
    cr_expect_str_eq(str_member(ref, "to"), "A/RES/71/67");
    cr_expect_str_eq(str_member(ref, "in"), "title");
    cr_expect_eq(num_member(ref, "at"), 10); /* "大会第 " is 3 ideographs and a space */
    cr_expect_eq(num_member(ref, "len"), 5);
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, refs_lists_relations_with_their_reasons)
{
    struct run r = RUN_MINI("refs", "GE-NDV/2018/16");
    /* its expert and country, then the relations; cited by fn1, which p2 cites (in document
     * order: p2 comes before its footnote) */
    cr_expect_str_eq(r.out, "out\tA/74/90#experts.CHN.1\texpert\n"
                            "out\tCHN\tcountry\n"
                            "out\tGE-NDV/2018/12\tsame-submitter\n"
                            "out\tGE-NDV/2018/12\tcited-together\n"
                            "out\tGE-NDV/2018/12\tsame-title\n"
                            "in\tA/74/90#p2\tfootnote\n"
                            "in\tA/74/90#fn1\tworking-paper\n");
    run_free(&r);
    struct run j = RUN_MINI("refs", "--json", "GE-NDV/2018/16");
    cJSON *o = parse_output(&j);
    const cJSON *third = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "out"), 3);
    cr_expect_str_eq(str_member(third, "via"), "A/74/90#fn1");
    cJSON_Delete(o);
    run_free(&j);
}

Test(cli, show_json_response)
{
    struct run r = RUN_MINI("show", "--json", "A/72/304#ARG");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "country"), "阿根廷");
    cr_expect_str_eq(str_member(o, "iso3"), "ARG");
    cr_expect_str_eq(str_member(o, "language"), "西班牙文");
    cr_expect_str_eq(str_member(o, "date"), "2017-07-14");
    expect_strings(o, "children", STRS("A/72/304#ARG.p1", "A/72/304#ARG.h1", "A/72/304#ARG.p2"));
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_json_country)
{
    struct run r = RUN_MINI("show", "--json", "NOR");
    cJSON *o = parse_output(&r);
    cr_expect_str_eq(str_member(o, "kind"), "country");
    cr_expect_str_eq(str_member(o, "iso3"), "NOR");
    cr_expect_str_eq(str_member(o, "name"), "挪威");
    expect_strings(o, "experts", STRS("A/74/90#experts.NOR.1"));
    expect_strings(o, "working_papers", STRS("GE-NDV/2018/4"));
    expect_strings(o, "responses", STRS("A/72/304#NOR"));
    expect_strings(o, "cited_by", STRS("A/72/304#ARG.p1", "A/72/304#NOR.p1", "A/74/90#p2"));
    cJSON_Delete(o);
    run_free(&r);
}

Test(cli, show_text)
{
    struct run r = RUN_MINI("show", "A/72/304#fn1");
    expect_run(&r, 0,
               "A/72/304#fn1  (footnote)\n"
               "\n"
               "¹ 另见 A/74/90 号文件。\n"
               "\n"
               "refs:\n"
               "  A/74/90  document\n"
               "\n"
               "cited by:\n"
               "  A/72/304#p1\n",
               "");
}

/* --- The outline, help, version ------------------------------------------------------------ */

Test(cli, outline_command)
{
    struct run r = RUN("--corpus", MINI, "outline");
    expect_run(&r, 0,
               "A/72/304  核裁军核查：秘书长的报告\n"
               "  A/72/304#ch1  导言\n"
               "  A/72/304#ch2  从各国政府收到的答复\n"
               "    A/72/304#ARG  阿根廷\n"
               "    A/72/304#NOR  挪威\n"
               "A/74/90  审议核查在推进核裁军方面作用政府专家组的最后报告\n"
               "  A/74/90#cover  秘书长的说明\n"
               "  A/74/90#letter  送文函\n"
               "    A/74/90#experts  政府专家\n"
               "      A/74/90#experts.NOR  挪威\n"
               "      A/74/90#experts.CHN  中国\n"
               "  A/74/90#ch1  导言\n"
               "  A/74/90#ch2  政府专家组审议的问题\n"
               "    A/74/90#ch2.A  一般性讨论\n"
               "  A/74/90#annex2  审议核查在推进核裁军方面作用政府专家组专家提交的文件一览表\n"
               "    A/74/90#papers\n",
               "");
}

Test(cli, corpus_from_the_environment)
{
    struct run r = run_ndvr(MINI, (const char *const[]){"ls", NULL});
    expect_run(&r, 0,
               "A/72/304\tdocument\t核裁军核查：秘书长的报告\n"
               "A/74/90\tdocument\t审议核查在推进核裁军方面作用政府专家组的最后报告\n",
               "");
}

Test(cli, version)
{
    struct run r = RUN("--version");
    cr_expect_eq(r.status, 0);
    cr_expect(strncmp(r.out, "ndvr " NDVR_VERSION "\n", strlen("ndvr " NDVR_VERSION "\n")) == 0,
              "%s", r.out);
    run_free(&r);
}

Test(cli, help_for_a_command)
{
    struct run r = RUN("help", "ls");
    expect_run(&r, 0,
               "usage: ndvr ls [-r] [--json] [ADDRESS]\n"
               "List the children of ADDRESS, or the documents; -r: the whole subtree\n",
               "");
}

Test(cli, help_lists_every_command)
{
    struct run r = RUN("--help");
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "usage: ndvr [OPTIONS] [ADDRESS]") == r.out);
    cr_expect_not_null(strstr(r.out, "\n  ls [-r] [--json] [ADDRESS] "));
    cr_expect_not_null(strstr(r.out, "\n  show [--json] ADDRESS "));
    cr_expect_not_null(strstr(r.out, "\n  help [COMMAND] "));
    cr_expect_not_null(strstr(r.out, "\n  outline "));
    run_free(&r);
}

/* Without a terminal, `ndvr` and `ndvr ADDRESS` print the text as cat does. */
Test(cli, reader_without_a_terminal_prints_like_cat)
{
    struct run a = RUN("--corpus", MINI, "A/74/90#ch2.A");
    struct run b = RUN("--corpus", MINI, "cat", "A/74/90#ch2.A");
    cr_expect_eq(a.status, 0, "%s", a.err);
    cr_expect_str_eq(a.out, b.out);
    cr_expect_gt(strlen(a.out), 0);
    run_free(&a);
    run_free(&b);
    /* no A/74/90#summary in the mini corpus: the first document */
    struct run c = RUN("--corpus", MINI);
    struct run d = RUN("--corpus", MINI, "cat", "A/72/304");
    cr_expect_eq(c.status, 0, "%s", c.err);
    cr_expect_str_eq(c.out, d.out);
    run_free(&c);
    run_free(&d);
}

Test(cli, a_word_that_is_no_command_and_no_address_is_an_unknown_command)
{
    struct run r = RUN("--corpus", MINI, "lss");
    cr_expect_eq(r.status, 2);
    cr_expect_not_null(strstr(r.err, "unknown command: lss"), "%s", r.err);
    run_free(&r);
}

/* --- Errors ------------------------------------------------------------------------------ */

Test(cli, unknown_address_suggests)
{
    struct run r = RUN_MINI("show", "A/74/90#p22");
    expect_run(&r, 1, "",
               "ndvr: no such address: A/74/90#p22\n"
               "ndvr: did you mean: A/74/90#p2, A/74/90#p2.1, A/74/90#p1\n");
}

Test(cli, unknown_address_without_suggestion)
{
    struct run r = RUN_MINI("ls", "zzzzzzzzzz");
    expect_run(&r, 1, "", "ndvr: no such address: zzzzzzzzzz\n");
}

Test(cli, control_characters_in_arguments_are_escaped)
{
    struct run r = RUN_MINI("show", "X\x1b]0;pwned\x07");
    expect_run(&r, 1, "", "ndvr: no such address: X\\x1B]0;pwned\\x07\n");
}

Test(cli, bad_option)
{
    struct run r = RUN_MINI("ls", "--bogus");
    expect_run(&r, 2, "",
               "ndvr ls: unknown option: --bogus\n"
               "usage: ndvr ls [-r] [--json] [ADDRESS]\n");
}

Test(cli, bad_global_option)
{
    struct run r = RUN("--bogus", "ls");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect(strstr(r.err, "ndvr: unknown option: --bogus\n") == r.err, "%s", r.err);
    run_free(&r);
}

Test(cli, show_needs_an_address)
{
    struct run r = RUN_MINI("show", "--json");
    expect_run(&r, 2, "", "ndvr show: missing ADDRESS\nusage: ndvr show [--json] ADDRESS\n");
}

Test(cli, unknown_command)
{
    struct run r = RUN_MINI("frobnicate");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "ndvr: unknown command: frobnicate\n") == r.err, "%s", r.err);
    run_free(&r);
}

/* tests/data/bad holds one broken file per loader error; the first in name order is read
 * first and fails the load. */
Test(cli, bad_corpus)
{
    struct run r = RUN("--corpus", NDVR_TEST_DATA "/bad", "ls");
    expect_run(&r, 2, "",
               NDVR_TEST_DATA "/bad/address-missing.json:8:7: missing member \"address\"\n");
}

Test(cli, missing_corpus_directory)
{
    struct run r = RUN("--corpus", NDVR_TEST_DATA "/no-such-dir", "ls");
    expect_run(&r, 2, "",
               NDVR_TEST_DATA "/no-such-dir: cannot open directory: No such file or directory\n");
}
