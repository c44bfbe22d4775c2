/* The source files of a corpus: listing them with their stat, hashing their contents. */
#include "corpus/corpus_image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/regfile.h"
#include "util/xalloc.h"

#define READ_CHUNK (256u * 1024u)

static void
set_stat(struct corpus_source_file *f, const struct stat *st)
{
    f->size = (uint64_t)st->st_size;
    f->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    f->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
    f->ino = (uint64_t)st->st_ino;
    f->dev = (uint64_t)st->st_dev;
}

/* Appends the files of one dir; takes the paths (and frees the array). */
static bool
add_files(struct corpus_sources *s, size_t *cap, char **paths, size_t n, uint32_t dir,
          struct diag *d)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (ok && stat(paths[i], &st) != 0)
            ok = diag_set(d, paths[i], 0, 0, "cannot stat: %s", strerror(errno));
        if (!ok) {
            free(paths[i]);
            continue;
        }
        s->v = xgrow(s->v, cap, s->n + 1, sizeof *s->v);
        s->v[s->n] = (struct corpus_source_file){.path = paths[i], .dir = dir};
        set_stat(&s->v[s->n++], &st);
    }
    free(paths);
    return ok;
}

bool
corpus_sources_list(const char *const *dirs, size_t ndirs, struct corpus_sources *sources,
                    struct diag *d)
{
    size_t cap = 0;
    *sources = (struct corpus_sources){0};
    for (size_t i = 0; i < ndirs; i++) {
        size_t n = 0;
        char **paths = corpus_list_dir(dirs[i], &n, d);
        if (paths == NULL || !add_files(sources, &cap, paths, n, (uint32_t)i, d)) {
            corpus_sources_free(sources);
            return false;
        }
    }
    if (sources->n == 0)
        return diag_set(d, ndirs > 0 ? dirs[0] : "", 0, 0, "no *.json files");
    return true;
}

/* Fills buf up to nbytes unless the file ends first: chunks then fall at the same places
 * whatever read() returns, and so does the hash. Returns the bytes read, or -1. */
static ssize_t
read_full(int fd, char *buf, size_t nbytes)
{
    size_t got = 0;
    while (got < nbytes) {
        ssize_t n = read(fd, buf + got, nbytes - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* The contents' hash, read in chunks: a corpus file may be tens of megabytes. */
bool
corpus_source_hash(struct corpus_source_file *f, struct diag *d)
{
    int fd = regfile_open(f->path, d);
    if (fd < 0)
        return false;
    char *buf = xmalloc(READ_CHUNK);
    uint64_t h = 0;
    ssize_t n;
    while ((n = read_full(fd, buf, READ_CHUNK)) > 0)
        h = corpus_image_hash(buf, (size_t)n, h);
    int err = errno;
    free(buf);
    close(fd);
    if (n < 0)
        return diag_set(d, f->path, 0, 0, "cannot read: %s", strerror(err));
    f->hash = h;
    f->hashed = true;
    return true;
}

bool
corpus_sources_hash(struct corpus_sources *sources, struct diag *d)
{
    for (size_t i = 0; i < sources->n; i++)
        if (!sources->v[i].hashed && !corpus_source_hash(&sources->v[i], d))
            return false;
    return true;
}

static bool
same_stat(const struct corpus_source_file *a, const struct corpus_source_file *b)
{
    return a->dir == b->dir && strcmp(a->path, b->path) == 0 && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns && a->ino == b->ino &&
           a->dev == b->dev;
}

bool
corpus_sources_same_stat(const struct corpus_sources *a, const struct corpus_sources *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_stat(&a->v[i], &b->v[i]))
            return false;
    return true;
}

void
corpus_sources_free(struct corpus_sources *sources)
{
    for (size_t i = 0; i < sources->n; i++)
        free(sources->v[i].path);
    free(sources->v);
    *sources = (struct corpus_sources){0};
}
