/* ndvr cat: nodes and their subtrees as wrapped text, through the one layout engine. */
#include "cli/cli.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/hyperlink.h"
#include "render/blocks.h"

enum { CAT_MIN_WIDTH = 8, CAT_MAX_WIDTH = 1000, CAT_DEFAULT_WIDTH = 80 };

/* --width, else the terminal's width when stdout is one, else 80. */
static int
output_width(FILE *out)
{
    struct winsize ws;
    int fd = fileno(out);
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= CAT_MIN_WIDTH)
        return ws.ws_col > CAT_MAX_WIDTH ? CAT_MAX_WIDTH : ws.ws_col;
    return CAT_DEFAULT_WIDTH;
}

static void
print_blocks(FILE *out, const struct block_list *blocks, int width, bool hyperlinks)
{
    for (size_t i = 0; i < blocks->n; i++) {
        const struct block *b = &blocks->v[i];
        if (b->blank_before)
            fputc('\n', out);
        struct block_line *lines;
        size_t n = block_layout(b, width, &lines);
        for (size_t k = 0; k < n; k++) {
            char *text = block_line_text(b, &lines[k]);
            if (hyperlinks)
                hyperlink_put_line(out, text, b, &lines[k]);
            else
                cli_put(out, text);
            fputc('\n', out);
            free(text);
        }
        free(lines);
    }
}

/* One node and its subtree, after a blank line unless it is the first. */
static void
print_node(const struct cli *cli, const struct node *node, const struct render_opts *opts,
           int width, bool first)
{
    FILE *out = cli->out;
    struct block_list blocks = {0};
    render_node(node, opts, &blocks);
    if (!first)
        fputc('\n', out);
    print_blocks(out, &blocks, width, cli->hyperlinks);
    block_list_free(&blocks);
}

/* Each node an address covers (a range has several), in document order. */
static void
print_resolved(struct cli *cli, const struct resolved *r, const struct render_opts *opts, int width,
               bool *first)
{
    for (const struct node *node = NULL; (node = resolve_next(cli->corpus, r, node)) != NULL;) {
        print_node(cli, node, opts, width, *first);
        *first = false;
    }
}

int
cmd_cat_exec(struct cli *cli, int argc, char **argv)
{
    const char *width_arg = NULL;
    bool no_footnotes = false;
    const struct cli_flag flags[] = {{'w', "width", NULL, &width_arg},
                                     {0, "no-footnotes", &no_footnotes, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    if (n == 0)
        return cli_usage_error(cli, "cat", "missing ADDRESS");
    int width = output_width(cli->utf8_out); /* the terminal's, also when out converts */
    if (width_arg != NULL &&
        !cli_parse_int(cli, "cat", "--width", width_arg, CAT_MIN_WIDTH, CAT_MAX_WIDTH, &width))
        return CLI_ERROR;
    /* every address first, so that a typo prints nothing but the message */
    struct resolved *found = calloc((size_t)n, sizeof *found);
    int status = CLI_OK;
    for (int i = 0; i < n && status == CLI_OK; i++)
        status = cli_resolve(cli, argv[i + 1], true, &found[i]);
    struct render_opts opts = {.footnotes = !no_footnotes};
    bool first = true;
    for (int i = 0; i < n && status == CLI_OK; i++)
        print_resolved(cli, &found[i], &opts, width, &first);
    free(found);
    return status;
}
