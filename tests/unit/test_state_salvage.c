/* Salvage writes what the reader accepts: every damaged shape the state readers repair, once
 * written back, reads as it is (STATE_JSON_OK) and writes the same bytes again; and a state
 * directory whose file was salvaged once is not moved aside again on the next run (issue 14,
 * reliability D5). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state/model.h"
#include "state/state.h"
#include "state/state_json.h"
#include "util/xalloc.h"

#define BM_HEAD "{\"format\":\"ndvr-bookmarks\",\"version\":1,"
#define BM_OK "\"address\":\"A/74/90#p1\",\"offset\":0,\"created\":\"2025-01-02T03:04:05Z\""
#define SS_HEAD "{\"format\":\"ndvr-session\",\"version\":1,"
#define LAST_OK "\"address\":\"A/74/90#p1\",\"offset\":4,\"time\":\"2025-01-02T03:04:05Z\""

/* One damaged shape of each repair state_json.c makes (one per problem() it reports). */
static const char *const bookmark_shapes[] = {
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\"," BM_OK "}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\",\"name\":\"\"," BM_OK "}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\",\"name\":\"a\\u001bb\\u202e\"," BM_OK "}]}",
    BM_HEAD "\"next_id\":3,\"bookmarks\":[{\"id\":\"1\",\"name\":\"n\"," BM_OK "},"
            "{\"id\":\"2\",\"name\":\"no address\",\"offset\":0}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\",\"name\":\"n\",\"address\":\"A/74/90#p1\","
            "\"offset\":-7,\"created\":\"2025-01-02T03:04:05Z\"}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\",\"name\":\"x\",\"address\":\"A/74/90#p1\","
            "\"offset\":0,\"created\":\"yesterday\"}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[{\"id\":\"1\",\"name\":\"x\",\"address\":\"A/74/90#p1\","
            "\"offset\":0}]}",
    BM_HEAD "\"next_id\":3,\"bookmarks\":[{\"id\":\"1\",\"name\":\"a\"," BM_OK "},"
            "{\"id\":\"1\",\"name\":\"b\"," BM_OK "},{\"id\":\"07\",\"name\":\"c\"," BM_OK "}]}",
    BM_HEAD "\"next_id\":\"many\",\"bookmarks\":[{\"id\":\"1\",\"name\":\"a\"," BM_OK "}]}",
    BM_HEAD "\"next_id\":2,\"bookmarks\":[42,{\"id\":\"1\",\"name\":\"a\"," BM_OK "}]}",
};

static const char *const session_shapes[] = {
    SS_HEAD "\"last\":{\"A/74/90\":{\"address\":\"A/74/90#p1\",\"offset\":0,\"time\":\"noon\"}},"
            "\"history\":[]}",
    SS_HEAD "\"last\":{\"A/74/90\":{\"address\":\"A/74/90#p1\",\"offset\":0}},\"history\":[]}",
    SS_HEAD
    "\"last\":{\"A/74/90\":{\"offset\":0,\"time\":\"2025-01-02T03:04:05Z\"}},\"history\":[]}",
    SS_HEAD "\"last\":{\"A/74/90\":{\"address\":\"\\u0007\",\"offset\":0}},\"history\":[]}",
    SS_HEAD "\"last\":{\"A/74/90\":{\"address\":\"A/74/90#p1\",\"offset\":-1,"
            "\"time\":\"2025-01-02T03:04:05Z\"}},\"history\":[]}",
    SS_HEAD "\"last\":{\"\\u0007\":{" LAST_OK "}},\"history\":[]}",
    SS_HEAD "\"last\":{\"A/74/90\":{" LAST_OK "},\"A/74/90\":{" LAST_OK "}},\"history\":[]}",
    SS_HEAD "\"last\":[],\"history\":[]}",
    SS_HEAD "\"last\":{},\"history\":{}}",
    SS_HEAD "\"last\":{},\"history\":[{\"address\":\"A/74/90#p2\",\"offset\":\"x\"},7]}",
};

/* Indices into the tables: pointers in parameters would not survive Criterion's runner. */
static size_t shape_indices[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

ParameterizedTestParameters(salvage, bookmarks)
{
    _Static_assert(sizeof bookmark_shapes / sizeof bookmark_shapes[0] == 10, "one index each");
    return cr_make_param_array(size_t, shape_indices, 10);
}

ParameterizedTestParameters(salvage, session)
{
    _Static_assert(sizeof session_shapes / sizeof session_shapes[0] == 10, "one index each");
    return cr_make_param_array(size_t, shape_indices, 10);
}

/* Reads text as bookmarks, expecting `want`; the text written back from what was read. */
static char *
bookmarks_pass(const char *text, enum state_json_result want, size_t *nbytes)
{
    struct bookmark_list l = {0};
    struct diag d = {0};
    enum state_json_result r = state_json_read_bookmarks("b.json", text, strlen(text), &l, &d);
    cr_expect_eq(r, want, "read %d, wanted %d (%s) for %s", r, want, d.msg, text);
    char *out = state_json_write_bookmarks(&l, nbytes);
    bookmarks_free(&l);
    cr_assert_not_null(out);
    return out;
}

static char *
session_pass(const char *text, enum state_json_result want, size_t *nbytes)
{
    struct session s = {0};
    struct diag d = {0};
    enum state_json_result r = state_json_read_session("s.json", text, strlen(text), &s, &d);
    cr_expect_eq(r, want, "read %d, wanted %d (%s) for %s", r, want, d.msg, text);
    char *out = state_json_write_session(&s, nbytes);
    session_free(&s);
    cr_assert_not_null(out);
    return out;
}

ParameterizedTest(size_t *k, salvage, bookmarks)
{
    size_t n1, n2;
    char *salvaged = bookmarks_pass(bookmark_shapes[*k], STATE_JSON_SALVAGED, &n1);
    char *again = bookmarks_pass(salvaged, STATE_JSON_OK, &n2);
    cr_expect(n1 == n2 && memcmp(salvaged, again, n1) == 0, "not stable:\n%s\n%s", salvaged, again);
    free(salvaged);
    free(again);
}

ParameterizedTest(size_t *k, salvage, session)
{
    size_t n1, n2;
    char *salvaged = session_pass(session_shapes[*k], STATE_JSON_SALVAGED, &n1);
    char *again = session_pass(salvaged, STATE_JSON_OK, &n2);
    cr_expect(n1 == n2 && memcmp(salvaged, again, n1) == 0, "not stable:\n%s\n%s", salvaged, again);
    free(salvaged);
    free(again);
}

/* --- The reproducers, end to end ------------------------------------------------------ */

static size_t
count_aside(const char *dir, const char *name)
{
    DIR *dh = opendir(dir);
    cr_assert_not_null(dh);
    size_t n = 0, len = strlen(name);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        n += strncmp(e->d_name, name, len) == 0 && strstr(e->d_name, ".corrupt-") != NULL;
    closedir(dh);
    return n;
}

static void
put(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

/* Opens the state in dir three times, saving the session each time, as three runs would. */
static void
three_runs(const char *dir)
{
    for (int run = 0; run < 3; run++) {
        struct state_warnings w = {0};
        struct state *st = state_open(dir, &w);
        cr_expect_eq(w.n, run == 0 ? 1u : 0u, "run %d: %zu warnings (%s)", run + 1, w.n,
                     w.n ? w.v[0].msg : "");
        state_warnings_free(&w);
        struct diag d = {0};
        state_set_last(st, "A/74/90", "A/74/90#p2", 0);
        cr_expect(state_save_session(st, &d), "%s", d.msg);
        state_close(st);
    }
}

Test(salvage, crasher_bookmarks_moved_aside_once)
{
    char dir[] = "/tmp/ndvr-test-salvage-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    put(dir, "bookmarks.json",
        "{\"format\":\"ndvr-bookmarks\",\"version\":1,\"next_id\":2,"
        "\"bookmarks\":[{\"id\":\"1\",\"name\":\"x\",\"address\":"
        "\"A/74/90#p1\",\"offset\":0,\"created\":\"yesterday\"}]}");
    three_runs(dir);
    cr_expect_eq(count_aside(dir, "bookmarks.json"), 1);
    char *cmd = xasprintf("rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
    free(cmd);
}

Test(salvage, crasher_session_moved_aside_once)
{
    char dir[] = "/tmp/ndvr-test-salvage-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    put(dir, "session.json",
        "{\"format\":\"ndvr-session\",\"version\":1,\"last\":{\"A/72/304\":{\"address\":"
        "\"A/72/304#ch1\",\"offset\":0,\"time\":\"noon\"}},\"history\":[]}");
    three_runs(dir);
    cr_expect_eq(count_aside(dir, "session.json"), 1);
    char *cmd = xasprintf("rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
    free(cmd);
}
