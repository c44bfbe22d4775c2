/* `ndvr search`: every hit of a query, in document order, with a snippet around it. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "search/search.h"
#include "search/snippet.h"
#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Columns of context shown on each side of a hit. */
#define SNIPPET_CONTEXT_COLUMNS 16

/* The snippet of a hit, "…" where the field goes on. The caller frees it. */
static char *
snippet(const struct search_hit *hit)
{
    struct snippet sn;
    snippet_make(hit, SNIPPET_CONTEXT_COLUMNS, &sn);
    return sn.text;
}

/* Each hit's snippet with the match in [[ ]], built in two buffers reused from hit to hit: at
 * tens of thousands of hits, an allocation and a printf each were a third of the run. */
static void
print_text(struct cli *cli, const struct search_hits *hits)
{
    struct strbuf sn = STRBUF_INIT, line = STRBUF_INIT;
    for (size_t i = 0; i < hits->n; i++) {
        size_t a, b;
        sn.len = line.len = 0;
        snippet_append(&hits->v[i], SNIPPET_CONTEXT_COLUMNS, &sn, &a, &b);
        sb_append(&line, sn.data, a);
        sb_puts(&line, "[[");
        sb_append(&line, sn.data + a, b - a);
        sb_puts(&line, "]]");
        sb_append(&line, sn.data + b, sn.len - b);
        cli_put(cli->out, hits->v[i].node->address);
        fputc('\t', cli->out);
        cli_put(cli->out, line.data);
        fputc('\n', cli->out);
    }
    sb_free(&sn);
    sb_free(&line);
}

static cJSON *
hit_json(const struct search_hit *hit)
{
    cJSON *o = cJSON_CreateObject();
    char *snip = snippet(hit);
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
    struct search_index *index = search_index_open(cli->corpus);
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
        return cli_usage_error(cli, "search",
                               "unexpected argument: %s (quote a query with "
                               "spaces)",
                               argv[2]);
    char *text = cli_utf8_arg(cli, argv[1]);
    struct search_query query = {.text = text, .regex = regex};
    int status = in != NULL ? cli_find(cli, in, &query.scope)
                            : (cli_corpus(cli) != NULL ? CLI_OK : CLI_ERROR);
    if (status == CLI_OK)
        status = search_and_print(cli, &query, json);
    free(text);
    return status;
}
