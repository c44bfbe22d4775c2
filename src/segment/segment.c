/* The segmenter's shared parts: lines, node building, text joining and the common passes. */
#include "segment/segment.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "segment/textrefs.h"
#include "util/xalloc.h"

/* --- Source lines (read and normalised in normalize.c) ---------------------------------- */

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
    /* a tab that is no table's column gap is a space: trees hold no control characters */
    for (char *tab = strchr(copy, '\t'); tab != NULL; tab = strchr(tab, '\t'))
        *tab = ' ';
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

void
seg_add_title_ref(cJSON *node, const char *to, const char *kind, bool external, long at, long len)
{
    seg_add_ref(node, to, kind, external, at, len);
    cJSON *refs = cJSON_GetObjectItemCaseSensitive(node, "refs");
    cJSON_AddStringToObject(cJSON_GetArrayItem(refs, cJSON_GetArraySize(refs) - 1), "in", "title");
}

const char *
seg_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool
seg_is_kind(const cJSON *node, const char *kind)
{
    const char *k = seg_str(node, "kind");
    return k != NULL && strcmp(k, kind) == 0;
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

/* Not inside a word, a number, a path or a URL. */
static bool
ref_boundary_before(const char *text, size_t i)
{
    return i == 0 || !(is_ascii_alnum(text[i - 1]) || strchr("/-._", text[i - 1]) != NULL);
}

/* 71/67 followed by 号 (spaces allowed): a General Assembly resolution. Returns the length of
 * the NN/NNN part. */
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

/* The string member key of obj, "" when there is none. */
static const char *
str_or_empty(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* What the reference scan knows of the document: the working papers it lists, its experts'
 * names, and where the scan is. */
struct scan {
    const struct seg_ctx *ctx;
    const char **papers;
    size_t npapers, cap;
    int list_line; /* where the list starts */
    const cJSON *doc;
    struct seg_experts *experts;
    const char *chapter; /* the address of the chapter being scanned, or NULL */
    bool in_title;       /* scanning a node's title: its refs say "in": "title" */
    bool failed;
};

static void
collect_papers(const cJSON *node, struct scan *sc)
{
    const char *kind = str_or_empty(node, "kind");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(node, "line");
    if (strcmp(kind, "working-paper-list") == 0 && cJSON_IsNumber(line))
        sc->list_line = line->valueint;
    if (strcmp(kind, "working-paper") == 0) {
        sc->papers = xgrow(sc->papers, &sc->cap, sc->npapers + 1, sizeof *sc->papers);
        sc->papers[sc->npapers++] = str_or_empty(node, "address");
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_papers(child, sc);
}

static bool
is_listed(const struct scan *sc, const char *sym)
{
    for (size_t i = 0; i < sc->npapers; i++)
        if (strcmp(sc->papers[i], sym) == 0)
            return true;
    return false;
}

/* True when a listed paper's symbol differs from sym only after the last slash. */
static bool
same_series(const struct scan *sc, const char *sym)
{
    size_t series = (size_t)(strrchr(sym, '/') - sym) + 1;
    for (size_t i = 0; i < sc->npapers; i++)
        if (strncmp(sc->papers[i], sym, series) == 0 && strchr(sc->papers[i] + series, '/') == NULL)
            return true;
    return false;
}

/* The column of sym in source line `line`; 1 when it is not there. */
static int
source_col(const struct seg_ctx *ctx, int line, const char *sym)
{
    if (ctx->src == NULL || line < 1 || (size_t)line > ctx->src->nlines)
        return 1;
    const struct seg_line *l = &ctx->src->lines[line - 1];
    size_t k = strlen(sym);
    for (size_t i = 0; i + k <= l->n; i++)
        if (memcmp(l->s + i, sym, k) == 0)
            return (int)i + 1;
    return 1;
}

/* A paper of a listed paper's series that the list lacks: a typo in the list or in the text.
 * Left as an external reference it would leave a listed paper uncited and unsubmitted. */
static void
unlisted_paper(struct scan *sc, const cJSON *node, const char *sym)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(node, "line");
    int line = cJSON_IsNumber(l) ? l->valueint : 0;
    if (!sc->failed)
        diag_set(sc->ctx->diag, sc->ctx->src ? sc->ctx->src->name : "", line,
                 source_col(sc->ctx, line, sym),
                 "%s is cited but not in the list of working papers at line %d", sym,
                 sc->list_line);
    sc->failed = true;
}

/* seg_add_ref, marked "in": "title" when the scan is in the node's title. */
static void
add_ref(const struct scan *sc, cJSON *node, const char *to, const char *kind, bool external,
        size_t at, size_t len)
{
    if (sc->in_title)
        seg_add_title_ref(node, to, kind, external, (long)at, (long)len);
    else
        seg_add_ref(node, to, kind, external, (long)at, (long)len);
}

static void
add_symbol_ref(struct scan *sc, cJSON *node, const char *text, size_t at, size_t m,
               enum seg_symbol_kind kind)
{
    static const char *const kinds[] = {"document", "resolution", "working-paper"};
    char *sym = xstrndup(text + at, m);
    bool external = kind != SEG_SYMBOL_DOCUMENT || !facts_is_document(sc->ctx->facts, sym, m);
    if (is_listed(sc, sym))
        add_ref(sc, node, sym, "working-paper", false, at, m);
    else if (same_series(sc, sym))
        unlisted_paper(sc, node, sym);
    else
        add_ref(sc, node, sym, kinds[kind], external, at, m);
    free(sym);
}

/* Documents first: a symbol or resolution holds digits and capitals that no other rule may
 * take; an expert's whole name before countries, being longer. A title is scanned for
 * documents only (ndvr-segment(1)): the titles of responses and of the expert list's groups
 * are country names of nodes that are that country's already, and a response's headings
 * mostly name the response's own country. */
static size_t
match_ref(struct scan *sc, const struct seg_text_site *site, size_t i)
{
    const char *text = site->s;
    size_t n = site->n, m;
    enum seg_symbol_kind kind;
    const struct facts_country *c;
    if (ref_boundary_before(text, i) && (m = seg_match_symbol(text + i, n - i, &kind)) > 0) {
        add_symbol_ref(sc, site->node, text, i, m, kind);
        return m;
    }
    if (ref_boundary_before(text, i) && (m = match_resolution(text + i, n - i)) > 0) {
        char *sym = xasprintf("A/RES/%.*s", (int)m, text + i);
        add_ref(sc, site->node, sym, "resolution", true, i, m);
        free(sym);
        return m;
    }
    if (sc->in_title)
        return 0;
    if ((m = facts_match_not_country(sc->ctx->facts, text + i, n - i)) > 0)
        return m; /* skip the whole phrase */
    if ((m = seg_match_expert(sc->experts, site, i)) > 0)
        return m;
    if ((m = facts_match_country(sc->ctx->facts, text + i, n - i, &c)) > 0) {
        seg_add_ref(site->node, c->iso3, "country", false, (long)i, (long)m);
        return m;
    }
    return seg_match_internal(site, i);
}

/* One character on, or a whole number: a match never starts inside a number. */
static size_t
skip_char(const char *text, size_t n, size_t i)
{
    size_t m = (size_t)u8_mblen((const uint8_t *)text + i, n - i);
    if ((int)m <= 0)
        m = 1;
    while (m < n - i && digits_at(text + i, 1) && digits_at(text + i + m, 1))
        m++;
    return m;
}

static void
scan_string(struct scan *sc, cJSON *node, const char *s, bool in_title)
{
    struct seg_text_site site = {node, sc->doc, sc->chapter, s, strlen(s)};
    sc->in_title = in_title;
    for (size_t i = 0; i < site.n;) {
        size_t m = match_ref(sc, &site, i);
        i += m > 0 ? m : skip_char(s, site.n, i);
    }
    sc->in_title = false;
}

/* Nodes whose title is words the document prints as a heading. The document's own title is
 * a copy of its title heading; a response's, an expert group's or a working paper's is a
 * name, or a row of a list. */
static bool
has_printed_title(const cJSON *node)
{
    static const char *const kinds[] = {"heading", "chapter", "section", "annex", "front-matter"};
    const char *kind = str_or_empty(node, "kind");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(kind, kinds[k]) == 0)
            return true;
    return false;
}

static void
scan_tree(struct scan *sc, cJSON *node)
{
    const char *outer = sc->chapter;
    if (strcmp(str_or_empty(node, "kind"), "chapter") == 0)
        sc->chapter = str_or_empty(node, "address");
    if (has_printed_title(node))
        scan_string(sc, node, str_or_empty(node, "title"), true);
    scan_string(sc, node, seg_text(node), false);
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        scan_tree(sc, child);
    sc->chapter = outer;
}

bool
seg_scan_refs(cJSON *doc, const struct seg_ctx *ctx)
{
    struct scan sc = {.ctx = ctx, .doc = doc, .experts = seg_experts_new(doc, ctx->facts)};
    collect_papers(doc, &sc);
    scan_tree(&sc, doc);
    seg_add_ibid_refs(doc);
    seg_experts_free(sc.experts);
    free(sc.papers);
    return !sc.failed;
}

/* --- Canonical member order ------------------------------------------------------------ */

static const char *const member_order[] = {
    "address", "kind",      "label",         "number",  "title",    "symbol",   "text",
    "line",    "name",      "aliases",       "country", "iso3",     "sessions", "sessions_note",
    "role",    "alternate", "submitters",    "cited",   "related",  "columns",  "language",
    "date",    "date_text", "document_kind", "refs",    "children",
};

/* Where a ref stands in reading order: refs made in no words first (-1), then those in the
 * title, which is read before the text. */
static long long
ref_pos(const cJSON *ref)
{
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(ref, "at");
    if (!cJSON_IsNumber(at))
        return -1;
    bool in_title = cJSON_GetObjectItemCaseSensitive(ref, "in") != NULL;
    return (long long)at->valuedouble + (in_title ? 0 : 1LL << 40);
}

/* Stable insertion sort: text-less refs first, then title refs, then by position. */
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

static void
collect_codes(const cJSON *node, struct code_set *set)
{
    const char *kind = seg_str(node, "kind");
    if (kind && (strcmp(kind, "expert") == 0 || strcmp(kind, "response") == 0))
        code_set_add(set, seg_str(node, "iso3"));
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "submitters"))
        code_set_add(set, seg_str(item, "iso3"));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        const char *k = seg_str(item, "kind");
        if (k && strcmp(k, "country") == 0)
            code_set_add(set, seg_str(item, "to"));
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_codes(item, set);
}

static int
cmp_code(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The names after the first, Chinese then English: what else people call the country. */
static void
add_aliases(cJSON *node, const struct facts_country *c)
{
    size_t n = c->nnames - 1 + (c->nenglish > 0 ? c->nenglish - 1 : 0);
    cJSON *arr = n > 0 ? cJSON_AddArrayToObject(node, "aliases") : NULL;
    for (size_t i = 1; arr != NULL && i < c->nnames; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(c->names[i]));
    for (size_t i = 1; arr != NULL && i < c->nenglish; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(c->english[i]));
}

static cJSON *
country_node(const char *code, const struct facts_country *c)
{
    cJSON *node = cJSON_CreateObject();
    cJSON_AddStringToObject(node, "address", code);
    cJSON_AddStringToObject(node, "kind", "country");
    if (c != NULL)
        cJSON_AddStringToObject(node, "name", c->names[0]);
    cJSON_AddStringToObject(node, "iso3", code);
    if (c != NULL && c->nenglish > 0)
        cJSON_AddStringToObject(node, "english", c->english[0]);
    if (c != NULL)
        add_aliases(node, c);
    return node;
}

cJSON *
seg_countries(const cJSON *document, const struct seg_ctx *ctx)
{
    struct code_set set = {0};
    collect_codes(document, &set);
    if (set.n > 1)
        qsort(set.codes, set.n, sizeof *set.codes, cmp_code);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < set.n; i++)
        cJSON_AddItemToArray(
            arr, country_node(set.codes[i], facts_country_iso3(ctx->facts, set.codes[i])));
    free(set.codes);
    return arr;
}

/* --- The whole run --------------------------------------------------------------------- */

cJSON *
segment_run(struct seg_ctx *ctx)
{
    const struct seg_source *src = ctx->src;
    if (!seg_source_check(src->name, src->text, src->nbytes, ctx->diag))
        return NULL;
    cJSON *doc =
        seg_detect_layout(src) == SEG_LAYOUT_PDF ? seg_layout_pdf(ctx) : seg_layout_report(ctx);
    if (doc == NULL)
        return NULL;
    if (cJSON_GetObjectItemCaseSensitive(doc, "title") == NULL)
        seg_set_str(doc, "title", facts_title(ctx->facts, ctx->symbol));
    if (!seg_scan_refs(doc, ctx)) {
        cJSON_Delete(doc);
        return NULL;
    }
    seg_add_expert_aliases(doc, ctx->facts);
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
