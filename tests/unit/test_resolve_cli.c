/* Addresses as people type them on the command line: every command that takes an ADDRESS
 * resolves it (corpus/resolve.h), and cat and print take ranges. The real ndvr on the real
 * corpus. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS NDVR_SOURCE_DIR "/assets/corpus"

static struct run
run_ndvr(const char *const *args)
{
    const char *env[] = {"NDVR_CORPUS=" CORPUS, NULL};
    return run_program(NDVR, args, env);
}

#define RUN(...) run_ndvr((const char *const[]){__VA_ARGS__, NULL})

/* Asserts that a and b print the same, successfully, and frees both. */
static void
expect_same(struct run a, struct run b, const char *what)
{
    cr_expect_eq(a.status, 0, "%s: status %d, %s", what, a.status, a.err);
    cr_expect_eq(b.status, 0, "%s: status %d, %s", what, b.status, b.err);
    cr_expect_gt(a.nout, 0u, "%s printed nothing", what);
    cr_expect_str_eq(a.out, b.out, "%s", what);
    cr_expect_str_eq(a.err, "", "%s", what);
    run_free(&a);
    run_free(&b);
}

static void
expect_failure(struct run r, int status, const char *err)
{
    cr_expect_eq(r.status, status, "status %d, %s", r.status, r.err);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, err);
    run_free(&r);
}

Test(resolve_cli, show_refs_ls_take_any_form)
{
    expect_same(RUN("show", "nor"), RUN("show", "NOR"), "show nor");
    expect_same(RUN("show", "--json", "Norway"), RUN("show", "--json", "NOR"), "show Norway");
    expect_same(RUN("show", "挪威"), RUN("show", "NOR"), "show 挪威");
    expect_same(RUN("show", "a/74/90#P10"), RUN("show", "A/74/90#p10"), "show a/74/90#P10");
    expect_same(RUN("show", "A/72/304 (挪威), para. 3"), RUN("show", "A/72/304#NOR.p3"),
                "show a citation");
    expect_same(RUN("refs", "langeland"), RUN("refs", "A/74/90#experts.NOR.1"), "refs langeland");
    expect_same(RUN("show", "克努特·朗厄兰"), RUN("show", "A/74/90#experts.NOR.1"),
                "show an expert's alias");
    expect_same(RUN("refs", "ｇｅ－ｎｄｖ／２０１８／１２"), RUN("refs", "GE-NDV/2018/12"),
                "refs full-width");
    expect_same(RUN("ls", "a/74/90#CH3"), RUN("ls", "A/74/90#ch3"), "ls a/74/90#CH3");
    expect_same(RUN("search", "--in", "A/74/90 (附件一)", "核查"),
                RUN("search", "--in", "A/74/90#annex1", "核查"), "search --in a citation");
}

Test(resolve_cli, cat_takes_citations_and_ranges)
{
    expect_same(RUN("cat", "--width", "60", "A/74/90，第23段"),
                RUN("cat", "--width", "60", "A/74/90#p23"), "cat a Chinese citation");
    expect_same(RUN("cat", "--width", "60", "A/74/90#p23-26", "Knut Langeland"),
                RUN("cat", "--width", "60", "A/74/90#p23", "A/74/90#p24", "A/74/90#p25",
                    "A/74/90#p26", "A/74/90#experts.NOR.1"),
                "cat a range and a name");
}

/* ¶23 to ¶30 with one address, exactly what eight addresses print. */
Test(resolve_cli, print_takes_a_range)
{
    struct run r = RUN("print", "--to", "-", "A/74/90#p23..p30");
    struct run eight =
        RUN("print", "--to", "-", "A/74/90#p23", "A/74/90#p24", "A/74/90#p25", "A/74/90#p26",
            "A/74/90#p27", "A/74/90#p28", "A/74/90#p29", "A/74/90#p30");
    for (int i = 23; i <= 30; i++) {
        char para[8];
        snprintf(para, sizeof para, "\n%d. ", i);
        cr_expect_not_null(strstr(r.out, para), "no ¶%d", i);
    }
    cr_expect_null(strstr(r.out, "\n22. "));
    cr_expect_null(strstr(r.out, "\n31. "));
    cr_expect_null(strstr(r.out, "确定可能的共同点"),
                   "chapter 三's heading: the range only enters it");
    expect_same(r, eight, "print A/74/90#p23..p30");
}

/* Without a terminal the reader prints; a lower-case name is an address, not a command. */
Test(resolve_cli, the_reader_starts_at_any_form)
{
    expect_same(RUN("norway"), RUN("cat", "NOR"), "ndvr norway");
    expect_same(RUN("A/74/90, para. 23"), RUN("cat", "A/74/90#p23"), "ndvr A/74/90, para. 23");
}

Test(resolve_cli, failures_say_what_and_suggest)
{
    expect_failure(RUN("show", "Norwey"), 1,
                   "ndvr: no such address: Norwey\nndvr: did you mean: NOR\n");
    expect_failure(RUN("show", "A/74/90#p23..p30"), 2,
                   "ndvr: A/74/90#p23..p30 is a range; one node is wanted here\n"
                   "ndvr: did you mean: A/74/90#p23\n");
    expect_failure(RUN("cat", "A/74/90#p22..A/72/304#p1"), 2,
                   "ndvr: a range runs within one document: A/74/90#p22 is in A/74/90, "
                   "A/72/304#p1 in A/72/304\n");
    expect_failure(RUN("print", "--to", "-", "A/74/90#p23", "A/74/90, para. 99"), 1,
                   "ndvr: A/74/90 has no paragraph 99\n");
}
