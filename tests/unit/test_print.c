/* The printing engine: pages of the real reports checked line by line (widths, headers,
 * footers, form feeds, no heading left at a page's bottom, nothing lost against `ndvr cat`'s
 * rendering, footnotes after the text citing them), ranges, descriptions, and the HTML file
 * (well-formed, escaped, complete). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_load.h"
#include "print/print.h"
#include "render/blocks.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

static struct corpus *
load_corpus(void)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(CORPUS_DIR, &c, &d), "%s", d.msg);
    return c;
}

static const struct node *
must_find(const struct corpus *c, const char *address)
{
    const struct node *n = corpus_find(c, address);
    cr_assert_not_null(n, "%s", address);
    return n;
}

/* A whole-node selection of the NULL-terminated addresses. */
static struct print_selection
select_nodes(const struct corpus *c, const char *const *addresses)
{
    struct print_selection s = {0};
    for (size_t i = 0; addresses[i] != NULL; i++)
        print_select_add(&s, must_find(c, addresses[i]));
    print_select_normalize(&s);
    return s;
}

#define SELECT(c, ...) select_nodes(c, (const char *const[]){__VA_ARGS__, NULL})

/* --- Lines ------------------------------------------------------------------------------------ */

struct lines {
    char **v;
    size_t n, cap;
};

static void
lines_push(struct lines *l, const char *s, size_t n)
{
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = xstrndup(s, n);
}

static void
lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Splits text[0..n) into lines; each must end with '\n'. */
static struct lines
split_lines(const char *text, size_t n)
{
    struct lines l = {0};
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n') {
            lines_push(&l, text + start, i - start);
            start = i + 1;
        }
    }
    cr_expect_eq(start, n, "the text does not end with a newline");
    return l;
}

/* The non-blank lines of the selection as `ndvr cat` lays them out at width, and the first
 * line of each heading block. */
static void
cat_lines(const struct print_selection *s, int width, bool footnotes, struct lines *body,
          struct lines *headings)
{
    for (size_t i = 0; i < s->n; i++) {
        struct block_list bl = {0};
        render_node(s->v[i], &(struct render_opts){.footnotes = footnotes}, &bl);
        for (size_t k = 0; k < bl.n; k++) {
            struct block_line *ln;
            size_t nl = block_layout(&bl.v[k], width, &ln);
            bool heading = bl.v[k].style == BLOCK_HEADING || bl.v[k].style == BLOCK_TITLE;
            for (size_t j = 0; j < nl; j++) {
                char *t = block_line_text(&bl.v[k], &ln[j]);
                if (t[0] != '\0')
                    lines_push(body, t, strlen(t));
                if (t[0] != '\0' && heading && headings != NULL)
                    lines_push(headings, t, strlen(t));
                free(t);
            }
            free(ln);
        }
        block_list_free(&bl);
    }
}

static bool
lines_has(const struct lines *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

/* --- The page checker ------------------------------------------------------------------------- */

/* No byte below 0x20 but '\n' and '\f', no DEL, no C1 (as UTF-8: C2 80..C2 9F). */
static void
expect_no_controls(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        cr_expect(c >= 0x20 || c == '\n' || c == '\f', "control byte %02x at %zu", c, i);
        cr_expect_neq(c, 0x7f, "DEL at %zu", i);
        if (c == 0xC2 && i + 1 < n)
            cr_expect((unsigned char)s[i + 1] < 0x80 || (unsigned char)s[i + 1] > 0x9f,
                      "C1 control at %zu", i);
    }
}

struct checked {
    size_t npages;
    struct lines body; /* every body line of every page, in order (blank ones dropped) */
};

/* The last non-blank line of a page's body (its padding is blank). */
static size_t
last_body_line(const struct lines *pl)
{
    size_t i = pl->n - 3;
    while (i > 2 && pl->v[i][0] == '\0')
        i--;
    return i;
}

/* One page: header, blank, body, blank lines padding it, blank, footer "page/npages"
 * right-aligned; exactly page_lines lines, the last page too. */
static void
check_page(const struct lines *pl, size_t page, size_t npages, int width, int page_lines,
           const struct lines *headings, struct checked *out)
{
    cr_assert_geq(pl->n, 5, "page %zu has %zu lines", page, pl->n);
    cr_expect_eq(pl->n, (size_t)page_lines, "page %zu has %zu lines", page, pl->n);
    for (size_t i = 0; i < pl->n; i++)
        cr_expect_leq(text_width(pl->v[i], strlen(pl->v[i])), width, "page %zu line %zu: %s", page,
                      i + 1, pl->v[i]);
    cr_expect_neq(pl->v[0][0], '\0', "page %zu: no running header", page);
    cr_expect_neq(pl->v[0][0], ' ', "page %zu: header %s", page, pl->v[0]);
    cr_expect_str_eq(pl->v[1], "", "page %zu: no blank after the header", page);
    cr_expect_str_eq(pl->v[pl->n - 2], "", "page %zu: no blank before the footer", page);
    char footer[512];
    snprintf(footer, sizeof footer, "%*s%zu/%zu",
             width - snprintf(NULL, 0, "%zu/%zu", page, npages), "", page, npages);
    cr_expect_str_eq(pl->v[pl->n - 1], footer, "page %zu", page);
    cr_expect_neq(pl->v[2][0], '\0', "page %zu starts with a blank line", page);
    size_t last = last_body_line(pl);
    if (page < npages && headings != NULL)
        cr_expect_not(lines_has(headings, pl->v[last]), "%dx%d: page %zu ends with the heading %s",
                      width, page_lines, page, pl->v[last]);
    for (size_t i = 2; i + 2 < pl->n; i++)
        if (pl->v[i][0] != '\0')
            lines_push(&out->body, pl->v[i], strlen(pl->v[i]));
}

/* Checks the whole output's frame and returns its body lines. */
static struct checked
check_pages(const char *out, size_t n, int width, int page_lines, const struct lines *headings)
{
    cr_assert_gt(n, 0);
    cr_expect_eq(strlen(out), n, "a NUL in the output");
    expect_no_controls(out, n);
    cr_expect_neq(out[0], '\f');
    size_t npages = 1;
    for (size_t i = 0; i < n; i++) {
        if (out[i] != '\f')
            continue;
        npages++;
        cr_expect(i > 0 && out[i - 1] == '\n', "a form feed inside a line at %zu", i);
    }
    struct checked c = {npages, {0}};
    const char *page = out;
    for (size_t p = 1; p <= npages; p++) {
        const char *end = memchr(page, '\f', (size_t)(out + n - page));
        size_t len = end ? (size_t)(end - page) : (size_t)(out + n - page);
        struct lines pl = split_lines(page, len);
        check_page(&pl, p, npages, width, page_lines, headings, &c);
        lines_free(&pl);
        page = end ? end + 1 : out + n;
    }
    return c;
}

/* Drops the first page's "Selected: …" lines from the body lines. */
static void
drop_describe(struct lines *body, const char *describe, int width)
{
    cr_assert_gt(body->n, 0);
    cr_expect(strncmp(body->v[0], "Selected: ", 10) == 0, "first line: %s", body->v[0]);
    size_t k = 1;
    while (k < body->n && strncmp(body->v[k], "          ", 10) == 0)
        k++;
    (void)width;
    (void)describe;
    for (size_t i = 0; i < k; i++)
        free(body->v[i]);
    memmove(body->v, body->v + k, (body->n - k) * sizeof *body->v);
    body->n -= k;
}

/* The bytes of the superscript digit at p, or 0. */
static size_t
superscript_len(const char *p)
{
    static const char *const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    for (size_t i = 0; i < 10; i++)
        if (strncmp(p, digits[i], strlen(digits[i])) == 0)
            return strlen(digits[i]);
    return 0;
}

/* Footnote lines ("¹³ 见…") come after a line carrying their marker. */
static size_t
expect_notes_after_markers(const struct lines *body)
{
    size_t nfound = 0;
    for (size_t i = 0; i < body->n; i++) {
        const char *line = body->v[i];
        size_t mlen = 0;
        for (size_t k; (k = superscript_len(line + mlen)) > 0;)
            mlen += k;
        if (mlen == 0 || line[mlen] != ' ')
            continue;
        char marker[32];
        snprintf(marker, sizeof marker, "%.*s", (int)mlen, line);
        bool cited = false;
        for (size_t k = 0; k < i && !cited; k++)
            cited = strstr(body->v[k], marker) != NULL;
        cr_expect(cited, "footnote line %zu (%s) before its marker", i, line);
        nfound++;
    }
    return nfound;
}

/* Prints, checks every property, and compares the body with cat's lines. Returns the number
 * of footnotes printed. */
static size_t
check_selection(const struct print_selection *s, int width, int page_lines, bool footnotes,
                bool heading_rule)
{
    struct print_opts opts = {width, page_lines, footnotes, PRINT_TEXT, PRINT_PAPER_A4, false};
    struct diag d = {0};
    size_t n;
    char *out = print_render(s, &opts, &n, &d);
    cr_assert_not_null(out, "%s", d.msg);
    struct lines want = {0}, headings = {0};
    cat_lines(s, width, footnotes, &want, &headings);
    struct checked c = check_pages(out, n, width, page_lines, heading_rule ? &headings : NULL);
    char *describe = print_describe(s);
    drop_describe(&c.body, describe, width);
    cr_expect_eq(c.body.n, want.n, "%zu body lines, cat has %zu", c.body.n, want.n);
    for (size_t i = 0; i < c.body.n && i < want.n; i++)
        cr_expect_str_eq(c.body.v[i], want.v[i], "body line %zu", i);
    size_t notes = expect_notes_after_markers(&c.body);
    free(describe);
    lines_free(&c.body);
    lines_free(&want);
    lines_free(&headings);
    free(out);
    return notes;
}

/* --- Pages of the real reports ---------------------------------------------------------------- */

Test(print_pages, chapter_and_response_40x20)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#ch3", "A/72/304#NOR");
    cr_expect_gt(check_selection(&s, 40, 20, true, true), 0);
    cr_expect_eq(check_selection(&s, 40, 20, false, true), 0);
    print_select_free(&s);
    corpus_free(c);
}

Test(print_pages, chapter_and_response_72x60)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#ch3", "A/72/304#NOR");
    cr_expect_gt(check_selection(&s, 72, 60, true, true), 0);
    cr_expect_eq(check_selection(&s, 72, 60, false, true), 0);
    print_select_free(&s);
    corpus_free(c);
}

Test(print_pages, whole_reports)
{
    struct corpus *c = load_corpus();
    struct print_selection a = SELECT(c, "A/74/90");
    struct print_selection b = SELECT(c, "A/72/304");
    static const int sizes[][2] = {{40, 20}, {72, 60}, {33, 13}, {20, 10}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        /* at 20x10 (6 body lines) a chapter heading, a three-line section heading and the
         * line after them do not fit on one page: the rule cannot hold there */
        bool tiny = sizes[i][1] == 10;
        check_selection(&a, sizes[i][0], sizes[i][1], true, !tiny);
        check_selection(&b, sizes[i][0], sizes[i][1], true, !tiny);
    }
    print_select_free(&a);
    print_select_free(&b);
    corpus_free(c);
}

Test(print_pages, cards_and_paragraphs)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "NOR", "A/74/90#p37", "A/74/90#p10", "GE-NDV/2019/3");
    check_selection(&s, 40, 20, true, true);
    check_selection(&s, 72, 60, true, true);
    print_select_free(&s);
    corpus_free(c);
}

/* The running header names the document and the section the page starts in. */
Test(print_pages, running_header)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#ch3");
    struct print_opts opts = {72, 60, true, PRINT_TEXT, PRINT_PAPER_A4, false};
    size_t n;
    char *out = print_render(&s, &opts, &n, NULL);
    cr_assert_not_null(out);
    const char *want = "A/74/90  三. 确定可能的共同点\n\n"
                       "Selected: A/74/90#ch3 (三. 确定可能的共同点)\n\n"
                       "三. 确定可能的共同点\n";
    cr_expect(strncmp(out, want, strlen(want)) == 0, "%.300s", out);
    cr_expect_not_null(strstr(out, "\fA/74/90  B. 推进核裁军的核查原则\n"), "%s", out);
    char *first = print_first_page(&s, &opts);
    cr_assert_not_null(first);
    cr_expect_null(strchr(first, '\f'));
    cr_expect(strncmp(first, want, strlen(want)) == 0);
    cr_expect_not_null(strstr(first, "1/"));
    cr_expect_eq(strlen(first), (size_t)(strchr(out, '\f') - out));
    free(first);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

Test(print_pages, bad_options)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#p10");
    struct diag d = {0};
    size_t n;
    cr_expect_null(print_render(
        &s, &(struct print_opts){19, 60, true, PRINT_TEXT, PRINT_PAPER_A4, false}, &n, &d));
    cr_expect_not_null(strstr(d.msg, "width"), "%s", d.msg);
    cr_expect_null(print_render(
        &s, &(struct print_opts){72, 9, true, PRINT_TEXT, PRINT_PAPER_A4, false}, &n, &d));
    cr_expect_not_null(strstr(d.msg, "lines"), "%s", d.msg);
    cr_expect_null(print_first_page(
        &s, &(struct print_opts){401, 60, true, PRINT_TEXT, PRINT_PAPER_A4, false}));
    struct print_selection none = {0};
    cr_expect_null(print_render(
        &none, &(struct print_opts){72, 60, true, PRINT_TEXT, PRINT_PAPER_A4, false}, &n, &d));
    print_select_free(&s);
    corpus_free(c);
}

/* --- Selection and description ---------------------------------------------------------------- */

Test(print_select, normalize_and_describe)
{
    struct corpus *c = load_corpus();
    struct print_selection s =
        SELECT(c, "A/74/90#ch3", "A/74/90#p28", "A/72/304#NOR", "A/74/90#ch3", "A/74/90#ch3.B");
    cr_assert_eq(s.n, 2);
    cr_expect_str_eq(s.v[0]->address, "A/72/304#NOR");
    cr_expect_str_eq(s.v[1]->address, "A/74/90#ch3");
    char *desc = print_describe(&s);
    cr_expect_str_eq(desc, "A/72/304#NOR (挪威), A/74/90#ch3 (三. 确定可能的共同点)");
    free(desc);
    print_select_free(&s);
    cr_expect_null(s.v);
    desc = print_describe(&s);
    cr_expect_str_eq(desc, "nothing");
    free(desc);
    s = SELECT(c, "A/74/90#p1", "A/74/90#p2", "A/74/90#p3", "A/74/90#p4", "A/74/90#p5",
               "A/74/90#p6", "A/74/90#p7", "A/74/90#annex1");
    desc = print_describe(&s);
    cr_expect_str_eq(desc, "A/74/90#p1, A/74/90#p2, A/74/90#p3, A/74/90#p4, A/74/90#p5, "
                           "A/74/90#p6, … (8 parts)");
    free(desc);
    print_select_free(&s);
    corpus_free(c);
}

/* --- Ranges ----------------------------------------------------------------------------------- */

/* The text with every space and newline removed, so that wrapped text can be searched. */
/* Removes every "<wbr>" from s, in place. */
static void
strip_wbr(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (strncmp(r, "<wbr>", 5) == 0) {
            r += 5;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static char *
squeeze(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            sb_putc(&sb, *s);
    return sb_detach(&sb);
}

/* The first `chars` characters of node's text from byte `from`, spaces removed. */
static char *
text_piece(const struct node *n, size_t from, size_t chars)
{
    size_t end = from;
    for (size_t k = 0; k < chars && end < n->text_len; k++)
        do
            end++;
        while (end < n->text_len && ((unsigned char)n->text[end] & 0xC0) == 0x80);
    char *piece = xstrndup(n->text + from, end - from);
    char *sq = squeeze(piece);
    free(piece);
    return sq;
}

static char *
render_range(const struct corpus *c, const char *first, size_t from, const char *last, size_t to,
             bool footnotes)
{
    struct print_selection s = {0};
    /* as the reader does: every node of the range, and the range itself */
    for (size_t o = must_find(c, first)->order; o <= must_find(c, last)->order; o++) {
        size_t count;
        print_select_add(&s, corpus_nodes(c, &count)[o]);
    }
    s.first = must_find(c, first);
    s.last = must_find(c, last);
    s.from = from;
    s.to = to;
    print_select_normalize(&s);
    struct print_opts opts = {40, 20, footnotes, PRINT_TEXT, PRINT_PAPER_A4, false};
    size_t n;
    char *out = print_render(&s, &opts, &n, NULL);
    cr_assert_not_null(out);
    struct checked chk = check_pages(out, n, 40, 20, NULL);
    struct strbuf joined = STRBUF_INIT;
    for (size_t i = 0; i < chk.body.n; i++)
        sb_puts(&joined, chk.body.v[i]);
    lines_free(&chk.body);
    free(out);
    char *desc = print_describe(&s);
    char want[200];
    snprintf(want, sizeof want, "%s to %s", first, last);
    cr_expect_str_eq(desc, want);
    free(desc);
    print_select_free(&s);
    char *sq = squeeze(sb_str(&joined));
    sb_free(&joined);
    return sq;
}

static bool
has_piece(const char *out, const struct node *n, size_t from)
{
    char *piece = text_piece(n, from, 12);
    bool found = strstr(out, piece) != NULL;
    free(piece);
    return found;
}

Test(print_range, clipped_ends_whole_middle)
{
    struct corpus *c = load_corpus();
    const struct node *p28 = must_find(c, "A/74/90#p28"), *p37 = must_find(c, "A/74/90#p37");
    size_t from = 30; /* 10 characters into p28 */
    size_t marker_end = p37->refs[0].at + p37->refs[0].len;
    char *out = render_range(c, "A/74/90#p28", from, "A/74/90#p37", marker_end, true);
    cr_expect_not(has_piece(out, p28, 0), "p28's start printed");
    cr_expect(has_piece(out, p28, from), "%s", out);
    cr_expect_not_null(strstr(out, "28."), "p28 lost its number");
    for (int i = 29; i <= 36; i++) {
        char a[32];
        snprintf(a, sizeof a, "A/74/90#p%d", i);
        cr_expect(has_piece(out, must_find(c, a), 0), "%s missing", a);
    }
    cr_expect_not_null(strstr(out, "B.推进核裁军的核查原则"), "the section heading between");
    cr_expect(has_piece(out, p37, 0));
    cr_expect_null(strstr(out, "专家组随后讨论了这些文件"), "p37 printed past the range");
    cr_expect_not_null(strstr(out, "¹³见Moktefi"), "the footnote cited in the range");
    cr_expect(has_piece(out, must_find(c, "A/74/90#p27"), 0) == false, "p27 printed");
    free(out);
    /* ending before the marker: the footnote is not cited, so not printed */
    out = render_range(c, "A/74/90#p28", 0, "A/74/90#p37", p37->refs[0].at, true);
    cr_expect(has_piece(out, p28, 0));
    cr_expect_null(strstr(out, "见Moktefi"), "a footnote the range does not cite");
    free(out);
    corpus_free(c);
}

Test(print_range, within_one_paragraph)
{
    struct corpus *c = load_corpus();
    const struct node *p = must_find(c, "A/74/90#p34");
    struct print_selection s = {0};
    print_select_add(&s, p);
    s.first = s.last = p;
    s.from = 60;
    s.to = 30; /* reversed: normalised */
    print_select_normalize(&s);
    cr_expect_eq(s.from, 30);
    cr_expect_eq(s.to, 60);
    char *desc = print_describe(&s);
    cr_expect_str_eq(desc, "A/74/90#p34 (part)");
    free(desc);
    struct print_opts opts = {72, 60, true, PRINT_TEXT, PRINT_PAPER_A4, false};
    size_t n;
    char *out = print_render(&s, &opts, &n, NULL);
    cr_assert_not_null(out);
    char *sq = squeeze(out);
    char *piece = xstrndup(p->text + 30, 30);
    char *want = squeeze(piece);
    cr_expect_not_null(strstr(sq, want), "%s", out);
    cr_expect_not_null(strstr(out, "34."), "%s", out);
    cr_expect_null(strstr(sq, "专家组注意到"), "text before the range: %s", out);
    free(want);
    free(piece);
    free(sq);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

/* --- HTML ------------------------------------------------------------------------------------- */

/* Every element ndvr emits is closed in order (void elements excepted); text holds no raw
 * '<', '>' or unknown entity; attribute values are quoted. */
static void
expect_well_formed(const char *html)
{
    static const char *const voids[] = {"meta", "br", "wbr"};
    char stack[64][16];
    int depth = 0;
    const char *p = html;
    cr_assert(strncmp(p, "<!DOCTYPE html>\n", 16) == 0);
    p += 16;
    while (*p != '\0') {
        if (*p == '&') {
            cr_expect(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 ||
                          strncmp(p, "&gt;", 4) == 0 || strncmp(p, "&quot;", 6) == 0 ||
                          strncmp(p, "&#39;", 5) == 0,
                      "bad entity: %.20s", p);
        }
        cr_expect_neq(*p, '>', "raw '>' in text: %.40s", p > html + 20 ? p - 20 : p);
        if (*p != '<') {
            p++;
            continue;
        }
        const char *end = strchr(p, '>');
        cr_assert_not_null(end);
        bool closing = p[1] == '/';
        char name[16];
        size_t len = strspn(p + 1 + closing, "abcdefghijklmnopqrstuvwxyz0123456789");
        cr_assert(len > 0 && len < sizeof name, "bad tag: %.30s", p);
        snprintf(name, sizeof name, "%.*s", (int)len, p + 1 + closing);
        size_t quotes = 0;
        for (const char *q = p; q < end; q++)
            quotes += *q == '"';
        cr_expect_eq(quotes % 2, 0, "unbalanced quotes: %.*s", (int)(end - p + 1), p);
        bool is_void = false;
        for (size_t v = 0; v < sizeof voids / sizeof voids[0]; v++)
            is_void = is_void || strcmp(name, voids[v]) == 0;
        if (!closing && strcmp(name, "style") == 0) /* CSS: '>' and quotes are its own */
            end = strstr(end, "</style>") - 1;
        if (closing) {
            cr_assert_gt(depth, 0, "</%s> closes nothing", name);
            cr_expect_str_eq(stack[depth - 1], name, "</%s> closes <%s>", name, stack[depth - 1]);
            depth--;
        } else if (!is_void) {
            cr_assert_lt(depth, 64);
            snprintf(stack[depth++], sizeof stack[0], "%s", name);
        }
        p = end + 1;
    }
    cr_expect_eq(depth, 0, "%d elements left open", depth);
}

static char *
render_html(const struct print_selection *s, bool footnotes, size_t *n)
{
    struct print_opts opts = {72, 60, footnotes, PRINT_HTML, PRINT_PAPER_A4, false};
    struct diag d = {0};
    char *out = print_render(s, &opts, n, &d);
    cr_assert_not_null(out, "%s", d.msg);
    cr_expect_eq(strlen(out), *n);
    return out;
}

Test(print_html, well_formed_and_complete)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90", "A/72/304", "NOR");
    size_t n;
    char *out = render_html(&s, true, &n);
    expect_no_controls(out, n);
    cr_expect_null(strchr(out, '\f'));
    expect_well_formed(out);
    strip_wbr(out); /* the break opportunities; print_html::breaks_where_the_screen_does */
    cr_expect_not_null(strstr(out, "<html lang=\"zh-Hans\">"));
    cr_expect_not_null(strstr(out, "<meta charset=\"utf-8\">"));
    /* every sheet: the parts' symbols (a country's is its address, as in the text pages'
     * running header), and n/N */
    cr_expect_not_null(strstr(out, "@page { size: A4; margin: 20mm;\n"
                                   "  @top-right { content: \"A/72/304, A/74/90, NOR\"; "),
                       "%.900s", out);
    cr_expect_not_null(strstr(out, "@bottom-center { content: counter(page) \"/\" "
                                   "counter(pages); "));
    cr_expect_not_null(strstr(out, "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti "
                                   "SC\", SimSun, serif"));
    cr_expect_not_null(strstr(out, "<header class=\"running\">A/74/90  "));
    cr_expect_not_null(strstr(out, "<h2><span class=\"label\">三.</span> 确定可能的共同点</h2>"));
    cr_expect_not_null(strstr(out, "<h3><span class=\"label\">A.</span> "));
    cr_expect_not_null(strstr(out, "<p class=\"para\"><span class=\"num\">37.</span> "));
    cr_expect_not_null(strstr(out, "<ul class=\"items\">\n<li>"));
    cr_expect_not_null(strstr(out, "<sup><a href=\"#fn"));
    cr_expect_not_null(strstr(out, "<section class=\"footnotes\">\n<p class=\"footnote\" id=\"fn"));
    /* every paragraph's text is there (its first characters before any reference) */
    size_t count;
    struct node *const *nodes = corpus_nodes(c, &count);
    char *plain = squeeze(out);
    for (size_t i = 0; i < count; i++) {
        const struct node *p = nodes[i];
        if (p->kind != NODE_PARAGRAPH || p->text_len == 0 || p->document == NULL ||
            strpbrk(p->text, "<>&\"'") != NULL)
            continue;
        char *piece = text_piece(p, 0, 4);
        cr_expect_not_null(strstr(plain, piece), "%s missing", p->address);
        free(piece);
    }
    free(plain);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

static size_t
count_of(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* France's list (A/72/304): one list of seven items, (a)-(f) and (j); the paragraphs printed
 * indented under (b), (f) and (j) stay inside their item's entry. */
Test(print_html, a_list_continues_across_the_paragraphs_inside_its_items)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/72/304#FRA.p3");
    size_t n;
    char *out = render_html(&s, true, &n);
    expect_well_formed(out);
    strip_wbr(out);
    cr_expect_eq(count_of(out, "<ul class=\"items\">"), 1);
    cr_expect_eq(count_of(out, "<li>"), 7);
    const char *c_item = strstr(out, "(c)");
    const char *inside_b = strstr(out, "技术与程序方面的能力发展");
    cr_assert(c_item && inside_b);
    /* the paragraph after (b) comes before (c), within (b)'s entry */
    const char *end_b = strstr(inside_b, "</li>");
    cr_expect(inside_b < c_item && end_b != NULL && end_b < c_item);
    const char *end_list = strstr(inside_b, "</ul>");
    cr_expect(end_list != NULL && end_list > c_item, "the list closes before (c)");
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

/* The HTML's <wbr>: where the line breaker allows a break, the browser may break; nowhere
 * else between Chinese characters (word-break: keep-all). No <wbr> before closing
 * punctuation or a footnote marker, none inside a symbol. */
Test(print_html, breaks_where_the_screen_does)
{
    struct corpus *c = load_corpus();
    struct print_selection s = {0};
    print_select_add(&s, corpus_find(c, "A/74/90#ch3"));
    size_t n;
    char *out = print_render(
        &s, &(struct print_opts){72, 60, true, PRINT_HTML, PRINT_PAPER_A4, false}, &n, NULL);
    cr_assert_not_null(out);
    cr_expect_not_null(strstr(out, "word-break: keep-all"));
    size_t wbr = 0;
    static const char *const never_after[] = {"，", "。", "、", "；",    "：",
                                              "）", "》", "”",  "<sup>", "¹"};
    for (const char *p = strstr(out, "<wbr>"); p != NULL; p = strstr(p + 1, "<wbr>")) {
        wbr++;
        for (size_t k = 0; k < sizeof never_after / sizeof never_after[0]; k++)
            cr_expect(strncmp(p + 5, never_after[k], strlen(never_after[k])) != 0,
                      "a break before %s: %.40s", never_after[k], p);
    }
    cr_expect_gt(wbr, 500u, "too few break opportunities: %zu", wbr);
    /* symbols whole: GE-NDV/2018/8 etc. of footnote 13 (source line 343) carry no <wbr> */
    cr_expect_not_null(strstr(out, "(GE-NDV/2018/8)"));
    cr_expect_not_null(strstr(out, "(GE-NDV/2018/15)"));
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

/* A hand-made corpus whose text holds markup characters and a footnote. */
static struct corpus *
load_hostile(void)
{
    static const char json[] =
        "{\"format\": \"ndvr-tree\", \"version\": 1, \"source\": \"t.txt\",\n"
        " \"document\": {\"address\": \"T/1\", \"kind\": \"document\", \"symbol\": \"T/<1>\",\n"
        "  \"title\": \"A & B\",\n"
        "  \"children\": [\n"
        "   {\"address\": \"T/1#ch1\", \"kind\": \"chapter\", \"label\": \"一\",\n"
        "    \"title\": \"<b>bold</b>\", \"children\": [\n"
        "     {\"address\": \"T/1#p1\", \"kind\": \"paragraph\", \"label\": \"1\",\n"
        "      \"text\": \"<script>&\\\"'\\u0007\\u009b[2J1 end\",\n"
        "      \"refs\": [{\"to\": \"T/1#fn1\", \"kind\": \"footnote\", \"at\": 17, "
        "\"len\": 1}]}]},\n"
        "   {\"address\": \"T/1#fn1\", \"kind\": \"footnote\", \"label\": \"1\",\n"
        "    \"text\": \"note <i>\"}]},\n"
        " \"countries\": []}\n";
    struct corpus_source src = {"t.json", json, strlen(json)};
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_sources(&src, 1, NULL, &corpus, &d), "%s", d.msg);
    return corpus;
}

Test(print_html, escaped)
{
    struct corpus *c = load_hostile();
    struct print_selection s = SELECT(c, "T/1");
    size_t n;
    char *out = render_html(&s, true, &n);
    expect_no_controls(out, n);
    expect_well_formed(out);
    cr_expect_null(strstr(out, "<script"));
    cr_expect_null(strstr(out, "<b>"));
    cr_expect_null(strstr(out, "<i>"));
    cr_expect_not_null(strstr(out, "&lt;script&gt;&amp;&quot;&#39;"), "%s", out);
    cr_expect_not_null(strstr(out, "&lt;b&gt;bold&lt;/b&gt;"));
    cr_expect_not_null(strstr(out, "<h1>A &amp; B</h1>"));
    cr_expect_not_null(strstr(out, "T/&lt;1&gt;"));
    cr_expect_not_null(strstr(out, "note &lt;i&gt;"));
    cr_expect_not_null(strstr(out, "@top-right { content: \"T/\\3c 1\\3e \";"), "%.900s", out);
    free(out);
    /* and the text pages of the same */
    struct print_opts opts = {20, 10, true, PRINT_TEXT, PRINT_PAPER_A4, false};
    out = print_render(&s, &opts, &n, NULL);
    cr_assert_not_null(out);
    struct checked chk = check_pages(out, n, 20, 10, NULL);
    lines_free(&chk.body);
    cr_expect_not_null(strstr(out, "<script>&\"'"), "%s", out);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

Test(print_html, page_rule_names_each_document_once)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#p10", "A/74/90#p37", "A/72/304#BDI");
    size_t n;
    char *out = render_html(&s, true, &n);
    cr_expect_not_null(strstr(out, "@top-right { content: \"A/72/304, A/74/90\"; "), "%.900s", out);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

Test(print_html, footnotes_off_no_dangling_links)
{
    struct corpus *c = load_corpus();
    struct print_selection s = SELECT(c, "A/74/90#ch3");
    size_t n;
    char *out = render_html(&s, false, &n);
    expect_well_formed(out);
    cr_expect_null(strstr(out, "href=\"#fn"));
    cr_expect_null(strstr(out, "class=\"footnotes\""));
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

/* --- Control characters ------------------------------------------------------------------- */

static struct node *
raw_node(struct corpus *c, enum node_kind kind, const char *address, const char *text)
{
    struct node *n = corpus_node_new(c, kind);
    n->address = corpus_strdup(c, address);
    n->text = corpus_strdup(c, text);
    n->text_len = strlen(text);
    cr_assert_null(corpus_index_node(c, n));
    return n;
}

/* Text that never went through the loader's sanitiser: the printer filters it again. */
Test(print_controls, filtered_even_when_unsanitised)
{
    struct corpus *c = corpus_new();
    struct node *doc = raw_node(c, NODE_DOCUMENT, "X/1", "");
    doc->u.document.symbol = corpus_strdup(c, "X/\x1b[31m1");
    doc->title = corpus_strdup(c, "T\x07itle\x7f");
    struct node *ch = raw_node(c, NODE_CHAPTER, "X/1#ch1", "");
    ch->label = corpus_strdup(c, "一");
    ch->title = corpus_strdup(c, "a\tb\nc\x1b]0;pwn\x07");
    struct node *p = raw_node(c, NODE_PARAGRAPH, "X/1#p1",
                              "bell\x07 esc\x1b[2J del\x7f c1\xc2\x9b\xc2\x85 ff\f cr\r <&>");
    p->label = corpus_strdup(c, "1");
    doc->children = corpus_alloc(c, sizeof *doc->children);
    doc->children[doc->nchildren++] = ch;
    ch->children = corpus_alloc(c, sizeof *ch->children);
    ch->children[ch->nchildren++] = p;
    corpus_add_document(c, doc);
    corpus_link(c);
    struct print_selection s = SELECT(c, "X/1");
    size_t n;
    char *out = print_render(
        &s, &(struct print_opts){30, 12, true, PRINT_TEXT, PRINT_PAPER_A4, false}, &n, NULL);
    cr_assert_not_null(out);
    struct checked chk = check_pages(out, n, 30, 12, NULL);
    lines_free(&chk.body);
    char *sq = squeeze(out);
    cr_expect_not_null(strstr(sq, "1.bellesc[2Jdelc1ffcr<&>"), "%s", out);
    free(sq);
    cr_expect_not_null(strstr(out, "X/[31m1"), "%s", out);
    free(out);
    out = print_render(&s, &(struct print_opts){30, 12, true, PRINT_HTML, PRINT_PAPER_A4, false},
                       &n, NULL);
    cr_assert_not_null(out);
    for (size_t i = 0; i < n; i++)
        cr_expect((unsigned char)out[i] >= 0x20 || out[i] == '\n', "byte %02x at %zu",
                  (unsigned char)out[i], i);
    expect_no_controls(out, n);
    expect_well_formed(out);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}

/* A symbol that would end the CSS string, the @page rule and the <style> element if it went
 * into the page rule as it is. */
Test(print_html, symbol_escaped_in_the_page_rule)
{
    struct corpus *c = corpus_new();
    struct node *doc = raw_node(c, NODE_DOCUMENT, "X/1", "");
    doc->u.document.symbol = corpus_strdup(c, "X\"\\</style>;}\x1b"
                                              "1");
    struct node *p = raw_node(c, NODE_PARAGRAPH, "X/1#p1", "text");
    p->label = corpus_strdup(c, "1");
    doc->children = corpus_alloc(c, sizeof *doc->children);
    doc->children[doc->nchildren++] = p;
    corpus_add_document(c, doc);
    corpus_link(c);
    struct print_selection s = SELECT(c, "X/1");
    size_t n;
    char *out = render_html(&s, true, &n);
    cr_expect_not_null(
        strstr(out, "@top-right { content: \"X\\22 \\5c \\3c /style\\3e \\3b \\7d 1\";"), "%.900s",
        out);
    cr_expect_eq(count_of(out, "</style>"), 1, "%.900s", out);
    expect_well_formed(out);
    free(out);
    print_select_free(&s);
    corpus_free(c);
}
