/* Reading and writing bookmarks.json and session.json: every member validated, nothing from
 * the file trusted (cJSON itself accepts invalid UTF-8, control characters and \u0000). */
#include "state/state_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xalloc.h"

#define BOOKMARKS_FORMAT "ndvr-bookmarks"
#define SESSION_FORMAT "ndvr-session"
#define FORMAT_VERSION 1
#define ID_DIGITS_MAX 15 /* ids stay below 2^53, exact in any JSON reader */

/* Problems with entries: the first is told (with the count of the others), all are fixed. */
struct problems {
    const char *path;
    struct diag *d;
    size_t n;
};

static void problem(struct problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(struct problems *p, const char *fmt, ...)
{
    if (p->n++ > 0)
        return;
    char msg[sizeof p->d->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_set(p->d, p->path, 0, 0, "%s", msg);
}

static enum state_json_result
problems_result(const struct problems *p)
{
    if (p->n == 0)
        return STATE_JSON_OK;
    if (p->n > 1) {
        size_t len = strlen(p->d->msg);
        snprintf(p->d->msg + len, sizeof p->d->msg - len, " (and %zu more problems)", p->n - 1);
    }
    return STATE_JSON_SALVAGED;
}

/* --- Syntax ------------------------------------------------------------------------------ */

static bool
corrupt_at(struct diag *d, const char *path, const char *text, size_t offset, const char *msg)
{
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    return diag_set(d, path, line, (int)(offset - start + 1), "%s", msg);
}

/* The offset of a \u0000 escape (which cJSON turns into a silently cut string), or nbytes. */
static size_t
find_nul_escape(const char *text, size_t nbytes)
{
    for (size_t i = 0; i + 6 <= nbytes; i++) {
        if (memcmp(text + i, "\\u0000", 6) != 0)
            continue;
        size_t slashes = 0; /* an odd run of backslashes ends in an escaping one */
        while (slashes < i && text[i - slashes - 1] == '\\')
            slashes++;
        if (slashes % 2 == 0)
            return i;
    }
    return nbytes;
}

static cJSON *
parse(const char *path, const char *text, size_t nbytes, struct diag *d)
{
    size_t skip = strspn(text, " \t\r\n");
    if (skip == nbytes) {
        diag_set(d, path, 0, 0, "empty file");
        return NULL;
    }
    const char *nul = memchr(text, '\0', nbytes);
    size_t escape = find_nul_escape(text, nbytes);
    if (nul != NULL || escape < nbytes) {
        corrupt_at(d, path, text, nul ? (size_t)(nul - text) : escape, "NUL character");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, nbytes, &end, 0);
    size_t off = end != NULL ? (size_t)(end - text) : 0;
    if (root == NULL) {
        corrupt_at(d, path, text, off, "JSON syntax error");
        return NULL;
    }
    off += strspn(text + off, " \t\r\n"); /* cJSON leaves trailing white space unread */
    if (off < nbytes) {
        cJSON_Delete(root);
        corrupt_at(d, path, text, off, "unexpected text after the JSON value");
        return NULL;
    }
    return root;
}

/* --- Members ----------------------------------------------------------------------------- */

static const cJSON *
member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *
string_member(const cJSON *o, const char *key)
{
    const cJSON *m = member(o, key);
    return cJSON_IsString(m) ? m->valuestring : NULL;
}

/* A whole number in [0, max]. */
static bool
number_member(const cJSON *o, const char *key, unsigned long long max, unsigned long long *out)
{
    const cJSON *m = member(o, key);
    if (!cJSON_IsNumber(m))
        return false;
    double v = m->valuedouble;
    if (!(v >= 0 && v <= (double)max) || v != (double)(unsigned long long)v)
        return false;
    *out = (unsigned long long)v;
    return true;
}

static bool
offset_member(const cJSON *o, size_t *out)
{
    unsigned long long v;
    if (!number_member(o, "offset", MODEL_OFFSET_MAX, &v))
        return false;
    *out = (size_t)v;
    return true;
}

static enum state_json_result
check_header(const char *path, const cJSON *root, const char *format, struct diag *d)
{
    if (!cJSON_IsObject(root))
        return diag_set(d, path, 0, 0, "not a JSON object"), STATE_JSON_CORRUPT;
    const char *f = string_member(root, "format");
    if (f == NULL || strcmp(f, format) != 0)
        return diag_set(d, path, 0, 0, "not an %s file", format), STATE_JSON_CORRUPT;
    const cJSON *v = member(root, "version");
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1 && v->valuedouble < 1e9) ||
        v->valuedouble != (int)v->valuedouble)
        return diag_set(d, path, 0, 0, "no valid \"version\""), STATE_JSON_CORRUPT;
    if (v->valuedouble != FORMAT_VERSION) {
        diag_set(d, path, 0, 0, "written by a newer ndvr (format version %d); left alone",
                 (int)v->valuedouble);
        return STATE_JSON_NEWER;
    }
    return STATE_JSON_OK;
}

/* --- Bookmarks --------------------------------------------------------------------------- */

/* The name to keep: the file's, cleaned, or the address when there is none. */
static char *
read_name(const char *name, const char *address, size_t k, struct problems *p)
{
    if (name == NULL || name[0] == '\0') {
        problem(p, "bookmark %zu has no name; named after its address", k);
        return xstrdup(address);
    }
    const char *why;
    char *clean = model_clean_name(name, strlen(name), &why);
    if (why != NULL)
        problem(p, "the name of bookmark %zu %s; cleaned", k, why);
    if (clean[0] == '\0') {
        free(clean);
        clean = xstrdup(address);
    }
    return clean;
}

/* "" is what salvage writes for a time it cleared (state.h: "unknown"): reading it back as
 * damaged would move the file aside again on every run. */
static bool
is_time_or_unknown(const char *s)
{
    return s[0] == '\0' || model_time_ok(s);
}

static void
read_bookmark(const cJSON *item, size_t k, struct problems *p, struct bookmark_list *out)
{
    const char *address = cJSON_IsObject(item) ? string_member(item, "address") : NULL;
    if (address == NULL || !model_address_ok(address)) {
        problem(p, "bookmark %zu has no valid address; dropped", k);
        return;
    }
    size_t offset = 0;
    if (!offset_member(item, &offset))
        problem(p, "bookmark %zu has no valid offset; set to 0", k);
    const char *created = string_member(item, "created");
    if (created == NULL || !is_time_or_unknown(created)) {
        problem(p, "bookmark %zu has no valid creation time; cleared", k);
        created = "";
    }
    const char *id = string_member(item, "id"); /* checked with the others: fix_ids() */
    char *name = read_name(string_member(item, "name"), address, k, p);
    bookmarks_append(out, xstrdup(id ? id : ""), name, xstrdup(address), offset, xstrdup(created));
}

/* 1 to ID_DIGITS_MAX decimal digits without a leading zero. */
static bool
parse_id(const char *s, unsigned long long *v)
{
    size_t n = strlen(s);
    if (n == 0 || n > ID_DIGITS_MAX || s[0] == '0' || strspn(s, "0123456789") != n)
        return false;
    *v = strtoull(s, NULL, 10);
    return true;
}

struct id_slot {
    unsigned long long v;
    size_t i;
};

static int
compare_slots(const void *a, const void *b)
{
    const struct id_slot *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Gives every bookmark whose id is bad or taken by an earlier one a new id, and makes
 * next_id larger than every id. */
static void
fix_ids(struct bookmark_list *l, struct problems *p)
{
    struct id_slot *slots = xcalloc(l->n, sizeof *slots);
    bool *bad = xcalloc(l->n, sizeof *bad);
    size_t m = 0;
    for (size_t i = 0; i < l->n; i++) {
        bad[i] = !parse_id(l->v[i].id, &slots[m].v);
        if (!bad[i])
            slots[m++].i = i;
    }
    qsort(slots, m, sizeof *slots, compare_slots);
    for (size_t j = 1; j < m; j++)
        bad[slots[j].i] |= slots[j].v == slots[j - 1].v;
    if (m > 0 && l->next_id <= slots[m - 1].v)
        l->next_id = slots[m - 1].v + 1;
    for (size_t i = 0; i < l->n; i++) {
        if (!bad[i])
            continue;
        problem(p, "bookmark %zu has a bad or repeated id; given a new one", i + 1);
        free(l->v[i].id);
        l->v[i].id = xasprintf("%llu", l->next_id++);
    }
    free(slots);
    free(bad);
}

static void
read_bookmark_list(const cJSON *root, struct problems *p, struct bookmark_list *out)
{
    unsigned long long next = 1;
    if (member(root, "next_id") != NULL &&
        !number_member(root, "next_id", MODEL_OFFSET_MAX / 2, &next))
        problem(p, "\"next_id\" is not valid; recomputed");
    out->next_id = next > 0 ? next : 1;
    size_t k = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, member(root, "bookmarks"))
    {
        read_bookmark(item, ++k, p, out);
    }
    fix_ids(out, p);
}

enum state_json_result
state_json_read_bookmarks(const char *path, const char *text, size_t nbytes,
                          struct bookmark_list *out, struct diag *d)
{
    cJSON *root = parse(path, text, nbytes, d);
    if (root == NULL)
        return STATE_JSON_CORRUPT;
    enum state_json_result r = check_header(path, root, BOOKMARKS_FORMAT, d);
    if (r == STATE_JSON_OK && !cJSON_IsArray(member(root, "bookmarks"))) {
        diag_set(d, path, 0, 0, "no \"bookmarks\" array");
        r = STATE_JSON_CORRUPT;
    }
    if (r == STATE_JSON_OK) {
        struct problems p = {path, d, 0};
        read_bookmark_list(root, &p, out);
        r = problems_result(&p);
    }
    cJSON_Delete(root);
    return r;
}

/* --- Session ----------------------------------------------------------------------------- */

/* A position object: false (after telling) when its address is unusable. */
static bool
read_pos(const cJSON *o, const char *what, struct problems *p, const char **address, size_t *offset)
{
    *address = cJSON_IsObject(o) ? string_member(o, "address") : NULL;
    if (*address == NULL || !model_address_ok(*address)) {
        problem(p, "%s has no valid address; dropped", what);
        return false;
    }
    *offset = 0;
    if (!offset_member(o, offset))
        problem(p, "%s has no valid offset; set to 0", what);
    return true;
}

static void
read_last_entry(const cJSON *e, struct problems *p, struct session *out)
{
    const char *document = e->string, *address, *time = string_member(e, "time");
    size_t offset;
    if (!model_address_ok(document)) {
        problem(p, "\"last\" has a bad document address; dropped");
        return;
    }
    if (session_find_last(out, document) < out->nlast)
        problem(p, "\"last\" lists a document twice; the later kept");
    if (!read_pos(e, "a last position", p, &address, &offset))
        return;
    if (time == NULL || !is_time_or_unknown(time)) {
        problem(p, "a last position has no valid time; cleared");
        time = "";
    }
    session_set_last(out, document, address, offset, time, false);
}

static void
read_last(const cJSON *last, struct problems *p, struct session *out)
{
    if (last == NULL)
        return;
    if (!cJSON_IsObject(last)) {
        problem(p, "\"last\" is not an object; dropped");
        return;
    }
    int skip = cJSON_GetArraySize(last) - STATE_LAST_MAX; /* the oldest go first */
    if (skip > 0)
        problem(p, "\"last\" has more than %d documents; the oldest dropped", STATE_LAST_MAX);
    const cJSON *e;
    cJSON_ArrayForEach(e, last)
    {
        if (skip-- <= 0)
            read_last_entry(e, p, out);
    }
    session_sort_last(out);
}

static void
read_history(const cJSON *history, struct problems *p, struct session *out)
{
    if (history == NULL)
        return;
    if (!cJSON_IsArray(history)) {
        problem(p, "\"history\" is not an array; dropped");
        return;
    }
    int skip = cJSON_GetArraySize(history) - STATE_HISTORY_MAX;
    if (skip > 0)
        problem(p, "\"history\" has more than %d entries; the oldest dropped", STATE_HISTORY_MAX);
    const cJSON *e;
    cJSON_ArrayForEach(e, history)
    {
        const char *address;
        size_t offset;
        if (skip-- <= 0 && read_pos(e, "a history entry", p, &address, &offset))
            session_push(out, address, offset);
    }
}

enum state_json_result
state_json_read_session(const char *path, const char *text, size_t nbytes, struct session *out,
                        struct diag *d)
{
    cJSON *root = parse(path, text, nbytes, d);
    if (root == NULL)
        return STATE_JSON_CORRUPT;
    enum state_json_result r = check_header(path, root, SESSION_FORMAT, d);
    if (r == STATE_JSON_OK) {
        struct problems p = {path, d, 0};
        read_last(member(root, "last"), &p, out);
        read_history(member(root, "history"), &p, out);
        r = problems_result(&p);
    }
    cJSON_Delete(root);
    return r;
}

/* --- Writing ----------------------------------------------------------------------------- */

static cJSON *
new_file(const char *format)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", format);
    cJSON_AddNumberToObject(root, "version", FORMAT_VERSION);
    return root;
}

static cJSON *
new_pos(const struct state_pos *pos)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "address", pos->address);
    cJSON_AddNumberToObject(o, "offset", (double)pos->offset);
    return o;
}

/* The text of root with a final newline; frees root. */
static char *
finish(cJSON *root, size_t *nbytes)
{
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    if (s == NULL)
        return NULL;
    char *text = xasprintf("%s\n", s);
    cJSON_free(s);
    *nbytes = strlen(text);
    return text;
}

char *
state_json_write_bookmarks(const struct bookmark_list *l, size_t *nbytes)
{
    cJSON *root = new_file(BOOKMARKS_FORMAT);
    cJSON_AddNumberToObject(root, "next_id", (double)l->next_id);
    cJSON *arr = cJSON_AddArrayToObject(root, "bookmarks");
    for (size_t i = 0; i < l->n; i++) {
        const struct bookmark *b = &l->v[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", b->id);
        cJSON_AddStringToObject(o, "name", b->name);
        cJSON_AddStringToObject(o, "address", b->address);
        cJSON_AddNumberToObject(o, "offset", (double)b->offset);
        cJSON_AddStringToObject(o, "created", b->created);
        cJSON_AddItemToArray(arr, o);
    }
    return finish(root, nbytes);
}

char *
state_json_write_session(const struct session *s, size_t *nbytes)
{
    cJSON *root = new_file(SESSION_FORMAT);
    cJSON *last = cJSON_AddObjectToObject(root, "last");
    for (size_t i = 0; i < s->nlast; i++) {
        cJSON *o = new_pos(&s->last[i].pos);
        cJSON_AddStringToObject(o, "time", s->last[i].time);
        cJSON_AddItemToObject(last, s->last[i].document, o);
    }
    cJSON *history = cJSON_AddArrayToObject(root, "history");
    for (size_t i = 0; i < s->nhistory; i++)
        cJSON_AddItemToArray(history, new_pos(&s->history[i]));
    return finish(root, nbytes);
}
