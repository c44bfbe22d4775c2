/* Fuzz target: the state readers (state_json_read_bookmarks / _session: a text naming
 * "ndvr-session" is read as the session, anything else as bookmarks). What they accept,
 * written back, must read as it is (STATE_JSON_OK) and write the same bytes again: salvage
 * writes what the reader accepts (this check found issue 14's endless moves aside). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "state/state_json.h"
#include "util/xalloc.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void
check_messages(const struct diag *d)
{
    fuzz_check_clean("a state message", d->msg, strlen(d->msg));
}

static void
round_trip_bookmarks(const char *text, size_t n)
{
    struct bookmark_list l = {0}, again = {0};
    struct diag d = {0};
    enum state_json_result r = state_json_read_bookmarks("b.json", text, n, &l, &d);
    check_messages(&d);
    if (r == STATE_JSON_OK || r == STATE_JSON_SALVAGED) {
        size_t n1, n2;
        fuzz_accepted++;
        char *out = state_json_write_bookmarks(&l, &n1);
        FUZZ_CHECK(out != NULL, "%s", "not written");
        r = state_json_read_bookmarks("b.json", out, n1, &again, &d);
        FUZZ_CHECK(r == STATE_JSON_OK, "written bookmarks read back as %d: %s", r, d.msg);
        FUZZ_CHECK(again.n == l.n, "%zu bookmarks written, %zu read", l.n, again.n);
        char *out2 = state_json_write_bookmarks(&again, &n2);
        FUZZ_CHECK(n1 == n2 && memcmp(out, out2, n1) == 0, "%s", "written twice, differently");
        free(out);
        free(out2);
    }
    bookmarks_free(&l);
    bookmarks_free(&again);
}

static void
round_trip_session(const char *text, size_t n)
{
    struct session s = {0}, again = {0};
    struct diag d = {0};
    enum state_json_result r = state_json_read_session("s.json", text, n, &s, &d);
    check_messages(&d);
    if (r == STATE_JSON_OK || r == STATE_JSON_SALVAGED) {
        size_t n1, n2;
        fuzz_accepted++;
        char *out = state_json_write_session(&s, &n1);
        FUZZ_CHECK(out != NULL, "%s", "not written");
        r = state_json_read_session("s.json", out, n1, &again, &d);
        FUZZ_CHECK(r == STATE_JSON_OK, "written session read back as %d: %s", r, d.msg);
        FUZZ_CHECK(again.nlast == s.nlast && again.nhistory == s.nhistory,
                   "%zu/%zu written, %zu/%zu read", s.nlast, s.nhistory, again.nlast,
                   again.nhistory);
        char *out2 = state_json_write_session(&again, &n2);
        FUZZ_CHECK(n1 == n2 && memcmp(out, out2, n1) == 0, "%s", "written twice, differently");
        free(out);
        free(out2);
    }
    session_free(&s);
    session_free(&again);
}

static bool
names_session(const char *text, size_t n)
{
    static const char word[] = "ndvr-session";
    for (size_t i = 0; i + sizeof word - 1 <= n; i++)
        if (memcmp(text + i, word, sizeof word - 1) == 0)
            return true;
    return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size + 1); /* the readers want text[nbytes] == '\0' */
    memcpy(text, data, size);
    text[size] = '\0';
    if (names_session(text, size))
        round_trip_session(text, size);
    else
        round_trip_bookmarks(text, size);
    free(text);
    return 0;
}
