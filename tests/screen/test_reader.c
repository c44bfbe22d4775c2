/* Screen tests of the reader: the real ndvr on a pseudo-terminal at fixed sizes, keys sent,
 * the emulated screen read cell by cell. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "input/keymap.h"
#include "screen.h"
#include "util/xalloc.h"

static char msg[2048];

static void
expect_border(struct vt *vt, int col)
{
    cr_expect(vt_check_column_is_border(vt, col, 0, vt_rows(vt) - 3, msg, sizeof msg), "%s", msg);
}

/* --- Sizes and panes --------------------------------------------------------------------- */

Test(reader, at_80x24_outline_and_text_with_an_intact_border)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    scr_expect_status(vt, "A/74/90 › 二 › A › ¶10");
    int row, col;
    cr_expect(vt_find(vt, "10. 专家组探讨了", &row, &col), "%s", vt_dump(vt));
    cr_expect_eq(row, 0);
    expect_border(vt, col - 1);
    scr_expect_sound(vt);
    /* the outline shows the way to the reading position */
    cr_expect(vt_find(vt, "A. 一般性讨论", &row, &col));
    cr_expect_lt(col, 20);
    scr_quit(vt, "q");
}

Test(reader, at_120x40_three_panes_and_footnotes_on_screen)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "Footnotes on screen");
    int row, col, trow, tcol;
    cr_assert(vt_find(vt, "Footnotes on screen", &row, &col));
    cr_assert(vt_find(vt, "10. 专家组探讨了", &trow, &tcol));
    cr_expect_gt(col, tcol + 20);
    expect_border(vt, tcol - 1);
    expect_border(vt, col - 1);
    cr_expect(vt_find(vt, "⁴ 见比昂提诺大使", &row, &col), "%s", vt_dump(vt));
    scr_expect_sound(vt);
    /* page through the whole document: wide characters never cross a border */
    for (int i = 0; i < 12; i++) {
        vt_send_key(vt, "Space");
        vt_wait_quiet(vt, 0, 0);
        scr_expect_sound(vt);
        expect_border(vt, tcol - 1);
    }
    scr_quit(vt, "q");
}

Test(reader, at_40x12_the_text_alone)
{
    struct vt *vt = scr_open(12, 40, "A/72/304#NOR", NULL, NULL);
    scr_settle(vt, "› NOR ·");
    char *top = vt_row_text(vt, 0);
    cr_expect_str_eq(top, "挪威");
    free(top);
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}

Test(reader, at_20x6_still_reads)
{
    struct vt *vt = scr_open(6, 20, "A/74/90#p7", NULL, NULL);
    scr_settle(vt, "¶7");
    scr_expect_sound(vt);
    char *top = vt_row_text(vt, 0);
    cr_expect(strstr(top, "7.") == top, "%s", top);
    free(top);
    vt_send_key(vt, "Space");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}

Test(reader, a_terminal_too_small_says_so)
{
    struct vt *vt = scr_open(2, 10, "A/74/90#p7", NULL, NULL);
    scr_settle(vt, "terminal");
    scr_quit(vt, "q");
}

/* --- Links and history -------------------------------------------------------------------- */

Test(reader, links_are_followed_and_back_returns_to_the_same_line)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#foreword", NULL, NULL);
    scr_settle(vt, "秘书长的前言");
    vt_send(vt, "jjjj");
    vt_wait_quiet(vt, 0, 0);
    char *before = vt_row_text(vt, 0);
    /* Tab to the link A/72/304 in the foreword's second paragraph */
    bool found = false;
    for (int i = 0; i < 12 && !found; i++) {
        vt_send_key(vt, "Tab");
        vt_wait_quiet(vt, 0, 0);
        char *m = vt_row_text(vt, 23);
        found = strcmp(m, "A/72/304") == 0;
        free(m);
    }
    cr_assert(found, "no link to A/72/304 reached:\n%s", vt_dump(vt));
    vt_send_key(vt, "Enter");
    scr_settle(vt, "A/72/304 ·");
    scr_expect_status(vt, "A/72/304 · 0%");
    vt_send_key(vt, "Backspace");
    scr_settle(vt, "秘书长的前言");
    char *after = vt_row_text(vt, 0);
    cr_expect_str_eq(after, before, "back did not return to the same line");
    vt_send_key(vt, "]");
    scr_settle(vt, "A/72/304 ·");
    free(before);
    free(after);
    scr_quit(vt, "q");
}

Test(reader, a_footnote_opens_in_the_context_pane_and_the_text_stays)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#p11", NULL, NULL);
    scr_settle(vt, "¶11");
    int row, col;
    cr_assert(vt_find(vt, "11. 专家组讨论了核查的稳健性问题", &row, &col));
    cr_expect_eq(row, 0);
    vt_send_key(vt, "Tab"); /* the first link of p11 is its footnote marker ⁷ */
    vt_wait_quiet(vt, 0, 0);
    vt_send_key(vt, "Enter");
    scr_settle(vt, "Footnote");
    cr_expect(vt_find(vt, "⁷ 见 Edinger 先生", &row, &col), "%s", vt_dump(vt));
    cr_assert(vt_find(vt, "11. 专家组讨论了核查的稳健性问题", &row, &col));
    cr_expect_eq(row, 0, "the text moved");
    scr_expect_status(vt, "¶11");
    /* the popup: p peeks at the footnote over the text, Backspace closes it */
    vt_send(vt, "p");
    scr_settle(vt, " footnote ⁷ ");
    vt_send_key(vt, "Backspace");
    cr_expect(vt_wait_gone(vt, " footnote ⁷ ", 0), "%s", vt_dump(vt));
    vt_wait_quiet(vt, 0, 0);
    cr_assert(vt_find(vt, "11. 专家组讨论了核查的稳健性问题", &row, &col));
    cr_expect_eq(row, 0, "the text moved");
    scr_quit(vt, "q");
}

Test(reader, typing_a_paragraph_number_jumps_to_it)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, ":23\r");
    scr_settle(vt, "¶23");
    char *top = vt_row_text(vt, 0);
    cr_expect(strstr(top, "23. 一些专家指出") != NULL, "%s", top);
    free(top);
    vt_send(vt, "oGE-NDV/2019/\t");
    scr_settle(vt, "3 addresses");
    vt_send(vt, "3\r"); /* a working paper's address opens its card */
    scr_settle(vt, "Submitters:");
    cr_expect(vt_find(vt, "核裁军核查信托基金", NULL, NULL), "%s", vt_dump(vt));
    scr_expect_status(vt, "card");
    vt_send(vt, "q"); /* closes the card: the text is beneath */
    scr_settle(vt, "23. 一些专家指出");
    scr_quit(vt, "q");
}

/* --- Search ------------------------------------------------------------------------------ */

static bool
cell_highlighted(struct vt *vt, int row, int col)
{
    return vt_cell_attr(vt, row, col, VT_REVERSE) || vt_cell_bg(vt, row, col) != VT_COLOR_DEFAULT;
}

Test(reader, search_highlights_matches_and_n_goes_across_the_corpus)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "/langeland");
    scr_settle(vt, "match 1 of 2");
    vt_send(vt, "\r");
    vt_wait_quiet(vt, 0, 0);
    int row, col;
    cr_assert(vt_find(vt, "Langeland", &row, &col), "%s", vt_dump(vt));
    cr_expect(cell_highlighted(vt, row, col), "the match is not highlighted");
    int prow, pcol;
    cr_assert(vt_find(vt, "Knut", &prow, &pcol));
    cr_expect_not(cell_highlighted(vt, prow, pcol), "text beside the match is highlighted");
    vt_send(vt, "n");
    scr_settle(vt, "match 2 of 2");
    scr_expect_status(vt, "fn9");
    vt_send(vt, "n");
    scr_settle(vt, "wrapped");
    /* the full-width query finds the symbol */
    vt_send(vt, "/ｇｅ－ｎｄｖ／２０１９／３\r");
    scr_settle(vt, "GE-NDV/2019/3");
    vt_send(vt, "R");
    scr_settle(vt, "matches of");
    vt_send(vt, "q"); /* q closes the list first */
    vt_wait_gone(vt, "matches of", 0);
    scr_quit(vt, "q");
}

/* --- Resizing --------------------------------------------------------------------------- */

Test(reader, resizing_keeps_the_reading_position)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p38", NULL, NULL);
    scr_settle(vt, "¶38");
    vt_resize(vt, 12, 40);
    vt_wait_quiet(vt, 0, 0);
    scr_settle(vt, "¶38");
    char *top = vt_row_text(vt, 0);
    cr_expect(strstr(top, "38.") == top, "%s\n%s", top, vt_dump(vt));
    free(top);
    scr_expect_sound(vt);
    vt_resize(vt, 40, 120);
    vt_wait_quiet(vt, 0, 0);
    scr_settle(vt, "Countries");
    scr_expect_status(vt, "¶38");
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}

/* --- Help and keymaps ----------------------------------------------------------------------- */

/* The help row of a command and the rows continuing its keys, as one string. */
static char *
help_rows(struct vt *vt, int row)
{
    char *all = vt_row_text_full(vt, row);
    for (int r = row + 1; r < vt_rows(vt) - 2; r++) {
        char *next = vt_row_text(vt, r);
        bool keys_only = strlen(next) > 0 && strlen(next) <= 20 && next[0] != ' ';
        if (keys_only) {
            char *both = xasprintf("%s %s", all, next);
            free(all);
            all = both;
        }
        free(next);
        if (!keys_only)
            break;
    }
    return all;
}

Test(reader, help_lists_the_keys_of_the_active_keymap)
{
    struct vt *vt = scr_open(60, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send_key(vt, "F1");
    scr_settle(vt, "Keys everywhere (global)");
    cr_expect(vt_find(vt, "Keys in text: Escape or q closes this help", NULL, NULL), "%s",
              vt_dump(vt));
    struct keymap *km = keymap_new();
    cr_assert(
        keymap_load_file(km, NDVR_SOURCE_DIR "/keymaps/default.keys", commands_check, NULL, NULL));
    size_t n, checked = 0;
    const struct cmd_def *cmds = commands_global(&n);
    for (size_t i = 0; i < n; i++) {
        int row, col;
        char needle[64];
        snprintf(needle, sizeof needle, " %s  ", cmds[i].name); /* the padded column */
        if (!vt_find(vt, needle, &row, &col))
            continue;
        char *text = help_rows(vt, row);
        key_code keys[8];
        size_t nk = keymap_keys_for(km, NULL, cmds[i].name, keys, 8);
        for (size_t k = 0; k < nk && k < 8; k++) {
            char name[32];
            keyname_string(keys[k], name, sizeof name);
            cr_expect(strstr(text, name) != NULL, "help row `%s` lacks key %s", text, name);
        }
        free(text);
        checked++;
    }
    cr_expect_gt(checked, 30, "only %zu commands on the help screen", checked);
    keymap_free(km);
    vt_send(vt, "q"); /* closes the help */
    scr_settle(vt, "摘要");
    scr_quit(vt, "q");
}

Test(reader, a_prompt_shows_the_cursor_where_the_next_character_goes)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    cr_expect_not(vt_cursor_visible(vt), "the cursor shows while reading");
    vt_send(vt, "o");
    scr_settle(vt, "goto: ");
    cr_expect(vt_cursor_visible(vt), "no cursor in the prompt");
    cr_expect_eq(vt_cursor_row(vt), 23);
    cr_expect_eq(vt_cursor_col(vt), 6); /* after "goto: " */
    vt_send(vt, "NO");
    scr_settle(vt, "goto: NO");
    cr_expect_eq(vt_cursor_col(vt), 8);
    vt_send(vt, "\007"); /* C-g: the prompt goes, the cursor with it */
    vt_wait_gone(vt, "goto:", 0);
    vt_wait_quiet(vt, 0, 0);
    cr_expect_not(vt_cursor_visible(vt), "the cursor stayed after the prompt");
    scr_quit(vt, "q");
}

Test(reader, another_keymap_and_bad_lines_are_reported)
{
    char path[] = "/tmp/ndvr-keys-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("bind x quit\nbind j frobnicate\n", f);
    fclose(f);
    const char *args[] = {"--keymap", path, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", args, NULL);
    scr_settle(vt, ":2:");
    int row, col;
    cr_expect(vt_find(vt, "frobnicate", &row, &col), "%s", vt_dump(vt));
    cr_expect_eq(vt_quit(vt, "x", 0), 0, "x was bound to quit");
    vt_free(vt);
    unlink(path);
}

Test(reader, emacs_keys)
{
    const char *args[] = {"--keymap", NDVR_SOURCE_DIR "/keymaps/emacs.keys", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p1", args, NULL);
    scr_settle(vt, "¶1 ·");
    vt_send_key(vt, "C-v"); /* a screen down: paragraph 1 is shorter than a screen */
    vt_wait_gone(vt, "¶1 ·", 0);
    vt_send_key(vt, "M->");
    scr_settle(vt, "附件二");
    vt_send_key(vt, "M-<");
    scr_settle(vt, "A/74/90 · 0%");
    scr_quit(vt, "q");
}

/* --- Terminal citizenship ----------------------------------------------------------------- */

Test(reader, the_terminal_is_restored_after_sigterm_and_sighup)
{
    int sigs[] = {SIGTERM, SIGHUP, SIGINT};
    for (size_t i = 0; i < 3; i++) {
        struct vt *vt = scr_open(24, 80, "A/74/90#p1", NULL, NULL);
        scr_settle(vt, "¶1");
        cr_expect(vt_altscreen(vt));
        cr_expect_eq(vt_signal(vt, sigs[i], 0), 128 + sigs[i]);
        cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "signal %d: %s", sigs[i], msg);
        vt_free(vt);
    }
}

Test(reader, no_color_and_ascii_borders)
{
    const char *args[] = {"--ascii", NULL};
    const char *env[] = {"NO_COLOR=1", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", args, env);
    scr_settle(vt, "¶10");
    int row, col;
    cr_assert(vt_find(vt, "10. 专家组探讨了", &row, &col));
    cr_expect_eq(vt_cell_char(vt, 0, col - 1), '|');
    for (int r = 0; r < 22; r++)
        for (int c = 0; c < 80; c++)
            cr_expect_eq(vt_cell_fg(vt, r, c), VT_COLOR_DEFAULT, "colour at %d,%d", r, c);
    scr_quit(vt, "q");
}

/* How many cells of the first rows have a colour of their own. */
static int
coloured_cells(struct vt *vt)
{
    int n = 0;
    for (int r = 0; r < 22; r++)
        for (int c = 0; c < 80; c++)
            n += vt_cell_fg(vt, r, c) != VT_COLOR_DEFAULT;
    return n;
}

/* no-color.org: NO_COLOR set but empty is as if unset (the harness unsets a variable given as
 * "NAME=", so env(1) sets it empty). */
Test(reader, an_empty_no_color_keeps_the_colours)
{
    const char *argv[] = {"/usr/bin/env", "NO_COLOR=", NDVR_BIN_DIR "/ndvr", "A/74/90#p10", NULL};
    struct vt *vt = vt_spawn(24, 80, argv, NULL);
    cr_assert_not_null(vt);
    scr_settle(vt, "¶10");
    cr_expect_gt(coloured_cells(vt), 0, "%s", vt_dump(vt));
    scr_quit(vt, "q");
    const char *env[] = {"NO_COLOR=1", NULL};
    vt = scr_open(24, 80, "A/74/90#p10", NULL, env);
    scr_settle(vt, "¶10");
    cr_expect_eq(coloured_cells(vt), 0);
    scr_quit(vt, "q");
}

Test(reader, unknown_and_dumb_terminals_print_instead)
{
    const char *unknown[] = {"TERM=nosuchterminal", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p2", NULL, unknown);
    cr_expect_eq(vt_wait_exit(vt, 0), 0);
    int row, col;
    cr_expect(vt_find(vt, "2.  政府专家组由下列国家的代表组成", &row, &col), "%s", vt_dump(vt));
    vt_free(vt);
    const char *dumb[] = {"TERM=dumb", NULL};
    vt = scr_open(24, 80, "A/74/90#p2", NULL, dumb);
    cr_expect_eq(vt_wait_exit(vt, 0), 0);
    cr_expect(vt_find(vt, "政府专家组由下列国家的代表组成", &row, &col));
    vt_free(vt);
    /* an xterm variant without its own entry gets xterm-256color */
    const char *variant[] = {"TERM=xterm-nosuchvariant", NULL};
    vt = scr_open(24, 80, "A/74/90#p2", NULL, variant);
    scr_settle(vt, "¶2");
    scr_quit(vt, "q");
}

Test(reader, without_a_utf8_locale_falls_back_to_c_utf8)
{
    const char *env[] = {"LC_ALL=", "LANG=", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p2", NULL, env);
    scr_settle(vt, "¶2");
    int row, col;
    cr_expect(vt_find(vt, "政府专家组由下列国家", &row, &col), "%s", vt_dump(vt));
    scr_expect_sound(vt);
    scr_quit(vt, "q");
}

/* --- Frugality ------------------------------------------------------------------------------ */

static long
cpu_ticks(int pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* utime and stime are fields 14 and 15; the command name in () may hold spaces */
    const char *p = strrchr(buf, ')');
    long utime = 0, stime = 0;
    cr_assert_eq(
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &utime, &stime), 2);
    return utime + stime;
}

Test(reader, idle_costs_nothing_and_a_line_scroll_sends_little)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    long before = cpu_ticks(vt_pid(vt));
    size_t bytes = vt_bytes_received(vt);
    /* a second of waiting: no timer, no polling, nothing drawn */
    cr_expect_not(vt_wait_quiet(vt, 1000, 1500) == false, "output while idle");
    cr_expect_eq(vt_bytes_received(vt), bytes, "the reader wrote while idle");
    cr_expect_leq(cpu_ticks(vt_pid(vt)) - before, 1, "the reader used CPU while idle");
    /* one line down: ncurses scrolls the pane; far less than a full repaint of the screen */
    size_t full = bytes;
    vt_send(vt, "j");
    vt_wait_quiet(vt, 0, 0);
    size_t scroll = vt_bytes_received(vt) - bytes;
    cr_expect_gt(scroll, 0);
    cr_expect_lt(scroll * 4, full, "a one-line scroll sent %zu bytes, the first screen %zu", scroll,
                 full);
    scr_quit(vt, "q");
}

Test(reader, the_mouse_wheel_scrolls)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", NULL, NULL);
    scr_settle(vt, "¶10");
    char *top = vt_row_text(vt, 0);
    /* xterm's SGR report (terminfo kmous=\E[<) of the wheel down at column 40, row 5 */
    vt_send(vt, "\033[<65;40;5M");
    vt_wait_quiet(vt, 0, 0);
    char *after = vt_row_text(vt, 0);
    cr_expect_str_neq(after, top, "the wheel did not scroll");
    vt_send(vt, "\033[<64;40;5M");
    vt_wait_quiet(vt, 0, 0);
    char *back = vt_row_text(vt, 0);
    cr_expect_str_eq(back, top, "wheel up did not come back");
    free(top);
    free(after);
    free(back);
    scr_quit(vt, "q");
}

Test(reader, ctrl_z_suspends_and_the_reader_comes_back)
{
    /* under a job-control shell, as in real life: a process group without one (the
     * harness's session leader) is orphaned, and the kernel discards its SIGTSTP */
    const char *argv[] = {
        "/bin/sh", "-c",          "set -m; \"$0\" \"$@\"; echo STOPPED; read line; fg",
        SCR_NDVR,  "A/74/90#p10", NULL};
    struct vt *vt = scr_spawn(24, 80, argv, NULL);
    scr_settle(vt, "¶10");
    vt_send(vt, "\032"); /* Ctrl-Z: the terminal sends SIGTSTP */
    scr_settle(vt, "STOPPED");
    cr_expect_not(vt_altscreen(vt), "still on the alternate screen while suspended");
    cr_expect(vt_cursor_visible(vt), "the cursor stayed hidden while suspended");
    /* fg brings it back, redrawn */
    vt_send(vt, "\r");
    scr_settle(vt, "¶10");
    cr_expect(vt_altscreen(vt));
    int row, col;
    cr_expect(vt_find(vt, "10. 专家组探讨了", &row, &col), "%s", vt_dump(vt));
    scr_quit(vt, "q");
}

Test(reader, a_citation_is_copied_only_when_enabled)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p23", NULL, NULL);
    scr_settle(vt, "¶23");
    vt_send(vt, "y");
    scr_settle(vt, "copying is off");
    scr_quit(vt, "q");
    const char *args[] = {"--clipboard", NULL};
    vt = scr_open(24, 80, "A/74/90#p23", args, NULL);
    scr_settle(vt, "¶23");
    vt_send(vt, "y");
    scr_settle(vt, "copied: A/74/90, para. 23");
    scr_quit(vt, "q");
}

Test(reader, ambiguous_width_two_draws_ascii_borders)
{
    /* box-drawing characters are ambiguous-width: a terminal drawing them wide would break
     * every border, so the reader uses | and - then */
    const char *args[] = {"--ambiguous-width=2", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", args, NULL);
    scr_settle(vt, "¶10");
    int row, col;
    cr_assert(vt_find(vt, "10. 专家组探讨了", &row, &col));
    cr_expect_eq(vt_cell_char(vt, 0, col - 1), '|');
    scr_quit(vt, "q");
}

Test(reader, the_mouse_can_be_turned_off)
{
    const char *args[] = {"--no-mouse", NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p10", args, NULL);
    scr_settle(vt, "¶10");
    char *top = vt_row_text(vt, 0);
    vt_send(vt, "\033[<65;40;5M");
    vt_wait_quiet(vt, 0, 0);
    char *after = vt_row_text(vt, 0);
    cr_expect_str_eq(after, top, "the wheel scrolled with --no-mouse");
    free(top);
    free(after);
    scr_quit(vt, "q");
}

Test(reader, hiding_a_pane_keeps_the_top_line)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#p23", NULL, NULL);
    scr_settle(vt, "¶23");
    vt_send(vt, "jj");
    vt_wait_quiet(vt, 0, 0);
    int row, col;
    cr_assert(vt_find(vt, "他敏感问题", &row, &col) || vt_find(vt, "敏感问题", &row, &col), "%s",
              vt_dump(vt));
    cr_expect_eq(row, 0, "%s", vt_dump(vt));
    vt_send(vt, "O"); /* the outline hides: the text gets wider and rewraps */
    vt_wait_quiet(vt, 0, 0);
    char *top = vt_row_text(vt, 0);
    char *dump = vt_dump(vt);
    /* the top row now starts at the line that was at the top, which holds 敏感 */
    cr_expect(strstr(top, "敏感") != NULL || strstr(top, "问题") != NULL, "%s\n%s", top, dump);
    free(top);
    free(dump);
    scr_quit(vt, "q");
}
