/* The terminal through ncursesw: start, restore, windows, drawing, keys, signals. */
#include "ui/ui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <unistr.h>

#include "text/width.h"
#include "ui/paste.h"
#include "ui/ui_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* State that ncurses and the signal handlers make process-wide by nature. */
static struct {
    bool started;
    bool ascii_borders;
    bool color;
    SCREEN *screen;
    bool cursor_shown;            /* the terminal's cursor is visible (a prompt is typed) */
    struct termios saved_termios; /* for the fatal-signal path */
    bool have_termios;
} ui;

static volatile sig_atomic_t signal_received;
static volatile sig_atomic_t suspend_requested;
static volatile sig_atomic_t child_ended;

/* --- Locale ---------------------------------------------------------------------------- */

/* Whether LC_CTYPE's character set has every character of Unicode: UTF-8, or GB18030, which
 * ncursesw writes and reads through the locale as it does UTF-8. */
static bool
ctype_has_every_character(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL &&
           (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 || strcmp(cs, "GB18030") == 0);
}

bool
ui_ensure_utf8_locale(void)
{
    if (ctype_has_every_character())
        return true;
    /* LANG is often unset over SSH: C.UTF-8 always exists on Debian 12. Another character
     * set (ISO-8859-1, GBK) is the terminal's: writing UTF-8 to it would show garbage. */
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || strcmp(cs, "ANSI_X3.4-1968") != 0)
        return false;
    return setlocale(LC_CTYPE, "C.UTF-8") != NULL && ctype_has_every_character();
}

/* --- Signals ----------------------------------------------------------------------------- */

static void
on_quit_signal(int sig)
{
    signal_received = sig;
}

/* A print job ended: the loop collects it (no polling while it runs). */
static void
on_child_signal(int sig)
{
    (void)sig;
    child_ended = 1;
}

/* Ctrl-Z: the loop leaves curses, stops, and repaints when continued (ui_suspend). */
static void
on_suspend_signal(int sig)
{
    (void)sig;
    suspend_requested = 1;
}

/* A crash must not leave the terminal in raw mode on the alternate screen: restore what can
 * be restored with async-signal-safe calls, then die of the same signal. */
static void
on_fatal_signal(int sig)
{
    static const char reset[] = "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";
    if (ui.have_termios)
        tcsetattr(STDIN_FILENO, TCSANOW, &ui.saved_termios);
    if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
        /* nothing more can be done */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sa.sa_flags = 0; /* no SA_RESTART: the blocking read returns and the loop quits cleanly */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_suspend_signal;
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = on_child_signal;
    sigaction(SIGCHLD, &sa, NULL);
    sa.sa_handler = on_fatal_signal;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

static void
restore_signals(void)
{
    int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCHLD, SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
}

int
ui_signal_received(void)
{
    return (int)signal_received;
}

/* --- Start and end ------------------------------------------------------------------------ */

/* TERM values that are xterm-compatible emulators whose own entry may be missing. */
static bool
xterm_like(const char *term)
{
    static const char *const prefixes[] = {"xterm",   "kitty", "alacritty", "foot", "wezterm",
                                           "ghostty", "gnome", "konsole",   "vte",  "iterm"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(term, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

/* newterm() with the user's TERM, then xterm-256color for xterm-like ones. Never
 * initscr(), which exits the program on an unknown TERM. */
static SCREEN *
open_terminal(struct diag *d)
{
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == '\0') {
        diag_set(d, NULL, 0, 0, "TERM is not set");
        return NULL;
    }
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (s == NULL && xterm_like(term))
        s = newterm("xterm-256color", stdout, stdin);
    if (s == NULL)
        diag_set(d, NULL, 0, 0, "unknown terminal type `%s`", term);
    return s;
}

static void
init_styles(void)
{
    static const struct {
        enum ui_style style;
        short fg, bg;
        attr_t attr, mono;
    } table[] = {
        {UI_NORMAL, -1, -1, A_NORMAL, A_NORMAL},
        {UI_TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD},
        {UI_HEADING, COLOR_YELLOW, -1, A_BOLD, A_BOLD},
        {UI_LABEL, COLOR_GREEN, -1, A_NORMAL, A_DIM},
        {UI_META, COLOR_BLUE, -1, A_NORMAL, A_DIM},
        {UI_MARKER, COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
        {UI_LINK, COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE},
        {UI_LINK_CURRENT, COLOR_BLACK, COLOR_CYAN, A_UNDERLINE, A_REVERSE | A_UNDERLINE},
        {UI_MATCH, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
        /* the current match must stand out from the others in any palette: xterm draws bold
         * black on green as dark grey, less visible than black on yellow */
        {UI_MATCH_CURRENT, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE},
        {UI_BORDER, -1, -1, A_DIM, A_DIM},
        {UI_BORDER_FOCUS, COLOR_CYAN, -1, A_BOLD, A_BOLD},
        {UI_CURSOR, -1, -1, A_REVERSE, A_REVERSE},
        {UI_STATUS, -1, -1, A_REVERSE, A_REVERSE},
        {UI_MESSAGE, -1, -1, A_NORMAL, A_NORMAL},
        {UI_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (ui.color)
            init_pair((short)(table[i].style + 1), table[i].fg, table[i].bg);
}

/* setcchar() takes the colour pair apart from the attributes, and ignores colour bits in
 * them: split what style_attr() gives. */
static void
make_cchar(cchar_t *cc, wchar_t ch, attr_t attr)
{
    wchar_t wc[2] = {ch, 0};
    setcchar(cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

/* The styles in the terminal's default colours use pair 0, that of erased cells: with a pair of
 * their own, ncurses would reset the attributes before every clear to the end of a line. */
static short
style_pair(enum ui_style style)
{
    static const bool default_colours[UI_STYLE_COUNT] = {
        [UI_NORMAL] = true, [UI_BORDER] = true,  [UI_CURSOR] = true,
        [UI_STATUS] = true, [UI_MESSAGE] = true,
    };
    return default_colours[style] ? 0 : (short)(style + 1);
}

static attr_t
style_attr(enum ui_style style)
{
    static const attr_t mono[UI_STYLE_COUNT] = {
        [UI_TITLE] = A_BOLD,
        [UI_HEADING] = A_BOLD,
        [UI_LABEL] = A_DIM,
        [UI_META] = A_DIM,
        [UI_MARKER] = A_BOLD,
        [UI_LINK] = A_UNDERLINE,
        [UI_LINK_CURRENT] = A_REVERSE | A_UNDERLINE,
        [UI_MATCH] = A_REVERSE,
        [UI_MATCH_CURRENT] = A_REVERSE | A_BOLD | A_UNDERLINE,
        [UI_BORDER] = A_DIM,
        [UI_BORDER_FOCUS] = A_BOLD,
        [UI_CURSOR] = A_REVERSE,
        [UI_STATUS] = A_REVERSE,
        [UI_ERROR] = A_BOLD,
    };
    static const attr_t colored[UI_STYLE_COUNT] = {
        [UI_TITLE] = A_BOLD,
        [UI_HEADING] = A_BOLD,
        [UI_MARKER] = A_BOLD,
        [UI_LINK] = A_UNDERLINE,
        [UI_LINK_CURRENT] = A_UNDERLINE,
        [UI_MATCH_CURRENT] = A_BOLD,
        [UI_BORDER] = A_DIM,
        [UI_BORDER_FOCUS] = A_BOLD,
        [UI_CURSOR] = A_REVERSE,
        [UI_STATUS] = A_REVERSE,
        [UI_ERROR] = A_BOLD,
    };
    if ((unsigned)style >= UI_STYLE_COUNT)
        return A_NORMAL;
    if (!ui.color)
        return mono[style];
    return colored[style] | COLOR_PAIR(style_pair(style));
}

/* C-s and C-q are keys here (emacs.keys binds C-s to search), not XOFF and XON: with IXON
 * on, C-s would freeze the terminal until C-q. cbreak() leaves it on (only raw() clears it,
 * and raw() would make C-c and C-z keys too). def_prog_mode() keeps it so after C-z. */
static void
flow_control_off(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0)
        return;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
    def_prog_mode();
}

enum ui_start
ui_start(const struct ui_options *opts, struct diag *d)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        diag_set(d, NULL, 0, 0, "not a terminal");
        return UI_NOT_A_TERMINAL;
    }
    if (!ui_ensure_utf8_locale()) {
        diag_set(d, NULL, 0, 0, "no UTF-8 or GB18030 locale (try: export LANG=C.UTF-8)");
        return UI_BAD_LOCALE;
    }
    if (getenv("ESCDELAY") == NULL)
        set_escdelay(50); /* Alt-x arrives as ESC x; 1 s by default is too slow to read */
    ui.have_termios = tcgetattr(STDIN_FILENO, &ui.saved_termios) == 0;
    ui.screen = open_terminal(d);
    if (ui.screen == NULL)
        return UI_NO_TERMINFO;
    /* ncurses flushes at every cursor motion until the first endwin() (lib_mvcur.c, while
     * _endwin is ewInitial): one endwin() now makes every frame one write */
    endwin();
    if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
        endwin();
        delscreen(ui.screen);
        ui.screen = NULL;
        diag_set(d, NULL, 0, 0, "terminal `%s` cannot move the cursor", getenv("TERM"));
        return UI_DUMB_TERMINAL;
    }
    ui.started = true;
    /* box-drawing characters in GB18030 are two columns wide on GB terminals, and ncurses
     * misplaces them there when it scrolls: ASCII borders, as with wide ambiguous characters */
    ui.ascii_borders = opts->ascii_borders || width_ambiguous() == 2 ||
                       strcmp(nl_langinfo(CODESET), "GB18030") == 0;
    cbreak(); /* not raw(): Ctrl-C and Ctrl-Z stay signals */
    flow_control_off();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    /* no-color.org: only a non-empty NO_COLOR turns colour off */
    const char *no_color = getenv("NO_COLOR");
    ui.color = opts->color && has_colors() && (no_color == NULL || no_color[0] == '\0');
    if (ui.color && start_color() == OK) {
        use_default_colors();
        init_styles();
    } else {
        ui.color = false;
    }
    if (opts->mouse)
        mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    install_signals();
    /* keys are read through stdscr, and wget_wch() repaints a window that changed since its
     * last refresh: stage the empty stdscr once, so that reading a key never paints it over
     * the panes. Staged, not refreshed: the first frame's update clears the screen anyway,
     * and a refresh here would compare every cell of an empty screen for nothing. */
    wnoutrefresh(stdscr);
    paste_start();
    margins_query();
    return UI_STARTED;
}

void
ui_end(void)
{
    if (!ui.started)
        return;
    ui.started = false;
    ui.cursor_shown = false;
    paste_stop();
    curs_set(1);
    endwin();
    delscreen(ui.screen);
    ui.screen = NULL;
    restore_signals();
}

void
ui_suspend(void)
{
    paste_stop();
    endwin(); /* the shell gets its screen and a sane terminal back */
    struct sigaction dfl, ours;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &ours);
    /* SIGTSTP, not SIGSTOP: without a job-control shell to fg it (ssh host ndvr), the kernel
     * discards it and the reader goes on instead of being stranded */
    raise(SIGTSTP); /* stops here until fg (SIGCONT) */
    sigaction(SIGTSTP, &ours, NULL);
    refresh();
    paste_start();
    untouchwin(stdscr);
    clearok(curscr, TRUE);
}

int
ui_rows(void)
{
    return LINES;
}

int
ui_cols(void)
{
    return COLS;
}

bool
ui_ascii_borders(void)
{
    return ui.ascii_borders;
}

/* --- Windows -------------------------------------------------------------------------------- */

struct ui_win *
ui_win_new(int y, int x, int rows, int cols)
{
    struct ui_win *w = xcalloc(1, sizeof *w);
    w->w = newwin(rows > 0 ? rows : 1, cols > 0 ? cols : 1, y, x);
    if (w->w == NULL)
        w->w = newwin(1, 1, 0, 0);
    idlok(w->w, TRUE); /* let ncurses scroll with insert/delete line over slow links */
    return w;
}

void
ui_win_free(struct ui_win *w)
{
    if (w == NULL)
        return;
    delwin(w->w);
    free(w);
}

bool
ui_win_place(struct ui_win *w, int y, int x, int rows, int cols)
{
    if (rows < 1)
        rows = 1;
    if (cols < 1)
        cols = 1;
    /* ncurses moves and resizes windows itself when the terminal changes size (resizeterm):
     * the window is compared with the place, not with where it was last put */
    if (getbegy(w->w) == y && getbegx(w->w) == x && getmaxy(w->w) == rows && getmaxx(w->w) == cols)
        return false;
    /* a new window rather than wresize()+mvwin(): after the terminal shrank, the old one may
     * no longer fit where it was, and ncurses refuses to move or resize it then */
    WINDOW *nw = newwin(rows, cols, y, x);
    if (nw == NULL)
        return false;
    delwin(w->w);
    w->w = nw;
    idlok(w->w, TRUE);
    return true;
}

int
ui_win_rows(const struct ui_win *w)
{
    return getmaxy(w->w);
}

int
ui_win_cols(const struct ui_win *w)
{
    return getmaxx(w->w);
}

void
ui_win_erase(struct ui_win *w)
{
    werase(w->w);
}

int
ui_put(struct ui_win *w, int y, int x, const char *s, size_t n, enum ui_style style, int maxcols)
{
    int right = getmaxx(w->w);
    if (y < 0 || y >= getmaxy(w->w) || x < 0 || x >= right)
        return 0;
    if (maxcols > right - x)
        maxcols = right - x;
    attr_t attr = style_attr(style);
    int used = 0;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end && used < maxcols) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        int cw = cell_width(c);
        if (used + cw > maxcols) { /* a wide char never crosses the edge: a blank instead */
            mvwaddch(w->w, y, x + used, ' ' | attr);
            used++;
            break;
        }
        cchar_t cc;
        make_cchar(&cc, (wchar_t)c, attr);
        if (cw > 0)
            mvwadd_wch(w->w, y, x + used, &cc);
        used += cw;
        p += len;
    }
    return used;
}

void
ui_fill(struct ui_win *w, int y, int x, int ncols, enum ui_style style)
{
    attr_t attr = style_attr(style);
    for (int i = 0; i < ncols && x + i < getmaxx(w->w); i++)
        mvwaddch(w->w, y, x + i, ' ' | attr);
}

void
ui_vline(struct ui_win *w, int y, int x, int rows, enum ui_style style)
{
    /* U+2502 itself, not the DEC alternate charset, which UTF-8 terminals may ignore */
    cchar_t cc;
    make_cchar(&cc, ui.ascii_borders ? L'|' : 0x2502, style_attr(style));
    mvwvline_set(w->w, y, x, &cc, rows);
}

void
ui_hline(struct ui_win *w, int y, int x, int cols, const char *title, enum ui_style style)
{
    cchar_t cc;
    make_cchar(&cc, ui.ascii_borders ? L'-' : 0x2500, style_attr(style));
    mvwhline_set(w->w, y, x, &cc, cols);
    if (title != NULL && cols > 4)
        ui_put(w, y, x + 1, title, strlen(title), style, cols - 2);
}

void
ui_win_touch(struct ui_win *w)
{
    touchwin(w->w);
}

void
ui_win_stage(struct ui_win *w)
{
    wnoutrefresh(w->w);
}

void
ui_cursor(struct ui_win *w, int y, int x)
{
    bool show = w != NULL;
    if (show != ui.cursor_shown)
        curs_set(show ? 1 : 0);
    ui.cursor_shown = show;
    if (!show)
        return;
    /* doupdate() leaves the cursor where the last window refreshed has its own; refreshing
     * an already staged window again copies nothing but that */
    wmove(w->w, y, x);
    wnoutrefresh(w->w);
}

void
ui_update(void)
{
    margins_scroll_pending(); /* before ncurses compares its copy of the screen with the frame */
    doupdate();
}

void
ui_repaint(void)
{
    clearok(curscr, TRUE);
}

/* --- Input --------------------------------------------------------------------------------- */

static key_code
mouse_key(int *click_y, int *click_x)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return KEYC_NONE;
    if (ev.bstate & BUTTON4_PRESSED)
        return KEYC_MOUSE_WHEEL_UP;
    if (ev.bstate & BUTTON5_PRESSED)
        return KEYC_MOUSE_WHEEL_DOWN;
    if (click_y != NULL)
        *click_y = ev.y;
    if (click_x != NULL)
        *click_x = ev.x;
    return KEYC_MOUSE_CLICK;
}

/* What a signal handler left for the loop, checked before and after the blocking read. */
static key_code
pending_signal(void)
{
    if (signal_received)
        return KEYC_SIGNAL;
    if (suspend_requested) {
        suspend_requested = 0;
        return KEYC_SUSPEND;
    }
    if (child_ended) {
        child_ended = 0;
        return KEYC_CHILD;
    }
    return KEYC_NONE;
}

/* The rest of a report after ESC [, when it is one: "?" then parameters and intermediates up
 * to a final byte, read within a short time (the terminal sends it in one piece; no wait when
 * it is not a report). Returns false, with what it read given back, when it is not. */
static bool
take_report(void)
{
    wint_t c;
    wtimeout(stdscr, 0);
    int status = wget_wch(stdscr, &c);
    bool report = status == OK && c == '?';
    if (status == OK && !report)
        unget_wch((wchar_t)c);
    else if (status == KEY_CODE_YES)
        ungetch((int)c);
    char body[32] = "?";
    size_t n = 1;
    wtimeout(stdscr, 100);
    while (report && wget_wch(stdscr, &c) == OK && c < 0x80) {
        if (n + 1 < sizeof body)
            body[n++] = (char)c;
        if (c >= 0x40 && c <= 0x7e)
            break; /* the final byte */
    }
    wtimeout(stdscr, -1);
    body[n] = '\0';
    if (report)
        margins_note_report(body);
    return report;
}

key_code
ui_read_key(int *click_y, int *click_x)
{
    for (;;) {
        key_code pending = pending_signal();
        if (pending != KEYC_NONE)
            return pending;
        wint_t ch;
        int status = wget_wch(stdscr, &ch);
        pending = pending_signal();
        if (pending != KEYC_NONE)
            return pending;
        if (status == ERR)
            continue; /* interrupted by a signal we do not act on (SIGWINCH arrives as a key) */
        if (status == KEY_CODE_YES && ch == KEY_RESIZE) {
            /* ncurses resized stdscr and so marked it changed: the next read would paint
             * it, blank, over the panes */
            untouchwin(stdscr);
            return KEYC_RESIZE;
        }
        if (paste_is_start(status, ch)) {
            paste_read();
            return KEYC_PASTE;
        }
        if (status == KEY_CODE_YES && ch == KEY_MOUSE) {
            key_code k = mouse_key(click_y, click_x);
            if (k != KEYC_NONE)
                return k;
            continue;
        }
        if (status == OK && ch == 27) { /* ESC: Alt-x, or Escape alone after ESCDELAY */
            nodelay(stdscr, TRUE);
            wint_t next;
            int s2 = wget_wch(stdscr, &next);
            nodelay(stdscr, FALSE);
            if (s2 == OK && next == '[' && take_report())
                continue;
            if (s2 != ERR)
                return KEYC_META | keyname_from_curses(s2, next);
        }
        return keyname_from_curses(status, ch);
    }
}

static const char base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const char *
ui_paste_text(void)
{
    return paste_text();
}

bool
ui_copy_to_clipboard(const char *utf8)
{
    size_t n = strlen(utf8);
    if (n > 65536)
        return false;
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "\033]52;c;");
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
                     (i + 2 < n ? s[i + 2] : 0);
        sb_putc(&sb, base64[v >> 18 & 63]);
        sb_putc(&sb, base64[v >> 12 & 63]);
        sb_putc(&sb, i + 1 < n ? base64[v >> 6 & 63] : '=');
        sb_putc(&sb, i + 2 < n ? base64[v & 63] : '=');
    }
    sb_puts(&sb, "\a");
    /* the payload is base64: no byte of the document reaches the terminal raw */
    fputs(sb_str(&sb), stdout);
    fflush(stdout);
    sb_free(&sb);
    return true;
}
