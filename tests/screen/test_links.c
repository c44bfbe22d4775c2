/* Links the tree gained with issue 11, followed in the reader at 80x24: documents cited from
 * outside the corpus open a card of their own, a working paper's card leads to the papers
 * related to it, each with its reason, a heading's words cite a resolution, and a paragraph
 * leads to the annex it names. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

Test(links, a_resolution_outside_the_corpus_opens_its_card)
{
    /* ¶1 of A/72/304 begins with resolution 71/67: the first link on screen */
    struct vt *vt = scr_open(24, 80, "A/72/304#p1", NULL, NULL);
    scr_settle(vt, "71/67");
    vt_send(vt, "\t");
    scr_settle(vt, "A/RES/71/67 (not in the corpus)");
    vt_send(vt, "\r");
    scr_settle(vt, "General Assembly resolution, not in the corpus");
    /* the places citing it, each quoted where it cites: the first is where we came from */
    char *first = scr_row_with(vt, "Cited in:");
    cr_expect(strstr(first, "A/72/304#p1") != NULL, "%s", first);
    free(first);
    scr_expect_on_screen(vt, "A/72/304#AUS.p1  …欢迎并坚决支持大会第 71/67 号决议");
    /* a place leads back into the text */
    vt_send(vt, "\t\t");
    scr_settle(vt, "A/72/304#AUS.p1");
    vt_send(vt, "\r");
    scr_settle(vt, "A/72/304 › 二 › AUS");
    scr_quit(vt, "Q");
}

Test(links, a_papers_card_leads_to_its_related_papers)
{
    struct vt *vt = scr_open(24, 80, "GE-NDV/2018/4", NULL, NULL);
    scr_settle(vt, "Related:");
    /* 2018/4 and 2018/14: the same expert, named 比昂提诺 in fn4 and 比翁蒂诺 in fn13 */
    scr_expect_on_screen(vt, "Related:    GE-NDV/2018/14  same submitter: Michael Biontino");
    vt_send_key(vt, "BTab"); /* the last link: the expert; before it, the paper */
    vt_wait_quiet(vt, 0, 0);
    vt_send_key(vt, "BTab");
    scr_settle(vt, "GE-NDV/2018/14");
    vt_send(vt, "\r");
    scr_settle(vt, "结构要素：框架、原则、范围和设想");
    /* 2018/14 says the same of 2018/4, and fn13 cites it with three other papers */
    scr_expect_on_screen(vt, "GE-NDV/2018/4  same submitter: Michael Biontino");
    scr_expect_on_screen(vt, "GE-NDV/2018/8  cited together in A/74/90#fn13");
    scr_expect_on_screen(vt, "GE-NDV/2018/15  cited together in A/74/90#fn13");
    scr_expect_on_screen(vt, "GE-NDV/2018/17  cited together in A/74/90#fn13");
    /* Backspace: back to the card we came from */
    vt_send(vt, "\x7f");
    scr_settle(vt, "关于核查在推进核裁军方面作用的考虑：背景文件");
    scr_quit(vt, "Q");
}

Test(links, overlapping_titles_are_related)
{
    struct vt *vt = scr_open(24, 80, "GE-NDV/2019/2", NULL, NULL);
    scr_settle(vt, "Related:");
    scr_expect_on_screen(vt, "Related:    GE-NDV/2019/1  overlapping title: 科学和技术专家组");
    scr_quit(vt, "Q");
}

Test(links, the_context_pane_shows_the_papers_related_to_the_one_read)
{
    /* at 120x40 the context pane is shown; one line down from the top of the list, the
     * paper read is 2018/4 */
    struct vt *vt = scr_open(40, 120, "A/74/90#papers", NULL, NULL);
    scr_settle(vt, "GE-NDV/2018/4");
    scr_expect_not_on_screen(vt, "Related to");
    vt_send(vt, "j");
    scr_settle(vt, "Related to GE-NDV/2018/4");
    scr_expect_on_screen(vt, "GE-NDV/2018/14  same-submitter");
    /* a paper's link previews its card, relations and all */
    vt_send(vt, "\t");
    scr_settle(vt, "Link: GE-NDV/2018/5");
    scr_expect_on_screen(vt, "Submitters: not named in the report");
    scr_quit(vt, "Q");
}

static bool
cell_highlighted(struct vt *vt, int row, int col)
{
    return vt_cell_attr(vt, row, col, VT_REVERSE) || vt_cell_bg(vt, row, col) != VT_COLOR_DEFAULT;
}

Test(links, a_heading_cites_a_resolution_in_its_title)
{
    /* Hungary's third heading in A/72/304; the paragraph under it starts with the same words,
     * so the link taken must be seen to be the heading's */
    struct vt *vt = scr_open(24, 80, "A/72/304#HUN.h3", NULL, NULL);
    scr_settle(vt, "大会第 71/67 号决议所设政府专家组");
    int row, col;
    scr_find(vt, "大会第 71/67 号决议所设政府专家组", &row, &col);
    cr_expect_not(cell_highlighted(vt, row, col + 7), "%s", vt_dump(vt));
    vt_send(vt, "\t");
    scr_settle(vt, "A/RES/71/67 (not in the corpus)");
    /* "大会第 " is seven columns: the 7 of 71/67 is highlighted, the words before are not */
    cr_expect(cell_highlighted(vt, row, col + 7), "%s", vt_dump(vt));
    cr_expect_not(cell_highlighted(vt, row, col), "%s", vt_dump(vt));
    vt_send(vt, "\r");
    scr_settle(vt, "General Assembly resolution, not in the corpus");
    scr_expect_on_screen(vt, "Cited:      33 places");
    scr_expect_status(vt, "card");
    scr_quit(vt, "Q");
}

Test(links, a_paragraph_leads_to_the_annex_it_names)
{
    /* A/74/90 ¶15 ends "主席以其身份就这些发言所做的总结载于附件一。", after eight country
     * links */
    struct vt *vt = scr_open(24, 80, "A/74/90#p15", NULL, NULL);
    scr_settle(vt, "的总结载于附件一。");
    char *message = NULL;
    for (int i = 0; i < 12; i++) {
        vt_send(vt, "\t");
        vt_wait_quiet(vt, 0, 0);
        free(message);
        message = scr_message_line(vt);
        if (strstr(message, "A/74/90#annex1") != NULL)
            break;
    }
    cr_assert(strstr(message, "A/74/90#annex1") != NULL, "%s", vt_dump(vt));
    free(message);
    int row, col;
    scr_find(vt, "附件一。", &row, &col);
    cr_expect(cell_highlighted(vt, row, col), "%s", vt_dump(vt));
    vt_send(vt, "\r");
    scr_settle(vt, "A/74/90 › 附件一");
    scr_expect_on_screen(vt, "专家组听取了南非和哈萨克斯坦的国家经验");
    scr_expect_focus(vt, "text");
    scr_quit(vt, "q");
}
