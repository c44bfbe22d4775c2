/* `ndvr import`: report trees into the user's corpus, and out of it again.
 *
 * `ndvr import FILE...` checks each tree as `ndvr check` does (strict: any problem refuses it),
 * first alone, then together with the corpus it joins (the bundled trees and the user's other
 * ones), and only when every FILE passes writes them into the user's corpus directory, each
 * atomically, named after its symbol as the bundled files are (A/75/123: A-75-123.json). Each
 * FILE is read once, so the bytes checked are the bytes written. A symbol of the bundled corpus
 * is refused; a symbol imported before is replaced. `--remove SYMBOL...` deletes imported
 * trees, `--list` lists them. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "corpus/corpus_load.h"
#include "state/atomic.h"
#include "state/paths.h"
#include "util/textfile.h"
#include "util/xalloc.h"

#define LOCK_NAME ".lock" /* a dot: the loader skips it */
#define NAME_MAX_BYTES 200

/* One tree being imported. */
struct import {
    const char *path; /* FILE, borrowed from argv */
    char *data;       /* its bytes, read once */
    size_t nbytes;
    struct corpus *alone; /* the tree loaded by itself; owned */
    const char *symbol;   /* its document's address, in alone */
    char *name;           /* its file name in the user's corpus */
};

/* The file name for a document symbol, as the bundled files are named: '/' becomes '-' and
 * ".json" is added. NULL (no file) for a symbol with other characters than ASCII letters,
 * digits, '/', '.', '-' and '_', or not starting with a letter or digit (no hidden file, no
 * "..", nothing a shell would mangle). Caller frees. */
static char *
file_name_of(const char *symbol)
{
    static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/.-_";
    size_t n = strlen(symbol);
    if (n == 0 || n > NAME_MAX_BYTES || strspn(symbol, ok) != n || strchr("/.-_", symbol[0]))
        return NULL;
    char *name = xasprintf("%s.json", symbol);
    for (char *p = name; *p; p++)
        *p = *p == '/' ? '-' : *p;
    return name;
}

static void
print_problems(struct cli *cli, const struct corpus_report *report)
{
    for (size_t i = 0; i < report->n; i++)
        cli_put_diag(cli->err, "", &report->v[i]);
}

/* One line `ndvr import: ` and the parts up to NULL, each through cli_put: a path or symbol
 * from the user or a file never drives the terminal. */
static void say(struct cli *cli, ...) __attribute__((sentinel));

static void
say(struct cli *cli, ...)
{
    va_list ap;
    va_start(ap, cli);
    fputs("ndvr import: ", cli->err);
    for (const char *part = va_arg(ap, const char *); part; part = va_arg(ap, const char *))
        cli_put(cli->err, part);
    va_end(ap);
    fputc('\n', cli->err);
}

static void
say_diag(struct cli *cli, const struct diag *d)
{
    cli_put_diag(cli->err, "ndvr import: ", d);
}

/* --- Checking ---------------------------------------------------------------------------- */

static bool
read_tree(struct cli *cli, struct import *imp)
{
    struct diag d = {0};
    imp->data = textfile_read(imp->path, &imp->nbytes, &d);
    if (imp->data == NULL)
        cli_put_diag(cli->err, "", &d);
    return imp->data != NULL;
}

/* The tree by itself, as `ndvr check FILE` checks it; then its symbol and file name. */
static bool
check_alone(struct cli *cli, struct import *imp)
{
    const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus_source src = {imp->path, imp->data, imp->nbytes};
    struct corpus_report report = {0};
    bool ok = corpus_load_sources_report(&src, 1, &strict, &imp->alone, &report, NULL);
    print_problems(cli, &report);
    corpus_report_free(&report);
    if (!ok)
        return false;
    size_t ndocs;
    imp->symbol = corpus_documents(imp->alone, &ndocs)[0]->address; /* a tree has one */
    imp->name = file_name_of(imp->symbol);
    if (imp->name == NULL)
        say(cli, imp->path, ": symbol ", imp->symbol,
            " cannot name a file (ASCII letters, digits and / . - _ only)", NULL);
    return imp->name != NULL;
}

/* The bundled corpus keeps its own trees: an import may not shadow them. */
static bool
check_not_bundled(struct cli *cli, const struct import *imps, size_t n)
{
    struct corpus *bundled = NULL;
    struct diag d = {0};
    if (!corpus_load_dir(cli->corpus_dir, &bundled, &d)) {
        cli_put_diag(cli->err, "", &d);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct node *node = corpus_find(bundled, imps[i].symbol);
        if (node == NULL || node->kind != NODE_DOCUMENT)
            continue;
        say(cli, imps[i].path, ": ", imps[i].symbol, " is in the bundled corpus (", cli->corpus_dir,
            "); only other documents can be imported", NULL);
        ok = false;
    }
    corpus_free(bundled);
    return ok;
}

/* Whether the file at path is one an import replaces (by its name). */
static bool
is_replaced(const char *path, const struct import *imps, size_t n)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    for (size_t i = 0; i < n; i++)
        if (strcmp(base, imps[i].name) == 0)
            return true;
    return false;
}

/* The texts of one load: the corpus's files first, which it owns (read here), then the
 * imports', which it borrows. */
struct sources {
    struct corpus_source *v;
    size_t n, cap;
    size_t nowned; /* v[0..nowned) are owned: their name and data are freed */
};

static void
sources_add(struct sources *s, const char *name, const char *data, size_t nbytes)
{
    s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = (struct corpus_source){name, data, nbytes};
}

static void
sources_free(struct sources *s)
{
    for (size_t i = 0; i < s->nowned; i++) {
        free((char *)s->v[i].name);
        free((char *)s->v[i].data);
    }
    free(s->v);
}

/* Reads path into s, which takes it over; false after saying why it cannot be read. */
static bool
sources_read(struct cli *cli, struct sources *s, char *path)
{
    struct diag d = {0};
    size_t nbytes = 0;
    char *data = textfile_read(path, &nbytes, &d);
    if (data == NULL) {
        cli_put_diag(cli->err, "", &d);
        free(path);
        return false;
    }
    sources_add(s, path, data, nbytes);
    s->nowned++;
    return true;
}

/* Reads the files of the corpus the imports join, but for those they replace; false after
 * saying what cannot be read. */
static bool
read_corpus(struct cli *cli, struct sources *s, const struct import *imps, size_t n)
{
    const char *dirs[2];
    size_t ndirs = cli_corpus_dirs(cli, dirs);
    bool ok = true;
    for (size_t i = 0; ok && i < ndirs; i++) {
        struct diag d = {0};
        size_t count = 0;
        char **paths = corpus_list_dir(dirs[i], &count, &d);
        if (paths == NULL)
            cli_put_diag(cli->err, "", &d);
        ok = paths != NULL;
        for (size_t k = 0; k < count; k++) {
            bool skip = !ok || (i > 0 && is_replaced(paths[k], imps, n));
            if (skip)
                free(paths[k]);
            else
                ok = sources_read(cli, s, paths[k]);
        }
        free(paths);
    }
    return ok;
}

/* The imports with the corpus they join, in strict mode: references into the other trees
 * resolve, no document is there twice, and the whole stays clean. */
static bool
check_together(struct cli *cli, const struct import *imps, size_t n)
{
    struct sources s = {0};
    bool ok = read_corpus(cli, &s, imps, n);
    for (size_t i = 0; ok && i < n; i++)
        sources_add(&s, imps[i].path, imps[i].data, imps[i].nbytes);
    if (ok) {
        const struct corpus_load_options strict = CORPUS_LOAD_OPTIONS_STRICT;
        struct corpus *corpus = NULL;
        struct corpus_report report = {0};
        ok = corpus_load_sources_report(s.v, s.n, &strict, &corpus, &report, NULL);
        print_problems(cli, &report);
        corpus_report_free(&report);
        corpus_free(corpus);
    }
    sources_free(&s);
    return ok;
}

/* --- Writing ----------------------------------------------------------------------------- */

/* The user's corpus directory, or NULL after saying why there is none to use. */
static const char *
user_dir(struct cli *cli)
{
    if (cli->no_user_corpus) {
        cli_usage_error(cli, "import", "--no-user-corpus leaves no user corpus to work on");
        return NULL;
    }
    if (cli->user_corpus_dir == NULL)
        say(cli, "no user corpus: neither XDG_DATA_HOME nor HOME is an absolute path", NULL);
    return cli->user_corpus_dir;
}

/* Takes the lock of the user's corpus (writers only); -1 after saying why not. */
static int
lock_dir(struct cli *cli, const char *dir)
{
    struct diag d = {0};
    char *path = state_path(dir, LOCK_NAME);
    int fd = atomic_lock(path, &d);
    free(path);
    if (fd < 0)
        say_diag(cli, &d);
    return fd;
}

static size_t
count_kind(const struct corpus *corpus, enum node_kind kind)
{
    size_t n, count = 0;
    struct node *const *nodes = corpus_nodes(corpus, &n);
    for (size_t i = 0; i < n; i++)
        count += nodes[i]->kind == kind;
    return count;
}

/* `imported A/75/123 (42 paragraphs, 7 footnotes) into PATH`. */
static void
print_imported(struct cli *cli, const struct import *imp, bool replaced, const char *path)
{
    size_t paragraphs = count_kind(imp->alone, NODE_PARAGRAPH);
    size_t footnotes = count_kind(imp->alone, NODE_FOOTNOTE);
    fputs(replaced ? "replaced " : "imported ", cli->out);
    cli_put(cli->out, imp->symbol);
    fprintf(cli->out, " (%zu paragraph%s, %zu footnote%s) %s ", paragraphs,
            paragraphs == 1 ? "" : "s", footnotes, footnotes == 1 ? "" : "s",
            replaced ? "in" : "into");
    cli_put(cli->out, path);
    fputc('\n', cli->out);
}

static bool
write_tree(struct cli *cli, const char *dir, const struct import *imp)
{
    char *path = state_path(dir, imp->name);
    struct diag d = {0};
    bool replaced = access(path, F_OK) == 0;
    atomic_remove_temps(dir, imp->name); /* a killed import's leftovers */
    bool ok = atomic_write(path, imp->data, imp->nbytes, &d);
    if (ok)
        print_imported(cli, imp, replaced, path);
    else
        say_diag(cli, &d);
    free(path);
    return ok;
}

/* Creates the directory (0700, as the state directory) and writes every tree under the lock. */
static bool
write_trees(struct cli *cli, const char *dir, const struct import *imps, size_t n)
{
    struct diag d = {0};
    if (!state_dir_create(dir, &d)) {
        say_diag(cli, &d);
        return false;
    }
    int lock = lock_dir(cli, dir);
    bool ok = lock >= 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = write_tree(cli, dir, &imps[i]);
    atomic_unlock(lock);
    return ok;
}

static bool
import_checked(struct cli *cli, struct import *imps, size_t n)
{
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = read_tree(cli, &imps[i]) && check_alone(cli, &imps[i]);
    return ok && check_not_bundled(cli, imps, n) && check_together(cli, imps, n);
}

static int
import_files(struct cli *cli, const char *dir, char **files, size_t n)
{
    struct diag d = {0};
    if (!state_dir_check(dir, &d)) { /* before the work, and before anything is made */
        say_diag(cli, &d);
        return CLI_ERROR;
    }
    struct import *imps = xcalloc(n, sizeof *imps);
    for (size_t i = 0; i < n; i++)
        imps[i].path = files[i];
    bool ok = import_checked(cli, imps, n);
    if (!ok)
        fputs("ndvr import: nothing imported\n", cli->err);
    ok = ok && write_trees(cli, dir, imps, n);
    for (size_t i = 0; i < n; i++) {
        free(imps[i].data);
        corpus_free(imps[i].alone);
        free(imps[i].name);
    }
    free(imps);
    return ok ? CLI_OK : CLI_ERROR;
}

/* --- Removing and listing ---------------------------------------------------------------- */

static int
remove_one(struct cli *cli, const char *dir, const char *symbol)
{
    char *name = file_name_of(symbol);
    char *path = name ? state_path(dir, name) : NULL;
    int err = path == NULL ? ENOENT : unlink(path) == 0 ? 0 : errno;
    if (err == 0) {
        fputs("removed ", cli->out);
        cli_put(cli->out, symbol);
        fputs(" from ", cli->out);
        cli_put(cli->out, path);
        fputc('\n', cli->out);
    } else if (err == ENOENT) {
        say(cli, symbol, " is not in the user corpus (", dir, ")", NULL);
    } else {
        say(cli, "cannot remove ", path, ": ", strerror(err), NULL);
    }
    free(path);
    free(name);
    return err == 0 ? CLI_OK : err == ENOENT ? CLI_NOT_FOUND : CLI_ERROR;
}

static bool
is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Removes the trees of the symbols; the worst status of them. */
static int
remove_symbols(struct cli *cli, const char *dir, char **symbols, size_t n)
{
    int lock = is_dir(dir) ? lock_dir(cli, dir) : -1;
    if (is_dir(dir) && lock < 0)
        return CLI_ERROR;
    int status = CLI_OK;
    for (size_t i = 0; i < n; i++) {
        int s = remove_one(cli, dir, symbols[i]);
        status = s > status ? s : status;
    }
    atomic_unlock(lock);
    return status;
}

/* `SYMBOL<TAB>FILE<TAB>TITLE` for one imported tree, loaded by itself. */
static bool
list_one(struct cli *cli, const char *path)
{
    struct corpus *corpus = NULL;
    struct diag d = {0};
    if (!corpus_load_files(&path, 1, &corpus, &d)) {
        cli_put_diag(cli->err, "", &d);
        return false;
    }
    size_t ndocs;
    const struct node *doc = corpus_documents(corpus, &ndocs)[0];
    cli_put(cli->out, doc->address);
    fputc('\t', cli->out);
    cli_put(cli->out, path);
    fputc('\t', cli->out);
    cli_put(cli->out, node_display_title(doc));
    fputc('\n', cli->out);
    corpus_free(corpus);
    return true;
}

static int
list_imported(struct cli *cli, const char *dir)
{
    if (!is_dir(dir))
        return CLI_OK; /* nothing imported yet */
    struct diag d = {0};
    size_t n = 0;
    char **paths = corpus_list_dir(dir, &n, &d);
    if (paths == NULL) {
        say_diag(cli, &d);
        return CLI_ERROR;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        ok = list_one(cli, paths[i]) && ok;
        free(paths[i]);
    }
    free(paths);
    return ok ? CLI_OK : CLI_ERROR;
}

/* --- The command ------------------------------------------------------------------------- */

int
cmd_import_exec(struct cli *cli, int argc, char **argv)
{
    bool list = false, removing = false;
    const struct cli_flag flags[] = {{0, "list", &list, NULL}, {0, "remove", &removing, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    if (list && (removing || n > 0))
        return cli_usage_error(cli, "import", "--list takes nothing else");
    if (!list && n == 0)
        return cli_usage_error(cli, "import", removing ? "missing SYMBOL" : "missing FILE");
    const char *dir = user_dir(cli);
    if (dir == NULL)
        return CLI_ERROR;
    if (list)
        return list_imported(cli, dir);
    if (removing)
        return remove_symbols(cli, dir, argv + 1, (size_t)n);
    return import_files(cli, dir, argv + 1, (size_t)n);
}
