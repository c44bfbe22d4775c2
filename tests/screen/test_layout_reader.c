/* Issue 11's layouts as the reader shows them at 80x24: France's list in A/72/304 read from
 * its item (c), the paragraphs inside its items hanging with the items' text; A/74/90's cover
 * with its header lines as headings. Expected text is from the sources, read by hand. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

/* The column where text starts on screen (asserted on screen). */
static int
col_of(struct vt *vt, const char *text)
{
    int col;
    scr_find(vt, text, NULL, &col);
    return col;
}

Test(layout_reader, item_c_of_france_s_list_opens_in_france_s_response)
{
    struct vt *vt = scr_open(24, 80, "A/72/304#FRA.p3.3", NULL, NULL);
    scr_settle(vt, "(c) 不能抽象地制定");
    int row;
    scr_find(vt, "(c) 不能抽象地制定", &row, NULL);
    cr_expect_eq(row, 0, "the item opened is the text's first line\n%s", vt_dump(vt));
    scr_expect_status(vt, "A/72/304 › 二 › FRA");
    /* the list goes on to (j); the paragraph inside (f) hangs with the items' text */
    scr_expect_on_screen(vt, "(f) 发展裁军核查的能力");
    scr_expect_on_screen(vt, "(j) 除关于核裁军核查的双边");
    int text_col = col_of(vt, "不能抽象地制定");
    cr_expect_eq(col_of(vt, "因此，战略形势的演变"), text_col, "%s", vt_dump(vt));
    scr_expect_sound(vt);
    /* a line up: the end of the paragraph inside (b), at the same column */
    vt_send(vt, "k");
    scr_settle(vt, "尤其是开发技术信息壁垒和技术认证程序；");
    cr_expect_eq(col_of(vt, "开展大量工作，尤其是"), text_col, "%s", vt_dump(vt));
    scr_quit(vt, "q");
}

Test(layout_reader, the_cover_s_header_lines_read_as_headings)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#cover", NULL, NULL);
    scr_settle(vt, "第七十四届会议");
    static const char *const headings[] = {
        "第七十四届会议", "暂定项目表* 项目 100 (hh)", "全面彻底裁军：核裁军核查",
        "审议核查在推进核裁军方面作用政府专家组", "秘书长的说明"};
    int row, col, prev = -1;
    for (size_t i = 0; i < sizeof headings / sizeof *headings; i++) {
        scr_find(vt, headings[i], &row, &col);
        cr_expect_gt(row, prev, "%s in order\n%s", headings[i], vt_dump(vt));
        cr_expect(vt_cell_attr(vt, row, col, VT_BOLD), "%s is a heading\n%s", headings[i],
                  vt_dump(vt));
        prev = row;
    }
    /* the note's text is a paragraph, after the header lines */
    scr_find(vt, "秘书长谨随函转递大会第 71/67 号决议", &row, &col);
    cr_expect_gt(row, prev);
    cr_expect_not(vt_cell_attr(vt, row, col, VT_BOLD), "%s", vt_dump(vt));
    scr_expect_status(vt, "A/74/90");
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}
