/* The corpus: the report trees of man/ndvr-tree.5 in memory, read-only once loaded.
 *
 * Ownership: a struct corpus owns everything reachable from it. Nodes, their arrays and all
 * strings live in the corpus's arena, or in the corpus image it was mapped from
 * (corpus_image.h), which corpus_free() unmaps; every `const char *` and `struct node *`
 * handed out stays valid until corpus_free(). Nothing here knows JSON or curses:
 * corpus_load.h fills a corpus, the builder functions at the end of this header are for it
 * and for corpus_image.c alone. A mapped corpus is read-only in memory too.
 *
 * Strings are sanitised at load (text/sanitize.h): valid UTF-8 with no control character but
 * '\n' and '\t', no bidi control, nothing a terminal cannot measure. Optional
 * strings are NULL when absent, except `text`, which is "" when absent. Byte counts and
 * offsets are size_t. */
#ifndef NDVR_CORPUS_H
#define NDVR_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

enum node_kind {
    NODE_DOCUMENT,
    NODE_FRONT_MATTER,
    NODE_CHAPTER,
    NODE_SECTION,
    NODE_PARAGRAPH,
    NODE_ITEM,
    NODE_HEADING,
    NODE_FOOTNOTE,
    NODE_ANNEX,
    NODE_EXPERT_LIST,
    NODE_EXPERT,
    NODE_WORKING_PAPER_LIST,
    NODE_WORKING_PAPER,
    NODE_RESPONSE,
    NODE_COUNTRY,
    NODE_EXTERNAL, /* a UN document cited but not in the corpus */
    NODE_KIND_COUNT
};

enum ref_kind {
    REF_FOOTNOTE,
    REF_DOCUMENT,
    REF_RESOLUTION,
    REF_WORKING_PAPER,
    REF_COUNTRY,
    REF_EXPERT,
    /* References inside a document, made by its words ("载于附件一"): */
    REF_ANNEX,
    REF_CHAPTER, /* also a "part" (第二部分) */
    REF_SECTION,
    REF_PARAGRAPH,
    REF_IBID, /* 同上: the footnote whose source this one repeats */
    REF_KIND_COUNT
};

struct node;

/* One outgoing reference of a node. */
struct ref {
    const char *to; /* an address in the corpus, or a UN symbol outside it */
    enum ref_kind kind;
    bool external;       /* true when the target is not in the corpus */
    bool in_text;        /* at/len are set: the reference is made by text[at, at+len) */
    bool in_title;       /* at/len are set, in the node's title (a heading's words) */
    size_t at, len;      /* byte offset and length in the node's text (or title) */
    struct node *target; /* the node `to` names, or NULL (external, or document not loaded) */
};

/* A list of nodes in document order; the array lives in the arena. */
struct node_list {
    struct node **v;
    size_t n;
};

struct node_document {
    const char *symbol; /* "A/74/90" */
};

struct node_expert {
    const char *name;     /* as printed */
    const char **aliases; /* the other names facts.txt gives the expert (克努特·朗厄兰,
                           * 中根), for people who type them */
    size_t naliases;
    const char *country; /* as printed */
    const char *iso3;
    int *sessions; /* session numbers attended (1..3) */
    size_t nsessions;
    const char *sessions_note; /* "(第一和第二届会议)" */
    const char *role;
    bool alternate; /* 候补专家 */
    /* Derived at load: the country node of iso3, or NULL. Kept on the expert, as a
     * submitter keeps its expert, so that whoever holds only the node (an expert's card)
     * can lead to the country without the corpus. */
    struct node *country_node;
};

struct submitter {
    const char *name; /* as the footnote prints it */
    const char *honorific;
    const char *country;
    const char *iso3;
    const char *expert_address; /* NULL when the submitter is not a listed expert */
    struct node *expert;        /* the expert node, or NULL (absent or not loaded) */
    const char *footnote;       /* the address of the footnote that names the submitter */
};

enum relation_kind {
    RELATION_SAME_SUBMITTER,    /* an expert (or person) submitted both */
    RELATION_CITED_TOGETHER,    /* one footnote cites both */
    RELATION_SAME_TITLE,        /* the titles read the same, punctuation aside */
    RELATION_OVERLAPPING_TITLE, /* the titles share words beyond the group's subject */
    RELATION_KIND_COUNT
};

/* A working paper's relation to another paper, with its reason. */
struct relation {
    const char *to; /* the other paper's address */
    enum relation_kind kind;
    const char *via;       /* the reason's evidence: the expert's address or the
                            * submitter's name, the footnote's address, the shared words */
    struct node *target;   /* derived: the other paper, or NULL when not loaded */
    struct node *via_node; /* derived: the node `via` names (expert, footnote), or NULL */
};

struct node_working_paper {
    const char *symbol; /* "GE-NDV/2018/12" */
    struct submitter *submitters;
    size_t nsubmitters;
    bool cited;                 /* false when no footnote of the report cites the paper */
    struct relation *relations; /* in the file's order: by kind, then by the other paper */
    size_t nrelations;
};

/* A document cited by the corpus but not in it ("A/RES/71/67"); its places are cited_by. */
struct node_external {
    const char *symbol;
    enum ref_kind document_kind; /* REF_RESOLUTION or REF_DOCUMENT */
};

struct node_working_paper_list {
    const char **columns; /* the printed column headings */
    size_t ncolumns;
};

struct node_response {
    const char *country;   /* as printed */
    const char *iso3;      /* "EU" for the European Union */
    const char *language;  /* as printed in [原件：…] */
    const char *date;      /* ISO 8601 */
    const char *date_text; /* as printed */
};

struct node_country {
    const char *iso3;
    const char *name;
    const char *english;  /* the UN's English short name, or NULL */
    const char **aliases; /* other names, Chinese and English, for people who type them */
    size_t naliases;
    /* Derived at load from every loaded document, in document order: */
    struct node_list experts;        /* experts whose iso3 is this country */
    struct node_list working_papers; /* papers with a submitter from this country */
    struct node_list responses;      /* responses whose iso3 is this country */
};

struct node {
    const char *address; /* unique in the corpus */
    enum node_kind kind;
    const char *label;      /* numbering as printed ("二", "B", "7", "¹"), or NULL */
    int number;             /* a paragraph's or footnote's number, or -1 */
    const char *title;      /* or NULL */
    const char *text;       /* own text without the children's; "" when none */
    size_t text_len;        /* bytes */
    int line;               /* 1-based source line where the node begins, 0 if unknown */
    struct node *parent;    /* NULL for documents and countries */
    struct node *document;  /* the document the node is in; NULL for countries */
    struct node **children; /* in document order */
    size_t nchildren;
    struct ref *refs; /* in text order */
    size_t nrefs;
    struct node_list cited_by; /* derived: nodes with a ref whose target is this node */
    size_t order;              /* position in corpus_nodes() */
    size_t subtree_end;        /* order of the first node after this node's subtree */
    union {                    /* by kind; zero for the other kinds */
        struct node_document document;
        struct node_expert expert;
        struct node_working_paper paper;
        struct node_working_paper_list paper_list;
        struct node_response response;
        struct node_country country;
        struct node_external external;
    } u;
};

struct corpus;

/* "working-paper-list" for NODE_WORKING_PAPER_LIST; "?" for values out of range. */
const char *node_kind_name(enum node_kind kind);
/* Sets *kind from its name; false when the name is not a kind (case matters). */
bool node_kind_parse(const char *name, enum node_kind *kind);
const char *ref_kind_name(enum ref_kind kind);
bool ref_kind_parse(const char *name, enum ref_kind *kind);
/* "same-submitter", "cited-together", "same-title", "overlapping-title". */
const char *relation_kind_name(enum relation_kind kind);
bool relation_kind_parse(const char *name, enum relation_kind *kind);

/* What a list shows for a node: its title, else an expert's name, a response's or country's
 * name; "" for nodes that have none (paragraphs, items, footnotes). Never NULL. */
const char *node_display_title(const struct node *node);

/* The node with this address, or NULL. O(1). */
struct node *corpus_find(const struct corpus *corpus, const char *address);
/* The documents in load order (sorted file names); *count gets their number. */
struct node *const *corpus_documents(const struct corpus *corpus, size_t *count);
/* The country nodes (merged across files), sorted by address. */
struct node *const *corpus_countries(const struct corpus *corpus, size_t *count);
/* The external documents (merged across files; none whose symbol is a loaded document),
 * sorted by address. */
struct node *const *corpus_externals(const struct corpus *corpus, size_t *count);
/* Every node in document order: each document's tree depth-first in load order, then the
 * countries, then the external documents. node->order indexes this array. */
struct node *const *corpus_nodes(const struct corpus *corpus, size_t *count);
/* The node followed by all its descendants, in document order (a slice of corpus_nodes()). */
struct node *const *corpus_subtree(const struct corpus *corpus, const struct node *node,
                                   size_t *count);
/* Up to max nodes whose address, or name, is nearest to `address` (ASCII case-insensitive
 * edit distance, then longest shared prefix, then document order) into out; returns how many.
 * The names are a country's (Chinese and English, aliases too) and an expert's (whole, its
 * last words, aliases too). What is too far off to be a typo is not suggested: the answer may
 * be 0. */
size_t corpus_suggest(const struct corpus *corpus, const char *address, const struct node **out,
                      size_t max);
/* Whether the corpus was mapped from an image (corpus_image.h) rather than loaded. */
bool corpus_is_mapped(const struct corpus *corpus);
/* The bytes a corpus image carries for another module besides the corpus (the search keys,
 * search.h), read-only, valid until corpus_free(); NULL (*nbytes 0) for a corpus loaded from
 * the JSON or an image that carries none. */
const void *corpus_attachment(const struct corpus *corpus, size_t *nbytes);
/* Frees the corpus and everything in it; NULL is a no-op. */
void corpus_free(struct corpus *corpus);

/* --- Building: for corpus_load.c and corpus_image*.c only ---------------------------- */

struct corpus *corpus_new(void);
/* nbytes of zeroed memory in the corpus's arena, aligned for any type. */
void *corpus_alloc(struct corpus *corpus, size_t nbytes);
/* Copies of s (NUL-terminated) and of s[0..nbytes), in the arena. */
const char *corpus_strdup(struct corpus *corpus, const char *s);
const char *corpus_strndup(struct corpus *corpus, const char *s, size_t nbytes);
/* A zeroed node in the arena with number -1 and text "". */
struct node *corpus_node_new(struct corpus *corpus, enum node_kind kind);
/* Indexes node under node->address. Returns NULL, or the node already indexed under that
 * address (then nothing changes). */
struct node *corpus_index_node(struct corpus *corpus, struct node *node);
/* Puts node in the index in place of the node indexed under its address (a document
 * taking the place of an external document of the same symbol). */
void corpus_reindex_node(struct corpus *corpus, struct node *node);
/* Appends a document root / a country node (both must be indexed already). */
void corpus_add_document(struct corpus *corpus, struct node *document);
void corpus_add_country(struct corpus *corpus, struct node *country);
/* Appends an external document, not yet indexed: corpus_link() indexes it unless a node
 * already has its address (a loaded document, or the same symbol listed by another file). */
void corpus_add_external(struct corpus *corpus, struct node *external);
/* Derives what the files do not hold: the external documents' index entries, the
 * document-order index, parents' documents, ref and relation targets, cited_by, submitters'
 * experts, experts' countries and the countries' lists. Call once, after all nodes are
 * added. */
void corpus_link(struct corpus *corpus);
/* The address index as it is: nslots entries, each a node or NULL, nindexed of them nodes. */
struct node *const *corpus_index_slots(const struct corpus *corpus, size_t *nslots,
                                       size_t *nindexed);

/* A corpus whose nodes live in a mapped image (corpus_image.h), relocated and checked. */
struct corpus_mapping {
    void *map; /* from mmap(); corpus_free() unmaps it */
    size_t map_nbytes;
    struct node *nodes; /* nnodes nodes in document order, linked (node->order == index) */
    size_t nnodes;
    struct node **slots; /* the address index as corpus_index_slots() gave it, in the map */
    size_t nslots, nindexed;
    const void *attachment; /* corpus_attachment(), in the map */
    size_t attachment_nbytes;
};

/* Takes ownership of m->map. The lists of documents, countries and external documents are
 * the roots of those kinds in document order. */
struct corpus *corpus_new_mapped(const struct corpus_mapping *m);

#endif
