/* The print dialog: destination, page size, footnotes, format, and the first page as it will
 * print; Enter on a row changes it, on Send sends. */
#include "pane/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "util/xalloc.h"

enum row { ROW_DEST, ROW_ARG, ROW_WIDTH, ROW_LINES, ROW_FOOTNOTES, ROW_FORMAT, ROW_SEND, ROWS };

struct dialog_data {
    int cursor;
    char **printers;  /* from lpstat, loaded when the dialog opens */
};

static const char *
dest_label(enum print_dest_kind k)
{
    switch (k) {
    case PRINT_TO_DEFAULT:
        return "the default printer (lp)";
    case PRINT_TO_PRINTER:
        return "a printer (lp -d)";
    case PRINT_TO_FILE:
        return "a file";
    case PRINT_TO_COMMAND:
        return "a command (no shell)";
    }
    return "?";
}

static void
row_text(const struct app *app, int row, char *buf, size_t size)
{
    const struct print_settings *ps = &app->print;
    switch ((enum row)row) {
    case ROW_DEST:
        snprintf(buf, size, "Send to:         %s", dest_label(ps->dest));
        break;
    case ROW_ARG:
        snprintf(buf, size, "  %-15s%s", ps->dest == PRINT_TO_PRINTER ? "printer:"
                                        : ps->dest == PRINT_TO_FILE   ? "file:"
                                        : ps->dest == PRINT_TO_COMMAND ? "command:"
                                                                       : "",
                 ps->dest == PRINT_TO_DEFAULT ? "" : ps->dest_arg);
        break;
    case ROW_WIDTH:
        snprintf(buf, size, "Page width:      %d columns", ps->opts.width);
        break;
    case ROW_LINES:
        snprintf(buf, size, "Lines per page:  %d", ps->opts.page_lines);
        break;
    case ROW_FOOTNOTES:
        snprintf(buf, size, "Footnotes:       %s", ps->opts.footnotes ? "after the text citing them"
                                                                      : "left out");
        break;
    case ROW_FORMAT:
        snprintf(buf, size, "Format:          %s", ps->opts.format == PRINT_HTML
                                                       ? "HTML (to print from a browser)"
                                                       : "text");
        break;
    case ROW_SEND:
        snprintf(buf, size, "[ Send ]");
        break;
    case ROWS:
        buf[0] = '\0';
        break;
    }
}

/* The first page, drawn under the settings. */
static void
draw_preview(struct pane *pane, struct app *app, int y)
{
    struct print_selection sel;
    app_print_selection(app, &sel);
    char *what = print_describe(&sel);
    char head[600];
    snprintf(head, sizeof head, "Page 1 of: %s", what);
    free(what);
    ui_put(pane->win, y++, 0, head, strlen(head), UI_HEADING, pane->cols);
    struct print_opts text = app->print.opts;
    text.format = PRINT_TEXT; /* an HTML file is previewed as its text would print */
    char *page = print_first_page(&sel, &text);
    print_select_free(&sel);
    for (char *line = page; line && *line && y < pane->rows; y++) {
        char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        ui_put(pane->win, y, 0, line, n, UI_NORMAL, pane->cols);
        line = eol ? eol + 1 : line + n;
    }
    free(page);
}

static void
dialog_draw(struct pane *pane, struct app *app)
{
    struct dialog_data *dd = pane->data;
    ui_win_erase(pane->win);
    const char title[] = "Print (Enter changes a row, q closes)";
    ui_put(pane->win, 0, 0, title, sizeof title - 1, UI_HEADING, pane->cols);
    for (int r = 0; r < ROWS && r + 1 < pane->rows; r++) {
        char buf[700];
        row_text(app, r, buf, sizeof buf);
        bool cur = r == dd->cursor;
        if (cur)
            ui_fill(pane->win, r + 1, 0, pane->cols, UI_CURSOR);
        ui_put(pane->win, r + 1, 0, buf, strlen(buf), cur ? UI_CURSOR : UI_NORMAL, pane->cols);
    }
    ui_hline(pane->win, ROWS + 1, 0, pane->cols, NULL, UI_BORDER);
    draw_preview(pane, app, ROWS + 2);
}

/* Enter on the destination: the next kind; a printer takes the next name lpstat gave. */
static void
next_destination(struct dialog_data *dd, struct app *app)
{
    struct print_settings *ps = &app->print;
    if (ps->dest == PRINT_TO_PRINTER && dd->printers != NULL && dd->printers[0] != NULL) {
        for (size_t i = 0; dd->printers[i] != NULL; i++)
            if (strcmp(dd->printers[i], ps->dest_arg) == 0 && dd->printers[i + 1] != NULL) {
                snprintf(ps->dest_arg, sizeof ps->dest_arg, "%s", dd->printers[i + 1]);
                return;
            }
    }
    static const enum print_dest_kind order[] = {PRINT_TO_DEFAULT, PRINT_TO_PRINTER,
                                                 PRINT_TO_FILE, PRINT_TO_COMMAND};
    int at = 0;
    for (int i = 0; i < 4; i++)
        if (order[i] == ps->dest)
            at = i;
    ps->dest = order[(at + 1) % 4];
    ps->dest_arg[0] = '\0';
    if (ps->dest == PRINT_TO_PRINTER && dd->printers != NULL && dd->printers[0] != NULL)
        snprintf(ps->dest_arg, sizeof ps->dest_arg, "%s", dd->printers[0]);
    if (ps->dest == PRINT_TO_FILE)
        snprintf(ps->dest_arg, sizeof ps->dest_arg, "ndvr-print.txt");
}

static void
activate(struct dialog_data *dd, struct app *app)
{
    struct print_settings *ps = &app->print;
    switch ((enum row)dd->cursor) {
    case ROW_DEST:
        next_destination(dd, app);
        break;
    case ROW_ARG:
        if (ps->dest != PRINT_TO_DEFAULT)
            app_prompt(app, PROMPT_PRINT_ARG, false);
        break;
    case ROW_WIDTH:
        app_prompt(app, PROMPT_PRINT_WIDTH, false);
        break;
    case ROW_LINES:
        app_prompt(app, PROMPT_PRINT_LINES, false);
        break;
    case ROW_FOOTNOTES:
        ps->opts.footnotes = !ps->opts.footnotes;
        break;
    case ROW_FORMAT:
        ps->opts.format = ps->opts.format == PRINT_HTML ? PRINT_TEXT : PRINT_HTML;
        break;
    case ROW_SEND:
        app_print_start(app);
        break;
    case ROWS:
        break;
    }
}

static void
close_dialog(struct pane *pane, struct app *app)
{
    pane->visible = false;
    app->focus = PANE_TEXT;
    app_layout_panes(app);
}

static bool
dialog_command(struct pane *pane, struct app *app, const char *name, const char *args)
{
    (void)args;
    struct dialog_data *dd = pane->data;
    if (strcmp(name, "scroll-down") == 0 || strcmp(name, "next-link") == 0)
        dd->cursor = dd->cursor + 1 < ROWS ? dd->cursor + 1 : dd->cursor;
    else if (strcmp(name, "scroll-up") == 0 || strcmp(name, "prev-link") == 0)
        dd->cursor = dd->cursor > 0 ? dd->cursor - 1 : 0;
    else if (strcmp(name, "follow-link") == 0)
        activate(dd, app);
    else if (strcmp(name, "quit") == 0 || strcmp(name, "back") == 0)
        close_dialog(pane, app);
    else
        return false;
    return true;
}

static bool
dialog_key(struct pane *pane, struct app *app, key_code key, int y, int x)
{
    (void)x;
    struct dialog_data *dd = pane->data;
    if (key != KEYC_MOUSE_CLICK || y < 1 || y > ROWS)
        return false;
    dd->cursor = y - 1;
    activate(dd, app);
    return true;
}

static void
dialog_free(struct pane *pane)
{
    struct dialog_data *dd = pane->data;
    print_printers_free(dd->printers);
    free(dd);
}

static const struct pane_ops dialog_ops = {
    .name = "print",
    .draw = dialog_draw,
    .key = dialog_key,
    .command = dialog_command,
    .resize = NULL,
    .free = dialog_free,
};

struct pane *
pane_print_new(void)
{
    return pane_new(&dialog_ops, xcalloc(1, sizeof(struct dialog_data)));
}

void
app_print_dialog(struct app *app)
{
    struct pane *p = app->panes[PANE_PRINT];
    struct dialog_data *dd = p->data;
    if (dd->printers == NULL)
        dd->printers = print_printers();
    dd->cursor = ROW_SEND;
    p->visible = true;
    app->focus = PANE_PRINT;
    app_layout_panes(app);
}
