/* Which corpus image a run uses, and making one when there is none (corpus_image.h).
 *
 * A corpus is read from, in turn:
 *  1. the bundled image: the one built and installed with the programs, for the bundled corpus
 *     alone. A stale one (the JSON was edited since) is passed over silently; a damaged one, or
 *     one of another build, with one warning.
 *  2. the cache: $XDG_CACHE_HOME/ndvr/corpus-KEY.img, KEY a hash of the corpus directories'
 *     real paths. Anything wrong with it (missing, stale, damaged, another build's) means it is
 *     made again, silently.
 *  3. the JSON, loaded and validated as corpus_load.h does; then the image is written to the
 *     cache, under a lock (KEY.img.lock) and atomically (state/atomic.h), for the next run. A
 *     cache that cannot be written costs one warning, and the JSON is read each time.
 * Whichever way, the report holds the load's warnings, as the JSON load gave them when the
 * image was made, after those about images. `ndvr check` never comes here: it always reads
 * the JSON. */
#ifndef NDVR_STATE_IMAGE_CACHE_H
#define NDVR_STATE_IMAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "corpus/corpus_load.h"
#include "util/diag.h"

struct image_cache_options {
    const char *bundled;   /* the bundled image for these dirs, or NULL */
    const char *cache_dir; /* cache_dir_default(), or NULL for no cache */
};

/* The corpus of dirs, as corpus_load_dirs_report() loads it in CORPUS_LOAD_READ mode (the same
 * contract: the caller frees *corpus and the report; false with d filled on an error), from
 * an image when there is a good one. */
bool image_cache_load(const struct image_cache_options *options, const char *const *dirs,
                      size_t ndirs, struct corpus **corpus, struct corpus_report *report,
                      struct diag *d);

/* Loads the JSON of dirs and writes its image to path atomically (`ndvr image`). The report
 * gets the load's warnings; false with d filled when the load or the write fails. */
bool image_cache_write(const char *const *dirs, size_t ndirs, const char *path,
                       struct corpus_report *report, struct diag *d);

/* cache_dir + "/corpus-KEY.img" for these dirs; caller frees. */
char *image_cache_path(const char *cache_dir, const char *const *dirs, size_t ndirs);

#endif
