/* Tests of search keys: width and case folding, markers ignored, mapping back; and the fast
 * folding against the implementation it replaced, over the real corpus and random text. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "corpus/corpus_load.h"
#include "search/fold.h"
#include "search/search.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Finds q in text the way search does; returns the original range or false. */
static bool
find(const char *text, const struct wrap_span *skip, size_t nskip, const char *q, size_t *start,
     size_t *end)
{
    struct fold_buf b;
    fold_buf_init(&b);
    fold_buf_run(&b, text, strlen(text), skip, nskip);
    struct fold_view k = fold_buf_view(&b, strlen(text));
    struct fold_key fq;
    fold_query(q, &fq);
    bool found = false;
    for (const char *p = k.key; (p = strstr(p, fq.key)) != NULL; p++) {
        size_t a = (size_t)(p - k.key);
        if (fold_is_boundary_match(&k, a, a + fq.len)) {
            fold_original_range(&k, a, a + fq.len, start, end);
            found = true;
            break;
        }
    }
    fold_buf_fini(&b);
    fold_key_free(&fq);
    return found;
}

Test(fold, fullwidth_query_finds_ascii_symbol)
{
    size_t s, e;
    const char *text = "见“核裁军核查——能力建设”(GE-NDV/2018/12)。";
    cr_assert(find(text, NULL, 0, "ｇｅ－ｎｄｖ／２０１８／１２", &s, &e));
    cr_expect_eq(e - s, strlen("GE-NDV/2018/12"));
    cr_expect(strncmp(text + s, "GE-NDV/2018/12", e - s) == 0);
}

Test(fold, latin_case_is_ignored)
{
    size_t s, e;
    const char *text = "Knut Langeland(挪威)";
    cr_assert(find(text, NULL, 0, "langeland", &s, &e));
    cr_expect_eq(s, 5);
    cr_expect_eq(e, 14);
    cr_assert(find(text, NULL, 0, "KNUT LANGELAND", &s, &e));
}

Test(fold, superscript_markers_are_ignored_and_kept_in_the_range)
{
    size_t s, e;
    const char *text = "报告载于A/72/304¹号文件";
    cr_assert(find(text, NULL, 0, "A/72/304号", &s, &e));
    /* the highlight covers the marker too: it sits inside the match */
    cr_expect(strncmp(text + s, "A/72/304¹号", e - s) == 0);
    cr_assert_not(find(text, NULL, 0, "3041", &s, &e), "the marker is not a digit of the symbol");
}

Test(fold, plain_digit_markers_given_as_spans_are_ignored)
{
    size_t s, e;
    const char *text = "裁军事务厅网站。1根据第 65/276 号决议";
    size_t at = strlen("裁军事务厅网站。");
    struct wrap_span marker = {at, at + 1};
    cr_assert(find(text, &marker, 1, "网站。根据", &s, &e));
    cr_assert_not(find(text, NULL, 0, "网站。根据", &s, &e), "without the span it is text");
}

Test(fold, matches_start_and_end_on_cluster_boundaries)
{
    size_t s, e;
    /* "e" must not match the e of e + combining acute */
    cr_assert_not(find("caf\x65\xcc\x81", NULL, 0, "cafe", &s, &e));
    cr_assert(find("caf\x65\xcc\x81", NULL, 0, "caf\xc3\xa9", &s, &e), "NFKC composes");
}

Test(fold, text_folding_leaves_alone_is_its_own_key)
{
    struct fold_buf b;
    fold_buf_init(&b);
    cr_expect(fold_buf_run(&b, "核查机制 abc-1", strlen("核查机制 abc-1"), NULL, 0));
    cr_expect_not(fold_buf_run(&b, "核查 Abc", strlen("核查 Abc"), NULL, 0), "A folds to a");
    cr_expect_eq(b.nspans, 0, "A and a line up");
    cr_expect_not(fold_buf_run(&b, "核查，机制", strlen("核查，机制"), NULL, 0));
    cr_expect_eq(b.nspans, 1, "only the full-width comma is mapped");
    cr_expect_str_eq(b.key, "核查,机制");
    fold_buf_fini(&b);
}

/* --- The implementation the fast one replaced, kept as the reference ------------------------ */

struct ref_key {
    struct strbuf key;
    size_t *from, *to; /* per key byte: its cluster's start and end in the original */
    size_t cap;
};

static bool
ref_in_skip(size_t pos, const struct wrap_span *skip, size_t nskip)
{
    for (size_t i = 0; i < nskip; i++)
        if (pos >= skip[i].start && pos < skip[i].end)
            return true;
    return false;
}

static void
ref_append_cluster(struct ref_key *f, const char *s, size_t start, size_t end)
{
    ucs4_t first;
    u8_mbtouc(&first, (const uint8_t *)s + start, end - start);
    if (wrap_is_superscript_digit(first))
        return;
    size_t len = 0;
    uint8_t *folded =
        u8_casefold((const uint8_t *)s + start, end - start, NULL, UNINORM_NFKC, NULL, &len);
    if (folded == NULL) {
        folded = malloc(end - start);
        memcpy(folded, s + start, end - start);
        len = end - start;
    }
    f->from = xgrow(f->from, &f->cap, f->key.len + len + 1, sizeof *f->from);
    f->to = xrealloc(f->to, f->cap * sizeof *f->to);
    for (size_t i = 0; i < len; i++) {
        f->from[f->key.len + i] = start;
        f->to[f->key.len + i] = end;
    }
    sb_append(&f->key, (const char *)folded, len);
    free(folded);
}

static void
ref_fold_text(const char *s, size_t n, const struct wrap_span *skip, size_t nskip,
              struct ref_key *f)
{
    memset(f, 0, sizeof *f);
    char *starts = calloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)s, n, starts);
    size_t cluster = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !starts[i])
            continue;
        if (!ref_in_skip(cluster, skip, nskip))
            ref_append_cluster(f, s, cluster, i);
        cluster = i;
    }
    free(starts);
    f->from = xgrow(f->from, &f->cap, f->key.len + 1, sizeof *f->from);
    f->to = xrealloc(f->to, f->cap * sizeof *f->to);
    f->from[f->key.len] = f->to[f->key.len] = n;
}

static void
ref_free(struct ref_key *f)
{
    sb_free(&f->key);
    free(f->from);
    free(f->to);
}

/* The fast key of s is the reference's byte for byte, and so is its map at every key byte. */
static void
expect_same_as_reference(struct fold_buf *b, const char *s, size_t n, const struct wrap_span *skip,
                         size_t nskip, const char *what)
{
    struct ref_key r;
    ref_fold_text(s, n, skip, nskip, &r);
    bool same = fold_buf_run(b, s, n, skip, nskip);
    struct fold_view k = fold_buf_view(b, n);
    cr_assert_eq(k.len, r.key.len, "%s: key of %zu bytes, expected %zu", what, k.len, r.key.len);
    cr_assert(k.len == 0 || memcmp(k.key, r.key.data, k.len) == 0, "%s: key differs", what);
    cr_assert_eq(k.key[k.len], '\0');
    if (same)
        cr_assert(n == k.len && memcmp(s, k.key, n) == 0, "%s: not its own key", what);
    for (size_t a = 0; a <= k.len; a++) {
        bool boundary = a == 0 || a >= k.len || r.from[a] != r.from[a - 1];
        size_t start, end;
        fold_original_range(&k, a, a < k.len ? a + 1 : a, &start, &end);
        if (fold_is_boundary(&k, a) != boundary || start != r.from[a] ||
            (a < k.len && end != r.to[a]))
            cr_assert_fail("%s: key byte %zu: boundary %d/%d, from %zu/%zu, to %zu/%zu", what, a,
                           fold_is_boundary(&k, a), boundary, start, r.from[a], end,
                           a < k.len ? r.to[a] : 0);
    }
    ref_free(&r);
}

Test(fold_reference, every_field_of_the_real_corpus)
{
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
    struct fold_buf b;
    fold_buf_init(&b);
    size_t n, nfields = 0;
    struct node *const *nodes = corpus_nodes(corpus, &n);
    for (size_t i = 0; i < n; i++) {
        const struct node *node = nodes[i];
        for (int f = 0; f < SEARCH_FIELD_TEXT; f++) {
            const char *field = search_field_string(node, (enum search_field)f);
            if (field != NULL) {
                expect_same_as_reference(&b, field, strlen(field), NULL, 0, node->address);
                nfields++;
            }
        }
        struct wrap_span skip[64];
        size_t nskip = 0;
        for (size_t r = 0; r < node->nrefs && nskip < 64; r++)
            if (node->refs[r].kind == REF_FOOTNOTE && node->refs[r].in_text)
                skip[nskip++] =
                    (struct wrap_span){node->refs[r].at, node->refs[r].at + node->refs[r].len};
        expect_same_as_reference(&b, node->text, node->text_len, skip, nskip, node->address);
        nfields++;
    }
    cr_expect_gt(nfields, 500);
    fold_buf_fini(&b);
    corpus_free(corpus);
}

/* Pieces of text that exercise every breaking and folding rule the fast path must not get
 * wrong: combining marks, Hangul jamo, regional indicators, emoji sequences, prepended and
 * spacing marks, compatibility forms, case foldings that change length, malformed bytes. */
/* clang-format off */
static const char *const pieces[] = {
    "a", "Z", "K", "0", " ", ".", "\n", "\r", "\r\n", "\t", "\x7f",
    "核", "查", "机", "，", "（", "）", "Ａ", "ｚ", "１", "。", "、", "《", "“", "”", "—",
    "\u3000", "…", "·", "¹", "²", "³", "⁴", "⁰",
    "\u0301", "\u0308", "e", "\u00e9", "\u00c9", "x", "\u00df", "\u0130", "\u1e9e",
    "\ufb01", "\ufb03", "\ufdfa", "\u212a", "\u03a3", "\u03c2", "\u0416",
    "\u1100", "\u1161", "\u11a8", "\uac00", "\uac01",
    "\U0001F1FA", "\U0001F1F8", "\U0001F468", "\u200d", "\U0001F469", "\U0001F600",
    "\U0001F3FB", "\ufe0f", "\u00a9", "\u0600", "\u0903", "\u0915", "\u094d", "\u0937",
    "\u0e01", "\u0e33", "\u0627", "\uf900", "\u2f00", "\uff9e", "\u302a", "\u200b",
    "\xff", "\xc3", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xf0\x9f", "\uFFFD",
};
/* clang-format on */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t
next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

Test(fold_reference, random_text)
{
    struct fold_buf b;
    fold_buf_init(&b);
    size_t npieces = sizeof pieces / sizeof pieces[0];
    for (int round = 0; round < 30000; round++) {
        char s[512];
        size_t n = 0, count = 1 + next_random() % 24;
        for (size_t i = 0; i < count; i++) {
            const char *p = pieces[next_random() % npieces];
            size_t len = strlen(p);
            memcpy(s + n, p, len);
            n += len;
        }
        s[n] = '\0';
        struct wrap_span skip[3];
        size_t nskip = next_random() % 4;
        for (size_t i = 0; i < nskip; i++) {
            size_t a = next_random() % (n + 1), len = next_random() % 6;
            skip[i] = (struct wrap_span){a, a + len};
        }
        char what[32];
        snprintf(what, sizeof what, "round %d", round);
        expect_same_as_reference(&b, s, n, skip, nskip, what);
    }
    fold_buf_fini(&b);
}

/* The ranges the fast path folds without libunistring fold as libunistring says, and break
 * as it says. */
Test(fold_reference, fast_ranges_agree_with_libunistring)
{
    for (ucs4_t c = 0; c < 0x110000; c++) {
        if (c >= 0xD800 && c < 0xE000)
            continue;
        bool plain = uc_graphemeclusterbreak_property(c) == GBP_OTHER &&
                     !uc_is_property_extended_pictographic(c);
        cr_assert_eq(fold_is_plain(c), plain, "U+%04X", c);
        if (!(c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF)))
            continue;
        uint8_t in[4], buf[16];
        int n = u8_uctomb(in, c, sizeof in);
        size_t len = sizeof buf;
        uint8_t *out = u8_casefold(in, (size_t)n, NULL, UNINORM_NFKC, buf, &len);
        ucs4_t expect = c >= 'A' && c <= 'Z' ? c + 32 : c;
        ucs4_t got;
        cr_assert(out != NULL && u8_mbtouc(&got, out, len) == (int)len && got == expect, "U+%04X",
                  c);
        if (out != buf)
            free(out);
    }
}
