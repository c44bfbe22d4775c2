/* Search at scale: a paragraph of megabytes with hundreds of thousands of hits costs time
 * linear in its size, and the snippets cut around each hit are those the whole field gave. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unigbrk.h>

#include "corpus/corpus_load.h"
#include "search/search.h"
#include "search/snippet.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* A one-document corpus whose only paragraph is text (any valid UTF-8). */
static struct corpus *
load_paragraph(const char *text)
{
    cJSON *root = cJSON_CreateObject(), *doc = cJSON_CreateObject(), *p = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "ndvr-tree");
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "source", "t.txt");
    cJSON_AddStringToObject(doc, "address", "T/1");
    cJSON_AddStringToObject(doc, "kind", "document");
    cJSON_AddStringToObject(doc, "symbol", "T/1");
    cJSON_AddStringToObject(p, "address", "T/1#p1");
    cJSON_AddStringToObject(p, "kind", "paragraph");
    cJSON_AddStringToObject(p, "text", text);
    cJSON *children = cJSON_AddArrayToObject(doc, "children");
    cJSON_AddItemToArray(children, p);
    cJSON_AddItemToObject(root, "document", doc);
    cJSON_AddArrayToObject(root, "countries");
    char *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    struct corpus_source src = {"t.json", json, strlen(json)};
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_sources(&src, 1, NULL, &corpus, &d), "%s", d.msg);
    free(json);
    return corpus;
}

/* The paragraph of crashers/search-quadratic.py: reps x 615 bytes, 40 hits of 核查 each. */
static char *
quadratic_text(size_t reps)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t r = 0; r < reps; r++) {
        for (int i = 0; i < 40; i++)
            sb_puts(&sb, "核裁军核查");
        sb_puts(&sb, " verification ");
    }
    return sb_detach(&sb);
}

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Seconds to search corpus for query on a new index and make every hit's snippet (what
 * `ndvr search` does); *nhits gets the hits. The best of three runs. */
static double
search_with_snippets(const struct corpus *corpus, const char *query, size_t *nhits)
{
    double best = 1e9;
    for (int run = 0; run < 3; run++) {
        double t0 = now();
        struct search_index *index = search_index_new(corpus);
        struct search_hits hits = {0};
        struct diag d = {0};
        struct search_query q = {.text = query};
        cr_assert(search_run(index, &q, &hits, &d), "%s", d.msg);
        for (size_t i = 0; i < hits.n; i++) {
            struct snippet sn;
            snippet_make(&hits.v[i], 16, &sn);
            snippet_free(&sn);
        }
        *nhits = hits.n;
        search_hits_free(&hits);
        search_index_free(index);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best;
}

/* A sanitizer build runs several times slower. */
#ifdef __SANITIZE_ADDRESS__
#define SLOWDOWN 8.0
#else
#define SLOWDOWN 1.0
#endif

/* crashers/search-quadratic.py with 200 reps took 3 to 6 s. */
Test(search_scale, one_paragraph_with_8000_hits)
{
    char *text = quadratic_text(200);
    struct corpus *corpus = load_paragraph(text);
    size_t n;
    double t = search_with_snippets(corpus, "核查", &n);
    cr_expect_eq(n, 8000);
    cr_expect_lt(t, 0.25 * SLOWDOWN, "%.3f s for 8,000 hits in 123 KB", t);
    corpus_free(corpus);
    free(text);
}

/* Four times the text and the hits cost about four times as much: the generous bound still
 * fails anything quadratic (which would cost sixteen times). */
Test(search_scale, linear_in_the_paragraph)
{
    double t[2];
    size_t hits[2], reps[2] = {1700, 6800}; /* about 1 MB and 4 MB */
    for (int k = 0; k < 2; k++) {
        char *text = quadratic_text(reps[k]);
        struct corpus *corpus = load_paragraph(text);
        t[k] = search_with_snippets(corpus, "核查", &hits[k]);
        corpus_free(corpus);
        free(text);
    }
    cr_expect_eq(hits[0], 40 * reps[0]);
    cr_expect_eq(hits[1], 40 * reps[1]);
    cr_expect_lt(t[1], 4 * 2.5 * t[0] + 0.02, "1 MB: %.3f s, 4 MB: %.3f s", t[0], t[1]);
    cr_log_info("1 MB: %.3f s, 4 MB: %.3f s", t[0], t[1]);
}

/* A needle of the very bytes the text is made of: each of its places is a candidate (the
 * needle ends in "a"), and comparing each costs the needle's length (quadratic: seconds for
 * 1 MB) unless the search gives up candidates for memmem, as it does. One hit, at the end. */
Test(search_scale, linear_for_a_needle_of_the_texts_own_bytes)
{
    double t[2];
    size_t sizes[2] = {1 << 18, 1 << 20}; /* 256 KB and 1 MB of "a", then "ba" */
    for (int k = 0; k < 2; k++) {
        size_t n = sizes[k], m = n / 8;
        char *text = xmalloc(n + 3), *needle = xmalloc(m + 3);
        memset(text, 'a', n);
        memcpy(text + n, "ba", 3);
        memset(needle, 'a', m);
        memcpy(needle + m, "ba", 3);
        struct corpus *corpus = load_paragraph(text);
        struct search_index *index = search_index_new(corpus);
        search_index_build_all(index);
        double t0 = now();
        struct search_hits hits = {0};
        struct diag d = {0};
        struct search_query q = {.text = needle};
        cr_assert(search_run(index, &q, &hits, &d), "%s", d.msg);
        t[k] = now() - t0;
        cr_assert_eq(hits.n, 1);
        cr_expect_eq(hits.v[0].offset, n - m);
        search_hits_free(&hits);
        search_index_free(index);
        corpus_free(corpus);
        free(needle);
        free(text);
    }
    cr_expect_lt(t[1], 0.25 * SLOWDOWN, "1 MB: %.3f s", t[1]);
    cr_expect_lt(t[1], 4 * 2.5 * t[0] + 0.02, "256 KB: %.3f s, 1 MB: %.3f s", t[0], t[1]);
}

/* The same for a regular expression, which regexec once measured to the field's end on
 * every call. (A sanitizer's regexec still does: not in that build.) */
Test(search_scale, linear_in_the_paragraph_for_a_regex)
{
#ifndef __SANITIZE_ADDRESS__
    double t[2];
    size_t reps[2] = {1700, 6800};
    for (int k = 0; k < 2; k++) {
        char *text = quadratic_text(reps[k]);
        struct corpus *corpus = load_paragraph(text);
        struct search_index *index = search_index_new(corpus);
        search_index_build_all(index);
        double t0 = now();
        struct search_hits hits = {0};
        struct diag d = {0};
        struct search_query q = {.text = "核查|verif", .regex = true};
        cr_assert(search_run(index, &q, &hits, &d), "%s", d.msg);
        t[k] = now() - t0;
        cr_expect_eq(hits.n, 41 * reps[k]);
        search_hits_free(&hits);
        search_index_free(index);
        corpus_free(corpus);
        free(text);
    }
    cr_expect_lt(t[1], 4 * 2.5 * t[0] + 0.02, "1 MB: %.3f s, 4 MB: %.3f s", t[0], t[1]);
#endif
}

/* --- Snippets against the implementation that read the whole field -------------------------- */

static void
ref_widen(const char *s, size_t n, int cols_max, size_t *start, size_t *end)
{
    char *starts = xcalloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)s, n, starts);
    int cols = 0;
    while (*start > 0) {
        size_t prev = *start - 1;
        while (prev > 0 && !starts[prev])
            prev--;
        cols += text_width(s + prev, *start - prev);
        if (cols > cols_max)
            break;
        *start = prev;
    }
    cols = 0;
    while (*end < n) {
        size_t next = *end + 1;
        while (next < n && !starts[next])
            next++;
        cols += text_width(s + *end, next - *end);
        if (cols > cols_max)
            break;
        *end = next;
    }
    free(starts);
}

static char *
ref_snippet(const struct search_hit *hit, int cols, size_t *mark_start, size_t *mark_end)
{
    const char *s = search_field_string(hit->node, hit->field);
    size_t n = strlen(s), hit_end = hit->offset + hit->length;
    size_t start = hit->offset, end = hit_end;
    ref_widen(s, n, cols, &start, &end);
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, start > 0 ? "…" : "");
    for (size_t i = start; i < end; i++) {
        if (i == hit->offset)
            *mark_start = sb.len;
        sb_putc(&sb, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
        if (i + 1 == hit_end)
            *mark_end = sb.len;
    }
    sb_puts(&sb, end < n ? "…" : "");
    return sb_detach(&sb);
}

static void
expect_reference_snippets(const struct corpus *corpus, const char *query, bool regex, int cols)
{
    struct search_index *index = search_index_new(corpus);
    struct search_hits hits = {0};
    struct diag d = {0};
    struct search_query q = {.text = query, .regex = regex};
    cr_assert(search_run(index, &q, &hits, &d), "%s", d.msg);
    for (size_t i = 0; i < hits.n; i++) {
        struct snippet sn;
        snippet_make(&hits.v[i], cols, &sn);
        size_t ms = 0, me = 0;
        char *want = ref_snippet(&hits.v[i], cols, &ms, &me);
        cr_assert_str_eq(sn.text, want, "`%s`, hit %zu (%s)", query, i, hits.v[i].node->address);
        cr_assert(sn.mark_start == ms && sn.mark_end == me, "`%s`, hit %zu: marks", query, i);
        free(want);
        snippet_free(&sn);
    }
    search_hits_free(&hits);
    search_index_free(index);
}

Test(search_scale, snippets_as_before_on_the_real_corpus)
{
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
    const char *literal[] = {"核查", "langeland", "，", "(", "a", "2019 年 在联合国"};
    for (size_t i = 0; i < sizeof literal / sizeof literal[0]; i++)
        expect_reference_snippets(corpus, literal[i], false, 16);
    expect_reference_snippets(corpus, ".", true, 16);
    expect_reference_snippets(corpus, "核.", true, 24);
    expect_reference_snippets(corpus, "核.", true, 0);
    corpus_free(corpus);
}

/* Random text of the pieces that break clusters in every way, and long runs without plain
 * characters (where the snippet must find a place to start breaking). */
Test(search_scale, snippets_as_before_on_random_text)
{
    /* clang-format off */
    static const char *const pieces[] = {
        "a", "Z", " ", "\n", "\t", "核", "，", "。", "“", "¹", "\u0301", "e", "x", "\u00df",
        "\ufb01", "\u1100", "\u1161", "\u11a8", "\U0001F1FA", "\U0001F1F8", "\U0001F468",
        "\u200d", "\U0001F469", "\U0001F3FB", "\ufe0f", "\u0600", "\u0903", "\u0915", "\u094d",
        "\u0e01", "\u0e33", "\u0627\u0644"};
    /* clang-format on */
    uint64_t rng = 0x853C49E6748FEA9Bu;
    for (int round = 0; round < 40; round++) {
        struct strbuf sb = STRBUF_INIT;
        size_t count = 200 + (size_t)round * 60;
        for (size_t i = 0; i < count; i++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            /* every other round, only pieces that are not plain, in long runs */
            size_t k = (size_t)(rng >> 33) % (sizeof pieces / sizeof pieces[0]);
            if (round % 2 == 1 && k < 10 && i % 97 != 0)
                k += 10;
            sb_puts(&sb, pieces[k]);
        }
        struct corpus *corpus = load_paragraph(sb.data);
        expect_reference_snippets(corpus, "a", false, 16);
        expect_reference_snippets(corpus, "\u0915", false, 8);
        expect_reference_snippets(corpus, ".", true, 16);
        corpus_free(corpus);
        sb_free(&sb);
    }
}
