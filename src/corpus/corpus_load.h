/* Loading report trees (man/ndvr-tree.5) from JSON files into a corpus, with validation.
 *
 * Problems come in two kinds. Errors are structural (syntax, shape, a missing or wrong-typed
 * member, an unknown kind, a duplicate address, an unresolved reference, at/len outside the
 * text or off character boundaries, nesting, size, an unreadable file): the files cannot be
 * read as a corpus. Warnings are about content: a string holding invalid UTF-8, control
 * characters (raw or escaped, \u0000 too), bidi controls, invisible format characters or code
 * points a terminal cannot measure; and cheap semantic checks (expert sessions 1 to 3, iso3
 * codes, response dates, a reference's kind against its target's). Every string is passed
 * through sanitize_text() once, at load, so the model holds only sanitised text whatever the
 * file held; a reference's at/len is checked against the string as the file has it and then
 * carried over to the sanitised one. A \u0000 is dropped like any other control character
 * (the rest of the string is kept, although cJSON would cut it there).
 *
 * Every problem is positioned as `file:line:col: message` (line and col 1-based, col in bytes;
 * a problem about a whole file, such as one that cannot be opened, has neither). The load goes
 * on past problems, so that all of them can be listed: past every problem inside a file, except
 * after a JSON syntax error, nesting too deep or a wrong format or version, where it goes on to
 * the next file. At most CORPUS_MAX_PROBLEMS errors and as many warnings are listed per file,
 * then one line saying how many more there were. Messages hold only sanitised text. Nothing is
 * printed.
 *
 * The functions without a mode (corpus_load_dir() ...) load in CORPUS_LOAD_READ mode and drop
 * the warnings. Each returns true and sets *corpus to a new corpus the caller frees with
 * corpus_free(), or returns false, sets *corpus to NULL and fills d (when not NULL) with the
 * first problem. */
#ifndef NDVR_CORPUS_LOAD_H
#define NDVR_CORPUS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "util/diag.h"

#define CORPUS_MAX_FILE_BYTES (32u * 1024u * 1024u)
#define CORPUS_MAX_DEPTH 64     /* JSON nesting; a node level takes two (object + children) */
#define CORPUS_MAX_PROBLEMS 100 /* errors, and warnings, listed per file */

/* Caps against hostile input. */
struct corpus_limits {
    size_t max_file_bytes; /* a larger file is an error */
    int max_depth;         /* deeper JSON nesting is an error (at most 1000, cJSON's own) */
};

#define CORPUS_LIMITS_DEFAULT                                                                      \
    {                                                                                              \
        CORPUS_MAX_FILE_BYTES, CORPUS_MAX_DEPTH                                                    \
    }

/* One JSON text in memory (borrowed). */
struct corpus_source {
    const char *name; /* used in diagnostics */
    const char *data; /* need not be NUL-terminated */
    size_t nbytes;
};

/* Every `*.json` in dir (names starting with '.' skipped), in byte order of their names. */
bool corpus_load_dir(const char *dir, struct corpus **corpus, struct diag *d);
/* The paths of the files corpus_load_dir() would load, in that order (dir + "/" + name), in a
 * new array of new strings: the caller frees each and the array. NULL with d filled when dir
 * cannot be read. */
char **corpus_list_dir(const char *dir, size_t *count, struct diag *d);
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

/* --- Load modes and the list of problems -------------------------------------------- */

enum corpus_load_mode {
    /* What every command uses: errors fail the load, warnings do not (the text is sanitised
     * and the warning listed). */
    CORPUS_LOAD_READ,
    /* For `ndvr check`: every problem, warnings included, fails the load and is listed. */
    CORPUS_LOAD_STRICT,
};

struct corpus_load_options {
    enum corpus_load_mode mode;
    struct corpus_limits limits;
};

#define CORPUS_LOAD_OPTIONS_READ                                                                   \
    {                                                                                              \
        CORPUS_LOAD_READ, CORPUS_LIMITS_DEFAULT                                                    \
    }
#define CORPUS_LOAD_OPTIONS_STRICT                                                                 \
    {                                                                                              \
        CORPUS_LOAD_STRICT, CORPUS_LIMITS_DEFAULT                                                  \
    }

/* The problems of one load, in file order (the files in the order they were given, then by
 * position; a problem about a whole file comes last in that file). Filled by the *_report
 * functions; the caller owns the array and frees it with corpus_report_free(). */
struct corpus_report {
    struct diag *v;
    size_t n;
    size_t nfiles; /* files the load read or tried to read */
};

/* Frees the array and empties the report; a zeroed report is fine. */
void corpus_report_free(struct corpus_report *report);

/* The loads above with a mode, filling *report (when not NULL; it is overwritten, not freed).
 * CORPUS_LOAD_READ: on success the report lists the warnings; on failure it is empty and d
 * holds the first error. CORPUS_LOAD_STRICT: succeeds only when there is no problem at all;
 * on failure the report lists every problem, and d holds the first. NULL options mean
 * CORPUS_LOAD_OPTIONS_READ. */
bool corpus_load_dir_report(const char *dir, const struct corpus_load_options *options,
                            struct corpus **corpus, struct corpus_report *report, struct diag *d);
/* The files of several directories loaded as one corpus, as if they were in one: each dir's
 * files in turn (the bundled corpus, then the user's), so that references between them
 * resolve and their countries merge. A dir that cannot be read fails the load before any file;
 * so do dirs without any file. (In every load, a document that an earlier file holds already
 * is an error at the repeat's address naming the earlier file.) */
bool corpus_load_dirs_report(const char *const *dirs, size_t ndirs,
                             const struct corpus_load_options *options, struct corpus **corpus,
                             struct corpus_report *report, struct diag *d);
bool corpus_load_files_report(const char *const *paths, size_t npaths,
                              const struct corpus_load_options *options, struct corpus **corpus,
                              struct corpus_report *report, struct diag *d);
bool corpus_load_sources_report(const struct corpus_source *sources, size_t nsources,
                                const struct corpus_load_options *options, struct corpus **corpus,
                                struct corpus_report *report, struct diag *d);

#endif
