/* The state's records in memory: the bookmark list and the session (last positions and
 * history), with the rules every entry obeys wherever it comes from (the file or the user).
 * For state/ only; state.h is the public face.
 *
 * Ownership: a list owns its entries and their strings; functions that take a `char *`
 * say so, every `const char *` is copied. */
#ifndef NDVR_STATE_MODEL_H
#define NDVR_STATE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "state/state.h"

#define MODEL_TIME_SIZE 24            /* "2025-05-01T10:00:00Z" and its NUL, with room to spare */
#define MODEL_OFFSET_MAX (1ull << 53) /* exact in a JSON number */

struct bookmark_list {
    struct bookmark *v; /* in creation order */
    size_t n, cap;
    unsigned long long next_id; /* the id the next bookmark gets; at least 1 */
};

struct last_pos {
    char *document; /* the document's address */
    struct state_pos pos;
    char time[MODEL_TIME_SIZE]; /* ISO 8601 UTC, "" when unknown */
    bool touched;               /* set by this process since the last save */
};

struct session {
    struct last_pos *last; /* least recently read first */
    size_t nlast, caplast;
    struct state_pos *history; /* oldest first, at most STATE_HISTORY_MAX */
    size_t nhistory, caphistory;
};

void bookmarks_free(struct bookmark_list *l);
/* Appends a bookmark; takes ownership of the four strings. */
struct bookmark *bookmarks_append(struct bookmark_list *l, char *id, char *name, char *address,
                                  size_t offset, char *created);
/* The index of the bookmark with this id, or l->n. */
size_t bookmarks_index(const struct bookmark_list *l, const char *id);
void bookmarks_remove(struct bookmark_list *l, size_t i);
/* Frees *dst and moves src into it; src is left empty. */
void bookmarks_move(struct bookmark_list *dst, struct bookmark_list *src);

void session_free(struct session *s);
/* Sets document's last position (time "" when unknown), moving it to the most recent end;
 * the least recent entry goes beyond STATE_LAST_MAX. */
void session_set_last(struct session *s, const char *document, const char *address, size_t offset,
                      const char *time, bool touched);
/* The index of document's entry, or s->nlast. */
size_t session_find_last(const struct session *s, const char *document);
/* Orders the last positions by time, oldest first (entries of equal time keep their order). */
void session_sort_last(struct session *s);
/* Appends to the history, dropping the oldest beyond STATE_HISTORY_MAX. */
void session_push(struct session *s, const char *address, size_t offset);
void session_move(struct session *dst, struct session *src);

/* A name made fit to keep from s[0..nbytes): sanitised (text/sanitize.h), tabs and line breaks
 * turned into spaces, cut to STATE_NAME_MAX bytes at a character boundary. Newly allocated.
 * *why gets what was wrong ("is not valid UTF-8"), or NULL when the name is unchanged. */
char *model_clean_name(const char *s, size_t nbytes, const char **why);
/* Whether s can be kept as an address: 1 to STATE_ADDRESS_MAX bytes of clean UTF-8 without
 * control characters, tabs or line breaks. */
bool model_address_ok(const char *s);
/* Whether s is a time as this module writes it: YYYY-MM-DDTHH:MM:SSZ. */
bool model_time_ok(const char *s);
/* The current time as YYYY-MM-DDTHH:MM:SSZ. */
void model_now(char buf[MODEL_TIME_SIZE]);

#endif
