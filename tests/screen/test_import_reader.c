/* The reader with a tree in the user's corpus ($XDG_DATA_HOME/ndvr/corpus, as `ndvr import`
 * leaves it): the outline lists the imported document after the bundled ones, and its text
 * reads like theirs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "screen.h"

static char data_dir[64];
static char data_env[96];

/* An XDG_DATA_HOME whose ndvr/corpus holds tests/data/import/A-99-1.json. */
static void
make_data(void)
{
    scr_temp_dir(data_dir, sizeof data_dir, "ndvr-data");
    snprintf(data_env, sizeof data_env, "XDG_DATA_HOME=%s", data_dir);
    char path[160];
    snprintf(path, sizeof path, "%s/ndvr", data_dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/ndvr/corpus", data_dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/ndvr/corpus/A-99-1.json", data_dir);
    FILE *in = fopen(NDVR_TEST_DATA "/import/A-99-1.json", "rb"), *out = fopen(path, "wb");
    cr_assert(in != NULL && out != NULL);
    int c;
    while ((c = getc(in)) != EOF)
        putc(c, out);
    fclose(in);
    cr_assert_eq(fclose(out), 0);
}

static void
remove_data(void)
{
    scr_remove_dir(data_dir);
}

TestSuite(import_reader, .init = make_data, .fini = remove_data);

Test(import_reader, the_outline_lists_the_imported_document)
{
    const char *env[] = {data_env, NULL};
    struct vt *vt = scr_open(24, 80, "A/99/1#p2", NULL, env);
    scr_settle(vt, "Okonkwo");
    scr_expect_status(vt, "A/99/1");
    int doc_row, bundled_row;
    scr_find(vt, "A/99/1 核裁军", &doc_row, NULL);
    scr_find(vt, "A/74/90", &bundled_row, NULL);
    cr_expect_gt(doc_row, bundled_row, "after the bundled documents\n%s", vt_dump(vt));
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}
