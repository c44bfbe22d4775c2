/* Loading report trees (man/ndvr-tree.5) from JSON files into a corpus, with validation.
 *
 * Every function returns true and sets *corpus to a new corpus the caller frees with
 * corpus_free(), or returns false, sets *corpus to NULL and fills d with the first problem as
 * `file:line:col: message` (line and col 1-based, col in bytes). Nothing is printed. */
#ifndef NDVR_CORPUS_LOAD_H
#define NDVR_CORPUS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "util/diag.h"

#define CORPUS_MAX_FILE_BYTES (32u * 1024u * 1024u)
#define CORPUS_MAX_DEPTH 64  /* JSON nesting; a node level takes two (object + children) */

/* Caps against hostile input. */
struct corpus_limits {
    size_t max_file_bytes;  /* a larger file is an error */
    int max_depth;          /* deeper JSON nesting is an error (at most 1000, cJSON's own) */
};

#define CORPUS_LIMITS_DEFAULT {CORPUS_MAX_FILE_BYTES, CORPUS_MAX_DEPTH}

/* One JSON text in memory (borrowed). */
struct corpus_source {
    const char *name;  /* used in diagnostics */
    const char *data;  /* need not be NUL-terminated */
    size_t nbytes;
};

/* Every `*.json` in dir (names starting with '.' skipped), in byte order of their names. */
bool corpus_load_dir(const char *dir, struct corpus **corpus, struct diag *d);
/* The files in the given order. */
bool corpus_load_files(const char *const *paths, size_t npaths, struct corpus **corpus,
                       struct diag *d);
/* The same with explicit limits (NULL means CORPUS_LIMITS_DEFAULT). */
bool corpus_load_files_limited(const char *const *paths, size_t npaths,
                               const struct corpus_limits *limits, struct corpus **corpus,
                               struct diag *d);
/* Texts already in memory: for tests and fuzzing. */
bool corpus_load_sources(const struct corpus_source *sources, size_t nsources,
                         const struct corpus_limits *limits, struct corpus **corpus,
                         struct diag *d);

#endif
