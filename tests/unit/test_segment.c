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
    cr_assert(facts_parse("t",
                          "country NOR 挪威\ncountry IND 印度\ncountry IDN 印度尼西亚\n"
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

/* A document whose first child is a paragraph holding text and whose second is its list of
 * working papers (line 9), which holds GE-NDV/2018/12. */
static cJSON *
doc_with_paragraph(const char *text)
{
    cJSON *doc = seg_node_new("A/74/90", "document", 1);
    cJSON *node = seg_node_new("x", "paragraph", 2);
    seg_set_str(node, "text", text);
    seg_add_child(doc, node);
    cJSON *list = seg_node_new("A/74/90#papers", "working-paper-list", 9);
    seg_add_child(list, seg_node_new("GE-NDV/2018/12", "working-paper", 10));
    seg_add_child(doc, list);
    return doc;
}

static cJSON *
first_child(cJSON *doc)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "children"), 0);
}

Test(segment, scan_finds_symbols_resolutions_papers_and_countries, .init = load_facts,
     .fini = free_facts)
{
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90"};
    /* byte offsets: "见" is 3 bytes, "第 " 4, "号决议和" 12 ... counted by hand below */
    cJSON *doc = doc_with_paragraph(
        "挪威见A/72/304和A/S-10/4，第 71/67 号决议，GE-NDV/2018/12；印度-太平洋。");
    cr_assert(seg_scan_refs(doc, &ctx));
    cJSON *node = first_child(doc);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(node, "refs")), 5);
    expect_ref(node, 0, "NOR", "country", false, 0, 6);
    expect_ref(node, 1, "A/72/304", "document", false, 9, 8);
    expect_ref(node, 2, "A/S-10/4", "document", true, 20, 8);
    expect_ref(node, 3, "A/RES/71/67", "resolution", true, 35, 5);
    expect_ref(node, 4, "GE-NDV/2018/12", "working-paper", false, 53, 14);
    cJSON_Delete(doc);
}

Test(segment, scan_ignores_numbers_that_only_look_like_refs, .init = load_facts, .fini = free_facts)
{
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90"};
    /* a date, a page count, a symbol's tail and a paper's tail are not resolutions */
    cJSON *doc = doc_with_paragraph("2017/18 年；5/33 页；xA/72/304 号；GE-NDV/2018/12 号");
    cr_assert(seg_scan_refs(doc, &ctx));
    const cJSON *refs = cJSON_GetObjectItem(first_child(doc), "refs");
    cr_assert_eq(cJSON_GetArraySize(refs), 1);
    cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(refs, 0), "kind")->valuestring,
                     "working-paper");
    cJSON_Delete(doc);
}

/* The length seg_match_symbol finds at the start of s, and the kind it gives. */
static size_t
symbol_len(const char *s, enum seg_symbol_kind *kind)
{
    return seg_match_symbol(s, strlen(s), kind);
}

Test(segment, symbols_of_every_un_shape)
{
    static const struct {
        const char *text;
        size_t len;
        enum seg_symbol_kind kind;
    } cases[] = {
        {"A/74/90", 7, SEG_SYMBOL_DOCUMENT},
        {"A/RES/71/67号", 11, SEG_SYMBOL_RESOLUTION},
        {"A/S-10/4)", 8, SEG_SYMBOL_DOCUMENT},
        {"A/RES/ES-10/1", 13, SEG_SYMBOL_RESOLUTION},
        {"S/RES/1540 (2004)", 10, SEG_SYMBOL_RESOLUTION},
        {"CD/1299。", 7, SEG_SYMBOL_DOCUMENT},
        {"NPT/CONF.2015/PC.III/WP.49", 26, SEG_SYMBOL_PAPER},
        {"CD/WP.590", 9, SEG_SYMBOL_PAPER},
        {"A/C.1/72/L.40，", 13, SEG_SYMBOL_DOCUMENT},
        {"A/72/304/Add.1.", 14, SEG_SYMBOL_DOCUMENT},
        {"E/CN.4/2005/L.10", 16, SEG_SYMBOL_DOCUMENT},
        {"GE-NDV/2018/12；", 14, SEG_SYMBOL_DOCUMENT},
        {"UNIDIR/2017/3", 13, SEG_SYMBOL_DOCUMENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        enum seg_symbol_kind kind;
        cr_expect_eq(symbol_len(cases[i].text, &kind), cases[i].len, "%s", cases[i].text);
        cr_expect_eq(kind, cases[i].kind, "%s", cases[i].text);
    }
}

Test(segment, shapes_that_are_not_symbols)
{
    /* a session, a symbol cut across lines, chemistry, an acronym, numbers, lower case, a word
     * glued on, a series too long to be one, a dangling slash */
    static const char *const texts[] = {
        "A/72",
        "A/72/ 304",
        "MOX/UO2",
        "TCP/IP",
        "2017/18",
        "a/72/304",
        "A/72/304abc",
        "ABCDEFGHIJKLM/1",
        "CD/",
        "A/RES",
        "NPT/CONF.2015/PC.III",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        enum seg_symbol_kind kind;
        cr_expect_eq(symbol_len(texts[i], &kind), 0, "%s", texts[i]);
    }
}

Test(segment, scan_types_symbols_by_the_document_s_list, .init = load_facts, .fini = free_facts)
{
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90"};
    /* a URL's path is no citation; a WP. symbol is a paper outside the corpus */
    cJSON *doc = doc_with_paragraph("见 https://undocs.org/A/RES/71/67、CD/1299 和 "
                                    "NPT/CONF.2015/PC.III/WP.49。");
    cr_assert(seg_scan_refs(doc, &ctx));
    cJSON *node = first_child(doc);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(node, "refs")), 2);
    expect_ref(node, 0, "CD/1299", "document", true, 37, 7);
    expect_ref(node, 1, "NPT/CONF.2015/PC.III/WP.49", "working-paper", true, 49, 26);
    cJSON_Delete(doc);
}

Test(segment, a_paper_the_list_lacks_is_an_error, .init = load_facts, .fini = free_facts)
{
    struct diag d = {0};
    struct seg_ctx ctx = {.facts = &test_facts, .symbol = "A/74/90", .diag = &d};
    /* GE-NDV/2018/13 is of the series of the listed GE-NDV/2018/12: a typo on one side */
    cJSON *doc = doc_with_paragraph("见 GE-NDV/2018/13。");
    cr_assert_not(seg_scan_refs(doc, &ctx));
    cr_expect_eq(d.line, 2);
    cr_expect_str_eq(d.msg, "GE-NDV/2018/13 is cited but not in the list of working papers at "
                            "line 9");
    cJSON_Delete(doc);
}

Test(segment, a_tab_in_text_is_a_space)
{
    /* a tab that is no table's column gap: trees hold no control characters */
    cJSON *node = seg_node_new("x", "paragraph", 1);
    seg_set_str(node, "text", "第\t71/67\t\t号");
    cr_expect_str_eq(seg_text(node), "第 71/67  号");
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

Test(segment, refs_are_ordered_nowhere_then_title_then_text)
{
    cJSON *node = seg_node_new("x", "heading", 1);
    seg_set_str(node, "title", "暂定项目表* 项目 9");
    seg_set_str(node, "text", "第 71/67 号");
    seg_add_ref(node, "A/RES/71/67", "resolution", true, 4, 5);
    seg_add_title_ref(node, "x#fn0", "footnote", false, 15, 1);
    seg_add_ref(node, "CHN", "country", false, -1, 0);
    seg_add_title_ref(node, "x#fn1", "footnote", false, 2, 1);
    seg_canonicalize(node);
    static const char *const want[] = {"CHN", "x#fn1", "x#fn0", "A/RES/71/67"};
    const cJSON *refs = cJSON_GetObjectItem(node, "refs");
    cr_assert_eq(cJSON_GetArraySize(refs), 4);
    for (int i = 0; i < 4; i++)
        cr_expect_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(refs, i), "to")->valuestring,
                         want[i]);
    /* a title ref says so, after its span */
    char *json = cJSON_PrintUnformatted(cJSON_GetArrayItem(refs, 1));
    cr_expect_str_eq(json, "{\"to\":\"x#fn1\",\"kind\":\"footnote\",\"external\":false,"
                           "\"at\":2,\"len\":1,\"in\":\"title\"}");
    cJSON_free(json);
    cJSON_Delete(node);
}

Test(segment, layout_detection)
{
    struct seg_source src;
    const char *report =
        "摘要\n\n本报告由大会第 71/67 号决议所设审议核查在推进核裁军方面作用政府专家组编写。\n\n"
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
