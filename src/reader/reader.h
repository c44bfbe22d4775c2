/* The reading model: what the reader reads, where, and what it has selected, without a
 * terminal. It holds the corpus (borrowed), the layout cache, the text's width and height,
 * the position and its history, the search, the selected link, the footnote followed into the
 * context pane, and the tags and range to print. Every command that moves the reading place
 * is a function of it, so all of that is unit-tested without a pseudo-terminal
 * (tests/unit/test_reader.c); panes only draw what it says.
 *
 * Ownership: a struct reader borrows its corpus and state (both outlive it) and owns the rest.
 * A laid_node it hands out is valid until the next call that lays out another node (the cache
 * may drop entries then): hold one at a time. Nothing here prints or draws. */
#ifndef NDVR_READER_H
#define NDVR_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "print/print.h"
#include "render/layout_cache.h"
#include "search/search.h"
#include "util/diag.h"

struct state;

/* A place in a document: the node at the top of the text and the row of it at the top. */
struct position {
    const struct node *root; /* the document being read */
    size_t index;            /* node at the top: corpus_subtree(root)[index] */
    int row;                 /* rows of that node scrolled past */
};

/* A place in the history: exact at the width it was recorded at, the same line at another. */
struct history_entry {
    struct position pos;
    int width;     /* of the text then */
    size_t offset; /* the byte at the top then (reader_offset), or READER_OFFSET_NONE */
};

/* The browser-like history of places, with exact positions. */
struct history {
    struct history_entry *v;
    size_t n, cap;
    size_t cur; /* v[cur] is where the reader is; back goes to cur - 1 */
};

/* The current search: every hit in the corpus, in document order. */
struct reader_search {
    char query[512];
    struct search_hits hits;
    size_t current; /* index of the current hit, or hits.n when none */
    bool active;    /* a query is in effect (n, N and R use it) */
    bool highlight; /* its matches are drawn highlighted (search-clear turns it off) */
};

struct reader {
    const struct corpus *corpus; /* borrowed */
    struct state *state;         /* borrowed, may be NULL: where places are remembered */
    struct layout_cache *cache;  /* owned: the text's layouts per (node, width) */
    struct search_index *index;  /* owned, built on the first search */
    int width, rows;             /* of the text; 1 until reader_resize */
    struct position pos;
    struct history history;
    bool offset_pending;   /* pos.row must be found from pending_offset once the */
    size_t pending_offset; /* text has a width (start-up) */
    /* The byte a resize (or a stored place) put at the top, kept while the reader stays there:
     * a run of resizes starts each from it, not from its line's start, so it does not creep. */
    bool anchored;
    struct position anchor_pos;
    size_t anchor_offset;
    struct reader_search search;
    struct link_pick link;        /* the selected link of the text */
    const struct node *note;      /* the footnote followed into the context pane, or NULL */
    const struct node *note_from; /* the node whose marker was followed */
    bool *tagged;                 /* by node order: tagged for printing (NULL: none yet) */
    size_t ntagged;
    bool range_active; /* a range starts at range_node, byte range_offset */
    const struct node *range_node;
    size_t range_offset;
};

/* Where the reader is in a node's text when its top row shows none: the blank line or heading
 * above it, a card's further fields below it, a node without text. */
#define READER_OFFSET_NONE ((size_t)-1)

void reader_init(struct reader *rd, const struct corpus *corpus, struct state *state);
void reader_fini(struct reader *rd);

/* The text's size. A new width keeps the same line at the top: its row changes, not its text. */
void reader_resize(struct reader *rd, int width, int rows);

/* --- Where the reader is ------------------------------------------------------------------ */

/* The nodes of the document being read, in document order. */
struct node *const *reader_nodes(const struct reader *rd, size_t *count);
/* The node at the top of the text. */
const struct node *reader_top(const struct reader *rd);
/* node laid out at the text's width. */
const struct laid_node *reader_layout(struct reader *rd, const struct node *node);
/* The first row of node that is not the blank line before it: where going to node starts. */
int reader_first_row(struct reader *rd, const struct node *node);
/* Orders places: <0, 0, >0 as a comes before, at, after (order, row) of b. */
int reader_compare(size_t order_a, int row_a, size_t order_b, int row_b);

/* --- Moving -------------------------------------------------------------------------------- */

/* Scrolls by n rows (negative: up), stopping at the document's ends; returns rows moved. */
int reader_scroll(struct reader *rd, int n);
/* The start of the document; its end, with a screenful of it showing. */
void reader_to_start(struct reader *rd);
void reader_to_end(struct reader *rd);
/* Puts node's first row at the top; with remember, the old place (exactly) and the new one
 * go on the history, and the node on the state's history. */
void reader_goto(struct reader *rd, const struct node *node, bool remember);
/* The same, with row `row` of node at the top. */
void reader_goto_row(struct reader *rd, const struct node *node, int row, bool remember);
/* Back and forward in the history; false when there is nowhere to go. */
bool reader_back(struct reader *rd);
bool reader_forward(struct reader *rd);
/* Appends node's start to the history without going there (places of earlier sessions). */
void reader_history_add(struct reader *rd, const struct node *node);
/* Records the place being read as the newest history entry (after a search moved there). */
void reader_remember(struct reader *rd, const struct position *came_from);

enum reader_unit { READER_PARAGRAPH, READER_SECTION };
/* The next (dir > 0) or previous paragraph or section of the document at the top; back to the
 * start of the one at the top first. False when there is none. */
bool reader_jump(struct reader *rd, int dir, enum reader_unit unit);
/* Whether a node counts as a paragraph or a section for reader_jump. */
bool reader_is_paragraph(const struct node *n);
bool reader_is_section(const struct node *n);

/* --- Stored places: address + byte offset into the node's own text ------------------------- */

/* The byte of the top node's text shown on the top row (a label's own line shows the text's
 * first), else READER_OFFSET_NONE. */
size_t reader_offset(struct reader *rd);
/* The row of node that shows byte `offset` of its text (its last row past the end; the
 * label's line for the text's first byte, when the label has a line of its own). */
int reader_row_for_offset(struct reader *rd, const struct node *node, size_t offset);
/* Goes to a stored place; false when the address is not in the corpus (or not in a document). */
bool reader_goto_stored(struct reader *rd, const char *address, size_t offset, bool remember);
/* Records the place being read as the last one of its document, in the state. */
void reader_save_place(struct reader *rd);

/* --- What the status line and a citation say ------------------------------------------------ */

/* "A/74/90 › 三 › B › ¶38 · 82%". */
void reader_breadcrumb(const struct reader *rd, char *buf, size_t size);
/* "A/74/90, para. 23"; "A/72/304 (挪威), para. 3"; "A/74/90 (附件一), para. 7";
 * "A/74/90, footnote 4". An item is cited by its paragraph. */
void reader_citation(const struct node *n, char *buf, size_t size);

/* --- What is on screen (reader_screen.c) --------------------------------------------------- */

/* One row of the text: a line of a block, or a blank row (line NULL). */
struct reader_row {
    int y; /* 0 .. rows-1 */
    const struct node *node;
    int node_row;                  /* the row of node's layout it is */
    const struct block *block;     /* NULL for a blank row */
    const struct block_line *line; /* NULL for a blank row */
};

/* Calls fn for every row on screen, top to bottom. The pointers are valid during the call. */
void reader_each_row(struct reader *rd, void (*fn)(void *arg, const struct reader_row *row),
                     void *arg);

/* A link on screen, where its first line shows it. */
struct reader_link {
    const struct node *node;
    struct ref ref; /* a copy (a card's own references live only as long as its layout) */
    int y, x0, x1;  /* text coordinates: row, first and last-plus-one column */
};

/* The links on screen, top to bottom, left to right (*links: caller frees). */
size_t reader_links(struct reader *rd, struct reader_link **links);
/* The nodes with a row on screen, in order (*nodes: caller frees). */
size_t reader_shown(struct reader *rd, const struct node ***nodes);
/* Selects the next (dir > 0) or previous link on screen, wrapping; false when there is none. */
bool reader_link_step(struct reader *rd, int dir);
/* Selects a link (ref NULL: none); the selected one, or NULL. */
void reader_select_link(struct reader *rd, const struct node *node, const struct ref *ref);
const struct ref *reader_link(const struct reader *rd);
/* Whether (node, row) is on screen. */
bool reader_on_screen(struct reader *rd, const struct node *node, int row);
/* The footnote followed into the context pane, while the node citing it is on screen; it is
 * forgotten once the reading place leaves that node. */
const struct node *reader_note(struct reader *rd);
void reader_set_note(struct reader *rd, const struct node *note, const struct node *from);

/* --- Search (reader_search.c) --------------------------------------------------------------- */

enum reader_found { READER_FOUND, READER_NOT_FOUND, READER_SEARCH_ERROR };

/* Runs query over the corpus, highlights its matches and goes to the first at or after `from`
 * (before it, backward), wrapping around the corpus; a match already on screen moves nothing.
 * From `from` each time, so that typing it incrementally starts over where the search began.
 * An empty query forgets the search. READER_SEARCH_ERROR fills d. */
enum reader_found reader_search(struct reader *rd, const char *query, bool backward,
                                const struct position *from, struct diag *d);
/* The next (dir > 0) or previous match from where the reader is: after the current match when
 * it is on screen, else after the top of the screen. Sets *wrapped when it went around the
 * corpus. False when there is no search. */
bool reader_search_step(struct reader *rd, int dir, bool *wrapped);
/* Makes hit i the current match and goes to it (as reader_search_step does). */
void reader_search_show(struct reader *rd, size_t i);
/* Stops highlighting (n turns it on again). */
void reader_search_clear(struct reader *rd);
/* The hits in node: *first gets the index of the first; returns how many. */
size_t reader_hits_in(const struct reader *rd, const struct node *node, size_t *first);
/* The row of its node where a hit shows. */
int reader_hit_row(struct reader *rd, const struct search_hit *hit);

/* --- What to print (reader_select.c) -------------------------------------------------------- */

/* Tags node (with subtree, everything inside it too) for printing, or untags it. */
void reader_tag(struct reader *rd, const struct node *node, bool subtree);
/* Tags node (with subtree, everything inside it) when on, else untags it. */
void reader_tag_set(struct reader *rd, const struct node *node, bool subtree, bool on);
/* Whether node is tagged. */
bool reader_is_tagged(const struct reader *rd, const struct node *node);
/* Forgets every tag and the range. */
void reader_untag_all(struct reader *rd);
/* Starts a range at the top line, or drops it; true when a range is now active. */
bool reader_range_toggle(struct reader *rd);
/* The outline-level node a place belongs to: its section, chapter, response... */
const struct node *reader_section_of(const struct node *n);
/* The selection: the tagged nodes, else the range, else the section being read. The caller
 * frees it with print_select_free. */
void reader_selection(struct reader *rd, struct print_selection *sel);

#endif
