/* `ndvr check [FILE...]`: validate corpus files and list every problem.
 *
 * The files are loaded together in strict mode (corpus_load.h): every problem the loader can
 * find, errors and warnings alike, one per line on stdout as `file:line:col: message`, in
 * file order, so the list can be piped or diffed. The summary goes to stderr. Exit status 0
 * when there is no problem, 2 otherwise (also for a file that cannot be opened). Without
 * files, the corpus in use: the bundled trees and the user's imported ones. */
#include <string.h>

#include "cli/cli.h"
#include "corpus/corpus_load.h"

/* How many different files the problems are in (the report lists them file by file). */
static size_t
files_with_problems(const struct corpus_report *report)
{
    size_t n = 0;
    for (size_t i = 0; i < report->n; i++)
        n += i == 0 || strcmp(report->v[i].file, report->v[i - 1].file) != 0;
    return n;
}

static void
print_summary(struct cli *cli, const struct corpus_report *report)
{
    size_t nfiles = files_with_problems(report);
    if (report->n == 0)
        fprintf(cli->err, "ndvr check: %zu file%s ok\n", report->nfiles,
                report->nfiles == 1 ? "" : "s");
    else
        fprintf(cli->err, "ndvr check: %zu problem%s in %zu file%s\n", report->n,
                report->n == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s");
}

int
cmd_check_exec(struct cli *cli, int argc, char **argv)
{
    int n = cli_parse_args(cli, argc, argv, NULL, 0);
    if (n < 0)
        return CLI_ERROR;
    const struct corpus_load_options options = CORPUS_LOAD_OPTIONS_STRICT;
    struct corpus *corpus = NULL;
    struct corpus_report report = {0};
    const char *dirs[2];
    if (n == 0)
        corpus_load_dirs_report(dirs, cli_corpus_dirs(cli, dirs), &options, &corpus, &report, NULL);
    else
        corpus_load_files_report((const char *const *)argv + 1, (size_t)n, &options, &corpus,
                                 &report, NULL);
    corpus_free(corpus);
    for (size_t i = 0; i < report.n; i++)
        cli_put_diag(cli->out, "", &report.v[i]);
    print_summary(cli, &report);
    int status = report.n == 0 ? CLI_OK : CLI_ERROR;
    corpus_report_free(&report);
    return status;
}
