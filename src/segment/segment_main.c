/* ndvr-segment: turn a source text into a report tree (JSON on stdout or in a file). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus/corpus_load.h"
#include "segment/facts.h"
#include "segment/segment.h"
#include "util/textfile.h"
#include "util/version.h"
#include "util/xalloc.h"

static const char usage[] =
    "usage: ndvr-segment [--facts FILE] [--symbol SYMBOL] [-o OUT] SOURCE\n"
    "Turns a UN report's source text into a report tree (see ndvr-tree(5)).\n"
    "  --facts FILE    the facts file (default: facts.txt beside SOURCE)\n"
    "  --symbol SYM    the document's UN symbol (default: from the facts file)\n"
    "  -o OUT          write to OUT instead of standard output\n"
    "  --version       show the version and the licence\n";

struct options {
    const char *facts, *symbol, *out, *source;
};

static int
parse_args(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--facts") == 0    ? &o->facts
                            : strcmp(a, "--symbol") == 0 ? &o->symbol
                            : strcmp(a, "-o") == 0       ? &o->out
                                                         : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            version_print(stdout, "ndvr-segment");
            exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2);
        } else if (slot != NULL) {
            if (++i >= argc) {
                fprintf(stderr, "ndvr-segment: %s needs a value\n", a);
                return 2;
            }
            *slot = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "ndvr-segment: unknown option: %s\n%s", a, usage);
            return 2;
        } else if (o->source == NULL) {
            o->source = a;
        } else {
            fprintf(stderr, "ndvr-segment: one source at a time (extra: %s)\n", a);
            return 2;
        }
    }
    if (o->source == NULL) {
        fputs(usage, stderr);
        return 2;
    }
    return 0;
}

static char *
default_facts_path(const char *source)
{
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
    char *p = malloc(dir + sizeof "facts.txt");
    if (p == NULL)
        abort();
    memcpy(p, source, dir);
    strcpy(p + dir, "facts.txt");
    return p;
}

/* d as a line of standard error. */
static void
report_bare(const struct diag *d)
{
    char buf[1024];
    diag_format(d, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
}

static void
report(const struct diag *d)
{
    fputs("ndvr-segment: ", stderr);
    report_bare(d);
}

/* The tree as ndvr loads it: a tree the loader refuses is never written. What it only warns
 * about (such as a zero-width space from the source) is written, and said. */
static bool
tree_loads(const char *json, const char *name, const char *source)
{
    struct corpus_source src = {name, json, strlen(json)};
    struct corpus_load_options options = CORPUS_LOAD_OPTIONS_READ;
    struct corpus_report problems = {0};
    struct corpus *corpus = NULL;
    struct diag d = {0};
    bool ok = corpus_load_sources_report(&src, 1, &options, &corpus, &problems, &d);
    if (!ok) {
        report(&d);
        fprintf(stderr, "ndvr-segment: %s: the tree made from it does not load; nothing written\n",
                source);
    }
    for (size_t i = 0; i < problems.n; i++) {
        fputs("ndvr-segment: warning: ", stderr);
        report_bare(&problems.v[i]);
    }
    corpus_report_free(&problems);
    corpus_free(corpus);
    return ok;
}

static bool
put_all(FILE *f, const char *json)
{
    return fputs(json, f) >= 0 && fputc('\n', f) != EOF;
}

/* A symbolic link, a device or a FIFO (-o /dev/stdout) is written through, never replaced:
 * a rename would put a file where the link was. */
static bool
is_special(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Writes OUT.tmp.PID and renames it over OUT: an error leaves OUT as it was. */
static int
write_file(const char *out, const char *json)
{
    bool special = is_special(out);
    char *tmp = special ? xstrdup(out) : xasprintf("%s.tmp.%ld", out, (long)getpid());
    FILE *f = fopen(tmp, "w");
    bool ok = f != NULL && put_all(f, json);
    if (f != NULL && fclose(f) != 0)
        ok = false;
    if (ok && !special && rename(tmp, out) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "ndvr-segment: %s: %s\n", out, strerror(errno));
        if (!special)
            remove(tmp);
    }
    free(tmp);
    return ok ? 0 : 2;
}

static int
write_tree(const cJSON *tree, const char *out, const char *source)
{
    char *json = cJSON_Print(tree);
    int rc = 2;
    if (json == NULL)
        fputs("ndvr-segment: out of memory\n", stderr);
    else if (!tree_loads(json, out ? out : "(standard output)", source))
        rc = 2;
    else if (out != NULL)
        rc = write_file(out, json);
    else if (put_all(stdout, json) && fflush(stdout) == 0)
        rc = 0;
    else
        fprintf(stderr, "ndvr-segment: standard output: %s\n", strerror(errno));
    free(json);
    return rc;
}

int
main(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    struct diag d = {0};
    char *facts_path = o.facts ? NULL : default_facts_path(o.source);
    struct facts facts;
    if (!facts_load(o.facts ? o.facts : facts_path, &facts, &d)) {
        report(&d);
        free(facts_path);
        return 2;
    }
    free(facts_path);
    size_t n;
    char *text = textfile_read(o.source, &n, &d);
    const char *base = strrchr(o.source, '/');
    const char *symbol =
        o.symbol ? o.symbol : facts_document_symbol(&facts, base ? base + 1 : o.source);
    rc = 2;
    if (text == NULL) {
        report(&d);
    } else if (symbol == NULL) {
        fprintf(stderr,
                "ndvr-segment: %s: no document symbol (give --symbol or a `document` line in the "
                "facts file)\n",
                o.source);
    } else {
        struct seg_source src;
        seg_source_init(&src, o.source, text, n);
        struct seg_ctx ctx = {.facts = &facts, .src = &src, .symbol = symbol, .diag = &d};
        cJSON *tree = segment_run(&ctx);
        if (tree == NULL)
            report(&d);
        else
            rc = write_tree(tree, o.out, o.source);
        cJSON_Delete(tree);
        seg_source_fini(&src);
    }
    free(text);
    facts_free(&facts);
    return rc;
}
