/* The reader's commands: every user action is a named command in one table (name, handler,
 * one-line help). Keymaps bind keys to these names, the `:` prompt runs them by name, the
 * help screen and the man page are generated from or checked against the table. */
#ifndef NDVR_COMMANDS_H
#define NDVR_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* Runs the command; returns false after putting an error on the message line. */
typedef bool (*command_fn)(struct app *app, const char *args);

struct command {
    const char *name;
    command_fn run;
    const char *help;  /* one line, no trailing period */
};

/* The table, sorted by name. */
const struct command *commands_all(size_t *count);
const struct command *command_find(const char *name);
/* For the keymap parser's validation. */
bool command_exists(const char *name, void *unused);

#endif
