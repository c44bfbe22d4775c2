/* The CLI in a locale whose character set is not UTF-8 (zh_CN.GB18030): what it prints is
 * converted, and the addresses and queries it reads are taken as that character set. */
#include "cli/cli.h"

#include <stdlib.h>

#include "util/charset.h"
#include "util/xalloc.h"

void
cli_streams_open(struct cli *cli)
{
    cli->utf8_out = stdout;
    cli->codeset = charset_of_locale();
    if (cli->codeset == NULL)
        return;
    FILE *out = charset_output(stdout, cli->codeset);
    FILE *err = out ? charset_output(stderr, cli->codeset) : NULL;
    if (err == NULL) { /* iconv knows not the codeset: UTF-8, as before */
        if (out != NULL)
            fclose(out);
        cli->codeset = NULL;
        return;
    }
    setvbuf(err, NULL, _IONBF, 0); /* messages appear as they are written, as on stderr */
    cli->out = out;
    cli->err = err;
}

bool
cli_streams_close(struct cli *cli)
{
    bool ok = fflush(cli->out) == 0 && !ferror(cli->out);
    if (cli->codeset != NULL) {
        ok = fclose(cli->out) == 0 && ok;
        fclose(cli->err);
        cli->out = stdout;
        cli->err = stderr;
        ok = fflush(stdout) == 0 && !ferror(stdout) && ok;
    }
    return ok;
}

char *
cli_utf8_arg(const struct cli *cli, const char *arg)
{
    char *utf8 = cli->codeset ? charset_to_utf8(arg, cli->codeset) : NULL;
    return utf8 ? utf8 : xstrdup(arg);
}
