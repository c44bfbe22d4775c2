/* The fault suite of the command line (issue 14): a FIFO in every place ndvr and ndvr-segment
 * read a file is a clear `FILE: not a regular file` and exit status 2, never a hang (each run
 * is under timeout(1): 124 means it hung); the image cache on a full disk; a 10 MB paragraph
 * through `ndvr search`. The reader's own faults are in tests/screen/test_fault_reader.c, a
 * full disk under `print --to` in test_print_file.c, SIGKILL during saves in test_state.c. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../support/run.h"
#include "../support/trees.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define SEGMENT NDVR_BIN_DIR "/ndvr-segment"
#define HANG_LIMIT "20" /* seconds; a FIFO would block forever */

static char dir[128];

static void
make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ndvr-test-fault-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void
remove_dir(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "umount -l '%s/fs' 2>/dev/null; rm -rf '%s'", dir, dir);
    if (system(cmd) != 0)
        cr_log_warn("cannot remove %s", dir);
}

TestSuite(fault_files, .init = make_dir, .fini = remove_dir, .timeout = 300);

/* dir/name, in a buffer the next call reuses. */
static const char *
at(const char *name)
{
    static char path[8][512]; /* enough for the arguments of one run */
    static int k;
    k = (k + 1) % 8;
    snprintf(path[k], sizeof path[k], "%s/%.300s", dir, name);
    return path[k];
}

static void __attribute__((format(printf, 1, 2))) sh(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static void
fifo(const char *name)
{
    cr_assert_eq(mkfifo(at(name), 0600), 0, "%s: %s", at(name), strerror(errno));
}

/* prog args... under timeout(1); env as run_program's. */
static struct run
run_limited(const char *prog, const char *const *args, const char *const *env)
{
    const char *argv[16] = {"-s", "KILL", HANG_LIMIT, prog};
    size_t n = 4;
    while (*args != NULL && n < 15)
        argv[n++] = *args++;
    argv[n] = NULL;
    return run_program("/usr/bin/timeout", argv, env);
}

/* Expects exit status 2 (not 124: hung) and `PATH: not a regular file` on stderr. */
static void
expect_not_regular(struct run *r, const char *path)
{
    cr_expect_neq(r->status, 124, "hung on the FIFO %s", path);
    cr_expect_eq(r->status, 2, "exit status %d; stderr: %s", r->status, r->err);
    char want[600];
    snprintf(want, sizeof want, "%.500s: not a regular file", path);
    cr_expect(strstr(r->err, want) != NULL || strstr(r->out, want) != NULL, "no '%s' in: %s%s",
              want, r->out, r->err);
    run_free(r);
}

/* A corpus directory: the mini corpus, and a FIFO as one more *.json. */
static void
corpus_with_fifo(void)
{
    sh("mkdir -p '%s/corpus' && cp %s/mini/*.json '%s/corpus/'", dir, NDVR_TEST_DATA, dir);
    fifo("corpus/B.json");
}

Test(fault_files, a_fifo_in_the_corpus_directory)
{
    corpus_with_fifo();
    const char *args[] = {"--corpus", at("corpus"), "ls", "A/74/90", NULL};
    struct run r = run_limited(NDVR, args, NULL);
    expect_not_regular(&r, at("corpus/B.json"));
}

Test(fault_files, a_fifo_as_the_argument_of_check)
{
    fifo("B.json");
    const char *args[] = {"check", at("B.json"), NULL};
    struct run r = run_limited(NDVR, args, NULL);
    expect_not_regular(&r, at("B.json"));
}

Test(fault_files, a_fifo_as_the_tree_to_import)
{
    fifo("tree.json");
    char data_env[300];
    snprintf(data_env, sizeof data_env, "XDG_DATA_HOME=%s/data", dir);
    const char *env[] = {data_env, NULL};
    const char *args[] = {"import", at("tree.json"), NULL};
    struct run r = run_limited(NDVR, args, env);
    expect_not_regular(&r, at("tree.json"));
}

Test(fault_files, fifos_as_the_source_and_the_facts_of_the_segmenter)
{
    fifo("src.txt");
    sh("cp %s/assets/source/facts.txt '%s/'", NDVR_SOURCE_DIR, dir);
    const char *args[] = {"-o", at("out.json"), at("src.txt"), NULL};
    struct run r = run_limited(SEGMENT, args, NULL);
    cr_expect_neq(r.status, 124, "hung on the source FIFO");
    cr_expect_neq(r.status, 0);
    cr_expect(strstr(r.err, "src.txt: not a regular file") != NULL, "%s", r.err);
    run_free(&r);
    fifo("facts");
    sh("cp %s/assets/source/A-74-90.zh.txt '%s/src2.txt'", NDVR_SOURCE_DIR, dir);
    const char *args2[] = {"--facts", at("facts"), "-o", at("out.json"), at("src2.txt"), NULL};
    r = run_limited(SEGMENT, args2, NULL);
    cr_expect_neq(r.status, 124, "hung on the facts FIFO");
    cr_expect_neq(r.status, 0);
    cr_expect(strstr(r.err, "facts: not a regular file") != NULL, "%s", r.err);
    run_free(&r);
}

/* The names of dir's entries that end in suffix, joined by spaces (at most a few). */
static void
entries_ending(const char *d, const char *suffix, char *out, size_t size)
{
    out[0] = '\0';
    DIR *dh = opendir(d);
    if (dh == NULL)
        return;
    struct dirent *e;
    size_t len = strlen(suffix);
    while ((e = readdir(dh)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n >= len && strcmp(e->d_name + n - len, suffix) == 0 && strlen(out) + n + 2 < size) {
            strcat(out, e->d_name);
            strcat(out, " ");
        }
    }
    closedir(dh);
}

/* The cache's image replaced by a FIFO: passed over (made again), not waited on. */
Test(fault_files, a_fifo_as_the_cached_image)
{
    sh("mkdir -p '%s/corpus' && cp %s/mini/*.json '%s/corpus/'", dir, NDVR_TEST_DATA, dir);
    char cache_env[300];
    snprintf(cache_env, sizeof cache_env, "XDG_CACHE_HOME=%s/cache", dir);
    const char *env[] = {cache_env, NULL};
    const char *args[] = {"--corpus", at("corpus"), "ls", "A/74/90", NULL};
    struct run first = run_limited(NDVR, args, env);
    cr_assert_eq(first.status, 0, "%s", first.err);
    char images[512];
    entries_ending(at("cache/ndvr"), ".img", images, sizeof images);
    cr_assert_neq(images[0], '\0', "no image was cached");
    images[strcspn(images, " ")] = '\0';
    char image[600];
    snprintf(image, sizeof image, "cache/ndvr/%s", images);
    cr_assert_eq(unlink(at(image)), 0);
    fifo(image);
    struct run again = run_limited(NDVR, args, env);
    cr_expect_eq(again.status, 0, "exit status %d: %s", again.status, again.err);
    cr_expect_str_eq(again.out, first.out);
    run_free(&first);
    run_free(&again);
}

/* The image cache on a full disk: the command works from the JSON, says once that the image
 * cannot be written, and leaves no partial image or temporary file behind. */
Test(fault_files, the_image_cache_on_a_full_disk)
{
    if (geteuid() != 0)
        cr_skip_test("not root: no tmpfs can be mounted for a full disk");
    sh("mkdir -p '%s/fs' '%s/corpus' && cp %s/mini/*.json '%s/corpus/'", dir, dir, NDVR_TEST_DATA,
       dir);
    if (mount("tmpfs", at("fs"), "tmpfs", 0, "size=16k") != 0)
        cr_skip_test("cannot mount a tmpfs here: %s", strerror(errno));
    sh("mkdir -p '%s/fs/ndvr' && (dd if=/dev/zero of='%s/fs/fill' bs=1k count=64 || true) "
       "2>/dev/null",
       dir, dir);
    char cache_env[300];
    snprintf(cache_env, sizeof cache_env, "XDG_CACHE_HOME=%s/fs", dir);
    const char *env[] = {cache_env, NULL};
    const char *args[] = {"--corpus", at("corpus"), "ls", "A/74/90", NULL};
    struct run r = run_limited(NDVR, args, env);
    const char *plain_args[] = {"--corpus", at("corpus"), "ls", "A/74/90", NULL};
    struct run plain = run_limited(NDVR, plain_args, NULL);
    cr_expect_eq(r.status, 0, "exit status %d: %s", r.status, r.err);
    cr_expect_str_eq(r.out, plain.out);
    cr_expect(strstr(r.err, "No space left on device") != NULL, "no warning: %s", r.err);
    char left[512]; /* the lock beside an image may stay (man ndvr: FILES) */
    entries_ending(at("fs/ndvr"), ".img", left, sizeof left);
    cr_expect_str_eq(left, "", "an image left in the cache: %s", left);
    entries_ending(at("fs/ndvr"), "", left, sizeof left);
    cr_expect(strstr(left, ".tmp") == NULL, "a temporary file left in the cache: %s", left);
    run_free(&r);
    run_free(&plain);
}

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum { REPS = 17000 }; /* 17,000 x 615 bytes: 10.4 MB */

/* dir/big/A-74-90.json: one paragraph of REPS x ("核裁军核查" x 40 + " verification "), as
 * crashers/search-quadratic.py of the reliability run writes it. */
static void
write_big_corpus(void)
{
    sh("mkdir -p '%s/big'", dir);
    cr_assert(tree_write_big_paragraph(at("big/A-74-90.json"), REPS));
}

static size_t
count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* One paragraph of 10 MB: `ndvr search` lists its 17,000 hits of a word, in a few seconds
 * (with each hit measuring the whole field it took hours). The bound is generous: a loaded
 * machine, a debug build. */
Test(fault_files, a_ten_megabyte_paragraph_through_search)
{
    write_big_corpus();
    struct stat st;
    cr_assert_eq(stat(at("big/A-74-90.json"), &st), 0);
    cr_assert_gt(st.st_size, 10 * 1000 * 1000);
    const char *args[] = {"--corpus", at("big"), "search", "verification", NULL};
    double t0 = now_s();
    struct run r = run_limited(NDVR, args, NULL);
    double took = now_s() - t0;
    cr_expect_eq(r.status, 0, "exit status %d: %.300s", r.status, r.err);
    cr_expect_eq(count_lines(r.out), REPS, "%zu lines", count_lines(r.out));
    cr_expect(took < 20.0, "ndvr search took %.1f s", took);
    run_free(&r);
}
