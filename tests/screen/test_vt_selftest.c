/* The screen harness itself, against fixture_app (a tiny ncursesw program) and a few others. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "vt.h"

#define FIXTURE NDVR_FIXTURE_APP

/* Fails the test with msg and the whole screen. */
static void
fail_with_screen(struct vt *vt, const char *msg)
{
    char *dump = vt_dump(vt);
    cr_assert_fail("%s\n%s", msg, dump);
}

static void
expect(struct vt *vt, bool ok, const char *msg)
{
    if (!ok)
        fail_with_screen(vt, msg);
}

static void
expect_row(struct vt *vt, int row, const char *want)
{
    char *got = vt_row_text(vt, row);
    char msg[512];
    snprintf(msg, sizeof msg, "row %d is |%s|, expected |%s|", row, got, want);
    bool ok = strcmp(got, want) == 0;
    free(got);
    expect(vt, ok, msg);
}

/* Starts the fixture and waits until its first screen is complete. */
static struct vt *
start_fixture(int rows, int cols, int border)
{
    char arg[16], size[16];
    snprintf(arg, sizeof arg, "%d", border);
    const char *argv[] = {FIXTURE, "--border", arg, NULL};
    struct vt *vt = vt_spawn(rows, cols, argv, NULL);
    cr_assert_not_null(vt);
    snprintf(size, sizeof size, "%dx%d", rows, cols);
    expect(vt, vt_wait_text(vt, size, 0), "no first screen");
    expect(vt, vt_wait_quiet(vt, 0, 0), "the first screen never settled");
    return vt;
}

static void
quit_restored(struct vt *vt)
{
    char msg[256] = "";
    cr_assert_eq(vt_quit(vt, "q", 0), 0);
    cr_assert(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
}

static void
check_layout(int rows, int cols, int border)
{
    char size[16], msg[256] = "";
    struct vt *vt = start_fixture(rows, cols, border);
    snprintf(size, sizeof size, "%dx%d", rows, cols);
    expect_row(vt, 0, size);
    expect_row(vt, 1, "bold ul rev grn");
    expect_row(vt, 2, "中文，测试¹");
    expect_row(vt, rows - 1, "key 0: none");
    expect(vt, vt_check_row_widths(vt, msg, sizeof msg), msg);
    expect(vt, vt_check_column_is_border(vt, border, 3, 3, msg, sizeof msg), msg);
    expect(vt, vt_altscreen(vt), "not on the alternate screen");
    expect(vt, !vt_cursor_visible(vt), "curs_set(0) did not hide the cursor");
    quit_restored(vt);
    vt_free(vt);
}

Test(sizes, at_80x24)
{
    check_layout(24, 80, 31);
}

Test(sizes, at_40x12)
{
    check_layout(12, 40, 20);
}

Test(sizes, at_20x6)
{
    check_layout(6, 20, 9);
}

Test(screen, wide_cells)
{
    struct vt *vt = start_fixture(12, 40, 20);
    cr_assert_eq(vt_cell_char(vt, 2, 0), 0x4E2D);
    cr_assert_eq(vt_cell_width(vt, 2, 0), 2);
    cr_assert_eq(vt_cell_width(vt, 2, 1), 0, "right half of 中");
    cr_assert_eq(vt_cell_char(vt, 2, 1), 0);
    cr_assert_eq(vt_cell_char(vt, 2, 4), 0xFF0C, "，");
    cr_assert_eq(vt_cell_width(vt, 2, 4), 2);
    cr_assert_eq(vt_cell_char(vt, 2, 10), 0xB9, "¹ after five wide characters");
    cr_assert_eq(vt_cell_width(vt, 2, 10), 1);
    cr_assert_eq(vt_cell_char(vt, 2, 11), ' ');
    cr_assert_eq(vt_cell_width(vt, 99, 0), 0, "out of range");

    int row = -1, col = -1;
    cr_assert(vt_find(vt, "测试", &row, &col));
    cr_assert_eq(row, 2);
    cr_assert_eq(col, 6);
    cr_assert(!vt_find(vt, "not there", NULL, NULL));

    char *full = vt_row_text_full(vt, 2);
    char want[128];
    snprintf(want, sizeof want, "中文，测试¹%29s", "");
    cr_assert_str_eq(full, want);
    free(full);

    char *dump = vt_dump(vt);
    cr_assert(strstr(dump, " 2|中文，测试¹") != NULL, "%s", dump);
    cr_assert(strstr(dump, "screen 12x40") != NULL, "%s", dump);
    free(dump);
    quit_restored(vt);
    vt_free(vt);
}

Test(screen, attributes)
{
    struct vt *vt = start_fixture(24, 80, 40);
    /* "bold ul rev grn" */
    cr_assert(vt_cell_attr(vt, 1, 0, VT_BOLD));
    cr_assert(vt_cell_attr(vt, 1, 3, VT_BOLD));
    cr_assert(!vt_cell_attr(vt, 1, 0, VT_UNDERLINE));
    cr_assert(!vt_cell_attr(vt, 1, 4, VT_BOLD));
    cr_assert(vt_cell_attr(vt, 1, 5, VT_UNDERLINE));
    cr_assert(!vt_cell_attr(vt, 1, 5, VT_REVERSE));
    cr_assert(vt_cell_attr(vt, 1, 8, VT_REVERSE));
    cr_assert(vt_cell_attr(vt, 1, 10, VT_REVERSE));
    cr_assert(!vt_cell_attr(vt, 1, 11, VT_REVERSE));
    cr_assert(!vt_cell_attr(vt, 1, 12, VT_BOLD));
    cr_assert_eq(vt_cell_fg(vt, 1, 12), 2, "COLOR_GREEN");
    cr_assert_eq(vt_cell_bg(vt, 1, 12), VT_COLOR_DEFAULT, "use_default_colors");
    cr_assert_eq(vt_cell_fg(vt, 1, 0), VT_COLOR_DEFAULT);
    quit_restored(vt);
    vt_free(vt);
}

struct key_case {
    const char *send; /* vt_send_key name */
    const char *got;  /* what the fixture says ncurses returned */
};

Test(input, named_keys)
{
    static const struct key_case cases[] = {
        {"Enter", "^J"},
        {"Tab", "^I"},
        {"BTab", "KEY_BTAB"},
        {"S-Tab", "KEY_BTAB"},
        {"Backspace", "KEY_BACKSPACE"},
        {"Escape", "Escape"},
        {"Up", "KEY_UP"},
        {"Down", "KEY_DOWN"},
        {"Left", "KEY_LEFT"},
        {"Right", "KEY_RIGHT"},
        {"PageUp", "KEY_PPAGE"},
        {"PageDown", "KEY_NPAGE"},
        {"Home", "KEY_HOME"},
        {"End", "KEY_END"},
        {"Insert", "KEY_IC"},
        {"Delete", "KEY_DC"},
        {"F1", "KEY_F(1)"},
        {"F12", "KEY_F(12)"},
        {"C-x", "^X"},
        {"C-X", "^X"},
        {"M-x", "M-x"},
        {"x", "x"},
        {"中", "中"},
        {"C-Up", "kUP5"},
        {"M-Left", "kLFT3"},
        {"C-[", "Escape"},
    };
    struct vt *vt = start_fixture(24, 80, 40);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[96], msg[160];
        cr_assert(vt_send_key(vt, cases[i].send), "%s", cases[i].send);
        snprintf(want, sizeof want, "key %zu: %s", i + 1, cases[i].got);
        snprintf(msg, sizeof msg, "sent %s, expected \"%s\"", cases[i].send, want);
        expect(vt, vt_wait_text(vt, want, 0), msg);
    }
    cr_assert(!vt_send_key(vt, "Bogus"));
    cr_assert(!vt_send_key(vt, "C-中"));
    cr_assert(!vt_send_key(vt, "F13"));
    cr_assert(!vt_send_key(vt, ""));
    quit_restored(vt);
    vt_free(vt);
}

Test(input, resize_mid_session)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, 31);
    vt_send_key(vt, "Down");
    expect(vt, vt_wait_text(vt, "key 1: KEY_DOWN", 0), "no key before the resize");

    vt_resize(vt, 12, 40);
    cr_assert_eq(vt_rows(vt), 12);
    cr_assert_eq(vt_cols(vt), 40);
    expect(vt, vt_wait_text(vt, "key 2: KEY_RESIZE", 0), "no KEY_RESIZE: was SIGWINCH sent?");
    expect(vt, vt_wait_quiet(vt, 0, 0), "no quiet after the resize");
    expect_row(vt, 0, "12x40");
    expect(vt, vt_check_row_widths(vt, msg, sizeof msg), msg);
    expect(vt, vt_check_column_is_border(vt, 31, 3, 3, msg, sizeof msg), msg);

    /* Narrower than the border: the fixture moves it to COLS - 2. */
    vt_resize(vt, 6, 20);
    expect(vt, vt_wait_text(vt, "6x20", 0), "no redraw at 6x20");
    expect(vt, vt_wait_quiet(vt, 0, 0), "no quiet at 6x20");
    expect_row(vt, 2, "中文，测试¹");
    expect(vt, vt_check_row_widths(vt, msg, sizeof msg), msg);
    expect(vt, vt_check_column_is_border(vt, 18, 3, 3, msg, sizeof msg), msg);

    vt_resize(vt, 24, 80);
    expect(vt, vt_wait_text(vt, "24x80", 0), "no redraw back at 24x80");
    expect(vt, vt_wait_quiet(vt, 0, 0), "no quiet back at 24x80");
    expect_row(vt, 23, "key 4: KEY_RESIZE");
    quit_restored(vt);
    vt_free(vt);
}

/* Row 3 is clipped by width, row 4 by where a character starts, so on row 4 a wide character
 * covers the border. Both parities of the border column. */
static void
check_border(int border)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, border);
    expect(vt, vt_check_column_is_border(vt, border, 3, 3, msg, sizeof msg), msg);
    expect(vt, vt_check_column_is_border(vt, border, 5, 22, msg, sizeof msg), msg);
    expect(vt, !vt_check_column_is_border(vt, border, 3, 22, msg, sizeof msg),
           "the broken row passed");
    char want[96];
    snprintf(want, sizeof want, "row 4 col %d: a wide character covers the border", border);
    cr_assert(strstr(msg, want) != NULL, "%s", msg);
    cr_assert(!vt_check_column_is_border(vt, border, 2, 2, msg, sizeof msg), "plain text row");
    cr_assert(!vt_check_column_is_border(vt, border, 3, 30, msg, sizeof msg), "off screen");
    /* The broken row is still consistent as a row: that is the other checker's business. */
    expect(vt, vt_check_row_widths(vt, msg, sizeof msg), msg);
    quit_restored(vt);
    vt_free(vt);
}

Test(checkers, border_odd_column)
{
    check_border(31);
}

Test(checkers, border_even_column)
{
    check_border(30);
}

Test(checkers, row_widths_catch_a_squeezed_wide_char)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, 40);
    expect(vt, vt_check_row_widths(vt, msg, sizeof msg), msg);
    vt_send(vt, "w");
    expect(vt, vt_wait_text(vt, "key 1: w", 0), "no w");
    expect(vt, !vt_check_row_widths(vt, msg, sizeof msg), "half-overwritten 中 passed");
    cr_assert(strstr(msg, "row 2 col 0: U+4E2D has width 2 but occupies 1 cell") != NULL, "%s",
              msg);
    quit_restored(vt);
    vt_free(vt);
}

Test(ending, restored_after_sigterm)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, 40);
    cr_assert_eq(vt_signal(vt, SIGTERM, 0), 3);
    cr_assert_eq(vt_exit_status(vt), 3);
    cr_assert(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}

Test(ending, restored_after_sighup)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, 40);
    cr_assert_eq(vt_signal(vt, SIGHUP, 0), 3);
    cr_assert(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}

Test(ending, not_restored_after_sigkill)
{
    char msg[256] = "";
    struct vt *vt = start_fixture(24, 80, 40);
    cr_assert(!vt_terminal_restored(vt, msg, sizeof msg), "still running");
    cr_assert_str_eq(msg, "the child is still running");
    cr_assert_eq(vt_signal(vt, SIGKILL, 0), 128 + SIGKILL);
    cr_assert(!vt_terminal_restored(vt, msg, sizeof msg));
    cr_assert_str_eq(msg, "still on the alternate screen");
    vt_free(vt);
}

struct restore_case {
    const char *script;
    const char *msg; /* NULL: restored */
};

/* Each check of vt_terminal_restored on its own, with a shell leaving one thing behind. */
Test(ending, each_restoration_check)
{
    static const struct restore_case cases[] = {
        {"printf '\\033[?1049h'", "still on the alternate screen"},
        /* libvterm alone would call this restored: 1049l also restores DECSC's visibility. */
        {"printf '\\033[?1049h\\033[?25l\\033[?1049l'", "the cursor is still hidden"},
        {"printf '\\033[?25l\\033[?12;25h'", NULL},
        {"printf '\\033[?25l\\033c'", NULL},
        {"stty -icanon", "the pty is left with -icanon"},
        {"stty -echo", "the pty is left with -echo"},
        {"true", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *argv[] = {"/bin/sh", "-c", cases[i].script, NULL};
        char msg[256] = "";
        struct vt *vt = vt_spawn(6, 40, argv, NULL);
        cr_assert_not_null(vt);
        cr_assert_eq(vt_wait_exit(vt, 0), 0, "%s", cases[i].script);
        bool restored = vt_terminal_restored(vt, msg, sizeof msg);
        if (cases[i].msg == NULL)
            cr_assert(restored, "%s: %s", cases[i].script, msg);
        else
            cr_assert(!restored && strcmp(msg, cases[i].msg) == 0, "%s: |%s|", cases[i].script,
                      msg);
        vt_free(vt);
    }
}

static long
elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

Test(ending, hung_child_is_killed_at_the_timeout)
{
    const char *argv[] = {FIXTURE, "--hang", NULL};
    struct vt *vt = vt_spawn(24, 80, argv, NULL);
    cr_assert_not_null(vt);
    expect(vt, vt_wait_text(vt, "key 0: none", 0), "no first screen");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cr_assert_eq(vt_signal(vt, SIGTERM, 300), VT_EXIT_TIMEOUT);
    cr_assert_eq(vt_exit_status(vt), 128 + SIGKILL, "killed after the timeout");
    long ms = elapsed_ms(&t0);
    cr_assert(ms >= 300 && ms < 3000, "%ld ms", ms);
    /* Nothing left to quit: returns at once with the same status. */
    cr_assert_eq(vt_quit(vt, "q", 300), 128 + SIGKILL);
    vt_free(vt);
}

Test(ending, hung_child_ignores_q)
{
    const char *argv[] = {FIXTURE, "--hang", NULL};
    struct vt *vt = vt_spawn(24, 80, argv, NULL);
    cr_assert_not_null(vt);
    vt_send(vt, "q");
    expect(vt, vt_wait_text(vt, "key 1: q", 0), "q did not arrive");
    cr_assert_eq(vt_quit(vt, NULL, 300), VT_EXIT_TIMEOUT);
    cr_assert_eq(vt_exit_status(vt), 128 + SIGKILL);
    vt_free(vt);
}

Test(ending, child_that_exits_at_once)
{
    char msg[256] = "";
    const char *argv[] = {FIXTURE, "--exit", "7", NULL};
    struct vt *vt = vt_spawn(6, 20, argv, NULL);
    cr_assert_not_null(vt);
    cr_assert_eq(vt_wait_exit(vt, 0), 7);
    expect(vt, vt_find(vt, "exiting 7", NULL, NULL), "output before the exit is lost");
    cr_assert(!vt_wait_quiet(vt, 0, 500), "quiet reported for a dead child");
    cr_assert(vt_wait_text(vt, "exiting 7", 500), "text already on screen");
    cr_assert(!vt_wait_text(vt, "never", 500));
    cr_assert(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_send(vt, "q");
    cr_assert(vt_send_key(vt, "Up"));
    vt_resize(vt, 12, 40);
    cr_assert_eq(vt_quit(vt, "q", 0), 7);
    vt_free(vt);
}

Test(ending, exec_failure_is_127)
{
    const char *argv[] = {"/nonexistent/ndvr-vt-test", NULL};
    struct vt *vt = vt_spawn(6, 40, argv, NULL);
    cr_assert_not_null(vt);
    cr_assert_eq(vt_wait_exit(vt, 0), 127);
    expect(vt, vt_find(vt, "cannot execute", NULL, NULL), "no message");
    vt_free(vt);
}

Test(spawn, environment)
{
    const char *argv[] = {
        "/bin/sh", "-c",
        "printf 'T=%s L=%s G=%s\\n' \"$TERM\" \"$LC_ALL\" \"${LANG-unset}\";"
        "printf 'H=%s\\n' \"$HOME\";"
        "printf 'C=%s\\n' \"$XDG_CONFIG_HOME\";"
        "printf 'S=%s\\n' \"$XDG_STATE_HOME\";"
        "printf 'N=%s\\n' \"$NDVR_CORPUS\";"
        "printf 'F=%s P=%s K=%s\\n' \"$FOO\" \"${LINES-unset}\" \"${NDVR_KEYMAP-unset}\";"
        "test -d \"$XDG_CONFIG_HOME\" && test -d \"$XDG_STATE_HOME\" && echo dirs",
        NULL};
    const char *env[] = {"FOO=bar", "LANG=", "LINES=", NULL};
    setenv("LINES", "99", 1);
    setenv("NDVR_KEYMAP", "/leak", 1);
    struct vt *vt = vt_spawn(12, 120, argv, env);
    cr_assert_not_null(vt);
    cr_assert_eq(vt_wait_exit(vt, 0), 0);
    char home[300], line[400];
    snprintf(home, sizeof home, "%s", vt_home(vt));
    expect_row(vt, 0, "T=xterm-256color L=C.UTF-8 G=unset");
    snprintf(line, sizeof line, "H=%s", home);
    expect_row(vt, 1, line);
    snprintf(line, sizeof line, "C=%s/config", home);
    expect_row(vt, 2, line);
    snprintf(line, sizeof line, "S=%s/state", home);
    expect_row(vt, 3, line);
    expect_row(vt, 4, "N=" NDVR_SOURCE_DIR "/assets/corpus");
    expect_row(vt, 5, "F=bar P=unset K=unset");
    expect_row(vt, 6, "dirs");
    vt_free(vt);
    struct stat st;
    cr_assert(stat(home, &st) != 0 && errno == ENOENT, "%s survived vt_free", home);
}

Test(spawn, extra_env_sets_lang)
{
    const char *argv[] = {"/bin/sh", "-c", "echo \"G=$LANG\"", NULL};
    const char *env[] = {"LANG=zh_CN.UTF-8", NULL};
    struct vt *vt = vt_spawn(6, 40, argv, env);
    cr_assert_not_null(vt);
    cr_assert_eq(vt_wait_exit(vt, 0), 0);
    expect_row(vt, 0, "G=zh_CN.UTF-8");
    vt_free(vt);
}

static int
count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    cr_assert_not_null(d);
    int n = 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

Test(spawn, no_fd_or_zombie_leak)
{
    int before = count_fds();
    struct vt *a = start_fixture(24, 80, 40);
    struct vt *b = start_fixture(6, 20, 9);
    struct vt *c = vt_spawn(6, 20, (const char *[]){FIXTURE, "--hang", NULL}, NULL);
    cr_assert_not_null(c);
    cr_assert_eq(vt_quit(a, "q", 0), 0);
    vt_free(a);
    vt_free(b); /* still running: killed */
    vt_free(c);
    vt_free(NULL);
    cr_assert_eq(count_fds(), before);
    errno = 0;
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1, "a child is left");
    cr_assert_eq(errno, ECHILD);
}
