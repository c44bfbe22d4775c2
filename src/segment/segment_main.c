/* ndvr-segment: turn a source text into a report tree (JSON on stdout or in a file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/facts.h"
#include "segment/segment.h"
#include "util/textfile.h"

static const char usage[] =
    "usage: ndvr-segment [--facts FILE] [--symbol SYMBOL] [-o OUT] SOURCE\n"
    "Turns a UN report's source text into a report tree (see ndvr-tree(5)).\n"
    "  --facts FILE    the facts file (default: facts.txt beside SOURCE)\n"
    "  --symbol SYM    the document's UN symbol (default: from the facts file)\n"
    "  -o OUT          write to OUT instead of standard output\n";

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

static int
write_tree(const cJSON *tree, const char *out)
{
    char *json = cJSON_Print(tree);
    FILE *f = out ? fopen(out, "w") : stdout;
    if (f == NULL) {
        perror(out);
        free(json);
        return 2;
    }
    fputs(json, f);
    fputc('\n', f);
    free(json);
    int err = ferror(f);
    if (out && fclose(f) != 0)
        err = 1;
    if (err) {
        fprintf(stderr, "ndvr-segment: %s: write error\n", out ? out : "stdout");
        return 2;
    }
    return 0;
}

static void
report(const struct diag *d)
{
    char buf[1024];
    diag_format(d, buf, sizeof buf);
    fprintf(stderr, "ndvr-segment: %s\n", buf);
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
    const char *symbol = o.symbol ? o.symbol : facts_document_symbol(&facts, base ? base + 1 : o.source);
    rc = 2;
    if (text == NULL) {
        report(&d);
    } else if (symbol == NULL) {
        fprintf(stderr, "ndvr-segment: %s: no document symbol (give --symbol or a `document` line in the facts file)\n", o.source);
    } else {
        struct seg_source src;
        seg_source_init(&src, o.source, text, n);
        struct seg_ctx ctx = {.facts = &facts, .src = &src, .symbol = symbol, .diag = &d};
        cJSON *tree = segment_run(&ctx);
        if (tree == NULL)
            report(&d);
        else
            rc = write_tree(tree, o.out);
        cJSON_Delete(tree);
        seg_source_fini(&src);
    }
    free(text);
    facts_free(&facts);
    return rc;
}
