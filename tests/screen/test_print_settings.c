/* Screen tests of the print dialog's settings across runs: a first run, whose state directory
 * does not exist yet, keeps what the user chose (issue 10, D9). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/textfile.h"
#include "vt.h"

#define NDVR NDVR_BIN_DIR "/ndvr"

static char dir[64];
static char env_state[128];

/* $XDG_STATE_HOME inside a fresh directory but not made: as with an empty $HOME, where
 * ~/.local/state does not exist either. */
static void
make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ndvr-print-settings-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(env_state, sizeof env_state, "XDG_STATE_HOME=%s/state", dir);
}

static void
remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
}

TestSuite(print_settings, .init = make_dir, .fini = remove_dir);

/* The reader at 80x24 on the test's state directory. */
static struct vt *
run(const char *address)
{
    const char *argv[] = {NDVR, address, NULL};
    const char *env[] = {env_state, NULL};
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
quit(struct vt *vt, const char *keys)
{
    char msg[256];
    cr_expect_eq(vt_quit(vt, keys, 0), 0);
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}

/* Moves the dialog's cursor from row *at to the row showing label (rows are found on the
 * screen, so that their order may change). */
static void
go(struct vt *vt, int *at, const char *label)
{
    int row;
    cr_assert(vt_find(vt, label, &row, NULL), "no row %s", label);
    for (; *at < row; (*at)++)
        vt_send(vt, "j");
    for (; *at > row; (*at)--)
        vt_send(vt, "k");
    vt_wait_quiet(vt, 0, 0);
}

/* Enter on "Send to" until it says `a file` (the cursor starts there). */
static void
choose_a_file(struct vt *vt)
{
    for (int i = 0; i < 6 && !vt_find(vt, "Send to:         a file", NULL, NULL); i++) {
        vt_send(vt, "\r");
        vt_wait_quiet(vt, 0, 0);
    }
    settle(vt, "Send to:         a file");
}

/* A file in the test's directory, a width of 50, then Send. */
static void
choose_and_send(struct vt *vt)
{
    int at;
    cr_assert(vt_find(vt, "Send to:", &at, NULL));
    choose_a_file(vt);
    char keys[256];
    snprintf(keys, sizeof keys, "\r\025%s/out.txt\r", dir); /* C-u, then the file's name */
    go(vt, &at, "file:");
    vt_send(vt, keys);
    settle(vt, "out.txt");
    go(vt, &at, "Page width:");
    vt_send(vt, "\r\02550\r");
    settle(vt, "Page width:      50 columns");
    go(vt, &at, "[ Send ]");
    vt_send(vt, "\r");
}

static char *
read_conf(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/state/ndvr/print.conf", dir);
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "no %s after the first run's printing", path);
    return text;
}

Test(print_settings, a_first_run_saves_them_and_the_next_run_shows_them)
{
    struct stat st;
    struct vt *vt = run("A/74/90#p10");
    settle(vt, "¶10");
    vt_send(vt, "P");
    settle(vt, "Page 1 of:");
    choose_and_send(vt);
    settle(vt, "printed");
    char *dump = vt_dump(vt);
    cr_expect_null(strstr(dump, "not saved"), "%s", dump);
    free(dump);
    quit(vt, "q");
    char *conf = read_conf();
    cr_expect_not_null(strstr(conf, "width 50\n"), "%s", conf);
    cr_expect_not_null(strstr(conf, "dest file\n"), "%s", conf);
    free(conf);
    vt = run("A/74/90#p10");
    settle(vt, "¶10");
    vt_send(vt, "P");
    settle(vt, "Page width:      50 columns");
    settle(vt, "Send to:         a file");
    settle(vt, "out.txt");
    quit(vt, "qq"); /* the dialog, then the reader */
    char out[128];
    snprintf(out, sizeof out, "%s/out.txt", dir);
    cr_expect_eq(stat(out, &st), 0, "nothing was printed to %s", out);
}
