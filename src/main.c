/* ndvr: the locale, then the command line. */
#include <locale.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
    /* The character set, and the language of system messages (strerror); nothing else
     * depends on the locale, and loading every category cost a tenth of the reader's start. */
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    return cli_main(argc, argv);
}
