/* Screen tests of the defects a usability test found in the reader (../shared/notes/review/ux.md
 * has the walkthrough): n from where the reader is, the search highlight, C-s under the emacs
 * keys, the print dialog's cursor and overwriting, help, Escape and the views, the bookmarks
 * list, the tables' sort and where they open, the wheel in a table. Each failed before the
 * reader was rebuilt on the view stack. Expected values are checked by hand against
 * assets/corpus/ (see the comments). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "util/textfile.h"
#include "screen.h"

/* xterm's palette indexes, as ncurses' COLOR_* */
enum { BLACK = 0, RED = 1, YELLOW = 3, WHITE = 7 };

static void
expect_line_has(struct vt *vt, char *line, const char *text, bool has)
{
    bool ok = (strstr(line, text) != NULL) == has;
    char *dump = ok ? NULL : vt_dump(vt);
    cr_expect(ok, "`%s` %s `%s`\n%s", line, has ? "lacks" : "has", text, dump ? dump : "");
    free(dump);
    free(line);
}

/* The first row from `from` down to the status line whose first cell is reversed (a list's or
 * a table's cursor), or -1. */
static int
reversed_row(struct vt *vt, int from)
{
    for (int r = from; r < vt_rows(vt) - 2; r++)
        if (vt_cell_attr(vt, r, 0, VT_REVERSE))
            return r;
    return -1;
}

/* The cursor row of a list or table (below the title and the header) holds text. */
static void
expect_cursor_on(struct vt *vt, const char *text)
{
    int r = reversed_row(vt, 2);
    char *row = r >= 0 ? vt_row_text(vt, r) : NULL;
    bool ok = row != NULL && strstr(row, text) != NULL;
    char *dump = ok ? NULL : vt_dump(vt);
    cr_expect(ok, "the cursor (row %d: `%s`) is not on `%s`\n%s", r, row ? row : "", text,
              dump ? dump : "");
    free(row);
    free(dump);
}

/* --- 7. n from where the reader is; the highlight, its colours, turning it off ----------- */

/* Hits are in corpus order, A/72/304 first: 核查 occurs 452 times in A/72/304 (titles and
 * text) and 184 in A/74/90 (183 in titles and text, one in an expert's role), 636 in all. In
 * A/74/90 the last ten are footnotes 7 to 13: 627 fn7, 628 fn8, 629 fn9, 630 fn10, 631-632
 * fn11, 633 fn12, 634-636 fn13; at 80x24 G shows fn7 to fn13 (fn6's 核查 is on the line above
 * the top). */
Test(search, n_goes_on_from_the_screen_and_wraps_to_a_72_304)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "/核查\r");
    scr_settle(vt, "核查: match");
    vt_send(vt, "G");
    scr_settle(vt, "(GE-NDV/2018/14)。"); /* the end of fn13, the last line of A/74/90 */
    char *before = scr_status_line(vt);
    vt_send(vt, "n"); /* the first match on screen: fn7's, not the one after the last match */
    scr_settle(vt, "match 627 of 636");
    char *after = scr_status_line(vt);
    cr_expect_str_eq(after, before, "n moved the text away from the end");
    free(before);
    free(after);
    for (int k = 628; k <= 636; k++) { /* on through the footnotes on screen */
        char want[64];
        snprintf(want, sizeof want, "match %d of 636", k);
        vt_send(vt, "n");
        scr_settle(vt, want);
    }
    vt_send(vt, "n"); /* past the last: around the corpus to A/72/304's title */
    scr_settle(vt, "wrapped around the corpus");
    scr_expect_message_has(vt, "核查: match 1 of 636 (wrapped around the corpus)");
    scr_expect_status(vt, "A/72/304");
    scr_quit(vt, "q");
}

/* At 120x40 the last screen starts higher, in Annex II; n shows its first match in place. */
Test(search, n_at_the_end_stays_on_the_last_screen_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "/核查\r");
    scr_settle(vt, "核查: match");
    vt_send(vt, "G");
    scr_settle(vt, "(GE-NDV/2018/14)。");
    char *before = scr_status_line(vt);
    vt_send(vt, "n");
    /* the top row: Annex II's last paper, GE-NDV/2019/3 核裁军核查信托基金, hit 623 (the
     * papers' titles come before the footnotes: 620 GE-NDV/2018/17 ... 623 GE-NDV/2019/3) */
    scr_settle(vt, "核查: match 623 of 636");
    char *after = scr_status_line(vt);
    cr_expect_str_eq(after, before, "n moved the text away from the end");
    free(before);
    free(after);
    scr_quit(vt, "q");
}

/* At A/74/90#p10 (80x24) the top row is "10. 专家组探讨了对核裁军核查概念的理解。", whose 核查
 * is the first match at the top: the current one; the row below has "可能的核查措施". */
struct two_matches {
    int r1, c1; /* the current match */
    int r2, c2; /* another */
};

static struct two_matches
search_at_p10(struct vt *vt)
{
    scr_settle(vt, "¶10");
    vt_send(vt, "/核查\r");
    scr_settle(vt, "核查: match");
    struct two_matches m;
    scr_find(vt, "核裁军核查概念", &m.r1, &m.c1);
    scr_find(vt, "可能的核查措施", &m.r2, &m.c2);
    m.c1 += 6; /* 核裁军: three wide characters */
    m.c2 += 6;
    return m;
}

/* Both cells of a wide character's match (核 and 查). */
static void
expect_colours(struct vt *vt, int row, int col, int fg, int bg, bool bold, const char *what)
{
    for (int c = col; c < col + 4; c += 2) {
        cr_expect_eq(vt_cell_fg(vt, row, c), fg, "%s at %d,%d: fg", what, row, c);
        cr_expect_eq(vt_cell_bg(vt, row, c), bg, "%s at %d,%d: bg", what, row, c);
        cr_expect_eq(vt_cell_attr(vt, row, c, VT_BOLD), bold, "%s at %d,%d: bold", what, row, c);
    }
}

static void
expect_attrs(struct vt *vt, int row, int col, bool reverse, bool bold, bool underline,
             const char *what)
{
    for (int c = col; c < col + 4; c += 2) {
        cr_expect_eq(vt_cell_attr(vt, row, c, VT_REVERSE), reverse, "%s at %d,%d: reverse", what,
                     row, c);
        cr_expect_eq(vt_cell_attr(vt, row, c, VT_BOLD), bold, "%s at %d,%d: bold", what, row, c);
        cr_expect_eq(vt_cell_attr(vt, row, c, VT_UNDERLINE), underline, "%s at %d,%d: underline",
                     what, row, c);
    }
}

static bool
highlighted(struct vt *vt, int row, int col)
{
    return vt_cell_attr(vt, row, col, VT_REVERSE) || vt_cell_bg(vt, row, col) != VT_COLOR_DEFAULT;
}

Test(search, the_current_match_is_white_on_red_and_the_others_black_on_yellow)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    struct two_matches m = search_at_p10(vt);
    expect_colours(vt, m.r1, m.c1, WHITE, RED, true, "the current match");
    expect_colours(vt, m.r2, m.c2, BLACK, YELLOW, false, "another match");
    cr_expect_not(highlighted(vt, m.r1, m.c1 - 2), "the 军 before the match is highlighted");
    scr_quit(vt, "q");
}

Test(search, without_colour_the_current_match_is_reverse_bold_and_underlined)
{
    const char *env[] = {"NO_COLOR=1", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, env);
    struct two_matches m = search_at_p10(vt);
    expect_attrs(vt, m.r1, m.c1, true, true, true, "the current match");
    expect_attrs(vt, m.r2, m.c2, true, false, false, "another match");
    cr_expect_eq(vt_cell_bg(vt, m.r1, m.c1), VT_COLOR_DEFAULT);
    scr_quit(vt, "q");
}

static void
expect_highlight(struct vt *vt, const struct two_matches *m, bool on, const char *when)
{
    for (int c = 0; c < 4; c += 2) {
        cr_expect_eq(highlighted(vt, m->r1, m->c1 + c), on, "%s: match at %d,%d", when, m->r1,
                     m->c1 + c);
        cr_expect_eq(highlighted(vt, m->r2, m->c2 + c), on, "%s: match at %d,%d", when, m->r2,
                     m->c2 + c);
    }
}

Test(search, escape_and_meta_u_stop_highlighting_and_n_shows_it_again)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    struct two_matches m = search_at_p10(vt);
    expect_highlight(vt, &m, true, "after the search");
    vt_send_key(vt, "Escape"); /* close, in the text: the highlight */
    scr_settle(vt, "no longer highlighted");
    expect_highlight(vt, &m, false, "after Escape");
    vt_send(vt, "n"); /* the next match, on screen: the second becomes the current one */
    scr_settle(vt, "核查: match");
    expect_highlight(vt, &m, true, "after n");
    expect_colours(vt, m.r2, m.c2, WHITE, RED, true, "the new current match");
    expect_colours(vt, m.r1, m.c1, BLACK, YELLOW, false, "the former current match");
    vt_send_key(vt, "M-u"); /* search-clear */
    scr_settle(vt, "no longer highlighted");
    expect_highlight(vt, &m, false, "after M-u");
    vt_send(vt, "n");
    scr_settle(vt, "核查: match");
    expect_highlight(vt, &m, true, "after n again");
    scr_quit(vt, "q");
}

/* --- 8. C-s under the emacs keys ---------------------------------------------------------- */

/* The pty's flags as the reader left them, through the reader's own standard input. */
static bool
reader_tty_flags(struct vt *vt, struct termios *t)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd/0", vt_pid(vt));
    int fd = open(path, O_RDWR | O_NOCTTY);
    if (fd < 0)
        return false;
    bool ok = tcgetattr(fd, t) == 0;
    close(fd);
    return ok;
}

Test(emacs, ctrl_s_searches_and_the_terminal_goes_on)
{
    const char *args[] = {"--keymap", NDVR_SOURCE_DIR "/keymaps/emacs.keys", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", args, NULL);
    scr_settle(vt, "摘要");
    struct termios t;
    if (reader_tty_flags(vt, &t))
        cr_expect_eq(t.c_iflag & IXON, 0, "the reader left IXON on: C-s stops the output");
    else
        cr_log_warn("could not read the reader's terminal flags; checking behaviour only");
    vt_send_key(vt, "C-s");
    vt_send(vt, "langeland");
    /* Knut Langeland in the experts list, then Langeland 大使 in fn9 */
    scr_settle(vt, "langeland: match 1 of 2");
    vt_send(vt, "\r}"); /* } repeats the search */
    scr_settle(vt, "langeland: match 2 of 2");
    scr_expect_status(vt, "fn9");
    vt_send_key(vt, "C-s"); /* again: still a key, not XOFF */
    vt_send(vt, "Chambers");
    scr_settle(vt, "Chambers: match");
    vt_send_key(vt, "C-g"); /* cancelled: back to fn9 */
    vt_wait_quiet(vt, 0, 0);
    scr_expect_status(vt, "fn9");
    scr_quit(vt, "q");
}

/* --- 9. The print dialog ----------------------------------------------------------------- */

/* A working fake lp (scr_lp_make). */
static void
fake_lp(void)
{
    scr_lp_make(false);
}

static bool
lp_ran(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/args", scr_lp_dir());
    return access(path, F_OK) == 0;
}

static char *
read_file(const char *path)
{
    size_t n;
    char *text = textfile_read(path, &n, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

/* P opens the dialog on "Send to" (reversed, Send not), and Enter there changes it. */
static void
dialog_starts_on_send_to(struct vt *vt)
{
    vt_send(vt, "P");
    scr_settle(vt, "Page 1 of: A/74/90#ch2.A"); /* the section being read: A. 一般性讨论 */
    int srow, scol, brow, bcol;
    scr_find(vt, "Send to:", &srow, &scol);
    scr_find(vt, "[ Send ]", &brow, &bcol);
    cr_expect(vt_cell_attr(vt, srow, scol, VT_REVERSE), "Send to is not the cursor row\n%s",
              vt_dump(vt));
    cr_expect_not(vt_cell_attr(vt, brow, bcol, VT_REVERSE), "the cursor starts on Send\n%s",
                  vt_dump(vt));
    expect_line_has(vt, vt_row_text(vt, srow), "the default printer (lp)", true);
    vt_send(vt, "\r"); /* the next destination, not sending */
    scr_settle(vt, "a printer (lp -d)");
    cr_expect_not(lp_ran(), "Enter right after P sent the job to lp");
}

Test(print, the_dialog_starts_on_send_to_at_120x40, .init = fake_lp, .fini = scr_lp_remove)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p10", NULL, scr_lp_env());
    scr_settle(vt, "¶10");
    dialog_starts_on_send_to(vt);
    scr_quit(vt, "Q");
}

Test(print, an_existing_file_is_overwritten_only_after_asking, .init = fake_lp,
     .fini = scr_lp_remove)
{
    char out[128];
    snprintf(out, sizeof out, "%s/out.txt", scr_lp_dir());
    const char before[] = "an earlier printout\nkept byte for byte\n";
    FILE *f = fopen(out, "w");
    cr_assert_not_null(f);
    fputs(before, f);
    fclose(f);
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, scr_lp_env());
    scr_settle(vt, "¶10");
    dialog_starts_on_send_to(vt);
    vt_send(vt, "\r"); /* with no printer from lpstat: a file */
    scr_settle(vt, "a file");
    char keys[256];
    snprintf(keys, sizeof keys, "j\r\025%s\r", out); /* the name: C-u, then the path */
    vt_send(vt, keys);
    scr_settle(vt, "out.txt");
    vt_send(vt, "j\r"); /* the format: from PDF (the default) to text */
    scr_settle(vt, "Format:          text");
    vt_send(vt, "G\r"); /* Send */
    scr_settle(vt, "out.txt exists: overwrite it? (y/n)");
    vt_send(vt, "n");
    scr_settle(vt, "not sent");
    char *kept = read_file(out);
    cr_expect_str_eq(kept, before, "n changed the file");
    free(kept);
    cr_expect(vt_find(vt, "Page 1 of:", NULL, NULL), "the dialog closed on n:\n%s", vt_dump(vt));
    vt_send(vt, "G\r");
    scr_settle(vt, "exists: overwrite it? (y/n)");
    vt_send(vt, "y");
    scr_settle(vt, "printed");
    char *printed = read_file(out);
    cr_expect(strstr(printed, "10. 专家组探讨了对核裁军核查概念的理解") != NULL,
              "the printout of ¶10 is not in the file:\n%s", printed);
    cr_expect(strstr(printed, "an earlier printout") == NULL, "the old text is still there");
    free(printed);
    cr_expect_not(lp_ran(), "lp ran for a file");
    scr_quit(vt, "Q");
}

/* --- 10. Help, Escape, the prompt, bookmarks, the tables ---------------------------------- */

static char confdir[64];

static void
make_confdir(void)
{
    scr_temp_dir(confdir, sizeof confdir, "ndvr-conf");
}

static void
remove_confdir(void)
{
    scr_remove_dir(confdir);
}

Test(views, help_names_escape_when_q_is_unbound_in_views, .init = make_confdir,
     .fini = remove_confdir)
{
    char path[128], env_conf[160];
    snprintf(path, sizeof path, "%s/ndvr", confdir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/ndvr/keys", confdir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("unbind -t view q\n", f);
    fclose(f);
    snprintf(env_conf, sizeof env_conf, "XDG_CONFIG_HOME=%s", confdir);
    const char *env[] = {env_conf, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, env);
    scr_settle(vt, "摘要");
    vt_send_key(vt, "F1");
    scr_settle(vt, "Keys");
    char *title = vt_row_text(vt, 0);
    cr_expect(strstr(title, "Escape closes this help") != NULL, "title: `%s`", title);
    cr_expect(strstr(title, "q closes") == NULL && strstr(title, "or q") == NULL,
              "the title claims q closes the help: `%s`", title);
    free(title);
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "Keys");
    scr_settle(vt, "摘要");
    scr_quit(vt, "q"); /* in the reader, q still quits */
}

static void
escape_closes(struct vt *vt, const char *view_text, const char *beneath)
{
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, view_text);
    scr_settle(vt, beneath);
}

Test(views, escape_closes_help_experts_and_bookmarks_to_the_view_beneath)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    vt_send_key(vt, "F1"); /* help over the experts: "Keys in experts: ..." */
    scr_settle(vt, "Keys");
    escape_closes(vt, "Keys", "33 of 33");
    vt_send(vt, "'"); /* the bookmarks over the experts */
    scr_settle(vt, "no bookmarks yet");
    escape_closes(vt, "no bookmarks yet", "33 of 33");
    escape_closes(vt, "33 of 33", "A/74/90 › 摘要"); /* the experts, to the text */
    vt_send(vt, "'");
    scr_settle(vt, "no bookmarks yet");
    escape_closes(vt, "no bookmarks yet", "A/74/90 › 摘要");
    vt_send_key(vt, "F1");
    scr_settle(vt, "Keys");
    escape_closes(vt, "Keys", "A/74/90 › 摘要");
    scr_quit(vt, "q");
}

Test(views, the_command_prompt_counts_commands_in_the_singular)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, ":toggle-c\t");
    scr_settle(vt, "1 command");
    char *line = vt_row_text_full(vt, 23);
    cr_expect(strncmp(line, ":toggle-context ", 16) == 0, "`%s`", line);
    free(line);
    expect_line_has(vt, scr_message_line(vt), "1 commands", false);
    vt_send(vt, "x"); /* typed after the space the completion added */
    scr_settle(vt, ":toggle-context x");
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "1 command");
    vt_send(vt, ":toggle\t"); /* toggle-context and toggle-outline */
    scr_settle(vt, "2 commands");
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "2 commands");
    scr_quit(vt, "q");
}

static void
bookmarks_align(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    vt_send(vt, "m中国答复\r");
    scr_settle(vt, "as \"中国答复\"");
    vt_send(vt, ":20\r");
    scr_settle(vt, "¶20");
    vt_send(vt, "mabc\r");
    scr_settle(vt, "as \"abc\"");
    vt_send(vt, "'");
    scr_settle(vt, "A/74/90#p20");
    int r1, c1, r2, c2, n1, n2;
    scr_find(vt, "中国答复", &r1, &n1);
    scr_find(vt, "abc ", &r2, &n2);
    scr_find(vt, "A/74/90#p10", &r1, &c1);
    scr_find(vt, "A/74/90#p20", &r2, &c2);
    cr_expect_eq(n1, n2, "the names start apart");
    cr_expect_eq(c1, c2, "%dx%d: the addresses start at columns %d and %d:\n%s", cols, rows, c1, c2,
                 vt_dump(vt));
    scr_expect_sound(vt);
    scr_quit(vt, "Q");
}

Test(views, bookmark_names_are_padded_by_display_width)
{
    bookmarks_align(24, 80);
    bookmarks_align(40, 120);
}

/* The row of `text` in a table (asserted on screen). */
static int
row_of(struct vt *vt, const char *text)
{
    int row, col;
    scr_find(vt, text, &row, &col);
    return row;
}

static void
expect_symbols_by_number(struct vt *vt)
{
    int r9 = row_of(vt, "GE-NDV/2018/9 "), r10 = row_of(vt, "GE-NDV/2018/10 ");
    int r15 = row_of(vt, "GE-NDV/2018/15 ");
    cr_expect(r9 < r10 && r10 < r15, "rows: 2018/9 at %d, 2018/10 at %d, 2018/15 at %d\n%s", r9,
              r10, r15, vt_dump(vt));
}

static void
papers_sort(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "W");
    scr_settle(vt, "17 of 17");
    expect_symbols_by_number(vt);
    /* s cycles Title, Submitters, Cited in, then back to Symbol: sorted, not in list order */
    vt_send(vt, "ssss");
    bool titled = vt_wait_text(vt, "sorted by Symbol", 0);
    vt_wait_quiet(vt, 0, 0);
    expect_symbols_by_number(vt);
    cr_expect(titled, "the title does not name the sort column:\n%s", vt_dump(vt));
    scr_quit(vt, "Q");
}

Test(views, papers_sort_symbols_by_number)
{
    papers_sort(24, 80);
    papers_sort(40, 120);
}

/* The column of a header (row 1, all ASCII: a byte is a cell). */
static int
header_col(struct vt *vt, const char *name)
{
    char *header = vt_row_text(vt, 1);
    char *at = strstr(header, name);
    cr_assert_not_null(at, "no header %s:\n%s", name, vt_dump(vt));
    int col = (int)(at - header);
    free(header);
    return col;
}

/* The header cell of the sort column is reversed, the others are not. */
static void
expect_sort_column(struct vt *vt, const char *sorted, const char *other)
{
    int c = header_col(vt, sorted);
    for (int i = 0; sorted[i] != '\0'; i++)
        cr_expect(vt_cell_attr(vt, 1, c + i, VT_REVERSE), "%s is not reversed\n%s", sorted,
                  vt_dump(vt));
    c = header_col(vt, other);
    cr_expect_not(vt_cell_attr(vt, 1, c, VT_REVERSE), "%s is reversed\n%s", other, vt_dump(vt));
}

static void
experts_sort_marked(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    expect_sort_column(vt, "Country", "Name");
    vt_send(vt, "s");
    scr_settle(vt, "sorted by Name");
    expect_sort_column(vt, "Name", "Country");
    scr_quit(vt, "Q");
}

Test(views, experts_mark_the_sort_column)
{
    experts_sort_marked(24, 80);
    experts_sort_marked(40, 120);
}

/* A/74/90#p22 cites footnote ¹¹: GE-NDV/2018/12 by 钱伯斯博士 (A/74/90#experts.GBR.1, David
 * Chambers) and Werdaningtyas, then GE-NDV/2018/16. */
static void
tables_open_at_p22(int rows, int cols)
{
    struct vt *vt = scr_open(rows, cols, "A/74/90#p22", NULL, NULL);
    scr_settle(vt, "¶22");
    vt_send(vt, "W");
    scr_settle(vt, "17 of 17");
    expect_cursor_on(vt, "GE-NDV/2018/12");
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "17 of 17");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    expect_cursor_on(vt, "David Chambers");
    scr_quit(vt, "Q");
}

Test(views, papers_and_experts_open_at_what_is_read)
{
    tables_open_at_p22(24, 80);
    tables_open_at_p22(40, 120);
}

/* GE-NDV/2019/3's submitters, in order: Werdaningtyas (A/74/90#experts.IDN.2, Grata
 * Werdaningtyas), Langeland, 钱伯斯. */
Test(views, experts_from_a_card_open_at_its_first_submitter)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "oGE-NDV/2019/3\r");
    scr_settle(vt, "Submitters:");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    expect_cursor_on(vt, "Grata Werdaningtyas");
    vt_send_key(vt, "Escape"); /* back to the card */
    scr_settle(vt, "Submitters:");
    scr_quit(vt, "Q");
}

/* --- Counts: the wheel moves a table's cursor three rows --------------------------------- */

Test(views, the_wheel_moves_the_experts_cursor_three_rows)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    int before = reversed_row(vt, 2);
    cr_assert_eq(before, 2, "the cursor is not on the first row:\n%s", vt_dump(vt));
    char *top = vt_row_text(vt, 2);
    vt_send(vt, "\033[<65;40;10M"); /* xterm's SGR report of one notch down, inside the table */
    vt_wait_quiet(vt, 0, 0);
    int after = reversed_row(vt, 3);
    cr_expect_eq(after, before + 3, "one notch moved the cursor from row %d to %d:\n%s", before,
                 after, vt_dump(vt));
    char *still = vt_row_text(vt, 2);
    cr_expect_str_eq(still, top, "the table scrolled");
    free(top);
    free(still);
    vt_send(vt, "\033[<64;40;10M");
    vt_wait_quiet(vt, 0, 0);
    cr_expect_eq(reversed_row(vt, 2), before, "one notch up did not come back");
    scr_quit(vt, "Q");
}

/* --- 12. The bookmarks list reads the state file again ------------------------------------ */

Test(state, a_bookmark_saved_by_another_running_reader_is_listed, .init = scr_state_make,
     .fini = scr_state_remove)
{
    const char *env[] = {scr_state_env(), NULL};
    struct vt *a = scr_open(24, 80, "A/74/90#p10", NULL, env);
    scr_settle(a, "¶10");
    vt_send(a, "'"); /* A has read the list once: none yet */
    scr_settle(a, "no bookmarks yet");
    vt_send(a, "q");
    scr_settle_gone(a, "no bookmarks yet");
    struct vt *b = scr_open(24, 80, "A/74/90#p20", NULL, env);
    scr_settle(b, "¶20");
    vt_send(b, "mfrom the other reader\r");
    scr_settle(b, "as \"from the other reader\"");
    scr_quit(b, "q");
    vt_send(a, "'");
    scr_settle(a, "Bookmarks");
    scr_settle(a, "from the other reader");
    int row, col;
    scr_find(a, "A/74/90#p20", &row, &col);
    vt_send(a, "\r"); /* and it goes there */
    scr_settle(a, "¶20");
    scr_quit(a, "q");
    /* A's quit kept B's bookmark */
    struct vt *cli = scr_open(24, 80, "bookmarks", NULL, env);
    cr_expect_eq(vt_wait_exit(cli, 0), 0);
    cr_expect(vt_find(cli, "from the other reader", NULL, NULL), "%s", vt_dump(cli));
    vt_free(cli);
}
