/* Tests of keymaps: the file format, every error with its position, and the shipped keymaps. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input/keymap.h"
#include "util/xalloc.h"
#include "cmd/commands.h"
#include "view/views.h"

/* Deliberately unbound in the shipped keymaps (each file says why in its header). */
static const char *const unbound_in_default[] = {"suspend", "goto-paragraph"};
static const char *const unbound_in_emacs[] = {"half-page-down", "half-page-up", "suspend",
                                               "goto-paragraph", "search-clear"};

/* The tests' key tables: the global one and two views; any command of the reader's tables may
 * be bound in any of them. */
static const char *const known_tables[] = {"global", "outline", "list-2"};

static enum keymap_check
check(const char *table, const char *command, void *ctx)
{
    int *calls = ctx;
    bool table_found = false;

    if (calls != NULL)
        (*calls)++;
    for (size_t i = 0; i < sizeof known_tables / sizeof *known_tables; i++)
        table_found = table_found || strcmp(known_tables[i], table) == 0;
    if (!table_found)
        return KEYMAP_NO_TABLE;
    if (command == NULL)
        return KEYMAP_OK;
    size_t nops;
    const struct pane_ops *const *all = views_all(&nops);
    for (size_t i = 0; i < nops; i++) /* a global command, or one of any pane's */
        if (commands_resolve(all[i], command) != NULL)
            return KEYMAP_OK;
    return KEYMAP_NO_COMMAND;
}

static struct keymap *km;
static struct keymap_errors errs;

static void
setup(void)
{
    km = keymap_new();
    errs = (struct keymap_errors)KEYMAP_ERRORS_INIT;
}

static void
teardown(void)
{
    keymap_free(km);
    keymap_errors_fini(&errs);
}

TestSuite(keymap, .init = setup, .fini = teardown);

static bool
load(const char *text)
{
    return keymap_load_string(km, "t.keys", text, strlen(text), check, NULL, &errs);
}

/* The command bound to the key named name in table (NULL: global), or NULL. */
static const char *
command_in(const char *table, const char *name)
{
    const struct keymap_binding *b = keymap_lookup(km, table, keyname_parse(name));
    return b != NULL ? b->command : NULL;
}

static const char *
command_of(const char *name)
{
    return command_in(NULL, name);
}

static const char *
args_of(const char *name)
{
    const struct keymap_binding *b = keymap_lookup(km, NULL, keyname_parse(name));
    return b != NULL ? b->args : NULL;
}

/* Asserts that error i is exactly file:line:col: msg. */
static void
expect_error(size_t i, int line, int col, const char *msg)
{
    cr_assert_lt(i, errs.count, "no error %zu", i);
    const struct diag *d = &errs.items[i];
    cr_expect_str_eq(d->file, "t.keys");
    cr_expect_eq(d->line, line, "error %zu (%s): line %d", i, d->msg, d->line);
    cr_expect_eq(d->col, col, "error %zu (%s): col %d", i, d->msg, d->col);
    cr_expect_str_eq(d->msg, msg);
}

Test(keymap, bind_and_lookup)
{
    cr_expect(load("bind j scroll-down\nbind C-d half-page-down\nbind M-v page-up\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("j"), "scroll-down");
    cr_expect_str_eq(args_of("j"), "");
    cr_expect_str_eq(command_of("C-d"), "half-page-down");
    cr_expect_str_eq(command_of("M-v"), "page-up");
    cr_expect_null(command_of("v"));
    cr_expect_null(keymap_lookup(km, NULL, KEYC_NONE));
}

Test(keymap, an_empty_keymap_has_nothing)
{
    size_t n = 99;
    key_code keys[2];

    cr_expect_null(keymap_lookup(km, NULL, 'j'));
    cr_expect_null(keymap_lookup(km, "outline", 'j'));
    keymap_bindings(km, &n);
    cr_expect_eq(n, 0);
    n = 99;
    keymap_tables(km, &n);
    cr_expect_eq(n, 0);
    cr_expect_eq(keymap_keys_for(km, NULL, "quit", keys, 2), 0);
    cr_expect(load(""));
    cr_expect_eq(errs.count, 0);
}

Test(keymap, comments_blank_lines_and_crlf_are_ignored)
{
    cr_expect(load("# a comment\n\n   \n\t# indented\r\n"
                   "bind j scroll-down # why: vi\r\n"
                   "  bind\tk\tscroll-up\t#tabs\n"
                   "bind q quit")); /* no newline at the end */
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("j"), "scroll-down");
    cr_expect_str_eq(args_of("j"), "");
    cr_expect_str_eq(command_of("k"), "scroll-up");
    cr_expect_str_eq(command_of("q"), "quit");
}

Test(keymap, args_are_the_rest_of_the_line_trimmed)
{
    cr_expect(load("bind a goto A/74/90#p23   \n" /* '#' inside a word */
                   "bind b search-forward two  words # note\n"
                   "bind c search-forward \"  padded  \"\n"
                   "bind d search-forward '\"quoted\"'\n"
                   "bind e search-forward \"a # b\" # note\n"
                   "bind f search-forward 'one' 'two'\n" /* two words: kept as written */
                   "bind g search-forward it's\n"        /* a quote inside a word */
                   "bind h search-forward \"x\"y\n"));   /* text glued after the quote */
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(args_of("a"), "A/74/90#p23");
    cr_expect_str_eq(args_of("b"), "two  words");
    cr_expect_str_eq(args_of("c"), "  padded  ");
    cr_expect_str_eq(args_of("d"), "\"quoted\"");
    cr_expect_str_eq(args_of("e"), "a # b");
    cr_expect_str_eq(args_of("f"), "'one' 'two'");
    cr_expect_str_eq(args_of("g"), "it's");
    cr_expect_str_eq(args_of("h"), "\"x\"y");
}

Test(keymap, quoted_keys_and_commands)
{
    cr_expect(load("bind '#' help\nbind \"'\" quit\nbind '\"' redraw\nbind \"Space\" zoom\n"
                   "bind x 'goto'\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("#"), "help");
    cr_expect_str_eq(command_of("'"), "quit");
    cr_expect_str_eq(command_of("\""), "redraw");
    cr_expect_str_eq(command_of("Space"), "zoom");
    cr_expect_str_eq(command_of("x"), "goto");
}

Test(keymap, later_bindings_override_earlier_ones)
{
    size_t n;

    cr_expect(load("bind j scroll-down\nbind Down scroll-down\nbind j scroll-up arg\n"));
    cr_expect_str_eq(command_of("j"), "scroll-up");
    cr_expect_str_eq(args_of("j"), "arg");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 2);
    /* across files too */
    cr_expect(load("bind j quit\n"));
    cr_expect_str_eq(command_of("j"), "quit");
    cr_expect_str_eq(command_of("Down"), "scroll-down");
    /* aliases name the same key */
    cr_expect(load("bind C-m follow-link\nbind Enter goto\n"));
    cr_expect_str_eq(command_of("Enter"), "goto");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 3);
}

Test(keymap, unbind_removes_one_key)
{
    size_t n;

    cr_expect(load("bind j scroll-down\nbind k scroll-up\nunbind j\nunbind x\n"));
    cr_expect_eq(errs.count, 0); /* x was not bound: not an error */
    cr_expect_null(command_of("j"));
    cr_expect_str_eq(command_of("k"), "scroll-up");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 1);
    cr_expect(load("unbind k\nbind j quit\n"));
    cr_expect_null(command_of("k"));
    cr_expect_str_eq(command_of("j"), "quit");
}

Test(keymap, unbind_all_forgets_earlier_lines_and_files)
{
    size_t n;

    cr_expect(load("bind j scroll-down\nbind k scroll-up\n"));
    cr_expect(load("bind x zoom\nunbind-all\nbind q quit\n"));
    cr_expect_eq(errs.count, 0);
    keymap_bindings(km, &n);
    cr_expect_eq(n, 1);
    cr_expect_str_eq(command_of("q"), "quit");
    cr_expect_null(command_of("j"));
    cr_expect_null(command_of("x"));
}

Test(keymap, the_programmatic_api_matches_the_file_format)
{
    keymap_bind(km, NULL, 'j', "scroll-down", NULL);
    keymap_bind(km, KEYMAP_GLOBAL, 'g', "goto", "A/74/90");
    cr_expect_str_eq(args_of("j"), "");
    cr_expect_str_eq(args_of("g"), "A/74/90");
    cr_expect_str_eq(keymap_lookup(km, NULL, 'g')->table, "global");
    cr_expect(keymap_unbind(km, NULL, 'j'));
    cr_expect_not(keymap_unbind(km, NULL, 'j'));
    keymap_unbind_all(km);
    cr_expect_null(command_of("g"));
}

Test(keymap, every_error_has_its_line_column_and_message)
{
    char long_line[1100];
    memset(long_line, 'x', 1025);
    long_line[1025] = '\0';
    char *text = xasprintf("bnd j scroll-down\n"           /* 1 */
                           "bind\n"                        /* 2 */
                           "bind Foo scroll-down\n"        /* 3 */
                           "bind j\n"                      /* 4 */
                           "bind j scrol-down\n"           /* 5 */
                           "bind j search-forward \"abc\n" /* 6 */
                           "%s\n"                          /* 7 */
                           "bind \xff scroll-down\n"       /* 8 */
                           "bind k scroll-up\n"            /* 9: fine */
                           "unbind j extra\n"              /* 10 */
                           "unbind-all now\n"              /* 11 */
                           "unbind\n"                      /* 12 */
                           "bind enter follow-link\n"      /* 13: names are case-sensitive */
                           "bind 'j scroll-down\n"         /* 14 */
                           "  bind C-1 quit\n"             /* 15 */
                           "bind j Quit\n",                /* 16 */
                           long_line);

    cr_expect(load(text));
    free(text);
    expect_error(0, 1, 1, "unknown keyword 'bnd'");
    expect_error(1, 2, 0, "missing key");
    expect_error(2, 3, 6, "unknown key name 'Foo'");
    expect_error(3, 4, 0, "missing command");
    expect_error(4, 5, 8, "unknown command 'scrol-down'");
    expect_error(5, 6, 23, "unterminated quote");
    expect_error(6, 7, 0, "line longer than 1024 bytes");
    expect_error(7, 8, 6, "invalid UTF-8");
    expect_error(8, 10, 10, "unexpected 'extra'");
    expect_error(9, 11, 12, "unexpected 'now'");
    expect_error(10, 12, 0, "missing key");
    expect_error(11, 13, 6, "unknown key name 'enter'");
    expect_error(12, 14, 6, "unterminated quote");
    expect_error(13, 15, 8, "unknown key name 'C-1'");
    expect_error(14, 16, 8, "unknown command 'Quit'");
    cr_expect_eq(errs.count, 15);
    cr_expect_not(errs.truncated);
    /* bad lines are skipped, good ones apply */
    size_t n;
    keymap_bindings(km, &n);
    cr_expect_eq(n, 1);
    cr_expect_str_eq(command_of("k"), "scroll-up");
}

Test(keymap, errors_format_as_file_line_col)
{
    char buf[700];

    cr_expect(load("bind j scroll-down\nbind Foo quit\nbind\n"));
    cr_assert_eq(errs.count, 2);
    diag_format(&errs.items[0], buf, sizeof buf);
    cr_expect_str_eq(buf, "t.keys:2:6: unknown key name 'Foo'");
    diag_format(&errs.items[1], buf, sizeof buf);
    cr_expect_str_eq(buf, "t.keys:3: missing key");
}

Test(keymap, a_nul_byte_spoils_its_line_only)
{
    static const char text[] = "bind j scroll-down\nbind k\0 scroll-up\nbind q quit\n";

    cr_expect(keymap_load_string(km, "t.keys", text, sizeof text - 1, check, NULL, &errs));
    cr_assert_eq(errs.count, 1);
    expect_error(0, 2, 7, "NUL byte");
    cr_expect_str_eq(command_of("j"), "scroll-down");
    cr_expect_null(command_of("k"));
    cr_expect_str_eq(command_of("q"), "quit");
}

Test(keymap, a_line_of_exactly_1024_bytes_is_fine)
{
    char line[1025 + 20];
    memset(line, ' ', sizeof line);
    memcpy(line, "bind j quit #", 13);
    line[1024] = '\n'; /* 1024 bytes, then the newline */
    line[1025] = '\0';

    cr_expect(load(line));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("j"), "quit");
    line[1024] = ' '; /* 1025 bytes with the CR of a CRLF stripped first */
    strcpy(line + 1025, "\r\n");
    keymap_unbind_all(km);
    cr_expect(load(line));
    cr_assert_eq(errs.count, 1);
    expect_error(0, 1, 0, "line longer than 1024 bytes");
    cr_expect_null(command_of("j"));
}

Test(keymap, invalid_utf8_is_found_where_it_starts)
{
    /* an overlong '/', a lone continuation byte, a surrogate, 中 cut short */
    cr_expect(load("bind \xc0\xaf quit\n# \x80\nbind 中 \xed\xa0\x80\nbind j \xe4\xb8\n"
                   "bind 中 quit\n"));
    cr_assert_eq(errs.count, 4);
    expect_error(0, 1, 6, "invalid UTF-8");
    expect_error(1, 2, 3, "invalid UTF-8"); /* even in a comment */
    expect_error(2, 3, 10, "invalid UTF-8");
    expect_error(3, 4, 8, "invalid UTF-8");
    cr_expect_str_eq(command_of("中"), "quit");
}

Test(keymap, a_file_over_one_mebibyte_is_refused_whole)
{
    size_t big = KEYMAP_MAX_FILE + 1;
    char *text = xmalloc(big);
    memset(text, '\n', big);
    memcpy(text, "bind j quit\n", 12);

    cr_expect_eq(KEYMAP_MAX_FILE, 1048576);
    cr_expect(load("bind k zoom\n"));
    cr_expect_not(keymap_load_string(km, "t.keys", text, big, check, NULL, &errs));
    cr_assert_eq(errs.count, 1);
    expect_error(0, 0, 0, "file larger than 1048576 bytes");
    cr_expect_null(command_of("j"));
    cr_expect_str_eq(command_of("k"), "zoom"); /* the keymap is unchanged */
    /* one byte less is fine */
    cr_expect(keymap_load_string(km, "t.keys", text, big - 1, check, NULL, &errs));
    cr_expect_eq(errs.count, 1);
    cr_expect_str_eq(command_of("j"), "quit");
    free(text);
}

Test(keymap, listing_stops_after_200_errors_but_good_lines_still_apply)
{
    char *text = xmalloc(250 * 16 + 32);
    size_t len = 0;
    for (int i = 0; i < 250; i++)
        len += (size_t)sprintf(text + len, "bogus %d\n", i);
    len += (size_t)sprintf(text + len, "bind q quit\nbogus again\n");

    cr_expect(keymap_load_string(km, "t.keys", text, len, check, NULL, &errs));
    free(text);
    cr_assert_eq(errs.count, 201);
    cr_expect(errs.truncated);
    expect_error(0, 1, 1, "unknown keyword 'bogus'");
    expect_error(199, 200, 1, "unknown keyword 'bogus'");
    expect_error(200, 201, 0, "more than 200 errors; the rest are not listed");
    cr_expect_str_eq(command_of("q"), "quit");
    /* the list is full for later loads too */
    cr_expect(load("bogus\n"));
    cr_expect_eq(errs.count, 201);
}

Test(keymap, unreadable_files_are_one_error)
{
    cr_expect_not(keymap_load_file(km, "/nonexistent/ndvr/x.keys", check, NULL, &errs));
    cr_assert_eq(errs.count, 1);
    cr_expect_str_eq(errs.items[0].file, "/nonexistent/ndvr/x.keys");
    cr_expect_eq(errs.items[0].line, 0);
    cr_expect_eq(errs.items[0].col, 0);
    cr_expect_str_eq(errs.items[0].msg, "cannot open: No such file or directory");

    cr_expect_not(keymap_load_file(km, NDVR_TEST_DATA, check, NULL, &errs));
    cr_assert_eq(errs.count, 2);
    cr_expect_str_eq(errs.items[1].file, NDVR_TEST_DATA);
    cr_expect_str_eq(errs.items[1].msg, "is a directory");
}

Test(keymap, files_report_their_path)
{
    char path[] = "/tmp/ndvr-keymap-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("bind j scroll-down\n\nbind x nothing\n", f);
    fclose(f);

    cr_expect(keymap_load_file(km, path, check, NULL, &errs));
    remove(path);
    cr_assert_eq(errs.count, 1);
    cr_expect_str_eq(errs.items[0].file, path);
    cr_expect_eq(errs.items[0].line, 3);
    cr_expect_eq(errs.items[0].col, 8);
    cr_expect_str_eq(errs.items[0].msg, "unknown command 'nothing'");
    cr_expect_str_eq(command_of("j"), "scroll-down");
}

Test(keymap, the_command_check_gets_its_context_and_may_be_absent)
{
    int calls = 0;
    const char *text = "bind j scroll-down\nbind k anything-goes\n";

    keymap_load_string(km, "t.keys", text, strlen(text), check, &calls, &errs);
    cr_expect_eq(calls, 2);
    cr_expect_eq(errs.count, 1);
    keymap_load_string(km, "t.keys", text, strlen(text), NULL, NULL, NULL);
    cr_expect_str_eq(command_of("k"), "anything-goes");
}

Test(keymap, bindings_are_sorted_by_command_then_key)
{
    key_code keys[2];
    size_t n;

    cr_expect(load("bind C-n scroll-down\nbind q quit\nbind Down scroll-down\n"
                   "bind k scroll-up\nbind j scroll-down\nbind M-j scroll-down\n"));
    const struct keymap_binding *b = keymap_bindings(km, &n);
    cr_assert_eq(n, 6);
    cr_expect_str_eq(b[0].command, "quit");
    cr_expect_eq(b[0].key, 'q');
    cr_expect_str_eq(b[1].command, "scroll-down");
    cr_expect_eq(b[1].key, 'j');
    cr_expect_eq(b[2].key, KEYC_DOWN);
    cr_expect_eq(b[3].key, KEYC_CTRL('n'));
    cr_expect_eq(b[4].key, KEYC_META | 'j');
    cr_expect_str_eq(b[5].command, "scroll-up");
    cr_expect_eq(keymap_keys_for(km, NULL, "scroll-down", keys, 2), 4);
    cr_expect_eq(keys[0], 'j');
    cr_expect_eq(keys[1], KEYC_DOWN);
    cr_expect_eq(keymap_keys_for(km, NULL, "zoom", keys, 2), 0);
}

/* --- Key tables ---------------------------------------------------------------------------- */

/* Loads text with no check at all: every table and command exists. */
static bool
load_unchecked(const char *text)
{
    return keymap_load_string(km, "t.keys", text, strlen(text), NULL, NULL, &errs);
}

Test(keymap, a_table_binds_a_key_beside_the_global_binding)
{
    size_t n;

    cr_expect(load("bind Backspace back\n"
                   "bind -t outline Backspace collapse\n"
                   "bind -t outline Enter expand all\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_in(NULL, "Backspace"), "back");
    cr_expect_str_eq(command_in("global", "Backspace"), "back");
    cr_expect_str_eq(command_in("outline", "Backspace"), "collapse");
    cr_expect_str_eq(command_in("outline", "Enter"), "expand");
    cr_expect_str_eq(keymap_lookup(km, "outline", KEYC_ENTER)->args, "all");
    cr_expect_str_eq(keymap_lookup(km, "outline", KEYC_ENTER)->table, "outline");
    cr_expect_str_eq(keymap_lookup(km, NULL, KEYC_BACKSPACE)->table, "global");
    /* no fallback between tables */
    cr_expect_null(command_in(NULL, "Enter"));
    cr_expect_null(command_in("list-2", "Backspace"));
    cr_expect_null(command_in("outline", "j"));
    keymap_bindings(km, &n);
    cr_expect_eq(n, 3);
    /* a later binding replaces the earlier one of its own table only */
    cr_expect(load("bind -t outline Backspace toggle-outline\n"));
    cr_expect_str_eq(command_in("outline", "Backspace"), "toggle-outline");
    cr_expect_str_eq(command_in(NULL, "Backspace"), "back");
    cr_expect(load("bind Backspace quit\n"));
    cr_expect_str_eq(command_in(NULL, "Backspace"), "quit");
    cr_expect_str_eq(command_in("outline", "Backspace"), "toggle-outline");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 3);
    /* `-t global` is the table statements without -t use */
    cr_expect(load("bind -t global Backspace back\n"));
    cr_expect_str_eq(command_in(NULL, "Backspace"), "back");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 3);
}

Test(keymap, the_programmatic_api_takes_a_table)
{
    keymap_bind(km, "outline", 'j', "collapse", NULL);
    keymap_bind(km, NULL, 'j', "scroll-down", NULL);
    keymap_bind(km, "list-2", 'j', "goto", "x");
    cr_expect_str_eq(command_in("outline", "j"), "collapse");
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    cr_expect_str_eq(keymap_lookup(km, "list-2", 'j')->args, "x");
    cr_expect(keymap_unbind(km, "outline", 'j'));
    cr_expect_not(keymap_unbind(km, "outline", 'j'));
    cr_expect_null(command_in("outline", "j"));
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    keymap_bind(km, "outline", 'k', "expand", NULL);
    keymap_unbind_table(km, "outline");
    cr_expect_null(command_in("outline", "k"));
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    cr_expect_str_eq(command_in("list-2", "j"), "goto");
    keymap_unbind_all(km);
    cr_expect_null(command_in(NULL, "j"));
    cr_expect_null(command_in("list-2", "j"));
}

Test(keymap, unbind_t_removes_the_key_of_that_table_only)
{
    size_t n;

    cr_expect(load("bind j scroll-down\nbind -t outline j collapse\nbind -t list-2 j goto\n"
                   "unbind -t outline j\n"
                   "unbind -t outline x\n")); /* not bound: not an error */
    cr_expect_eq(errs.count, 0);
    cr_expect_null(command_in("outline", "j"));
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    cr_expect_str_eq(command_in("list-2", "j"), "goto");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 2);
    /* without -t, unbind is about the global table */
    cr_expect(load("bind -t outline j collapse\nunbind j\n"));
    cr_expect_null(command_in(NULL, "j"));
    cr_expect_str_eq(command_in("outline", "j"), "collapse");
    cr_expect_str_eq(command_in("list-2", "j"), "goto");
    /* across files, and a binding after the unbind stands */
    cr_expect(load("unbind -t list-2 j\nbind -t list-2 k zoom\nunbind -t outline j\n"
                   "bind -t outline j expand\n"));
    cr_expect_null(command_in("list-2", "j"));
    cr_expect_str_eq(command_in("list-2", "k"), "zoom");
    cr_expect_str_eq(command_in("outline", "j"), "expand");
    cr_expect_eq(errs.count, 0);
}

Test(keymap, unbind_all_t_forgets_one_table_and_unbind_all_every_table)
{
    size_t n;

    cr_expect(load("bind j scroll-down\nbind k scroll-up\n"
                   "bind -t outline Backspace collapse\nbind -t outline Enter expand\n"
                   "bind -t list-2 q quit\n"));
    cr_expect(load("bind -t outline x zoom\n"
                   "bind -t list-2 x zoom\n"
                   "unbind-all -t outline\n" /* this file's x and the earlier file's */
                   "bind -t outline Left collapse\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_null(command_in("outline", "Backspace"));
    cr_expect_null(command_in("outline", "Enter"));
    cr_expect_null(command_in("outline", "x"));
    cr_expect_str_eq(command_in("outline", "Left"), "collapse");
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    cr_expect_str_eq(command_in(NULL, "k"), "scroll-up");
    cr_expect_str_eq(command_in("list-2", "q"), "quit");
    cr_expect_str_eq(command_in("list-2", "x"), "zoom");
    keymap_bindings(km, &n);
    cr_expect_eq(n, 5);
    /* the last of several unbind-all -t counts; an unknown-to-the-keymap table is fine */
    cr_expect(load("bind -t outline a zoom\nunbind-all -t outline\nbind -t outline b zoom\n"
                   "unbind-all -t outline\nbind -t outline c zoom\nunbind-all -t list-2\n"));
    cr_expect_null(command_in("outline", "a"));
    cr_expect_null(command_in("outline", "b"));
    cr_expect_null(command_in("outline", "Left"));
    cr_expect_str_eq(command_in("outline", "c"), "zoom");
    cr_expect_null(command_in("list-2", "q"));
    cr_expect_str_eq(command_in(NULL, "j"), "scroll-down");
    /* without -t: every table, earlier lines and files included */
    cr_expect(load("bind -t list-2 j quit\nunbind-all\nbind -t outline Right expand\n"));
    cr_expect_eq(errs.count, 0);
    keymap_bindings(km, &n);
    cr_expect_eq(n, 1);
    cr_expect_str_eq(command_in("outline", "Right"), "expand");
    cr_expect_null(command_in("outline", "c"));
    cr_expect_null(command_in("list-2", "j"));
    cr_expect_null(command_in(NULL, "j"));
}

Test(keymap, table_errors_have_their_line_column_and_message)
{
    cr_expect(load("bind -t Outline j quit\n"                 /* 1 */
                   "bind -t\n"                                /* 2 */
                   "bind -t # comment\n"                      /* 3 */
                   "bind -t nosuch j quit\n"                  /* 4 */
                   "bind -t outline j scrol-down\n"           /* 5 */
                   "unbind -t nosuch j\n"                     /* 6 */
                   "unbind-all -t nosuch\n"                   /* 7 */
                   "unbind-all -t out_line\n"                 /* 8 */
                   "unbind -t\n"                              /* 9 */
                   "  bind  -t  ''  j quit\n"                 /* 10 */
                   "bind -t outline j scroll-down two args\n" /* 11: fine */
                   "bind j scrol-down\n"                      /* 12 */
                   "bind -t outline\n"                        /* 13 */
                   "unbind-all -t outline now\n"              /* 14 */
                   "bind -t 'outline j quit\n"                /* 15 */
                   "bind -t outline Foo quit\n"               /* 16 */
                   "bind -t global k quit\n"                  /* 17: fine */
                   "unbind-all -t\n"                          /* 18 */
                   "bind -t list.2 k quit\n"));               /* 19 */
    expect_error(0, 1, 9, "bad table name 'Outline'");
    expect_error(1, 2, 0, "missing table name");
    expect_error(2, 3, 0, "missing table name");
    expect_error(3, 4, 9, "unknown key table 'nosuch'");
    expect_error(4, 5, 19, "unknown command 'scrol-down' in table 'outline'");
    expect_error(5, 6, 11, "unknown key table 'nosuch'");
    expect_error(6, 7, 15, "unknown key table 'nosuch'");
    expect_error(7, 8, 15, "bad table name 'out_line'");
    expect_error(8, 9, 0, "missing table name");
    expect_error(9, 10, 13, "bad table name ''");
    expect_error(10, 12, 8, "unknown command 'scrol-down'");
    expect_error(11, 13, 0, "missing key");
    expect_error(12, 14, 23, "unexpected 'now'");
    expect_error(13, 15, 9, "unterminated quote");
    expect_error(14, 16, 17, "unknown key name 'Foo'");
    expect_error(15, 18, 0, "missing table name");
    expect_error(16, 19, 9, "bad table name 'list.2'");
    cr_expect_eq(errs.count, 17);
    /* bad lines are skipped, good ones apply */
    size_t n;
    keymap_bindings(km, &n);
    cr_expect_eq(n, 2);
    cr_expect_str_eq(command_in("outline", "j"), "scroll-down");
    cr_expect_str_eq(keymap_lookup(km, "outline", 'j')->args, "two args");
    cr_expect_str_eq(command_in(NULL, "k"), "quit");

    char buf[700];
    diag_format(&errs.items[3], buf, sizeof buf);
    cr_expect_str_eq(buf, "t.keys:4:9: unknown key table 'nosuch'");
}

/* Records what the check was asked. */
struct asked {
    int calls;
    char tables[8][32];
    bool null_command[8];
    enum keymap_check answer;
};

static enum keymap_check
record_check(const char *table, const char *command, void *ctx)
{
    struct asked *a = ctx;

    if (a->calls < 8) {
        snprintf(a->tables[a->calls], sizeof a->tables[0], "%s", table);
        a->null_command[a->calls] = command == NULL;
    }
    a->calls++;
    return a->answer;
}

Test(keymap, unbind_checks_only_the_table_it_names)
{
    struct asked a = {.answer = KEYMAP_OK};
    const char *text = "unbind -t outline j\nunbind-all -t list-2\nunbind j\nunbind-all\n"
                       "bind -t outline j quit\nbind k zoom\n";

    cr_expect(keymap_load_string(km, "t.keys", text, strlen(text), record_check, &a, &errs));
    cr_assert_eq(a.calls, 4);
    cr_expect_str_eq(a.tables[0], "outline");
    cr_expect(a.null_command[0]);
    cr_expect_str_eq(a.tables[1], "list-2");
    cr_expect(a.null_command[1]);
    cr_expect_str_eq(a.tables[2], "outline");
    cr_expect_not(a.null_command[2]);
    cr_expect_str_eq(a.tables[3], "global");
    cr_expect_not(a.null_command[3]);
    cr_expect_eq(errs.count, 0);

    /* a check that knows no table at all: even the implicit global one is unknown */
    a = (struct asked){.answer = KEYMAP_NO_TABLE};
    text = "bind j quit\nunbind j\nunbind -t outline j\n";
    cr_expect(keymap_load_string(km, "t.keys", text, strlen(text), record_check, &a, &errs));
    cr_expect_eq(a.calls, 2);
    cr_assert_eq(errs.count, 2);
    expect_error(0, 1, 0, "unknown key table 'global'");
    expect_error(1, 3, 11, "unknown key table 'outline'");
    /* a NO_COMMAND answer for a bare table is no error */
    a = (struct asked){.answer = KEYMAP_NO_COMMAND};
    text = "unbind -t outline j\nunbind-all -t outline\n";
    cr_expect(keymap_load_string(km, "t.keys", text, strlen(text), record_check, &a, &errs));
    cr_expect_eq(a.calls, 2);
    cr_expect_eq(errs.count, 2);
}

Test(keymap, quoted_table_names_are_fine)
{
    cr_expect(load("bind -t 'outline' Backspace collapse\n"
                   "bind -t \"list-2\" j quit\n"
                   "bind -t 'outline' Enter expand\n"
                   "unbind -t \"outline\" Enter\n"
                   "bind -t 'list-2' k zoom\n"
                   "unbind-all -t 'list-2'\n"
                   "bind -t \"list-2\" q quit\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_in("outline", "Backspace"), "collapse");
    cr_expect_null(command_in("outline", "Enter"));
    cr_expect_null(command_in("list-2", "j"));
    cr_expect_null(command_in("list-2", "k"));
    cr_expect_str_eq(command_in("list-2", "q"), "quit");
    cr_expect_null(command_in(NULL, "Backspace"));
}

Test(keymap, keys_for_looks_in_one_table)
{
    key_code keys[4];

    cr_expect(load_unchecked("bind j scroll-down\nbind Down scroll-down\nbind C-n scroll-down\n"
                             "bind -t outline k scroll-down\nbind -t outline Down scroll-down\n"
                             "bind -t a-first j scroll-down\nbind -t zz j scroll-down\n"
                             "bind q quit\nbind -t outline Backspace collapse\n"));
    cr_expect_eq(errs.count, 0);
    cr_expect_eq(keymap_keys_for(km, NULL, "scroll-down", keys, 4), 3);
    cr_expect_eq(keys[0], 'j');
    cr_expect_eq(keys[1], KEYC_DOWN);
    cr_expect_eq(keys[2], KEYC_CTRL('n'));
    cr_expect_eq(keymap_keys_for(km, "global", "scroll-down", keys, 1), 3);
    cr_expect_eq(keys[0], 'j');
    cr_expect_eq(keymap_keys_for(km, "outline", "scroll-down", keys, 4), 2);
    cr_expect_eq(keys[0], 'k');
    cr_expect_eq(keys[1], KEYC_DOWN);
    cr_expect_eq(keymap_keys_for(km, "a-first", "scroll-down", keys, 4), 1);
    cr_expect_eq(keymap_keys_for(km, "zz", "scroll-down", keys, 4), 1);
    cr_expect_eq(keymap_keys_for(km, "outline", "quit", keys, 4), 0);
    cr_expect_eq(keymap_keys_for(km, NULL, "collapse", keys, 4), 0);
    cr_expect_eq(keymap_keys_for(km, "outline", "collapse", keys, 4), 1);
    cr_expect_eq(keys[0], KEYC_BACKSPACE);
    cr_expect_eq(keymap_keys_for(km, "nosuch", "scroll-down", keys, 4), 0);
}

Test(keymap, bindings_are_sorted_by_table_then_command_then_key)
{
    size_t n;

    cr_expect(load("bind -t outline q quit\nbind z zoom\nbind -t outline Enter collapse\n"
                   "bind a zoom\nbind -t list-2 j scroll-down\n"
                   "bind -t outline Backspace collapse\nbind M-a back\n"));
    cr_expect_eq(errs.count, 0);
    const struct keymap_binding *b = keymap_bindings(km, &n);
    static const struct {
        const char *table, *command;
        key_code key;
    } want[] = {
        {"global", "back", KEYC_META | 'a'},
        {"global", "zoom", 'a'},
        {"global", "zoom", 'z'},
        {"list-2", "scroll-down", 'j'},
        {"outline", "collapse", KEYC_BACKSPACE},
        {"outline", "collapse", KEYC_ENTER},
        {"outline", "quit", 'q'},
    };
    cr_assert_eq(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++) {
        cr_expect_str_eq(b[i].table, want[i].table, "binding %zu", i);
        cr_expect_str_eq(b[i].command, want[i].command, "binding %zu", i);
        cr_expect_eq(b[i].key, want[i].key, "binding %zu", i);
    }
}

Test(keymap, tables_lists_the_tables_that_have_bindings)
{
    size_t n;
    const char *const *t;

    cr_expect(load("bind -t outline Backspace collapse\nbind j scroll-down\n"
                   "bind -t list-2 q quit\nunbind -t list-2 q\n"
                   "bind -t outline Enter expand\n"));
    t = keymap_tables(km, &n);
    cr_assert_eq(n, 2); /* list-2 lost its only binding */
    cr_expect_str_eq(t[0], "global");
    cr_expect_str_eq(t[1], "outline");
    cr_expect(load_unchecked("bind -t a-first x zoom\nbind -t zz y zoom\nbind -t list-2 q quit\n"));
    t = keymap_tables(km, &n);
    cr_assert_eq(n, 5);
    cr_expect_str_eq(t[0], "a-first");
    cr_expect_str_eq(t[1], "global");
    cr_expect_str_eq(t[2], "list-2");
    cr_expect_str_eq(t[3], "outline");
    cr_expect_str_eq(t[4], "zz");
    cr_expect(load("unbind j\nunbind-all -t outline\n"));
    t = keymap_tables(km, &n);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(t[0], "a-first");
    cr_expect_str_eq(t[1], "list-2");
    cr_expect_str_eq(t[2], "zz");
    cr_expect(load("unbind-all\n"));
    keymap_tables(km, &n);
    cr_expect_eq(n, 0);
}

/* CPU seconds since start. */
static double
cpu_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

/* Appends statements made by line(i, buf) to text until it holds almost KEYMAP_MAX_FILE
 * bytes; returns how many lines it wrote. */
static size_t
fill_mebibyte(char *text, size_t *len, int (*line)(size_t i, char *buf))
{
    char buf[64];
    size_t i = 0;

    *len = 0;
    for (;; i++) {
        int n = line(i, buf);
        if (*len + (size_t)n > KEYMAP_MAX_FILE)
            break;
        memcpy(text + *len, buf, (size_t)n);
        *len += (size_t)n;
    }
    return i;
}

/* A distinct (table, key) per line: three tables times CJK characters, plain and with Meta. */
static int
distinct_key_line(size_t i, char *buf)
{
    static const char *const tables[] = {"", "-t outline ", "-t list-2 "};
    unsigned cp = 0x4E00 + (unsigned)(i / 6) % 0x5200;
    char ch[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
                  (char)(0x80 | (cp & 0x3F)), '\0'};

    return sprintf(buf, "bind %s%s%s zoom\n", tables[i % 3], i / 3 % 2 ? "M-" : "", ch);
}

/* Bindings in one table, each followed by an unbind-all of another. */
static int
clear_between_line(size_t i, char *buf)
{
    unsigned cp = 0x4E00 + (unsigned)(i / 2);
    char ch[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
                  (char)(0x80 | (cp & 0x3F)), '\0'};

    if (i % 2)
        return sprintf(buf, "unbind-all -t list-2\n");
    return sprintf(buf, "bind -t outline %s zoom\n", ch);
}

Test(keymap, a_hostile_mebibyte_of_distinct_keys_loads_fast)
{
    char *text = xmalloc(KEYMAP_MAX_FILE);
    size_t len, n;
    size_t lines = fill_mebibyte(text, &len, distinct_key_line);

    cr_assert_gt(lines, 40000);
    cr_assert_lt(lines / 6, 0x5200); /* no key repeats */
    clock_t start = clock();
    cr_expect(keymap_load_string(km, "t.keys", text, len, check, NULL, &errs));
    cr_expect_lt(cpu_since(start), 3.0, "took %.2f s", cpu_since(start));
    cr_expect_eq(errs.count, 0);
    keymap_bindings(km, &n);
    cr_expect_eq(n, lines);
    cr_expect_str_eq(command_in("outline", "M-中"), "zoom");
    keymap_tables(km, &n);
    cr_expect_eq(n, 3);

    keymap_unbind_all(km);
    lines = fill_mebibyte(text, &len, clear_between_line);
    start = clock();
    cr_expect(keymap_load_string(km, "t.keys", text, len, check, NULL, &errs));
    cr_expect_lt(cpu_since(start), 3.0, "took %.2f s", cpu_since(start));
    cr_expect_eq(errs.count, 0);
    keymap_bindings(km, &n);
    cr_expect_eq(n, (lines + 1) / 2);
    free(text);
}

/* Loads a shipped keymap, which must have no errors. */
static void
load_shipped(const char *file)
{
    char *path = xasprintf("%s/keymaps/%s", NDVR_SOURCE_DIR, file);
    char buf[700];

    cr_assert(keymap_load_file(km, path, commands_check, NULL, &errs), "cannot read %s", path);
    for (size_t i = 0; i < errs.count; i++) {
        diag_format(&errs.items[i], buf, sizeof buf);
        cr_expect_fail("%s", buf);
    }
    cr_expect_eq(errs.count, 0);
    free(path);
}

static bool
listed(const char *const *names, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (strcmp(names[j], name) == 0)
            return true;
    return false;
}

/* Whether a key reaches the command in a pane of these operations: bound to its name in one of
 * the pane's tables, where nothing earlier takes the key. */
static bool
reachable(const struct pane_ops *ops, const char *name)
{
    const char *tables[PANE_MAX_TABLES + 2];
    size_t nt = pane_tables(ops, tables);
    for (size_t t = 0; t < nt; t++) {
        key_code keys[16];
        size_t n = keymap_keys_for(km, tables[t], name, keys, 16);
        for (size_t k = 0; k < n && k < 16; k++) {
            bool taken = false;
            for (size_t e = 0; e < t; e++)
                taken = taken || keymap_lookup(km, tables[e], keys[k]) != NULL;
            if (!taken)
                return true;
        }
    }
    return false;
}

/* Every global command is bound in the global table, and every pane's own and kind commands in
 * one of its tables, unless listed as deliberately unbound; those are not bound anywhere. */
static void
expect_commands_bound(const char *const *unbound, size_t nunbound)
{
    key_code keys[1];
    size_t nops, nglobal;
    const struct pane_ops *const *all = views_all(&nops);
    const struct cmd_def *global = commands_global(&nglobal);
    for (size_t i = 0; i < nglobal; i++) {
        size_t n = keymap_keys_for(km, NULL, global[i].name, keys, 1);
        if (listed(unbound, nunbound, global[i].name))
            cr_expect_eq(n, 0, "%s is bound", global[i].name);
        else
            cr_expect_gt(n, 0, "%s is not bound", global[i].name);
    }
    for (size_t i = 0; i < nops; i++) {
        for (size_t c = 0; c < all[i]->ncmds; c++)
            cr_expect(reachable(all[i], all[i]->cmds[c].name), "%s: no key for %s", all[i]->name,
                      all[i]->cmds[c].name);
        for (size_t c = 0; c < all[i]->nkind_cmds; c++)
            cr_expect(reachable(all[i], all[i]->kind_cmds[c].name), "%s: no key for %s",
                      all[i]->name, all[i]->kind_cmds[c].name);
    }
}

/* Counts `bind` lines, to prove that no key of a shipped file is bound twice. */
static size_t
count_bind_lines(const char *file)
{
    char *path = xasprintf("%s/keymaps/%s", NDVR_SOURCE_DIR, file);
    char line[1100];
    size_t n = 0;
    FILE *f = fopen(path, "r");

    cr_assert_not_null(f);
    while (fgets(line, sizeof line, f) != NULL)
        n += strncmp(line, "bind ", 5) == 0;
    fclose(f);
    free(path);
    return n;
}

Test(keymap, default_keys_loads_cleanly_and_binds_every_command_but_suspend)
{
    size_t n;

    load_shipped("default.keys");
    expect_commands_bound(unbound_in_default, 2);
    keymap_bindings(km, &n);
    cr_expect_eq(n, count_bind_lines("default.keys"), "a key is bound twice");
}

Test(keymap, default_keys_follows_less_and_vi)
{
    load_shipped("default.keys");
    cr_expect_str_eq(command_of("j"), "scroll-down");
    cr_expect_str_eq(command_of("k"), "scroll-up");
    cr_expect_str_eq(command_of("Space"), "page-down");
    cr_expect_str_eq(command_of("b"), "page-up");
    cr_expect_str_eq(command_of("C-d"), "half-page-down");
    cr_expect_str_eq(command_of("g"), "top");
    cr_expect_str_eq(command_of("G"), "bottom");
    cr_expect_str_eq(command_of("Enter"), "follow-link");
    cr_expect_str_eq(command_of("Tab"), "next-link");
    cr_expect_str_eq(command_of("BTab"), "prev-link");
    cr_expect_str_eq(command_of("Backspace"), "back");
    cr_expect_str_eq(command_of("/"), "search-forward");
    cr_expect_str_eq(command_of("?"), "search-backward");
    cr_expect_str_eq(command_of(":"), "command-prompt");
    cr_expect_str_eq(command_of("o"), "goto");
    cr_expect_str_eq(command_of("F1"), "help");
    cr_expect_str_eq(command_of("H"), "help");
    cr_expect_str_eq(command_of("C-l"), "redraw");
    cr_expect_str_eq(command_of("q"), "quit");
    cr_expect_null(command_of("C-c"));   /* the terminal's interrupt */
    cr_expect_null(command_of("C-z"));   /* the terminal's suspend */
    cr_expect_null(command_of("Click")); /* the UI places clicks itself */
}

Test(keymap, emacs_keys_loads_cleanly_over_the_defaults)
{
    size_t n;

    load_shipped("default.keys");
    load_shipped("emacs.keys"); /* its unbind-all drops the defaults */
    expect_commands_bound(unbound_in_emacs, 5);
    keymap_bindings(km, &n);
    cr_expect_eq(n, count_bind_lines("emacs.keys"), "a key is bound twice");
    cr_expect_str_eq(command_of("C-n"), "scroll-down");
    cr_expect_str_eq(command_of("C-v"), "page-down");
    cr_expect_str_eq(command_of("M-v"), "page-up");
    cr_expect_str_eq(command_of("M-<"), "top");
    cr_expect_str_eq(command_of("M->"), "bottom");
    cr_expect_str_eq(command_of("C-s"), "search-forward");
    cr_expect_str_eq(command_of("C-r"), "search-backward");
    cr_expect_str_eq(command_of("l"), "back");
    cr_expect_str_eq(command_of("M-o"), "focus-next");
    cr_expect_null(command_of("j"));
    cr_expect_str_eq(command_of("C-g"), "close"); /* keyboard-quit; in prompts: cancel */
}
