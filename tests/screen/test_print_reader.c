/* Screen tests of printing from the reader: tag, the dialog and its preview, sending in the
 * background to a fake lp, a failing printer that leaves the reader working. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/textfile.h"
#include "screen.h"

/* The reader at 80x24 with the fake lp (scr_lp_make) first in $PATH. */
static struct vt *
run(const char *address)
{
    return scr_open(24, 80, address, NULL, scr_lp_env());
}

static char *
recorded(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", scr_lp_dir(), name);
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "lp never wrote %s", name);
    return text;
}

Test(print_reader, a_tagged_chapter_goes_to_lp_with_a_preview_first, .fini = scr_lp_remove)
{
    scr_lp_make(false);
    struct vt *vt = run("A/74/90#p27");
    scr_settle(vt, "¶27");
    vt_send(vt, "1"); /* the outline: its cursor is on the section being read */
    vt_wait_quiet(vt, 0, 0);
    vt_send(vt, "k"); /* up to the chapter 三 */
    vt_send(vt, "t");
    scr_settle(vt, "* - 三. 确定可能的共"); /* clipped by the outline's width */
    vt_send(vt, "P");
    scr_settle(vt, "Page 1 of: A/74/90#ch3");
    int row, col;
    cr_expect(vt_find(vt, "A/74/90  三. 确定可能的共同点", &row, &col) ||
                  vt_find(vt, "A/74/90 三. 确定可能的共同点", &row, &col),
              "the preview shows the running header:\n%s", vt_dump(vt));
    vt_send(vt, "G\r"); /* the cursor starts on the destination: G goes down to Send */
    scr_settle(vt, "printed");
    scr_expect_message_has(vt, "pages to the default printer");
    char *input = recorded("input");
    cr_expect(strncmp(input, "%PDF-", 5) == 0, "the printer got no PDF: %.20s", input);
    free(input);
    /* the default printer: a titled A4 PDF */
    char *args = recorded("args");
    cr_expect_str_eq(args, "-t A/74/90 三. 确定可能的共同点 -o media=A4 -o "
                           "document-format=application/pdf\n");
    free(args);
    scr_quit(vt, "qq");
}

Test(print_reader, a_failing_printer_is_reported_and_the_reader_goes_on, .fini = scr_lp_remove)
{
    scr_lp_make(true);
    struct vt *vt = run("A/74/90#p10");
    scr_settle(vt, "¶10");
    vt_send(vt, "P");
    scr_settle(vt, "Page 1 of:");
    vt_send(vt, "G\r"); /* Send: the dialog closes, the job runs in the background */
    cr_expect(vt_wait_gone(vt, "Page 1 of:", 0), "%s", vt_dump(vt));
    scr_settle(vt, "printing failed");
    scr_settle(vt, "The printer or class does not exist");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    scr_settle(vt, "¶10");
    scr_quit(vt, "qq");
}

Test(print_reader, a_range_to_a_file, .fini = scr_lp_remove)
{
    scr_lp_make(false);
    struct vt *vt = run("A/74/90#p12");
    scr_settle(vt, "¶12");
    vt_send(vt, "v");
    scr_settle(vt, "range from A/74/90#p12");
    vt_send(vt, ":13\r");
    scr_settle(vt, "¶13");
    vt_send(vt, "P");
    scr_settle(vt, "Page 1 of: A/74/90#p12");
    /* the cursor is on "Send to": Enter twice (a printer, then a file) */
    vt_send(vt, "\r\r");
    scr_settle(vt, "a file");
    char keys[256];
    snprintf(keys, sizeof keys, "j\r\025%s/out.txt\r",
             scr_lp_dir()); /* C-u, then the file's name */
    vt_send(vt, keys);
    scr_settle(vt, "out.txt");
    vt_send(vt, "j\r"); /* the format: from PDF to text */
    scr_settle(vt, "Format:          text");
    vt_send(vt, "G\r");
    scr_settle(vt, "printed");
    char *out = recorded("out.txt");
    cr_expect(strstr(out, "12. 一些专家指出") != NULL, "paragraph 12 missing");
    cr_expect(strstr(out, "13. 一些专家指出") != NULL, "paragraph 13 missing");
    cr_expect(strstr(out, "14. ") == NULL, "paragraph 14 printed");
    free(out);
    scr_quit(vt, "qq");
}
