/* Inside src/print: the selection made into parts of blocks, which the text pages
 * (paginate.c) and the HTML file (html.c) both lay out, and the small text helpers they
 * share. Not for use outside src/print. */
#ifndef NDVR_PRINT_INT_H
#define NDVR_PRINT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "print/print.h"
#include "render/blocks.h"
#include "util/strbuf.h"

/* One part of the output: a selected node with its subtree, or the whole range. */
struct print_part {
    struct block_list blocks;
    const struct node *node; /* the node the part starts with (borrowed) */
    char *context;           /* the running header where it starts: "A/74/90  三. …" */
};

struct print_parts {
    struct print_part *v;
    size_t n;
};

/* Renders every part of the selection through render_node (footnotes after the paragraph
 * blocks citing them when `footnotes`). */
void print_parts_build(const struct print_selection *s, bool footnotes, struct print_parts *out);
void print_parts_free(struct print_parts *parts);

/* The running header of a heading block: its document's symbol, two spaces, its label and
 * text ("A/74/90  三. 确定可能的共同点"). Newly allocated, one line, unclipped. */
char *print_block_context(const struct block *b);
/* The symbol of the document node is in; a country's address; never NULL. */
const char *print_symbol(const struct node *node);

/* Appends s[0..n) with every control character removed (C0 but for tab and newline, DEL,
 * C1); tabs and newlines become spaces when `one_line`, else they are kept. */
void print_put_clean(struct strbuf *sb, const char *s, size_t n, bool one_line);
/* The longest prefix of s (whole characters) that fits in `width` columns; "…" ends it
 * when something was cut and `ellipsis` is set. Newly allocated. */
char *print_clip(const char *s, int width, bool ellipsis);

/* The two formats, from built parts and the first page's description. */
char *print_paginate(const struct print_parts *parts, const char *describe,
                     const struct print_opts *opts, size_t *nbytes);
char *print_html(const struct print_parts *parts, const char *describe,
                 const struct print_opts *opts, size_t *nbytes);

#endif
