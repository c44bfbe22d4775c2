/* Fuzz target: the corpus loader (corpus_load_sources_report), in both modes, on one or two
 * report trees (the input split at FUZZ_SPLIT); on what it accepts, rendering, layout at
 * several widths and search. Every message, text and line must be clean text. */
#include <string.h>

#include "corpus/corpus_load.h"
#include "fuzz.h"

#define FUZZ_SPLIT "\n--ndvr-fuzz-next-file--\n"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Splits data at the first FUZZ_SPLIT into sources; their number. */
static size_t
split(const uint8_t *data, size_t size, struct corpus_source src[2])
{
    const char *text = (const char *)data;
    size_t mark = sizeof FUZZ_SPLIT - 1;
    src[0] = (struct corpus_source){"fuzz-1.json", text, size};
    for (size_t i = 0; i + mark <= size; i++) {
        if (memcmp(text + i, FUZZ_SPLIT, mark) == 0) {
            src[0].nbytes = i;
            src[1] = (struct corpus_source){"fuzz-2.json", text + i + mark, size - i - mark};
            return 2;
        }
    }
    return 1;
}

static void
check_report(const struct corpus_report *report, const struct diag *d)
{
    fuzz_check_clean("a load message", d->msg, strlen(d->msg));
    for (size_t i = 0; i < report->n; i++)
        fuzz_check_clean("a load message", report->v[i].msg, strlen(report->v[i].msg));
}

static void
use_corpus(const struct corpus *corpus)
{
    size_t n;
    struct node *const *nodes = corpus_nodes(corpus, &n);
    fuzz_accepted++;
    for (size_t i = 0; i < n && i < 400; i++) {
        fuzz_check_clean("an address", nodes[i]->address, strlen(nodes[i]->address));
        fuzz_render_node(nodes[i], true);
    }
    fuzz_search(corpus, true);
}

static void
load(const struct corpus_source *src, size_t nsrc, enum corpus_load_mode mode)
{
    struct corpus_load_options options = CORPUS_LOAD_OPTIONS_READ;
    options.mode = mode;
    struct corpus *corpus = NULL;
    struct corpus_report report = {0};
    struct diag d = {0};
    if (corpus_load_sources_report(src, nsrc, &options, &corpus, &report, &d))
        use_corpus(corpus);
    check_report(&report, &d);
    corpus_report_free(&report);
    corpus_free(corpus);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct corpus_source src[2];
    size_t n = split(data, size, src);
    load(src, n, CORPUS_LOAD_READ);
    load(src, n, CORPUS_LOAD_STRICT);
    return 0;
}
