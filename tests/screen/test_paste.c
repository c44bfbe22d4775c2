/* Bracketed paste (ui/paste.h): the reader turns xterm's mode 2004 on, so a terminal marks
 * pasted text (vt_paste sends the markers only then, as libvterm does), and pasted text goes
 * into an open prompt as text: no key binding fires, control characters are dropped. With no
 * prompt open a paste is dropped, not taken as keys. */
#include <criterion/criterion.h>
#include <string.h>

#include "screen.h"

/* C-u inside the paste would clear what was typed if it were a key. */
Test(paste, into_the_search_prompt_as_text)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "/");
    scr_settle(vt, "/");
    vt_paste(vt, "lang\025e\033land\a");
    scr_settle(vt, "match 1 of 2");
    char *line = scr_message_line(vt);
    cr_expect(strncmp(line, "/langeland ", 11) == 0, "message line: %s", line);
    free(line);
    vt_send(vt, "\r");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_on_screen(vt, "Langeland");
    scr_quit(vt, "q");
}

/* A Chinese citation copied from a document, pasted into goto. */
Test(paste, a_chinese_citation_into_goto)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "o");
    scr_settle(vt, "goto: ");
    vt_paste(vt, "A/74/90，第23段\n");
    scr_settle(vt, "goto: A/74/90，第23段 ");
    vt_send(vt, "\r");
    scr_settle_gone(vt, "goto: ");
    scr_expect_status(vt, "¶23");
    scr_quit(vt, "q");
}

/* q pasted into the text is no key: the reader stays. */
Test(paste, outside_a_prompt_is_dropped)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_paste(vt, "q");
    scr_settle(vt, "pasted text ignored: no prompt is open");
    cr_expect_eq(vt_wait_exit(vt, 300), VT_EXIT_TIMEOUT, "the paste quit the reader");
    scr_expect_on_screen(vt, "摘要");
    scr_quit(vt, "q");
}

/* A one-key question is not answered by a paste. */
Test(paste, does_not_answer_a_yes_no_question)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "m");
    scr_settle(vt, "bookmark name");
    vt_send(vt, "\r");
    scr_settle(vt, "bookmarked");
    vt_send(vt, "'");
    scr_settle(vt, "Bookmarks");
    vt_send(vt, "X");
    vt_wait_quiet(vt, 0, 0);
    scr_settle(vt, "(y/n)");
    vt_paste(vt, "y");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_message_has(vt, "(y/n)");
    vt_send(vt, "n");
    scr_settle(vt, "kept");
    scr_quit(vt, "Q");
}
