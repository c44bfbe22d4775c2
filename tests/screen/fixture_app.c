/* A small ncursesw program for the harness selftest (test_vt_selftest.c); not part of ndvr. */
#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/*
 * fixture_app [--border N] [--hang] [--exit N]
 *
 * Screen (20x6 or larger):
 *   row 0     ROWSxCOLS
 *   row 1     "bold ul rev grn" in those attributes (grn: green on the default background)
 *   row 2     中文，测试¹
 *   rows 3..  a vertical line at column N (default 30, at most COLS - 2) down to row LINES - 2;
 *             row 3 holds CJK clipped by width to its left (right), row 4 the same clipped by
 *             where a character starts (wrong: the last one covers the line)
 *   last row  "key COUNT: NAME" for the last key (keyname(), "M-x", "Escape", or the character)
 *
 * q quits with 0; w overwrites the right half of 中 on row 2 behind curses' back; SIGTERM and
 * SIGHUP end curses and exit 3. --hang ignores all three. --exit N prints "exiting N" and
 * exits N at once, without curses.
 */

struct fixture {
    int border; /* requested border column */
    bool hang;
    int count; /* keys seen */
    char key[64];
};

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
    got_signal = sig;
}

static void
draw_clipped(int row, int border, bool by_width)
{
    static const wchar_t cjk[] = L"联合国大会裁军谈判会议";
    size_t len = wcslen(cjk);
    /* Start so that some character begins right before the border. */
    int col = (border - 1) % 2;
    for (size_t i = 0; by_width ? col + 2 <= border : col < border; i++) {
        mvaddnwstr(row, col, &cjk[i % len], 1);
        col += 2;
    }
}

static void
draw_status(const struct fixture *f)
{
    mvprintw(LINES - 1, 0, "key %d: %s", f->count, f->key);
    clrtoeol();
}

static void
draw(const struct fixture *f)
{
    int border = f->border < COLS - 2 ? f->border : COLS - 2;
    erase();
    mvprintw(0, 0, "%dx%d", LINES, COLS);
    move(1, 0);
    attron(A_BOLD);
    addstr("bold");
    attroff(A_BOLD);
    addstr(" ");
    attron(A_UNDERLINE);
    addstr("ul");
    attroff(A_UNDERLINE);
    addstr(" ");
    attron(A_REVERSE);
    addstr("rev");
    attroff(A_REVERSE);
    addstr(" ");
    attron(COLOR_PAIR(1));
    addstr("grn");
    attroff(COLOR_PAIR(1));
    mvaddstr(2, 0, "中文，测试¹");
    if (LINES >= 6 && border >= 2) {
        mvvline(3, border, ACS_VLINE, LINES - 4);
        draw_clipped(3, border, true);
        draw_clipped(4, border, false);
    }
    draw_status(f);
}

/* Writes straight to the terminal, so curses keeps believing row 2 is intact. */
static void
break_wide_char(void)
{
    static const char seq[] = "\0337\033[3;2Hx\0338";
    refresh();
    if (write(STDOUT_FILENO, seq, sizeof seq - 1) < 0)
        return;
}

static void
name_key(struct fixture *f, int r, wint_t wch)
{
    if (r == KEY_CODE_YES) {
        snprintf(f->key, sizeof f->key, "%s", keyname((int)wch));
    } else if (wch == 033) {
        /* xterm's Alt: ESC and the key arrive together. */
        wint_t next;
        timeout(0);
        int r2 = get_wch(&next);
        timeout(100);
        if (r2 == OK)
            snprintf(f->key, sizeof f->key, "M-%lc", (wint_t)next);
        else
            snprintf(f->key, sizeof f->key, "Escape");
    } else if (wch < 0x20 || wch == 0x7F) {
        snprintf(f->key, sizeof f->key, "%s", keyname((int)wch));
    } else {
        snprintf(f->key, sizeof f->key, "%lc", (wint_t)wch);
    }
}

static void
handle_signals(bool ignore)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    /* No SA_RESTART: the signal should cut the key wait short. */
    sa.sa_handler = ignore ? SIG_IGN : on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void
start_curses(void)
{
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    /* Wake up now and then to notice a signal whatever ncurses does with EINTR. */
    timeout(100);
    if (has_colors()) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_GREEN, -1);
    }
}

static int
run(struct fixture *f)
{
    draw(f);
    for (;;) {
        if (got_signal)
            return 3;
        wint_t wch;
        int r = get_wch(&wch);
        if (r == ERR)
            continue;
        if (r == OK && wch == 'q' && !f->hang)
            return 0;
        if (r == KEY_CODE_YES && wch == KEY_RESIZE)
            draw(f);
        if (r == OK && wch == 'w')
            break_wide_char();
        name_key(f, r, wch);
        f->count++;
        draw_status(f);
    }
}

int
main(int argc, char **argv)
{
    struct fixture f = {.border = 30, .key = "none"};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--border") == 0 && i + 1 < argc) {
            f.border = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--hang") == 0) {
            f.hang = true;
        } else if (strcmp(argv[i], "--exit") == 0 && i + 1 < argc) {
            printf("exiting %s\n", argv[i + 1]);
            return atoi(argv[i + 1]);
        } else {
            fprintf(stderr, "usage: fixture_app [--border N] [--hang] [--exit N]\n");
            return 2;
        }
    }
    setlocale(LC_ALL, "");
    handle_signals(f.hang);
    start_curses();
    int status = run(&f);
    endwin();
    return status;
}
