/* Screen tests of the reader's state: where the user left off, bookmarks, bad state files. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vt.h"

#define NDVR NDVR_BIN_DIR "/ndvr"

static char statedir[64];
static char env_state[128];

/* A state directory shared by the runs of one test. */
static void
make_state_dir(void)
{
    snprintf(statedir, sizeof statedir, "/tmp/ndvr-state-XXXXXX");
    cr_assert_not_null(mkdtemp(statedir));
    snprintf(env_state, sizeof env_state, "XDG_STATE_HOME=%s", statedir);
}

static void
remove_state_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", statedir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", statedir);
}

TestSuite(state_reader, .init = make_state_dir, .fini = remove_state_dir);

static struct vt *
run(const char *address)
{
    const char *argv[] = {NDVR, address, NULL};
    const char *env[] = {env_state, NULL};
    if (address == NULL)
        argv[1] = NULL;
    struct vt *vt = vt_spawn(24, 80, argv, env);
    cr_assert_not_null(vt);
    return vt;
}

static void
settle(struct vt *vt, const char *text)
{
    bool seen = vt_wait_text(vt, text, 0);
    char *dump = seen ? NULL : vt_dump(vt);
    cr_assert(seen, "never saw `%s`:\n%s", text, dump ? dump : "");
    vt_wait_quiet(vt, 0, 0);
}

static void
expect_on_screen(struct vt *vt, const char *text)
{
    char *dump = vt_find(vt, text, NULL, NULL) ? NULL : vt_dump(vt);
    cr_expect(dump == NULL, "`%s` not on screen:\n%s", text, dump ? dump : "");
    free(dump);
}

static char *
text_row(struct vt *vt, int row)
{
    return vt_row_text(vt, row);
}

static void
quit(struct vt *vt)
{
    char msg[256];
    cr_expect_eq(vt_quit(vt, "q", 0), 0);
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}

Test(state_reader, starts_where_the_user_left_off_at_the_same_line)
{
    struct vt *vt = run("A/74/90#p23");
    settle(vt, "¶23");
    vt_send(vt, "jj");
    vt_wait_quiet(vt, 0, 0);
    char *before = text_row(vt, 0);
    quit(vt);
    vt = run(NULL); /* no address: the last place */
    settle(vt, "¶23");
    char *after = text_row(vt, 0);
    cr_expect_str_eq(after, before);
    free(before);
    free(after);
    quit(vt);
}

Test(state_reader, an_ssh_drop_saves_the_position)
{
    struct vt *vt = run("A/72/304#NOR.p5");
    settle(vt, "NOR");
    cr_expect_eq(vt_signal(vt, SIGHUP, 0), 128 + SIGHUP);
    vt_free(vt);
    vt = run(NULL);
    settle(vt, "› NOR ·");
    int row, col;
    cr_expect(vt_find(vt, "尽管核武器国家对减少和最终消除", &row, &col), "%s", vt_dump(vt));
    quit(vt);
}

Test(state_reader, bookmarks_add_list_jump_rename_delete)
{
    struct vt *vt = run("A/74/90#p38");
    settle(vt, "¶38");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    char *place = text_row(vt, 0);
    vt_send(vt, "mprinciples\r");
    settle(vt, "as \"principles\""); /* the place is p38's first item, after j */
    vt_send(vt, "g"); /* elsewhere */
    settle(vt, "0%");
    vt_send(vt, "'");
    settle(vt, "Bookmarks");
    settle(vt, "principles");
    vt_send(vt, "\r"); /* Enter: the exact place */
    settle(vt, "¶38");
    char *back = text_row(vt, 0);
    cr_expect_str_eq(back, place);
    vt_send(vt, "'c");
    settle(vt, "new name: principles"); /* the prompt starts with the name */
    vt_send(vt, "\025guiding principles\r"); /* C-u empties it first */
    settle(vt, "guiding principles");
    vt_send(vt, "X");
    settle(vt, "delete \"guiding principles\"? (y/n)");
    vt_send(vt, "n"); /* kept */
    settle(vt, "kept");
    expect_on_screen(vt, "guiding principles");
    vt_send(vt, "Xy");
    settle(vt, "no bookmarks yet");
    vt_send(vt, "q"); /* closes the list */
    vt_wait_gone(vt, "Bookmarks", 0);
    free(place);
    free(back);
    quit(vt);
    /* and the command line sees what the reader saved */
}

static void
write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/ndvr", statedir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/ndvr/%s", statedir, name);
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
    settle(vt, "¶1");
    vt_send(vt, "'");
    settle(vt, "stale");
    int row, col;
    cr_expect(vt_find(vt, "here", &row, &col));
    vt_send(vt, "\r"); /* the stale one is first: it says so and stays */
    settle(vt, "is stale");
    vt_send(vt, "j\r");
    settle(vt, "¶7");
    quit(vt);
}

static bool
corrupt_copy_exists(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/ndvr", statedir);
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
    settle(vt, "moved aside");
    cr_expect(corrupt_copy_exists());
    vt_send(vt, "mfirst\r");
    settle(vt, "bookmarked");
    quit(vt);
}

Test(state_reader, an_unwritable_state_directory_is_said_and_reading_goes_on)
{
    char env[256];
    snprintf(env, sizeof env, "XDG_STATE_HOME=%s/file", statedir);
    char path[256];
    snprintf(path, sizeof path, "%s/file", statedir);
    FILE *f = fopen(path, "w"); /* a file where the directory would be */
    cr_assert_not_null(f);
    fclose(f);
    const char *argv[] = {NDVR, "A/74/90#p2", NULL};
    const char *envs[] = {env, NULL};
    struct vt *vt = vt_spawn(24, 80, argv, envs);
    settle(vt, "cannot save");
    settle(vt, "¶2");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    vt_send(vt, "m\r");
    settle(vt, "not saved");
    quit(vt);
}

Test(state_reader, back_reaches_into_the_previous_session)
{
    struct vt *vt = run("A/74/90#p10");
    settle(vt, "¶10");
    vt_send(vt, ":20\r");
    settle(vt, "¶20");
    quit(vt);
    vt = run("A/74/90#p30");
    settle(vt, "¶30");
    vt_send_key(vt, "Backspace");
    settle(vt, "¶20");
    vt_send_key(vt, "Backspace");
    settle(vt, "¶10");
    quit(vt);
}
