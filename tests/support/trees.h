/* Report trees that tests write on the fly: one document, A/74/90, whose paragraph p1 is as
 * large as a test needs (the scale and fault tests). */
#ifndef NDVR_TEST_TREES_H
#define NDVR_TEST_TREES_H

#include <stdbool.h>
#include <stdio.h>

/* The tree up to the text of paragraph p1: what the caller writes next is that text, then the
 * rest of the tree (tree_close_paragraph(), or refs and more nodes of its own). */
void tree_open_paragraph(FILE *f);
/* The end of the tree after p1's text, when p1 has nothing more. */
void tree_close_paragraph(FILE *f);
/* Writes path: p1 is reps x ("核裁军核查" x 40 + " verification "), 614 bytes a rep, so
 * 40 x reps hits of 核查 and reps of "verification". False when the file cannot be written. */
bool tree_write_big_paragraph(const char *path, int reps);

#endif
