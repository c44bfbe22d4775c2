/* The reference rules of the segmenter beyond symbols and countries (ndvr-segment(1),
 * REFERENCES): a document's references to its own annexes, parts, sections, paragraphs and
 * footnotes (同上), its experts named in running text, and references in titles. Each case
 * runs the whole reference scan (seg_scan_refs) on a small document built here, and each
 * rule has cases that must not make a reference: the texts the two reports hold. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"
#include "segment/textrefs.h"
#include "util/strbuf.h"

static struct facts facts;

static void
load_facts(void)
{
    struct diag d = {0};
    cr_assert(facts_parse("t",
                          "country NOR 挪威\ncountry CHN 中国\n"
                          "honorific 先生 女士 大使 博士\n"
                          "expert 克努特·朗厄兰 = Knut Langeland\n"
                          "expert 朗厄兰 = Knut Langeland\n",
                          &facts, &d),
              "%s", d.msg);
}

static void
free_facts(void)
{
    facts_free(&facts);
}

TestSuite(segment_refs, .init = load_facts, .fini = free_facts);

/* --- A model document ---------------------------------------------------------------------- */

static cJSON *
add(cJSON *parent, const char *address, const char *kind, const char *title)
{
    cJSON *node = seg_node_new(address, kind, 1);
    seg_set_str(node, "title", title);
    seg_add_child(parent, node);
    return node;
}

static void
add_expert(cJSON *list, const char *address, const char *name)
{
    seg_set_str(add(list, address, "expert", NULL), "name", name);
}

/* X/1: a letter with its expert list (Knut Langeland of Norway, 王昶 and 张慎 of China),
 * chapters 一 to 四 (二 with sections A and B, paragraph 23 in B), Annexes I and II (or one
 * unnumbered annex), two footnotes. */
static cJSON *
model(bool one_annex)
{
    cJSON *doc = seg_node_new("X/1", "document", 1);
    cJSON *letter = add(doc, "X/1#letter", "front-matter", "送文函");
    add(letter, "X/1#letter.p1", "paragraph", NULL);
    cJSON *experts = add(letter, "X/1#experts", "expert-list", NULL);
    add_expert(add(experts, "X/1#experts.NOR", "expert-list", "挪威"), "X/1#experts.NOR.1",
               "Knut Langeland");
    cJSON *chn = add(experts, "X/1#experts.CHN", "expert-list", "中国");
    add_expert(chn, "X/1#experts.CHN.1", "王昶");
    add_expert(chn, "X/1#experts.CHN.2", "张慎");
    add(doc, "X/1#ch1", "chapter", "引言");
    cJSON *ch2 = add(doc, "X/1#ch2", "chapter", "审议的问题");
    add(add(ch2, "X/1#ch2.A", "section", "一般性讨论"), "X/1#p1", "paragraph", NULL);
    add(add(ch2, "X/1#ch2.B", "section", "建议"), "X/1#p23", "paragraph", NULL);
    add(doc, "X/1#ch3", "chapter", "共同点");
    add(doc, "X/1#ch4", "chapter", "结论");
    add(doc, one_annex ? "X/1#annex" : "X/1#annex1", "annex", "总结");
    if (!one_annex)
        add(doc, "X/1#annex2", "annex", "文件一览表");
    add(doc, "X/1#fn1", "footnote", NULL);
    add(doc, "X/1#fn2", "footnote", NULL);
    return doc;
}

static cJSON *
node_at(cJSON *doc, const char *address)
{
    cJSON *node = (cJSON *)seg_find_node(doc, address);
    cr_assert_not_null(node, "no %s", address);
    return node;
}

static void
scan(cJSON *doc)
{
    struct seg_ctx ctx = {.facts = &facts, .symbol = "X/1"};
    cr_assert(seg_scan_refs(doc, &ctx));
    seg_canonicalize(doc);
}

/* The node's refs as "kind>to:words|…", the words read off the text (or the title, marked
 * "title:") at at/len. */
static char *
describe_refs(const cJSON *node)
{
    struct strbuf sb = STRBUF_INIT;
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        bool in_title = cJSON_GetObjectItemCaseSensitive(ref, "in") != NULL;
        const cJSON *where = cJSON_GetObjectItemCaseSensitive(node, in_title ? "title" : "text");
        int at = cJSON_GetObjectItemCaseSensitive(ref, "at")->valueint;
        int len = cJSON_GetObjectItemCaseSensitive(ref, "len")->valueint;
        sb_printf(&sb, "%s%s>%s:%s%.*s", sb.len ? "|" : "",
                  cJSON_GetObjectItemCaseSensitive(ref, "kind")->valuestring,
                  cJSON_GetObjectItemCaseSensitive(ref, "to")->valuestring,
                  in_title ? "title:" : "", len, where->valuestring + at);
    }
    return sb_detach(&sb);
}

/* Scans a model document whose node `address` has `text`, and expects its refs. */
static void
expect_refs_in(bool one_annex, const char *address, const char *text, const char *want)
{
    cJSON *doc = model(one_annex);
    seg_set_str(node_at(doc, address), "text", text);
    scan(doc);
    char *got = describe_refs(node_at(doc, address));
    cr_expect_str_eq(got, want, "in `%s`: `%s`, expected `%s`", text, got, want);
    free(got);
    cJSON_Delete(doc);
}

static void
expect_refs(const char *address, const char *text, const char *want)
{
    expect_refs_in(false, address, text, want);
}

/* --- Annexes ------------------------------------------------------------------------------- */

Test(segment_refs, an_annex_by_its_numeral)
{
    /* A/74/90 ¶15 */
    expect_refs("X/1#p23", "主席以其身份就这些发言所做的总结载于附件一。",
                "annex>X/1#annex1:附件一");
    expect_refs("X/1#p23", "文件列于附件二。", "annex>X/1#annex2:附件二");
    expect_refs("X/1#p23", "见附件 2。", "annex>X/1#annex2:附件 2");
    /* the document has no Annex III, and two annexes: 附件 alone names neither */
    expect_refs("X/1#p23", "载于附件三。", "");
    expect_refs("X/1#p23", "载于附件。", "");
}

Test(segment_refs, the_only_annex_unnumbered)
{
    expect_refs_in(true, "X/1#p23", "总结载于附件。", "annex>X/1#annex:附件");
    expect_refs_in(true, "X/1#p23", "总结载于附件一。", "");
}

Test(segment_refs, an_annex_of_another_document_is_not_this_one_s)
{
    expect_refs("X/1#p23", "大会第 71/67 号决议附件一所载原则。", "resolution>A/RES/71/67:71/67");
    expect_refs("X/1#p23", "《条约》附件一。", "");
    /* a new clause, a new subject */
    expect_refs("X/1#p23", "根据该决议，总结载于附件一。", "annex>X/1#annex1:附件一");
}

/* --- Parts (chapters) and sections --------------------------------------------------------- */

Test(segment_refs, parts_in_an_enumeration_each_a_reference)
{
    /* A/74/90's letter of transmittal: the first sentence is a count, no reference */
    expect_refs("X/1#letter.p1",
                "报告分共四个部分，第二、第三和第四部分为主要的实质性部分。第二部分是叙述部分。",
                "chapter>X/1#ch2:第二|chapter>X/1#ch3:第三|chapter>X/1#ch4:第四部分|"
                "chapter>X/1#ch2:第二部分");
    expect_refs("X/1#letter.p1", "报告分共四个部分。", "");
    expect_refs("X/1#letter.p1", "第一章和第三章", "chapter>X/1#ch1:第一章|chapter>X/1#ch3:第三章");
    expect_refs("X/1#letter.p1", "第一和第三章", "chapter>X/1#ch1:第一|chapter>X/1#ch3:第三章");
}

Test(segment_refs, a_part_the_document_lacks_or_no_part_at_all)
{
    /* A/72/304 ¶2 names parts two and three; here there is no part five */
    expect_refs("X/1#p1", "所收到的答复载于第二部分，", "chapter>X/1#ch2:第二部分");
    expect_refs("X/1#p1", "答复载于第五部分。", "");
    expect_refs("X/1#p1", "第二届会议和第二次普通照会，一部分专家", "");
    expect_refs("X/1#p1", "第二、第三届会议", "");
}

Test(segment_refs, a_part_of_another_document)
{
    expect_refs("X/1#p1", "第 71/67 号决议第二部分", "resolution>A/RES/71/67:71/67");
    expect_refs("X/1#p1", "《不扩散核武器条约》第二部分", "");
    expect_refs("X/1#p1", "该决议第二部分", "");
}

Test(segment_refs, sections)
{
    expect_refs("X/1#p1", "见第二部分 B 节。", "section>X/1#ch2.B:第二部分 B 节");
    expect_refs("X/1#p1", "见第二部分B节。", "section>X/1#ch2.B:第二部分B节");
    /* section B of the chapter the text is in */
    expect_refs("X/1#p1", "下文 B 节载有建议。", "section>X/1#ch2.B:B 节");
    /* chapter 三 has no section B: the part alone, and the B 节 is no section of the chapter
     * the text is in; nor when the document has no part five */
    expect_refs("X/1#p1", "第三部分 B 节", "chapter>X/1#ch3:第三部分");
    expect_refs("X/1#p1", "第五部分 B 节", "");
    /* the letter is in no chapter */
    expect_refs("X/1#letter.p1", "B 节载有建议。", "");
    expect_refs("X/1#p1", "决议 B 节", "");
}

/* --- Paragraphs ---------------------------------------------------------------------------- */

Test(segment_refs, a_paragraph_named_as_this_document_s)
{
    expect_refs("X/1#p1", "如上文第 23 段所述，", "paragraph>X/1#p23:第 23 段");
    expect_refs("X/1#p1", "本报告第 23 段", "paragraph>X/1#p23:第 23 段");
    expect_refs("X/1#p1", "(见第23段)", "paragraph>X/1#p23:第23段");
    /* no paragraph 24 */
    expect_refs("X/1#p1", "见第 24 段。", "");
}

/* Every 第 N 段 of the two reports: each a paragraph of another document. */
Test(segment_refs, paragraphs_of_other_documents_are_no_references)
{
    expect_refs("X/1#p1", "在关于核裁军核查的第 71/67 号决议的第 23 段，大会请秘书长",
                "resolution>A/RES/71/67:71/67");
    expect_refs("X/1#p1", "大会第 71/67 号决议第 23 段所设", "resolution>A/RES/71/67:71/67");
    expect_refs("X/1#p1", "根据该决议第 23 段的授权", "");
    expect_refs("X/1#fn1",
                "欧洲联盟总声明，不扩散核武器条约 2017 年筹备委员会，第 23段，见 "
                "http://statements.unmeetings.org/x.pdf。",
                "");
    expect_refs("X/1#fn2", "同上，第 23 段。", "ibid>X/1#fn1:同上");
    /* a marker, but the clause names a resolution first */
    expect_refs("X/1#p1", "决议和本报告第 23 段", "");
}

/* --- 同上 ------------------------------------------------------------------------------------ */

Test(segment_refs, ibid_points_to_the_footnote_before)
{
    expect_refs("X/1#fn2", "同上。", "ibid>X/1#fn1:同上");
    /* the first footnote repeats nothing; 同上 elsewhere than at the start is no ibid */
    expect_refs("X/1#fn1", "同上，第 3 段。", "");
    expect_refs("X/1#fn2", "见同上。", "");
}

/* --- Experts ------------------------------------------------------------------------------- */

Test(segment_refs, an_expert_by_a_whole_name)
{
    /* A/74/90's foreword and signature */
    expect_refs("X/1#letter.p1", "政府专家组主席、挪威大使克努特·朗厄兰及全体专家",
                "country>NOR:挪威|expert>X/1#experts.NOR.1:克努特·朗厄兰");
    expect_refs("X/1#letter.p1", "克努特·朗厄兰(签名)", "expert>X/1#experts.NOR.1:克努特·朗厄兰");
    expect_refs("X/1#p1", "Knut Langeland 大使", "expert>X/1#experts.NOR.1:Knut Langeland");
    expect_refs("X/1#p1", "王昶先生和张慎(中国)",
                "expert>X/1#experts.CHN.1:王昶|expert>X/1#experts.CHN.2:张慎|country>CHN:中国");
}

Test(segment_refs, no_part_of_a_name_and_no_surname_alone)
{
    /* 王 is a surname and a word part; a two-character name needs an honorific or a
     * parenthesis after it; a surname alias is for footnotes; Latin names end at a letter */
    expect_refs("X/1#p1", "大不列颠及北爱尔兰联合王国和王先生", "");
    expect_refs("X/1#p1", "王昶主张慎重行事", "");
    expect_refs("X/1#p1", "朗厄兰大使", "");
    expect_refs("X/1#p1", "Langeland", "");
    expect_refs("X/1#p1", "Knut Langelands", "");
}

Test(segment_refs, a_submitter_already_linked_is_not_linked_again)
{
    cJSON *doc = model(false);
    cJSON *fn = node_at(doc, "X/1#fn1");
    seg_set_str(fn, "text", "见 Knut Langeland 大使(挪威)提交的文件。");
    seg_add_ref(fn, "X/1#experts.NOR.1", "expert", false, 4, 14);
    scan(doc);
    char *got = describe_refs(fn);
    cr_expect_str_eq(got, "expert>X/1#experts.NOR.1:Knut Langeland|country>NOR:挪威");
    free(got);
    cJSON_Delete(doc);
}

Test(segment_refs, experts_carry_their_aliases)
{
    cJSON *doc = model(false);
    seg_add_expert_aliases(doc, &facts);
    const cJSON *aliases =
        cJSON_GetObjectItemCaseSensitive(node_at(doc, "X/1#experts.NOR.1"), "aliases");
    cr_assert_eq(cJSON_GetArraySize(aliases), 2);
    cr_expect_str_eq(cJSON_GetArrayItem(aliases, 0)->valuestring, "克努特·朗厄兰");
    cr_expect_str_eq(cJSON_GetArrayItem(aliases, 1)->valuestring, "朗厄兰");
    cr_expect_null(cJSON_GetObjectItemCaseSensitive(node_at(doc, "X/1#experts.CHN.1"), "aliases"));
    cJSON_Delete(doc);
}

/* --- Titles ---------------------------------------------------------------------------------- */

Test(segment_refs, a_heading_cites_a_resolution_in_its_title)
{
    cJSON *doc = model(false);
    cJSON *h =
        add(node_at(doc, "X/1#ch2"), "X/1#ch2.h1", "heading", "大会第 71/67 号决议所设政府专家组");
    cJSON *section = node_at(doc, "X/1#ch2.B");
    seg_set_str(section, "title", "关于 A/72/304 的建议");
    seg_set_str(section, "text", "见 A/74/90。");
    scan(doc);
    char *got = describe_refs(h);
    cr_expect_str_eq(got, "resolution>A/RES/71/67:title:71/67");
    free(got);
    /* the title's refs come first, as the title is read before the text */
    got = describe_refs(section);
    cr_expect_str_eq(got, "document>A/72/304:title:A/72/304|document>A/74/90:A/74/90");
    free(got);
    cJSON_Delete(doc);
}

Test(segment_refs, titles_cite_documents_only)
{
    /* a response's or expert group's title is a country's name; headings link no names */
    cJSON *doc = model(false);
    cJSON *h = add(node_at(doc, "X/1#ch2"), "X/1#ch2.h1", "heading", "挪威：克努特·朗厄兰的附件一");
    scan(doc);
    cr_expect_null(cJSON_GetObjectItemCaseSensitive(h, "refs"));
    cr_expect_null(cJSON_GetObjectItemCaseSensitive(node_at(doc, "X/1#experts.NOR"), "refs"));
    cJSON_Delete(doc);
}
