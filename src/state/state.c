/* The reading state: loading, the lock-protected transactions, merging, moving bad files
 * aside. */
#include "state/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "state/atomic.h"
#include "state/model.h"
#include "state/paths.h"
#include "state/state_json.h"
#include "util/xalloc.h"
#include "util/i18n.h"

#define BOOKMARKS_FILE "bookmarks.json"
#define SESSION_FILE "session.json"
#define LOCK_FILE "state.lock"
#define ASIDE_MAX_COUNTER (1L << 30) /* past it, lstat() must be failing */

struct state {
    char *dir;       /* NULL when there is none */
    char *lock_path; /* NULL with dir */
    bool can_save;
    struct diag why;                           /* `cannot save: …` when !can_save */
    char unlocked[sizeof(struct diag){0}.msg]; /* why the files were read without the lock */
    struct bookmark_list bookmarks;
    struct session session;
    size_t nnew;                   /* newest history entries not saved yet */
    struct state_warnings pending; /* for state_take_warnings() */
};

/* How one of the two files is read, written and emptied. */
struct file_kind {
    const char *name;
    enum state_json_result (*read)(const char *path, const char *text, size_t nbytes, void *out,
                                   struct diag *d);
    char *(*write)(const void *data, size_t *nbytes);
    void (*clear)(void *data);
};

enum read_status {
    READ_OK,
    READ_MISSING,
    READ_BAD,   /* unreadable for good (permissions, a directory, a loop): move it aside */
    READ_ERROR, /* maybe passing (EIO, no descriptors): leave it alone */
};

/* --- Warnings ------------------------------------------------------------------------ */

static void
warnings_add(struct state_warnings *w, const struct diag *d)
{
    w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
    w->v[w->n++] = *d;
}

void
state_warnings_free(struct state_warnings *w)
{
    free(w->v);
    *w = (struct state_warnings){0};
}

void
state_take_warnings(struct state *st, struct state_warnings *w)
{
    for (size_t i = 0; w != NULL && i < st->pending.n; i++)
        warnings_add(w, &st->pending.v[i]);
    state_warnings_free(&st->pending);
}

static void
diag_copy(struct diag *d, const struct diag *from)
{
    if (d != NULL)
        *d = *from;
}

static void diag_append(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
diag_append(struct diag *d, const char *fmt, ...)
{
    size_t len = strlen(d->msg);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg + len, sizeof d->msg - len, fmt, ap);
    va_end(ap);
}

/* --- The two kinds of file ------------------------------------------------------------ */

static enum state_json_result
read_bookmarks(const char *path, const char *text, size_t nbytes, void *out, struct diag *d)
{
    return state_json_read_bookmarks(path, text, nbytes, out, d);
}

static char *
write_bookmarks(const void *data, size_t *nbytes)
{
    return state_json_write_bookmarks(data, nbytes);
}

static void
clear_bookmarks(void *data)
{
    bookmarks_free(data);
}

static enum state_json_result
read_session(const char *path, const char *text, size_t nbytes, void *out, struct diag *d)
{
    return state_json_read_session(path, text, nbytes, out, d);
}

static char *
write_session(const void *data, size_t *nbytes)
{
    return state_json_write_session(data, nbytes);
}

static void
clear_session(void *data)
{
    session_free(data);
}

static const struct file_kind bookmarks_kind = {BOOKMARKS_FILE, read_bookmarks, write_bookmarks,
                                                clear_bookmarks};
static const struct file_kind session_kind = {SESSION_FILE, read_session, write_session,
                                              clear_session};

/* --- Reading, moving aside, writing --------------------------------------------------- */

/* Errors that will not go away by themselves, so the file is as good as corrupt. */
static bool
is_lasting(int err)
{
    return err == EACCES || err == EPERM || err == ELOOP || err == ENXIO || err == EISDIR;
}

static enum read_status
read_fd(int fd, const char *path, char **text, size_t *nbytes, struct diag *d)
{
    size_t cap = STATE_FILE_MAX_BYTES + 2, len = 0; /* one byte more than allowed, and a NUL */
    char *buf = xmalloc(cap);
    while (len < cap - 1) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            free(buf);
            diag_set(d, path, 0, 0, "cannot read: %s", strerror(err));
            return is_lasting(err) ? READ_BAD : READ_ERROR;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > STATE_FILE_MAX_BYTES) {
        free(buf);
        diag_set(d, path, 0, 0, "larger than %u bytes", STATE_FILE_MAX_BYTES);
        return READ_BAD;
    }
    buf[len] = '\0';
    *text = buf;
    *nbytes = len;
    return READ_OK;
}

static enum read_status
read_file(const char *path, char **text, size_t *nbytes, struct diag *d)
{
    /* O_NONBLOCK: a FIFO put in the file's place must not hang the reader. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return READ_MISSING;
    if (fd < 0) {
        int err = errno;
        diag_set(d, path, 0, 0, "cannot read: %s", strerror(err));
        return is_lasting(err) ? READ_BAD : READ_ERROR;
    }
    struct stat st;
    enum read_status r;
    if (fstat(fd, &st) != 0)
        r = (diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno)), READ_ERROR);
    else if (!S_ISREG(st.st_mode))
        r = (diag_set(d, path, 0, 0, "not a regular file"), READ_BAD);
    else
        r = read_fd(fd, path, text, nbytes, d);
    close(fd);
    return r;
}

static char *
aside_name(const char *path, const char *stamp, long i)
{
    return i == 0 ? xasprintf("%s.corrupt-%s", path, stamp)
                  : xasprintf("%s.corrupt-%s-%ld", path, stamp, i);
}

static bool
is_free_name(const char *path, const char *stamp, long i)
{
    char *target = aside_name(path, stamp, i);
    struct stat st;
    bool free_name = lstat(target, &st) != 0 && errno == ENOENT;
    free(target);
    return free_name;
}

/* A free counter for path's aside names this second, or -1. Galloping, then bisecting between
 * a taken and a free counter: a few lstat() calls even when thousands of names are taken (a
 * file damaged again and again within one second must still be moved, never dropped). */
static long
free_aside_counter(const char *path, const char *stamp)
{
    if (is_free_name(path, stamp, 0))
        return 0;
    long taken = 0, free_at = 1;
    while (!is_free_name(path, stamp, free_at)) {
        if (free_at >= ASIDE_MAX_COUNTER)
            return -1;
        taken = free_at;
        free_at *= 2;
    }
    while (free_at - taken > 1) {
        long mid = taken + (free_at - taken) / 2;
        if (is_free_name(path, stamp, mid))
            free_at = mid;
        else
            taken = mid;
    }
    return free_at;
}

/* Renames path to path.corrupt-YYYYMMDDTHHMMSS (then -1, -2 …); appends where to d. Only under
 * the lock, so no other ndvr takes the same name between the check and the rename. */
static bool
move_aside(const char *path, struct diag *d)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    long i = free_aside_counter(path, stamp);
    if (i < 0) {
        diag_append(d, "; cannot move it aside (too many), so it is not saved");
        return false;
    }
    char *target = aside_name(path, stamp, i);
    bool moved = rename(path, target) == 0;
    const char *base = strrchr(target, '/');
    if (moved)
        diag_append(d, "; moved aside to %s", base ? base + 1 : target);
    else
        diag_append(d, "; cannot move it aside (%s), so it is not saved", strerror(errno));
    free(target);
    return moved;
}

static bool
write_file(const struct state *st, const struct file_kind *kind, const void *data, struct diag *d)
{
    size_t nbytes = 0;
    char *text = kind->write(data, &nbytes);
    char *path = state_path(st->dir, kind->name);
    bool ok;
    if (text == NULL)
        ok = diag_set(d, path, 0, 0, "out of memory; not saved");
    else if (nbytes > STATE_FILE_MAX_BYTES)
        ok = diag_set(d, path, 0, 0, "would be larger than %u bytes; not saved",
                      STATE_FILE_MAX_BYTES);
    else
        ok = atomic_write(path, text, nbytes, d);
    free(text);
    free(path);
    return ok;
}

/* After a corrupt or salvaged read: moves the file aside (under the lock) and writes what
 * was salvaged back. False when the file must not be written. */
static bool
set_aside(struct state *st, const struct file_kind *kind, const char *path, bool salvaged,
          bool locked, void *data, struct diag *problem)
{
    if (!locked) {
        diag_append(problem, _("; left in place (%s)"),
                    !st->can_save             ? _("the state cannot be saved")
                    : st->unlocked[0] != '\0' ? st->unlocked
                                              : _("the state is locked"));
        return false;
    }
    if (!move_aside(path, problem))
        return false;
    warnings_add(&st->pending, problem);
    struct diag d;
    if (salvaged && !write_file(st, kind, data, &d))
        warnings_add(&st->pending, &d); /* the cleaned data stays in memory, and is retried */
    return true;
}

/* Loads one file into data (emptied first). Returns false, with the reason in d, when the
 * file must not be written over: a newer version, a read error that may pass, or a corrupt
 * file that could not be moved aside. A file that was moved aside is a pending warning. */
static bool
load(struct state *st, const struct file_kind *kind, bool locked, void *data, struct diag *d)
{
    kind->clear(data);
    char *path = state_path(st->dir, kind->name);
    struct diag problem = {0};
    char *text = NULL;
    size_t nbytes = 0;
    enum read_status rs = read_file(path, &text, &nbytes, &problem);
    enum state_json_result r =
        rs == READ_OK ? kind->read(path, text, nbytes, data, &problem) : STATE_JSON_CORRUPT;
    free(text);
    bool ok = rs == READ_MISSING || (rs == READ_OK && r == STATE_JSON_OK);
    if (!ok && (rs == READ_ERROR || r == STATE_JSON_NEWER)) {
        kind->clear(data);
    } else if (!ok) {
        if (r == STATE_JSON_CORRUPT)
            kind->clear(data);
        ok = set_aside(st, kind, path, r == STATE_JSON_SALVAGED, locked, data, &problem);
    }
    free(path);
    if (!ok)
        diag_copy(d, &problem);
    return ok;
}

/* --- Open and close ---------------------------------------------------------------------- */

static void
cannot_save(struct state *st, const struct diag *reason)
{
    st->can_save = false;
    diag_set(&st->why, "", 0, 0, "cannot save: %s", reason->msg);
    warnings_add(&st->pending, &st->why);
}

static bool
dir_exists(const char *dir)
{
    struct stat s;
    return stat(dir, &s) == 0 && S_ISDIR(s.st_mode);
}

/* Reads both files; tidies up (temporary files, corrupt files) when the lock can be had. */
static void
load_all(struct state *st)
{
    struct diag d;
    int lock = -1;
    if (!dir_exists(st->dir))
        return; /* nothing saved yet, or nothing can be */
    if (st->can_save) {
        lock = atomic_lock(st->lock_path, &d);
        if (lock < 0) {
            warnings_add(&st->pending, &d);
            snprintf(st->unlocked, sizeof st->unlocked, "%s", d.msg);
        }
    }
    if (lock >= 0) {
        atomic_remove_temps(st->dir, BOOKMARKS_FILE);
        atomic_remove_temps(st->dir, SESSION_FILE);
    }
    if (!load(st, &bookmarks_kind, lock >= 0, &st->bookmarks, &d))
        warnings_add(&st->pending, &d);
    if (!load(st, &session_kind, lock >= 0, &st->session, &d))
        warnings_add(&st->pending, &d);
    atomic_unlock(lock);
}

struct state *
state_open(const char *dir, struct state_warnings *w)
{
    struct state *st = xcalloc(1, sizeof *st);
    st->bookmarks.next_id = 1;
    struct diag d = {0};
    st->dir = dir != NULL ? xstrdup(dir) : state_dir_default(&d);
    if (st->dir == NULL) {
        cannot_save(st, &d);
    } else {
        st->lock_path = state_path(st->dir, LOCK_FILE);
        st->can_save = state_dir_check(st->dir, &d);
        if (!st->can_save)
            cannot_save(st, &d);
        load_all(st);
    }
    state_take_warnings(st, w);
    return st;
}

void
state_close(struct state *st)
{
    if (st == NULL)
        return;
    bookmarks_free(&st->bookmarks);
    session_free(&st->session);
    state_warnings_free(&st->pending);
    free(st->dir);
    free(st->lock_path);
    free(st);
}

bool
state_can_save(const struct state *st, struct diag *why)
{
    if (!st->can_save)
        diag_copy(why, &st->why);
    return st->can_save;
}

const char *
state_dir(const struct state *st)
{
    return st->dir;
}

/* --- Transactions ------------------------------------------------------------------------ */

/* Makes the directory and takes the lock; the descriptor, or -1 with d filled. */
static int
begin(struct state *st, struct diag *d)
{
    if (!st->can_save) {
        diag_copy(d, &st->why);
        return -1;
    }
    struct diag why;
    if (!state_dir_create(st->dir, &why)) {
        diag_set(d, "", 0, 0, _("cannot save: %s"), why.msg);
        return -1;
    }
    return atomic_lock(st->lock_path, d);
}

/* A change to the bookmarks read from disk. On failure it must leave the list unchanged. */
typedef bool (*bookmarks_change_fn)(struct bookmark_list *l, void *arg, struct diag *d);

/* Lock, re-read, change (none when change is NULL), write, unlock; then the list in memory
 * is the one on disk. */
static bool
bookmarks_transaction(struct state *st, bookmarks_change_fn change, void *arg, struct diag *d)
{
    int lock = begin(st, d);
    if (lock < 0)
        return false;
    struct bookmark_list l = {.next_id = 1};
    bool loaded = load(st, &bookmarks_kind, true, &l, d);
    bool changed = loaded && (change == NULL || change(&l, arg, d));
    bool written = changed && (change == NULL || write_file(st, &bookmarks_kind, &l, d));
    atomic_unlock(lock);
    if (written || (loaded && !changed))
        bookmarks_move(&st->bookmarks, &l);
    bookmarks_free(&l);
    return written;
}

const struct bookmark *
state_bookmarks(const struct state *st, size_t *count)
{
    *count = st->bookmarks.n;
    return st->bookmarks.v;
}

const struct bookmark *
state_bookmark_find(const struct state *st, const char *id)
{
    size_t i = bookmarks_index(&st->bookmarks, id);
    return i < st->bookmarks.n ? &st->bookmarks.v[i] : NULL;
}

struct add_arg {
    const char *name, *address;
    size_t offset;
    char *id; /* out: the new id */
};

static bool
add_change(struct bookmark_list *l, void *arg, struct diag *d)
{
    (void)d;
    struct add_arg *a = arg;
    char created[MODEL_TIME_SIZE];
    model_now(created);
    a->id = xasprintf("%llu", l->next_id++);
    bookmarks_append(l, xstrdup(a->id), xstrdup(a->name), xstrdup(a->address), a->offset,
                     xstrdup(created));
    return true;
}

/* The name to store: cleaned, or the address when empty. */
static char *
name_or_address(const char *name, const char *address)
{
    const char *why;
    char *clean = model_clean_name(name ? name : "", name ? strlen(name) : 0, &why);
    if (clean[0] != '\0')
        return clean;
    free(clean);
    return xstrdup(address);
}

const struct bookmark *
state_bookmark_add(struct state *st, const char *name, const char *address, size_t offset,
                   struct diag *d)
{
    if (!model_address_ok(address)) {
        diag_set(d, "", 0, 0, _("not an address that can be kept"));
        return NULL;
    }
    char *clean = name_or_address(name, address);
    struct add_arg a = {clean, address, offset < MODEL_OFFSET_MAX ? offset : MODEL_OFFSET_MAX,
                        NULL};
    bool ok = bookmarks_transaction(st, add_change, &a, d);
    const struct bookmark *b = ok ? state_bookmark_find(st, a.id) : NULL;
    free(clean);
    free(a.id);
    return b;
}

struct rename_arg {
    const char *id, *name; /* name "": the bookmark's address */
};

static bool
rename_change(struct bookmark_list *l, void *arg, struct diag *d)
{
    const struct rename_arg *a = arg;
    size_t i = bookmarks_index(l, a->id);
    if (i == l->n)
        return diag_set(d, "", 0, 0, _("no bookmark has the id %s (any more)"), a->id);
    free(l->v[i].name);
    l->v[i].name = xstrdup(a->name[0] ? a->name : l->v[i].address);
    return true;
}

bool
state_bookmark_rename(struct state *st, const char *id, const char *name, struct diag *d)
{
    const char *why;
    char *clean = model_clean_name(name ? name : "", name ? strlen(name) : 0, &why);
    char *copy = xstrdup(id); /* id may point into the list the transaction replaces */
    struct rename_arg a = {copy, clean};
    bool ok = bookmarks_transaction(st, rename_change, &a, d);
    free(clean);
    free(copy);
    return ok;
}

static bool
delete_change(struct bookmark_list *l, void *arg, struct diag *d)
{
    const char *id = arg;
    size_t i = bookmarks_index(l, id);
    if (i == l->n)
        return diag_set(d, "", 0, 0, _("no bookmark has the id %s (any more)"), id);
    bookmarks_remove(l, i);
    return true;
}

bool
state_bookmark_delete(struct state *st, const char *id, struct diag *d)
{
    char *copy = xstrdup(id); /* id may point into the list the transaction replaces */
    bool ok = bookmarks_transaction(st, delete_change, copy, d);
    free(copy);
    return ok;
}

bool
state_bookmarks_reload(struct state *st, struct diag *d)
{
    if (st->can_save)
        return bookmarks_transaction(st, NULL, NULL, d);
    if (st->dir == NULL || !dir_exists(st->dir))
        return true;
    struct bookmark_list l = {.next_id = 1};
    bool ok = load(st, &bookmarks_kind, false, &l, d);
    if (ok)
        bookmarks_move(&st->bookmarks, &l);
    bookmarks_free(&l);
    return ok;
}

bool
state_bookmark_is_stale(const struct bookmark *b, const struct corpus *corpus)
{
    return corpus_find(corpus, b->address) == NULL;
}

/* --- Session ----------------------------------------------------------------------------- */

void
state_set_last(struct state *st, const char *document, const char *address, size_t offset)
{
    if (!model_address_ok(document) || !model_address_ok(address))
        return; /* corpus addresses always pass; anything else could not be saved */
    char now[MODEL_TIME_SIZE];
    model_now(now);
    session_set_last(&st->session, document, address,
                     offset < MODEL_OFFSET_MAX ? offset : MODEL_OFFSET_MAX, now, true);
}

const struct state_pos *
state_last(const struct state *st, const char *document)
{
    size_t i = session_find_last(&st->session, document);
    return i < st->session.nlast ? &st->session.last[i].pos : NULL;
}

const char *
state_last_document(const struct state *st)
{
    size_t n = st->session.nlast;
    return n > 0 ? st->session.last[n - 1].document : NULL;
}

void
state_history_push(struct state *st, const char *address, size_t offset)
{
    struct session *s = &st->session;
    offset = offset < MODEL_OFFSET_MAX ? offset : MODEL_OFFSET_MAX;
    if (!model_address_ok(address))
        return;
    if (s->nhistory > 0 && s->history[s->nhistory - 1].offset == offset &&
        strcmp(s->history[s->nhistory - 1].address, address) == 0)
        return;
    session_push(s, address, offset);
    if (st->nnew < s->nhistory)
        st->nnew++;
}

const struct state_pos *
state_history(const struct state *st, size_t *count)
{
    *count = st->session.nhistory;
    return st->session.history;
}

/* Puts this process's changes on top of the version read from disk. */
static void
merge_session(const struct state *st, struct session *disk)
{
    const struct session *mine = &st->session;
    for (size_t i = 0; i < mine->nlast; i++) {
        const struct last_pos *p = &mine->last[i];
        if (p->touched)
            session_set_last(disk, p->document, p->pos.address, p->pos.offset, p->time, false);
    }
    session_sort_last(disk);
    for (size_t i = mine->nhistory - st->nnew; i < mine->nhistory; i++)
        session_push(disk, mine->history[i].address, mine->history[i].offset);
}

bool
state_save_session(struct state *st, struct diag *d)
{
    int lock = begin(st, d);
    if (lock < 0)
        return false;
    struct session disk = {0};
    bool ok = load(st, &session_kind, true, &disk, d);
    if (ok) {
        merge_session(st, &disk);
        ok = write_file(st, &session_kind, &disk, d);
    }
    atomic_unlock(lock);
    if (ok) {
        session_move(&st->session, &disk);
        st->nnew = 0;
    }
    session_free(&disk);
    return ok;
}
