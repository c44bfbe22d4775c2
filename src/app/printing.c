/* The reader's printing: what is selected (tags, a range, or the section being read), the
 * dialog's settings remembered across runs, and the job sent in the background. */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/atomic.h"
#include "state/paths.h"
#include "state/state.h"

/* --- Selection ---------------------------------------------------------------------------- */

/* The outline-level node a place belongs to: its section, chapter, response... */
static const struct node *
section_of(const struct node *n)
{
    for (const struct node *p = n; p != NULL; p = p->parent)
        if (p->kind == NODE_SECTION || p->kind == NODE_RESPONSE || p->kind == NODE_ANNEX ||
            p->kind == NODE_FRONT_MATTER || (p->kind == NODE_CHAPTER))
            return p;
    return n;
}

void
app_print_selection(struct app *app, struct print_selection *sel)
{
    memset(sel, 0, sizeof *sel);
    size_t count;
    struct node *const *nodes = corpus_nodes(app->corpus, &count);
    if (app->ntagged > 0) {
        for (size_t i = 0; i < count; i++)
            if (app->tagged[i])
                print_select_add(sel, nodes[i]);
    } else if (app->range_active) {
        /* from the range's start to the end of the node at the top of the text */
        const struct node *a = app->range_node, *b = app_top_node(app);
        if (b->order < a->order) {
            const struct node *t = a;
            a = b;
            b = t;
        }
        for (size_t i = a->order; i <= b->order && i < count; i++)
            print_select_add(sel, nodes[i]);
        sel->first = a;
        sel->last = b;
        sel->from = a == app->range_node ? app->range_offset : 0;
        sel->to = b->text_len;
    } else {
        print_select_add(sel, section_of(app_top_node(app)));
    }
    print_select_normalize(sel);
}

void
app_tag(struct app *app, const struct node *node, bool subtree)
{
    size_t count;
    corpus_nodes(app->corpus, &count);
    if (app->tagged == NULL)
        app->tagged = calloc(count, sizeof *app->tagged);
    if (app->tagged == NULL || node->order >= count)
        return;
    bool on = !app->tagged[node->order];
    size_t end = subtree ? node->subtree_end : node->order + 1;
    for (size_t i = node->order; i < end && i < count; i++) {
        app->ntagged += on && !app->tagged[i];
        app->ntagged -= !on && app->tagged[i];
        app->tagged[i] = on;
    }
}

/* --- Settings ----------------------------------------------------------------------------- */

static const char *const dest_names[] = {"file", "default", "printer", "command"};

static char *
settings_path(const struct app *app)
{
    return app->state && state_can_save(app->state, NULL)
               ? state_path(state_dir(app->state), "print.conf")
               : NULL;
}

/* print.conf: "width 72", "page-lines 60", "footnotes 1", "format text", "dest default",
 * "arg ..." — one setting a line; anything else is ignored. */
void
app_print_load_settings(struct app *app)
{
    struct print_settings *ps = &app->print;
    ps->opts = (struct print_opts){PRINT_DEFAULT_WIDTH, PRINT_DEFAULT_PAGE_LINES, true,
                                   PRINT_TEXT};
    ps->dest = PRINT_TO_DEFAULT;
    char *path = settings_path(app);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    char line[600];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        int v;
        if (sscanf(line, "width %d", &v) == 1 && v >= PRINT_MIN_WIDTH && v <= PRINT_MAX_WIDTH)
            ps->opts.width = v;
        else if (sscanf(line, "page-lines %d", &v) == 1 && v >= PRINT_MIN_PAGE_LINES &&
                 v <= PRINT_MAX_PAGE_LINES)
            ps->opts.page_lines = v;
        else if (sscanf(line, "footnotes %d", &v) == 1)
            ps->opts.footnotes = v != 0;
        else if (strcmp(line, "format html") == 0)
            ps->opts.format = PRINT_HTML;
        else if (strncmp(line, "arg ", 4) == 0)
            snprintf(ps->dest_arg, sizeof ps->dest_arg, "%.511s", line + 4);
        for (int k = 0; k < 4; k++)
            if (strncmp(line, "dest ", 5) == 0 && strcmp(line + 5, dest_names[k]) == 0)
                ps->dest = (enum print_dest_kind)k;
    }
    if (f != NULL)
        fclose(f);
}

void
app_print_save_settings(struct app *app)
{
    char *path = settings_path(app);
    if (path == NULL)
        return;
    const struct print_settings *ps = &app->print;
    char buf[800];
    int n = snprintf(buf, sizeof buf,
                     "width %d\npage-lines %d\nfootnotes %d\nformat %s\ndest %s\narg %s\n",
                     ps->opts.width, ps->opts.page_lines, ps->opts.footnotes ? 1 : 0,
                     ps->opts.format == PRINT_HTML ? "html" : "text", dest_names[ps->dest],
                     ps->dest_arg);
    struct diag d = {0};
    if (n > 0 && !atomic_write(path, buf, (size_t)n, &d))
        app_message(app, true, "print settings not saved: %s", d.msg);
    free(path);
}

/* --- The job ------------------------------------------------------------------------------ */

static const char *
dest_text(const struct print_settings *ps, char *buf, size_t size)
{
    switch (ps->dest) {
    case PRINT_TO_DEFAULT:
        snprintf(buf, size, "the default printer");
        break;
    case PRINT_TO_PRINTER:
        snprintf(buf, size, "printer %s", ps->dest_arg);
        break;
    case PRINT_TO_FILE:
        snprintf(buf, size, "%s", ps->dest_arg);
        break;
    case PRINT_TO_COMMAND:
        snprintf(buf, size, "`%s`", ps->dest_arg);
        break;
    }
    return buf;
}

static int
count_pages(const char *data, size_t n, enum print_format format)
{
    if (format == PRINT_HTML)
        return 0;
    int pages = n > 0;
    for (size_t i = 0; i < n; i++)
        pages += data[i] == '\f';
    return pages;
}

void
app_print_start(struct app *app)
{
    if (app->job_running) {
        app_message(app, true, "still sending %s", app->job_what);
        return;
    }
    const struct print_settings *ps = &app->print;
    if (ps->dest != PRINT_TO_DEFAULT && ps->dest_arg[0] == '\0') {
        app_message(app, true, "no %s given", dest_names[ps->dest]);
        return;
    }
    struct print_selection sel;
    app_print_selection(app, &sel);
    struct diag d = {0};
    size_t n;
    char *data = print_render(&sel, &ps->opts, &n, &d);
    print_select_free(&sel);
    if (data == NULL) {
        app_message(app, true, "%s", d.msg);
        return;
    }
    struct print_dest dest = {ps->dest, ps->dest == PRINT_TO_DEFAULT ? NULL : ps->dest_arg};
    char where[600];
    int pages = count_pages(data, n, ps->opts.format);
    if (pages > 0)
        snprintf(app->job_what, sizeof app->job_what, "%d page%s to %s", pages,
                 pages == 1 ? "" : "s", dest_text(ps, where, sizeof where));
    else
        snprintf(app->job_what, sizeof app->job_what, "HTML to %s",
                 dest_text(ps, where, sizeof where));
    app->job_running = print_job_start(data, n, &dest, &app->job, &d);
    free(data);
    if (!app->job_running)
        app_message(app, true, "printing failed: %s", d.msg);
    else
        app_message(app, false, "sending %s…", app->job_what);
    app_print_save_settings(app);
}

/* After SIGCHLD: how the job ended, on the message line. */
void
app_print_check(struct app *app)
{
    if (!app->job_running)
        return;
    bool ok = false;
    struct diag d = {0};
    if (!print_job_finish(&app->job, &ok, &d))
        return; /* still running */
    app->job_running = false;
    if (ok)
        app_message(app, false, "printed %s", app->job_what);
    else
        app_message(app, true, "printing failed: %s", d.msg);
}
