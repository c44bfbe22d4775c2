/* The Chinese interface (util/i18n.h) as the reader gets it: the build tree's catalogue chosen
 * by LANGUAGE under C.UTF-8, and citations in the form Chinese UN documents use
 * ("A/74/90，第23段"), which the resolver reads back; English when no language is asked for.
 * Each test runs in a process of its own (Criterion), so each suite sets its own locale. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_load.h"
#include "corpus/resolve.h"
#include "cmd/commands.h"
#include "input/keymap.h"
#include "reader/reader.h"
#include "../support/run.h"
#include "util/i18n.h"

static struct corpus *corpus;

static void
load_corpus(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
}

/* As `LANGUAGE=zh_CN LC_ALL=C.UTF-8 ndvr` starts: gettext takes LANGUAGE in any locale but C. */
static void
chinese(void)
{
    setenv("LANGUAGE", "zh_CN", 1);
    setenv("NDVR_LOCALEDIR", NDVR_BIN_DIR "/locale", 1);
    cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
    i18n_init();
    load_corpus();
}

static void
english(void)
{
    unsetenv("LANGUAGE");
    setenv("NDVR_LOCALEDIR", NDVR_BIN_DIR "/locale", 1);
    cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
    i18n_init();
    load_corpus();
}

static void
teardown(void)
{
    corpus_free(corpus);
}

static void
expect_citation(const char *address, const char *want)
{
    const struct node *n = corpus_find(corpus, address);
    cr_assert_not_null(n, "%s", address);
    char cite[256];
    reader_citation(n, cite, sizeof cite);
    cr_expect_str_eq(cite, want, "%s", address);
}

TestSuite(i18n_zh, .init = chinese, .fini = teardown);

Test(i18n_zh, the_catalogue_is_found)
{
    cr_expect_str_eq(i18n_localedir(), NDVR_BIN_DIR "/locale");
    cr_expect_str_eq(_("Countries"), "国家");
    cr_expect_str_eq(_("Footnotes on screen"), "屏幕上的脚注");
}

/* The forms of the Chinese texts themselves: "第23段", "脚注4", full-width comma and brackets. */
Test(i18n_zh, citations)
{
    expect_citation("A/74/90#p23", "A/74/90，第23段");
    expect_citation("A/72/304#NOR.p3", "A/72/304（挪威），第3段");
    expect_citation("A/74/90#fn4", "A/74/90，脚注4");
    expect_citation("A/74/90", "A/74/90");
}

/* A copied Chinese citation pasted into goto (or `ndvr show`) finds what it cites. */
Test(i18n_zh, every_chinese_citation_resolves)
{
    size_t count, checked = 0;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    for (size_t i = 0; i < count; i++) {
        if (nodes[i]->document == NULL)
            continue;
        char cite[256];
        reader_citation(nodes[i], cite, sizeof cite);
        struct resolved r;
        resolve(corpus, cite, &r);
        cr_assert_eq(r.status, RESOLVE_OK, "%s: `%s`: %s", nodes[i]->address, cite, r.why);
        checked++;
    }
    cr_expect_gt(checked, 500u);
}

/* A keys file's mistakes are told in Chinese, the quoted words as written. */
Test(i18n_zh, keymap_messages)
{
    static const char keys[] = "bind -t text x no-such-command\nbind -t nowhere y quit\n";
    struct keymap *km = keymap_new();
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    keymap_load_string(km, "keys", keys, sizeof keys - 1, commands_check, NULL, &errs);
    cr_assert_eq(errs.count, 2);
    cr_expect_not_null(strstr(errs.items[0].msg, "命令“no-such-command”"), "%s", errs.items[0].msg);
    cr_expect_str_eq(errs.items[1].msg, "未知的按键表“nowhere”");
    keymap_errors_fini(&errs);
    keymap_free(km);
}

TestSuite(i18n_en, .init = english, .fini = teardown);

Test(i18n_en, english_without_a_language)
{
    cr_expect_str_eq(_("Countries"), "Countries");
    expect_citation("A/74/90#p23", "A/74/90, para. 23");
    expect_citation("A/72/304#NOR.p3", "A/72/304 (挪威), para. 3");
}

/* $NDVR_LOCALEDIR wins over the installed and build-tree directories. */
Test(i18n_en, localedir_from_the_environment)
{
    setenv("NDVR_LOCALEDIR", "/nonexistent/locale", 1);
    cr_expect_str_eq(i18n_localedir(), "/nonexistent/locale");
}

/* A printout's selection line in Chinese: the label measured, the next line under the first
 * address (所选： is 6 columns, so 7 blanks), the count of parts translated. */
Test(i18n_en, a_chinese_printout_hangs_under_its_translated_label)
{
    const char *args[] = {"print", "--to", "-", "--format", "text", "A/74/90#p23..p30", NULL};
    const char *env[] = {"LANGUAGE=zh_CN", "LC_ALL=C.UTF-8",
                         "NDVR_LOCALEDIR=" NDVR_BIN_DIR "/locale",
                         "NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus", NULL};
    struct run r = run_program(NDVR_BIN_DIR "/ndvr", args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "\n所选： A/74/90#p23, A/74/90#p24,"), "%s", r.out);
    cr_expect_not_null(strstr(r.out, ",\n       A/74/90#p28, …（共 8 部分）\n"), "%s", r.out);
    run_free(&r);
}

/* `ndvr show` in Chinese: its headings and the sentence on a document outside the corpus (with
 * its count, 33 places: 26 in A/72/304 and 7 in A/74/90); the kinds stay the tree's words. */
Test(i18n_en, show_speaks_chinese)
{
    const char *env[] = {"LANGUAGE=zh_CN", "LC_ALL=C.UTF-8",
                         "NDVR_LOCALEDIR=" NDVR_BIN_DIR "/locale",
                         "NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus", NULL};
    const char *ext[] = {"show", "A/RES/71/67", NULL};
    struct run r = run_program(NDVR_BIN_DIR "/ndvr", ext, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "\n语料库外的大会决议，有 33 处引用\n"), "%s", r.out);
    cr_expect_not_null(strstr(r.out, "\n引用者：\n  A/72/304#"), "%s", r.out);
    run_free(&r);
    const char *para[] = {"show", "A/74/90#p10", NULL};
    r = run_program(NDVR_BIN_DIR "/ndvr", para, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_not_null(strstr(r.out, "\n引用：\n  A/74/90#fn4  footnote\n"), "%s", r.out);
    run_free(&r);
}
