/* Printing: selected nodes as paginated UTF-8 text (or one HTML file), through the same
 * blocks and line breaker as `ndvr cat` and the reader, sent to a file, standard output, the
 * default printer, a named printer or a command of the user's. Knows the corpus model and
 * render/, nothing of curses.
 *
 * Ownership: strings returned are the caller's to free; selections and corpora are
 * borrowed. Nothing prints to the terminal; problems are struct diag. */
#ifndef NDVR_PRINT_H
#define NDVR_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "corpus/corpus.h"
#include "util/diag.h"

enum print_format { PRINT_TEXT, PRINT_HTML, PRINT_PDF };
enum print_paper { PRINT_PAPER_A4, PRINT_PAPER_LETTER };

/* Defaults suited to A4 at a readable size: 72 columns, 60 lines a page. */
enum { PRINT_DEFAULT_WIDTH = 72, PRINT_DEFAULT_PAGE_LINES = 60 };
enum {
    PRINT_MIN_WIDTH = 20,
    PRINT_MAX_WIDTH = 400,
    PRINT_MIN_PAGE_LINES = 10,
    PRINT_MAX_PAGE_LINES = 1000
};

struct print_opts {
    int width;      /* text: columns of a line, header and footer included */
    int page_lines; /* text: lines of a page, header and footer included */
    bool footnotes; /* the footnotes cited; none when false */
    enum print_format format;
    enum print_paper paper; /* PDF: A4 (the default) or Letter */
    bool notes_after;       /* PDF: each footnote after the paragraph (with its items) citing it,
                               as text, HTML and `ndvr cat` have them, not at the page foot */
};

/* What to print: nodes, each with its subtree. print_select_* put them in document order and
 * drop a node already inside another selected node. */
struct print_selection {
    const struct node **v; /* owned array; nodes borrowed */
    size_t n, cap;
    /* A range selected in the text pane: from byte `from` of `first`'s text to byte `to` of
     * `last`'s (both NULL when the selection is whole nodes). Bytes of node->text as the
     * corpus holds it; a range stays within one document. When set, the range is what prints
     * (v is ignored): the nodes between whole, first and last clipped, labels kept. */
    const struct node *first, *last;
    size_t from, to;
};

void print_select_add(struct print_selection *s, const struct node *node);
/* Sorts by document order and removes nodes inside other selected nodes. */
void print_select_normalize(struct print_selection *s);
void print_select_free(struct print_selection *s);
/* A one-line description for the first page: "A/74/90#ch3 (三. 确定可能的共同点),
 * A/74/90#p40"; after six parts "…, … (9 parts)"; a range "A/74/90#p12 to A/74/90#p13" or
 * "A/74/90#p12 (part)"; "nothing" when empty. */
char *print_describe(const struct print_selection *s);

/* The whole document to print: a PDF (print/pdf.h), text pages separated by form feeds, or one
 * HTML file. Returns NULL with d filled on a bad option, an empty selection, or a PDF without
 * a Chinese font. *nbytes gets its length.
 *
 * A text page: the running header (the document's symbol, two spaces, the heading in effect
 * at the page's first body line, clipped to the width with "…"), a blank line, the body,
 * blank lines filling a short page (the last one too), a blank line, and the footer "n/N"
 * ending in the last column: exactly page_lines lines, so that the footer is every page's last
 * line; every line at most width columns, nothing but text, '\n' and the '\f' that starts
 * every page but the first. The first page's body starts with
 * "Selected: " and print_describe(), wrapped, and a blank line. A heading (with a response's
 * [原件：…] line) stays on the page of the line that follows it. */
char *print_render(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
                   struct diag *d);
/* The first page alone (the preview). */
char *print_first_page(const struct print_selection *s, const struct print_opts *opts);

/* Where the output goes. */
enum print_dest_kind {
    PRINT_TO_FILE,    /* path; "-" is standard output */
    PRINT_TO_DEFAULT, /* lp */
    PRINT_TO_PRINTER, /* lp -d NAME */
    PRINT_TO_COMMAND, /* the user's command, split into words (quotes respected), no shell */
};

struct print_dest {
    enum print_dest_kind kind;
    const char *arg; /* path, printer name or command line; NULL for the default printer */
    /* For lp: the job's title (-t), what the data is (-o document-format=), the paper
     * (-o media=); NULL: not said. */
    const char *title;
    const char *content_type;
    const char *media;
};

/* Whether a format may go to a printer (lp): PDF and text; never HTML, whose markup would
 * print. */
bool print_format_for_printer(enum print_format format);
/* The format to use when none is asked for: PDF for a printer (lp) and a file named *.pdf,
 * HTML for *.html or *.htm, text otherwise. */
enum print_format print_default_format(const struct print_dest *dest);
/* The MIME type of a format, for lp: "application/pdf", "text/plain", "text/html". */
const char *print_content_type(enum print_format format);
/* The job's title: the first part's document symbol and heading ("A/74/90 三. 确定可能的
 * 共同点"). Newly allocated. */
char *print_title(const struct print_selection *s);
/* lp's media name of a paper size. */
const char *print_media(enum print_paper paper);

/* Sends data and waits: false with d filled when the file cannot be written, the command is
 * missing, or it exits non-zero (d then holds the first line of its stderr). */
bool print_send(const char *data, size_t nbytes, const struct print_dest *dest, struct diag *d);

/* The same in the background, for the reader: starts a child that feeds the data to the
 * destination and returns its pid (or -1 with d filled). Reap it with print_job_finish when
 * SIGCHLD says it ended. */
struct print_job {
    pid_t pid;
    int err_fd; /* the child's error report, read by print_job_finish */
};
bool print_job_start(const char *data, size_t nbytes, const struct print_dest *dest,
                     struct print_job *job, struct diag *d);
/* Collects an ended job without blocking; false while it still runs. *ok and d tell how it
 * ended. */
bool print_job_finish(struct print_job *job, bool *ok, struct diag *d);

/* The printers CUPS knows (`lpstat -e`), newest list; empty when lpstat is missing.
 * Returns a NULL-terminated array the caller frees with print_printers_free. */
char **print_printers(void);
void print_printers_free(char **printers);

#endif
