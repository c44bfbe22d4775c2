/* Choosing the corpus image to map, and writing one for the next run. */
#include "state/image_cache.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_image.h"
#include "search/search.h"
#include "state/atomic.h"
#include "state/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const struct corpus_load_options read_options = CORPUS_LOAD_OPTIONS_READ;

/* FNV-1a over the bytes and their NUL, a hash that never changes: a new key would leave the
 * old images behind. */
static uint64_t
key_add(uint64_t key, const char *s)
{
    for (size_t i = 0, n = strlen(s) + 1; i < n; i++)
        key = (key ^ (unsigned char)s[i]) * 1099511628211u;
    return key;
}

char *
image_cache_path(const char *cache_dir, const char *const *dirs, size_t ndirs)
{
    uint64_t key = 14695981039346656037u;
    for (size_t i = 0; i < ndirs; i++) {
        char *real = realpath(dirs[i], NULL); /* any spelling of a dir is one corpus */
        key = key_add(key, real ? real : dirs[i]);
        free(real);
    }
    return xasprintf("%s/corpus-%016" PRIx64 ".img", cache_dir, key);
}

/* Puts d before the report's warnings: what is said about images comes first. */
static void
report_prepend(struct corpus_report *report, const struct diag *d)
{
    report->v = xrealloc(report->v, (report->n + 1) * sizeof *report->v);
    memmove(report->v + 1, report->v, report->n * sizeof *report->v);
    report->v[0] = *d;
    report->n++;
}

/* --- Writing ------------------------------------------------------------------------------ */

/* The search keys the image carries, so that no run folds the corpus again: those of the
 * image the corpus came from, else folded now. */
static void
search_keys(const struct corpus *corpus, struct strbuf *keys)
{
    size_t n;
    const void *carried = corpus_attachment(corpus, &n);
    if (carried != NULL) {
        sb_append(keys, carried, n);
        return;
    }
    struct search_index *index = search_index_new(corpus);
    search_keys_serialize(index, keys);
    search_index_free(index);
}

/* The image of a corpus loaded from sources (hashed), written to path. */
static bool
write_image(const char *path, const struct corpus *corpus, const struct corpus_sources *sources,
            const struct corpus_report *warnings, struct diag *d)
{
    size_t nbytes;
    struct strbuf keys = STRBUF_INIT;
    search_keys(corpus, &keys);
    char *data = corpus_image_build_with(corpus, sources, warnings, keys.data, keys.len, &nbytes);
    sb_free(&keys);
    if (data == NULL)
        return diag_set(d, path, 0, 0, "the corpus cannot be written as an image");
    bool ok = atomic_write(path, data, nbytes, d);
    free(data);
    return ok;
}

/* Whether the files are still those that were hashed: one edited during the load would
 * otherwise be recorded with the other contents' hash. */
static bool
sources_unchanged(const char *const *dirs, size_t ndirs, const struct corpus_sources *sources)
{
    struct corpus_sources now;
    struct diag why;
    if (!corpus_sources_list(dirs, ndirs, &now, &why))
        return false;
    bool same = corpus_sources_same_stat(&now, sources);
    corpus_sources_free(&now);
    return same;
}

static char *
dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/* Into the cache: its directory made, the lock held, a killed writer's leftovers cleared. */
static bool
write_cached(const char *path, const struct corpus *corpus, const struct corpus_sources *sources,
             const struct corpus_report *warnings, struct diag *d)
{
    char *dir = dir_of(path), *lock = xasprintf("%s.lock", path);
    bool ok = state_dir_create(dir, d);
    int fd = ok ? atomic_lock(lock, d) : -1;
    if (fd >= 0) {
        const char *slash = strrchr(path, '/');
        atomic_remove_temps(dir, slash ? slash + 1 : path);
        ok = write_image(path, corpus, sources, warnings, d);
        atomic_unlock(fd);
    }
    free(lock);
    free(dir);
    return ok && fd >= 0;
}

/* A cache that cannot be written is said once, and the run goes on from the JSON. */
static void
cache_corpus(const char *path, const char *const *dirs, size_t ndirs, const struct corpus *corpus,
             const struct corpus_sources *sources, struct corpus_report *report)
{
    struct diag why = {0};
    if (!sources_unchanged(dirs, ndirs, sources))
        return; /* the next run makes it from the new files */
    if (write_cached(path, corpus, sources, report, &why))
        return;
    struct diag note;
    diag_set(&note, path, 0, 0, "cannot write the corpus image (%s); the JSON is read each time",
             why.msg[0] ? why.msg : "unknown error");
    report_prepend(report, &note);
}

bool
image_cache_write(const char *const *dirs, size_t ndirs, const char *path,
                  struct corpus_report *report, struct diag *d)
{
    struct corpus_sources sources;
    struct corpus *corpus = NULL;
    *report = (struct corpus_report){0};
    if (!corpus_sources_list(dirs, ndirs, &sources, d) || !corpus_sources_hash(&sources, d)) {
        corpus_sources_free(&sources);
        return false;
    }
    bool ok = corpus_load_dirs_report(dirs, ndirs, &read_options, &corpus, report, d);
    if (ok && !sources_unchanged(dirs, ndirs, &sources))
        ok = diag_set(d, path, 0, 0, "the corpus files changed while they were read");
    if (ok)
        ok = write_image(path, corpus, &sources, report, d);
    corpus_free(corpus);
    corpus_sources_free(&sources);
    return ok;
}

/* --- Reading ------------------------------------------------------------------------------ */

/* Opens an image: on success the corpus and its warnings are the caller's. */
static enum corpus_image_status
open_image(const char *path, struct corpus_sources *sources, struct corpus **corpus,
           struct corpus_report *report, bool *restat, struct diag *why)
{
    struct corpus_image_info info;
    enum corpus_image_status st = corpus_image_open(path, sources, corpus, &info, why);
    if (st == CORPUS_IMAGE_OK)
        *report = info.warnings;
    *restat = info.restat;
    return st;
}

/* The bundled image; one warning when it is there and unusable for another reason than the
 * JSON having changed since it was built. */
static bool
load_bundled(const char *path, struct corpus_sources *sources, struct corpus **corpus,
             struct corpus_report *report, struct diag *note)
{
    struct diag why = {0};
    bool restat;
    enum corpus_image_status st = open_image(path, sources, corpus, report, &restat, &why);
    if (st == CORPUS_IMAGE_DAMAGED || st == CORPUS_IMAGE_FOREIGN)
        diag_set(note, why.file, 0, 0, "%s; not used", why.msg);
    return st == CORPUS_IMAGE_OK;
}

/* The cached image; a touched file costs a hash now, so the image is written again with the
 * new stat to spare the next run that. */
static bool
load_cached(const char *path, const char *const *dirs, size_t ndirs, struct corpus_sources *sources,
            struct corpus **corpus, struct corpus_report *report)
{
    struct diag why;
    bool restat;
    if (open_image(path, sources, corpus, report, &restat, &why) != CORPUS_IMAGE_OK)
        return false;
    if (restat && corpus_sources_hash(sources, &why))
        cache_corpus(path, dirs, ndirs, *corpus, sources, report);
    return true;
}

/* Loads the JSON, and caches its image when the files could be hashed first. */
static bool
load_json(const char *path, const char *const *dirs, size_t ndirs, struct corpus_sources *sources,
          struct corpus **corpus, struct corpus_report *report, struct diag *d)
{
    struct diag why;
    bool hashed = path != NULL && corpus_sources_hash(sources, &why);
    if (!corpus_load_dirs_report(dirs, ndirs, &read_options, corpus, report, d))
        return false;
    if (hashed)
        cache_corpus(path, dirs, ndirs, *corpus, sources, report);
    return true;
}

bool
image_cache_load(const struct image_cache_options *options, const char *const *dirs, size_t ndirs,
                 struct corpus **corpus, struct corpus_report *report, struct diag *d)
{
    struct corpus_sources sources;
    struct diag note = {0}, why;
    *report = (struct corpus_report){0};
    *corpus = NULL;
    if (!corpus_sources_list(dirs, ndirs, &sources, &why)) /* the loader says what is wrong */
        return corpus_load_dirs_report(dirs, ndirs, &read_options, corpus, report, d);
    char *path = options->cache_dir ? image_cache_path(options->cache_dir, dirs, ndirs) : NULL;
    bool ok = (options->bundled != NULL &&
               load_bundled(options->bundled, &sources, corpus, report, &note)) ||
              (path != NULL && load_cached(path, dirs, ndirs, &sources, corpus, report)) ||
              load_json(path, dirs, ndirs, &sources, corpus, report, d);
    if (ok && note.msg[0] != '\0')
        report_prepend(report, &note);
    free(path);
    corpus_sources_free(&sources);
    return ok;
}
