/* The man page and the command table agree: every command and every option a command's usage
 * names is documented in man/ndvr.1, and the man page documents no command the table lacks. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/strbuf.h"
#include "util/textfile.h"

/* man/ndvr.1 with roff's escaped dashes made plain ("\-\-width" -> "--width"). */
static char *
man_text(void)
{
    size_t n;
    char *raw = textfile_read(NDVR_SOURCE_DIR "/man/ndvr.1", &n, NULL);
    cr_assert_not_null(raw);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (raw[i] == '\\' && raw[i + 1] == '-') {
            sb_putc(&sb, '-');
            i++;
        } else {
            sb_putc(&sb, raw[i]);
        }
    }
    free(raw);
    return sb_detach(&sb);
}

Test(man, documents_every_command_and_option_of_the_table)
{
    char *man = man_text();
    size_t n;
    const struct cli_cmd *cmds = cli_cmds(&n);
    cr_assert_gt(n, 5);
    for (size_t i = 0; i < n; i++) {
        char entry[64];
        snprintf(entry, sizeof entry, ".BR %s ", cmds[i].name);
        char entry2[64];
        snprintf(entry2, sizeof entry2, ".BR %s\n", cmds[i].name);
        cr_expect(strstr(man, entry) || strstr(man, entry2), "command `%s` not in COMMANDS",
                  cmds[i].name);
        /* every --option and -x in the usage */
        char *usage = strdup(cmds[i].usage);
        for (char *tok = strtok(usage, " []|."); tok; tok = strtok(NULL, " []|."))
            if (tok[0] == '-')
                cr_expect(strstr(man, tok) != NULL, "option `%s` of `%s` not documented", tok,
                          cmds[i].name);
        free(usage);
    }
    free(man);
}

Test(man, documents_no_command_the_table_lacks)
{
    char *man = man_text();
    const char *sec = strstr(man, ".SH COMMANDS");
    cr_assert_not_null(sec);
    const char *end = strstr(sec + 1, ".SH ");
    for (const char *p = sec; p && p < end; p = strstr(p + 1, "\n.TP\n.BR ")) {
        if (strncmp(p, "\n.TP\n.BR ", 9) != 0)
            continue;
        char name[32];
        sscanf(p + 9, "%31[a-z]", name);
        cr_expect_not_null(cli_cmd_find(name), "man page documents `%s`, the table has none",
                           name);
    }
    free(man);
}
