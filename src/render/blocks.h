/* Rendering a node for reading: the node and its subtree become blocks (a heading, a numbered
 * paragraph, a list item, a footnote, a field of a card), each laid out by the one line
 * breaker. `ndvr cat`, the reader's text pane and `print` all show these same blocks and lines;
 * only the device differs. Knows the corpus model, nothing of curses or JSON. */
#ifndef NDVR_BLOCKS_H
#define NDVR_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "text/wrap.h"

enum block_style {
    BLOCK_BODY,     /* running text */
    BLOCK_TITLE,    /* a document's title */
    BLOCK_HEADING,  /* chapter, section, annex, front matter, subheading, response country */
    BLOCK_META,     /* secondary lines: symbols, [原件：…], card field values that are lists */
    BLOCK_FOOTNOTE, /* a footnote shown after the paragraphs that cite it */
};

/* A reference made in a block's text: the span it covers and where it leads. */
struct block_link {
    struct wrap_span span; /* bytes of the block's display text */
    const struct ref *ref; /* borrowed from the corpus */
};

/* A chosen link, kept by value: the blocks that showed it may be laid out again, and their own
 * references with them, while the choice must stay. */
struct link_pick {
    bool set;
    const struct node *node; /* the node whose block shows the link */
    struct ref ref;          /* a copy; its strings and target belong to the corpus */
};

void link_pick_set(struct link_pick *pick, const struct node *node, const struct ref *ref);
void link_pick_clear(struct link_pick *pick);
/* Whether two references are the same link: the same words leading to the same place. */
bool ref_same(const struct ref *a, const struct ref *b);
/* Whether the link of node's block with reference ref is the one picked. */
bool link_pick_is(const struct link_pick *pick, const struct node *node, const struct ref *ref);

struct block {
    const struct node *node; /* the node shown (borrowed) */
    enum block_style style;
    int indent;     /* columns before the label */
    char *label;    /* owned, or NULL: "23.", "•", "(a)", "¹", "Role:" */
    int label_cols; /* columns of the label column: text hangs at indent+label_cols */
    char *text;     /* owned display text: markers as superscripts */
    size_t len;
    struct wrap_span *markers; /* owned: footnote markers in text */
    size_t nmarkers;
    struct block_link *links; /* owned: the node's in-text references, remapped, and links
                                 of the block's own (a card's fields); in text order */
    size_t nlinks;
    const struct ref *label_ref; /* the label is a link (an Annex II row's symbol), or NULL */
    struct ref **own_refs;       /* owned: the references the block's own links point to */
    size_t nown_refs;
    bool blank_before; /* an empty line separates it from the block before */
};

struct block_list {
    struct block *v;
    size_t n, cap;
};

struct render_opts {
    bool footnotes; /* show the footnotes a paragraph or heading block cites after it */
    bool own_only;  /* only the node's own blocks, not its children's, indented as in the
                       whole document: for reading a document node by node */
};

/* Appends the blocks showing node and its subtree to out. A footnote node is shown only when
 * it is `node` itself (inside a subtree, footnotes come after the paragraphs citing them).
 * An expert, a working paper or a country is shown as a card. */
void render_node(const struct node *node, const struct render_opts *opts, struct block_list *out);
void block_list_free(struct block_list *list);

/* One laid-out line of a block: bytes [start, end) of its text. */
struct block_line {
    size_t start, end;
    bool first;      /* carries the label (unless the label has a line of its own) */
    bool label_only; /* the label alone: too narrow a width to hang the text beside it */
    int hang;        /* columns before the text part (device units with block_layout_on) */
    int cols;        /* columns of the text part (device units with block_layout_on) */
};

/* Lays a block out at `width` columns; returns the number of lines and sets *lines (caller
 * frees). Every line fits in width: at narrow widths indents shrink and a label that leaves
 * the text too little room takes a line of its own. */
size_t block_layout(const struct block *b, int width, struct block_line **lines);
/* The same on any device: width, and the lines' hang and cols, are in the device's units;
 * the block's indent and label column (in columns) count m->unit each. */
size_t block_layout_on(const struct block *b, int width, const struct measure *m,
                       struct block_line **lines);
/* The printable line: indent, label (first line) or label-column padding, then the text
 * without its trailing spaces or '\n'. Returns a newly allocated string the caller frees. */
char *block_line_text(const struct block *b, const struct block_line *line);

/* --- Building blocks (for the renderers: blocks.c, cards.c) ----------------------------- */

/* Appends a zeroed block for node and returns it (valid until the next push). */
struct block *block_push(struct block_list *out, const struct node *node, enum block_style style,
                         int indent);
/* Sets the label (copied) and its column: at least min_cols, at least its width plus one. */
void block_set_label(struct block *b, const char *label, int min_cols);
/* Sets plain text (copied; NULL is ""), with no markers or links. */
void block_set_text(struct block *b, const char *text);

/* Makes text bytes [start, end) a link to target (a reference the block owns, of the kind
 * target's kind calls for: expert, working paper, country, footnote, else document). */
void block_link_node(struct block *b, size_t start, size_t end, const struct node *target);
/* The same, but the reference is always REF_DOCUMENT: it goes to target's place in the text
 * (an expert's entry in the list), where block_link_node would open target's card again. */
void block_link_place(struct block *b, size_t start, size_t end, const struct node *target);
/* Makes the label a link to target. */
void block_link_label(struct block *b, const struct node *target);

/* Where a line of the block's text may break (wrap_break_marks with the block's kept spans
 * and markers): for devices that break lines themselves. Caller frees. */
bool *block_break_marks(const struct block *b);

/* Where byte `orig` of the node's own text is in the block's display text (footnote digits
 * became superscripts, which are longer; a byte inside a marker moves to its start), and
 * back. Only the node's in-text references count. */
size_t block_display_offset(const struct block *b, size_t orig);
size_t block_original_offset(const struct block *b, size_t display);
/* The first of b's links that ends after display byte at (nlinks: none), by binary search:
 * links are in text order. */
size_t block_first_link_after(const struct block *b, size_t at);

/* A marker's display form: plain digits become superscript digits ("12" -> "¹²"). Returns a
 * newly allocated string the caller frees. */
char *render_superscript(const char *digits, size_t nbytes);

#endif
