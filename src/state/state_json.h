/* The two state files as JSON (formats in state.h): reading with full validation, writing.
 * For state/ only; the only part of state/ that knows cJSON. */
#ifndef NDVR_STATE_JSON_H
#define NDVR_STATE_JSON_H

#include <stddef.h>

#include "state/model.h"
#include "util/diag.h"

enum state_json_result {
    STATE_JSON_OK,       /* read as it is */
    STATE_JSON_SALVAGED, /* read, but some entries were fixed or dropped: d says the first */
    STATE_JSON_CORRUPT,  /* nothing usable: d says why (file:line:col for syntax errors) */
    STATE_JSON_NEWER,    /* a version this ndvr does not know: leave it alone */
};

/* Reads text[0..nbytes) (text[nbytes] must be '\0') of the file path into *out, which must
 * be empty. *out holds whatever was usable, also when the result is not OK; d is filled for
 * every result but OK, with path as its file. */
enum state_json_result state_json_read_bookmarks(const char *path, const char *text, size_t nbytes,
                                                 struct bookmark_list *out, struct diag *d);
enum state_json_result state_json_read_session(const char *path, const char *text, size_t nbytes,
                                               struct session *out, struct diag *d);

/* The file's text, newly allocated (caller frees), ending in a newline; *nbytes its length.
 * NULL when out of memory inside cJSON. */
char *state_json_write_bookmarks(const struct bookmark_list *l, size_t *nbytes);
char *state_json_write_session(const struct session *s, size_t *nbytes);

#endif
