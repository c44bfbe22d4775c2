/* `ndvr ls`: list nodes; `ndvr outline`: the corpus's outline. */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"

/* What `ls` prints, as lines or JSON. */
struct listing {
    FILE *out;
    cJSON *json; /* the array being filled with --json, else NULL */
};

static void
list_node(struct listing *ls, const struct node *node)
{
    const char *title = node_display_title(node);
    if (ls->json != NULL) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "address", node->address);
        cJSON_AddStringToObject(o, "kind", node_kind_name(node->kind));
        cJSON_AddStringToObject(o, "title", title);
        cJSON_AddItemToArray(ls->json, o);
        return;
    }
    cli_put(ls->out, node->address);
    fprintf(ls->out, "\t%s\t", node_kind_name(node->kind));
    cli_put(ls->out, title);
    fputc('\n', ls->out);
}

/* Lists the documents, a node's children or (recursive) everything below it. */
static void
list_nodes(struct listing *ls, const struct corpus *corpus, const struct node *node, bool recursive)
{
    size_t n;
    if (node == NULL) {
        struct node *const *docs = corpus_documents(corpus, &n);
        for (size_t i = 0; i < n; i++)
            list_node(ls, docs[i]);
    } else if (recursive) {
        struct node *const *sub = corpus_subtree(corpus, node, &n);
        for (size_t i = 1; i < n; i++)
            list_node(ls, sub[i]);
    } else {
        for (size_t i = 0; i < node->nchildren; i++)
            list_node(ls, node->children[i]);
    }
}

int
cmd_ls_exec(struct cli *cli, int argc, char **argv)
{
    bool recursive = false, json = false;
    const struct cli_flag flags[] = {{'r', "recursive", &recursive, NULL},
                                     {0, "json", &json, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    if (n > 1)
        return cli_usage_error(cli, "ls", "unexpected argument: %s", argv[2]);
    const struct corpus *corpus = cli_corpus(cli);
    if (corpus == NULL)
        return CLI_ERROR;
    const struct node *node = NULL;
    int status = n == 1 ? cli_find(cli, argv[1], &node) : CLI_OK;
    if (status != CLI_OK)
        return status;
    struct listing ls = {cli->out, json ? cJSON_CreateArray() : NULL};
    list_nodes(&ls, corpus, node, recursive);
    return json ? cli_print_json(cli, ls.json) : CLI_OK;
}

/* --- Outline ----------------------------------------------------------------------------- */

/* The structure a reader navigates by; paragraphs, items, footnotes, headings, experts and
 * papers are the content inside it. */
static bool
is_outline_kind(enum node_kind kind)
{
    switch (kind) {
    case NODE_DOCUMENT:
    case NODE_FRONT_MATTER:
    case NODE_CHAPTER:
    case NODE_SECTION:
    case NODE_ANNEX:
    case NODE_EXPERT_LIST:
    case NODE_WORKING_PAPER_LIST:
    case NODE_RESPONSE:
        return true;
    default:
        return false;
    }
}

static void
outline_node(FILE *out, const struct node *node, int depth)
{
    fprintf(out, "%*s", depth * 2, "");
    cli_put(out, node->address);
    const char *title = node_display_title(node);
    if (title[0] != '\0') {
        fputs("  ", out);
        cli_put(out, title);
    }
    fputc('\n', out);
    for (size_t i = 0; i < node->nchildren; i++)
        if (is_outline_kind(node->children[i]->kind))
            outline_node(out, node->children[i], depth + 1);
}

int
cmd_outline_exec(struct cli *cli, int argc, char **argv)
{
    int n = cli_parse_args(cli, argc, argv, NULL, 0);
    if (n < 0)
        return CLI_ERROR;
    if (n > 0)
        return cli_usage_error(cli, "outline", "unexpected argument: %s", argv[1]);
    const struct corpus *corpus = cli_corpus(cli);
    if (corpus == NULL)
        return CLI_ERROR;
    size_t ndocs;
    struct node *const *docs = corpus_documents(corpus, &ndocs);
    for (size_t i = 0; i < ndocs; i++)
        outline_node(cli->out, docs[i], 0);
    return CLI_OK;
}
