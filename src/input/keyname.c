/* Key codes to names and back, and curses input to key codes. */
#include "input/keyname.h"

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

/* The header spells the curses values out so that its users need not include curses.h. */
_Static_assert(KEYC_DOWN == KEYC_BASE + KEY_DOWN, "KEY_DOWN");
_Static_assert(KEYC_UP == KEYC_BASE + KEY_UP, "KEY_UP");
_Static_assert(KEYC_LEFT == KEYC_BASE + KEY_LEFT, "KEY_LEFT");
_Static_assert(KEYC_RIGHT == KEYC_BASE + KEY_RIGHT, "KEY_RIGHT");
_Static_assert(KEYC_HOME == KEYC_BASE + KEY_HOME, "KEY_HOME");
_Static_assert(KEYC_BACKSPACE == KEYC_BASE + KEY_BACKSPACE, "KEY_BACKSPACE");
_Static_assert(KEYC_F(12) == KEYC_BASE + KEY_F(12), "KEY_F");
_Static_assert(KEYC_DELETE == KEYC_BASE + KEY_DC, "KEY_DC");
_Static_assert(KEYC_INSERT == KEYC_BASE + KEY_IC, "KEY_IC");
_Static_assert(KEYC_PAGEDOWN == KEYC_BASE + KEY_NPAGE, "KEY_NPAGE");
_Static_assert(KEYC_PAGEUP == KEYC_BASE + KEY_PPAGE, "KEY_PPAGE");
_Static_assert(KEYC_ENTER == KEYC_BASE + KEY_ENTER, "KEY_ENTER");
_Static_assert(KEYC_BTAB == KEYC_BASE + KEY_BTAB, "KEY_BTAB");
_Static_assert(KEYC_END == KEYC_BASE + KEY_END, "KEY_END");
_Static_assert(KEYC_PSEUDO > KEYC_BASE + KEY_MAX, "pseudo-keys clash with curses keys");
_Static_assert(KEYC_META > KEYC_MOUSE_CLICK, "the Meta flag overlaps key codes");

#define UNICODE_MAX 0x10FFFF

/* Named keys. The first name listed for a code is its canonical one; the rest are aliases. */
static const struct {
    const char *name;
    key_code key;
} keyname_table[] = {
    {"Space", KEYC_SPACE},
    {"Tab", KEYC_TAB},
    {"BTab", KEYC_BTAB},
    {"S-Tab", KEYC_BTAB},
    {"Enter", KEYC_ENTER},
    {"Escape", KEYC_ESCAPE},
    {"Backspace", KEYC_BACKSPACE},
    {"BSpace", KEYC_BACKSPACE},
    {"Delete", KEYC_DELETE},
    {"Insert", KEYC_INSERT},
    {"Home", KEYC_HOME},
    {"End", KEYC_END},
    {"PageUp", KEYC_PAGEUP},
    {"PPage", KEYC_PAGEUP},
    {"PageDown", KEYC_PAGEDOWN},
    {"NPage", KEYC_PAGEDOWN},
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

#define KEYNAME_TABLE_LEN (sizeof keyname_table / sizeof keyname_table[0])

/* Folds the several codes terminals send for Enter and Backspace into one each. */
static key_code
keyname_normalise(key_code k)
{
    if (k < 0)
        return KEYC_NONE;
    key_code meta = k & KEYC_META;
    key_code base = k & ~KEYC_META;
    if (base == '\r' || base == '\n')
        return meta | KEYC_ENTER;
    if (base == '\b' || base == 0x7f)
        return meta | KEYC_BACKSPACE;
    return k;
}

/* A character that stands for itself as a key name: no spaces, no C0 or C1 controls. */
static bool
is_printable_char(key_code c)
{
    if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        return false;
    return c <= UNICODE_MAX && !(c >= 0xd800 && c <= 0xdfff);
}

/* The code of a table name, or KEYC_NONE. */
static key_code
keyname_table_find(const char *name)
{
    for (size_t i = 0; i < KEYNAME_TABLE_LEN; i++) {
        if (strcmp(keyname_table[i].name, name) == 0)
            return keyname_table[i].key;
    }
    return KEYC_NONE;
}

/* The canonical table name of a code, or NULL. */
static const char *
keyname_table_name(key_code k)
{
    for (size_t i = 0; i < KEYNAME_TABLE_LEN; i++) {
        if (keyname_table[i].key == k)
            return keyname_table[i].name;
    }
    return NULL;
}

/* The code point when s is exactly one printable UTF-8 character, else KEYC_NONE. */
static key_code
single_char(const char *s)
{
    size_t len = strlen(s);
    ucs4_t uc;
    int n = u8_mbtoucr(&uc, (const uint8_t *)s, len);

    if (n <= 0 || (size_t)n != len || !is_printable_char((key_code)uc))
        return KEYC_NONE;
    return (key_code)uc;
}

/* The control code C-c stands for: letters of either case and @ [ \ ] ^ _. */
static key_code
control_code(key_code c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 1;
    if (c >= '@' && c <= '_')
        return c - '@';
    return KEYC_NONE;
}

/* Strips "M-" and "C-" prefixes off *name; false when one is repeated. */
static bool
take_modifiers(const char **name, bool *meta, bool *ctrl)
{
    const char *s = *name;

    *meta = *ctrl = false;
    while ((s[0] == 'M' || s[0] == 'C') && s[1] == '-' && s[2] != '\0') {
        bool *flag = s[0] == 'M' ? meta : ctrl;
        if (*flag)
            return false;
        *flag = true;
        s += 2;
    }
    *name = s;
    return true;
}

key_code
keyname_parse(const char *name)
{
    bool meta, ctrl;

    if (name == NULL || !take_modifiers(&name, &meta, &ctrl))
        return KEYC_NONE;
    key_code base = single_char(name);
    if (base == KEYC_NONE)
        base = keyname_table_find(name);
    if (base == KEYC_NONE)
        return KEYC_NONE;
    if (ctrl && (base = control_code(base)) == KEYC_NONE)
        return KEYC_NONE;
    return keyname_normalise(base) | (meta ? KEYC_META : 0);
}

/* Writes the name of a key without Meta into out (KEYNAME_BUFSIZE bytes); false if unnamed. */
static bool
base_name(key_code base, char *out)
{
    const char *name = keyname_table_name(base);

    if (name != NULL) {
        snprintf(out, KEYNAME_BUFSIZE, "%s", name);
    } else if (base >= 1 && base <= 26) {
        snprintf(out, KEYNAME_BUFSIZE, "C-%c", 'a' + base - 1);
    } else if (base >= 0 && base < 0x20) {
        snprintf(out, KEYNAME_BUFSIZE, "C-%c", '@' + base);
    } else if (is_printable_char(base)) {
        int n = u8_uctomb((uint8_t *)out, (ucs4_t)base, KEYNAME_BUFSIZE - 1);
        out[n > 0 ? n : 0] = '\0';
        return n > 0;
    } else {
        return false;
    }
    return true;
}

const char *
keyname_string(key_code k, char *buf, size_t bufsize)
{
    char name[KEYNAME_BUFSIZE];

    if (bufsize > 0)
        buf[0] = '\0';
    k = keyname_normalise(k);
    if (k == KEYC_NONE || (k & ~(KEYC_META | (KEYC_META - 1))) != 0)
        return NULL;
    if (!base_name(k & ~KEYC_META, name))
        return NULL;
    int n = snprintf(buf, bufsize, "%s%s", (k & KEYC_META) ? "M-" : "", name);
    if (n < 0 || (size_t)n >= bufsize) {
        if (bufsize > 0)
            buf[0] = '\0';
        return NULL;
    }
    return buf;
}

key_code
keyname_from_curses(int wget_wch_status, wint_t ch)
{
    if (wget_wch_status == KEY_CODE_YES) {
        if (ch == KEY_ENTER)
            return KEYC_ENTER;
        if (ch == KEY_BACKSPACE)
            return KEYC_BACKSPACE;
        return ch <= KEY_MAX ? KEYC_BASE + (key_code)ch : KEYC_NONE;
    }
    if (wget_wch_status != OK || ch > UNICODE_MAX)
        return KEYC_NONE;
    key_code c = (key_code)ch;
    if (c < 0x20 || c == 0x7f)
        return keyname_normalise(c);
    return c == ' ' || is_printable_char(c) ? c : KEYC_NONE;
}

/* Display group of a key without Meta: characters, named keys, control keys, mouse. */
static int
key_group(key_code base)
{
    if (base >= KEYC_PSEUDO)
        return 3;
    if (base >= KEYC_BASE || base == KEYC_TAB || base == KEYC_ESCAPE)
        return 1;
    if (base < 0x20)
        return 2;
    return 0;
}

int
keyname_compare(key_code a, key_code b)
{
    int rank_a = key_group(a & ~KEYC_META) + ((a & KEYC_META) ? 4 : 0);
    int rank_b = key_group(b & ~KEYC_META) + ((b & KEYC_META) ? 4 : 0);

    if (rank_a != rank_b)
        return rank_a < rank_b ? -1 : 1;
    return (a > b) - (a < b);
}
