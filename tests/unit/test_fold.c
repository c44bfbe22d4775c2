/* Tests of search keys: width and case folding, markers ignored, mapping back. */
#include <criterion/criterion.h>
#include <string.h>

#include "search/fold.h"

/* Finds q in text the way search does; returns the original range or false. */
static bool
find(const char *text, const struct wrap_span *skip, size_t nskip, const char *q, size_t *start,
     size_t *end)
{
    struct fold_key k, fq;
    fold_text(text, strlen(text), skip, nskip, &k);
    fold_query(q, &fq);
    bool found = false;
    for (const char *p = k.key; (p = strstr(p, fq.key)) != NULL; p++) {
        size_t a = (size_t)(p - k.key);
        if (fold_is_boundary_match(&k, a, a + fq.len)) {
            fold_original_range(&k, a, a + fq.len, start, end);
            found = true;
            break;
        }
    }
    fold_key_free(&k);
    fold_key_free(&fq);
    return found;
}

Test(fold, fullwidth_query_finds_ascii_symbol)
{
    size_t s, e;
    const char *text = "见“核裁军核查——能力建设”(GE-NDV/2018/12)。";
    cr_assert(find(text, NULL, 0, "ｇｅ－ｎｄｖ／２０１８／１２", &s, &e));
    cr_expect_eq(e - s, strlen("GE-NDV/2018/12"));
    cr_expect(strncmp(text + s, "GE-NDV/2018/12", e - s) == 0);
}

Test(fold, latin_case_is_ignored)
{
    size_t s, e;
    const char *text = "Knut Langeland(挪威)";
    cr_assert(find(text, NULL, 0, "langeland", &s, &e));
    cr_expect_eq(s, 5);
    cr_expect_eq(e, 14);
    cr_assert(find(text, NULL, 0, "KNUT LANGELAND", &s, &e));
}

Test(fold, superscript_markers_are_ignored_and_kept_in_the_range)
{
    size_t s, e;
    const char *text = "报告载于A/72/304¹号文件";
    cr_assert(find(text, NULL, 0, "A/72/304号", &s, &e));
    /* the highlight covers the marker too: it sits inside the match */
    cr_expect(strncmp(text + s, "A/72/304¹号", e - s) == 0);
    cr_assert_not(find(text, NULL, 0, "3041", &s, &e), "the marker is not a digit of the symbol");
}

Test(fold, plain_digit_markers_given_as_spans_are_ignored)
{
    size_t s, e;
    const char *text = "裁军事务厅网站。1根据第 65/276 号决议";
    size_t at = strlen("裁军事务厅网站。");
    struct wrap_span marker = {at, at + 1};
    cr_assert(find(text, &marker, 1, "网站。根据", &s, &e));
    cr_assert_not(find(text, NULL, 0, "网站。根据", &s, &e), "without the span it is text");
}

Test(fold, matches_start_and_end_on_cluster_boundaries)
{
    size_t s, e;
    /* "e" must not match the e of e + combining acute */
    cr_assert_not(find("caf\x65\xcc\x81", NULL, 0, "cafe", &s, &e));
    cr_assert(find("caf\x65\xcc\x81", NULL, 0, "caf\xc3\xa9", &s, &e), "NFKC composes");
}
