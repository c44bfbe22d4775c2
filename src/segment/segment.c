/* The segmenter's shared parts: lines, node building, text joining and the common passes. */
#include "segment/segment.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util/xalloc.h"

/* --- Source lines ---------------------------------------------------------------------- */

void
seg_source_init(struct seg_source *src, const char *name, const char *text, size_t nbytes)
{
    size_t cap = 0;
    memset(src, 0, sizeof *src);
    src->name = name;
    src->text = text;
    src->nbytes = nbytes;
    const char *p = text, *end = text + nbytes;
    for (int lineno = 1; p < end; lineno++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        size_t n = (size_t)(eol - p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        src->lines = xgrow(src->lines, &cap, src->nlines + 1, sizeof *src->lines);
        src->lines[src->nlines++] = (struct seg_line){p, n, lineno};
        p = eol < end ? eol + 1 : end;
    }
}

void
seg_source_fini(struct seg_source *src)
{
    free(src->lines);
    src->lines = NULL;
    src->nlines = 0;
}

enum seg_layout
seg_detect_layout(const struct seg_source *src)
{
    /* In a PDF extraction most text lines are printed lines of nearly the same width
     * (the page measure); in a converted document lines are whole paragraphs of every
     * length. Count the lines within 10% of the most common width. */
    int hist[512] = {0};
    size_t ntext = 0;
    for (size_t i = 0; i < src->nlines; i++) {
        size_t n = src->lines[i].n;
        const char *s = seg_trim(src->lines[i].s, &n);
        if (n == 0)
            continue;
        int w = seg_width(s, n);
        if (w < 512)
            hist[w]++;
        ntext++;
    }
    int mode = 0;
    for (int w = 20; w < 512; w++)
        if (hist[w] > hist[mode])
            mode = w;
    int near = 0;
    for (int w = mode - mode / 10; w <= mode; w++)
        near += hist[w];
    return ntext > 0 && near * 3 > (int)ntext ? SEG_LAYOUT_PDF : SEG_LAYOUT_REPORT;
}

/* --- Node building --------------------------------------------------------------------- */

cJSON *
seg_node_new(const char *address, const char *kind, int line)
{
    cJSON *node = cJSON_CreateObject();
    cJSON_AddStringToObject(node, "address", address);
    cJSON_AddStringToObject(node, "kind", kind);
    cJSON_AddNumberToObject(node, "line", line);
    return node;
}

void
seg_set_strn(cJSON *node, const char *key, const char *value, size_t nbytes)
{
    if (value == NULL || nbytes == 0)
        return;
    char *copy = xstrndup(value, nbytes);
    cJSON_DeleteItemFromObjectCaseSensitive(node, key);
    cJSON_AddStringToObject(node, key, copy);
    free(copy);
}

void
seg_set_str(cJSON *node, const char *key, const char *value)
{
    if (value != NULL)
        seg_set_strn(node, key, value, strlen(value));
}

void
seg_set_int(cJSON *node, const char *key, long value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(node, key);
    cJSON_AddNumberToObject(node, key, (double)value);
}

void
seg_set_bool(cJSON *node, const char *key, bool value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(node, key);
    cJSON_AddBoolToObject(node, key, value);
}

void
seg_add_child(cJSON *node, cJSON *child)
{
    cJSON *children = cJSON_GetObjectItemCaseSensitive(node, "children");
    if (children == NULL)
        children = cJSON_AddArrayToObject(node, "children");
    cJSON_AddItemToArray(children, child);
}

void
seg_add_ref(cJSON *node, const char *to, const char *kind, bool external, long at, long len)
{
    cJSON *refs = cJSON_GetObjectItemCaseSensitive(node, "refs");
    if (refs == NULL)
        refs = cJSON_AddArrayToObject(node, "refs");
    cJSON *ref = cJSON_CreateObject();
    cJSON_AddStringToObject(ref, "to", to);
    cJSON_AddStringToObject(ref, "kind", kind);
    cJSON_AddBoolToObject(ref, "external", external);
    if (at >= 0) {
        cJSON_AddNumberToObject(ref, "at", (double)at);
        cJSON_AddNumberToObject(ref, "len", (double)len);
    }
    cJSON_AddItemToArray(refs, ref);
}

const char *
seg_text(const cJSON *node)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(node, "text");
    return cJSON_IsString(t) ? t->valuestring : "";
}

/* --- Text helpers ---------------------------------------------------------------------- */

bool
seg_is_wide(unsigned cp)
{
    return cp >= 0x1100 && uc_width(cp, "UTF-8") == 2;
}

unsigned
seg_first_cp(const char *s, size_t n)
{
    ucs4_t c = 0;
    if (n > 0)
        u8_mbtouc(&c, (const uint8_t *)s, n);
    return c;
}

unsigned
seg_last_cp(const char *s, size_t n)
{
    ucs4_t c = 0;
    if (n == 0)
        return 0;
    const uint8_t *prev = u8_prev(&c, (const uint8_t *)s + n, (const uint8_t *)s);
    return prev ? c : 0;
}

int
seg_width(const char *s, size_t n)
{
    int w = 0;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        w += seg_is_wide(c) ? 2 : 1;
        p += len;
    }
    return w;
}

static size_t
space_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (n >= 3 && memcmp(s, "\u3000", 3) == 0)
        return 3;
    return 0;
}

static size_t
space_len_back(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    if (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0)
        return 3;
    return 0;
}

const char *
seg_trim(const char *s, size_t *n)
{
    size_t k;
    while ((k = space_len(s, *n)) > 0) {
        s += k;
        *n -= k;
    }
    while ((k = space_len_back(s, *n)) > 0)
        *n -= k;
    return s;
}

void
seg_join(struct strbuf *para, const char *s, size_t n)
{
    s = seg_trim(s, &n);
    if (n == 0)
        return;
    if (para->len > 0 && !seg_is_wide(seg_last_cp(para->data, para->len)) &&
        !seg_is_wide(seg_first_cp(s, n)))
        sb_putc(para, ' ');
    sb_append(para, s, n);
}

bool
seg_starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return k <= n && memcmp(s, prefix, k) == 0;
}

static int
cjk_digit(const char *s, size_t n)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int i = 0; i < 9; i++)
        if (seg_starts_with(s, n, digits[i]))
            return i + 1;
    return 0;
}

int
seg_cjk_numeral(const char *s, size_t n, size_t *len)
{
    /* 一..九, 十, 十一..十九, 二十.., 二十一.. (each character is 3 bytes) */
    int tens = 0, units;
    size_t used = 0;
    int d = cjk_digit(s, n);
    if (d && seg_starts_with(s + 3, n - 3, "十")) {
        tens = d;
        used = 6;
    } else if (seg_starts_with(s, n, "十")) {
        tens = 1;
        used = 3;
    }
    if (tens) {
        units = cjk_digit(s + used, n - used);
        if (units)
            used += 3;
        *len = used;
        return tens * 10 + units;
    }
    *len = d ? 3 : 0;
    return d;
}

/* --- References found in text ---------------------------------------------------------- */

static bool
is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static size_t
digits_at(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    return k;
}

static bool
ref_boundary_before(const char *text, size_t i)
{
    return i == 0 || !(is_ascii_alnum(text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '-');
}

/* GE-NDV/2018/12 */
static size_t
match_paper(const char *s, size_t n)
{
    if (!seg_starts_with(s, n, "GE-NDV/"))
        return 0;
    size_t k = 7, d = digits_at(s + k, n - k);
    if (d != 4 || k + d >= n || s[k + d] != '/')
        return 0;
    k += d + 1;
    d = digits_at(s + k, n - k);
    return d ? k + d : 0;
}

/* A/72/304, A/S-10/4 */
static size_t
match_symbol(const char *s, size_t n)
{
    if (!seg_starts_with(s, n, "A/"))
        return 0;
    size_t k = 2;
    if (seg_starts_with(s + k, n - k, "S-"))
        k += 2;
    size_t d = digits_at(s + k, n - k);
    if (d == 0 || k + d >= n || s[k + d] != '/')
        return 0;
    k += d + 1;
    d = digits_at(s + k, n - k);
    if (d == 0 || (k + d < n && is_ascii_alnum(s[k + d])))
        return 0;
    return k + d;
}

/* 71/67 followed by 号 (spaces allowed): a General Assembly resolution. Returns the length of
 * the NN/NNN part; *full gets the length up to the end of the number. */
static size_t
match_resolution(const char *s, size_t n)
{
    size_t a = digits_at(s, n);
    if (a < 2 || a > 3 || a >= n || s[a] != '/')
        return 0;
    size_t b = digits_at(s + a + 1, n - a - 1);
    if (b == 0 || b > 4)
        return 0;
    size_t k = a + 1 + b;
    size_t j = k;
    while (j < n && s[j] == ' ')
        j++;
    return seg_starts_with(s + j, n - j, "号") ? k : 0;
}

static void
scan_text_refs(cJSON *node, const struct seg_ctx *ctx)
{
    const char *text = seg_text(node);
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        size_t m;
        const struct facts_country *c;
        if (ref_boundary_before(text, i) && (m = match_paper(text + i, n - i)) > 0) {
            char *sym = xstrndup(text + i, m);
            seg_add_ref(node, sym, "working-paper", false, (long)i, (long)m);
            free(sym);
        } else if (ref_boundary_before(text, i) && (m = match_symbol(text + i, n - i)) > 0) {
            char *sym = xstrndup(text + i, m);
            seg_add_ref(node, sym, "document", !facts_is_document(ctx->facts, sym, m), (long)i,
                        (long)m);
            free(sym);
        } else if (ref_boundary_before(text, i) && (m = match_resolution(text + i, n - i)) > 0) {
            char *sym = xasprintf("A/RES/%.*s", (int)m, text + i);
            seg_add_ref(node, sym, "resolution", true, (long)i, (long)m);
            free(sym);
        } else if ((m = facts_match_not_country(ctx->facts, text + i, n - i)) > 0) {
            /* skip the whole phrase */
        } else if ((m = facts_match_country(ctx->facts, text + i, n - i, &c)) > 0) {
            seg_add_ref(node, c->iso3, "country", false, (long)i, (long)m);
        } else {
            m = (size_t)u8_mblen((const uint8_t *)text + i, n - i);
            if ((int)m <= 0)
                m = 1;
            while (m < n - i && digits_at(text + i, 1) && digits_at(text + i + m, 1))
                m++; /* never start a match inside a number */
        }
        i += m;
    }
}

void
seg_scan_refs(cJSON *node, const struct seg_ctx *ctx)
{
    scan_text_refs(node, ctx);
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        seg_scan_refs(child, ctx);
}

/* --- Canonical member order ------------------------------------------------------------ */

static const char *const member_order[] = {
    "address", "kind",     "label",   "number",   "title",         "symbol", "text",
    "line",    "name",     "country", "iso3",     "sessions",      "sessions_note",
    "role",    "alternate", "submitters", "cited", "related", "columns", "language",
    "date",    "date_text", "document_kind", "refs", "children",
};

static long
ref_pos(const cJSON *ref)
{
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(ref, "at");
    return cJSON_IsNumber(at) ? (long)at->valuedouble : -1;
}

/* Stable insertion sort: text-less refs first, then by position. */
static void
sort_refs(cJSON *refs)
{
    int n = cJSON_GetArraySize(refs);
    cJSON **v = xcalloc((size_t)n + 1, sizeof *v);
    for (int i = 0; i < n; i++)
        v[i] = cJSON_DetachItemFromArray(refs, 0);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && ref_pos(v[j - 1]) > ref_pos(v[j]); j--) {
            cJSON *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(refs, v[i]);
    free(v);
}

void
seg_canonicalize(cJSON *node)
{
    size_t norder = sizeof member_order / sizeof member_order[0];
    for (size_t i = 0; i < norder; i++) {
        cJSON *item = cJSON_DetachItemFromObjectCaseSensitive(node, member_order[i]);
        if (item != NULL)
            cJSON_AddItemToObject(node, member_order[i], item);
    }
    cJSON *refs = cJSON_GetObjectItemCaseSensitive(node, "refs");
    if (refs != NULL)
        sort_refs(refs);
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        seg_canonicalize(child);
}

/* --- The country list ------------------------------------------------------------------ */

struct code_set {
    char (*codes)[4];
    size_t n, cap;
};

static void
code_set_add(struct code_set *set, const char *code)
{
    if (code == NULL || strlen(code) > 3)
        return;
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->codes[i], code) == 0)
            return;
    set->codes = xgrow(set->codes, &set->cap, set->n + 1, sizeof *set->codes);
    strcpy(set->codes[set->n++], code);
}

static const char *
member_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void
collect_codes(const cJSON *node, struct code_set *set)
{
    const char *kind = member_str(node, "kind");
    if (kind && (strcmp(kind, "expert") == 0 || strcmp(kind, "response") == 0))
        code_set_add(set, member_str(node, "iso3"));
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "submitters"))
        code_set_add(set, member_str(item, "iso3"));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        const char *k = member_str(item, "kind");
        if (k && strcmp(k, "country") == 0)
            code_set_add(set, member_str(item, "to"));
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_codes(item, set);
}

static int
cmp_code(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

cJSON *
seg_countries(const cJSON *document, const struct seg_ctx *ctx)
{
    struct code_set set = {0};
    collect_codes(document, &set);
    if (set.n > 1)
        qsort(set.codes, set.n, sizeof *set.codes, cmp_code);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < set.n; i++) {
        const struct facts_country *c = facts_country_iso3(ctx->facts, set.codes[i]);
        cJSON *node = cJSON_CreateObject();
        cJSON_AddStringToObject(node, "address", set.codes[i]);
        cJSON_AddStringToObject(node, "kind", "country");
        if (c != NULL)
            cJSON_AddStringToObject(node, "name", c->names[0]);
        cJSON_AddStringToObject(node, "iso3", set.codes[i]);
        cJSON_AddItemToArray(arr, node);
    }
    free(set.codes);
    return arr;
}

/* --- The whole run --------------------------------------------------------------------- */

cJSON *
segment_run(struct seg_ctx *ctx)
{
    cJSON *doc = seg_detect_layout(ctx->src) == SEG_LAYOUT_PDF ? seg_layout_pdf(ctx)
                                                               : seg_layout_report(ctx);
    if (doc == NULL)
        return NULL;
    if (cJSON_GetObjectItemCaseSensitive(doc, "title") == NULL)
        seg_set_str(doc, "title", facts_title(ctx->facts, ctx->symbol));
    seg_scan_refs(doc, ctx);
    seg_relate_papers(doc, ctx);
    seg_canonicalize(doc);

    const char *base = strrchr(ctx->src->name, '/');
    cJSON *top = cJSON_CreateObject();
    cJSON_AddStringToObject(top, "format", "ndvr-tree");
    cJSON_AddNumberToObject(top, "version", 1);
    cJSON_AddStringToObject(top, "source", base ? base + 1 : ctx->src->name);
    cJSON_AddItemToObject(top, "document", doc);
    cJSON_AddItemToObject(top, "countries", seg_countries(doc, ctx));
    cJSON_AddItemToObject(top, "externals", seg_externals(doc));
    return top;
}
