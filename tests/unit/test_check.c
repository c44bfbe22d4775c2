/* `ndvr check`, and what every output makes of hostile text; run as a real program.
 *
 * Expected problem lines are written by hand from the fixtures (tests/data/bad, hostile). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unistr.h>

#include "util/strbuf.h"
#include "util/textfile.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define DATA NDVR_TEST_DATA
#define BAD NDVR_TEST_DATA "/bad/"
#define HOSTILE NDVR_TEST_DATA "/hostile"
#define REAL NDVR_SOURCE_DIR "/assets/corpus"

/* Runs ndvr with args (NULL-terminated, without argv[0]) and no $NDVR_CORPUS. */
static struct run
run_ndvr(const char *const *args)
{
    const char *env[] = {"NDVR_CORPUS=", NULL};
    return run_program(NDVR, args, env);
}

#define RUN(...) run_ndvr((const char *const[]){__VA_ARGS__, NULL})

static void
expect_run(struct run *r, int status, const char *out, const char *err)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    cr_expect_str_eq(r->err, err);
    free(r->out);
    free(r->err);
}

/* --- Clean corpora ------------------------------------------------------------------------ */

Test(check, real_corpus)
{
    struct run r = RUN("--corpus", REAL, "check");
    expect_run(&r, 0, "", "ndvr check: 2 files ok\n");
}

Test(check, mini_corpus_files)
{
    struct run r = RUN("check", DATA "/mini/A-72-304.json", DATA "/mini/A-74-90.json");
    expect_run(&r, 0, "", "ndvr check: 2 files ok\n");
}

/* References into a document not given are skipped, so one file checks alone. */
Test(check, one_file_alone)
{
    struct run r = RUN("check", DATA "/mini/A-74-90.json");
    expect_run(&r, 0, "", "ndvr check: 1 file ok\n");
}

/* --- Each bad fixture: exactly its problem ---------------------------------------------------- */

/* Inline arrays, not pointers: Criterion copies parameters into another process. */
struct check_case {
    char file[32];
    char line[96]; /* what follows "file:"; "" for a file that is fine */
};

static struct check_case check_cases[] = {
    {"address-missing.json", "8:7: missing member \"address\""},
    {"address-type.json", "8:19: member \"address\" must be a string"},
    {"at-boundary.json", "13:70: ref at/len 1+3 is not on UTF-8 character boundaries"},
    {"at-outside.json", "13:70: ref at/len 6+6 is outside the text (9 bytes)"},
    {"control-c1.json", "11:19: control character U+0085 in string"},
    {"control-del.json", "11:19: control character U+007F in string"},
    {"control-esc.json", "11:19: control character U+001B in string"},
    {"control-tab.json", "11:19: control character U+0009 in string"},
    {"countries-duplicate.json", "7:17: duplicate address \"NOR\""},
    {"deep.json", "4:121: nesting deeper than 64 levels"},
    {"document-missing.json", "1:1: missing member \"document\""},
    {"duplicate.json", "9:19: duplicate address \"X/1#p1\""},
    {"empty.json", "1:1: JSON syntax error"},
    {"format.json", "2:13: member \"format\" must be \"ndvr-tree\""},
    {"kind-missing.json", "8:7: missing member \"kind\""},
    {"kind-unknown.json", "8:37: unknown kind \"chapitre\""},
    {"nul.json", "11:19: NUL character (\\u0000) in string"},
    {"ref-unresolved.json", "12:18: unresolved reference to \"X/1#p9\""},
    {"syntax.json", "3:3: JSON syntax error"},
    {"toplevel.json", "1:1: the top level must be an object"},
    {"trailing.json", "6:1: unexpected text after the JSON value"},
    {"utf8-invalid.json", "11:21: invalid UTF-8 in string"},
    {"utf8-key.json", "11:12: invalid UTF-8 in string"},
    {"version.json", "3:14: unsupported version (this ndvr reads version 1)"},
    /* too large only under the 40-byte cap the loader test sets */
    {"too-large.json", ""},
};

ParameterizedTestParameters(check, bad_file)
{
    return cr_make_param_array(struct check_case, check_cases,
                               sizeof check_cases / sizeof check_cases[0]);
}

ParameterizedTest(struct check_case *cc, check, bad_file)
{
    char path[512], want[1024];
    snprintf(path, sizeof path, "%s%s", BAD, cc->file);
    struct run r = RUN("check", path);
    if (cc->line[0] == '\0') {
        expect_run(&r, 0, "", "ndvr check: 1 file ok\n");
        return;
    }
    snprintf(want, sizeof want, "%s:%s\n", path, cc->line);
    expect_run(&r, 2, want, "ndvr check: 1 problem in 1 file\n");
}

/* --- Many problems, several files ---------------------------------------------------------- */

#define SEVERAL BAD "several.json:"

Test(check, every_problem_in_a_file_in_order)
{
    struct run r = RUN("check", BAD "several.json");
    expect_run(&r, 2,
               SEVERAL
               "7:21: control character U+001B in string\n" SEVERAL
               "9:60: member \"number\" must be an integer from 0 to 2147483647\n" SEVERAL
               "10:19: duplicate address \"X/2#p1\"\n" SEVERAL
               "10:62: bidi control U+202E in string\n" SEVERAL
               "11:37: unknown kind \"chapitre\"\n" SEVERAL
               "13:16: unresolved reference to \"X/2#p9\"\n" SEVERAL
               "14:16: reference to \"X/2#p3\" names a node of kind \"paragraph\", "
               "not \"footnote\"\n" SEVERAL
               "14:71: ref at/len 1+3 is not on UTF-8 character boundaries\n" SEVERAL
               "15:34: unknown ref kind \"paragrafo\"\n" SEVERAL
               "15:72: ref at/len 3+9 is outside the text (6 bytes)\n" SEVERAL
               "16:16: unresolved reference to \"X/2#p8\"\n" SEVERAL
               "18:55: member \"iso3\" must be an ISO 3166-1 alpha-3 code or \"EU\", "
               "not \"Chn\"\n" SEVERAL
               "18:78: session 4 is not one of the group's sessions 1 to 3\n" SEVERAL
               "18:81: sessions must be in ascending order without repeats\n" SEVERAL
               "19:57: member \"date\" must be a date as YYYY-MM-DD, not \"2017-13-01\"\n" SEVERAL
               "19:80: invisible format character U+00AD in string\n" SEVERAL
               "22:29: duplicate address \"X/2#p2\"\n",
               "ndvr check: 17 problems in 1 file\n");
}

Test(check, missing_file)
{
    struct run r = RUN("check", DATA "/no-such-file.json", DATA "/mini/A-72-304.json");
    expect_run(&r, 2, DATA "/no-such-file.json: cannot open: No such file or directory\n",
               "ndvr check: 1 problem in 1 file\n");
}

Test(check, missing_corpus_directory)
{
    struct run r = RUN("--corpus", DATA "/no-such-dir", "check");
    expect_run(&r, 2, DATA "/no-such-dir: cannot open directory: No such file or directory\n",
               "ndvr check: 1 problem in 1 file\n");
}

/* Writes the first `lines` lines of src to dst. */
static void
copy_lines(const char *src, const char *dst, int lines)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    cr_assert(in != NULL && out != NULL);
    int c;
    while (lines > 0 && (c = getc(in)) != EOF) {
        putc(c, out);
        lines -= c == '\n';
    }
    fclose(in);
    cr_assert_eq(fclose(out), 0);
}

/* After a syntax error the file is done with, and the next one is checked. Line 40 of
 * A-74-90.json ("\t\t\t\t\t\t\"kind\":\t\"heading\",", cover.h4's) has 24 bytes; cJSON puts
 * an error at the end of the text on its last byte, the newline, column 25. */
Test(check, truncated_real_file_then_another)
{
    char dir[] = "/tmp/ndvr-test-check-XXXXXX", path[64], want[1024];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    copy_lines(REAL "/A-74-90.json", path, 40);
    struct run r = RUN("check", path, BAD "duplicate.json");
    snprintf(want, sizeof want,
             "%s:40:25: JSON syntax error\n" BAD "duplicate.json:9:19: duplicate address "
             "\"X/1#p1\"\n",
             path);
    expect_run(&r, 2, want, "ndvr check: 2 problems in 2 files\n");
    unlink(path);
    rmdir(dir);
}

/* line:col of s[at] */
static void
position(const char *s, size_t at, int *line, int *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = (int)(at - start) + 1;
}

/* The real A/74/90 with one relation's evidence changed: 2018/8's first relation (cited
 * together with 2018/14 in fn13) now says fn12. Both papers then disagree about the
 * relation, and check says so at each of the two relation objects. */
Test(check, a_relation_the_papers_disagree_on)
{
    char dir[] = "/tmp/ndvr-test-check-XXXXXX", path[64], want[2048];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    size_t n;
    struct diag d = {0};
    char *s = textfile_read(REAL "/A-74-90.json", &n, &d);
    cr_assert_not_null(s, "%s", d.msg);
    const char *via = "\"via\":\t\"A/74/90#fn13\"";
    char *first = strstr(s, via);
    cr_assert_not_null(first);
    first[strlen(via) - 2] = '2'; /* fn13 -> fn12 */
    size_t at_a = (size_t)(first - s);
    while (s[at_a] != '{')
        at_a--;
    /* 2018/14's relation back to 2018/8, later in the file */
    char *paper14 = strstr(s, "\"address\":\t\"GE-NDV/2018/14\"");
    cr_assert_not_null(paper14);
    char *back = strstr(paper14, "\"to\":\t\"GE-NDV/2018/8\"");
    cr_assert_not_null(back);
    size_t at_b = (size_t)(back - s);
    while (s[at_b] != '{')
        at_b--;
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fwrite(s, 1, n, f);
    fclose(f);
    int la, ca, lb, cb;
    position(s, at_a, &la, &ca);
    position(s, at_b, &lb, &cb);
    snprintf(want, sizeof want,
             "%s:%d:%d: relation cited-together to \"GE-NDV/2018/14\" via \"A/74/90#fn12\": the "
             "other paper does not list the same relation back\n"
             "%s:%d:%d: relation cited-together to \"GE-NDV/2018/8\" via \"A/74/90#fn13\": the "
             "other paper does not list the same relation back\n",
             path, la, ca, path, lb, cb);
    struct run r = RUN("check", path);
    expect_run(&r, 2, want, "ndvr check: 2 problems in 1 file\n");
    free(s);
    unlink(path);
    rmdir(dir);
}

#define H1 HOSTILE "/H-1.json:"

Test(check, hostile_corpus)
{
    struct run r = RUN("--corpus", HOSTILE, "check");
    expect_run(&r, 2,
               H1 "8:21: control character U+001B in string\n" H1
                  "8:35: control character U+0007 in string\n" H1
                  "16:19: control character U+001B in string\n" H1
                  "16:47: control character U+0007 in string\n" H1
                  "16:54: control character U+001B in string\n" H1
                  "16:64: control character U+000D in string\n" H1
                  "16:67: bidi control U+202E in string\n" H1 "16:74: invalid UTF-8 in string\n" H1
                  "16:76: invisible format character U+00AD in string\n" H1
                  "16:83: NUL character (\\u0000) in string\n" H1
                  "29:24: control character U+001B in string\n" H1
                  "29:35: control character U+000D in string\n" H1
                  "29:39: bidi control U+202C in string\n" H1
                  "34:70: invisible format character U+00AD in string\n" H1
                  "34:79: bidi control U+2066 in string\n",
               "ndvr check: 15 problems in 1 file\n");
}

Test(check, bad_option)
{
    struct run r = RUN("check", "--bogus");
    expect_run(&r, 2, "", "ndvr check: unknown option: --bogus\nusage: ndvr check [FILE...]\n");
}

/* --- Nothing hostile comes out of any output ----------------------------------------------- */

/* The bidi controls the sanitiser removes. */
static bool
is_bidi_control(ucs4_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* Asserts s[0..n) is valid UTF-8 holding no control character but '\n' and '\t', no DEL,
 * no C1 and no bidi control. */
static void
expect_harmless(const char *what, const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    cr_assert_null(u8_check(p, n), "%s: invalid UTF-8 at byte %td", what,
                   u8_check(p, n) ? (const char *)u8_check(p, n) - s : 0);
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p + i, n - i);
        bool control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
        cr_assert_not(control, "%s: U+%04X at byte %zu", what, (unsigned)c, i);
        cr_assert_not(is_bidi_control(c), "%s: bidi control U+%04X at byte %zu", what, (unsigned)c,
                      i);
        i += (size_t)len;
    }
}

static size_t
count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* One row per way of showing the hostile nodes; a new command is one more row. */
struct output_case {
    const char *args[8]; /* after `--corpus HOSTILE`, NULL-terminated */
    int status;
};

static const struct output_case output_cases[] = {
    {{"ls", NULL}, 0},
    {{"ls", "-r", "H/1", NULL}, 0},
    {{"ls", "--json", "-r", "H/1", NULL}, 0},
    {{"outline", NULL}, 0},
    {{"show", "H/1", NULL}, 0},
    {{"show", "H/1#p1", NULL}, 0},
    {{"show", "--json", "H/1#p1", NULL}, 0},
    {{"show", "H/1#fn1", NULL}, 0},
    {{"show", "--json", "H/1#fn1", NULL}, 0},
    {{"show", "NOR", NULL}, 0},
    {{"show", "--json", "NOR", NULL}, 0},
    {{"cat", "H/1", NULL}, 0},
    {{"cat", "--width", "20", "H/1", NULL}, 0},
    {{"cat", "--no-footnotes", "H/1#p1", "H/1#fn1", NULL}, 0},
    {{"cat", "NOR", NULL}, 0},
    {{"search", "pwned", NULL}, 0},
    {{"search", "--json", "pwned", NULL}, 0},
    {{"search", "--regex", "F.H", NULL}, 0},
    {{"refs", "H/1#p1", NULL}, 0},
    {{"refs", "--json", "H/1#fn1", NULL}, 0},
    {{"check", NULL}, 2},
};

#define NWARNINGS 15 /* the content problems in hostile/H-1.json */

Test(check, no_output_carries_hostile_bytes)
{
    for (size_t i = 0; i < sizeof output_cases / sizeof output_cases[0]; i++) {
        const struct output_case *oc = &output_cases[i];
        const char *args[12] = {"--corpus", HOSTILE};
        for (size_t k = 0; oc->args[k] != NULL; k++)
            args[2 + k] = oc->args[k];
        struct run r = run_ndvr(args);
        char what[128];
        snprintf(what, sizeof what, "%s %s: stdout", oc->args[0], oc->args[1] ? oc->args[1] : "");
        cr_expect_eq(r.status, oc->status, "%s: status %d, stderr: %s", what, r.status, r.err);
        cr_expect_gt(r.nout, 0, "%s: empty", what);
        expect_harmless(what, r.out, r.nout);
        snprintf(what, sizeof what, "%s %s: stderr", oc->args[0], oc->args[1] ? oc->args[1] : "");
        expect_harmless(what, r.err, r.nerr);
        /* reading commands tell each warning once */
        if (strcmp(oc->args[0], "check") != 0)
            cr_expect_eq(count(r.err, "ndvr: warning: "), NWARNINGS, "%s", what);
        free(r.out);
        free(r.err);
    }
}
