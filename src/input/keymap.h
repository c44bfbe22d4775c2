/* Key bindings: a table from key_code to a command name and its argument string, read from
 * keymap files such as keymaps/default.keys.
 *
 * File format, one statement per line (`#` starts a comment where a word could start; blank
 * lines are ignored; words are separated by spaces or tabs):
 *     bind KEY COMMAND [ARGS...]    later bindings of the same key replace earlier ones
 *     unbind KEY                    unbinding a key that is not bound is not an error
 *     unbind-all                    forgets every binding made so far, earlier files included
 * KEY is a key name (see keyname.h). ARGS is the rest of the line, trimmed, comment removed;
 * when it is one quoted word ("..." or '...', no escapes) the quotes are removed, so that it
 * can begin or end with spaces. Any word may be quoted, which is how `bind '#' ...` works.
 * There are no prefix keys: each binding is one key.
 *
 * Problems are reported, never printed: each bad line is skipped and described by one
 * struct diag in the caller's keymap_errors (file, 1-based line, and the 1-based byte column
 * of the offending word or byte, or col 0 when something is missing or the whole line is at
 * fault). Problems with the file as a whole have line 0.
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

#define KEYMAP_MAX_LINE 1024                 /* bytes per line, without the newline */
#define KEYMAP_MAX_FILE (1024u * 1024u)      /* bytes per file */
#define KEYMAP_MAX_ERRORS 200                /* listed per keymap_errors; then one more says so */

struct keymap_binding {
    key_code key;
    char *command;  /* a name the is_command callback accepted */
    char *args;     /* "" when the binding has none */
};

/* Errors found while loading, in the order found. The caller owns it: start from
 * KEYMAP_ERRORS_INIT, pass it to any number of loads, end with keymap_errors_fini(). */
struct keymap_errors {
    struct diag *items;
    size_t count;
    size_t cap;
    bool truncated;  /* there were more than KEYMAP_MAX_ERRORS; the last item says so */
};

#define KEYMAP_ERRORS_INIT {NULL, 0, 0, false}

/* Frees the items and empties the list. */
void keymap_errors_fini(struct keymap_errors *errs);

/* Says whether a command of that name exists; the command table lives outside this module. */
typedef bool (*keymap_is_command_fn)(const char *name, void *ctx);

/* An empty keymap the caller owns. */
struct keymap *keymap_new(void);
/* Frees km and its bindings; NULL is a no-op. */
void keymap_free(struct keymap *km);

/* Binds key to command with args (NULL for none); copies both strings. */
void keymap_bind(struct keymap *km, key_code key, const char *command, const char *args);
/* Removes the binding of key; false when it had none. */
bool keymap_unbind(struct keymap *km, key_code key);
void keymap_unbind_all(struct keymap *km);

/* Applies the statements of the file at path. Bad lines are skipped and added to errs (which
 * may be NULL to ignore them); past KEYMAP_MAX_ERRORS the good lines still apply. Returns false,
 * with one error, when the file could not be read or is larger than KEYMAP_MAX_FILE; the keymap
 * is then unchanged. is_command may be NULL to accept every command name. */
bool keymap_load_file(struct keymap *km, const char *path, keymap_is_command_fn is_command,
                      void *ctx, struct keymap_errors *errs);
/* The same for nbytes of text (NUL bytes included) that errors call `name`. */
bool keymap_load_string(struct keymap *km, const char *name, const char *text, size_t nbytes,
                        keymap_is_command_fn is_command, void *ctx, struct keymap_errors *errs);

/* The binding of key, or NULL when it is unbound. */
const struct keymap_binding *keymap_lookup(const struct keymap *km, key_code key);
/* Every binding, sorted by command name and then by key (keyname_compare), for the help
 * screen; *count gets their number. */
const struct keymap_binding *keymap_bindings(const struct keymap *km, size_t *count);
/* Stores into keys[] at most max of the keys bound to command, in keyname_compare order;
 * returns how many keys are bound to it (which may be more than max). */
size_t keymap_keys_for(const struct keymap *km, const char *command, key_code *keys, size_t max);

#endif
