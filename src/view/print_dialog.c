/* The print dialog: where to send the selection (the default printer, a printer lpstat lists,
 * a file, a command), page width and length, footnotes, format, and the first page as it will
 * print. The cursor starts on the destination, never on Send; Enter on a row changes it, on
 * Send sends (asking before a file is overwritten) and closes the dialog. */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pane/cursor.h"
#include "text/width.h"
#include "util/xalloc.h"
#include "view/printing.h"
#include "util/i18n.h"

enum row {
    ROW_DEST,
    ROW_ARG,
    ROW_FORMAT,
    ROW_PAPER,
    ROW_FOOTNOTES,
    ROW_WIDTH,
    ROW_LINES,
    ROW_SEND,
    ROWS
};

struct dialog {
    struct row_cursor c;
    char **printers;           /* from lpstat, when the dialog opened */
    struct print_settings *ps; /* the workspace's */
};

static const char *
dest_label(enum print_dest_kind k)
{
    switch (k) {
    case PRINT_TO_DEFAULT:
        return _("the default printer (lp)");
    case PRINT_TO_PRINTER:
        return _("a printer (lp -d)");
    case PRINT_TO_FILE:
        return _("a file");
    case PRINT_TO_COMMAND:
        return _("a command (no shell)");
    }
    return "?";
}

static const char *
format_label(enum print_format f)
{
    return f == PRINT_PDF    ? _("PDF (Chinese fonts embedded; for printers)")
           : f == PRINT_HTML ? _("HTML (to print from a browser; never to a printer)")
                             : _("text");
}

static const char *
notes_label(const struct print_opts *o)
{
    if (!o->footnotes)
        return _("left out");
    return o->notes_after || o->format != PRINT_PDF ? _("after the paragraph citing them")
                                                    : _("at the foot of the page citing them");
}

/* Enter on Footnotes: at the foot, after the paragraph, left out, and around again. */
static void
next_notes(struct print_opts *o)
{
    if (!o->footnotes)
        *o = (struct print_opts){o->width, o->page_lines, true, o->format, o->paper, false};
    else if (!o->notes_after)
        o->notes_after = true;
    else
        o->footnotes = false;
}

static const char *
extension(enum print_format f)
{
    return f == PRINT_PDF ? ".pdf" : f == PRINT_HTML ? ".html" : ".txt";
}

/* A file named for one format is renamed for the next: x.pdf becomes x.txt. */
static void
follow_extension(struct print_settings *ps, enum print_format from)
{
    size_t n = strlen(ps->dest_arg), k = strlen(extension(from));
    if (ps->dest != PRINT_TO_FILE || n < k || strcmp(ps->dest_arg + n - k, extension(from)) != 0)
        return;
    snprintf(ps->dest_arg + n - k, sizeof ps->dest_arg - (n - k), "%s", extension(ps->opts.format));
}

/* Enter on Format: PDF, text, HTML, and around again. */
static void
next_format(struct print_settings *ps)
{
    enum print_format f = ps->opts.format;
    ps->opts.format = f == PRINT_PDF ? PRINT_TEXT : f == PRINT_TEXT ? PRINT_HTML : PRINT_PDF;
    follow_extension(ps, f);
}

/* The settings' labels take this many columns, whatever their language. */
#define LABEL_COLS 17

/* "label" padded to LABEL_COLS columns (by display width: labels may be Chinese), then value. */
static void
labelled(char *buf, size_t size, const char *label, const char *value)
{
    snprintf(buf, size, "%s%*s%s", label, text_pad(label, LABEL_COLS), "", value);
}

static void
arg_text(const struct print_settings *ps, char *buf, size_t size)
{
    static const char *const what[] = {[PRINT_TO_FILE] = N_("file:"),
                                       [PRINT_TO_DEFAULT] = N_("printer:"),
                                       [PRINT_TO_PRINTER] = N_("printer:"),
                                       [PRINT_TO_COMMAND] = N_("command:")};
    const char *arg = ps->dest == PRINT_TO_DEFAULT ? _("(the one lp chooses)") : ps->dest_arg;
    char label[64];
    snprintf(label, sizeof label, "  %s", _(what[ps->dest]));
    labelled(buf, size, label, arg[0] ? arg : _("(Enter to type it)"));
}

/* A row of text pages only: the value says when it does not apply. */
static void
text_only(char *buf, size_t size, const char *label, const char *value, bool applies)
{
    char shown[160];
    snprintf(shown, sizeof shown, "%s%s", value, applies ? "" : _(" (text only)"));
    labelled(buf, size, label, shown);
}

static void
row_text(const struct dialog *dd, int row, char *buf, size_t size)
{
    const struct print_settings *ps = dd->ps;
    char value[96];
    switch ((enum row)row) {
    case ROW_DEST:
        labelled(buf, size, _("Send to:"), dest_label(ps->dest));
        break;
    case ROW_ARG:
        arg_text(ps, buf, size);
        break;
    case ROW_FORMAT:
        labelled(buf, size, _("Format:"), format_label(ps->opts.format));
        break;
    case ROW_PAPER:
        snprintf(value, sizeof value, "%s%s",
                 ps->opts.paper == PRINT_PAPER_LETTER ? "Letter" : "A4",
                 ps->opts.format == PRINT_PDF ? "" : _(" (PDF only)"));
        labelled(buf, size, _("Paper:"), value);
        break;
    case ROW_FOOTNOTES:
        labelled(buf, size, _("Footnotes:"), notes_label(&ps->opts));
        break;
    case ROW_WIDTH:
        snprintf(value, sizeof value, _("%d columns"), ps->opts.width);
        text_only(buf, size, _("Page width:"), value, ps->opts.format == PRINT_TEXT);
        break;
    case ROW_LINES:
        snprintf(value, sizeof value, "%d", ps->opts.page_lines);
        text_only(buf, size, _("Lines per page:"), value, ps->opts.format == PRINT_TEXT);
        break;
    case ROW_SEND:
        snprintf(buf, size, "%s", _("[ Send ]"));
        break;
    case ROWS:
        buf[0] = '\0';
        break;
    }
}

/* The first page, drawn under the settings. */
static void
draw_preview(struct pane *pane, struct reader *rd, const struct print_settings *ps, int y)
{
    struct print_selection sel;
    reader_selection(rd, &sel);
    char *what = print_describe(&sel);
    char head[600];
    snprintf(head, sizeof head, _("Page 1 of: %s"), what);
    free(what);
    ui_put(pane->win, y++, 0, head, strlen(head), UI_HEADING, pane->cols);
    struct print_opts text = ps->opts;
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
dialog_draw(struct pane *pane, struct reader *rd)
{
    struct dialog *dd = pane->data;
    ui_win_erase(pane->win);
    const char *title = _("Print (Enter changes a row; Send sends)");
    ui_put(pane->win, 0, 0, title, strlen(title), UI_HEADING, pane->cols);
    for (int r = 0; r < ROWS && r + 1 < pane->rows; r++) {
        char buf[700];
        row_text(dd, r, buf, sizeof buf);
        bool cur = (size_t)r == dd->c.cur;
        if (cur)
            ui_fill(pane->win, r + 1, 0, pane->cols, UI_CURSOR);
        ui_put(pane->win, r + 1, 0, buf, strlen(buf), cur ? UI_CURSOR : UI_NORMAL, pane->cols);
    }
    ui_hline(pane->win, ROWS + 1, 0, pane->cols, NULL, UI_BORDER);
    draw_preview(pane, rd, dd->ps, ROWS + 2);
}

/* --- Changing a row ------------------------------------------------------------------------ */

/* Enter on the destination: the next kind; a printer takes the next name lpstat gave. */
static void
next_destination(struct dialog *dd)
{
    struct print_settings *ps = dd->ps;
    char **pr = dd->printers;
    for (size_t i = 0; ps->dest == PRINT_TO_PRINTER && pr != NULL && pr[i] != NULL; i++)
        if (strcmp(pr[i], ps->dest_arg) == 0 && pr[i + 1] != NULL) {
            snprintf(ps->dest_arg, sizeof ps->dest_arg, "%s", pr[i + 1]);
            return;
        }
    int at = 0;
    for (int i = 0; i < PRINTING_NDESTS; i++)
        if (printing_dest_order[i] == ps->dest)
            at = i;
    ps->dest = printing_dest_order[(at + 1) % PRINTING_NDESTS];
    ps->dest_arg[0] = '\0';
    if (ps->dest == PRINT_TO_PRINTER && pr != NULL && pr[0] != NULL)
        snprintf(ps->dest_arg, sizeof ps->dest_arg, "%s", pr[0]);
    if (ps->dest == PRINT_TO_FILE)
        snprintf(ps->dest_arg, sizeof ps->dest_arg, "ndvr-print%s", extension(ps->opts.format));
}

static unsigned
arg_typed(struct workspace *ws, void *arg, const char *text)
{
    (void)ws;
    struct dialog *dd = ((struct pane *)arg)->data;
    snprintf(dd->ps->dest_arg, sizeof dd->ps->dest_arg, "%s", text);
    return REACT_REDRAW;
}

/* The width or the lines, checked. */
static unsigned
number_typed(struct workspace *ws, struct dialog *dd, bool width, const char *text)
{
    int lo = width ? PRINT_MIN_WIDTH : PRINT_MIN_PAGE_LINES;
    int hi = width ? PRINT_MAX_WIDTH : PRINT_MAX_PAGE_LINES;
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < lo || v > hi)
        ws_message(ws, true, _("%s must be a number from %d to %d"),
                   width ? _("the width") : _("lines"), lo, hi);
    else if (width)
        dd->ps->opts.width = (int)v;
    else
        dd->ps->opts.page_lines = (int)v;
    return REACT_REDRAW;
}

static unsigned
width_typed(struct workspace *ws, void *arg, const char *text)
{
    return number_typed(ws, ((struct pane *)arg)->data, true, text);
}

static unsigned
lines_typed(struct workspace *ws, void *arg, const char *text)
{
    return number_typed(ws, ((struct pane *)arg)->data, false, text);
}

static void
ask(struct cmd_ctx *ctx, const char *label, const char *initial, prompt_fn fn, bool one_key)
{
    struct prompt_spec spec = {
        .label = label, .initial = initial, .on_accept = fn, .one_key = one_key, .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
}

/* Sent: the dialog has done its work and closes (REACT_POP for the command running in it). */
static unsigned
overwrite_answered(struct workspace *ws, void *arg, const char *text)
{
    if (!prompt_is_yes(text)) {
        ws_message(ws, false, _("not sent: the file is kept as it was"));
        return REACT_REDRAW;
    }
    if (!printing_start(ws))
        return REACT_REDRAW;
    ws_remove(ws, arg); /* a prompt's answer runs outside the dialog's commands */
    return REACT_RELAYOUT | REACT_REDRAW;
}

static bool
file_exists(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0;
}

static unsigned
send(struct cmd_ctx *ctx, struct dialog *dd)
{
    if (dd->ps->dest != PRINT_TO_FILE || !file_exists(dd->ps->dest_arg))
        return printing_start(ctx->ws) ? REACT_POP | REACT_REDRAW : REACT_REDRAW;
    char label[700];
    snprintf(label, sizeof label, _("%.600s exists: overwrite it? (y/n) "), dd->ps->dest_arg);
    ask(ctx, label, NULL, overwrite_answered, true);
    return REACT_REDRAW;
}

static unsigned
dialog_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    struct dialog *dd = pane->data;
    char num[16];
    switch ((enum row)dd->c.cur) {
    case ROW_DEST:
        next_destination(dd);
        break;
    case ROW_ARG:
        if (dd->ps->dest != PRINT_TO_DEFAULT)
            ask(ctx, _("printer, file or command: "), dd->ps->dest_arg, arg_typed, false);
        break;
    case ROW_WIDTH:
        snprintf(num, sizeof num, "%d", dd->ps->opts.width);
        ask(ctx, _("page width (columns): "), num, width_typed, false);
        break;
    case ROW_LINES:
        snprintf(num, sizeof num, "%d", dd->ps->opts.page_lines);
        ask(ctx, _("lines per page: "), num, lines_typed, false);
        break;
    case ROW_FOOTNOTES:
        next_notes(&dd->ps->opts);
        break;
    case ROW_FORMAT:
        next_format(dd->ps);
        break;
    case ROW_PAPER:
        dd->ps->opts.paper =
            dd->ps->opts.paper == PRINT_PAPER_A4 ? PRINT_PAPER_LETTER : PRINT_PAPER_A4;
        break;
    case ROW_SEND:
        return send(ctx, dd);
    case ROWS:
        break;
    }
    return REACT_REDRAW;
}

static unsigned
dialog_move(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n)
{
    (void)ctx;
    struct dialog *dd = pane->data;
    return cursor_move(&dd->c, m, n, ROWS);
}

static unsigned
dialog_step(struct pane *pane, struct cmd_ctx *ctx, int dir)
{
    return dialog_move(pane, ctx, MOTION_LINE, dir);
}

static unsigned
dialog_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)x;
    struct dialog *dd = pane->data;
    if (y < 1 || y > ROWS)
        return REACT_NONE;
    cursor_set(&dd->c, (size_t)(y - 1));
    return dialog_activate(pane, ctx) | REACT_REDRAW;
}

static void
dialog_free(struct pane *pane)
{
    struct dialog *dd = pane->data;
    print_printers_free(dd->printers);
    free(dd);
}

const struct pane_ops print_ops = {
    .name = N_("print"),
    .tables = {"view"},
    .place = PLACE_FULL,
    .enter_help = N_("change the row under the cursor; on Send, send"),
    .draw = dialog_draw,
    .move = dialog_move,
    .step_link = dialog_step,
    .activate = dialog_activate,
    .click = dialog_click,
    .free = dialog_free,
};

struct pane *
view_print_new(struct workspace *ws)
{
    struct dialog *dd = xcalloc(1, sizeof *dd);
    dd->printers = print_printers();
    dd->ps = &ws->print.settings;
    cursor_resize(&dd->c, ROWS);
    cursor_set(&dd->c, ROW_DEST);
    return pane_new(&print_ops, dd);
}
