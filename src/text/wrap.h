/* Line breaking: UAX #14 break opportunities from libunistring, CJK line-start and line-end
 * rules on top, then a greedy fill measured by the output device (text/measure.h: cells for
 * the terminal, points for PDF). The one line breaker used by the reader, `cat` and every
 * printed format: the break opportunities and the kinsoku rules are the same for all. */
#ifndef NDVR_WRAP_H
#define NDVR_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "text/measure.h"

/* A byte range [start, end) of the text. */
struct wrap_span {
    size_t start, end;
};

/* One output line: the byte range it covers (lines are contiguous, so joining them gives the
 * text back) and its width in the device's units, trailing spaces and the final '\n' not
 * counted. */
struct wrap_line {
    size_t start, end;
    int cols;
};

struct wrap_spec {
    const struct measure *measure; /* the device's; NULL: terminal cells */
    int width;                     /* device units of the whole line, indents included */
    int first_indent;              /* units taken before the first line's text */
    int rest_indent; /* units taken before each further line's text (a hanging indent) */
    /* Spans that stay whole when they fit (document symbols, URLs); breaks inside are allowed
     * only when the span is longer than a line. Runs of Latin letters, digits and symbols are
     * kept whole without being listed. */
    const struct wrap_span *keep;
    size_t nkeep;
    /* Footnote markers: never at the start of a line, never broken. */
    const struct wrap_span *markers;
    size_t nmarkers;
};

/* True for the superscript digits that write footnote markers (¹²³⁰⁴…⁹). */
bool wrap_is_superscript_digit(unsigned c);

/* Where a line may break: marks[i] is true when a line may start at byte i, by the same
 * opportunities wrap_text takes first (UAX #14, the CJK rules, kept spans and markers applied;
 * breaks kept for overlong Latin phrases not counted), for a device that breaks lines itself
 * (a browser given HTML) to break where the others do. Returns n + 1 marks; caller frees. */
bool *wrap_break_marks(const char *text, size_t n, const struct wrap_spec *spec);

/* Wraps text[0..n) (valid, sanitised UTF-8). Returns the number of lines and sets *lines to an
 * array the caller frees (one empty line for empty text). A '\n' ends a line and belongs to
 * it. Every line fits in its width unless a single grapheme cluster is wider. */
size_t wrap_text(const char *text, size_t n, const struct wrap_spec *spec,
                 struct wrap_line **lines);

#endif
