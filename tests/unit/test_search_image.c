/* Search keys written out and searched in place: the same hits as the index that folded them,
 * the same bytes whatever was folded first, and damaged bytes refused, never trusted. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_load.h"
#include "search/search.h"
#include "util/strbuf.h"

#define CORPUS_DIR NDVR_SOURCE_DIR "/assets/corpus"

static struct corpus *corpus;

static void
setup(void)
{
    struct diag d = {0};
    cr_assert(corpus_load_dir(CORPUS_DIR, &corpus, &d), "load: %s", d.msg);
}

static void
teardown(void)
{
    corpus_free(corpus);
}

TestSuite(search_image, .init = setup, .fini = teardown);

/* The serialised keys of a fresh index over c, in a buffer the caller frees (malloc aligns
 * it for uint32_t). */
static uint32_t *
serialize(const struct corpus *c, size_t *n)
{
    struct search_index *index = search_index_new(c);
    struct strbuf sb = STRBUF_INIT;
    cr_assert(search_keys_serialize(index, &sb));
    search_index_free(index);
    uint32_t *copy = malloc(sb.len + sizeof(uint32_t));
    memcpy(copy, sb.data, sb.len);
    *n = sb.len;
    sb_free(&sb);
    return copy;
}

static struct search_hits
run(struct search_index *index, const char *text, bool regex, const struct node *scope)
{
    struct search_hits hits = {0};
    struct diag d = {0};
    struct search_query q = {.text = text, .regex = regex, .scope = scope};
    cr_assert(search_run(index, &q, &hits, &d), "`%s`: %s", text, d.msg);
    return hits;
}

static void
expect_same_hits(struct search_index *a, struct search_index *b, const char *text, bool regex,
                 const struct node *scope)
{
    struct search_hits x = run(a, text, regex, scope), y = run(b, text, regex, scope);
    cr_assert_eq(x.n, y.n, "`%s`: %zu hits, from the image %zu", text, x.n, y.n);
    for (size_t i = 0; i < x.n; i++)
        cr_assert(x.v[i].node == y.v[i].node && x.v[i].field == y.v[i].field &&
                      x.v[i].offset == y.v[i].offset && x.v[i].length == y.v[i].length,
                  "`%s`: hit %zu differs", text, i);
    search_hits_free(&x);
    search_hits_free(&y);
}

static const struct {
    const char *text;
    bool regex;
} queries[] = {
    {"核查", false},
    {"langeland", false},
    {"ｇｅ－ｎｄｖ／２０１８／４", false},
    {"2019 年 在联合国", false},
    {"网站。根据", false},
    {",", false},
    {"(", false},
    {"a", false},
    {"ge-ndv/2019/[0-9]", true},
    {"核.军", true},
    {"Knut\\Wlangeland", true},
    {".", true},
};

Test(search_image, same_hits_as_the_index_that_folded_them)
{
    size_t n;
    uint32_t *bytes = serialize(corpus, &n);
    struct diag d = {0};
    struct search_index *image = search_index_from_image(corpus, bytes, n, &d);
    cr_assert_not_null(image, "%s", d.msg);
    struct search_index *folded = search_index_new(corpus);
    const struct node *nor = corpus_find(corpus, "A/72/304#NOR");
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        expect_same_hits(folded, image, queries[i].text, queries[i].regex, NULL);
        expect_same_hits(folded, image, queries[i].text, queries[i].regex, nor);
    }
    search_index_free(folded);
    search_index_free(image);
    free(bytes);
}

/* The bytes do not depend on what was searched first, and an image writes itself out again
 * byte for byte. */
Test(search_image, identical_bytes)
{
    size_t n;
    uint32_t *bytes = serialize(corpus, &n);
    cr_expect_lt(n, 400 * 1024, "%zu bytes of keys for a corpus of 280 KB of JSON", n);

    struct search_index *index = search_index_new(corpus);
    struct search_hits h = run(index, "核查", false, corpus_find(corpus, "A/72/304#NOR"));
    search_hits_free(&h);
    struct strbuf sb = STRBUF_INIT;
    cr_assert(search_keys_serialize(index, &sb));
    cr_expect(sb.len == n && memcmp(sb.data, bytes, n) == 0, "scoped search first");
    search_index_free(index);

    struct diag d = {0};
    struct search_index *image = search_index_from_image(corpus, bytes, n, &d);
    cr_assert_not_null(image, "%s", d.msg);
    sb_truncate(&sb, 0);
    cr_assert(search_keys_serialize(image, &sb));
    cr_expect(sb.len == n && memcmp(sb.data, bytes, n) == 0, "written out from the image");
    search_index_free(image);
    sb_free(&sb);
    free(bytes);
}

/* --- Damage ---------------------------------------------------------------------------- */

/* Refused for c, with a message that starts with "search keys: " and holds `want`. */
static void
expect_refused_for(const struct corpus *c, const uint32_t *bytes, size_t n, const char *want)
{
    struct diag d = {0};
    struct search_index *index = search_index_from_image(c, bytes, n, &d);
    cr_expect_null(index, "accepted; expected: %s", want);
    search_index_free(index);
    cr_expect(strncmp(d.msg, "search keys: ", 13) == 0 && strstr(d.msg, want) != NULL,
              "message `%s`, expected `%s`", d.msg, want);
}

static void
expect_refused(const uint32_t *bytes, size_t n, const char *want)
{
    expect_refused_for(corpus, bytes, n, want);
}

/* Word offsets of the image's parts, from its header. */
struct layout {
    size_t nnodes, nrec, nspans, rec, spans, keys; /* rec, spans: word offsets */
};

static struct layout
layout_of(const uint32_t *w)
{
    struct layout l = {w[2], w[3], w[4], 0, 0, 0};
    l.rec = 6 + l.nnodes;
    l.spans = l.rec + 5 * l.nrec;
    l.keys = (l.spans + 3 * l.nspans) * 4;
    return l;
}

/* The first record that has a folded key with spans: its word offset. */
static size_t
record_with_spans(const uint32_t *w, const struct layout *l)
{
    for (size_t r = 0; r < l->nrec; r++)
        if (w[l->rec + 5 * r] != UINT32_MAX && w[l->rec + 5 * r + 4] >= 2)
            return l->rec + 5 * r;
    cr_assert_fail("no record with spans");
    return 0;
}

Test(search_image, damaged_bytes_are_refused)
{
    size_t n;
    uint32_t *good = serialize(corpus, &n);
    uint32_t *w = malloc(n + 8);
    struct layout l = layout_of(good);
#define RESET() memcpy(w, good, n)
    RESET();
    expect_refused(w, 10, "truncated");
    expect_refused(w, n - 1, "where the header says");
    expect_refused(w, n - 4, "where the header says");
    w[0] ^= 1;
    expect_refused(w, n, "not version 1");
    RESET();
    w[1] = 2;
    expect_refused(w, n, "not version 1");
    RESET();
    w[2]++;
    expect_refused(w, n, "made for");
    RESET();
    w[3]++;
    expect_refused(w, n, "where the header says");
    RESET();
    w[6 + 3]++;
    expect_refused(w, n, "records out of order");
    size_t r = record_with_spans(good, &l);
    RESET();
    w[r] = (uint32_t)(n * 2); /* the key's offset */
    expect_refused(w, n, "a key out of bounds");
    RESET();
    w[r + 1]--; /* the key's length: its NUL is not where it says */
    expect_refused(w, n, "a key of the wrong length");
    RESET();
    w[r + 2]++; /* the field's length */
    expect_refused(w, n, "the field's length differs");
    RESET();
    w[r + 3] = (uint32_t)l.nspans; /* the first span */
    expect_refused(w, n, "spans out of bounds");
    size_t sp = l.spans + 3 * good[r + 3];
    RESET();
    w[sp + 4] = w[sp + 3] - 1; /* the second span ends before it starts */
    expect_refused(w, n, "spans out of order");
    RESET();
    w[sp + 2] = good[r + 2] + 1; /* the first span ends after the field */
    expect_refused(w, n, "a span out of the field");
    RESET();
    cr_expect_null(search_index_from_image(corpus, (const char *)w + 1, n, NULL),
                   "misaligned bytes");
#undef RESET
    free(w);
    free(good);
}

/* Random damage: refused, or (where it keeps every bound) searched without a read out of
 * bounds (the sanitizer build checks) and with hits inside their fields, on characters. */
Test(search_image, random_damage_never_reads_out_of_bounds)
{
    size_t n;
    uint32_t *good = serialize(corpus, &n);
    uint32_t *w = malloc(n);
    uint64_t rng = 0x2545F4914F6CDD1Du;
    size_t accepted = 0;
    for (int round = 0; round < 300; round++) {
        memcpy(w, good, n);
        for (int k = 0; k < 1 + round % 3; k++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            size_t at = (size_t)(rng >> 20) % n;
            ((unsigned char *)w)[at] ^= (unsigned char)(1u << (rng % 8));
        }
        struct search_index *index = search_index_from_image(corpus, w, n, NULL);
        if (index == NULL)
            continue;
        accepted++;
        for (size_t q = 0; q < 4; q++) {
            struct search_hits h = run(index, queries[q].text, queries[q].regex, NULL);
            for (size_t i = 0; i < h.n; i++) {
                const char *s = search_field_string(h.v[i].node, h.v[i].field);
                size_t len = strlen(s), end = h.v[i].offset + h.v[i].length;
                cr_assert(end <= len, "hit out of its field");
                cr_assert((s[h.v[i].offset] & 0xC0) != 0x80 && (s[end] & 0xC0) != 0x80,
                          "hit cuts a character");
            }
            search_hits_free(&h);
        }
        search_index_free(index);
    }
    cr_log_info("%zu of 300 damaged images accepted (changed key bytes)", accepted);
    free(w);
    free(good);
}

/* A corpus of one paragraph with the given text. */
static struct corpus *
load_paragraph(const char *text)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"format\": \"ndvr-tree\", \"version\": 1, \"source\": \"t.txt\",\n"
             " \"document\": {\"address\": \"T/1\", \"kind\": \"document\", \"symbol\": "
             "\"T/1\", \"children\": [\n"
             "   {\"address\": \"T/1#p1\", \"kind\": \"paragraph\", \"text\": \"%s\"}]},\n"
             " \"countries\": []}\n",
             text);
    struct corpus_source src = {"t.json", json, strlen(json)};
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_sources(&src, 1, NULL, &c, &d), "%s", d.msg);
    return c;
}

/* Keys made for one corpus do not fit another, with other nodes or other text. */
Test(search_image, another_corpus)
{
    size_t n;
    uint32_t *bytes = serialize(corpus, &n);
    struct corpus *one = load_paragraph("核查，Verification。");
    expect_refused_for(one, bytes, n, "made for");
    free(bytes);
    bytes = serialize(one, &n);
    struct corpus *other = load_paragraph("核查，Verification!");
    expect_refused_for(other, bytes, n, "the field's length differs");
    struct corpus *same_length = load_paragraph("核查V，erification。");
    expect_refused_for(same_length, bytes, n, "a span cuts a character");
    corpus_free(one);
    corpus_free(other);
    corpus_free(same_length);
    free(bytes);
}
