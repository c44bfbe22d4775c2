/* Paper: the selection laid out on pages for a device that measures text in its own units
 * (the PDF device, print/pdf.c; tests use terminal cells). A page has a running header (the
 * document's symbol and the heading in effect at its first line), the body, and the footnotes
 * cited on it at its foot under a rule, each on the page of its first marker when it fits
 * there; or the footnotes after the paragraph citing them, as the text format has them.
 * Headings stay with the line after them. Lines are made by the one line breaker
 * (block_layout_on), so the kinsoku rules are the terminal's.
 *
 * Device-independent: nothing here draws. A paper owns its blocks; its lines point into them. */
#ifndef NDVR_PAPER_H
#define NDVR_PAPER_H

#include <stdbool.h>
#include <stddef.h>

#include "print/print_int.h"
#include "render/blocks.h"
#include "text/measure.h"

struct paper_spec {
    const struct measure *body;    /* body text */
    const struct measure *heading; /* headings (a bolder, larger font) */
    const struct measure *note;    /* footnotes (a smaller font) */
    int width;                     /* of the text area, in the devices' units */
    int height;                    /* of the body area (the header and footer are outside) */
    int line_height, note_height, heading_height;
    int gap;          /* before a block that follows a blank line */
    int rule;         /* the rule above the footnotes, with its space */
    bool footnotes;   /* show them at all */
    bool notes_after; /* after the paragraph citing them, not at the page foot */
};

struct paper_line {
    const struct block *block; /* borrowed from the paper */
    struct block_line line;
    int y; /* of its top, from the top of the body area */
    int height;
    bool note;           /* one of the page-foot footnotes */
    bool first_of_note;  /* the first line of a page-foot footnote */
    bool first_of_block; /* the block's first line (a heading's: its place) */
};

struct paper_page {
    struct paper_line *lines; /* body lines top down, then the footnotes' */
    size_t n, cap;
    char *header;  /* owned: "A/74/90  三. 确定可能的共同点" */
    int notes_top; /* y of the rule above the footnotes; -1 without */
};

struct paper {
    struct print_parts parts; /* owned: the body's blocks */
    struct block_list notes;  /* owned: page-foot footnotes' blocks */
    struct paper_page *pages;
    size_t npages, cap;
};

/* Lays the selection out. Never fails: an empty selection gives one empty page. */
void paper_layout(const struct print_selection *s, const struct paper_spec *spec,
                  struct paper *out);
void paper_free(struct paper *p);

#endif
