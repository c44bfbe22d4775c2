/* `ndvr bookmarks`, run as the real program with XDG_STATE_HOME in a temporary directory. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "../support/run.h"

#define NDVR NDVR_BIN_DIR "/ndvr"
#define CORPUS NDVR_SOURCE_DIR "/assets/corpus"

/* Runs `ndvr bookmarks [extra]` with XDG_STATE_HOME=state_home and the source corpus. */
static struct run
run_bookmarks(const char *state_home, const char *extra)
{
    const char *argv[] = {"bookmarks", extra, NULL};
    char state[600];
    snprintf(state, sizeof state, "XDG_STATE_HOME=%s", state_home);
    const char *env[] = {state, "NDVR_CORPUS=" CORPUS, NULL};
    return run_program(NDVR, argv, env);
}

static void
expect_run(struct run *r, int status, const char *out, const char *err)
{
    cr_expect_eq(r->status, status, "status %d, stderr: %s", r->status, r->err);
    cr_expect_str_eq(r->out, out);
    cr_expect_str_eq(r->err, err);
    free(r->out);
    free(r->err);
}

/* A temporary XDG_STATE_HOME, with ndvr/bookmarks.json holding text when text is not NULL. */
static char *
make_home(const char *text)
{
    char *home = xstrdup("/tmp/ndvr-test-bookmarks-XXXXXX");
    cr_assert_not_null(mkdtemp(home));
    if (text == NULL)
        return home;
    char *dir = xasprintf("%s/ndvr", home), *path = xasprintf("%s/bookmarks.json", dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
    free(path);
    free(dir);
    return home;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void
remove_home(char *home)
{
    nftw(home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(home);
}

static const char *const three =
    "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"next_id\": 8, \"bookmarks\": [\n"
    "  {\"id\": \"3\", \"name\": \"第十段\", \"address\": \"A/74/90#p10\", \"offset\": 6,\n"
    "   \"created\": \"2025-01-02T03:04:05Z\"},\n"
    "  {\"id\": \"5\", \"name\": \"gone\", \"address\": \"A/74/90#p999\", \"offset\": 0,\n"
    "   \"created\": \"2025-01-02T03:04:06Z\"},\n"
    "  {\"id\": \"7\", \"name\": \"导言\", \"address\": \"A/72/304#ch1\", \"offset\": 120,\n"
    "   \"created\": \"2025-02-03T04:05:06Z\"}]}\n";

Test(bookmarks_cli, lists_with_stale_marked)
{
    char *home = make_home(three);
    struct run r = run_bookmarks(home, NULL);
    expect_run(&r, 0,
               "第十段\tA/74/90#p10\t6\n"
               "gone\tA/74/90#p999\t0\tstale\n"
               "导言\tA/72/304#ch1\t120\n",
               "");
    remove_home(home);
}

static void
expect_entry(const cJSON *o, const char *id, const char *name, const char *address, double offset,
             const char *created, bool stale)
{
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(o, "id")->valuestring, id);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(o, "name")->valuestring, name);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(o, "address")->valuestring, address);
    cr_expect_eq(cJSON_GetObjectItemCaseSensitive(o, "offset")->valuedouble, offset);
    cr_expect_str_eq(cJSON_GetObjectItemCaseSensitive(o, "created")->valuestring, created);
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "stale");
    cr_expect(cJSON_IsBool(s) && cJSON_IsTrue(s) == stale, "stale of %s", id);
    cr_expect_eq(cJSON_GetArraySize(o), 6);
}

Test(bookmarks_cli, json)
{
    char *home = make_home(three);
    struct run r = run_bookmarks(home, "--json");
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_str_eq(r.err, "");
    cJSON *json = cJSON_Parse(r.out);
    cr_assert(cJSON_IsArray(json), "not a JSON array: %s", r.out);
    cr_assert_eq(cJSON_GetArraySize(json), 3);
    expect_entry(cJSON_GetArrayItem(json, 0), "3", "第十段", "A/74/90#p10", 6,
                 "2025-01-02T03:04:05Z", false);
    expect_entry(cJSON_GetArrayItem(json, 1), "5", "gone", "A/74/90#p999", 0,
                 "2025-01-02T03:04:06Z", true);
    expect_entry(cJSON_GetArrayItem(json, 2), "7", "导言", "A/72/304#ch1", 120,
                 "2025-02-03T04:05:06Z", false);
    cJSON_Delete(json);
    free(r.out);
    free(r.err);
    remove_home(home);
}

Test(bookmarks_cli, none)
{
    char *home = make_home(NULL);
    struct run r = run_bookmarks(home, NULL);
    expect_run(&r, 0, "", "");
    r = run_bookmarks(home, "--json");
    expect_run(&r, 0, "[]\n", "");
    remove_home(home);
}

Test(bookmarks_cli, usage)
{
    char *home = make_home(NULL);
    struct run r = run_bookmarks(home, "extra");
    expect_run(&r, 2, "",
               "ndvr bookmarks: unexpected argument: extra\nusage: ndvr bookmarks [--json]\n");
    remove_home(home);
}

/* The one bookmarks.json.corrupt-* in dir (the caller frees it). */
static char *
corrupt_name(const char *dir)
{
    DIR *dp = opendir(dir);
    cr_assert_not_null(dp);
    char *found = NULL;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (strncmp(e->d_name, "bookmarks.json.corrupt-", 23) == 0) {
            free(found);
            found = xstrdup(e->d_name);
            n++;
        }
    }
    closedir(dp);
    cr_assert_eq(n, 1);
    return found;
}

Test(bookmarks_cli, corrupt_file_is_moved_aside_with_a_warning)
{
    const char *text = "{\"format\": \"ndvr-bookmarks\",\n \"bookmarks\": [}";
    char *home = make_home(text);
    struct run r = run_bookmarks(home, NULL);
    char *dir = xasprintf("%s/ndvr", home), *aside = corrupt_name(dir);
    char *err = xasprintf("ndvr: warning: %s/bookmarks.json:2:16: JSON syntax error; moved aside "
                          "to %s\n",
                          dir, aside);
    expect_run(&r, 0, "", err);
    char *path = xasprintf("%s/%s", dir, aside);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char buf[256] = {0};
    cr_expect_eq(fread(buf, 1, sizeof buf - 1, f), strlen(text));
    fclose(f);
    cr_expect_str_eq(buf, text, "the original bytes are kept");
    r = run_bookmarks(home, NULL); /* the warning is given once */
    expect_run(&r, 0, "", "");
    free(path);
    free(err);
    free(aside);
    free(dir);
    remove_home(home);
}

Test(bookmarks_cli, names_cannot_drive_the_terminal)
{
    char *home = make_home(
        "{\"format\": \"ndvr-bookmarks\", \"version\": 1, \"bookmarks\": [\n"
        "  {\"id\": \"1\", \"name\": \"x\\u001b]52;c;AAAA\\u0007y\", \"address\": \"A/74/90#p10\","
        " \"offset\": 0, \"created\": \"2025-01-02T03:04:05Z\"}]}\n");
    struct run r = run_bookmarks(home, NULL);
    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, "x]52;c;AAAAy\tA/74/90#p10\t0\n");
    cr_expect(strstr(r.err, "the name of bookmark 1 has control characters; cleaned; moved "
                            "aside to bookmarks.json.corrupt-") != NULL,
              "stderr: %s", r.err);
    free(r.out);
    free(r.err);
    remove_home(home);
}

Test(bookmarks_cli, unwritable_state_directory_is_a_warning)
{
    char *home = make_home(NULL);
    char *file = xasprintf("%s/file", home);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    struct run r = run_bookmarks(file, NULL);
    char *err =
        xasprintf("ndvr: warning: cannot save: cannot create %s/ndvr: Not a directory\n", file);
    expect_run(&r, 0, "", err);
    free(err);
    free(file);
    remove_home(home);
}
