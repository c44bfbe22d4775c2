/* Key bindings: the table, and the parser of keymap files. */
#include "input/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/sanitize.h"
#include "util/i18n.h"
#include "util/regfile.h"
#include "util/xalloc.h"

/*
 * A keymap keeps its bindings twice: by (table, key), for lookups by binary search, and by
 * (table, command, key), for the help screen. Both arrays share the strings, which by_key owns.
 *
 * Changes are batched: a load collects its statements as "ops" (a binding, or an unbinding
 * when command is NULL, and the unbind-all -t of whole tables) and applies them in one sort at
 * the end. Inserting line by line would cost O(n^2) on a hostile 1 MiB file of distinct keys.
 */
struct keymap {
    struct keymap_binding *by_key;     /* sorted by table, then key; one per (table, key) */
    struct keymap_binding *by_command; /* the same entries sorted by table, command, key */
    size_t count;
    size_t cap;
    const char **tables; /* the tables of by_key, sorted, each once */
    size_t ntables;
};

/* An unbind-all -t: forgets the keymap's bindings of table and the ops queued before it. */
struct table_clear {
    char *table;
    size_t before; /* how many ops were queued when it came */
};

/* Statements not yet applied to a keymap. */
struct keymap_ops {
    struct keymap_binding *v; /* in file order; owns its strings; command NULL: unbind */
    size_t count;
    size_t cap;
    struct table_clear *clears; /* in file order; owns its strings */
    size_t nclears;
    size_t clears_cap;
    bool clear_first; /* an unbind-all came before all of v and clears */
};

/* An op with its place in the sequence, so that a sort by key keeps the last one last. */
struct sequenced {
    struct keymap_binding b;
    size_t seq;
};

/* --- The table ----------------------------------------------------------------------------- */

void
keymap_errors_fini(struct keymap_errors *errs)
{
    free(errs->items);
    *errs = (struct keymap_errors)KEYMAP_ERRORS_INIT;
}

struct keymap *
keymap_new(void)
{
    return xcalloc(1, sizeof(struct keymap));
}

static const char *
table_or_global(const char *table)
{
    return table != NULL ? table : KEYMAP_GLOBAL;
}

static void
binding_free_strings(struct keymap_binding *b)
{
    free(b->table);
    free(b->command);
    free(b->args);
}

void
keymap_free(struct keymap *km)
{
    if (km == NULL)
        return;
    for (size_t i = 0; i < km->count; i++)
        binding_free_strings(&km->by_key[i]);
    free(km->by_key);
    free(km->by_command);
    free(km->tables);
    free(km);
}

/* Orders by table, then key code: the order of by_key. */
static int
compare_table_key(const char *ta, key_code ka, const char *tb, key_code kb)
{
    int c = strcmp(ta, tb);

    if (c != 0)
        return c;
    return (ka > kb) - (ka < kb);
}

static int
compare_sequenced(const void *a, const void *b)
{
    const struct sequenced *x = a, *y = b;
    int c = compare_table_key(x->b.table, x->b.key, y->b.table, y->b.key);

    if (c != 0)
        return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
compare_by_command(const void *a, const void *b)
{
    const struct keymap_binding *x = a, *y = b;
    int c = strcmp(x->table, y->table);

    if (c == 0)
        c = strcmp(x->command, y->command);
    return c != 0 ? c : keyname_compare(x->key, y->key);
}

/* Builds by_command and tables from by_key. */
static void
keymap_index(struct keymap *km)
{
    free(km->by_command);
    free(km->tables);
    km->by_command = NULL;
    km->tables = NULL;
    km->ntables = 0;
    if (km->count == 0)
        return;
    km->by_command = xcalloc(km->count, sizeof *km->by_command);
    memcpy(km->by_command, km->by_key, km->count * sizeof *km->by_key);
    qsort(km->by_command, km->count, sizeof *km->by_command, compare_by_command);
    size_t n = 0;
    for (size_t i = 0; i < km->count; i++)
        n += i == 0 || strcmp(km->by_key[i - 1].table, km->by_key[i].table) != 0;
    km->tables = xcalloc(n, sizeof *km->tables);
    for (size_t i = 0; i < km->count; i++)
        if (i == 0 || strcmp(km->by_key[i - 1].table, km->by_key[i].table) != 0)
            km->tables[km->ntables++] = km->by_key[i].table;
}

/* Keeps, of each run of equal (table, key) in the sorted all[], the last op, unless it
 * unbinds. */
static void
keymap_keep_last(struct keymap *km, struct sequenced *all, size_t n)
{
    km->count = 0;
    for (size_t i = 0; i < n; i++) {
        bool superseded = i + 1 < n && compare_table_key(all[i + 1].b.table, all[i + 1].b.key,
                                                         all[i].b.table, all[i].b.key) == 0;
        if (superseded || all[i].b.command == NULL) {
            binding_free_strings(&all[i].b);
            continue;
        }
        km->by_key[km->count++] = all[i].b;
    }
}

static int
compare_clears(const void *a, const void *b)
{
    const struct table_clear *x = a, *y = b;
    int c = strcmp(x->table, y->table);

    return c != 0 ? c : (x->before > y->before) - (x->before < y->before);
}

static int
compare_table_to_clear(const void *table, const void *clear)
{
    return strcmp(table, ((const struct table_clear *)clear)->table);
}

/* Applies the unbind-all -t of ops: sorts and merges the clears (the last of each table
 * counts), then drops the keymap's bindings of their tables and the ops queued before them. */
static void
keymap_apply_clears(struct keymap *km, struct keymap_ops *ops)
{
    struct table_clear *c = ops->clears;
    size_t n = 0;

    if (ops->nclears == 0)
        return;
    qsort(c, ops->nclears, sizeof *c, compare_clears);
    for (size_t i = 0; i < ops->nclears; i++) {
        if (i + 1 < ops->nclears && strcmp(c[i].table, c[i + 1].table) == 0) {
            free(c[i].table);
            continue;
        }
        c[n++] = c[i];
    }
    size_t kept = 0;
    for (size_t i = 0; i < km->count; i++) {
        if (bsearch(km->by_key[i].table, c, n, sizeof *c, compare_table_to_clear) != NULL)
            binding_free_strings(&km->by_key[i]);
        else
            km->by_key[kept++] = km->by_key[i];
    }
    km->count = kept;
    kept = 0;
    for (size_t i = 0; i < ops->count; i++) {
        const struct table_clear *t =
            bsearch(ops->v[i].table, c, n, sizeof *c, compare_table_to_clear);
        if (t != NULL && i < t->before)
            binding_free_strings(&ops->v[i]);
        else
            ops->v[kept++] = ops->v[i];
    }
    ops->count = kept;
    for (size_t i = 0; i < n; i++)
        free(c[i].table);
    ops->nclears = 0;
}

/* Applies ops (which end up empty) to km: one stable sort of old bindings and new ops. */
static void
keymap_apply(struct keymap *km, struct keymap_ops *ops)
{
    if (ops->clear_first)
        keymap_unbind_all(km);
    keymap_apply_clears(km, ops);
    size_t n = km->count + ops->count;
    struct sequenced *all = xcalloc(n, sizeof *all);
    for (size_t i = 0; i < km->count; i++)
        all[i] = (struct sequenced){km->by_key[i], i};
    for (size_t i = 0; i < ops->count; i++)
        all[km->count + i] = (struct sequenced){ops->v[i], km->count + i};
    qsort(all, n, sizeof *all, compare_sequenced);
    km->by_key = xgrow(km->by_key, &km->cap, n, sizeof *km->by_key);
    keymap_keep_last(km, all, n);
    free(all);
    free(ops->v);
    free(ops->clears);
    *ops = (struct keymap_ops){0};
    keymap_index(km);
}

/* Queues a binding (command NULL: an unbinding); copies the strings. */
static void
ops_add(struct keymap_ops *ops, const char *table, key_code key, const char *command,
        const char *args)
{
    ops->v = xgrow(ops->v, &ops->cap, ops->count + 1, sizeof *ops->v);
    ops->v[ops->count++] = (struct keymap_binding){
        .table = xstrdup(table_or_global(table)),
        .key = key,
        .command = command ? xstrdup(command) : NULL,
        .args = command ? xstrdup(args ? args : "") : NULL,
    };
}

/* Queues an unbind-all -t: the ops queued so far for that table become moot. */
static void
ops_clear_table(struct keymap_ops *ops, const char *table)
{
    ops->clears = xgrow(ops->clears, &ops->clears_cap, ops->nclears + 1, sizeof *ops->clears);
    ops->clears[ops->nclears++] =
        (struct table_clear){.table = xstrdup(table_or_global(table)), .before = ops->count};
}

/* Drops every queued op: an unbind-all makes them moot. */
static void
ops_clear(struct keymap_ops *ops)
{
    for (size_t i = 0; i < ops->count; i++)
        binding_free_strings(&ops->v[i]);
    for (size_t i = 0; i < ops->nclears; i++)
        free(ops->clears[i].table);
    ops->count = 0;
    ops->nclears = 0;
    ops->clear_first = true;
}

void
keymap_bind(struct keymap *km, const char *table, key_code key, const char *command,
            const char *args)
{
    struct keymap_ops ops = {0};

    ops_add(&ops, table, key, command, args);
    keymap_apply(km, &ops);
}

bool
keymap_unbind(struct keymap *km, const char *table, key_code key)
{
    struct keymap_ops ops = {0};

    if (keymap_lookup(km, table, key) == NULL)
        return false;
    ops_add(&ops, table, key, NULL, NULL);
    keymap_apply(km, &ops);
    return true;
}

void
keymap_unbind_all(struct keymap *km)
{
    for (size_t i = 0; i < km->count; i++)
        binding_free_strings(&km->by_key[i]);
    km->count = 0;
    keymap_index(km);
}

void
keymap_unbind_table(struct keymap *km, const char *table)
{
    struct keymap_ops ops = {0};

    ops_clear_table(&ops, table);
    keymap_apply(km, &ops);
}

/* What keymap_lookup searches for. */
struct table_key {
    const char *table;
    key_code key;
};

static int
compare_table_key_to_binding(const void *tk, const void *binding)
{
    const struct table_key *x = tk;
    const struct keymap_binding *b = binding;

    return compare_table_key(x->table, x->key, b->table, b->key);
}

const struct keymap_binding *
keymap_lookup(const struct keymap *km, const char *table, key_code key)
{
    struct table_key tk = {table_or_global(table), key};

    if (km->count == 0)
        return NULL;
    return bsearch(&tk, km->by_key, km->count, sizeof *km->by_key, compare_table_key_to_binding);
}

const struct keymap_binding *
keymap_bindings(const struct keymap *km, size_t *count)
{
    *count = km->count;
    return km->by_command;
}

/* Orders a binding against (table, command), ignoring its key. */
static int
compare_binding_command(const struct keymap_binding *b, const char *table, const char *command)
{
    int c = strcmp(b->table, table);

    return c != 0 ? c : strcmp(b->command, command);
}

size_t
keymap_keys_for(const struct keymap *km, const char *table, const char *command, key_code *keys,
                size_t max)
{
    size_t lo = 0, hi = km->count, found = 0;

    table = table_or_global(table);
    while (lo < hi) { /* the first binding not before (table, command) */
        size_t mid = lo + (hi - lo) / 2;
        if (compare_binding_command(&km->by_command[mid], table, command) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo;
         i < km->count && compare_binding_command(&km->by_command[i], table, command) == 0; i++) {
        if (found < max)
            keys[found] = km->by_command[i].key;
        found++;
    }
    return found;
}

const char *const *
keymap_tables(const struct keymap *km, size_t *count)
{
    *count = km->ntables;
    return km->tables;
}

/* --- The parser ---------------------------------------------------------------------------- */

struct parser {
    const char *file;      /* for error messages */
    int lineno;            /* 1-based; 0 while no line is being read */
    keymap_check_fn check; /* NULL: every table and command exists */
    void *ctx;
    struct keymap_errors *errs; /* NULL: errors are dropped */
    struct keymap_ops ops;
};

/* The table a statement is about, with the column of its word (0 when there is no -t). */
struct table_arg {
    char name[KEYMAP_MAX_LINE + 1];
    int col;
};

/* One word of a line: [start, end) as written, [vstart, vend) without its quotes. */
struct word {
    size_t start, end;
    size_t vstart, vend;
};

enum word_result {
    WORD_NONE, /* end of line or a comment */
    WORD_FOUND,
    WORD_BAD, /* reported already */
};

static void
errors_add(struct keymap_errors *errs, const char *file, int line, int col, const char *msg)
{
    errs->items = xgrow(errs->items, &errs->cap, errs->count + 1, sizeof *errs->items);
    diag_set(&errs->items[errs->count++], file, line, col, "%s", msg);
}

/* Makes msg (which vsnprintf may have cut inside a character) safe to show: what a message
 * quotes from a keys file never reaches the terminal raw, whatever the parser lets through. */
static void
clean_message(char *msg, size_t size)
{
    size_t n = strlen(msg), last = n;
    while (last > 0 && n - last < 4 && ((unsigned char)msg[last - 1] & 0xC0) == 0x80)
        last--; /* back to where the last character starts */
    if (last > 0 && u8_check((const uint8_t *)msg + last - 1, n - last + 1) != NULL)
        n = last - 1; /* a character vsnprintf cut: dropped, not shown as U+FFFD */
    char *clean = sanitize_text(msg, n, &n, NULL);
    if (n >= size) { /* the sanitiser's U+FFFD may have made it longer: cut between characters */
        n = size - 1;
        while (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(msg, clean, n);
    msg[n] = '\0';
    free(clean);
}

/* Records a problem with the current line; col 0 when no column applies. */
static void __attribute__((format(printf, 3, 4)))
report(struct parser *p, int col, const char *fmt, ...)
{
    struct keymap_errors *errs = p->errs;
    char msg[sizeof errs->items->msg];
    va_list ap;

    if (errs == NULL || errs->truncated)
        return;
    if (errs->count >= KEYMAP_MAX_ERRORS) {
        snprintf(msg, sizeof msg, _("more than %d errors; the rest are not listed"),
                 KEYMAP_MAX_ERRORS);
        errors_add(errs, p->file, p->lineno, 0, msg);
        errs->truncated = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    clean_message(msg, sizeof msg);
    errors_add(errs, p->file, p->lineno, col, msg);
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads the word at *pos of line (NUL-terminated), moving *pos past it. A word that opens
 * with a quote runs to the matching quote, blanks included. */
static enum word_result
next_word(struct parser *p, const char *line, size_t *pos, struct word *w)
{
    size_t i = *pos;

    while (is_blank(line[i]))
        i++;
    if (line[i] == '\0' || line[i] == '#')
        return WORD_NONE;
    *w = (struct word){.start = i, .vstart = i};
    if (line[i] == '"' || line[i] == '\'') {
        const char *close = strchr(line + i + 1, line[i]);
        if (close == NULL) {
            report(p, (int)i + 1, _("unterminated quote"));
            return WORD_BAD;
        }
        w->vstart = i + 1;
        w->vend = (size_t)(close - line);
        i = w->vend + 1;
    }
    while (line[i] != '\0' && !is_blank(line[i]))
        i++;
    w->end = *pos = i;
    /* Text glued after the closing quote makes the quotes part of the value. */
    if (w->vstart == w->start || w->vend + 1 != w->end) {
        w->vstart = w->start;
        w->vend = w->end;
    }
    return WORD_FOUND;
}

/* Copies the value of w into out, which has room for a whole line. */
static char *
word_value(const char *line, const struct word *w, char *out)
{
    memcpy(out, line + w->vstart, w->vend - w->vstart);
    out[w->vend - w->vstart] = '\0';
    return out;
}

/* Reads the KEY word of a statement. */
static bool
parse_key(struct parser *p, const char *line, size_t *pos, key_code *key)
{
    char name[KEYMAP_MAX_LINE + 1];
    struct word w;
    enum word_result r = next_word(p, line, pos, &w);

    if (r == WORD_NONE)
        report(p, 0, _("missing key"));
    if (r != WORD_FOUND)
        return false;
    *key = keyname_parse(word_value(line, &w, name));
    if (*key == KEYC_NONE) {
        report(p, (int)w.start + 1, _("unknown key name '%s'"), name);
        return false;
    }
    return true;
}

/* Whether name is a table name: [a-z0-9-]+. */
static bool
is_table_name(const char *name)
{
    if (name[0] == '\0')
        return false;
    for (const char *c = name; *c != '\0'; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            return false;
    return true;
}

/* Reads the optional `-t TABLE` after a keyword; without it, the table is the global one and
 * *pos stays where it was. */
static bool
parse_table(struct parser *p, const char *line, size_t *pos, struct table_arg *t)
{
    char word[KEYMAP_MAX_LINE + 1];
    size_t after = *pos;
    struct word w;
    enum word_result r = next_word(p, line, &after, &w);

    strcpy(t->name, KEYMAP_GLOBAL);
    t->col = 0;
    if (r == WORD_BAD)
        return false;
    if (r == WORD_NONE || strcmp(word_value(line, &w, word), "-t") != 0)
        return true; /* not an option: the caller reads it again */
    r = next_word(p, line, &after, &w);
    if (r == WORD_NONE)
        report(p, 0, _("missing table name"));
    if (r != WORD_FOUND)
        return false;
    word_value(line, &w, t->name);
    t->col = (int)w.start + 1;
    if (!is_table_name(t->name)) {
        report(p, t->col, _("bad table name '%s'"), t->name);
        return false;
    }
    *pos = after;
    return true;
}

/* Asks the check whether the table of an unbind or unbind-all -t exists. */
static bool
check_table(struct parser *p, const struct table_arg *t)
{
    if (t->col == 0 || p->check == NULL || p->check(t->name, NULL, p->ctx) != KEYMAP_NO_TABLE)
        return true;
    report(p, t->col, _("unknown key table '%s'"), t->name);
    return false;
}

/* Reads the COMMAND word of a bind statement into out, and checks it with its table. */
static bool
parse_command(struct parser *p, const char *line, size_t *pos, const struct table_arg *t, char *out)
{
    struct word w;
    enum word_result r = next_word(p, line, pos, &w);

    if (r == WORD_NONE)
        report(p, 0, _("missing command"));
    if (r != WORD_FOUND)
        return false;
    word_value(line, &w, out);
    switch (p->check != NULL ? p->check(t->name, out, p->ctx) : KEYMAP_OK) {
    case KEYMAP_OK:
        return true;
    case KEYMAP_NO_TABLE:
        report(p, t->col, _("unknown key table '%s'"), t->name);
        return false;
    case KEYMAP_NO_COMMAND:
        if (strcmp(t->name, KEYMAP_GLOBAL) == 0)
            report(p, (int)w.start + 1, _("unknown command '%s'"), out);
        else
            report(p, (int)w.start + 1, _("unknown command '%s' in table '%s'"), out, t->name);
        return false;
    }
    return false;
}

/* Reads ARGS: the rest of the line without comment and outer blanks, or the inside of its
 * quotes when it is a single quoted word. */
static bool
parse_args(struct parser *p, const char *line, size_t *pos, char *out)
{
    struct word first = {0}, last = {0}, w;
    size_t nwords = 0;
    enum word_result r;

    while ((r = next_word(p, line, pos, &w)) == WORD_FOUND) {
        if (nwords++ == 0)
            first = w;
        last = w;
    }
    if (r == WORD_BAD)
        return false;
    if (nwords != 1) {
        first.vstart = first.start;
        first.vend = last.end;
    }
    word_value(line, &first, out);
    return true;
}

/* Complains about anything after a statement that takes nothing more. */
static bool
parse_end(struct parser *p, const char *line, size_t *pos)
{
    char extra[KEYMAP_MAX_LINE + 1];
    struct word w;
    enum word_result r = next_word(p, line, pos, &w);

    if (r == WORD_FOUND)
        report(p, (int)w.start + 1, _("unexpected '%s'"), word_value(line, &w, extra));
    return r == WORD_NONE;
}

static void
parse_bind(struct parser *p, const char *line, size_t *pos)
{
    char command[KEYMAP_MAX_LINE + 1], args[KEYMAP_MAX_LINE + 1];
    struct table_arg table;
    key_code key;

    if (parse_table(p, line, pos, &table) && parse_key(p, line, pos, &key) &&
        parse_command(p, line, pos, &table, command) && parse_args(p, line, pos, args))
        ops_add(&p->ops, table.name, key, command, args);
}

static void
parse_unbind(struct parser *p, const char *line, size_t *pos)
{
    struct table_arg table;
    key_code key;

    if (parse_table(p, line, pos, &table) && check_table(p, &table) &&
        parse_key(p, line, pos, &key) && parse_end(p, line, pos))
        ops_add(&p->ops, table.name, key, NULL, NULL);
}

static void
parse_unbind_all(struct parser *p, const char *line, size_t *pos)
{
    struct table_arg table;

    if (!parse_table(p, line, pos, &table) || !check_table(p, &table) || !parse_end(p, line, pos))
        return;
    if (table.col == 0)
        ops_clear(&p->ops);
    else
        ops_clear_table(&p->ops, table.name);
}

/* One statement; line is NUL-terminated and already checked for length and encoding. */
static void
parse_statement(struct parser *p, const char *line)
{
    char keyword[KEYMAP_MAX_LINE + 1];
    size_t pos = 0;
    struct word w;

    if (next_word(p, line, &pos, &w) != WORD_FOUND)
        return;
    word_value(line, &w, keyword);
    if (strcmp(keyword, "bind") == 0)
        parse_bind(p, line, &pos);
    else if (strcmp(keyword, "unbind") == 0)
        parse_unbind(p, line, &pos);
    else if (strcmp(keyword, "unbind-all") == 0)
        parse_unbind_all(p, line, &pos);
    else
        report(p, (int)w.start + 1, _("unknown keyword '%s'"), keyword);
}

/* Where the first control, bidi or invisible character of s[0..n) (valid UTF-8) is, or n: such
 * characters could only be quoted into messages, where a terminal would act on them. */
static size_t
find_control(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        unsigned problem = sanitize_code_point(c);
        if (problem != 0 && problem != SANITIZE_UNPRINTABLE)
            return i;
        i += (size_t)len;
    }
    return n;
}

/* Checks one line (without its newline) as bytes, then parses it. */
static void
parse_line(struct parser *p, const char *s, size_t nbytes)
{
    char line[KEYMAP_MAX_LINE + 1];

    if (nbytes > KEYMAP_MAX_LINE) {
        report(p, 0, _("line longer than %d bytes"), KEYMAP_MAX_LINE);
        return;
    }
    const char *nul = memchr(s, '\0', nbytes);
    if (nul != NULL) {
        report(p, (int)(nul - s) + 1, _("NUL byte"));
        return;
    }
    const uint8_t *bad = u8_check((const uint8_t *)s, nbytes);
    if (bad != NULL) {
        report(p, (int)(bad - (const uint8_t *)s) + 1, _("invalid UTF-8"));
        return;
    }
    size_t at = find_control(s, nbytes);
    if (at < nbytes) {
        ucs4_t c;
        u8_mbtouc(&c, (const uint8_t *)s + at, nbytes - at);
        report(p, (int)at + 1, _("control character U+%04X"), (unsigned)c);
        return;
    }
    memcpy(line, s, nbytes);
    line[nbytes] = '\0';
    parse_statement(p, line);
}

/* Parses text line by line into p->ops. */
static void
parse_text(struct parser *p, const char *text, size_t nbytes)
{
    const char *end = text + nbytes;

    for (const char *s = text; s < end; p->lineno++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *eol = nl != NULL ? nl : end;
        size_t len = (size_t)(eol - s);
        if (len > 0 && s[len - 1] == '\r')
            len--; /* CRLF files */
        parse_line(p, s, len);
        s = nl != NULL ? nl + 1 : end;
    }
}

bool
keymap_load_string(struct keymap *km, const char *name, const char *text, size_t nbytes,
                   keymap_check_fn check, void *ctx, struct keymap_errors *errs)
{
    struct parser p = {name, 0, check, ctx, errs, {0}};

    if (nbytes > KEYMAP_MAX_FILE) {
        report(&p, 0, _("file larger than %u bytes"), KEYMAP_MAX_FILE);
        return false;
    }
    p.lineno = 1;
    parse_text(&p, text, nbytes);
    keymap_apply(km, &p.ops);
    return true;
}

/* Reads at most KEYMAP_MAX_FILE + 1 bytes of f, so that a huge file costs little. */
static char *
read_capped(FILE *f, size_t *nbytes)
{
    size_t cap = 0, len = 0;
    char *buf = NULL;

    for (;;) {
        buf = xgrow(buf, &cap, len + 65536, 1);
        size_t want = cap - len;
        if (want > KEYMAP_MAX_FILE + 1 - len)
            want = KEYMAP_MAX_FILE + 1 - len;
        size_t n = fread(buf + len, 1, want, f);
        len += n;
        if (n == 0 || len > KEYMAP_MAX_FILE)
            break;
    }
    *nbytes = len;
    return buf;
}

/* Reads the file at path, or reports why not (with p->lineno 0). */
static char *
read_keymap_file(struct parser *p, const char *path, size_t *nbytes)
{
    struct diag why = {0};
    FILE *f = regfile_fopen(path, &why);

    if (f == NULL) {
        report(p, 0, "%s", why.msg);
        return NULL;
    }
    char *text = read_capped(f, nbytes);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(text);
        report(p, 0, _("read error"));
        return NULL;
    }
    return text;
}

bool
keymap_load_file(struct keymap *km, const char *path, keymap_check_fn check, void *ctx,
                 struct keymap_errors *errs)
{
    struct parser p = {path, 0, check, ctx, errs, {0}};
    size_t nbytes;
    char *text = read_keymap_file(&p, path, &nbytes);

    if (text == NULL)
        return false;
    bool ok = keymap_load_string(km, path, text, nbytes, check, ctx, errs);
    free(text);
    return ok;
}
