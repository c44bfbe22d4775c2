/* `ndvr print` as a real program: destinations (a fake lp on PATH that records its arguments
 * and input, one that fails, none at all), the user's command without a shell, files,
 * standard output, usage errors, and the hand-checked golden pages. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "print/print.h"
#include "util/strbuf.h"
#include "util/textfile.h"
#include "util/xalloc.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS NDVR_SOURCE_DIR "/assets/corpus"
#define GOLDEN NDVR_SOURCE_DIR "/tests/golden"

/* Runs `ndvr --corpus CORPUS print ARGS...` with PATH set to path. */
static struct run
run_print(const char *path, const char *const *args)
{
    const char *argv[40] = {"--corpus", CORPUS, "print"};
    size_t n = 3;
    for (size_t i = 0; args[i] != NULL && n < 39; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    char env_path[600];
    snprintf(env_path, sizeof env_path, "PATH=%s", path);
    const char *env[] = {env_path, "NDVR_AMBIGUOUS_WIDTH=", NULL};
    return run_program(NDVR, argv, env);
}

#define RUN(path, ...) run_print(path, (const char *const[]){__VA_ARGS__, NULL})
#define SYSTEM_PATH "/usr/local/bin:/usr/bin:/bin"

/* --- A directory of fake programs ------------------------------------------------------------- */

struct fake {
    char dir[64];
    char path[256]; /* PATH: the fake programs first */
};

static void
write_script(const struct fake *f, const char *name, const char *body)
{
    char file[128];
    snprintf(file, sizeof file, "%s/%s", f->dir, name);
    FILE *fp = fopen(file, "w");
    cr_assert_not_null(fp);
    fprintf(fp, "#!/bin/sh\n%s", body);
    fclose(fp);
    cr_assert_eq(chmod(file, 0755), 0);
}

/* `rec` (and `lp`) write their arguments, one a line, to DIR/args and their input to
 * DIR/stdin; `fail-lp` complains and exits 1. */
static struct fake
make_fakes(bool lp_fails)
{
    struct fake f;
    snprintf(f.dir, sizeof f.dir, "/tmp/ndvr-fake-lp-XXXXXX");
    cr_assert_not_null(mkdtemp(f.dir));
    snprintf(f.path, sizeof f.path, "%s:" SYSTEM_PATH, f.dir);
    char rec[512];
    snprintf(rec, sizeof rec,
             ": >'%s/args'\n"
             "for a in \"$@\"; do printf '%%s\\n' \"$a\" >>'%s/args'; done\n"
             "cat >'%s/stdin'\n"
             "echo 'request id is fake-1 (1 file(s))'\n",
             f.dir, f.dir, f.dir);
    write_script(&f, "rec", rec);
    write_script(&f, "lp",
                 lp_fails ? "cat >/dev/null\n"
                            "echo 'lp: The printer or class does not exist.' >&2\n"
                            "echo 'a second line' >&2\n"
                            "exit 1\n"
                          : rec);
    return f;
}

static char *
fake_file(const struct fake *f, const char *name)
{
    char file[128];
    snprintf(file, sizeof file, "%s/%s", f->dir, name);
    size_t n;
    char *s = textfile_read(file, &n, NULL);
    cr_assert_not_null(s, "%s was not written", file);
    return s;
}

static void
remove_fakes(const struct fake *f)
{
    static const char *const names[] = {"rec", "lp", "args", "stdin", "out.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char file[128];
        snprintf(file, sizeof file, "%s/%s", f->dir, names[i]);
        unlink(file);
    }
    rmdir(f->dir);
}

/* What `--to -` prints for the same arguments: the data every destination must get. */
static char *
expected_output(const char *address)
{
    struct run r = RUN(SYSTEM_PATH, "--to", "-", "--width", "40", "--page-lines", "20", address);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    free(r.err);
    return r.out;
}

/* --- Destinations ----------------------------------------------------------------------------- */

Test(print_cli, to_stdout)
{
    struct run r =
        RUN(SYSTEM_PATH, "--to", "-", "--width", "40", "--page-lines", "20", "A/74/90#ch3");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cr_expect(strncmp(r.out, "A/74/90  三. 确定可能的共同点\n\nSelected: ", 48) == 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "\n\f"));
    cr_expect_not_null(strstr(r.out, "1/6\n"));
    run_free(&r);
}

Test(print_cli, named_printer)
{
    struct fake f = make_fakes(false);
    char *want = expected_output("A/74/90#p10");
    struct run r = RUN(f.path, "--printer", "office 2", "--format", "text", "--width", "40",
                       "--page-lines", "20", "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "request id is fake-1 (1 file(s))\n");
    cr_expect_str_eq(r.err, "");
    char *args = fake_file(&f, "args"), *in = fake_file(&f, "stdin");
    /* text only because it was asked for; titled by the section of ¶10 (二.A 一般性讨论) */
    cr_expect_str_eq(args, "-d\noffice 2\n-t\nA/74/90 A. 一般性讨论\n-o\nmedia=A4\n-o\n"
                           "document-format=text/plain\n");
    cr_expect_str_eq(in, want);
    free(args);
    free(in);
    free(want);
    run_free(&r);
    remove_fakes(&f);
}

Test(print_cli, default_printer)
{
    struct fake f = make_fakes(false);
    char *want = expected_output("A/72/304#BDI");
    struct run r =
        RUN(f.path, "--format", "text", "--width", "40", "--page-lines", "20", "A/72/304#BDI");
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *args = fake_file(&f, "args"), *in = fake_file(&f, "stdin");
    cr_expect_str_eq(args, "-t\nA/72/304 布隆迪\n-o\nmedia=A4\n-o\ndocument-format=text/plain\n");
    cr_expect_str_eq(in, want);
    free(args);
    free(in);
    free(want);
    run_free(&r);
    remove_fakes(&f);
}

/* Words split as a shell would, quotes respected, but nothing a shell would do else: no
 * expansion, no `;`. */
Test(print_cli, command_without_shell)
{
    struct fake f = make_fakes(false);
    char *want = expected_output("A/74/90#p10");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "'%s/rec' -x \"two words\" a;b $HOME 'it'\\''s' >x", f.dir);
    struct run r =
        RUN(f.path, "--command", cmd, "--width", "40", "--page-lines", "20", "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *args = fake_file(&f, "args"), *in = fake_file(&f, "stdin");
    cr_expect_str_eq(args, "-x\ntwo words\na;b\n$HOME\nit's\n>x\n");
    cr_expect_str_eq(in, want);
    free(args);
    free(in);
    free(want);
    run_free(&r);
    remove_fakes(&f);
}

/* The command's output is the user's: `cat -n` numbers the pages on standard output. */
Test(print_cli, command_output_passes_through)
{
    struct run r = RUN(SYSTEM_PATH, "--command", "cat -n", "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strncmp(r.out, "     1\tA/74/90  A. 一般性讨论\n     2\t\n     3\tSelected: ", 60) ==
                  0,
              "%s", r.out);
    run_free(&r);
}

Test(print_cli, to_file_truncates)
{
    struct fake f = make_fakes(false);
    char file[128];
    snprintf(file, sizeof file, "%s/out.txt", f.dir);
    FILE *fp = fopen(file, "w");
    cr_assert_not_null(fp);
    for (int i = 0; i < 2000; i++)
        fputs("old content that must go\n", fp);
    fclose(fp);
    char *want = expected_output("A/74/90#p10");
    struct run r =
        RUN(SYSTEM_PATH, "--to", file, "--width", "40", "--page-lines", "20", "A/74/90#p10");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "");
    char *got = fake_file(&f, "out.txt");
    cr_expect_str_eq(got, want);
    free(got);
    free(want);
    run_free(&r);
    r = RUN(SYSTEM_PATH, "--to", "/nonexistent-dir/x.txt", "A/74/90#p10");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "ndvr print: cannot write /nonexistent-dir/x.txt: No such file or "
                            "directory\n");
    run_free(&r);
    remove_fakes(&f);
}

Test(print_cli, html_to_stdout)
{
    struct run r = RUN(SYSTEM_PATH, "--format", "html", "--to", "-", "A/74/90#p37");
    cr_expect_eq(r.status, 0, "%s", r.err);
    static const char head[] = "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n";
    cr_expect(strncmp(r.out, head, sizeof head - 1) == 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "@top-right { content: \"A/74/90\";"), "%s", r.out);
    cr_expect_not_null(strstr(r.out, "<sup><a href=\"#fn1\">13</a></sup>"));
    cr_expect_not_null(strstr(r.out, "</html>\n"));
    run_free(&r);
}

/* --- Failures --------------------------------------------------------------------------------- */

Test(print_cli, lp_missing)
{
    struct fake f = make_fakes(false);
    remove_fakes(&f);
    cr_assert_eq(mkdir(f.dir, 0700), 0);
    struct run r = RUN(f.dir, "A/74/90#p10"); /* PATH: an empty directory */
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, "ndvr print: cannot run `lp`: No such file or directory\n");
    run_free(&r);
    r = RUN(f.dir, "--command", "no-such-program-ndvr --flag", "A/74/90#p10");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err,
                     "ndvr print: cannot run `no-such-program-ndvr`: No such file or directory\n");
    run_free(&r);
    rmdir(f.dir);
}

/* Printers get a PDF unless told otherwise: titled, on A4 (or Letter), said to be PDF. */
Test(print_cli, a_printer_gets_a_titled_pdf)
{
    struct fake f = make_fakes(false);
    struct run r = RUN(f.path, "--printer", "PDF", "A/74/90#ch3");
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *args = fake_file(&f, "args"), *in = fake_file(&f, "stdin");
    cr_expect_str_eq(args, "-d\nPDF\n-t\nA/74/90 三. 确定可能的共同点\n-o\nmedia=A4\n-o\n"
                           "document-format=application/pdf\n");
    cr_expect(strncmp(in, "%PDF-", 5) == 0, "not a PDF: %.20s", in);
    free(args);
    free(in);
    run_free(&r);
    r = RUN(f.path, "--paper", "letter", "A/74/90#ch3");
    cr_expect_eq(r.status, 0, "%s", r.err);
    args = fake_file(&f, "args");
    cr_expect_not_null(strstr(args, "-o\nmedia=Letter\n"), "%s", args);
    free(args);
    run_free(&r);
    remove_fakes(&f);
}

/* HTML would print as its markup: it never goes to a printer. */
Test(print_cli, html_never_goes_to_a_printer)
{
    struct fake f = make_fakes(false);
    struct run r = RUN(f.path, "--format", "html", "--printer", "PDF", "A/74/90#ch3");
    cr_expect_eq(r.status, 2);
    cr_expect_not_null(strstr(r.err, "HTML does not go to a printer"), "%s", r.err);
    char args[128];
    snprintf(args, sizeof args, "%s/args", f.dir);
    cr_expect_neq(access(args, F_OK), 0, "lp ran");
    run_free(&r);
    remove_fakes(&f);
}

Test(print_cli, lp_fails)
{
    struct fake f = make_fakes(true);
    struct run r = RUN(f.path, "--printer", "nowhere", "A/74/90#ch3");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "ndvr print: `lp` failed (exit 1): lp: The printer or class does not "
                            "exist.\n");
    run_free(&r);
    remove_fakes(&f);
}

/* A command that exits without reading: a failure of its own, never a SIGPIPE for ndvr. */
Test(print_cli, command_stops_reading)
{
    struct run r = RUN(SYSTEM_PATH, "--command", "sh -c 'echo gone >&2; exit 3'", "A/74/90");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "ndvr print: `sh` failed (exit 3): gone\n");
    run_free(&r);
    r = RUN(SYSTEM_PATH, "--command", "true", "A/74/90");
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}

Test(print_cli, usage_errors)
{
    static const char *const usage =
        "usage: ndvr print [--to FILE | --printer NAME | --command CMD] [--format pdf|text|html] "
        "[--paper a4|letter] [--no-footnotes | --footnotes-after] [--width N] [--page-lines N] "
        "ADDRESS...\n";
    struct {
        const char *args[4];
        const char *message;
    } cases[] = {
        {{"--width", "19", "A/74/90#p10"}, "--width must be a number from 20 to 400, not `19`"},
        {{"--width", "x", "A/74/90#p10"}, "--width must be a number from 20 to 400, not `x`"},
        {{"--page-lines", "9", "A/74/90#p10"},
         "--page-lines must be a number from 10 to 1000, not `9`"},
        {{"--format", "ps", "A/74/90#p10"}, "--format must be pdf, text or html, not `ps`"},
        {{"--paper", "a3", "A/74/90#p10"}, "--paper must be a4 or letter, not `a3`"},
        {{"--to", "-", "--printer"}, "--printer needs a value"},
        {{"--to", "a", "--printer", "b"}, "--to, --printer and --command exclude each other"},
        {{"--command", "'open", "A/74/90#p10"}, NULL},
        {{"--to", "-"}, "missing ADDRESS"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const *a = cases[i].args;
        struct run r = run_print(SYSTEM_PATH, (const char *const[]){a[0], a[1], a[2], a[3], NULL});
        cr_expect_eq(r.status, 2, "case %zu: %s", i, r.err);
        cr_expect_str_eq(r.out, "");
        char want[512];
        if (cases[i].message != NULL)
            snprintf(want, sizeof want, "ndvr print: %s\n%s", cases[i].message, usage);
        else
            snprintf(want, sizeof want, "ndvr print: unterminated quote in the print command\n");
        cr_expect_str_eq(r.err, want, "case %zu", i);
        run_free(&r);
    }
    struct run r = RUN(SYSTEM_PATH, "--to", "-", "A/74/90#p10", "A/74/90#p999");
    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, "");
    cr_expect(strncmp(r.err, "ndvr: no such address: A/74/90#p999\n", 36) == 0, "%s", r.err);
    run_free(&r);
}

/* --- Golden pages ----------------------------------------------------------------------------- */

/* The golden files were read line by line (tests/golden/README); this keeps them true. */
static void
expect_golden(const char *name, const char *width, const char *lines, const char *a, const char *b)
{
    char file[256];
    snprintf(file, sizeof file, GOLDEN "/%s.%sx%s.txt", name, width, lines);
    size_t n;
    struct diag d = {0};
    char *want = textfile_read(file, &n, &d);
    cr_assert_not_null(want, "%s", d.msg);
    struct run r = b ? RUN(SYSTEM_PATH, "--to", "-", "--width", width, "--page-lines", lines, a, b)
                     : RUN(SYSTEM_PATH, "--to", "-", "--width", width, "--page-lines", lines, a);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, want, "%s differs", file);
    free(want);
    run_free(&r);
}

Test(print_cli, golden)
{
    expect_golden("print-A-74-90-ch3", "40", "20", "A/74/90#ch3", NULL);
    expect_golden("print-A-74-90-ch3", "72", "60", "A/74/90#ch3", NULL);
    expect_golden("print-p10-BDI", "40", "20", "A/74/90#p10", "A/72/304#BDI");
    expect_golden("print-p10-BDI", "72", "60", "A/74/90#p10", "A/72/304#BDI");
}

/* --- The library's own senders: jobs and printers --------------------------------------------- */

/* Waits (up to 10 s) for a job to end. */
static bool
finish_job(struct print_job *job, struct diag *d)
{
    bool ok = false;
    for (int i = 0; i < 1000; i++) {
        if (print_job_finish(job, &ok, d))
            return ok;
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    cr_assert_fail("the print job did not end");
    return false;
}

Test(print_send, job_feeds_the_command)
{
    struct fake f = make_fakes(true);
    setenv("PATH", f.path, 1);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s/rec one", f.dir);
    struct print_dest dest = {PRINT_TO_COMMAND, cmd, NULL, NULL, NULL};
    struct print_job job;
    struct diag d = {0};
    static const char data[] = "page one\n\fpage two\n";
    cr_assert(print_job_start(data, sizeof data - 1, &dest, &job, &d), "%s", d.msg);
    cr_expect_gt(job.pid, 0);
    cr_expect(finish_job(&job, &d), "%s", d.msg);
    char *args = fake_file(&f, "args"), *in = fake_file(&f, "stdin");
    cr_expect_str_eq(args, "one\n");
    cr_expect_str_eq(in, data);
    free(args);
    free(in);
    /* the failing lp: the job ends with its message */
    dest = (struct print_dest){PRINT_TO_DEFAULT, NULL, NULL, NULL, NULL};
    cr_assert(print_job_start(data, sizeof data - 1, &dest, &job, &d), "%s", d.msg);
    cr_expect_not(finish_job(&job, &d));
    cr_expect_str_eq(d.msg, "`lp` failed (exit 1): lp: The printer or class does not exist.");
    /* a missing program */
    dest = (struct print_dest){PRINT_TO_COMMAND, "no-such-program-ndvr", NULL, NULL, NULL};
    cr_assert(print_job_start(data, sizeof data - 1, &dest, &job, &d), "%s", d.msg);
    cr_expect_not(finish_job(&job, &d));
    cr_expect_str_eq(d.msg, "cannot run `no-such-program-ndvr`: No such file or directory");
    remove_fakes(&f);
}

Test(print_send, bad_commands)
{
    struct diag d = {0};
    struct print_dest dest = {PRINT_TO_COMMAND, "  ", NULL, NULL, NULL};
    cr_expect_not(print_send("x", 1, &dest, &d));
    cr_expect_str_eq(d.msg, "the print command is empty");
    dest.arg = "lp \"-d office";
    cr_expect_not(print_send("x", 1, &dest, &d));
    cr_expect_str_eq(d.msg, "unterminated quote in the print command");
}

Test(print_send, printers_from_lpstat)
{
    struct fake f = make_fakes(false);
    write_script(&f, "lpstat", "[ \"$1\" = -e ] && printf 'office\\nlab-2\\n\\n'\n");
    setenv("PATH", f.path, 1);
    char **p = print_printers();
    cr_assert_not_null(p);
    cr_expect_str_eq(p[0], "office");
    cr_expect_str_eq(p[1], "lab-2");
    cr_expect_null(p[2]);
    print_printers_free(p);
    char file[128];
    snprintf(file, sizeof file, "%s/lpstat", f.dir);
    unlink(file);
    setenv("PATH", f.dir, 1); /* no lpstat at all */
    p = print_printers();
    cr_assert_not_null(p);
    cr_expect_null(p[0]);
    print_printers_free(p);
    remove_fakes(&f);
}
