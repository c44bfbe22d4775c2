/* `ndvr search` and `ndvr refs`, run as the real program against the real corpus. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "corpus/corpus_load.h"
#include "util/strbuf.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

/* Runs `ndvr --corpus CORPUS_DIR ARGS...` (args NULL-terminated). */
static struct run
run_ndvr(const char *const *args)
{
    const char *argv[32] = {"--corpus", CORPUS_DIR};
    size_t n = 2;
    for (; args[n - 2] != NULL && n < 31; n++)
        argv[n] = args[n - 2];
    argv[n] = NULL;
    return run_program(NDVR, argv, NULL);
}

#define RUN(...) run_ndvr((const char *const[]){__VA_ARGS__, NULL})

static void
expect_run(struct run *r, int status, const char *out, const char *err)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    if (err != NULL)
        cr_expect_str_eq(r->err, err);
    run_free(r);
}

/* Exit status and the start of stderr; stdout must be empty. */
static void
expect_failure(struct run *r, int status, const char *err_prefix)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, "");
    cr_expect(strncmp(r->err, err_prefix, strlen(err_prefix)) == 0, "stderr: %s", r->err);
    run_free(r);
}

static cJSON *
parse_json(const struct run *r)
{
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

/* --- search ------------------------------------------------------------------------------ */

Test(search_cli, text_output_marks_and_snippets)
{
    /* Context: at most 16 columns a side, cut at cluster boundaries, "…" where cut. */
    struct run r = RUN("search", "langeland");
    expect_run(&r, 0,
               "A/74/90#experts.NOR.1\tKnut [[Langeland]]\n"
               "A/74/90#fn9\t…士(印度尼西亚)、[[Langeland]] 大使(挪威)和钱…\n",
               "");
}

Test(search_cli, full_width_query)
{
    struct run r = RUN("search", "ｇｅ－ｎｄｖ／２０１８／４");
    expect_run(&r, 0,
               "GE-NDV/2018/4\t[[GE-NDV/2018/4]]\n"
               "A/74/90#fn4\t…考虑：背景文件”([[GE-NDV/2018/4]])。\n",
               "");
}

Test(search_cli, markers_ignored)
{
    struct run r = RUN("search", "网站。根据");
    expect_run(&r, 0, "A/72/304#p2\t…可查阅裁军事务厅[[网站。1根据]]第 65/276 号决议…\n", "");
    r = RUN("search", "2019 年 在联合国");
    expect_run(&r, 0, "A/74/90#p2\t…工作，2018 年和 [[2019 年² 在联合国]]日内瓦办事处举行…\n", "");
}

/* The offsets index the original field: text[offset, offset + length) is what matched. */
Test(search_cli, json_fields_and_offsets)
{
    struct run r = RUN("search", "--json", "网站。根据");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cJSON *arr = parse_json(&r);
    cr_assert(cJSON_IsArray(arr));
    cr_assert_eq(cJSON_GetArraySize(arr), 1);
    const cJSON *hit = cJSON_GetArrayItem(arr, 0);
    cr_expect_str_eq(str_member(hit, "address"), "A/72/304#p2");
    cr_expect_str_eq(str_member(hit, "field"), "text");
    cr_expect_str_eq(str_member(hit, "snippet"), "…可查阅裁军事务厅网站。1根据第 65/276 号决议…");

    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(CORPUS_DIR, &corpus, &d), "%s", d.msg);
    const char *text = corpus_find(corpus, "A/72/304#p2")->text;
    size_t offset = (size_t)num_member(hit, "offset"), length = (size_t)num_member(hit, "length");
    cr_assert_leq(offset + length, strlen(text));
    cr_expect(strncmp(text + offset, "网站。1根据", length) == 0 &&
              length == strlen("网站。1根据"));
    cr_expect_eq(offset, (size_t)(strstr(text, "网站。1根据") - text));
    corpus_free(corpus);
    cJSON_Delete(arr);
    run_free(&r);
}

Test(search_cli, json_expert_name_field)
{
    struct run r = RUN("search", "--json", "LANGELAND");
    cJSON *arr = parse_json(&r);
    cr_assert_eq(cJSON_GetArraySize(arr), 2);
    const cJSON *hit = cJSON_GetArrayItem(arr, 0);
    cr_expect_str_eq(str_member(hit, "address"), "A/74/90#experts.NOR.1");
    cr_expect_str_eq(str_member(hit, "field"), "name");
    cr_expect_eq(num_member(hit, "offset"), 5);
    cr_expect_eq(num_member(hit, "length"), 9);
    cr_expect_str_eq(str_member(hit, "snippet"), "Knut Langeland");
    cJSON_Delete(arr);
    run_free(&r);
}

Test(search_cli, scope)
{
    struct run r = RUN("search", "--in", "A/72/304#NOR", "联合王国-挪威倡议");
    cr_expect_eq(r.status, 0);
    const char *expected[] = {"A/72/304#NOR.h1\t",  "A/72/304#NOR.p7\t",  "A/72/304#NOR.p8\t",
                              "A/72/304#NOR.p10\t", "A/72/304#NOR.p18\t", "A/72/304#NOR.p21\t"};
    const char *line = r.out;
    for (size_t i = 0; i < 6; i++) {
        cr_assert(strncmp(line, expected[i], strlen(expected[i])) == 0, "line %zu: %s", i, line);
        line = strchr(line, '\n') + 1;
    }
    cr_expect_str_eq(line, "");
    cr_expect(strncmp(r.out, "A/72/304#NOR.h1\t[[联合王国-挪威倡议]]\n", 20) == 0);
    run_free(&r);
}

Test(search_cli, scope_unknown_address)
{
    struct run r = RUN("search", "--in", "A/72/304#NOX", "核查");
    expect_failure(&r, 1, "ndvr: no such address: A/72/304#NOX\n");
}

Test(search_cli, regex)
{
    struct run r = RUN("search", "--regex", "GE-NDV/2019/[0-9]");
    expect_run(&r, 0,
               "GE-NDV/2019/1\t[[GE-NDV/2019/1]]\n"
               "GE-NDV/2019/2\t[[GE-NDV/2019/2]]\n"
               "GE-NDV/2019/3\t[[GE-NDV/2019/3]]\n"
               "A/74/90#fn8\t…术专家组的建议”([[GE-NDV/2019/1]])。\n"
               "A/74/90#fn9\t…军核查信托基金”([[GE-NDV/2019/3]])。\n",
               "");
}

Test(search_cli, regex_invalid)
{
    struct run r = RUN("search", "--regex", "GE-(");
    expect_failure(&r, 2, "ndvr search: invalid regular expression `GE-(`: ");
}

Test(search_cli, no_match)
{
    struct run r = RUN("search", "no such words");
    expect_run(&r, 1, "", "");
    r = RUN("search", "--json", "no such words");
    expect_run(&r, 1, "[]\n", "");
}

Test(search_cli, usage_errors)
{
    struct run r = RUN("search", "");
    expect_failure(&r, 2, "ndvr search: empty query\nusage: ndvr search ");
    r = RUN("search");
    expect_failure(&r, 2, "ndvr search: missing QUERY\n");
    r = RUN("search", "two", "words");
    expect_failure(&r, 2, "ndvr search: unexpected argument: words");
}

/* crashers/search-quadratic.py with 1,000 reps: one paragraph of 614 KB with 40,000 hits,
 * which took two minutes when every snippet broke the whole field into clusters. */
Test(search_cli, one_huge_paragraph)
{
    char dir[] = "/tmp/ndvr-search-cli-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": {\"address\": "
          "\"A/74/90\", \"kind\": \"document\", \"title\": \"t\", \"symbol\": \"A/74/90\", "
          "\"children\": [{\"address\": \"A/74/90#p1\", \"kind\": \"paragraph\", \"text\": \"",
          f);
    for (int r = 0; r < 1000; r++) {
        for (int i = 0; i < 40; i++)
            fputs("核裁军核查", f);
        fputs(" verification ", f);
    }
    fputs("\"}]}, \"countries\": []}\n", f);
    cr_assert_eq(fclose(f), 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *argv[] = {"--corpus", dir, "search", "核查", NULL};
    struct run r = run_program(NDVR, argv, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    cr_expect_eq(r.status, 0, "%s", r.err);
    size_t lines = 0;
    for (const char *p = r.out; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    cr_expect_eq(lines, 40000);
    const char *first = "A/74/90#p1\t核裁军[[核查]]核裁军核查核裁军…\n";
    cr_expect(strncmp(r.out, first, strlen(first)) == 0, "%.80s", r.out);
    cr_expect_lt(s, 5.0, "%.2f s", s);
    run_free(&r);
    unlink(path);
    rmdir(dir);
}

/* --- refs -------------------------------------------------------------------------------- */

Test(refs_cli, paragraph_with_footnotes)
{
    struct run r = RUN("refs", "A/74/90#p10");
    expect_run(&r, 0,
               "out\tA/74/90#fn4\tfootnote\n"
               "out\tA/74/90#fn5\tfootnote\n"
               "out\tA/74/90#fn6\tfootnote\n",
               "");
}

/* "所收到的答复载于第二部分……欧洲联盟的答复载于第三部分": the parts are the chapters. */
Test(refs_cli, external_target)
{
    struct run r = RUN("refs", "A/72/304#p2");
    expect_run(&r, 0,
               "out\tA/72/304#ch2\tchapter\n"
               "out\tA/72/304#fn1\tfootnote\n"
               "out\tA/RES/65/276\tresolution\n"
               "out\tEU\tcountry\n"
               "out\tA/72/304#ch3\tchapter\n",
               "");
}

Test(refs_cli, footnote)
{
    struct run r = RUN("refs", "A/74/90#fn12");
    expect_run(&r, 0,
               "out\tGE-NDV/2018/12\tworking-paper\n"
               "in\tA/74/90#p26\tfootnote\n",
               "");
}

/* Submitters (experts, then countries) out; the citing footnotes and, through them, the
 * paragraphs in, in document order (footnotes close the document). */
Test(refs_cli, working_paper)
{
    struct run r = RUN("refs", "GE-NDV/2018/12");
    expect_run(&r, 0,
               "out\tA/74/90#experts.GBR.1\texpert\n"
               "out\tA/74/90#experts.IDN.2\texpert\n"
               "out\tGBR\tcountry\n"
               "out\tIDN\tcountry\n"
               /* the relations of 2018/12: two submitters shared with 2019/3 (one
                * line), cited with 2018/16 by fn11, the same title as 2018/16 */
               "out\tGE-NDV/2019/3\tsame-submitter\n"
               "out\tGE-NDV/2018/16\tcited-together\n"
               "out\tGE-NDV/2018/16\tsame-title\n"
               "in\tA/74/90#p22\tfootnote\n"
               "in\tA/74/90#p26\tfootnote\n"
               "in\tA/74/90#fn11\tworking-paper\n"
               "in\tA/74/90#fn12\tworking-paper\n",
               "");
}

Test(refs_cli, expert)
{
    struct run r = RUN("refs", "A/74/90#experts.NOR.1");
    expect_run(&r, 0,
               "out\tGE-NDV/2019/3\tworking-paper\n"
               "out\tNOR\tcountry\n"
               /* 克努特·朗厄兰, his name as the foreword and his signature print it */
               "in\tA/74/90#foreword.p5\texpert\n"
               "in\tA/74/90#letter.p8\texpert\n"
               "in\tA/74/90#p14.4\tfootnote\n"
               "in\tA/74/90#fn9\texpert\n",
               "");
}

Test(refs_cli, country)
{
    struct run r = RUN("refs", "NOR");
    cr_expect_eq(r.status, 0);
    const char *out = "out\tA/74/90#experts.NOR.1\texpert\n"
                      "out\tGE-NDV/2019/3\tworking-paper\n"
                      "out\tA/72/304#NOR\tresponse\n"
                      "in\tA/72/304#AUS.p1\tcountry\n";
    cr_expect(strncmp(r.out, out, strlen(out)) == 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "\nin\tA/72/304#NOR.p1\tcountry\n"));
    cr_expect_not_null(strstr(r.out, "\nin\tA/74/90#p2\tcountry\n"));
    cr_expect_not_null(strstr(r.out, "\nin\tA/74/90#p14.4\tfootnote\n"));
    cr_expect_not_null(strstr(r.out, "\nin\tA/74/90#fn9\tcountry\n"));
    /* The response's own paragraph p2 does not name Norway. */
    cr_expect_null(strstr(r.out, "\nin\tA/72/304#NOR.p2\t"));
    run_free(&r);
}

Test(refs_cli, document)
{
    struct run r = RUN("refs", "A/72/304");
    expect_run(&r, 0,
               "in\tA/74/90#foreword.p2\tdocument\n"
               "in\tA/74/90#letter.p5\tdocument\n"
               "in\tA/74/90#p1\tfootnote\n"
               "in\tA/74/90#p34\tdocument\n"
               "in\tA/74/90#fn1\tdocument\n",
               "");
}

/* Every place citing resolution 71/67, as `grep -n 71/67` finds them in the sources: 26 lines
 * of A-72-304.zh.txt and 7 of A-74-90.zh.txt, each in a node of its own, the heading
 * "大会第 71/67 号决议所设政府专家组" of Hungary's response (source line 911) among them; and
 * the two paragraphs whose footnote cites it. */
Test(refs_cli, every_place_citing_a_resolution)
{
    struct run r = RUN("refs", "A/RES/71/67");
    expect_run(&r, 0,
               "in\tA/72/304#p1\tresolution\n"         /* line 3 */
               "in\tA/72/304#AUS.p1\tresolution\n"     /* 71 */
               "in\tA/72/304#BRA.p2\tresolution\n"     /* 171 */
               "in\tA/72/304#CAN.p1\tresolution\n"     /* 260 */
               "in\tA/72/304#CHN.p1\tresolution\n"     /* 514 */
               "in\tA/72/304#CUB.p3\tresolution\n"     /* 621 */
               "in\tA/72/304#FRA.p3.1\tresolution\n"   /* 672 */
               "in\tA/72/304#HUN.p3\tresolution\n"     /* 845 */
               "in\tA/72/304#HUN.p4\tresolution\n"     /* 851 */
               "in\tA/72/304#HUN.p5\tresolution\n"     /* 875 */
               "in\tA/72/304#HUN.p6\tresolution\n"     /* 885 */
               "in\tA/72/304#HUN.h3\tresolution\n"     /* 911, the heading */
               "in\tA/72/304#HUN.p8\tresolution\n"     /* 913 */
               "in\tA/72/304#IND.p1\tresolution\n"     /* 948 */
               "in\tA/72/304#IND.p2\tresolution\n"     /* 954 */
               "in\tA/72/304#MDG.p2\tresolution\n"     /* 1167 */
               "in\tA/72/304#NOR.p1\tresolution\n"     /* 1312 */
               "in\tA/72/304#NOR.p6\tresolution\n"     /* 1377 */
               "in\tA/72/304#NOR.p21\tresolution\n"    /* 1512 */
               "in\tA/72/304#NOR.p22\tresolution\n"    /* 1521 */
               "in\tA/72/304#PAK.p5\tresolution\n"     /* 1567 */
               "in\tA/72/304#SWE.p1\tresolution\n"     /* 1634 */
               "in\tA/72/304#CHE.p1\tresolution\n"     /* 1734 */
               "in\tA/72/304#GBR.p1\tresolution\n"     /* 1823 */
               "in\tA/72/304#USA.p5\tresolution\n"     /* 2037 */
               "in\tA/72/304#EU.p6\tfootnote\n"        /* its footnote 6 */
               "in\tA/72/304#fn6\tresolution\n"        /* 2162 */
               "in\tA/74/90#cover.p1\tresolution\n"    /* line 15 */
               "in\tA/74/90#summary.p1\tresolution\n"  /* 25 */
               "in\tA/74/90#foreword.p1\tresolution\n" /* 55 */
               "in\tA/74/90#letter.p1\tresolution\n"   /* 67 */
               "in\tA/74/90#letter.p5\tresolution\n"   /* 231 */
               "in\tA/74/90#p1\tresolution\n"          /* 241 */
               "in\tA/74/90#p1\tfootnote\n"            /* its footnote 1 */
               "in\tA/74/90#fn1\tresolution\n",        /* 254 */
               "");
}

/* "主席以其身份就这些发言所做的总结载于附件一。" (A/74/90 ¶15) */
Test(refs_cli, an_annex_cited_by_the_text)
{
    struct run r = RUN("refs", "A/74/90#annex1");
    expect_run(&r, 0, "in\tA/74/90#p15\tannex\n", "");
    r = RUN("refs", "A/74/90#p15");
    cr_expect_eq(r.status, 0);
    cr_expect_not_null(strstr(r.out, "out\tA/74/90#annex1\tannex\n"), "%s", r.out);
    run_free(&r);
}

/* The letter of transmittal: "第二、第三和第四部分为主要的实质性部分。第二部分是叙述部分……" */
Test(refs_cli, parts_are_chapters)
{
    struct run r = RUN("refs", "A/74/90#letter.p4");
    expect_run(&r, 0,
               "out\tA/74/90#ch2\tchapter\n"
               "out\tA/74/90#ch3\tchapter\n"
               "out\tA/74/90#ch4\tchapter\n",
               "");
    r = RUN("refs", "A/72/304#ch3");
    expect_run(&r, 0, "in\tA/72/304#p2\tchapter\n", "");
}

/* A/72/304 fn5 "同上，第 3 段。" repeats fn4's source; its 第 3 段 is a paragraph of that
 * statement, not of the report. */
Test(refs_cli, ibid_leads_to_the_footnote_before)
{
    struct run r = RUN("show", "A/72/304#fn5");
    expect_run(&r, 0,
               "A/72/304#fn5  (footnote)\n\n"
               "5 同上，第 3 段。\n\n"
               "refs:\n"
               "  A/72/304#fn4  ibid\n\n"
               "cited by:\n"
               "  A/72/304#EU.p5\n",
               "");
    r = RUN("refs", "A/72/304#fn4");
    cr_expect_eq(r.status, 0);
    cr_expect_not_null(strstr(r.out, "in\tA/72/304#fn5\tibid\n"), "%s", r.out);
    run_free(&r);
}

/* The chair's other name, from facts.txt, in the tree and in show --json */
Test(refs_cli, an_expert_s_aliases)
{
    struct run r = RUN("show", "--json", "A/74/90#experts.NOR.1");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cJSON *o = parse_json(&r);
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(o, "aliases");
    cr_assert_eq(cJSON_GetArraySize(aliases), 1);
    cr_expect_str_eq(cJSON_GetArrayItem(aliases, 0)->valuestring, "克努特·朗厄兰");
    cJSON_Delete(o);
    run_free(&r);
}

Test(refs_cli, no_links)
{
    struct run r = RUN("refs", "A/74/90#cover.h1");
    expect_run(&r, 0, "", "");
}

Test(refs_cli, json_shape)
{
    struct run r = RUN("refs", "--json", "A/72/304#p2");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cJSON *o = parse_json(&r);
    cr_expect_str_eq(str_member(o, "address"), "A/72/304#p2");
    const cJSON *out = cJSON_GetObjectItemCaseSensitive(o, "out");
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(o, "in");
    cr_assert(cJSON_IsArray(out) && cJSON_IsArray(in));
    cr_assert_eq(cJSON_GetArraySize(out), 5);
    cr_expect_eq(cJSON_GetArraySize(in), 0);
    const cJSON *res = cJSON_GetArrayItem(out, 2);
    cr_expect_str_eq(str_member(res, "address"), "A/RES/65/276");
    cr_expect_str_eq(str_member(res, "kind"), "resolution");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "external")));
    cr_expect(
        cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(out, 0), "external")));
    cJSON_Delete(o);
    run_free(&r);

    r = RUN("refs", "--json", "A/74/90#fn12");
    o = parse_json(&r);
    in = cJSON_GetObjectItemCaseSensitive(o, "in");
    cr_assert_eq(cJSON_GetArraySize(in), 1);
    const cJSON *first = cJSON_GetArrayItem(in, 0);
    cr_expect_str_eq(str_member(first, "address"), "A/74/90#p26");
    cr_expect_str_eq(str_member(first, "kind"), "footnote");
    cr_expect_null(cJSON_GetObjectItemCaseSensitive(first, "external"));
    cJSON_Delete(o);
    run_free(&r);
}

Test(refs_cli, unknown_address)
{
    struct run r = RUN("refs", "NOX");
    expect_failure(&r, 1, "ndvr: no such address: NOX\n");
    r = RUN("refs");
    expect_failure(&r, 2, "ndvr refs: missing ADDRESS\n");
}
