/* The fault suite's size case through the reader (issue 14): one paragraph of 10 MB
 * (crashers/search-quadratic.py with 17,000 reps: 680,000 hits of 核查, 17,000 of
 * "verification"). The reader opens it, a search and the keys after it are answered within
 * generous bounds, and SIGTERM during the redraws ends it within a second. The 1.2 MB case with
 * the performance issue's tight bounds is test_search_scale.c. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "screen.h"
#include "../support/trees.h"

enum { REPS = 17000 };

static char dir[128];

static void
make_corpus(void)
{
    scr_temp_dir(dir, sizeof dir, "ndvr-fault-big");
    char path[192];
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    cr_assert(tree_write_big_paragraph(path, REPS), "%s", path);
}

static void
remove_corpus(void)
{
    scr_remove_dir(dir);
}

TestSuite(fault_big, .init = make_corpus, .fini = remove_corpus, .timeout = 240);

/* The reader on the paragraph; the first start reads 10 MB of JSON and caches its image. */
static struct vt *
open_big(void)
{
    const char *args[] = {"--corpus", dir, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p1", args, NULL);
    cr_assert(vt_wait_text(vt, "核裁军核查", 60000 * scr_time_scale()), "no text\n%s", vt_dump(vt));
    vt_wait_quiet(vt, 0, 0);
    return vt;
}

/* Sends keys, asserts want comes within 60 s, and returns how long it took. */
static double
answer_ms(struct vt *vt, const char *keys, const char *want)
{
    double t0 = scr_now_ms();
    vt_send(vt, keys);
    cr_assert(vt_wait_text(vt, want, 60000 * scr_time_scale()), "no `%s` after `%s`\n%s", want,
              keys, vt_dump(vt));
    return scr_now_ms() - t0;
}

Test(fault_big, a_search_and_keys_over_a_ten_megabyte_paragraph)
{
    struct vt *vt = open_big();
    double bound = 3000.0 * scr_time_scale();
    const struct {
        const char *keys, *want;
    } steps[] = {{"/verification\r", "match 1 of 17000"},
                 {"n", "match 2 of 17000"},
                 {"G", "A/74/90 · 100%"},
                 {"g", "A/74/90 · 0%"},
                 {"/核查\r", "match 1 of 680000"},
                 {"n", "match 2 of 680000"}};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        double ms = answer_ms(vt, steps[i].keys, steps[i].want);
        cr_expect_lt(ms, bound, "`%s` took %.0f ms", steps[i].keys, ms);
        vt_wait_quiet(vt, 0, 0);
    }
    scr_quit(vt, "q");
}

static bool
left_altscreen(struct vt *vt, void *arg)
{
    (void)arg;
    return !vt_altscreen(vt);
}

Test(fault_big, sigterm_acts_within_a_second_during_redraws)
{
    struct vt *vt = open_big();
    vt_send(vt, "/核查\r");
    cr_assert(vt_wait_text(vt, "match 1 of 680000", 60000 * scr_time_scale()), "%s", vt_dump(vt));
    vt_send(vt, "nnGgN"); /* redraws under way when the signal comes */
    double t0 = scr_now_ms();
    kill(vt_pid(vt), SIGTERM);
    bool acted = vt_wait_until(vt, left_altscreen, NULL, 1000 * scr_time_scale());
    cr_expect(acted, "still on the alternate screen after %.0f ms", scr_now_ms() - t0);
    cr_expect_eq(vt_wait_exit(vt, 0), 128 + SIGTERM);
    char msg[128];
    cr_expect(vt_terminal_restored(vt, msg, sizeof msg), "%s", msg);
    vt_free(vt);
}
