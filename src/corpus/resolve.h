/* Addresses as people type them: the one resolver the command line and the reader share.
 *
 * Besides the exact addresses of man/ndvr-tree.5, a typed address may be written
 *   - in any letter case and in full-width forms (folded NFKC-like and case-insensitively,
 *     accents dropped): a/74/90#P10, ｇｅ－ｎｄｖ／２０１８／１２;
 *   - as a country's code or any of its names, Chinese or English: nor, 挪威, Norway,
 *     the United Kingdom, UK;
 *   - as an expert's name, or its last words: Knut Langeland, langeland, 王昶; or one of its
 *     aliases: 克努特·朗厄兰, 中根;
 *   - as a citation the reader copies, in English or Chinese: A/74/90, para. 23;
 *     A/72/304 (挪威), para. 3; A/74/90 (附件一), para. 7; A/74/90, footnote 4;
 *     A/74/90，第23段; A/74/90 第23段; A/74/90, paras. 23-30;
 *   - as a range, first and last in one document: A/74/90#p23..p30, A/74/90#p23-30,
 *     A/74/90#p23..A/74/90#p30, GE-NDV/2018/4..8.
 * Knows the corpus model only; nothing here prints. */
#ifndef NDVR_RESOLVE_H
#define NDVR_RESOLVE_H

#include <stddef.h>

#include "corpus/corpus.h"

#define RESOLVE_NEAR_MAX 3

enum resolve_status {
    RESOLVE_OK,
    RESOLVE_UNKNOWN,   /* names nothing in the corpus */
    RESOLVE_AMBIGUOUS, /* a name that several nodes share */
    RESOLVE_BAD_RANGE, /* a range across documents, or where one node is wanted */
};

/* What a typed address names. Borrows the corpus's nodes. */
struct resolved {
    enum resolve_status status;
    /* RESOLVE_OK: one node (first == last), or a range's ends, first before last in
     * document order, both in one document. */
    const struct node *first, *last;
    /* Otherwise: one line saying what is wrong ("no such address: A/74/90#p99"), quoting at
     * most 80 bytes of what was typed, and the nodes that may have been meant, best first. */
    char why[256];
    const struct node *near[RESOLVE_NEAR_MAX];
    size_t nnear;
};

/* Resolves text, a range included. */
void resolve(const struct corpus *corpus, const char *text, struct resolved *out);
/* The same where one node is wanted: a range is RESOLVE_BAD_RANGE (its first node near). */
void resolve_one(const struct corpus *corpus, const char *text, struct resolved *out);
/* Walks what a RESOLVE_OK result covers in document order: the nodes from first to the end of
 * last's subtree whose whole subtree is inside, each without its descendants (a chapter the
 * range only enters is left out, its paragraphs in the range are not). Pass prev NULL for the
 * first; NULL at the end. For one node, that node alone. */
const struct node *resolve_next(const struct corpus *corpus, const struct resolved *r,
                                const struct node *prev);

#endif
