/* Tests of the segmenter's shared parts: line joining, numerals, the reference scan. */
#include <criterion/criterion.h>
#include <string.h>

#include "segment/segment.h"

Test(segment, join_puts_no_space_between_cjk)
{
    struct strbuf sb = STRBUF_INIT;
    seg_join(&sb, "一些专家指出，在某", strlen("一些专家指出，在某"));
    seg_join(&sb, "  些情况下。 ", strlen("  些情况下。 "));
    cr_assert_str_eq(sb_str(&sb), "一些专家指出，在某些情况下。");
    sb_free(&sb);
}

Test(segment, join_keeps_a_space_between_latin_words_only)
{
    struct strbuf sb = STRBUF_INIT;
    seg_join(&sb, "Knut", 4);
    seg_join(&sb, "Langeland", 9);
    seg_join(&sb, "（挪威）", strlen("（挪威）"));
    seg_join(&sb, "2017", 4);
    seg_join(&sb, "年", strlen("年"));
    seg_join(&sb, "A/72/", 5);
    seg_join(&sb, "304", 3);
    cr_assert_str_eq(sb_str(&sb), "Knut Langeland（挪威）2017年A/72/ 304");
    sb_free(&sb);
}

Test(segment, trim_removes_ideographic_spaces)
{
    size_t n = strlen("\u3000 中文 \u3000");
    const char *s = seg_trim("\u3000 中文 \u3000", &n);
    cr_assert_eq(n, strlen("中文"));
    cr_assert(memcmp(s, "中文", n) == 0);
}

Test(segment, cjk_numerals)
{
    size_t len;
    cr_assert_eq(seg_cjk_numeral("四. 结论", strlen("四. 结论"), &len), 4);
    cr_assert_eq(len, 3);
    cr_assert_eq(seg_cjk_numeral("十二", strlen("十二"), &len), 12);
    cr_assert_eq(len, 6);
    cr_assert_eq(seg_cjk_numeral("二十", strlen("二十"), &len), 20);
    cr_assert_eq(seg_cjk_numeral("A. 结论", strlen("A. 结论"), &len), 0);
    cr_assert_eq(len, 0);
}

Test(segment, width_counts_wide_characters_twice)
{
    cr_assert_eq(seg_width("中文，A1“", strlen("中文，A1“")), 2 + 2 + 2 + 1 + 1 + 1);
}

static struct facts test_facts;

static void
load_facts(void)
{
    struct diag d = {0};
    cr_assert(facts_parse("t", "country NOR 挪威\ncountry IND 印度\ncountry IDN 印度尼西亚\n"
                               "not-country 印度-太平洋\ndocument A/72/304 x.txt\n",
                          &test_facts, &d));
}

static void
free_facts(void)
{
    facts_free(&test_facts);
}

/* The ref at index i must be (to, kind, external, at, len). */
static void
expect_ref(const cJSON *node, int i, const char *to, const char *kind, bool external, int at,
           int len)
{
    const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(node, "refs"), i);
    cr_assert_not_null(ref, "no ref %d", i);
    cr_expect_str_eq(cJSON_GetObjectItem(ref, "to")->valuestring, to);
    cr_expect_str_eq(cJSON_GetObjectItem(ref, "kind")->valuestring, kind);
    cr_expect_eq(cJSON_IsTrue(cJSON_GetObjectItem(ref, "external")), external, "ref %d", i);
    cr_expect_eq(cJSON_GetObjectItem(ref, "at")->valueint, at, "ref %d at", i);
    cr_expect_eq(cJSON_GetObjectItem(ref, "len")->valueint, len, "ref %d len", i);
}

Test(segment, scan_finds_symbols_resolutions_papers_and_countries, .init = load_facts,
     .fini = free_facts)
{
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90"};
    /* byte offsets: "见" is 3 bytes, "第 " 4, "号决议和" 12 ... counted by hand below */
    const char *text = "挪威见A/72/304和A/S-10/4，第 71/67 号决议，GE-NDV/2018/12；印度-太平洋。";
    cJSON *node = seg_node_new("x", "paragraph", 1);
    seg_set_str(node, "text", text);
    seg_scan_refs(node, &ctx);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(node, "refs")), 5);
    expect_ref(node, 0, "NOR", "country", false, 0, 6);
    expect_ref(node, 1, "A/72/304", "document", false, 9, 8);
    expect_ref(node, 2, "A/S-10/4", "document", true, 20, 8);
    expect_ref(node, 3, "A/RES/71/67", "resolution", true, 35, 5);
    expect_ref(node, 4, "GE-NDV/2018/12", "working-paper", false, 53, 14);
    cJSON_Delete(node);
}

Test(segment, scan_ignores_numbers_that_only_look_like_refs, .init = load_facts,
     .fini = free_facts)
{
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90"};
    cJSON *node = seg_node_new("x", "paragraph", 1);
    /* a date, a page count, a symbol's tail and a paper's tail are not resolutions */
    seg_set_str(node, "text", "2017/18 年；5/33 页；BA/72/304 号；GE-NDV/2018/12 号");
    seg_scan_refs(node, &ctx);
    const cJSON *refs = cJSON_GetObjectItem(node, "refs");
    cr_assert_eq(cJSON_GetArraySize(refs), 1);
    cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(refs, 0), "kind")->valuestring,
                     "working-paper");
    cJSON_Delete(node);
}

Test(segment, canonical_order_is_independent_of_insertion_order)
{
    cJSON *a = seg_node_new("x", "expert", 3);
    seg_set_str(a, "role", "r");
    seg_set_str(a, "name", "n");
    cJSON *b = seg_node_new("x", "expert", 3);
    seg_set_str(b, "name", "n");
    seg_set_str(b, "role", "r");
    seg_canonicalize(a);
    seg_canonicalize(b);
    char *ja = cJSON_PrintUnformatted(a), *jb = cJSON_PrintUnformatted(b);
    cr_assert_str_eq(ja, jb);
    cr_assert_str_eq(ja, "{\"address\":\"x\",\"kind\":\"expert\",\"line\":3,\"name\":\"n\","
                         "\"role\":\"r\"}");
    cJSON_free(ja);
    cJSON_free(jb);
    cJSON_Delete(a);
    cJSON_Delete(b);
}

Test(segment, layout_detection)
{
    struct seg_source src;
    const char *report = "摘要\n\n本报告由大会第 71/67 号决议所设审议核查在推进核裁军方面作用政府专家组编写。\n\n"
                         "目录\n\n1. 大会请秘书长。\n";
    seg_source_init(&src, "r", report, strlen(report));
    cr_assert_eq(seg_detect_layout(&src), SEG_LAYOUT_REPORT);
    seg_source_fini(&src);
    const char *pdf = "在关于核裁军核查的第 71/67 号决议的第 6 段，大会请秘书长征求会员国对\n\n"
                      "制定和加强切实有效的核裁军核查措施以及此种措施对于建立和保持一个无核\n\n"
                      "武器世界的重要性的看法，并就此向大会第七十二届会议提出报告。 \n";
    seg_source_init(&src, "p", pdf, strlen(pdf));
    cr_assert_eq(seg_detect_layout(&src), SEG_LAYOUT_PDF);
    seg_source_fini(&src);
}
