/* ndvr print: nodes as a PDF, paginated text or one HTML file, to a file, a printer or a
 * command. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    *dest = to        ? (struct print_dest){PRINT_TO_FILE, to, NULL, NULL, NULL}
            : printer ? (struct print_dest){PRINT_TO_PRINTER, printer, NULL, NULL, NULL}
            : command ? (struct print_dest){PRINT_TO_COMMAND, command, NULL, NULL, NULL}
                      : (struct print_dest){PRINT_TO_DEFAULT, NULL, NULL, NULL, NULL};
    return true;
}

/* --format, or the destination's default (print_default_format) when not given. */
static bool
parse_format(struct cli *cli, const char *format, const struct print_dest *dest,
             enum print_format *out)
{
    static const struct {
        const char *name;
        enum print_format format;
    } names[] = {{"pdf", PRINT_PDF}, {"text", PRINT_TEXT}, {"html", PRINT_HTML}};
    if (format == NULL) {
        *out = print_default_format(dest);
        return true;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(format, names[i].name) == 0) {
            *out = names[i].format;
            return true;
        }
    cli_usage_error(cli, "print", "--format must be pdf, text or html, not `%s`", format);
    return false;
}

static bool
parse_paper(struct cli *cli, const char *paper, enum print_paper *out)
{
    *out = PRINT_PAPER_A4;
    if (paper == NULL || strcasecmp(paper, "a4") == 0)
        return true;
    if (strcasecmp(paper, "letter") == 0) {
        *out = PRINT_PAPER_LETTER;
        return true;
    }
    cli_usage_error(cli, "print", "--paper must be a4 or letter, not `%s`", paper);
    return false;
}

/* HTML to a printer would print its markup: refused. */
static bool
check_printable(struct cli *cli, const struct print_dest *dest, enum print_format format)
{
    bool printer = dest->kind == PRINT_TO_DEFAULT || dest->kind == PRINT_TO_PRINTER;
    if (!printer || print_format_for_printer(format))
        return true;
    cli_usage_error(cli, "print",
                    "HTML does not go to a printer (its markup would print): "
                    "use --format pdf, or --to FILE.html and a browser");
    return false;
}

/* Every address first, so that a typo prints nothing; a range adds each node it covers. */
static int
select_addresses(struct cli *cli, int n, char **addresses, struct print_selection *sel)
{
    for (int i = 0; i < n; i++) {
        struct resolved r;
        int status = cli_resolve(cli, addresses[i], true, &r);
        if (status != CLI_OK)
            return status;
        for (const struct node *node = NULL; (node = resolve_next(cli->corpus, &r, node));)
            print_select_add(sel, node);
    }
    print_select_normalize(sel);
    return CLI_OK;
}

static int
render_and_send(struct cli *cli, const struct print_selection *sel, const struct print_opts *opts,
                struct print_dest *dest)
{
    struct diag d = {0};
    size_t n;
    char *title = print_title(sel);
    dest->title = title;
    dest->media = print_media(opts->paper);
    dest->content_type = print_content_type(opts->format);
    char *data = print_render(sel, opts, &n, &d);
    bool ok = data != NULL;
    if (ok) {
        fflush(cli->out);
        ok = print_send(data, n, dest, &d);
    }
    free(data);
    free(title);
    if (!ok)
        cli_put_diag(cli->err, "ndvr print: ", &d);
    return ok ? CLI_OK : CLI_ERROR;
}

/* Every option but the addresses into opts and dest; false after a usage error. */
static bool
parse_options(struct cli *cli, const char *const *v, bool no_footnotes, bool notes_after,
              struct print_opts *opts, struct print_dest *dest)
{
    enum { TO, PRINTER, COMMAND, WIDTH, LINES, FORMAT, PAPER };
    *opts = (struct print_opts){PRINT_DEFAULT_WIDTH, PRINT_DEFAULT_PAGE_LINES, !no_footnotes,
                                PRINT_TEXT,          PRINT_PAPER_A4,           notes_after};
    return parse_dest(cli, v[TO], v[PRINTER], v[COMMAND], dest) &&
           parse_format(cli, v[FORMAT], dest, &opts->format) &&
           parse_paper(cli, v[PAPER], &opts->paper) && check_printable(cli, dest, opts->format) &&
           (v[WIDTH] == NULL || cli_parse_int(cli, "print", "--width", v[WIDTH], PRINT_MIN_WIDTH,
                                              PRINT_MAX_WIDTH, &opts->width)) &&
           (v[LINES] == NULL ||
            cli_parse_int(cli, "print", "--page-lines", v[LINES], PRINT_MIN_PAGE_LINES,
                          PRINT_MAX_PAGE_LINES, &opts->page_lines));
}

int
cmd_print_exec(struct cli *cli, int argc, char **argv)
{
    const char *v[7] = {NULL}; /* to, printer, command, width, page-lines, format, paper */
    bool no_footnotes = false, notes_after = false;
    const struct cli_flag flags[] = {
        {0, "to", NULL, &v[0]},
        {0, "printer", NULL, &v[1]},
        {0, "command", NULL, &v[2]},
        {0, "width", NULL, &v[3]},
        {0, "page-lines", NULL, &v[4]},
        {0, "format", NULL, &v[5]},
        {0, "paper", NULL, &v[6]},
        {0, "no-footnotes", &no_footnotes, NULL},
        {0, "footnotes-after", &notes_after, NULL},
    };
    int n = cli_parse_args(cli, argc, argv, flags, sizeof flags / sizeof flags[0]);
    if (n < 0)
        return CLI_ERROR;
    struct print_opts opts;
    struct print_dest dest;
    if (!parse_options(cli, v, no_footnotes, notes_after, &opts, &dest))
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
