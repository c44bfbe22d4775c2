/* The line breaker. */
#include "text/wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "text/width.h"
#include "util/xalloc.h"

/* Superscript digits are footnote markers: they stay with what they follow. */
bool
wrap_is_superscript_digit(unsigned c)
{
    return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

/* Characters that never start a line (closing punctuation, CJK stops, %) and that never end
 * one (opening brackets). UAX #14 already knows most of them; listing them makes the rule
 * independent of the Unicode version libunistring was built with. */
static bool
never_starts_line(ucs4_t c)
{
    static const ucs4_t list[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                  0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x201D,
                                  0x2019, 0xFF05, '%',    ',',    '.',    ';',    ':',
                                  '!',    '?',    ')',    ']',    0x2026, 0x2014};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (c == list[i])
            return true;
    return wrap_is_superscript_digit(c);
}

static bool
never_ends_line(ucs4_t c)
{
    static const ucs4_t list[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010,
                                  0x3014, 0x201C, 0x2018, '(',    '['};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (c == list[i])
            return true;
    return false;
}

static bool
is_middle_dot(ucs4_t c)
{
    return c == 0x00B7 || c == 0x30FB || c == 0x2027;
}

static bool
is_space(ucs4_t c)
{
    return c == ' ' || c == '\t';
}

/* Part of a run kept whole: Latin letters, digits, symbols (not spaces, not wide, not
 * CJK punctuation). */
static bool
in_latin_run(ucs4_t c)
{
    return c > ' ' && c != 0x7F && cell_width_raw(c) == 1 && !never_ends_line(c) && c != 0x00B7 &&
           c != 0x2014 && c != 0x2026 && c != 0x201C && c != 0x201D;
}

/* Breaks used only when what they sit in does not fit on a line of its own: inside runs of
 * Latin text, symbols and URLs. A break after a space (between words) is taken before one
 * inside a word or symbol. */
enum { BREAK_WEAK_SPACE = 100, BREAK_WEAK = 101 };

static void
weaken_inside(char *brk, size_t n, size_t start, size_t end, const char *text)
{
    for (size_t i = start + 1; i < end && i < n; i++)
        if (brk[i] == UC_BREAK_POSSIBLE)
            brk[i] = text[i - 1] == ' ' ? BREAK_WEAK_SPACE : BREAK_WEAK;
}

static void
prohibit_inside(char *brk, size_t n, size_t start, size_t end)
{
    for (size_t i = start + 1; i < end && i < n; i++)
        if (brk[i] == UC_BREAK_POSSIBLE || brk[i] >= BREAK_WEAK_SPACE)
            brk[i] = UC_BREAK_PROHIBITED;
}

/* CJK line-start and line-end rules, character by character. */
static void
apply_cjk_rules(const char *text, size_t n, char *brk)
{
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        size_t len = (size_t)u8_mbtouc(&c, s + i, n - i);
        if ((never_starts_line(c) || is_middle_dot(c)) && brk[i] == UC_BREAK_POSSIBLE)
            brk[i] = UC_BREAK_PROHIBITED;
        if ((never_ends_line(c) || is_middle_dot(c)) && i + len < n &&
            brk[i + len] == UC_BREAK_POSSIBLE)
            brk[i + len] = UC_BREAK_PROHIBITED;
        i += len;
    }
}

/* Latin phrases (words, names such as "Knut Langeland", symbols, URLs, separated by single
 * spaces and bounded by anything else) keep only weak breaks inside. */
static void
weaken_latin_phrases(const char *text, size_t n, char *brk)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t start = 0, last_end = 0;
    bool in_phrase = false;
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        size_t len = (size_t)u8_mbtouc(&c, s + i, n - i);
        if (in_latin_run(c)) {
            if (!in_phrase)
                start = i;
            in_phrase = true;
            last_end = i + len;
        } else if (!(c == ' ' && in_phrase)) {
            if (in_phrase)
                weaken_inside(brk, n, start, last_end, text);
            in_phrase = false;
        }
        i += len;
    }
    if (in_phrase)
        weaken_inside(brk, n, start, last_end, text);
}

/* Break opportunities with the CJK rules, Latin phrases and the keep/marker spans applied. */
static char *
break_opportunities(const char *text, size_t n, const struct wrap_spec *spec)
{
    char *brk = xmalloc(n + 1);
    u8_possible_linebreaks((const uint8_t *)text, n, "UTF-8", brk);
    brk[n] = UC_BREAK_POSSIBLE;
    apply_cjk_rules(text, n, brk);
    weaken_latin_phrases(text, n, brk);
    for (size_t k = 0; k < spec->nkeep; k++)
        weaken_inside(brk, n, spec->keep[k].start, spec->keep[k].end, text);
    for (size_t k = 0; k < spec->nmarkers; k++) {
        const struct wrap_span *m = &spec->markers[k];
        prohibit_inside(brk, n, m->start, m->end);
        if (m->start < n && brk[m->start] != UC_BREAK_MANDATORY)
            brk[m->start] = UC_BREAK_PROHIBITED;
    }
    return brk;
}

bool *
wrap_break_marks(const char *text, size_t n, const struct wrap_spec *spec)
{
    char *brk = break_opportunities(text, n, spec);
    bool *marks = xcalloc(n + 1, sizeof *marks);
    for (size_t i = 1; i < n; i++)
        marks[i] = brk[i] == UC_BREAK_POSSIBLE;
    free(brk);
    return marks;
}

struct filler {
    const struct measure *m; /* the device's */
    const char *text;
    size_t n;
    const char *brk;     /* break opportunities */
    const char *cluster; /* cluster[i] = 1 where a grapheme cluster starts */
    const struct wrap_spec *spec;
    struct wrap_line *lines;
    size_t nlines, cap;
};

static void
emit(struct filler *f, size_t start, size_t end)
{
    /* visible width: without trailing spaces and the '\n' */
    size_t vis_end = end;
    while (vis_end > start && (f->text[vis_end - 1] == ' ' || f->text[vis_end - 1] == '\n'))
        vis_end--;
    int cols = measure_text(f->m, f->text + start, vis_end - start);
    f->lines = xgrow(f->lines, &f->cap, f->nlines + 1, sizeof *f->lines);
    f->lines[f->nlines++] = (struct wrap_line){start, end, cols};
}

static int
available(const struct filler *f)
{
    int indent = f->nlines == 0 ? f->spec->first_indent : f->spec->rest_indent;
    int avail = f->spec->width - indent;
    return avail > 0 ? avail : 1;
}

/* Columns from `from` up to the next strong break opportunity (trailing spaces not counted):
 * the smallest piece a strong break can move to the next line. */
static int
unit_cols(const struct filler *f, size_t from)
{
    const uint8_t *s = (const uint8_t *)f->text;
    int cols = 0, visible = 0;
    for (size_t i = from; i < f->n;) {
        if (i > from && (f->brk[i] == UC_BREAK_POSSIBLE || f->brk[i] == UC_BREAK_MANDATORY))
            break;
        ucs4_t c;
        size_t len = (size_t)u8_mbtouc(&c, s + i, f->n - i);
        cols += f->m->width(f->m, f->text + i, len, cols);
        if (!is_space(c))
            visible = cols;
        i += len;
    }
    return visible;
}

/* Where to end a line that overflows: the last strong break, unless what follows it cannot
 * fit on a line anyway (a long Latin phrase), then the last weak break after it; failing
 * both, the last grapheme cluster boundary. */
static size_t
choose_break(const struct filler *f, size_t start, size_t strong, size_t space, size_t weak,
             size_t cluster, size_t i, int avail)
{
    size_t soft = space > start ? space : weak;
    bool soft_helps = soft > strong && soft > start;
    if (strong > start && !(soft_helps && unit_cols(f, strong) > avail))
        return strong;
    if (soft > start)
        return soft;
    return cluster > start ? cluster : i;
}

/* A forced break may fall at any grapheme cluster boundary, but preferably not before a
 * character that never starts a line nor after one that never ends one. */
static bool
good_forced_break(const struct filler *f, size_t i)
{
    const uint8_t *s = (const uint8_t *)f->text;
    ucs4_t here, before;
    if (u8_prev(&before, s + i, s) == NULL)
        return false;
    size_t j = i; /* what the next line would start with, once its leading spaces are skipped */
    while (j < f->n && s[j] == ' ')
        j++;
    if (j == f->n)
        return true;
    u8_mbtouc(&here, s + j, f->n - j);
    return !never_starts_line(here) && !never_ends_line(before) && !is_middle_dot(before) &&
           !is_middle_dot(here);
}

/* Fills one line starting at `start`; returns where the next line starts. */
static size_t
fill_line(struct filler *f, size_t start)
{
    const uint8_t *s = (const uint8_t *)f->text;
    int avail = available(f), cols = 0;
    size_t last_break = start, last_space = start, last_weak = start, last_cluster = start;
    for (size_t i = start; i < f->n;) {
        ucs4_t c;
        size_t len = (size_t)u8_mbtouc(&c, s + i, f->n - i);
        if (c == '\n') {
            emit(f, start, i + len);
            return i + len;
        }
        if (i > start && f->brk[i] == UC_BREAK_POSSIBLE)
            last_break = i;
        if (i > start && f->brk[i] == BREAK_WEAK_SPACE)
            last_space = i;
        if (i > start && f->brk[i] == BREAK_WEAK)
            last_weak = i;
        if (f->cluster[i] && (last_cluster == start || good_forced_break(f, i)))
            last_cluster = i;
        int w = f->m->width(f->m, f->text + i, len, cols);
        if (!is_space(c) && cols + w > avail && i > start) {
            size_t end =
                choose_break(f, start, last_break, last_space, last_weak, last_cluster, i, avail);
            emit(f, start, end);
            return end;
        }
        cols += w;
        i += len;
    }
    emit(f, start, f->n);
    return f->n;
}

size_t
wrap_text(const char *text, size_t n, const struct wrap_spec *spec, struct wrap_line **lines)
{
    struct filler f = {
        .m = spec->measure ? spec->measure : &measure_cells, .text = text, .n = n, .spec = spec};
    char *brk = break_opportunities(text, n, spec);
    char *cluster = xcalloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)text, n, cluster);
    f.brk = brk;
    f.cluster = cluster;
    size_t pos = 0;
    if (n == 0)
        emit(&f, 0, 0);
    while (pos < n)
        pos = fill_line(&f, pos);
    free(brk);
    free(cluster);
    *lines = f.lines;
    return f.nlines;
}
