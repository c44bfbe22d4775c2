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

/* --- The reader's commands and keys ------------------------------------------------------- */

#include "cmd/commands.h"
#include "input/keymap.h"

/* The man page's entry for a reader command: ".BR name" then the keys in parentheses. */
static const char *
reader_entry(const char *man, const char *name, char *keys, size_t size)
{
    const char *sec = strstr(man, ".SH THE READER");
    cr_assert_not_null(sec);
    char head[64];
    snprintf(head, sizeof head, "\n.BR %s", name);
    for (const char *p = strstr(sec, head); p != NULL; p = strstr(p + 1, head)) {
        char after = p[strlen(head)];
        if (after != '\n' && after != ' ')
            continue; /* a longer name that starts the same */
        keys[0] = '\0';
        const char *open = strstr(p + 1, " \" (");
        const char *eol = strchr(p + 1, '\n');
        if (open != NULL && open < eol) {
            const char *close = strstr(open, ")\"");
            snprintf(keys, size, "%.*s", (int)(close - open - 4), open + 4);
        }
        return p;
    }
    return NULL;
}

Test(man, documents_every_reader_command_with_its_default_keys)
{
    char *man = man_text();
    struct keymap *km = keymap_new();
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    cr_assert(keymap_load_file(km, NDVR_SOURCE_DIR "/keymaps/default.keys", command_exists,
                               NULL, &errs));
    cr_expect_eq(errs.count, 0, "default.keys has errors");
    size_t n;
    const struct command *cmds = commands_all(&n);
    for (size_t i = 0; i < n; i++) {
        char keys[256];
        cr_expect_not_null(reader_entry(man, cmds[i].name, keys, sizeof keys),
                           "reader command `%s` not in THE READER", cmds[i].name);
        key_code bound[16];
        size_t nb = keymap_keys_for(km, cmds[i].name, bound, 16);
        for (size_t k = 0; k < nb && k < 16; k++) {
            char name[32];
            keyname_string(bound[k], name, sizeof name);
            cr_expect_not_null(strstr(keys, name), "`%s` of `%s` missing from the man page (%s)",
                               name, cmds[i].name, keys);
        }
    }
    keymap_errors_fini(&errs);
    keymap_free(km);
    free(man);
}
