/* Which image a run uses (state/image_cache.h): made on first use, used after, made again when
 * damaged or stale; a bad bundled image costs one warning; an unwritable cache one warning;
 * processes starting together; and `ndvr image`. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "corpus/corpus_image.h"
#include "corpus/corpus_load.h"
#include "search/search.h"
#include "state/image_cache.h"
#include "../support/run.h"
#include "util/xalloc.h"

#define MINI NDVR_TEST_DATA "/mini"
#define NDVR NDVR_BIN_DIR "/ndvr"

/* A scratch directory with a copy of the mini corpus in corpus/ and an empty cache/. */
struct scratch {
    char *root, *corpus, *cache;
};

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sh(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static struct scratch
scratch_new(void)
{
    struct scratch s;
    s.root = xstrdup("/tmp/ndvr-cache-test-XXXXXX");
    cr_assert_not_null(mkdtemp(s.root));
    s.corpus = xasprintf("%s/corpus", s.root);
    s.cache = xasprintf("%s/cache", s.root);
    sh("cp -r '%s' '%s'", MINI, s.corpus);
    return s;
}

static void
scratch_free(struct scratch *s)
{
    sh("rm -rf '%s'", s->root);
    free(s->root);
    free(s->corpus);
    free(s->cache);
}

/* Loads the scratch corpus with this bundled image (or none); returns whether it came from an
 * image, with the report's size in *nwarnings. */
static bool
load(const struct scratch *s, const char *bundled, const char *cache, size_t *nwarnings,
     struct corpus_report *keep)
{
    const char *dirs[] = {s->corpus};
    const struct image_cache_options opts = {bundled, cache};
    struct corpus *c = NULL;
    struct corpus_report report;
    struct diag d = {0};
    cr_assert(image_cache_load(&opts, dirs, 1, &c, &report, &d), "%s: %s", d.file, d.msg);
    bool mapped = corpus_is_mapped(c);
    cr_assert_not_null(corpus_find(c, "A/74/90#p1"));
    *nwarnings = report.n;
    if (keep != NULL)
        *keep = report;
    else
        corpus_report_free(&report);
    corpus_free(c);
    return mapped;
}

static char *
cache_file(const struct scratch *s)
{
    const char *dirs[] = {s->corpus};
    return image_cache_path(s->cache, dirs, 1);
}

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

Test(image_cache, made_on_first_use_then_used)
{
    struct scratch s = scratch_new();
    size_t nw;
    cr_assert_not(load(&s, NULL, s.cache, &nw, NULL), "the first run reads the JSON");
    cr_assert_eq(nw, 0);
    char *img = cache_file(&s);
    cr_assert_eq(access(img, R_OK), 0, "and leaves the image");
    cr_assert(load(&s, NULL, s.cache, &nw, NULL), "the second maps it");
    cr_assert_eq(nw, 0);
    free(img);
    scratch_free(&s);
}

Test(image_cache, a_damaged_or_stale_cache_is_made_again_silently)
{
    struct scratch s = scratch_new();
    size_t nw;
    load(&s, NULL, s.cache, &nw, NULL);
    char *img = cache_file(&s);
    write_text(img, "NDVRIMG\ngarbage that is far too short to be an image at all, really");
    cr_assert_not(load(&s, NULL, s.cache, &nw, NULL));
    cr_assert_eq(nw, 0, "no warning for the cache");
    cr_assert(load(&s, NULL, s.cache, &nw, NULL), "made again");
    sh("sed -i 's/专家组/专家们/' '%s/A-74-90.json'", s.corpus);
    cr_assert_not(load(&s, NULL, s.cache, &nw, NULL), "an edit makes it stale");
    cr_assert(load(&s, NULL, s.cache, &nw, NULL));
    free(img);
    scratch_free(&s);
}

Test(image_cache, a_touched_file_is_hashed_once)
{
    struct scratch s = scratch_new();
    size_t nw;
    load(&s, NULL, s.cache, &nw, NULL);
    sh("touch '%s/A-74-90.json'", s.corpus);
    cr_assert(load(&s, NULL, s.cache, &nw, NULL), "same contents: the image serves");
    struct corpus_sources now;
    const char *dirs[] = {s.corpus};
    struct diag d;
    cr_assert(corpus_sources_list(dirs, 1, &now, &d));
    char *img = cache_file(&s);
    struct corpus *c = NULL;
    struct corpus_image_info info;
    cr_assert_eq(corpus_image_open(img, &now, &c, &info, &d), CORPUS_IMAGE_OK);
    cr_assert_not(info.restat, "and was written again with the new times");
    corpus_free(c);
    corpus_report_free(&info.warnings);
    corpus_sources_free(&now);
    free(img);
    scratch_free(&s);
}

Test(image_cache, the_bundled_image_serves_and_a_bad_one_is_told_once)
{
    struct scratch s = scratch_new();
    char *bundled = xasprintf("%s/corpus.img", s.root);
    size_t nw;
    cr_assert_not(load(&s, bundled, s.cache, &nw, NULL), "no bundled image: the JSON");
    cr_assert_eq(nw, 0, "a missing bundled image is no warning");
    sh("cp \"$(ls %s/*.img)\" '%s'", s.cache, bundled);
    sh("rm -rf '%s'", s.cache);
    cr_assert(load(&s, bundled, NULL, &nw, NULL), "the bundled image serves without a cache");
    sh("printf 'X' | dd of='%s' bs=1 seek=200 conv=notrunc 2>/dev/null", bundled);
    struct corpus_report r;
    cr_assert_not(load(&s, bundled, s.cache, &nw, &r));
    cr_assert_eq(nw, 1, "one warning");
    cr_assert_str_eq(r.v[0].file, bundled);
    cr_assert(strstr(r.v[0].msg, "checksum mismatch; not used") != NULL, "%s", r.v[0].msg);
    corpus_report_free(&r);
    cr_assert(load(&s, bundled, s.cache, &nw, NULL), "the cache serves then");
    cr_assert_eq(nw, 1, "still one warning, for the bundled image");
    free(bundled);
    scratch_free(&s);
}

Test(image_cache, a_stale_bundled_image_is_passed_over_silently)
{
    struct scratch s = scratch_new();
    char *bundled = xasprintf("%s/corpus.img", s.root);
    size_t nw;
    load(&s, NULL, s.cache, &nw, NULL);
    sh("mv \"$(ls %s/*.img)\" '%s'", s.cache, bundled);
    sh("sed -i 's/专家组/专家们/' '%s/A-74-90.json'", s.corpus);
    cr_assert_not(load(&s, bundled, s.cache, &nw, NULL));
    cr_assert_eq(nw, 0);
    cr_assert(load(&s, bundled, s.cache, &nw, NULL), "the cache's image serves");
    free(bundled);
    scratch_free(&s);
}

Test(image_cache, an_unwritable_cache_is_one_warning)
{
    struct scratch s = scratch_new();
    char *file = xasprintf("%s/file", s.root), *cache = xasprintf("%s/file/ndvr", s.root);
    write_text(file, "not a directory");
    size_t nw;
    struct corpus_report r;
    cr_assert_not(load(&s, NULL, cache, &nw, &r));
    cr_assert_eq(nw, 1);
    cr_assert(strstr(r.v[0].msg, "cannot write the corpus image") != NULL, "%s", r.v[0].msg);
    corpus_report_free(&r);
    cr_assert_not(load(&s, NULL, NULL, &nw, NULL), "no cache at all: the JSON, silently");
    cr_assert_eq(nw, 0);
    free(file);
    free(cache);
    scratch_free(&s);
}

/* Processes starting together on an empty cache all read the corpus, and leave one good
 * image. */
Test(image_cache, processes_starting_together)
{
    struct scratch s = scratch_new();
    pid_t pids[6];
    for (size_t i = 0; i < 6; i++) {
        pids[i] = fork();
        cr_assert_geq(pids[i], 0);
        if (pids[i] == 0) {
            const char *dirs[] = {s.corpus};
            const struct image_cache_options opts = {NULL, s.cache};
            struct corpus *c = NULL;
            struct corpus_report r;
            struct diag d;
            bool ok = image_cache_load(&opts, dirs, 1, &c, &r, &d) && r.n == 0;
            _exit(ok && corpus_find(c, "A/74/90#p1") != NULL ? 0 : 1);
        }
    }
    for (size_t i = 0; i < 6; i++) {
        int status;
        cr_assert_eq(waitpid(pids[i], &status, 0), pids[i]);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    size_t nw;
    cr_assert(load(&s, NULL, s.cache, &nw, NULL));
    sh("test $(ls -A '%s' | grep -c tmp) -eq 0", s.cache);
    scratch_free(&s);
}

/* --- ndvr image ------------------------------------------------------------------------- */

Test(image_cache, ndvr_image_writes_the_image)
{
    struct scratch s = scratch_new();
    char *out = xasprintf("%s/out.img", s.root);
    const char *args[] = {"--corpus", s.corpus, "image", "--output", out, NULL};
    struct run r = run_program(NDVR, args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    const char *dirs[] = {s.corpus};
    struct corpus_sources now;
    struct diag d;
    cr_assert(corpus_sources_list(dirs, 1, &now, &d));
    struct corpus *c = NULL;
    struct corpus_image_info info;
    cr_assert_eq(corpus_image_open(out, &now, &c, &info, &d), CORPUS_IMAGE_OK, "%s", d.msg);
    corpus_free(c);
    corpus_sources_free(&now);
    run_free(&r);
    free(out);
    scratch_free(&s);
}

Test(image_cache, ndvr_image_writes_nothing_for_a_broken_corpus)
{
    struct scratch s = scratch_new();
    char *out = xasprintf("%s/out.img", s.root);
    sh("printf '{' > '%s/B.json'", s.corpus);
    const char *args[] = {"--corpus", s.corpus, "image", "-o", out, NULL};
    struct run r = run_program(NDVR, args, NULL);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "B.json") != NULL, "%s", r.err);
    cr_assert_neq(access(out, F_OK), 0);
    run_free(&r);
    free(out);
    scratch_free(&s);
}

/* The reader's commands print the same from the image as from the JSON. */
Test(image_cache, commands_print_the_same_from_the_image)
{
    struct scratch s = scratch_new();
    char *env_cache = xasprintf("XDG_CACHE_HOME=%s", s.cache);
    const char *env[] = {env_cache, NULL};
    const char *args[] = {"--corpus", s.corpus, "cat", "A/74/90", NULL};
    struct run first = run_program(NDVR, args, env), second = run_program(NDVR, args, env);
    cr_assert_eq(first.status, 0);
    cr_assert_eq(second.status, 0);
    cr_assert_gt(first.nout, 100);
    cr_assert_eq(first.nout, second.nout);
    cr_assert(memcmp(first.out, second.out, first.nout) == 0);
    cr_assert_str_eq(second.err, "");
    run_free(&first);
    run_free(&second);
    free(env_cache);
    scratch_free(&s);
}

/* The build writes the bundled corpus's image, and it is fresh: ./build/ndvr maps it. */
Test(image_cache, the_build_writes_a_fresh_bundled_image)
{
    const char *dirs[] = {NDVR_SOURCE_DIR "/assets/corpus"};
    struct corpus_sources now;
    struct diag d = {0};
    cr_assert(corpus_sources_list(dirs, 1, &now, &d));
    struct corpus *c = NULL;
    struct corpus_image_info info;
    cr_assert_eq(corpus_image_open(NDVR_BIN_DIR "/corpus.img", &now, &c, &info, &d),
                 CORPUS_IMAGE_OK, "%s: %s", d.file, d.msg);
    cr_assert_eq(info.warnings.n, 0);
    cr_assert_not_null(corpus_find(c, "A/74/90#summary"));
    corpus_free(c);
    corpus_sources_free(&now);
}

/* The image carries the search keys, and they find what folding the JSON finds. */
static struct search_hits
hits_of(struct search_index *index, const char *text)
{
    struct search_hits hits = {0};
    struct diag d = {0};
    struct search_query q = {.text = text};
    cr_assert(search_run(index, &q, &hits, &d), "`%s`: %s", text, d.msg);
    return hits;
}

Test(image_cache, the_image_carries_the_search_keys)
{
    struct scratch s = scratch_new();
    size_t nw;
    load(&s, NULL, s.cache, &nw, NULL);
    const char *dirs[] = {s.corpus};
    const struct image_cache_options opts = {NULL, s.cache};
    struct corpus *mapped = NULL, *loaded = NULL;
    struct corpus_report report;
    struct diag d = {0};
    cr_assert(image_cache_load(&opts, dirs, 1, &mapped, &report, &d), "%s", d.msg);
    corpus_report_free(&report);
    cr_assert(corpus_is_mapped(mapped));
    size_t nkeys;
    const void *keys = corpus_attachment(mapped, &nkeys);
    cr_assert(keys != NULL && nkeys > 0, "the image has keys");
    struct search_index *from_image = search_index_from_image(mapped, keys, nkeys, &d);
    cr_assert_not_null(from_image, "and they are valid: %s", d.msg);
    cr_assert(corpus_load_dir(s.corpus, &loaded, &d), "%s", d.msg);
    cr_assert_null(corpus_attachment(loaded, &nkeys), "a loaded corpus carries none");
    struct search_index *folded = search_index_open(loaded);
    const char *queries[] = {"核查", "专家", "GE-NDV", "。"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        struct search_hits x = hits_of(folded, queries[i]), y = hits_of(from_image, queries[i]);
        cr_assert_eq(x.n, y.n, "`%s`: %zu hits folded, %zu from the image", queries[i], x.n, y.n);
        for (size_t j = 0; j < x.n; j++)
            cr_assert(x.v[j].offset == y.v[j].offset && x.v[j].length == y.v[j].length &&
                      strcmp(x.v[j].node->address, y.v[j].node->address) == 0);
        search_hits_free(&x);
        search_hits_free(&y);
    }
    search_index_free(folded);
    search_index_free(from_image);
    corpus_free(loaded);
    corpus_free(mapped);
    scratch_free(&s);
}
