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
        cr_expect_not_null(cli_cmd_find(name), "man page documents `%s`, the table has none", name);
    }
    free(man);
}

/* --- The reader's commands and keys ------------------------------------------------------- */

#include "cmd/commands.h"
#include "input/keymap.h"
#include "view/views.h"

/* The man page's entry ".BR <head>" after `section`, with the keys in its parentheses. */
static const char *
entry(const char *man, const char *section, const char *head, char *keys, size_t size)
{
    const char *sec = strstr(man, section);
    cr_assert_not_null(sec, "no %s", section);
    const char *end = strstr(sec + 1, "\n.S");
    char want[96];
    snprintf(want, sizeof want, "\n.BR %s", head);
    for (const char *p = strstr(sec, want); p != NULL && (!end || p < end);
         p = strstr(p + 1, want)) {
        char after = p[strlen(want)];
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

static struct keymap *
default_keys(void)
{
    struct keymap *km = keymap_new();
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    cr_assert(
        keymap_load_file(km, NDVR_SOURCE_DIR "/keymaps/default.keys", commands_check, NULL, &errs));
    cr_expect_eq(errs.count, 0, "default.keys has errors");
    keymap_errors_fini(&errs);
    return km;
}

/* Every key of command in table is among the keys the man page gives. */
static void
expect_keys(const struct keymap *km, const char *table, const char *command, const char *keys)
{
    key_code bound[16];
    size_t nb = keymap_keys_for(km, table, command, bound, 16);
    for (size_t k = 0; k < nb && k < 16; k++) {
        char name[32];
        keyname_string(bound[k], name, sizeof name);
        cr_expect_not_null(strstr(keys, name), "`%s` of `%s` (%s) missing from the man page (%s)",
                           name, command, table, keys);
    }
}

Test(man, documents_every_global_command_with_its_default_keys)
{
    char *man = man_text();
    struct keymap *km = default_keys();
    size_t n;
    const struct cmd_def *cmds = commands_global(&n);
    for (size_t i = 0; i < n; i++) {
        char keys[256];
        cr_expect_not_null(entry(man, ".SS Global commands", cmds[i].name, keys, sizeof keys),
                           "global command `%s` not in Global commands", cmds[i].name);
        expect_keys(km, KEYMAP_GLOBAL, cmds[i].name, keys);
    }
    keymap_free(km);
    free(man);
}

/* Every command of a pane or a kind, and every binding of every table but global, has an
 * entry ".BR "TABLE COMMAND" (keys)" in the man page. */
static void
expect_table_entry(const char *man, const struct keymap *km, const char *table, const char *cmd)
{
    char head[96], keys[256];
    snprintf(head, sizeof head, "\"%s %s\"", table, cmd);
    cr_expect_not_null(entry(man, ".SS Keys in panes and views", head, keys, sizeof keys),
                       "`%s` of table %s not in Keys in panes and views", cmd, table);
    expect_keys(km, table, cmd, keys);
}

Test(man, documents_every_pane_and_view_command_and_table_binding)
{
    char *man = man_text();
    struct keymap *km = default_keys();
    size_t nops, nb;
    const struct pane_ops *const *all = views_all(&nops);
    for (size_t i = 0; i < nops; i++) {
        for (size_t c = 0; c < all[i]->ncmds; c++)
            expect_table_entry(man, km, all[i]->name, all[i]->cmds[c].name);
        for (size_t c = 0; c < all[i]->nkind_cmds; c++)
            expect_table_entry(man, km, all[i]->tables[0], all[i]->kind_cmds[c].name);
    }
    const struct keymap_binding *b = keymap_bindings(km, &nb);
    for (size_t i = 0; i < nb; i++)
        if (strcmp(b[i].table, KEYMAP_GLOBAL) != 0)
            expect_table_entry(man, km, b[i].table, b[i].command);
    keymap_free(km);
    free(man);
}
