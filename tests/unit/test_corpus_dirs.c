/* Loading several corpus directories as one (the bundled corpus and the user's imported trees):
 * load order, references and countries across directories, a document repeated in another
 * directory, directories that are missing or empty. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "corpus/corpus_load.h"
#include "util/textfile.h"
#include "util/xalloc.h"

#define MINI NDVR_TEST_DATA "/mini"
#define IMPORT NDVR_TEST_DATA "/import"

/* The user's corpus directory: one of its own for each test, filled by copy_in. */
static char user[64];

static void
make_user_dir(void)
{
    snprintf(user, sizeof user, "/tmp/ndvr-test-dirs-XXXXXX");
    cr_assert_not_null(mkdtemp(user));
}

static void
copy_in(const char *src, const char *name)
{
    size_t n;
    char *data = textfile_read(src, &n, NULL);
    cr_assert_not_null(data, "%s", src);
    char *path = xasprintf("%s/%s", user, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fwrite(data, 1, n, f);
    cr_assert_eq(fclose(f), 0);
    free(path);
    free(data);
}

static void
remove_user_dir(void)
{
    char *cmd = xasprintf("rm -rf '%s'", user);
    cr_expect_eq(system(cmd), 0);
    free(cmd);
}

TestSuite(corpus_dirs, .init = make_user_dir, .fini = remove_user_dir);

static struct corpus *
load_both(void)
{
    const char *dirs[] = {MINI, user};
    struct corpus *c = NULL;
    struct diag d = {0};
    bool ok = corpus_load_dirs_report(dirs, 2, NULL, &c, NULL, &d);
    cr_assert(ok, "%s:%d:%d: %s", d.file, d.line, d.col, d.msg);
    return c;
}

Test(corpus_dirs, documents_in_directory_order_then_name_order)
{
    copy_in(IMPORT "/A-99-1.json", "A-99-1.json");
    struct corpus *c = load_both();
    size_t n;
    struct node *const *docs = corpus_documents(c, &n);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(docs[0]->address, "A/72/304");
    cr_expect_str_eq(docs[1]->address, "A/74/90");
    cr_expect_str_eq(docs[2]->address, "A/99/1", "the user's after the bundled ones");
    corpus_free(c);
}

/* A reference from the user's tree to a bundled one resolves and is cited_by there; Norway,
 * listed by both files, is one country node naming both. */
Test(corpus_dirs, references_and_countries_cross_directories)
{
    copy_in(IMPORT "/A-99-1.json", "A-99-1.json");
    struct corpus *c = load_both();
    const struct node *p1 = corpus_find(c, "A/99/1#p1"), *doc = corpus_find(c, "A/74/90");
    cr_assert(p1 != NULL && doc != NULL);
    cr_expect_eq(p1->refs[0].target, doc);
    bool cited = false;
    for (size_t i = 0; i < doc->cited_by.n; i++)
        cited = cited || doc->cited_by.v[i] == p1;
    cr_expect(cited, "A/74/90 is cited by A/99/1#p1");
    size_t ncountries;
    struct node *const *countries = corpus_countries(c, &ncountries);
    size_t nor = 0;
    for (size_t i = 0; i < ncountries; i++)
        nor += strcmp(countries[i]->address, "NOR") == 0;
    cr_expect_eq(nor, 1);
    corpus_free(c);
}

Test(corpus_dirs, an_empty_directory_adds_nothing)
{
    struct corpus *c = load_both();
    size_t n;
    corpus_documents(c, &n);
    cr_expect_eq(n, 2);
    corpus_free(c);
}

Test(corpus_dirs, a_missing_directory_fails_the_load)
{
    const char *dirs[] = {MINI, NDVR_TEST_DATA "/no-such-dir"};
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_expect_not(corpus_load_dirs_report(dirs, 2, NULL, &c, NULL, &d));
    cr_expect_null(c);
    cr_expect_str_eq(d.file, NDVR_TEST_DATA "/no-such-dir");
    cr_expect_str_eq(d.msg, "cannot open directory: No such file or directory");
}

/* A document the bundled corpus has, again in the user's directory under any name: one error,
 * at the repeat's address, naming the bundled file; not one per node of the repeat. */
Test(corpus_dirs, a_repeated_document_names_both_files)
{
    copy_in(MINI "/A-74-90.json", "copy.json");
    const char *dirs[] = {MINI, user};
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *c = NULL;
    struct corpus_report report = {0};
    cr_expect_not(corpus_load_dirs_report(dirs, 2, &strict, &c, &report, NULL));
    cr_assert_eq(report.n, 1);
    char *file = xasprintf("%s/copy.json", user);
    cr_expect_str_eq(report.v[0].file, file);
    cr_expect_eq(report.v[0].line, 6);
    cr_expect_eq(report.v[0].col, 16);
    cr_expect_str_eq(report.v[0].msg,
                     "document \"A/74/90\" is already loaded from " MINI "/A-74-90.json");
    free(file);
    corpus_report_free(&report);
}

Test(corpus_dirs, list_dir_names_what_a_load_reads)
{
    copy_in(IMPORT "/A-99-1.json", "b.json");
    copy_in(IMPORT "/A-99-2.json", "a.json");
    copy_in(IMPORT "/A-99-2.json", ".hidden.json");
    copy_in(IMPORT "/A-99-2.json", "a.json.tmp.123");
    size_t n;
    struct diag d = {0};
    char **paths = corpus_list_dir(user, &n, &d);
    cr_assert_not_null(paths);
    cr_assert_eq(n, 2);
    char *a = xasprintf("%s/a.json", user), *b = xasprintf("%s/b.json", user);
    cr_expect_str_eq(paths[0], a);
    cr_expect_str_eq(paths[1], b);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(a);
    free(b);
}
