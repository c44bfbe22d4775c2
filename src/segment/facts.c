/* The facts file parser and look-ups. */
#include "segment/facts.h"

#include <string.h>
#include <stdlib.h>
#include <unistr.h>

#include "util/textfile.h"
#include "util/xalloc.h"

struct facts_parser {
    const char *name;
    int lineno;
    const char *line; /* start of the current line, for column numbers */
    struct facts *f;
    struct diag *d;
    size_t cap_countries, cap_experts, cap_titles, cap_honorifics, cap_not, cap_documents;
    size_t cap_subjects;
};

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Splits the next whitespace-separated word off *p; returns its start and length. */
static const char *
next_word(const char **p, const char *end, size_t *len)
{
    const char *s = *p;
    while (s < end && is_blank(*s))
        s++;
    const char *w = s;
    while (s < end && !is_blank(*s))
        s++;
    *len = (size_t)(s - w);
    *p = s;
    return w;
}

static bool
fail(struct facts_parser *ps, const char *at, const char *what)
{
    return diag_set(ps->d, ps->name, ps->lineno, (int)(at - ps->line) + 1, "%s", what);
}

static bool
parse_country(struct facts_parser *ps, const char *p, const char *end)
{
    size_t n;
    const char *code = next_word(&p, end, &n);
    if (n < 2 || n > 3)
        return fail(ps, code, "expected an ISO 3166-1 alpha-3 code (or EU)");
    for (size_t i = 0; i < n; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return fail(ps, code + i, "country codes are upper-case letters");
    struct facts *f = ps->f;
    f->countries = xgrow(f->countries, &ps->cap_countries, f->ncountries + 1, sizeof *f->countries);
    struct facts_country *c = &f->countries[f->ncountries++];
    memset(c, 0, sizeof *c);
    memcpy(c->iso3, code, n);
    size_t cap = 0;
    for (;;) {
        const char *w = next_word(&p, end, &n);
        if (n == 0)
            break;
        c->names = xgrow(c->names, &cap, c->nnames + 1, sizeof *c->names);
        c->names[c->nnames++] = xstrndup(w, n);
    }
    if (c->nnames == 0)
        return fail(ps, end, "a country needs at least one name");
    return true;
}

/* The next `;`-separated name off *p, without the blanks around it; sets *len. */
static const char *
next_name(const char **p, const char *end, size_t *len)
{
    const char *s = *p, *e;
    while (s < end && is_blank(*s))
        s++;
    for (e = s; e < end && *e != ';';)
        e++;
    *p = e < end ? e + 1 : end;
    while (e > s && is_blank(e[-1]))
        e--;
    *len = (size_t)(e - s);
    return s;
}

/* The country listed before under the code s[0..n), or NULL. */
static struct facts_country *
listed_country(struct facts *f, const char *s, size_t n)
{
    for (size_t i = 0; i < f->ncountries; i++)
        if (strlen(f->countries[i].iso3) == n && memcmp(f->countries[i].iso3, s, n) == 0)
            return &f->countries[i];
    return NULL;
}

/* `english ISO3 = NAME[; NAME...]`: English names, for people who type them (the reports
 * print none), of a country listed before. */
static bool
parse_english(struct facts_parser *ps, const char *p, const char *end)
{
    size_t n, cap = 0;
    const char *code = next_word(&p, end, &n);
    struct facts_country *c = listed_country(ps->f, code, n);
    if (c == NULL || c->nenglish > 0)
        return fail(ps, code,
                    c ? "a second english line for this country"
                      : "english names for a country not listed before");
    const char *eq = next_word(&p, end, &n);
    if (n != 1 || *eq != '=')
        return fail(ps, eq, "expected `=`");
    do {
        const char *name = next_name(&p, end, &n);
        if (n == 0)
            return fail(ps, name, "missing English name");
        c->english = xgrow(c->english, &cap, c->nenglish + 1, sizeof *c->english);
        c->english[c->nenglish++] = xstrndup(name, n);
    } while (p < end);
    return true;
}

/* `KEY = VALUE` where VALUE runs to the end of the line. */
static bool
parse_pair(struct facts_parser *ps, const char *p, const char *end, struct facts_pair **arr,
           size_t *count, size_t *cap)
{
    size_t n;
    const char *key = next_word(&p, end, &n);
    if (n == 0)
        return fail(ps, key, "missing name before `=`");
    size_t klen = n;
    const char *eq = next_word(&p, end, &n);
    if (n != 1 || *eq != '=')
        return fail(ps, eq, "expected `=`");
    while (p < end && is_blank(*p))
        p++;
    const char *vend = end;
    while (vend > p && is_blank(vend[-1]))
        vend--;
    if (vend == p)
        return fail(ps, p, "missing value after `=`");
    *arr = xgrow(*arr, cap, *count + 1, sizeof **arr);
    (*arr)[*count].key = xstrndup(key, klen);
    (*arr)[*count].value = xstrndup(p, (size_t)(vend - p));
    (*count)++;
    return true;
}

static bool
parse_words(const char *p, const char *end, char ***arr, size_t *count, size_t *cap)
{
    size_t n;
    for (;;) {
        const char *w = next_word(&p, end, &n);
        if (n == 0)
            return true;
        *arr = xgrow(*arr, cap, *count + 1, sizeof **arr);
        (*arr)[(*count)++] = xstrndup(w, n);
    }
}

static bool
parse_document(struct facts_parser *ps, const char *p, const char *end)
{
    size_t n, m;
    const char *sym = next_word(&p, end, &n);
    if (n == 0)
        return fail(ps, sym, "missing document symbol");
    const char *file = next_word(&p, end, &m);
    if (m == 0)
        return fail(ps, file, "missing source file name");
    struct facts *f = ps->f;
    f->documents = xgrow(f->documents, &ps->cap_documents, f->ndocuments + 1, sizeof *f->documents);
    f->documents[f->ndocuments].key = xstrndup(sym, n);
    f->documents[f->ndocuments].value = xstrndup(file, m);
    f->ndocuments++;
    return true;
}

static bool
parse_line(struct facts_parser *ps, const char *p, const char *end)
{
    size_t n;
    const char *kw = next_word(&p, end, &n);
    struct facts *f = ps->f;
    if (n == 0)
        return true;
    if (n == 7 && memcmp(kw, "country", 7) == 0)
        return parse_country(ps, p, end);
    if (n == 6 && memcmp(kw, "expert", 6) == 0)
        return parse_pair(ps, p, end, &f->experts, &f->nexperts, &ps->cap_experts);
    if (n == 5 && memcmp(kw, "title", 5) == 0)
        return parse_pair(ps, p, end, &f->titles, &f->ntitles, &ps->cap_titles);
    if (n == 9 && memcmp(kw, "honorific", 9) == 0)
        return parse_words(p, end, &f->honorifics, &f->nhonorifics, &ps->cap_honorifics);
    if (n == 11 && memcmp(kw, "not-country", 11) == 0)
        return parse_words(p, end, &f->not_countries, &f->nnot_countries, &ps->cap_not);
    if (n == 8 && memcmp(kw, "document", 8) == 0)
        return parse_document(ps, p, end);
    if (n == 7 && memcmp(kw, "english", 7) == 0)
        return parse_english(ps, p, end);
    if (n == 7 && memcmp(kw, "subject", 7) == 0)
        return parse_words(p, end, &f->subjects, &f->nsubjects, &ps->cap_subjects);
    return fail(ps, kw,
                "unknown keyword (expected country, document, english, expert, honorific, "
                "not-country, subject or title)");
}

bool
facts_parse(const char *name, const char *text, struct facts *f, struct diag *d)
{
    memset(f, 0, sizeof *f);
    struct facts_parser ps = {.name = name, .f = f, .d = d};
    size_t len = strlen(text);
    const uint8_t *bad = u8_check((const uint8_t *)text, len);
    const char *p = text;
    for (ps.lineno = 1; *p; ps.lineno++) {
        const char *eol = strchr(p, '\n');
        if (eol == NULL)
            eol = p + strlen(p);
        ps.line = p;
        if (bad && (const char *)bad >= p && (const char *)bad < eol) {
            fail(&ps, (const char *)bad, "invalid UTF-8");
            facts_free(f);
            return false;
        }
        const char *end = memchr(p, '#', (size_t)(eol - p));
        if (end == NULL)
            end = eol;
        if (!parse_line(&ps, p, end)) {
            facts_free(f);
            return false;
        }
        p = *eol ? eol + 1 : eol;
    }
    return true;
}

bool
facts_load(const char *path, struct facts *f, struct diag *d)
{
    size_t n;
    memset(f, 0, sizeof *f);
    char *text = textfile_read(path, &n, d);
    if (text == NULL)
        return false;
    if (strlen(text) != n) {
        free(text);
        return diag_set(d, path, 0, 0, "file contains a NUL byte");
    }
    bool ok = facts_parse(path, text, f, d);
    free(text);
    return ok;
}

static void
free_words(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

static void
free_pairs(struct facts_pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].key);
        free(p[i].value);
    }
    free(p);
}

void
facts_free(struct facts *f)
{
    for (size_t i = 0; i < f->ncountries; i++) {
        free_words(f->countries[i].names, f->countries[i].nnames);
        free_words(f->countries[i].english, f->countries[i].nenglish);
    }
    free(f->countries);
    free_pairs(f->experts, f->nexperts);
    free_pairs(f->titles, f->ntitles);
    free_words(f->honorifics, f->nhonorifics);
    free_words(f->not_countries, f->nnot_countries);
    free_words(f->subjects, f->nsubjects);
    free_pairs(f->documents, f->ndocuments);
    memset(f, 0, sizeof *f);
}

const struct facts_country *
facts_country_named(const struct facts *f, const char *s, size_t n)
{
    for (size_t i = 0; i < f->ncountries; i++)
        for (size_t j = 0; j < f->countries[i].nnames; j++) {
            const char *name = f->countries[i].names[j];
            if (strlen(name) == n && memcmp(name, s, n) == 0)
                return &f->countries[i];
        }
    return NULL;
}

const struct facts_country *
facts_country_iso3(const struct facts *f, const char *iso3)
{
    for (size_t i = 0; i < f->ncountries; i++)
        if (strcmp(f->countries[i].iso3, iso3) == 0)
            return &f->countries[i];
    return NULL;
}

static size_t
prefix_len(const char *word, const char *s, size_t n)
{
    size_t w = strlen(word);
    return w <= n && memcmp(word, s, w) == 0 ? w : 0;
}

size_t
facts_match_not_country(const struct facts *f, const char *s, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < f->nnot_countries; i++) {
        size_t m = prefix_len(f->not_countries[i], s, n);
        if (m > best)
            best = m;
    }
    return best;
}

size_t
facts_match_country(const struct facts *f, const char *s, size_t n,
                    const struct facts_country **out)
{
    size_t best = 0;
    *out = NULL;
    if (facts_match_not_country(f, s, n))
        return 0;
    for (size_t i = 0; i < f->ncountries; i++)
        for (size_t j = 0; j < f->countries[i].nnames; j++) {
            size_t m = prefix_len(f->countries[i].names[j], s, n);
            if (m > best) {
                best = m;
                *out = &f->countries[i];
            }
        }
    return best;
}

const char *
facts_expert_alias(const struct facts *f, const char *alias, size_t n)
{
    for (size_t i = 0; i < f->nexperts; i++)
        if (strlen(f->experts[i].key) == n && memcmp(f->experts[i].key, alias, n) == 0)
            return f->experts[i].value;
    return NULL;
}

size_t
facts_match_honorific(const struct facts *f, const char *s, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < f->nhonorifics; i++) {
        size_t m = prefix_len(f->honorifics[i], s, n);
        if (m > best)
            best = m;
    }
    return best;
}

const char *
facts_title(const struct facts *f, const char *symbol)
{
    for (size_t i = 0; i < f->ntitles; i++)
        if (strcmp(f->titles[i].key, symbol) == 0)
            return f->titles[i].value;
    return NULL;
}

const char *
facts_document_symbol(const struct facts *f, const char *basename)
{
    for (size_t i = 0; i < f->ndocuments; i++)
        if (strcmp(f->documents[i].value, basename) == 0)
            return f->documents[i].key;
    return NULL;
}

bool
facts_is_document(const struct facts *f, const char *symbol, size_t n)
{
    for (size_t i = 0; i < f->ndocuments; i++)
        if (strlen(f->documents[i].key) == n && memcmp(f->documents[i].key, symbol, n) == 0)
            return true;
    return false;
}
