/* Tests of key names and key codes: every name class both ways, aliases, curses input. */
#include <criterion/criterion.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "input/keyname.h"

/* Asserts that name parses to code and that code's canonical name is name. */
static void
expect_round_trip(const char *name, key_code code)
{
    char buf[KEYNAME_BUFSIZE];

    cr_expect_eq(keyname_parse(name), code, "parse(\"%s\") = %#x, want %#x", name,
                 (unsigned)keyname_parse(name), (unsigned)code);
    const char *s = keyname_string(code, buf, sizeof buf);
    cr_expect(s != NULL && strcmp(s, name) == 0, "string(%#x) = \"%s\", want \"%s\"",
              (unsigned)code, s ? s : "(null)", name);
}

Test(keyname, printable_characters_are_their_code_points)
{
    expect_round_trip("j", 'j');
    expect_round_trip("G", 'G');
    expect_round_trip("/", '/');
    expect_round_trip("?", '?');
    expect_round_trip(":", ':');
    expect_round_trip("[", '[');
    expect_round_trip("]", ']');
    expect_round_trip("#", '#');
    expect_round_trip("-", '-');
    expect_round_trip("~", '~');
    expect_round_trip("C", 'C');
    expect_round_trip("M", 'M');
    expect_round_trip("中", 0x4E2D);
    expect_round_trip("é", 0xE9);
    expect_round_trip("\xc2\xa0", 0xA0); /* NO-BREAK SPACE: not a C1 control */
    expect_round_trip("😀", 0x1F600);
}

Test(keyname, named_keys_have_the_curses_codes_offset_by_base)
{
    /* ncurses values, octal in curses.h: KEY_DOWN 0402 ... KEY_END 0550. */
    expect_round_trip("Down", 0x200102);
    expect_round_trip("Up", 0x200103);
    expect_round_trip("Left", 0x200104);
    expect_round_trip("Right", 0x200105);
    expect_round_trip("Home", 0x200106);
    expect_round_trip("Backspace", 0x200107);
    expect_round_trip("F1", 0x200109);
    expect_round_trip("F12", 0x200114);
    expect_round_trip("Delete", 0x20014A);
    expect_round_trip("Insert", 0x20014B);
    expect_round_trip("PageDown", 0x200152);
    expect_round_trip("PageUp", 0x200153);
    expect_round_trip("Enter", 0x200157);
    expect_round_trip("BTab", 0x200161);
    expect_round_trip("End", 0x200168);
}

Test(keyname, every_named_key_round_trips)
{
    static const struct {
        const char *name;
        key_code key;
    } named[] = {
        {"Space", ' '},
        {"Tab", 9},
        {"BTab", KEYC_BTAB},
        {"Enter", KEYC_ENTER},
        {"Escape", 27},
        {"Backspace", KEYC_BACKSPACE},
        {"Delete", KEYC_DELETE},
        {"Insert", KEYC_INSERT},
        {"Home", KEYC_HOME},
        {"End", KEYC_END},
        {"PageUp", KEYC_PAGEUP},
        {"PageDown", KEYC_PAGEDOWN},
        {"Up", KEYC_UP},
        {"Down", KEYC_DOWN},
        {"Left", KEYC_LEFT},
        {"Right", KEYC_RIGHT},
        {"F1", KEYC_F(1)},
        {"F2", KEYC_F(2)},
        {"F3", KEYC_F(3)},
        {"F4", KEYC_F(4)},
        {"F5", KEYC_F(5)},
        {"F6", KEYC_F(6)},
        {"F7", KEYC_F(7)},
        {"F8", KEYC_F(8)},
        {"F9", KEYC_F(9)},
        {"F10", KEYC_F(10)},
        {"F11", KEYC_F(11)},
        {"F12", KEYC_F(12)},
        {"WheelUp", KEYC_MOUSE_WHEEL_UP},
        {"WheelDown", KEYC_MOUSE_WHEEL_DOWN},
        {"Click", KEYC_MOUSE_CLICK},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        expect_round_trip(named[i].name, named[i].key);
    cr_expect_neq(KEYC_MOUSE_WHEEL_UP, KEYC_MOUSE_WHEEL_DOWN);
    cr_expect_neq(KEYC_MOUSE_WHEEL_DOWN, KEYC_MOUSE_CLICK);
}

Test(keyname, control_keys_are_control_codes)
{
    expect_round_trip("C-a", 1);
    expect_round_trip("C-d", 4);
    expect_round_trip("C-z", 26);
    expect_round_trip("C-@", 0);
    expect_round_trip("C-\\", 28);
    expect_round_trip("C-]", 29);
    expect_round_trip("C-^", 30);
    expect_round_trip("C-_", 31);
    cr_expect_eq(KEYC_CTRL('l'), 12);
    cr_expect_eq(keyname_parse("C-l"), KEYC_CTRL('l'));
}

Test(keyname, control_aliases_name_the_normalised_key)
{
    char buf[KEYNAME_BUFSIZE];

    cr_expect_eq(keyname_parse("C-A"), 1); /* the terminal sends the same byte */
    cr_expect_eq(keyname_parse("C-Z"), 26);
    cr_expect_eq(keyname_parse("C-i"), 9);              /* Tab */
    cr_expect_eq(keyname_parse("C-["), 27);             /* Escape */
    cr_expect_eq(keyname_parse("C-m"), KEYC_ENTER);     /* 13 */
    cr_expect_eq(keyname_parse("C-j"), KEYC_ENTER);     /* 10 */
    cr_expect_eq(keyname_parse("C-h"), KEYC_BACKSPACE); /* 8 */
    cr_expect_str_eq(keyname_string(keyname_parse("C-i"), buf, sizeof buf), "Tab");
    cr_expect_str_eq(keyname_string(keyname_parse("C-["), buf, sizeof buf), "Escape");
    cr_expect_str_eq(keyname_string(keyname_parse("C-A"), buf, sizeof buf), "C-a");
}

Test(keyname, raw_enter_and_backspace_codes_are_named_after_normalising)
{
    char buf[KEYNAME_BUFSIZE];

    cr_expect_str_eq(keyname_string('\r', buf, sizeof buf), "Enter");
    cr_expect_str_eq(keyname_string('\n', buf, sizeof buf), "Enter");
    cr_expect_str_eq(keyname_string(127, buf, sizeof buf), "Backspace");
    cr_expect_str_eq(keyname_string(8, buf, sizeof buf), "Backspace");
    cr_expect_str_eq(keyname_string(KEYC_META | '\r', buf, sizeof buf), "M-Enter");
}

Test(keyname, other_aliases_parse_to_the_canonical_key)
{
    char buf[KEYNAME_BUFSIZE];

    cr_expect_eq(keyname_parse("S-Tab"), KEYC_BTAB);
    cr_expect_eq(keyname_parse("PPage"), KEYC_PAGEUP);
    cr_expect_eq(keyname_parse("NPage"), KEYC_PAGEDOWN);
    cr_expect_eq(keyname_parse("BSpace"), KEYC_BACKSPACE);
    cr_expect_eq(keyname_parse("M-S-Tab"), KEYC_META | KEYC_BTAB);
    cr_expect_str_eq(keyname_string(keyname_parse("S-Tab"), buf, sizeof buf), "BTab");
    cr_expect_str_eq(keyname_string(keyname_parse("PPage"), buf, sizeof buf), "PageUp");
    cr_expect_str_eq(keyname_string(keyname_parse("NPage"), buf, sizeof buf), "PageDown");
}

Test(keyname, meta_is_a_flag_on_any_key)
{
    cr_expect_eq(KEYC_META, 0x1000000);
    expect_round_trip("M-j", KEYC_META | 'j');
    expect_round_trip("M-v", KEYC_META | 'v');
    expect_round_trip("M-<", KEYC_META | '<');
    expect_round_trip("M--", KEYC_META | '-');
    expect_round_trip("M-M", KEYC_META | 'M');
    expect_round_trip("M-中", KEYC_META | 0x4E2D);
    expect_round_trip("M-Enter", KEYC_META | KEYC_ENTER);
    expect_round_trip("M-Space", KEYC_META | ' ');
    expect_round_trip("M-Tab", KEYC_META | 9);
    expect_round_trip("M-Escape", KEYC_META | 27);
    expect_round_trip("M-PageDown", KEYC_META | KEYC_PAGEDOWN);
    expect_round_trip("M-F12", KEYC_META | KEYC_F(12));
    expect_round_trip("M-WheelUp", KEYC_META | KEYC_MOUSE_WHEEL_UP);
    expect_round_trip("M-C-x", KEYC_META | 24);
    expect_round_trip("M-C-@", KEYC_META | 0);
    cr_expect_eq(keyname_parse("C-M-x"), KEYC_META | 24);
    cr_expect_eq(keyname_parse("M-C-m"), KEYC_META | KEYC_ENTER);
}

Test(keyname, unknown_names_are_none)
{
    static const char *const bad[] = {
        "",
        "enter",
        "space",
        "ENTER",
        "pageup",
        "F0",
        "F13",
        "Fn",
        "Foo",
        "jj",
        "j ",
        "C-",
        "M-",
        "C-M-",
        "c-x",
        "m-x",
        "S-x",
        "C-1",
        "C-?",
        "C-Up",
        "C-Enter",
        "C-中",
        "C-Space",
        "M-M-x",
        "C-C-x",
        "M-C-M-x",
        "\t",
        " ",
        "\x7f",
        "\x1b",
        "\xc2\x9b",
        "\xe4\xb8",         /* 中 cut short */
        "\xc0\xaf",         /* overlong '/' */
        "\xed\xa0\x80",     /* a surrogate */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "中文",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(keyname_parse(bad[i]), KEYC_NONE, "\"%s\" parsed", bad[i]);
    cr_expect_eq(keyname_parse(NULL), KEYC_NONE);
}

Test(keyname, codes_without_names_give_null_and_an_empty_buffer)
{
    char buf[KEYNAME_BUFSIZE] = "junk";

    cr_expect_null(keyname_string(KEYC_NONE, buf, sizeof buf));
    cr_expect_str_eq(buf, "");
    cr_expect_null(keyname_string(KEYC_BASE + KEY_RESIZE, buf, sizeof buf));
    cr_expect_null(keyname_string(KEYC_BASE + KEY_MOUSE, buf, sizeof buf));
    cr_expect_null(keyname_string(KEYC_BASE + 0x10000, buf, sizeof buf)); /* ui.h's own */
    cr_expect_null(keyname_string(KEYC_F(13), buf, sizeof buf));
    cr_expect_null(keyname_string(0x9B, buf, sizeof buf));   /* C1 CSI */
    cr_expect_null(keyname_string(0xD800, buf, sizeof buf)); /* surrogate */
    cr_expect_null(keyname_string(0x110000, buf, sizeof buf));
    cr_expect_null(keyname_string(KEYC_META << 1 | 'j', buf, sizeof buf));
}

Test(keyname, a_small_buffer_gives_null_not_a_cut_name)
{
    char buf[9];

    cr_expect_null(keyname_string(KEYC_META | KEYC_PAGEDOWN, buf, sizeof buf));
    cr_expect_str_eq(buf, "");
    cr_expect_str_eq(keyname_string(KEYC_PAGEDOWN, buf, sizeof buf), "PageDown");
    cr_expect_null(keyname_string('j', buf, 0));
}

Test(keyname, every_character_and_control_code_round_trips_with_and_without_meta)
{
    char buf[KEYNAME_BUFSIZE];
    unsigned named = 0;

    for (key_code c = 0; c <= 0x10FFFF; c++) {
        for (key_code k = c; k <= (c | KEYC_META); k += KEYC_META) {
            if (keyname_string(k, buf, sizeof buf) == NULL)
                continue;
            named++;
            key_code base = k & ~KEYC_META, want = k;
            if (base == 13 || base == 10)
                want = (k & KEYC_META) | KEYC_ENTER;
            else if (base == 8 || base == 127)
                want = (k & KEYC_META) | KEYC_BACKSPACE;
            /* Plain if: Criterion reports every assertion, and there are two million. */
            if (keyname_parse(buf) != want)
                cr_assert_fail("%#x -> \"%s\" -> %#x", (unsigned)k, buf,
                               (unsigned)keyname_parse(buf));
        }
    }
    /* All but the 2048 surrogates and the 32 C1 controls, each with and without Meta; the
     * four Enter/Backspace codes are named after their normalised key. */
    cr_expect_eq(named, 2u * (0x110000u - 2048u - 32u));
}

Test(keyname, curses_characters_become_keys)
{
    cr_expect_eq(keyname_from_curses(OK, 'j'), 'j');
    cr_expect_eq(keyname_from_curses(OK, ' '), ' ');
    cr_expect_eq(keyname_from_curses(OK, 0x4E2D), 0x4E2D);
    cr_expect_eq(keyname_from_curses(OK, 4), 4); /* C-d */
    cr_expect_eq(keyname_from_curses(OK, 0), 0); /* C-@ */
    cr_expect_eq(keyname_from_curses(OK, '\t'), 9);
    cr_expect_eq(keyname_from_curses(OK, 27), 27);
    cr_expect_eq(keyname_from_curses(OK, '\n'), KEYC_ENTER);
    cr_expect_eq(keyname_from_curses(OK, '\r'), KEYC_ENTER);
    cr_expect_eq(keyname_from_curses(OK, 127), KEYC_BACKSPACE);
    cr_expect_eq(keyname_from_curses(OK, 8), KEYC_BACKSPACE);
}

Test(keyname, curses_function_keys_become_keys)
{
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_UP), KEYC_UP);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_NPAGE), KEYC_PAGEDOWN);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_BTAB), KEYC_BTAB);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_F(5)), KEYC_F(5));
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_DC), KEYC_DELETE);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_ENTER), KEYC_ENTER);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_BACKSPACE), KEYC_BACKSPACE);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_RESIZE), KEYC_BASE + KEY_RESIZE);
    cr_expect_eq(keyname_from_curses(KEY_CODE_YES, KEY_MAX + 1), KEYC_NONE);
}

Test(keyname, curses_input_that_is_not_a_key_is_none)
{
    cr_expect_eq(keyname_from_curses(ERR, 'j'), KEYC_NONE);
    cr_expect_eq(keyname_from_curses(OK, 0x9B), KEYC_NONE);
    cr_expect_eq(keyname_from_curses(OK, 0x85), KEYC_NONE);
    cr_expect_eq(keyname_from_curses(OK, 0xD800), KEYC_NONE);
    cr_expect_eq(keyname_from_curses(OK, 0x110000), KEYC_NONE);
    cr_expect_eq(KEYC_META | keyname_from_curses(ERR, 0), KEYC_NONE); /* what ui.c relies on */
}

Test(keyname, escape_then_key_is_the_meta_key)
{
    char buf[KEYNAME_BUFSIZE];

    /* The UI reads ESC, then the next key, and ORs KEYC_META onto it. */
    cr_expect_str_eq(keyname_string(KEYC_META | keyname_from_curses(OK, 'x'), buf, sizeof buf),
                     "M-x");
    cr_expect_str_eq(keyname_string(KEYC_META | keyname_from_curses(OK, '\r'), buf, sizeof buf),
                     "M-Enter");
    cr_expect_str_eq(keyname_string(KEYC_META | keyname_from_curses(OK, 22), buf, sizeof buf),
                     "M-C-v");
    cr_expect_eq(KEYC_META | keyname_from_curses(KEY_CODE_YES, KEY_LEFT), keyname_parse("M-Left"));
}

static int
compare_keys(const void *a, const void *b)
{
    return keyname_compare(*(const key_code *)a, *(const key_code *)b);
}

Test(keyname, display_order_puts_characters_first_and_meta_last)
{
    key_code keys[] = {
        KEYC_META | 'a',
        KEYC_MOUSE_WHEEL_UP,
        KEYC_CTRL('d'),
        KEYC_DOWN,
        'j',
        9,
        'd',
        ' ',
        KEYC_META | KEYC_CTRL('v'),
    };
    key_code want[] = {
        ' ',
        'd',
        'j',
        9,
        KEYC_DOWN,
        KEYC_CTRL('d'),
        KEYC_MOUSE_WHEEL_UP,
        KEYC_META | 'a',
        KEYC_META | KEYC_CTRL('v'),
    };
    size_t n = sizeof keys / sizeof keys[0];

    qsort(keys, n, sizeof keys[0], compare_keys);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(keys[i], want[i], "position %zu: %#x", i, (unsigned)keys[i]);
    cr_expect_eq(keyname_compare('j', 'j'), 0);
}
