/* Layout rules for a converted report (A/74/90): a cover whose header lines are headings, one
 * printed paragraph per line, chapters "一. 引言", sections "A. ...", numbered paragraphs
 * "7. ...", bullets "- ...", annexes "附件一", footnotes printed after the block of paragraphs
 * that cites them, tab-separated tables. The tree it builds is described in man/ndvr-tree.5. */
#include "segment/segment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* What a line of the source is, decided before any structure is built. */
enum line_class {
    LC_BLANK,
    LC_TEXT,
    LC_FOOTNOTE,
    LC_TABLE, /* a row of a table (tabs, or gaps of spaces, between columns) */
    LC_TOC,   /* the table of contents and its heading: dropped */
};

struct footnote {
    int number;  /* 0 for the cover's note marked with a symbol */
    char *label; /* the marker as printed */
    char *text;  /* without the marker, link markup removed */
    int lineno;
    cJSON *node;
};

/* A listed expert, for matching the names footnotes give submitters. */
struct expert {
    char *name;
    char iso3[4];
    char *address;
};

struct report {
    struct seg_ctx *ctx;
    const struct seg_line *lines;
    size_t nlines;
    enum line_class *cls;
    struct footnote *fns;
    size_t nfns, fns_cap;
    struct expert *experts;
    size_t nexperts, experts_cap;
    cJSON **papers;
    size_t npapers, papers_cap;
    cJSON *doc;
    cJSON *expert_list;
    cJSON *paper_list;
    bool failed;
};

/* Where the body's lines go while it is read. */
struct body {
    cJSON *part;    /* the chapter or annex */
    cJSON *section; /* its current section, or NULL */
    cJSON *para;    /* the paragraph bullets belong to */
    cJSON *open;    /* the text node whose unfinished sentence a later line may continue */
    bool in_annex;
    int last_chapter, last_annex, last_section, last_para;
    int nitems, nloose;
};

/* A heading or numbered line split into its label and the rest. */
struct numbered {
    int number;
    size_t label_len;
    const char *rest;
    size_t rest_len;
};

/* The parts of an expert entry "NAME(COUNTRY)". */
struct entry {
    const char *name, *country;
    size_t name_len, country_len;
    const struct facts_country *c;
};

/* A submitter named in a footnote: "NAME[ HONORIFIC](COUNTRY)". */
struct submitter {
    size_t at, len; /* the name, in the footnote's text */
    const char *honorific, *country;
    size_t honorific_len, country_len;
    const char *iso3;
    const char *expert; /* the expert's address, or NULL */
};

#define MAX_SUBMITTERS 16 /* per clause of a footnote; more are not read */
/* A cover's header line is at most this wide: 30 ideographs (the longest of A/74/90's, the
 * group's name, has 19; the note's text runs to 51). */
#define COVER_HEADER_COLS 60

/* --- Small helpers --------------------------------------------------------------------- */

static bool fail(struct report *r, int lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
fail(struct report *r, int lineno, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* The first problem found is the one reported. */
    if (!r->failed)
        diag_set(r->ctx->diag, r->ctx->src->name, lineno, lineno > 0 ? 1 : 0, "%s", msg);
    r->failed = true;
    return false;
}

static cJSON *new_node(const char *kind, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A node whose address is formatted from fmt. */
static cJSON *
new_node(const char *kind, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *address = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    va_start(ap, fmt);
    vsnprintf(address, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    cJSON *node = seg_node_new(address, kind, line);
    free(address);
    return node;
}

static const char *
node_address(const cJSON *node)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "address");
    return cJSON_IsString(a) ? a->valuestring : "";
}

static int
node_line(const cJSON *node)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(node, "line");
    return cJSON_IsNumber(l) ? l->valueint : 0;
}

static const char *
line_at(const struct report *r, size_t i, size_t *n)
{
    *n = r->lines[i].n;
    return seg_trim(r->lines[i].s, n);
}

static int
lineno_of(const struct report *r, size_t i)
{
    return i < r->nlines ? r->lines[i].lineno : 0;
}

/* The first line at or after i and before end of class cls; end when there is none. */
static size_t
next_of(const struct report *r, size_t i, size_t end, enum line_class cls)
{
    while (i < end && r->cls[i] != cls)
        i++;
    return i;
}

/* Offset of needle in s[0..n), or n when it is not there. */
static size_t
find_str(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k > 0 && i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return i;
    return n;
}

static size_t
space_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == ' ')
        return 1;
    return seg_starts_with(s, n, "\u3000") ? 3 : 0;
}

static size_t
cp_len(unsigned cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static bool
cp_in(unsigned cp, const unsigned *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

/* --- Footnote markers ------------------------------------------------------------------- */

static bool
is_superscript_cp(unsigned cp)
{
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079);
}

/* The value of the superscript digit at s, its length in *len; -1 when there is none. */
static int
superscript_digit(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) {
        *len = 2;
        return u[1] == 0xB9 ? 1 : u[1] - 0xB0;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 &&
        (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9))) {
        *len = 3;
        return u[2] - 0xB0;
    }
    return -1;
}

/* The length of the run of superscript digits at s (0 when none); its value in *value. */
static size_t
superscript_run(const char *s, size_t n, int *value)
{
    size_t k = 0, len = 0;
    int d, v = 0;
    while (k < n && (d = superscript_digit(s + k, n - k, &len)) >= 0) {
        if (v < 100000)
            v = v * 10 + d;
        k += len;
    }
    *value = v;
    return k;
}

/* A footnote line starts with its marker and a space: superscript digits, or a symbol (*)
 * for a note with no number, such as the cover's. Returns the marker's length, 0 when the
 * line is no footnote; the number goes in *number (0 for a symbol). */
static size_t
footnote_marker(const char *s, size_t n, int *number)
{
    size_t k = superscript_run(s, n, number);
    if (k > 0 && *number == 0)
        return 0;
    if (k == 0)
        while (k < n && s[k] == '*')
            k++;
    if (k == 0 || k >= n || space_at(s + k, n - k) == 0)
        return 0;
    return k;
}

/* --- Text ------------------------------------------------------------------------------- */

/* "[X](url)": the label's length in *label and the whole markup's in *total. */
static bool
match_link(const char *s, size_t n, size_t *label, size_t *total)
{
    size_t k = 1;
    while (k < n && s[k] != ']' && s[k] != '[')
        k++;
    if (k + 1 >= n || s[k] != ']' || s[k + 1] != '(')
        return false;
    size_t j = k + 2;
    while (j < n && s[j] != ')' && s[j] != ' ')
        j++;
    if (j >= n || s[j] != ')')
        return false;
    *label = k - 1;
    *total = j + 1;
    return true;
}

/* Appends s[0..n) to sb with link markup reduced to its label ("[71/67](#)" -> "71/67"). */
static void
put_unlinked(struct strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t label, total;
        if (s[i] == '[' && match_link(s + i, n - i, &label, &total)) {
            sb_append(sb, s + i + 1, label);
            i += total;
        } else {
            sb_append(sb, s + i, 1);
            i++;
        }
    }
}

/* Joins one printed line to a paragraph being built. */
static void
join_printed(struct strbuf *para, const char *s, size_t n)
{
    struct strbuf line = STRBUF_INIT;
    put_unlinked(&line, s, n);
    seg_join(para, sb_str(&line), line.len);
    sb_free(&line);
}

static void
set_printed(cJSON *node, const char *key, const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    join_printed(&sb, s, n);
    seg_set_strn(node, key, sb_str(&sb), sb.len);
    sb_free(&sb);
}

static void
append_text(cJSON *node, const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, seg_text(node));
    join_printed(&sb, s, n);
    seg_set_strn(node, "text", sb_str(&sb), sb.len);
    sb_free(&sb);
}

/* True when s ends a sentence or a clause: its last character, before any footnote marker
 * and closing quotes, is one of 。！？；： (or the ASCII forms). A paragraph that does not
 * was cut by the page (and its footnotes) and goes on in a later line. */
static bool
is_closed(const char *s, size_t n)
{
    static const unsigned closers[] = {0x201D, 0x2019, 0x300D, 0x300F};
    static const unsigned finals[] = {0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A,
                                      '.',    '!',    '?',    ';',    ':'};
    unsigned cp;
    while ((cp = seg_last_cp(s, n)) != 0 &&
           (is_superscript_cp(cp) || cp_in(cp, closers, sizeof closers / sizeof *closers)))
        n -= cp_len(cp);
    return cp != 0 && cp_in(cp, finals, sizeof finals / sizeof *finals);
}

/* A title is short text without the punctuation of a sentence. */
static bool
is_title(const char *s, size_t n)
{
    static const char *const marks[] = {"。", "，", "；", "：", "！", "？"};
    if (n == 0)
        return false;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (find_str(s, n, marks[i]) < n)
            return false;
    return true;
}

/* --- Line shapes ------------------------------------------------------------------------ */

/* Splits "LABEL. REST" where LABEL is s[0..k): a full stop and a space must follow it. */
static bool
split_numbered(const char *s, size_t n, size_t k, struct numbered *out)
{
    if (k == 0 || k + 1 >= n || s[k] != '.')
        return false;
    size_t sp = space_at(s + k + 1, n - k - 1);
    if (sp == 0)
        return false;
    out->label_len = k;
    out->rest = s + k + 1 + sp;
    out->rest_len = n - k - 1 - sp;
    out->rest = seg_trim(out->rest, &out->rest_len);
    return out->rest_len > 0;
}

/* "一. 引言": a chapter heading. */
static bool
match_chapter(const char *s, size_t n, struct numbered *h)
{
    size_t len;
    h->number = seg_cjk_numeral(s, n, &len);
    return h->number > 0 && split_numbered(s, n, len, h) && is_title(h->rest, h->rest_len);
}

/* "A. 一般性讨论": a section heading. */
static bool
match_section(const char *s, size_t n, struct numbered *h)
{
    if (n == 0 || s[0] < 'A' || s[0] > 'Z')
        return false;
    h->number = s[0] - 'A' + 1;
    return split_numbered(s, n, 1, h) && is_title(h->rest, h->rest_len);
}

/* "7. 专家组讨论了...": a numbered paragraph. */
static bool
match_numbered(const char *s, size_t n, struct numbered *h)
{
    size_t k = 0;
    h->number = 0;
    while (k < n && k < 4 && s[k] >= '0' && s[k] <= '9')
        h->number = h->number * 10 + (s[k++] - '0');
    return h->number > 0 && split_numbered(s, n, k, h);
}

/* "- text" or "• text": a list item. */
static bool
match_bullet(const char *s, size_t n, struct numbered *h)
{
    size_t k = seg_starts_with(s, n, "- ") ? 1 : seg_starts_with(s, n, "• ") ? 3 : 0;
    if (k == 0)
        return false;
    h->number = 0;
    h->label_len = k;
    h->rest_len = n - k;
    h->rest = seg_trim(s + k, &h->rest_len);
    return h->rest_len > 0;
}

/* "附件一" alone on its line: an annex; its title is the next line. A report with one annex
 * prints "附件" with no number (number 0). */
static bool
match_annex(const char *s, size_t n, struct numbered *h)
{
    static const char annex[] = "附件";
    size_t k = sizeof annex - 1, len;
    if (!seg_starts_with(s, n, annex))
        return false;
    h->number = seg_cjk_numeral(s + k, n - k, &len);
    h->label_len = n;
    return k + len == n;
}

static size_t
open_paren_at(const char *s, size_t n)
{
    return n >= 1 && s[0] == '(' ? 1 : seg_starts_with(s, n, "（") ? 3 : 0;
}

static size_t
close_paren_at(const char *s, size_t n)
{
    return n >= 1 && s[0] == ')' ? 1 : seg_starts_with(s, n, "）") ? 3 : 0;
}

/* "王昶(中国)": a name and a known country in parentheses closing the line. */
static bool
match_expert_entry(const struct report *r, const char *s, size_t n, struct entry *e)
{
    size_t close = n >= 1 && s[n - 1] == ')' ? 1 : n >= 3 && close_paren_at(s + n - 3, 3) ? 3 : 0;
    size_t open = n, olen = 0;
    for (size_t i = 0; i + close < n; i++)
        if (open_paren_at(s + i, n - i)) {
            open = i;
            olen = open_paren_at(s + i, n - i);
        }
    if (close == 0 || open >= n)
        return false;
    e->country = s + open + olen;
    e->country_len = n - close - open - olen;
    e->c = facts_country_named(r->ctx->facts, e->country, e->country_len);
    e->name_len = open;
    e->name = seg_trim(s, &e->name_len);
    return e->c != NULL && e->name_len > 0;
}

/* "(第一和第二届会议)": a line in parentheses naming sessions by ordinal (第 + numeral);
 * 至 between two ordinals is a range. Returns the set of sessions as bits, 0 for no note. */
static unsigned
sessions_note_mask(const char *s, size_t n)
{
    size_t ol = open_paren_at(s, n), cl = n >= 1 && s[n - 1] == ')' ? 1 : 3;
    if (ol == 0 || n < ol + cl || close_paren_at(s + n - cl, cl) != cl)
        return 0;
    const char *p = s + ol;
    size_t m = n - ol - cl, len;
    unsigned mask = 0;
    int prev = 0, v;
    bool range = false;
    for (size_t i = 0; i < m;) {
        if (seg_starts_with(p + i, m - i, "第") &&
            (v = seg_cjk_numeral(p + i + 3, m - i - 3, &len)) > 0 && v < 32) {
            for (int k = range ? prev : v; k <= v; k++)
                mask |= 1u << k;
            prev = v;
            range = false;
            i += 3 + len;
        } else if (seg_starts_with(p + i, m - i, "至")) {
            range = prev > 0;
            i += 3;
        } else {
            i++;
        }
    }
    return mask;
}

/* --- Classifying lines ------------------------------------------------------------------ */

static void
add_footnote(struct report *r, size_t i, size_t marker, int number)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    for (size_t k = 0; k < r->nfns; k++)
        if (r->fns[k].number == number) {
            fail(r, lineno_of(r, i), "a second footnote %.*s", (int)marker, s);
            return;
        }
    r->fns = xgrow(r->fns, &r->fns_cap, r->nfns + 1, sizeof *r->fns);
    struct footnote *fn = &r->fns[r->nfns++];
    struct strbuf text = STRBUF_INIT;
    join_printed(&text, s + marker, n - marker);
    *fn = (struct footnote){number, xstrndup(s, marker), sb_detach(&text), lineno_of(r, i), NULL};
}

/* --- Tables ------------------------------------------------------------------------------ */

/* How a line shows its columns: tabs, or gaps of spaces where a table's tabs became spaces. */
enum gaps { GAPS_NONE, GAPS_SPACES, GAPS_TABS };

/* The length of a run of two or more spaces (ASCII or U+3000) at s, 0 when there is none. */
static size_t
space_gap_at(const char *s, size_t n)
{
    size_t k = 0, units = 0, sp;
    while ((sp = space_at(s + k, n - k)) > 0) {
        k += sp;
        units++;
    }
    return units >= 2 ? k : 0;
}

/* Normalisation took trailing whitespace off, so a gap has text after it. */
static enum gaps
line_gaps(const struct seg_line *line)
{
    if (memchr(line->s, '\t', line->n) != NULL)
        return GAPS_TABS;
    for (size_t i = 0; i < line->n; i++)
        if (space_gap_at(line->s + i, line->n - i) > 0)
            return GAPS_SPACES;
    return GAPS_NONE;
}

/* Lines with gaps of spaces are rows when another line of their block (the lines between two
 * blank lines) has a gap too: one line with two spaces in it is no table. Returns the end of
 * the block that starts at i. */
static size_t
mark_space_rows(struct report *r, size_t i)
{
    size_t end = i, ngaps = 0;
    for (; end < r->nlines && r->cls[end] != LC_BLANK; end++)
        ngaps += line_gaps(&r->lines[end]) != GAPS_NONE;
    for (size_t k = i; ngaps >= 2 && k < end; k++)
        if (r->cls[k] == LC_TEXT && line_gaps(&r->lines[k]) == GAPS_SPACES)
            r->cls[k] = LC_TABLE;
    return end;
}

/* The length of the field at s: up to the next tab in a row with tabs, else up to the next
 * gap of spaces. */
static size_t
field_len(const char *s, size_t n, bool tabs)
{
    size_t k = 0;
    while (k < n && (tabs ? s[k] != '\t' : space_gap_at(s + k, n - k) == 0))
        k++;
    return k;
}

/* The fields of a row, trimmed, as strings. */
static cJSON *
row_fields(const struct seg_line *line)
{
    cJSON *arr = cJSON_CreateArray();
    bool tabs = memchr(line->s, '\t', line->n) != NULL;
    const char *s = line->s;
    size_t n = line->n;
    for (;;) {
        size_t k = field_len(s, n, tabs), m = k;
        const char *f = seg_trim(s, &m);
        char *copy = xstrndup(f, m);
        cJSON_AddItemToArray(arr, cJSON_CreateString(copy));
        free(copy);
        if (k >= n)
            return arr;
        size_t gap = tabs ? 1 : space_gap_at(s + k, n - k);
        s += k + gap;
        n -= k + gap;
    }
}

static bool
ends_in_page_number(const struct seg_line *line)
{
    cJSON *fields = row_fields(line);
    const char *last = cJSON_GetArrayItem(fields, cJSON_GetArraySize(fields) - 1)->valuestring;
    size_t k = strspn(last, "0123456789");
    bool paged = k > 0 && last[k] == '\0';
    cJSON_Delete(fields);
    return paged;
}

/* The line after the last row of the table whose first row is at i: blank lines between rows
 * are inside the table. */
static size_t
table_end(const struct report *r, size_t i)
{
    size_t end = i;
    while (i < r->nlines && (r->cls[i] == LC_TABLE || r->cls[i] == LC_BLANK))
        if (r->cls[i++] == LC_TABLE)
            end = i;
    return end;
}

/* A table is the table of contents when most of its rows end in a page number. */
static bool
is_toc_block(const struct report *r, size_t start, size_t end)
{
    size_t paged = 0, rows = 0;
    for (size_t i = start; i < end; i++)
        if (r->cls[i] == LC_TABLE) {
            paged += ends_in_page_number(&r->lines[i]);
            rows++;
        }
    return paged * 2 > rows;
}

/* Rows with gaps of spaces, block by block (a table of contents whose 附件 lost its trailing
 * tab is two tables, and 附件 their heading: both are dropped). */
static void
mark_rows(struct report *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        if (r->cls[i] != LC_BLANK)
            i = mark_space_rows(r, i);
}

/* Marks a table of contents, and the heading line before it (目录), as dropped. */
static void
mark_tables(struct report *r)
{
    for (size_t i = 0; i < r->nlines;) {
        if (r->cls[i] != LC_TABLE) {
            i++;
            continue;
        }
        size_t end = table_end(r, i);
        if (is_toc_block(r, i, end)) {
            for (size_t k = i; k < end; k++)
                if (r->cls[k] == LC_TABLE)
                    r->cls[k] = LC_TOC;
            size_t h = i, n;
            while (h > 0 && r->cls[h - 1] == LC_BLANK)
                h--;
            if (h > 0 && r->cls[h - 1] == LC_TEXT) {
                const char *s = line_at(r, h - 1, &n);
                if (is_title(s, n) && seg_width(s, n) <= 20)
                    r->cls[h - 1] = LC_TOC;
            }
        }
        i = end;
    }
}

static void
classify_lines(struct report *r)
{
    for (size_t i = 0; i < r->nlines; i++) {
        size_t n, marker;
        int number;
        const char *s = line_at(r, i, &n);
        if (n == 0)
            r->cls[i] = LC_BLANK;
        else if (line_gaps(&r->lines[i]) == GAPS_TABS)
            r->cls[i] = LC_TABLE;
        else if ((marker = footnote_marker(s, n, &number)) > 0) {
            r->cls[i] = LC_FOOTNOTE;
            add_footnote(r, i, marker, number);
        } else
            r->cls[i] = LC_TEXT;
    }
    mark_rows(r);
    mark_tables(r);
}

/* --- The expert list -------------------------------------------------------------------- */

/* The group of the list for the entry's country, made on its first expert. */
static cJSON *
expert_group(struct report *r, const struct entry *e, int line)
{
    cJSON *group;
    char *address = xasprintf("%s.%s", node_address(r->expert_list), e->c->iso3);
    cJSON_ArrayForEach(group, cJSON_GetObjectItemCaseSensitive(
                                  r->expert_list, "children")) if (strcmp(node_address(group),
                                                                          address) == 0) break;
    if (group == NULL) {
        group = seg_node_new(address, "expert-list", line);
        seg_set_strn(group, "title", e->country, e->country_len);
        seg_add_child(r->expert_list, group);
    }
    free(address);
    return group;
}

static void
set_sessions(cJSON *node, unsigned mask)
{
    cJSON *arr = cJSON_AddArrayToObject(node, "sessions");
    for (int k = 1; k < 32; k++)
        if (mask & (1u << k))
            cJSON_AddItemToArray(arr, cJSON_CreateNumber(k));
}

static void
remember_expert(struct report *r, const struct entry *e, const cJSON *node)
{
    r->experts = xgrow(r->experts, &r->experts_cap, r->nexperts + 1, sizeof *r->experts);
    struct expert *x = &r->experts[r->nexperts++];
    x->name = xstrndup(e->name, e->name_len);
    snprintf(x->iso3, sizeof x->iso3, "%s", e->c->iso3);
    x->address = xstrdup(node_address(node));
}

/* The role: the lines after the entry (and its sessions note) up to the next entry or the
 * first full sentence, which ends the list. Returns the last line used. */
static size_t
read_role(struct report *r, cJSON *node, size_t i, size_t end)
{
    struct strbuf role = STRBUF_INIT;
    struct entry e;
    size_t n, last = i;
    for (size_t j = next_of(r, i + 1, end, LC_TEXT); j < end; j = next_of(r, j + 1, end, LC_TEXT)) {
        const char *s = line_at(r, j, &n);
        if (match_expert_entry(r, s, n, &e) || is_closed(s, n))
            break;
        join_printed(&role, s, n);
        last = j;
    }
    seg_set_strn(node, "role", sb_str(&role), role.len);
    /* 候补专家: an alternate expert (ndvr-tree(5)). */
    seg_set_bool(node, "alternate", find_str(sb_str(&role), role.len, "候补专家") < role.len);
    sb_free(&role);
    return last;
}

/* One expert: the entry line at i, an optional sessions note, the role. Returns the last
 * line used; the sessions any note names are added to *noted. */
static size_t
parse_expert(struct report *r, size_t i, size_t end, unsigned *noted)
{
    size_t n;
    struct entry e;
    const char *s = line_at(r, i, &n);
    match_expert_entry(r, s, n, &e);
    cJSON *group = expert_group(r, &e, lineno_of(r, i));
    cJSON *node = new_node("expert", lineno_of(r, i), "%s.%d", node_address(group),
                           cJSON_GetArraySize(cJSON_GetObjectItem(group, "children")) + 1);
    seg_set_strn(node, "name", e.name, e.name_len);
    seg_set_strn(node, "country", e.country, e.country_len);
    seg_set_str(node, "iso3", e.c->iso3);
    size_t j = next_of(r, i + 1, end, LC_TEXT);
    const char *note = j < end ? line_at(r, j, &n) : "";
    unsigned mask = j < end ? sessions_note_mask(note, n) : 0;
    if (mask != 0) {
        set_sessions(node, mask);
        seg_set_strn(node, "sessions_note", note, n);
        *noted |= mask;
        i = j;
    }
    seg_add_child(group, node);
    remember_expert(r, &e, node);
    return read_role(r, node, i, end);
}

/* An expert with no sessions note attended them all: every session a note names. */
static void
fill_sessions(cJSON *list, unsigned noted)
{
    unsigned all = 0;
    for (int k = 1; k < 32; k++)
        if (noted >> k)
            all |= 1u << k;
    cJSON *group, *expert;
    cJSON_ArrayForEach(group, cJSON_GetObjectItemCaseSensitive(list, "children"))
        cJSON_ArrayForEach(
            expert,
            cJSON_GetObjectItemCaseSensitive(
                group, "children")) if (cJSON_GetObjectItemCaseSensitive(expert, "sessions") ==
                                        NULL) set_sessions(expert, all != 0 ? all : 1u << 1);
}

/* The list of experts starting at line i, one group per country in list order. Returns the
 * last line of the list. */
static size_t
parse_expert_list(struct report *r, cJSON *part, size_t i, size_t end)
{
    struct entry e;
    size_t n, last = i;
    unsigned noted = 0;
    r->expert_list = new_node("expert-list", lineno_of(r, i), "%s#experts", r->ctx->symbol);
    seg_add_child(part, r->expert_list);
    while (i < end) {
        const char *s = line_at(r, i, &n);
        if (!match_expert_entry(r, s, n, &e))
            break;
        last = parse_expert(r, i, end, &noted);
        i = next_of(r, last + 1, end, LC_TEXT);
    }
    fill_sessions(r->expert_list, noted);
    return last;
}

/* --- Front matter: the cover, then parts such as 摘要, 秘书长的前言, 送文函 ------------------- */

/* ndvr-tree(5) names the front-matter parts by what they are; a part is known by the word its
 * heading ends with (摘要 summary, 前言 foreword, 函 letter). Others are #front1, ... */
static const struct {
    const char *suffix, *name;
} front_parts[] = {{"摘要", "summary"}, {"前言", "foreword"}, {"函", "letter"}};

struct front_names {
    unsigned used; /* the front_parts already named */
    int nunnamed;
};

static cJSON *
new_front_part(struct report *r, const char *title, size_t n, int line, struct front_names *fn)
{
    size_t nparts = sizeof front_parts / sizeof *front_parts;
    for (size_t k = 0; k < nparts; k++) {
        size_t m = strlen(front_parts[k].suffix);
        if (n >= m && memcmp(title + n - m, front_parts[k].suffix, m) == 0 &&
            !(fn->used & (1u << k))) {
            fn->used |= 1u << k;
            return new_node("front-matter", line, "%s#%s", r->ctx->symbol, front_parts[k].name);
        }
    }
    return new_node("front-matter", line, "%s#front%d", r->ctx->symbol, ++fn->nunnamed);
}

/* A part's heading is a short line without sentence punctuation that a full sentence
 * follows (a signature line is followed by another short line, or by the first chapter). */
static bool
is_front_heading(const struct report *r, size_t i, size_t end)
{
    size_t n, m;
    const char *s = line_at(r, i, &n);
    size_t j = next_of(r, i + 1, end, LC_TEXT);
    if (!is_title(s, n) || seg_width(s, n) > 30 || j >= end)
        return false;
    const char *next = line_at(r, j, &m);
    return is_closed(next, m);
}

static void
add_front_paragraph(struct report *r, cJSON *part, size_t i)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    int k = 1;
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(part, "children")) k +=
        strcmp(cJSON_GetObjectItem(child, "kind")->valuestring, "paragraph") == 0;
    cJSON *para = new_node("paragraph", lineno_of(r, i), "%s.p%d", node_address(part), k);
    set_printed(para, "text", s, n);
    seg_add_child(part, para);
}

/* A header line of the cover (the session, the agenda item and its title, the body's name,
 * "秘书长的说明"): a line no longer than a heading runs, not ending as a sentence does. A
 * colon inside ("全面彻底裁军：核裁军核查") is an agenda title's, so only the end counts. */
static bool
is_cover_header(const char *s, size_t n)
{
    return seg_width(s, n) <= COVER_HEADER_COLS && !is_closed(s, n);
}

static void
add_cover_heading(struct report *r, cJSON *cover, size_t i, int k)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    cJSON *heading = new_node("heading", lineno_of(r, i), "%s.h%d", node_address(cover), k);
    set_printed(heading, "title", s, n);
    seg_add_child(cover, heading);
}

/* The cover's lines before its title: the header lines it opens with are headings; from the
 * first line that is no header line (the note's text), every line is a paragraph, even a
 * short one such as a signature. Returns the number of headings. */
static int
add_cover_lines(struct report *r, cJSON *cover, size_t first, size_t title)
{
    int nheadings = 0;
    size_t i = first, n;
    for (; i < title; i = next_of(r, i + 1, title, LC_TEXT)) {
        const char *s = line_at(r, i, &n);
        if (!is_cover_header(s, n))
            break;
        add_cover_heading(r, cover, i, ++nheadings);
    }
    for (; i < title; i = next_of(r, i + 1, title, LC_TEXT))
        add_front_paragraph(r, cover, i);
    return nheadings;
}

/* The cover: the lines before the report's title, which is the first line after the cover's
 * footnote. The title is the cover's last heading and the document's title. Returns the
 * title's line, or end when there is no front matter. */
static size_t
build_cover(struct report *r, size_t end)
{
    size_t first_fn = next_of(r, 0, end, LC_FOOTNOTE);
    size_t title = next_of(r, first_fn < end ? first_fn : 0, end, LC_TEXT);
    size_t first = next_of(r, 0, end, LC_TEXT), n;
    struct numbered h;
    if (title >= end)
        return end;
    const char *s = line_at(r, title, &n);
    if (match_numbered(s, n, &h)) {
        fail(r, lineno_of(r, title), "numbered paragraph %d before the first chapter", h.number);
        return end;
    }
    cJSON *cover = new_node("front-matter", lineno_of(r, first), "%s#cover", r->ctx->symbol);
    seg_add_child(r->doc, cover);
    int nheadings = add_cover_lines(r, cover, first, title);
    add_cover_heading(r, cover, title, nheadings + 1);
    set_printed(r->doc, "title", s, n);
    return title;
}

static bool
build_front(struct report *r, size_t end)
{
    size_t title = build_cover(r, end), n;
    if (r->failed)
        return false;
    cJSON *part = cJSON_GetArrayItem(cJSON_GetObjectItem(r->doc, "children"), 0);
    struct front_names names = {0};
    struct entry e;
    struct numbered h;
    for (size_t i = title + 1; i < end && !r->failed; i++) {
        const char *s = line_at(r, i, &n);
        if (r->cls[i] == LC_TABLE)
            return fail(r, lineno_of(r, i), "a table before the first chapter");
        if (r->cls[i] != LC_TEXT)
            continue;
        if (r->expert_list == NULL && match_expert_entry(r, s, n, &e)) {
            /* the first run of entries is the list; a later line of that shape is text */
            i = parse_expert_list(r, part, i, end);
        } else if (match_numbered(s, n, &h)) {
            return fail(r, lineno_of(r, i), "numbered paragraph %d before the first chapter",
                        h.number);
        } else if (is_front_heading(r, i, end)) {
            part = new_front_part(r, s, n, lineno_of(r, i), &names);
            seg_set_strn(part, "title", s, n);
            seg_add_child(r->doc, part);
        } else {
            add_front_paragraph(r, part, i);
        }
    }
    return !r->failed;
}

/* --- The body: chapters, sections, paragraphs, items, annexes, the table of papers ------- */

static cJSON *
container(const struct body *b)
{
    return b->section != NULL ? b->section : b->part;
}

static void
set_open(struct body *b, cJSON *node)
{
    const char *t = seg_text(node);
    b->open = is_closed(t, strlen(t)) ? NULL : node;
}

static void
start_part(struct report *r, struct body *b, cJSON *part)
{
    seg_add_child(r->doc, part);
    b->part = part;
    b->section = b->para = b->open = NULL;
    b->last_section = 0;
    b->nloose = 0;
}

static bool
start_chapter(struct report *r, struct body *b, size_t i, const struct numbered *h)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    if (b->in_annex)
        return fail(r, lineno_of(r, i), "chapter %.*s after an annex", (int)h->label_len, s);
    if (h->number <= b->last_chapter)
        return fail(r, lineno_of(r, i), "chapter %.*s out of order", (int)h->label_len, s);
    b->last_chapter = h->number;
    cJSON *ch = new_node("chapter", lineno_of(r, i), "%s#ch%d", r->ctx->symbol, h->number);
    seg_set_strn(ch, "label", s, h->label_len);
    set_printed(ch, "title", h->rest, h->rest_len);
    start_part(r, b, ch);
    return true;
}

/* Annexes are numbered up from the first; an unnumbered annex is the only one. */
static bool
annex_in_order(const struct body *b, int number)
{
    if (!b->in_annex)
        return true;
    return number > b->last_annex && b->last_annex > 0;
}

/* An annex: its label line at i and its title on the next line. Returns the title's line. */
static size_t
start_annex(struct report *r, struct body *b, size_t i, const struct numbered *h)
{
    size_t n, m;
    const char *s = line_at(r, i, &n);
    size_t t = next_of(r, i + 1, r->nlines, LC_TEXT);
    if (!annex_in_order(b, h->number)) {
        fail(r, lineno_of(r, i), "annex %.*s out of order", (int)n, s);
        return r->nlines;
    }
    if (t >= r->nlines) {
        fail(r, lineno_of(r, i), "annex %.*s has no title", (int)n, s);
        return r->nlines;
    }
    b->last_annex = h->number;
    b->in_annex = true;
    b->last_para = 0;
    cJSON *annex = h->number > 0
                       ? new_node("annex", lineno_of(r, i), "%s#annex%d", r->ctx->symbol, h->number)
                       : new_node("annex", lineno_of(r, i), "%s#annex", r->ctx->symbol);
    seg_set_strn(annex, "label", s, n);
    const char *title = line_at(r, t, &m);
    set_printed(annex, "title", title, m);
    start_part(r, b, annex);
    return t;
}

static bool
start_section(struct report *r, struct body *b, size_t i, const struct numbered *h)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    if (h->number <= b->last_section)
        return fail(r, lineno_of(r, i), "section %c out of order", s[0]);
    b->last_section = h->number;
    b->section = new_node("section", lineno_of(r, i), "%s.%c", node_address(b->part), s[0]);
    seg_set_strn(b->section, "label", s, h->label_len);
    set_printed(b->section, "title", h->rest, h->rest_len);
    seg_add_child(b->part, b->section);
    b->para = b->open = NULL;
    b->nloose = 0;
    return true;
}

/* A numbered paragraph: #pN in the body, #annexK.pN in an annex. */
static bool
start_paragraph(struct report *r, struct body *b, size_t i, const struct numbered *h)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    if (h->number <= b->last_para)
        return fail(r, lineno_of(r, i), "paragraph %d follows paragraph %d", h->number,
                    b->last_para);
    b->last_para = h->number;
    cJSON *para =
        b->in_annex
            ? new_node("paragraph", lineno_of(r, i), "%s.p%d", node_address(b->part), h->number)
            : new_node("paragraph", lineno_of(r, i), "%s#p%d", r->ctx->symbol, h->number);
    seg_set_strn(para, "label", s, h->label_len);
    seg_set_int(para, "number", h->number);
    set_printed(para, "text", h->rest, h->rest_len);
    seg_add_child(container(b), para);
    b->para = para;
    b->nitems = 0;
    set_open(b, para);
    return true;
}

static bool
add_item(struct report *r, struct body *b, size_t i, const struct numbered *h)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    if (b->para == NULL)
        return fail(r, lineno_of(r, i), "list item with no paragraph before it");
    cJSON *item = new_node("item", lineno_of(r, i), "%s.%d", node_address(b->para), ++b->nitems);
    seg_set_strn(item, "label", s, h->label_len);
    set_printed(item, "text", h->rest, h->rest_len);
    seg_add_child(b->para, item);
    set_open(b, item);
    return true;
}

/* A line with no number, bullet or heading goes on with a paragraph (or item) whose sentence
 * a page break and its footnotes cut; otherwise it is a paragraph of its own. */
static void
add_unnumbered(struct report *r, struct body *b, size_t i)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    if (b->open != NULL) {
        append_text(b->open, s, n);
        set_open(b, b->open);
        return;
    }
    cJSON *parent = container(b);
    cJSON *para =
        new_node("paragraph", lineno_of(r, i), "%s.p%d", node_address(parent), ++b->nloose);
    set_printed(para, "text", s, n);
    seg_add_child(parent, para);
    b->para = para;
    b->nitems = 0;
    set_open(b, para);
}

/* A row of the table of papers is a UN symbol, then a title: a row that is not was misread. */
static bool
check_paper_row(struct report *r, size_t i, const char *symbol, const cJSON *title)
{
    enum seg_symbol_kind kind;
    if (symbol[0] == '\0' || title == NULL)
        return fail(r, lineno_of(r, i), "a table row without a symbol and a title");
    if (seg_match_symbol(symbol, strlen(symbol), &kind) != strlen(symbol))
        return fail(r, lineno_of(r, i), "a working paper whose symbol \"%s\" is not a UN symbol",
                    symbol);
    return true;
}

static bool
add_paper(struct report *r, cJSON *list, size_t i)
{
    cJSON *fields = row_fields(&r->lines[i]);
    const char *symbol = cJSON_GetArrayItem(fields, 0)->valuestring;
    const cJSON *title = cJSON_GetArrayItem(fields, 1);
    if (!check_paper_row(r, i, symbol, title)) {
        cJSON_Delete(fields);
        return false;
    }
    cJSON *paper = seg_node_new(symbol, "working-paper", lineno_of(r, i));
    seg_set_str(paper, "symbol", symbol);
    set_printed(paper, "title", title->valuestring, strlen(title->valuestring));
    seg_set_bool(paper, "cited", false);
    seg_add_child(list, paper);
    r->papers = xgrow(r->papers, &r->papers_cap, r->npapers + 1, sizeof *r->papers);
    r->papers[r->npapers++] = paper;
    cJSON_Delete(fields);
    return true;
}

/* The table of working papers: a header row of column names, then one row per paper (its
 * symbol, its title). Returns the last row's line. */
static size_t
build_table(struct report *r, struct body *b, size_t i)
{
    size_t end = table_end(r, i);
    if (r->paper_list != NULL) {
        fail(r, lineno_of(r, i), "a second table");
        return end;
    }
    r->paper_list = new_node("working-paper-list", lineno_of(r, i), "%s#papers", r->ctx->symbol);
    cJSON_AddItemToObject(r->paper_list, "columns", row_fields(&r->lines[i]));
    seg_add_child(container(b), r->paper_list);
    for (size_t k = next_of(r, i + 1, end, LC_TABLE); k < end && add_paper(r, r->paper_list, k);
         k = next_of(r, k + 1, end, LC_TABLE))
        ;
    b->para = b->open = NULL;
    return end - 1;
}

/* Reads the body line at i. Returns the last line used. */
static size_t
body_line(struct report *r, struct body *b, size_t i)
{
    size_t n;
    const char *s = line_at(r, i, &n);
    struct numbered h;
    if (r->cls[i] == LC_TABLE)
        return build_table(r, b, i);
    if (match_chapter(s, n, &h))
        start_chapter(r, b, i, &h);
    else if (match_annex(s, n, &h))
        return start_annex(r, b, i, &h);
    else if (match_section(s, n, &h))
        start_section(r, b, i, &h);
    else if (match_numbered(s, n, &h))
        start_paragraph(r, b, i, &h);
    else if (match_bullet(s, n, &h))
        add_item(r, b, i, &h);
    else
        add_unnumbered(r, b, i);
    return i;
}

static bool
build_body(struct report *r, size_t start)
{
    struct body b = {0};
    for (size_t i = start; i < r->nlines && !r->failed; i++)
        if (r->cls[i] == LC_TEXT || r->cls[i] == LC_TABLE)
            i = body_line(r, &b, i);
    return !r->failed;
}

/* --- Footnotes -------------------------------------------------------------------------- */

static int
cmp_footnote(const void *a, const void *b)
{
    const struct footnote *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

static void
add_footnote_nodes(struct report *r)
{
    if (r->nfns > 1)
        qsort(r->fns, r->nfns, sizeof *r->fns, cmp_footnote);
    for (size_t k = 0; k < r->nfns; k++) {
        struct footnote *fn = &r->fns[k];
        fn->node = new_node("footnote", fn->lineno, "%s#fn%d", r->ctx->symbol, fn->number);
        seg_set_str(fn->node, "label", fn->label);
        seg_set_int(fn->node, "number", fn->number);
        seg_set_str(fn->node, "text", fn->text);
        seg_add_child(r->doc, fn->node);
    }
}

static const struct footnote *
footnote_numbered(const struct report *r, int number)
{
    for (size_t k = 0; k < r->nfns; k++)
        if (r->fns[k].number == number)
            return &r->fns[k];
    return NULL;
}

/* The marker at text[i] (superscript digits, or the label of a note marked with a symbol):
 * its footnote and length in *len, or NULL. */
static const struct footnote *
marker_at(const struct report *r, const char *text, size_t i, size_t n, size_t *len)
{
    int number;
    *len = superscript_run(text + i, n - i, &number);
    if (*len > 0)
        return footnote_numbered(r, number);
    for (size_t k = 0; k < r->nfns; k++)
        if (r->fns[k].number == 0 && seg_starts_with(text + i, n - i, r->fns[k].label)) {
            *len = strlen(r->fns[k].label);
            return &r->fns[k];
        }
    return NULL;
}

/* References for the footnote markers in a node's text, or in its title (a cover's header
 * line "暂定项目表*" is a heading). */
static void
add_markers(struct report *r, cJSON *node, bool in_title)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(node, in_title ? "title" : "text");
    const char *text = cJSON_IsString(t) ? t->valuestring : "";
    size_t n = strlen(text), len;
    for (size_t i = 0; i < n && !r->failed; i += len ? len : 1) {
        const struct footnote *fn = marker_at(r, text, i, n, &len);
        if (fn != NULL && in_title)
            seg_add_title_ref(node, node_address(fn->node), "footnote", false, (long)i, (long)len);
        else if (fn != NULL)
            seg_add_ref(node, node_address(fn->node), "footnote", false, (long)i, (long)len);
        else if (len > 0)
            fail(r, node_line(node), "footnote marker %.*s has no footnote", (int)len, text + i);
    }
}

/* Footnote references for the markers in every node's title and text but the footnotes' (and
 * the document's title, a copy of the title heading's). */
static void
add_footnote_refs(struct report *r, cJSON *node)
{
    const char *kind = cJSON_GetObjectItem(node, "kind")->valuestring;
    if (strcmp(kind, "footnote") == 0)
        return;
    if (strcmp(kind, "document") != 0)
        add_markers(r, node, true);
    add_markers(r, node, false);
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        add_footnote_refs(r, child);
}

/* --- Working papers' submitters --------------------------------------------------------- */

/* True when a footnote's name for an expert fits the listed name: the listed name an alias
 * gives, else a Latin surname ending the listed name, else a one-character Chinese surname
 * starting it. */
static bool
name_fits(const char *listed, const char *alias_of, const char *name, size_t n)
{
    size_t m = strlen(listed);
    unsigned first = seg_first_cp(name, n);
    if (alias_of != NULL)
        return strcmp(listed, alias_of) == 0;
    if (!seg_is_wide(first) && !seg_is_wide(seg_last_cp(name, n)))
        return m > n && listed[m - n - 1] == ' ' && memcmp(listed + m - n, name, n) == 0;
    if (seg_is_wide(first) && cp_len(first) == n)
        return m > n && memcmp(listed, name, n) == 0;
    return false;
}

/* The address of the listed expert of country iso3 a footnote's name stands for; NULL when
 * none or more than one fits. */
static const char *
match_expert(const struct report *r, const char *name, size_t n, const char *iso3)
{
    const char *alias_of = facts_expert_alias(r->ctx->facts, name, n), *found = NULL;
    for (size_t k = 0; k < r->nexperts; k++) {
        const struct expert *x = &r->experts[k];
        if (strcmp(x->iso3, iso3) != 0 || !name_fits(x->name, alias_of, name, n))
            continue;
        if (found != NULL)
            return NULL;
        found = x->address;
    }
    return found;
}

/* The name of the group whose "(" is at text[open]: after the previous group (text[from]),
 * the separator 、 or 和 or the footnote's opening 见 ("see"), without a trailing honorific. */
static bool
read_submitter(const struct report *r, const char *text, size_t from, size_t open,
               struct submitter *sub)
{
    static const char *const leads[] = {"见", "、", "和"};
    size_t n = open - from;
    const char *s = seg_trim(text + from, &n);
    for (size_t k = 0; k < sizeof leads / sizeof *leads; k++)
        if (seg_starts_with(s, n, leads[k])) {
            s += strlen(leads[k]);
            n -= strlen(leads[k]);
            break;
        }
    s = seg_trim(s, &n);
    sub->honorific = NULL;
    sub->honorific_len = 0;
    for (size_t k = 1; k < n; k++)
        if (facts_match_honorific(r->ctx->facts, s + k, n - k) == n - k) {
            sub->honorific = s + k;
            sub->honorific_len = n - k;
            n = k;
            s = seg_trim(s, &n);
            break;
        }
    sub->at = (size_t)(s - text);
    sub->len = n;
    return n > 0;
}

/* The NAME[ HONORIFIC](COUNTRY) groups of text[start..stop); the expert references go on
 * the footnote. Returns how many were read into subs. */
static size_t
read_submitters(const struct report *r, const struct footnote *fn, size_t start, size_t stop,
                struct submitter *subs)
{
    const char *t = fn->text;
    size_t nsubs = 0, from = start;
    for (size_t i = start; i < stop && nsubs < MAX_SUBMITTERS;) {
        size_t ol = open_paren_at(t + i, stop - i), j, cl = 0;
        if (ol == 0) {
            i++;
            continue;
        }
        for (j = i + ol; j < stop && (cl = close_paren_at(t + j, stop - j)) == 0; j++)
            ;
        if (j >= stop)
            break;
        const struct facts_country *c = facts_country_named(r->ctx->facts, t + i + ol, j - i - ol);
        struct submitter *sub = &subs[nsubs];
        if (c != NULL && read_submitter(r, t, from, i, sub)) {
            sub->country = t + i + ol;
            sub->country_len = j - i - ol;
            sub->iso3 = c->iso3;
            sub->expert = match_expert(r, t + sub->at, sub->len, c->iso3);
            if (sub->expert != NULL)
                seg_add_ref(fn->node, sub->expert, "expert", false, (long)sub->at, (long)sub->len);
            nsubs++;
        }
        if (c != NULL)
            from = j + cl;
        i = j + cl;
    }
    return nsubs;
}

static void
add_submitter(cJSON *paper, const struct footnote *fn, const struct submitter *sub)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(paper, "submitters");
    if (arr == NULL)
        arr = cJSON_AddArrayToObject(paper, "submitters");
    cJSON *obj = cJSON_CreateObject();
    seg_set_strn(obj, "name", fn->text + sub->at, sub->len);
    seg_set_strn(obj, "honorific", sub->honorific, sub->honorific_len);
    seg_set_strn(obj, "country", sub->country, sub->country_len);
    seg_set_str(obj, "iso3", sub->iso3);
    if (sub->expert != NULL)
        cJSON_AddStringToObject(obj, "expert", sub->expert);
    else
        cJSON_AddNullToObject(obj, "expert");
    cJSON_AddStringToObject(obj, "footnote", node_address(fn->node));
    cJSON_AddItemToArray(arr, obj);
}

/* True when s[0..n) holds symbol as a whole symbol ("GE-NDV/2018/1" is not in ".../12"). */
static bool
holds_symbol(const char *s, size_t n, const char *symbol)
{
    size_t k = strlen(symbol);
    for (size_t i = find_str(s, n, symbol); i < n;
         i += 1 + find_str(s + i + 1, n - i - 1, symbol)) {
        bool before = i == 0 || !(s[i - 1] == '/' || (s[i - 1] >= '0' && s[i - 1] <= '9'));
        bool after = i + k >= n || !(s[i + k] >= '0' && s[i + k] <= '9');
        if (before && after)
            return true;
    }
    return false;
}

/* One clause of a footnote citing papers: its submitters are named before 提交 ("submitted"). */
static void
link_clause(struct report *r, const struct footnote *fn, size_t start, size_t end)
{
    struct submitter subs[MAX_SUBMITTERS];
    size_t stop = start + find_str(fn->text + start, end - start, "提交");
    size_t nsubs = stop < end ? read_submitters(r, fn, start, stop, subs) : 0;
    for (size_t k = 0; k < r->npapers; k++) {
        if (!holds_symbol(fn->text + start, end - start, node_address(r->papers[k])))
            continue;
        seg_set_bool(r->papers[k], "cited", true);
        for (size_t s = 0; s < nsubs; s++)
            add_submitter(r->papers[k], fn, &subs[s]);
    }
}

/* A footnote cites several papers in clauses separated by semicolons. */
static void
link_papers(struct report *r)
{
    for (size_t k = 0; k < r->nfns; k++) {
        const char *t = r->fns[k].text;
        size_t n = strlen(t);
        for (size_t start = 0; start < n;) {
            size_t wide = find_str(t + start, n - start, "；");
            size_t ascii = find_str(t + start, n - start, ";");
            size_t end = start + (wide < ascii ? wide : ascii);
            link_clause(r, &r->fns[k], start, end);
            start = end + (wide < ascii ? 3 : 1);
        }
    }
}

/* --- Checks and the whole layout -------------------------------------------------------- */

static void
collect_nodes(cJSON *node, cJSON ***v, size_t *n, size_t *cap)
{
    *v = xgrow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = node;
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_nodes(child, v, n, cap);
}

static int
cmp_address(const void *a, const void *b)
{
    return strcmp(node_address(*(cJSON *const *)a), node_address(*(cJSON *const *)b));
}

/* Rules that meet odd text could give two nodes one address; the tree must not. */
static bool
check_unique(struct report *r)
{
    cJSON **v = NULL;
    size_t n = 0, cap = 0;
    collect_nodes(r->doc, &v, &n, &cap);
    qsort(v, n, sizeof *v, cmp_address);
    for (size_t i = 1; i < n && !r->failed; i++)
        if (strcmp(node_address(v[i - 1]), node_address(v[i])) == 0)
            fail(r, node_line(v[i]), "a second node with the address %s", node_address(v[i]));
    free(v);
    return !r->failed;
}

static size_t
find_first_chapter(const struct report *r)
{
    struct numbered h;
    size_t n;
    for (size_t i = 0; i < r->nlines; i++) {
        const char *s = line_at(r, i, &n);
        if (r->cls[i] == LC_TEXT && match_chapter(s, n, &h))
            return i;
    }
    return r->nlines;
}

static bool
build(struct report *r)
{
    classify_lines(r);
    if (r->failed)
        return false;
    if (next_of(r, 0, r->nlines, LC_TEXT) >= r->nlines)
        return fail(r, 0, "no text to segment");
    size_t body = find_first_chapter(r);
    if (!build_front(r, body))
        return false;
    if (body >= r->nlines)
        return fail(r, 0, "no chapter heading (a line such as \"一. 引言\")");
    if (!build_body(r, body))
        return false;
    add_footnote_nodes(r);
    add_footnote_refs(r, r->doc);
    link_papers(r);
    return !r->failed && check_unique(r);
}

static void
report_free(struct report *r)
{
    for (size_t k = 0; k < r->nfns; k++) {
        free(r->fns[k].label);
        free(r->fns[k].text);
    }
    for (size_t k = 0; k < r->nexperts; k++) {
        free(r->experts[k].name);
        free(r->experts[k].address);
    }
    free(r->fns);
    free(r->experts);
    free(r->papers);
    free(r->cls);
}

cJSON *
seg_layout_report(struct seg_ctx *ctx)
{
    struct report r = {.ctx = ctx, .lines = ctx->src->lines, .nlines = ctx->src->nlines};
    r.cls = xcalloc(r.nlines + 1, sizeof *r.cls);
    r.doc = seg_node_new(ctx->symbol, "document", 1);
    seg_set_str(r.doc, "symbol", ctx->symbol);
    if (!build(&r)) {
        cJSON_Delete(r.doc);
        r.doc = NULL;
    }
    report_free(&r);
    return r.doc;
}
