/* The reader under faults (issue 14): a FIFO where it reads a file (the user's keys, the print
 * settings, the state files) never hangs it; and a session that cannot be saved at quit (a
 * read-only or full state directory, a lock that cannot be opened) is reported on stderr once
 * the terminal is restored, with exit status 2, and the old file is kept. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "screen.h"

static char dir[128], config_env[200], state_env[200], state_dir[160];

/* dir/config/ndvr and dir/state (XDG_STATE_HOME; the reader's state goes in its ndvr/). */
static void
make_dirs(void)
{
    scr_temp_dir(dir, sizeof dir, "ndvr-fault-reader");
    char config[160];
    snprintf(config, sizeof config, "%s/config", dir);
    cr_assert_eq(mkdir(config, 0700), 0);
    snprintf(config, sizeof config, "%s/config/ndvr", dir);
    cr_assert_eq(mkdir(config, 0700), 0);
    snprintf(state_dir, sizeof state_dir, "%s/state", dir);
    cr_assert_eq(mkdir(state_dir, 0700), 0);
    snprintf(config_env, sizeof config_env, "XDG_CONFIG_HOME=%s/config", dir);
    snprintf(state_env, sizeof state_env, "XDG_STATE_HOME=%s", state_dir);
}

static void
remove_dirs(void)
{
    umount2(state_dir, MNT_DETACH); /* when a test mounted it */
    chmod(state_dir, 0700);
    scr_remove_dir(dir);
}

TestSuite(fault_reader, .init = make_dirs, .fini = remove_dirs, .timeout = 60);

/* dir/name, in a buffer the next call reuses. */
static const char *
path_at(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void
mkdir_at(const char *name)
{
    cr_assert_eq(mkdir(path_at(name), 0700), 0, "%s: %s", path_at(name), strerror(errno));
}

static void
fifo_at(const char *name)
{
    cr_assert_eq(mkfifo(path_at(name), 0600), 0, "%s: %s", path_at(name), strerror(errno));
}

static void
write_at(const char *name, const char *text)
{
    FILE *f = fopen(path_at(name), "w");
    cr_assert_not_null(f, "%s", path_at(name));
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static char *
read_at(const char *name)
{
    FILE *f = fopen(path_at(name), "r");
    if (f == NULL)
        return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static struct vt *
open_reader(void)
{
    const char *const env[] = {config_env, state_env, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, env);
    scr_settle(vt, "A/74/90");
    return vt;
}

/* Quits with q, expecting exit status 2 and want in what stderr left on the restored screen. */
static void
quit_not_saved(struct vt *vt, const char *want)
{
    char msg[512] = "";
    int status = vt_quit(vt, "q", 0);
    bool restored = vt_terminal_restored(vt, msg, sizeof msg);
    cr_expect(restored, "%s", msg);
    cr_expect_eq(status, 2, "exit status %d", status);
    cr_expect(vt_find(vt, "ndvr: the reading position was not saved:", NULL, NULL),
              "no message after the reader:\n%s", vt_dump(vt));
    cr_expect(vt_find(vt, want, NULL, NULL), "no '%s' after the reader:\n%s", want, vt_dump(vt));
    vt_free(vt);
}

Test(fault_reader, a_fifo_as_the_keys_file_is_an_error_not_a_hang)
{
    fifo_at("config/ndvr/keys");
    struct vt *vt = open_reader();
    scr_expect_message_has(vt, "keys: not a regular file");
    scr_quit(vt, "q");
}

Test(fault_reader, a_fifo_as_the_print_settings_is_an_error_not_a_hang)
{
    mkdir_at("state/ndvr");
    fifo_at("state/ndvr/print.conf");
    struct vt *vt = open_reader();
    scr_expect_message_has(vt, "print.conf: not a regular file");
    scr_quit(vt, "q");
}

Test(fault_reader, fifos_as_the_state_files_are_moved_aside)
{
    mkdir_at("state/ndvr");
    fifo_at("state/ndvr/bookmarks.json");
    fifo_at("state/ndvr/session.json");
    struct vt *vt = open_reader();
    scr_expect_message_has(vt, "not a regular file");
    scr_quit(vt, "q");
    cr_expect_not_null(read_at("state/ndvr/session.json"), "the session was saved");
}

/* Read-only: a read-only tmpfs for root (who writes mode 0555 directories), else mode 0555. */
Test(fault_reader, a_read_only_state_directory_is_reported_at_quit)
{
    if (geteuid() == 0) {
        if (mount("tmpfs", state_dir, "tmpfs", MS_RDONLY, "size=64k") != 0)
            cr_skip_test("cannot mount a tmpfs here: %s", strerror(errno));
    } else {
        cr_assert_eq(chmod(state_dir, 0555), 0);
    }
    struct vt *vt = open_reader();
    quit_not_saved(vt, geteuid() == 0 ? "Read-only file system" : "Permission denied");
}

/* A full disk (root only: a 16 KiB tmpfs, filled): the old session file stays as it was. */
Test(fault_reader, a_full_state_disk_is_reported_at_quit_and_keeps_the_old_file)
{
    if (geteuid() != 0)
        cr_skip_test("not root: no tmpfs can be mounted (the read-only test covers the report)");
    if (mount("tmpfs", state_dir, "tmpfs", 0, "size=16k") != 0)
        cr_skip_test("cannot mount a tmpfs here: %s", strerror(errno));
    mkdir_at("state/ndvr");
    static const char old[] = "{\"format\":\"ndvr-session\",\"version\":1,\"last\":{\"A/74/90\":"
                              "{\"address\":\"A/74/90#p3\",\"offset\":0,\"time\":\"\"}},"
                              "\"history\":[]}\n";
    write_at("state/ndvr/session.json", old);
    FILE *fill = fopen(path_at("state/fill"), "w");
    cr_assert_not_null(fill);
    static const char block[1024];
    while (fwrite(block, 1, sizeof block, fill) == sizeof block && fflush(fill) == 0)
        ;
    fclose(fill);
    struct vt *vt = open_reader();
    quit_not_saved(vt, "No space left on device");
    cr_expect_str_eq(read_at("state/ndvr/session.json"), old);
}

/* state.lock a directory: the lock cannot be opened, and the message at quit says so. */
Test(fault_reader, an_unopenable_lock_is_reported_at_quit)
{
    mkdir_at("state/ndvr");
    mkdir_at("state/ndvr/state.lock");
    struct vt *vt = open_reader();
    quit_not_saved(vt, "cannot open the lock: Is a directory");
}
