/* Tests of what the segmenter reads (src/segment/normalize.c): the check of the bytes as read
 * and the normalised lines. */
#include <criterion/criterion.h>
#include <string.h>

#include "segment/segment.h"

static struct seg_source src;

static void
init(const char *text)
{
    seg_source_init(&src, "t.txt", text, strlen(text));
}

static void
fini(void)
{
    seg_source_fini(&src);
}

/* Line i (0-based) must read `text` and have blank_end as given. */
static void
expect_line(size_t i, const char *text, bool blank_end)
{
    cr_assert_lt(i, src.nlines, "no line %zu", i + 1);
    const struct seg_line *l = &src.lines[i];
    cr_expect_eq(l->n, strlen(text), "line %zu: %.*s", i + 1, (int)l->n, l->s);
    cr_expect(memcmp(l->s, text, l->n) == 0, "line %zu: %.*s", i + 1, (int)l->n, l->s);
    cr_expect_eq(l->blank_end, blank_end, "line %zu blank_end", i + 1);
    cr_expect_eq(l->lineno, (int)i + 1);
}

/* seg_source_check on text must fail at line:col with msg. */
static void
expect_refused(const char *text, size_t n, int line, int col, const char *msg)
{
    struct diag d = {0};
    cr_assert_not(seg_source_check("t.txt", text, n, &d));
    cr_expect_str_eq(d.file, "t.txt");
    cr_expect_eq(d.line, line, "line %d", d.line);
    cr_expect_eq(d.col, col, "col %d", d.col);
    cr_expect_str_eq(d.msg, msg);
}

Test(normalize, refuses_invalid_utf8_where_it_is)
{
    expect_refused("一\n二\xff三\n", strlen("一\n二\xff三\n"), 2, 4, "invalid UTF-8");
    /* a file cut inside a character: its last line */
    const char *cut = "一\r\n二三";
    expect_refused(cut, strlen(cut) - 1, 2, 4, "invalid UTF-8");
    /* a surrogate and an overlong form are not UTF-8 either */
    expect_refused("\xed\xa0\x80", 3, 1, 1, "invalid UTF-8");
    expect_refused("a\xc0\xaf", 3, 1, 2, "invalid UTF-8");
}

Test(normalize, refuses_control_characters_but_tab_and_line_ends)
{
    struct diag d = {0};
    const char *ok = "一\t二\r\n三\r四\n";
    cr_expect(seg_source_check("t.txt", ok, strlen(ok), &d));
    expect_refused("一\r二\x1b[31m", strlen("一\r二\x1b[31m"), 2, 4, "control character U+001B");
    expect_refused("ab\0c", 4, 1, 3, "control character U+0000");
    expect_refused("\f", 1, 1, 1, "control character U+000C");
    expect_refused("a\xc2\x85", 3, 1, 2, "control character U+0085");
}

Test(normalize, drops_boms_and_unifies_line_ends, .fini = fini)
{
    init("\xef\xbb\xbf一\r\n二\xef\xbb\xbf三\r四\n\r\n");
    cr_assert_eq(src.nlines, 4);
    expect_line(0, "一", false);
    expect_line(1, "二三", false);
    expect_line(2, "四", false);
    expect_line(3, "", false);
}

Test(normalize, composes_nfd, .fini = fini)
{
    /* Dávid as typed with a combining acute accent */
    init("Da\xcc\x81vid Könnö\n");
    expect_line(0, "D\xc3\xa1vid Könnö", false);
}

Test(normalize, takes_trailing_whitespace_off_and_notes_it, .fini = fini)
{
    init("一 \n二\t\n三\u3000\n四\n   \n\n\t五");
    cr_assert_eq(src.nlines, 7);
    expect_line(0, "一", true);
    expect_line(1, "二", true);
    expect_line(2, "三", true);
    expect_line(3, "四", false);
    expect_line(4, "", true);
    expect_line(5, "", false);
    expect_line(6, "\t五", false);
}

Test(normalize, whitespace_every_line_ends_in_tells_nothing, .fini = fini)
{
    /* a tool padded every line (blank ones too) with a tab: only what is beyond it counts */
    init("一 \t\n二\t\n\t\n  \t\n");
    expect_line(0, "一", true);
    expect_line(1, "二", false);
    expect_line(2, "", false);
    expect_line(3, "", true);
}

Test(normalize, empty_and_blank_sources, .fini = fini)
{
    init("");
    cr_expect_eq(src.nlines, 0);
    seg_source_fini(&src);
    init("\xef\xbb\xbf");
    cr_expect_eq(src.nlines, 0);
    seg_source_fini(&src);
    init(" \n");
    cr_assert_eq(src.nlines, 1);
    expect_line(0, "", true);
}
