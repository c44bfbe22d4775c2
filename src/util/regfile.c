/* Opening user files for reading, regular files only. */
#include "util/regfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why fd is not a regular file, in d and errno; false when it is one. */
static bool
is_not_regular(int fd, const char *path, struct diag *d)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        diag_set(d, path, 0, 0, "cannot open: %s", strerror(err));
        errno = err;
        return true;
    }
    if (S_ISREG(st.st_mode))
        return false;
    diag_set(d, path, 0, 0, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return true;
}

/* Fails with d filled from errno ("cannot open: why"), keeping errno. */
static int
fail_open(const char *path, struct diag *d)
{
    int err = errno;
    diag_set(d, path, 0, 0, "cannot open: %s", strerror(err));
    errno = err;
    return -1;
}

/* Closes fd, keeping errno. */
static int
close_failed(int fd)
{
    int err = errno;
    close(fd);
    errno = err;
    return -1;
}

int
regfile_open(const char *path, struct diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail_open(path, d);
    if (is_not_regular(fd, path, d))
        return close_failed(fd);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        fail_open(path, d);
        return close_failed(fd);
    }
    return fd;
}

FILE *
regfile_fopen(const char *path, struct diag *d)
{
    int fd = regfile_open(path, d);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (f == NULL) {
        int err = errno;
        diag_set(d, path, 0, 0, "cannot open: %s", strerror(err));
        close(fd);
        errno = err;
    }
    return f;
}
