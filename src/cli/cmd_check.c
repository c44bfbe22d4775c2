/* ndvr check: placeholder until the command lands. */
#include "cli/cli.h"

int
cmd_check_exec(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    return cli_usage_error(cli, argv[0], "not written yet");
}
