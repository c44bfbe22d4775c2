/* The state's records in memory and the rules for their strings. */
#include "state/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "text/sanitize.h"
#include "util/xalloc.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* --- Bookmarks --------------------------------------------------------------------------- */

static void
bookmark_fini(struct bookmark *b)
{
    free(b->id);
    free(b->name);
    free(b->address);
    free(b->created);
}

void
bookmarks_free(struct bookmark_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        bookmark_fini(&l->v[i]);
    free(l->v);
    *l = (struct bookmark_list){.next_id = 1};
}

struct bookmark *
bookmarks_append(struct bookmark_list *l, char *id, char *name, char *address, size_t offset,
                 char *created)
{
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    struct bookmark *b = &l->v[l->n++];
    *b = (struct bookmark){id, name, address, offset, created};
    return b;
}

size_t
bookmarks_index(const struct bookmark_list *l, const char *id)
{
    size_t i = 0;
    while (i < l->n && strcmp(l->v[i].id, id) != 0)
        i++;
    return i;
}

void
bookmarks_remove(struct bookmark_list *l, size_t i)
{
    bookmark_fini(&l->v[i]);
    memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
    l->n--;
}

void
bookmarks_move(struct bookmark_list *dst, struct bookmark_list *src)
{
    bookmarks_free(dst);
    *dst = *src;
    *src = (struct bookmark_list){.next_id = 1};
}

/* --- Session ----------------------------------------------------------------------------- */

static void
last_fini(struct last_pos *p)
{
    free(p->document);
    free(p->pos.address);
}

void
session_free(struct session *s)
{
    for (size_t i = 0; i < s->nlast; i++)
        last_fini(&s->last[i]);
    for (size_t i = 0; i < s->nhistory; i++)
        free(s->history[i].address);
    free(s->last);
    free(s->history);
    *s = (struct session){0};
}

void
session_move(struct session *dst, struct session *src)
{
    session_free(dst);
    *dst = *src;
    *src = (struct session){0};
}

size_t
session_find_last(const struct session *s, const char *document)
{
    size_t i = 0;
    while (i < s->nlast && strcmp(s->last[i].document, document) != 0)
        i++;
    return i;
}

void
session_set_last(struct session *s, const char *document, const char *address, size_t offset,
                 const char *time, bool touched)
{
    size_t i = session_find_last(s, document);
    struct last_pos p;
    if (i < s->nlast) { /* reuse the entry, moved to the end */
        p = s->last[i];
        free(p.pos.address);
        memmove(&s->last[i], &s->last[i + 1], (s->nlast - i - 1) * sizeof *s->last);
        s->nlast--;
    } else {
        p = (struct last_pos){.document = xstrdup(document)};
    }
    p.pos = (struct state_pos){xstrdup(address), offset};
    snprintf(p.time, sizeof p.time, "%s", time);
    p.touched = touched;
    s->last = xgrow(s->last, &s->caplast, s->nlast + 1, sizeof *s->last);
    s->last[s->nlast++] = p;
    if (s->nlast > STATE_LAST_MAX) {
        last_fini(&s->last[0]);
        memmove(s->last, s->last + 1, (s->nlast - 1) * sizeof *s->last);
        s->nlast--;
    }
}

void
session_sort_last(struct session *s)
{
    /* Insertion sort: stable, and the list is short and nearly sorted. */
    for (size_t i = 1; i < s->nlast; i++) {
        struct last_pos p = s->last[i];
        size_t j = i;
        for (; j > 0 && strcmp(s->last[j - 1].time, p.time) > 0; j--)
            s->last[j] = s->last[j - 1];
        s->last[j] = p;
    }
}

void
session_push(struct session *s, const char *address, size_t offset)
{
    if (s->nhistory == STATE_HISTORY_MAX) {
        free(s->history[0].address);
        memmove(s->history, s->history + 1, (s->nhistory - 1) * sizeof *s->history);
        s->nhistory--;
    }
    s->history = xgrow(s->history, &s->caphistory, s->nhistory + 1, sizeof *s->history);
    s->history[s->nhistory++] = (struct state_pos){xstrdup(address), offset};
}

/* --- Strings ----------------------------------------------------------------------------- */

/* What sanitising found, worst first. */
static const char *
name_problem(unsigned problems)
{
    if (problems & SANITIZE_BAD_UTF8)
        return "is not valid UTF-8";
    if (problems & SANITIZE_CONTROL)
        return "has control characters";
    return "has characters a terminal cannot show";
}

char *
model_clean_name(const char *s, size_t nbytes, const char **why)
{
    size_t len;
    unsigned problems;
    char *clean = sanitize_text(s, nbytes, &len, &problems);
    bool spaced = false;
    for (char *p = clean; *p; p++) {
        if (*p == '\t' || *p == '\n') {
            *p = ' ';
            spaced = true;
        }
    }
    bool cut = len > STATE_NAME_MAX;
    if (cut) {
        len = STATE_NAME_MAX;
        while (len > 0 && ((unsigned char)clean[len] & 0xC0) == 0x80)
            len--; /* not inside a character */
        clean[len] = '\0';
    }
    *why = problems ? name_problem(problems)
           : spaced ? "has control characters"
           : cut    ? "is longer than " STRINGIFY(STATE_NAME_MAX) " bytes"
                    : NULL;
    return clean;
}

bool
model_address_ok(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= STATE_ADDRESS_MAX && u8_check((const uint8_t *)s, n) == NULL &&
           sanitize_is_clean(s, n) && strpbrk(s, "\t\n") == NULL;
}

bool
model_time_ok(const char *s)
{
    static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof pattern - 1)
        return false;
    for (size_t i = 0; pattern[i]; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (pattern[i] == 'd' ? !digit : s[i] != pattern[i])
            return false;
    }
    return true;
}

void
model_now(char buf[MODEL_TIME_SIZE])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, MODEL_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
