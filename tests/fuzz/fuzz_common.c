/* The checks the fuzz targets share: clean text, rendering and search over what a load or an
 * image open accepted. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "render/blocks.h"
#include "search/search.h"
#include "text/sanitize.h"
#include "text/width.h"

unsigned long fuzz_accepted;

void
fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: broken: %s: ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void
fuzz_check_clean(const char *what, const char *s, size_t n)
{
    FUZZ_CHECK(sanitize_is_clean(s, n), "%s is not clean text: %.*s", what,
               (int)(n < 200 ? n : 200), s);
}

static void
check_block(const struct block *b, bool clean)
{
    static const int widths[] = {1, 21, 41, 80};
    if (clean)
        fuzz_check_clean("a block's text", b->text, b->len);
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        struct block_line *lines = NULL;
        size_t n = block_layout(b, widths[w], &lines);
        for (size_t i = 0; i < n; i++) {
            /* a line of the label alone indexes the label */
            size_t len = lines[i].label_only ? strlen(b->label) : b->len;
            FUZZ_CHECK(lines[i].start <= lines[i].end && lines[i].end <= len,
                       "line %zu [%zu, %zu) of a block of %zu bytes", i, lines[i].start,
                       lines[i].end, len);
            char *text = block_line_text(b, &lines[i]);
            int cols = text_width(text, strlen(text));
            if (clean)
                fuzz_check_clean("a laid-out line", text, strlen(text));
            /* at width 1 a wide character cannot fit, and is shown all the same */
            FUZZ_CHECK(cols <= widths[w] || widths[w] < 2, "a line of %d columns at width %d: %s",
                       cols, widths[w], text);
            free(text);
        }
        free(lines);
    }
}

void
fuzz_render_node(const struct node *node, bool clean)
{
    struct block_list blocks = {0};
    struct render_opts opts = {.footnotes = true, .own_only = true};
    render_node(node, &opts, &blocks);
    for (size_t i = 0; i < blocks.n; i++)
        check_block(&blocks.v[i], clean);
    block_list_free(&blocks);
}

static void
check_hits(const struct search_hits *hits, bool clean)
{
    for (size_t i = 0; i < hits->n; i++) {
        const struct search_hit *h = &hits->v[i];
        const char *field = search_field_string(h->node, h->field);
        size_t n = strlen(field);
        FUZZ_CHECK(h->offset <= n && h->length <= n - h->offset,
                   "hit [%zu, +%zu) in a field of %zu bytes", h->offset, h->length, n);
        if (clean)
            fuzz_check_clean("a hit", field + h->offset, h->length);
    }
}

void
fuzz_search(const struct corpus *corpus, bool clean)
{
    static const struct search_query queries[] = {
        {"核查", false, NULL}, {"a", false, NULL}, {"GE-NDV", false, NULL}, {"[a-z]+", true, NULL}};
    struct search_index *index = search_index_open(corpus);
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        struct search_hits hits = {0};
        struct diag d = {0};
        if (search_run(index, &queries[q], &hits, &d))
            check_hits(&hits, clean);
        search_hits_free(&hits);
    }
    search_index_free(index);
}
