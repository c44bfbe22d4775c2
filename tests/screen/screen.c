/* What the reader's screen tests share (screen.h). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include "screen.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct vt *
scr_spawn(int rows, int cols, const char *const argv[], const char *const env[])
{
    struct vt *vt = vt_spawn(rows, cols, argv, env);
    cr_assert_not_null(vt, "could not start %s", argv[0]);
    return vt;
}

struct vt *
scr_open(int rows, int cols, const char *address, const char *const args[], const char *const env[])
{
    enum { MAX_ARGS = 10 };
    const char *argv[MAX_ARGS + 3] = {SCR_NDVR};
    size_t n = 1;
    for (size_t i = 0; args != NULL && args[i] != NULL; i++) {
        cr_assert(i < MAX_ARGS, "more than %d arguments", MAX_ARGS);
        argv[n++] = args[i];
    }
    if (address != NULL)
        argv[n++] = address;
    argv[n] = NULL;
    return scr_spawn(rows, cols, argv, env);
}

/* Waits until text is on screen (gone false) or off it, asserting that it happens, then for
 * quiet. */
static void
settle_on(struct vt *vt, const char *text, bool gone)
{
    bool ok = gone ? vt_wait_gone(vt, text, 0) : vt_wait_text(vt, text, 0);
    char *dump = ok ? NULL : vt_dump(vt);
    cr_assert(ok, "`%s` %s:\n%s", text, gone ? "is still on screen" : "never showed",
              dump ? dump : "");
    vt_wait_quiet(vt, 0, 0);
}

void
scr_settle(struct vt *vt, const char *text)
{
    settle_on(vt, text, false);
}

void
scr_settle_gone(struct vt *vt, const char *text)
{
    settle_on(vt, text, true);
}

void
scr_find(struct vt *vt, const char *text, int *row, int *col)
{
    bool found = vt_find(vt, text, row, col);
    char *dump = found ? NULL : vt_dump(vt);
    cr_assert(found, "`%s` not on screen:\n%s", text, dump ? dump : "");
}

char *
scr_row_with(struct vt *vt, const char *text)
{
    int row;
    scr_find(vt, text, &row, NULL);
    return vt_row_text(vt, row);
}

void
scr_expect_on_screen(struct vt *vt, const char *text)
{
    char *dump = vt_find(vt, text, NULL, NULL) ? NULL : vt_dump(vt);
    cr_expect(dump == NULL, "`%s` not on screen:\n%s", text, dump ? dump : "");
    free(dump);
}

void
scr_expect_not_on_screen(struct vt *vt, const char *text)
{
    char *dump = vt_find(vt, text, NULL, NULL) ? vt_dump(vt) : NULL;
    cr_expect(dump == NULL, "`%s` should not be on screen:\n%s", text, dump ? dump : "");
    free(dump);
}

char *
scr_status_line(struct vt *vt)
{
    return vt_row_text(vt, vt_rows(vt) - 2);
}

char *
scr_message_line(struct vt *vt)
{
    return vt_row_text(vt, vt_rows(vt) - 1);
}

/* Expects a row to hold part, or to read exactly part; what names the row in the message. */
static void
expect_row(struct vt *vt, int row, const char *what, const char *part, bool exactly)
{
    char *s = vt_row_text(vt, row);
    bool ok = exactly ? strcmp(s, part) == 0 : strstr(s, part) != NULL;
    char *dump = ok ? NULL : vt_dump(vt);
    cr_expect(ok, "%s `%s` %s `%s`\n%s", what, s, exactly ? "is not" : "lacks", part,
              dump ? dump : "");
    free(s);
    free(dump);
}

void
scr_expect_status(struct vt *vt, const char *part)
{
    expect_row(vt, vt_rows(vt) - 2, "status", part, false);
}

void
scr_expect_message(struct vt *vt, const char *want)
{
    expect_row(vt, vt_rows(vt) - 1, "message", want, true);
}

void
scr_expect_message_has(struct vt *vt, const char *part)
{
    expect_row(vt, vt_rows(vt) - 1, "message", part, false);
}

void
scr_expect_focus(struct vt *vt, const char *name)
{
    char *s = scr_status_line(vt);
    size_t n = strlen(s), k = strlen(name);
    bool ok = n > k && s[n - k - 1] == ' ' && strcmp(s + n - k, name) == 0;
    char *dump = ok ? NULL : vt_dump(vt);
    cr_expect(ok, "status `%s` does not end in `%s`\n%s", s, name, dump ? dump : "");
    free(s);
    free(dump);
}

void
scr_expect_sound(struct vt *vt)
{
    char msg[2048];
    bool sound = vt_check_row_widths(vt, msg, sizeof msg);
    char *dump = sound ? NULL : vt_dump(vt);
    cr_expect(sound, "%s\n%s", msg, dump ? dump : "");
    free(dump);
}

void
scr_quit(struct vt *vt, const char *keys)
{
    char msg[512] = "";
    int status = vt_quit(vt, keys, 0);
    bool restored = vt_terminal_restored(vt, msg, sizeof msg);
    vt_free(vt);
    cr_expect_eq(status, 0, "exit status %d after `%s`", status, keys ? keys : "");
    cr_expect(restored, "%s", msg);
}

void
scr_temp_dir(char *dir, size_t size, const char *prefix)
{
    int n = snprintf(dir, size, "/tmp/%s-XXXXXX", prefix);
    cr_assert(n > 0 && (size_t)n < size, "no room for a directory named after %s", prefix);
    cr_assert_not_null(mkdtemp(dir), "could not make %s", dir);
}

void
scr_remove_dir(const char *dir)
{
    if (dir[0] == '\0')
        return;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
}

static char state_dir[64], state_env[128];

void
scr_state_make(void)
{
    scr_temp_dir(state_dir, sizeof state_dir, "ndvr-state");
    snprintf(state_env, sizeof state_env, "XDG_STATE_HOME=%s", state_dir);
}

void
scr_state_remove(void)
{
    scr_remove_dir(state_dir);
}

const char *
scr_state_dir(void)
{
    return state_dir;
}

const char *
scr_state_env(void)
{
    return state_env;
}

static char lp_dir[64], lp_path_env[128], lp_state_env[128];
static const char *lp_env[] = {lp_path_env, lp_state_env, NULL};

void
scr_lp_make(bool failing)
{
    scr_temp_dir(lp_dir, sizeof lp_dir, "ndvr-lp");
    char path[128];
    snprintf(path, sizeof path, "%s/lp", lp_dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "could not write %s", path);
    if (failing)
        fprintf(f,
                "#!/bin/sh\ncat >/dev/null\necho 'lp: The printer or class does not exist.' >&2\n"
                "exit 1\n");
    else
        fprintf(f, "#!/bin/sh\necho \"$@\" > '%s/args'\ncat > '%s/input'\n", lp_dir, lp_dir);
    fclose(f);
    cr_assert_eq(chmod(path, 0755), 0, "could not make %s executable", path);
    snprintf(lp_path_env, sizeof lp_path_env, "PATH=%s:/usr/bin:/bin", lp_dir);
    snprintf(lp_state_env, sizeof lp_state_env, "XDG_STATE_HOME=%s/state", lp_dir);
}

void
scr_lp_remove(void)
{
    scr_remove_dir(lp_dir);
}

const char *
scr_lp_dir(void)
{
    return lp_dir;
}

const char *const *
scr_lp_env(void)
{
    return lp_env;
}

/* --- Comparing with a repaint ---------------------------------------------------------------- */

enum { REPAINT_QUIET_MS = VT_QUIET_MS };

/* What a cell shows: its character, width, attributes and colours. */
struct cell {
    uint32_t ch;
    int width, fg, bg;
    bool bold, underline, reverse;
};

static struct cell *
snapshot(struct vt *vt)
{
    int rows = vt_rows(vt), cols = vt_cols(vt);
    struct cell *s = calloc((size_t)rows * (size_t)cols, sizeof *s);
    cr_assert_not_null(s);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            if (vt_cell_width(vt, r, c) == 0)       /* the right half of a wide character: its */
                s[r * cols + c] = (struct cell){0}; /* colours are the emulator's business */
            else
                s[r * cols + c] = (struct cell){vt_cell_char(vt, r, c),
                                                vt_cell_width(vt, r, c),
                                                vt_cell_fg(vt, r, c),
                                                vt_cell_bg(vt, r, c),
                                                vt_cell_attr(vt, r, c, VT_BOLD),
                                                vt_cell_attr(vt, r, c, VT_UNDERLINE),
                                                vt_cell_attr(vt, r, c, VT_REVERSE)};
    return s;
}

/* The first cell where two snapshots differ, as "row R col C", or "" when none. */
static void
first_difference(const struct cell *a, const struct cell *b, int rows, int cols, char *out,
                 size_t size)
{
    out[0] = '\0';
    for (int i = 0; i < rows * cols; i++)
        if (memcmp(&a[i], &b[i], sizeof *a) != 0) {
            snprintf(out, size,
                     "row %d col %d: U+%04X/%d fg %d bg %d, repaint U+%04X/%d fg %d bg %d",
                     i / cols, i % cols, (unsigned)a[i].ch, a[i].width, a[i].fg, a[i].bg,
                     (unsigned)b[i].ch, b[i].width, b[i].fg, b[i].bg);
            return;
        }
}

void
scr_expect_same_as_repaint(struct vt *vt, const char *what, int step)
{
    char *before_dump = vt_dump(vt);
    struct cell *before = snapshot(vt);
    vt_send(vt, "\f"); /* C-l: redraw, from a cleared screen */
    vt_wait_quiet(vt, REPAINT_QUIET_MS, 0);
    struct cell *after = snapshot(vt);
    char diff[200];
    /* the message line is left out: any key, C-l too, takes the last message away */
    first_difference(before, after, vt_rows(vt) - 1, vt_cols(vt), diff, sizeof diff);
    char *after_dump = vt_dump(vt);
    cr_expect_str_empty(diff, "%s, step %d, %dx%d: %s\nbefore:\n%s\nrepainted:\n%s", what, step,
                        vt_cols(vt), vt_rows(vt), diff, before_dump, after_dump);
    scr_expect_sound(vt);
    free(before_dump);
    free(after_dump);
    free(before);
    free(after);
}

double
scr_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
scr_time_scale(void)
{
    const char *s = getenv("NDVR_VT_SCALE");
    int k = s != NULL ? atoi(s) : 1;
    return k > 0 ? k : 1;
}
