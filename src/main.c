/* ndvr: the locale, then the command line. */
#include <locale.h>

#include "cli/cli.h"
#include "util/i18n.h"

int
main(int argc, char **argv)
{
    /* The character set, and the language of system messages (strerror, and ours through gettext);
     * nothing else depends on the locale, and loading every category cost a tenth of the reader's
     * start. */
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    i18n_init();
    return cli_main(argc, argv);
}
