/* The segmenter on the real sources changed in ways a file picks up on its way to a user: each
 * transform must give the same tree byte for byte, or change it exactly as ndvr-segment(1)
 * documents, or make ndvr-segment fail with file:line:col and write nothing.
 *
 * Trees are made in process (segment_run, printed as ndvr-segment prints them) and compared
 * with the tree of the untransformed source, which corpus_regenerates compares with the
 * committed one. Failures run the real ndvr-segment, to see that it writes nothing. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uninorm.h>
#include <unistd.h>

#include "../support/run.h"
#include "segment/facts.h"
#include "segment/segment.h"
#include "util/strbuf.h"
#include "util/textfile.h"

#define SOURCES NDVR_SOURCE_DIR "/assets/source/"
#define FACTS SOURCES "facts.txt"
#define SEGMENT NDVR_BIN_DIR "/ndvr-segment"

static const char *const names[] = {"A-74-90.zh.txt", "A-72-304.zh.txt"};

static struct facts facts;

/* One source as committed, and its tree. */
struct real {
    char *text;
    size_t n;
    char *tree;
};

static struct real reals[2];

/* --- Making trees ------------------------------------------------------------------------- */

/* The tree ndvr-segment prints for text as the source `name`, or NULL with d filled. */
static char *
tree_of(const char *name, const char *text, size_t n, struct diag *d)
{
    struct seg_source src;
    seg_source_init(&src, name, text, n);
    struct seg_ctx ctx = {
        .facts = &facts, .src = &src, .symbol = facts_document_symbol(&facts, name), .diag = d};
    cJSON *tree = segment_run(&ctx);
    char *json = tree != NULL ? cJSON_Print(tree) : NULL;
    cJSON_Delete(tree);
    seg_source_fini(&src);
    return json;
}

static void
setup(void)
{
    struct diag d = {0};
    cr_assert(facts_load(FACTS, &facts, &d), "%s", d.msg);
    for (int k = 0; k < 2; k++) {
        char path[512];
        snprintf(path, sizeof path, SOURCES "%s", names[k]);
        reals[k].text = textfile_read(path, &reals[k].n, &d);
        cr_assert_not_null(reals[k].text, "%s", d.msg);
        reals[k].tree = tree_of(names[k], reals[k].text, reals[k].n, &d);
        cr_assert_not_null(reals[k].tree, "%s:%d: %s", names[k], d.line, d.msg);
    }
}

static void
teardown(void)
{
    for (int k = 0; k < 2; k++) {
        free(reals[k].text);
        cJSON_free(reals[k].tree);
    }
    facts_free(&facts);
}

TestSuite(transforms, .init = setup, .fini = teardown);

/* The transform of source k must give the source's tree to the byte. */
static void
expect_same_tree(int k, const struct strbuf *text, const char *what)
{
    struct diag d = {0};
    char *tree = tree_of(names[k], text->data, text->len, &d);
    cr_assert_not_null(tree, "%s of %s: %s:%d:%d: %s", what, names[k], d.file, d.line, d.col,
                       d.msg);
    cr_expect(strcmp(tree, reals[k].tree) == 0, "%s changes the tree of %s", what, names[k]);
    cJSON_free(tree);
}

/* --- Transforms ---------------------------------------------------------------------------- */

/* What a transform does to one line (its text without the line end; lineno 1-based). */
typedef void line_fn(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg);

/* The source with each line passed through f and ended with eol; a source that ends without
 * a line end still does. */
static struct strbuf
map_lines(int k, line_fn *f, const void *arg, const char *eol)
{
    struct strbuf out = STRBUF_INIT;
    const char *p = reals[k].text, *end = p + reals[k].n;
    for (int lineno = 1; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        f(&out, p, (size_t)((nl ? nl : end) - p), lineno, arg);
        if (nl != NULL)
            sb_puts(&out, eol);
        p = nl ? nl + 1 : end;
    }
    return out;
}

static void
keep(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno, (void)arg;
    sb_append(out, s, n);
}

/* Appends arg to every line (blank ones too). */
static void
append(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno;
    sb_append(out, s, n);
    sb_puts(out, arg);
}

/* Appends arg to lines with text. */
static void
append_to_text(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno;
    sb_append(out, s, n);
    if (n > 0)
        sb_puts(out, arg);
}

/* Blank lines become arg. */
static void
fill_blank(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno;
    sb_append(out, s, n);
    if (n == 0)
        sb_puts(out, arg);
}

/* Each tab becomes arg. */
static void
untab(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\t')
            sb_puts(out, arg);
        else
            sb_append(out, s + i, 1);
}

/* Columns padded with spaces to 24 bytes, as an editor aligning a table would. */
static void
pad_columns(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno, (void)arg;
    size_t col = 0;
    for (size_t i = 0; i < n; i++, col++)
        if (s[i] == '\t')
            for (sb_puts(out, "  "), col += 2; col % 24 != 0; col++)
                sb_putc(out, ' ');
        else
            sb_append(out, s + i, 1);
}

/* One line edited: arg is a struct edit. */
struct edit {
    int lineno;
    const char *from, *to; /* the first `from` in the line becomes `to`; NULL from: append */
};

static void
edit_line(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    const struct edit *e = arg;
    const char *at = NULL;
    for (size_t i = 0; e->from != NULL && lineno == e->lineno && i + strlen(e->from) <= n; i++)
        if (memcmp(s + i, e->from, strlen(e->from)) == 0) {
            at = s + i;
            break;
        }
    cr_assert(lineno != e->lineno || e->from == NULL || at != NULL, "line %d: no %s", lineno,
              e->from);
    size_t before = at ? (size_t)(at - s) : n;
    sb_append(out, s, before);
    if (lineno == e->lineno)
        sb_puts(out, e->to);
    if (at != NULL)
        sb_append(out, at + strlen(e->from), n - before - strlen(e->from));
}

static struct strbuf
edited(int k, int lineno, const char *from, const char *to)
{
    struct edit e = {lineno, from, to};
    return map_lines(k, edit_line, &e, "\n");
}

/* prefix, then t (which it frees). */
static struct strbuf
prepend(const char *prefix, struct strbuf t)
{
    struct strbuf out = STRBUF_INIT;
    sb_puts(&out, prefix);
    sb_append(&out, sb_str(&t), t.len);
    sb_free(&t);
    return out;
}

static struct strbuf
nfd(const char *text, size_t n)
{
    size_t len = 0;
    uint8_t *s = u8_normalize(UNINORM_NFD, (const uint8_t *)text, n, NULL, &len);
    cr_assert_not_null(s);
    struct strbuf out = STRBUF_INIT;
    sb_append(&out, (const char *)s, len);
    free(s);
    return out;
}

/* --- Unchanged trees ------------------------------------------------------------------------ */

/* Each transform of each source, and the tree it must leave alone. */
Test(transforms, line_ends_boms_and_trailing_whitespace_change_nothing)
{
    for (int k = 0; k < 2; k++) {
        struct strbuf t = map_lines(k, keep, NULL, "\r\n");
        expect_same_tree(k, &t, "CRLF");
        sb_free(&t);
        t = map_lines(k, keep, NULL, "\r");
        expect_same_tree(k, &t, "CR line ends");
        sb_free(&t);
        t = prepend("\xef\xbb\xbf", map_lines(k, keep, NULL, "\n"));
        expect_same_tree(k, &t, "a BOM");
        sb_free(&t);
        t = map_lines(k, append, " ", "\n");
        expect_same_tree(k, &t, "a space after every line");
        sb_free(&t);
        t = map_lines(k, append, "\t", "\n");
        expect_same_tree(k, &t, "a tab after every line");
        sb_free(&t);
        t = map_lines(k, append_to_text, " \t\u3000", "\n");
        expect_same_tree(k, &t, "space, tab, U+3000 after every line with text");
        sb_free(&t);
    }
}

Test(transforms, whitespace_only_lines_and_nfd_change_nothing)
{
    for (int k = 0; k < 2; k++) {
        struct strbuf t = map_lines(k, fill_blank, " ", "\n");
        expect_same_tree(k, &t, "a space on every blank line");
        sb_free(&t);
        t = map_lines(k, fill_blank, "\t \u3000", "\n");
        expect_same_tree(k, &t, "tab, space, U+3000 on every blank line");
        sb_free(&t);
        t = nfd(reals[k].text, reals[k].n);
        expect_same_tree(k, &t, "NFD");
        sb_free(&t);
    }
}

Test(transforms, all_at_once_changes_nothing)
{
    for (int k = 0; k < 2; k++) {
        struct strbuf a = map_lines(k, fill_blank, " ", "\r\n");
        struct strbuf b = prepend("\xef\xbb\xbf", nfd(a.data, a.len));
        expect_same_tree(k, &b, "BOM, NFD, CRLF, spaces on blank lines");
        sb_free(&a);
        sb_free(&b);
    }
}

Test(transforms, spaces_for_the_tabs_of_tables_change_nothing)
{
    /* the table of contents and Annex II of A/74/90 (A/72/304 has no tab) */
    struct strbuf t = map_lines(0, untab, "    ", "\n");
    expect_same_tree(0, &t, "four spaces for each tab");
    sb_free(&t);
    t = map_lines(0, untab, "  ", "\n");
    expect_same_tree(0, &t, "two spaces for each tab");
    sb_free(&t);
    t = map_lines(0, untab, "\u3000\u3000", "\n");
    expect_same_tree(0, &t, "two U+3000 for each tab");
    sb_free(&t);
    t = map_lines(0, pad_columns, NULL, "\n");
    expect_same_tree(0, &t, "columns padded with spaces");
    sb_free(&t);
}

Test(transforms, the_defects_of_issue_11_change_nothing)
{
    /* one trailing tab (A/74/90 said "a second table") */
    struct strbuf t = edited(0, 293, NULL, "\t");
    expect_same_tree(0, &t, "a tab after paragraph 15");
    sb_free(&t);
    /* one trailing space after a footnote-marker line (A/72/304 ¶2 came in two) */
    t = edited(1, 13, NULL, " ");
    expect_same_tree(1, &t, "a space after 网站。1");
    sb_free(&t);
    /* a line holding only a space (a full line ending in 。 ended its paragraph) */
    t = edited(1, 152, NULL, " ");
    expect_same_tree(1, &t, "a space on the line after line 151");
    sb_free(&t);
    /* a tab for a space inside a line (the tree held a control character) */
    t = edited(1, 3, "第 71/67", "第\t71/67");
    expect_same_tree(1, &t, "a tab for a space in line 3");
    sb_free(&t);
}

/* --- Trees changed as documented ------------------------------------------------------------- */

/* a and b are the same JSON but for "line" members, each delta more in b (the document's line
 * is always 1). */
static bool
same_but_lines(const cJSON *a, const cJSON *b, int delta)
{
    if (a->type != b->type)
        return false;
    if (cJSON_IsNumber(a) || cJSON_IsString(a) || cJSON_IsBool(a) || cJSON_IsNull(a))
        return cJSON_Compare(a, b, true);
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(a, "kind");
    int shift = cJSON_IsString(kind) && strcmp(kind->valuestring, "document") == 0 ? 0 : delta;
    const cJSON *x = a->child, *y = b->child;
    for (; x != NULL && y != NULL; x = x->next, y = y->next) {
        bool line = x->string != NULL && strcmp(x->string, "line") == 0;
        if ((x->string == NULL) != (y->string == NULL) ||
            (x->string != NULL && strcmp(x->string, y->string) != 0))
            return false;
        if (line ? y->valueint != x->valueint + shift : !same_but_lines(x, y, delta))
            return false;
    }
    return x == NULL && y == NULL;
}

Test(transforms, lines_added_on_top_move_every_line_number)
{
    for (int k = 0; k < 2; k++) {
        struct strbuf t = prepend("\n \n", map_lines(k, keep, NULL, "\n"));
        struct diag d = {0};
        char *tree = tree_of(names[k], t.data, t.len, &d);
        cr_assert_not_null(tree, "%s", d.msg);
        cJSON *a = cJSON_Parse(reals[k].tree), *b = cJSON_Parse(tree);
        cr_expect(same_but_lines(a, b, 2), "%s: more than line numbers changed", names[k]);
        cJSON_Delete(a);
        cJSON_Delete(b);
        cJSON_free(tree);
        sb_free(&t);
    }
}

/* The body's characters in document order, whitespace left out. */
static void
text_stream(const cJSON *node, struct strbuf *out)
{
    static const char *const keys[] = {"label", "title", "text"};
    for (size_t i = 0; i < 3; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, keys[i]);
        for (const char *s = cJSON_IsString(v) ? v->valuestring : ""; *s; s++)
            if (*s != ' ')
                sb_putc(out, *s);
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        text_stream(child, out);
}

static int
count_kind(const cJSON *node, const char *kind)
{
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(node, "kind");
    int n = cJSON_IsString(k) && strcmp(k->valuestring, kind) == 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
    {
        n += count_kind(child, kind);
    }
    return n;
}

/* Takes the whitespace off the end of the line, as an editor does on saving. */
static void
strip(struct strbuf *out, const char *s, size_t n, int lineno, const void *arg)
{
    (void)lineno, (void)arg;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    sb_append(out, s, n);
}

Test(transforms, trailing_whitespace_removed_splits_only_pdf_paragraphs)
{
    /* A/74/90 has no whitespace that means anything at a line's end */
    struct strbuf t = map_lines(0, strip, NULL, "\n");
    expect_same_tree(0, &t, "no trailing whitespace");
    sb_free(&t);
    /* A/72/304's trailing blanks mark its paragraphs' ends; without them every line that ends
     * a sentence ends a paragraph: the 16 full lines that end one inside a paragraph split it */
    struct strbuf stripped = map_lines(1, strip, NULL, "\n");
    struct diag d = {0};
    char *tree = tree_of(names[1], stripped.data, stripped.len, &d);
    cr_assert_not_null(tree, "%s", d.msg);
    cJSON *ta = cJSON_Parse(reals[1].tree), *tb = cJSON_Parse(tree);
    const cJSON *a = cJSON_GetObjectItem(ta, "document"), *b = cJSON_GetObjectItem(tb, "document");
    struct strbuf sa = STRBUF_INIT, sbb = STRBUF_INIT;
    text_stream(a, &sa);
    text_stream(b, &sbb);
    cr_expect_str_eq(sb_str(&sbb), sb_str(&sa), "the text changed");
    cr_expect_eq(count_kind(b, "paragraph"), count_kind(a, "paragraph") + 16);
    static const char *const kinds[] = {"chapter", "response", "heading", "item", "footnote"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        cr_expect_eq(count_kind(b, kinds[i]), count_kind(a, kinds[i]), "%s", kinds[i]);
    cr_expect_gt(sa.len, 50000);
    cJSON_Delete(ta);
    cJSON_Delete(tb);
    cJSON_free(tree);
    sb_free(&sa);
    sb_free(&sbb);
    sb_free(&stripped);
}

/* --- Refused sources: file:line:col, nothing written ------------------------------------------ */

/* A directory holding a source and OUT.json, which holds "old" until ndvr-segment replaces it. */
struct scratch {
    char dir[32], src[128], out[128];
};

static void
scratch_init(struct scratch *sc, int k, const struct strbuf *text)
{
    strcpy(sc->dir, "/tmp/ndvr-transforms-XXXXXX");
    cr_assert_not_null(mkdtemp(sc->dir));
    snprintf(sc->src, sizeof sc->src, "%s/%s", sc->dir, names[k]);
    snprintf(sc->out, sizeof sc->out, "%s/OUT.json", sc->dir);
    FILE *f = fopen(sc->src, "w");
    cr_assert(f != NULL && fwrite(sb_str(text), 1, text->len, f) == text->len && fclose(f) == 0);
    f = fopen(sc->out, "w");
    cr_assert(f != NULL && fputs("old\n", f) >= 0 && fclose(f) == 0);
}

/* OUT.json, and how many files the directory holds. */
static char *
scratch_result(const struct scratch *sc, int *files)
{
    size_t n;
    DIR *d = opendir(sc->dir);
    *files = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        *files += e->d_name[0] != '.';
    closedir(d);
    return textfile_read(sc->out, &n, NULL);
}

static void
scratch_fini(const struct scratch *sc)
{
    remove(sc->src);
    remove(sc->out);
    rmdir(sc->dir);
}

/* ndvr-segment [--symbol symbol] -o OUT.json SOURCE. */
static struct run
run_segment(const struct scratch *sc, const char *symbol)
{
    const char *args[] = {"--facts", FACTS, "-o", sc->out, sc->src, NULL, NULL, NULL};
    if (symbol != NULL) {
        args[5] = "--symbol";
        args[6] = symbol;
    }
    return run_program(SEGMENT, args, NULL);
}

/* ndvr-segment must fail on text as source k, saying want (after the directory) on the first
 * line of its message, and leave OUT.json and the directory as they were. */
static void
expect_refused(int k, const struct strbuf *text, const char *want)
{
    struct scratch sc;
    scratch_init(&sc, k, text);
    struct run r = run_segment(&sc, NULL);
    cr_expect_eq(r.status, 2, "%s", r.err);
    char line[512];
    snprintf(line, sizeof line, "ndvr-segment: %s/%s\n", sc.dir, want);
    cr_expect(strncmp(r.err, line, strlen(line)) == 0, "stderr: %s\nwanted: %s", r.err, line);
    int files;
    char *kept = scratch_result(&sc, &files);
    cr_expect_str_eq(kept, "old\n");
    cr_expect_eq(files, 2, "a file was left behind");
    scratch_fini(&sc);
    free(kept);
    run_free(&r);
}

/* The source cut after `at` bytes. */
static struct strbuf
cut(int k, size_t at)
{
    struct strbuf t = STRBUF_INIT;
    sb_append(&t, reals[k].text, at);
    return t;
}

Test(transforms, cut_inside_a_character_is_refused)
{
    /* A/74/90 line 293: "15. " and the first byte of 专 */
    struct strbuf t = cut(0, (size_t)(strstr(reals[0].text, "15. 专家组听取") - reals[0].text) + 5);
    expect_refused(0, &t, "A-74-90.zh.txt:293:5: invalid UTF-8");
    sb_free(&t);
    /* A/72/304 line 3 "1. 在": after "1. " and one byte of 在 */
    t = cut(1, (size_t)(strstr(reals[1].text, "1. 在关于") - reals[1].text) + 4);
    expect_refused(1, &t, "A-72-304.zh.txt:3:4: invalid UTF-8");
    sb_free(&t);
}

Test(transforms, bytes_no_tree_may_hold_are_refused)
{
    struct strbuf t = edited(0, 293, "南非", "南\xff");
    expect_refused(0, &t, "A-74-90.zh.txt:293:26: invalid UTF-8");
    sb_free(&t);
    t = edited(1, 3, "第 6 段", "第\x1b[31m 6 段");
    expect_refused(1, &t, "A-72-304.zh.txt:3:56: control character U+001B");
    sb_free(&t);
    t = edited(1, 5, "措施", "措\x7f");
    expect_refused(1, &t, "A-72-304.zh.txt:5:49: control character U+007F");
    sb_free(&t);
}

Test(transforms, a_typo_in_a_paper_symbol_is_refused)
{
    /* in Annex II: the footnote that cites GE-NDV/2018/9 points at no paper
     * (../shared/notes/review/crashers/segment-unresolved-paper.sh) */
    struct strbuf t = edited(0, 420, "GE-NDV/2018/9", "GN-EDV/2018/9");
    expect_refused(0, &t,
                   "A-74-90.zh.txt:325:147: GE-NDV/2018/9 is cited but not in the list "
                   "of working papers at line 414");
    sb_free(&t);
    /* in the footnote: GE-NDV/2018/99 is in no list */
    t = edited(0, 325, "GE-NDV/2018/9)", "GE-NDV/2018/99)");
    expect_refused(0, &t,
                   "A-74-90.zh.txt:325:147: GE-NDV/2018/99 is cited but not in the list "
                   "of working papers at line 414");
    sb_free(&t);
}

Test(transforms, an_empty_source_is_refused)
{
    struct strbuf t = STRBUF_INIT;
    sb_puts(&t, "\xef\xbb\xbf \r\n\t\n");
    expect_refused(0, &t, "A-74-90.zh.txt: no text to segment");
    sb_free(&t);
}

/* --- The program ------------------------------------------------------------------------------ */

Test(transforms, ndvr_segment_writes_the_tree_of_a_transformed_file)
{
    struct strbuf a = map_lines(0, append, "\t", "\r\n");
    struct strbuf t = prepend("\xef\xbb\xbf", nfd(a.data, a.len));
    struct scratch sc;
    scratch_init(&sc, 0, &t);
    struct run r = run_segment(&sc, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    int files;
    char *written = scratch_result(&sc, &files);
    cr_assert_not_null(written);
    cr_expect_eq(strlen(written), strlen(reals[0].tree) + 1);
    cr_expect(strncmp(written, reals[0].tree, strlen(reals[0].tree)) == 0, "another tree");
    cr_expect_eq(files, 2, "a temporary file was left behind");
    scratch_fini(&sc);
    free(written);
    run_free(&r);
    sb_free(&a);
    sb_free(&t);
}

Test(transforms, a_tree_the_loader_refuses_is_never_written)
{
    /* a document whose symbol is a country's code: its address is NOR twice */
    struct strbuf t = map_lines(0, keep, NULL, "\n");
    struct scratch sc;
    scratch_init(&sc, 0, &t);
    struct run r = run_segment(&sc, "NOR");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "/OUT.json:") != NULL && strstr(r.err, "duplicate address \"NOR\""),
              "%s", r.err);
    cr_expect(strstr(r.err, "A-74-90.zh.txt: the tree made from it does not load; nothing "
                            "written\n") != NULL,
              "%s", r.err);
    int files;
    char *kept = scratch_result(&sc, &files);
    cr_expect_str_eq(kept, "old\n");
    cr_expect_eq(files, 2);
    scratch_fini(&sc);
    free(kept);
    run_free(&r);
    sb_free(&t);
}

Test(transforms, what_the_loader_only_warns_about_is_written_and_said)
{
    /* a zero-width space in paragraph 15: the reader drops it, with a warning */
    struct strbuf t = edited(0, 293, "南非", "南\u200b非");
    struct scratch sc;
    scratch_init(&sc, 0, &t);
    struct run r = run_segment(&sc, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, "ndvr-segment: warning: ") == r.err &&
                  strstr(r.err, "/OUT.json:") != NULL && strstr(r.err, "U+200B") != NULL,
              "%s", r.err);
    int files;
    char *written = scratch_result(&sc, &files);
    cr_expect(strstr(written, "南\u200b非") != NULL);
    scratch_fini(&sc);
    free(written);
    run_free(&r);
    sb_free(&t);
}

Test(transforms, a_write_that_fails_leaves_out_as_it_was)
{
    /* a file size limit far below the tree's size: the write fails part of the way */
    struct strbuf t = map_lines(0, keep, NULL, "\n");
    struct scratch sc;
    scratch_init(&sc, 0, &t);
    static const char limited[] = "ulimit -f 4 && trap '' XFSZ && exec \"$0\" \"$@\"";
    const char *args[] = {"-c", limited, SEGMENT, "--facts", FACTS, "-o", sc.out, sc.src, NULL};
    struct run r = run_program("/bin/sh", args, NULL);
    cr_expect_eq(r.status, 2, "%s", r.err);
    cr_expect(strstr(r.err, "/OUT.json: File too large") != NULL, "%s", r.err);
    int files;
    char *kept = scratch_result(&sc, &files);
    cr_expect_str_eq(kept, "old\n");
    cr_expect_eq(files, 2, "the temporary file was left behind");
    scratch_fini(&sc);
    free(kept);
    run_free(&r);
    sb_free(&t);
}

Test(transforms, a_symbolic_link_is_written_through)
{
    /* OUT.json -> tree.json: the link stays, the file it names gets the tree (so does
     * -o /dev/stdout, a link to the descriptor) */
    struct strbuf t = map_lines(0, keep, NULL, "\n");
    struct scratch sc;
    scratch_init(&sc, 0, &t);
    char target[160];
    snprintf(target, sizeof target, "%s/tree.json", sc.dir);
    cr_assert(rename(sc.out, target) == 0 && symlink("tree.json", sc.out) == 0);
    struct run r = run_segment(&sc, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    struct stat st;
    cr_expect(lstat(sc.out, &st) == 0 && S_ISLNK(st.st_mode), "the link was replaced");
    size_t n;
    char *written = textfile_read(target, &n, NULL);
    cr_expect_eq(n, strlen(reals[0].tree) + 1);
    remove(target);
    scratch_fini(&sc);
    free(written);
    run_free(&r);
    sb_free(&t);
}
