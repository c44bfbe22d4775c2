/* Fuzz target: the segmenter (segment_run) on a mutated source, with the bundled facts file;
 * a tree it makes must load (corpus_load_sources): ndvr-segment must never write a tree ndvr
 * refuses. The layout is detected from the text; the symbol is A/74/90's for a converted
 * report and A/72/304's for a PDF extraction, as the facts file names them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "corpus/corpus_load.h"
#include "fuzz.h"
#include "segment/facts.h"
#include "segment/segment.h"

static struct facts facts;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct diag d = {0};
    if (!facts_load(NDVR_SOURCE_DIR "/assets/source/facts.txt", &facts, &d)) {
        fprintf(stderr, "fuzz_segment: %s: %s\n", d.file, d.msg);
        exit(1);
    }
    return 0;
}

static void
check_loads(const cJSON *tree)
{
    fuzz_accepted++;
    char *json = cJSON_PrintUnformatted(tree);
    FUZZ_CHECK(json != NULL, "%s", "the tree cannot be printed");
    struct corpus_source src = {"segmented.json", json, strlen(json)};
    struct corpus *corpus = NULL;
    struct diag d = {0};
    bool loaded = corpus_load_sources(&src, 1, NULL, &corpus, &d);
    FUZZ_CHECK(loaded, "the segmenter made a tree ndvr refuses: %d:%d: %s", d.line, d.col, d.msg);
    corpus_free(corpus);
    free(json);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seg_source src;
    seg_source_init(&src, "fuzz.zh.txt", (const char *)data, size);
    const char *file =
        seg_detect_layout(&src) == SEG_LAYOUT_PDF ? "A-72-304.zh.txt" : "A-74-90.zh.txt";
    struct diag d = {0};
    struct seg_ctx ctx = {
        .facts = &facts, .src = &src, .symbol = facts_document_symbol(&facts, file), .diag = &d};
    cJSON *tree = segment_run(&ctx);
    if (tree != NULL)
        check_loads(tree);
    else
        fuzz_check_clean("a segmenter message", d.msg, strlen(d.msg));
    cJSON_Delete(tree);
    seg_source_fini(&src);
    return 0;
}
