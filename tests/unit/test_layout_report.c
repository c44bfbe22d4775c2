/* Tests of the converted-report layout (src/segment/layout_report.c): a small hand-written
 * report, malformed inputs, and nodes of A/74/90 checked by hand against its source text. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"
#include "util/textfile.h"

#define REAL_SOURCE NDVR_SOURCE_DIR "/assets/source/A-74-90.zh.txt"
#define REAL_FACTS NDVR_SOURCE_DIR "/assets/source/facts.txt"

static struct facts facts;
static struct seg_source src;
static struct diag diag;
static char *real_text;

static const char mini_facts[] = "country CHN 中国\n"
                                 "country NOR 挪威\n"
                                 "country NLD 荷兰\n"
                                 "country GBR 大不列颠及北爱尔兰联合王国 联合王国\n"
                                 "expert 钱伯斯 = David Chambers\n"
                                 "honorific 先生 女士 大使 博士\n";

/* A report in the shape of A/74/90, small enough to check every node by hand. The cover's
 * two header lines are headings, its note is marked *, the table of contents is dropped, paragraph
 * 1 is cut by its footnote, p2's items go on after a footnote block, annex I's paragraph 1 goes on
 * after a blank line, and the last line has no newline. */
static const char mini[] =
    "\n"
    "第七十五届会议\n" /* 2 */
    "\n"
    "暂定项目表* 项目 9\n" /* 4 */
    "\n"
    "* [A/75/1](#)。\n" /* 6 */
    "\n"
    "测试报告的标题\n" /* 8 */
    "\n"
    "摘要\n" /* 10 */
    "\n"
    "本报告概述了讨论情况。\n" /* 12 */
    "\n"
    "目录\n" /* 14 */
    "\n"
    "\t页次\n" /* 16 */
    "送文函\t2\n"
    "一. 引言\t3\n" /* 18 */
    "\n"
    "送文函\n" /* 20 */
    "\n"
    "谨提交报告，专家如下：\n" /* 22 */
    "\n"
    "王昶(中国)\n" /* 24 */
    "\n"
    "(第一和第二届会议)\n" /* 26 */
    "\n"
    "外交部参赞\n" /* 28 */
    "\n"
    "Knut Langeland(挪威)\n" /* 30 */
    "\n"
    "挪威驻阿尔及利亚大使\n" /* 32 */
    "\n"
    "Tom Coppen(荷兰)\n" /* 34 */
    "\n"
    "(第二届会议)\n" /* 36 */
    "\n"
    "外交部高级\n" /* 38 */
    "\n"
    "政策干事，候补专家\n" /* 40 */
    "\n"
    "我谨提交报告。\n" /* 42 */
    "\n"
    "克努特·朗厄兰(签名)\n" /* 44 */
    "\n"
    "一. 引言\n" /* 46 */
    "\n"
    "1. 大会请秘书长设立专家组。¹ 专家们指出，在某\n" /* 48 */
    "\n"
    "¹ 见 [A/72/304](#)。\n" /* 50 */
    "\n"
    "些情况下没有好处。\n" /* 52 */
    "\n"
    "二. 审议的问题\n" /* 54 */
    "\n"
    "A. 一般性讨论\n" /* 56 */
    "\n"
    "2. 专家们提出了建议：\n" /* 58 */
    "\n"
    "- 开展概念性工作；²\n" /* 60 */
    "- 建立信托基金。\n"
    "\n"
    "² 见王先生(中国)、钱伯斯博士(大不列颠及北爱尔兰联合王国)和 Herbach 先生(荷兰)"
    "提交的文件“能力建设”(GE-NDV/2018/12)；Langeland 大使(挪威)提交的“原则”"
    "(GE-NDV/2018/8)。\n" /* 63 */
    "\n"
    "- 征求会员国意见。\n" /* 65 */
    "\n"
    "B. 建议\n" /* 67 */
    "\n"
    "3. 专家组建议审议本报告。³\n" /* 69 */
    "\n"
    "³ 见“能力建设”(GE-NDV/2018/12)。\n" /* 71 */
    "\n"
    "附件一\n" /* 73 */
    "\n"
    "主席的总结\n" /* 75 */
    "\n"
    "1. 专家组听取了经验。还\n" /* 77 */
    "\n"
    "有人认为技术重要。\n" /* 79 */
    "\n"
    "附件二\n" /* 81 */
    "\n"
    "文件一览表\n" /* 83 */
    "\n"
    "文号\t标题\n" /* 85 */
    "GE-NDV/2018/8\t原则\n"
    "GE-NDV/2018/12\t能力建设\n"
    "GE-NDV/2019/2\t未引用的文件"; /* 88 */

/* --- Fixtures and helpers --------------------------------------------------------------- */

static void
load_mini_facts(void)
{
    struct diag d = {0};
    cr_assert(facts_parse("mini-facts", mini_facts, &facts, &d), "%s", d.msg);
}

static void
load_real_facts(void)
{
    struct diag d = {0};
    cr_assert(facts_load(REAL_FACTS, &facts, &d), "%s", d.msg);
}

static void
teardown(void)
{
    seg_source_fini(&src);
    facts_free(&facts);
    free(real_text);
    real_text = NULL;
}

/* The document node the layout makes from text (NULL, with diag filled, when it fails). */
static cJSON *
layout(const char *text)
{
    memset(&diag, 0, sizeof diag);
    seg_source_fini(&src); /* a test may lay out several texts */
    seg_source_init(&src, "test.txt", text, strlen(text));
    struct seg_ctx ctx = {.facts = &facts, .src = &src, .symbol = "A/74/90", .diag = &diag};
    return seg_layout_report(&ctx);
}

static cJSON *
layout_real(void)
{
    size_t n;
    struct diag d = {0};
    real_text = textfile_read(REAL_SOURCE, &n, &d);
    cr_assert_not_null(real_text, "%s", d.msg);
    cJSON *doc = layout(real_text);
    cr_assert_not_null(doc, "%s:%d: %s", diag.file, diag.line, diag.msg);
    return doc;
}

static cJSON *
find_in(cJSON *node, const char *address)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "address");
    if (cJSON_IsString(a) && strcmp(a->valuestring, address) == 0)
        return node;
    cJSON *child, *found;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(
                                  node, "children")) if ((found = find_in(child, address)) !=
                                                         NULL) return found;
    return NULL;
}

/* The node at address, which must exist. */
static cJSON *
node_at(cJSON *doc, const char *address)
{
    cJSON *node = find_in(doc, address);
    cr_assert_not_null(node, "no node %s", address);
    return node;
}

static const char *
str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsString(v), "no string %s", key);
    return v->valuestring;
}

static int
num(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    cr_assert(cJSON_IsNumber(v), "no number %s", key);
    return v->valueint;
}

static bool
has(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key) != NULL;
}

static int
nchildren(const cJSON *node)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(node, "children"));
}

static const char *
child_address(const cJSON *node, int i)
{
    return str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(node, "children"), i),
               "address");
}

/* The ref at index i must be (to, kind, internal, at, len). */
static void
expect_ref(const cJSON *node, int i, const char *to, const char *kind, int at, int len)
{
    const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(node, "refs"), i);
    cr_assert_not_null(ref, "%s: no ref %d", str(node, "address"), i);
    cr_expect_str_eq(str(ref, "to"), to);
    cr_expect_str_eq(str(ref, "kind"), kind);
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(ref, "external")));
    cr_expect_eq(num(ref, "at"), at, "%s ref %d at", str(node, "address"), i);
    cr_expect_eq(num(ref, "len"), len, "%s ref %d len", str(node, "address"), i);
}

/* The ref at index i is made in the node's title. */
static void
expect_title_ref(const cJSON *node, int i)
{
    const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(node, "refs"), i);
    cr_assert_not_null(ref, "%s: no ref %d", str(node, "address"), i);
    cr_expect_str_eq(str(ref, "in"), "title", "%s ref %d", str(node, "address"), i);
}

/* The node's children are, in order, the addresses want[0..n). */
static void
expect_children(const cJSON *node, const char *const *want, int n)
{
    cr_assert_eq(nchildren(node), n, "%s children", str(node, "address"));
    for (int i = 0; i < n; i++)
        cr_expect_str_eq(child_address(node, i), want[i]);
}

static void
expect_sessions(const cJSON *expert, int n, const int *want)
{
    const cJSON *s = cJSON_GetObjectItem(expert, "sessions");
    cr_assert_eq(cJSON_GetArraySize(s), n, "%s sessions", str(expert, "address"));
    for (int i = 0; i < n; i++)
        cr_expect_eq(cJSON_GetArrayItem(s, i)->valueint, want[i]);
}

static void
expect_submitter(const cJSON *paper, int i, const char *name, const char *honorific,
                 const char *iso3, const char *expert, const char *footnote)
{
    const cJSON *sub = cJSON_GetArrayItem(cJSON_GetObjectItem(paper, "submitters"), i);
    cr_assert_not_null(sub, "%s: no submitter %d", str(paper, "address"), i);
    cr_expect_str_eq(str(sub, "name"), name);
    cr_expect_str_eq(str(sub, "honorific"), honorific);
    cr_expect_str_eq(str(sub, "iso3"), iso3);
    if (expert != NULL)
        cr_expect_str_eq(str(sub, "expert"), expert);
    else
        cr_expect(cJSON_IsNull(cJSON_GetObjectItem(sub, "expert")), "%s: expert not null", name);
    cr_expect_str_eq(str(sub, "footnote"), footnote);
}

/* --- A small report --------------------------------------------------------------------- */

TestSuite(layout_report, .init = load_mini_facts, .fini = teardown);

Test(layout_report, top_level_parts_in_document_order)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    static const char *const want[] = {
        "A/74/90#cover", "A/74/90#summary", "A/74/90#letter", "A/74/90#ch1",
        "A/74/90#ch2",   "A/74/90#annex1",  "A/74/90#annex2", "A/74/90#fn0",
        "A/74/90#fn1",   "A/74/90#fn2",     "A/74/90#fn3",
    };
    cr_assert_eq(nchildren(doc), 11);
    for (int i = 0; i < 11; i++)
        cr_expect_str_eq(child_address(doc, i), want[i]);
    cr_expect_str_eq(str(doc, "kind"), "document");
    cr_expect_str_eq(str(doc, "symbol"), "A/74/90");
    cr_expect_str_eq(str(doc, "title"), "测试报告的标题");
    cr_expect_eq(num(doc, "line"), 1);
    cJSON_Delete(doc);
}

Test(layout_report, cover_header_lines_are_headings_and_the_star_note_is_in_a_title)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *cover = node_at(doc, "A/74/90#cover");
    cr_expect_str_eq(str(cover, "kind"), "front-matter");
    cr_expect_not(has(cover, "title"));
    static const char *const want[] = {"A/74/90#cover.h1", "A/74/90#cover.h2", "A/74/90#cover.h3"};
    expect_children(cover, want, 3);
    cJSON *h1 = node_at(doc, "A/74/90#cover.h1");
    cr_expect_str_eq(str(h1, "kind"), "heading");
    cr_expect_str_eq(str(h1, "title"), "第七十五届会议");
    cr_expect_not(has(h1, "text"));
    cJSON *h2 = node_at(doc, "A/74/90#cover.h2");
    cr_expect_str_eq(str(h2, "title"), "暂定项目表* 项目 9");
    expect_ref(h2, 0, "A/74/90#fn0", "footnote", 15, 1); /* 暂定项目表: 5 x 3 bytes */
    expect_title_ref(h2, 0);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(h2, "refs")), 1);
    cJSON *h3 = node_at(doc, "A/74/90#cover.h3");
    cr_expect_str_eq(str(h3, "kind"), "heading");
    cr_expect_str_eq(str(h3, "title"), "测试报告的标题");
    cr_expect_eq(num(h3, "line"), 8);
    cJSON *fn0 = node_at(doc, "A/74/90#fn0");
    cr_expect_str_eq(str(fn0, "label"), "*");
    cr_expect_eq(num(fn0, "number"), 0);
    cr_expect_str_eq(str(fn0, "text"), "A/75/1。");
    cJSON_Delete(doc);
}

/* A cover with a sentence among its lines: the header lines are the ones before it. */
static const char cover_with_note[] = "第八十届会议\n" /* 1 */
                                      "\n"
                                      "暂定项目表* 项目 9\n" /* 3 */
                                      "\n"
                                      "全面彻底裁军：核裁军核查\n" /* 5 */
                                      "\n"
                                      "秘书长谨随函转递专家组的报告。\n" /* 7 */
                                      "\n"
                                      "秘书长的说明\n" /* 9 */
                                      "\n"
                                      "* A/80/1。\n" /* 11 */
                                      "\n"
                                      "专家组的报告\n" /* 13 */
                                      "\n"
                                      "一. 引言\n"
                                      "\n"
                                      "1. 只有一段。\n";

Test(layout_report, cover_header_lines_end_at_its_first_sentence)
{
    cJSON *doc = layout(cover_with_note);
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    static const char *const want[] = {"A/74/90#cover.h1", "A/74/90#cover.h2", "A/74/90#cover.h3",
                                       "A/74/90#cover.p1", "A/74/90#cover.p2", "A/74/90#cover.h4"};
    expect_children(node_at(doc, "A/74/90#cover"), want, 6);
    /* a colon inside an agenda title does not end it as a sentence */
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.h3"), "title"), "全面彻底裁军：核裁军核查");
    cJSON *p1 = node_at(doc, "A/74/90#cover.p1");
    cr_expect_str_eq(str(p1, "text"), "秘书长谨随函转递专家组的报告。");
    cr_expect_eq(num(p1, "line"), 7);
    /* a short line after the note's text is a paragraph of it, not a header line */
    cJSON *p2 = node_at(doc, "A/74/90#cover.p2");
    cr_expect_str_eq(str(p2, "kind"), "paragraph");
    cr_expect_str_eq(str(p2, "text"), "秘书长的说明");
    cJSON *h4 = node_at(doc, "A/74/90#cover.h4");
    cr_expect_str_eq(str(h4, "title"), "专家组的报告");
    cr_expect_eq(num(h4, "line"), 13);
    cr_expect_str_eq(str(doc, "title"), "专家组的报告");
    cJSON_Delete(doc);
}

/* 15 times "核查", and one ideograph more: a line of 60 columns may be a header line, one of
 * 62 not. */
#define COLS_60 "核查核查核查核查核查核查核查核查核查核查核查核查核查核查核查"
#define COLS_62 COLS_60 "组"

Test(layout_report, a_long_cover_line_is_no_header_line)
{
    cJSON *doc = layout("第八十届会议\n\n" COLS_60 "\n\n" COLS_62 "\n\n秘书长的说明*\n\n"
                        "* A/80/1。\n\n专家组的报告\n\n一. 引言\n\n1. 只有一段。\n");
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    static const char *const want[] = {"A/74/90#cover.h1", "A/74/90#cover.h2", "A/74/90#cover.p1",
                                       "A/74/90#cover.p2", "A/74/90#cover.h3"};
    expect_children(node_at(doc, "A/74/90#cover"), want, 5);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.h2"), "title"), COLS_60);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.p1"), "text"), COLS_62);
    /* the marker in a paragraph's text stays a reference in the text */
    cJSON *p2 = node_at(doc, "A/74/90#cover.p2");
    expect_ref(p2, 0, "A/74/90#fn0", "footnote", 18, 1);
    cr_expect_not(has(cJSON_GetArrayItem(cJSON_GetObjectItem(p2, "refs"), 0), "in"));
    cJSON_Delete(doc);
}

Test(layout_report, a_cover_that_opens_with_a_sentence_has_no_header_lines)
{
    cJSON *doc = layout("秘书长谨随函转递专家组的报告。\n\n第八十届会议*\n\n* A/80/1。\n\n"
                        "专家组的报告\n\n一. 引言\n\n1. 只有一段。\n");
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    static const char *const want[] = {"A/74/90#cover.p1", "A/74/90#cover.p2", "A/74/90#cover.h1"};
    expect_children(node_at(doc, "A/74/90#cover"), want, 3);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.p2"), "text"), "第八十届会议*");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.h1"), "title"), "专家组的报告");
    cJSON_Delete(doc);
}

Test(layout_report, a_report_without_a_cover_note_has_only_its_title_there)
{
    /* no note (no footnote line): the first line is the title, nothing before it */
    cJSON *doc = layout("专家组的报告\n\n摘要\n\n本报告概述了讨论情况。\n\n一. 引言\n\n"
                        "1. 只有一段。\n");
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    static const char *const want[] = {"A/74/90#cover.h1"};
    expect_children(node_at(doc, "A/74/90#cover"), want, 1);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.h1"), "title"), "专家组的报告");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#summary.p1"), "text"), "本报告概述了讨论情况。");
    cJSON_Delete(doc);
}

Test(layout_report, front_parts_and_dropped_contents)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *summary = node_at(doc, "A/74/90#summary");
    cr_expect_str_eq(str(summary, "title"), "摘要");
    cr_assert_eq(nchildren(summary), 1); /* 目录 and its rows are gone */
    cr_expect_str_eq(str(node_at(doc, "A/74/90#summary.p1"), "text"), "本报告概述了讨论情况。");
    cJSON *letter = node_at(doc, "A/74/90#letter");
    cr_expect_str_eq(str(letter, "title"), "送文函");
    cr_expect_eq(num(letter, "line"), 20);
    cr_assert_eq(nchildren(letter), 4);
    cr_expect_str_eq(child_address(letter, 0), "A/74/90#letter.p1");
    cr_expect_str_eq(child_address(letter, 1), "A/74/90#experts");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#letter.p2"), "text"), "我谨提交报告。");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#letter.p3"), "text"), "克努特·朗厄兰(签名)");
    cJSON_Delete(doc);
}

Test(layout_report, experts_grouped_by_country_with_sessions_and_roles)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *list = node_at(doc, "A/74/90#experts");
    cr_expect_str_eq(str(list, "kind"), "expert-list");
    cr_assert_eq(nchildren(list), 3);
    cr_expect_str_eq(child_address(list, 0), "A/74/90#experts.CHN");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#experts.CHN"), "title"), "中国");
    cJSON *wang = node_at(doc, "A/74/90#experts.CHN.1");
    cr_expect_str_eq(str(wang, "name"), "王昶");
    cr_expect_str_eq(str(wang, "country"), "中国");
    cr_expect_str_eq(str(wang, "iso3"), "CHN");
    cr_expect_str_eq(str(wang, "sessions_note"), "(第一和第二届会议)");
    cr_expect_str_eq(str(wang, "role"), "外交部参赞");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(wang, "alternate")));
    cr_expect_eq(num(wang, "line"), 24);
    expect_sessions(wang, 2, (const int[]){1, 2});
    /* no note: every session the list's notes name */
    cJSON *knut = node_at(doc, "A/74/90#experts.NOR.1");
    cr_expect_not(has(knut, "sessions_note"));
    expect_sessions(knut, 2, (const int[]){1, 2});
    cr_expect_str_eq(str(knut, "role"), "挪威驻阿尔及利亚大使");
    cJSON *tom = node_at(doc, "A/74/90#experts.NLD.1");
    expect_sessions(tom, 1, (const int[]){2});
    cr_expect_str_eq(str(tom, "role"), "外交部高级政策干事，候补专家");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(tom, "alternate")));
    cr_expect_not(has(tom, "text"));
    cJSON_Delete(doc);
}

Test(layout_report, chapters_sections_paragraphs_and_items)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *ch2 = node_at(doc, "A/74/90#ch2");
    cr_expect_str_eq(str(ch2, "label"), "二");
    cr_expect_str_eq(str(ch2, "title"), "审议的问题");
    cJSON *sec = node_at(doc, "A/74/90#ch2.A");
    cr_expect_str_eq(str(sec, "kind"), "section");
    cr_expect_str_eq(str(sec, "label"), "A");
    cr_expect_str_eq(str(sec, "title"), "一般性讨论");
    cr_expect_str_eq(child_address(node_at(doc, "A/74/90#ch1"), 0), "A/74/90#p1");
    cJSON *p2 = node_at(doc, "A/74/90#p2");
    cr_expect_str_eq(str(p2, "label"), "2");
    cr_expect_eq(num(p2, "number"), 2);
    cr_expect_str_eq(str(p2, "text"), "专家们提出了建议：");
    cr_assert_eq(nchildren(p2), 3); /* the third follows footnote 2 */
    cJSON *item = node_at(doc, "A/74/90#p2.1");
    cr_expect_str_eq(str(item, "kind"), "item");
    cr_expect_str_eq(str(item, "label"), "-");
    cr_expect_str_eq(str(item, "text"), "开展概念性工作；²");
    expect_ref(item, 0, "A/74/90#fn2", "footnote", 24, 2); /* 8 characters before ² */
    cr_expect_str_eq(str(node_at(doc, "A/74/90#p2.3"), "text"), "征求会员国意见。");
    cr_expect_eq(num(node_at(doc, "A/74/90#p2.3"), "line"), 65);
    cr_expect_str_eq(child_address(node_at(doc, "A/74/90#ch2.B"), 0), "A/74/90#p3");
    cJSON_Delete(doc);
}

Test(layout_report, paragraph_cut_by_footnotes_goes_on_after_them)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *p1 = node_at(doc, "A/74/90#p1");
    cr_expect_str_eq(str(p1, "text"),
                     "大会请秘书长设立专家组。¹ 专家们指出，在某些情况下没有好处。");
    cr_expect_eq(num(p1, "line"), 48);
    cr_expect_eq(nchildren(p1), 0);
    expect_ref(p1, 0, "A/74/90#fn1", "footnote", 36, 2); /* 12 characters before ¹ */
    cJSON *fn1 = node_at(doc, "A/74/90#fn1");
    cr_expect_str_eq(str(fn1, "label"), "¹");
    cr_expect_eq(num(fn1, "number"), 1);
    cr_expect_str_eq(str(fn1, "text"), "见 A/72/304。");
    cr_expect_eq(num(fn1, "line"), 50);
    /* in an annex too, without a footnote between */
    cJSON *a1 = node_at(doc, "A/74/90#annex1.p1");
    cr_expect_str_eq(str(a1, "text"), "专家组听取了经验。还有人认为技术重要。");
    cJSON_Delete(doc);
}

Test(layout_report, annexes_and_the_table_of_papers)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *annex = node_at(doc, "A/74/90#annex1");
    cr_expect_str_eq(str(annex, "kind"), "annex");
    cr_expect_str_eq(str(annex, "label"), "附件一");
    cr_expect_str_eq(str(annex, "title"), "主席的总结");
    cr_expect_eq(num(annex, "line"), 73);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#annex2"), "title"), "文件一览表");
    cJSON *list = node_at(doc, "A/74/90#papers");
    cr_expect_str_eq(str(list, "kind"), "working-paper-list");
    const cJSON *cols = cJSON_GetObjectItem(list, "columns");
    cr_assert_eq(cJSON_GetArraySize(cols), 2);
    cr_expect_str_eq(cJSON_GetArrayItem(cols, 0)->valuestring, "文号");
    cr_expect_str_eq(cJSON_GetArrayItem(cols, 1)->valuestring, "标题");
    cr_assert_eq(nchildren(list), 3);
    cJSON *last = node_at(doc, "GE-NDV/2019/2");
    cr_expect_str_eq(str(last, "kind"), "working-paper");
    cr_expect_str_eq(str(last, "symbol"), "GE-NDV/2019/2");
    cr_expect_str_eq(str(last, "title"), "未引用的文件");
    cr_expect_eq(num(last, "line"), 88);
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(last, "cited")));
    cr_expect_not(has(last, "submitters"));
    cJSON_Delete(doc);
}

Test(layout_report, submitters_come_from_the_citing_clause)
{
    cJSON *doc = layout(mini);
    cr_assert_not_null(doc);
    cJSON *p12 = node_at(doc, "GE-NDV/2018/12");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(p12, "cited")));
    /* footnote 3 cites it too but names nobody */
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p12, "submitters")), 3);
    expect_submitter(p12, 0, "王", "先生", "CHN", "A/74/90#experts.CHN.1", "A/74/90#fn2");
    /* an alias of an expert this list does not hold, and a name in no list: null */
    expect_submitter(p12, 1, "钱伯斯", "博士", "GBR", NULL, "A/74/90#fn2");
    expect_submitter(p12, 2, "Herbach", "先生", "NLD", NULL, "A/74/90#fn2");
    const cJSON *sub = cJSON_GetArrayItem(cJSON_GetObjectItem(p12, "submitters"), 1);
    cr_expect_str_eq(str(sub, "country"), "大不列颠及北爱尔兰联合王国");
    cJSON *p8 = node_at(doc, "GE-NDV/2018/8");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p8, "submitters")), 1);
    expect_submitter(p8, 0, "Langeland", "大使", "NOR", "A/74/90#experts.NOR.1", "A/74/90#fn2");
    /* the footnote points at the experts it names: 见 is 3 bytes; Langeland follows the
     * 157 bytes of the first clause and its ； */
    cJSON *fn2 = node_at(doc, "A/74/90#fn2");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fn2, "refs")), 2);
    expect_ref(fn2, 0, "A/74/90#experts.CHN.1", "expert", 3, 3);
    expect_ref(fn2, 1, "A/74/90#experts.NOR.1", "expert", 157, 9);
    cJSON_Delete(doc);
}

Test(layout_report, segment_run_accepts_the_layout)
{
    memset(&diag, 0, sizeof diag);
    seg_source_init(&src, "mini.zh.txt", mini, strlen(mini));
    struct seg_ctx ctx = {.facts = &facts, .src = &src, .symbol = "A/74/90", .diag = &diag};
    cJSON *top = segment_run(&ctx);
    cr_assert_not_null(top, "%d: %s", diag.line, diag.msg);
    cJSON *doc = cJSON_GetObjectItem(top, "document");
    cr_expect_str_eq(str(doc, "address"), "A/74/90");
    cr_expect_not_null(find_in(doc, "A/74/90#experts.NLD.1"));
    cJSON_Delete(top);
}

Test(layout_report, a_report_may_have_no_front_matter)
{
    cJSON *doc = layout("一. 引言\n\n1. 只有一段。\n");
    cr_assert_not_null(doc, "%s", diag.msg);
    cr_assert_eq(nchildren(doc), 1);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#p1"), "text"), "只有一段。");
    cr_expect_not(has(doc, "title"));
    cJSON_Delete(doc);
}

/* --- Tables whose tabs became spaces, unnumbered annexes --------------------------------- */

/* A table of contents (its header row's first column and 附件's page column empty), an
 * unnumbered annex and its table of papers, with tabs ... */
static const char tabbed[] = "标题\n"
                             "\n"
                             "目录\n"
                             "\n"
                             "\t页次\n" /* 5 */
                             "送文函\t2\n"
                             "一. 引言\t3\n"
                             "附件\t\n"
                             "一. 文件一览表\t4\n"
                             "\n"
                             "一. 引言\n" /* 11 */
                             "\n"
                             "1. 专家组收到了文件。\n"
                             "\n"
                             "附件\n" /* 15 */
                             "\n"
                             "文件一览表\n"
                             "\n"
                             "文号\t标题\n" /* 19 */
                             "GE-NDV/2018/8\t原则\n"
                             "GE-NDV/2018/12\t能力 建设\n";

/* ... and the same with runs of spaces (U+3000 too) for the tabs: lines and columns as they
 * were, so the tree is the same. */
static const char spaced[] = "标题\n"
                             "\n"
                             "目录\n"
                             "\n"
                             "        页次\n"
                             "送文函        2\n"
                             "一. 引言      3\n"
                             "附件\n"
                             "一. 文件一览表  4\n"
                             "\n"
                             "一. 引言\n"
                             "\n"
                             "1. 专家组收到了文件。\n"
                             "\n"
                             "附件\n"
                             "\n"
                             "文件一览表\n"
                             "\n"
                             "文号            标题\n"
                             "GE-NDV/2018/8   原则\n"
                             "GE-NDV/2018/12\u3000\u3000能力 建设\n";

static char *
printed(const char *text)
{
    cJSON *doc = layout(text);
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    char *json = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    return json;
}

Test(layout_report, an_unnumbered_annex_and_its_table)
{
    cJSON *doc = layout(tabbed);
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    /* the cover (its title only), chapter 一, the annex: nothing of the contents */
    cr_assert_eq(nchildren(doc), 3);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#cover")), 1);
    cJSON *annex = node_at(doc, "A/74/90#annex");
    cr_expect_str_eq(str(annex, "kind"), "annex");
    cr_expect_str_eq(str(annex, "label"), "附件");
    cr_expect_not(has(annex, "number"));
    cr_expect_str_eq(str(annex, "title"), "文件一览表");
    cr_expect_eq(num(annex, "line"), 15);
    cJSON *list = node_at(doc, "A/74/90#papers");
    cr_expect_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(list, "columns"), 1)->valuestring,
                     "标题");
    cr_expect_str_eq(str(node_at(doc, "GE-NDV/2018/12"), "title"), "能力 建设");
    cJSON_Delete(doc);
}

Test(layout_report, runs_of_spaces_in_a_table_are_its_tabs)
{
    char *a = printed(tabbed), *b = printed(spaced);
    cr_expect_str_eq(b, a);
    cJSON_free(a);
    cJSON_free(b);
}

Test(layout_report, blank_lines_between_rows_stay_in_the_table)
{
    cJSON *doc = layout("一. 引言\n\n附件一\n\n表\n\n文号\t标题\n\nGE-NDV/2018/8\t原则\n \n"
                        "GE-NDV/2018/12\t能力建设\n");
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    cJSON *list = node_at(doc, "A/74/90#papers");
    cr_expect_eq(nchildren(list), 2);
    cr_expect_eq(num(node_at(doc, "GE-NDV/2018/12"), "line"), 11);
    cJSON_Delete(doc);
}

Test(layout_report, two_spaces_in_a_lone_line_make_no_table)
{
    cJSON *doc = layout("一. 引言\n\n1. 甲  乙。\n\n2. 丙。\t\n");
    cr_assert_not_null(doc, "%d: %s", diag.line, diag.msg);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#p1"), "text"), "甲  乙。");
    /* a trailing tab is whitespace, not a column */
    cr_expect_str_eq(str(node_at(doc, "A/74/90#p2"), "text"), "丙。");
    cJSON_Delete(doc);
}

Test(layout_report, an_unnumbered_annex_is_the_only_one)
{
    cr_expect_null(layout("一. 引言\n\n附件\n\n甲\n\n附件二\n\n乙\n"));
    cr_expect_eq(diag.line, 7);
    cr_expect(strstr(diag.msg, "out of order") != NULL, "%s", diag.msg);
    cr_expect_null(layout("一. 引言\n\n附件一\n\n甲\n\n附件\n\n乙\n"));
    cr_expect_eq(diag.line, 7);
}

Test(layout_report, a_paper_row_without_a_un_symbol_is_an_error)
{
    /* one space between symbol and title: the row's first column is not a symbol */
    cr_expect_null(layout("一. 引言\n\n附件一\n\n表\n\n文号\t标题\nGE-NDV/2018/8 原则\t甲\n"));
    cr_expect_eq(diag.line, 8);
    cr_expect_str_eq(diag.msg,
                     "a working paper whose symbol \"GE-NDV/2018/8 原则\" is not a UN symbol");
}

/* --- Malformed input -------------------------------------------------------------------- */

Test(layout_report, empty_text_is_an_error)
{
    cr_expect_null(layout(""));
    cr_expect_str_eq(diag.file, "test.txt");
    cr_expect_neq(diag.msg[0], '\0');
    cr_expect_null(layout(" \n\u3000\n\t\n"));
    cr_expect_neq(diag.msg[0], '\0');
}

Test(layout_report, no_chapter_is_an_error)
{
    cr_expect_null(layout("标题\n\n摘要\n\n本报告。\n"));
    cr_expect(strstr(diag.msg, "chapter") != NULL, "%s", diag.msg);
}

Test(layout_report, numbered_paragraph_before_any_chapter_is_an_error)
{
    cr_expect_null(layout("标题\n\n1. 没有章的段落。\n\n一. 引言\n"));
    cr_expect_eq(diag.line, 3);
    cr_expect(strstr(diag.msg, "before the first chapter") != NULL, "%s", diag.msg);
    cr_expect_null(layout("\n1. 没有章的段落。\n\n一. 引言\n"));
    cr_expect_eq(diag.line, 2);
}

Test(layout_report, footnote_marker_without_footnote_is_an_error)
{
    cr_expect_null(layout("一. 引言\n\n1. 段落。⁵\n"));
    cr_expect_eq(diag.line, 3);
    cr_expect(strstr(diag.msg, "⁵") != NULL, "%s", diag.msg);
}

Test(layout_report, odd_numbering_is_an_error)
{
    cr_expect_null(layout("一. 引言\n\n2. 甲。\n\n1. 乙。\n"));
    cr_expect_eq(diag.line, 5);
    cr_expect_null(layout("一. 引言\n\n- 没有段落的项目。\n"));
    cr_expect_eq(diag.line, 3);
    cr_expect_null(layout("一. 引言\n\n¹ 注一。\n\n¹ 又是注一。\n"));
    cr_expect_eq(diag.line, 5);
    cr_expect_null(layout("一. 引言\n\n附件一\n"));
    cr_expect_eq(diag.line, 3);
}

Test(layout_report, odd_lines_do_not_crash)
{
    /* half a link, an unclosed parenthesis, a lone marker, a bare tab row */
    cJSON *doc = layout("一. 引言\n\n1. [半个链接(#。\n\n(没有\n\n*\n\n附件一\n\n标题\n\n\t\n");
    if (doc == NULL)
        cr_expect_neq(diag.msg[0], '\0');
    cJSON_Delete(doc);
}

/* --- A/74/90 ------------------------------------------------------------------------------ */

TestSuite(layout_report_real, .init = load_real_facts, .fini = teardown);

static int
count_kind(const cJSON *node, const char *kind)
{
    int n = strcmp(str(node, "kind"), kind) == 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_kind(child, kind);
    return n;
}

Test(layout_report_real, counts)
{
    cJSON *doc = layout_real();
    char address[64];
    for (int i = 1; i <= 40; i++) {
        snprintf(address, sizeof address, "A/74/90#p%d", i);
        cr_expect_eq(num(node_at(doc, address), "number"), i);
    }
    cr_expect_null(find_in(doc, "A/74/90#p41"));
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#annex1")), 9);
    cr_expect_eq(count_kind(doc, "expert"), 33);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#experts")), 25);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#papers")), 17);
    cr_expect_eq(count_kind(doc, "footnote"), 14);
    cr_expect_eq(count_kind(doc, "chapter"), 4);
    cr_expect_eq(count_kind(doc, "section"), 7);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#p14")), 5);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#p38")), 7);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#p39")), 7);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#p40")), 2);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#cover")), 7);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#summary")), 4);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#foreword")), 5);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#letter")), 9); /* p1, the list, p2..p8 */
    cJSON_Delete(doc);
}

Test(layout_report_real, front_matter)
{
    cJSON *doc = layout_real();
    cr_expect_str_eq(str(doc, "title"), "审议核查在推进核裁军方面作用政府专家组的最后报告");
    /* source lines 5-21: five header lines, the note's text, the report's title */
    static const struct {
        const char *address, *title;
        int line;
    } cover[] = {
        {"A/74/90#cover.h1", "第七十四届会议", 5},
        {"A/74/90#cover.h2", "暂定项目表* 项目 100 (hh)", 7},
        {"A/74/90#cover.h3", "全面彻底裁军：核裁军核查", 9},
        {"A/74/90#cover.h4", "审议核查在推进核裁军方面作用政府专家组", 11},
        {"A/74/90#cover.h5", "秘书长的说明", 13},
        {"A/74/90#cover.p1", NULL, 15},
        {"A/74/90#cover.h6", "审议核查在推进核裁军方面作用政府专家组的最后报告", 21},
    };
    cJSON *node = node_at(doc, "A/74/90#cover");
    cr_assert_eq(nchildren(node), 7);
    for (int i = 0; i < 7; i++) {
        cJSON *child = cJSON_GetArrayItem(cJSON_GetObjectItem(node, "children"), i);
        cr_expect_str_eq(str(child, "address"), cover[i].address);
        cr_expect_str_eq(str(child, "kind"), cover[i].title ? "heading" : "paragraph");
        if (cover[i].title != NULL)
            cr_expect_str_eq(str(child, "title"), cover[i].title);
        cr_expect_eq(num(child, "line"), cover[i].line, "%s", cover[i].address);
    }
    cJSON *h2 = node_at(doc, "A/74/90#cover.h2");
    expect_ref(h2, 0, "A/74/90#fn0", "footnote", 15, 1);
    expect_title_ref(h2, 0);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#cover.p1"), "text"),
                     "秘书长谨随函转递大会第 71/67 号决议第 7 段所设审议核查在推进核裁军方面"
                     "作用政府专家组的报告。");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#fn0"), "text"), "A/74/50。");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#foreword"), "title"), "秘书长的前言");
    cr_expect_eq(num(node_at(doc, "A/74/90#foreword.p1"), "line"), 55);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#letter.p2"), "text"),
                     "我谨向愿为寻求共识而进行建设性讨论的专家组各位政府专家表示感谢。");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#letter.p7"), "text"), "挪威驻阿尔及利亚大使");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#letter.p8"), "text"), "克努特·朗厄兰(签名)");
    cr_expect_eq(num(node_at(doc, "A/74/90#letter.p8"), "line"), 237);
    cJSON_Delete(doc);
}

Test(layout_report_real, experts)
{
    cJSON *doc = layout_real();
    cJSON *list = node_at(doc, "A/74/90#experts");
    cr_expect_str_eq(child_address(list, 0), "A/74/90#experts.DZA");
    cr_expect_str_eq(child_address(list, 24), "A/74/90#experts.USA");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#experts.DZA"), "title"), "阿尔及利亚");
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#experts.IDN")), 3);
    cr_expect_eq(nchildren(node_at(doc, "A/74/90#experts.RUS")), 3);
    cJSON *wang = node_at(doc, "A/74/90#experts.CHN.1");
    cr_expect_str_eq(str(wang, "name"), "王昶");
    expect_sessions(wang, 2, (const int[]){1, 2});
    expect_sessions(node_at(doc, "A/74/90#experts.CHN.2"), 1, (const int[]){3});
    expect_sessions(node_at(doc, "A/74/90#experts.CHE.2"), 2, (const int[]){2, 3});
    expect_sessions(node_at(doc, "A/74/90#experts.DZA.1"), 3, (const int[]){1, 2, 3});
    cJSON *jaime = node_at(doc, "A/74/90#experts.MEX.1");
    cr_expect_str_eq(str(jaime, "name"), "Jaime Aguirre Gómez");
    cr_expect_str_eq(str(jaime, "sessions_note"), "(第一届会议)");
    cr_expect_str_eq(str(jaime, "role"),
                     "国家核安全与保障监督委员会环境放射监测、实物保安与保障监督副主任");
    cr_expect_eq(num(jaime, "line"), 147);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#experts.FRA.1"), "name"), "Romain Le Floc'h");
    cr_expect(
        cJSON_IsTrue(cJSON_GetObjectItem(node_at(doc, "A/74/90#experts.FRA.2"), "alternate")));
    cr_expect(
        cJSON_IsTrue(cJSON_GetObjectItem(node_at(doc, "A/74/90#experts.RUS.3"), "alternate")));
    cJSON *usa = node_at(doc, "A/74/90#experts.USA.1");
    cr_expect_str_eq(str(usa, "country"), "美利坚合众国");
    cr_expect_str_eq(str(usa, "role"), "国务院军控、核查与合规局多边与核办公室外交干事");
    cJSON_Delete(doc);
}

Test(layout_report_real, body)
{
    cJSON *doc = layout_real();
    cJSON *ch2 = node_at(doc, "A/74/90#ch2");
    cr_expect_str_eq(str(ch2, "title"), "政府专家组审议的问题");
    cr_expect_str_eq(str(node_at(doc, "A/74/90#ch2.C"), "title"), "机构设置、支助结构和能力建设");
    cr_expect_str_eq(child_address(node_at(doc, "A/74/90#ch1"), 2), "A/74/90#p3");
    /* 政府专家组由...组成： is 16 characters, the 25 names 85 with 24 separators, then 。,
     * 15 characters and "2018 年和 2019 年" (20 bytes): ² is at 48 + 327 + 3 + 45 + 20 */
    expect_ref(node_at(doc, "A/74/90#p2"), 0, "A/74/90#fn2", "footnote", 443, 2);
    const char *p7 = str(node_at(doc, "A/74/90#p7"), "text");
    cr_expect(strstr(p7, "一些专家指出，在某些情况下，引入无核武器国家") != NULL, "%s", p7);
    cr_expect(strstr(p7, "一些专家表示，这一风险是可以控制的。") != NULL, "%s", p7);
    cr_expect(strstr(str(node_at(doc, "A/74/90#p19"), "text"),
                     "关于协商与合作澄清机制的条款对于执行") != NULL);
    cr_expect(strstr(str(node_at(doc, "A/74/90#annex1.p7"), "text"), "作出贡献。还有人认为") !=
              NULL);
    cJSON *item = node_at(doc, "A/74/90#p14.2");
    cr_expect_eq(num(item, "line"), 286);
    cr_expect_str_eq(str(item, "text"),
                     "政府专家组将考虑根据一份工作文件阐述科学和技术专家组的概念；⁸");
    cJSON *p20 = node_at(doc, "A/74/90#p20");
    cr_expect_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(p20, "refs"), 0), "to"),
                     "A/74/90#fn10");
    cJSON *fn10 = node_at(doc, "A/74/90#fn10");
    cr_expect_str_eq(str(fn10, "label"), "¹⁰");
    cr_expect_eq(num(fn10, "line"), 325);
    cr_expect_str_eq(str(node_at(doc, "A/74/90#annex2"), "title"),
                     "审议核查在推进核裁军方面作用政府专家组专家提交的文件一览表");
    cJSON_Delete(doc);
}

Test(layout_report_real, working_papers)
{
    cJSON *doc = layout_real();
    static const char *const uncited[] = {"GE-NDV/2018/5", "GE-NDV/2018/6", "GE-NDV/2018/7",
                                          "GE-NDV/2019/2"};
    for (int i = 0; i < 4; i++) {
        cJSON *paper = node_at(doc, uncited[i]);
        cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(paper, "cited")), "%s", uncited[i]);
        cr_expect_not(has(paper, "submitters"), "%s", uncited[i]);
    }
    cJSON *p4 = node_at(doc, "GE-NDV/2018/4");
    cr_expect_str_eq(str(p4, "title"), "关于核查在推进核裁军方面作用的考虑：背景文件");
    expect_submitter(p4, 0, "比昂提诺", "大使", "DEU", "A/74/90#experts.DEU.1", "A/74/90#fn4");
    cJSON *p9 = node_at(doc, "GE-NDV/2018/9");
    expect_submitter(p9, 0, "Coppen", "先生", "NLD", "A/74/90#experts.NLD.1", "A/74/90#fn10");
    expect_submitter(p9, 1, "Herbach", "先生", "NLD", NULL, "A/74/90#fn10");
    expect_submitter(p9, 2, "Wollenmann", "先生", "CHE", "A/74/90#experts.CHE.2", "A/74/90#fn10");
    cJSON *p12 = node_at(doc, "GE-NDV/2018/12");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p12, "submitters")), 2);
    expect_submitter(p12, 0, "钱伯斯", "博士", "GBR", "A/74/90#experts.GBR.1", "A/74/90#fn11");
    expect_submitter(p12, 1, "Werdaningtyas", "女士", "IDN", "A/74/90#experts.IDN.2",
                     "A/74/90#fn11");
    expect_submitter(node_at(doc, "GE-NDV/2018/16"), 0, "王", "先生", "CHN",
                     "A/74/90#experts.CHN.1", "A/74/90#fn11");
    cJSON *p15 = node_at(doc, "GE-NDV/2018/15");
    expect_submitter(p15, 1, "Le Floc'h", "先生", "FRA", "A/74/90#experts.FRA.1", "A/74/90#fn13");
    expect_submitter(node_at(doc, "GE-NDV/2018/14"), 0, "比翁蒂诺", "大使", "DEU",
                     "A/74/90#experts.DEU.1", "A/74/90#fn13");
    cJSON *p3 = node_at(doc, "GE-NDV/2019/3");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p3, "submitters")), 3);
    expect_submitter(p3, 1, "Langeland", "大使", "NOR", "A/74/90#experts.NOR.1", "A/74/90#fn9");
    cr_expect_eq(num(node_at(doc, "GE-NDV/2019/3"), "line"), 431);
    /* "见 " is 4 bytes */
    expect_ref(node_at(doc, "A/74/90#fn9"), 0, "A/74/90#experts.IDN.2", "expert", 4, 13);
    cJSON_Delete(doc);
}
