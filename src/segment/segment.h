/* The segmenter: source text -> report tree (JSON, see man/ndvr-tree.5).
 *
 * seg_source_init() normalises the source and splits it into lines (normalize.c). segment_run()
 * refuses a source no tree may hold, picks the layout (a converted document such as
 * A/74/90, or a raw PDF extraction such as A/72/304), lets that layout's rules build the
 * document node, then runs the passes every layout shares: references found in text,
 * canonical key order, the country list. Layout code builds nodes with the seg_* helpers
 * below and never prints. */
#ifndef NDVR_SEGMENT_H
#define NDVR_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "segment/facts.h"
#include "util/diag.h"
#include "util/strbuf.h"

/* One printed line of the source, normalised (see seg_source_init), without its '\n'. */
struct seg_line {
    const char *s;  /* points into the normalised text */
    size_t n;       /* bytes, trailing whitespace left out */
    int lineno;     /* 1-based */
    bool blank_end; /* the line ended in whitespace (a line of whitespace only, too) beyond
                       what every line with text ends in */
};

struct seg_source {
    const char *name; /* file name used in diagnostics and in the tree's "source" */
    const char *text; /* the whole source as read (borrowed) */
    size_t nbytes;
    char *norm;             /* the normalised text the lines point into (owned) */
    struct seg_line *lines; /* owned */
    size_t nlines;
};

struct seg_ctx {
    const struct facts *facts;
    const struct seg_source *src;
    const char *symbol; /* "A/74/90" */
    struct diag *diag;  /* where a layout reports why it failed */
};

enum seg_layout { SEG_LAYOUT_REPORT, SEG_LAYOUT_PDF };

/* Refuses what no report tree may hold: invalid UTF-8 and control characters other than tab
 * and line ends. Fills d with `name:line:col: what` (col in bytes) and returns false. */
bool seg_source_check(const char *name, const char *text, size_t nbytes, struct diag *d);
/* Normalises text and splits it into lines (text must outlive src): no BOM (U+FEFF is dropped
 * wherever it is), LF line ends (CRLF and CR too), Unicode NFC, trailing whitespace (ASCII
 * space, tab, U+3000) off every line and noted in blank_end. Line numbers are the source's.
 * See ndvr-segment(1), NORMALISATION. */
void seg_source_init(struct seg_source *src, const char *name, const char *text, size_t nbytes);
void seg_source_fini(struct seg_source *src);

/* A converted document has paragraphs on single lines; a PDF extraction has every printed
 * line on its own line with blank lines between, most of them near one full width. */
enum seg_layout seg_detect_layout(const struct seg_source *src);

/* Runs the whole segmenter: checks the source (seg_source_check), then segments it. Returns
 * the top-level JSON object (caller frees with cJSON_Delete), or NULL with ctx->diag filled. */
cJSON *segment_run(struct seg_ctx *ctx);

/* The layouts. Each returns the document node, or NULL with ctx->diag filled. */
cJSON *seg_layout_report(struct seg_ctx *ctx);
cJSON *seg_layout_pdf(struct seg_ctx *ctx);

/* --- Node building ------------------------------------------------------------------- */

/* A new node object with "address", "kind" and "line". */
cJSON *seg_node_new(const char *address, const char *kind, int line);
/* Sets a string member; a NULL or empty value sets nothing. */
void seg_set_str(cJSON *node, const char *key, const char *value);
void seg_set_strn(cJSON *node, const char *key, const char *value, size_t nbytes);
void seg_set_int(cJSON *node, const char *key, long value);
void seg_set_bool(cJSON *node, const char *key, bool value);
/* Appends child to node's "children" (created on first use); takes ownership of child. */
void seg_add_child(cJSON *node, cJSON *child);
/* Appends a reference. at < 0 means the reference is not made in the node's text. */
void seg_add_ref(cJSON *node, const char *to, const char *kind, bool external, long at, long len);
/* Appends a reference made in the node's title (a heading's): at/len are bytes of the title,
 * and the reference says "in": "title" (ndvr-tree(5)). */
void seg_add_title_ref(cJSON *node, const char *to, const char *kind, bool external, long at,
                       long len);
/* The string member key of obj, or NULL when it has none (or not a string). */
const char *seg_str(const cJSON *obj, const char *key);
/* Whether node's "kind" is kind. */
bool seg_is_kind(const cJSON *node, const char *kind);
/* The node's "text" ("" when absent). */
const char *seg_text(const cJSON *node);

/* --- Text helpers --------------------------------------------------------------------- */

/* True for characters of East Asian width W or F (ideographs, fullwidth punctuation). */
bool seg_is_wide(unsigned cp);
/* The first / last code point of s[0..n) (0 when empty). */
unsigned seg_first_cp(const char *s, size_t n);
unsigned seg_last_cp(const char *s, size_t n);
/* Display width of s[0..n) in columns (wide = 2, others 1). */
int seg_width(const char *s, size_t n);
/* s[0..n) without leading and trailing spaces (ASCII space, tab, U+3000); sets *n. */
const char *seg_trim(const char *s, size_t *n);
/* Appends one printed line to a paragraph being joined: trims it, and puts a space between
 * the two pieces only when neither side of the join is a wide character. */
void seg_join(struct strbuf *para, const char *s, size_t n);
/* True when s[0..n) starts with the UTF-8 string prefix. */
bool seg_starts_with(const char *s, size_t n, const char *prefix);
/* The value of a CJK numeral 一..十 (and 十一..九十九) at s, with its byte length in *len;
 * 0 when s does not start with one. */
int seg_cjk_numeral(const char *s, size_t n, size_t *len);

/* --- Shared passes (run by segment_run after the layout) ----------------------------- */

/* What a UN symbol names. */
enum seg_symbol_kind { SEG_SYMBOL_DOCUMENT, SEG_SYMBOL_RESOLUTION, SEG_SYMBOL_PAPER };

/* The length of the UN document symbol s starts with (A/74/90, A/RES/71/67, A/S-10/4,
 * CD/1299, NPT/CONF.2015/PC.III/WP.49, GE-NDV/2018/12 ...), 0 when none; its kind by its
 * shape in *kind (a paper only by a WP. part). The caller checks what comes before s. */
size_t seg_match_symbol(const char *s, size_t n, enum seg_symbol_kind *kind);

/* Adds references found in the text of every node under doc: UN symbols, General Assembly
 * resolutions (NN/NNN followed by 号), country names, listed experts named whole, and the
 * document's own annexes, parts, sections and paragraphs (textrefs.h); then 同上 footnotes'
 * references to the footnote before. Headings' and other printed titles are scanned for
 * symbols and resolutions ("in": "title"). A symbol the document lists as a working paper is
 * a reference to that paper; one of the same series (GE-NDV/...) that the list lacks is an
 * error (a typo on one side). Returns false with ctx->diag filled on an error. */
bool seg_scan_refs(cJSON *doc, const struct seg_ctx *ctx);
/* Orders each node's members canonically and its refs by position: those made nowhere in the
 * node first, then those in its title, then those in its text. */
void seg_canonicalize(cJSON *node);
/* The "countries" array: every country the tree names, sorted by code. */
cJSON *seg_countries(const cJSON *document, const struct seg_ctx *ctx);
/* The "externals" array: a node for every document the tree cites from outside the corpus,
 * sorted by symbol (relate.c). */
cJSON *seg_externals(const cJSON *document);
/* Adds "related" to every working paper related to another (relate.c says why). */
void seg_relate_papers(cJSON *document, const struct seg_ctx *ctx);

#endif
