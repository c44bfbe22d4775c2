/* Atomic replacement of small files, and the writers' lock. */
#include "state/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

#define TEMP_INFIX ".tmp."

static bool
write_all(int fd, const char *data, size_t nbytes)
{
    while (nbytes > 0) {
        ssize_t n = write(fd, data, nbytes);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        nbytes -= (size_t)n;
    }
    return true;
}

/* The directory part of path, newly allocated ("." when none). */
static char *
dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* Some file systems cannot fsync a directory (EINVAL); the rename is then as durable as they
 * make it, which is not an error of ours. */
static bool
sync_dir(const char *path)
{
    char *dir = dir_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return false;
    int rc = fsync(fd);
    int err = errno;
    close(fd);
    errno = err;
    return rc == 0 || err == EINVAL;
}

/* Writes, syncs and closes the temporary file; false with errno set. */
static bool
fill_temp(const char *temp, const char *data, size_t nbytes)
{
    int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = write_all(fd, data, nbytes) && fsync(fd) == 0;
    int err = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    errno = err;
    return ok;
}

bool
atomic_write(const char *path, const char *data, size_t nbytes, struct diag *d)
{
    char *temp = xasprintf("%s" TEMP_INFIX "%ld", path, (long)getpid());
    const char *step = "cannot write";
    bool ok = fill_temp(temp, data, nbytes);
    if (ok) {
        step = "cannot rename the new version into place";
        ok = rename(temp, path) == 0;
    }
    int err = errno;
    if (!ok)
        unlink(temp);
    free(temp);
    if (!ok)
        return diag_set(d, path, 0, 0, "%s: %s", step, strerror(err));
    if (!sync_dir(path))
        return diag_set(d, path, 0, 0, "cannot sync the directory: %s", strerror(errno));
    return true;
}

bool
atomic_is_temp(const char *name, const char *target)
{
    size_t len = strlen(target);
    if (strncmp(name, target, len) != 0 || strncmp(name + len, TEMP_INFIX, 5) != 0)
        return false;
    const char *pid = name + len + 5;
    return pid[0] != '\0' && strspn(pid, "0123456789") == strlen(pid);
}

void
atomic_remove_temps(const char *dir, const char *target)
{
    DIR *dp = opendir(dir);
    if (dp == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (!atomic_is_temp(e->d_name, target))
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        unlink(path); /* best effort: a file that stays is ignored all the same */
        free(path);
    }
    closedir(dp);
}

static void
sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Polls rather than blocks, so that a writer stopped while holding the lock (Ctrl-Z at the
 * wrong moment) costs the others a bounded wait and a message, not a hang. */
int
atomic_lock(const char *lock_path, struct diag *d)
{
    int fd = open(lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        diag_set(d, lock_path, 0, 0, "cannot open the lock: %s", strerror(errno));
        return -1;
    }
    for (long waited = 0, step = 1;; waited += step, step = step < 8 ? step * 2 : 8) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            diag_set(d, lock_path, 0, 0, "cannot lock: %s", strerror(errno));
            break;
        }
        if (waited >= ATOMIC_LOCK_TIMEOUT_MS) {
            diag_set(d, lock_path, 0, 0, "another ndvr has held the lock for %d s",
                     ATOMIC_LOCK_TIMEOUT_MS / 1000);
            break;
        }
        sleep_ms(step);
    }
    close(fd);
    return -1;
}

void
atomic_unlock(int fd)
{
    if (fd < 0)
        return;
    flock(fd, LOCK_UN);
    close(fd);
}
