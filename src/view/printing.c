/* The reader's printing: settings across runs, and the background job. */
#include "view/printing.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/atomic.h"
#include "state/paths.h"
#include "state/state.h"
#include "util/i18n.h"
#include "util/regfile.h"

const enum print_dest_kind printing_dest_order[PRINTING_NDESTS] = {
    PRINT_TO_DEFAULT, PRINT_TO_PRINTER, PRINT_TO_FILE, PRINT_TO_COMMAND};

/* One table of the destinations: their names in print.conf. */
static const struct {
    enum print_dest_kind kind;
    const char *name;
} dests[] = {
    {PRINT_TO_FILE, "file"},
    {PRINT_TO_DEFAULT, "default"},
    {PRINT_TO_PRINTER, "printer"},
    {PRINT_TO_COMMAND, "command"},
};

const char *
printing_dest_name(enum print_dest_kind kind)
{
    for (size_t i = 0; i < sizeof dests / sizeof dests[0]; i++)
        if (dests[i].kind == kind)
            return dests[i].name;
    return "?";
}

static char *
settings_path(const struct workspace *ws)
{
    return ws->state && state_can_save(ws->state, NULL)
               ? state_path(state_dir(ws->state), "print.conf")
               : NULL;
}

/* One line of print.conf: "width 72", "page-lines 60", "footnotes 1", "footnotes-after 0",
 * "format pdf" (or text, html), "paper a4" (or letter), "dest default", "arg ..."; anything
 * else is ignored. */
static void
load_line(struct print_settings *ps, const char *line)
{
    int v;
    if (sscanf(line, "width %d", &v) == 1 && v >= PRINT_MIN_WIDTH && v <= PRINT_MAX_WIDTH)
        ps->opts.width = v;
    else if (sscanf(line, "page-lines %d", &v) == 1 && v >= PRINT_MIN_PAGE_LINES &&
             v <= PRINT_MAX_PAGE_LINES)
        ps->opts.page_lines = v;
    else if (sscanf(line, "footnotes %d", &v) == 1)
        ps->opts.footnotes = v != 0;
    else if (strcmp(line, "format html") == 0 || strcmp(line, "format text") == 0 ||
             strcmp(line, "format pdf") == 0)
        ps->opts.format = line[7] == 'h' ? PRINT_HTML : line[7] == 't' ? PRINT_TEXT : PRINT_PDF;
    else if (strcmp(line, "paper letter") == 0 || strcmp(line, "paper a4") == 0)
        ps->opts.paper = line[6] == 'l' ? PRINT_PAPER_LETTER : PRINT_PAPER_A4;
    else if (sscanf(line, "footnotes-after %d", &v) == 1)
        ps->opts.notes_after = v != 0;
    else if (strncmp(line, "arg ", 4) == 0)
        snprintf(ps->dest_arg, sizeof ps->dest_arg, "%.511s", line + 4);
    for (size_t k = 0; k < sizeof dests / sizeof dests[0]; k++)
        if (strncmp(line, "dest ", 5) == 0 && strcmp(line + 5, dests[k].name) == 0)
            ps->dest = dests[k].kind;
}

void
printing_load(struct workspace *ws)
{
    struct print_settings *ps = &ws->print.settings;
    ps->opts = (struct print_opts){PRINT_DEFAULT_WIDTH, PRINT_DEFAULT_PAGE_LINES, true,
                                   PRINT_PDF,           PRINT_PAPER_A4,           false};
    ps->dest = PRINT_TO_DEFAULT;
    ps->dest_arg[0] = '\0';
    char *path = settings_path(ws);
    struct diag why = {0};
    FILE *f = path ? regfile_fopen(path, &why) : NULL;
    if (path != NULL && f == NULL && errno != ENOENT)
        ws_message(ws, true, "print.conf: %s; default print settings used", why.msg);
    free(path);
    char line[600];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        load_line(ps, line);
    }
    if (f != NULL)
        fclose(f);
}

/* print.conf's text in buf; its length, or -1 when it does not fit. */
static int
settings_text(const struct print_settings *ps, char *buf, size_t size)
{
    static const char *const formats[] = {
        [PRINT_TEXT] = "text", [PRINT_HTML] = "html", [PRINT_PDF] = "pdf"};
    int n = snprintf(buf, size,
                     "width %d\npage-lines %d\nfootnotes %d\nfootnotes-after %d\nformat %s\n"
                     "paper %s\ndest %s\narg %s\n",
                     ps->opts.width, ps->opts.page_lines, ps->opts.footnotes ? 1 : 0,
                     ps->opts.notes_after ? 1 : 0, formats[ps->opts.format],
                     ps->opts.paper == PRINT_PAPER_LETTER ? "letter" : "a4",
                     printing_dest_name(ps->dest), ps->dest_arg);
    return n > 0 && (size_t)n < size ? n : -1;
}

void
printing_save(struct workspace *ws)
{
    char *path = settings_path(ws);
    if (path == NULL)
        return;
    char buf[800];
    int n = settings_text(&ws->print.settings, buf, sizeof buf);
    struct diag d = {0};
    /* On a first run nothing has made the state directory yet: printing may be the first
     * thing the reader saves. */
    if (n > 0 &&
        (!state_dir_create(state_dir(ws->state), &d) || !atomic_write(path, buf, (size_t)n, &d)))
        ws_message(ws, true, _("print settings not saved: %s"), d.msg);
    free(path);
}

const char *
printing_dest_text(const struct print_settings *ps, char *buf, size_t size)
{
    switch (ps->dest) {
    case PRINT_TO_DEFAULT:
        snprintf(buf, size, _("the default printer"));
        break;
    case PRINT_TO_PRINTER:
        snprintf(buf, size, _("printer %s"), ps->dest_arg);
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
    if (format == PRINT_PDF) { /* one "/Type /Page" dictionary a page ("/Type /Pages": none) */
        static const char page[] = "/Type /Page";
        size_t k = sizeof page - 1;
        int pages = 0;
        for (size_t i = 0; i + k < n; i++)
            pages += memcmp(data + i, page, k) == 0 && data[i + k] != 's';
        return pages;
    }
    int pages = n > 0;
    for (size_t i = 0; i < n; i++)
        pages += data[i] == '\f';
    return pages;
}

static void
describe_job(struct print_run *run, const char *data, size_t n)
{
    char where[600];
    const struct print_settings *ps = &run->settings;
    int pages = count_pages(data, n, ps->opts.format);
    printing_dest_text(ps, where, sizeof where);
    if (pages > 0)
        snprintf(run->what, sizeof run->what,
                 ngettext("%d page to %.200s", "%d pages to %.200s", pages), pages, where);
    else
        snprintf(run->what, sizeof run->what, _("HTML to %.200s"), where);
}

bool
printing_start(struct workspace *ws)
{
    struct print_run *run = &ws->print;
    const struct print_settings *ps = &run->settings;
    if (run->running) {
        ws_message(ws, true, _("still sending %s"), run->what);
        return false;
    }
    if (ps->dest != PRINT_TO_DEFAULT && ps->dest_arg[0] == '\0') {
        ws_message(ws, true, "%s",
                   ps->dest == PRINT_TO_FILE      ? _("no file given")
                   : ps->dest == PRINT_TO_PRINTER ? _("no printer given")
                                                  : _("no command given"));
        return false;
    }
    bool printer = ps->dest == PRINT_TO_DEFAULT || ps->dest == PRINT_TO_PRINTER;
    if (printer && !print_format_for_printer(ps->opts.format)) {
        ws_message(ws, true,
                   _("HTML does not go to a printer (its markup would print): choose PDF"));
        return false;
    }
    struct print_selection sel;
    reader_selection(ws->rd, &sel);
    struct diag d = {0};
    size_t n;
    char *data = print_render(&sel, &ps->opts, &n, &d);
    if (data == NULL) {
        print_select_free(&sel);
        ws_message(ws, true, "%s", d.msg);
        return false;
    }
    describe_job(run, data, n);
    char *title = print_title(&sel);
    struct print_dest dest = {ps->dest, ps->dest == PRINT_TO_DEFAULT ? NULL : ps->dest_arg, title,
                              print_content_type(ps->opts.format), print_media(ps->opts.paper)};
    run->running = print_job_start(data, n, &dest, &run->job, &d);
    free(title);
    free(data);
    print_select_free(&sel);
    if (!run->running)
        ws_message(ws, true, _("printing failed: %s"), d.msg);
    else
        ws_message(ws, false, _("sending %s…"), run->what);
    printing_save(ws);
    return run->running;
}

void
printing_check(struct workspace *ws)
{
    struct print_run *run = &ws->print;
    bool ok = false;
    struct diag d = {0};
    if (!run->running || !print_job_finish(&run->job, &ok, &d))
        return; /* nothing sent, or still running */
    run->running = false;
    if (ok)
        ws_message(ws, false, _("printed %s"), run->what);
    else
        ws_message(ws, true, _("printing failed: %s"), d.msg);
}
