/* Bracketed paste: the markers taught to curses, and a paste read whole as text. */
#include "ui/paste.h"

#include <curses.h>
#include <stdio.h>
#include <unistr.h>

/* Codes for the markers, in curses' range for keys a program defines (above KEY_MAX). */
enum { PASTE_KEY_START = KEY_MAX + 1, PASTE_KEY_END = KEY_MAX + 2 };

/* How long a paste may pause before it counts as over (its end marker lost), in ms. */
#define PASTE_PAUSE_MS 1000

static char pasted[PASTE_MAX];
static size_t npasted;

void
paste_start(void)
{
    define_key("\033[200~", PASTE_KEY_START);
    define_key("\033[201~", PASTE_KEY_END);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
}

void
paste_stop(void)
{
    fputs("\033[?2004l", stdout);
    fflush(stdout);
}

bool
paste_is_start(int status, wint_t ch)
{
    return status == KEY_CODE_YES && ch == PASTE_KEY_START;
}

/* Keeps c if it prints: C0 and C1 controls and DEL never reach the prompt (a pasted ESC must
 * not become a key), and line breaks and tabs are blanks in a one-line prompt. */
static void
keep(wint_t c)
{
    if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c > 0x10ffff)
        return;
    uint8_t buf[8];
    int n = u8_uctomb(buf, (ucs4_t)c, sizeof buf);
    if (n <= 0 || npasted + (size_t)n >= sizeof pasted)
        return;
    for (int i = 0; i < n; i++)
        pasted[npasted++] = (char)buf[i];
    pasted[npasted] = '\0';
}

void
paste_read(void)
{
    npasted = 0;
    pasted[0] = '\0';
    wtimeout(stdscr, PASTE_PAUSE_MS);
    for (;;) {
        wint_t ch;
        int status = wget_wch(stdscr, &ch);
        if (status == ERR || (status == KEY_CODE_YES && ch == PASTE_KEY_END))
            break;
        if (status == OK)
            keep(ch); /* function keys inside a paste are no text: dropped */
    }
    wtimeout(stdscr, -1);
}

const char *
paste_text(void)
{
    return pasted;
}
