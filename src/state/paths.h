/* Where the reading state lives: $XDG_STATE_HOME/ndvr, else $HOME/.local/state/ndvr; and the
 * user's other files (key bindings, imported report trees), each by the XDG rules.
 *
 * Nothing here creates anything until state_dir_create() is called (the first save). Errors
 * come back as a struct diag whose message reads like `cannot create /x/y: Read-only file
 * system`; the file member is left empty. */
#ifndef NDVR_STATE_PATHS_H
#define NDVR_STATE_PATHS_H

#include <stdbool.h>

#include "util/diag.h"

/* The default state directory, newly allocated (caller frees). $XDG_STATE_HOME counts only
 * when it is an absolute path (as the XDG base directory specification says). $HOME must be
 * an absolute path to an existing directory: a missing home is never created. Returns NULL
 * and fills d when there is no usable directory. */
char *state_dir_default(struct diag *d);

/* Whether dir could be written: it is a writable directory, or the nearest existing ancestor
 * is one (so that state_dir_create() can make the rest). False with d filled otherwise. */
bool state_dir_check(const char *dir, struct diag *d);

/* Creates dir and its missing parents with mode 0700 (an existing directory is fine). */
bool state_dir_create(const char *dir, struct diag *d);

/* The user's key bindings: $XDG_CONFIG_HOME/ndvr/keys ($XDG_CONFIG_HOME only when absolute),
 * else $HOME/.config/ndvr/keys; NULL when neither is an absolute path. Caller frees. */
char *config_keys_path(void);

/* The user's corpus, where `ndvr import` puts report trees: $XDG_DATA_HOME/ndvr/corpus
 * ($XDG_DATA_HOME only when absolute), else $HOME/.local/share/ndvr/corpus; NULL when neither
 * is an absolute path. Nothing is created or checked. Caller frees. */
char *data_corpus_dir(void);

/* Where ndvr keeps what it can make again (corpus images): $XDG_CACHE_HOME/ndvr
 * ($XDG_CACHE_HOME only when absolute), else $HOME/.cache/ndvr; NULL when neither is an
 * absolute path. Nothing is created or checked. Caller frees. */
char *cache_dir_default(void);

/* dir + "/" + name, newly allocated (caller frees). */
char *state_path(const char *dir, const char *name);

#endif
