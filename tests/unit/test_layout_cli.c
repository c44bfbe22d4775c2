/* What the layouts build, as the command line shows it on the real corpus (issue 11): A/74/90's
 * cover with its header lines as headings, and France's list in A/72/304 nested as printed.
 * Expected values are written by hand from the sources (assets/source/A-74-90.zh.txt lines
 * 5-21, A-72-304.zh.txt lines 670-767). */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

/* Runs `ndvr --corpus CORPUS_DIR ARGS...` (args NULL-terminated, at most 8). */
static struct run
run_ndvr(const char *const *args)
{
    const char *argv[12] = {"--corpus", CORPUS_DIR};
    size_t n = 2;
    for (; args[n - 2] != NULL && n < 11; n++)
        argv[n] = args[n - 2];
    argv[n] = NULL;
    return run_program(NDVR, argv, NULL);
}

#define RUN(...) run_ndvr((const char *const[]){__VA_ARGS__, NULL})

static void
expect_run(struct run *r, const char *out)
{
    cr_expect_eq(r->status, 0, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    cr_expect_str_eq(r->err, "");
    run_free(r);
}

static cJSON *
run_json(struct run *r)
{
    cr_assert_eq(r->status, 0, "status %d, stderr: %s", r->status, r->err);
    cJSON *json = cJSON_Parse(r->out);
    cr_assert_not_null(json, "not JSON: %s", r->out);
    run_free(r);
    return json;
}

static const char *
str_member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "(none)";
}

/* --- A/74/90's cover ----------------------------------------------------------------------- */

Test(layout_cli, the_cover_lists_its_header_lines_as_headings)
{
    struct run r = RUN("ls", "A/74/90#cover");
    expect_run(&r, "A/74/90#cover.h1\theading\t第七十四届会议\n"
                   "A/74/90#cover.h2\theading\t暂定项目表* 项目 100 (hh)\n"
                   "A/74/90#cover.h3\theading\t全面彻底裁军：核裁军核查\n"
                   "A/74/90#cover.h4\theading\t审议核查在推进核裁军方面作用政府专家组\n"
                   "A/74/90#cover.h5\theading\t秘书长的说明\n"
                   "A/74/90#cover.p1\tparagraph\t\n"
                   "A/74/90#cover.h6\theading\t审议核查在推进核裁军方面作用政府专家组的最后报告\n");
}

Test(layout_cli, the_cover_s_first_paragraph_is_the_note_s_text)
{
    struct run r = RUN("show", "A/74/90#cover.p1");
    expect_run(&r, "A/74/90#cover.p1  (paragraph)\n"
                   "\n"
                   "秘书长谨随函转递大会第 71/67 号决议第 7 段所设审议核查在推进核裁军方面作用政府"
                   "专家组的报告。\n"
                   "\n"
                   "refs:\n"
                   "  A/RES/71/67  resolution, external\n");
}

Test(layout_cli, the_agenda_line_cites_the_cover_s_note_in_its_title)
{
    struct run r = RUN("show", "--json", "A/74/90#cover.h2");
    cJSON *o = run_json(&r);
    cr_expect_str_eq(str_member(o, "kind"), "heading");
    cr_expect_str_eq(str_member(o, "title"), "暂定项目表* 项目 100 (hh)");
    const cJSON *refs = cJSON_GetObjectItemCaseSensitive(o, "refs");
    cr_assert_eq(cJSON_GetArraySize(refs), 1);
    const cJSON *ref = cJSON_GetArrayItem(refs, 0);
    cr_expect_str_eq(str_member(ref, "to"), "A/74/90#fn0");
    cr_expect_str_eq(str_member(ref, "kind"), "footnote");
    cr_expect_str_eq(str_member(ref, "in"), "title");
    /* "暂定项目表" is 5 x 3 bytes: the * is byte 15 of the title */
    cr_expect_eq(cJSON_GetObjectItemCaseSensitive(ref, "at")->valueint, 15);
    cr_expect_eq(cJSON_GetObjectItemCaseSensitive(ref, "len")->valueint, 1);
    cJSON_Delete(o);
}

/* --- France's list in A/72/304 ------------------------------------------------------------- */

Test(layout_cli, item_c_is_the_third_item_of_france_s_list)
{
    struct run r = RUN("show", "--json", "A/72/304#FRA.p3.3");
    cJSON *o = run_json(&r);
    cr_expect_str_eq(str_member(o, "address"), "A/72/304#FRA.p3.3");
    cr_expect_str_eq(str_member(o, "kind"), "item");
    /* lines 700 and 702 */
    cr_expect_str_eq(str_member(o, "text"),
                     "不能抽象地制定一项核裁军核查制度，而是应当符合一项具体的裁军"
                     "条约，并适用于每个核武器国家的具体情况；");
    cJSON_Delete(o);
}

Test(layout_cli, france_s_list_has_seven_items_and_paragraphs_inside_b_f_and_j)
{
    struct run r = RUN("ls", "-r", "A/72/304#FRA.p3");
    expect_run(&r, "A/72/304#FRA.p3.1\titem\t\n"
                   "A/72/304#FRA.p3.2\titem\t\n"
                   "A/72/304#FRA.p3.2.p1\tparagraph\t\n"
                   "A/72/304#FRA.p3.3\titem\t\n"
                   "A/72/304#FRA.p3.4\titem\t\n"
                   "A/72/304#FRA.p3.5\titem\t\n"
                   "A/72/304#FRA.p3.6\titem\t\n"
                   "A/72/304#FRA.p3.6.p1\tparagraph\t\n"
                   "A/72/304#FRA.p3.7\titem\t\n"
                   "A/72/304#FRA.p3.7.p1\tparagraph\t\n"
                   "A/72/304#FRA.p3.7.p2\tparagraph\t\n"
                   "A/72/304#FRA.p3.7.p3\tparagraph\t\n");
    r = RUN("ls", "A/72/304#FRA");
    expect_run(&r, "A/72/304#FRA.p1\tparagraph\t\n"
                   "A/72/304#FRA.p2\tparagraph\t\n"
                   "A/72/304#FRA.p3\tparagraph\t\n");
}

Test(layout_cli, france_s_items_show_their_printed_labels)
{
    static const char *const labels[] = {"(a) 法国支持", "(b) 此外，", "(c) 不能抽象地",
                                         "(d) 在 2014",  "(e) 核裁军", "(f) 发展裁军",
                                         "(j) 除关于"};
    for (int i = 0; i < 7; i++) {
        char address[32], head[64];
        snprintf(address, sizeof address, "A/72/304#FRA.p3.%d", i + 1);
        snprintf(head, sizeof head, "%s  (item)\n\n%s", address, labels[i]);
        struct run r = RUN("show", address);
        cr_expect_eq(r.status, 0, "%s: %s", address, r.err);
        cr_expect(strncmp(r.out, head, strlen(head)) == 0, "%s:\n%s", address, r.out);
        run_free(&r);
    }
}

Test(layout_cli, the_paragraphs_after_j_go_on_with_it)
{
    struct run r = RUN("show", "--json", "A/72/304#FRA.p3.7");
    cJSON *o = run_json(&r);
    const cJSON *kids = cJSON_GetObjectItemCaseSensitive(o, "children");
    cr_assert_eq(cJSON_GetArraySize(kids), 3);
    cr_expect_str_eq(cJSON_GetArrayItem(kids, 0)->valuestring, "A/72/304#FRA.p3.7.p1");
    cr_expect_str_eq(cJSON_GetArrayItem(kids, 2)->valuestring, "A/72/304#FRA.p3.7.p3");
    cJSON_Delete(o);
    r = RUN("show", "--json", "A/72/304#FRA.p3.7.p3");
    o = run_json(&r);
    cr_expect_str_eq(str_member(o, "kind"), "paragraph");
    /* lines 763-767 */
    cr_expect_str_eq(str_member(o, "text"),
                     "法国还决定永久关闭其大平洋试验中心，并向国际专家团开放，以评估法国"
                     "核试验对环境的影响。此次访问结束后，国际原子能机构公布了一份报告。这是"
                     "核武器国家中一项史无前例的措施。");
    cJSON_Delete(o);
}
