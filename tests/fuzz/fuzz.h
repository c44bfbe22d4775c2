/* What the fuzz targets share (tests/fuzz/README). Each target defines the two libFuzzer entry
 * points; built with -fsanitize=fuzzer they are driven by libFuzzer, built plainly they are
 * driven by replay.c, which feeds them files (the seeds and saved crashers, in ctest). */
#ifndef NDVR_TESTS_FUZZ_H
#define NDVR_TESTS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken contract: says which and where on stderr, then abort()s, which libFuzzer records as
 * a crash (with the input) and the replay reports as a failure. */
#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                                     \
    } while (0)

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

/* Inputs the target accepted (a corpus loaded, an image opened, a tree made): the replay
 * reports it, so that a seed directory of inputs that all fail early shows. */
extern unsigned long fuzz_accepted;

/* Checks that s (n bytes) is text a terminal may be shown: valid UTF-8 that the sanitiser
 * would leave as it is (no control, bidi or invisible character). what names it. */
void fuzz_check_clean(const char *what, const char *s, size_t n);

/* Lays out and reads back every block of node's rendering at a few widths, checking that each
 * line is inside its block and fits, and, when clean is set, that it is clean text (the
 * model's promise for what a load or an intact image gives). */
struct node;
void fuzz_render_node(const struct node *node, bool clean);

/* A few queries (literal and regex) over the corpus, every hit inside its field (and clean
 * text when clean is set). */
struct corpus;
void fuzz_search(const struct corpus *corpus, bool clean);

#endif
