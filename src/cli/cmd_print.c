/* ndvr print: nodes as paginated text (or one HTML file) to a file, a printer or a command. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "print/print.h"

/* The destination options: at most one; none means the default printer. */
static bool
parse_dest(struct cli *cli, const char *to, const char *printer, const char *command,
           struct print_dest *dest)
{
    int given = (to != NULL) + (printer != NULL) + (command != NULL);
    if (given > 1) {
        cli_usage_error(cli, "print", "--to, --printer and --command exclude each other");
        return false;
    }
    *dest = to        ? (struct print_dest){PRINT_TO_FILE, to}
            : printer ? (struct print_dest){PRINT_TO_PRINTER, printer}
            : command ? (struct print_dest){PRINT_TO_COMMAND, command}
                      : (struct print_dest){PRINT_TO_DEFAULT, NULL};
    return true;
}

static bool
parse_format(struct cli *cli, const char *format, enum print_format *out)
{
    if (format == NULL || strcmp(format, "text") == 0)
        *out = PRINT_TEXT;
    else if (strcmp(format, "html") == 0)
        *out = PRINT_HTML;
    else {
        cli_usage_error(cli, "print", "--format must be text or html, not `%s`", format);
        return false;
    }
    return true;
}

/* Every address first, so that a typo prints nothing. */
static int
select_addresses(struct cli *cli, int n, char **addresses, struct print_selection *sel)
{
    for (int i = 0; i < n; i++) {
        const struct node *node;
        int status = cli_find(cli, addresses[i], &node);
        if (status != CLI_OK)
            return status;
        print_select_add(sel, node);
    }
    print_select_normalize(sel);
    return CLI_OK;
}

static int
render_and_send(struct cli *cli, const struct print_selection *sel,
                const struct print_opts *opts, const struct print_dest *dest)
{
    struct diag d = {0};
    size_t n;
    char *data = print_render(sel, opts, &n, &d);
    bool ok = data != NULL;
    if (ok) {
        fflush(cli->out);
        ok = print_send(data, n, dest, &d);
    }
    free(data);
    if (!ok)
        cli_put_diag(cli->err, "ndvr print: ", &d);
    return ok ? CLI_OK : CLI_ERROR;
}

int
cmd_print_exec(struct cli *cli, int argc, char **argv)
{
    const char *to = NULL, *printer = NULL, *command = NULL, *width = NULL, *lines = NULL;
    const char *format = NULL;
    bool no_footnotes = false;
    const struct cli_flag flags[] = {
        {0, "to", NULL, &to},           {0, "printer", NULL, &printer},
        {0, "command", NULL, &command}, {0, "width", NULL, &width},
        {0, "page-lines", NULL, &lines}, {0, "no-footnotes", &no_footnotes, NULL},
        {0, "format", NULL, &format},
    };
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    struct print_opts opts = {PRINT_DEFAULT_WIDTH, PRINT_DEFAULT_PAGE_LINES, !no_footnotes,
                              PRINT_TEXT};
    struct print_dest dest;
    if (!parse_dest(cli, to, printer, command, &dest) ||
        !parse_format(cli, format, &opts.format) ||
        (width != NULL && !cli_parse_int(cli, "print", "--width", width, PRINT_MIN_WIDTH,
                                         PRINT_MAX_WIDTH, &opts.width)) ||
        (lines != NULL && !cli_parse_int(cli, "print", "--page-lines", lines,
                                         PRINT_MIN_PAGE_LINES, PRINT_MAX_PAGE_LINES,
                                         &opts.page_lines)))
        return CLI_ERROR;
    if (n == 0)
        return cli_usage_error(cli, "print", "missing ADDRESS");
    struct print_selection sel = {0};
    int status = select_addresses(cli, n, argv + 1, &sel);
    if (status == CLI_OK)
        status = render_and_send(cli, &sel, &opts, &dest);
    print_select_free(&sel);
    return status;
}
