/* OSC 8 hyperlinks in `ndvr cat --hyperlinks` (cli/hyperlink.h): off by default; with the
 * option, the words citing a UN document outside the corpus link to undocs.org, the text
 * itself unchanged; nothing but a clean symbol reaches the escape sequence. A/72/304's
 * paragraph 1 cites resolution 71/67 ("第 71/67 号决议", assets/corpus/A-72-304.json), which
 * is not in the corpus; A/74/90's paragraph 10 cites working papers, which are. */
#include <criterion/criterion.h>
#include <string.h>

#include "cli/hyperlink.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define OPEN_71_67 "\033]8;;https://undocs.org/zh/A/RES/71/67\033\\"
#define CLOSE "\033]8;;\033\\"

static struct run
cat(const char *hyperlinks, const char *address)
{
    const char *with[] = {hyperlinks, "cat", "--width", "80", address, NULL};
    const char *without[] = {"cat", "--width", "80", address, NULL};
    const char *env[] = {"NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus", NULL};
    return run_program(NDVR, hyperlinks ? with : without, env);
}

/* s with every OSC 8 sequence taken out. Caller frees. */
static char *
strip_links(const char *s)
{
    char *out = strdup(s), *w = out;
    while (*s != '\0') {
        if (strncmp(s, "\033]8;;", 5) == 0) {
            s = strstr(s, "\033\\");
            cr_assert_not_null(s, "an unterminated OSC 8");
            s += 2;
            continue;
        }
        *w++ = *s++;
    }
    *w = '\0';
    return out;
}

Test(hyperlink, urls_only_of_clean_symbols)
{
    char url[256];
    cr_assert(hyperlink_url("A/RES/71/67", url, sizeof url));
    cr_expect_str_eq(url, "https://undocs.org/zh/A/RES/71/67");
    cr_assert(hyperlink_url("CD/1299", url, sizeof url));
    cr_expect_str_eq(url, "https://undocs.org/zh/CD/1299");
    cr_expect_not(hyperlink_url("", url, sizeof url));
    cr_expect_not(hyperlink_url("A/RES/71/67\033]8;;http://evil\033\\", url, sizeof url));
    cr_expect_not(hyperlink_url("A/RES/71/67\a", url, sizeof url));
    cr_expect_not(hyperlink_url("A RES", url, sizeof url));
    cr_expect_not(hyperlink_url("A/RES/71/67", url, 10)); /* does not fit */
}

Test(hyperlink, off_by_default)
{
    struct run r = cat(NULL, "A/72/304#p1");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_null(strstr(r.out, "\033]8"), "%s", r.out);
    run_free(&r);
}

Test(hyperlink, a_resolution_outside_the_corpus_links_to_undocs)
{
    struct run plain = cat(NULL, "A/72/304#p1");
    struct run linked = cat("--hyperlinks", "A/72/304#p1");
    cr_assert_eq(linked.status, 0, "%s", linked.err);
    cr_expect_not_null(strstr(linked.out, OPEN_71_67 "71/67" CLOSE), "%s", linked.out);
    char *stripped = strip_links(linked.out);
    cr_expect_str_eq(stripped, plain.out, "the text changed");
    free(stripped);
    run_free(&plain);
    run_free(&linked);
}

Test(hyperlink, documents_in_the_corpus_are_no_links)
{
    struct run r = cat("--hyperlinks", "A/74/90#p10");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_null(strstr(r.out, "\033]8"), "%s", r.out);
    run_free(&r);
}
