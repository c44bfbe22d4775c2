/* One scripted reader session under valgrind: every view opened and closed, a search and its
 * results, a resize and back, then q. Valgrind's exit status (3) fails the test on an invalid
 * read or write, a use of uninitialised memory, or a definite or indirect leak, including at
 * exit, after the terminal is given back. Built only when valgrind exists and the build is not
 * a sanitizer build (tests/CMakeLists.txt); ctest runs it with NDVR_VT_SCALE=10. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/textfile.h"
#include "screen.h"

static char logpath[64] = "";

static void
remove_log(void)
{
    if (logpath[0] != '\0')
        unlink(logpath);
}

/* valgrind's report, for a failure message ("" when there is none). */
static char *
valgrind_log(void)
{
    size_t n;
    char *text = textfile_read(logpath, &n, NULL);
    return text != NULL ? text : strdup("");
}

/* A view is closed (q) and what was beneath shows again. */
static void
close_to(struct vt *vt, const char *view_text, const char *beneath)
{
    vt_send(vt, "q");
    bool gone = vt_wait_gone(vt, view_text, 0);
    cr_assert(gone, "q did not close `%s`:\n%s", view_text, vt_dump(vt));
    scr_settle(vt, beneath);
}

/* The status line is drawn at the new width: it ends, a cell or two from the right edge, with
 * the focused pane's name ("text"). */
static bool
status_at_full_width(struct vt *vt, void *arg)
{
    (void)arg;
    int row = vt_rows(vt) - 2, last = vt_cols(vt) - 1;
    while (last > 0 && vt_cell_char(vt, row, last) == ' ')
        last--;
    return last >= vt_cols(vt) - 3 && vt_cell_char(vt, row, last) == 't' &&
           vt_cell_char(vt, row, last - 3) == 't';
}

static void
resize(struct vt *vt, int rows, int cols)
{
    vt_wait_quiet(vt, 0, 0);
    vt_resize(vt, rows, cols);
    bool redrawn = vt_wait_until(vt, status_at_full_width, NULL, 0);
    cr_assert(redrawn, "no redraw at %dx%d:\n%s", cols, rows, vt_dump(vt));
    vt_wait_quiet(vt, 0, 0);
}

Test(valgrind, a_reader_session_is_clean, .fini = remove_log)
{
    snprintf(logpath, sizeof logpath, "/tmp/ndvr-valgrind-XXXXXX");
    int fd = mkstemp(logpath);
    cr_assert_geq(fd, 0);
    close(fd);
    char logopt[96];
    snprintf(logopt, sizeof logopt, "--log-file=%s", logpath);
    const char *argv[] = {NDVR_VALGRIND,
                          "--error-exitcode=3",
                          "--leak-check=full",
                          "--errors-for-leak-kinds=definite,indirect",
                          "-q",
                          logopt,
                          SCR_NDVR,
                          "A/74/90#p10",
                          NULL};
    struct vt *vt = scr_spawn(24, 80, argv, NULL);
    scr_settle(vt, "A/74/90 › 二 › A › ¶10");
    vt_send_key(vt, "F1"); /* help */
    scr_settle(vt, "Keys");
    close_to(vt, "Keys", "¶10");
    vt_send(vt, "E"); /* the experts, an expert's card over them */
    scr_settle(vt, "33 of 33");
    vt_send(vt, "\r");
    scr_settle(vt, "Listed at:");
    close_to(vt, "Listed at:", "33 of 33");
    close_to(vt, "33 of 33", "¶10");
    vt_send(vt, "W"); /* the papers */
    scr_settle(vt, "17 of 17");
    close_to(vt, "17 of 17", "¶10");
    vt_send(vt, "p"); /* a footnote popup: the first footnote on screen, ⁴ */
    scr_settle(vt, " footnote ");
    close_to(vt, " footnote ", "¶10");
    vt_send(vt, "'"); /* the bookmarks */
    scr_settle(vt, "no bookmarks yet");
    close_to(vt, "no bookmarks yet", "¶10");
    vt_send(vt, "P"); /* the print dialog */
    scr_settle(vt, "Page 1 of:");
    close_to(vt, "Page 1 of:", "¶10");
    vt_send(vt, "/langeland"); /* a search, and its results */
    scr_settle(vt, "langeland: match");
    vt_send(vt, "\rR");
    scr_settle(vt, "matches of");
    close_to(vt, "matches of", "fn9");
    resize(vt, 40, 120);
    resize(vt, 24, 80);
    int status = vt_quit(vt, "q", 0);
    char *log = valgrind_log();
    cr_expect_eq(status, 0, "exit status %d (valgrind's is 3):\n%s", status, log);
    free(log);
    char msg[256];
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}
