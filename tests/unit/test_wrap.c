/* Tests of the line breaker: CJK rules, whole Latin runs, markers, forced breaks, indents. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/width.h"
#include "text/wrap.h"

/* Wraps and returns the lines as NUL-separated strings in one buffer, for easy asserts. */
struct wrapped {
    size_t n;
    char *line[64];
    int cols[64];
};

static void
do_wrap(struct wrapped *w, const char *text, const struct wrap_spec *spec)
{
    struct wrap_line *lines;
    size_t n = wrap_text(text, strlen(text), spec, &lines);
    cr_assert_leq(n, 64);
    w->n = n;
    size_t joined = 0;
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(lines[i].start, joined, "lines must be contiguous");
        joined = lines[i].end;
        w->line[i] = strndup(text + lines[i].start, lines[i].end - lines[i].start);
        w->cols[i] = lines[i].cols;
    }
    cr_assert_eq(joined, strlen(text), "joined lines give the text back");
    free(lines);
}

static void
free_wrapped(struct wrapped *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->line[i]);
}

static struct wrap_spec
spec_of(int width)
{
    return (struct wrap_spec){.width = width};
}

Test(wrap, cjk_breaks_between_ideographs_and_keeps_punctuation_off_line_starts)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(10);
    do_wrap(&w, "专家组认识到，实现和维护无核武器世界。", &s);
    /* 10 columns hold 5 ideographs; "，" must not start line 2, so 到 goes with it */
    cr_assert_eq(w.n, 4);
    cr_expect_str_eq(w.line[0], "专家组认识");
    cr_expect_str_eq(w.line[1], "到，实现和");
    cr_expect_str_eq(w.line[2], "维护无核武");
    cr_expect_str_eq(w.line[3], "器世界。");
    cr_expect_eq(w.cols[1], 10);
    free_wrapped(&w);
}

Test(wrap, footnote_markers_never_start_a_line)
{
    /* The case from our notes: at width 20 UAX #14 alone puts ¹ first on line 2. */
    struct wrapped w;
    struct wrap_spec s = spec_of(20);
    do_wrap(&w, "一二三四五六七八九十¹，十一十二", &s);
    cr_assert_eq(w.n, 2);
    cr_expect_str_eq(w.line[0], "一二三四五六七八九");
    cr_expect_str_eq(w.line[1], "十¹，十一十二");
    free_wrapped(&w);
}

Test(wrap, plain_digit_markers_given_as_spans_stay_with_their_sentence)
{
    const char *text = "也可查阅裁军事务厅网站。1根据";
    size_t at = strlen("也可查阅裁军事务厅网站。");
    struct wrap_span marker = {at, at + 1};
    struct wrap_spec s = {.width = 24, .markers = &marker, .nmarkers = 1};
    struct wrapped w;
    do_wrap(&w, text, &s);
    /* 12 wide chars = 24 columns end exactly before the marker: it must not start line 2 */
    cr_expect_str_eq(w.line[0], "也可查阅裁军事务厅网");
    cr_expect_str_eq(w.line[1], "站。1根据");
    free_wrapped(&w);
}

Test(wrap, symbols_names_and_urls_stay_whole_when_they_fit)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(16);
    do_wrap(&w, "文件GE-NDV/2018/12由Knut Langeland提交，见A/72/304号文件。", &s);
    for (size_t i = 0; i < w.n; i++) {
        cr_expect(strstr(w.line[i], "GE-") == NULL || strstr(w.line[i], "GE-NDV/2018/12"),
                  "symbol cut: %s", w.line[i]);
        cr_expect(strstr(w.line[i], "A/72") == NULL || strstr(w.line[i], "A/72/304"),
                  "symbol cut: %s", w.line[i]);
        cr_expect(strstr(w.line[i], "Lange") == NULL || strstr(w.line[i], "Langeland"),
                  "name cut: %s", w.line[i]);
        cr_expect_leq(w.cols[i], 16);
    }
    /* 文件 (4) + the symbol (14) exceed 16: the symbol moves down whole */
    cr_expect_str_eq(w.line[0], "文件");
    cr_expect_str_eq(w.line[1], "GE-NDV/2018/12由");
    cr_expect_str_eq(w.line[2], "Knut Langeland提");
    free_wrapped(&w);
}

Test(wrap, overlong_runs_are_cut_at_grapheme_boundaries)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(10);
    do_wrap(&w, "见https://statements.unmeetings.org/media2/e\u0301u.pdf。", &s);
    for (size_t i = 0; i < w.n; i++) {
        cr_expect_leq(w.cols[i], 10, "line %zu: %s", i, w.line[i]);
        /* never split e from its combining accent */
        cr_expect_neq(strncmp(w.line[i], "\u0301", 2), 0, "line %zu starts with a mark", i);
    }
    cr_expect_gt(w.n, 4);
    free_wrapped(&w);
}

Test(wrap, middle_dots_in_names_neither_start_nor_end_a_line)
{
    /* from 6 columns up: 奥·古 (5 columns) is one unbreakable unit */
    for (int width = 6; width <= 20; width++) {
        struct wrapped w;
        struct wrap_spec s = spec_of(width);
        do_wrap(&w, "秘书长安东尼奥·古特雷斯说", &s);
        for (size_t i = 0; i < w.n; i++) {
            size_t len = strlen(w.line[i]);
            cr_expect(strncmp(w.line[i], "·", 2) != 0, "width %d line starts with ·", width);
            cr_expect(len < 2 || strcmp(w.line[i] + len - 2, "·") != 0, "width %d line ends with ·",
                      width);
        }
        free_wrapped(&w);
    }
}

Test(wrap, opening_brackets_never_end_a_line)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(8);
    do_wrap(&w, "一二三《核查》四五（六）", &s);
    for (size_t i = 0; i < w.n; i++) {
        size_t len = strlen(w.line[i]);
        cr_expect(len < 3 ||
                      (strcmp(w.line[i] + len - 3, "《") && strcmp(w.line[i] + len - 3, "（")),
                  "line ends with an opening bracket: %s", w.line[i]);
    }
    free_wrapped(&w);
}

Test(wrap, hanging_indent_narrows_every_line)
{
    struct wrapped w;
    struct wrap_spec s = {.width = 12, .first_indent = 4, .rest_indent = 4};
    do_wrap(&w, "专家组审议了不同情况下的核查。", &s);
    for (size_t i = 0; i < w.n; i++)
        cr_expect_leq(w.cols[i], 8);
    cr_expect_str_eq(w.line[0], "专家组审");
    free_wrapped(&w);
}

Test(wrap, trailing_spaces_hang_and_are_not_counted)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(9);
    do_wrap(&w, "verification of nuclear disarmament", &s);
    cr_expect_str_eq(w.line[0], "verificat", "a word longer than the line is cut");
    cr_expect_eq(w.cols[0], 9);
    cr_expect_str_eq(w.line[1], "ion of ");
    free_wrapped(&w);
    do_wrap(&w, "the role of verification", &s);
    cr_expect_str_eq(w.line[0], "the role ");
    cr_expect_eq(w.cols[0], 8);
    free_wrapped(&w);
}

Test(wrap, newlines_end_lines)
{
    struct wrapped w;
    struct wrap_spec s = spec_of(40);
    do_wrap(&w, "外交部\n军控司", &s);
    cr_assert_eq(w.n, 2);
    cr_expect_str_eq(w.line[0], "外交部\n");
    cr_expect_eq(w.cols[0], 6);
    free_wrapped(&w);
}

Test(wrap, ambiguous_width_two_changes_the_wrapping)
{
    const char *text = "一些专家讨论了“完美核查”的概念¹。";
    struct wrapped narrow, wide;
    struct wrap_spec s = spec_of(17);
    width_set_ambiguous(1);
    do_wrap(&narrow, text, &s);
    width_set_ambiguous(2);
    do_wrap(&wide, text, &s);
    width_set_ambiguous(1);
    /* UAX #14 keeps 了“完 together. Narrow: 一些专家讨论 (12) + 了“完 (5) = 17, it fits. */
    cr_expect_str_eq(narrow.line[0], "一些专家讨论了“完");
    cr_expect_eq(narrow.cols[0], 17);
    /* Wide, “ takes 2: 了“完 is 6 columns and no longer fits */
    cr_expect_str_eq(wide.line[0], "一些专家讨论");
    for (size_t i = 0; i < wide.n; i++)
        cr_expect_leq(wide.cols[i], 17);
    free_wrapped(&narrow);
    free_wrapped(&wide);
}

Test(wrap, empty_text_is_one_empty_line)
{
    struct wrap_line *lines;
    struct wrap_spec s = spec_of(10);
    cr_assert_eq(wrap_text("", 0, &s, &lines), 1);
    cr_expect_eq(lines[0].cols, 0);
    free(lines);
}
