/* Where the programs find their data: an installed tree found from the executable's directory
 * (bin/ -> share/ndvr, lib/ndvr), a build tree by its marker, and neither. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/install_paths.h"
#include "util/xalloc.h"

static char root[64];

static void
make_root(void)
{
    snprintf(root, sizeof root, "/tmp/ndvr-test-install-XXXXXX");
    cr_assert_not_null(mkdtemp(root));
}

static void
remove_root(void)
{
    char *cmd = xasprintf("rm -rf '%s'", root);
    cr_expect_eq(system(cmd), 0);
    free(cmd);
}

TestSuite(install_paths, .init = make_root, .fini = remove_root);

static void
mkdirs(const char *rel)
{
    char *cmd = xasprintf("mkdir -p '%s/%s'", root, rel);
    cr_assert_eq(system(cmd), 0);
    free(cmd);
}

static void
expect_path(const char *bindir, enum install_item item, const char *expected)
{
    char *dir = xasprintf("%s/%s", root, bindir);
    char *got = install_path_from(dir, item);
    char *want = xasprintf("%s/%s", root, expected);
    cr_expect_str_eq(got, want);
    free(dir);
    free(got);
    free(want);
}

/* The default layout, as GNUInstallDirs makes it for any prefix but /usr. */
Test(install_paths, the_default_layout_is_share_and_lib)
{
    cr_expect_str_eq(NDVR_BIN_TO_DATA, "../share/ndvr");
    cr_expect(strcmp(NDVR_BIN_TO_PKGLIB, "../lib/ndvr") == 0 ||
                  strncmp(NDVR_BIN_TO_PKGLIB, "../lib/", 7) == 0,
              "%s", NDVR_BIN_TO_PKGLIB);
}

Test(install_paths, an_installed_tree_is_found_beside_the_executable)
{
    mkdirs("bin");
    mkdirs("share/ndvr");
    expect_path("bin", INSTALL_CORPUS, "bin/" NDVR_BIN_TO_DATA "/corpus");
    expect_path("bin", INSTALL_CORPUS_IMAGE, "bin/" NDVR_BIN_TO_DATA "/corpus.img");
    expect_path("bin", INSTALL_KEYMAPS, "bin/" NDVR_BIN_TO_DATA "/keymaps");
    expect_path("bin", INSTALL_PDF_MODULE, "bin/" NDVR_BIN_TO_PKGLIB "/ndvr-pdf.so");
}

static void
write_marker(const char *bindir, const char *content)
{
    char *path = xasprintf("%s/%s/" INSTALL_BUILD_TREE_MARKER, root, bindir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(content, f);
    cr_assert_eq(fclose(f), 0);
    free(path);
}

Test(install_paths, a_build_tree_names_its_source_tree)
{
    mkdirs("src/build");
    char *src = xasprintf("%s/src\n", root);
    write_marker("src/build", src);
    free(src);
    expect_path("src/build", INSTALL_CORPUS, "src/assets/corpus");
    expect_path("src/build", INSTALL_CORPUS_IMAGE, "src/build/corpus.img");
    expect_path("src/build", INSTALL_KEYMAPS, "src/keymaps");
    expect_path("src/build", INSTALL_PDF_MODULE, "src/build/ndvr-pdf.so");
}

/* An installed tree never looks at a marker beside it: the build tree's files stay out. */
Test(install_paths, an_installed_tree_wins_over_a_marker)
{
    mkdirs("bin");
    mkdirs("share/ndvr");
    write_marker("bin", "/elsewhere\n");
    expect_path("bin", INSTALL_KEYMAPS, "bin/" NDVR_BIN_TO_DATA "/keymaps");
}

/* Neither: the installed path, which the caller's error will name. A relative or empty marker
 * is no build tree. */
Test(install_paths, neither_gives_the_installed_path)
{
    mkdirs("bin");
    expect_path("bin", INSTALL_CORPUS, "bin/" NDVR_BIN_TO_DATA "/corpus");
    write_marker("bin", "relative/src\n");
    expect_path("bin", INSTALL_CORPUS, "bin/" NDVR_BIN_TO_DATA "/corpus");
    write_marker("bin", "");
    expect_path("bin", INSTALL_KEYMAPS, "bin/" NDVR_BIN_TO_DATA "/keymaps");
}
