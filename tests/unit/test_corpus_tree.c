/* Tests of the committed report trees against their sources: not one character of body text
 * lost or duplicated, the counts the reports print, and every footnote cited where it is.
 *
 * The source side of the conservation test is deliberately simple and independent of the
 * segmenter: it knows only the print furniture (table of contents, page headers, footnote
 * rules, repeated URL lines, link markup) and which lines are footnotes. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "util/strbuf.h"
#include "util/textfile.h"

#define CORPUS NDVR_SOURCE_DIR "/assets/corpus/"
#define SOURCE NDVR_SOURCE_DIR "/assets/source/"

static cJSON *
load_tree(const char *name)
{
    struct diag d = {0};
    size_t n;
    char path[512];
    snprintf(path, sizeof path, CORPUS "%s.json", name);
    char *text = textfile_read(path, &n, &d);
    cr_assert_not_null(text, "%s", d.msg);
    cJSON *tree = cJSON_Parse(text);
    cr_assert_not_null(tree, "%s does not parse", path);
    free(text);
    return tree;
}

static const char *
str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static bool
is_kind(const cJSON *node, const char *kind)
{
    return strcmp(str(node, "kind"), kind) == 0;
}

/* --- Character streams ------------------------------------------------------------------ */

/* Appends s without whitespace (ASCII blanks, U+3000) and with Private Use Area bullets
 * turned into • (the tree prints them so). */
static void
put_chars(struct strbuf *out, const char *s)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        if (c >= 0xE000 && c <= 0xF8FF)
            sb_puts(out, "•");
        else if (c != ' ' && c != '\t' && c != 0x3000 && c != '\n' && c != '\r')
            sb_append(out, (const char *)p, (size_t)len);
        p += len;
    }
}

/* The tree's characters in document order: body into `body`, footnotes into `notes`. */
static void
tree_chars(const cJSON *node, struct strbuf *body, struct strbuf *notes)
{
    if (is_kind(node, "footnote")) {
        put_chars(notes, str(node, "label"));
        put_chars(notes, str(node, "text"));
        return;
    }
    if (is_kind(node, "expert")) {
        put_chars(body, str(node, "name"));
        put_chars(body, "(");
        put_chars(body, str(node, "country"));
        put_chars(body, ")");
        put_chars(body, str(node, "sessions_note"));
        put_chars(body, str(node, "role"));
    } else if (is_kind(node, "working-paper")) {
        put_chars(body, str(node, "symbol"));
        put_chars(body, str(node, "title"));
    } else if (is_kind(node, "working-paper-list")) {
        const cJSON *col;
        cJSON_ArrayForEach(col, cJSON_GetObjectItemCaseSensitive(node, "columns"))
            put_chars(body, col->valuestring);
    } else if (is_kind(node, "response")) {
        put_chars(body, str(node, "title"));
        put_chars(body, "[原件：");
        put_chars(body, str(node, "language"));
        put_chars(body, "][");
        put_chars(body, str(node, "date_text"));
        put_chars(body, "]");
    } else if (!is_kind(node, "document") && !is_kind(node, "expert-list")) {
        /* The document's title and an expert group's title are copies, not printed text. */
        bool numbered = is_kind(node, "chapter") || is_kind(node, "section") ||
                        (is_kind(node, "paragraph") && *str(node, "label"));
        put_chars(body, str(node, "label"));
        if (numbered)
            put_chars(body, ".");
        put_chars(body, str(node, "title"));
        put_chars(body, str(node, "text"));
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        tree_chars(child, body, notes);
}

/* Removes [X](#) link markup, keeping X. */
static void
put_line_without_markup(struct strbuf *out, const char *s, size_t n)
{
    struct strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '[') {
            const char *close = memchr(s + i, ']', n - i);
            if (close && (size_t)(close - s) + 4 <= n && memcmp(close, "](#)", 4) == 0) {
                sb_append(&line, s + i + 1, (size_t)(close - s - i - 1));
                i = (size_t)(close - s) + 3;
                continue;
            }
        }
        sb_putc(&line, s[i]);
    }
    put_chars(out, sb_str(&line));
    sb_free(&line);
}

struct src_line {
    const char *s;
    size_t n;
};

static size_t
split_lines(char *text, struct src_line **out)
{
    size_t count = 0, cap = 0;
    struct src_line *v = NULL;
    for (char *p = text; *p;) {
        char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            v = realloc(v, cap * sizeof *v);
        }
        v[count++] = (struct src_line){p, n};
        p += n + (eol ? 1 : 0);
    }
    *out = v;
    return count;
}

static bool
blank(struct src_line l)
{
    for (size_t i = 0; i < l.n; i++)
        if (l.s[i] != ' ' && l.s[i] != '\t')
            return false;
    return true;
}

static bool
starts(struct src_line l, const char *prefix)
{
    size_t k = strlen(prefix);
    return l.n >= k && memcmp(l.s, prefix, k) == 0;
}

/* A/74/90: footnotes are the lines that start with a superscript digit or "* ". */
static bool
is_a7490_footnote(struct src_line l)
{
    static const char *const sup[] = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "* "};
    for (size_t i = 0; i < sizeof sup / sizeof sup[0]; i++)
        if (starts(l, sup[i]))
            return true;
    return false;
}

static void
source_chars_a7490(struct strbuf *body, struct strbuf *notes)
{
    size_t n;
    char *text = textfile_read(SOURCE "A-74-90.zh.txt", &n, NULL);
    cr_assert_not_null(text);
    struct src_line *lines;
    size_t count = split_lines(text, &lines);
    bool in_toc = false;
    for (size_t i = 0; i < count; i++) {
        struct src_line l = lines[i];
        /* the table of contents: 目录 and the tab-separated lines after it */
        if (l.n == strlen("目录") && starts(l, "目录")) {
            in_toc = true;
            continue;
        }
        if (in_toc && (blank(l) || memchr(l.s, '\t', l.n)))
            continue;
        in_toc = false;
        put_line_without_markup(is_a7490_footnote(l) ? notes : body, l.s, l.n);
    }
    free(lines);
    free(text);
}

static bool
is_url_line(struct src_line l)
{
    if (!starts(l, "http://") && !starts(l, "https://"))
        return false;
    return memchr(l.s, ' ', l.n) == NULL;
}

/* A/72/304 page furniture: the running header (the symbol alone) and the footer
 * "5/33 17-13629 (C)". */
static bool
is_page_furniture(struct src_line l)
{
    size_t n = l.n;
    const char *s = l.s;
    while (n && (*s == ' '))
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 8 && memcmp(s, "A/72/304", 8) == 0)
        return true;
    int a, b, c, d;
    char tail[8];
    char buf[64];
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return sscanf(buf, "%d/%d %d-%d %7s", &a, &b, &c, &d, tail) == 5 && strcmp(tail, "(C)") == 0;
}

static void
source_chars_a72304(struct strbuf *body, struct strbuf *notes)
{
    size_t n;
    char *text = textfile_read(SOURCE "A-72-304.zh.txt", &n, NULL);
    cr_assert_not_null(text);
    struct src_line *lines;
    size_t count = split_lines(text, &lines);
    bool in_notes = false;
    for (size_t i = 0; i < count; i++) {
        struct src_line l = lines[i];
        if (blank(l))
            continue;
        /* A line right after another non-blank line starts a new page: notes end there. */
        if (i > 0 && !blank(lines[i - 1]))
            in_notes = false;
        if (starts(l, "_____")) {
            in_notes = true;
            continue;
        }
        if (is_url_line(l) || is_page_furniture(l))
            continue;
        put_line_without_markup(in_notes ? notes : body, l.s, l.n);
    }
    free(lines);
    free(text);
}

static void
expect_same_stream(const char *what, const struct strbuf *src, const struct strbuf *tree)
{
    size_t i = 0;
    const char *a = sb_str(src), *b = sb_str(tree);
    while (a[i] && a[i] == b[i])
        i++;
    if (a[i] == '\0' && b[i] == '\0')
        return;
    size_t from = i > 30 ? i - 30 : 0;
    while (from > 0 && ((unsigned char)a[from] & 0xC0) == 0x80)
        from--;
    cr_assert_fail("%s differ at byte %zu:\n  source: …%.90s\n  tree:   …%.90s", what, i, a + from,
                   b + from);
}

static void
check_conservation(const char *name, void (*source_chars)(struct strbuf *, struct strbuf *))
{
    struct strbuf src_body = STRBUF_INIT, src_notes = STRBUF_INIT;
    struct strbuf tree_body = STRBUF_INIT, tree_notes = STRBUF_INIT;
    source_chars(&src_body, &src_notes);
    cJSON *tree = load_tree(name);
    tree_chars(cJSON_GetObjectItemCaseSensitive(tree, "document"), &tree_body, &tree_notes);
    cr_assert_gt(src_body.len, 1000);
    expect_same_stream("body text", &src_body, &tree_body);
    expect_same_stream("footnote text", &src_notes, &tree_notes);
    cJSON_Delete(tree);
    sb_free(&src_body);
    sb_free(&src_notes);
    sb_free(&tree_body);
    sb_free(&tree_notes);
}

Test(corpus_tree, a7490_conserves_every_character)
{
    check_conservation("A-74-90", source_chars_a7490);
}

Test(corpus_tree, a72304_conserves_every_character)
{
    check_conservation("A-72-304", source_chars_a72304);
}

/* --- Counts and placement ---------------------------------------------------------------- */

static const cJSON *
find(const cJSON *node, const char *address)
{
    if (strcmp(str(node, "address"), address) == 0)
        return node;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
    {
        const cJSON *hit = find(child, address);
        if (hit)
            return hit;
    }
    return NULL;
}

static int
count_kind(const cJSON *node, const char *kind)
{
    int n = is_kind(node, kind);
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_kind(child, kind);
    return n;
}

static int
count_numbered(const cJSON *node)
{
    int n = is_kind(node, "paragraph") && cJSON_GetObjectItemCaseSensitive(node, "number") &&
            strncmp(str(node, "address"), "A/74/90#p", 9) == 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_numbered(child);
    return n;
}

Test(corpus_tree, a7490_counts)
{
    cJSON *tree = load_tree("A-74-90");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cr_expect_eq(count_numbered(doc), 40);
    cr_expect_eq(count_kind(doc, "footnote"), 14, "fn0 (the cover's *) and fn1..fn13");
    cr_expect_eq(count_kind(doc, "expert"), 33);
    cr_expect_eq(count_kind(doc, "working-paper"), 17);
    cr_expect_eq(count_kind(doc, "chapter"), 4);
    cr_expect_eq(count_kind(doc, "section"), 7);
    cr_expect_eq(count_kind(doc, "annex"), 2);
    const cJSON *experts = find(doc, "A/74/90#experts");
    cr_assert_not_null(experts);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(experts, "children")), 25,
                 "25 countries");
    const cJSON *rus = find(doc, "A/74/90#experts.RUS");
    cr_assert_not_null(rus);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rus, "children")), 3);
    const cJSON *annex1 = find(doc, "A/74/90#annex1");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(annex1, "children")), 9);
    cJSON_Delete(tree);
}

Test(corpus_tree, a72304_counts)
{
    cJSON *tree = load_tree("A-72-304");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cr_expect_eq(count_kind(doc, "response"), 27, "26 Member States and the EU");
    cr_expect_eq(count_kind(doc, "footnote"), 7);
    cr_expect_eq(count_kind(doc, "chapter"), 3);
    const char *members[] = {"ARG", "AUS", "BRA", "BRN", "BDI", "CAN", "CHN", "COL", "CUB",
                             "FRA", "DEU", "HUN", "IND", "JPN", "JOR", "LBN", "MDG", "MEX",
                             "NOR", "PAK", "PRY", "SWE", "CHE", "UKR", "GBR", "USA", "EU"};
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        char address[32];
        snprintf(address, sizeof address, "A/72/304#%s", members[i]);
        cr_expect_not_null(find(doc, address), "%s missing", address);
    }
    cJSON_Delete(tree);
}

Test(corpus_tree, paragraphs_cut_by_footnote_blocks_are_whole_again)
{
    cJSON *tree = load_tree("A-74-90");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cr_expect(strstr(str(find(doc, "A/74/90#p7"), "text"), "在某些情况下") != NULL);
    cr_expect(strstr(str(find(doc, "A/74/90#p19"), "text"), "澄清机制的条款") != NULL);
    cr_expect(strstr(str(find(doc, "A/74/90#annex1.p7"), "text"), "还有人认为") != NULL);
    cr_expect_eq(
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(find(doc, "A/74/90#p14"), "children")),
        5);
    cJSON_Delete(tree);
    tree = load_tree("A-72-304");
    doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cr_expect(strstr(str(find(doc, "A/72/304#p2"), "text"), "网站。1根据第 65/276") != NULL);
    cr_expect(strstr(str(find(doc, "A/72/304#EU.p2"), "text"),
                     "全面保障监督协定和附加议定书构成了目前的核查标准。3欧洲原子能共同体和国际原子"
                     "能机构") != NULL);
    cJSON_Delete(tree);
}

/* Every footnote is cited exactly once, by the node that prints its marker, and the ref's
 * at/len cover exactly that marker in the node's text, or in its title for a ref "in" it. */
static void
expect_cited_once(const cJSON *doc, const char *fn, const char *by, const char *marker)
{
    const cJSON *node = find(doc, by);
    cr_assert_not_null(node, "%s missing", by);
    int hits = 0;
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        if (strcmp(str(ref, "to"), fn) != 0)
            continue;
        hits++;
        const cJSON *in = cJSON_GetObjectItemCaseSensitive(ref, "in");
        const char *text = str(node, cJSON_IsString(in) ? in->valuestring : "text");
        int at = cJSON_GetObjectItemCaseSensitive(ref, "at")->valueint;
        int len = cJSON_GetObjectItemCaseSensitive(ref, "len")->valueint;
        cr_expect_eq((size_t)len, strlen(marker), "%s in %s", fn, by);
        cr_expect(strncmp(text + at, marker, strlen(marker)) == 0, "%s in %s: at %d is `%.8s`", fn,
                  by, at, text + at);
    }
    cr_expect_eq(hits, 1, "%s cited %d times by %s", fn, hits, by);
}

/* The references to `to` under node, of any kind or (kind not NULL) of that kind. */
static int
count_refs_to(const cJSON *node, const char *to, const char *kind)
{
    int n = 0;
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs")) n +=
        strcmp(str(ref, "to"), to) == 0 && (!kind || strcmp(str(ref, "kind"), kind) == 0);
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        count_refs_to(child, to, kind);
    return n;
}

Test(corpus_tree, a7490_footnotes_cited_where_their_markers_are)
{
    /* Read off the source by hand: which paragraph or item prints which marker. */
    static const char *const where[][3] = {
        {"A/74/90#fn0", "A/74/90#cover.h2", "*"}, {"A/74/90#fn1", "A/74/90#p1", "¹"},
        {"A/74/90#fn2", "A/74/90#p2", "²"},       {"A/74/90#fn3", "A/74/90#p4", "³"},
        {"A/74/90#fn4", "A/74/90#p10", "⁴"},      {"A/74/90#fn5", "A/74/90#p10", "⁵"},
        {"A/74/90#fn6", "A/74/90#p10", "⁶"},      {"A/74/90#fn7", "A/74/90#p11", "⁷"},
        {"A/74/90#fn8", "A/74/90#p14.2", "⁸"},    {"A/74/90#fn9", "A/74/90#p14.4", "⁹"},
        {"A/74/90#fn10", "A/74/90#p20", "¹⁰"},    {"A/74/90#fn11", "A/74/90#p22", "¹¹"},
        {"A/74/90#fn12", "A/74/90#p26", "¹²"},    {"A/74/90#fn13", "A/74/90#p37", "¹³"},
    };
    cJSON *tree = load_tree("A-74-90");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        expect_cited_once(doc, where[i][0], where[i][1], where[i][2]);
        cr_expect_eq(count_refs_to(doc, where[i][0], "footnote"), 1, "%s cited elsewhere too",
                     where[i][0]);
    }
    cJSON_Delete(tree);
}

Test(corpus_tree, a72304_footnotes_cited_where_their_markers_are)
{
    static const char *const where[][3] = {
        {"A/72/304#fn1", "A/72/304#p2", "1"},    {"A/72/304#fn2", "A/72/304#EU.p1", "2"},
        {"A/72/304#fn3", "A/72/304#EU.p2", "3"}, {"A/72/304#fn4", "A/72/304#EU.p4", "4"},
        {"A/72/304#fn5", "A/72/304#EU.p5", "5"}, {"A/72/304#fn6", "A/72/304#EU.p6", "6"},
        {"A/72/304#fn7", "A/72/304#EU.p8", "7"},
    };
    cJSON *tree = load_tree("A-72-304");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        expect_cited_once(doc, where[i][0], where[i][1], where[i][2]);
        cr_expect_eq(count_refs_to(doc, where[i][0], "footnote"), 1, "%s cited elsewhere too",
                     where[i][0]);
    }
    /* fn5 reads "同上，第 3 段。": the one ibid, to fn4 */
    expect_cited_once(doc, "A/72/304#fn4", "A/72/304#fn5", "同上");
    cr_expect_eq(count_refs_to(doc, "A/72/304#fn4", "ibid"), 1);
    cr_expect_eq(count_refs_to(doc, "A/72/304#fn5", "ibid"), 0);
    cJSON_Delete(tree);
}

/* --- Experts, working papers, responses (values read off the sources by hand) ---------- */

static int
int_at(const cJSON *arr, int i)
{
    return cJSON_GetArrayItem(arr, i)->valueint;
}

Test(corpus_tree, experts_have_sessions_roles_and_alternates)
{
    cJSON *tree = load_tree("A-74-90");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    const cJSON *wang = find(doc, "A/74/90#experts.CHN.1");
    cr_assert_not_null(wang);
    cr_expect_str_eq(str(wang, "name"), "王昶");
    cr_expect_str_eq(str(wang, "iso3"), "CHN");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(wang, "sessions");
    cr_expect_eq(cJSON_GetArraySize(s), 2);
    cr_expect_eq(int_at(s, 0), 1);
    cr_expect_eq(int_at(s, 1), 2);
    cr_expect_str_eq(str(wang, "role"), "外交部军控司参赞兼核事务处处长");

    const cJSON *knut = find(doc, "A/74/90#experts.NOR.1");
    cr_expect_str_eq(str(knut, "name"), "Knut Langeland");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(knut, "sessions")), 3);
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(knut, "alternate")));

    const cJSON *aguirre = find(doc, "A/74/90#experts.MEX.1");
    cr_expect_str_eq(str(aguirre, "name"), "Jaime Aguirre Gómez");
    cr_expect_str_eq(str(aguirre, "role"),
                     "国家核安全与保障监督委员会环境放射监测、实物保安与保障监督副主任");
    const cJSON *mex2 = find(doc, "A/74/90#experts.MEX.2");
    s = cJSON_GetObjectItemCaseSensitive(mex2, "sessions");
    cr_expect_eq(cJSON_GetArraySize(s), 1);
    cr_expect_eq(int_at(s, 0), 3, "nobody represented Mexico at the second session");

    cr_expect(cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(find(doc, "A/74/90#experts.FRA.2"), "alternate")));
    cr_expect(cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(find(doc, "A/74/90#experts.RUS.3"), "alternate")));
    const cJSON *che2 = find(doc, "A/74/90#experts.CHE.2");
    s = cJSON_GetObjectItemCaseSensitive(che2, "sessions");
    cr_expect_eq(cJSON_GetArraySize(s), 2);
    cr_expect_eq(int_at(s, 0), 2);
    cr_expect_eq(int_at(s, 1), 3);
    cJSON_Delete(tree);
}

static const cJSON *
submitter(const cJSON *paper, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(paper, "submitters"), i);
}

static const char *
expert_of(const cJSON *sub)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(sub, "expert");
    return cJSON_IsString(e) ? e->valuestring : NULL;
}

Test(corpus_tree, working_papers_have_titles_submitters_and_citations)
{
    cJSON *tree = load_tree("A-74-90");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    const cJSON *trust = find(doc, "GE-NDV/2019/3");
    cr_assert_not_null(trust);
    cr_expect_str_eq(str(trust, "title"), "核裁军核查信托基金");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(trust, "submitters")), 3);
    cr_expect_str_eq(str(submitter(trust, 0), "name"), "Werdaningtyas");
    cr_expect_str_eq(expert_of(submitter(trust, 0)), "A/74/90#experts.IDN.2");
    cr_expect_str_eq(str(submitter(trust, 1), "honorific"), "大使");
    cr_expect_str_eq(expert_of(submitter(trust, 1)), "A/74/90#experts.NOR.1");
    cr_expect_str_eq(str(submitter(trust, 2), "name"), "钱伯斯");
    cr_expect_str_eq(str(submitter(trust, 2), "iso3"), "GBR");
    cr_expect_str_eq(expert_of(submitter(trust, 2)), "A/74/90#experts.GBR.1");

    const cJSON *people = find(doc, "GE-NDV/2018/9");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(people, "submitters")), 3);
    cr_expect_str_eq(str(submitter(people, 1), "name"), "Herbach");
    cr_expect_null(expert_of(submitter(people, 1)), "Herbach is in no list: nothing invented");
    cr_expect_str_eq(expert_of(submitter(people, 2)), "A/74/90#experts.CHE.2");

    /* Biontino is transliterated two ways (fn4 and fn13). */
    cr_expect_str_eq(expert_of(submitter(find(doc, "GE-NDV/2018/4"), 0)), "A/74/90#experts.DEU.1");
    cr_expect_str_eq(expert_of(submitter(find(doc, "GE-NDV/2018/14"), 0)), "A/74/90#experts.DEU.1");
    cr_expect_str_eq(expert_of(submitter(find(doc, "GE-NDV/2018/16"), 0)), "A/74/90#experts.CHN.1");

    const char *uncited[] = {"GE-NDV/2018/5", "GE-NDV/2018/6", "GE-NDV/2018/7", "GE-NDV/2019/2"};
    for (size_t i = 0; i < 4; i++) {
        const cJSON *p = find(doc, uncited[i]);
        cr_assert_not_null(p, "%s", uncited[i]);
        cr_expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "cited")), "%s", uncited[i]);
        cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p, "submitters")), 0);
    }
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(find(doc, "GE-NDV/2018/12"), "cited")));
    cr_expect_eq(count_refs_to(doc, "GE-NDV/2018/12", NULL), 2, "cited by fn11 and fn12");
    cJSON_Delete(tree);
}

Test(corpus_tree, responses_have_country_language_and_date)
{
    cJSON *tree = load_tree("A-72-304");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    const cJSON *nor = find(doc, "A/72/304#NOR");
    cr_assert_not_null(nor);
    cr_expect_str_eq(str(nor, "country"), "挪威");
    cr_expect_str_eq(str(nor, "language"), "英文");
    cr_expect_str_eq(str(nor, "date"), "2017-07-31");
    const cJSON *arg = find(doc, "A/72/304#ARG");
    cr_expect_str_eq(str(arg, "language"), "西班牙文");
    cr_expect_str_eq(str(arg, "date"), "2017-07-14");
    const cJSON *eu = find(doc, "A/72/304#EU");
    cr_assert_not_null(eu);
    cr_expect_str_eq(str(eu, "iso3"), "EU");
    cr_expect_str_eq(str(eu, "country"), "欧洲联盟");
    cr_expect_str_eq(str(eu, "date"), "2017-07-17");
    const cJSON *gbr = find(doc, "A/72/304#GBR");
    cr_expect_str_eq(str(gbr, "country"), "大不列颠及北爱尔兰联合王国");
    cr_expect_str_eq(str(gbr, "date"), "2017-07-27");
    cr_expect_str_eq(str(find(doc, "A/72/304#MDG"), "language"), "法文");
    cr_expect_str_eq(str(find(doc, "A/72/304#JOR"), "language"), "阿拉伯文");
    cJSON_Delete(tree);
}

Test(corpus_tree, urls_cut_across_lines_are_whole_and_bullets_are_plain)
{
    cJSON *tree = load_tree("A-72-304");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cr_expect(strstr(str(find(doc, "A/72/304#fn3"), "text"),
                     "https://eeas.europa.eu/headquarters/headquarters-homepage/25740/"
                     "preparatory-committee-2020-npt-review-conference-parties-treaty-non-"
                     "proliferation-nuclear_en。") != NULL);
    cr_expect(strstr(str(find(doc, "A/72/304#fn2"), "text"),
                     "筹备委员会，第 5 段，见 http://statements.unmeetings.org/media2/14684386/"
                     "eu-new-statement-cluster-i.pdf。") != NULL);
    const cJSON *item = find(doc, "A/72/304#AUS.p6.1");
    cr_assert_not_null(item);
    cr_expect_str_eq(str(item, "label"), "•");
    cr_expect_str_eq(str(item, "text"), "制定技术解决方案，以应对监测和核查挑战；");
    cJSON_Delete(tree);
}

/* --- References to the reports' own parts, experts by name, titles ---------------------- */

/* Every reference of kind under node, as "ADDRESS>TO:WORDS;" (WORDS read at at/len, in the
 * title when the ref says so), appended to sb in document order. */
static void
list_refs(const cJSON *node, const char *kind, struct strbuf *sb)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        if (strcmp(str(ref, "kind"), kind) != 0)
            continue;
        const char *words =
            str(node, cJSON_GetObjectItemCaseSensitive(ref, "in") ? "title" : "text");
        int at = cJSON_GetObjectItemCaseSensitive(ref, "at")->valueint;
        int len = cJSON_GetObjectItemCaseSensitive(ref, "len")->valueint;
        sb_printf(sb, "%s>%s:%.*s;", str(node, "address"), str(ref, "to"), len, words + at);
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        list_refs(child, kind, sb);
}

static void
expect_refs_of_kind(const char *tree_name, const char *kind, const char *want)
{
    cJSON *tree = load_tree(tree_name);
    struct strbuf sb = STRBUF_INIT;
    list_refs(cJSON_GetObjectItemCaseSensitive(tree, "document"), kind, &sb);
    cr_expect_str_eq(sb_str(&sb), want, "%s, %s", tree_name, kind);
    sb_free(&sb);
    cJSON_Delete(tree);
}

/* Read off the sources by hand: the one annex named (¶15), the parts named in A/74/90's
 * letter and A/72/304 ¶2, the one 同上; no section and no paragraph of either report is
 * named (every 第 N 段 in them is a resolution's or a statement's). */
Test(corpus_tree, the_reports_name_their_own_parts)
{
    expect_refs_of_kind("A-74-90", "annex", "A/74/90#p15>A/74/90#annex1:附件一;");
    expect_refs_of_kind("A-74-90", "chapter",
                        "A/74/90#letter.p4>A/74/90#ch2:第二;A/74/90#letter.p4>A/74/90#ch3:第三;"
                        "A/74/90#letter.p4>A/74/90#ch4:第四部分;"
                        "A/74/90#letter.p4>A/74/90#ch2:第二部分;"
                        "A/74/90#letter.p4>A/74/90#ch3:第三部分;"
                        "A/74/90#letter.p4>A/74/90#ch4:第四部分;");
    expect_refs_of_kind("A-72-304", "chapter",
                        "A/72/304#p2>A/72/304#ch2:第二部分;A/72/304#p2>A/72/304#ch3:第三部分;");
    expect_refs_of_kind("A-72-304", "ibid", "A/72/304#fn5>A/72/304#fn4:同上;");
    const char *const none[] = {"section", "paragraph"};
    for (size_t i = 0; i < 2; i++) {
        expect_refs_of_kind("A-74-90", none[i], "");
        expect_refs_of_kind("A-72-304", none[i], "");
    }
    expect_refs_of_kind("A-74-90", "ibid", "");
    expect_refs_of_kind("A-72-304", "annex", "");
}

/* The chair, named whole in the foreword and his signature; every other expert reference is
 * a footnote's submitter (fn4-fn13), as before. */
Test(corpus_tree, the_chair_is_named_in_the_body)
{
    cJSON *tree = load_tree("A-74-90");
    struct strbuf sb = STRBUF_INIT;
    const cJSON *child;
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(tree, "document");
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(doc, "children"))
    {
        if (strcmp(str(child, "kind"), "footnote") != 0)
            list_refs(child, "expert", &sb);
    }
    cr_expect_str_eq(sb_str(&sb), "A/74/90#foreword.p5>A/74/90#experts.NOR.1:克努特·朗厄兰;"
                                  "A/74/90#letter.p8>A/74/90#experts.NOR.1:克努特·朗厄兰;");
    const cJSON *knut = find(doc, "A/74/90#experts.NOR.1");
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(knut, "aliases");
    cr_assert_eq(cJSON_GetArraySize(aliases), 1);
    cr_expect_str_eq(cJSON_GetArrayItem(aliases, 0)->valuestring, "克努特·朗厄兰");
    sb_free(&sb);
    cJSON_Delete(tree);
}

static void
list_title_refs(const cJSON *node, struct strbuf *sb)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        if (strcmp(str(ref, "in"), "title") != 0 || strcmp(str(ref, "kind"), "footnote") == 0)
            continue; /* a footnote marker in a title (the cover's 暂定项目表*) cites no document */
        int at = cJSON_GetObjectItemCaseSensitive(ref, "at")->valueint;
        int len = cJSON_GetObjectItemCaseSensitive(ref, "len")->valueint;
        sb_printf(sb, "%s>%s:%.*s;", str(node, "address"), str(ref, "to"), len,
                  str(node, "title") + at);
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        list_title_refs(child, sb);
}

/* The one title of either report citing a document: Hungary's third heading (A/72/304,
 * source line 911); no heading of A/74/90 cites one. */
Test(corpus_tree, a_heading_cites_a_resolution)
{
    const char *const trees[][2] = {
        {"A-72-304", "A/72/304#HUN.h3>A/RES/71/67:71/67;"},
        {"A-74-90", ""},
    };
    for (size_t i = 0; i < 2; i++) {
        cJSON *tree = load_tree(trees[i][0]);
        struct strbuf sb = STRBUF_INIT;
        list_title_refs(cJSON_GetObjectItemCaseSensitive(tree, "document"), &sb);
        cr_expect_str_eq(sb_str(&sb), trees[i][1], "%s", trees[i][0]);
        sb_free(&sb);
        cJSON_Delete(tree);
    }
}
