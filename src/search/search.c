/* The search engine: folded keys per node and field, literal and regex matching on them. */
#define _GNU_SOURCE /* memmem */
#include "search/search.h"

#include <locale.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/fold.h"
#include "text/wrap.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Keys are stored as flat arrays of offsets (struct key_record), so that the same arrays can
 * be written to a file and read from it in place. A node has one record per field it has, in
 * field order; node_first[node->order] is the first of them. */

#define KEY_IS_ORIGINAL UINT32_MAX /* key_record.key: the field's own string is its key */
#define NOT_FOLDED UINT32_MAX      /* node_first: the node has no records yet */
#define KEYS_MAGIC 0x314B534Eu     /* "NSK1" in a little-endian file */
#define KEYS_VERSION 1u

struct key_record {
    uint32_t key;      /* offset of the key in keys[] (NUL-terminated), or KEY_IS_ORIGINAL */
    uint32_t len;      /* bytes of the key */
    uint32_t orig_len; /* bytes of the field */
    uint32_t span;     /* its first span in spans[] */
    uint32_t nspans;
};

/* The arrays queries read: the index's own, or an image's bytes. */
struct key_arrays {
    const uint32_t *node_first;
    const struct key_record *rec;
    const struct fold_span *spans;
    const char *keys;
    size_t nrec, nspans, nkeys;
};

/* The arrays being built, node by node on its first search. */
struct key_build {
    uint32_t *node_first;
    struct key_record *rec;
    struct fold_span *spans;
    char *keys;
    size_t nrec, nspans, nkeys;
    size_t rec_cap, spans_cap, keys_cap; /* more than n only while a query folds */
    struct fold_buf *fold;               /* while a query folds, else NULL */
    struct wrap_span *skip;              /* a node's footnote markers, reused */
    size_t skip_cap;
};

struct search_index {
    const struct corpus *corpus; /* borrowed */
    size_t nnodes;
    struct key_arrays a;
    struct key_build *build; /* NULL when the keys are an image's */
    locale_t utf8;           /* for regcomp/regexec, made on the first regex query */
};

/* One query, ready to match a key. */
struct matcher {
    bool regex;
    struct fold_key needle; /* literal: the folded query */
    regex_t re;             /* regex: compiled from the folded pattern */
};

/* --- Fields ---------------------------------------------------------------------------- */

const char *
search_field_name(enum search_field field)
{
    static const char *const names[SEARCH_FIELD_COUNT] = {"symbol", "title", "name", "role",
                                                          "text"};
    return (unsigned)field < SEARCH_FIELD_COUNT ? names[field] : "?";
}

static const char *
nonempty(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : NULL;
}

const char *
search_field_string(const struct node *node, enum search_field field)
{
    switch (field) {
    case SEARCH_FIELD_SYMBOL:
        if (node->kind == NODE_EXTERNAL)
            return nonempty(node->u.external.symbol);
        return node->kind == NODE_WORKING_PAPER ? nonempty(node->u.paper.symbol) : NULL;
    case SEARCH_FIELD_TITLE:
        return nonempty(node->title);
    case SEARCH_FIELD_NAME:
        if (node->kind == NODE_EXPERT)
            return nonempty(node->u.expert.name);
        return node->kind == NODE_COUNTRY ? nonempty(node->u.country.name) : NULL;
    case SEARCH_FIELD_ROLE:
        return node->kind == NODE_EXPERT ? nonempty(node->u.expert.role) : NULL;
    case SEARCH_FIELD_TEXT:
        return nonempty(node->text);
    default:
        return NULL;
    }
}

/* Bytes of a field: the text's length is known, other fields are short. */
static size_t
field_length(const struct node *node, enum search_field field, const char *s)
{
    return field == SEARCH_FIELD_TEXT ? node->text_len : strlen(s);
}

/* --- The index --------------------------------------------------------------------------- */

struct search_index *
search_index_new(const struct corpus *corpus)
{
    struct search_index *index = xcalloc(1, sizeof *index);
    index->corpus = corpus;
    corpus_nodes(corpus, &index->nnodes);
    struct key_build *kb = xcalloc(1, sizeof *kb);
    kb->node_first = xmalloc((index->nnodes ? index->nnodes : 1) * sizeof *kb->node_first);
    memset(kb->node_first, 0xFF, index->nnodes * sizeof *kb->node_first); /* NOT_FOLDED */
    index->build = kb;
    index->a.node_first = kb->node_first;
    return index;
}

/* Queries read what was built so far (the arrays may have moved). */
static void
publish(struct search_index *index)
{
    const struct key_build *kb = index->build;
    index->a = (struct key_arrays){kb->node_first, kb->rec,    kb->spans, kb->keys,
                                   kb->nrec,       kb->nspans, kb->nkeys};
}

/* The offsets are uint32_t; a corpus whose keys reach 4 GiB is far beyond what the loader
 * accepts. */
static uint32_t
offset32(size_t n)
{
    if (n >= UINT32_MAX) {
        fprintf(stderr, "ndvr: the search keys would exceed 4 GiB\n");
        abort();
    }
    return (uint32_t)n;
}

/* Appends the record of the field just folded into kb->fold (of orig_len bytes). */
static void
append_record(struct key_build *kb, bool same, size_t orig_len)
{
    struct key_record r = {KEY_IS_ORIGINAL, offset32(orig_len), offset32(orig_len), 0, 0};
    const struct fold_buf *fb = kb->fold;
    if (!same) {
        r = (struct key_record){offset32(kb->nkeys), offset32(fb->len), r.orig_len,
                                offset32(kb->nspans), offset32(fb->nspans)};
        kb->keys = xgrow(kb->keys, &kb->keys_cap, kb->nkeys + fb->len + 1, 1);
        memcpy(kb->keys + kb->nkeys, fb->key, fb->len + 1);
        kb->nkeys += fb->len + 1;
        if (fb->nspans > 0) { /* else both may be NULL, and NULL + 0 is undefined */
            kb->spans =
                xgrow(kb->spans, &kb->spans_cap, kb->nspans + fb->nspans, sizeof *kb->spans);
            memcpy(kb->spans + kb->nspans, fb->spans, fb->nspans * sizeof *fb->spans);
            kb->nspans += fb->nspans;
        }
    }
    kb->rec = xgrow(kb->rec, &kb->rec_cap, offset32(kb->nrec + 1), sizeof *kb->rec);
    kb->rec[kb->nrec++] = r;
}

/* Footnote markers printed as plain digits ("。1根据") are only known from the node's
 * footnote references: they fold to nothing like superscripts do. */
static bool
fold_node_text(struct key_build *kb, const struct node *node)
{
    kb->skip = xgrow(kb->skip, &kb->skip_cap, node->nrefs + 1, sizeof *kb->skip);
    size_t nskip = 0;
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct ref *r = &node->refs[i];
        if (r->kind == REF_FOOTNOTE && r->in_text)
            kb->skip[nskip++] = (struct wrap_span){r->at, r->at + r->len};
    }
    return fold_buf_run(kb->fold, node->text, node->text_len, kb->skip, nskip);
}

/* Folds the fields of a node into new records; returns the first. */
static uint32_t
fold_node(struct search_index *index, const struct node *node)
{
    struct key_build *kb = index->build;
    if (kb->fold == NULL) {
        kb->fold = xmalloc(sizeof *kb->fold);
        fold_buf_init(kb->fold);
    }
    uint32_t first = offset32(kb->nrec);
    for (int f = 0; f < SEARCH_FIELD_COUNT; f++) {
        const char *s = search_field_string(node, (enum search_field)f);
        if (s == NULL)
            continue;
        size_t n = field_length(node, (enum search_field)f, s);
        bool same = f == SEARCH_FIELD_TEXT ? fold_node_text(kb, node)
                                           : fold_buf_run(kb->fold, s, n, NULL, 0);
        append_record(kb, same, n);
    }
    kb->node_first[node->order] = first;
    publish(index);
    return first;
}

/* The first record of a node, folding it on its first search. */
static uint32_t
node_first_record(struct search_index *index, const struct node *node)
{
    uint32_t first = index->a.node_first[node->order];
    return first != NOT_FOLDED || index->build == NULL ? first : fold_node(index, node);
}

/* After a query that folded: arrays of exactly the size they hold, no folding buffers. */
static void
trim(struct search_index *index)
{
    struct key_build *kb = index->build;
    if (kb == NULL || kb->fold == NULL)
        return;
    fold_buf_fini(kb->fold);
    free(kb->fold);
    kb->fold = NULL;
    free(kb->skip);
    kb->skip = NULL;
    kb->skip_cap = 0;
    kb->rec = xrealloc(kb->rec, kb->nrec * sizeof *kb->rec);
    kb->spans = xrealloc(kb->spans, kb->nspans * sizeof *kb->spans);
    kb->keys = xrealloc(kb->keys, kb->nkeys);
    kb->rec_cap = kb->nrec, kb->spans_cap = kb->nspans, kb->keys_cap = kb->nkeys;
    publish(index);
}

void
search_index_build_all(struct search_index *index)
{
    size_t n;
    struct node *const *nodes = corpus_nodes(index->corpus, &n);
    for (size_t i = 0; i < n; i++)
        node_first_record(index, nodes[i]);
    trim(index);
}

void
search_index_free(struct search_index *index)
{
    if (index == NULL)
        return;
    struct key_build *kb = index->build;
    if (kb != NULL) {
        if (kb->fold != NULL)
            fold_buf_fini(kb->fold);
        free(kb->fold);
        free(kb->skip);
        free(kb->node_first);
        free(kb->rec);
        free(kb->spans);
        free(kb->keys);
        free(kb);
    }
    if (index->utf8 != (locale_t)0)
        freelocale(index->utf8);
    free(index);
}

/* The key of record r, whose field's string is orig. */
static struct fold_view
record_key(const struct key_arrays *a, const struct key_record *r, const char *orig)
{
    const char *key = r->key == KEY_IS_ORIGINAL ? orig : a->keys + r->key;
    const struct fold_span *spans = r->nspans > 0 ? a->spans + r->span : NULL;
    return (struct fold_view){key, r->len, r->orig_len, spans, r->nspans};
}

/* --- Matching ---------------------------------------------------------------------------- */

/* The offset of the UTF-8 character after the one at s[i], at most n. */
static size_t
next_char(const char *s, size_t n, size_t i)
{
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The first occurrence of needle in key[pos, len). memmem looks at windows that double while
 * they hold none, so that finding each of many matches costs the bytes before it even where
 * every call checks the whole range it is given (as a sanitizer does). */
static const char *
find_by_memmem(const char *key, size_t pos, size_t len, const struct fold_key *needle)
{
    size_t window = 4096 > 2 * needle->len ? 4096 : 2 * needle->len;
    while (pos < len) {
        size_t end = len - pos > window ? pos + window : len;
        const char *p = memmem(key + pos, end - pos, needle->key, needle->len);
        if (p != NULL || end == len)
            return p;
        pos = end - (needle->len - 1); /* a match may straddle the window's end */
        window *= 2;
    }
    return NULL;
}

/* The same, faster: memchr (vectorised) finds the needle's last byte, in Chinese a
 * continuation byte and so one in about a hundred, and a comparison checks each candidate;
 * memmem is a byte-at-a-time loop beside it (half of a search's time). When candidates come
 * thick (a needle of bytes the text is made of), memmem takes over, which keeps the cost
 * linear whatever the needle. */
static const char *
find_literal(const char *key, size_t pos, size_t len, const struct fold_key *needle)
{
    size_t last = needle->len - 1, from = pos, misses = 0;
    unsigned char c = (unsigned char)needle->key[last];
    while (len - pos > last) {
        const char *p = memchr(key + pos + last, c, len - pos - last);
        if (p == NULL)
            return NULL;
        const char *start = p - last;
        if (memcmp(start, needle->key, last) == 0)
            return start;
        pos = (size_t)(start - key) + 1;
        if (++misses > 64 + (pos - from) / 16)
            return find_by_memmem(key, pos, len, needle);
    }
    return NULL;
}

/* The first match at or after key[pos] (key has len bytes), as key bytes [*a, *b). A regex
 * gets the whole key with REG_STARTEND: the text before pos is the context of ^ and \b, and
 * regexec does not measure the rest of the key on every call. */
static bool
next_match(const struct matcher *m, const char *key, size_t len, size_t pos, size_t *a, size_t *b)
{
    if (!m->regex) {
        const char *p = find_literal(key, pos, len, &m->needle);
        if (p == NULL)
            return false;
        *a = (size_t)(p - key);
        *b = *a + m->needle.len;
        return true;
    }
    regmatch_t rm = {.rm_so = (regoff_t)pos, .rm_eo = (regoff_t)len};
    if (regexec(&m->re, key, 1, &rm, REG_STARTEND) != 0)
        return false;
    *a = (size_t)rm.rm_so;
    *b = (size_t)rm.rm_eo;
    return true;
}

static bool
is_char_start(const char *s, size_t n, size_t at)
{
    return at >= n || ((unsigned char)s[at] & 0xC0) != 0x80;
}

/* Appends the hit of key bytes [a, b). Keys read from an image are only checked for their
 * bounds, so a range that would cut a character (damaged key bytes) is dropped. */
static void
add_hit(struct search_hits *hits, const struct node *node, enum search_field field,
        const struct fold_view *key, const char *orig, size_t a, size_t b)
{
    size_t start, end;
    fold_original_range(key, a, b, &start, &end);
    if (start > end || end > key->orig_len || !is_char_start(orig, key->orig_len, start) ||
        !is_char_start(orig, key->orig_len, end))
        return;
    hits->v = xgrow(hits->v, &hits->cap, hits->n + 1, sizeof *hits->v);
    hits->v[hits->n++] = (struct search_hit){node, field, start, end - start};
}

/* Every non-overlapping match in one key, left to right. A match that is empty or cuts a
 * grapheme cluster is dropped, and the search goes on one character later. */
static void
match_key(const struct matcher *m, const struct fold_view *key, const char *orig,
          const struct node *node, enum search_field field, struct search_hits *hits)
{
    size_t pos = 0, a, b;
    while (pos <= key->len && next_match(m, key->key, key->len, pos, &a, &b)) {
        if (b > a && fold_is_boundary_match(key, a, b)) {
            add_hit(hits, node, field, key, orig, a, b);
            pos = b;
        } else {
            pos = a < key->len ? next_char(key->key, key->len, a) : key->len + 1;
        }
    }
}

static void
match_node(struct search_index *index, const struct matcher *m, const struct node *node,
           struct search_hits *hits)
{
    uint32_t r = node_first_record(index, node);
    for (int f = 0; f < SEARCH_FIELD_COUNT; f++) {
        const char *s = search_field_string(node, (enum search_field)f);
        if (s == NULL)
            continue;
        struct fold_view key = record_key(&index->a, &index->a.rec[r++], s);
        match_key(m, &key, s, node, (enum search_field)f, hits);
    }
}

static void
match_nodes(struct search_index *index, const struct matcher *m, const struct node *scope,
            struct search_hits *hits)
{
    size_t n;
    struct node *const *nodes =
        scope ? corpus_subtree(index->corpus, scope, &n) : corpus_nodes(index->corpus, &n);
    for (size_t i = 0; i < n; i++)
        match_node(index, m, nodes[i], hits);
    trim(index);
}

/* --- Queries ----------------------------------------------------------------------------- */

/* Folds a regex pattern like a query, but copies each backslash escape as written: folding
 * would turn \W, \S and \B into \w, \s and \b. */
static char *
fold_pattern(const char *pattern)
{
    struct strbuf sb = STRBUF_INIT;
    const char *p = pattern;
    while (*p != '\0') {
        size_t plain = strcspn(p, "\\");
        if (plain == 0) { /* a backslash and the character it escapes */
            plain = p[1] != '\0' ? next_char(p, strlen(p), 1) : 1;
            sb_append(&sb, p, plain);
        } else {
            struct fold_key k;
            fold_query_n(p, plain, &k);
            sb_append(&sb, k.key, k.len);
            fold_key_free(&k);
        }
        p += plain;
    }
    return sb_detach(&sb);
}

static bool
compile_regex(struct search_index *index, const char *pattern, struct matcher *m, struct diag *d)
{
    if (index->utf8 == (locale_t)0)
        index->utf8 = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "C.UTF-8", (locale_t)0);
    if (index->utf8 == (locale_t)0)
        return diag_set(d, NULL, 0, 0, "--regex needs the C.UTF-8 locale, which is missing");
    char *folded = fold_pattern(pattern);
    if (folded[0] == '\0') {
        free(folded);
        return diag_set(d, NULL, 0, 0,
                        "the pattern `%s` is empty once footnote markers are "
                        "ignored",
                        pattern);
    }
    locale_t old = uselocale(index->utf8);
    int err = regcomp(&m->re, folded, REG_EXTENDED);
    if (err != 0) {
        char why[256];
        regerror(err, &m->re, why, sizeof why);
        diag_set(d, NULL, 0, 0, "invalid regular expression `%s`: %s", pattern, why);
    }
    uselocale(old);
    free(folded);
    m->regex = true;
    return err == 0;
}

static bool
prepare_literal(const char *text, struct matcher *m, struct diag *d)
{
    fold_query(text, &m->needle);
    if (m->needle.len > 0)
        return true;
    fold_key_free(&m->needle);
    return diag_set(d, NULL, 0, 0, "the query `%s` is empty once footnote markers are ignored",
                    text);
}

bool
search_run(struct search_index *index, const struct search_query *query, struct search_hits *hits,
           struct diag *d)
{
    if (query->text == NULL || query->text[0] == '\0')
        return diag_set(d, NULL, 0, 0, "empty query");
    struct matcher m = {0};
    if (!query->regex) {
        if (!prepare_literal(query->text, &m, d))
            return false;
        match_nodes(index, &m, query->scope, hits);
        fold_key_free(&m.needle);
        return true;
    }
    if (!compile_regex(index, query->text, &m, d))
        return false;
    locale_t old = uselocale(index->utf8);
    match_nodes(index, &m, query->scope, hits);
    uselocale(old);
    regfree(&m.re);
    return true;
}

void
search_hits_free(struct search_hits *hits)
{
    free(hits->v);
    hits->v = NULL;
    hits->n = hits->cap = 0;
}

/* --- Stored keys ------------------------------------------------------------------------- */

/* The layout: six uint32_t (magic, version, nodes, records, spans, key bytes), then
 * node_first[nodes], the records, the spans (records and spans in node order) and the keys,
 * each NUL-terminated. Words are in the machine's byte order. */
enum { KEYS_HEADER_BYTES = 6 * sizeof(uint32_t) };
_Static_assert(sizeof(struct key_record) == 5 * sizeof(uint32_t), "records are packed");
_Static_assert(sizeof(struct fold_span) == 3 * sizeof(uint32_t), "spans are packed");

/* How many records a node has: one per field it has. */
static uint32_t
node_nfields(const struct node *node)
{
    uint32_t n = 0;
    for (int f = 0; f < SEARCH_FIELD_COUNT; f++)
        n += search_field_string(node, (enum search_field)f) != NULL;
    return n;
}

static void
put32(struct strbuf *out, uint32_t v)
{
    sb_append(out, (const char *)&v, sizeof v);
}

/* The records in node order, their keys and spans renumbered to follow one another. */
static void
put_records(const struct search_index *index, struct node *const *nodes, size_t n,
            struct strbuf *out)
{
    uint32_t key_at = 0, span_at = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t nf = node_nfields(nodes[i]);
        const struct key_record *r = nf > 0 ? &index->a.rec[index->a.node_first[i]] : NULL;
        for (uint32_t k = 0; k < nf; k++, r++) {
            struct key_record copy = *r;
            if (r->key != KEY_IS_ORIGINAL) {
                copy.key = key_at;
                key_at += r->len + 1;
            }
            copy.span = span_at;
            span_at += r->nspans;
            sb_append(out, (const char *)&copy, sizeof copy);
        }
    }
}

/* A node's spans, or its keys. */
static void
put_node_arrays(const struct key_arrays *a, const struct node *node, bool spans, struct strbuf *out)
{
    uint32_t nf = node_nfields(node);
    const struct key_record *r = nf > 0 ? &a->rec[a->node_first[node->order]] : NULL;
    for (uint32_t k = 0; k < nf; k++, r++) {
        if (spans && r->nspans > 0)
            sb_append(out, (const char *)(a->spans + r->span), r->nspans * sizeof *a->spans);
        if (!spans && r->key != KEY_IS_ORIGINAL)
            sb_append(out, a->keys + r->key, r->len + 1);
    }
}

bool
search_keys_serialize(struct search_index *index, struct strbuf *out)
{
    search_index_build_all(index);
    const struct key_arrays *a = &index->a;
    size_t n;
    struct node *const *nodes = corpus_nodes(index->corpus, &n);
    uint32_t head[] = {KEYS_MAGIC,        KEYS_VERSION,        offset32(n),
                       offset32(a->nrec), offset32(a->nspans), offset32(a->nkeys)};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        put32(out, head[i]);
    uint32_t first = 0;
    for (size_t i = 0; i < n; i++) {
        put32(out, first);
        first += node_nfields(nodes[i]);
    }
    put_records(index, nodes, n, out);
    for (int pass = 0; pass < 2; pass++) /* the spans, then the keys */
        for (size_t i = 0; i < n; i++)
            put_node_arrays(a, nodes[i], pass == 0, out);
    return true;
}

/* What is wrong with the spans of record r over the field orig, or NULL. */
static const char *
check_spans(const struct key_arrays *a, const struct key_record *r, const char *orig)
{
    if (r->span > a->nspans || r->nspans > a->nspans - r->span)
        return "spans out of bounds";
    const struct fold_span *sp = a->spans + r->span;
    int64_t delta = 0;
    uint32_t key_end = 0;
    for (uint32_t i = 0; i < r->nspans; i++) {
        if (sp[i].key_start < key_end || sp[i].key_end < sp[i].key_start || sp[i].key_end > r->len)
            return "spans out of order";
        int64_t orig_start = sp[i].key_start + delta; /* >= the previous orig_end */
        if (orig_start >= sp[i].orig_end || sp[i].orig_end > r->orig_len)
            return "a span out of the field";
        if (!is_char_start(orig, r->orig_len, (size_t)orig_start) ||
            !is_char_start(orig, r->orig_len, sp[i].orig_end))
            return "a span cuts a character";
        delta = (int64_t)sp[i].orig_end - sp[i].key_end;
        key_end = sp[i].key_end;
    }
    return (int64_t)r->len + delta == r->orig_len ? NULL : "key and field lengths disagree";
}

/* What is wrong with record r of a field of orig_len bytes, or NULL. */
static const char *
check_record(const struct key_arrays *a, const struct key_record *r, const char *orig,
             size_t orig_len)
{
    if (r->orig_len != orig_len)
        return "the field's length differs from the corpus";
    if (r->key == KEY_IS_ORIGINAL)
        return r->len == orig_len && r->nspans == 0 ? NULL : "a bad unfolded key";
    if (r->key >= a->nkeys || r->len >= a->nkeys - r->key)
        return "a key out of bounds";
    /* only the key's end is read: its bytes are only ever read up to its length, so the
     * check leaves the image's pages of keys alone until a search reads them */
    if (a->keys[r->key + r->len] != '\0')
        return "a key of the wrong length";
    return check_spans(a, r, orig);
}

/* Checks node's records, which start at *next; moves *next past them. */
static bool
check_node(const struct key_arrays *a, const struct node *node, uint32_t *next, struct diag *d)
{
    if (a->node_first[node->order] != *next)
        return diag_set(d, NULL, 0, 0, "search keys: records out of order at %s", node->address);
    for (int f = 0; f < SEARCH_FIELD_COUNT; f++) {
        const char *s = search_field_string(node, (enum search_field)f);
        if (s == NULL)
            continue;
        const char *why =
            *next >= a->nrec
                ? "records missing"
                : check_record(a, &a->rec[*next], s, field_length(node, (enum search_field)f, s));
        if (why != NULL)
            return diag_set(d, NULL, 0, 0, "search keys: %s (%s, %s)", why, node->address,
                            search_field_name((enum search_field)f));
        ++*next;
    }
    return true;
}

/* Points a at the arrays of an image of n bytes, whose header is right and whose sizes add
 * up to n. */
static bool
map_image(const uint32_t *w, size_t n, size_t nnodes, struct key_arrays *a, struct diag *d)
{
    if (n < KEYS_HEADER_BYTES)
        return diag_set(d, NULL, 0, 0, "search keys: truncated (%zu bytes)", n);
    if (w[0] != KEYS_MAGIC || w[1] != KEYS_VERSION)
        return diag_set(d, NULL, 0, 0, "search keys: not version %u of the format", KEYS_VERSION);
    if (w[2] != nnodes)
        return diag_set(d, NULL, 0, 0, "search keys: made for %u nodes, the corpus has %zu", w[2],
                        nnodes);
    uint64_t need = KEYS_HEADER_BYTES + (uint64_t)w[2] * sizeof(uint32_t) +
                    (uint64_t)w[3] * sizeof(struct key_record) +
                    (uint64_t)w[4] * sizeof(struct fold_span) + w[5];
    if (need != n)
        return diag_set(d, NULL, 0, 0, "search keys: %zu bytes where the header says %llu", n,
                        (unsigned long long)need);
    const char *p = (const char *)w + KEYS_HEADER_BYTES;
    a->node_first = (const uint32_t *)p;
    a->rec = (const struct key_record *)(p + (size_t)w[2] * sizeof(uint32_t));
    a->spans = (const struct fold_span *)(a->rec + w[3]);
    a->keys = (const char *)(a->spans + w[4]);
    a->nrec = w[3], a->nspans = w[4], a->nkeys = w[5];
    return true;
}

struct search_index *
search_index_from_image(const struct corpus *corpus, const void *bytes, size_t n, struct diag *d)
{
    if (bytes == NULL || (uintptr_t)bytes % _Alignof(uint32_t) != 0) {
        diag_set(d, NULL, 0, 0, "search keys: not aligned on 4 bytes");
        return NULL;
    }
    size_t nnodes;
    struct node *const *nodes = corpus_nodes(corpus, &nnodes);
    struct key_arrays a;
    if (!map_image(bytes, n, nnodes, &a, d))
        return NULL;
    uint32_t next = 0;
    for (size_t i = 0; i < nnodes; i++)
        if (!check_node(&a, nodes[i], &next, d))
            return NULL;
    if (next != a.nrec) {
        diag_set(d, NULL, 0, 0, "search keys: %zu records more than the corpus has fields",
                 a.nrec - next);
        return NULL;
    }
    struct search_index *index = xcalloc(1, sizeof *index);
    index->corpus = corpus;
    index->nnodes = nnodes;
    index->a = a;
    return index;
}

struct search_index *
search_index_open(const struct corpus *corpus)
{
    size_t n;
    const void *keys = corpus_attachment(corpus, &n);
    struct search_index *index = keys ? search_index_from_image(corpus, keys, n, NULL) : NULL;
    return index ? index : search_index_new(corpus);
}
