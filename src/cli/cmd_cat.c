/* ndvr cat: nodes and their subtrees as wrapped text, through the one layout engine. */
#include "cli/cli.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
print_blocks(FILE *out, const struct block_list *blocks, int width)
{
    for (size_t i = 0; i < blocks->n; i++) {
        const struct block *b = &blocks->v[i];
        if (b->blank_before)
            fputc('\n', out);
        struct block_line *lines;
        size_t n = block_layout(b, width, &lines);
        for (size_t k = 0; k < n; k++) {
            char *text = block_line_text(b, &lines[k]);
            cli_put(out, text);
            fputc('\n', out);
            free(text);
        }
        free(lines);
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
    int width = output_width(cli->out);
    if (width_arg != NULL &&
        !cli_parse_int(cli, "cat", "--width", width_arg, CAT_MIN_WIDTH, CAT_MAX_WIDTH, &width))
        return CLI_ERROR;
    /* every address first, so that a typo prints nothing but the message */
    const struct node **nodes = calloc((size_t)n, sizeof *nodes);
    int status = CLI_OK;
    for (int i = 0; i < n && status == CLI_OK; i++)
        status = cli_find(cli, argv[i + 1], &nodes[i]);
    struct render_opts opts = {.footnotes = !no_footnotes};
    for (int i = 0; i < n && status == CLI_OK; i++) {
        struct block_list blocks = {0};
        render_node(nodes[i], &opts, &blocks);
        if (i > 0)
            fputc('\n', cli->out);
        print_blocks(cli->out, &blocks, width);
        block_list_free(&blocks);
    }
    free(nodes);
    return status;
}
