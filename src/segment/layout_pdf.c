/* Layout rules for a raw PDF extraction (A/72/304).
 *
 * The extraction prints every line of the PDF on a line of its own with a blank line between
 * consecutive printed lines. Where two printed lines touch (no blank between), the second
 * starts a new page or continues a printed line cut by a superscript footnote marker. A line
 * that ends a paragraph keeps the trailing blank the PDF put after it; lines inside a
 * paragraph fill the measure and have none.
 *
 * The work is done in passes:
 *   1. classify the printed lines (text, page furniture, URL annotations, footnote rules);
 *   2. pull the footnote blocks out of the text flow;
 *   3. group the remaining text lines into blocks (headings, header lines, paragraphs, items);
 *   4. build the nodes from the blocks; a paragraph indented as the list items before it are
 *      goes on with the last of them (continues_item). */
#include "segment/segment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A line that ends at this share of the measure or less is short (percent). */
#define SHORT_LINE_PERCENT 85
/* The narrowest page measure there is, in columns (20 ideographs). */
#define MIN_MEASURE 40
/* Items may nest this deep (a list inside an item of a list). */
#define MAX_ITEM_DEPTH 4

/* --- Pass 1: printed lines --------------------------------------------------------------- */

enum pline_kind {
    PL_TEXT,     /* body text */
    PL_PAGE,     /* running header or footer */
    PL_URL,      /* a URL repeated alone on a line (the PDF's link annotation) */
    PL_RULE,     /* the ______ rule above a page's footnotes */
    PL_FOOTNOTE, /* a line of a footnote block */
};

struct pline {
    const char *s; /* trimmed */
    size_t n;
    int lineno;
    int width;
    bool trail;    /* the printed line ended with a blank */
    bool adjacent; /* no blank line before it: a new page or the rest of a cut line */
    bool cut;      /* cut by a footnote marker: the printed line goes on in the next line */
    bool indented; /* whitespace before the text: the printed line starts further in (read
                      on a block's first line only: the rest of a cut line " 根据…" is none) */
    enum pline_kind kind;
};

struct footnote {
    int number;
    int lineno;
    char label[16];
    struct strbuf text;
};

enum block_kind {
    BK_CHAPTER,  /* 二. 从各国政府收到的答复 */
    BK_COUNTRY,  /* the country line of a response */
    BK_LANGUAGE, /* [原件：英文] */
    BK_DATE,     /* [2017 年 7 月 14 日] */
    BK_HEADING,  /* a short standalone line */
    BK_ITEM,     /* a line that starts with a list marker, and its continuation lines */
    BK_NUMBERED, /* 1. 在关于… */
    BK_PARAGRAPH,
};

struct block {
    enum block_kind kind;
    size_t first, last; /* indices into pdf.lines; footnote and furniture lines between are
                           not part of the block */
};

struct pdf {
    struct seg_ctx *ctx;
    struct pline *lines;
    size_t nlines;
    int measure;    /* the usual width of a full line, in columns */
    bool no_trails; /* no printed line ends in a blank: an editor took them all off */
    struct footnote *notes;
    size_t nnotes;
    struct block *blocks;
    size_t nblocks;
};

static size_t marker_at_end(const char *s, size_t n);

/* Blank after normalisation: empty, or whitespace only. */
static bool
is_blank_line(const struct seg_source *src, size_t i)
{
    return i >= src->nlines || src->lines[i].n == 0;
}

/* A line cut by a superscript marker whose printed line goes on in the next line ("网站。1",
 * " 根据…"): it ends no printed line, whatever whitespace it ends in. */
static bool
is_cut(const struct seg_source *src, size_t i)
{
    const struct seg_line *l = &src->lines[i];
    return marker_at_end(l->s, l->n) > 0 && !is_blank_line(src, i + 1);
}

/* True when the printed line ended with a blank: trailing whitespace, or, for a line cut by a
 * superscript marker, a line of whitespace right after it before the blank line that follows
 * every printed line ("责任。2", "   ", ""); not whitespace where that blank line belongs. */
static bool
has_trailing_blank(const struct seg_source *src, size_t i)
{
    const struct seg_line *l = &src->lines[i];
    if (is_cut(src, i))
        return false;
    if (l->blank_end)
        return true;
    return marker_at_end(l->s, l->n) > 0 && i + 1 < src->nlines && src->lines[i + 1].blank_end &&
           is_blank_line(src, i + 2);
}

static bool
is_url_start(const char *s, size_t n)
{
    return seg_starts_with(s, n, "http://") || seg_starts_with(s, n, "https://");
}

/* A line holding one URL and nothing else. */
static bool
is_url_only(const char *s, size_t n)
{
    if (!is_url_start(s, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || (unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static bool
is_footnote_rule(const char *s, size_t n)
{
    if (n < 5)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            return false;
    return true;
}

static size_t
count_digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    return k;
}

/* The value of the digits at s (at most 9 of them, within n bytes). */
static int
number_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n && k < 9 && s[k] >= '0' && s[k] <= '9'; k++)
        v = v * 10 + (s[k] - '0');
    return v;
}

/* One word of a page footer: a page number "5/33", a job number "17-13629" or "(C)". */
static bool
is_footer_word(const char *s, size_t n)
{
    size_t a = count_digits(s, n);
    if (a > 0 && a < n && (s[a] == '/' || s[a] == '-'))
        return a + 1 < n && a + 1 + count_digits(s + a + 1, n - a - 1) == n;
    return n == 3 && s[0] == '(' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == ')';
}

/* The running header (the document's symbol alone) or a footer made only of page and job
 * numbers. */
static bool
is_page_furniture(const char *s, size_t n, const char *symbol)
{
    if (symbol != NULL && n == strlen(symbol) && memcmp(s, symbol, n) == 0)
        return true;
    int words = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (!is_footer_word(s + i, j - i))
            return false;
        words++;
        while (j < n && s[j] == ' ')
            j++;
        i = j;
    }
    return words >= 2;
}

static int
cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The page's measure: the width most text lines reach (the 90th percentile, so that a few
 * over-long lines do not count). A page is never narrower than MIN_MEASURE columns, which keeps
 * the notion of a short line sane on a source of a few lines. */
static int
page_measure(const struct pline *lines, size_t nlines)
{
    int *widths = xcalloc(nlines + 1, sizeof *widths);
    size_t n = 0;
    for (size_t i = 0; i < nlines; i++)
        if (lines[i].kind == PL_TEXT)
            widths[n++] = lines[i].width;
    qsort(widths, n, sizeof *widths, cmp_int);
    int measure = n > 0 ? widths[(n - 1) * 9 / 10] : 0;
    free(widths);
    return measure > MIN_MEASURE ? measure : MIN_MEASURE;
}

/* The width of the printed line a line ends: a line after a cut one is the rest of it. */
static int
printed_width(const struct pdf *pdf, const char *s, size_t n, bool adjacent)
{
    const struct pline *prev = pdf->nlines > 0 ? &pdf->lines[pdf->nlines - 1] : NULL;
    int w = seg_width(s, n);
    return adjacent && prev != NULL && prev->cut ? w + prev->width : w;
}

static void
classify_lines(struct pdf *pdf)
{
    const struct seg_source *src = pdf->ctx->src;
    size_t cap = 0;
    bool prev_printed = false;
    for (size_t i = 0; i < src->nlines; i++) {
        size_t n = src->lines[i].n;
        const char *s = seg_trim(src->lines[i].s, &n);
        if (n == 0) {
            prev_printed = false;
            continue;
        }
        struct pline pl = {s,
                           n,
                           src->lines[i].lineno,
                           printed_width(pdf, s, n, prev_printed),
                           has_trailing_blank(src, i),
                           prev_printed,
                           is_cut(src, i),
                           s != src->lines[i].s,
                           PL_TEXT};
        if (is_footnote_rule(s, n))
            pl.kind = PL_RULE;
        else if (is_url_only(s, n))
            pl.kind = PL_URL;
        else if (is_page_furniture(s, n, pdf->ctx->symbol))
            pl.kind = PL_PAGE;
        pdf->lines = xgrow(pdf->lines, &cap, pdf->nlines + 1, sizeof *pdf->lines);
        pdf->lines[pdf->nlines++] = pl;
        prev_printed = true;
    }
    pdf->measure = page_measure(pdf->lines, pdf->nlines);
    pdf->no_trails = true;
    for (size_t i = 0; i < pdf->nlines; i++)
        pdf->no_trails = pdf->no_trails && !pdf->lines[i].trail;
}

static bool
is_short(const struct pdf *pdf, const struct pline *pl)
{
    return pl->width * 100 <= pdf->measure * SHORT_LINE_PERCENT;
}

/* --- Joining printed lines ---------------------------------------------------------------- */

/* Where the URL the text ends in starts, or (size_t)-1 when it does not end in a URL. */
static size_t
trailing_url(const struct strbuf *sb)
{
    size_t k = sb->len;
    while (k > 0 && sb->data[k - 1] != ' ' && (unsigned char)sb->data[k - 1] < 0x80)
        k--;
    const char *tok = sb->data + k;
    size_t n = sb->len - k;
    if (n == 0 || !(is_url_start(tok, n) || seg_starts_with(tok, n, "www.")))
        return (size_t)-1;
    return k;
}

/* True when url (a URL cut at the end of a line) followed directly by the next line's first
 * word is what one of the whole-URL lines says. Those lines show the cut as "%20". */
static bool
url_line_confirms(const struct pdf *pdf, const char *url, size_t n, const char *more, size_t m)
{
    for (size_t i = 0; i < pdf->nlines; i++) {
        const struct pline *pl = &pdf->lines[i];
        if (pl->kind != PL_URL)
            continue;
        size_t k = 0, j = 0;
        while (j < pl->n && k < n + m) {
            char want = k < n ? url[k] : more[k - n];
            if (want != '%' && seg_starts_with(pl->s + j, pl->n - j, "%20")) {
                j += 3;
                continue;
            }
            if (pl->s[j] != want)
                break;
            j++, k++;
        }
        if (k == n + m)
            return true;
    }
    return false;
}

/* True when some whole-URL line starts with url: the URL is known, so a join that does not
 * match it is no join. */
static bool
url_is_known(const struct pdf *pdf, const char *url, size_t n)
{
    return url_line_confirms(pdf, url, n, "", 0);
}

/* Appends one printed line. A URL cut at the end of a line goes on without a space, unless a
 * whole-URL line shows that the URL ended there; otherwise seg_join decides. */
static void
join_line(const struct pdf *pdf, struct strbuf *text, const char *s, size_t n)
{
    s = seg_trim(s, &n);
    size_t url = text->len > 0 ? trailing_url(text) : (size_t)-1;
    if (url != (size_t)-1 && n > 0 && (unsigned char)s[0] < 0x80) {
        size_t word = 0;
        while (word < n && s[word] != ' ' && (unsigned char)s[word] < 0x80)
            word++;
        const char *tok = text->data + url;
        size_t tn = text->len - url;
        if (url_line_confirms(pdf, tok, tn, s, word) || !url_is_known(pdf, tok, tn)) {
            sb_append(text, s, n);
            return;
        }
    }
    seg_join(text, s, n);
}

/* --- Pass 2: footnote blocks --------------------------------------------------------------- */

/* The length of the number when s starts footnote `number` ("3 欧洲联盟…"), else 0. */
static size_t
footnote_start(const char *s, size_t n, int number)
{
    size_t d = count_digits(s, n);
    if (d == 0 || d > 3 || d >= n || s[d] != ' ' || number_at(s, d) != number)
        return 0;
    return d;
}

static struct footnote *
new_footnote(struct pdf *pdf, size_t *cap, const struct pline *pl, size_t digits)
{
    pdf->notes = xgrow(pdf->notes, cap, pdf->nnotes + 1, sizeof *pdf->notes);
    struct footnote *fn = &pdf->notes[pdf->nnotes++];
    memset(fn, 0, sizeof *fn);
    fn->number = (int)pdf->nnotes;
    fn->lineno = pl->lineno;
    memcpy(fn->label, pl->s, digits);
    join_line(pdf, &fn->text, pl->s + digits, pl->n - digits);
    return fn;
}

/* Takes the lines of the footnote block that starts at the rule `rule` out of the text flow.
 * The block runs to the end of its page: a line that touches the line before it, page
 * furniture, or the end of the file. Returns the index after the block. */
static size_t
pull_footnote_block(struct pdf *pdf, size_t rule, size_t *cap)
{
    struct footnote *fn = pdf->nnotes > 0 ? &pdf->notes[pdf->nnotes - 1] : NULL;
    size_t i;
    for (i = rule + 1; i < pdf->nlines; i++) {
        struct pline *pl = &pdf->lines[i];
        if (pl->adjacent || pl->kind == PL_PAGE || pl->kind == PL_RULE)
            break;
        if (pl->kind == PL_URL)
            continue;
        size_t digits = footnote_start(pl->s, pl->n, (int)pdf->nnotes + 1);
        if (digits > 0)
            fn = new_footnote(pdf, cap, pl, digits);
        else if (fn != NULL)
            join_line(pdf, &fn->text, pl->s, pl->n); /* a footnote goes on */
        else
            break; /* text under a rule that no footnote starts: leave it to the body */
        pl->kind = PL_FOOTNOTE;
    }
    return i;
}

static void
pull_footnotes(struct pdf *pdf)
{
    size_t cap = 0;
    for (size_t i = 0; i < pdf->nlines;)
        i = pdf->lines[i].kind == PL_RULE ? pull_footnote_block(pdf, i, &cap) : i + 1;
}

/* --- Pass 3: blocks ------------------------------------------------------------------------ */

/* The index of the next body text line after i, or nlines. */
static size_t
next_text(const struct pdf *pdf, size_t i)
{
    for (i++; i < pdf->nlines; i++)
        if (pdf->lines[i].kind == PL_TEXT)
            break;
    return i;
}

static bool
is_closer(unsigned cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0xFF09 || cp == ')' || cp == 0x300D ||
           cp == 0x300F || cp == 0x300B;
}

static bool
is_final_punct(unsigned cp)
{
    return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F ||
           cp == ':' || cp == ';' || cp == '!' || cp == '?';
}

static bool
is_punct_before_marker(unsigned cp)
{
    return is_final_punct(cp) || is_closer(cp) || cp == 0xFF0C || cp == 0x3001;
}

/* The length of a footnote marker at the end of a line: digits printed right after
 * punctuation ("网站。1"); 0 when there is none. */
static size_t
marker_at_end(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && s[n - d - 1] >= '0' && s[n - d - 1] <= '9')
        d++;
    if (d == 0 || d > 3 || d == n || !is_punct_before_marker(seg_last_cp(s, n - d)))
        return 0;
    return d;
}

/* True when the line ends a sentence: final punctuation, perhaps inside closing quotes or
 * brackets, perhaps followed by a footnote marker. */
static bool
ends_sentence(const char *s, size_t n)
{
    n -= marker_at_end(s, n);
    unsigned cp;
    while ((cp = seg_last_cp(s, n)) != 0 && is_closer(cp)) {
        size_t k = 1;
        while (k < n && ((unsigned char)s[n - k] & 0xC0) == 0x80)
            k++;
        n -= k;
    }
    return is_final_punct(seg_last_cp(s, n));
}

/* True when the printed line ended with a blank. When none is marked, any line but a cut one
 * may have. */
static bool
ends_printed_line(const struct pdf *pdf, const struct pline *pl)
{
    return pl->trail || (pdf->no_trails && !pl->cut);
}

/* A paragraph ends on a line the PDF ended with a blank, when that line ends a sentence or
 * stops short of the measure. Full lines inside a paragraph may end in 。 but have no blank;
 * a full line with a blank that does not end a sentence ("作业； (b) ") goes on. */
static bool
ends_block(const struct pdf *pdf, const struct pline *pl)
{
    return ends_printed_line(pdf, pl) && (ends_sentence(pl->s, pl->n) || is_short(pdf, pl));
}

enum marker_style { MS_NONE, MS_BULLET, MS_DASH, MS_LATIN, MS_CJK };

/* A list marker at the start of a line: a bullet (• or a Private Use Area glyph), "- ",
 * "(a)" or "(一)". Returns its length in bytes and sets the style and the printed label. */
static size_t
item_marker(const char *s, size_t n, enum marker_style *style, struct strbuf *label)
{
    unsigned cp = seg_first_cp(s, n);
    size_t k;
    if (cp == 0x2022 || (cp >= 0xE000 && cp <= 0xF8FF)) {
        *style = MS_BULLET;
        sb_puts(label, "•");
        return 3;
    }
    if (n >= 2 && s[0] == '-' && s[1] == ' ') {
        *style = MS_DASH;
        sb_puts(label, "-");
        return 1;
    }
    if (n < 3 || s[0] != '(')
        return 0;
    for (k = 1; k < n && k <= 4 && s[k] >= 'a' && s[k] <= 'z'; k++)
        ;
    if (k > 1 && k < n && s[k] == ')') {
        *style = MS_LATIN;
    } else if (seg_cjk_numeral(s + 1, n - 1, &k) > 0 && k + 1 < n && s[k + 1] == ')') {
        *style = MS_CJK;
        k++;
    } else {
        return 0;
    }
    sb_append(label, s, k + 1);
    return k + 1;
}

static bool
starts_item(const char *s, size_t n)
{
    enum marker_style style;
    struct strbuf label = STRBUF_INIT;
    size_t k = item_marker(s, n, &style, &label);
    sb_free(&label);
    return k > 0;
}

/* "二. 从各国政府收到的答复": a CJK numeral, a full stop, a title without final punctuation.
 * Sets the numeral's length and where the title starts. */
static bool
chapter_heading(const char *s, size_t n, size_t *numlen, size_t *title)
{
    if (seg_cjk_numeral(s, n, numlen) == 0)
        return false;
    size_t k = *numlen;
    if (seg_starts_with(s + k, n - k, "."))
        k += 1;
    else if (seg_starts_with(s + k, n - k, "\xef\xbc\x8e")) /* U+FF0E fullwidth full stop */
        k += 3;
    else
        return false;
    size_t rest = n - k;
    const char *t = seg_trim(s + k, &rest);
    if (rest == 0 || t == s + k || is_final_punct(seg_last_cp(t, rest)))
        return false;
    *title = (size_t)(t - s);
    return true;
}

static bool
is_chapter_line(const struct pdf *pdf, const struct pline *pl)
{
    size_t numlen, title;
    return is_short(pdf, pl) && chapter_heading(pl->s, pl->n, &numlen, &title);
}

static bool
is_language_line(const struct pline *pl)
{
    return seg_starts_with(pl->s, pl->n, "[原件");
}

/* A line that is exactly a country's name, followed by a bracketed header line. */
static const struct facts_country *
country_line(const struct pdf *pdf, size_t i)
{
    const struct pline *pl = &pdf->lines[i];
    const struct facts_country *c = facts_country_named(pdf->ctx->facts, pl->s, pl->n);
    size_t next = next_text(pdf, i);
    if (c == NULL || next >= pdf->nlines)
        return NULL;
    return seg_starts_with(pdf->lines[next].s, pdf->lines[next].n, "[") ? c : NULL;
}

/* "[2017 年 7 月 14 日]": sets the three numbers. */
static bool
parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    static const char *const units[] = {"年", "月", "日"};
    int *parts[] = {y, m, d};
    if (n < 2 || s[0] != '[' || s[n - 1] != ']')
        return false;
    size_t k = 1;
    for (int p = 0; p < 3; p++) {
        while (k < n && s[k] == ' ')
            k++;
        size_t digits = count_digits(s + k, n - k);
        if (digits == 0 || digits > 4)
            return false;
        *parts[p] = number_at(s + k, digits);
        k += digits;
        while (k < n && s[k] == ' ')
            k++;
        if (!seg_starts_with(s + k, n - k, units[p]))
            return false;
        k += strlen(units[p]);
    }
    while (k < n && s[k] == ' ')
        k++;
    return k == n - 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

static bool
is_date_line(const struct pline *pl)
{
    int y, m, d;
    return parse_date(pl->s, pl->n, &y, &m, &d);
}

/* "1. 在关于…": the length of "1. ", 0 when the line starts no numbered paragraph. */
static size_t
paragraph_number(const char *s, size_t n)
{
    size_t d = count_digits(s, n);
    if (d == 0 || d > 3 || d + 1 >= n || s[d] != '.' || s[d + 1] != ' ')
        return 0;
    return d + 1;
}

/* Lines that start a block whatever the line before them looked like. */
static bool
forces_new_block(const struct pdf *pdf, size_t i)
{
    const struct pline *pl = &pdf->lines[i];
    return is_chapter_line(pdf, pl) || is_language_line(pl) || country_line(pdf, i) != NULL;
}

static enum block_kind
block_kind(const struct pdf *pdf, size_t i)
{
    const struct pline *pl = &pdf->lines[i];
    if (is_chapter_line(pdf, pl))
        return BK_CHAPTER;
    if (is_language_line(pl))
        return BK_LANGUAGE;
    if (is_date_line(pl))
        return BK_DATE;
    if (country_line(pdf, i) != NULL)
        return BK_COUNTRY;
    if (starts_item(pl->s, pl->n))
        return BK_ITEM;
    if (paragraph_number(pl->s, pl->n) > 0)
        return BK_NUMBERED;
    if (ends_printed_line(pdf, pl) && !ends_sentence(pl->s, pl->n) && is_short(pdf, pl))
        return BK_HEADING;
    return BK_PARAGRAPH;
}

static bool
is_one_line_kind(enum block_kind kind)
{
    return kind == BK_CHAPTER || kind == BK_COUNTRY || kind == BK_LANGUAGE || kind == BK_DATE ||
           kind == BK_HEADING;
}

/* A block starts on the first text line after the previous block ended, and runs until a line
 * that ends it; headings and header lines are one line long. Chapter headings and response
 * headers start a block even after a line that did not end its paragraph. */
static void
group_blocks(struct pdf *pdf)
{
    size_t cap = 0;
    bool open = false;
    for (size_t i = 0; i < pdf->nlines; i++) {
        if (pdf->lines[i].kind != PL_TEXT)
            continue;
        if (open && !forces_new_block(pdf, i)) {
            pdf->blocks[pdf->nblocks - 1].last = i;
            open = !ends_block(pdf, &pdf->lines[i]);
            continue;
        }
        enum block_kind kind = block_kind(pdf, i);
        pdf->blocks = xgrow(pdf->blocks, &cap, pdf->nblocks + 1, sizeof *pdf->blocks);
        pdf->blocks[pdf->nblocks++] = (struct block){kind, i, i};
        open = !is_one_line_kind(kind) && !ends_block(pdf, &pdf->lines[i]);
    }
}

/* --- Pass 4: nodes ------------------------------------------------------------------------- */

struct item_level {
    cJSON *node;             /* the paragraph, or the item whose sub-list this is */
    enum marker_style style; /* of the items in this list (MS_NONE before the first) */
    int count;
};

struct builder {
    struct pdf *pdf;
    cJSON *doc;
    cJSON *chapter;  /* the current chapter */
    cJSON *response; /* the current response, NULL outside one */
    int last_chapter, last_numbered;
    int paragraphs, headings; /* unnumbered paragraphs and headings in the current parent */
    struct item_level items[MAX_ITEM_DEPTH]; /* items[0].node is the paragraph items go to */
    int depth;                               /* open levels in items[] */
    bool lead_indented;                      /* the first line of items[0].node is indented */
    cJSON *item;        /* the item the last block was or went on with, NULL after others */
    bool item_indented; /* the first line of that item is indented */
    const struct facts_country *country; /* from the country line before [原件：…] */
    const struct pline *country_pl;
    int next_marker; /* the footnote number the next marker in the text must have */
};

static const char *
address_of(const cJSON *node)
{
    return cJSON_GetObjectItemCaseSensitive(node, "address")->valuestring;
}

static bool
fail(struct builder *b, const struct pline *pl, const char *what)
{
    return diag_set(b->pdf->ctx->diag, b->pdf->ctx->src->name, pl ? pl->lineno : 0, pl ? 1 : 0,
                    "%s", what);
}

/* A new node whose address is built from fmt and the arguments after it. */
static cJSON *new_node(const char *kind, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static cJSON *
new_node(const char *kind, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *address = xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(address, (size_t)len + 1, fmt, ap);
    va_end(ap);
    cJSON *node = seg_node_new(address, kind, line);
    free(address);
    return node;
}

/* The node that paragraphs and headings go into now. */
static cJSON *
current_parent(const struct builder *b)
{
    return b->response != NULL ? b->response : b->chapter;
}

/* Paragraphs and headings are numbered anew inside each chapter and response. */
static void
reset_numbering(struct builder *b)
{
    b->paragraphs = 0;
    b->headings = 0;
    b->depth = 0;
    b->item = NULL;
}

struct marker {
    long at, len; /* bytes in the node's text */
    int number;
};

/* Joins the block's lines into its text, leaving out the first `skip` bytes of the first line,
 * and cites each footnote whose marker ends a line. Only the number of the next footnote is a
 * marker: "网站。2017 年" is no citation of footnote 2017. */
static void
set_block_text(struct builder *b, cJSON *node, const struct block *blk, size_t skip)
{
    struct strbuf text = STRBUF_INIT;
    struct marker *marks = NULL;
    size_t nmarks = 0, cap = 0;
    for (size_t i = blk->first; i <= blk->last; i++) {
        const struct pline *pl = &b->pdf->lines[i];
        if (pl->kind != PL_TEXT)
            continue;
        size_t from = i == blk->first ? skip : 0;
        join_line(b->pdf, &text, pl->s + from, pl->n - from);
        size_t d = marker_at_end(pl->s + from, pl->n - from);
        if (d > 0 && number_at(pl->s + pl->n - d, d) == b->next_marker &&
            b->next_marker <= (int)b->pdf->nnotes) {
            marks = xgrow(marks, &cap, nmarks + 1, sizeof *marks);
            marks[nmarks++] = (struct marker){(long)(text.len - d), (long)d, b->next_marker++};
        }
    }
    seg_set_strn(node, "text", sb_str(&text), text.len);
    for (size_t k = 0; k < nmarks; k++) {
        char *to = xasprintf("%s#fn%d", b->pdf->ctx->symbol, marks[k].number);
        seg_add_ref(node, to, "footnote", false, marks[k].at, marks[k].len);
        free(to);
    }
    free(marks);
    sb_free(&text);
}

static bool
add_chapter(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    size_t numlen, title;
    chapter_heading(pl->s, pl->n, &numlen, &title);
    int number = seg_cjk_numeral(pl->s, pl->n, &numlen);
    if (number <= b->last_chapter)
        return fail(b, pl, "chapter number out of order");
    b->last_chapter = number;
    b->chapter = new_node("chapter", pl->lineno, "%s#ch%d", b->pdf->ctx->symbol, number);
    seg_set_strn(b->chapter, "label", pl->s, numlen);
    seg_set_strn(b->chapter, "title", pl->s + title, pl->n - title);
    seg_add_child(b->doc, b->chapter);
    b->response = NULL;
    reset_numbering(b);
    return true;
}

static bool
add_country(struct builder *b, const struct block *blk)
{
    b->country_pl = &b->pdf->lines[blk->first];
    b->country = country_line(b->pdf, blk->first);
    return true;
}

/* The first country the chapter's title names (a response without a country line). */
static const struct facts_country *
country_in_title(const struct builder *b, size_t *at, size_t *len)
{
    const char *title = cJSON_GetObjectItemCaseSensitive(b->chapter, "title")->valuestring;
    size_t n = strlen(title);
    for (size_t i = 0; i < n; i++) {
        const struct facts_country *c;
        size_t m = facts_match_country(b->pdf->ctx->facts, title + i, n - i, &c);
        if (m > 0) {
            *at = i;
            *len = m;
            return c;
        }
    }
    return NULL;
}

static bool
response_exists(const struct builder *b, const char *iso3)
{
    char *address = xasprintf("%s#%s", b->pdf->ctx->symbol, iso3);
    bool found = false;
    const cJSON *ch, *r;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(b->doc, "children"))
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(ch, "children")) found =
            found || strcmp(address_of(r), address) == 0;
    free(address);
    return found;
}

/* The language in "[原件：西班牙文]" (or "[原件： 英文]"); sets its length. */
static const char *
original_language(const struct pline *pl, size_t *n)
{
    const char *s = pl->s + strlen("[原件");
    *n = pl->n - strlen("[原件");
    if (*n > 0 && s[*n - 1] == ']')
        (*n)--;
    if (seg_starts_with(s, *n, "："))
        s += strlen("："), *n -= strlen("：");
    else if (seg_starts_with(s, *n, ":"))
        s++, (*n)--;
    return seg_trim(s, n);
}

/* "[原件：西班牙文]" starts a response: the country comes from the line before it or from the
 * chapter's title. */
static bool
add_response(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    const struct pline *first = b->country_pl != NULL ? b->country_pl : pl;
    const struct facts_country *c = b->country;
    size_t at = 0, len = 0;
    const char *name = first->s;
    if (c == NULL && (c = country_in_title(b, &at, &len)) != NULL)
        name = cJSON_GetObjectItemCaseSensitive(b->chapter, "title")->valuestring + at;
    else
        len = first->n;
    if (c == NULL)
        return fail(b, pl, "response with no country line and no country in the chapter title");
    if (response_exists(b, c->iso3))
        return fail(b, first, "a second response from the same country");
    b->response = new_node("response", first->lineno, "%s#%s", b->pdf->ctx->symbol, c->iso3);
    if (b->country != NULL)
        seg_set_strn(b->response, "title", first->s, first->n);
    seg_set_strn(b->response, "country", name, len);
    seg_set_str(b->response, "iso3", c->iso3);
    size_t n;
    const char *lang = original_language(pl, &n);
    seg_set_strn(b->response, "language", lang, n);
    seg_add_child(b->chapter, b->response);
    b->country = NULL;
    b->country_pl = NULL;
    reset_numbering(b);
    return true;
}

static bool
add_date(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    int y, m, d;
    parse_date(pl->s, pl->n, &y, &m, &d);
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y % 10000, m, d);
    seg_set_str(b->response, "date", iso);
    size_t n = pl->n - 2;
    const char *text = seg_trim(pl->s + 1, &n);
    seg_set_strn(b->response, "date_text", text, n);
    return true;
}

static bool
add_heading(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    cJSON *parent = current_parent(b);
    cJSON *h = new_node("heading", pl->lineno, "%s.h%d", address_of(parent), ++b->headings);
    seg_set_strn(h, "title", pl->s, pl->n);
    seg_add_child(parent, h);
    b->depth = 0;
    b->item = NULL;
    return true;
}

static bool
add_paragraph(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    cJSON *parent = current_parent(b), *p;
    size_t skip = 0;
    if (blk->kind == BK_NUMBERED && b->response == NULL) {
        skip = paragraph_number(pl->s, pl->n);
        int number = number_at(pl->s, skip);
        if (number <= b->last_numbered)
            return fail(b, pl, "paragraph number out of order");
        b->last_numbered = number;
        p = new_node("paragraph", pl->lineno, "%s#p%d", b->pdf->ctx->symbol, number);
        seg_set_strn(p, "label", pl->s, skip - 1);
        seg_set_int(p, "number", number);
    } else {
        p = new_node("paragraph", pl->lineno, "%s.p%d", address_of(parent), ++b->paragraphs);
    }
    set_block_text(b, p, blk, skip);
    seg_add_child(parent, p);
    b->items[0] = (struct item_level){p, MS_NONE, 0};
    b->depth = 1;
    b->lead_indented = pl->indented;
    b->item = NULL;
    return true;
}

/* Indentation sets a list off from the paragraph that leads into it: when the items of a list
 * are indented and that paragraph is not, an unlabelled paragraph indented as they are, right
 * after an item (or after such a paragraph), goes on with that item rather than with the body.
 * A/72/304, France: "在此背景下：" is at the margin as the response's other paragraphs are;
 * (a)-(f), (j) and the unlabelled paragraphs after (b), (f) and (j) are all indented. The three
 * after (j), the last item, are (j)'s too: nothing comes back to the margin before the
 * response ends, and they tell the efforts (j) says France has made (production halted,
 * sites dismantled and opened to visitors, the test centre closed). Where the leading
 * paragraph is indented too (every paragraph of some responses is), or the items are not
 * (Japan, the United Kingdom), indentation sets nothing off. */
static bool
continues_item(const struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    return b->item != NULL && pl->indented && b->item_indented && !b->lead_indented;
}

static int
count_paragraphs(const cJSON *node)
{
    int n = 0;
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) n +=
        strcmp(cJSON_GetObjectItemCaseSensitive(child, "kind")->valuestring, "paragraph") == 0;
    return n;
}

/* A paragraph that goes on with an item: the item's child (item.p1, item.p2 ...). The list
 * stays open, so the next item follows on from the one before. */
static bool
add_continuation(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    cJSON *p = new_node("paragraph", pl->lineno, "%s.p%d", address_of(b->item),
                        count_paragraphs(b->item) + 1);
    set_block_text(b, p, blk, 0);
    seg_add_child(b->item, p);
    return true;
}

static bool
ends_with_colon(const cJSON *node)
{
    const char *text = seg_text(node);
    unsigned cp = seg_last_cp(text, strlen(text));
    return cp == ':' || cp == 0xFF1A;
}

/* Which open list an item of this style belongs to: the innermost list of its style; a new
 * list under the last item when that item ends with a colon and the style changes; else the
 * innermost list. */
static int
item_level(struct builder *b, enum marker_style style, cJSON *last_item)
{
    for (int k = b->depth - 1; k >= 0; k--)
        if (b->items[k].style == style)
            return k;
    int top = b->depth - 1;
    if (b->items[top].style != MS_NONE && last_item != NULL && ends_with_colon(last_item) &&
        b->depth < MAX_ITEM_DEPTH) {
        b->items[b->depth] = (struct item_level){last_item, MS_NONE, 0};
        return b->depth;
    }
    return top;
}

/* The last item of the innermost open list, NULL when it has none yet. */
static cJSON *
last_item(const struct builder *b)
{
    const struct item_level *top = &b->items[b->depth - 1];
    if (top->count == 0)
        return NULL;
    const cJSON *children = cJSON_GetObjectItemCaseSensitive(top->node, "children");
    return cJSON_GetArrayItem(children, cJSON_GetArraySize(children) - 1);
}

/* A list item goes under the paragraph before it (or under an item whose sub-list it is). */
static bool
add_item(struct builder *b, const struct block *blk)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    if (b->depth == 0)
        return fail(b, pl, "list item with no paragraph before it");
    enum marker_style style = MS_NONE;
    struct strbuf label = STRBUF_INIT;
    size_t skip = item_marker(pl->s, pl->n, &style, &label);
    int level = item_level(b, style, last_item(b));
    struct item_level *list = &b->items[level];
    cJSON *item = new_node("item", pl->lineno, "%s.%d", address_of(list->node), ++list->count);
    list->style = style;
    seg_set_str(item, "label", sb_str(&label));
    set_block_text(b, item, blk, skip);
    seg_add_child(list->node, item);
    b->depth = level + 1;
    b->item = item;
    b->item_indented = pl->indented;
    sb_free(&label);
    return true;
}

static bool
build_block(struct builder *b, const struct block *blk, const struct block *next)
{
    const struct pline *pl = &b->pdf->lines[blk->first];
    if (blk->kind != BK_CHAPTER && b->chapter == NULL)
        return fail(b, pl, "text before the first chapter heading");
    switch (blk->kind) {
    case BK_CHAPTER:
        return add_chapter(b, blk);
    case BK_COUNTRY:
        if (next == NULL || next->kind != BK_LANGUAGE)
            return fail(b, pl, "response with no [原件：…] line after its country");
        return add_country(b, blk);
    case BK_LANGUAGE:
        if (next == NULL || next->kind != BK_DATE)
            return fail(b, pl, "response with no date line after its [原件：…] line");
        return add_response(b, blk);
    case BK_DATE:
        /* a date line is part of a response's header only right after [原件：…] */
        if (b->response != NULL && blk > b->pdf->blocks && blk[-1].kind == BK_LANGUAGE)
            return add_date(b, blk);
        return add_paragraph(b, blk);
    case BK_HEADING:
        return add_heading(b, blk);
    case BK_ITEM:
        return add_item(b, blk);
    case BK_PARAGRAPH:
        return continues_item(b, blk) ? add_continuation(b, blk) : add_paragraph(b, blk);
    case BK_NUMBERED:
        return add_paragraph(b, blk);
    }
    return false;
}

/* Footnotes go after the chapters, as children of the document. */
static void
add_footnotes(struct builder *b)
{
    for (size_t i = 0; i < b->pdf->nnotes; i++) {
        const struct footnote *fn = &b->pdf->notes[i];
        cJSON *node = new_node("footnote", fn->lineno, "%s#fn%d", b->pdf->ctx->symbol, fn->number);
        seg_set_str(node, "label", fn->label);
        seg_set_int(node, "number", fn->number);
        seg_set_strn(node, "text", sb_str(&fn->text), fn->text.len);
        seg_add_child(b->doc, node);
    }
}

static cJSON *
build_document(struct pdf *pdf)
{
    struct builder b = {.pdf = pdf, .next_marker = 1};
    if (pdf->nblocks == 0) {
        fail(&b, NULL, "no text");
        return NULL;
    }
    b.doc = seg_node_new(pdf->ctx->symbol, "document", 1);
    seg_set_str(b.doc, "symbol", pdf->ctx->symbol);
    for (size_t i = 0; i < pdf->nblocks; i++) {
        const struct block *next = i + 1 < pdf->nblocks ? &pdf->blocks[i + 1] : NULL;
        if (!build_block(&b, &pdf->blocks[i], next)) {
            cJSON_Delete(b.doc);
            return NULL;
        }
    }
    add_footnotes(&b);
    return b.doc;
}

static void
pdf_free(struct pdf *pdf)
{
    for (size_t i = 0; i < pdf->nnotes; i++)
        sb_free(&pdf->notes[i].text);
    free(pdf->notes);
    free(pdf->blocks);
    free(pdf->lines);
}

cJSON *
seg_layout_pdf(struct seg_ctx *ctx)
{
    if (ctx->symbol == NULL || ctx->symbol[0] == '\0') {
        diag_set(ctx->diag, ctx->src->name, 0, 0, "no document symbol for this source");
        return NULL;
    }
    struct pdf pdf = {.ctx = ctx};
    classify_lines(&pdf);
    pull_footnotes(&pdf);
    group_blocks(&pdf);
    cJSON *doc = build_document(&pdf);
    pdf_free(&pdf);
    return doc;
}
