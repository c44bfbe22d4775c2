/* Screen tests of the reader's state: where the user left off, bookmarks, bad state files. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "screen.h"

/* A state directory shared by the runs of one test. */
TestSuite(state_reader, .init = scr_state_make, .fini = scr_state_remove);

/* The reader at 80x24 on the test's state directory; no address: where it left off. */
static struct vt *
run(const char *address)
{
    const char *env[] = {scr_state_env(), NULL};
    return scr_open(24, 80, address, NULL, env);
}

static char *
text_row(struct vt *vt, int row)
{
    return vt_row_text(vt, row);
}

Test(state_reader, starts_where_the_user_left_off_at_the_same_line)
{
    struct vt *vt = run("A/74/90#p23");
    scr_settle(vt, "¶23");
    vt_send(vt, "jj");
    vt_wait_quiet(vt, 0, 0);
    char *before = text_row(vt, 0);
    scr_quit(vt, "q");
    vt = run(NULL); /* no address: the last place */
    scr_settle(vt, "¶23");
    char *after = text_row(vt, 0);
    cr_expect_str_eq(after, before);
    free(before);
    free(after);
    scr_quit(vt, "q");
}

Test(state_reader, an_ssh_drop_saves_the_position)
{
    struct vt *vt = run("A/72/304#NOR.p5");
    scr_settle(vt, "NOR");
    cr_expect_eq(vt_signal(vt, SIGHUP, 0), 128 + SIGHUP);
    vt_free(vt);
    vt = run(NULL);
    scr_settle(vt, "› NOR ·");
    int row, col;
    cr_expect(vt_find(vt, "尽管核武器国家对减少和最终消除", &row, &col), "%s", vt_dump(vt));
    scr_quit(vt, "q");
}

Test(state_reader, bookmarks_add_list_jump_rename_delete)
{
    struct vt *vt = run("A/74/90#p38");
    scr_settle(vt, "¶38");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    char *place = text_row(vt, 0);
    vt_send(vt, "mprinciples\r");
    scr_settle(vt, "as \"principles\""); /* the place is p38's first item, after j */
    vt_send(vt, "g");                    /* elsewhere */
    scr_settle(vt, "0%");
    vt_send(vt, "'");
    scr_settle(vt, "Bookmarks");
    scr_settle(vt, "principles");
    vt_send(vt, "\r"); /* Enter: the exact place */
    scr_settle(vt, "¶38");
    char *back = text_row(vt, 0);
    cr_expect_str_eq(back, place);
    vt_send(vt, "'c");
    scr_settle(vt, "new name: principles");  /* the prompt starts with the name */
    vt_send(vt, "\025guiding principles\r"); /* C-u empties it first */
    scr_settle(vt, "guiding principles");
    vt_send(vt, "X");
    scr_settle(vt, "delete \"guiding principles\"? (y/n)");
    vt_send(vt, "n"); /* kept */
    scr_settle(vt, "kept");
    scr_expect_on_screen(vt, "guiding principles");
    vt_send(vt, "Xy");
    scr_settle(vt, "no bookmarks yet");
    vt_send(vt, "q"); /* closes the list */
    vt_wait_gone(vt, "Bookmarks", 0);
    free(place);
    free(back);
    scr_quit(vt, "q");
    /* and the command line sees what the reader saved */
}

static void
write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/ndvr", scr_state_dir());
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/ndvr/%s", scr_state_dir(), name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(state_reader, a_stale_bookmark_is_kept_and_marked)
{
    write_file("bookmarks.json",
               "{\"format\":\"ndvr-bookmarks\",\"version\":1,\"next_id\":3,\"bookmarks\":["
               "{\"id\":\"1\",\"name\":\"gone\",\"address\":\"A/74/90#p99\",\"offset\":0,"
               "\"created\":\"2026-01-01T00:00:00Z\"},"
               "{\"id\":\"2\",\"name\":\"here\",\"address\":\"A/74/90#p7\",\"offset\":30,"
               "\"created\":\"2026-01-01T00:00:00Z\"}]}\n");
    struct vt *vt = run("A/74/90#p1");
    scr_settle(vt, "¶1");
    vt_send(vt, "'");
    scr_settle(vt, "stale");
    int row, col;
    cr_expect(vt_find(vt, "here", &row, &col));
    vt_send(vt, "\r"); /* the stale one is first: it says so and stays */
    scr_settle(vt, "is stale");
    vt_send(vt, "j\r");
    scr_settle(vt, "¶7");
    scr_quit(vt, "q");
}

static bool
corrupt_copy_exists(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/ndvr", scr_state_dir());
    DIR *d = opendir(path);
    if (d == NULL)
        return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        found = found || strncmp(e->d_name, "bookmarks.json.corrupt-", 23) == 0;
    closedir(d);
    return found;
}

Test(state_reader, a_corrupt_file_is_moved_aside_with_a_warning)
{
    write_file("bookmarks.json", "{\"format\":\"ndvr-bookmarks\",\"version\":1,\"bookm");
    struct vt *vt = run("A/74/90#p1");
    scr_settle(vt, "moved aside");
    cr_expect(corrupt_copy_exists());
    vt_send(vt, "mfirst\r");
    scr_settle(vt, "bookmarked");
    scr_quit(vt, "q");
}

Test(state_reader, an_unwritable_state_directory_is_said_and_reading_goes_on)
{
    char env[256];
    snprintf(env, sizeof env, "XDG_STATE_HOME=%s/file", scr_state_dir());
    char path[256];
    snprintf(path, sizeof path, "%s/file", scr_state_dir());
    FILE *f = fopen(path, "w"); /* a file where the directory would be */
    cr_assert_not_null(f);
    fclose(f);
    const char *envs[] = {env, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p2", NULL, envs);
    scr_settle(vt, "cannot save");
    scr_settle(vt, "¶2");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    vt_send(vt, "m\r");
    scr_settle(vt, "not saved");
    /* the place read cannot be saved at quit either: said once the terminal is back, and the
     * exit status is 2 (test_fault_reader.c has the other causes) */
    char msg[256] = "";
    cr_expect_eq(vt_quit(vt, "q", 0), 2);
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    cr_expect(vt_find(vt, "ndvr: the reading position was not saved", NULL, NULL), "%s",
              vt_dump(vt));
    vt_free(vt);
}

Test(state_reader, back_reaches_into_the_previous_session)
{
    struct vt *vt = run("A/74/90#p10");
    scr_settle(vt, "¶10");
    vt_send(vt, ":20\r");
    scr_settle(vt, "¶20");
    scr_quit(vt, "q");
    vt = run("A/74/90#p30");
    scr_settle(vt, "¶30");
    vt_send_key(vt, "Backspace");
    scr_settle(vt, "¶20");
    vt_send_key(vt, "Backspace");
    scr_settle(vt, "¶10");
    scr_quit(vt, "q");
}
