/* What the loader checks of a working paper's relation once every file is in: that the
 * other paper says the same of this one, and that the reason holds of the two papers. */
#ifndef NDVR_RELATION_CHECK_H
#define NDVR_RELATION_CHECK_H

#include <stddef.h>

#include "corpus/corpus.h"

/* NULL when the relation holds (or its other paper is not loaded, or not a paper: those
 * are reported as unresolved targets); else what is wrong, in words that quote nothing from
 * the file (the caller adds the addresses). */
const char *relation_problem(const struct corpus *corpus, const struct node *paper,
                             const struct relation *rel);

#endif
