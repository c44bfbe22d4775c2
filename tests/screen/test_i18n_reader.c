/* The reader in Chinese (po/zh_CN.po through gettext) at 80x24: the chrome, the help and the
 * print dialog are in Chinese, and with wide characters every row still fits: no cell past the
 * right edge, no wide character cut, the border between the panes whole, the print dialog's
 * values in one column. LANGUAGE=zh_CN under the harness's LC_ALL=C.UTF-8 chooses the
 * catalogue (gettext ignores LANGUAGE only in the C locale), and NDVR_LOCALEDIR points at the
 * build tree's. Expected strings are the translations in po/zh_CN.po. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

static const char *const zh_env[] = {"LANGUAGE=zh_CN", "NDVR_LOCALEDIR=" NDVR_BIN_DIR "/locale",
                                     NULL};

/* The column of the first vertical border on the top row, or -1. */
static int
border_col(struct vt *vt)
{
    for (int c = 0; c < vt_cols(vt); c++)
        if (vt_cell_char(vt, 0, c) == 0x2502) /* │ */
            return c;
    return -1;
}

/* Every row sound, and each row's cells add up to the width exactly. */
static void
expect_fits(struct vt *vt)
{
    scr_expect_sound(vt);
    for (int r = 0; r < vt_rows(vt); r++) {
        int cols = 0;
        for (int c = 0;
             c<vt_cols(vt); c += vt_cell_width(vt, r, c)> 0 ? vt_cell_width(vt, r, c) : 1)
            cols += vt_cell_width(vt, r, c) > 0 ? vt_cell_width(vt, r, c) : 1;
        cr_expect_eq(cols, vt_cols(vt), "row %d is %d columns\n%s", r, cols, vt_dump(vt));
    }
}

Test(i18n_reader, the_reader_s_chrome_in_chinese_fits_80x24)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, zh_env);
    scr_settle(vt, "专家组探讨了");
    /* the breadcrumb names the paragraph as the Chinese text does; the focus is 文本 (text) */
    scr_expect_status(vt, "A/74/90 › 二 › A › 第10段");
    scr_expect_focus(vt, "文本");
    scr_expect_not_on_screen(vt, "¶10");
    int col = border_col(vt);
    cr_assert_geq(col, 0, "no pane border\n%s", vt_dump(vt));
    char msg[256];
    cr_expect(vt_check_column_is_border(vt, col, 0, vt_rows(vt) - 3, msg, sizeof msg), "%s\n%s",
              msg, vt_dump(vt));
    expect_fits(vt);
    /* the outline's last group: Countries */
    vt_send(vt, "1G");
    scr_settle(vt, "国家");
    scr_expect_focus(vt, "大纲");
    expect_fits(vt);
    scr_quit(vt, "q");
}

Test(i18n_reader, help_in_chinese_fits)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, zh_env);
    scr_settle(vt, "专家组探讨了");
    vt_send_key(vt, "F1");
    scr_settle(vt, "的按键：");
    scr_expect_focus(vt, "帮助");
    scr_expect_on_screen(vt, "text 的按键：Escape 或 q 关闭帮助，/ 筛选"); /* the title */
    scr_expect_on_screen(vt, "全局按键");
    scr_expect_on_screen(vt, "转到末尾（文件、列表或卡片）"); /* bottom's help, translated */
    expect_fits(vt);
    /* the commands without a key, at the end */
    vt_send(vt, "G");
    scr_settle(vt, "此处无按键的命令");
    expect_fits(vt);
    scr_quit(vt, "Q");
}

Test(i18n_reader, the_print_dialog_in_chinese_keeps_its_columns)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, zh_env);
    scr_settle(vt, "专家组探讨了");
    vt_send(vt, "P");
    scr_settle(vt, "发送到：");
    scr_expect_focus(vt, "打印");
    scr_expect_on_screen(vt, "打印（按 Enter 更改一行；选“发送”即发送）");
    /* each label padded by display width: the values start in one column */
    static const char *const values[] = {"默认打印机 (lp)", "（由 lp 选择）", "PDF（嵌入中文字体",
                                         "A4", "在引用它们的页面底部"};
    int first = -1;
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        int row, col;
        scr_find(vt, values[i], &row, &col);
        if (first < 0)
            first = col;
        cr_expect_eq(col, first, "%s at column %d, not %d\n%s", values[i], col, first, vt_dump(vt));
    }
    cr_expect_eq(first, 17, "%s", vt_dump(vt));
    scr_expect_on_screen(vt, "[ 发送 ]");
    expect_fits(vt);
    scr_quit(vt, "Q");
}

/* Narrow, the breadcrumb gives way at its start and the focus name keeps to the right. */
Test(i18n_reader, a_narrow_terminal_still_fits)
{
    struct vt *vt = scr_open(24, 40, "A/74/90#p10", NULL, zh_env);
    scr_settle(vt, "第10段");
    expect_fits(vt);
    vt_send(vt, "/");
    scr_settle(vt, "/");
    vt_send(vt, "核查核查核查核查核查核查核查核查核查核查核查核查核查核查核查核查核查");
    vt_wait_quiet(vt, 0, 0);
    expect_fits(vt);
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "核查核查");
    scr_quit(vt, "q");
}

/* A real zh_CN.UTF-8 locale (tests/make_locales.sh), no LANGUAGE: LANG alone chooses Chinese. */
Test(i18n_reader, lang_zh_cn_utf8_alone_chooses_chinese)
{
    static const char *const env[] = {"LC_ALL=", "LANG=zh_CN.UTF-8",
                                      "LOCPATH=" NDVR_BIN_DIR "/locales",
                                      "NDVR_LOCALEDIR=" NDVR_BIN_DIR "/locale", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, env);
    scr_settle(vt, "专家组探讨了");
    scr_expect_status(vt, "第10段");
    scr_expect_focus(vt, "文本");
    expect_fits(vt);
    scr_quit(vt, "q");
}

/* The tables and a card in Chinese: headers, titles and labels measured, rows fitting. */
Test(i18n_reader, tables_and_cards_in_chinese_fit)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, zh_env);
    scr_settle(vt, "专家组探讨了");
    vt_send(vt, "E");
    scr_settle(vt, "专家（空白：缺席该届会议）");
    scr_expect_on_screen(vt, "国家");
    scr_expect_on_screen(vt, "姓名");
    scr_expect_focus(vt, "专家");
    expect_fits(vt);
    vt_send(vt, "\r"); /* the first expert's card */
    scr_settle(vt, "国家：");
    scr_expect_focus(vt, "卡片");
    expect_fits(vt);
    vt_send(vt, "q");
    scr_settle(vt, "专家（空白：缺席该届会议）");
    vt_send(vt, "q");
    scr_settle_gone(vt, "专家（空白");
    vt_send(vt, "W");
    scr_settle(vt, "工作文件（附件二）");
    scr_expect_on_screen(vt, "文号");
    scr_expect_on_screen(vt, "提交者");
    expect_fits(vt);
    scr_quit(vt, "Q");
}
