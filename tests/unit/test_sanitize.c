/* Tests of the sanitiser and the width function. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "text/sanitize.h"
#include "text/width.h"

static char *
clean(const char *s, size_t n, unsigned *problems)
{
    return sanitize_text(s, n, NULL, problems);
}

Test(sanitize, escape_sequences_lose_their_escape_and_controls)
{
    unsigned p;
    /* OSC 52 clipboard write, CSI clear screen, a bell, a bare CR, DEL, C1 CSI (U+009B) */
    const char in[] = "标\x1b]52;c;ZXZpbA==\x07题\x1b[2J\r续\x7f\xc2\x9b"
                      "31m完";
    char *out = clean(in, sizeof in - 1, &p);
    cr_expect_str_eq(out, "标]52;c;ZXZpbA==题[2J\n续31m完");
    cr_expect_eq(p, SANITIZE_CONTROL);
    for (const char *c = out; *c; c++)
        cr_expect(*c == '\n' || (unsigned char)*c >= 0x20, "control byte %02x left", *c);
    free(out);
}

Test(sanitize, crlf_is_one_line_break_and_a_bare_cr_is_one_too)
{
    unsigned p;
    char *out = clean("a\r\nb\rc\r\r\nd", 10, &p);
    cr_expect_str_eq(out, "a\nb\nc\n\nd");
    cr_expect_eq(p, SANITIZE_CONTROL);
    free(out);
}

Test(sanitize, bidi_overrides_and_invisible_characters_are_removed)
{
    unsigned p;
    const char *in = "A\u202Eevil\u202C/72\u2066/\u2069304\u00AD\u200B\uFEFF";
    char *out = clean(in, strlen(in), &p);
    cr_expect_str_eq(out, "Aevil/72/304");
    cr_expect_eq(p, SANITIZE_BIDI | SANITIZE_INVISIBLE);
    free(out);
}

Test(sanitize, broken_utf8_becomes_replacement_characters)
{
    unsigned p;
    /* truncated 好, an overlong '/', an encoded surrogate, a lone continuation byte */
    const char in[] = "\xe5\xa5 \xc0\xaf \xed\xa0\x80 \x80 ok";
    char *out = clean(in, sizeof in - 1, &p);
    cr_expect_eq(p & SANITIZE_BAD_UTF8, SANITIZE_BAD_UTF8);
    cr_expect(strstr(out, " ok") != NULL);
    cr_expect(strncmp(out, "\uFFFD ", 4) == 0, "got %s", out);
    free(out);
}

Test(sanitize, joiners_combining_marks_newlines_and_tabs_are_kept)
{
    unsigned p;
    const char *in = "e\u0301\u200d\u200c\n\tGE-NDV/2018/4，中文“”¹";
    char *out = clean(in, strlen(in), &p);
    cr_expect_str_eq(out, in);
    cr_expect_eq(p, 0);
    cr_expect(sanitize_is_clean(in, strlen(in)));
    free(out);
}

Test(sanitize, unassigned_code_points_become_replacement_characters)
{
    unsigned p;
    char *out = clean("a\xcd\xb8z", 4, &p); /* U+0378 is unassigned */
    cr_expect_str_eq(out, "a\uFFFDz");
    cr_expect_eq(p, SANITIZE_UNPRINTABLE);
    free(out);
}

Test(sanitize, describe_lists_the_problems)
{
    char buf[128];
    cr_expect_str_eq(sanitize_describe(SANITIZE_CONTROL | SANITIZE_BIDI, buf, sizeof buf),
                     "control characters, bidi controls");
}

struct wcase {
    unsigned cp;
    int narrow, wide;
};

Test(width, matches_wcwidth_and_widens_only_ambiguous_characters)
{
    static const struct wcase cases[] = {
        {0x4E2D, 2, 2},                 /* 中 */
        {0xFF0C, 2, 2},                 /* ， */
        {0x3002, 2, 2},                 /* 。 */
        {0x201C, 1, 2},                 /* “ */
        {0x2014, 1, 2},                 /* — */
        {0x2026, 1, 2},                 /* … */
        {0x00B7, 1, 2},                 /* · */
        {0x00B9, 1, 2},                 /* ¹ */
        {0x2074, 1, 2},                 /* ⁴ is Ambiguous... */
        {0x2077, 1, 1},                 /* ...but ⁷ is Neutral in UAX #11, and stays narrow */
        {0x0410, 1, 2},                 /* Cyrillic А */
        {0x20AC, 1, 2},                 /* € */
        {0x2013, 1, 2},                 /* – */
        {0x0100, 1, 1},                 /* Ā is Neutral */
        {0xFF61, 1, 1},                 /* halfwidth ideographic full stop */
        {0x2022, 1, 2},                 /* • */
        {0x2502, 1, 2},                 /* │ box drawing */
        {'A', 1, 1},    {0x0301, 0, 0}, /* combining acute */
        {0x00E9, 1, 2}, /* é: East Asian Ambiguous in UAX #11, like Greek and Cyrillic */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        width_set_ambiguous(1);
        cr_expect_eq(cell_width(cases[i].cp), cases[i].narrow, "U+%04X narrow", cases[i].cp);
        width_set_ambiguous(2);
        cr_expect_eq(cell_width(cases[i].cp), cases[i].wide, "U+%04X wide", cases[i].cp);
    }
    width_set_ambiguous(1);
}

Test(width, does_not_depend_on_the_process_locale)
{
    /* the test runs in the C locale, where libc wcwidth() knows no CJK */
    cr_expect_eq(cell_width(0x4E2D), 2);
    cr_expect_eq(text_width("核查，GE-NDV", strlen("核查，GE-NDV")), 6 + 6);
}

/* The ranges cell_width_raw() answers without asking libc answer as libc does, and so does
 * everything else: every code point, against wcwidth() in C.UTF-8. */
Test(width, raw_width_is_libc_for_every_code_point)
{
    width_set_ambiguous(1); /* our wcwidth() is then libc's */
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    cr_assert_neq(loc, (locale_t)0);
    for (ucs4_t c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        locale_t old = uselocale(loc);
        int want = wcwidth((wchar_t)c);
        uselocale(old);
        if (cell_width_raw(c) != want)
            cr_assert_fail("U+%04X: %d, libc says %d", (unsigned)c, cell_width_raw(c), want);
    }
    freelocale(loc);
}

/* text_width() as it was before its fast path: a library decode and cell_width() each. */
static int
width_by_code_points(const char *s, size_t n)
{
    int cols = 0;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        cols += cell_width(c);
        p += len;
    }
    return cols;
}

/* text_width() decodes ASCII and the CJK ideographs itself: every code point, alone and after
 * another, and malformed and cut sequences around those it decodes, measure as before. */
Test(width, text_width_is_the_sum_of_cell_widths)
{
    for (ucs4_t c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        uint8_t buf[8] = "x";
        int len = u8_uctomb(buf + 1, c, 6);
        cr_assert_gt(len, 0);
        size_t n = (size_t)len + 1;
        if (text_width((const char *)buf, n) != width_by_code_points((const char *)buf, n))
            cr_assert_fail("U+%04X: %d, not %d", (unsigned)c, text_width((const char *)buf, n),
                           width_by_code_points((const char *)buf, n));
    }
    const char *bad[] = {"\xE4",
                         "\xE4\xB8",
                         "\xE4\xB8x",
                         "\xE4x\xAD",
                         "\xE9\xBF\xBF",
                         "\xE9\xBF\xB0",
                         "\xE4\xB8\xAD\xE4\xB8",
                         "\xB8\xAD",
                         "\xE3\x80\x80",
                         "\xE4\xB8\xAD\x01\x7F"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(text_width(bad[i], strlen(bad[i])),
                     width_by_code_points(bad[i], strlen(bad[i])), "case %zu", i);
}

Test(width, parses_the_option)
{
    cr_expect_eq(width_parse_ambiguous("1"), 1);
    cr_expect_eq(width_parse_ambiguous("2"), 2);
    cr_expect_eq(width_parse_ambiguous("3"), -1);
    cr_expect_eq(width_parse_ambiguous(NULL), -1);
}
