/* The conventions of command-line programs: `ndvr COMMAND --help` for every command (usage on
 * standard output, status 0), and --version with the licence for both programs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "util/textfile.h"
#include "util/xalloc.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define SEGMENT NDVR_BIN_DIR "/ndvr-segment"

/* The text `ndvr help CMD` prints, which `ndvr CMD --help` must print too. */
static char *
expected_help(const struct cli_cmd *cmd)
{
    return xasprintf("usage: ndvr %s%s%s\n%s\n", cmd->name, cmd->usage[0] ? " " : "", cmd->usage,
                     cmd->help);
}

static void
expect_help(const struct cli_cmd *cmd, const char *const *args)
{
    struct run r = run_program(NDVR, args, NULL);
    char *want = expected_help(cmd);
    cr_expect_eq(r.status, 0, "%s: status %d, stderr %s", cmd->name, r.status, r.err);
    cr_expect_str_eq(r.out, want, "%s", cmd->name);
    cr_expect_str_eq(r.err, "", "%s", cmd->name);
    free(want);
    run_free(&r);
}

Test(conventions, every_command_answers_help)
{
    size_t n;
    const struct cli_cmd *cmds = cli_cmds(&n);
    cr_assert_gt(n, 10);
    for (size_t i = 0; i < n; i++) {
        expect_help(&cmds[i], (const char *const[]){cmds[i].name, "--help", NULL});
        expect_help(&cmds[i], (const char *const[]){cmds[i].name, "-h", NULL});
    }
}

/* The review's case: `ndvr ls --help` was "unknown option", status 2. Options and operands
 * before --help do not matter; after `--` it is an operand. */
Test(conventions, help_after_other_arguments)
{
    const struct cli_cmd *ls = cli_cmd_find("ls");
    cr_assert_not_null(ls);
    char *want = expected_help(ls);
    cr_expect_str_eq(want, "usage: ndvr ls [-r] [--json] [ADDRESS]\n"
                           "List the children of ADDRESS, or the documents; -r: the whole "
                           "subtree\n");
    free(want);
    expect_help(ls, (const char *const[]){"ls", "-r", "A/74/90", "--help", NULL});
    expect_help(cli_cmd_find("print"),
                (const char *const[]){"print", "--width", "40", "--help", NULL});
    struct run r = run_program(NDVR, (const char *const[]){"search", "--", "--help", NULL}, NULL);
    cr_expect_eq(r.status, 1, "a query, found nowhere: %s", r.err);
    cr_expect_str_eq(r.out, "");
    run_free(&r);
}

static void
expect_version(const char *program, const char *name)
{
    struct run r = run_program(program, (const char *const[]){"--version", NULL}, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *first = xasprintf("%s %s\n", name, NDVR_VERSION);
    cr_expect(strncmp(r.out, first, strlen(first)) == 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "\nCopyright (C) 2026 the ndvr contributors.\n"), "%s", r.out);
    cr_expect_not_null(
        strstr(r.out, "\nLicense Apache-2.0: <https://www.apache.org/licenses/LICENSE-2.0>.\n"),
        "%s", r.out);
    cr_expect_str_eq(r.err, "");
    free(first);
    run_free(&r);
}

Test(conventions, version_with_the_licence)
{
    expect_version(NDVR, "ndvr");
    expect_version(SEGMENT, "ndvr-segment");
}

Test(conventions, segment_help_and_its_errors)
{
    struct run r = run_program(SEGMENT, (const char *const[]){"--help", NULL}, NULL);
    cr_expect_eq(r.status, 0);
    cr_expect(strncmp(r.out, "usage: ndvr-segment ", 20) == 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "--version"));
    run_free(&r);
    r = run_program(SEGMENT, (const char *const[]){"--versio", NULL}, NULL);
    cr_expect_eq(r.status, 2);
    cr_expect(strncmp(r.err, "ndvr-segment: unknown option: --versio\n", 39) == 0, "%s", r.err);
    run_free(&r);
}

/* A write error on --version is an error, as for every other output. */
Test(conventions, version_to_a_full_disk_fails)
{
    const char *const progs[] = {NDVR, SEGMENT};
    for (size_t i = 0; i < 2; i++) {
        char *cmd = xasprintf("'%s' --version >/dev/full 2>/dev/null", progs[i]);
        int rc = system(cmd);
        cr_expect(WIFEXITED(rc) && WEXITSTATUS(rc) == 2, "%s: %d", progs[i], rc);
        free(cmd);
    }
}

/* The version is set once, in CMakeLists.txt's project() (NDVR_VERSION); the man pages'
 * headers and debian/changelog repeat it (NEWS: the version scheme). */
static void
expect_file_has(const char *rel, const char *want)
{
    char *path = xasprintf("%s/%s", NDVR_SOURCE_DIR, rel);
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "%s", path);
    cr_expect_not_null(strstr(text, want), "%s lacks `%s`", rel, want);
    free(text);
    free(path);
}

Test(conventions, one_version_everywhere)
{
    expect_file_has("man/ndvr.1", "\"ndvr " NDVR_VERSION "\"");
    expect_file_has("man/ndvr-segment.1", "\"ndvr " NDVR_VERSION "\"");
    expect_file_has("man/ndvr-tree.5", "\"ndvr " NDVR_VERSION "\"");
    /* the first line: the newest entry */
    char *path = xasprintf("%s/debian/changelog", NDVR_SOURCE_DIR);
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text);
    cr_expect(strncmp(text, "ndvr (" NDVR_VERSION ") ", strlen("ndvr (" NDVR_VERSION ") ")) == 0,
              "%.40s", text);
    free(text);
    free(path);
    expect_file_has("NEWS", "\n" NDVR_VERSION " (");
}
