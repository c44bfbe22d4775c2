/* `ndvr bookmarks [--json]`: the bookmarks the reader saved, stale ones marked.
 *
 * Text: one line per bookmark, in creation order, `NAME<TAB>ADDRESS<TAB>OFFSET`, followed by
 * `<TAB>stale` when the address is not in the corpus in use; nothing when there are no
 * bookmarks. JSON: an array (`[]` when empty) of {"id", "name", "address", "offset",
 * "created", "stale"}. Problems met opening the state (a corrupt file moved aside, a state
 * directory that cannot be written) are warnings on stderr and do not change the status. */
#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "state/state.h"

static void
print_warnings(struct cli *cli, struct state_warnings *w)
{
    for (size_t i = 0; i < w->n; i++)
        cli_put_diag(cli->err, "ndvr: warning: ", &w->v[i]);
    state_warnings_free(w);
}

static void
print_text(struct cli *cli, const struct bookmark *b, bool stale)
{
    cli_put(cli->out, b->name);
    fputc('\t', cli->out);
    cli_put(cli->out, b->address);
    fprintf(cli->out, "\t%zu%s\n", b->offset, stale ? "\tstale" : "");
}

static cJSON *
bookmark_json(const struct bookmark *b, bool stale)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", b->id);
    cJSON_AddStringToObject(o, "name", b->name);
    cJSON_AddStringToObject(o, "address", b->address);
    cJSON_AddNumberToObject(o, "offset", (double)b->offset);
    cJSON_AddStringToObject(o, "created", b->created);
    cJSON_AddBoolToObject(o, "stale", stale);
    return o;
}

/* Prints the list; the corpus is loaded only when there is something to mark. */
static int
print_bookmarks(struct cli *cli, const struct bookmark *v, size_t n, bool json)
{
    const struct corpus *corpus = n > 0 ? cli_corpus(cli) : NULL;
    if (n > 0 && corpus == NULL)
        return CLI_ERROR;
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    for (size_t i = 0; i < n; i++) {
        bool stale = state_bookmark_is_stale(&v[i], corpus);
        if (json)
            cJSON_AddItemToArray(arr, bookmark_json(&v[i], stale));
        else
            print_text(cli, &v[i], stale);
    }
    return json ? cli_print_json(cli, arr) : CLI_OK;
}

int
cmd_bookmarks_exec(struct cli *cli, int argc, char **argv)
{
    bool json = false;
    const struct cli_flag flags[] = {{0, "json", &json, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, 1);
    if (n < 0)
        return CLI_ERROR;
    if (n > 0)
        return cli_usage_error(cli, argv[0], "unexpected argument: %s", argv[1]);
    struct state_warnings w = {0};
    struct state *st = state_open(NULL, &w);
    print_warnings(cli, &w);
    size_t count;
    const struct bookmark *v = state_bookmarks(st, &count);
    int status = print_bookmarks(cli, v, count, json);
    state_close(st);
    return status;
}
