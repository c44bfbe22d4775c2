/* Fuzz target: the keymap parser (keymap_load_string), without a check and with the reader's
 * own (commands_check); then every query on the result. Every message must be clean text,
 * every binding findable where it is listed. */
#include <string.h>

#include "cmd/commands.h"
#include "fuzz.h"
#include "input/keymap.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void
check_bindings(const struct keymap *km)
{
    size_t n;
    const struct keymap_binding *all = keymap_bindings(km, &n);
    for (size_t i = 0; i < n; i++) {
        const struct keymap_binding *b = keymap_lookup(km, all[i].table, all[i].key);
        FUZZ_CHECK(b != NULL && strcmp(b->command, all[i].command) == 0,
                   "binding %zu (%s) not found in its table", i, all[i].command);
        key_code keys[4];
        FUZZ_CHECK(keymap_keys_for(km, all[i].table, all[i].command, keys, 4) > 0, "no key for %s",
                   all[i].command);
    }
    size_t ntables;
    const char *const *tables = keymap_tables(km, &ntables);
    for (size_t i = 0; i < ntables; i++)
        fuzz_check_clean("a table name", tables[i], strlen(tables[i]));
}

static void
load(const uint8_t *data, size_t size, keymap_check_fn check)
{
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    struct keymap *km = keymap_new();
    keymap_load_string(km, "fuzz.keys", (const char *)data, size, check, NULL, &errs);
    for (size_t i = 0; i < errs.count; i++)
        fuzz_check_clean("a keymap message", errs.items[i].msg, strlen(errs.items[i].msg));
    check_bindings(km);
    fuzz_accepted += errs.count == 0;
    keymap_errors_fini(&errs);
    keymap_free(km);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load(data, size, NULL);
    load(data, size, commands_check);
    return 0;
}
