/* The corpus image: a loaded, validated and linked corpus written once into a file that later
 * runs map and use in place, instead of parsing and validating the JSON again.
 *
 * The file is the corpus serialised position-independently: a header (magic, format version,
 * a hash of the struct layouts, its size, a checksum of everything after the checksum), then
 * sections: the nodes in document order, their refs, submitters and relations, arrays of node
 * and string pointers, session numbers, the address index, the source files it was made from,
 * the load's warnings, the strings, and an attachment the corpus does not read (the search
 * keys, search.h, checked by search_index_from_image() when it is used). Pointers are written as
 * offsets from the start of the file (0 for NULL). Opening maps the file privately, checks the
 * header and the checksum, then relocates every pointer in one pass over each section, checking as
 * it goes that each offset lands inside the section its type belongs to (a node pointer on a node,
 * an array inside its section with room for its count), that enums and booleans hold their values,
 * and then that the nodes form the tree corpus_link() makes (order, subtrees, parents, depth, text
 * lengths, ref spans). A damaged image is refused, never trusted; a crafted one that passes the
 * checksum cannot make the program read outside the mapping, but its strings are trusted to be the
 * sanitised text they were when written (corpus.h), as the checksum vouches.
 *
 * The strings are never written to, so their pages stay shared with the page cache; the
 * sections relocation writes (the file's first part, up to the address index) are read into
 * private memory at the same place in the mapping. The whole mapping is read-only once open.
 *
 * An image records its source files: for each, its directory's index, its name, size, mtime,
 * ctime, inode and a hash of its contents. It is fresh when the same files are there with the
 * same stat; a file whose stat differs is read and hashed, and counts as unchanged when its
 * contents hash the same (a touch, a copy with the same bytes).
 *
 * Images are tied to the build that writes them (byte order, struct layouts, format version):
 * another build's image is CORPUS_IMAGE_FOREIGN. Nothing here decides where images live or
 * prints anything (state/image_cache.h does). */
#ifndef NDVR_CORPUS_IMAGE_H
#define NDVR_CORPUS_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus/corpus.h"
#include "corpus/corpus_load.h"
#include "util/diag.h"

#define CORPUS_IMAGE_VERSION 2 /* 2: an attachment section (the search keys) */

/* One JSON file of a corpus, as it is on disk. */
struct corpus_source_file {
    char *path;    /* dir + "/" + name, as corpus_list_dir() spells it */
    uint32_t dir;  /* index of its directory in the list given */
    uint64_t size; /* bytes */
    int64_t mtime_ns, ctime_ns;
    uint64_t ino, dev;
    uint64_t hash; /* of the contents, when hashed */
    bool hashed;
};

/* The files of a corpus in load order; owns its array and paths. */
struct corpus_sources {
    struct corpus_source_file *v;
    size_t n;
};

/* The *.json files of each dir in turn (corpus_list_dir()), with their stat; nothing is read.
 * False with d filled when a dir cannot be read, a file cannot be stat'ed or there is no file. */
bool corpus_sources_list(const char *const *dirs, size_t ndirs, struct corpus_sources *sources,
                         struct diag *d);
/* Hashes the file's contents (again); false with d filled when it cannot be read. */
bool corpus_source_hash(struct corpus_source_file *file, struct diag *d);
/* Hashes the contents of every file not hashed yet; false with d filled when one cannot be
 * read. */
bool corpus_sources_hash(struct corpus_sources *sources, struct diag *d);
/* Whether a and b list the same files with the same stat. */
bool corpus_sources_same_stat(const struct corpus_sources *a, const struct corpus_sources *b);
/* Frees and empties; a zeroed one is fine. */
void corpus_sources_free(struct corpus_sources *sources);

/* The image of corpus (linked, from corpus_load.h or an image) loaded from sources (hashed)
 * with these warnings (NULL for none), in a new buffer the caller frees; *nbytes its size.
 * NULL when the corpus is not one a load could make (a pointer to a node outside its
 * document order). */
char *corpus_image_build(const struct corpus *corpus, const struct corpus_sources *sources,
                         const struct corpus_report *warnings, size_t *nbytes);
/* The same, carrying these bytes as the image's attachment (corpus_attachment()) instead of
 * the corpus's own. The attachment starts 16-byte aligned in the file. */
char *corpus_image_build_with(const struct corpus *corpus, const struct corpus_sources *sources,
                              const struct corpus_report *warnings, const void *attachment,
                              size_t attachment_nbytes, size_t *nbytes);

enum corpus_image_status {
    CORPUS_IMAGE_OK,
    CORPUS_IMAGE_MISSING, /* no such file */
    CORPUS_IMAGE_FOREIGN, /* written by another build: format version, layout, byte order */
    CORPUS_IMAGE_STALE,   /* made from other files: one added, removed or changed */
    CORPUS_IMAGE_DAMAGED, /* not an image, truncated, checksum, offsets, structure */
};

/* What an open found besides the corpus. */
struct corpus_image_info {
    struct corpus_report warnings; /* the load's warnings, as when the image was built, with
                                    * today's paths; the caller frees them */
    bool restat; /* a file's stat differs from the record but its contents do not: writing
                  * the image again spares the next open a hash */
};

/* Opens the image at path, made from sources: the files as they are now (listed; those whose
 * stat differs from the image's record are hashed here). On CORPUS_IMAGE_OK *corpus is the
 * corpus (corpus_free() unmaps it) and *info is filled; otherwise *corpus is NULL and d (file:
 * path) says what is wrong. sources NULL skips the freshness check (tests). */
enum corpus_image_status corpus_image_open(const char *path, struct corpus_sources *sources,
                                           struct corpus **corpus, struct corpus_image_info *info,
                                           struct diag *d);
/* The same over an image in memory (copied; name is for messages). */
enum corpus_image_status corpus_image_open_memory(const void *data, size_t nbytes, const char *name,
                                                  struct corpus_sources *sources,
                                                  struct corpus **corpus,
                                                  struct corpus_image_info *info, struct diag *d);

/* The 64-bit hash images use for their checksum and for file contents. */
uint64_t corpus_image_hash(const void *data, size_t nbytes, uint64_t seed);

#endif
