/* A made-up report in the layout of A/74/90 (tests/data/segment/mini-report.zh.txt: a cover
 * with its note, a foreword, a letter with its expert list, chapters with lettered sections,
 * numbered paragraphs and items, a footnote whose marker stands mid-sentence and that names a
 * submitter, UN symbols of several series, an unnumbered annex with its table of papers; the
 * text's references to its own parts: "第二部分" in the letter, "载于附件" in ¶4, a footnote
 * "同上"; an expert named whole in running text, Knut Langeland in ¶1 and 克努特·朗厄兰, an
 * alias from the facts, in the signature; a section title citing a resolution) segments into
 * the tree written by hand in mini-report.json. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/run.h"
#include "util/textfile.h"

#define FIXTURE NDVR_TEST_DATA "/segment/"
#define SEGMENT NDVR_BIN_DIR "/ndvr-segment"

/* The expected tree as ndvr-segment prints it: the hand-written file parsed and printed (its
 * members keep their order), with the final newline. */
static char *
expected_tree(void)
{
    size_t n;
    char *text = textfile_read(FIXTURE "mini-report.json", &n, NULL);
    cr_assert_not_null(text);
    cJSON *tree = cJSON_Parse(text);
    cr_assert_not_null(tree, "mini-report.json does not parse");
    char *json = cJSON_Print(tree);
    char *out = malloc(strlen(json) + 2);
    sprintf(out, "%s\n", json);
    cJSON_free(json);
    cJSON_Delete(tree);
    free(text);
    return out;
}

Test(segment_fixture, a_made_up_report_gives_the_tree_written_by_hand)
{
    char out[] = "/tmp/ndvr-fixture-XXXXXX";
    int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    close(fd);
    const char *args[] = {"-o", out, FIXTURE "mini-report.zh.txt", NULL};
    struct run r = run_program(SEGMENT, args, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    size_t n;
    char *got = textfile_read(out, &n, NULL), *want = expected_tree();
    cr_assert_not_null(got);
    cr_expect_str_eq(got, want);
    remove(out);
    free(got);
    free(want);
    run_free(&r);
}
