/* Key codes and their names ("j", "C-d", "M-Enter", "PageDown", "中").
 *
 * A key_code is one of:
 *   - a Unicode scalar value >= U+0020 that is not a control character ('j', ' ', 0x4E2D);
 *   - a control code 0..31 (C-@ = 0, C-a = 1 ... C-z = 26, Tab = 9, Escape = 27, C-\ .. C-_);
 *   - KEYC_BASE + an ncurses KEY_* value (arrows, F-keys, Home ...), spelled out below so that
 *     callers need not include curses.h (keyname.c checks the values against curses.h);
 *   - a pseudo-key of our own (mouse wheel, click);
 * optionally ORed with KEYC_META (Alt, or Escape followed by the key).
 *
 * Codes are normalised so that each key has one code: '\r', '\n' and KEY_ENTER are KEYC_ENTER;
 * 127, 8 and KEY_BACKSPACE are KEYC_BACKSPACE. Hence "C-m" and "C-j" name Enter, "C-h" names
 * Backspace, "C-i" names Tab and "C-[" names Escape.
 *
 * Nothing here allocates; strings written go to buffers the caller supplies.
 */
#ifndef NDVR_KEYNAME_H
#define NDVR_KEYNAME_H

#include <stddef.h>
#include <wchar.h>

typedef int key_code;

#define KEYC_NONE (-1)                   /* no key / unknown name */
#define KEYC_META 0x01000000             /* flag: Meta (Alt) held */
#define KEYC_BASE 0x200000               /* curses KEY_* codes live at KEYC_BASE + KEY_xxx */
#define KEYC_PSEUDO (KEYC_BASE + 0x1000) /* our own keys, above curses' KEY_MAX (0777) */

/* Control and whitespace keys that are plain codes. */
#define KEYC_TAB 9
#define KEYC_ESCAPE 27
#define KEYC_SPACE 32
#define KEYC_CTRL(letter) ((letter)&0x1f) /* KEYC_CTRL('d') == 4 */

/* curses function keys (the octal values are ncurses' KEY_* constants). */
#define KEYC_DOWN (KEYC_BASE + 0402)
#define KEYC_UP (KEYC_BASE + 0403)
#define KEYC_LEFT (KEYC_BASE + 0404)
#define KEYC_RIGHT (KEYC_BASE + 0405)
#define KEYC_HOME (KEYC_BASE + 0406)
#define KEYC_BACKSPACE (KEYC_BASE + 0407)
#define KEYC_F(n) (KEYC_BASE + 0410 + (n)) /* KEYC_F(1) .. KEYC_F(12) have names */
#define KEYC_DELETE (KEYC_BASE + 0512)
#define KEYC_INSERT (KEYC_BASE + 0513)
#define KEYC_PAGEDOWN (KEYC_BASE + 0522)
#define KEYC_PAGEUP (KEYC_BASE + 0523)
#define KEYC_ENTER (KEYC_BASE + 0527)
#define KEYC_BTAB (KEYC_BASE + 0541)
#define KEYC_END (KEYC_BASE + 0550)

/* Pseudo-keys the UI makes from mouse events (ui.h adds its own, for resize and signals, at
 * KEYC_BASE + 0x10000 and up; such keys have no names). */
#define KEYC_MOUSE_WHEEL_UP (KEYC_PSEUDO + 0)
#define KEYC_MOUSE_WHEEL_DOWN (KEYC_PSEUDO + 1)
#define KEYC_MOUSE_CLICK (KEYC_PSEUDO + 2)

/* Enough for every name keyname_string writes ("M-PageDown", "M-" + a 4-byte character). */
#define KEYNAME_BUFSIZE 16

/* The key a name stands for, or KEYC_NONE. Names are case-sensitive:
 *   name   := mods base
 *   mods   := { "M-" | "C-" }        each at most once, in either order
 *   base   := one printable character (UTF-8, not a space or control: "j", "G", "中")
 *           | "Space" | "Tab" | "BTab" | "S-Tab" | "Enter" | "Escape" | "Backspace" | "BSpace"
 *           | "Delete" | "Insert" | "Home" | "End" | "PageUp" | "PPage" | "PageDown" | "NPage"
 *           | "Up" | "Down" | "Left" | "Right" | "F1" .. "F12"
 *           | "WheelUp" | "WheelDown" | "Click"
 * "C-" only goes with a letter (either case) or one of @ [ \ ] ^ _ and yields the control code. */
key_code keyname_parse(const char *name);

/* Writes the canonical name of k into buf and returns buf; keyname_parse() of it gives k back
 * (after normalisation). Returns NULL, with buf set to "" when it has room, for codes that have
 * no name (KEYC_NONE, KEY_MOUSE, KEY_RESIZE and other unnamed curses keys, the UI's own
 * pseudo-keys, invalid codes) or when
 * bufsize is too small (KEYNAME_BUFSIZE always suffices). */
const char *keyname_string(key_code k, char *buf, size_t bufsize);

/* Turns what wget_wch() returned into a key_code: OK with a character gives the character
 * (control characters as their codes, '\r' and '\n' as KEYC_ENTER, 8 and 127 as
 * KEYC_BACKSPACE); KEY_CODE_YES gives KEYC_BASE + the KEY_* code (KEY_ENTER and KEY_BACKSPACE
 * normalised). ERR, C1 controls and values that are not Unicode scalar values give KEYC_NONE.
 * The caller adds KEYC_META itself when the key followed an Escape. */
key_code keyname_from_curses(int wget_wch_status, wint_t ch);

/* Orders keys for display: plain characters, then named keys, then control keys, then mouse
 * pseudo-keys, each group by code, all of that again with Meta. Returns <0, 0 or >0. */
int keyname_compare(key_code a, key_code b);

#endif
