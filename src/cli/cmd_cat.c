/* ndvr cat: placeholder until the command lands. */
#include "cli/cli.h"

int
cmd_cat_exec(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    return cli_usage_error(cli, argv[0], "not written yet");
}
