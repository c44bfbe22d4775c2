/* Scrolling one pane beside others: left/right margins (DECLRMM, DECSLRM), on terminals that
 * confirm them. The terminal scrolls what it shows; ncurses' copy of the screen is moved the
 * same way, so that its next update sends only the rows that came in. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui.h"
#include "ui/ui_int.h"
#include "util/xalloc.h"

/* A scroll asked for by ui_win_scroll_screen, sent by the next update. */
struct scroll {
    bool pending;
    int top, left, rows, cols; /* the window's place on the screen */
    int n;                     /* rows, positive: up */
};

static struct {
    bool on; /* the terminal confirmed the margins, or the user said so */
    struct scroll scroll;
} margins;

/* Sends a control sequence of our own at once, between two updates, when ncurses' buffer is
 * empty: putp() would leave it in stdio's buffer, behind the frame it belongs before. */
static void
send_now(const char *seq)
{
    fflush(stdout);
    size_t n = strlen(seq), done = 0;
    while (done < n) {
        ssize_t w = write(STDOUT_FILENO, seq + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        done += (size_t)w;
    }
}

/* A terminal that does not parse the query may print its last byte: the next frame starts
 * with a clear screen, which wipes it. */
void
margins_query(void)
{
    const char *env = getenv("NDVR_MARGINS");
    if (env != NULL && strcmp(env, "off") == 0)
        return;
    if (env != NULL && strcmp(env, "on") == 0) {
        margins.on = true;
        return;
    }
    send_now("\033[?69$p"); /* DECRQM: is mode 69 (DECLRMM) known? */
    clearok(curscr, TRUE);
}

/* DECRPM "?69;1$y" (set) or "?69;2$y" (reset, but available) turns them on; "?69;0$y" (not
 * recognised), "?69;4$y" (permanently reset) and other reports leave them off. */
void
margins_note_report(const char *body)
{
    if (strcmp(body, "?69;1$y") == 0 || strcmp(body, "?69;2$y") == 0)
        margins.on = true;
}

bool
ui_has_margins(void)
{
    return margins.on;
}

bool
ui_win_scroll_screen(struct ui_win *w, int n)
{
    int rows = getmaxy(w->w), count = n > 0 ? n : -n;
    if (!margins.on || n == 0 || count >= rows)
        return false;
    margins.scroll = (struct scroll){true, getbegy(w->w), getbegx(w->w), rows, getmaxx(w->w), n};
    return true;
}

/* Two rows of cells, to compare the frame with the screen. */
struct row_pair {
    cchar_t *now, *was;
    int width;
};

/* Whether screen row y of the frame about to be sent and row from of what the terminal shows
 * hold the same cells outside columns [left, left + cols). */
static bool
sides_equal(struct row_pair *p, int y, int from, int left, int cols)
{
    mvwin_wchnstr(newscr, y, 0, p->now, p->width);
    mvwin_wchnstr(curscr, from, 0, p->was, p->width);
    int right = left + cols;
    return memcmp(p->now, p->was, (size_t)left * sizeof *p->now) == 0 &&
           memcmp(p->now + right, p->was + right, (size_t)(p->width - right) * sizeof *p->now) == 0;
}

/* ncurses moves whole lines itself when the new frame's line is an old line moved, found by
 * hashes of whole lines; the hashes of lines we moved by hand are out of date, and it would
 * move them a second time. So the rows at the bottom whose other panes show the same beside
 * the old and the new place (blank, mostly) are left to it: how many rows of the window are
 * ours to scroll. */
static int
rows_to_scroll(const struct scroll *s)
{
    enum { HUNK_MIN = 3 }; /* ncurses moves no fewer lines at once (hashmap.c) */
    int count = s->n > 0 ? s->n : -s->n, first = s->n > 0 ? 0 : count;
    int last = s->n > 0 ? s->rows - count - 1 : s->rows - 1, start = last + 1;
    struct row_pair p = {.width = getmaxx(curscr)};
    p.now = xcalloc((size_t)p.width + 1, sizeof *p.now);
    p.was = xcalloc((size_t)p.width + 1, sizeof *p.was);
    while (start > first &&
           sides_equal(&p, s->top + start - 1, s->top + start - 1 + s->n, s->left, s->cols))
        start--;
    free(p.now);
    free(p.was);
    if (last + 1 - start < HUNK_MIN)
        return s->rows;
    return s->n > 0 ? start + count : start;
}

/* ncurses' copy of what the terminal shows in rows [top, top + rows), columns [left, left +
 * cols), moved up by n rows (down when negative), blanks coming in, as the terminal did. */
static void
shift_curscr(int top, int left, int rows, int cols, int n)
{
    cchar_t *line = xcalloc((size_t)cols + 1, sizeof *line);
    int step = n > 0 ? 1 : -1, count = n > 0 ? n : -n;
    int first = n > 0 ? 0 : rows - 1, kept = rows - count;
    for (int i = 0, r = first; i < kept; i++, r += step) {
        mvwin_wchnstr(curscr, top + r + n, left, line, cols);
        mvwadd_wchnstr(curscr, top + r, left, line, cols);
    }
    cchar_t blank;
    wchar_t space[2] = {L' ', 0};
    setcchar(&blank, space, A_NORMAL, 0, NULL);
    for (int i = 0, r = n > 0 ? kept : 0; i < count; i++, r++)
        mvwhline_set(curscr, top + r, left, &blank, cols);
    free(line);
}

void
margins_scroll_pending(void)
{
    struct scroll s = margins.scroll;
    margins.scroll.pending = false;
    if (!s.pending || is_cleared(curscr))
        return; /* a repaint comes anyway */
    s.rows = rows_to_scroll(&s);
    int count = s.n > 0 ? s.n : -s.n;
    if (count >= s.rows)
        return;
    char seq[128];
    /* the cursor and its attributes saved around it (setting margins homes the cursor), and
     * blanks in the default colours scrolled in */
    snprintf(seq, sizeof seq,
             "\0337\033[?69h\033[%d;%dr\033[%d;%ds\033[m\033[%d%c\033[s\033[r\033[?69l\0338",
             s.top + 1, s.top + s.rows, s.left + 1, s.left + s.cols, count, s.n > 0 ? 'S' : 'T');
    send_now(seq);
    shift_curscr(s.top, s.left, s.rows, s.cols, s.n);
}
