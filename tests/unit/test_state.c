/* The reading state (src/state): bookmarks, last positions, history, their files, damaged
 * files, unwritable directories, concurrent processes and writers killed mid-save. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "corpus/corpus_load.h"
#include "state/atomic.h"
#include "state/model.h"
#include "state/paths.h"
#include "state/state.h"
#include "state/state_json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* --- Helpers ------------------------------------------------------------------------------ */

/* A fresh directory under /tmp (the caller frees the path; remove_tree() deletes it). */
static char *
make_temp_dir(void)
{
    char *dir = xstrdup("/tmp/ndvr-test-state-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        chmod(path, 0700); /* so that its entries could be removed */
    return remove(path) == 0 ? 0 : 0;
}

static void
remove_tree(char *dir)
{
    chmod(dir, 0700);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static char *
path_in(const char *dir, const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void
write_bytes(const char *path, const char *data, size_t nbytes)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(data, 1, nbytes, f), nbytes);
    cr_assert_eq(fclose(f), 0);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
    char *path = path_in(dir, name);
    write_bytes(path, text, strlen(text));
    free(path);
}

/* The contents of path (NUL-terminated, caller frees), or NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *nbytes)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    fclose(f);
    if (nbytes != NULL)
        *nbytes = sb.len;
    return sb_detach(&sb);
}

static char *
slurp_in(const char *dir, const char *name)
{
    char *path = path_in(dir, name);
    char *text = slurp(path, NULL);
    free(path);
    return text;
}

static bool
exists_in(const char *dir, const char *name)
{
    char *path = path_in(dir, name);
    struct stat st;
    bool yes = lstat(path, &st) == 0;
    free(path);
    return yes;
}

/* How many entries of dir begin with prefix; the last one's name into *found (may be NULL;
 * the caller frees it). */
static int
count_prefixed(const char *dir, const char *prefix, char **found)
{
    DIR *dp = opendir(dir);
    cr_assert_not_null(dp);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        n++;
        if (found != NULL) {
            free(*found);
            *found = xstrdup(e->d_name);
        }
    }
    closedir(dp);
    return n;
}

/* The one NAME.corrupt-YYYYMMDDTHHMMSS file in dir (the caller frees its name). */
static char *
corrupt_file(const char *dir, const char *name)
{
    char *prefix = xasprintf("%s.corrupt-", name), *found = NULL;
    cr_assert_eq(count_prefixed(dir, prefix, &found), 1, "expected one %s* file", prefix);
    const char *stamp = found + strlen(prefix);
    cr_expect_eq(strlen(stamp), 15, "stamp %s", stamp);
    cr_expect_eq(strspn(stamp, "0123456789"), 8);
    cr_expect_eq(stamp[8], 'T');
    cr_expect_eq(strspn(stamp + 9, "0123456789"), 6);
    free(prefix);
    return found;
}

static struct state *
open_clean(const char *dir)
{
    struct state_warnings w = {0};
    struct state *st = state_open(dir, &w);
    cr_assert_eq(w.n, 0, "unexpected warning: %s", w.n ? w.v[0].msg : "");
    state_warnings_free(&w);
    return st;
}

/* Opens dir expecting exactly one warning, which is returned. */
static struct diag
open_warned(const char *dir, struct state **st)
{
    struct state_warnings w = {0};
    *st = state_open(dir, &w);
    cr_assert_eq(w.n, 1, "%zu warnings, the first: %s", w.n, w.n ? w.v[0].msg : "");
    struct diag d = w.v[0];
    state_warnings_free(&w);
    return d;
}

static const struct bookmark *
add(struct state *st, const char *name, const char *address, size_t offset)
{
    struct diag d = {0};
    const struct bookmark *b = state_bookmark_add(st, name, address, offset, &d);
    cr_assert_not_null(b, "add failed: %s", d.msg);
    return b;
}

static size_t
nbookmarks(const struct state *st)
{
    size_t n;
    state_bookmarks(st, &n);
    return n;
}

/* Asserts that the warning is about dir/name, says `problem; moved aside to X`, and that X
 * holds the original bytes; removes nothing. */
static void
expect_moved_aside(const struct diag *d, const char *dir, const char *name, const char *problem,
                   const char *original, size_t nbytes)
{
    char *path = path_in(dir, name), *aside = corrupt_file(dir, name);
    char *msg = xasprintf("%s; moved aside to %s", problem, aside);
    cr_expect_str_eq(d->file, path);
    cr_expect_str_eq(d->msg, msg);
    char *aside_path = path_in(dir, aside);
    size_t n = 0;
    char *bytes = slurp(aside_path, &n);
    if (original != NULL) {
        cr_assert_not_null(bytes, "%s unreadable", aside);
        cr_expect_eq(n, nbytes);
        cr_expect(memcmp(bytes, original, nbytes) == 0, "%s differs from the original", aside);
    }
    free(bytes);
    free(aside_path);
    free(msg);
    free(aside);
    free(path);
}

static const char *const bookmarks_two =
    "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": [\n"
    "  {\"id\": \"1\", \"name\": \"第一\", \"address\": \"A/74/90#p10\", \"offset\": 6,\n"
    "   \"created\": \"2025-01-02T03:04:05Z\"},\n"
    "  {\"id\": \"2\", \"name\": \"two\", \"address\": \"A/72/304#ch1\", \"offset\": 0,\n"
    "   \"created\": \"2025-01-02T03:04:06Z\", \"unknown\": [1, 2]}]}\n";

/* --- Bookmarks --------------------------------------------------------------------------- */

Test(state, bookmarks_round_trip)
{
    char *dir = make_temp_dir();
    char *sub = path_in(dir, "deep/er/ndvr");
    struct state *st = open_clean(sub);
    cr_expect(state_can_save(st, NULL));
    cr_expect(!exists_in(dir, "deep"), "nothing is created before the first save");
    const struct bookmark *b = add(st, "第十段", "A/74/90#p10", 12);
    cr_expect_str_eq(b->id, "1");
    cr_expect_str_eq(b->name, "第十段");
    b = add(st, NULL, "A/72/304#ch1", 0);
    cr_expect_str_eq(b->id, "2");
    cr_expect_str_eq(b->name, "A/72/304#ch1", "the default name is the address");
    state_close(st);

    struct stat s;
    cr_assert_eq(stat(sub, &s), 0);
    cr_expect_eq(s.st_mode & 0777, 0700);
    st = open_clean(sub);
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].name, "第十段");
    cr_expect_str_eq(v[0].address, "A/74/90#p10");
    cr_expect_eq(v[0].offset, 12);
    cr_expect(model_time_ok(v[0].created), "created %s", v[0].created);
    cr_expect_str_eq(v[1].address, "A/72/304#ch1");
    cr_expect_eq(state_bookmark_find(st, "2"), &v[1]);
    cr_expect_null(state_bookmark_find(st, "3"));
    state_close(st);
    free(sub);
    remove_tree(dir);
}

Test(state, reads_the_documented_format)
{
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", bookmarks_two);
    struct state *st = open_clean(dir);
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].id, "1");
    cr_expect_str_eq(v[0].name, "第一");
    cr_expect_eq(v[0].offset, 6);
    cr_expect_str_eq(v[0].created, "2025-01-02T03:04:05Z");
    cr_expect_str_eq(v[1].name, "two");
    cr_expect_str_eq(add(st, "", "A/74/90#p11", 1)->id, "3", "ids go on after the largest");
    state_close(st);
    remove_tree(dir);
}

Test(state, names_are_cleaned_and_cut)
{
    char *dir = make_temp_dir();
    struct state *st = open_clean(dir);
    cr_expect_str_eq(add(st, "a\tb\nc\x1b[2Jd\xff", "A/74/90#p1", 0)->name,
                     "a b c[2Jd\xef\xbf\xbd");
    struct strbuf long_name = STRBUF_INIT;
    for (int i = 0; i < 100; i++)
        sb_puts(&long_name, "长");
    const struct bookmark *b = add(st, sb_str(&long_name), "A/74/90#p1", 0);
    cr_expect_eq(strlen(b->name), 198, "cut at a character boundary below 200 bytes");
    cr_expect(strncmp(b->name, sb_str(&long_name), 198) == 0);
    struct diag d = {0};
    cr_expect_null(state_bookmark_add(st, "x", "A/74/90#p1\x1b", 0, &d));
    cr_expect_null(state_bookmark_add(st, "x", "", 0, &d));
    cr_expect_eq(nbookmarks(st), 2);
    sb_free(&long_name);
    state_close(st);
    remove_tree(dir);
}

Test(state, rename_and_delete)
{
    char *dir = make_temp_dir();
    struct state *st = open_clean(dir);
    add(st, "one", "A/74/90#p1", 1);
    add(st, "two", "A/74/90#p2", 2);
    add(st, "three", "A/74/90#p3", 3);
    struct diag d = {0};
    cr_expect(state_bookmark_rename(st, "2", "zwei", &d), "%s", d.msg);
    cr_expect(state_bookmark_rename(st, "1", "", &d), "%s", d.msg);
    cr_expect(state_bookmark_delete(st, "3", &d), "%s", d.msg);
    cr_expect(!state_bookmark_delete(st, "3", &d));
    cr_expect_str_eq(d.msg, "no bookmark has the id 3 (any more)");
    cr_expect(!state_bookmark_rename(st, "7", "x", &d));
    cr_expect_str_eq(d.msg, "no bookmark has the id 7 (any more)");
    cr_expect_str_eq(add(st, "four", "A/74/90#p4", 4)->id, "4", "a deleted id is not reused");
    state_close(st);

    st = open_clean(dir);
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(v[0].name, "A/74/90#p1", "an empty name is the address");
    cr_expect_str_eq(v[1].name, "zwei");
    cr_expect_str_eq(v[2].name, "four");
    state_close(st);
    remove_tree(dir);
}

Test(state, delete_with_an_id_from_the_list)
{
    char *dir = make_temp_dir();
    struct state *st = open_clean(dir);
    add(st, "one", "A/74/90#p1", 1);
    add(st, "two", "A/74/90#p2", 2);
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    struct diag d = {0};
    cr_expect(state_bookmark_delete(st, v[0].id, &d), "%s", d.msg); /* id is freed inside */
    cr_expect(state_bookmark_rename(st, state_bookmarks(st, &n)[0].id, "2", &d), "%s", d.msg);
    cr_expect_str_eq(state_bookmarks(st, &n)[0].name, "2");
    state_close(st);
    remove_tree(dir);
}

Test(state, stale_bookmarks_are_kept)
{
    char *dir = make_temp_dir();
    struct corpus *corpus = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(NDVR_SOURCE_DIR "/assets/corpus", &corpus, &d), "%s", d.msg);
    struct state *st = open_clean(dir);
    const struct bookmark *b = add(st, "there", "A/74/90#p10", 0);
    cr_expect(!state_bookmark_is_stale(b, corpus));
    b = add(st, "gone", "A/74/90#p9999", 3);
    cr_expect(state_bookmark_is_stale(b, corpus));
    state_close(st);
    st = open_clean(dir);
    cr_expect_eq(nbookmarks(st), 2, "a stale bookmark is never dropped");
    state_close(st);
    corpus_free(corpus);
    remove_tree(dir);
}

Test(state, two_states_in_one_process_see_each_other)
{
    char *dir = make_temp_dir();
    struct state *a = open_clean(dir), *b = open_clean(dir);
    add(a, "from a", "A/74/90#p1", 0);
    add(b, "from b", "A/74/90#p2", 0);
    cr_expect_eq(nbookmarks(b), 2, "b re-read the file before adding");
    cr_expect_eq(nbookmarks(a), 1);
    struct diag d = {0};
    cr_expect(state_bookmarks_reload(a, &d), "%s", d.msg);
    cr_expect_eq(nbookmarks(a), 2);
    state_close(a);
    state_close(b);
    remove_tree(dir);
}

/* --- Session ----------------------------------------------------------------------------- */

Test(state, last_positions_per_document)
{
    char *dir = make_temp_dir();
    struct state *st = open_clean(dir);
    cr_expect_null(state_last_document(st));
    cr_expect_null(state_last(st, "A/74/90"));
    state_set_last(st, "A/74/90", "A/74/90#p10", 30);
    state_set_last(st, "A/72/304", "A/72/304#ch1", 0);
    state_set_last(st, "A/74/90", "A/74/90#p12", 9);
    state_set_last(st, "A/72/304", "A/72/304#ch2", 4);
    cr_expect_str_eq(state_last_document(st), "A/72/304");
    struct diag d = {0};
    cr_assert(state_save_session(st, &d), "%s", d.msg);
    state_close(st);

    st = open_clean(dir);
    const struct state_pos *p = state_last(st, "A/74/90");
    cr_assert_not_null(p);
    cr_expect_str_eq(p->address, "A/74/90#p12");
    cr_expect_eq(p->offset, 9);
    p = state_last(st, "A/72/304");
    cr_assert_not_null(p);
    cr_expect_str_eq(p->address, "A/72/304#ch2");
    cr_expect_str_eq(state_last_document(st), "A/72/304");
    state_set_last(st, "A/74/90", "A/74/90#p13", 0);
    cr_expect_str_eq(state_last_document(st), "A/74/90");
    state_close(st);
    remove_tree(dir);
}

Test(state, history_is_bounded)
{
    char *dir = make_temp_dir();
    struct state *st = open_clean(dir);
    for (int i = 0; i < 250; i++) {
        char address[32];
        snprintf(address, sizeof address, "A/74/90#p%d", i);
        state_history_push(st, address, (size_t)i);
        state_history_push(st, address, (size_t)i); /* the same again: not kept twice */
    }
    size_t n;
    const struct state_pos *h = state_history(st, &n);
    cr_assert_eq(n, STATE_HISTORY_MAX);
    cr_expect_str_eq(h[0].address, "A/74/90#p50");
    cr_expect_str_eq(h[n - 1].address, "A/74/90#p249");
    struct diag d = {0};
    cr_assert(state_save_session(st, &d), "%s", d.msg);
    state_close(st);

    st = open_clean(dir);
    h = state_history(st, &n);
    cr_assert_eq(n, STATE_HISTORY_MAX);
    cr_expect_str_eq(h[0].address, "A/74/90#p50");
    cr_expect_eq(h[0].offset, 50);
    cr_expect_str_eq(h[n - 1].address, "A/74/90#p249");
    state_close(st);
    remove_tree(dir);
}

Test(state, session_saves_merge)
{
    char *dir = make_temp_dir();
    struct state *a = open_clean(dir), *b = open_clean(dir);
    state_set_last(a, "A/74/90", "A/74/90#p1", 1);
    state_history_push(a, "A/74/90#p1", 1);
    state_history_push(a, "A/74/90#p2", 2);
    state_set_last(b, "A/72/304", "A/72/304#ch1", 5);
    state_history_push(b, "A/72/304#ch1", 5);
    struct diag d = {0};
    cr_assert(state_save_session(a, &d), "%s", d.msg);
    cr_assert(state_save_session(b, &d), "%s", d.msg);
    state_history_push(a, "A/74/90#p3", 3);
    cr_assert(state_save_session(a, &d), "%s", d.msg); /* must keep b's document */
    state_close(a);
    state_close(b);

    struct state *st = open_clean(dir);
    cr_expect_not_null(state_last(st, "A/74/90"));
    const struct state_pos *p = state_last(st, "A/72/304");
    cr_assert_not_null(p, "the other process's document was lost");
    cr_expect_eq(p->offset, 5);
    size_t n;
    const struct state_pos *h = state_history(st, &n);
    cr_assert_eq(n, 4);
    cr_expect_str_eq(h[0].address, "A/74/90#p1");
    cr_expect_str_eq(h[1].address, "A/74/90#p2");
    cr_expect_str_eq(h[2].address, "A/72/304#ch1");
    cr_expect_str_eq(h[3].address, "A/74/90#p3");
    state_close(st);
    remove_tree(dir);
}

Test(state, session_file_format)
{
    char *dir = make_temp_dir();
    write_file(dir, "session.json",
               "{\"format\": \"ndvr-session\", \"version\": 1, \"extra\": true,\n"
               " \"last\": {\"A/74/90\": {\"address\": \"A/74/90#p3\", \"offset\": 7,\n"
               "                        \"time\": \"2025-03-01T00:00:00Z\"},\n"
               "          \"A/72/304\": {\"address\": \"A/72/304#ch1\", \"offset\": 0,\n"
               "                         \"time\": \"2025-02-01T00:00:00Z\"}},\n"
               " \"history\": [{\"address\": \"A/72/304#ch1\", \"offset\": 0},\n"
               "             {\"address\": \"A/74/90#p3\", \"offset\": 7}]}\n");
    struct state *st = open_clean(dir);
    cr_expect_str_eq(state_last_document(st), "A/74/90", "the most recent time wins");
    cr_expect_eq(state_last(st, "A/74/90")->offset, 7);
    size_t n;
    const struct state_pos *h = state_history(st, &n);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(h[1].address, "A/74/90#p3");
    state_close(st);
    remove_tree(dir);
}

/* --- Damaged files ----------------------------------------------------------------------- */

/* Opens dir whose bookmarks.json holds text; expects it moved aside with `problem` and the
 * state usable afterwards. */
static void
expect_corrupt_bookmarks(const char *text, size_t nbytes, int line, int col, const char *problem)
{
    char *dir = make_temp_dir(), *path = path_in(dir, "bookmarks.json");
    write_bytes(path, text, nbytes);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    cr_expect_eq(d.line, line, "line %d of: %s", d.line, d.msg);
    cr_expect_eq(d.col, col, "column %d of: %s", d.col, d.msg);
    expect_moved_aside(&d, dir, "bookmarks.json", problem, text, nbytes);
    cr_expect(!exists_in(dir, "bookmarks.json"), "nothing written in its place yet");
    cr_expect_eq(nbookmarks(st), 0);
    add(st, "new", "A/74/90#p1", 0);
    state_close(st);
    st = open_clean(dir);
    cr_expect_eq(nbookmarks(st), 1);
    state_close(st);
    free(path);
    remove_tree(dir);
}

Test(state, corrupt_json_is_moved_aside)
{
    /* cJSON points one byte past the start of the token it could not take. */
    const char *text = "{\"format\": \"ndvr-bookmarks\",\n  \"version\": 1,\n  oops\n}\n";
    expect_corrupt_bookmarks(text, strlen(text), 3, 4, "JSON syntax error");
}

Test(state, truncated_file_is_moved_aside)
{
    size_t n = strlen(bookmarks_two) - 40;
    expect_corrupt_bookmarks(bookmarks_two, n, 5, 16, "JSON syntax error"); /* in "2025 */
}

Test(state, empty_file_is_moved_aside)
{
    expect_corrupt_bookmarks("", 0, 0, 0, "empty file");
    expect_corrupt_bookmarks(" \n", 2, 0, 0, "empty file");
}

Test(state, trailing_text_and_nul_are_corrupt)
{
    const char *text = "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": []}\n}";
    expect_corrupt_bookmarks(text, strlen(text), 2, 1, "unexpected text after the JSON value");
    const char nul[] = "{\"format\": \"ndvr-bookmarks\", \"version\": 1,\n\"bookmarks\": []}\0";
    expect_corrupt_bookmarks(nul, sizeof nul - 1, 2, 17, "NUL character");
    const char *escape = "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": [\n"
                         "{\"id\": \"1\", \"name\": \"a\\u0000b\", \"address\": \"A/74/90#p1\"}]}";
    expect_corrupt_bookmarks(escape, strlen(escape), 2, 23, "NUL character");
}

Test(state, wrong_format_is_moved_aside)
{
    const char *text = "{\"format\": \"ndvr-session\", \"version\": 1, \"bookmarks\": []}";
    expect_corrupt_bookmarks(text, strlen(text), 0, 0, "not an ndvr-bookmarks file");
    text = "[1, 2]";
    expect_corrupt_bookmarks(text, strlen(text), 0, 0, "not a JSON object");
    text = "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": {}}";
    expect_corrupt_bookmarks(text, strlen(text), 0, 0, "no \"bookmarks\" array");
    text = "{\"format\": \"ndvr-bookmarks\", \"version\": \"1\", \"bookmarks\": []}";
    expect_corrupt_bookmarks(text, strlen(text), 0, 0, "no valid \"version\"");
}

Test(state, oversized_file_is_moved_aside)
{
    const char *head = "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": []}";
    size_t n = STATE_FILE_MAX_BYTES + 1;
    char *text = xmalloc(n);
    memset(text, ' ', n);
    memcpy(text, head, strlen(head));
    expect_corrupt_bookmarks(text, n, 0, 0, "larger than 4194304 bytes");
    free(text);
}

Test(state, directory_in_place_of_the_file)
{
    char *dir = make_temp_dir(), *inner = path_in(dir, "bookmarks.json");
    cr_assert_eq(mkdir(inner, 0700), 0);
    write_file(inner, "keep", "x");
    struct state *st;
    struct diag d = open_warned(dir, &st);
    expect_moved_aside(&d, dir, "bookmarks.json", "not a regular file", NULL, 0);
    char *aside = corrupt_file(dir, "bookmarks.json");
    char *kept = path_in(dir, aside);
    cr_expect(exists_in(kept, "keep"), "the directory was moved whole");
    add(st, "new", "A/74/90#p1", 0);
    state_close(st);
    free(kept);
    free(aside);
    free(inner);
    remove_tree(dir);
}

Test(state, unreadable_file_symlink_loop)
{
    char *dir = make_temp_dir(), *path = path_in(dir, "bookmarks.json");
    cr_assert_eq(symlink("bookmarks.json", path), 0);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    expect_moved_aside(&d, dir, "bookmarks.json", "cannot read: Too many levels of symbolic links",
                       NULL, 0);
    char *aside = corrupt_file(dir, "bookmarks.json"), *aside_path = path_in(dir, aside);
    char target[64] = {0};
    cr_expect_gt(readlink(aside_path, target, sizeof target - 1), 0, "the link itself moved");
    cr_expect_str_eq(target, "bookmarks.json");
    state_close(st);
    free(aside_path);
    free(aside);
    free(path);
    remove_tree(dir);
}

Test(state, unreadable_file_permissions)
{
    if (geteuid() == 0)
        cr_skip_test("root reads a mode 000 file (the symlink loop test covers unreadable)");
    char *dir = make_temp_dir(), *path = path_in(dir, "bookmarks.json");
    write_bytes(path, bookmarks_two, strlen(bookmarks_two));
    cr_assert_eq(chmod(path, 0), 0);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    char *aside = corrupt_file(dir, "bookmarks.json"), *aside_path = path_in(dir, aside);
    chmod(aside_path, 0600);
    expect_moved_aside(&d, dir, "bookmarks.json", "cannot read: Permission denied", bookmarks_two,
                       strlen(bookmarks_two));
    state_close(st);
    free(aside_path);
    free(aside);
    free(path);
    remove_tree(dir);
}

/* The name a file moved aside at `when` gets first. */
static char *
aside_name(time_t when)
{
    struct tm tm;
    gmtime_r(&when, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    return xasprintf("bookmarks.json.corrupt-%s", stamp);
}

Test(state, taken_corrupt_name_gets_a_counter)
{
    char *dir = make_temp_dir();
    time_t now = time(NULL);
    char *names[2] = {aside_name(now), aside_name(now + 1)}; /* the second may tick over */
    for (int i = 0; i < 2; i++) {
        write_file(dir, names[i], "older");
        char *next = xasprintf("%s-1", names[i]);
        write_file(dir, next, "older");
        free(next);
    }
    write_file(dir, "bookmarks.json", "garbage");
    struct state *st;
    struct diag d = open_warned(dir, &st);
    state_close(st);
    int hits = 0;
    for (int i = 0; i < 2; i++) {
        char *want = xasprintf("%s-2", names[i]);
        char *text = slurp_in(dir, want);
        if (text != NULL) {
            hits++;
            cr_expect_str_eq(text, "garbage");
            char *msg = xasprintf("JSON syntax error; moved aside to %s", want);
            cr_expect_str_eq(d.msg, msg);
            free(msg);
        }
        free(text);
        free(want);
        char *older = slurp_in(dir, names[i]);
        cr_expect_str_eq(older, "older", "an earlier file moved aside is never replaced");
        free(older);
        free(names[i]);
    }
    cr_expect_eq(hits, 1, "message: %s", d.msg);
    remove_tree(dir);
}

Test(state, bad_names_are_sanitised)
{
    /* Raw bytes: invalid UTF-8 (\xff) and an escaped ESC in the first name, a bell in the
     * second's. */
    const char *text = "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": [\n"
                       " {\"id\": \"1\", \"name\": \"bad\xff\\u001b[2Jname\", \"address\": "
                       "\"A/74/90#p1\", \"offset\": 3, \"created\": \"2025-01-02T03:04:05Z\"},\n"
                       " {\"id\": \"2\", \"name\": \"ring\\u0007\", \"address\": "
                       "\"A/74/90#p2\", \"offset\": 0, \"created\": \"2025-01-02T03:04:05Z\"}]}";
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", text);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    expect_moved_aside(&d, dir, "bookmarks.json",
                       "the name of bookmark 1 is not valid UTF-8; cleaned (and 1 more problems)",
                       text, strlen(text));
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].name, "bad\xef\xbf\xbd[2Jname");
    cr_expect_str_eq(v[1].name, "ring");
    cr_expect_eq(v[0].offset, 3);
    state_close(st);
    st = open_clean(dir); /* the cleaned version was written back */
    cr_expect_str_eq(state_bookmarks(st, &n)[1].name, "ring");
    state_close(st);
    remove_tree(dir);
}

Test(state, bad_entries_are_fixed_or_dropped)
{
    const char *text =
        "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": [\n"
        " {\"id\": \"1\", \"name\": \"ok\", \"address\": \"A/74/90#p1\", \"offset\": 3,"
        "  \"created\": \"2025-01-02T03:04:05Z\"},\n"
        " {\"id\": \"2\", \"name\": \"no address\", \"offset\": 3},\n"
        " {\"id\": \"1\", \"name\": \"same id\", \"address\": \"A/74/90#p2\", \"offset\": -1,"
        "  \"created\": \"yesterday\"},\n"
        " 42]}";
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", text);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    expect_moved_aside(&d, dir, "bookmarks.json",
                       "bookmark 2 has no valid address; dropped (and 4 more problems)", text,
                       strlen(text));
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].id, "1");
    cr_expect_str_eq(v[1].id, "2", "the repeated id got a new one");
    cr_expect_str_eq(v[1].name, "same id");
    cr_expect_eq(v[1].offset, 0);
    cr_expect_str_eq(v[1].created, "");
    cr_expect_str_eq(add(st, "x", "A/74/90#p3", 0)->id, "3");
    state_close(st);
    remove_tree(dir);
}

Test(state, newer_version_is_left_alone)
{
    const char *text = "{\"format\": \"ndvr-bookmarks\", \"version\": 2, \"bookmarks\": []}";
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", text);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    char *path = path_in(dir, "bookmarks.json");
    cr_expect_str_eq(d.file, path);
    cr_expect_str_eq(d.msg, "written by a newer ndvr (format version 2); left alone");
    struct diag e = {0};
    cr_expect_null(state_bookmark_add(st, "x", "A/74/90#p1", 0, &e));
    cr_expect_str_eq(e.msg, d.msg);
    char *now = slurp(path, NULL);
    cr_expect_str_eq(now, text);
    cr_expect_eq(count_prefixed(dir, "bookmarks.json.corrupt", NULL), 0);
    free(now);
    free(path);
    state_close(st);
    remove_tree(dir);
}

Test(state, corrupt_session_is_moved_aside)
{
    const char *text = "{\"format\": \"ndvr-session\", \"version\": 1, \"history\": [";
    char *dir = make_temp_dir();
    write_file(dir, "session.json", text);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    cr_expect_eq(d.line, 1);
    expect_moved_aside(&d, dir, "session.json", "JSON syntax error", text, strlen(text));
    cr_expect_null(state_last_document(st));
    state_set_last(st, "A/74/90", "A/74/90#p1", 0);
    struct diag e = {0};
    cr_expect(state_save_session(st, &e), "%s", e.msg);
    state_close(st);
    st = open_clean(dir);
    cr_expect_str_eq(state_last_document(st), "A/74/90");
    state_close(st);
    remove_tree(dir);
}

Test(state, bad_session_entries_are_dropped)
{
    const char *text = "{\"format\": \"ndvr-session\", \"version\": 1,\n"
                       " \"last\": {\"A/74/90\": {\"address\": \"A/74/90#p3\", \"offset\": 7,"
                       " \"time\": \"2025-03-01T00:00:00Z\"},\n"
                       "          \"A/72/304\": {\"address\": 5}},\n"
                       " \"history\": [{\"address\": \"A/72/304#ch1\", \"offset\": 0}, 7]}";
    char *dir = make_temp_dir();
    write_file(dir, "session.json", text);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    expect_moved_aside(&d, dir, "session.json",
                       "a last position has no valid address; dropped (and 1 more problems)", text,
                       strlen(text));
    cr_expect_null(state_last(st, "A/72/304"));
    cr_expect_not_null(state_last(st, "A/74/90"));
    size_t n;
    state_history(st, &n);
    cr_expect_eq(n, 1);
    state_close(st);
    remove_tree(dir);
}

Test(state, leftover_temporary_files_are_ignored_and_removed)
{
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", bookmarks_two);
    write_file(dir, "bookmarks.json.tmp.99999", "{\"format\": \"ndvr-bo");
    write_file(dir, "session.json.tmp.12", "");
    write_file(dir, "bookmarks.json.tmp.notapid", "kept: not ours");
    struct state *st = open_clean(dir);
    cr_expect_eq(nbookmarks(st), 2);
    cr_expect(!exists_in(dir, "bookmarks.json.tmp.99999"));
    cr_expect(!exists_in(dir, "session.json.tmp.12"));
    cr_expect(exists_in(dir, "bookmarks.json.tmp.notapid"));
    state_close(st);
    remove_tree(dir);
}

/* --- Directories that cannot be written ----------------------------------------------------- */

/* Every operation on st fails with want (and nothing crashes); memory still works. */
static void
expect_cannot_save(struct state *st, const char *want)
{
    struct diag d = {0};
    cr_expect(!state_can_save(st, &d));
    cr_expect_str_eq(d.msg, want);
    cr_expect_null(state_bookmark_add(st, "x", "A/74/90#p1", 0, &d));
    cr_expect_str_eq(d.msg, want);
    cr_expect(!state_bookmark_rename(st, "1", "y", &d));
    cr_expect(!state_bookmark_delete(st, "1", &d));
    cr_expect_str_eq(d.msg, want);
    state_set_last(st, "A/74/90", "A/74/90#p1", 4);
    state_history_push(st, "A/74/90#p1", 4);
    cr_expect(!state_save_session(st, &d));
    cr_expect_str_eq(d.msg, want);
    cr_expect_eq(state_last(st, "A/74/90")->offset, 4);
    cr_expect(state_bookmarks_reload(st, &d));
}

Test(state, directory_under_a_file_cannot_save)
{
    char *dir = make_temp_dir();
    write_file(dir, "file", "x");
    char *state_dir_path = path_in(dir, "file/ndvr");
    struct state *st;
    struct diag d = open_warned(state_dir_path, &st);
    char *want = xasprintf("cannot save: cannot create %s: Not a directory", state_dir_path);
    cr_expect_str_eq(d.msg, want);
    cr_expect_str_eq(d.file, "");
    expect_cannot_save(st, want);
    state_close(st);
    free(want);
    free(state_dir_path);
    remove_tree(dir);
}

Test(state, read_only_directory_cannot_save)
{
    if (geteuid() == 0)
        cr_skip_test("root writes a mode 555 directory (the file-in-the-path test covers it)");
    char *dir = make_temp_dir();
    write_file(dir, "bookmarks.json", bookmarks_two);
    cr_assert_eq(chmod(dir, 0555), 0);
    struct state *st;
    struct diag d = open_warned(dir, &st);
    char *want = xasprintf("cannot save: cannot write %s: Permission denied", dir);
    cr_expect_str_eq(d.msg, want);
    cr_expect_eq(nbookmarks(st), 2, "the bookmarks are still read");
    expect_cannot_save(st, want);
    state_close(st);
    free(want);
    remove_tree(dir);
}

Test(state, missing_home_cannot_save)
{
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/nonexistent/home", 1);
    struct state *st;
    struct diag d = open_warned(NULL, &st);
    const char *want = "cannot save: home directory /nonexistent/home: No such file or directory";
    cr_expect_str_eq(d.msg, want);
    cr_expect_null(state_dir(st));
    expect_cannot_save(st, want);
    state_close(st);
}

Test(state, default_directories)
{
    char *dir = make_temp_dir();
    setenv("XDG_STATE_HOME", dir, 1);
    struct state *st = open_clean(NULL);
    char *want = path_in(dir, "ndvr");
    cr_expect_str_eq(state_dir(st), want);
    state_close(st);
    free(want);

    setenv("XDG_STATE_HOME", "relative/is/ignored", 1);
    setenv("HOME", dir, 1);
    st = open_clean(NULL);
    want = path_in(dir, ".local/state/ndvr");
    cr_expect_str_eq(state_dir(st), want);
    add(st, "x", "A/74/90#p1", 0);
    cr_expect(exists_in(want, "bookmarks.json"));
    state_close(st);
    free(want);
    remove_tree(dir);
}

Test(state, atomic_write_failure_leaves_nothing)
{
    char *dir = make_temp_dir(), *missing = path_in(dir, "no/such/file");
    struct diag d = {0};
    cr_expect(!atomic_write(missing, "x", 1, &d));
    cr_expect_str_eq(d.file, missing);
    cr_expect_str_eq(d.msg, "cannot write: No such file or directory");
    char *target = path_in(dir, "isdir");
    cr_assert_eq(mkdir(target, 0700), 0);
    write_file(target, "f", "x"); /* a non-empty directory cannot be renamed over */
    cr_expect(!atomic_write(target, "new", 3, &d));
    cr_expect_eq(count_prefixed(dir, "isdir.tmp.", NULL), 0, "the temporary file was removed");
    free(target);
    free(missing);
    remove_tree(dir);
}

/* --- Processes --------------------------------------------------------------------------- */

#define WRITERS 8
#define ADDS_EACH 50

static void
add_many(const char *dir, int child)
{
    struct state *st = state_open(dir, NULL);
    for (int i = 0; i < ADDS_EACH; i++) {
        char name[32];
        snprintf(name, sizeof name, "c%d-%d", child, i);
        struct diag d;
        if (state_bookmark_add(st, name, "A/74/90#p1", (size_t)i, &d) == NULL)
            _exit(1);
    }
    state_close(st);
}

Test(state, concurrent_processes_keep_every_bookmark)
{
    char *dir = make_temp_dir();
    pid_t pids[WRITERS];
    fflush(NULL);
    for (int c = 0; c < WRITERS; c++) {
        pids[c] = fork();
        cr_assert_geq(pids[c], 0);
        if (pids[c] == 0) {
            add_many(dir, c);
            _exit(0);
        }
    }
    for (int c = 0; c < WRITERS; c++) {
        int ws;
        cr_assert_eq(waitpid(pids[c], &ws, 0), pids[c]);
        cr_expect(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "writer %d failed", c);
    }
    struct state *st = open_clean(dir);
    size_t n;
    const struct bookmark *v = state_bookmarks(st, &n);
    cr_assert_eq(n, WRITERS * ADDS_EACH, "lost %d bookmarks", WRITERS * ADDS_EACH - (int)n);
    bool seen[WRITERS][ADDS_EACH] = {{false}};
    bool ids[WRITERS * ADDS_EACH + 1] = {false};
    for (size_t i = 0; i < n; i++) {
        int c, k;
        cr_assert_eq(sscanf(v[i].name, "c%d-%d", &c, &k), 2);
        seen[c][k] = true;
        unsigned long id = strtoul(v[i].id, NULL, 10);
        cr_assert(id >= 1 && id <= n && !ids[id], "id %s repeated or out of range", v[i].id);
        ids[id] = true;
    }
    for (int c = 0; c < WRITERS; c++)
        for (int k = 0; k < ADDS_EACH; k++)
            cr_expect(seen[c][k], "c%d-%d missing", c, k);
    state_close(st);
    remove_tree(dir);
}

/* A small deterministic generator, so a failing run can be repeated from its seed. */
static uint64_t
next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint64_t
test_seed(void)
{
    const char *env = getenv("NDVR_TEST_SEED");
    return env != NULL && env[0] ? strtoull(env, NULL, 10) : 20240607;
}

/* The text of a bookmarks file with n bookmarks. */
static char *
version_text(size_t n, size_t *nbytes)
{
    struct bookmark_list l = {.next_id = 1};
    for (size_t i = 0; i < n; i++)
        bookmarks_append(&l, xasprintf("%llu", l.next_id++), xasprintf("书签 %zu", i),
                         xasprintf("A/74/90#p%zu", i % 60 + 1), i, xstrdup("2025-01-02T03:04:05Z"));
    char *text = state_json_write_bookmarks(&l, nbytes);
    bookmarks_free(&l);
    return text;
}

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The child: writes the two versions in turn, as the state does (under the lock), forever. */
static void
writer_loop(const char *path, const char *lock, const char *a, size_t na, const char *b, size_t nb)
{
    for (;;) {
        for (int i = 0; i < 2; i++) {
            int fd = atomic_lock(lock, NULL);
            if (fd < 0 || !atomic_write(path, i ? a : b, i ? na : nb, NULL))
                _exit(1);
            atomic_unlock(fd);
        }
    }
}

#define KILLS 200

Test(state, sigkill_while_saving_leaves_old_or_new, .timeout = 60)
{
    char *dir = make_temp_dir(), *path = path_in(dir, "bookmarks.json");
    char *lock = path_in(dir, "state.lock");
    size_t na, nb;
    char *a = version_text(1, &na), *b = version_text(2000, &nb);
    write_bytes(path, a, na);
    /* How long a write of both versions takes here, so that the kills spread over it. */
    double t0 = now_ms();
    cr_assert(atomic_write(path, b, nb, NULL) && atomic_write(path, a, na, NULL));
    long span_us = (long)((now_ms() - t0) * 2000.0);
    span_us = span_us < 200 ? 200 : span_us > 20000 ? 20000 : span_us;
    uint64_t seed = test_seed(), rnd = seed;
    int seen_a = 0, seen_b = 0, temps = 0;
    for (int k = 0; k < KILLS; k++) {
        fflush(NULL);
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0)
            writer_loop(path, lock, a, na, b, nb);
        sleep_us((long)(next_random(&rnd) % (uint64_t)span_us));
        kill(pid, SIGKILL);
        int ws;
        cr_assert_eq(waitpid(pid, &ws, 0), pid);
        cr_assert(WIFSIGNALED(ws), "seed %llu, kill %d: the writer failed on its own",
                  (unsigned long long)seed, k);
        size_t n = 0;
        char *text = slurp(path, &n);
        cr_assert_not_null(text, "seed %llu, kill %d: no file", (unsigned long long)seed, k);
        bool is_a = n == na && memcmp(text, a, na) == 0, is_b = n == nb && memcmp(text, b, nb) == 0;
        cr_assert(is_a || is_b,
                  "seed %llu, kill %d after up to %ld us: a mix of versions (%zu "
                  "bytes)",
                  (unsigned long long)seed, k, span_us, n);
        seen_a += is_a;
        seen_b += is_b;
        free(text);
        temps += count_prefixed(dir, "bookmarks.json.tmp.", NULL) > 0;
        struct state *st = open_clean(dir); /* takes the dead writer's lock, clears its temp */
        cr_assert_eq(nbookmarks(st), is_a ? 1 : 2000, "seed %llu, kill %d",
                     (unsigned long long)seed, k);
        state_close(st);
        cr_assert_eq(count_prefixed(dir, "bookmarks.json.tmp.", NULL), 0);
    }
    cr_log_info("seed %llu: %d kills, old %d, new %d, %d mid-write (temp file left), "
                "delays up to %ld us",
                (unsigned long long)seed, KILLS, seen_a, seen_b, temps, span_us);
    cr_expect_gt(temps, 0, "seed %llu: no kill landed inside a write", (unsigned long long)seed);
    free(a);
    free(b);
    free(lock);
    free(path);
    remove_tree(dir);
}

/* The child: adds bookmarks through the real transactions until it is killed. */
static void
adder_loop(const char *dir)
{
    struct state *st = state_open(dir, NULL);
    for (size_t i = 0;; i++) {
        struct diag d;
        if (state_bookmark_add(st, "k", "A/74/90#p1", i, &d) == NULL)
            _exit(1);
    }
}

Test(state, sigkill_during_transactions_never_damages, .timeout = 60)
{
    char *dir = make_temp_dir();
    uint64_t seed = test_seed() + 1, rnd = seed;
    size_t before = 0;
    for (int k = 0; k < KILLS; k++) {
        fflush(NULL);
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0)
            adder_loop(dir);
        sleep_us((long)(next_random(&rnd) % 3000));
        kill(pid, SIGKILL);
        int ws;
        cr_assert_eq(waitpid(pid, &ws, 0), pid);
        cr_assert(WIFSIGNALED(ws), "seed %llu, kill %d: the adder failed on its own",
                  (unsigned long long)seed, k);
        struct state *st = open_clean(dir);
        size_t n = nbookmarks(st);
        cr_assert_geq(n, before, "seed %llu, kill %d: bookmarks lost", (unsigned long long)seed, k);
        before = n;
        state_close(st);
    }
    remove_tree(dir);
}

/* The user's corpus of imported trees follows the XDG rules as the state directory does: an
 * absolute XDG_DATA_HOME, else HOME's ~/.local/share; neither absolute, none. */
Test(state, data_corpus_directory)
{
    setenv("XDG_DATA_HOME", "/x/data", 1);
    setenv("HOME", "/h", 1);
    char *dir = data_corpus_dir();
    cr_expect_str_eq(dir, "/x/data/ndvr/corpus");
    free(dir);
    setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
    dir = data_corpus_dir();
    cr_expect_str_eq(dir, "/h/.local/share/ndvr/corpus");
    free(dir);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "h", 1);
    cr_expect_null(data_corpus_dir());
}
