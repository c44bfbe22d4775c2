/* The reader in a GB18030 locale (issue 13: it wrote UTF-8 anyway): ncursesw writes and reads
 * GB18030 through the locale, so a GB18030 terminal (vt_set_charset) shows the Chinese text and
 * a search typed in GB18030 finds its matches. The locale comes from tests/make_locales.sh. */
#include <criterion/criterion.h>
#include <string.h>

#include "screen.h"

static const char *const gb18030_env[] = {"LC_ALL=zh_CN.GB18030",
                                          "LOCPATH=" NDVR_BIN_DIR "/locales", NULL};

Test(charset_reader, a_gb18030_terminal_reads_and_searches)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, gb18030_env);
    cr_assert(vt_set_charset(vt, "GB18030"));
    /* UTF-8 decoded as GB18030 would not read so */
    scr_settle(vt, "10. 专家组探讨了对核裁军核查概念的理解。");
    scr_expect_status(vt, "A/74/90 › 二 › A › 第10段"); /* the zh_CN locale: Chinese */
    scr_expect_sound(vt);
    vt_send(vt, "/挪威"); /* sent in GB18030 */
    scr_settle(vt, "挪威：第 ");
    scr_expect_message_has(vt, "/挪威");
    vt_send(vt, "\r");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_on_screen(vt, "挪威");
    scr_expect_sound(vt);
    int col; /* borders are ASCII in GB18030 (ui.c) */
    scr_find(vt, "|", NULL, &col);
    char msg[256];
    cr_expect(vt_check_column_is_border(vt, col, 0, vt_rows(vt) - 3, msg, sizeof msg), "%s\n%s",
              msg, vt_dump(vt));
    scr_quit(vt, "q");
}

/* A character set that lacks most of the text: the reader says so and exits, rather than
 * writing UTF-8 that such a terminal shows as garbage (ndvr cat converts instead). */
Test(charset_reader, another_character_set_is_refused_clearly)
{
    static const char *const env[] = {"LC_ALL=C.ISO-8859-1", "LOCPATH=" NDVR_BIN_DIR "/locales",
                                      NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, env);
    cr_expect_eq(vt_wait_exit(vt, 0), 2, "%s", vt_dump(vt));
    scr_expect_on_screen(vt, "the reader needs a UTF-8 or GB18030 locale, not ISO-8859-1");
    vt_free(vt);
}
