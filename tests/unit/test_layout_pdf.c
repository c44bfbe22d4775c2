/* Tests of the PDF-extraction layout (src/segment/layout_pdf.c): each rule on small inputs
 * written by hand in the shape of the extraction (a blank line between printed lines; touching
 * lines start a page), then the real A/72/304 source with values read off it by hand. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/facts.h"
#include "segment/segment.h"
#include "util/textfile.h"

#define SYMBOL "A/72/304"
#define REAL_SOURCE NDVR_SOURCE_DIR "/assets/source/A-72-304.zh.txt"
#define REAL_FACTS NDVR_SOURCE_DIR "/assets/source/facts.txt"

/* U+F0B7 and U+F09F, the Private Use Area bullets of the extraction. */
#define PUA_B7 "\xef\x82\xb7"
#define PUA_9F "\xef\x82\x9f"

static struct facts facts;

static void
load_test_facts(void)
{
    struct diag d = {0};
    cr_assert(facts_parse("test-facts",
                          "country ARG 阿根廷 阿根廷共和国\n"
                          "country CAN 加拿大\n"
                          "country CHN 中国\n"
                          "country CUB 古巴\n"
                          "country IND 印度\n"
                          "country NOR 挪威\n"
                          "country GBR 大不列颠及北爱尔兰联合王国 联合王国\n"
                          "country EU 欧洲联盟 欧盟\n",
                          &facts, &d),
              "%s", d.msg);
}

static void
free_facts(void)
{
    facts_free(&facts);
}

/* Runs the layout on text; NULL when it fails (d then says why). */
static cJSON *
run_pdf(const char *text, struct diag *d)
{
    struct seg_source src;
    seg_source_init(&src, "test.txt", text, strlen(text));
    struct seg_ctx ctx = {.facts = &facts, .src = &src, .symbol = SYMBOL, .diag = d};
    cJSON *doc = seg_layout_pdf(&ctx);
    seg_source_fini(&src);
    return doc;
}

static cJSON *
run_ok(const char *text)
{
    struct diag d = {0};
    cJSON *doc = run_pdf(text, &d);
    cr_assert_not_null(doc, "layout failed: line %d: %s", d.line, d.msg);
    return doc;
}

static const cJSON *
find(const cJSON *node, const char *address)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "address");
    if (cJSON_IsString(a) && strcmp(a->valuestring, address) == 0)
        return node;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
    {
        const cJSON *hit = find(child, address);
        if (hit)
            return hit;
    }
    return NULL;
}

static const cJSON *
must_find(const cJSON *doc, const char *address)
{
    const cJSON *node = find(doc, address);
    cr_assert_not_null(node, "%s missing", address);
    return node;
}

static const char *
str(const cJSON *node, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
num(const cJSON *node, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return cJSON_IsNumber(v) ? v->valueint : -1;
}

static int
nchildren(const cJSON *node)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(node, "children"));
}

static int
count_kind(const cJSON *node, const char *kind)
{
    int n = strcmp(str(node, "kind"), kind) == 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_kind(child, kind);
    return n;
}

/* Children of `node` of one kind. */
static int
count_children(const cJSON *node, const char *kind)
{
    int n = 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        strcmp(str(child, "kind"), kind) == 0;
    return n;
}

static void
expect_text(const cJSON *doc, const char *address, const char *text)
{
    const cJSON *node = must_find(doc, address);
    cr_expect_str_eq(str(node, "text") ? str(node, "text") : "(none)", text, "%s", address);
}

/* The node cites footnote `fn` once, and at/len cover `marker` right after `before`. */
static void
expect_footnote_ref(const cJSON *node, const char *fn, const char *before, const char *marker)
{
    const char *text = str(node, "text");
    cr_assert_not_null(text);
    const char *where = strstr(text, before);
    cr_assert_not_null(where, "`%s` not in %s", before, str(node, "address"));
    long at = (long)(where - text) + (long)strlen(before);
    int hits = 0;
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        if (strcmp(str(ref, "to"), fn) != 0)
            continue;
        hits++;
        cr_expect_str_eq(str(ref, "kind"), "footnote");
        cr_expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(ref, "external")));
        cr_expect_eq(num(ref, "at"), at, "%s at", fn);
        cr_expect_eq(num(ref, "len"), (int)strlen(marker), "%s len", fn);
    }
    cr_expect_eq(hits, 1, "%s cited %d times by %s", fn, hits, str(node, "address"));
}

static int
count_refs_to(const cJSON *node, const char *to)
{
    int n = 0;
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs")) n +=
        strcmp(str(ref, "to"), to) == 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_refs_to(child, to);
    return n;
}

/* True when some node's text, title or label contains needle. */
static bool
any_text_has(const cJSON *node, const char *needle)
{
    const char *keys[] = {"text", "title", "label"};
    for (size_t i = 0; i < 3; i++)
        if (str(node, keys[i]) && strstr(str(node, keys[i]), needle))
            return true;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(
                                  node, "children")) if (any_text_has(child, needle)) return true;
    return false;
}

/* --- Paragraphs, page breaks, footnotes ------------------------------------------------- */

/* Lines 1-18 and 60-64 of the source: paragraph 2 goes on over the line cut by marker 1 and
 * ends with the trailing blank on "…网站。  ". */
static const char intro[] =
    "  一. 导言 \n"
    "\n"
    "1. 在关于核裁军核查的第 71/67 号决议的第 6 段，大会请秘书长征求会员国对\n"
    "\n"
    "制定和加强切实有效的核裁军核查措施以及此种措施对于建立和保持一个无核\n"
    "\n"
    "武器世界的重要性的看法，并就此向大会第七十二届会议提出报告。 \n"
    "\n"
    "2. 根据该决议，裁军事务厅于 2017 年 2 月 20 日向所有会员国发出普通照会，\n"
    "\n"
    "要求其提出看法，随后于 2017 年 6 月 12 日发出第二次普通照会。所收到的答复\n"
    "\n"
    "载于第二部分，也可查阅裁军事务厅网站。1\n"
    " 根据第 65/276 号决议规定的模式，\n"
    "\n"
    "欧洲联盟的答复载于第三部分，也可查阅上述网站。2017 年 7 月 31 日以后收到\n"
    "\n"
    "的其他答复只以文件提交时所用语文发布于裁军事务厅网站。  \n"
    "\n"
    "  \n"
    "\n"
    "__________________ \n"
    "\n"
    " 1  www.un.org/disarmament/。 \n"
    "\n"
    "http://www.un.org/disarmament/\n";

Test(layout_pdf, numbered_paragraphs_join_across_a_cut_line, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(intro);
    cr_expect_str_eq(str(doc, "address"), SYMBOL);
    cr_expect_str_eq(str(doc, "kind"), "document");
    cr_expect_str_eq(str(doc, "symbol"), SYMBOL);
    cr_expect_eq(num(doc, "line"), 1);
    const cJSON *ch1 = must_find(doc, SYMBOL "#ch1");
    cr_expect_str_eq(str(ch1, "label"), "一");
    cr_expect_str_eq(str(ch1, "title"), "导言");
    cr_expect_eq(nchildren(ch1), 2, "paragraph 2 is one paragraph");
    const cJSON *p1 = must_find(doc, SYMBOL "#p1");
    cr_expect_str_eq(str(p1, "label"), "1");
    cr_expect_eq(num(p1, "number"), 1);
    cr_expect_eq(num(p1, "line"), 3);
    expect_text(doc, SYMBOL "#p1",
                "在关于核裁军核查的第 71/67 号决议的第 6 段，大会请秘书长征求会员国对"
                "制定和加强切实有效的核裁军核查措施以及此种措施对于建立和保持一个无核"
                "武器世界的重要性的看法，并就此向大会第七十二届会议提出报告。");
    expect_text(doc, SYMBOL "#p2",
                "根据该决议，裁军事务厅于 2017 年 2 月 20 日向所有会员国发出普通照会，"
                "要求其提出看法，随后于 2017 年 6 月 12 日发出第二次普通照会。所收到的答复"
                "载于第二部分，也可查阅裁军事务厅网站。1根据第 65/276 号决议规定的模式，"
                "欧洲联盟的答复载于第三部分，也可查阅上述网站。2017 年 7 月 31 日以后收到"
                "的其他答复只以文件提交时所用语文发布于裁军事务厅网站。");
    expect_footnote_ref(must_find(doc, SYMBOL "#p2"), SYMBOL "#fn1", "裁军事务厅网站。", "1");
    cJSON_Delete(doc);
}

Test(layout_pdf, footnote_block_leaves_the_text_and_becomes_a_footnote, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(intro);
    const cJSON *fn = must_find(doc, SYMBOL "#fn1");
    cr_expect_str_eq(str(fn, "kind"), "footnote");
    cr_expect_str_eq(str(fn, "label"), "1");
    cr_expect_eq(num(fn, "number"), 1);
    cr_expect_eq(num(fn, "line"), 24);
    cr_expect_str_eq(str(fn, "text"), "www.un.org/disarmament/。");
    /* footnotes are the document's children, after the chapters */
    const cJSON *kids = cJSON_GetObjectItemCaseSensitive(doc, "children");
    cr_expect_eq(cJSON_GetArraySize(kids), 2);
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 1), "address"), SYMBOL "#fn1");
    cr_expect(!any_text_has(must_find(doc, SYMBOL "#ch1"), "disarmament"));
    cr_expect(!any_text_has(doc, "http://www.un.org"), "the URL-only line is furniture");
    cr_expect(!any_text_has(doc, "____"));
    cJSON_Delete(doc);
}

/* Lines 2063-2096 (with the footnote renumbered 1): a paragraph cut by a footnote block, a
 * page break and a line cut by a marker is one paragraph. */
static const char eu_source[] =
    " 三. 从欧洲联盟收到的答复 \n"
    "\n"
    "[原件：英文] \n"
    "\n"
    "[2017 年 7 月 17 日] \n"
    "\n"
    "  欧洲联盟支持加强国际原子能机构保障监督制度的效立和效率，该制度在履\n"
    "\n"
    "行《不扩散核武器条约》规定的不扩散义务过程中发挥着不可或缺的作用。全面\n"
    "\n"
    "__________________ \n"
    "\n"
    " 1 欧洲联盟关于第一组问题的声明，不扩散核武器条约缔约国 2020 年审议大会 2017 年筹备委员\n"
    "\n"
    "会，第 5 段，见 "
    "http://statements.unmeetings.org/media2/14684386/eu-new-statement-cluster-i.pdf。 \n"
    "\n"
    "http://statements.unmeetings.org/media2/14684386/eu-new-statement-cluster-i.pdf\n"
    " 保障监督协定和附加议定书构成了目前的核查标准。1\n"
    " 欧洲原子能共同体和国际\n"
    "\n"
    "原子能机构(原子能机构)的密切合作得以实现有效和高效的保障。欧洲联盟通过\n"
    "\n"
    "欧洲联盟委员会保障支助方案及其一些成员国的支助方案，积极支持原子能机构\n"
    "\n"
    "的保障监督制度。 \n";

Test(layout_pdf, paragraph_cut_by_a_footnote_block_is_whole_again, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(eu_source);
    const cJSON *r = must_find(doc, SYMBOL "#EU");
    cr_expect_eq(nchildren(r), 1);
    expect_text(doc, SYMBOL "#EU.p1",
                "欧洲联盟支持加强国际原子能机构保障监督制度的效立和效率，该制度在履"
                "行《不扩散核武器条约》规定的不扩散义务过程中发挥着不可或缺的作用。全面"
                "保障监督协定和附加议定书构成了目前的核查标准。1欧洲原子能共同体和国际"
                "原子能机构(原子能机构)的密切合作得以实现有效和高效的保障。欧洲联盟通过"
                "欧洲联盟委员会保障支助方案及其一些成员国的支助方案，积极支持原子能机构"
                "的保障监督制度。");
    expect_footnote_ref(must_find(doc, SYMBOL "#EU.p1"), SYMBOL "#fn1", "核查标准。", "1");
    expect_text(
        doc, SYMBOL "#fn1",
        "欧洲联盟关于第一组问题的声明，不扩散核武器条约缔约国 2020 年审议大会 2017 年"
        "筹备委员会，第 5 段，见 "
        "http://statements.unmeetings.org/media2/14684386/eu-new-statement-cluster-i.pdf。");
    cJSON_Delete(doc);
}

Test(layout_pdf, only_the_next_footnote_number_is_a_marker, .init = load_test_facts,
     .fini = free_facts)
{
    /* "网站。2017 年" is a date; "。3" is not the next footnote (1); the "。1" on the last
     * line is; a second "。1" later is no marker (footnote 2 would be next, and there is
     * none). */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "1. 所收到的答复载于第二部分，也可查阅裁军事务厅网站。2017 年 7 月 31 日以后收到\n"
        "\n"
        "的其他答复只以文件提交时所用语文发布于裁军事务厅网站。此处不是脚注。3\n"
        " 这一行开始新的一页，仍然属于同一段落，段落在下一行以脚注号结束。\n"
        "\n"
        "也可查阅裁军事务厅网站。1\n"
        "   \n"
        "\n"
        "2. 第二段以一个不是脚注号的数字结束，因为下一个脚注号是二而不是一。1\n"
        "   \n"
        "\n"
        "__________________ \n"
        "\n"
        " 1 见大会第 71/67 号决议，第 14 页。 \n";
    cJSON *doc = run_ok(text);
    const cJSON *p1 = must_find(doc, SYMBOL "#p1");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p1, "refs")), 1);
    expect_footnote_ref(p1, SYMBOL "#fn1", "以脚注号结束。也可查阅裁军事务厅网站。", "1");
    cr_expect(strstr(str(p1, "text"), "网站。2017 年 7 月 31 日") != NULL);
    cr_expect(strstr(str(p1, "text"), "此处不是脚注。3这一行开始新的一页") != NULL);
    cr_expect_null(cJSON_GetObjectItemCaseSensitive(must_find(doc, SYMBOL "#p2"), "refs"));
    cr_expect_eq(count_refs_to(doc, SYMBOL "#fn1"), 1);
    cr_expect_eq(count_kind(doc, "footnote"), 1);
    cJSON_Delete(doc);
}

Test(layout_pdf, full_line_ending_in_a_full_stop_without_a_blank_goes_on, .init = load_test_facts,
     .fini = free_facts)
{
    /* lines 145-157: 151 fills the measure and ends in 。 but has no trailing blank */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "澳大利亚为积极参与国际伙伴关系以及同波兰共同主持第二工作组(实地核\n"
        "\n"
        "查)的工作感到骄傲。澳大利亚和日本牵头进行了第一工作组(监测和核查目标)\n"
        "\n"
        "的透明度审议工作，而且澳大利亚向第三工作组(技术挑战和解决方案)提供了专\n"
        "\n"
        "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。\n"
        "\n"
        "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献，具体做法是\n"
        "\n"
        "吸取国际伙伴关系和和平使用核能长期互动协作的经验，其中包括在印度-太平\n"
        "\n"
        "洋区域实施其广泛的外联方案。  \n"
        "\n"
        "第二段很短。 \n";
    cJSON *doc = run_ok(text);
    const cJSON *ch1 = must_find(doc, SYMBOL "#ch1");
    cr_expect_eq(nchildren(ch1), 2);
    const char *t = str(must_find(doc, SYMBOL "#ch1.p1"), "text");
    cr_expect(strstr(t, "对该问题的讨论。如果有需要，") != NULL, "%s", t);
    cr_expect(strstr(t, "在印度-太平洋区域") != NULL);
    expect_text(doc, SYMBOL "#ch1.p2", "第二段很短。");
    cJSON_Delete(doc);
}

/* --- Whitespace that means nothing, and none at all ------------------------------------- */

/* text with the first occurrence of `from` replaced by `to` (caller frees). */
static char *
replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    cr_assert_not_null(at, "`%s` not in the text", from);
    struct strbuf sb = STRBUF_INIT;
    sb_append(&sb, text, (size_t)(at - text));
    sb_puts(&sb, to);
    sb_puts(&sb, at + strlen(from));
    return sb_detach(&sb);
}

/* The tree made from text, printed, for comparing two trees whole. */
static char *
printed(const char *text)
{
    cJSON *doc = run_ok(text);
    char *json = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    return json;
}

static void
expect_same_tree(const char *variant, const char *original, const char *what)
{
    char *a = printed(original), *b = printed(variant);
    cr_expect_str_eq(b, a, "%s", what);
    cJSON_free(a);
    cJSON_free(b);
}

Test(layout_pdf, whitespace_after_a_line_cut_by_a_marker_ends_nothing, .init = load_test_facts,
     .fini = free_facts)
{
    /* the printed line goes on in the next line: "网站。1" is no paragraph's end */
    char *text = replaced(intro, "网站。1\n", "网站。1 \n");
    expect_same_tree(text, intro, "a space after 网站。1");
    free(text);
    text = replaced(intro, "网站。1\n", "网站。1\t \n");
    expect_same_tree(text, intro, "a tab and a space after 网站。1");
    free(text);
}

Test(layout_pdf, whitespace_where_the_blank_line_belongs_ends_nothing, .init = load_test_facts,
     .fini = free_facts)
{
    /* line 151, a full line that ends in 。 inside a paragraph, then a space where the blank
     * line between printed lines was */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。\n"
        "\n"
        "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献。 \n";
    char *spaced = replaced(text, "讨论。\n\n", "讨论。\n \n");
    expect_same_tree(spaced, text, "a space-only line after a full line");
    free(spaced);
}

Test(layout_pdf, a_line_of_whitespace_after_a_marker_is_the_blank_the_line_ended_in,
     .init = load_test_facts, .fini = free_facts)
{
    /* "责任。1" then "   ": the printed line ended with a blank; a full line ending a sentence
     * without one goes on */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的责任。1\n"
        "   \n"
        "\n"
        "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献，具体做法是\n"
        "\n"
        "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。\n"
        "\n"
        "吸取经验。 \n"
        "\n"
        "__________________ \n"
        "\n"
        " 1 脚注。 \n";
    cJSON *doc = run_ok(text);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1")), 2);
    expect_text(doc, SYMBOL "#ch1.p2",
                "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献，具体做法是"
                "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。"
                "吸取经验。");
    cJSON_Delete(doc);
    /* whitespace where the blank line between printed lines belongs is not that blank */
    char *spaced = replaced(text, "责任。1\n   \n\n", "责任。1\n \n");
    doc = run_ok(spaced);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1")), 1);
    cJSON_Delete(doc);
    free(spaced);
}

Test(layout_pdf, without_any_trailing_blank_sentences_at_line_ends_end_paragraphs,
     .init = load_test_facts, .fini = free_facts)
{
    /* an editor took every trailing blank off: paragraph 2, whose cut line ends a sentence,
     * stays whole; the full line ending in 。 inside a paragraph now ends it */
    static const char text[] =
        "  一. 导言\n"
        "\n"
        "2. 要求其提出看法，随后于 2017 年 6 月 12 日发出第二次普通照会。所收到的答复\n"
        "\n"
        "载于第二部分，也可查阅裁军事务厅网站。1\n"
        " 根据第 65/276 号决议规定的模式，\n"
        "\n"
        "欧洲联盟的答复载于第三部分。\n"
        "\n"
        "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。\n"
        "\n"
        "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献。\n"
        "\n"
        "__________________\n"
        "\n"
        " 1 www.un.org/disarmament/。\n";
    cJSON *doc = run_ok(text);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1")), 3);
    expect_text(doc, SYMBOL "#p2",
                "要求其提出看法，随后于 2017 年 6 月 12 日发出第二次普通照会。所收到的答复"
                "载于第二部分，也可查阅裁军事务厅网站。1根据第 65/276 号决议规定的模式，"
                "欧洲联盟的答复载于第三部分。");
    expect_text(doc, SYMBOL "#ch1.p1",
                "门知识。澳大利亚希望拓宽讨论范围，使各会员国都有机会参与对该问题的讨论。");
    expect_text(doc, SYMBOL "#ch1.p2",
                "如果有需要，澳大利亚时刻准备为关于核查的政府专家组做出贡献。");
    cJSON_Delete(doc);
}

/* --- URLs ------------------------------------------------------------------------------- */

/* Footnote 3 of the source (renumbered 1), with the whole-URL lines at the end. */
static const char cut_url[] =
    " 三. 从欧洲联盟收到的答复 \n"
    "\n"
    "[原件：英文] \n"
    "\n"
    "[2017 年 7 月 17 日] \n"
    "\n"
    "  保障监督协定和附加议定书构成了目前的核查标准。1\n"
    "   \n"
    "\n"
    "__________________ \n"
    "\n"
    " 1 欧洲联盟总声明，不扩散核武器条约 2017 年筹备委员会，见 https://eeas.europa.eu/ \n"
    "\n"
    "headquarters/headquarters-homepage/25740/"
    "preparatory-committee-2020-npt-review-conference-par\n"
    "\n"
    "ties-treaty-non-proliferation-nuclear_en。 \n"
    "\n"
    "https://eeas.europa.eu/%20headquarters/headquarters-homepage/25740/preparatory-committee-2020-"
    "npt-review-conference-parties-treaty-non-proliferation-nuclear_en\n"
    "https://eeas.europa.eu/%20headquarters/headquarters-homepage/25740/preparatory-committee-2020-"
    "npt-review-conference-parties-treaty-non-proliferation-nuclear_en\n";

Test(layout_pdf, url_cut_across_lines_is_whole_again, .init = load_test_facts, .fini = free_facts)
{
    cJSON *doc = run_ok(cut_url);
    expect_text(doc, SYMBOL "#fn1",
                "欧洲联盟总声明，不扩散核武器条约 2017 年筹备委员会，见 "
                "https://eeas.europa.eu/headquarters/headquarters-homepage/25740/"
                "preparatory-committee-2020-npt-review-conference-parties-treaty-non-"
                "proliferation-nuclear_en。");
    cr_expect(!any_text_has(doc, "%20"));
    expect_text(doc, SYMBOL "#EU.p1", "保障监督协定和附加议定书构成了目前的核查标准。1");
    cJSON_Delete(doc);
}

Test(layout_pdf, url_join_a_whole_url_line_contradicts_keeps_its_space, .init = load_test_facts,
     .fini = free_facts)
{
    /* The whole-URL line says the URL ends at "/a.pdf", so "and" is a new word; the second
     * URL is in no whole-URL line and goes on without a space. */
    static const char text[] = " 三. 从欧洲联盟收到的答复 \n"
                               "\n"
                               "[原件：英文] \n"
                               "\n"
                               "[2017 年 7 月 17 日] \n"
                               "\n"
                               "  保障监督协定和附加议定书构成了目前的核查标准。1\n"
                               "   \n"
                               "\n"
                               "__________________ \n"
                               "\n"
                               " 1 See http://example.org/a.pdf \n"
                               "\n"
                               "and http://example.org/long-\n"
                               "\n"
                               "name.pdf. \n"
                               "\n"
                               "http://example.org/a.pdf\n";
    cJSON *doc = run_ok(text);
    expect_text(doc, SYMBOL "#fn1",
                "See http://example.org/a.pdf and http://example.org/long-name.pdf.");
    cJSON_Delete(doc);
}

Test(layout_pdf, page_header_and_footer_are_dropped, .init = load_test_facts, .fini = free_facts)
{
    /* lines 131-147: the item's last line, header and footer, the next page's paragraph */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "澳大利亚欢迎核裁军核查国际伙伴关系做出的宝贵贡献。为了适当和有效，\n"
        "\n"
        "做出了积极的贡献，其中有如下方式： \n"
        "\n" PUA_B7 " 将各国的具体经验纳入关于全球零点的讨论，强调推动可核查的裁军所\n"
        "\n"
        "需的技术工作。 \n"
        "\n"
        "\n"
        "\n"
        " A/72/304 \n"
        "\n"
        " \n"
        "\n"
        "5/33 17-13629 (C) \n"
        "\n"
        " \n"
        "\n"
        "澳大利亚为积极参与国际伙伴关系以及同波兰共同主持第二工作组(实地核\n"
        "\n"
        "查)的工作感到骄傲。 \n";
    cJSON *doc = run_ok(text);
    expect_text(doc, SYMBOL "#ch1.p1.1",
                "将各国的具体经验纳入关于全球零点的讨论，强调推动可核查的裁军所需的技术工作。");
    expect_text(doc, SYMBOL "#ch1.p2",
                "澳大利亚为积极参与国际伙伴关系以及同波兰共同主持第二工作组(实地核"
                "查)的工作感到骄傲。");
    cr_expect(!any_text_has(doc, "17-13629"));
    cr_expect(!any_text_has(doc, "5/33"));
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1")), 2);
    cJSON_Delete(doc);
}

/* --- Lists ------------------------------------------------------------------------------ */

Test(layout_pdf, private_use_bullets_become_plain_bullets, .init = load_test_facts,
     .fini = free_facts)
{
    /* lines 119-133 and 1139-1149 */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "澳大利亚欢迎核裁军核查国际伙伴关系做出的宝贵贡献。为了适当和有效，\n"
        "\n"
        "做出了积极的贡献，其中有如下方式： \n"
        "\n" PUA_B7 " 制定技术解决方案，以应对监测和核查挑战； \n"
        "\n" PUA_B7 " 将各国的具体经验纳入关于全球零点的讨论，强调推动可核查的裁军所\n"
        "\n"
        "需的技术工作。 \n"
        "\n"
        "黎巴嫩国防部申明如下： \n"
        "\n" PUA_9F " 黎巴嫩支持并欢迎旨在实现核裁军的所有倡议，特别是在中东的核裁军\n"
        "\n"
        "倡议，并强调该区域应成为无大规模毁灭性武器区。 \n"
        "\n"
        "• 监测和核查目标工作组 \n"
        "\n"
        "• 实地核查工作组  \n";
    cJSON *doc = run_ok(text);
    const cJSON *p1 = must_find(doc, SYMBOL "#ch1.p1");
    cr_expect_eq(nchildren(p1), 2);
    const cJSON *item = must_find(doc, SYMBOL "#ch1.p1.1");
    cr_expect_str_eq(str(item, "kind"), "item");
    cr_expect_str_eq(str(item, "label"), "•");
    cr_expect_eq(num(item, "line"), 7);
    cr_expect_str_eq(str(item, "text"), "制定技术解决方案，以应对监测和核查挑战；");
    expect_text(doc, SYMBOL "#ch1.p1.2",
                "将各国的具体经验纳入关于全球零点的讨论，强调推动可核查的裁军所需的技术工作。");
    const cJSON *p2 = must_find(doc, SYMBOL "#ch1.p2");
    cr_expect_eq(nchildren(p2), 3, "a short bulleted line with a blank ends its item");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p2.1"), "label"), "•");
    expect_text(doc, SYMBOL "#ch1.p2.1",
                "黎巴嫩支持并欢迎旨在实现核裁军的所有倡议，特别是在中东的核裁军"
                "倡议，并强调该区域应成为无大规模毁灭性武器区。");
    expect_text(doc, SYMBOL "#ch1.p2.2", "监测和核查目标工作组");
    expect_text(doc, SYMBOL "#ch1.p2.3", "实地核查工作组");
    cr_expect(!any_text_has(doc, PUA_B7));
    cr_expect(!any_text_has(doc, PUA_9F));
    cJSON_Delete(doc);
}

Test(layout_pdf, dash_and_letter_items_but_not_enumerators_inside_a_line, .init = load_test_facts,
     .fini = free_facts)
{
    /* lines 226-234 and 895-905: "(a)" inside a line is no item, and "作业； (b) " has a
     * trailing blank but fills the measure and does not end a sentence */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "布隆迪已采取以下步骤： \n"
        "\n"
        "- 1972 年 4 月 10 日签署了《核裁军条约》； \n"
        "\n"
        "- 1996 年 9 月 24 日签署了《全面禁止核试验条约》，2008 年 9 月 24 日\n"
        "\n"
        "批准了该条约； \n"
        "\n"
        "面发挥了重要作用。该支助方案注重三类主要活动：(a)主持原子能机构各种培训\n"
        "\n"
        "活动并提供专门知识，包括全面视察作业训练和附加议定书补充准入作业； (b) \n"
        "\n"
        "为测试新开发的保障监督技术提供设施环境，特别是作为传统保障监督方法或者\n"
        "\n"
        "在全面保障监督制度下使用的遏制和监测设备；以及(c) 通过制定方法和设备来\n"
        "\n"
        "鉴别核材料以实现国家保障核查的目标，支持国际保障核查。 \n"
        "\n"
        "(a) 如何确保外国视察员和设备适当进入核武器设施； \n"
        "\n"
        "(b) 这些视察员如何能相信陈列的物品是核武器； \n";
    cJSON *doc = run_ok(text);
    const cJSON *d1 = must_find(doc, SYMBOL "#ch1.p1.1");
    cr_expect_str_eq(str(d1, "label"), "-");
    cr_expect_str_eq(str(d1, "text"), "1972 年 4 月 10 日签署了《核裁军条约》；");
    expect_text(doc, SYMBOL "#ch1.p1.2",
                "1996 年 9 月 24 日签署了《全面禁止核试验条约》，2008 年 9 月 24 日批准了该条约；");
    expect_text(doc, SYMBOL "#ch1.p2",
                "面发挥了重要作用。该支助方案注重三类主要活动：(a)主持原子能机构各种培训"
                "活动并提供专门知识，包括全面视察作业训练和附加议定书补充准入作业； (b)"
                "为测试新开发的保障监督技术提供设施环境，特别是作为传统保障监督方法或者"
                "在全面保障监督制度下使用的遏制和监测设备；以及(c) 通过制定方法和设备来"
                "鉴别核材料以实现国家保障核查的目标，支持国际保障核查。");
    const cJSON *p2 = must_find(doc, SYMBOL "#ch1.p2");
    cr_expect_eq(nchildren(p2), 2);
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p2.1"), "label"), "(a)");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p2.2"), "label"), "(b)");
    expect_text(doc, SYMBOL "#ch1.p2.2", "这些视察员如何能相信陈列的物品是核武器；");
    cJSON_Delete(doc);
}

Test(layout_pdf, list_after_an_item_ending_in_a_colon_nests_under_it, .init = load_test_facts,
     .fini = free_facts)
{
    /* lines 514-577, shortened */
    static const char text[] =
        "  一. 导言 \n"
        "\n"
        "根据联合国大会第 71/67 号“核裁军核查”决议相关要求，中国政府现将对\n"
        "\n"
        "核裁军核查问题的意见陈述如下： \n"
        "\n"
        "(一) 有效的核裁军核查措施是确保核裁军切实完成的重要手段，是最终全\n"
        "\n"
        "面禁止和彻底销毁核武器的重要保障； \n"
        "\n"
        "(五) 中国认为，国际社会在推进核裁军核查研究时应充分考虑以下问题 : \n"
        "\n"
        "(a) 核裁军核查涉及核武器敏感信息，有关研究不应损害核武器国家安全\n"
        "\n"
        "利益。 \n"
        "\n"
        "(b) 核裁军核查涉及运载工具、核弹头和核材料等核武器相关方面； \n"
        " (六) 中国积极开展核领域核查技术的研究。 \n"
        "\n"
        "希望联合国裁军事务厅将上述内容全文纳入联合国秘书长相关报告。 \n";
    cJSON *doc = run_ok(text);
    const cJSON *p1 = must_find(doc, SYMBOL "#ch1.p1");
    cr_expect_eq(nchildren(p1), 3, "(一) (五) (六)");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p1.1"), "label"), "(一)");
    const cJSON *five = must_find(doc, SYMBOL "#ch1.p1.2");
    cr_expect_str_eq(str(five, "label"), "(五)");
    cr_expect_str_eq(str(five, "text"),
                     "中国认为，国际社会在推进核裁军核查研究时应充分考虑以下问题 :");
    cr_expect_eq(nchildren(five), 2);
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p1.2.1"), "label"), "(a)");
    expect_text(doc, SYMBOL "#ch1.p1.2.1",
                "核裁军核查涉及核武器敏感信息，有关研究不应损害核武器国家安全利益。");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.p1.2.2"), "label"), "(b)");
    const cJSON *six = must_find(doc, SYMBOL "#ch1.p1.3");
    cr_expect_str_eq(str(six, "label"), "(六)");
    cr_expect_str_eq(str(six, "text"), "中国积极开展核领域核查技术的研究。");
    expect_text(doc, SYMBOL "#ch1.p2",
                "希望联合国裁军事务厅将上述内容全文纳入联合国秘书长相关报告。");
    cJSON_Delete(doc);
}

/* --- Paragraphs indented as a list's items ------------------------------------------------ */

/* Lines 668-702 and 719-733 of the source (France), then two indented paragraphs shortened from
 * 751 and 763 and a paragraph at the margin: "在此背景下：" at the margin, the items and the
 * unlabelled paragraphs among and after them indented by a space. */
static const char france[] =
    "  一. 导言 \n"
    "\n"
    "考虑安全性、可靠性和不扩散性等问题。 \n" /* 3 */
    "\n"
    "在此背景下： \n" /* 5 */
    "\n"
    " (a) 法国支持大会第 71/67 号决议，根据此项决议，大会成立了政府专家\n" /* 7 */
    "\n"
    "组。法国认为，核武器国家与无核武器国家之间关于核武器核查的对话有助于加\n"
    "\n"
    "强信任，而信任对于军备控制和裁军具有重要作用，是战略稳定的重要因素。 \n"
    "\n"
    " (b) 此外，法国还加入了核裁军核查国际伙伴关系，该伙伴关系使 20 多个\n" /* 13 */
    "\n"
    "国家汇聚一堂，共同讨论核裁军核查的技术问题。伙伴关系的第一阶段侧重于核\n"
    "\n"
    "查核爆炸装置的拆除，这是核裁军核查中最为复杂的一环。汇集核武器国家和无\n"
    "\n"
    "核武器国家的这一伙伴关系旨在加强对技术挑战的认识，增强核裁军核查所需的\n"
    "\n"
    "能力。 \n"
    "\n"
    " 技术与程序方面的能力发展对实现有效核查必不可少，并有利于考虑核武器\n" /* 23 */
    "\n"
    "国家在安全性、可靠性和不扩散性等领域的问题。多边背景下的核裁军核查不同\n"
    "\n"
    "于可能存在于两个核武器国家之间的核武器控制核查。在涉及多个核武器国家和\n"
    "\n"
    "无核武器国家的多边背景下，现有的技术和程序无法应对核武器核查带来的安全\n"
    "\n"
    "性、可靠性和不扩散性等领域的所有挑战。为此需要开展大量工作，尤其是开发\n"
    "\n"
    "技术信息壁垒和技术认证程序； \n"
    "\n"
    " (c) 不能抽象地制定一项核裁军核查制度，而是应当符合一项具体的裁军\n" /* 35 */
    "\n"
    "条约，并适用于每个核武器国家的具体情况； \n"
    "\n"
    " (f) 发展裁军核查的能力并不足以实现无核武器的世界。在《不扩散核武\n" /* 39 */
    "\n"
    "器条约》第六条主张的渐进方法框架内，安全形势的演变是任何核裁军努力\n"
    "\n"
    "的基础。 \n"
    "\n"
    " 因此，战略形势的演变让法国在近十年间减少了一半的核武器库存。法国核\n" /* 45 */
    "\n"
    "武器力量规模根据严格充分性原则确定。因此法国的武器库存维持在符合战略背\n"
    "\n"
    "景状态和威胁的预见性演变基础上的最低水平。 \n"
    "\n"
    " (j) 除关于核裁军核查的双边、诸边和多边文书以外，政治承诺和透明措\n" /* 51 */
    "\n"
    "施在核裁军中也发挥着重要作用。法国在这方面做出了很大的努力。 \n"
    "\n"
    " 法国是唯一自主决定彻底拆除地对地核导弹的国家。 \n" /* 55 */
    "\n"
    " 法国还决定永久关闭其大平洋试验中心，并向国际专家团开放。 \n" /* 57 */
    "\n"
    "核查是任何裁军协定的必要组成部分。 \n"; /* 59 */

Test(layout_pdf, indented_paragraphs_go_on_with_the_item_before_them, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(france);
    const cJSON *lead = must_find(doc, SYMBOL "#ch1.p2");
    cr_expect_str_eq(str(lead, "text"), "在此背景下：");
    static const char *const labels[] = {"(a)", "(b)", "(c)", "(f)", "(j)"};
    cr_assert_eq(nchildren(lead), 5, "one list: (a) (b) (c) (f) (j)");
    for (int i = 0; i < 5; i++) {
        const cJSON *item = cJSON_GetArrayItem(cJSON_GetObjectItem(lead, "children"), i);
        cr_expect_str_eq(str(item, "kind"), "item");
        cr_expect_str_eq(str(item, "label"), labels[i]);
    }
    const cJSON *b = must_find(doc, SYMBOL "#ch1.p2.2");
    cr_expect_eq(nchildren(b), 1);
    const cJSON *b1 = must_find(doc, SYMBOL "#ch1.p2.2.p1");
    cr_expect_str_eq(str(b1, "kind"), "paragraph");
    cr_expect_eq(num(b1, "line"), 23);
    cr_expect(strncmp(str(b1, "text"), "技术与程序方面的能力发展", 36) == 0, "%s", str(b1, "text"));
    cr_expect(strstr(str(b1, "text"), "尤其是开发技术信息壁垒和技术认证程序；") != NULL);
    /* the list goes on after it: (c) is the list's third item */
    expect_text(doc, SYMBOL "#ch1.p2.3",
                "不能抽象地制定一项核裁军核查制度，而是应当符合一项具体的裁军条约，并适用于每"
                "个核武器国家的具体情况；");
    cr_expect_eq(num(must_find(doc, SYMBOL "#ch1.p2.4.p1"), "line"), 45);
    /* after the last item, every indented paragraph goes on with it */
    const cJSON *j = must_find(doc, SYMBOL "#ch1.p2.5");
    cr_expect_eq(nchildren(j), 2);
    expect_text(doc, SYMBOL "#ch1.p2.5.p1", "法国是唯一自主决定彻底拆除地对地核导弹的国家。");
    expect_text(doc, SYMBOL "#ch1.p2.5.p2",
                "法国还决定永久关闭其大平洋试验中心，并向国际专家团开放。");
    /* a paragraph at the margin is the body's again */
    expect_text(doc, SYMBOL "#ch1.p3", "核查是任何裁军协定的必要组成部分。");
    cr_expect_eq(count_children(must_find(doc, SYMBOL "#ch1"), "paragraph"), 3);
    cJSON_Delete(doc);
}

/* Lines 629-638 (Cuba): an indented paragraph with no list before it is a paragraph. */
static const char cuba[] =
    "  一. 导言 \n"
    "\n"
    "而不仅仅是核武器持有者。 \n"
    "\n"
    "核查活动必须尊重各国的国家主权和国家利益，同时要以公正、客观和透明\n"
    "\n"
    "的方式进行，且不存在任何双重标准或出于地缘政治目的的操纵。 \n"
    " 国际原子能机构(原子能机构)可在核裁军核查中发挥重要作用。原子能机构\n" /* 8 */
    "\n"
    "具备根据《联合国宪章》的宗旨和原则开展核查活动的能力和专业知识，从而有\n"
    "\n"
    "助于推进核裁军取得进展。 \n";

/* Lines 1017-1041 (Japan) without the heading at 1039: the list's leading paragraph is
 * indented as the paragraph after the list is, and the items are not. */
static const char japan[] =
    "  一. 导言 \n"
    "\n"
    "行的讨论可借鉴以往的这些倡议以及国际伙伴关系。 \n"
    "\n"
    " 特别是在研究和制定切实有效的核裁军核查措施时，应考虑以下因素： \n" /* 5 */
    "\n"
    "(a) 核查必须有效，而且必须向一项协定的相关缔约方提供足够的信任和\n"
    "\n"
    "透明，因为其他缔约方正在履行其义务；  \n"
    "\n"
    "(d) 核查机制必须促进信任的建设；  \n"
    "\n"
    "(e) 核查机制必须尽可能有效，同时还考虑到其效率。 \n"
    "\n"
    " 国际社会对核武器国家如何遵守和执行核裁军和军备控制方面的条约或协\n" /* 15 */
    "\n"
    "定表现出越来越浓厚的兴趣。 \n";

Test(layout_pdf, indentation_without_an_indented_list_continues_nothing, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(cuba);
    const cJSON *ch1 = must_find(doc, SYMBOL "#ch1");
    cr_expect_eq(count_kind(doc, "item"), 0);
    cr_expect_eq(count_children(ch1, "paragraph"), 3);
    cr_expect_eq(num(must_find(doc, SYMBOL "#ch1.p3"), "line"), 8);
    cJSON_Delete(doc);

    doc = run_ok(japan);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p2")), 3, "(a) (d) (e)");
    cr_expect_eq(count_kind(doc, "item"), 3);
    const cJSON *p3 = must_find(doc, SYMBOL "#ch1.p3");
    cr_expect_eq(num(p3, "line"), 15);
    cr_expect(strncmp(str(p3, "text"), "国际社会对核武器国家", 30) == 0, "%s", str(p3, "text"));
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p2.3")), 0);
    cJSON_Delete(doc);
}

Test(layout_pdf, an_indented_paragraph_is_the_body_s_when_the_list_is_not_set_off_or_over,
     .init = load_test_facts, .fini = free_facts)
{
    /* items at the margin like the paragraph leading into them */
    cJSON *doc = run_ok("  一. 导言 \n\n在此背景下： \n\n(a) 法国支持大会第 71/67 号决议。 \n\n"
                        " 法国是唯一自主决定彻底拆除地对地核导弹的国家。 \n");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p1")), 1);
    expect_text(doc, SYMBOL "#ch1.p2", "法国是唯一自主决定彻底拆除地对地核导弹的国家。");
    cJSON_Delete(doc);
    /* everything indented, the paragraph leading into the list too: nothing is set off */
    doc = run_ok("  一. 导言 \n\n 在此背景下： \n\n (a) 法国支持大会第 71/67 号决议。 \n\n"
                 " 法国是唯一自主决定彻底拆除地对地核导弹的国家。 \n");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p1")), 1);
    expect_text(doc, SYMBOL "#ch1.p2", "法国是唯一自主决定彻底拆除地对地核导弹的国家。");
    cJSON_Delete(doc);
    /* indented items, then a heading: the list is over */
    doc = run_ok("  一. 导言 \n\n在此背景下： \n\n (a) 法国支持大会第 71/67 号决议。 \n\n"
                 "结论 \n\n 法国是唯一自主决定彻底拆除地对地核导弹的国家。 \n");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p1")), 1);
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#ch1.h1"), "title"), "结论");
    expect_text(doc, SYMBOL "#ch1.p2", "法国是唯一自主决定彻底拆除地对地核导弹的国家。");
    cJSON_Delete(doc);
    /* indented items, then a paragraph at the margin: the list is over */
    doc = run_ok("  一. 导言 \n\n在此背景下： \n\n (a) 法国支持大会第 71/67 号决议。 \n\n"
                 "法国是唯一自主决定彻底拆除地对地核导弹的国家。 \n\n"
                 " 法国还决定永久关闭其大平洋试验中心。 \n");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1.p1")), 1);
    cr_expect_eq(count_children(must_find(doc, SYMBOL "#ch1"), "paragraph"), 3);
    expect_text(doc, SYMBOL "#ch1.p3", "法国还决定永久关闭其大平洋试验中心。");
    cJSON_Delete(doc);
}

/* --- Headings and responses --------------------------------------------------------------- */

/* Lines 250-264, 1646-1650, 494-498 and 1870-1876, put together. */
static const char canada[] =
    " 二. 从各国政府收到的答复 \n"
    "\n"
    "  加拿大 \n"
    "\n"
    "[原件：英文] \n"
    "\n"
    "[2017 年 7 月 31 日] \n"
    "\n"
    "本呈件叙述了加拿大对制定和加强切实有效的核裁军核查措施以及此种措\n"
    "\n"
    "施对于建立和保持一个无核武器世界的重要性的看法，这也是秘书长根据大会第\n"
    "\n"
    "71/67 号决议所提出的要求。根据该决议，大会决定设立一个政府专家组，以期\n"
    "\n"
    "审议核查在推动裁军方面的作用。  \n"
    "\n"
    "核查原则：不可逆转、透明和可核查 \n"
    "\n"
    "核查是任何裁军协定的必要组成部分。如不扩散核武器条约缔约国 2000 年\n"
    "\n"
    "其他选项，以便制定一项能够支持落实核裁军制度的独立的裁军核查视\n"
    "\n"
    "察制度。 \n"
    " 结论 \n"
    "\n"
    "核查最重要和最困难的内容之一：如何允许外国视察员，包括无核武器国家的视\n"
    "\n"
    "察员在核武器设施内开展活动，同时确保安全、安保并符合《不扩散核武器条约》 \n"
    "\n"
    "规定的义务。  \n";

Test(layout_pdf, short_standalone_lines_are_headings, .init = load_test_facts, .fini = free_facts)
{
    cJSON *doc = run_ok(canada);
    const cJSON *can = must_find(doc, SYMBOL "#CAN");
    cr_expect_eq(count_children(can, "paragraph"), 3);
    cr_expect_eq(count_children(can, "heading"), 2);
    const cJSON *h1 = must_find(doc, SYMBOL "#CAN.h1");
    cr_expect_str_eq(str(h1, "kind"), "heading");
    cr_expect_str_eq(str(h1, "title"), "核查原则：不可逆转、透明和可核查");
    cr_expect_eq(num(h1, "line"), 17);
    const cJSON *h2 = must_find(doc, SYMBOL "#CAN.h2");
    cr_expect_str_eq(str(h2, "title"), "结论");
    cr_expect_eq(num(h2, "line"), 24, "a heading at the top of a page");
    /* order: p1 h1 p2 h2 p3 */
    const cJSON *kids = cJSON_GetObjectItemCaseSensitive(can, "children");
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 1), "address"), SYMBOL "#CAN.h1");
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 3), "address"), SYMBOL "#CAN.h2");
    expect_text(doc, SYMBOL "#CAN.p3",
                "核查最重要和最困难的内容之一：如何允许外国视察员，包括无核武器国家的视"
                "察员在核武器设施内开展活动，同时确保安全、安保并符合《不扩散核武器条约》"
                "规定的义务。");
    cJSON_Delete(doc);
}

Test(layout_pdf, response_header_gives_country_language_and_date, .init = load_test_facts,
     .fini = free_facts)
{
    /* lines 20-32, 601-613 (a blank-only line inside the header), 942-952, 1306-1314 */
    static const char text[] =
        " 二. 从各国政府收到的答复 \n"
        "\n"
        "  阿根廷 \n"
        "\n"
        "[原件：西班牙文] \n"
        "\n"
        "[2017 年 7 月 14 日] \n"
        "\n"
        "阿根廷共和国欢迎并致力于在多边环境的努力下，确保核武器国家承诺提高\n"
        "\n"
        "是有可能以多方形式采取。 \n"
        "\n"
        "  古巴 \n"
        "\n"
        " \n"
        "\n"
        "[原件：西班牙文] \n"
        "\n"
        "[2017 年 7 月 5 日] \n"
        "\n"
        "全面禁止和彻底销毁核武器是反对使用或威胁使用这类武器的唯一绝对保\n"
        "\n"
        "的国际核查下进行。 \n"
        "\n"
        "印度 \n"
        "\n"
        "[原件：英文] \n"
        "\n"
        "[2017 年 5 月 11 日] \n"
        "\n"
        " 印度投票支持大会第 71/67 号决议，因为必须要提高对在多边法律文书中进\n"
        "\n"
        "核武器公约的重要组成部分。 \n"
        "\n"
        "  挪威 \n"
        "\n"
        "[原件： 英文] \n"
        "\n"
        "[2017 年 7 月 31 日] \n"
        "\n"
        " 挪威是关于核裁军核查的大会第 71/67 号决议的主要提案国之一，并重申其\n"
        "\n"
        "效力的框架来实现目标。 \n";
    cJSON *doc = run_ok(text);
    const cJSON *ch2 = must_find(doc, SYMBOL "#ch2");
    cr_expect_str_eq(str(ch2, "label"), "二");
    cr_expect_str_eq(str(ch2, "title"), "从各国政府收到的答复");
    cr_expect_eq(count_children(ch2, "response"), 4);
    const cJSON *arg = must_find(doc, SYMBOL "#ARG");
    cr_expect_str_eq(str(arg, "kind"), "response");
    cr_expect_str_eq(str(arg, "title"), "阿根廷");
    cr_expect_str_eq(str(arg, "country"), "阿根廷");
    cr_expect_str_eq(str(arg, "iso3"), "ARG");
    cr_expect_str_eq(str(arg, "language"), "西班牙文");
    cr_expect_str_eq(str(arg, "date"), "2017-07-14");
    cr_expect_str_eq(str(arg, "date_text"), "2017 年 7 月 14 日");
    cr_expect_eq(num(arg, "line"), 3);
    cr_expect_eq(nchildren(arg), 1);
    const cJSON *cub = must_find(doc, SYMBOL "#CUB");
    cr_expect_str_eq(str(cub, "language"), "西班牙文");
    cr_expect_str_eq(str(cub, "date"), "2017-07-05");
    cr_expect_str_eq(str(cub, "date_text"), "2017 年 7 月 5 日");
    const cJSON *ind = must_find(doc, SYMBOL "#IND");
    cr_expect_str_eq(str(ind, "title"), "印度");
    cr_expect_str_eq(str(ind, "date"), "2017-05-11");
    const cJSON *nor = must_find(doc, SYMBOL "#NOR");
    cr_expect_str_eq(str(nor, "language"), "英文");
    cr_expect_str_eq(str(nor, "date"), "2017-07-31");
    expect_text(doc, SYMBOL "#NOR.p1",
                "挪威是关于核裁军核查的大会第 71/67 号决议的主要提案国之一，并重申其"
                "效力的框架来实现目标。");
    cJSON_Delete(doc);
}

Test(layout_pdf, response_without_country_line_takes_it_from_the_chapter, .init = load_test_facts,
     .fini = free_facts)
{
    cJSON *doc = run_ok(eu_source);
    const cJSON *ch3 = must_find(doc, SYMBOL "#ch3");
    cr_expect_str_eq(str(ch3, "label"), "三");
    cr_expect_str_eq(str(ch3, "title"), "从欧洲联盟收到的答复");
    const cJSON *r = must_find(doc, SYMBOL "#EU");
    cr_expect_null(str(r, "title"));
    cr_expect_str_eq(str(r, "country"), "欧洲联盟");
    cr_expect_str_eq(str(r, "iso3"), "EU");
    cr_expect_str_eq(str(r, "language"), "英文");
    cr_expect_str_eq(str(r, "date"), "2017-07-17");
    cr_expect_eq(num(r, "line"), 3);
    cJSON_Delete(doc);
}

/* --- Malformed input ---------------------------------------------------------------------- */

static void
expect_failure(const char *text, int line, const char *what)
{
    struct diag d = {0};
    cJSON *doc = run_pdf(text, &d);
    cr_expect_null(doc, "no failure for %s", what);
    cJSON_Delete(doc);
    cr_expect_str_eq(d.file, "test.txt", "%s", what);
    cr_expect_eq(d.line, line, "%s: line %d (%s)", what, d.line, d.msg);
    cr_expect_neq(d.msg[0], '\0', "%s", what);
}

Test(layout_pdf, malformed_sources_fail_with_a_position, .init = load_test_facts,
     .fini = free_facts)
{
    expect_failure("", 0, "empty");
    expect_failure("\n\n   \n\n", 0, "blank only");
    expect_failure("这里没有任何章标题，只有一段正文。 \n", 1, "no chapters");
    expect_failure(" 二. 从各国政府收到的答复 \n\n  阿根廷 \n\n[2017 年 7 月 14 日] \n\n"
                   "正文。 \n",
                   3, "response without [原件：…]");
    expect_failure(" 二. 从各国政府收到的答复 \n\n  阿根廷 \n\n[原件：西班牙文] \n\n正文。 \n", 5,
                   "[原件：…] without a date");
    expect_failure(" 二. 从各国政府收到的答复 \n\n[原件：英文] \n\n[2017 年 7 月 14 日] \n\n"
                   "正文。 \n",
                   3, "no country line, none in the chapter title");
    expect_failure(
        " 二. 从各国政府收到的答复 \n\n印度 \n\n[原件：英文] \n\n[2017 年 5 月 11 日] \n\n"
        "正文。 \n\n印度 \n\n[原件：英文] \n\n[2017 年 5 月 11 日] \n",
        11, "two responses from one country");
    expect_failure("  一. 导言 \n\n- 没有段落的列表项。 \n", 3, "item before any paragraph");
    expect_failure("  二. 导言 \n\n一段。 \n\n  一. 导言 \n", 5, "chapters out of order");
}

Test(layout_pdf, odd_input_never_crashes, .init = load_test_facts, .fini = free_facts)
{
    static const char *const odd[] = {
        "[原件",
        "  一. 导言 \n\n[原件",
        "  一. 导言 \n\n[原件：]\n\n[2017 年 13 月 1 日]",
        "  一. 导言 \n\n(",
        "  一. 导言 \n\n(一",
        "  一. 导言 \n\n正文。1",
        "  一. 导言 \n\n正文。1\n__________________\n 1",
        "__________________ \n\n 1 只有脚注。 \n",
        "  一. 导言 \n\n见 http://x\n\nhttp://x",
        "  一. 导言 \n\n1. \n\n2.",
        "  一. 导言 \n\n\xef\x82",
        "\xe4\xb8\x80. ",
        "  一. 导言 \n\n段落。 \n\n" PUA_B7 "\n\n- \n\n(a)\n\n(a)\n\n(一)\n\n(a)\n\n(i)\n\n•",
        "\r\n\r\n  一. 导言 \r\n\r\n段落。 \r\n",
        " 二. 从各国政府收到的答复 \n\n  阿根廷 \n\n[",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        struct diag d = {0};
        cJSON *doc = run_pdf(odd[i], &d);
        if (doc == NULL)
            cr_expect_neq(d.msg[0], '\0', "input %zu fails without saying why", i);
        cJSON_Delete(doc);
    }
}

/* --- The real source ---------------------------------------------------------------------- */

static char *real_text;
static struct seg_source real_src;
static cJSON *real_doc;

static void
load_real(void)
{
    struct diag d = {0};
    size_t n;
    cr_assert(facts_load(REAL_FACTS, &facts, &d), "%s", d.msg);
    real_text = textfile_read(REAL_SOURCE, &n, &d);
    cr_assert_not_null(real_text, "%s", d.msg);
    seg_source_init(&real_src, REAL_SOURCE, real_text, n);
    struct seg_ctx ctx = {.facts = &facts, .src = &real_src, .symbol = SYMBOL, .diag = &d};
    real_doc = seg_layout_pdf(&ctx);
    cr_assert_not_null(real_doc, "line %d: %s", d.line, d.msg);
}

static void
free_real(void)
{
    cJSON_Delete(real_doc);
    seg_source_fini(&real_src);
    free(real_text);
    facts_free(&facts);
}

Test(layout_pdf, real_source_counts, .init = load_real, .fini = free_real)
{
    const cJSON *doc = real_doc;
    const cJSON *kids = cJSON_GetObjectItemCaseSensitive(doc, "children");
    cr_expect_eq(cJSON_GetArraySize(kids), 3 + 7, "three chapters, then seven footnotes");
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 2), "address"), SYMBOL "#ch3");
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 3), "address"), SYMBOL "#fn1");
    cr_expect_str_eq(str(cJSON_GetArrayItem(kids, 9), "address"), SYMBOL "#fn7");
    cr_expect_eq(count_kind(doc, "chapter"), 3);
    cr_expect_eq(count_kind(doc, "response"), 27);
    cr_expect_eq(count_children(must_find(doc, SYMBOL "#ch2"), "response"), 26);
    cr_expect_eq(count_kind(doc, "footnote"), 7);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#ch1")), 2, "paragraphs 1 and 2");
    /* 17 PUA bullets, 6 •, 8 "- ", 23 (a)-style and 6 (一)-style markers start lines */
    cr_expect_eq(count_kind(doc, "item"), 60);
    const char *members[] = {"ARG", "AUS", "BRA", "BRN", "BDI", "CAN", "CHN", "COL", "CUB",
                             "FRA", "DEU", "HUN", "IND", "JPN", "JOR", "LBN", "MDG", "MEX",
                             "NOR", "PAK", "PRY", "SWE", "CHE", "UKR", "GBR", "USA"};
    const cJSON *ch2 = cJSON_GetObjectItemCaseSensitive(must_find(doc, SYMBOL "#ch2"), "children");
    for (int i = 0; i < 26; i++) {
        char address[32];
        snprintf(address, sizeof address, SYMBOL "#%s", members[i]);
        cr_expect_str_eq(str(cJSON_GetArrayItem(ch2, i), "address"), address,
                         "response %d in printed order", i);
    }
}

Test(layout_pdf, real_source_paragraphs_and_headings_per_response, .init = load_real,
     .fini = free_real)
{
    static const struct {
        const char *address;
        int paragraphs, headings;
    } expect[] = {
        {SYMBOL "#ARG", 5, 0},  {SYMBOL "#AUS", 7, 0},  {SYMBOL "#BRA", 7, 0},
        {SYMBOL "#BRN", 3, 0},  {SYMBOL "#BDI", 2, 0},  {SYMBOL "#CAN", 19, 5},
        {SYMBOL "#CHN", 2, 0},  {SYMBOL "#JPN", 11, 2}, {SYMBOL "#NOR", 22, 5},
        {SYMBOL "#MEX", 15, 0}, {SYMBOL "#SWE", 11, 4}, {SYMBOL "#USA", 7, 2},
        {SYMBOL "#EU", 8, 0},   {SYMBOL "#FRA", 3, 0},  {SYMBOL "#CUB", 8, 0},
    };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        const cJSON *r = must_find(real_doc, expect[i].address);
        cr_expect_eq(count_children(r, "paragraph"), expect[i].paragraphs, "%s paragraphs",
                     expect[i].address);
        cr_expect_eq(count_children(r, "heading"), expect[i].headings, "%s headings",
                     expect[i].address);
    }
}

Test(layout_pdf, real_source_paragraphs_joined_over_breaks, .init = load_real, .fini = free_real)
{
    const cJSON *doc = real_doc;
    const char *p2 = str(must_find(doc, SYMBOL "#p2"), "text");
    cr_expect(strstr(p2, "网站。1根据第 65/276 号决议规定的模式，欧洲联盟的答复") != NULL);
    cr_expect(strstr(str(must_find(doc, SYMBOL "#EU.p2"), "text"),
                     "不可或缺的作用。全面保障监督协定和附加议定书构成了目前的核查标准。3"
                     "欧洲原子能共同体和国际原子能机构(原子能机构)的密切合作") != NULL);
    /* line 276 -> 277: a page break inside a sentence */
    cr_expect(strstr(str(must_find(doc, SYMBOL "#CAN.p2"), "text"),
                     "此外，如不扩散核武器条约缔约国 2010 年审议大会") != NULL);
    /* line 1874 ends "》 " and goes on */
    cr_expect(strstr(str(must_find(doc, SYMBOL "#GBR.p5"), "text"),
                     "符合《不扩散核武器条约》规定的义务。") != NULL);
    /* line 899 ends "作业； (b) " and goes on */
    cr_expect(strstr(str(must_find(doc, SYMBOL "#HUN.p7"), "text"),
                     "补充准入作业； (b)为测试新开发") != NULL);
    /* line 189 ends in 。 without a blank and goes on */
    cr_expect(strstr(str(must_find(doc, SYMBOL "#BRA.p6"), "text"),
                     "所必需的。裁军行动的所有阶段") != NULL);
    const cJSON *p8 = must_find(doc, SYMBOL "#CAN.p8");
    cr_expect_eq(num(p8, "line"), 350);
    cr_expect(strncmp(str(p8, "text"), "无核武器国家大体只能粗略地了解", 45) == 0);
}

Test(layout_pdf, real_source_headings_and_items, .init = load_real, .fini = free_real)
{
    const cJSON *doc = real_doc;
    const cJSON *h = must_find(doc, SYMBOL "#CAN.h5");
    cr_expect_str_eq(str(h, "title"), "结论");
    cr_expect_eq(num(h, "line"), 496);
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#CAN.h1"), "title"), "核查和国际安全");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#NOR.h1"), "title"), "联合王国-挪威倡议");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#SWE.h1"), "title"), "核查——不是目标而是工具");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#SWE.h2"), "title"),
                     "核查原则：不可逆转、透明和可核查");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#HUN.h3"), "title"),
                     "大会第 71/67 号决议所设政府专家组");

    const cJSON *aus = must_find(doc, SYMBOL "#AUS.p6.1");
    cr_expect_str_eq(str(aus, "label"), "•");
    cr_expect_str_eq(str(aus, "text"), "制定技术解决方案，以应对监测和核查挑战；");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#AUS.p6")), 3);
    const cJSON *bdi = must_find(doc, SYMBOL "#BDI.p1.1");
    cr_expect_str_eq(str(bdi, "label"), "-");
    cr_expect_str_eq(str(bdi, "text"), "1972 年 4 月 10 日签署了《核裁军条约》；");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#BDI.p1")), 5);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#CHN.p1")), 6, "(一)…(六)");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#CHN.p1.5")), 3, "(a) (b) (c) under (五)");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#CHN.p1.5.1"), "label"), "(a)");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#CHN.p1.6"), "label"), "(六)");
    cr_expect_eq(num(must_find(doc, SYMBOL "#CHN.p1.6"), "line"), 567);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#JPN.p6")), 5);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#GBR.p11")), 5, "(a)-(e) after a page break");
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#NOR.p15")), 3);
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#USA.p4")), 4);
    const cJSON *mex = must_find(doc, SYMBOL "#MEX.p12.2");
    cr_expect_str_eq(str(mex, "label"), "•");
    cr_expect(strstr(str(mex, "text"), "(监测和核查目标，现场视察和解决方案以及技术挑战)") != NULL);
}

/* Lines 670-767 (France): one list (a)-(f), (j) under "在此背景下：", and the indented
 * paragraphs after (b), (f) and (j) inside them. */
Test(layout_pdf, real_source_france_list_as_printed, .init = load_real, .fini = free_real)
{
    const cJSON *doc = real_doc;
    static const struct {
        const char *label;
        int line, paragraphs;
    } items[] = {{"(a)", 672, 0}, {"(b)", 678, 1}, {"(c)", 700, 0}, {"(d)", 703, 0},
                 {"(e)", 713, 0}, {"(f)", 719, 1}, {"(j)", 731, 3}};
    const cJSON *lead = must_find(doc, SYMBOL "#FRA.p3");
    cr_expect_str_eq(str(lead, "text"), "在此背景下：");
    cr_assert_eq(nchildren(lead), 7);
    for (int i = 0; i < 7; i++) {
        char address[32];
        snprintf(address, sizeof address, SYMBOL "#FRA.p3.%d", i + 1);
        const cJSON *item = must_find(doc, address);
        cr_expect_str_eq(str(item, "kind"), "item");
        cr_expect_str_eq(str(item, "label"), items[i].label);
        cr_expect_eq(num(item, "line"), items[i].line, "%s", address);
        cr_expect_eq(count_children(item, "paragraph"), items[i].paragraphs, "%s", address);
    }
    expect_text(doc, SYMBOL "#FRA.p3.3",
                "不能抽象地制定一项核裁军核查制度，而是应当符合一项具体的裁军条约，并适用于每"
                "个核武器国家的具体情况；");
    static const struct {
        const char *address, *start;
        int line;
    } paras[] = {
        {SYMBOL "#FRA.p3.2.p1", "技术与程序方面的能力发展", 688},
        {SYMBOL "#FRA.p3.6.p1", "因此，战略形势的演变", 725},
        {SYMBOL "#FRA.p3.7.p1", "法国自 1992 年起中止", 735},
        {SYMBOL "#FRA.p3.7.p2", "法国是唯一自主决定", 751},
        {SYMBOL "#FRA.p3.7.p3", "法国还决定永久关闭", 763},
    };
    for (size_t i = 0; i < sizeof paras / sizeof *paras; i++) {
        const cJSON *p = must_find(doc, paras[i].address);
        cr_expect_str_eq(str(p, "kind"), "paragraph");
        cr_expect_eq(num(p, "line"), paras[i].line, "%s", paras[i].address);
        cr_expect(strncmp(str(p, "text"), paras[i].start, strlen(paras[i].start)) == 0, "%s: %s",
                  paras[i].address, str(p, "text"));
    }
    /* the response ends with (j)'s paragraphs: Germany's follows */
    cr_expect_eq(nchildren(must_find(doc, SYMBOL "#FRA")), 3);
    cr_expect_null(find(doc, SYMBOL "#FRA.p4"));
}

Test(layout_pdf, real_source_responses, .init = load_real, .fini = free_real)
{
    const cJSON *doc = real_doc;
    const cJSON *nor = must_find(doc, SYMBOL "#NOR");
    cr_expect_str_eq(str(nor, "language"), "英文");
    cr_expect_str_eq(str(nor, "date"), "2017-07-31");
    cr_expect_eq(num(nor, "line"), 1306);
    const cJSON *cub = must_find(doc, SYMBOL "#CUB");
    cr_expect_str_eq(str(cub, "date_text"), "2017 年 7 月 5 日");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#IND"), "title"), "印度");
    const cJSON *gbr = must_find(doc, SYMBOL "#GBR");
    cr_expect_str_eq(str(gbr, "title"), "大不列颠及北爱尔兰联合王国");
    cr_expect_str_eq(str(gbr, "date"), "2017-07-27");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#JOR"), "language"), "阿拉伯文");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#MDG"), "language"), "法文");
    cr_expect_str_eq(str(must_find(doc, SYMBOL "#CHN"), "language"), "中文");
    const cJSON *eu = must_find(doc, SYMBOL "#EU");
    cr_expect_null(str(eu, "title"));
    cr_expect_str_eq(str(eu, "country"), "欧洲联盟");
    cr_expect_str_eq(str(eu, "iso3"), "EU");
    cr_expect_str_eq(str(eu, "date"), "2017-07-17");
    cr_expect_eq(num(eu, "line"), 2065);
}

Test(layout_pdf, real_source_footnotes_and_markers, .init = load_real, .fini = free_real)
{
    static const char *const where[][3] = {
        {SYMBOL "#fn1", SYMBOL "#p2", "裁军事务厅网站。"},
        {SYMBOL "#fn2", SYMBOL "#EU.p1", "负有的特殊责任。"},
        {SYMBOL "#fn3", SYMBOL "#EU.p2", "目前的核查标准。"},
        {SYMBOL "#fn4", SYMBOL "#EU.p4", "的国际努力。"},
        {SYMBOL "#fn5", SYMBOL "#EU.p5", "创造条件。"},
        {SYMBOL "#fn6", SYMBOL "#EU.p6", "积极合作。"},
        {SYMBOL "#fn7", SYMBOL "#EU.p8", "所必需的。"},
    };
    for (int i = 0; i < 7; i++) {
        char marker[2] = {(char)('1' + i), '\0'};
        expect_footnote_ref(must_find(real_doc, where[i][1]), where[i][0], where[i][2], marker);
        cr_expect_eq(count_refs_to(real_doc, where[i][0]), 1, "%s", where[i][0]);
        const cJSON *fn = must_find(real_doc, where[i][0]);
        cr_expect_str_eq(str(fn, "label"), marker);
        cr_expect_eq(num(fn, "number"), i + 1);
    }
    cr_expect_eq(num(must_find(real_doc, SYMBOL "#fn1"), "line"), 62);
    cr_expect_eq(num(must_find(real_doc, SYMBOL "#fn2"), "line"), 2084);
    cr_expect_eq(num(must_find(real_doc, SYMBOL "#fn3"), "line"), 2150);
    expect_text(real_doc, SYMBOL "#fn1", "www.un.org/disarmament/。");
    expect_text(real_doc, SYMBOL "#fn3",
                "欧洲联盟总声明，不扩散核武器条约 2017 年筹备委员会，见 "
                "https://eeas.europa.eu/headquarters/headquarters-homepage/25740/"
                "preparatory-committee-2020-npt-review-conference-parties-treaty-non-"
                "proliferation-nuclear_en。");
    expect_text(real_doc, SYMBOL "#fn5", "同上，第 3 段。");
    expect_text(real_doc, SYMBOL "#fn6", "见大会第 71/67 号决议，第 14 页。");
    expect_text(
        real_doc, SYMBOL "#fn7",
        "欧洲联盟关于第一组问题的声明，不扩散核武器条约缔约国 2020 年审议大会 2017 年"
        "筹备委员会，第 11段，见 "
        "http://statements.unmeetings.org/media2/14684386/eu-new-statement-cluster-i.pdf。");
}

Test(layout_pdf, real_source_has_no_print_furniture, .init = load_real, .fini = free_real)
{
    cr_expect(!any_text_has(real_doc, "17-13629"));
    cr_expect(!any_text_has(real_doc, "5/33"));
    cr_expect(!any_text_has(real_doc, "31/33"));
    cr_expect(!any_text_has(real_doc, "____"));
    cr_expect(!any_text_has(real_doc, "%20"));
    cr_expect(!any_text_has(real_doc, "http://www.un.org"));
    cr_expect(!any_text_has(real_doc, PUA_B7));
    cr_expect(!any_text_has(real_doc, PUA_9F));
}

Test(layout_pdf, segment_run_on_the_real_source, .init = load_real, .fini = free_real)
{
    struct diag d = {0};
    struct seg_ctx ctx = {.facts = &facts, .src = &real_src, .symbol = SYMBOL, .diag = &d};
    cJSON *top = segment_run(&ctx);
    cr_assert_not_null(top, "%s", d.msg);
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(top, "document");
    cr_expect_str_eq(str(top, "source"), "A-72-304.zh.txt");
    cr_expect_str_eq(str(doc, "address"), SYMBOL);
    cr_expect_str_eq(str(doc, "title"), "核裁军核查：秘书长的报告");
    cr_expect_eq(count_kind(doc, "response"), 27);
    /* the shared pass adds country refs; the footnote refs are still where they were */
    expect_footnote_ref(must_find(doc, SYMBOL "#EU.p2"), SYMBOL "#fn3", "目前的核查标准。", "3");
    cJSON_Delete(top);
}
