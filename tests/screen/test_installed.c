/* The installed programs on their own: `cmake --install --prefix` into a temporary prefix, the
 * prefix then renamed, and the installed ndvr run from / with no source tree to fall back on,
 * a build tree's marker planted beside it (util/install_paths.h) naming a tree whose keymap
 * unbinds q. It must find its corpus, keymaps and PDF module under the moved prefix, and quit
 * with q. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "screen.h"
#include "util/textfile.h"
#include "util/xalloc.h"
#include "../support/run.h"

static char dir[64];
static char *prefix; /* where the installed tree ends up, after the rename */

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Installs into dir/first, renames it dir/moved, and plants the decoy build tree. */
static void
install(void)
{
    scr_temp_dir(dir, sizeof dir, "ndvr-installed");
    char *cmd = xasprintf("'%s' --install '%s' --prefix '%s/first' --strip >'%s/log' 2>&1",
                          NDVR_CMAKE, NDVR_BUILD_DIR, dir, dir);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    free(cmd);
    char *first = xasprintf("%s/first", dir);
    prefix = xasprintf("%s/moved", dir);
    cr_assert_eq(rename(first, prefix), 0);
    free(first);
    char *decoy = xasprintf("%s/decoy/keymaps", dir);
    char *mkdirs = xasprintf("mkdir -p '%s' '%s/decoy/assets/corpus'", decoy, dir);
    cr_assert_eq(system(mkdirs), 0);
    free(mkdirs);
    char *keys = xasprintf("%s/default.keys", decoy);
    write_file(keys, "unbind q\nunbind F1\n");
    char *marker = xasprintf("%s/bin/ndvr-build-tree", prefix);
    char *src = xasprintf("%s/decoy\n", dir);
    write_file(marker, src);
    free(decoy);
    free(keys);
    free(marker);
    free(src);
}

static void
uninstall(void)
{
    scr_remove_dir(dir);
    free(prefix);
}

TestSuite(installed, .init = install, .fini = uninstall, .timeout = 120);

static char *
installed(const char *rel)
{
    return xasprintf("%s/%s", prefix, rel);
}

/* The environment that hides the build: no corpus or module named by the harness. */
static const char *const hidden[] = {"NDVR_CORPUS=", "NDVR_PDF_MODULE=", NULL};

Test(installed, the_reader_finds_its_keys_and_quits_with_q)
{
    char *ndvr = installed("bin/ndvr");
    const char *argv[] = {"/usr/bin/env", "-C", "/", ndvr, NULL};
    struct vt *vt = scr_spawn(24, 80, argv, hidden);
    scr_settle(vt, "摘要");
    scr_expect_status(vt, "A/74/90");
    char *msg = scr_message_line(vt);
    cr_expect_eq(strspn(msg, " "), strlen(msg), "a message at start: %s", msg);
    free(msg);
    scr_quit(vt, "q");
    free(ndvr);
}

/* The installed translations, found from the moved prefix (LANGUAGE works in C.UTF-8). */
Test(installed, the_reader_speaks_chinese_from_the_installed_catalogue)
{
    char *ndvr = installed("bin/ndvr");
    const char *argv[] = {"/usr/bin/env", "-C", "/", ndvr, NULL};
    const char *env[] = {"NDVR_CORPUS=", "NDVR_PDF_MODULE=", "NDVR_LOCALEDIR=", "LANGUAGE=zh_CN",
                         NULL};
    struct vt *vt = scr_spawn(24, 80, argv, env);
    scr_settle(vt, "国家");
    scr_quit(vt, "q");
    free(ndvr);
}

/* `--keymap emacs`: the installed emacs.keys, from anywhere (C-s searches there; in
 * default.keys it is unbound). */
Test(installed, a_bundled_keymap_by_name)
{
    char *ndvr = installed("bin/ndvr");
    const char *argv[] = {"/usr/bin/env",    "-C", "/", ndvr, "--keymap", "emacs",
                          "A/74/90#summary", NULL};
    struct vt *vt = scr_spawn(24, 80, argv, hidden);
    scr_settle(vt, "摘要");
    vt_send_key(vt, "C-s");
    vt_send(vt, "langeland");
    scr_settle(vt, "langeland: match 1 of 2");
    vt_send_key(vt, "Escape");
    scr_settle_gone(vt, "langeland: match");
    scr_quit(vt, "q");
    free(ndvr);
}

static struct run
run_installed(const char *const *args)
{
    char *ndvr = installed("bin/ndvr");
    const char *argv[12] = {"-C", "/", ndvr};
    for (size_t i = 0; args[i] != NULL && i < 8; i++)
        argv[3 + i] = args[i];
    struct run r = run_program("/usr/bin/env", argv, hidden);
    free(ndvr);
    return r;
}

Test(installed, commands_find_the_corpus_and_the_pdf_module)
{
    struct run r = run_installed((const char *const[]){"ls", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out,
                     "A/72/304\tdocument\t核裁军核查：秘书长的报告\n"
                     "A/74/90\tdocument\t审议核查在推进核裁军方面作用政府专家组的最后报告\n");
    cr_expect_str_eq(r.err, "");
    run_free(&r);
    char *pdf = xasprintf("%s/p10.pdf", dir);
    r = run_installed((const char *const[]){"print", "--to", pdf, "A/74/90#p10", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    run_free(&r);
    size_t n;
    char *data = textfile_read(pdf, &n, NULL);
    cr_expect(data != NULL && n > 1000 && memcmp(data, "%PDF-", 5) == 0, "no PDF at %s", pdf);
    free(data);
    free(pdf);
}

static void
expect_file(const char *rel)
{
    char *path = installed(rel);
    struct stat st;
    cr_expect(stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0, "missing %s", rel);
    free(path);
}

Test(installed, everything_is_installed)
{
    const char *files[] = {"bin/ndvr",
                           "bin/ndvr-segment",
                           "share/ndvr/corpus/A-74-90.json",
                           "share/ndvr/corpus/A-72-304.json",
                           "share/ndvr/corpus.img",
                           "share/ndvr/keymaps/default.keys",
                           "share/ndvr/keymaps/emacs.keys",
                           "share/man/man1/ndvr.1",
                           "share/man/man1/ndvr-segment.1",
                           "share/man/man5/ndvr-tree.5",
                           "share/bash-completion/completions/ndvr",
                           "share/bash-completion/completions/ndvr-segment",
                           NDVR_ZSH_COMPLETION_DIR "/_ndvr",
                           "share/doc/ndvr/README.md",
                           "share/doc/ndvr/NEWS",
                           "share/locale/zh_CN/LC_MESSAGES/ndvr.mo",
                           "bin/" NDVR_BIN_TO_PKGLIB "/ndvr-pdf.so"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        expect_file(files[i]);
    /* a Debian package has its licence in debian/copyright instead */
    if (NDVR_LICENSE_INSTALLED)
        expect_file("share/doc/ndvr/LICENSE");
}

/* No build compiles the source or build tree's path into the programs (stripped, as a
 * package ships them). */
Test(installed, no_source_path_in_the_programs)
{
    const char *progs[] = {"bin/ndvr", "bin/ndvr-segment",
                           "bin/" NDVR_BIN_TO_PKGLIB "/ndvr-pdf.so"};
#ifdef NDVR_SANITIZED
    cr_skip_test("ASan and UBSan keep source paths in the programs for their reports");
#endif
    for (size_t i = 0; i < 3; i++) {
        char *path = installed(progs[i]);
        size_t n;
        char *data = textfile_read(path, &n, NULL);
        cr_assert_not_null(data, "%s", path);
        cr_expect_null(memmem(data, n, NDVR_SOURCE_DIR, strlen(NDVR_SOURCE_DIR)), "%s names %s",
                       progs[i], NDVR_SOURCE_DIR);
        cr_expect_null(memmem(data, n, NDVR_BUILD_DIR, strlen(NDVR_BUILD_DIR)), "%s names %s",
                       progs[i], NDVR_BUILD_DIR);
        free(data);
        free(path);
    }
}
