/* Keys files cannot put control characters into messages (issue 14, reliability D9): a
 * control, bidi or invisible character in a keys file is an error at its column, like
 * invalid UTF-8, and every message is sanitised text, whole characters only. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "input/keymap.h"
#include "text/sanitize.h"

/* Loads text and returns the errors (the caller finis them). */
static struct keymap_errors
load(const char *text)
{
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    struct keymap *km = keymap_new();
    keymap_load_string(km, "k.keys", text, strlen(text), NULL, NULL, &errs);
    keymap_free(km);
    return errs;
}

static void
expect_clean(const struct keymap_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        const char *m = errs->items[i].msg;
        cr_expect(sanitize_is_clean(m, strlen(m)), "error %zu is not clean text: %s", i, m);
    }
}

/* The reproducer of the reliability run, byte for byte. */
Test(keymap_controls, crasher_lines_are_errors_at_the_character)
{
    struct keymap_errors errs = load("bind \x1b]0;PWNED\x07 quit\n"
                                     "bind \xc2\x9b"
                                     "2J quit\n"
                                     "bind \xe2\x80\xaeX quit\n");
    cr_assert_eq(errs.count, 3);
    static const char *const want[] = {"control character U+001B", "control character U+009B",
                                       "control character U+202E"};
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(errs.items[i].line, i + 1);
        cr_expect_eq(errs.items[i].col, 6);
        cr_expect_str_eq(errs.items[i].msg, want[i]);
    }
    expect_clean(&errs);
    keymap_errors_fini(&errs);
}

Test(keymap_controls, bel_del_and_zero_width_space_are_errors)
{
    struct keymap_errors errs = load("bind j\x07 quit\nbind k quit\x7f\nbind \xe2\x80\x8bq quit\n");
    cr_assert_eq(errs.count, 3);
    cr_expect_str_eq(errs.items[0].msg, "control character U+0007");
    cr_expect_eq(errs.items[0].col, 7);
    cr_expect_str_eq(errs.items[1].msg, "control character U+007F");
    cr_expect_eq(errs.items[1].col, 12);
    cr_expect_str_eq(errs.items[2].msg, "control character U+200B");
    keymap_errors_fini(&errs);
}

/* Tabs separate words, CRLF ends lines: neither is a control character here. */
Test(keymap_controls, tabs_and_crlf_are_still_fine)
{
    struct keymap_errors errs = load("bind\tj\tquit\r\nbind k quit\r\n");
    cr_expect_eq(errs.count, 0, "%s", errs.count ? errs.items[0].msg : "");
    keymap_errors_fini(&errs);
}

/* A character the terminal cannot draw (unassigned U+0378) passes the line check; the message
 * quoting it shows U+FFFD instead. */
Test(keymap_controls, quoted_unprintable_characters_are_replaced)
{
    struct keymap_errors errs = load("bind C-\xcd\xb8 quit\n");
    cr_assert_eq(errs.count, 1);
    cr_expect_str_eq(errs.items[0].msg, "unknown key name 'C-\xef\xbf\xbd'");
    keymap_errors_fini(&errs);
}

/* A quoted word longer than a message: cut between characters, never inside one. */
Test(keymap_controls, long_quoted_words_are_cut_between_characters)
{
    char text[1024] = "bind C-";
    for (int i = 0; i < 200; i++)     /* a key name: C-中中… */
        strcat(text, "\xe4\xb8\xad"); /* 中 */
    strcat(text, " quit\n");
    struct keymap_errors errs = load(text);
    cr_assert_eq(errs.count, 1);
    const char *m = errs.items[0].msg;
    cr_expect_eq(strncmp(m, "unknown key name 'C-\xe4\xb8\xad", 23), 0, "%s", m);
    cr_expect(strstr(m, "\xef\xbf\xbd") == NULL, "a cut character became U+FFFD: %s", m);
    expect_clean(&errs);
    keymap_errors_fini(&errs);
}
