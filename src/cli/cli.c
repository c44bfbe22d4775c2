/* The command table, global options, help, and what every command shares. */
#include "cli/cli.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <unistr.h>

#include "app/app.h"
#include "corpus/corpus_load.h"
#include "state/image_cache.h"
#include "state/paths.h"
#include "ui/ui.h"
#include "text/sanitize.h"
#include "text/width.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/install_paths.h"
#include "util/version.h"

/* Every command, sorted by name. The interactive reader's `:` prompt will share it. */
static const struct cli_cmd cli_cmd_table[] = {
    {.name = "bookmarks",
     .exec = cmd_bookmarks_exec,
     .usage = "[--json]",
     .help = "List the bookmarks saved by the reader (stale ones marked)"},
    {.name = "cat",
     .exec = cmd_cat_exec,
     .usage = "[--width N] [--no-footnotes] ADDRESS...",
     .help = "Print nodes and their subtrees as wrapped text, or a card for an expert, paper, "
             "country or outside document"},
    {.name = "check",
     .exec = cmd_check_exec,
     .usage = "[FILE...]",
     .help = "Validate corpus files (default: the corpus in use) and list every problem"},
    {.name = "help",
     .exec = cmd_help_exec,
     .usage = "[COMMAND]",
     .help = "Show help for ndvr or for one command"},
    {.name = "image",
     .exec = cmd_image_exec,
     .usage = "[--output FILE]",
     .help = "Write the image of the corpus in use, which later runs map instead of reading "
             "the JSON (default: into the cache)"},
    {.name = "import",
     .exec = cmd_import_exec,
     .usage = "[--list | --remove SYMBOL... | FILE...]",
     .help = "Add report trees (ndvr-segment's output) to your corpus, list or remove them"},
    {.name = "ls",
     .exec = cmd_ls_exec,
     .usage = "[-r] [--json] [ADDRESS]",
     .help = "List the children of ADDRESS, or the documents; -r: the whole subtree"},
    {.name = "outline",
     .exec = cmd_outline_exec,
     .usage = "",
     .help = "Print the outline of the corpus"},
    {.name = "print",
     .exec = cmd_print_exec,
     .usage = "[--to FILE | --printer NAME | --command CMD] [--format pdf|text|html] "
              "[--paper a4|letter] [--no-footnotes | --footnotes-after] [--width N] "
              "[--page-lines N] ADDRESS...",
     .help = "Print nodes as a PDF (or paginated text, or HTML) to a printer, a file or a "
             "command"},
    {.name = "refs",
     .exec = cmd_refs_exec,
     .usage = "[--json] ADDRESS",
     .help = "List what ADDRESS cites (out) and what cites it (in)"},
    {.name = "search",
     .exec = cmd_search_exec,
     .usage = "[--json] [--in ADDRESS] [--regex] QUERY",
     .help = "Find QUERY in the whole corpus (case and width insensitive), in document order"},
    {.name = "show",
     .exec = cmd_show_exec,
     .usage = "[--json] ADDRESS",
     .help = "Show one node: its text, references and what cites it"},
};

#define CLI_NCMDS (sizeof cli_cmd_table / sizeof cli_cmd_table[0])

const struct cli_cmd *
cli_cmds(size_t *count)
{
    *count = CLI_NCMDS;
    return cli_cmd_table;
}

const struct cli_cmd *
cli_cmd_find(const char *name)
{
    for (size_t i = 0; i < CLI_NCMDS; i++)
        if (strcmp(cli_cmd_table[i].name, name) == 0)
            return &cli_cmd_table[i];
    return NULL;
}

/* --- Output ---------------------------------------------------------------------------- */

/* Whether the character at p (n > 0 bytes left) prints as it is: not a C0 or C1 control,
 * not malformed. *len gets its length. */
static bool
is_clean_char(const uint8_t *p, size_t n, int *len)
{
    if (p[0] >= 0x20 && p[0] < 0x7f) {
        *len = 1;
        return true;
    }
    if (n >= 3 && p[0] >= 0xE1 && p[0] <= 0xEC && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) { /* U+1000 to U+CFFF, well-formed: most of the text */
        *len = 3;
        return true;
    }
    ucs4_t uc;
    *len = u8_mbtoucr(&uc, p, n);
    return *len > 1 && uc > 0x9f;
}

void
cli_put(FILE *f, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), run = 0; /* p[0, run) is clean and not written yet: one fwrite */
    while (run < n) {
        int len;
        if (is_clean_char(p + run, n - run, &len)) {
            run += (size_t)len;
            continue;
        }
        fwrite(p, 1, run, f);
        fprintf(f, "\\x%02X", (unsigned)p[run]); /* one byte at a time: always progresses */
        p += run + 1;
        n -= run + 1;
        run = 0;
    }
    fwrite(p, 1, run, f);
}

static void
print_usage_line(FILE *f, const struct cli_cmd *cmd)
{
    fprintf(f, "usage: ndvr %s%s%s\n", cmd->name, cmd->usage[0] ? " " : "", cmd->usage);
}

int
cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(cli->err, "ndvr%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    cli_put(cli->err, msg);
    fputc('\n', cli->err);
    const struct cli_cmd *c = cmd ? cli_cmd_find(cmd) : NULL;
    if (c != NULL)
        print_usage_line(cli->err, c);
    else
        fputs("usage: ndvr [--corpus DIR] [COMMAND [ARG...]]; see ndvr --help\n", cli->err);
    return CLI_ERROR;
}

/* --- Arguments --------------------------------------------------------------------------- */

static const struct cli_flag *
flag_by_long(const struct cli_flag *flags, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (flags[i].long_name && strcmp(flags[i].long_name, name) == 0)
            return &flags[i];
    return NULL;
}

static const struct cli_flag *
flag_by_short(const struct cli_flag *flags, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (flags[i].short_name == c)
            return &flags[i];
    return NULL;
}

static void
set_flag(const struct cli_flag *f)
{
    if (f->value != NULL)
        *f->value = true;
}

/* `--long`, `--long=value` or `--long value`; returns how many arguments it took (1 or 2), or
 * 0 after a usage error. */
static int
parse_long_option(struct cli *cli, const char *cmd, char **argv, int i, int argc,
                  const struct cli_flag *flags, size_t nflags)
{
    const char *arg = argv[i];
    const char *eq = strchr(arg, '=');
    char name[64];
    size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
    snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), arg + 2);
    const struct cli_flag *f = len < sizeof name ? flag_by_long(flags, nflags, name) : NULL;
    if (f == NULL || (eq && f->arg == NULL)) {
        cli_usage_error(cli, cmd, "unknown option: %s", arg);
        return 0;
    }
    set_flag(f);
    if (f->arg == NULL)
        return 1;
    if (eq) {
        *f->arg = eq + 1;
        return 1;
    }
    if (i + 1 >= argc) {
        cli_usage_error(cli, cmd, "%s needs a value", arg);
        return 0;
    }
    *f->arg = argv[i + 1];
    return 2;
}

/* `-xy` (flags) or `-w 40` (one option with a value, last in the group); returns how many
 * arguments it took, or 0 after a usage error. */
static int
parse_short_options(struct cli *cli, const char *cmd, char **argv, int i, int argc,
                    const struct cli_flag *flags, size_t nflags)
{
    for (const char *c = argv[i] + 1; *c; c++) {
        const struct cli_flag *f = flag_by_short(flags, nflags, *c);
        if (f == NULL) {
            cli_usage_error(cli, cmd, "unknown option: -%c", *c);
            return 0;
        }
        set_flag(f);
        if (f->arg == NULL)
            continue;
        if (c[1] != '\0') {
            *f->arg = c + 1;
            return 1;
        }
        if (i + 1 >= argc) {
            cli_usage_error(cli, cmd, "-%c needs a value", *c);
            return 0;
        }
        *f->arg = argv[i + 1];
        return 2;
    }
    return 1;
}

static bool
is_help_option(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* `CMD --help` or `CMD -h`: the command's usage and what it does, on standard output. */
static void
show_command_help(struct cli *cli, const char *name)
{
    const struct cli_cmd *cmd = cli_cmd_find(name);
    cli->help_shown = true;
    if (cmd == NULL)
        return;
    print_usage_line(cli->out, cmd);
    fprintf(cli->out, "%s\n", cmd->help);
}

int
cli_parse_args(struct cli *cli, int argc, char **argv, const struct cli_flag *flags, size_t nflags)
{
    int noperands = 0;
    bool options_done = false;
    for (int i = 1; i < argc;) {
        char *arg = argv[i];
        int taken = 1;
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (!options_done && is_help_option(arg)) {
            show_command_help(cli, argv[0]);
            return -1;
        } else if (!options_done && arg[0] == '-' && arg[1] == '-') {
            taken = parse_long_option(cli, argv[0], argv, i, argc, flags, nflags);
        } else if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            taken = parse_short_options(cli, argv[0], argv, i, argc, flags, nflags);
        } else {
            argv[++noperands] = arg; /* never overtakes i: operands move only forward */
        }
        if (taken == 0)
            return -1;
        i += taken;
    }
    return noperands;
}

int
cli_print_json(struct cli *cli, struct cJSON *json)
{
    char *s = cJSON_Print(json);
    cJSON_Delete(json);
    if (s == NULL) {
        fputs("ndvr: out of memory\n", cli->err);
        return CLI_ERROR;
    }
    fflush(cli->out); /* JSON is UTF-8 whatever the locale (RFC 8259) */
    fprintf(cli->utf8_out, "%s\n", s);
    cJSON_free(s);
    return CLI_OK;
}

int
cli_json_and_address(struct cli *cli, int argc, char **argv, bool *json, const struct node **node)
{
    const struct cli_flag flags[] = {{0, "json", json, NULL}};
    int n = cli_parse_args(cli, argc, argv, flags, 1);
    if (n < 0)
        return CLI_ERROR;
    if (n == 0)
        return cli_usage_error(cli, argv[0], "missing ADDRESS");
    if (n > 1)
        return cli_usage_error(cli, argv[0], "unexpected argument: %s", argv[2]);
    return cli_find(cli, argv[1], node);
}

bool
cli_parse_int(struct cli *cli, const char *cmd, const char *opt, const char *value, int min,
              int max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || v < min || v > max) {
        cli_usage_error(cli, cmd, "%s must be a number from %d to %d, not `%s`", opt, min, max,
                        value);
        return false;
    }
    *out = (int)v;
    return true;
}

/* --- The corpus -------------------------------------------------------------------------- */

static bool
is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* $NDVR_CORPUS, else the corpus installed with the program (or the source tree's, for a
 * program in its build tree: util/install_paths.h). */
static const char *
default_corpus_dir(struct cli *cli)
{
    const char *env = getenv("NDVR_CORPUS");
    if (env != NULL && env[0] != '\0')
        return env;
    cli->installed_corpus = install_path(INSTALL_CORPUS);
    return cli->installed_corpus;
}

/* Whether a and b are one directory (by device and inode, so that any spelling matches). */
static bool
is_same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

size_t
cli_corpus_dirs(const struct cli *cli, const char *dirs[2])
{
    const char *user = cli->no_user_corpus ? NULL : cli->user_corpus_dir;
    dirs[0] = cli->corpus_dir;
    /* a missing user corpus is no error: nothing has been imported yet */
    if (user == NULL || !is_directory(user) || is_same_dir(user, cli->corpus_dir))
        return 1;
    dirs[1] = user;
    return 2;
}

void
cli_put_diag(FILE *f, const char *prefix, const struct diag *d)
{
    char buf[sizeof d->file + sizeof d->msg + 64];
    diag_format(d, buf, sizeof buf);
    size_t n;
    char *clean = sanitize_text(buf, strlen(buf), &n, NULL);
    fputs(prefix, f);
    cli_put(f, clean); /* escapes what the sanitiser keeps (tabs, line breaks): one line */
    fputc('\n', f);
    free(clean);
}

/* The image built and installed with the programs, when dirs are the bundled corpus alone
 * (the installed corpus, or the source tree's for a program in its build tree); NULL or an
 * image path the caller frees. */
static char *
bundled_image(const char *const *dirs, size_t ndirs)
{
    if (ndirs != 1)
        return NULL;
    char *corpus = install_path(INSTALL_CORPUS);
    bool bundled = is_same_dir(dirs[0], corpus);
    free(corpus);
    return bundled ? install_path(INSTALL_CORPUS_IMAGE) : NULL;
}

/* Loads the corpus for reading, from its image when there is a good one (image_cache.h):
 * content problems were sanitised away and are warnings, told here; an error ends the
 * command. */
const struct corpus *
cli_corpus(struct cli *cli)
{
    if (cli->corpus != NULL)
        return cli->corpus;
    struct diag d = {0};
    struct corpus_report warnings;
    const char *dirs[2];
    size_t ndirs = cli_corpus_dirs(cli, dirs);
    char *cache = cache_dir_default();
    char *image = bundled_image(dirs, ndirs);
    const struct image_cache_options options = {image, cache};
    bool ok = image_cache_load(&options, dirs, ndirs, &cli->corpus, &warnings, &d);
    free(image);
    free(cache);
    for (size_t i = 0; i < warnings.n; i++)
        cli_put_diag(cli->err, "ndvr: warning: ", &warnings.v[i]);
    corpus_report_free(&warnings);
    if (!ok)
        cli_put_diag(cli->err, "", &d);
    return cli->corpus;
}

/* What went wrong and what may have been meant; a range where it cannot be is a usage
 * error, the rest is nothing found. */
static int
print_unresolved(struct cli *cli, const struct resolved *r)
{
    fputs("ndvr: ", cli->err);
    cli_put(cli->err, r->why);
    fputc('\n', cli->err);
    if (r->nnear > 0)
        fputs(_("ndvr: did you mean: "), cli->err);
    for (size_t i = 0; i < r->nnear; i++) {
        fputs(i ? ", " : "", cli->err);
        cli_put(cli->err, r->near[i]->address);
    }
    if (r->nnear > 0)
        fputc('\n', cli->err);
    return r->status == RESOLVE_BAD_RANGE ? CLI_ERROR : CLI_NOT_FOUND;
}

int
cli_resolve(struct cli *cli, const char *address, bool range, struct resolved *r)
{
    const struct corpus *corpus = cli_corpus(cli);
    if (corpus == NULL)
        return CLI_ERROR;
    char *utf8 = cli_utf8_arg(cli, address);
    if (range)
        resolve(corpus, utf8, r);
    else
        resolve_one(corpus, utf8, r);
    free(utf8);
    return r->status == RESOLVE_OK ? CLI_OK : print_unresolved(cli, r);
}

int
cli_find(struct cli *cli, const char *address, const struct node **node)
{
    struct resolved r;
    int status = cli_resolve(cli, address, false, &r);
    *node = status == CLI_OK ? r.first : NULL;
    return status;
}

/* --- Help -------------------------------------------------------------------------------- */

static void
print_help(FILE *f)
{
    fputs("usage: ndvr [OPTIONS] [ADDRESS]       the reader, at ADDRESS\n"
          "       ndvr [OPTIONS] COMMAND [ARG...]\n"
          "\n"
          "Reads the UN reports on nuclear disarmament verification (A/74/90, A/72/304).\n"
          "Without a command, opens the reader (A/74/90's summary by default); when\n"
          "standard output is not a terminal, prints the text as `ndvr cat` does.\n"
          "\n"
          "Options:\n"
          "  --corpus DIR  read the report trees in DIR (default: $NDVR_CORPUS, else the\n"
          "                installed corpus, else the source tree's assets/corpus), and\n"
          "                those `ndvr import` put in $XDG_DATA_HOME/ndvr/corpus\n"
          "  --no-user-corpus\n"
          "                read the trees of --corpus alone, none imported\n"
          "  --keymap FILE key bindings to use instead of keymaps/default.keys\n"
          "                (`--keymap emacs`: the installed keymaps/emacs.keys)\n"
          "  --ascii       ASCII pane borders\n"
          "  --no-mouse    ignore the mouse\n"
          "  --no-color    attributes only (also when NO_COLOR is set and not empty)\n"
          "  --clipboard   let copy-citation write to the clipboard (OSC 52)\n"
          "  --hyperlinks  in cat's text, link documents outside the corpus to\n"
          "                undocs.org (OSC 8)\n"
          "  --ambiguous-width 1|2\n"
          "                columns of East Asian Ambiguous characters such as “ ” — … ·\n"
          "                (default 1, or $NDVR_AMBIGUOUS_WIDTH)\n"
          "  --help        show this help\n"
          "  --version     show the version\n"
          "\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < CLI_NCMDS; i++) {
        const struct cli_cmd *c = &cli_cmd_table[i];
        int width = (int)(strlen(c->name) + (c->usage[0] ? 1 + strlen(c->usage) : 0));
        fprintf(f, "  %s%s%s%*s  %s\n", c->name, c->usage[0] ? " " : "", c->usage,
                width < 28 ? 28 - width : 0, "", c->help);
    }
}

int
cmd_help_exec(struct cli *cli, int argc, char **argv)
{
    int n = cli_parse_args(cli, argc, argv, NULL, 0);
    if (n < 0)
        return CLI_ERROR;
    if (n > 1)
        return cli_usage_error(cli, "help", "unexpected argument: %s", argv[2]);
    if (n == 0) {
        print_help(cli->out);
        return CLI_OK;
    }
    const struct cli_cmd *cmd = cli_cmd_find(argv[1]);
    if (cmd == NULL)
        return cli_usage_error(cli, "help", "no such command: %s", argv[1]);
    print_usage_line(cli->out, cmd);
    fprintf(cli->out, "%s\n", cmd->help);
    return CLI_OK;
}

/* --- Main -------------------------------------------------------------------------------- */

/* --ambiguous-width (and NDVR_AMBIGUOUS_WIDTH): 1 or 2 columns for East Asian Ambiguous
 * characters. */
static bool
set_ambiguous(struct cli *cli, const char *value, int *status)
{
    int w = width_parse_ambiguous(value);
    if (w < 0) {
        *status = cli_usage_error(cli, NULL, "--ambiguous-width must be 1 or 2, not `%s`", value);
        return false;
    }
    width_set_ambiguous(w);
    return true;
}

/* Handles one option before the command; returns how many arguments it took (1 or 2), or 0
 * with *status set when the run is over (help, version, or an error). */
static int
global_option(struct cli *cli, int argc, char **argv, int i, int *status)
{
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
        print_help(cli->out);
    } else if (strcmp(arg, "--version") == 0) {
        version_print(cli->out, "ndvr");
    } else if (strncmp(arg, "--ambiguous-width=", 18) == 0) {
        return set_ambiguous(cli, arg + 18, status) ? 1 : 0;
    } else if (strcmp(arg, "--ambiguous-width") == 0 && i + 1 < argc) {
        return set_ambiguous(cli, argv[i + 1], status) ? 2 : 0;
    } else if (strcmp(arg, "--ascii") == 0) {
        cli->ascii = true;
        return 1;
    } else if (strcmp(arg, "--no-mouse") == 0) {
        cli->no_mouse = true;
        return 1;
    } else if (strcmp(arg, "--no-color") == 0) {
        cli->no_color = true;
        return 1;
    } else if (strcmp(arg, "--no-user-corpus") == 0) {
        cli->no_user_corpus = true;
        return 1;
    } else if (strcmp(arg, "--clipboard") == 0) {
        cli->clipboard = true;
        return 1;
    } else if (strcmp(arg, "--hyperlinks") == 0) {
        cli->hyperlinks = true;
        return 1;
    } else if (strncmp(arg, "--keymap=", 9) == 0) {
        cli->keymap_file = arg + 9;
        return 1;
    } else if (strcmp(arg, "--keymap") == 0 && i + 1 < argc) {
        cli->keymap_file = argv[i + 1];
        return 2;
    } else if (strncmp(arg, "--corpus=", 9) == 0) {
        cli->corpus_dir = arg + 9;
        return 1;
    } else if (strcmp(arg, "--corpus") == 0 && i + 1 < argc) {
        cli->corpus_dir = argv[i + 1];
        return 2;
    } else if (strcmp(arg, "--corpus") == 0) {
        *status = cli_usage_error(cli, NULL, "--corpus needs a directory");
    } else {
        *status = cli_usage_error(cli, NULL, "unknown option: %s", arg);
    }
    return 0;
}

/* Handles the options before the command. Returns the index of the command in argv (argc
 * when none), or -1 with *status set when the run is over. */
static int
parse_global_options(struct cli *cli, int argc, char **argv, int *status)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        int taken = global_option(cli, argc, argv, i, status);
        if (taken == 0)
            return -1;
        i += taken;
    }
    return i;
}

/* `ndvr [ADDRESS]`: the reader on a terminal; on anything else, the text as `ndvr cat`
 * prints it. */
/* `ndvr [ADDRESS]`: the reader on a terminal; on anything else, the text as `ndvr cat`
 * prints it. Without an address the reader starts where the user left off. */
static int
run_reader(struct cli *cli, const char *address)
{
    const struct node *start = NULL;
    int status = address ? cli_find(cli, address, &start) : (cli_corpus(cli) ? CLI_OK : CLI_ERROR);
    if (status != CLI_OK)
        return status;
    if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
        if (!ui_ensure_utf8_locale()) {
            fprintf(cli->err,
                    _("ndvr: the reader needs a UTF-8 or GB18030 locale, not %s; set "
                      "LANG to one (export LANG=zh_CN.UTF-8), or use ndvr cat, which "
                      "converts\n"),
                    cli->codeset ? cli->codeset : "ASCII without C.UTF-8");
            return CLI_ERROR;
        }
        struct app_options opts = {.keymap_file = cli->keymap_file,
                                   .ascii_borders = cli->ascii,
                                   .mouse = !cli->no_mouse,
                                   .clipboard = cli->clipboard,
                                   .color = !cli->no_color};
        int rc = app_run(cli->corpus, start, &opts);
        if (rc >= 0)
            return rc;
        /* the terminal cannot be driven (unknown TERM, no cursor motion): print instead */
    }
    if (address == NULL) { /* A/74/90's summary; another corpus: its first document */
        size_t ndocs;
        struct node *const *docs = corpus_documents(cli->corpus, &ndocs);
        if (ndocs == 0)
            return CLI_NOT_FOUND;
        address =
            corpus_find(cli->corpus, "A/74/90#summary") ? "A/74/90#summary" : docs[0]->address;
    }
    char name[] = "cat";
    char *argv[] = {name, (char *)address, NULL};
    return cmd_cat_exec(cli, 2, argv);
}

static int
run_command(struct cli *cli, int argc, char **argv)
{
    if (argc == 0)
        return run_reader(cli, NULL);
    const struct cli_cmd *cmd = cli_cmd_find(argv[0]);
    if (cmd != NULL) {
        int status = cmd->exec(cli, argc, argv);
        return cli->help_shown ? CLI_OK : status;
    }
    /* not a command: an address to open (A/74/90#p23, GE-NDV/2018/4, NOR, norway), unless it
     * is spelt like a command (lower-case words) and names no node */
    bool word = strspn(argv[0], "abcdefghijklmnopqrstuvwxyz-") == strlen(argv[0]);
    const struct corpus *corpus = word ? cli_corpus(cli) : NULL;
    struct resolved r = {.status = RESOLVE_UNKNOWN};
    if (corpus != NULL)
        resolve_one(corpus, argv[0], &r);
    if (argc > 1 || (word && r.status != RESOLVE_OK))
        return cli_usage_error(cli, NULL, "unknown command: %s", argv[0]);
    return run_reader(cli, argv[0]);
}

int
cli_main(int argc, char **argv)
{
    /* cJSON formats numbers with the locale's decimal point. */
    setlocale(LC_NUMERIC, "C");
    struct cli cli = {.out = stdout, .err = stderr};
    cli_streams_open(&cli);
    int status = CLI_OK;
    const char *env_width = getenv("NDVR_AMBIGUOUS_WIDTH");
    if (env_width != NULL && env_width[0] != '\0' && width_parse_ambiguous(env_width) < 0) {
        fprintf(cli.err, "ndvr: NDVR_AMBIGUOUS_WIDTH must be 1 or 2; ignored\n");
    } else if (env_width != NULL && env_width[0] != '\0') {
        width_set_ambiguous(width_parse_ambiguous(env_width));
    }
    int cmd = parse_global_options(&cli, argc, argv, &status);
    if (cmd >= 0) {
        if (cli.corpus_dir == NULL)
            cli.corpus_dir = default_corpus_dir(&cli);
        cli.user_corpus_dir = data_corpus_dir();
        status = run_command(&cli, argc - cmd, argv + cmd);
    }
    corpus_free(cli.corpus);
    free(cli.user_corpus_dir);
    free(cli.installed_corpus);
    if (!cli_streams_close(&cli)) {
        fputs("ndvr: error writing the output\n", cli.err);
        status = CLI_ERROR;
    }
    return status;
}
