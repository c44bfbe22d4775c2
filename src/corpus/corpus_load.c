/* Reading report-tree JSON into a corpus: the only reader of the corpus format.
 *
 * Positions. cJSON keeps no source positions, and a diagnostic must point into the file. So
 * before cJSON parses a text, a small scanner walks the raw bytes once and records the byte
 * offset of every key and every value token, in text order (the first byte of a string, number,
 * literal, '{' or '['). cJSON keeps object members and array elements in text order too, so a
 * depth-first walk over the parsed tree that takes one token per key and one per value pairs
 * each cJSON item with its key's and its value's offset; that map answers "where is this
 * item" for every semantic error. The pairing is sound because it runs only on texts cJSON
 * accepted whole, which the scanner tokenizes the same way (cJSON's whitespace is every byte
 * up to 0x20, and so is the scanner's); if the two ever disagreed, lookups fall back to offset
 * 0 instead of reading out of bounds. Offsets become line:col through a table of line starts.
 *
 * The same scanner does what cJSON does not: it checks UTF-8 in every string and key, and
 * rejects \u0000 (cJSON would silently cut the string there), control characters written raw
 * or as escapes, and nesting deeper than the limit (before cJSON recurses into it). When both
 * the scanner and cJSON find a problem, the one earlier in the file is reported. */
#include "corpus/corpus_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <unistr.h>

#include "util/xalloc.h"

#define NO_PROBLEM SIZE_MAX

/* --- Scanner --------------------------------------------------------------------------- */

struct scan {
    const char *s;
    size_t n;
    size_t *tokens;  /* offsets of keys and values, in text order */
    size_t ntokens, cap;
    size_t problem;  /* offset of the first problem found, or NO_PROBLEM */
    char message[160];
};

static void
scan_problem(struct scan *sc, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
scan_problem(struct scan *sc, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sc->message, sizeof sc->message, fmt, ap);
    va_end(ap);
    sc->problem = offset;
}

static void
scan_token(struct scan *sc, size_t offset)
{
    sc->tokens = xgrow(sc->tokens, &sc->cap, sc->ntokens + 1, sizeof *sc->tokens);
    sc->tokens[sc->ntokens++] = offset;
}

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The code point of the \uXXXX escape at s[i] (which is the backslash), or -1. */
static long
escape_code_point(const struct scan *sc, size_t i)
{
    if (sc->n - i < 6)
        return -1;
    long cp = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hex_value(sc->s[i + k]);
        if (h < 0)
            return -1;
        cp = cp * 16 + h;
    }
    return cp;
}

/* Control characters the format forbids in strings: C0 except '\n', DEL and C1. */
static bool
is_forbidden_control(long cp)
{
    return (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f);
}

/* Checks the escape at s[i]; returns its length, or 0 to stop scanning (a problem was noted,
 * or the escape is malformed and cJSON will report it). */
static size_t
scan_escape(struct scan *sc, size_t i)
{
    static const char simple[] = "\"\\/bfnrt";
    static const long simple_cp[] = {'"', '\\', '/', '\b', '\f', '\n', '\r', '\t'};
    if (i + 1 >= sc->n)
        return 0;
    const char *p = sc->s[i + 1] ? strchr(simple, sc->s[i + 1]) : NULL;
    long cp = p ? simple_cp[p - simple] : sc->s[i + 1] == 'u' ? escape_code_point(sc, i) : -1;
    if (cp < 0)
        return 0;
    if (cp == 0)
        scan_problem(sc, i, "NUL character (\\u0000) in string");
    else if (is_forbidden_control(cp))
        scan_problem(sc, i, "control character U+%04lX in string", (unsigned long)cp);
    return sc->problem == NO_PROBLEM ? (p ? 2 : 6) : 0;
}

/* Checks the raw character at s[i]; returns its length in bytes, or 0 after a problem. */
static size_t
scan_raw_char(struct scan *sc, size_t i)
{
    ucs4_t uc;
    int len = u8_mbtoucr(&uc, (const uint8_t *)sc->s + i, sc->n - i);
    if (len < 0)
        scan_problem(sc, i, "invalid UTF-8 in string");
    else if (uc == '\n')
        scan_problem(sc, i, "unescaped line break in string");
    else if (is_forbidden_control(uc))
        scan_problem(sc, i, "control character U+%04X in string", (unsigned)uc);
    return sc->problem == NO_PROBLEM ? (size_t)len : 0;
}

/* Scans the string starting at the quote s[i]; returns the offset after its closing quote, or
 * 0 to stop scanning. */
static size_t
scan_string(struct scan *sc, size_t i)
{
    scan_token(sc, i);
    size_t j = i + 1;
    while (j < sc->n && sc->s[j] != '"') {
        size_t step = sc->s[j] == '\\' ? scan_escape(sc, j) : scan_raw_char(sc, j);
        if (step == 0)
            return 0;
        j += step;
    }
    return j < sc->n ? j + 1 : 0;
}

/* Skips a number or literal token starting at s[i]: the bytes cJSON would take. */
static size_t
scan_bare(struct scan *sc, size_t i, const char *accept)
{
    scan_token(sc, i);
    while (i < sc->n && sc->s[i] != '\0' && strchr(accept, sc->s[i]))
        i++;
    return i;
}

static size_t
skip_bom(const char *s, size_t n)
{
    return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Walks the text once; stops at the first problem, or at anything that is not JSON (cJSON
 * reports that). */
static void
scan_json(struct scan *sc, int max_depth)
{
    int depth = 0;
    size_t i = skip_bom(sc->s, sc->n);
    while (i < sc->n && sc->problem == NO_PROBLEM) {
        unsigned char c = (unsigned char)sc->s[i];
        if (c <= ' ' || c == ',' || c == ':') {
            i++;
        } else if (c == '{' || c == '[') {
            scan_token(sc, i);
            if (++depth > max_depth)
                scan_problem(sc, i, "nesting deeper than %d levels", max_depth);
            i++;
        } else if (c == '}' || c == ']') {
            depth--;
            i++;
        } else if (c == '"') {
            if ((i = scan_string(sc, i)) == 0)
                return;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            i = scan_bare(sc, i, "0123456789+-.eE");
        } else if (c >= 'a' && c <= 'z') {
            i = scan_bare(sc, i, "abcdefghijklmnopqrstuvwxyz");
        } else {
            return;
        }
    }
}

/* --- Positions of parsed items --------------------------------------------------------- */

struct item_pos {
    const cJSON *item;
    size_t key_offset;    /* of the member's key; 0 for array elements */
    size_t value_offset;  /* of the value's first byte */
};

struct pos_map {
    struct item_pos *v;
    size_t n, cap;
};

static size_t
take_token(const struct scan *sc, size_t *next)
{
    return *next < sc->ntokens ? sc->tokens[(*next)++] : 0;
}

/* Pairs items with tokens in text order; depth is bounded by the scanner's nesting check. */
static void
map_item(struct pos_map *map, const cJSON *item, bool is_member, const struct scan *sc,
         size_t *next)
{
    map->v = xgrow(map->v, &map->cap, map->n + 1, sizeof *map->v);
    struct item_pos *p = &map->v[map->n++];
    p->item = item;
    p->key_offset = is_member ? take_token(sc, next) : 0;
    p->value_offset = take_token(sc, next);
    const cJSON *child;
    for (child = item->child; child != NULL; child = child->next)
        map_item(map, child, cJSON_IsObject(item), sc, next);
}

static int
compare_item_pos(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct item_pos *)a)->item;
    uintptr_t y = (uintptr_t)((const struct item_pos *)b)->item;
    return x < y ? -1 : x > y;
}

static void
pos_map_build(struct pos_map *map, const cJSON *root, const struct scan *sc)
{
    size_t next = 0;
    map_item(map, root, false, sc, &next);
    qsort(map->v, map->n, sizeof *map->v, compare_item_pos);
}

static const struct item_pos *
pos_map_find(const struct pos_map *map, const cJSON *item)
{
    struct item_pos key = {item, 0, 0};
    return map->n ? bsearch(&key, map->v, map->n, sizeof *map->v, compare_item_pos) : NULL;
}

/* --- Loader state and diagnostics ------------------------------------------------------ */

/* A loaded file, kept until the end for diagnostics about its references. */
struct load_file {
    char *name;
    size_t *line_starts;  /* byte offset of each line's first byte */
    size_t nlines;
};

/* A target that must exist unless its document is not loaded; checked after all files. */
struct pending_target {
    const char *to;    /* in the corpus arena */
    const char *what;  /* "reference" or "expert" */
    size_t file, offset;
};

enum node_place { PLACE_ROOT, PLACE_INSIDE, PLACE_COUNTRIES };

struct loader {
    struct corpus *corpus;
    struct diag *diag;
    struct corpus_limits limits;
    struct load_file *files;
    size_t nfiles, files_cap;
    struct pending_target *pending;
    size_t npending, pending_cap;
    struct pos_map positions;      /* of the file being built */
    const char *document_address;  /* of the file being built */
};

static void
line_table_build(struct load_file *f, const char *s, size_t n)
{
    size_t cap = 0;
    f->nlines = 0;
    f->line_starts = xgrow(NULL, &cap, 1, sizeof *f->line_starts);
    f->line_starts[f->nlines++] = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') {
            f->line_starts = xgrow(f->line_starts, &cap, f->nlines + 1, sizeof *f->line_starts);
            f->line_starts[f->nlines++] = i + 1;
        }
}

/* Fills the diagnostic with the 1-based line and byte column of offset in file. */
static bool
load_verror(struct loader *ld, size_t file, size_t offset, const char *fmt, va_list ap)
{
    const struct load_file *f = &ld->files[file];
    size_t lo = 0, hi = f->nlines;  /* the last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    char msg[sizeof ld->diag->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return diag_set(ld->diag, f->name, (int)(lo + 1), (int)(offset - f->line_starts[lo] + 1),
                    "%s", msg);
}

static bool
load_error_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
load_error_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_verror(ld, file, offset, fmt, ap);
    va_end(ap);
    return false;
}

static size_t
value_offset(const struct loader *ld, const cJSON *item)
{
    const struct item_pos *p = pos_map_find(&ld->positions, item);
    return p ? p->value_offset : 0;
}

/* An error at an item of the file being built; always returns false. */
static bool
item_error(struct loader *ld, const cJSON *item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
item_error(struct loader *ld, const cJSON *item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_verror(ld, ld->nfiles - 1, value_offset(ld, item), fmt, ap);
    va_end(ap);
    return false;
}

static void
add_pending(struct loader *ld, const char *to, const char *what, const cJSON *item)
{
    ld->pending = xgrow(ld->pending, &ld->pending_cap, ld->npending + 1, sizeof *ld->pending);
    ld->pending[ld->npending++] =
        (struct pending_target){to, what, ld->nfiles - 1, value_offset(ld, item)};
}

/* --- Members ----------------------------------------------------------------------------- */

/* Case-sensitive, unlike cJSON_GetObjectItem. */
static const cJSON *
member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* *out gets an arena copy of the string member, or NULL when it is absent and optional. */
static bool
get_string(struct loader *ld, const cJSON *obj, const char *key, bool required,
           const char **out)
{
    const cJSON *m = member(obj, key);
    *out = NULL;
    if (m == NULL)
        return required ? item_error(ld, obj, "missing member \"%s\"", key) : true;
    if (!cJSON_IsString(m))
        return item_error(ld, m, "member \"%s\" must be a string", key);
    *out = corpus_strdup(ld->corpus, m->valuestring);
    return true;
}

static bool
is_integer_in(const cJSON *item, long min, long max)
{
    return cJSON_IsNumber(item) && item->valuedouble >= (double)min &&
           item->valuedouble <= (double)max &&
           (double)(long)item->valuedouble == item->valuedouble;
}

/* *out keeps its value when the member is absent. */
static bool
get_int(struct loader *ld, const cJSON *obj, const char *key, long max, long *out)
{
    const cJSON *m = member(obj, key);
    if (m == NULL)
        return true;
    if (!is_integer_in(m, 0, max))
        return item_error(ld, m, "member \"%s\" must be an integer from 0 to %ld", key, max);
    *out = (long)m->valuedouble;
    return true;
}

static bool
get_bool(struct loader *ld, const cJSON *obj, const char *key, bool *out)
{
    const cJSON *m = member(obj, key);
    if (m != NULL && !cJSON_IsBool(m))
        return item_error(ld, m, "member \"%s\" must be true or false", key);
    *out = cJSON_IsTrue(m);
    return true;
}

/* *out is the array member, or NULL when absent; *count its size. */
static bool
get_array(struct loader *ld, const cJSON *obj, const char *key, const cJSON **out,
          size_t *count)
{
    const cJSON *m = member(obj, key);
    *out = NULL;
    *count = 0;
    if (m == NULL)
        return true;
    if (!cJSON_IsArray(m))
        return item_error(ld, m, "member \"%s\" must be an array", key);
    *out = m;
    for (const cJSON *e = m->child; e != NULL; e = e->next)
        (*count)++;
    return true;
}

/* --- Nodes ------------------------------------------------------------------------------- */

/* Optional string members, by kind (NODE_KIND_COUNT: every kind), and where they go. */
struct string_member {
    enum node_kind kind;
    const char *key;
    size_t offset;  /* of a `const char *` in struct node */
};

static const struct string_member string_members[] = {
    {NODE_KIND_COUNT, "label", offsetof(struct node, label)},
    {NODE_KIND_COUNT, "title", offsetof(struct node, title)},
    {NODE_DOCUMENT, "symbol", offsetof(struct node, u.document.symbol)},
    {NODE_EXPERT, "name", offsetof(struct node, u.expert.name)},
    {NODE_EXPERT, "country", offsetof(struct node, u.expert.country)},
    {NODE_EXPERT, "iso3", offsetof(struct node, u.expert.iso3)},
    {NODE_EXPERT, "sessions_note", offsetof(struct node, u.expert.sessions_note)},
    {NODE_EXPERT, "role", offsetof(struct node, u.expert.role)},
    {NODE_WORKING_PAPER, "symbol", offsetof(struct node, u.paper.symbol)},
    {NODE_RESPONSE, "country", offsetof(struct node, u.response.country)},
    {NODE_RESPONSE, "iso3", offsetof(struct node, u.response.iso3)},
    {NODE_RESPONSE, "language", offsetof(struct node, u.response.language)},
    {NODE_RESPONSE, "date", offsetof(struct node, u.response.date)},
    {NODE_RESPONSE, "date_text", offsetof(struct node, u.response.date_text)},
    {NODE_COUNTRY, "iso3", offsetof(struct node, u.country.iso3)},
    {NODE_COUNTRY, "name", offsetof(struct node, u.country.name)},
};

static bool
build_strings(struct loader *ld, const cJSON *obj, struct node *node)
{
    size_t n = sizeof string_members / sizeof string_members[0];
    for (size_t i = 0; i < n; i++) {
        const struct string_member *sm = &string_members[i];
        if (sm->kind != NODE_KIND_COUNT && sm->kind != node->kind)
            continue;
        if (!get_string(ld, obj, sm->key, false, (const char **)((char *)node + sm->offset)))
            return false;
    }
    const char *text;
    if (!get_string(ld, obj, "text", false, &text))
        return false;
    node->text = text ? text : "";
    node->text_len = strlen(node->text);
    return true;
}

static bool
build_numbers(struct loader *ld, const cJSON *obj, struct node *node)
{
    long number = -1, line = 0;
    if (!get_int(ld, obj, "number", INT32_MAX, &number) ||
        !get_int(ld, obj, "line", INT32_MAX, &line))
        return false;
    node->number = (int)number;
    node->line = (int)line;
    return true;
}

static bool
is_char_boundary(const struct node *node, size_t offset)
{
    return offset >= node->text_len || ((unsigned char)node->text[offset] & 0xC0) != 0x80;
}

/* Checks at/len against the node's text (valid UTF-8 by now). */
static bool
build_ref_span(struct loader *ld, const cJSON *obj, const struct node *node, struct ref *ref)
{
    const cJSON *at = member(obj, "at"), *len = member(obj, "len");
    if (at == NULL && len == NULL)
        return true;
    if (at == NULL || len == NULL)
        return item_error(ld, at ? at : len, "ref needs both \"at\" and \"len\"");
    long a = 0, l = 0;
    if (!get_int(ld, obj, "at", INT32_MAX, &a) || !get_int(ld, obj, "len", INT32_MAX, &l))
        return false;
    if ((size_t)a > node->text_len || (size_t)l > node->text_len - (size_t)a)
        return item_error(ld, at, "ref at/len %ld+%ld is outside the text (%zu bytes)", a, l,
                          node->text_len);
    if (!is_char_boundary(node, (size_t)a) || !is_char_boundary(node, (size_t)(a + l)))
        return item_error(ld, at, "ref at/len %ld+%ld is not on UTF-8 character boundaries",
                          a, l);
    ref->in_text = true;
    ref->at = (size_t)a;
    ref->len = (size_t)l;
    return true;
}

static bool
build_ref(struct loader *ld, const cJSON *obj, const struct node *node, struct ref *ref)
{
    if (!cJSON_IsObject(obj))
        return item_error(ld, obj, "a ref must be an object");
    const char *kind;
    if (!get_string(ld, obj, "to", true, &ref->to) || !get_string(ld, obj, "kind", true, &kind))
        return false;
    if (!ref_kind_parse(kind, &ref->kind))
        return item_error(ld, member(obj, "kind"), "unknown ref kind \"%s\"", kind);
    if (!get_bool(ld, obj, "external", &ref->external) || !build_ref_span(ld, obj, node, ref))
        return false;
    if (!ref->external)
        add_pending(ld, ref->to, "reference", member(obj, "to"));
    return true;
}

static bool
build_refs(struct loader *ld, const cJSON *obj, struct node *node)
{
    const cJSON *refs;
    if (!get_array(ld, obj, "refs", &refs, &node->nrefs))
        return false;
    if (node->nrefs == 0)
        return true;
    node->refs = corpus_alloc(ld->corpus, node->nrefs * sizeof *node->refs);
    size_t i = 0;
    for (const cJSON *e = refs->child; e != NULL; e = e->next)
        if (!build_ref(ld, e, node, &node->refs[i++]))
            return false;
    return true;
}

static bool
build_sessions(struct loader *ld, const cJSON *obj, struct node_expert *expert)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "sessions", &arr, &expert->nsessions))
        return false;
    expert->sessions = corpus_alloc(ld->corpus, expert->nsessions * sizeof *expert->sessions);
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        if (!is_integer_in(e, 1, 99))
            return item_error(ld, e, "a session must be an integer from 1 to 99");
        expert->sessions[i++] = (int)e->valuedouble;
    }
    return true;
}

static bool
build_columns(struct loader *ld, const cJSON *obj, struct node_working_paper_list *list)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "columns", &arr, &list->ncolumns))
        return false;
    list->columns = corpus_alloc(ld->corpus, list->ncolumns * sizeof *list->columns);
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        if (!cJSON_IsString(e))
            return item_error(ld, e, "a column heading must be a string");
        list->columns[i++] = corpus_strdup(ld->corpus, e->valuestring);
    }
    return true;
}

/* A submitter's footnote: an address, or a footnote number of the same document. */
static bool
build_submitter_footnote(struct loader *ld, const cJSON *obj, struct submitter *sub)
{
    const cJSON *fn = member(obj, "footnote");
    if (fn == NULL || cJSON_IsNull(fn))
        return true;
    if (cJSON_IsString(fn)) {
        sub->footnote = corpus_strdup(ld->corpus, fn->valuestring);
    } else if (is_integer_in(fn, 0, INT32_MAX)) {
        char buf[64];
        snprintf(buf, sizeof buf, "#fn%ld", (long)fn->valuedouble);
        size_t n = strlen(ld->document_address);
        char *s = corpus_alloc(ld->corpus, n + strlen(buf) + 1);
        memcpy(s, ld->document_address, n);
        strcpy(s + n, buf);
        sub->footnote = s;
    } else {
        return item_error(ld, fn, "member \"footnote\" must be an address, a number or null");
    }
    return true;
}

static bool
build_submitter(struct loader *ld, const cJSON *obj, struct submitter *sub)
{
    if (!cJSON_IsObject(obj))
        return item_error(ld, obj, "a submitter must be an object");
    if (!get_string(ld, obj, "name", false, &sub->name) ||
        !get_string(ld, obj, "honorific", false, &sub->honorific) ||
        !get_string(ld, obj, "country", false, &sub->country) ||
        !get_string(ld, obj, "iso3", false, &sub->iso3))
        return false;
    const cJSON *expert = member(obj, "expert");
    if (expert != NULL && !cJSON_IsNull(expert)) {
        if (!get_string(ld, obj, "expert", false, &sub->expert_address))
            return false;
        add_pending(ld, sub->expert_address, "expert", expert);
    }
    return build_submitter_footnote(ld, obj, sub);
}

static bool
build_paper(struct loader *ld, const cJSON *obj, struct node_working_paper *paper)
{
    const cJSON *arr;
    if (!get_bool(ld, obj, "cited", &paper->cited) ||
        !get_array(ld, obj, "submitters", &arr, &paper->nsubmitters))
        return false;
    if (member(obj, "cited") == NULL)
        paper->cited = true; /* the format leaves out members that are empty or default */
    paper->submitters = corpus_alloc(ld->corpus, paper->nsubmitters * sizeof *paper->submitters);
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next)
        if (!build_submitter(ld, e, &paper->submitters[i++]))
            return false;
    return true;
}

static bool
build_kind_members(struct loader *ld, const cJSON *obj, struct node *node)
{
    switch (node->kind) {
    case NODE_EXPERT:
        return build_sessions(ld, obj, &node->u.expert) &&
               get_bool(ld, obj, "alternate", &node->u.expert.alternate);
    case NODE_WORKING_PAPER:
        return build_paper(ld, obj, &node->u.paper);
    case NODE_WORKING_PAPER_LIST:
        return build_columns(ld, obj, &node->u.paper_list);
    default:
        return true;
    }
}

/* Where a kind may appear: documents at the root, countries in "countries" only. */
static bool
check_place(struct loader *ld, const cJSON *obj, enum node_kind kind, enum node_place place)
{
    const cJSON *k = member(obj, "kind");
    if (place == PLACE_ROOT && kind != NODE_DOCUMENT)
        return item_error(ld, k, "the \"document\" member must be a node of kind \"document\"");
    if (place == PLACE_COUNTRIES && kind != NODE_COUNTRY)
        return item_error(ld, k, "a node in \"countries\" must be of kind \"country\"");
    if (place == PLACE_INSIDE && (kind == NODE_DOCUMENT || kind == NODE_COUNTRY))
        return item_error(ld, k, "a node of kind \"%s\" cannot be a child",
                          node_kind_name(kind));
    return true;
}

/* The node's address and kind, both required. */
static struct node *
build_head(struct loader *ld, const cJSON *obj, enum node_place place)
{
    const char *address, *kind_name;
    enum node_kind kind;
    if (!cJSON_IsObject(obj)) {
        item_error(ld, obj, "a node must be an object");
        return NULL;
    }
    if (!get_string(ld, obj, "address", true, &address))
        return NULL;
    if (address[0] == '\0') {
        item_error(ld, member(obj, "address"), "empty address");
        return NULL;
    }
    if (!get_string(ld, obj, "kind", true, &kind_name))
        return NULL;
    if (!node_kind_parse(kind_name, &kind)) {
        item_error(ld, member(obj, "kind"), "unknown kind \"%s\"", kind_name);
        return NULL;
    }
    if (!check_place(ld, obj, kind, place))
        return NULL;
    struct node *node = corpus_node_new(ld->corpus, kind);
    node->address = address;
    return node;
}

static bool
build_body(struct loader *ld, const cJSON *obj, struct node *node)
{
    return build_strings(ld, obj, node) && build_numbers(ld, obj, node) &&
           build_kind_members(ld, obj, node) && build_refs(ld, obj, node);
}

static struct node *build_node(struct loader *ld, const cJSON *obj, enum node_place place);

static bool
build_children(struct loader *ld, const cJSON *obj, struct node *node)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "children", &arr, &node->nchildren))
        return false;
    if (node->nchildren == 0)
        return true;
    node->children = corpus_alloc(ld->corpus, node->nchildren * sizeof *node->children);
    size_t i = 0;
    for (const cJSON *e = arr->child; e != NULL; e = e->next)
        if ((node->children[i++] = build_node(ld, e, PLACE_INSIDE)) == NULL)
            return false;
    return true;
}

/* Builds a document-tree node and its subtree; the address is indexed before the children
 * are built, so the second of two equal addresses in text order is the one reported. */
static struct node *
build_node(struct loader *ld, const cJSON *obj, enum node_place place)
{
    struct node *node = build_head(ld, obj, place);
    if (node == NULL || !build_body(ld, obj, node))
        return NULL;
    if (corpus_index_node(ld->corpus, node) != NULL) {
        item_error(ld, member(obj, "address"), "duplicate address \"%s\"", node->address);
        return NULL;
    }
    return build_children(ld, obj, node) ? node : NULL;
}

/* --- Countries ------------------------------------------------------------------------- */

/* A country listed again by a later file is merged into the first: missing members are
 * filled in. Until corpus_link() numbers the nodes, a country's `order` holds 1 + the index
 * of the last file that listed it, so a repeat inside one file is still a duplicate. */
static bool
merge_country(struct loader *ld, const cJSON *obj, struct node *existing, struct node *country)
{
    if (existing->kind != NODE_COUNTRY || existing->order == ld->nfiles)
        return item_error(ld, member(obj, "address"), "duplicate address \"%s\"",
                          country->address);
    existing->order = ld->nfiles;
    struct node_country *old = &existing->u.country, *new = &country->u.country;
    if (old->name == NULL)
        old->name = new->name;
    if (old->iso3 == NULL)
        old->iso3 = new->iso3;
    if (existing->title == NULL)
        existing->title = country->title;
    return true;
}

static bool
build_country(struct loader *ld, const cJSON *obj)
{
    struct node *country = build_head(ld, obj, PLACE_COUNTRIES);
    if (country == NULL || !build_body(ld, obj, country) ||
        !build_children(ld, obj, country))
        return false;
    struct node *existing = corpus_index_node(ld->corpus, country);
    if (existing != NULL)
        return merge_country(ld, obj, existing, country);
    country->order = ld->nfiles;
    corpus_add_country(ld->corpus, country);
    return true;
}

static bool
build_countries(struct loader *ld, const cJSON *root)
{
    const cJSON *arr;
    size_t n;
    if (!get_array(ld, root, "countries", &arr, &n))
        return false;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next)
        if (!build_country(ld, e))
            return false;
    return true;
}

/* --- One file ---------------------------------------------------------------------------- */

static bool
build_top(struct loader *ld, const cJSON *root)
{
    if (!cJSON_IsObject(root))
        return item_error(ld, root, "the top level must be an object");
    const char *format;
    if (!get_string(ld, root, "format", true, &format))
        return false;
    if (strcmp(format, "ndvr-tree") != 0)
        return item_error(ld, member(root, "format"), "member \"format\" must be \"ndvr-tree\"");
    const cJSON *version = member(root, "version");
    if (version == NULL)
        return item_error(ld, root, "missing member \"version\"");
    if (!is_integer_in(version, 1, 1))
        return item_error(ld, version, "unsupported version (this ndvr reads version 1)");
    const cJSON *doc = member(root, "document");
    if (doc == NULL)
        return item_error(ld, root, "missing member \"document\"");
    const cJSON *address = cJSON_IsObject(doc) ? member(doc, "address") : NULL;
    ld->document_address = cJSON_IsString(address) ? address->valuestring : "";
    struct node *document = build_node(ld, doc, PLACE_ROOT);
    if (document == NULL)
        return false;
    corpus_add_document(ld->corpus, document);
    return build_countries(ld, root);
}

/* cJSON needs a NUL after the text to stay inside it; the source may lack one. */
static cJSON *
parse_text(const struct corpus_source *src, size_t *error_offset)
{
    char *copy = xmalloc(src->nbytes + 1);
    memcpy(copy, src->data, src->nbytes);
    copy[src->nbytes] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, src->nbytes, &end, 0);
    size_t off = end ? (size_t)(end - copy) : 0;
    if (root != NULL) {
        while (off < src->nbytes && (unsigned char)copy[off] <= ' ')
            off++; /* cJSON leaves trailing whitespace unread */
        off = off < src->nbytes ? off : NO_PROBLEM;
    }
    free(copy);
    *error_offset = off;
    return root;
}

/* Parses and checks one text, reporting whichever of cJSON's and the scanner's problems
 * comes first in the file. */
static cJSON *
parse_checked(struct loader *ld, const struct corpus_source *src, struct scan *sc)
{
    size_t fileno = ld->nfiles - 1, syntax;
    scan_json(sc, ld->limits.max_depth);
    cJSON *root = parse_text(src, &syntax);
    if (syntax != NO_PROBLEM && syntax <= sc->problem) {
        load_error_in(ld, fileno, syntax, root ? "unexpected text after the JSON value"
                                               : "JSON syntax error");
    } else if (sc->problem != NO_PROBLEM) {
        load_error_in(ld, fileno, sc->problem, "%s", sc->message);
    } else {
        return root;
    }
    cJSON_Delete(root);
    return NULL;
}

static bool
load_source(struct loader *ld, const struct corpus_source *src)
{
    ld->files = xgrow(ld->files, &ld->files_cap, ld->nfiles + 1, sizeof *ld->files);
    struct load_file *f = &ld->files[ld->nfiles++];
    f->name = xstrdup(src->name);
    line_table_build(f, src->data, src->nbytes);
    if (src->nbytes > ld->limits.max_file_bytes)
        return load_error_in(ld, ld->nfiles - 1, ld->limits.max_file_bytes,
                             "file is larger than %zu bytes", ld->limits.max_file_bytes);
    struct scan sc = {.s = src->data, .n = src->nbytes, .problem = NO_PROBLEM};
    cJSON *root = parse_checked(ld, src, &sc);
    bool ok = root != NULL;
    if (ok) {
        pos_map_build(&ld->positions, root, &sc);
        ok = build_top(ld, root);
    }
    free(ld->positions.v);
    ld->positions = (struct pos_map){0};
    free(sc.tokens);
    cJSON_Delete(root);
    return ok;
}

/* --- After all files ------------------------------------------------------------------- */

static bool
is_loaded_document(const struct corpus *corpus, const char *symbol, size_t len)
{
    size_t n;
    struct node *const *docs = corpus_documents(corpus, &n);
    for (size_t i = 0; i < n; i++)
        if (strlen(docs[i]->address) == len && memcmp(docs[i]->address, symbol, len) == 0)
            return true;
    return false;
}

/* Whether a missing target is an error: it is unless it lies in a document that was not
 * loaded, so one file can be checked alone. Countries ("NOR") and working papers
 * ("GE-NDV/2018/4") are not parts of a document and always count as loaded. */
static bool
must_resolve(const struct corpus *corpus, const char *to)
{
    const char *hash = strchr(to, '#');
    size_t len = hash ? (size_t)(hash - to) : strlen(to);
    if (is_loaded_document(corpus, to, len))
        return true;
    return hash == NULL && (strncmp(to, "GE-NDV/", 7) == 0 || strchr(to, '/') == NULL);
}

static bool
check_pending(struct loader *ld)
{
    for (size_t i = 0; i < ld->npending; i++) {
        const struct pending_target *p = &ld->pending[i];
        if (corpus_find(ld->corpus, p->to) == NULL && must_resolve(ld->corpus, p->to))
            return load_error_in(ld, p->file, p->offset, "unresolved %s to \"%s\"", p->what,
                                 p->to);
    }
    return true;
}

static void
loader_fini(struct loader *ld)
{
    for (size_t i = 0; i < ld->nfiles; i++) {
        free(ld->files[i].name);
        free(ld->files[i].line_starts);
    }
    free(ld->files);
    free(ld->pending);
}

bool
corpus_load_sources(const struct corpus_source *sources, size_t nsources,
                    const struct corpus_limits *limits, struct corpus **corpus,
                    struct diag *d)
{
    static const struct corpus_limits defaults = CORPUS_LIMITS_DEFAULT;
    struct loader ld = {.corpus = corpus_new(), .diag = d, .limits = limits ? *limits : defaults};
    bool ok = true;
    for (size_t i = 0; i < nsources && ok; i++)
        ok = load_source(&ld, &sources[i]);
    ok = ok && check_pending(&ld);
    loader_fini(&ld);
    if (!ok) {
        corpus_free(ld.corpus);
        *corpus = NULL;
        return false;
    }
    corpus_link(ld.corpus);
    *corpus = ld.corpus;
    return true;
}

/* --- Files and directories ------------------------------------------------------------- */

/* Reads at most cap + 1 bytes: enough to tell that a file is too large, without reading it. */
static char *
read_capped(const char *path, size_t cap, size_t *nbytes, struct diag *d)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        diag_set(d, path, 0, 0, "not a regular file");
        return NULL;
    }
    size_t bufcap = 0, len = 0;
    char *buf = NULL;
    size_t n;
    do {
        buf = xgrow(buf, &bufcap, len + 65536, 1);
        size_t want = bufcap - len < cap + 1 - len ? bufcap - len : cap + 1 - len;
        n = fread(buf + len, 1, want, f);
        len += n;
    } while (n > 0 && len <= cap);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        diag_set(d, path, 0, 0, "read error");
        return NULL;
    }
    *nbytes = len;
    return buf;
}

bool
corpus_load_files_limited(const char *const *paths, size_t npaths,
                          const struct corpus_limits *limits, struct corpus **corpus,
                          struct diag *d)
{
    static const struct corpus_limits defaults = CORPUS_LIMITS_DEFAULT;
    const struct corpus_limits *lim = limits ? limits : &defaults;
    struct corpus_source *sources = xcalloc(npaths ? npaths : 1, sizeof *sources);
    bool ok = true;
    for (size_t i = 0; i < npaths && ok; i++) {
        sources[i].name = paths[i];
        sources[i].data = read_capped(paths[i], lim->max_file_bytes, &sources[i].nbytes, d);
        ok = sources[i].data != NULL;
    }
    if (ok)
        ok = corpus_load_sources(sources, npaths, lim, corpus, d);
    else
        *corpus = NULL;
    for (size_t i = 0; i < npaths; i++)
        free((char *)sources[i].data);
    free(sources);
    return ok;
}

bool
corpus_load_files(const char *const *paths, size_t npaths, struct corpus **corpus,
                  struct diag *d)
{
    return corpus_load_files_limited(paths, npaths, NULL, corpus, d);
}

static bool
is_json_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int
compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of dir's JSON files, sorted; NULL with d filled when dir cannot be read. */
static char **
list_json_files(const char *dir, size_t *count, struct diag *d)
{
    DIR *dp = opendir(dir);
    if (dp == NULL) {
        diag_set(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
        return NULL;
    }
    size_t n = 0, cap = 0;
    char **paths = NULL;
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (!is_json_name(e->d_name))
            continue;
        paths = xgrow(paths, &cap, n + 1, sizeof *paths);
        paths[n++] = xasprintf("%s%s%s", dir, sep, e->d_name);
    }
    closedir(dp);
    if (n > 1)
        qsort(paths, n, sizeof *paths, compare_strings);
    *count = n;
    return paths ? paths : xcalloc(1, sizeof *paths);
}

bool
corpus_load_dir(const char *dir, struct corpus **corpus, struct diag *d)
{
    size_t n = 0;
    char **paths = list_json_files(dir, &n, d);
    *corpus = NULL;
    if (paths == NULL)
        return false;
    bool ok = n > 0 ? corpus_load_files((const char *const *)paths, n, corpus, d)
                    : diag_set(d, dir, 0, 0, "no *.json files in the corpus directory");
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return ok;
}
