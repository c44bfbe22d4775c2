/* Screen tests of printing from the reader: tag, the dialog and its preview, sending in the
 * background to a fake lp, a failing printer that leaves the reader working. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/textfile.h"
#include "vt.h"

#define NDVR NDVR_BIN_DIR "/ndvr"

static char dir[64];
static char env_path[512], env_state[128];

/* A directory with an `lp` that records its arguments and input, or fails like CUPS does. */
static void
fake_lp(bool failing)
{
    snprintf(dir, sizeof dir, "/tmp/ndvr-lp-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/lp", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    if (failing)
        fprintf(f, "#!/bin/sh\ncat >/dev/null\necho 'lp: The printer or class does not exist.' >&2\n"
                   "exit 1\n");
    else
        fprintf(f, "#!/bin/sh\necho \"$@\" > '%s/args'\ncat > '%s/input'\n", dir, dir);
    fclose(f);
    chmod(path, 0755);
    snprintf(env_path, sizeof env_path, "PATH=%s:/usr/bin:/bin", dir);
    snprintf(env_state, sizeof env_state, "XDG_STATE_HOME=%s/state", dir);
}

static void
cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
}

static struct vt *
run(const char *address)
{
    const char *argv[] = {NDVR, address, NULL};
    const char *env[] = {env_path, env_state, NULL};
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
quit(struct vt *vt)
{
    char msg[256];
    cr_expect_eq(vt_quit(vt, "qq", 0), 0);
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}

static char *
recorded(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "lp never wrote %s", name);
    return text;
}

Test(print_reader, a_tagged_chapter_goes_to_lp_with_a_preview_first, .fini = cleanup)
{
    fake_lp(false);
    struct vt *vt = run("A/74/90#p27");
    settle(vt, "¶27");
    vt_send(vt, "1"); /* the outline: its cursor is on the section being read */
    vt_wait_quiet(vt, 0, 0);
    vt_send(vt, "k"); /* up to the chapter 三 */
    vt_send(vt, "t");
    settle(vt, "* - 三. 确定可能的共"); /* clipped by the outline's width */
    vt_send(vt, "P");
    settle(vt, "Page 1 of: A/74/90#ch3");
    int row, col;
    cr_expect(vt_find(vt, "A/74/90  三. 确定可能的共同点", &row, &col) ||
                  vt_find(vt, "A/74/90 三. 确定可能的共同点", &row, &col),
              "the preview shows the running header:\n%s", vt_dump(vt));
    vt_send(vt, "G\r"); /* the cursor starts on the destination: G goes down to Send */
    settle(vt, "printed");
    char *input = recorded("input");
    cr_expect(strstr(input, "27. 专家组指出") != NULL, "paragraph 27 was not printed");
    cr_expect(strstr(input, "38. 鉴于上述情况") != NULL, "paragraph 38 was not printed");
    cr_expect(strstr(input, "39. ") == NULL, "chapter 四 was printed too");
    for (const char *c = input; *c; c++)
        cr_expect((unsigned char)*c >= 0x20 || *c == '\n' || *c == '\f', "control byte %02x",
                  (unsigned char)*c);
    free(input);
    char *args = recorded("args");
    cr_expect_str_eq(args, "\n", "the default printer: lp without arguments");
    free(args);
    quit(vt);
}

Test(print_reader, a_failing_printer_is_reported_and_the_reader_goes_on, .fini = cleanup)
{
    fake_lp(true);
    struct vt *vt = run("A/74/90#p10");
    settle(vt, "¶10");
    vt_send(vt, "P");
    settle(vt, "Page 1 of:");
    vt_send(vt, "G\r"); /* Send: the dialog closes, the job runs in the background */
    cr_expect(vt_wait_gone(vt, "Page 1 of:", 0), "%s", vt_dump(vt));
    settle(vt, "printing failed");
    settle(vt, "The printer or class does not exist");
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    settle(vt, "¶10");
    quit(vt);
}

Test(print_reader, a_range_to_a_file, .fini = cleanup)
{
    fake_lp(false);
    struct vt *vt = run("A/74/90#p12");
    settle(vt, "¶12");
    vt_send(vt, "v");
    settle(vt, "range from A/74/90#p12");
    vt_send(vt, ":13\r");
    settle(vt, "¶13");
    vt_send(vt, "P");
    settle(vt, "Page 1 of: A/74/90#p12");
    /* the cursor is on "Send to": Enter twice (a printer, then a file) */
    vt_send(vt, "\r\r");
    settle(vt, "a file");
    char keys[256];
    snprintf(keys, sizeof keys, "j\r\025%s/out.txt\r", dir); /* C-u, then the file's name */
    vt_send(vt, keys);
    settle(vt, "out.txt");
    vt_send(vt, "jjjjj\r");
    settle(vt, "printed");
    char *out = recorded("out.txt");
    cr_expect(strstr(out, "12. 一些专家指出") != NULL, "paragraph 12 missing");
    cr_expect(strstr(out, "13. 一些专家指出") != NULL, "paragraph 13 missing");
    cr_expect(strstr(out, "14. ") == NULL, "paragraph 14 printed");
    free(out);
    quit(vt);
}
