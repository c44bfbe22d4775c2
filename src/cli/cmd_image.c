/* `ndvr image [--output FILE]`: write the image of the corpus in use (corpus_image.h).
 *
 * The build runs it to make the bundled image that is installed with the programs; anyone may
 * run it to make the cache's ahead of time. The JSON is loaded and validated as for reading
 * (its warnings are told and kept in the image); nothing is written when the load fails. */
#include <stdlib.h>

#include "cli/cli.h"
#include "state/image_cache.h"
#include "state/paths.h"

/* The cache's image for dirs (its directory made), or NULL with a message. */
static char *
cache_image_path(struct cli *cli, const char *const *dirs, size_t ndirs)
{
    struct diag d = {0};
    char *dir = cache_dir_default(), *path = NULL;
    if (dir == NULL)
        fputs("ndvr image: neither XDG_CACHE_HOME nor HOME is an absolute path; "
              "give --output FILE\n",
              cli->err);
    else if (!state_dir_create(dir, &d))
        cli_put_diag(cli->err, "ndvr image: ", &d);
    else
        path = image_cache_path(dir, dirs, ndirs);
    free(dir);
    return path;
}

int
cmd_image_exec(struct cli *cli, int argc, char **argv)
{
    const char *output = NULL;
    const struct cli_flag flags[] = {{'o', "output", NULL, &output}};
    int n = cli_parse_args(cli, argc, argv, flags, 1);
    if (n < 0)
        return CLI_ERROR;
    if (n > 0)
        return cli_usage_error(cli, "image", "unexpected argument: %s", argv[1]);
    const char *dirs[2];
    size_t ndirs = cli_corpus_dirs(cli, dirs);
    char *path = output ? NULL : cache_image_path(cli, dirs, ndirs);
    if (output == NULL && path == NULL)
        return CLI_ERROR;
    struct corpus_report warnings;
    struct diag d = {0};
    bool ok = image_cache_write(dirs, ndirs, output ? output : path, &warnings, &d);
    for (size_t i = 0; i < warnings.n; i++)
        cli_put_diag(cli->err, "ndvr: warning: ", &warnings.v[i]);
    corpus_report_free(&warnings);
    if (!ok)
        cli_put_diag(cli->err, "", &d);
    free(path);
    return ok ? CLI_OK : CLI_ERROR;
}
