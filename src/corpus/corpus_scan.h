/* The token scanner the corpus loader runs before cJSON, and positions of parsed items.
 *
 * cJSON keeps no source positions and cannot say what it silently accepted (invalid UTF-8,
 * control characters, a string cut at \u0000). The scanner walks the raw bytes once and
 * records the offset of every key and value token, every character in a string that the
 * sanitiser would change (a "note"), the strings that hold a NUL, and nesting deeper than the
 * limit. Notes and NUL strings are kept in text order. For the loader alone.
 *
 * Ownership: a struct scan owns its arrays (scan_fini() frees them) and borrows the text;
 * a struct scan_positions owns its array (scan_positions_fini()). */
#ifndef NDVR_CORPUS_SCAN_H
#define NDVR_CORPUS_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#define SCAN_NONE SIZE_MAX

/* What the scanner found in a string; the code point says which character. */
enum scan_note_kind {
    SCAN_BAD_UTF8,    /* an invalid UTF-8 sequence */
    SCAN_NUL,         /* \u0000 */
    SCAN_CONTROL,     /* C0 (also tab and a raw NUL), DEL, C1, raw or escaped */
    SCAN_LINE_BREAK,  /* a raw line break */
    SCAN_SEPARATOR,   /* U+2028, U+2029 */
    SCAN_BIDI,        /* bidi controls */
    SCAN_INVISIBLE,   /* soft hyphen, zero-width and other format characters */
    SCAN_UNPRINTABLE, /* code points a terminal cannot measure */
    SCAN_SURROGATE,   /* an escaped surrogate without its pair (\ud800): read as U+FFFD */
};

struct scan_note {
    size_t offset; /* of the character's first byte, or of its escape's backslash */
    enum scan_note_kind kind;
    uint32_t cp;
};

struct scan {
    const char *s; /* borrowed */
    size_t n;
    size_t max_notes; /* notes beyond this are only counted, against hostile input */
    size_t *tokens;   /* offsets of keys and values, in text order */
    size_t ntokens, tokens_cap;
    struct scan_note *notes;
    size_t nnotes, notes_cap;
    size_t notes_dropped;
    size_t *nul_strings; /* offsets of string tokens holding a NUL, ascending */
    size_t nnul, nul_cap;
    size_t *surrogates; /* offsets of lone surrogate escapes (their backslash), ascending */
    size_t nsurrogates, surrogates_cap;
    size_t fatal; /* offset of a problem that makes the text unreadable, or SCAN_NONE */
    char fatal_msg[80];
};

/* Scans s[0..n) (borrowed until scan_fini()); stops at nesting deeper than max_depth, and at
 * anything that is not JSON (cJSON reports that). */
void scan_json(struct scan *sc, const char *s, size_t n, int max_depth, size_t max_notes);
void scan_fini(struct scan *sc);
/* The note's message ("control character U+001B in string") into buf. */
void scan_note_message(const struct scan_note *note, char *buf, size_t bufsize);
/* Writes "\ufffd" over every lone surrogate escape of text, a copy of the scanned text (the
 * same length: cJSON rejects a lone surrogate, which the format counts as a content problem). */
void scan_patch_surrogates(const struct scan *sc, char *text);
/* Whether the string token at offset holds a NUL, which cJSON's copy would be cut at. */
bool scan_string_has_nul(const struct scan *sc, size_t offset);
/* The decoded bytes of the string token at offset (NULs included): newly allocated and
 * NUL-terminated (caller frees), *len without the terminator. NULL when offset is not a
 * string token. Only for texts cJSON accepted. */
char *scan_decode_string(const struct scan *sc, size_t offset, size_t *len);

/* Where each item of a parsed text is. Pairs cJSON's items with the scanner's tokens in text
 * order; sound because it runs only on texts cJSON accepted whole, which the scanner
 * tokenizes the same way. If the two ever disagreed, lookups answer 0, never out of bounds. */
struct scan_item_pos {
    const cJSON *item;
    size_t value_offset; /* of the value's first byte */
};

struct scan_positions {
    struct scan_item_pos *v; /* sorted by item address */
    size_t n, cap;
};

void scan_positions_build(struct scan_positions *map, const cJSON *root, const struct scan *sc);
/* The offset of item's value, or 0 when it is not in the map. */
size_t scan_value_offset(const struct scan_positions *map, const cJSON *item);
void scan_positions_fini(struct scan_positions *map);

#endif
