/* `ndvr search`: every hit of a query, in document order, with a snippet around it. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>

#include "cli/cli.h"
#include "search/search.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Columns of context shown on each side of a hit. */
#define SNIPPET_CONTEXT_COLUMNS 16

/* A hit with its context: the bytes of the field string to show. */
struct snippet_range {
    size_t start, end;
};

/* The cluster start before `at`, given the cluster starts of the string. */
static size_t
cluster_before(const char *starts, size_t at)
{
    size_t i = at - 1;
    while (i > 0 && !starts[i])
        i--;
    return i;
}

static size_t
cluster_after(const char *starts, size_t n, size_t at)
{
    size_t i = at + 1;
    while (i < n && !starts[i])
        i++;
    return i;
}

/* Widens the hit by whole grapheme clusters while each side stays within the context. */
static struct snippet_range
snippet_range(const char *s, size_t n, const struct search_hit *hit)
{
    char *starts = xcalloc(n + 1, 1);
    u8_grapheme_breaks((const uint8_t *)s, n, starts);
    struct snippet_range r = {hit->offset, hit->offset + hit->length};
    int cols = 0;
    while (r.start > 0) {
        size_t prev = cluster_before(starts, r.start);
        cols += text_width(s + prev, r.start - prev);
        if (cols > SNIPPET_CONTEXT_COLUMNS)
            break;
        r.start = prev;
    }
    cols = 0;
    while (r.end < n) {
        size_t next = cluster_after(starts, n, r.end);
        cols += text_width(s + r.end, next - r.end);
        if (cols > SNIPPET_CONTEXT_COLUMNS)
            break;
        r.end = next;
    }
    free(starts);
    return r;
}

/* Appends s[a, b) with line breaks and tabs as spaces: a snippet is one line. */
static void
append_flat(struct strbuf *sb, const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        sb_putc(sb, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
}

/* The snippet of a hit, "…" where the field goes on, the match in [[ ]] when marked. The
 * caller frees it. */
static char *
snippet(const struct search_hit *hit, bool marked)
{
    const char *s = search_field_string(hit->node, hit->field);
    size_t n = strlen(s), hit_end = hit->offset + hit->length;
    struct snippet_range r = snippet_range(s, n, hit);
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, r.start > 0 ? "…" : "");
    append_flat(&sb, s, r.start, hit->offset);
    sb_puts(&sb, marked ? "[[" : "");
    append_flat(&sb, s, hit->offset, hit_end);
    sb_puts(&sb, marked ? "]]" : "");
    append_flat(&sb, s, hit_end, r.end);
    sb_puts(&sb, r.end < n ? "…" : "");
    return sb_detach(&sb);
}

static void
print_text(struct cli *cli, const struct search_hits *hits)
{
    for (size_t i = 0; i < hits->n; i++) {
        char *snip = snippet(&hits->v[i], true);
        cli_put(cli->out, hits->v[i].node->address);
        fputc('\t', cli->out);
        cli_put(cli->out, snip);
        fputc('\n', cli->out);
        free(snip);
    }
}

static cJSON *
hit_json(const struct search_hit *hit)
{
    cJSON *o = cJSON_CreateObject();
    char *snip = snippet(hit, false);
    cJSON_AddStringToObject(o, "address", hit->node->address);
    cJSON_AddStringToObject(o, "field", search_field_name(hit->field));
    cJSON_AddNumberToObject(o, "offset", (double)hit->offset);
    cJSON_AddNumberToObject(o, "length", (double)hit->length);
    cJSON_AddStringToObject(o, "snippet", snip);
    free(snip);
    return o;
}

static int
print_json(struct cli *cli, const struct search_hits *hits)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < hits->n; i++)
        cJSON_AddItemToArray(arr, hit_json(&hits->v[i]));
    return cli_print_json(cli, arr);
}

/* Runs the query and prints the hits; exit status 1 when there are none. */
static int
search_and_print(struct cli *cli, const struct search_query *query, bool json)
{
    struct search_index *index = search_index_new(cli->corpus);
    struct search_hits hits = {0};
    struct diag d = {0};
    int status;
    if (!search_run(index, query, &hits, &d)) {
        status = cli_usage_error(cli, "search", "%s", d.msg);
    } else {
        status = hits.n > 0 ? CLI_OK : CLI_NOT_FOUND;
        if (json && print_json(cli, &hits) != CLI_OK)
            status = CLI_ERROR;
        else if (!json)
            print_text(cli, &hits);
    }
    search_hits_free(&hits);
    search_index_free(index);
    return status;
}

int
cmd_search_exec(struct cli *cli, int argc, char **argv)
{
    bool json = false, regex = false;
    const char *in = NULL;
    const struct cli_flag flags[] = {
        {0, "json", &json, NULL}, {0, "in", NULL, &in}, {0, "regex", &regex, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    if (n == 0)
        return cli_usage_error(cli, "search", "missing QUERY");
    if (n > 1)
        return cli_usage_error(cli, "search", "unexpected argument: %s (quote a query with "
                               "spaces)", argv[2]);
    struct search_query query = {.text = argv[1], .regex = regex};
    if (in != NULL) {
        int status = cli_find(cli, in, &query.scope);
        if (status != CLI_OK)
            return status;
    } else if (cli_corpus(cli) == NULL) {
        return CLI_ERROR;
    }
    return search_and_print(cli, &query, json);
}
