/* Reading report-tree JSON into a corpus: the only reader of the corpus format.
 *
 * Positions. cJSON keeps no source positions, and a problem must point into the file, so
 * corpus_scan.c walks the raw bytes first: it records where every token is (which pairs each
 * cJSON item with its offset), and every character in a string that sanitising will change.
 * Offsets become line:col through a table of line starts.
 *
 * Problems. Every problem is recorded, as an error or a warning (corpus_load.h says which is
 * which), and the build goes on past it, so that `ndvr check` can list them all. A node whose
 * address or kind is bad is still built (with a stand-in kind) so that its members, children
 * and the references into it are checked too. A corpus with an error, or in strict mode with
 * any problem, is freed unlinked: partly built nodes never leave this file.
 *
 * Strings. Every string enters the model through load_string() or load_text(), which pass it
 * through sanitize_text() once. The scanner has already listed what sanitising changes, with
 * positions, so the sanitiser's own problem bits are not needed here. */
#include "corpus/corpus_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "corpus/corpus_scan.h"
#include "corpus/relation_check.h"
#include "text/sanitize.h"
#include "util/regfile.h"
#include "util/xalloc.h"

#define NO_OFFSET SIZE_MAX

/* --- Loader state and problems --------------------------------------------------------- */

/* A file the load read or tried to read, kept until the end for positions. */
struct load_file {
    char *name;
    size_t *line_starts; /* byte offset of each line's first byte; NULL when not read */
    size_t nlines;
    size_t nerrors, nwarnings; /* listed */
    size_t unlisted;           /* problems past CORPUS_MAX_PROBLEMS */
    const char *document;      /* its document's address (in the arena), or NULL */
};

struct load_problem {
    size_t file, offset, seq; /* sort keys: file order, position, then arrival */
    bool error;
    struct diag d;
};

/* A target that must exist unless its document is not loaded; checked after all files. */
struct pending_target {
    const char *to;      /* in the corpus arena */
    const char *what;    /* "reference" or "expert" */
    enum node_kind want; /* the kind the target must have; NODE_KIND_COUNT for any */
    size_t file, offset;
    bool ibid; /* an ibid: the target must be a footnote read before the ref */
    bool seen; /* a node had the address when the ref was read */
};

/* The text of the node being built as the file has it: its references' at/len are checked
 * against it, then carried over to the sanitised text through the map. */
struct text_origin {
    size_t len;
    size_t *map; /* from sanitize_text_map(); NULL when the node has no text or no refs */
};

/* A working paper's relation, checked against the other nodes once every file is in. */
struct pending_relation {
    const struct node *paper;
    const struct relation *relation;
    size_t file, offset;
};

enum node_place { PLACE_ROOT, PLACE_INSIDE, PLACE_COUNTRIES, PLACE_EXTERNALS };

struct loader {
    struct corpus *corpus;
    enum corpus_load_mode mode;
    struct corpus_limits limits;
    struct load_file *files;
    size_t nfiles, files_cap;
    struct load_problem *problems;
    size_t nproblems, problems_cap;
    size_t nerrors; /* listed or not */
    struct pending_target *pending;
    size_t npending, pending_cap;
    struct pending_relation *relations;
    size_t nrelations, relations_cap;
    /* Of the file being built: */
    const struct scan *scan;
    struct scan_positions positions;
    const char *document_address;
    bool in_document;        /* building the document's tree (not countries, externals) */
    struct text_origin text; /* of the node being built */
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

/* The 1-based line and byte column of offset in f; 0 and 0 when there is none. */
static void
file_position(const struct load_file *f, size_t offset, int *line, int *col)
{
    *line = *col = 0;
    if (offset == NO_OFFSET || f->nlines == 0)
        return;
    size_t lo = 0, hi = f->nlines; /* the last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)(lo + 1);
    *col = (int)(offset - f->line_starts[lo] + 1);
}

static void
push_problem(struct loader *ld, size_t file, size_t offset, bool error, const char *msg)
{
    ld->problems = xgrow(ld->problems, &ld->problems_cap, ld->nproblems + 1, sizeof *ld->problems);
    struct load_problem *p = &ld->problems[ld->nproblems];
    *p =
        (struct load_problem){.file = file, .offset = offset, .seq = ld->nproblems, .error = error};
    ld->nproblems++;
    int line, col;
    file_position(&ld->files[file], offset, &line, &col);
    diag_set(&p->d, ld->files[file].name, line, col, "%s", msg);
}

/* Lists a problem, unless the file has CORPUS_MAX_PROBLEMS of its kind already. */
static void
add_problem(struct loader *ld, size_t file, size_t offset, bool error, const char *msg)
{
    struct load_file *f = &ld->files[file];
    size_t *listed = error ? &f->nerrors : &f->nwarnings;
    ld->nerrors += error;
    if (*listed >= CORPUS_MAX_PROBLEMS) {
        f->unlisted++;
        return;
    }
    (*listed)++;
    push_problem(ld, file, offset, error, msg);
}

static void
load_vproblem(struct loader *ld, size_t file, size_t offset, bool error, const char *fmt,
              va_list ap)
{
    char msg[sizeof((struct diag *)0)->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    add_problem(ld, file, offset, error, msg);
}

/* An error at offset of file; always returns false. */
static bool load_error_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
load_error_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_vproblem(ld, file, offset, true, fmt, ap);
    va_end(ap);
    return false;
}

static void load_warning_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
load_warning_in(struct loader *ld, size_t file, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_vproblem(ld, file, offset, false, fmt, ap);
    va_end(ap);
}

static size_t
value_offset(const struct loader *ld, const cJSON *item)
{
    return scan_value_offset(&ld->positions, item);
}

/* A string of the file as a message quotes it, sanitised: at most EXCERPT_CHARS characters, cut on
 * a character and ended with "…" when longer (a hostile file's megabyte of address must not fill
 * the message, nor its cut split a character). */
enum { EXCERPT_CHARS = 40 };
struct excerpt {
    char s[EXCERPT_CHARS * 4 + 4];
};

static struct excerpt
excerpt(const char *raw)
{
    struct excerpt e = {{0}};
    /* sanitised first: a member name may hold what a terminal would act on (or not show) */
    size_t n;
    char *s = sanitize_text(raw, strlen(raw), &n, NULL);
    size_t i = 0;
    for (int chars = 0; i < n && chars < EXCERPT_CHARS; chars++) {
        int len = u8_mblen((const uint8_t *)s + i, n - i);
        i += len > 0 ? (size_t)len : 1;
    }
    snprintf(e.s, sizeof e.s, "%.*s%s", (int)i, s, i < n ? "…" : "");
    free(s);
    return e;
}

/* An error at an item of the file being built; always returns false. */
static bool item_error(struct loader *ld, const cJSON *item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
item_error(struct loader *ld, const cJSON *item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_vproblem(ld, ld->nfiles - 1, value_offset(ld, item), true, fmt, ap);
    va_end(ap);
    return false;
}

static void item_warning(struct loader *ld, const cJSON *item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
item_warning(struct loader *ld, const cJSON *item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_vproblem(ld, ld->nfiles - 1, value_offset(ld, item), false, fmt, ap);
    va_end(ap);
}

static struct pending_target *
add_pending(struct loader *ld, const char *to, const char *what, enum node_kind want,
            const cJSON *item)
{
    ld->pending = xgrow(ld->pending, &ld->pending_cap, ld->npending + 1, sizeof *ld->pending);
    ld->pending[ld->npending] = (struct pending_target){.to = to,
                                                        .what = what,
                                                        .want = want,
                                                        .file = ld->nfiles - 1,
                                                        .offset = value_offset(ld, item)};
    return &ld->pending[ld->npending++];
}

/* --- Strings ----------------------------------------------------------------------------- */

/* The string item's value as the file has it, newly allocated (caller frees). cJSON's copy
 * stops at a NUL; such strings are decoded again from the file. */
static char *
file_string(const struct loader *ld, const cJSON *item, size_t *len)
{
    size_t offset = value_offset(ld, item);
    char *s = NULL;
    if (scan_string_has_nul(ld->scan, offset))
        s = scan_decode_string(ld->scan, offset, len);
    if (s == NULL) {
        s = xstrdup(item->valuestring);
        *len = strlen(s);
    }
    return s;
}

/* The string item's value, sanitised, in the arena: how file text enters the model. */
static const char *
load_string(struct loader *ld, const cJSON *item)
{
    size_t n, clean_len;
    char *raw = file_string(ld, item, &n);
    char *clean = sanitize_text(raw, n, &clean_len, NULL);
    const char *copy = corpus_strndup(ld->corpus, clean, clean_len);
    free(clean);
    free(raw);
    return copy;
}

/* Sets the node's text from the string item, sanitised, and keeps its origin for the refs:
 * the map from the file's offsets to the text's (a size_t per byte) only when there are refs
 * to carry over. */
static void
load_text(struct loader *ld, const cJSON *item, struct node *node, bool refs)
{
    size_t n, clean_len;
    char *raw = file_string(ld, item, &n);
    free(ld->text.map);
    ld->text.map = NULL;
    char *clean = refs ? sanitize_text_map(raw, n, &clean_len, NULL, &ld->text.map)
                       : sanitize_text(raw, n, &clean_len, NULL);
    ld->text.len = n;
    node->text = corpus_strndup(ld->corpus, clean, clean_len);
    node->text_len = clean_len;
    free(clean);
    free(raw);
}

static void
text_origin_clear(struct loader *ld)
{
    free(ld->text.map);
    ld->text = (struct text_origin){0, NULL};
}

/* --- Members ----------------------------------------------------------------------------- */

/* Case-sensitive, unlike cJSON_GetObjectItem. */
static const cJSON *
member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* *out gets the sanitised string member, or NULL when it is absent (an error when required)
 * or not a string. */
static bool
get_string(struct loader *ld, const cJSON *obj, const char *key, bool required, const char **out)
{
    const cJSON *m = member(obj, key);
    *out = NULL;
    if (m == NULL)
        return required ? item_error(ld, obj, "missing member \"%s\"", key) : true;
    if (!cJSON_IsString(m))
        return item_error(ld, m, "member \"%s\" must be a string", key);
    *out = load_string(ld, m);
    return true;
}

static bool
is_integer_in(const cJSON *item, long min, long max)
{
    return cJSON_IsNumber(item) && item->valuedouble >= (double)min &&
           item->valuedouble <= (double)max && (double)(long)item->valuedouble == item->valuedouble;
}

/* *out keeps its value when the member is absent or wrong. */
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

/* *out is the array member, or NULL when absent or wrong; *count its size. */
static bool
get_array(struct loader *ld, const cJSON *obj, const char *key, const cJSON **out, size_t *count)
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

/* --- Cheap semantic checks (warnings) ---------------------------------------------------- */

static bool
is_iso3(const char *s)
{
    if (strcmp(s, "EU") == 0)
        return true;
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return s[3] == '\0';
}

static void
check_iso3(struct loader *ld, const cJSON *obj, const char *iso3)
{
    if (iso3 != NULL && !is_iso3(iso3))
        item_warning(ld, member(obj, "iso3"),
                     "member \"iso3\" must be an ISO 3166-1 alpha-3 code or \"EU\", not \"%s\"",
                     excerpt(iso3).s);
}

static int
two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY-MM-DD with a month from 01 to 12 and a day from 01 to 31. */
static bool
is_iso_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return two_digits(s + 5) >= 1 && two_digits(s + 5) <= 12 && two_digits(s + 8) >= 1 &&
           two_digits(s + 8) <= 31;
}

static void
check_kind_strings(struct loader *ld, const cJSON *obj, const struct node *node)
{
    if (node->kind == NODE_EXPERT)
        check_iso3(ld, obj, node->u.expert.iso3);
    else if (node->kind == NODE_COUNTRY)
        check_iso3(ld, obj, node->u.country.iso3);
    if (node->kind != NODE_RESPONSE)
        return;
    check_iso3(ld, obj, node->u.response.iso3);
    const char *date = node->u.response.date;
    if (date != NULL && !is_iso_date(date))
        item_warning(ld, member(obj, "date"),
                     "member \"date\" must be a date as YYYY-MM-DD, not \"%s\"", excerpt(date).s);
}

/* The kind of node a reference of this kind must point at; NODE_KIND_COUNT for any. */
static enum node_kind
ref_target_kind(enum ref_kind kind)
{
    switch (kind) {
    case REF_FOOTNOTE:
        return NODE_FOOTNOTE;
    case REF_DOCUMENT:
        return NODE_DOCUMENT;
    case REF_WORKING_PAPER:
        return NODE_WORKING_PAPER;
    case REF_COUNTRY:
        return NODE_COUNTRY;
    case REF_EXPERT:
        return NODE_EXPERT;
    case REF_ANNEX:
        return NODE_ANNEX;
    case REF_CHAPTER:
        return NODE_CHAPTER;
    case REF_SECTION:
        return NODE_SECTION;
    case REF_PARAGRAPH:
        return NODE_PARAGRAPH;
    case REF_IBID:
        return NODE_FOOTNOTE;
    default:
        return NODE_KIND_COUNT;
    }
}

/* --- Nodes ------------------------------------------------------------------------------- */

/* Optional string members, by kind (NODE_KIND_COUNT: every kind), and where they go. */
struct string_member {
    enum node_kind kind;
    const char *key;
    size_t offset; /* of a `const char *` in struct node */
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
    {NODE_COUNTRY, "english", offsetof(struct node, u.country.english)},
    {NODE_EXTERNAL, "symbol", offsetof(struct node, u.external.symbol)},
};

static bool
build_strings(struct loader *ld, const cJSON *obj, struct node *node)
{
    bool ok = true;
    size_t n = sizeof string_members / sizeof string_members[0];
    for (size_t i = 0; i < n; i++) {
        const struct string_member *sm = &string_members[i];
        if (sm->kind == NODE_KIND_COUNT || sm->kind == node->kind)
            ok = get_string(ld, obj, sm->key, false, (const char **)((char *)node + sm->offset)) &&
                 ok;
    }
    const cJSON *text = member(obj, "text");
    if (text != NULL && !cJSON_IsString(text))
        ok = item_error(ld, text, "member \"text\" must be a string");
    else if (text != NULL)
        load_text(ld, text, node, cJSON_GetArraySize(member(obj, "refs")) > 0);
    check_kind_strings(ld, obj, node);
    return ok;
}

static bool
build_numbers(struct loader *ld, const cJSON *obj, struct node *node)
{
    long number = -1, line = 0;
    bool ok = get_int(ld, obj, "number", INT32_MAX, &number);
    ok = get_int(ld, obj, "line", INT32_MAX, &line) && ok;
    node->number = (int)number;
    node->line = (int)line;
    return ok;
}

/* Whether offset (at most the text's length) starts a character of the text as the file has
 * it, as the sanitiser decodes it: an invalid sequence counts as one character. */
static bool
is_char_boundary(const struct text_origin *text, size_t offset)
{
    return text->map == NULL || text->map[offset] != SANITIZE_INSIDE;
}

/* A span in the title: the title is short and printed as the file has it, so at/len are
 * checked against the loaded title itself. */
static bool
build_title_span(struct loader *ld, const cJSON *at, const struct node *node, long a, long l,
                 struct ref *ref)
{
    const char *title = node->title ? node->title : "";
    size_t n = strlen(title);
    if ((size_t)a > n || (size_t)l > n - (size_t)a)
        return item_error(ld, at, "ref at/len %ld+%ld is outside the title (%zu bytes)", a, l, n);
    if ((a < (long)n && (title[a] & 0xC0) == 0x80) ||
        (a + l < (long)n && (title[a + l] & 0xC0) == 0x80))
        return item_error(ld, at, "ref at/len %ld+%ld is not on UTF-8 character boundaries", a, l);
    ref->in_title = true;
    ref->at = (size_t)a;
    ref->len = (size_t)l;
    return true;
}

/* Where a ref's at/len point: "text" (the default) or "title". */
static bool
get_span_place(struct loader *ld, const cJSON *obj, bool *in_title)
{
    const char *in;
    *in_title = false;
    if (!get_string(ld, obj, "in", false, &in) || in == NULL)
        return in == NULL && member(obj, "in") == NULL;
    *in_title = strcmp(in, "title") == 0;
    if (!*in_title && strcmp(in, "text") != 0)
        return item_error(ld, member(obj, "in"), "member \"in\" must be \"text\" or \"title\"");
    return true;
}

/* Checks at/len against the node's text as the file has it, then carries them over to the
 * sanitised text: a span keeps the characters it covered, less those sanitising removed. */
static bool
build_ref_span(struct loader *ld, const cJSON *obj, const struct node *node, struct ref *ref)
{
    bool in_title;
    if (!get_span_place(ld, obj, &in_title))
        return false;
    const cJSON *at = member(obj, "at"), *len = member(obj, "len");
    if (at == NULL && len == NULL)
        return true;
    if (at == NULL || len == NULL)
        return item_error(ld, at ? at : len, "ref needs both \"at\" and \"len\"");
    long a = -1, l = -1;
    bool ok = get_int(ld, obj, "at", INT32_MAX, &a);
    if (!(get_int(ld, obj, "len", INT32_MAX, &l) && ok))
        return false;
    if (in_title)
        return build_title_span(ld, at, node, a, l, ref);
    const struct text_origin *text = &ld->text;
    if ((size_t)a > text->len || (size_t)l > text->len - (size_t)a)
        return item_error(ld, at, "ref at/len %ld+%ld is outside the text (%zu bytes)", a, l,
                          text->len);
    if (!is_char_boundary(text, (size_t)a) || !is_char_boundary(text, (size_t)(a + l)))
        return item_error(ld, at, "ref at/len %ld+%ld is not on UTF-8 character boundaries", a, l);
    ref->in_text = true;
    ref->at = text->map ? text->map[a] : 0;
    ref->len = (text->map ? text->map[a + l] : 0) - ref->at;
    return true;
}

static bool
is_internal_kind(enum ref_kind kind)
{
    return kind == REF_ANNEX || kind == REF_CHAPTER || kind == REF_SECTION ||
           kind == REF_PARAGRAPH || kind == REF_IBID;
}

/* A reference a document makes to its own parts points into that document: the document's
 * address, '#' and a part. Anything else would let a word of one report lead into another. */
static bool
check_internal_ref(struct loader *ld, const cJSON *obj, const struct ref *ref)
{
    const char *doc = ld->in_document ? ld->document_address : NULL;
    size_t n = doc != NULL ? strlen(doc) : 0;
    if (doc != NULL && n > 0 && strncmp(ref->to, doc, n) == 0 && ref->to[n] == '#')
        return true;
    if (doc == NULL)
        return item_error(ld, member(obj, "to"), "%s reference outside a document's tree",
                          ref_kind_name(ref->kind));
    return item_error(ld, member(obj, "to"),
                      "%s reference to \"%s\" is not inside its own document \"%s\"",
                      ref_kind_name(ref->kind), excerpt(ref->to).s, excerpt(doc).s);
}

/* Checked once every file is in: the target exists, has the kind the ref's kind wants, and
 * for an ibid was read before the ref (an earlier footnote). */
static void
add_ref_target(struct loader *ld, const cJSON *obj, const struct ref *ref, bool known)
{
    const cJSON *to = member(obj, "to");
    if (ref->external) {
        add_pending(ld, ref->to, "external reference", NODE_EXTERNAL, to);
        return;
    }
    struct pending_target *p = add_pending(
        ld, ref->to, "reference", known ? ref_target_kind(ref->kind) : NODE_KIND_COUNT, to);
    p->ibid = known && ref->kind == REF_IBID;
    p->seen = corpus_find(ld->corpus, ref->to) != NULL;
}

static bool
build_ref(struct loader *ld, const cJSON *obj, const struct node *node, struct ref *ref)
{
    if (!cJSON_IsObject(obj))
        return item_error(ld, obj, "a ref must be an object");
    const char *kind;
    bool ok = get_string(ld, obj, "to", true, &ref->to);
    ok = get_string(ld, obj, "kind", true, &kind) && ok;
    bool known = kind != NULL && ref_kind_parse(kind, &ref->kind);
    if (kind != NULL && !known)
        ok = item_error(ld, member(obj, "kind"), "unknown ref kind \"%s\"", excerpt(kind).s);
    ok = get_bool(ld, obj, "external", &ref->external) && ok;
    ok = build_ref_span(ld, obj, node, ref) && ok;
    if (ref->to != NULL && known && is_internal_kind(ref->kind))
        ok = check_internal_ref(ld, obj, ref) && ok;
    if (ref->to != NULL)
        add_ref_target(ld, obj, ref, known);
    return ok;
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
    bool ok = true;
    size_t i = 0;
    for (const cJSON *e = refs->child; e != NULL; e = e->next)
        ok = build_ref(ld, e, node, &node->refs[i++]) && ok;
    return ok;
}

/* Sessions must be numbers; the group met three times, in order. */
static bool
build_sessions(struct loader *ld, const cJSON *obj, struct node_expert *expert)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "sessions", &arr, &expert->nsessions))
        return false;
    expert->sessions = corpus_alloc(ld->corpus, expert->nsessions * sizeof *expert->sessions);
    bool ok = true;
    int last = 0;
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        if (!is_integer_in(e, 1, 99)) {
            ok = item_error(ld, e, "a session must be an integer from 1 to 99");
            continue;
        }
        int session = expert->sessions[i++] = (int)e->valuedouble;
        if (session > 3)
            item_warning(ld, e, "session %d is not one of the group's sessions 1 to 3", session);
        else if (session <= last)
            item_warning(ld, e, "sessions must be in ascending order without repeats");
        last = session;
    }
    expert->nsessions = i;
    return ok;
}

static bool
build_columns(struct loader *ld, const cJSON *obj, struct node_working_paper_list *list)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "columns", &arr, &list->ncolumns))
        return false;
    list->columns = corpus_alloc(ld->corpus, list->ncolumns * sizeof *list->columns);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        if (cJSON_IsString(e))
            list->columns[i++] = load_string(ld, e);
        else
            ok = item_error(ld, e, "a column heading must be a string");
    }
    list->ncolumns = i;
    return ok;
}

/* A submitter's footnote: an address, or a footnote number of the same document. */
static bool
build_submitter_footnote(struct loader *ld, const cJSON *obj, struct submitter *sub)
{
    const cJSON *fn = member(obj, "footnote");
    if (fn == NULL || cJSON_IsNull(fn))
        return true;
    if (cJSON_IsString(fn)) {
        sub->footnote = load_string(ld, fn);
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
    bool ok = get_string(ld, obj, "name", false, &sub->name);
    ok = get_string(ld, obj, "honorific", false, &sub->honorific) && ok;
    ok = get_string(ld, obj, "country", false, &sub->country) && ok;
    ok = get_string(ld, obj, "iso3", false, &sub->iso3) && ok;
    check_iso3(ld, obj, sub->iso3);
    const cJSON *expert = member(obj, "expert");
    if (expert != NULL && !cJSON_IsNull(expert)) {
        ok = get_string(ld, obj, "expert", false, &sub->expert_address) && ok;
        if (sub->expert_address != NULL)
            add_pending(ld, sub->expert_address, "expert", NODE_EXPERT, expert);
    }
    return build_submitter_footnote(ld, obj, sub) && ok;
}

static bool
build_paper(struct loader *ld, const cJSON *obj, struct node_working_paper *paper)
{
    const cJSON *arr;
    bool ok = get_bool(ld, obj, "cited", &paper->cited);
    if (member(obj, "cited") == NULL)
        paper->cited = true; /* the format leaves out members that are empty or default */
    if (!(get_array(ld, obj, "submitters", &arr, &paper->nsubmitters) && ok))
        return false;
    paper->submitters = corpus_alloc(ld->corpus, paper->nsubmitters * sizeof *paper->submitters);
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next)
        ok = build_submitter(ld, e, &paper->submitters[i++]) && ok;
    return ok;
}

static void
add_pending_relation(struct loader *ld, const struct node *paper, const struct relation *rel,
                     const cJSON *item)
{
    ld->relations =
        xgrow(ld->relations, &ld->relations_cap, ld->nrelations + 1, sizeof *ld->relations);
    ld->relations[ld->nrelations++] =
        (struct pending_relation){paper, rel, ld->nfiles - 1, value_offset(ld, item)};
}

static bool
build_relation(struct loader *ld, const cJSON *obj, struct relation *rel)
{
    if (!cJSON_IsObject(obj))
        return item_error(ld, obj, "a relation must be an object");
    const char *reason;
    bool ok = get_string(ld, obj, "to", true, &rel->to);
    ok = get_string(ld, obj, "reason", true, &reason) && ok;
    ok = get_string(ld, obj, "via", true, &rel->via) && ok;
    if (reason != NULL && !relation_kind_parse(reason, &rel->kind))
        return item_error(ld, member(obj, "reason"), "unknown relation reason \"%s\"",
                          excerpt(reason).s);
    if (rel->to != NULL)
        add_pending(ld, rel->to, "relation", NODE_WORKING_PAPER, member(obj, "to"));
    return ok && reason != NULL;
}

/* "related": the paper's relations to other papers; each is checked after the load. */
static bool
build_relations(struct loader *ld, const cJSON *obj, struct node *node)
{
    struct node_working_paper *paper = &node->u.paper;
    const cJSON *arr;
    if (!get_array(ld, obj, "related", &arr, &paper->nrelations))
        return false;
    paper->relations = corpus_alloc(ld->corpus, paper->nrelations * sizeof *paper->relations);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        struct relation *rel = &paper->relations[i];
        if (!build_relation(ld, e, rel)) {
            ok = false;
            continue;
        }
        add_pending_relation(ld, node, rel, e);
        i++;
    }
    paper->nrelations = i;
    return ok;
}

/* "document_kind": "resolution" or "document", as the references citing it say. */
static bool
build_external(struct loader *ld, const cJSON *obj, struct node_external *external)
{
    const char *kind;
    external->document_kind = REF_DOCUMENT;
    if (!get_string(ld, obj, "document_kind", true, &kind) || kind == NULL)
        return false;
    if (strcmp(kind, "resolution") == 0)
        external->document_kind = REF_RESOLUTION;
    else if (strcmp(kind, "document") != 0)
        return item_error(ld, member(obj, "document_kind"),
                          "member \"document_kind\" must be \"resolution\" or \"document\"");
    return true;
}

/* "aliases": a country's or an expert's other names, each a string. */
static bool
build_aliases(struct loader *ld, const cJSON *obj, const char ***aliases, size_t *naliases)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "aliases", &arr, naliases))
        return false;
    *aliases = corpus_alloc(ld->corpus, *naliases * sizeof **aliases);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next) {
        if (cJSON_IsString(e))
            (*aliases)[i++] = load_string(ld, e);
        else
            ok = item_error(ld, e, "an alias must be a string");
    }
    *naliases = i;
    return ok;
}

static bool
build_kind_members(struct loader *ld, const cJSON *obj, struct node *node)
{
    switch (node->kind) {
    case NODE_EXPERT: {
        struct node_expert *e = &node->u.expert;
        bool ok = build_sessions(ld, obj, e);
        ok = build_aliases(ld, obj, &e->aliases, &e->naliases) && ok;
        return get_bool(ld, obj, "alternate", &e->alternate) && ok;
    }
    case NODE_WORKING_PAPER: {
        bool ok = build_paper(ld, obj, &node->u.paper);
        return build_relations(ld, obj, node) && ok;
    }
    case NODE_EXTERNAL:
        return build_external(ld, obj, &node->u.external);
    case NODE_WORKING_PAPER_LIST:
        return build_columns(ld, obj, &node->u.paper_list);
    case NODE_COUNTRY:
        return build_aliases(ld, obj, &node->u.country.aliases, &node->u.country.naliases);
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
    if (place == PLACE_EXTERNALS && kind != NODE_EXTERNAL)
        return item_error(ld, k, "a node in \"externals\" must be of kind \"external\"");
    if (place != PLACE_EXTERNALS && kind == NODE_EXTERNAL)
        return item_error(ld, k, "a node of kind \"external\" belongs in \"externals\"");
    if (place == PLACE_INSIDE && (kind == NODE_DOCUMENT || kind == NODE_COUNTRY))
        return item_error(ld, k, "a node of kind \"%s\" cannot be a child", node_kind_name(kind));
    return true;
}

/* The kind a node stands in with when its own is missing or unknown, so that the rest of it
 * can still be checked. */
static enum node_kind
stand_in_kind(enum node_place place)
{
    return place == PLACE_ROOT        ? NODE_DOCUMENT
           : place == PLACE_COUNTRIES ? NODE_COUNTRY
           : place == PLACE_EXTERNALS ? NODE_EXTERNAL
                                      : NODE_PARAGRAPH;
}

/* A new node from the address and kind (both required) of obj in *out, also when they are
 * wrong (then the address is NULL, or the kind a stand-in); NULL when obj is no object. */
static bool
build_head(struct loader *ld, const cJSON *obj, enum node_place place, struct node **out)
{
    const char *address, *kind_name;
    enum node_kind kind = stand_in_kind(place);
    *out = NULL;
    if (!cJSON_IsObject(obj))
        return item_error(ld, obj, "a node must be an object");
    bool ok = get_string(ld, obj, "address", true, &address);
    if (address != NULL && address[0] == '\0') {
        ok = item_error(ld, member(obj, "address"), "empty address");
        address = NULL;
    }
    ok = get_string(ld, obj, "kind", true, &kind_name) && ok;
    if (kind_name != NULL && !node_kind_parse(kind_name, &kind))
        ok = item_error(ld, member(obj, "kind"), "unknown kind \"%s\"", excerpt(kind_name).s);
    else if (kind_name != NULL)
        ok = check_place(ld, obj, kind, place) && ok;
    *out = corpus_node_new(ld->corpus, kind);
    (*out)->address = address;
    return ok;
}

/* All of the node's own members, each checked whatever became of the others. */
static bool
build_body(struct loader *ld, const cJSON *obj, struct node *node)
{
    bool ok = build_strings(ld, obj, node);
    ok = build_numbers(ld, obj, node) && ok;
    ok = build_kind_members(ld, obj, node) && ok;
    ok = build_refs(ld, obj, node) && ok;
    text_origin_clear(ld);
    return ok;
}

static bool build_node(struct loader *ld, const cJSON *obj, enum node_place place,
                       struct node **out);

static bool
build_children(struct loader *ld, const cJSON *obj, struct node *node)
{
    const cJSON *arr;
    if (!get_array(ld, obj, "children", &arr, &node->nchildren))
        return false;
    if (node->nchildren == 0)
        return true;
    node->children = corpus_alloc(ld->corpus, node->nchildren * sizeof *node->children);
    bool ok = true;
    size_t n = 0;
    for (const cJSON *e = arr->child; e != NULL; e = e->next) {
        ok = build_node(ld, e, PLACE_INSIDE, &node->children[n]) && ok;
        n += node->children[n] != NULL;
    }
    node->nchildren = n;
    return ok;
}

/* Builds a document-tree node and its subtree into *out (see build_head). The address is
 * indexed before the children are built, so the second of two equal addresses in text order
 * is the one reported. */
static bool
build_node(struct loader *ld, const cJSON *obj, enum node_place place, struct node **out)
{
    bool ok = build_head(ld, obj, place, out);
    struct node *node = *out;
    if (node == NULL)
        return false;
    ok = build_body(ld, obj, node) && ok;
    struct node *existing = node->address ? corpus_index_node(ld->corpus, node) : NULL;
    if (existing != NULL && existing->kind == NODE_EXTERNAL && node->kind == NODE_DOCUMENT)
        corpus_reindex_node(ld->corpus, node); /* cited elsewhere as outside: now it is in */
    else if (existing != NULL)
        ok = item_error(ld, member(obj, "address"), "duplicate address \"%s\"",
                        excerpt(node->address).s);
    return build_children(ld, obj, node) && ok;
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
                          excerpt(country->address).s);
    existing->order = ld->nfiles;
    struct node_country *old = &existing->u.country, *new = &country->u.country;
    if (old->name == NULL)
        old->name = new->name;
    if (old->iso3 == NULL)
        old->iso3 = new->iso3;
    if (old->english == NULL)
        old->english = new->english;
    if (old->naliases == 0) {
        old->aliases = new->aliases;
        old->naliases = new->naliases;
    }
    if (existing->title == NULL)
        existing->title = country->title;
    return true;
}

static bool
build_country(struct loader *ld, const cJSON *obj)
{
    struct node *country;
    bool ok = build_head(ld, obj, PLACE_COUNTRIES, &country);
    if (country == NULL)
        return false;
    ok = build_body(ld, obj, country) && ok;
    ok = build_children(ld, obj, country) && ok;
    if (country->address == NULL)
        return false;
    struct node *existing = corpus_index_node(ld->corpus, country);
    if (existing != NULL)
        return merge_country(ld, obj, existing, country) && ok;
    country->order = ld->nfiles;
    corpus_add_country(ld->corpus, country);
    return ok;
}

/* --- External documents ------------------------------------------------------------ */

/* Every file lists the documents it cites from outside, so several files list the same
 * symbol: a repeat from another file is merged away, one in the same file is a duplicate
 * (as for countries, `order` holds 1 + the index of the file that listed it). A loaded
 * document of that symbol takes its place. */
static bool
index_external(struct loader *ld, const cJSON *obj, struct node *external)
{
    struct node *existing = corpus_index_node(ld->corpus, external);
    if (existing == NULL) {
        external->order = ld->nfiles;
        corpus_add_external(ld->corpus, external);
        return true;
    }
    if (existing->kind == NODE_DOCUMENT ||
        (existing->kind == NODE_EXTERNAL && existing->order != ld->nfiles))
        return true;
    return item_error(ld, member(obj, "address"), "duplicate address \"%s\"",
                      excerpt(external->address).s);
}

static bool
build_external_node(struct loader *ld, const cJSON *obj)
{
    struct node *external;
    bool ok = build_head(ld, obj, PLACE_EXTERNALS, &external);
    if (external == NULL)
        return false;
    ok = build_body(ld, obj, external) && ok;
    if (external->nchildren > 0 || member(obj, "children") != NULL)
        ok = item_error(ld, member(obj, "children"), "an external document has no children");
    if (external->address == NULL || external->kind != NODE_EXTERNAL)
        return false;
    return index_external(ld, obj, external) && ok;
}

static bool
build_externals(struct loader *ld, const cJSON *root)
{
    const cJSON *arr;
    size_t n;
    if (!get_array(ld, root, "externals", &arr, &n))
        return false;
    bool ok = true;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next)
        ok = build_external_node(ld, e) && ok;
    return ok;
}

static bool
build_countries(struct loader *ld, const cJSON *root)
{
    const cJSON *arr;
    size_t n;
    if (!get_array(ld, root, "countries", &arr, &n))
        return false;
    bool ok = true;
    for (const cJSON *e = arr ? arr->child : NULL; e != NULL; e = e->next)
        ok = build_country(ld, e) && ok;
    return ok;
}

/* --- One file ---------------------------------------------------------------------------- */

/* A wrong format or version ends the file: its members may mean something else. */
static bool
check_format(struct loader *ld, const cJSON *root)
{
    if (!cJSON_IsObject(root))
        return item_error(ld, root, "the top level must be an object");
    const char *format;
    if (!get_string(ld, root, "format", true, &format) || format == NULL)
        return false;
    if (strcmp(format, "ndvr-tree") != 0)
        return item_error(ld, member(root, "format"), "member \"format\" must be \"ndvr-tree\"");
    const cJSON *version = member(root, "version");
    if (version == NULL)
        return item_error(ld, root, "missing member \"version\"");
    if (!is_integer_in(version, 1, 1))
        return item_error(ld, version, "unsupported version (this ndvr reads version 1)");
    return true;
}

/* The name of an earlier file whose document is addressed `address`, or NULL. */
static const char *
document_file(const struct loader *ld, const char *address)
{
    for (size_t i = 0; i + 1 < ld->nfiles; i++)
        if (ld->files[i].document != NULL && strcmp(ld->files[i].document, address) == 0)
            return ld->files[i].name;
    return NULL;
}

/* A document an earlier file holds already (a tree in the user's corpus repeating a bundled
 * one, or one file given twice) is one error naming both files. Its tree is skipped: every
 * node of it would be a duplicate too. */
static bool
is_repeated_document(struct loader *ld, const cJSON *address)
{
    const char *other = document_file(ld, ld->document_address);
    if (other != NULL)
        item_error(ld, address, "document \"%s\" is already loaded from %s",
                   excerpt(ld->document_address).s, other);
    return other != NULL;
}

static bool
build_document(struct loader *ld, const cJSON *doc)
{
    const cJSON *address = cJSON_IsObject(doc) ? member(doc, "address") : NULL;
    ld->document_address = cJSON_IsString(address) ? load_string(ld, address) : "";
    if (is_repeated_document(ld, address))
        return false;
    struct node *document;
    ld->in_document = true;
    bool ok = build_node(ld, doc, PLACE_ROOT, &document);
    ld->in_document = false;
    if (document != NULL && document->address != NULL) {
        corpus_add_document(ld->corpus, document);
        ld->files[ld->nfiles - 1].document = document->address;
    }
    return ok;
}

static bool
build_top(struct loader *ld, const cJSON *root)
{
    if (!check_format(ld, root))
        return false;
    const cJSON *doc = member(root, "document");
    bool ok =
        doc != NULL ? build_document(ld, doc) : item_error(ld, root, "missing member \"document\"");
    ok = build_countries(ld, root) && ok;
    return build_externals(ld, root) && ok;
}

/* cJSON needs a NUL after the text to stay inside it; the source may lack one. Returns the
 * tree (or NULL) and the offset of a syntax error in *error_offset, or NO_OFFSET. */
static cJSON *
parse_text(const struct corpus_source *src, const struct scan *sc, size_t *error_offset)
{
    char *copy = xmalloc(src->nbytes + 1);
    memcpy(copy, src->data, src->nbytes);
    copy[src->nbytes] = '\0';
    scan_patch_surrogates(sc, copy);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, src->nbytes, &end, 0);
    size_t off = end ? (size_t)(end - copy) : 0;
    if (root != NULL) {
        while (off < src->nbytes && (unsigned char)copy[off] <= ' ')
            off++; /* cJSON leaves trailing whitespace unread */
        off = off < src->nbytes ? off : NO_OFFSET;
    }
    free(copy);
    *error_offset = off;
    return root;
}

/* Lists the scanner's notes before offset `stop` as warnings. */
static void
list_notes(struct loader *ld, const struct scan *sc, size_t stop)
{
    size_t file = ld->nfiles - 1;
    for (size_t i = 0; i < sc->nnotes && sc->notes[i].offset < stop; i++) {
        char msg[128];
        scan_note_message(&sc->notes[i], msg, sizeof msg);
        add_problem(ld, file, sc->notes[i].offset, false, msg);
    }
    if (stop == NO_OFFSET)
        ld->files[file].unlisted += sc->notes_dropped;
}

/* Scans and parses one text. Returns the tree to build, or NULL after listing a syntax error
 * or nesting too deep (and the scanner's notes before it). */
static cJSON *
parse_checked(struct loader *ld, const struct corpus_source *src, struct scan *sc)
{
    size_t file = ld->nfiles - 1, syntax;
    scan_json(sc, src->data, src->nbytes, ld->limits.max_depth, CORPUS_MAX_PROBLEMS);
    cJSON *root = parse_text(src, sc, &syntax);
    size_t fatal = sc->fatal == SCAN_NONE ? NO_OFFSET : sc->fatal;
    list_notes(ld, sc, syntax < fatal ? syntax : fatal);
    if (syntax != NO_OFFSET && syntax <= fatal) {
        load_error_in(ld, file, syntax,
                      root ? "unexpected text after the JSON value" : "JSON syntax error");
    } else if (fatal != NO_OFFSET) {
        load_error_in(ld, file, fatal, "%s", sc->fatal_msg);
    } else {
        return root;
    }
    cJSON_Delete(root);
    return NULL;
}

static size_t
add_file(struct loader *ld, const char *name)
{
    ld->files = xgrow(ld->files, &ld->files_cap, ld->nfiles + 1, sizeof *ld->files);
    ld->files[ld->nfiles] = (struct load_file){.name = xstrdup(name)};
    return ld->nfiles++;
}

/* Members of one object with the same name: cJSON keeps both and reads the first, so the file
 * says two things at once. An error at the repeat. */
static void
check_members(struct loader *ld, const cJSON *item)
{
    for (const cJSON *c = item->child; c != NULL; c = c->next) {
        for (const cJSON *e = item->child; cJSON_IsObject(item) && e != c; e = e->next)
            if (e->string != NULL && c->string != NULL && strcmp(e->string, c->string) == 0) {
                item_error(ld, c, "duplicate member \"%s\"", excerpt(c->string).s);
                break;
            }
        check_members(ld, c);
    }
}

static void
load_source(struct loader *ld, const struct corpus_source *src)
{
    size_t file = add_file(ld, src->name);
    line_table_build(&ld->files[file], src->data, src->nbytes);
    if (src->nbytes > ld->limits.max_file_bytes) {
        load_error_in(ld, file, ld->limits.max_file_bytes, "file is larger than %zu bytes",
                      ld->limits.max_file_bytes);
        return;
    }
    struct scan sc;
    cJSON *root = parse_checked(ld, src, &sc);
    if (root != NULL) {
        ld->scan = &sc;
        scan_positions_build(&ld->positions, root, &sc);
        check_members(ld, root);
        build_top(ld, root);
        scan_positions_fini(&ld->positions);
        ld->scan = NULL;
    }
    scan_fini(&sc);
    cJSON_Delete(root);
}

/* A file that could not be read: one problem about the whole file. */
static void
load_unreadable(struct loader *ld, const char *name, const char *why)
{
    add_problem(ld, add_file(ld, name), NO_OFFSET, true, why);
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

/* An external reference names an entry of "externals", or a document loaded after all. */
static void
check_external(struct loader *ld, const struct pending_target *p, const struct node *target)
{
    if (target == NULL)
        load_error_in(ld, p->file, p->offset,
                      "external reference to \"%s\" has no entry in \"externals\"",
                      excerpt(p->to).s);
    else if (target->kind != NODE_EXTERNAL && target->kind != NODE_DOCUMENT)
        load_error_in(ld, p->file, p->offset,
                      "external reference to \"%s\" names a node of kind \"%s\"", excerpt(p->to).s,
                      node_kind_name(target->kind));
}

static void
check_pending(struct loader *ld)
{
    for (size_t i = 0; i < ld->npending; i++) {
        const struct pending_target *p = &ld->pending[i];
        const struct node *target = corpus_find(ld->corpus, p->to);
        if (p->want == NODE_EXTERNAL)
            check_external(ld, p, target);
        else if (target == NULL && must_resolve(ld->corpus, p->to))
            load_error_in(ld, p->file, p->offset, "unresolved %s to \"%s\"", p->what,
                          excerpt(p->to).s);
        else if (p->ibid && target != NULL && (target->kind != NODE_FOOTNOTE || !p->seen))
            load_error_in(ld, p->file, p->offset, "ibid to \"%s\" names no earlier footnote",
                          excerpt(p->to).s);
        else if (target != NULL && p->want != NODE_KIND_COUNT && target->kind != p->want)
            load_warning_in(
                ld, p->file, p->offset, "%s to \"%s\" names a node of kind \"%s\", not \"%s\"",
                p->what, excerpt(p->to).s, node_kind_name(target->kind), node_kind_name(p->want));
    }
}

static void
check_relations(struct loader *ld)
{
    for (size_t i = 0; i < ld->nrelations; i++) {
        const struct pending_relation *p = &ld->relations[i];
        const char *why = relation_problem(ld->corpus, p->paper, p->relation);
        if (why != NULL)
            load_error_in(ld, p->file, p->offset, "relation %s to \"%s\" via \"%s\": %s",
                          relation_kind_name(p->relation->kind), excerpt(p->relation->to).s,
                          excerpt(p->relation->via).s, why);
    }
}

/* One line per file for the problems past the cap; it sorts last in its file. */
static void
list_unlisted(struct loader *ld)
{
    for (size_t i = 0; i < ld->nfiles; i++) {
        const struct load_file *f = &ld->files[i];
        if (f->unlisted == 0)
            continue;
        char msg[96];
        snprintf(msg, sizeof msg, "%zu more problem%s not listed", f->unlisted,
                 f->unlisted == 1 ? "" : "s");
        push_problem(ld, i, NO_OFFSET, false, msg);
    }
}

static int
compare_problems(const void *a, const void *b)
{
    const struct load_problem *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The problem a failed load reports in d: the first error, or in strict mode the first
 * problem. */
static const struct diag *
first_problem(const struct loader *ld)
{
    for (size_t i = 0; i < ld->nproblems; i++)
        if (ld->problems[i].error || ld->mode == CORPUS_LOAD_STRICT)
            return &ld->problems[i].d;
    return NULL;
}

static void
fill_report(const struct loader *ld, bool ok, struct corpus_report *report)
{
    bool list = ld->mode == CORPUS_LOAD_STRICT ? !ok : ok;
    *report = (struct corpus_report){.nfiles = ld->nfiles};
    if (!list || ld->nproblems == 0)
        return;
    report->v = xcalloc(ld->nproblems, sizeof *report->v);
    for (size_t i = 0; i < ld->nproblems; i++)
        report->v[i] = ld->problems[i].d;
    report->n = ld->nproblems;
}

static void
loader_init(struct loader *ld, const struct corpus_load_options *options)
{
    static const struct corpus_load_options defaults = CORPUS_LOAD_OPTIONS_READ;
    const struct corpus_load_options *o = options ? options : &defaults;
    *ld = (struct loader){.corpus = corpus_new(), .mode = o->mode, .limits = o->limits};
}

/* Ends the load: checks what needed every file, sorts the problems, hands out the corpus
 * (linked) or frees it, and frees the loader. */
static bool
loader_finish(struct loader *ld, struct corpus **corpus, struct corpus_report *report,
              struct diag *d)
{
    check_pending(ld);
    check_relations(ld);
    list_unlisted(ld);
    if (ld->nproblems > 1)
        qsort(ld->problems, ld->nproblems, sizeof *ld->problems, compare_problems);
    bool ok = ld->mode == CORPUS_LOAD_STRICT ? ld->nproblems == 0 : ld->nerrors == 0;
    const struct diag *first = first_problem(ld);
    if (!ok && first != NULL && d != NULL)
        *d = *first;
    if (report != NULL)
        fill_report(ld, ok, report);
    if (ok)
        corpus_link(ld->corpus);
    else
        corpus_free(ld->corpus);
    *corpus = ok ? ld->corpus : NULL;
    for (size_t i = 0; i < ld->nfiles; i++) {
        free(ld->files[i].name);
        free(ld->files[i].line_starts);
    }
    free(ld->files);
    free(ld->problems);
    free(ld->pending);
    free(ld->relations);
    return ok;
}

void
corpus_report_free(struct corpus_report *report)
{
    free(report->v);
    *report = (struct corpus_report){0};
}

bool
corpus_load_sources_report(const struct corpus_source *sources, size_t nsources,
                           const struct corpus_load_options *options, struct corpus **corpus,
                           struct corpus_report *report, struct diag *d)
{
    struct loader ld;
    loader_init(&ld, options);
    for (size_t i = 0; i < nsources; i++)
        load_source(&ld, &sources[i]);
    return loader_finish(&ld, corpus, report, d);
}

bool
corpus_load_sources(const struct corpus_source *sources, size_t nsources,
                    const struct corpus_limits *limits, struct corpus **corpus, struct diag *d)
{
    struct corpus_load_options options = CORPUS_LOAD_OPTIONS_READ;
    if (limits != NULL)
        options.limits = *limits;
    return corpus_load_sources_report(sources, nsources, &options, corpus, NULL, d);
}

/* --- Files and directories ------------------------------------------------------------- */

/* Reads at most cap + 1 bytes: enough to tell that a file is too large, without reading it. */
static char *
read_capped(const char *path, size_t cap, size_t *nbytes, struct diag *d)
{
    FILE *f = regfile_fopen(path, d);
    if (f == NULL)
        return NULL;
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

/* Reads and loads one file; a file that cannot be read is a problem, not the end. */
static void
load_path(struct loader *ld, const char *path)
{
    struct diag why = {0};
    size_t n = 0;
    char *data = read_capped(path, ld->limits.max_file_bytes, &n, &why);
    if (data == NULL) {
        load_unreadable(ld, path, why.msg);
        return;
    }
    struct corpus_source src = {path, data, n};
    load_source(ld, &src);
    free(data);
}

bool
corpus_load_files_report(const char *const *paths, size_t npaths,
                         const struct corpus_load_options *options, struct corpus **corpus,
                         struct corpus_report *report, struct diag *d)
{
    struct loader ld;
    loader_init(&ld, options);
    for (size_t i = 0; i < npaths; i++)
        load_path(&ld, paths[i]);
    return loader_finish(&ld, corpus, report, d);
}

bool
corpus_load_files_limited(const char *const *paths, size_t npaths,
                          const struct corpus_limits *limits, struct corpus **corpus,
                          struct diag *d)
{
    struct corpus_load_options options = CORPUS_LOAD_OPTIONS_READ;
    if (limits != NULL)
        options.limits = *limits;
    return corpus_load_files_report(paths, npaths, &options, corpus, NULL, d);
}

bool
corpus_load_files(const char *const *paths, size_t npaths, struct corpus **corpus, struct diag *d)
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

char **
corpus_list_dir(const char *dir, size_t *count, struct diag *d)
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

/* A load that failed before any file: the one problem goes to d, and in strict mode to the
 * report too. */
static bool
fail_before_files(const struct corpus_load_options *options, const struct diag *problem,
                  struct corpus_report *report, struct diag *d)
{
    if (d != NULL)
        *d = *problem;
    if (report == NULL)
        return false;
    *report = (struct corpus_report){0};
    if (options != NULL && options->mode == CORPUS_LOAD_STRICT) {
        report->v = xmalloc(sizeof *report->v);
        report->v[0] = *problem;
        report->n = 1;
    }
    return false;
}

static void
free_paths(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

/* The JSON files of each dir in turn, each dir's sorted; NULL with d filled when a dir cannot
 * be read. */
static char **
list_dirs(const char *const *dirs, size_t ndirs, size_t *count, struct diag *d)
{
    char **all = xcalloc(1, sizeof *all);
    size_t n = 0, cap = 1;
    for (size_t i = 0; i < ndirs; i++) {
        size_t k = 0;
        char **paths = corpus_list_dir(dirs[i], &k, d);
        if (paths == NULL) {
            free_paths(all, n);
            return NULL;
        }
        all = xgrow(all, &cap, n + k, sizeof *all);
        memcpy(all + n, paths, k * sizeof *paths);
        n += k;
        free(paths); /* the strings moved to all */
    }
    *count = n;
    return all;
}

bool
corpus_load_dirs_report(const char *const *dirs, size_t ndirs,
                        const struct corpus_load_options *options, struct corpus **corpus,
                        struct corpus_report *report, struct diag *d)
{
    struct diag problem = {0};
    size_t n = 0;
    char **paths = list_dirs(dirs, ndirs, &n, &problem);
    *corpus = NULL;
    if (paths != NULL && n == 0)
        diag_set(&problem, ndirs > 0 ? dirs[0] : "", 0, 0,
                 "no *.json files in the corpus directory");
    bool ok = paths != NULL && n > 0 ? corpus_load_files_report((const char *const *)paths, n,
                                                                options, corpus, report, d)
                                     : fail_before_files(options, &problem, report, d);
    if (paths != NULL)
        free_paths(paths, n);
    return ok;
}

bool
corpus_load_dir_report(const char *dir, const struct corpus_load_options *options,
                       struct corpus **corpus, struct corpus_report *report, struct diag *d)
{
    return corpus_load_dirs_report(&dir, 1, options, corpus, report, d);
}

bool
corpus_load_dir(const char *dir, struct corpus **corpus, struct diag *d)
{
    return corpus_load_dir_report(dir, NULL, corpus, NULL, d);
}
