/* The reader over one paragraph of 1.2 MB (crashers/search-quadratic.py with 2,000 reps):
 * after a search with 80,000 hits in that one block, keys are answered at once and the hits on
 * screen are highlighted, and SIGTERM and SIGHUP end the reader within 100 ms even while it
 * redraws. Before, each key took seconds to hours (every row drawn scanned every hit, and
 * measured the whole field for each), and signals waited for the redraw. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen.h"
#include "../support/trees.h"

enum { REPS = 2000, HITS = 40 * REPS };

static char dir[128];

/* DIR/A-74-90.json: one paragraph of REPS x ("核裁军核查" x 40 + " verification "). */
static void
make_corpus(void)
{
    scr_temp_dir(dir, sizeof dir, "ndvr-search-scale");
    char path[192];
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    cr_assert(tree_write_big_paragraph(path, REPS), "%s", path);
}

static void
remove_corpus(void)
{
    scr_remove_dir(dir);
}

TestSuite(search_scale, .init = make_corpus, .fini = remove_corpus);

/* The reader on the paragraph, searched for 核查. */
static struct vt *
open_searched(void)
{
    const char *args[] = {"--corpus", dir, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p1", args, NULL);
    scr_settle(vt, "核裁军核查");
    vt_send(vt, "/核查\r");
    scr_settle(vt, "match 1 of 80000");
    return vt;
}

static bool
cell_highlighted(struct vt *vt, int row, int col)
{
    return vt_cell_attr(vt, row, col, VT_REVERSE) || vt_cell_bg(vt, row, col) != VT_COLOR_DEFAULT;
}

/* Every 查 of the text on screen is highlighted (it ends a hit), no 裁 is; at least min of
 * them. */
static void
expect_hits_highlighted(struct vt *vt, int min)
{
    int seen = 0;
    for (int r = 0; r < vt_rows(vt) - 2; r++)
        for (int c = 0; c < vt_cols(vt); c++) {
            uint32_t ch = vt_cell_char(vt, r, c);
            if (ch == 0x67E5) { /* 查 */
                seen++;
                cr_expect(cell_highlighted(vt, r, c), "查 at %d,%d is not highlighted", r, c);
            } else if (ch == 0x88C1) { /* 裁 */
                cr_expect_not(cell_highlighted(vt, r, c), "裁 at %d,%d is highlighted", r, c);
            }
        }
    cr_expect_geq(seen, min, "%d hits on screen\n%s", seen, vt_dump(vt));
}

/* Sends keys and waits for want: returns the milliseconds it took. */
static double
answer_ms(struct vt *vt, const char *keys, const char *want)
{
    double t0 = scr_now_ms();
    vt_send(vt, keys);
    cr_assert(vt_wait_text(vt, want, 0), "no `%s` after `%s`\n%s", want, keys, vt_dump(vt));
    return scr_now_ms() - t0;
}

Test(search_scale, keys_after_80000_hits_in_one_paragraph)
{
    struct vt *vt = open_searched();
    vt_wait_quiet(vt, 0, 0);
    expect_hits_highlighted(vt, 100); /* a screenful */
    double bound = 500.0 * scr_time_scale();
    const struct {
        const char *keys, *want;
    } steps[] = {{"n", "match 2 of 80000"}, {"n", "match 3 of 80000"},
                 {"N", "match 2 of 80000"}, {"G", "A/74/90 · 100%"},
                 {"n", "match 79"}, /* from where the reader is: the last screen */
                 {"g", "A/74/90 · 0%"},     {"N", "match 80000 of 80000 (wrapped around"}};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        double ms = answer_ms(vt, steps[i].keys, steps[i].want);
        cr_expect_lt(ms, bound, "`%s` took %.0f ms", steps[i].keys, ms);
        vt_wait_quiet(vt, 0, 0);
    }
    expect_hits_highlighted(vt, 1); /* the last, at the top of the screen */
    scr_quit(vt, "q");
}

static bool
left_altscreen(struct vt *vt, void *arg)
{
    (void)arg;
    return !vt_altscreen(vt);
}

/* The reader has acted on the signal when it has left the alternate screen (its state saved
 * first): what the user sees. The exit itself may come later in a sanitizer build, whose leak
 * check at exit takes longer than the bound. */
Test(search_scale, sigterm_and_sighup_act_within_100_ms_during_a_redraw)
{
    int sigs[] = {SIGTERM, SIGHUP};
    for (size_t i = 0; i < 2; i++) {
        struct vt *vt = open_searched();
        vt_send(vt, "nnjjN"); /* redraws under way when the signal comes */
        double t0 = scr_now_ms();
        kill(vt_pid(vt), sigs[i]);
        bool acted = vt_wait_until(vt, left_altscreen, NULL, 100);
        double ms = scr_now_ms() - t0;
        cr_expect(acted, "signal %d: still on the alternate screen after %.0f ms", sigs[i], ms);
        cr_expect_eq(vt_wait_exit(vt, 0), 128 + sigs[i], "signal %d", sigs[i]);
        char msg[128];
        cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "signal %d: %s", sigs[i], msg);
        vt_free(vt);
    }
}
