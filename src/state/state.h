/* The reading state kept across runs: bookmarks, the last position in each document and the
 * navigation history, in the state directory (state/paths.h: $XDG_STATE_HOME/ndvr, else
 * ~/.local/state/ndvr).
 *
 * Positions. A position is a node address plus a byte offset into that node's own text, so it
 * survives a new corpus version and any terminal width. An address that is no longer in the
 * corpus is kept (a bookmark is then shown as stale: state_bookmark_is_stale()), never
 * dropped.
 *
 * Files, in the state directory:
 *   bookmarks.json  {"format": "ndvr-bookmarks", "version": 1, "next_id": 4,
 *                    "bookmarks": [{"id": "3", "name": "…", "address": "A/74/90#p12",
 *                                   "offset": 42, "created": "2025-05-01T10:00:00Z"}, …]}
 *                   in creation order; ids are decimal strings never reused while the file
 *                   lives (next_id is the next one to hand out).
 *   session.json    {"format": "ndvr-session", "version": 1,
 *                    "last": {"A/74/90": {"address": "A/74/90#p12", "offset": 42,
 *                                         "time": "2025-05-01T10:00:00Z"}, …},
 *                    "history": [{"address": "A/74/90#p3", "offset": 0}, …]}
 *                   "last" is keyed by document address, least recently read first;
 *                   "history" is oldest first, at most STATE_HISTORY_MAX entries.
 *   state.lock      empty; flock()ed by every writer (state/atomic.h).
 * Times are ISO 8601 UTC; offsets are integers in [0, 2^53]. Unknown members are ignored.
 *
 * Validation. A file over STATE_FILE_MAX_BYTES, empty, unreadable, not a regular file, not
 * JSON, or not of the right format is corrupt: it is renamed to NAME.corrupt-YYYYMMDDTHHMMSS
 * (UTC; then -1, -2 … when that exists) with a warning, and the state starts without it. A
 * file that is usable but has bad entries (wrong types, invalid UTF-8, control characters,
 * over-long names, duplicate ids …) is salvaged: the original is renamed aside the same way,
 * names are sanitised (invalid UTF-8 becomes U+FFFD, control characters are dropped, tabs and
 * line breaks become spaces, cut to STATE_NAME_MAX bytes), entries whose address is unusable
 * are dropped, and the cleaned version is written back. A file of a newer version is left
 * alone and not written. Leftover temporary files of killed writers are removed.
 *
 * Concurrency. Every change is a transaction under the lock: re-read the file, apply the
 * change, write atomically, unlock. So two ndvr processes never lose each other's bookmarks,
 * and session saves merge (positions of documents this process did not set are kept from the
 * file, for a document both set the later save wins; this process's new history entries are
 * appended to the file's). A writer killed at any moment leaves the old or the new file.
 *
 * Ownership. struct state owns everything it hands out: the bookmark array, state_pos and
 * strings stay valid until the next call that changes the state (add, rename, delete, reload,
 * set_last, history_push, save) or state_close(). Strings passed in are copied. Nothing here
 * prints; problems are struct diag. None of it is async-signal-safe: on SIGHUP or SIGTERM the
 * handler sets a flag and the main loop calls state_save_session(). */
#ifndef NDVR_STATE_H
#define NDVR_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "util/diag.h"

#define STATE_HISTORY_MAX 200                   /* entries of history kept */
#define STATE_LAST_MAX 100                      /* documents whose last position is kept */
#define STATE_NAME_MAX 200                      /* bytes of a bookmark's name */
#define STATE_ADDRESS_MAX 1024                  /* bytes of an address */
#define STATE_FILE_MAX_BYTES (4u * 1024 * 1024) /* a larger state file is corrupt */

struct state_pos {
    char *address;
    size_t offset; /* bytes into the node's own text */
};

struct bookmark {
    char *id;   /* decimal, unique in the file */
    char *name; /* clean UTF-8, at most STATE_NAME_MAX bytes, no control characters */
    char *address;
    size_t offset; /* bytes into the node's own text */
    char *created; /* ISO 8601 UTC ("2025-05-01T10:00:00Z"), "" when unknown */
};

/* Problems found while opening or changing the state, to show the user. */
struct state_warnings {
    struct diag *v;
    size_t n, cap;
};

/* Frees the array and empties the list; a zeroed list is fine. */
void state_warnings_free(struct state_warnings *w);

struct state;

/* Opens the state in dir (NULL: the default directory) and loads both files. Never fails:
 * problems are appended to *w (which may be NULL): file:line:col for a JSON syntax error,
 * `moved aside to NAME` for a corrupt file, `cannot save: …` when the directory cannot be
 * made or written, in which case state_can_save() is false, everything works in memory,
 * and every save fails with that reason. Nothing is created until the first save. */
struct state *state_open(const char *dir, struct state_warnings *w);
/* Frees st; NULL is a no-op. Saves nothing: call state_save_session() first. */
void state_close(struct state *st);

/* Whether saves can work; when not, *why (may be NULL) gets the reason. */
bool state_can_save(const struct state *st, struct diag *why);
/* The state directory, or NULL when there is none (no usable HOME). */
const char *state_dir(const struct state *st);
/* Appends the warnings that transactions met since the last call (a corrupt file found and
 * moved aside by another process's damage, say) to *w, and forgets them. */
void state_take_warnings(struct state *st, struct state_warnings *w);

/* --- Bookmarks: each change is a transaction (see above) ------------------------------ */

/* The bookmarks in creation order, as of the last transaction or reload. */
const struct bookmark *state_bookmarks(const struct state *st, size_t *count);
/* The bookmark with this id, or NULL. */
const struct bookmark *state_bookmark_find(const struct state *st, const char *id);
/* Adds a bookmark at address/offset named name (NULL or "": the address; sanitised and cut
 * like names read from the file). Returns the new bookmark, or NULL with d filled. */
const struct bookmark *state_bookmark_add(struct state *st, const char *name, const char *address,
                                          size_t offset, struct diag *d);
/* Renames (name as for add) / deletes the bookmark with this id; false with d filled, also
 * when no bookmark has the id (any more: another process may have deleted it). */
bool state_bookmark_rename(struct state *st, const char *id, const char *name, struct diag *d);
bool state_bookmark_delete(struct state *st, const char *id, struct diag *d);
/* Re-reads bookmarks.json, to see other processes' changes. */
bool state_bookmarks_reload(struct state *st, struct diag *d);
/* True when the bookmark's address is not in corpus. */
bool state_bookmark_is_stale(const struct bookmark *b, const struct corpus *corpus);

/* --- Session: in memory until state_save_session() ------------------------------------- */

/* Records the position read last in the document with address document. */
void state_set_last(struct state *st, const char *document, const char *address, size_t offset);
/* The last position in document, or NULL when none. */
const struct state_pos *state_last(const struct state *st, const char *document);
/* The document read most recently, or NULL when none. */
const char *state_last_document(const struct state *st);
/* Appends a position to the history (not when it equals the newest entry); the oldest entries
 * go beyond STATE_HISTORY_MAX. */
void state_history_push(struct state *st, const char *address, size_t offset);
/* The history, oldest first. */
const struct state_pos *state_history(const struct state *st, size_t *count);
/* Writes session.json, merged with what is on disk (see above). False with d filled when it
 * cannot (then nothing on disk changed). */
bool state_save_session(struct state *st, struct diag *d);

#endif
