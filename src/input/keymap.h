/* Key bindings: named key tables, each a map from key_code to a command name and its argument
 * string, read from keymap files such as keymaps/default.keys. Like tmux's `bind -T`, a table
 * belongs to a view (say "outline"); the table "global" (KEYMAP_GLOBAL) is the one statements
 * use when they name none. Lookups are per table, with no fallback: the caller searches its
 * tables in its own order.
 *
 * File format, one statement per line (`#` starts a comment where a word could start; blank
 * lines are ignored; words are separated by spaces or tabs):
 *     bind [-t TABLE] KEY COMMAND [ARGS...]
 *                            binds KEY in TABLE; later bindings of the same key in the same
 *                            table replace earlier ones
 *     unbind [-t TABLE] KEY  unbinding a key that is not bound is not an error
 *     unbind-all [-t TABLE]  without -t, forgets every binding of every table made so far,
 *                            earlier files included; with -t, only the bindings of TABLE
 * Without `-t TABLE` the table is "global". TABLE is one word of [a-z0-9-]+ (the word's value:
 * it may be quoted like any word, as in `-t 'outline'`); `-t` must come right after the
 * keyword. KEY is a key name (see keyname.h). ARGS is the rest of the line, trimmed, comment
 * removed; when it is one quoted word ("..." or '...', no escapes) the quotes are removed, so
 * that it can begin or end with spaces. Any word may be quoted, which is how `bind '#' ...`
 * works. There are no prefix keys: each binding is one key.
 *
 * The loader's keymap_check_fn decides which tables and commands exist. It is called once for
 * each bind, with the table ("global" when there is no -t) and COMMAND, as soon as COMMAND has
 * been read; and once for each unbind or unbind-all that has -t, with the table and a NULL
 * command ("just check the table"), as soon as TABLE has been read.
 *
 * Problems are reported, never printed: each bad line is skipped and described by one
 * struct diag in the caller's keymap_errors (file, 1-based line, and the 1-based byte column
 * of the offending word or byte, or col 0 when something is missing or the whole line is at
 * fault). Problems with the file as a whole have line 0. The messages about tables are
 *     bad table name 'X'               TABLE is not [a-z0-9-]+ (at TABLE)
 *     missing table name               `-t` ends the line (col 0)
 *     unknown key table 'X'            the check said KEYMAP_NO_TABLE (at TABLE; col 0 when
 *                                      the table is the implicit "global")
 *     unknown command 'X' in table 'T' the check said KEYMAP_NO_COMMAND (at COMMAND); in the
 *                                      global table just `unknown command 'X'`
 *
 * The keymap owns its bindings and their strings. Pointers it hands out stay valid until the
 * keymap is next changed or freed.
 */
#ifndef NDVR_KEYMAP_H
#define NDVR_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "input/keyname.h"
#include "util/diag.h"

#define KEYMAP_MAX_LINE 1024            /* bytes per line, without the newline */
#define KEYMAP_MAX_FILE (1024u * 1024u) /* bytes per file */
#define KEYMAP_MAX_ERRORS 200           /* listed per keymap_errors; then one more says so */

#define KEYMAP_GLOBAL "global" /* the table of statements without -t */

struct keymap_binding {
    char *table; /* the table the key is bound in */
    key_code key;
    char *command; /* a name the check callback accepted for that table */
    char *args;    /* "" when the binding has none */
};

/* Errors found while loading, in the order found. The caller owns it: start from
 * KEYMAP_ERRORS_INIT, pass it to any number of loads, end with keymap_errors_fini(). */
struct keymap_errors {
    struct diag *items;
    size_t count;
    size_t cap;
    bool truncated; /* there were more than KEYMAP_MAX_ERRORS; the last item says so */
};

/* clang-format off */
#define KEYMAP_ERRORS_INIT {NULL, 0, 0, false}
/* clang-format on */

/* Frees the items and empties the list. */
void keymap_errors_fini(struct keymap_errors *errs);

/* What a keymap_check_fn says of a table and a command. */
enum keymap_check {
    KEYMAP_OK,
    KEYMAP_NO_TABLE,   /* there is no such key table */
    KEYMAP_NO_COMMAND, /* the table exists, but the command is not one it may bind */
};

/* Says whether the key table exists and, when command is not NULL, whether that command may be
 * bound in it; command NULL means "just check the table". Tables and commands live outside this
 * module. */
typedef enum keymap_check (*keymap_check_fn)(const char *table, const char *command, void *ctx);

/* An empty keymap the caller owns. */
struct keymap *keymap_new(void);
/* Frees km and its bindings; NULL is a no-op. */
void keymap_free(struct keymap *km);

/* In the functions below, a NULL table means KEYMAP_GLOBAL. Tables given here are not checked
 * against anything. */

/* Binds key in table to command with args (NULL for none); copies the strings. */
void keymap_bind(struct keymap *km, const char *table, key_code key, const char *command,
                 const char *args);
/* Removes the binding of key in table; false when it had none. */
bool keymap_unbind(struct keymap *km, const char *table, key_code key);
/* Removes every binding of every table. */
void keymap_unbind_all(struct keymap *km);
/* Removes every binding of one table. */
void keymap_unbind_table(struct keymap *km, const char *table);

/* Applies the statements of the file at path. Bad lines are skipped and added to errs (which
 * may be NULL to ignore them); past KEYMAP_MAX_ERRORS the good lines still apply. Returns false,
 * with one error, when the file could not be read or is larger than KEYMAP_MAX_FILE; the keymap
 * is then unchanged. check may be NULL to accept every table and command. */
bool keymap_load_file(struct keymap *km, const char *path, keymap_check_fn check, void *ctx,
                      struct keymap_errors *errs);
/* The same for nbytes of text (NUL bytes included) that errors call `name`. */
bool keymap_load_string(struct keymap *km, const char *name, const char *text, size_t nbytes,
                        keymap_check_fn check, void *ctx, struct keymap_errors *errs);

/* The binding of key in exactly that table, or NULL. There is no fallback to another table:
 * the caller searches its tables in order. O(log n). */
const struct keymap_binding *keymap_lookup(const struct keymap *km, const char *table,
                                           key_code key);
/* Every binding, sorted by table, then command name, then key (keyname_compare), for the help
 * screen; *count gets their number. */
const struct keymap_binding *keymap_bindings(const struct keymap *km, size_t *count);
/* Stores into keys[] at most max of the keys bound to command in exactly that table, in
 * keyname_compare order; returns how many keys are bound to it there (which may be more than
 * max). */
size_t keymap_keys_for(const struct keymap *km, const char *table, const char *command,
                       key_code *keys, size_t max);
/* The names of the tables that have at least one binding, sorted (strcmp); *count gets their
 * number. The array and the names belong to the keymap. */
const char *const *keymap_tables(const struct keymap *km, size_t *count);

#endif
