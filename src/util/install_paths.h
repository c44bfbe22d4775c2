/* Where the programs find what is installed with them: the bundled corpus and its image, the
 * keymaps, the PDF module, the translations.
 *
 * An installed program finds them relative to its own executable (/proc/self/exe): bin/ →
 * share/ndvr and lib/ndvr, as the build configured them, so that `cmake --install --prefix X`
 * and moving X afterwards both work. A program run from its build tree (which holds the marker
 * file INSTALL_BUILD_TREE_MARKER, naming the source tree, that the build writes and no install
 * copies) finds the source tree's corpus and keymaps and the build's image and module. No
 * build compiles a source or build directory into the programs. */
#ifndef NDVR_INSTALL_PATHS_H
#define NDVR_INSTALL_PATHS_H

#define INSTALL_BUILD_TREE_MARKER "ndvr-build-tree"

enum install_item {
    INSTALL_CORPUS,       /* the bundled corpus's directory */
    INSTALL_CORPUS_IMAGE, /* the bundled corpus's image, made by the build */
    INSTALL_KEYMAPS,      /* the directory of default.keys and the other keymaps */
    INSTALL_PDF_MODULE,   /* the PDF device (print/pdf.h) */
    INSTALL_LOCALE,       /* the compiled translations, LANG/LC_MESSAGES/ndvr.mo */
};

/* The path of item for the running program; never NULL, the caller frees it. When neither an
 * installed tree nor a build tree is found, the installed path (which then does not exist, and
 * the caller's error names it). */
char *install_path(enum install_item item);

/* The installed tree the executable directory exe_dir belongs to, else its build tree, as
 * install_path() sees them: for tests. */
char *install_path_from(const char *exe_dir, enum install_item item);

#endif
