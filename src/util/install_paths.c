/* Finding the installed data beside the executable, or the trees of a developer build. */
#include "util/install_paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

/* From the installed bindir to the data and module directories (CMakeLists.txt), relative so
 * that the installed tree may move. */
#ifndef NDVR_BIN_TO_DATA
#define NDVR_BIN_TO_DATA "../share/ndvr"
#endif
#ifndef NDVR_BIN_TO_PKGLIB
#define NDVR_BIN_TO_PKGLIB "../lib/ndvr"
#endif
#ifndef NDVR_BIN_TO_LOCALE
#define NDVR_BIN_TO_LOCALE "../share/locale"
#endif

static bool
is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable into buf; false when /proc is not there. */
static bool
exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return false;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        return false;
    *slash = '\0';
    return true;
}

static char *
installed_path(const char *dir, enum install_item item)
{
    switch (item) {
    case INSTALL_CORPUS:
        return xasprintf("%s/" NDVR_BIN_TO_DATA "/corpus", dir);
    case INSTALL_CORPUS_IMAGE:
        return xasprintf("%s/" NDVR_BIN_TO_DATA "/corpus.img", dir);
    case INSTALL_KEYMAPS:
        return xasprintf("%s/" NDVR_BIN_TO_DATA "/keymaps", dir);
    case INSTALL_PDF_MODULE:
        return xasprintf("%s/" NDVR_BIN_TO_PKGLIB "/ndvr-pdf.so", dir);
    case INSTALL_LOCALE:
        return xasprintf("%s/" NDVR_BIN_TO_LOCALE, dir);
    }
    return xstrdup("");
}

/* The source tree named by the build tree's marker in dir, or NULL when dir is no build
 * tree. */
static char *
build_tree_source(const char *dir)
{
    char *marker = xasprintf("%s/" INSTALL_BUILD_TREE_MARKER, dir);
    FILE *f = fopen(marker, "r");
    free(marker);
    if (f == NULL)
        return NULL;
    char line[PATH_MAX];
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[ok ? strcspn(line, "\n") : 0] = '\0';
    return line[0] == '/' ? xstrdup(line) : NULL;
}

static char *
build_tree_path(const char *dir, const char *src, enum install_item item)
{
    switch (item) {
    case INSTALL_CORPUS:
        return xasprintf("%s/assets/corpus", src);
    case INSTALL_CORPUS_IMAGE:
        return xasprintf("%s/corpus.img", dir);
    case INSTALL_KEYMAPS:
        return xasprintf("%s/keymaps", src);
    case INSTALL_PDF_MODULE:
        return xasprintf("%s/ndvr-pdf.so", dir);
    case INSTALL_LOCALE:
        return xasprintf("%s/locale", dir);
    }
    return xstrdup("");
}

char *
install_path_from(const char *dir, enum install_item item)
{
    char *data = xasprintf("%s/" NDVR_BIN_TO_DATA, dir);
    bool installed = is_directory(data);
    free(data);
    char *src = installed ? NULL : build_tree_source(dir);
    char *path = src ? build_tree_path(dir, src, item) : installed_path(dir, item);
    free(src);
    return path;
}

char *
install_path(enum install_item item)
{
    char dir[PATH_MAX];
    if (exe_dir(dir, sizeof dir))
        return install_path_from(dir, item);
    /* no /proc: where the build meant to install */
    switch (item) {
    case INSTALL_CORPUS:
        return xstrdup(NDVR_DATADIR "/corpus");
    case INSTALL_CORPUS_IMAGE:
        return xstrdup(NDVR_DATADIR "/corpus.img");
    case INSTALL_KEYMAPS:
        return xstrdup(NDVR_DATADIR "/keymaps");
    case INSTALL_PDF_MODULE:
        return xstrdup(NDVR_PKGLIBDIR "/ndvr-pdf.so");
    case INSTALL_LOCALE:
        return xstrdup(NDVR_LOCALEDIR);
    }
    return xstrdup("");
}
