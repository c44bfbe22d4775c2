/* The state directory: choosing it, checking it and creating it. */
#include "state/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/i18n.h"

char *
state_path(const char *dir, const char *name)
{
    size_t len = strlen(dir);
    bool slash = len > 0 && dir[len - 1] == '/';
    return xasprintf("%s%s%s", dir, slash ? "" : "/", name);
}

char *
config_keys_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/')
        return state_path(xdg, "ndvr/keys");
    if (home != NULL && home[0] == '/')
        return state_path(home, ".config/ndvr/keys");
    return NULL;
}

char *
data_corpus_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/')
        return state_path(xdg, "ndvr/corpus");
    if (home != NULL && home[0] == '/')
        return state_path(home, ".local/share/ndvr/corpus");
    return NULL;
}

char *
cache_dir_default(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/')
        return state_path(xdg, "ndvr");
    if (home != NULL && home[0] == '/')
        return state_path(home, ".cache/ndvr");
    return NULL;
}

static bool
is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
state_dir_default(struct diag *d)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    if (xdg != NULL && xdg[0] == '/')
        return state_path(xdg, "ndvr");
    const char *home = getenv("HOME");
    if (home == NULL || home[0] != '/') {
        diag_set(d, "", 0, 0, _("neither XDG_STATE_HOME nor HOME is an absolute path"));
        return NULL;
    }
    struct stat st;
    int err = stat(home, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (err != 0) {
        diag_set(d, "", 0, 0, _("home directory %s: %s"), home, strerror(err));
        return NULL;
    }
    return state_path(home, ".local/state/ndvr");
}

/* The longest prefix of path (up to a '/') that exists, newly allocated; "/" at worst. */
static char *
existing_ancestor(const char *path)
{
    char *p = xstrdup(path);
    struct stat st;
    while (lstat(p, &st) != 0 && errno == ENOENT) {
        char *slash = strrchr(p, '/');
        if (slash == NULL || slash == p) {
            free(p);
            return xstrdup(slash == p ? "/" : ".");
        }
        *slash = '\0';
    }
    return p;
}

bool
state_dir_check(const char *dir, struct diag *d)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return diag_set(d, "", 0, 0, _("%s is not a directory"), dir);
        if (access(dir, W_OK | X_OK) != 0)
            return diag_set(d, "", 0, 0, _("cannot write %s: %s"), dir, strerror(errno));
        return true;
    }
    if (errno != ENOENT)
        return diag_set(d, "", 0, 0, _("cannot create %s: %s"), dir, strerror(errno));
    char *up = existing_ancestor(dir);
    int err = 0;
    if (stat(up, &st) != 0)
        err = errno;
    else if (!S_ISDIR(st.st_mode))
        err = ENOTDIR;
    else if (access(up, W_OK | X_OK) != 0)
        err = errno;
    free(up);
    if (err != 0)
        return diag_set(d, "", 0, 0, _("cannot create %s: %s"), dir, strerror(err));
    return true;
}

/* Makes a new directory entry durable: fsync of the directory that holds it. */
static void
sync_parent(char *path, char *slash)
{
    *slash = '\0';
    int fd = open(slash == path ? "/" : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    *slash = '/';
    if (fd >= 0) {
        (void)fsync(fd); /* best effort: the directory exists either way */
        close(fd);
    }
}

/* mkdir of path; an existing directory is fine. A file in the middle of the path is taken as
 * existing here so that the next step names the whole path (`cannot create /x/f/ndvr: Not a
 * directory`). */
static bool
make_one(char *path, char *slash, bool last, struct diag *d)
{
    if (mkdir(path, 0700) == 0) {
        if (slash != NULL)
            sync_parent(path, slash);
        return true;
    }
    int err = errno;
    if (err == EEXIST && (!last || is_dir(path)))
        return true;
    return diag_set(d, "", 0, 0, _("cannot create %s: %s"), path, strerror(err));
}

bool
state_dir_create(const char *dir, struct diag *d)
{
    if (is_dir(dir))
        return true;
    char *p = xstrdup(dir);
    bool ok = true;
    /* Each prefix ending before a '/', then the whole path. */
    for (char *s = strchr(p + 1, '/'); ok && s != NULL; s = strchr(s + 1, '/')) {
        *s = '\0';
        ok = s[1] == '\0' || make_one(p, strrchr(p, '/'), false, d);
        *s = '/';
    }
    if (ok)
        ok = make_one(p, strrchr(p, '/'), true, d);
    free(p);
    return ok;
}
