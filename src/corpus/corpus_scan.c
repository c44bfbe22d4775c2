/* The loader's scanner: token offsets, and what the sanitiser will change, by position.
 *
 * Whether a character is a problem is decided by sanitize_code_point(), the sanitiser's own
 * rule, so `ndvr check` points at exactly the characters loading would change. Two more are
 * flagged because the format forbids them although the sanitiser keeps them: tabs and raw
 * line breaks; and U+2028/2029, which loading turns into line breaks. */
#include "corpus/corpus_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "text/sanitize.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* --- Scanner --------------------------------------------------------------------------- */

static void
scan_token(struct scan *sc, size_t offset)
{
    sc->tokens = xgrow(sc->tokens, &sc->tokens_cap, sc->ntokens + 1, sizeof *sc->tokens);
    sc->tokens[sc->ntokens++] = offset;
}

static void
scan_note(struct scan *sc, size_t offset, enum scan_note_kind kind, uint32_t cp)
{
    if (sc->nnotes >= sc->max_notes) {
        sc->notes_dropped++;
        return;
    }
    sc->notes = xgrow(sc->notes, &sc->notes_cap, sc->nnotes + 1, sizeof *sc->notes);
    sc->notes[sc->nnotes++] = (struct scan_note){offset, kind, cp};
}

static void
scan_nul_string(struct scan *sc, size_t string_offset)
{
    if (sc->nnul > 0 && sc->nul_strings[sc->nnul - 1] == string_offset)
        return;
    sc->nul_strings = xgrow(sc->nul_strings, &sc->nul_cap, sc->nnul + 1, sizeof *sc->nul_strings);
    sc->nul_strings[sc->nnul++] = string_offset;
}

static long
hex4(const char *s, size_t n, size_t i)
{
    long v = 0;
    if (n < 4 || i > n - 4)
        return -1;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        int h = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decodes the escape at s[i] (its backslash), joining a surrogate pair; returns its length
 * and sets *cp, or returns 0 when it is malformed (cJSON rejects the text then). A lone
 * surrogate comes back as itself: cJSON rejects it too. */
static size_t
decode_escape(const char *s, size_t n, size_t i, uint32_t *cp)
{
    static const char simple[] = "\"\\/bfnrt";
    static const uint32_t simple_cp[] = {'"', '\\', '/', '\b', '\f', '\n', '\r', '\t'};
    if (i + 1 >= n)
        return 0;
    const char *p = s[i + 1] ? strchr(simple, s[i + 1]) : NULL;
    if (p != NULL) {
        *cp = simple_cp[p - simple];
        return 2;
    }
    long hi = s[i + 1] == 'u' ? hex4(s, n, i + 2) : -1;
    if (hi < 0)
        return 0;
    *cp = (uint32_t)hi;
    if (hi < 0xD800 || hi > 0xDBFF || i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u')
        return 6;
    long lo = hex4(s, n, i + 8);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return 6;
    *cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
    return 12;
}

static enum scan_note_kind
note_kind_of(unsigned problem)
{
    switch (problem) {
    case SANITIZE_BIDI:
        return SCAN_BIDI;
    case SANITIZE_INVISIBLE:
        return SCAN_INVISIBLE;
    case SANITIZE_UNPRINTABLE:
        return SCAN_UNPRINTABLE;
    default:
        return SCAN_CONTROL;
    }
}

/* Notes the character cp at offset, inside the string token at string_offset. */
static void
scan_char(struct scan *sc, size_t string_offset, size_t offset, uint32_t cp, bool escaped)
{
    unsigned problem = sanitize_code_point(cp);
    if (cp == 0)
        scan_nul_string(sc, string_offset);
    if (cp == 0 && escaped)
        scan_note(sc, offset, SCAN_NUL, cp);
    else if (cp == '\n' && !escaped)
        scan_note(sc, offset, SCAN_LINE_BREAK, cp);
    else if (cp == '\t')
        scan_note(sc, offset, SCAN_CONTROL, cp);
    else if (cp == 0x2028 || cp == 0x2029)
        scan_note(sc, offset, SCAN_SEPARATOR, cp);
    else if (problem != 0)
        scan_note(sc, offset, note_kind_of(problem), cp);
}

/* A lone surrogate escape at offset: a content problem, read as U+FFFD. */
static void
scan_surrogate(struct scan *sc, size_t offset, uint32_t cp)
{
    scan_note(sc, offset, SCAN_SURROGATE, cp);
    sc->surrogates =
        xgrow(sc->surrogates, &sc->surrogates_cap, sc->nsurrogates + 1, sizeof *sc->surrogates);
    sc->surrogates[sc->nsurrogates++] = offset;
}

void
scan_patch_surrogates(const struct scan *sc, char *text)
{
    for (size_t i = 0; i < sc->nsurrogates; i++)
        memcpy(text + sc->surrogates[i], "\\ufffd", 6);
}

/* Scans the string starting at the quote s[i]; returns the offset after its closing quote, or
 * 0 to stop scanning (a malformed escape or no closing quote: cJSON reports those). */
static size_t
scan_string(struct scan *sc, size_t i)
{
    scan_token(sc, i);
    size_t j = i + 1;
    while (j < sc->n && sc->s[j] != '"') {
        uint32_t cp;
        size_t len;
        if (sc->s[j] == '\\') {
            if ((len = decode_escape(sc->s, sc->n, j, &cp)) == 0)
                return 0;
            if (cp >= 0xD800 && cp <= 0xDFFF)
                scan_surrogate(sc, j, cp);
            else
                scan_char(sc, i, j, cp, true);
        } else {
            int r = u8_mbtoucr(&cp, (const uint8_t *)sc->s + j, sc->n - j);
            if (r < 0) {
                /* as the sanitiser does: one U+FFFD per maximal invalid subsequence */
                r = u8_mbtouc(&cp, (const uint8_t *)sc->s + j, sc->n - j);
                scan_note(sc, j, SCAN_BAD_UTF8, 0);
            } else {
                scan_char(sc, i, j, cp, false);
            }
            len = (size_t)r;
        }
        j += len;
    }
    return j < sc->n ? j + 1 : 0;
}

/* Skips a number or literal token starting at s[i]: the bytes cJSON would take. */
static size_t
scan_bare(struct scan *sc, size_t i, const char *accept)
{
    scan_token(sc, i);
    while (i < sc->n && sc->s[i] != '\0' && strchr(accept, sc->s[i]))
        i++;
    return i;
}

static size_t
skip_bom(const char *s, size_t n)
{
    return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void
scan_json(struct scan *sc, const char *s, size_t n, int max_depth, size_t max_notes)
{
    *sc = (struct scan){.s = s, .n = n, .max_notes = max_notes, .fatal = SCAN_NONE};
    int depth = 0;
    size_t i = skip_bom(s, n);
    while (i < n && sc->fatal == SCAN_NONE) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == ',' || c == ':') {
            i++;
        } else if (c == '{' || c == '[') {
            scan_token(sc, i);
            if (++depth > max_depth) {
                sc->fatal = i;
                snprintf(sc->fatal_msg, sizeof sc->fatal_msg, "nesting deeper than %d levels",
                         max_depth);
            }
            i++;
        } else if (c == '}' || c == ']') {
            depth--;
            i++;
        } else if (c == '"') {
            if ((i = scan_string(sc, i)) == 0)
                return;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            i = scan_bare(sc, i, "0123456789+-.eE");
        } else if (c >= 'a' && c <= 'z') {
            i = scan_bare(sc, i, "abcdefghijklmnopqrstuvwxyz");
        } else {
            return;
        }
    }
}

void
scan_fini(struct scan *sc)
{
    free(sc->tokens);
    free(sc->notes);
    free(sc->nul_strings);
    free(sc->surrogates);
    *sc = (struct scan){.fatal = SCAN_NONE};
}

void
scan_note_message(const struct scan_note *note, char *buf, size_t bufsize)
{
    /* what is named, and whether its code point is shown */
    static const struct {
        const char *what;
        bool show_cp;
    } names[] = {
        [SCAN_BAD_UTF8] = {"invalid UTF-8", false},
        [SCAN_NUL] = {"NUL character (\\u0000)", false},
        [SCAN_CONTROL] = {"control character", true},
        [SCAN_LINE_BREAK] = {"unescaped line break", false},
        [SCAN_SEPARATOR] = {"line or paragraph separator", true},
        [SCAN_BIDI] = {"bidi control", true},
        [SCAN_INVISIBLE] = {"invisible format character", true},
        [SCAN_UNPRINTABLE] = {"unprintable code point", true},
        [SCAN_SURROGATE] = {"lone surrogate (read as U+FFFD)", true},
    };
    if (names[note->kind].show_cp)
        snprintf(buf, bufsize, "%s U+%04X in string", names[note->kind].what, (unsigned)note->cp);
    else
        snprintf(buf, bufsize, "%s in string", names[note->kind].what);
}

static int
compare_offsets(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

bool
scan_string_has_nul(const struct scan *sc, size_t offset)
{
    return sc->nnul > 0 &&
           bsearch(&offset, sc->nul_strings, sc->nnul, sizeof offset, compare_offsets) != NULL;
}

/* Appends the code point cp as UTF-8 (U+FFFD for a lone surrogate). */
static void
put_code_point(struct strbuf *sb, uint32_t cp)
{
    uint8_t buf[6];
    int len = u8_uctomb(buf, cp, sizeof buf);
    if (len > 0)
        sb_append(sb, (const char *)buf, (size_t)len);
    else
        sb_puts(sb, "\xEF\xBF\xBD");
}

char *
scan_decode_string(const struct scan *sc, size_t offset, size_t *len)
{
    if (offset >= sc->n || sc->s[offset] != '"')
        return NULL;
    struct strbuf sb = STRBUF_INIT;
    sb_append(&sb, "", 0);
    size_t j = offset + 1;
    while (j < sc->n && sc->s[j] != '"') {
        uint32_t cp;
        size_t step = sc->s[j] == '\\' ? decode_escape(sc->s, sc->n, j, &cp) : 0;
        if (step > 0) {
            put_code_point(&sb, cp);
            j += step;
        } else {
            sb_append(&sb, sc->s + j, 1);
            j += sc->s[j] == '\\' ? 2 : 1; /* cannot happen in a text cJSON accepted */
        }
    }
    *len = sb.len;
    return sb_detach(&sb);
}

/* --- Positions of parsed items --------------------------------------------------------- */

static size_t
take_token(const struct scan *sc, size_t *next)
{
    return *next < sc->ntokens ? sc->tokens[(*next)++] : 0;
}

/* Pairs items with tokens in text order; depth is bounded by the scanner's nesting check. */
static void
map_item(struct scan_positions *map, const cJSON *item, bool is_member, const struct scan *sc,
         size_t *next)
{
    map->v = xgrow(map->v, &map->cap, map->n + 1, sizeof *map->v);
    struct scan_item_pos *p = &map->v[map->n++];
    p->item = item;
    if (is_member)
        take_token(sc, next); /* the key */
    p->value_offset = take_token(sc, next);
    for (const cJSON *child = item->child; child != NULL; child = child->next)
        map_item(map, child, cJSON_IsObject(item), sc, next);
}

static int
compare_item_pos(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct scan_item_pos *)a)->item;
    uintptr_t y = (uintptr_t)((const struct scan_item_pos *)b)->item;
    return x < y ? -1 : x > y;
}

void
scan_positions_build(struct scan_positions *map, const cJSON *root, const struct scan *sc)
{
    size_t next = 0;
    map_item(map, root, false, sc, &next);
    qsort(map->v, map->n, sizeof *map->v, compare_item_pos);
}

size_t
scan_value_offset(const struct scan_positions *map, const cJSON *item)
{
    struct scan_item_pos key = {item, 0};
    const struct scan_item_pos *p =
        map->n ? bsearch(&key, map->v, map->n, sizeof *map->v, compare_item_pos) : NULL;
    return p ? p->value_offset : 0;
}

void
scan_positions_fini(struct scan_positions *map)
{
    free(map->v);
    *map = (struct scan_positions){0};
}
