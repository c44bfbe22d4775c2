/* Fuzz target: the corpus image reader (corpus_image_open_memory). Each input is opened twice:
 * as it is, and with its header's size and checksum made to match its bytes, so that
 * mutations get past the checksum to the offsets and structure behind it. Opening must refuse
 * or accept without reading out of bounds (ASan), and what it accepts must render and search
 * safely: the search keys the image carries go through search_index_from_image. Seeds: the
 * images of the mini and bundled corpora, written by the build (tests/fuzz/README). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_image.h"
#include "corpus/corpus_load.h"
#include "corpus/image_format.h"
#include "fuzz.h"
#include "util/xalloc.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void
use_corpus(const struct corpus *corpus, bool clean)
{
    size_t n;
    struct node *const *nodes = corpus_nodes(corpus, &n);
    fuzz_accepted++;
    for (size_t i = 0; i < n; i += 1 + n / 64) /* a sample: whole images are large */
        fuzz_render_node(nodes[i], clean);
    fuzz_search(corpus, clean);
}

/* clean: the image is the input as it is, whose checksum stands for the writer's sanitised
 * text; a repaired image may hold any bytes in its strings (the readers' output layers
 * sanitise what they show), so only bounds are checked in it. */
static void
open_image(const uint8_t *data, size_t size, bool clean)
{
    struct corpus *corpus = NULL;
    struct corpus_image_info info = {0};
    struct diag d = {0};
    enum corpus_image_status st =
        corpus_image_open_memory(data, size, "fuzz.img", NULL, &corpus, &info, &d);
    FUZZ_CHECK((st == CORPUS_IMAGE_OK) == (corpus != NULL), "status %d with corpus %p", st,
               (void *)corpus);
    if (st == CORPUS_IMAGE_OK)
        use_corpus(corpus, clean);
    for (size_t i = 0; clean && i < info.warnings.n; i++)
        fuzz_check_clean("a stored warning", info.warnings.v[i].msg,
                         strlen(info.warnings.v[i].msg));
    corpus_report_free(&info.warnings);
    corpus_free(corpus);
}

/* A copy of data whose header's size and checksum match it. */
static uint8_t *
repaired(const uint8_t *data, size_t size)
{
    uint8_t *copy = xmalloc(size);
    memcpy(copy, data, size);
    struct image_header h;
    memcpy(&h, copy, sizeof h);
    h.nbytes = size;
    size_t from = offsetof(struct image_header, checksum) + sizeof h.checksum;
    h.checksum = corpus_image_hash(copy + from, size - from, 0);
    memcpy(copy, &h, from); /* the members up to the checksum; the rest is covered by it */
    return copy;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    open_image(data, size, true);
    if (size >= sizeof(struct image_header)) {
        uint8_t *copy = repaired(data, size);
        open_image(copy, size, false);
        free(copy);
    }
    return 0;
}
