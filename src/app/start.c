/* Starting the reader: the keymap, the state directory, the first place. */
#include "app/app_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "state/paths.h"
#include "state/state.h"
#include "util/install_paths.h"
#include "util/xalloc.h"
#include "view/follow.h"
#include "view/views.h"

/* keymaps/NAME.keys as installed with the program (util/install_paths.h); the caller frees
 * it. */
static char *
bundled_keymap(const char *name)
{
    char *dir = install_path(INSTALL_KEYMAPS);
    char *file = xasprintf("%s/%s.keys", dir, name);
    free(dir);
    return file;
}

/* --keymap FILE; or, when there is no file FILE and it names no directory, the bundled
 * keymap of that name (`--keymap emacs`), wherever ndvr is installed. The caller frees it. */
static char *
keymap_file(const char *opt)
{
    if (opt == NULL)
        return bundled_keymap("default");
    if (strchr(opt, '/') != NULL || access(opt, F_OK) == 0)
        return xstrdup(opt);
    return bundled_keymap(opt);
}

/* The default keys (or --keymap), then the user's file. The first problem goes to the message
 * line, with how many more there are. */
void
start_keymap(struct app *app)
{
    struct keymap_errors errs = KEYMAP_ERRORS_INIT;
    app->keymap = keymap_new();
    char *file = keymap_file(app->opts.keymap_file);
    keymap_load_file(app->keymap, file, commands_check, NULL, &errs);
    free(file);
    char *user = config_keys_path();
    /* Whatever is there is loaded (a FIFO or a directory is an error the loader reports);
     * only a missing file is no file. */
    struct stat st;
    if (user != NULL && (stat(user, &st) == 0 || errno != ENOENT))
        keymap_load_file(app->keymap, user, commands_check, NULL, &errs);
    free(user);
    if (errs.count > 0) {
        char buf[700];
        diag_format(&errs.items[0], buf, sizeof buf);
        if (errs.count > 1)
            ws_message(&app->ws, true, "%s (and %zu more)", buf, errs.count - 1);
        else
            ws_message(&app->ws, true, "%s", buf);
    }
    keymap_errors_fini(&errs);
    app->ws.keymap = app->keymap;
}

/* The state directory; its first warning goes to the message line (a keymap error, shown
 * first, wins). */
void
start_state(struct app *app)
{
    struct state_warnings w = {0};
    app->state = state_open(NULL, &w);
    if (w.n > 0 && app->ws.message[0] == '\0') {
        char buf[700];
        diag_format(&w.v[0], buf, sizeof buf);
        ws_message(&app->ws, true, "%s", buf);
    }
    state_warnings_free(&w);
    app->rd.state = app->state;
    app->ws.state = app->state;
}

/* Where the reader opens without an address: the last place read, else A/74/90's summary,
 * else the first document. */
static void
default_place(struct app *app)
{
    const char *doc = state_last_document(app->state);
    const struct state_pos *last = doc ? state_last(app->state, doc) : NULL;
    if (last != NULL && reader_goto_stored(&app->rd, last->address, last->offset, true))
        return;
    const struct node *summary = corpus_find(app->corpus, "A/74/90#summary");
    size_t ndocs;
    struct node *const *docs = corpus_documents(app->corpus, &ndocs);
    if (summary != NULL || ndocs > 0)
        reader_goto(&app->rd, summary ? summary : docs[0], true);
}

/* The history of earlier runs, then the start: the address asked for (an expert, a paper or a
 * country as its card over the last place), else the default place. */
void
start_place(struct app *app, const struct node *start)
{
    size_t nh;
    const struct state_pos *h = state_history(app->state, &nh);
    for (size_t i = 0; i < nh; i++) {
        const struct node *n = corpus_find(app->corpus, h[i].address);
        if (n != NULL)
            reader_history_add(&app->rd, n);
    }
    if (start == NULL || follow_is_card(start)) {
        default_place(app);
        if (start != NULL)
            ws_push(&app->ws, view_card_new(start));
        return;
    }
    reader_goto(&app->rd, start, true);
}
