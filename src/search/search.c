/* The search engine: folded keys per node and field, literal and regex matching on them. */
#include "search/search.h"

#include <locale.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search/fold.h"
#include "text/wrap.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The keys of one node, folded on its first search. */
struct node_keys {
    bool folded;
    struct fold_key field[SEARCH_FIELD_COUNT];  /* .key is NULL when the node lacks the field */
};

struct search_index {
    const struct corpus *corpus;  /* borrowed */
    struct node_keys *keys;       /* one per node, indexed by node->order */
    size_t nnodes;
    locale_t utf8;                /* for regcomp/regexec, made on the first regex query */
};

/* One query, ready to match a key. */
struct matcher {
    bool regex;
    struct fold_key needle;  /* literal: the folded query */
    regex_t re;              /* regex: compiled from the folded pattern */
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

/* --- The index --------------------------------------------------------------------------- */

struct search_index *
search_index_new(const struct corpus *corpus)
{
    struct search_index *index = xcalloc(1, sizeof *index);
    index->corpus = corpus;
    corpus_nodes(corpus, &index->nnodes);
    index->keys = xcalloc(index->nnodes ? index->nnodes : 1, sizeof *index->keys);
    return index;
}

/* Footnote markers printed as plain digits ("。1根据") are only known from the node's
 * footnote references: they fold to nothing like superscripts do. */
static void
fold_node_text(const struct node *node, struct fold_key *key)
{
    struct wrap_span *skip = xcalloc(node->nrefs + 1, sizeof *skip);
    size_t nskip = 0;
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct ref *r = &node->refs[i];
        if (r->kind == REF_FOOTNOTE && r->in_text)
            skip[nskip++] = (struct wrap_span){r->at, r->at + r->len};
    }
    fold_text(node->text, node->text_len, skip, nskip, key);
    free(skip);
}

static const struct node_keys *
node_keys(struct search_index *index, const struct node *node)
{
    struct node_keys *k = &index->keys[node->order];
    if (k->folded)
        return k;
    for (int f = 0; f < SEARCH_FIELD_COUNT; f++) {
        const char *s = search_field_string(node, (enum search_field)f);
        if (s == NULL)
            continue;
        if (f == SEARCH_FIELD_TEXT)
            fold_node_text(node, &k->field[f]);
        else
            fold_text(s, strlen(s), NULL, 0, &k->field[f]);
    }
    k->folded = true;
    return k;
}

void
search_index_build_all(struct search_index *index)
{
    size_t n;
    struct node *const *nodes = corpus_nodes(index->corpus, &n);
    for (size_t i = 0; i < n; i++)
        node_keys(index, nodes[i]);
}

void
search_index_free(struct search_index *index)
{
    if (index == NULL)
        return;
    for (size_t i = 0; i < index->nnodes; i++)
        for (int f = 0; f < SEARCH_FIELD_COUNT; f++)
            if (index->keys[i].field[f].key != NULL)
                fold_key_free(&index->keys[i].field[f]);
    free(index->keys);
    if (index->utf8 != (locale_t)0)
        freelocale(index->utf8);
    free(index);
}

/* --- Matching ---------------------------------------------------------------------------- */

/* The offset of the UTF-8 character after the one at s[i] (s is valid UTF-8). */
static size_t
next_char(const char *s, size_t i)
{
    i++;
    while (((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The first match at or after key[pos], as key bytes [*a, *b). */
static bool
next_match(const struct matcher *m, const char *key, size_t pos, size_t *a, size_t *b)
{
    if (!m->regex) {
        const char *p = strstr(key + pos, m->needle.key);
        if (p == NULL)
            return false;
        *a = (size_t)(p - key);
        *b = *a + m->needle.len;
        return true;
    }
    regmatch_t rm;
    if (regexec(&m->re, key + pos, 1, &rm, pos > 0 ? REG_NOTBOL : 0) != 0)
        return false;
    *a = pos + (size_t)rm.rm_so;
    *b = pos + (size_t)rm.rm_eo;
    return true;
}

static void
add_hit(struct search_hits *hits, const struct node *node, enum search_field field,
        const struct fold_key *key, size_t a, size_t b)
{
    size_t start, end;
    fold_original_range(key, a, b, &start, &end);
    hits->v = xgrow(hits->v, &hits->cap, hits->n + 1, sizeof *hits->v);
    hits->v[hits->n++] = (struct search_hit){node, field, start, end - start};
}

/* Every non-overlapping match in one key, left to right. A match that is empty or cuts a
 * grapheme cluster is dropped, and the search goes on one character later. */
static void
match_key(const struct matcher *m, const struct fold_key *key, const struct node *node,
          enum search_field field, struct search_hits *hits)
{
    size_t pos = 0, a, b;
    while (pos <= key->len && next_match(m, key->key, pos, &a, &b)) {
        if (b > a && fold_is_boundary_match(key, a, b)) {
            add_hit(hits, node, field, key, a, b);
            pos = b;
        } else {
            pos = a < key->len ? next_char(key->key, a) : key->len + 1;
        }
    }
}

static void
match_nodes(struct search_index *index, const struct matcher *m, const struct node *scope,
            struct search_hits *hits)
{
    size_t n;
    struct node *const *nodes = scope ? corpus_subtree(index->corpus, scope, &n)
                                      : corpus_nodes(index->corpus, &n);
    for (size_t i = 0; i < n; i++) {
        const struct node_keys *k = node_keys(index, nodes[i]);
        for (int f = 0; f < SEARCH_FIELD_COUNT; f++)
            if (k->field[f].key != NULL)
                match_key(m, &k->field[f], nodes[i], (enum search_field)f, hits);
    }
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
            plain = p[1] != '\0' ? next_char(p, 1) : 1;
            sb_append(&sb, p, plain);
        } else {
            struct fold_key k;
            fold_text(p, plain, NULL, 0, &k);
            sb_append(&sb, k.key, k.len);
            fold_key_free(&k);
        }
        p += plain;
    }
    return sb_detach(&sb);
}

static bool
compile_regex(struct search_index *index, const char *pattern, struct matcher *m,
              struct diag *d)
{
    if (index->utf8 == (locale_t)0)
        index->utf8 = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "C.UTF-8", (locale_t)0);
    if (index->utf8 == (locale_t)0)
        return diag_set(d, NULL, 0, 0, "--regex needs the C.UTF-8 locale, which is missing");
    char *folded = fold_pattern(pattern);
    if (folded[0] == '\0') {
        free(folded);
        return diag_set(d, NULL, 0, 0, "the pattern `%s` is empty once footnote markers are "
                        "ignored", pattern);
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
search_run(struct search_index *index, const struct search_query *query,
           struct search_hits *hits, struct diag *d)
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
