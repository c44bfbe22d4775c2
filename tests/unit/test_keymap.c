/* Tests of keymaps: the file format, every error with its position, and the shipped keymaps. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/keymap.h"
#include "util/xalloc.h"
#include "cmd/commands.h"

/* Every command name the keymaps may use: the reader's command table itself. */
static const char *
command_name(size_t i)
{
    size_t n;
    const struct command *cmds = commands_all(&n);
    return i < n ? cmds[i].name : NULL;
}

static size_t
command_count(void)
{
    size_t n;
    commands_all(&n);
    return n;
}


/* Deliberately unbound in the shipped keymaps (each file says why in its header). */
static const char *const unbound_in_default[] = {"suspend", "goto-paragraph"};
static const char *const unbound_in_emacs[] = {"half-page-down", "half-page-up", "suspend",
                                                "goto-paragraph"};

static bool
is_command(const char *name, void *ctx)
{
    int *calls = ctx;

    if (calls != NULL)
        (*calls)++;
    for (size_t i = 0; i < command_count(); i++) {
        if (strcmp(command_name(i), name) == 0)
            return true;
    }
    return false;
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
    return keymap_load_string(km, "t.keys", text, strlen(text), is_command, NULL, &errs);
}

/* The command bound to the key named name, or NULL. */
static const char *
command_of(const char *name)
{
    const struct keymap_binding *b = keymap_lookup(km, keyname_parse(name));
    return b != NULL ? b->command : NULL;
}

static const char *
args_of(const char *name)
{
    const struct keymap_binding *b = keymap_lookup(km, keyname_parse(name));
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
    cr_expect_null(keymap_lookup(km, KEYC_NONE));
}

Test(keymap, an_empty_keymap_has_nothing)
{
    size_t n = 99;
    key_code keys[2];

    cr_expect_null(keymap_lookup(km, 'j'));
    keymap_bindings(km, &n);
    cr_expect_eq(n, 0);
    cr_expect_eq(keymap_keys_for(km, "quit", keys, 2), 0);
    cr_expect(load(""));
    cr_expect_eq(errs.count, 0);
}

Test(keymap, comments_blank_lines_and_crlf_are_ignored)
{
    cr_expect(load("# a comment\n\n   \n\t# indented\r\n"
                   "bind j scroll-down # why: vi\r\n"
                   "  bind\tk\tscroll-up\t#tabs\n"
                   "bind q quit"));  /* no newline at the end */
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("j"), "scroll-down");
    cr_expect_str_eq(args_of("j"), "");
    cr_expect_str_eq(command_of("k"), "scroll-up");
    cr_expect_str_eq(command_of("q"), "quit");
}

Test(keymap, args_are_the_rest_of_the_line_trimmed)
{
    cr_expect(load("bind a goto A/74/90#p23   \n"                /* '#' inside a word */
                   "bind b search-forward two  words # note\n"
                   "bind c search-forward \"  padded  \"\n"
                   "bind d search-forward '\"quoted\"'\n"
                   "bind e search-forward \"a # b\" # note\n"
                   "bind f search-forward 'one' 'two'\n"      /* two words: kept as written */
                   "bind g search-forward it's\n"             /* a quote inside a word */
                   "bind h search-forward \"x\"y\n"));        /* text glued after the quote */
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
    cr_expect_eq(errs.count, 0);  /* x was not bound: not an error */
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
    keymap_bind(km, 'j', "scroll-down", NULL);
    keymap_bind(km, 'g', "goto", "A/74/90");
    cr_expect_str_eq(args_of("j"), "");
    cr_expect_str_eq(args_of("g"), "A/74/90");
    cr_expect(keymap_unbind(km, 'j'));
    cr_expect_not(keymap_unbind(km, 'j'));
    keymap_unbind_all(km);
    cr_expect_null(command_of("g"));
}

Test(keymap, every_error_has_its_line_column_and_message)
{
    char long_line[1100];
    memset(long_line, 'x', 1025);
    long_line[1025] = '\0';
    char *text = xasprintf(
        "bnd j scroll-down\n"                       /* 1 */
        "bind\n"                                    /* 2 */
        "bind Foo scroll-down\n"                    /* 3 */
        "bind j\n"                                  /* 4 */
        "bind j scrol-down\n"                       /* 5 */
        "bind j search-forward \"abc\n"             /* 6 */
        "%s\n"                                      /* 7 */
        "bind \xff scroll-down\n"                   /* 8 */
        "bind k scroll-up\n"                        /* 9: fine */
        "unbind j extra\n"                          /* 10 */
        "unbind-all now\n"                          /* 11 */
        "unbind\n"                                  /* 12 */
        "bind enter follow-link\n"                  /* 13: names are case-sensitive */
        "bind 'j scroll-down\n"                     /* 14 */
        "  bind C-1 quit\n"                         /* 15 */
        "bind j Quit\n",                            /* 16 */
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

    cr_expect(keymap_load_string(km, "t.keys", text, sizeof text - 1, is_command, NULL, &errs));
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
    line[1024] = '\n';      /* 1024 bytes, then the newline */
    line[1025] = '\0';

    cr_expect(load(line));
    cr_expect_eq(errs.count, 0);
    cr_expect_str_eq(command_of("j"), "quit");
    line[1024] = ' ';       /* 1025 bytes with the CR of a CRLF stripped first */
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
    expect_error(1, 2, 3, "invalid UTF-8");     /* even in a comment */
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
    cr_expect_not(keymap_load_string(km, "t.keys", text, big, is_command, NULL, &errs));
    cr_assert_eq(errs.count, 1);
    expect_error(0, 0, 0, "file larger than 1048576 bytes");
    cr_expect_null(command_of("j"));
    cr_expect_str_eq(command_of("k"), "zoom");  /* the keymap is unchanged */
    /* one byte less is fine */
    cr_expect(keymap_load_string(km, "t.keys", text, big - 1, is_command, NULL, &errs));
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

    cr_expect(keymap_load_string(km, "t.keys", text, len, is_command, NULL, &errs));
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
    cr_expect_not(keymap_load_file(km, "/nonexistent/ndvr/x.keys", is_command, NULL, &errs));
    cr_assert_eq(errs.count, 1);
    cr_expect_str_eq(errs.items[0].file, "/nonexistent/ndvr/x.keys");
    cr_expect_eq(errs.items[0].line, 0);
    cr_expect_eq(errs.items[0].col, 0);
    cr_expect_str_eq(errs.items[0].msg, "cannot open: No such file or directory");

    cr_expect_not(keymap_load_file(km, NDVR_TEST_DATA, is_command, NULL, &errs));
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

    cr_expect(keymap_load_file(km, path, is_command, NULL, &errs));
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

    keymap_load_string(km, "t.keys", text, strlen(text), is_command, &calls, &errs);
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
    cr_expect_eq(keymap_keys_for(km, "scroll-down", keys, 2), 4);
    cr_expect_eq(keys[0], 'j');
    cr_expect_eq(keys[1], KEYC_DOWN);
    cr_expect_eq(keymap_keys_for(km, "zoom", keys, 2), 0);
}

/* Loads a shipped keymap, which must have no errors. */
static void
load_shipped(const char *file)
{
    char *path = xasprintf("%s/keymaps/%s", NDVR_SOURCE_DIR, file);
    char buf[700];

    cr_assert(keymap_load_file(km, path, is_command, NULL, &errs), "cannot read %s", path);
    for (size_t i = 0; i < errs.count; i++) {
        diag_format(&errs.items[i], buf, sizeof buf);
        cr_expect_fail("%s", buf);
    }
    cr_expect_eq(errs.count, 0);
    free(path);
}

/* Every command is bound unless listed as deliberately unbound, and those are not. */
static void
expect_commands_bound(const char *const *unbound, size_t nunbound)
{
    key_code keys[1];

    for (size_t i = 0; i < command_count(); i++) {
        bool skip = false;
        for (size_t j = 0; j < nunbound; j++)
            skip = skip || strcmp(unbound[j], command_name(i)) == 0;
        size_t n = keymap_keys_for(km, command_name(i), keys, 1);
        if (skip)
            cr_expect_eq(n, 0, "%s is bound", command_name(i));
        else
            cr_expect_gt(n, 0, "%s is not bound", command_name(i));
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
    cr_expect_null(command_of("C-c"));  /* the terminal's interrupt */
    cr_expect_null(command_of("C-z"));  /* the terminal's suspend */
    cr_expect_null(command_of("Click"));  /* the UI places clicks itself */
}

Test(keymap, emacs_keys_loads_cleanly_over_the_defaults)
{
    size_t n;

    load_shipped("default.keys");
    load_shipped("emacs.keys");  /* its unbind-all drops the defaults */
    expect_commands_bound(unbound_in_emacs, 4);
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
    cr_expect_null(command_of("C-g"));  /* cancels prompts, in the UI */
}
