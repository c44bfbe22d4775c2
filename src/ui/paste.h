/* Bracketed paste (xterm's mode 2004): the terminal marks pasted text with ESC [200~ and
 * ESC [201~, and the reader takes it as text, never as keys. The UI turns the mode on while
 * it runs and reads a paste whole; ui_read_key() then returns KEYC_PASTE and ui_paste_text()
 * has what was pasted. Only the UI (ui.c) calls the functions here. */
#ifndef NDVR_UI_PASTE_H
#define NDVR_UI_PASTE_H

#include <stdbool.h>
#include <wchar.h>

/* The most that is kept of one paste, in bytes of UTF-8; the rest is read and dropped. */
#define PASTE_MAX 4096

/* Teaches curses the two markers and turns the mode on. Call after the screen is set up. */
void paste_start(void);
/* Turns the mode off (leaving curses, suspending). */
void paste_stop(void);
/* Whether what wget_wch() returned (status, ch) is the start marker. */
bool paste_is_start(int status, wint_t ch);
/* Reads up to the end marker (or a second without input) and keeps the text: control
 * characters dropped, line breaks and tabs made spaces. */
void paste_read(void);
/* The last paste, UTF-8, without control characters. Borrowed until the next paste_read(). */
const char *paste_text(void);

#endif
