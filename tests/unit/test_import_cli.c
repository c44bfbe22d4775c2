/* `ndvr import` and the user's corpus, run as the real program against the mini corpus with
 * HOME and XDG_DATA_HOME in a temporary directory.
 *
 * Fixtures (tests/data/import/): A-99-1.json, a made-up report A/99/1 whose paragraph 1 cites
 * A/74/90 and footnote 1 (which cites A/72/304), and whose paragraph 2 names Norway;
 * A-99-2.json, clean by itself but citing A/74/90#p99, which the mini corpus lacks. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/textfile.h"
#include "util/xalloc.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define MINI NDVR_TEST_DATA "/mini"
#define IMPORT NDVR_TEST_DATA "/import"
#define A_99_1 IMPORT "/A-99-1.json"

/* The test's temporary home; its XDG_DATA_HOME is <home>/data unless a test says otherwise. */
static char home[64];
static char env_home[128], env_data[128];

static void
make_home(void)
{
    snprintf(home, sizeof home, "/tmp/ndvr-test-import-XXXXXX");
    cr_assert_not_null(mkdtemp(home));
    snprintf(env_home, sizeof env_home, "HOME=%s", home);
    snprintf(env_data, sizeof env_data, "XDG_DATA_HOME=%s/data", home);
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700); /* so that a read-only directory can be emptied */
    remove(path);
    return 0;
}

static void
remove_home(void)
{
    nftw(home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(import, .init = make_home, .fini = remove_home);

/* Runs `ndvr --corpus MINI ARGS...` with the test's HOME and data_env (XDG_DATA_HOME=...). */
static struct run
run_with(const char *data_env, const char *const *args)
{
    const char *argv[32] = {"--corpus", MINI};
    size_t n = 2;
    for (; args[n - 2] != NULL && n < 31; n++)
        argv[n] = args[n - 2];
    argv[n] = NULL;
    const char *env[] = {"NDVR_CORPUS=", env_home, data_env, NULL};
    return run_program(NDVR, argv, env);
}

#define RUN(...) run_with(env_data, (const char *const[]){__VA_ARGS__, NULL})

static void
expect_run(struct run *r, int status, const char *out, const char *err)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    cr_expect_str_eq(r->err, err);
    run_free(r);
}

/* The user's corpus directory under the test's XDG_DATA_HOME, and a file in it (caller
 * frees). */
static char *
user_path(const char *name)
{
    return xasprintf("%s/data/ndvr/corpus%s%s", home, name[0] ? "/" : "", name);
}

static bool
exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* The names in dir, sorted, one per line ("" when dir is missing or empty). Caller frees. */
static char *
list_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    char *all = xstrdup("");
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
            char *more = xasprintf("%s%s\n", all, names[i]->d_name);
            free(all);
            all = more;
        }
        free(names[i]);
    }
    free(n >= 0 ? names : NULL);
    return all;
}

static void
import_a_99_1(void)
{
    struct run r = RUN("import", A_99_1);
    char *path = user_path("A-99-1.json");
    char *want = xasprintf("imported A/99/1 (2 paragraphs, 1 footnote) into %s\n", path);
    expect_run(&r, 0, want, "");
    free(want);
    free(path);
}

/* --- Importing and reading --------------------------------------------------------------- */

Test(import, writes_the_tree_unchanged_into_a_private_directory)
{
    import_a_99_1();
    char *path = user_path("A-99-1.json"), *dir = user_path("");
    size_t n1, n2;
    char *want = textfile_read(A_99_1, &n1, NULL), *got = textfile_read(path, &n2, NULL);
    cr_assert_not_null(got);
    cr_expect(n1 == n2 && memcmp(want, got, n1) == 0, "the bytes of the file given");
    struct stat st;
    cr_assert_eq(stat(dir, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0700);
    char *names = list_dir(dir);
    cr_expect_str_eq(names, ".lock\nA-99-1.json\n", "no temporary file left");
    free(names);
    free(want);
    free(got);
    free(dir);
    free(path);
}

Test(import, ls_lists_the_imported_document_after_the_bundled_ones)
{
    import_a_99_1();
    struct run r = RUN("ls");
    expect_run(&r, 0,
               "A/72/304\tdocument\t核裁军核查：秘书长的报告\n"
               "A/74/90\tdocument\t审议核查在推进核裁军方面作用政府专家组的最后报告\n"
               "A/99/1\tdocument\t核裁军核查：模拟报告\n",
               "");
}

Test(import, cat_prints_an_imported_paragraph_with_its_footnote)
{
    import_a_99_1();
    struct run r = RUN("cat", "--width", "40", "A/99/1#p1");
    expect_run(&r, 0,
               "1.  本报告回顾了 A/74/90 号文件所载各项\n"
               "    建议。¹\n"
               "\n"
               "¹ 见秘书长的报告(A/72/304)。\n",
               "");
}

Test(import, search_finds_imported_text)
{
    import_a_99_1();
    struct run r = RUN("search", "okonkwo");
    expect_run(&r, 0, "A/99/1#p2\t…听取了挪威专家 [[Okonkwo]] 女士的介绍。\n", "");
}

/* The bundled A/74/90 is cited by the imported paragraph; Norway, listed by both files, is
 * one country named by both. */
Test(import, links_cross_between_bundled_and_imported_trees)
{
    import_a_99_1();
    struct run r = RUN("refs", "A/74/90");
    cr_expect_eq(r.status, 0);
    cr_expect_not_null(strstr(r.out, "in\tA/99/1#p1\tdocument\n"), "%s", r.out);
    run_free(&r);
    r = RUN("refs", "A/99/1#fn1");
    expect_run(&r, 0, "out\tA/72/304\tdocument\nin\tA/99/1#p1\tfootnote\n", "");
    r = RUN("refs", "NOR");
    cr_expect_eq(r.status, 0);
    cr_expect_not_null(strstr(r.out, "in\tA/74/90#p2\tcountry\n"), "%s", r.out);
    cr_expect_not_null(strstr(r.out, "in\tA/99/1#p2\tcountry\n"), "%s", r.out);
    run_free(&r);
}

Test(import, check_validates_the_bundled_and_the_imported_trees)
{
    import_a_99_1();
    struct run r = RUN("check");
    expect_run(&r, 0, "", "ndvr check: 3 files ok\n");
}

Test(import, no_user_corpus_reads_the_bundled_corpus_alone)
{
    import_a_99_1();
    struct run r = RUN("--no-user-corpus", "ls");
    expect_run(&r, 0,
               "A/72/304\tdocument\t核裁军核查：秘书长的报告\n"
               "A/74/90\tdocument\t审议核查在推进核裁军方面作用政府专家组的最后报告\n",
               "");
    r = RUN("search", "okonkwo");
    cr_expect_eq(r.status, 0, "imported again when the option is not given");
    run_free(&r);
}

Test(import, list_names_the_imported_documents_and_their_files)
{
    struct run r = RUN("import", "--list");
    expect_run(&r, 0, "", "");
    import_a_99_1();
    r = RUN("import", "--list");
    char *path = user_path("A-99-1.json");
    char *want = xasprintf("A/99/1\t%s\t核裁军核查：模拟报告\n", path);
    expect_run(&r, 0, want, "");
    free(want);
    free(path);
}

/* The bundled corpus of the source tree (no --corpus), where A/74/90 is the real report. */
Test(import, joins_the_default_corpus)
{
    const char *args[] = {"import", A_99_1, NULL};
    const char *env[] = {"NDVR_CORPUS=", env_home, env_data, NULL};
    struct run r = run_program(NDVR, args, env);
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    const char *refs[] = {"refs", "A/74/90", NULL};
    r = run_program(NDVR, refs, env);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "in\tA/99/1#p1\tdocument\n"), "%s", r.out);
    run_free(&r);
}

/* The whole road for a new report: ndvr-segment on the made-up report of the segmenter's
 * fixture (tests/data/segment), then import, then the bundled corpus's resolution 71/67 is
 * cited by its paragraph 4 ("4. 专家组建议会员国审议 A/RES/71/67 和 …") too. */
Test(import, a_segmented_report_joins_and_links_to_the_bundled_ones)
{
    char *tree = xasprintf("%s/tree.json", home);
    const char *seg[] = {"--facts", NDVR_TEST_DATA "/segment/facts.txt",          "-o",
                         tree,      NDVR_TEST_DATA "/segment/mini-report.zh.txt", NULL};
    struct run r = run_program(NDVR_BIN_DIR "/ndvr-segment", seg, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    const char *env[] = {"NDVR_CORPUS=", env_home, env_data, NULL};
    const char *imp[] = {"import", tree, NULL};
    r = run_program(NDVR, imp, env);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "imported A/99/1 ("), "%s", r.out);
    run_free(&r);
    const char *refs[] = {"refs", "a/res/71/67", NULL};
    r = run_program(NDVR, refs, env);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "in\tA/99/1#p4\tresolution\n"), "%s", r.out);
    cr_expect_not_null(strstr(r.out, "in\tA/72/304#p1\tresolution\n"), "%s", r.out);
    run_free(&r);
    free(tree);
}

/* --- Refusals ------------------------------------------------------------------------------ */

/* Nothing under XDG_DATA_HOME: not even the directory. */
static void
expect_nothing_written(void)
{
    char *dir = xasprintf("%s/data", home);
    cr_expect_not(exists(dir), "%s was made", dir);
    free(dir);
}

Test(import, a_broken_file_gives_file_line_col_and_writes_nothing)
{
    struct run r = RUN("import", NDVR_TEST_DATA "/bad/several.json");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    const char *first = NDVR_TEST_DATA "/bad/several.json:7:21: control character U+001B in "
                                       "string\n";
    cr_expect(strncmp(r.err, first, strlen(first)) == 0, "stderr: %s", r.err);
    cr_expect_not_null(strstr(r.err, "several.json:22:29: duplicate address \"X/2#p2\"\n"
                                     "ndvr import: nothing imported\n"),
                       "stderr: %s", r.err);
    run_free(&r);
    expect_nothing_written();
}

Test(import, a_syntax_error_is_positioned)
{
    struct run r = RUN("import", NDVR_TEST_DATA "/bad/syntax.json");
    cr_expect_eq(r.status, 2);
    cr_expect_not_null(strstr(r.err, "/bad/syntax.json:"), "stderr: %s", r.err);
    cr_expect_not_null(strstr(r.err, ": JSON syntax error\n"), "stderr: %s", r.err);
    run_free(&r);
    expect_nothing_written();
}

/* Clean by itself, A-99-2.json cites a paragraph the corpus it would join lacks. */
Test(import, is_checked_with_the_corpus_it_joins)
{
    struct run r = RUN("check", IMPORT "/A-99-2.json");
    expect_run(&r, 0, "", "ndvr check: 1 file ok\n");
    r = RUN("import", IMPORT "/A-99-2.json");
    expect_run(&r, 2, "",
               IMPORT "/A-99-2.json:20:18: unresolved reference to \"A/74/90#p99\"\n"
                      "ndvr import: nothing imported\n");
    expect_nothing_written();
}

Test(import, a_bundled_symbol_is_refused)
{
    struct run r = RUN("import", MINI "/A-74-90.json");
    expect_run(&r, 2, "",
               "ndvr import: " MINI "/A-74-90.json: A/74/90 is in the bundled corpus (" MINI
               "); only other documents can be imported\n"
               "ndvr import: nothing imported\n");
    expect_nothing_written();
}

Test(import, several_files_go_in_together_or_not_at_all)
{
    struct run r = RUN("import", A_99_1, IMPORT "/A-99-2.json");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    run_free(&r);
    expect_nothing_written();
}

Test(import, a_missing_file_is_named)
{
    struct run r = RUN("import", IMPORT "/no-such.json");
    expect_run(&r, 2, "",
               IMPORT "/no-such.json: cannot open: No such file or directory\n"
                      "ndvr import: nothing imported\n");
}

/* A file name with an escape sequence in it never reaches the terminal as one: the message is
 * sanitised like corpus text (the ESC is dropped). */
Test(import, control_characters_in_a_name_never_reach_the_terminal)
{
    struct run r = RUN("import", "/nonexistent/\033[31mred.json");
    expect_run(&r, 2, "",
               "/nonexistent/[31mred.json: cannot open: No such file or directory\n"
               "ndvr import: nothing imported\n");
}

Test(import, usage_errors)
{
    struct run r = RUN("import");
    expect_run(&r, 2, "",
               "ndvr import: missing FILE\n"
               "usage: ndvr import [--list | --remove SYMBOL... | FILE...]\n");
    r = RUN("import", "--list", "x");
    cr_expect_eq(r.status, 2);
    run_free(&r);
    r = RUN("import", "--remove");
    cr_expect_eq(r.status, 2);
    run_free(&r);
}

/* --- Replacing and removing ---------------------------------------------------------------- */

Test(import, importing_again_replaces_the_user_copy)
{
    import_a_99_1();
    struct run r = RUN("import", A_99_1);
    char *path = user_path("A-99-1.json"), *dir = user_path("");
    char *want = xasprintf("replaced A/99/1 (2 paragraphs, 1 footnote) in %s\n", path);
    expect_run(&r, 0, want, "");
    char *names = list_dir(dir);
    cr_expect_str_eq(names, ".lock\nA-99-1.json\n");
    free(names);
    free(want);
    free(dir);
    free(path);
}

/* A tree put in the user's corpus by hand under another name still counts: the import would
 * load A/99/1 twice, and the error names both files. */
Test(import, a_symbol_already_there_under_another_name_is_named)
{
    import_a_99_1();
    char *path = user_path("A-99-1.json"), *other = user_path("by-hand.json");
    cr_assert_eq(rename(path, other), 0);
    struct run r = RUN("import", A_99_1);
    char *want = xasprintf(A_99_1 ":6:16: document \"A/99/1\" is already loaded from %s\n"
                                  "ndvr import: nothing imported\n",
                           other);
    expect_run(&r, 2, "", want);
    cr_expect_not(exists(path));
    free(want);
    free(other);
    free(path);
}

/* Every command loads the user's corpus: one repeating a bundled tree stops them all, with the
 * repeat's position and the bundled file. */
Test(import, a_user_file_repeating_a_bundled_document_is_an_error_naming_both)
{
    char *dir = user_path(""), *path = user_path("A-74-90.json");
    char *data_dir = xasprintf("%s/data", home), *ndvr_dir = xasprintf("%s/data/ndvr", home);
    cr_assert(mkdir(data_dir, 0700) == 0 && mkdir(ndvr_dir, 0700) == 0 && mkdir(dir, 0700) == 0);
    size_t n;
    char *text = textfile_read(MINI "/A-74-90.json", &n, NULL);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fwrite(text, 1, n, f);
    cr_assert_eq(fclose(f), 0);
    struct run r = RUN("ls");
    char *want = xasprintf(
        "%s:6:16: document \"A/74/90\" is already loaded from " MINI "/A-74-90.json\n", path);
    expect_run(&r, 2, "", want);
    free(want);
    free(text);
    free(ndvr_dir);
    free(data_dir);
    free(path);
    free(dir);
}

Test(import, remove_takes_an_imported_tree_out)
{
    import_a_99_1();
    struct run r = RUN("import", "--remove", "A/99/1");
    char *path = user_path("A-99-1.json"), *dir = user_path("");
    char *want = xasprintf("removed A/99/1 from %s\n", path);
    expect_run(&r, 0, want, "");
    cr_expect_not(exists(path));
    r = RUN("ls", "A/99/1");
    cr_expect_eq(r.status, 1, "no such address any more");
    run_free(&r);
    r = RUN("import", "--remove", "A/99/1");
    free(want);
    want = xasprintf("ndvr import: A/99/1 is not in the user corpus (%s)\n", dir);
    expect_run(&r, 1, "", want);
    free(want);
    free(dir);
    free(path);
}

Test(import, remove_leaves_the_bundled_corpus_alone)
{
    struct run r = RUN("import", "--remove", "A/74/90");
    char *dir = user_path("");
    char *want = xasprintf("ndvr import: A/74/90 is not in the user corpus (%s)\n", dir);
    expect_run(&r, 1, "", want);
    cr_expect(exists(MINI "/A-74-90.json"));
    free(want);
    free(dir);
}

/* --- Where the user's corpus is ------------------------------------------------------------ */

/* As the XDG specification says, a relative XDG_DATA_HOME is ignored: HOME's default is used. */
Test(import, a_relative_xdg_data_home_is_ignored)
{
    struct run r =
        run_with("XDG_DATA_HOME=relative/data", (const char *const[]){"import", A_99_1, NULL});
    char *path = xasprintf("%s/.local/share/ndvr/corpus/A-99-1.json", home);
    char *want = xasprintf("imported A/99/1 (2 paragraphs, 1 footnote) into %s\n", path);
    expect_run(&r, 0, want, "");
    cr_expect(exists(path));
    cr_expect_not(exists("relative"), "nothing made in the working directory");
    free(want);
    free(path);
}

Test(import, without_an_absolute_home_there_is_no_user_corpus)
{
    const char *args[] = {"--corpus", MINI, "import", A_99_1, NULL};
    const char *env[] = {"NDVR_CORPUS=", "HOME=", "XDG_DATA_HOME=", NULL};
    struct run r = run_program(NDVR, args, env);
    expect_run(&r, 2, "",
               "ndvr import: no user corpus: neither XDG_DATA_HOME nor HOME is an absolute "
               "path\n");
    const char *ls[] = {"--corpus", MINI, "ls", NULL};
    r = run_program(NDVR, ls, env);
    cr_expect_eq(r.status, 0, "the bundled corpus reads without one: %s", r.err);
    run_free(&r);
}

/* A file where a directory should be: the directory cannot be made; nothing is written. */
Test(import, an_unwritable_data_directory_is_reported)
{
    char *file = xasprintf("%s/file", home);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    char env[160];
    snprintf(env, sizeof env, "XDG_DATA_HOME=%s", file);
    struct run r = run_with(env, (const char *const[]){"import", A_99_1, NULL});
    char *want = xasprintf("ndvr import: cannot create %s/ndvr/corpus: Not a directory\n", file);
    expect_run(&r, 2, "", want);
    struct stat st;
    cr_expect(stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0);
    free(want);
    free(file);
}

/* A read-only corpus directory: nothing is written, not even a temporary file. */
Test(import, a_read_only_corpus_directory_is_reported)
{
    if (geteuid() == 0) {
        remove_home(); /* a skipped test's .fini does not run */
        cr_skip_test("root writes a mode 555 directory (the file-in-the-path test covers it)");
    }
    import_a_99_1();
    char *dir = user_path(""), *path = user_path("A-99-1.json");
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(chmod(dir, 0555), 0);
    struct run r = RUN("import", A_99_1);
    char *want = xasprintf("ndvr import: cannot write %s: Permission denied\n", dir);
    expect_run(&r, 2, "", want);
    chmod(dir, 0700);
    char *names = list_dir(dir);
    cr_expect_str_eq(names, ".lock\n");
    free(names);
    free(want);
    free(path);
    free(dir);
}
