/* ndvr: the locale, then the command line. */
#include <locale.h>

#include "cli/cli.h"
#include "util/i18n.h"

int
main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    i18n_init();
    return cli_main(argc, argv);
}
