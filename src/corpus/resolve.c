/* Resolving addresses as people type them (see resolve.h). */
#include "corpus/resolve.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

enum {
    QUOTE_MAX = 80,     /* bytes of the typed text a message quotes */
    ADDRESS_MAX = 512,  /* longer made-up addresses name nothing */
    NUMBER_MAX = 99999, /* no paragraph or footnote is numbered higher */
};

/* One resolution under way. */
struct resolving {
    const struct corpus *corpus;
    const char *typed; /* as typed, for messages */
    struct resolved *out;
};

/* --- Keys: what is typed, folded for comparing ---------------------------------------------- */

/* What a key writes for c: the dashes, apostrophes, blanks and name dots people type
 * interchangeably become one ASCII character each. */
static ucs4_t
plain(ucs4_t c)
{
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xfe58 || c == 0xfe63)
        return '-';
    if (c == 0x2018 || c == 0x2019 || c == 0x2032)
        return '\'';
    if (c == '\t' || c == '\n' || c == 0xa0 || c == 0x3000 || c == 0xb7 || c == 0x30fb)
        return ' ';
    return c;
}

static void
put_char(struct strbuf *sb, ucs4_t c)
{
    uint8_t buf[6];
    int n = u8_uctomb(buf, c, sizeof buf);
    if (n > 0)
        sb_append(sb, (const char *)buf, (size_t)n);
}

/* s case folded and decomposed (full-width forms become ASCII), without combining marks (so
 * Câmara is camara), with runs of blanks one space and no blank at either end. Caller frees. */
static char *
fold(const char *s)
{
    size_t n = 0;
    uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFKD, NULL, &n);
    if (f == NULL) { /* invalid UTF-8: compared as it is */
        n = strlen(s);
        f = (uint8_t *)xstrndup(s, n);
    }
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, f + i, n - i);
        c = plain(c);
        bool blank_run = c == ' ' && (sb.len == 0 || sb.data[sb.len - 1] == ' ');
        if (!(c >= 0x300 && c <= 0x36f) && !blank_run)
            put_char(&sb, c);
    }
    free(f);
    if (sb.len > 0 && sb.data[sb.len - 1] == ' ')
        sb_truncate(&sb, sb.len - 1);
    return sb_detach(&sb);
}

/* Whether name, folded, is key. */
static bool
is_folded(const char *key, const char *name)
{
    if (name == NULL)
        return false;
    char *f = fold(name);
    bool same = strcmp(f, key) == 0;
    free(f);
    return same;
}

static char
ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s starts with address, ASCII letters compared without case; the length matched. */
static size_t
address_prefix(const char *s, const char *address)
{
    size_t i = 0;
    while (address[i] != '\0' && ascii_lower(s[i]) == ascii_lower(address[i]))
        i++;
    return address[i] == '\0' ? i : 0;
}

/* --- Results ------------------------------------------------------------------------------ */

/* The bytes of s[0..n) a message quotes: at most QUOTE_MAX, cut before a character. */
static int
quoted_len(const char *s, size_t n)
{
    if (n <= QUOTE_MAX)
        return (int)n;
    n = QUOTE_MAX;
    while (n > 0 && (s[n] & 0xc0) == 0x80)
        n--;
    return (int)n;
}

/* text for a message: itself, or its start and "…" in buf. */
static const char *
quote(const char *text, char *buf, size_t size)
{
    size_t n = strlen(text);
    if (n <= QUOTE_MAX)
        return text;
    snprintf(buf, size, "%.*s…", quoted_len(text, n), text);
    return buf;
}

/* Sets a failure and its message; always true (the resolution is decided). */
__attribute__((format(printf, 3, 4))) static bool
fail(struct resolving *rs, enum resolve_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rs->out->why, sizeof rs->out->why, fmt, ap);
    va_end(ap);
    rs->out->status = status;
    return true;
}

/* Whether a range from first to last stays in one document; sets the failure if not. */
static bool
in_one_document(struct resolving *rs, const struct node *first, const struct node *last)
{
    const struct node *stray = first->document == NULL ? first : last;
    if (first->document != NULL && first->document == last->document)
        return true;
    if (stray->document == NULL)
        return !fail(rs, RESOLVE_BAD_RANGE, _("a range runs within one document; %s is in none"),
                     stray->address);
    return !fail(rs, RESOLVE_BAD_RANGE,
                 _("a range runs within one document: %s is in %s, %s in %s"), first->address,
                 first->document->address, last->address, last->document->address);
}

/* One node, or a range; always true (the resolution is decided). */
static bool
found(struct resolving *rs, const struct node *first, const struct node *last)
{
    if (first != last && !in_one_document(rs, first, last))
        return true;
    bool backwards = last->order < first->order;
    rs->out->status = RESOLVE_OK;
    rs->out->first = backwards ? last : first;
    rs->out->last = backwards ? first : last;
    return true;
}

static bool
unknown(struct resolving *rs, const char *key)
{
    char buf[QUOTE_MAX + 8];
    fail(rs, RESOLVE_UNKNOWN, _("no such address: %s"), quote(rs->typed, buf, sizeof buf));
    rs->out->nnear = corpus_suggest(rs->corpus, key, rs->out->near, RESOLVE_NEAR_MAX);
    return true;
}

/* --- Addresses and names -------------------------------------------------------------------- */

/* The node whose address is key but for the case of ASCII letters, or NULL. */
static const struct node *
find_address(const struct corpus *corpus, const char *key)
{
    size_t count, len = strlen(key);
    struct node *const *nodes = corpus_nodes(corpus, &count);
    for (size_t i = 0; len > 0 && i < count; i++)
        if (address_prefix(key, nodes[i]->address) == len)
            return nodes[i];
    return NULL;
}

static bool
country_named(const struct node *country, const char *key)
{
    const struct node_country *c = &country->u.country;
    bool hit = is_folded(key, c->name) || is_folded(key, c->english);
    for (size_t i = 0; !hit && i < c->naliases; i++)
        hit = is_folded(key, c->aliases[i]);
    return hit;
}

/* An expert is named by the whole name or its last words (Langeland, Le Floc'h), or by one
 * of the other names the tree gives it (克努特·朗厄兰, 中根). */
static bool
expert_named(const struct node *expert, const char *key)
{
    const struct node_expert *e = &expert->u.expert;
    char *name = fold(e->name ? e->name : "");
    size_t n = strlen(name), k = strlen(key);
    bool hit = strcmp(name, key) == 0 ||
               (k > 0 && k < n && name[n - k - 1] == ' ' && strcmp(name + n - k, key) == 0);
    free(name);
    for (size_t i = 0; !hit && i < e->naliases; i++)
        hit = is_folded(key, e->aliases[i]);
    return hit;
}

static bool
is_named(const struct node *node, const char *key)
{
    return (node->kind == NODE_COUNTRY && country_named(node, key)) ||
           (node->kind == NODE_EXPERT && expert_named(node, key));
}

/* The countries and experts key names, up to RESOLVE_NEAR_MAX in out; returns how many in
 * all. */
static size_t
find_named(const struct corpus *corpus, const char *key, const struct node **out)
{
    size_t count, total = 0;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    for (size_t i = 0; i < count; i++)
        if (is_named(nodes[i], key) && total++ < RESOLVE_NEAR_MAX)
            out[total - 1] = nodes[i];
    if (total == 0 && strncmp(key, "the ", 4) == 0) /* the United Kingdom */
        return find_named(corpus, key + 4, out);
    return total;
}

static bool
resolve_name(struct resolving *rs, const char *key)
{
    const struct node *hits[RESOLVE_NEAR_MAX];
    size_t n = find_named(rs->corpus, key, hits);
    if (n == 1)
        return found(rs, hits[0], hits[0]);
    if (n == 0)
        return false;
    char buf[QUOTE_MAX + 8];
    fail(rs, RESOLVE_AMBIGUOUS, _("%s names %zu nodes"), quote(rs->typed, buf, sizeof buf), n);
    rs->out->nnear = n < RESOLVE_NEAR_MAX ? n : RESOLVE_NEAR_MAX;
    memcpy(rs->out->near, hits, rs->out->nnear * sizeof *hits);
    return true;
}

/* --- Citations: A/74/90, para. 23; A/72/304 (挪威), para. 3; A/74/90，第23段 ---------------- */

/* A citation as read from a key; the part and label point into the key. */
struct cite {
    const char *s; /* what is left to read */
    const struct node *doc;
    const char *part;  /* the parenthesised part (an answering country, an annex) */
    size_t part_len;   /* 0 when none */
    bool has_locator;  /* names paragraphs or footnotes, not just the document or part */
    bool footnote;     /* footnotes, not paragraphs */
    int from, to;      /* the numbers named */
    const char *label; /* a footnote named by a label that is no number ("*"), or NULL */
};

static const char *const paragraph_words[] = {"paragraphs", "paragraph", "paras.", "paras",
                                              "para.",      "para",      "¶¶",     "¶"};
static const char *const footnote_words[] = {"footnotes", "footnote", "notes", "note",
                                             "fn.",       "fn",       "脚注"};

static bool
skip(const char **s, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*s, word, n) != 0)
        return false;
    *s += n;
    return true;
}

static bool
skip_any(const char **s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (skip(s, words[i]))
            return true;
    return false;
}

static void
skip_blanks(const char **s)
{
    *s += strspn(*s, " ");
}

static bool
read_number(const char **s, int *n)
{
    size_t len = strspn(*s, "0123456789");
    if (len == 0 || len > 5)
        return false;
    *n = atoi(*s);
    *s += len;
    return *n <= NUMBER_MAX;
}

/* "23", "23-30", "23..30", "23 至 30", "23 to 30", "23至第30"; *to is *from for one. */
static bool
read_numbers(const char **s, int *from, int *to)
{
    if (!read_number(s, from))
        return false;
    *to = *from;
    const char *p = *s;
    skip_blanks(&p);
    if (!(skip(&p, "-") || skip(&p, "..") || skip(&p, "至") || skip(&p, "到") || skip(&p, "to")))
        return true;
    skip_blanks(&p);
    skip(&p, "第");
    if (read_number(&p, to))
        *s = p;
    return true;
}

/* 第23段, 第23至30段 */
static bool
read_chinese_paragraphs(struct cite *c)
{
    skip_blanks(&c->s);
    if (!read_numbers(&c->s, &c->from, &c->to))
        return false;
    skip_blanks(&c->s);
    return skip(&c->s, "段");
}

/* para. 23, paras. 23-30, ¶23, footnote 4, footnote *, 脚注4 */
static bool
read_locator(struct cite *c)
{
    if (skip(&c->s, "第"))
        return read_chinese_paragraphs(c);
    c->footnote = skip_any(&c->s, footnote_words, sizeof footnote_words / sizeof *footnote_words);
    if (!c->footnote &&
        !skip_any(&c->s, paragraph_words, sizeof paragraph_words / sizeof *paragraph_words))
        return false;
    skip_blanks(&c->s);
    if (read_numbers(&c->s, &c->from, &c->to))
        return true;
    c->label = c->s;
    c->s += strlen(c->s);
    return c->footnote && c->label[0] != '\0';
}

/* The document whose address starts the key (the longest, were one a prefix of another). */
static const struct node *
read_document(const struct corpus *corpus, const char **s)
{
    size_t ndocs, best = 0;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    const struct node *doc = NULL;
    for (size_t i = 0; i < ndocs; i++) {
        size_t n = address_prefix(*s, docs[i]->address);
        if (n > best) {
            best = n;
            doc = docs[i];
        }
    }
    *s += best;
    return doc;
}

/* "(挪威)": the part, without the blanks inside the parentheses. */
static bool
read_part(struct cite *c)
{
    if (!skip(&c->s, "("))
        return true;
    const char *close = strchr(c->s, ')');
    if (close == NULL)
        return false;
    skip_blanks(&c->s);
    c->part = c->s;
    c->part_len = (size_t)(close - c->s);
    while (c->part_len > 0 && c->part[c->part_len - 1] == ' ')
        c->part_len--;
    c->s = close + 1;
    return c->part_len > 0;
}

/* Whether key is a citation: a document, then a part, a locator or both, and nothing else. */
static bool
read_citation(const struct corpus *corpus, const char *key, struct cite *c)
{
    memset(c, 0, sizeof *c);
    c->s = key;
    if ((c->doc = read_document(corpus, &c->s)) == NULL)
        return false;
    c->s += strspn(c->s, " ,");
    if (!read_part(c))
        return false;
    c->s += strspn(c->s, " ,");
    c->has_locator = c->s[0] != '\0';
    if (c->has_locator && !read_locator(c))
        return false;
    return c->s[0] == '\0' && (c->part_len > 0 || c->has_locator);
}

static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};

/* The number of "I" or "1" (an annex's), or 0. */
static int
annex_number(const char *s)
{
    for (size_t i = 0; i < sizeof roman / sizeof *roman; i++)
        if (strcmp(s, roman[i]) == 0)
            return (int)i + 1;
    int n = 0;
    return read_number(&s, &n) && s[0] == '\0' ? n : 0;
}

/* An annex by its printed label (附件一) or as annex I, annex 1. */
static const struct node *
annex_named(const struct corpus *corpus, const struct node *doc, const char *name)
{
    for (size_t i = 0; i < doc->nchildren; i++)
        if (doc->children[i]->kind == NODE_ANNEX && is_folded(name, doc->children[i]->label))
            return doc->children[i];
    const char *s = name;
    if (!skip(&s, "annex"))
        return NULL;
    skip_blanks(&s);
    int n = annex_number(s);
    char address[ADDRESS_MAX];
    snprintf(address, sizeof address, "%s#annex%d", doc->address, n);
    return n > 0 ? corpus_find(corpus, address) : NULL;
}

/* The response of the country name names (its code or any of its names). */
static const struct node *
response_of(const struct corpus *corpus, const struct node *doc, const char *name)
{
    const struct node *country = find_address(corpus, name), *hits[RESOLVE_NEAR_MAX];
    if ((country == NULL || country->kind != NODE_COUNTRY) && find_named(corpus, name, hits) == 1 &&
        hits[0]->kind == NODE_COUNTRY)
        country = hits[0];
    if (country == NULL || country->kind != NODE_COUNTRY)
        return NULL;
    char address[ADDRESS_MAX];
    snprintf(address, sizeof address, "%s#%s", doc->address, country->address);
    const struct node *r = corpus_find(corpus, address);
    return r != NULL && r->kind == NODE_RESPONSE ? r : NULL;
}

static const struct node *
find_part(const struct corpus *corpus, const struct cite *c)
{
    char *name = xstrndup(c->part, c->part_len);
    const struct node *part = annex_named(corpus, c->doc, name);
    if (part == NULL)
        part = response_of(corpus, c->doc, name);
    free(name);
    return part;
}

/* Paragraph number of scope: the document's #pN, a response's or an annex's .pN (the number
 * a citation gives an unnumbered paragraph in a response is its place, as in its address). */
static const struct node *
paragraph_in(const struct corpus *corpus, const struct node *scope, int number)
{
    char address[ADDRESS_MAX];
    snprintf(address, sizeof address, "%s%sp%d", scope->address,
             scope->kind == NODE_DOCUMENT ? "#" : ".", number);
    return corpus_find(corpus, address);
}

static const struct node *
footnote_in(const struct corpus *corpus, const struct node *doc, int number, const char *label)
{
    size_t count;
    struct node *const *nodes = corpus_subtree(corpus, doc, &count);
    for (size_t i = 0; i < count; i++)
        if (nodes[i]->kind == NODE_FOOTNOTE &&
            (label != NULL ? is_folded(label, nodes[i]->label) : nodes[i]->number == number))
            return nodes[i];
    return NULL;
}

static bool
cite_paragraphs(struct resolving *rs, const struct cite *c, const struct node *scope)
{
    const struct node *first = paragraph_in(rs->corpus, scope, c->from);
    const struct node *last = paragraph_in(rs->corpus, scope, c->to);
    if (first == NULL || last == NULL)
        return fail(rs, RESOLVE_UNKNOWN, _("%s has no paragraph %d"), scope->address,
                    first == NULL ? c->from : c->to);
    return found(rs, first, last);
}

static bool
cite_footnotes(struct resolving *rs, const struct cite *c)
{
    const struct node *first = footnote_in(rs->corpus, c->doc, c->from, c->label);
    const struct node *last = footnote_in(rs->corpus, c->doc, c->to, c->label);
    if ((first == NULL || last == NULL) && c->label != NULL)
        return fail(rs, RESOLVE_UNKNOWN, _("%s has no footnote %.*s"), c->doc->address,
                    quoted_len(c->label, strlen(c->label)), c->label);
    if (first == NULL || last == NULL)
        return fail(rs, RESOLVE_UNKNOWN, _("%s has no footnote %d"), c->doc->address,
                    first == NULL ? c->from : c->to);
    return found(rs, first, last);
}

static bool
resolve_citation(struct resolving *rs, const char *key)
{
    struct cite c;
    if (!read_citation(rs->corpus, key, &c))
        return false;
    const struct node *scope = c.part_len > 0 ? find_part(rs->corpus, &c) : c.doc;
    if (scope == NULL)
        return fail(rs, RESOLVE_UNKNOWN, _("%s has no response or annex called %.*s"),
                    c.doc->address, quoted_len(c.part, c.part_len), c.part);
    if (!c.has_locator)
        return found(rs, scope, scope);
    return c.footnote ? cite_footnotes(rs, &c) : cite_paragraphs(rs, &c, scope);
}

/* --- Ranges --------------------------------------------------------------------------------- */

/* The '-' of "…p23-30" (a digit before it, only digits after), or NULL. */
static const char *
number_dash(const char *key)
{
    const char *dash = strrchr(key, '-');
    if (dash == NULL || dash == key || dash[-1] < '0' || dash[-1] > '9' || dash[1] == '\0')
        return NULL;
    return strspn(dash + 1, "0123456789") == strlen(dash + 1) ? dash : NULL;
}

/* first's address with its tail from `at` on replaced by end, looked up. */
static const struct node *
replace_tail(const struct corpus *corpus, const struct node *first, const char *at, const char *end)
{
    char address[ADDRESS_MAX];
    if (at == NULL)
        return NULL;
    snprintf(address, sizeof address, "%.*s%s", (int)(at - first->address), first->address, end);
    return find_address(corpus, address);
}

/* The end of a range written after its first node: "30" (its number), "p30" (the last part
 * of its address), "p14.3" (the part after the document's #). */
static const struct node *
relative_end(const struct corpus *corpus, const struct node *first, const char *end)
{
    const char *a = first->address, *tail = a + strlen(a);
    if (strspn(end, "0123456789") == strlen(end)) {
        while (tail > a && tail[-1] >= '0' && tail[-1] <= '9')
            tail--;
        return tail[0] != '\0' ? replace_tail(corpus, first, tail, end) : NULL;
    }
    const char *hash = strchr(a, '#'), *dot = hash ? strrchr(hash, '.') : NULL;
    const struct node *n = replace_tail(corpus, first, dot ? dot + 1 : NULL, end);
    return n != NULL ? n : replace_tail(corpus, first, hash ? hash + 1 : NULL, end);
}

static bool resolve_single(struct resolving *rs, const char *key);

/* key resolved alone into a result of its own; false when it does not resolve. */
static bool
resolve_alone(struct resolving *rs, const char *key, struct resolved *r)
{
    struct resolving side = {rs->corpus, rs->typed, r};
    memset(r, 0, sizeof *r);
    return resolve_single(&side, key) && r->status == RESOLVE_OK;
}

/* "A..B" or "A-30": A resolved alone, B after A or alone. */
static bool
resolve_range(struct resolving *rs, const char *key)
{
    const char *sep = strstr(key, "..");
    size_t seplen = 2;
    if (sep == NULL && (sep = number_dash(key)) != NULL)
        seplen = 1;
    if (sep == NULL)
        return false;
    char *left = xstrndup(key, (size_t)(sep - key));
    const char *right = sep + seplen;
    struct resolved a, b;
    bool ok = resolve_alone(rs, left, &a);
    const struct node *last = ok ? relative_end(rs->corpus, a.first, right) : NULL;
    if (ok && last == NULL && resolve_alone(rs, right, &b))
        last = b.last;
    free(left);
    return last != NULL && found(rs, a.first, last);
}

/* --- Resolving ------------------------------------------------------------------------------- */

/* An address in any case, a name, or a citation. */
static bool
resolve_single(struct resolving *rs, const char *key)
{
    const struct node *n = find_address(rs->corpus, key);
    if (n != NULL)
        return found(rs, n, n);
    return resolve_name(rs, key) || resolve_citation(rs, key);
}

void
resolve(const struct corpus *corpus, const char *text, struct resolved *out)
{
    memset(out, 0, sizeof *out);
    struct resolving rs = {corpus, text, out};
    const struct node *exact = corpus_find(corpus, text);
    if (exact != NULL) {
        found(&rs, exact, exact);
        return;
    }
    char *key = fold(text);
    if (key[0] == '\0' || !(resolve_single(&rs, key) || resolve_range(&rs, key)))
        unknown(&rs, key);
    free(key);
}

void
resolve_one(const struct corpus *corpus, const char *text, struct resolved *out)
{
    resolve(corpus, text, out);
    if (out->status != RESOLVE_OK || out->first == out->last)
        return;
    char buf[QUOTE_MAX + 8];
    snprintf(out->why, sizeof out->why, _("%s is a range; one node is wanted here"),
             quote(text, buf, sizeof buf));
    out->status = RESOLVE_BAD_RANGE;
    out->near[0] = out->first;
    out->nnear = 1;
}

const struct node *
resolve_next(const struct corpus *corpus, const struct resolved *r, const struct node *prev)
{
    size_t count;
    struct node *const *nodes = corpus_nodes(corpus, &count);
    size_t end = r->last->subtree_end;
    size_t i = prev == NULL ? r->first->order : prev->subtree_end;
    while (i < end && nodes[i]->subtree_end > end) /* reaches past the range: its children */
        i++;
    return i < end && i < count ? nodes[i] : NULL;
}
