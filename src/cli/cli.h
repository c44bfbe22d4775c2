/* The command-line front end: one table of named commands (`ndvr ls`, `ndvr show` ...).
 *
 * The CLI is the only part of ndvr that prints. Each command is a `struct cli_cmd` in the
 * table in cli.c; its exec function gets the argument vector starting at the command's name and
 * returns the exit status. Commands borrow the corpus through cli_corpus(), which loads it
 * on first use and keeps it (owned by struct cli) until cli_main() returns. */
#ifndef NDVR_CLI_H
#define NDVR_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "corpus/corpus.h"
#include "corpus/resolve.h"
#include "util/diag.h"

/* Exit statuses. */
enum cli_status {
    CLI_OK = 0,
    CLI_NOT_FOUND = 1, /* the address (or whatever was asked for) does not exist */
    CLI_ERROR = 2,     /* usage error, unreadable or invalid corpus, write error */
};

/* The state of one run. */
struct cli {
    const char *corpus_dir;  /* the bundled corpus; borrowed from argv or the environment */
    char *user_corpus_dir;   /* owned: the user's corpus (state/paths.h), NULL without a home */
    char *installed_corpus;  /* owned: the corpus installed with the program, when in use */
    bool no_user_corpus;     /* --no-user-corpus: the bundled corpus alone */
    const char *keymap_file; /* --keymap, for the reader */
    bool ascii, no_mouse, clipboard, no_color;
    bool hyperlinks;       /* --hyperlinks: OSC 8 links to documents outside the corpus */
    bool help_shown;       /* `CMD --help` was answered: the run ends with status 0 */
    struct corpus *corpus; /* owned; NULL until cli_corpus() loads it */
    FILE *out, *err;
    FILE *utf8_out;      /* stdout unconverted, for JSON (always UTF-8, RFC 8259) */
    const char *codeset; /* the locale's character set when not UTF-8, else NULL */
};

/* argv[0] is the command's name; returns an enum cli_status. */
typedef int (*cli_exec_fn)(struct cli *cli, int argc, char **argv);

struct cli_cmd {
    const char *name;
    cli_exec_fn exec;
    const char *usage; /* the arguments after the name, "" when none */
    const char *help;  /* one line, no trailing period */
};

/* In a locale whose character set is not UTF-8 (cli_charset.c, util/charset.h), points out
 * and err at streams converting to it; else leaves them. */
void cli_streams_open(struct cli *cli);
/* Flushes (and closes the converting streams); false when writing the output failed. */
bool cli_streams_close(struct cli *cli);
/* An argument (an address, a query) as UTF-8: converted from the locale's character set, or
 * copied when it is UTF-8 or not valid in it. Caller frees. */
char *cli_utf8_arg(const struct cli *cli, const char *arg);

/* Runs ndvr with the process's arguments; returns the exit status. */
int cli_main(int argc, char **argv);

/* The command called name, or NULL. */
const struct cli_cmd *cli_cmd_find(const char *name);
/* The whole table, sorted by name (for help and for checking the man page). */
const struct cli_cmd *cli_cmds(size_t *count);

/* --- For the commands (cli.c) ---------------------------------------------------------- */

/* An option a command accepts: `-r` and/or `--recursive`. A flag sets *value when given; an
 * option with `arg` set takes a value (`--width 40` or `--width=40`) and stores it there. */
struct cli_flag {
    char short_name;       /* 0 when none */
    const char *long_name; /* without the dashes; NULL when none */
    bool *value;           /* for a flag; may be NULL for an option with a value */
    const char **arg;      /* for an option with a value; NULL for a flag */
};

/* Sets the flags found anywhere in argv[1..argc) (up to "--"; short flags may be grouped, as
 * -rj) and moves the operands, in order, to argv[1..n]. Returns n, or -1 after printing a
 * usage error naming the bad option (unknown, or missing its value), or after printing the
 * command's help for --help or -h (cli->help_shown: the run then ends with status 0). */
int cli_parse_args(struct cli *cli, int argc, char **argv, const struct cli_flag *flags,
                   size_t nflags);
/* Prints `ndvr CMD: message` and the command's usage to stderr; returns CLI_ERROR. */
int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The corpus, loaded on first use; NULL after printing the load error (then exit with
 * CLI_ERROR). */
const struct corpus *cli_corpus(struct cli *cli);
/* The directories the corpus is loaded from into dirs: the bundled corpus, then the user's when
 * it exists and is another directory (and --no-user-corpus is not given). Returns how many, 1
 * or 2; the strings are borrowed from cli. */
size_t cli_corpus_dirs(const struct cli *cli, const char *dirs[2]);
/* Resolves an address as a person types it (corpus/resolve.h), a range only when `range`.
 * On failure prints what is wrong (`no such address: X`) and what may have been meant, and
 * returns CLI_NOT_FOUND (CLI_ERROR for a misplaced range, or the load error); else CLI_OK. */
int cli_resolve(struct cli *cli, const char *address, bool range, struct resolved *r);
/* cli_resolve() for one node, into *node. */
int cli_find(struct cli *cli, const char *address, const struct node **node);
struct cJSON;
/* Prints json (formatted) and a newline, and frees it; CLI_OK, or CLI_ERROR when out of
 * memory. Takes ownership of json. */
int cli_print_json(struct cli *cli, struct cJSON *json);
/* For commands of the form `CMD [--json] ADDRESS`: parses the arguments and looks the address
 * up. Returns CLI_OK with *json and *node set, or the status of the error it printed. */
int cli_json_and_address(struct cli *cli, int argc, char **argv, bool *json,
                         const struct node **node);

/* Parses a positive integer argument of option `opt` (such as --width) in [min, max]; false
 * after a usage error naming the option and the value. */
bool cli_parse_int(struct cli *cli, const char *cmd, const char *opt, const char *value, int min,
                   int max, int *out);
/* Writes s with control characters and invalid UTF-8 shown as \xNN escapes, so that nothing
 * from the corpus or the command line can drive the terminal. */
void cli_put(FILE *f, const char *s);
/* Writes prefix and d as one line `file:line:col: message`, sanitised like corpus text (so a
 * file name cannot drive the terminal either) and with any line break or tab escaped. */
void cli_put_diag(FILE *f, const char *prefix, const struct diag *d);

/* --- The commands ------------------------------------------------------------------------ */

int cmd_help_exec(struct cli *cli, int argc, char **argv);      /* cli.c */
int cmd_image_exec(struct cli *cli, int argc, char **argv);     /* cmd_image.c */
int cmd_import_exec(struct cli *cli, int argc, char **argv);    /* cmd_import.c */
int cmd_ls_exec(struct cli *cli, int argc, char **argv);        /* cmd_ls.c */
int cmd_outline_exec(struct cli *cli, int argc, char **argv);   /* cmd_ls.c */
int cmd_show_exec(struct cli *cli, int argc, char **argv);      /* cmd_show.c */
int cmd_bookmarks_exec(struct cli *cli, int argc, char **argv); /* cmd_bookmarks.c */
int cmd_cat_exec(struct cli *cli, int argc, char **argv);       /* cmd_cat.c */
int cmd_check_exec(struct cli *cli, int argc, char **argv);     /* cmd_check.c */
int cmd_refs_exec(struct cli *cli, int argc, char **argv);      /* cmd_refs.c */
int cmd_search_exec(struct cli *cli, int argc, char **argv);    /* cmd_search.c */
int cmd_print_exec(struct cli *cli, int argc, char **argv);     /* cmd_print.c */

#endif
