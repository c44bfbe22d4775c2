/* References the words of a document make besides UN symbols, resolutions and country names,
 * which the reference scan of segment.c finds: references to the document's own parts
 * (internal_refs.c: annexes, parts and chapters, sections, paragraphs, 同上) and to its listed
 * experts by name (expert_names.c). The rules are in ndvr-segment(1), REFERENCES.
 *
 * Each matcher looks at one position of a node's text while the scan walks it from the start,
 * adds what it finds to the node's "refs" and returns how many bytes it read (0: nothing
 * there). References the scan made earlier in the text are visible to it: that is how a clause
 * that names another document is told (internal_refs.c). */
#ifndef NDVR_SEGMENT_TEXTREFS_H
#define NDVR_SEGMENT_TEXTREFS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "segment/facts.h"

/* A node's text being scanned, and where the node stands in its document. All borrowed. */
struct seg_text_site {
    cJSON *node;         /* the references go here */
    const cJSON *doc;    /* the document node: targets must exist in it */
    const char *chapter; /* the address of the chapter the node is in, or NULL */
    const char *s;       /* the node's text */
    size_t n;            /* its length in bytes */
};

/* --- internal_refs.c ------------------------------------------------------------------- */

/* A reference at s[i] to an annex (附件一), a part or chapter (第二部分, 第二、第三和第四部分,
 * 第二章), a section (第二部分 B 节, B 节) or a numbered paragraph (上文第 23 段) of the
 * document itself, when the document has that node and the clause before it names no other
 * document. */
size_t seg_match_internal(const struct seg_text_site *site, size_t i);
/* Adds an "ibid" reference to every footnote whose text starts with 同上 ("ibid."): to the
 * footnote before it in the document. */
void seg_add_ibid_refs(cJSON *doc);
/* The node of doc (doc included) with this address, or NULL. */
const cJSON *seg_find_node(const cJSON *doc, const char *address);

/* --- expert_names.c --------------------------------------------------------------------- */

/* The names the document's listed experts go by in running text (opaque). */
struct seg_experts;

/* The experts listed in doc with their whole names: as listed, and the facts aliases that are
 * whole names too (given name and surname). The caller frees it with seg_experts_free(). */
struct seg_experts *seg_experts_new(const cJSON *doc, const struct facts *facts);
void seg_experts_free(struct seg_experts *experts);
/* A listed expert's whole name at s[i]: an "expert" reference, unless the node has one
 * there already (a footnote's submitter). */
size_t seg_match_expert(const struct seg_experts *experts, const struct seg_text_site *site,
                        size_t i);
/* Gives every expert node of doc an "aliases" array: the names facts.txt gives the expert
 * (`expert ALIAS = NAME`), in the file's order; none when it gives none. */
void seg_add_expert_aliases(cJSON *doc, const struct facts *facts);

#endif
