/* `ndvr print --format pdf`, read back with poppler-utils as a delegate's PDF reader and
 * printer would: pdfinfo (pages, size, title, language), pdffonts (the Chinese font embedded
 * as a subset), pdftotext (every page headed by its symbol and numbered n/N; no character of
 * the selection lost). Skipped when poppler-utils is not installed. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <criterion/criterion.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "corpus/corpus_load.h"
#include "print/pdf.h"
#include "render/blocks.h"
#include "../support/run.h"
#include "util/textfile.h"
#include "util/xalloc.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define POPPLER "/usr/bin/pdfinfo"

static char dir[64], pdf[128];

static void
make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ndvr-pdf-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(pdf, sizeof pdf, "%s/out.pdf", dir);
}

static void
remove_dir(void)
{
    unlink(pdf);
    rmdir(dir);
}

TestSuite(pdf, .init = make_dir, .fini = remove_dir);

static struct run
tool(const char *name, const char *const *args)
{
    char path[64];
    snprintf(path, sizeof path, "/usr/bin/%s", name);
    return run_program(path, args, NULL);
}

static void
write_pdf(const char *const *addresses)
{
    const char *args[16] = {"print", "--format", "pdf", "--to", pdf};
    size_t n = 5;
    for (size_t i = 0; addresses[i] != NULL && n < 15; i++)
        args[n++] = addresses[i];
    struct run r = run_program(
        NDVR, args, (const char *const[]){"NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}

/* A value of pdfinfo's ("Pages:", "Page size:"), the rest of its line. */
static char *
info(const char *key)
{
    struct run r = tool("pdfinfo", (const char *const[]){pdf, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "", "pdfinfo complains");
    const char *at = strstr(r.out, key);
    cr_assert_not_null(at, "no %s in\n%s", key, r.out);
    at += strlen(key);
    at += strspn(at, " ");
    char *value = xstrndup(at, strcspn(at, "\n"));
    run_free(&r);
    return value;
}

static char *
page_text(int page)
{
    char num[16];
    snprintf(num, sizeof num, "%d", page);
    struct run r = tool("pdftotext", (const char *const[]){"-f", num, "-l", num, pdf, "-", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *text = r.out;
    r.out = NULL;
    run_free(&r);
    return text;
}

Test(pdf, a4_pages_headed_and_numbered_with_the_font_embedded)
{
    if (access(POPPLER, X_OK) != 0)
        cr_skip_test("poppler-utils is not installed");
    write_pdf((const char *const[]){"A/74/90#ch3", "A/72/304#NOR", NULL});
    char *size = info("Page size:");
    cr_expect(strstr(size, "(A4)") != NULL, "%s", size);
    free(size);
    char *pages = info("Pages:");
    int n = atoi(pages);
    free(pages);
    cr_assert_gt(n, 2);
    for (int i = 1; i <= n; i++) {
        char *text = page_text(i), want[32];
        snprintf(want, sizeof want, "%d/%d", i, n);
        /* A/72/304 comes first in the corpus: Norway's response, then A/74/90's chapter 三 */
        cr_expect(strncmp(text, "A/72/304", 8) == 0 || strncmp(text, "A/74/90", 7) == 0,
                  "page %d is not headed by its symbol:\n%.200s", i, text);
        cr_expect_not_null(strstr(text, want), "page %d lacks %s", i, want);
        free(text);
    }
    struct run r = tool("pdffonts", (const char *const[]){pdf, NULL});
    cr_expect_not_null(strstr(r.out, "NotoSerifCJKsc-Regular"), "%s", r.out);
    const char *line = strstr(r.out, "NotoSerifCJKsc-Regular");
    cr_expect(line != NULL && strstr(line, "yes yes yes") != NULL, "not embedded as a subset:\n%s",
              r.out);
    run_free(&r);
}

Test(pdf, title_language_links_and_outline)
{
    if (access(POPPLER, X_OK) != 0)
        cr_skip_test("poppler-utils is not installed");
    write_pdf((const char *const[]){"A/74/90#ch3", NULL});
    char *title = info("Title:");
    cr_expect_str_eq(title, "A/74/90  三. 确定可能的共同点");
    free(title);
    size_t n;
    char *raw = textfile_read(pdf, &n, NULL);
    cr_assert_not_null(raw);
    static const char lang[] = "/Lang (zh-Hans)";
    bool found = false;
    for (size_t i = 0; i + sizeof lang - 1 <= n && !found; i++)
        found = memcmp(raw + i, lang, sizeof lang - 1) == 0;
    cr_expect(found, "no /Lang (zh-Hans) in the catalog");
    free(raw);
    /* named destinations: the chapter and its sections (for the outline) and footnote 13,
     * which paragraph 37's marker links to (A/74/90, source line 343) */
    struct run r = tool("pdfinfo", (const char *const[]){"-dests", pdf, NULL});
    const struct node *fn13 = NULL, *ch3 = NULL;
    struct corpus *c;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &c, &d), "%s", d.msg);
    fn13 = corpus_find(c, "A/74/90#fn13");
    ch3 = corpus_find(c, "A/74/90#ch3");
    char want[32];
    snprintf(want, sizeof want, "\"fn%zu\"", fn13->order);
    cr_expect_not_null(strstr(r.out, want), "no destination for footnote 13:\n%s", r.out);
    snprintf(want, sizeof want, "\"h%zu\"", ch3->order);
    cr_expect_not_null(strstr(r.out, want), "no destination for chapter 三:\n%s", r.out);
    corpus_free(c);
    run_free(&r);
}

/* Each character's count in s (code points; blanks not counted). */
static void
count(const char *s, size_t n, int *counts, ucs4_t *chars, size_t *nchars, int delta)
{
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        i += (size_t)(len > 0 ? len : 1);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == 0x3000)
            continue;
        size_t k = 0;
        while (k < *nchars && chars[k] != c)
            k++;
        if (k == *nchars && delta > 0)
            chars[(*nchars)++] = c;
        if (k < *nchars)
            counts[k] += delta;
    }
}

/* No character of the selection is lost: every character of the text and footnotes of the
 * nodes printed (as the blocks show them) is in the extracted text at least as often. */
Test(pdf, no_character_lost)
{
    if (access(POPPLER, X_OK) != 0)
        cr_skip_test("poppler-utils is not installed");
    write_pdf((const char *const[]){"A/74/90#ch3", NULL});
    struct corpus *c;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &c, &d), "%s", d.msg);
    struct block_list blocks = {0};
    render_node(corpus_find(c, "A/74/90#ch3"), &(struct render_opts){.footnotes = true}, &blocks);
    static int counts[8192];
    static ucs4_t chars[8192];
    size_t nchars = 0;
    for (size_t i = 0; i < blocks.n; i++) {
        count(blocks.v[i].text, blocks.v[i].len, counts, chars, &nchars, 1);
        if (blocks.v[i].label)
            count(blocks.v[i].label, strlen(blocks.v[i].label), counts, chars, &nchars, 1);
    }
    struct run r = tool("pdftotext", (const char *const[]){pdf, "-", NULL});
    count(r.out, r.nout, counts, chars, &nchars, -1);
    for (size_t k = 0; k < nchars; k++)
        cr_expect_leq(counts[k], 0, "U+%04X: %d missing from the PDF's text", (unsigned)chars[k],
                      counts[k]);
    cr_expect_gt(nchars, 300u);
    run_free(&r);
    block_list_free(&blocks);
    corpus_free(c);
}

Test(pdf, letter_paper_on_request)
{
    if (access(POPPLER, X_OK) != 0)
        cr_skip_test("poppler-utils is not installed");
    const char *args[] = {"print", "--paper", "letter", "--to", pdf, "A/74/90#p10", NULL};
    struct run r = run_program(NDVR, args, NULL); /* --to x.pdf: PDF without --format */
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    char *size = info("Page size:");
    cr_expect(strstr(size, "612 x 792 pts (letter)") != NULL, "%s", size);
    free(size);
}

/* Without a Chinese font the PDF would be boxes: ndvr says so and writes nothing. */
Test(pdf, no_chinese_font_is_an_error_not_tofu)
{
    char conf[160], cache[160];
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    snprintf(cache, sizeof cache, "%s/cache", dir);
    FILE *f = fopen(conf, "w");
    cr_assert_not_null(f);
    fprintf(f,
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>%s/none</dir><cachedir>%s</cachedir>"
            "</fontconfig>\n",
            dir, cache);
    fclose(f);
    char env[200];
    snprintf(env, sizeof env, "FONTCONFIG_FILE=%s", conf);
    const char *args[] = {"print", "--to", pdf, "A/74/90#p10", NULL};
    struct run r = run_program(NDVR, args, (const char *const[]){env, NULL});
    cr_expect_eq(r.status, 2);
    cr_expect_not_null(strstr(r.err, "install fonts-noto-cjk"), "%s", r.err);
    cr_expect_neq(access(pdf, F_OK), 0, "a PDF was written");
    run_free(&r);
    unlink(conf);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
    cr_expect_eq(system(cmd), 0);
}

/* --- The PDF device is loaded when a PDF is made, not at every start ----------------------- */

static int
is_pango(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    return strstr(info->dlpi_name, "libpango") != NULL;
}

static bool
pango_loaded(void)
{
    return dl_iterate_phdr(is_pango, NULL) != 0;
}

Test(pdf, pango_is_loaded_by_the_first_pdf_only)
{
    cr_assert_not(pango_loaded(), "pango was loaded before any PDF");
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &c, &d), "%s", d.msg);
    struct print_selection s = {0};
    print_select_add(&s, corpus_find(c, "A/74/90#p10"));
    print_select_normalize(&s);
    struct print_opts opts = {72, 60, true, PRINT_PDF, PRINT_PAPER_A4, false};
    size_t n = 0;
    char *out = print_pdf(&s, &opts, &n, &d);
    cr_assert_not_null(out, "%s", d.msg);
    cr_expect_eq(memcmp(out, "%PDF-", 5), 0);
    cr_expect(pango_loaded());
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

Test(pdf, without_the_module_printing_pdf_says_why)
{
    const char *args[] = {"print", "--format", "pdf", "--to", pdf, "A/74/90#p10", NULL};
    struct run r =
        run_program(NDVR, args,
                    (const char *const[]){"NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus",
                                          "NDVR_PDF_MODULE=/nonexistent/ndvr-pdf.so", NULL});
    cr_expect_neq(r.status, 0);
    cr_expect_not_null(strstr(r.err, "PDF printing is not available: /nonexistent/ndvr-pdf.so"),
                       "%s", r.err);
    cr_expect_neq(access(pdf, F_OK), 0, "a PDF was written");
    run_free(&r);
    /* text printing does not need it */
    const char *text[] = {"print", "--format", "text", "--to", "-", "A/74/90#p10", NULL};
    r = run_program(NDVR, text,
                    (const char *const[]){"NDVR_CORPUS=" NDVR_SOURCE_DIR "/assets/corpus",
                                          "NDVR_PDF_MODULE=/nonexistent/ndvr-pdf.so", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
}
