/* ndvr bookmarks: placeholder until the state module lands. */
#include "cli/cli.h"

int
cmd_bookmarks_exec(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    return cli_usage_error(cli, argv[0], "not written yet");
}
