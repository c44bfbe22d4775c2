/* Links the segmenter derives from the whole tree once it is built: the documents cited from
 * outside the corpus, and the relations between working papers.
 *
 * Papers are related for three reasons, each with its evidence in "via":
 *   same-submitter     a submitter of both: the expert's address, or the name as printed
 *                      when the submitter is not a listed expert;
 *   cited-together     one footnote cites both: the footnote's address;
 *   same-title         the titles read the same without punctuation and spaces (title_key):
 *                      that key;
 *   overlapping-title  otherwise, the longest run of at least MIN_OVERLAP characters the
 *                      two keys share once the phrases naming the group's subject (facts
 *                      `subject`) are cut out: every paper is about nuclear disarmament
 *                      verification, so sharing those words says nothing.
 * Each relation is written on both papers, ordered by reason, then by the other paper's
 * place in the document, then by via. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "segment/segment.h"
#include "text/titlekey.h"
#include "util/xalloc.h"

enum { MIN_OVERLAP = 4, MAX_TITLE_CHARS = 512 };

/* --- External documents ---------------------------------------------------------------- */

struct symbol_set {
    const cJSON **refs; /* the first external ref of each symbol */
    size_t n, cap;
};

static void
collect_externals(const cJSON *node, struct symbol_set *set)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        const char *to = seg_str(ref, "to");
        if (to == NULL || !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ref, "external")))
            continue;
        size_t i = 0;
        while (i < set->n && strcmp(seg_str(set->refs[i], "to"), to) != 0)
            i++;
        if (i == set->n) {
            set->refs = xgrow(set->refs, &set->cap, set->n + 1, sizeof *set->refs);
            set->refs[set->n++] = ref;
        }
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_externals(child, set);
}

static int
compare_ref_targets(const void *a, const void *b)
{
    return strcmp(seg_str(*(const cJSON *const *)a, "to"), seg_str(*(const cJSON *const *)b, "to"));
}

cJSON *
seg_externals(const cJSON *document)
{
    struct symbol_set set = {0};
    collect_externals(document, &set);
    if (set.n > 1)
        qsort(set.refs, set.n, sizeof *set.refs, compare_ref_targets);
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < set.n; i++) {
        const char *to = seg_str(set.refs[i], "to"), *kind = seg_str(set.refs[i], "kind");
        cJSON *node = cJSON_CreateObject();
        cJSON_AddStringToObject(node, "address", to);
        cJSON_AddStringToObject(node, "kind", "external");
        cJSON_AddStringToObject(node, "symbol", to);
        cJSON_AddStringToObject(node, "document_kind",
                                kind && strcmp(kind, "resolution") == 0 ? "resolution"
                                                                        : "document");
        cJSON_AddItemToArray(arr, node);
    }
    free(set.refs);
    return arr;
}

/* --- Papers ------------------------------------------------------------------------------ */

struct paper {
    cJSON *node;
    const char *address;
    char *key;   /* title_key of the title */
    ucs4_t *cut; /* the key's characters, subject phrases replaced by 0 */
    size_t ncut;
};

struct relation {
    size_t a, b; /* papers, a < b */
    int reason;  /* index into reasons[] */
    char *via;   /* owned */
};

static const char *const reasons[] = {"same-submitter", "cited-together", "same-title",
                                      "overlapping-title"};
enum { SAME_SUBMITTER, CITED_TOGETHER, SAME_TITLE, OVERLAPPING_TITLE };

struct relating {
    struct paper *papers;
    size_t npapers, papers_cap;
    const cJSON **notes; /* footnotes, in document order */
    size_t nnotes, notes_cap;
    struct relation *rels;
    size_t nrels, rels_cap;
};

static void
collect(cJSON *node, struct relating *r)
{
    if (seg_is_kind(node, "working-paper") && seg_str(node, "address") != NULL) {
        r->papers = xgrow(r->papers, &r->papers_cap, r->npapers + 1, sizeof *r->papers);
        r->papers[r->npapers++] = (struct paper){node, seg_str(node, "address"), NULL, NULL, 0};
    } else if (seg_is_kind(node, "footnote")) {
        r->notes = xgrow(r->notes, &r->notes_cap, r->nnotes + 1, sizeof *r->notes);
        r->notes[r->nnotes++] = node;
    }
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children")) collect(child, r);
}

static void
relate(struct relating *r, size_t a, size_t b, int reason, const char *via)
{
    for (size_t i = 0; i < r->nrels; i++)
        if (r->rels[i].a == a && r->rels[i].b == b && r->rels[i].reason == reason &&
            strcmp(r->rels[i].via, via) == 0)
            return;
    r->rels = xgrow(r->rels, &r->rels_cap, r->nrels + 1, sizeof *r->rels);
    r->rels[r->nrels++] = (struct relation){a, b, reason, xstrdup(via)};
}

/* --- Reasons ----------------------------------------------------------------------------- */

/* Who a submitter is: the listed expert's address, else the name as printed. */
static const char *
submitter_id(const cJSON *sub)
{
    const char *expert = seg_str(sub, "expert");
    return expert != NULL ? expert : seg_str(sub, "name");
}

static void
relate_submitters(struct relating *r, size_t a, size_t b)
{
    const cJSON *x, *y;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(r->papers[a].node, "submitters"))
    {
        const char *id = submitter_id(x);
        cJSON_ArrayForEach(y, cJSON_GetObjectItemCaseSensitive(r->papers[b].node, "submitters"))
        {
            const char *other = submitter_id(y);
            if (id != NULL && other != NULL && strcmp(id, other) == 0)
                relate(r, a, b, SAME_SUBMITTER, id);
        }
    }
}

static bool
note_cites(const cJSON *note, const char *address)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(note, "refs"))
    {
        const char *to = seg_str(ref, "to");
        if (to != NULL && strcmp(to, address) == 0)
            return true;
    }
    return false;
}

static void
relate_citations(struct relating *r, size_t a, size_t b)
{
    for (size_t i = 0; i < r->nnotes; i++)
        if (note_cites(r->notes[i], r->papers[a].address) &&
            note_cites(r->notes[i], r->papers[b].address))
            relate(r, a, b, CITED_TOGETHER, seg_str(r->notes[i], "address"));
}

/* The key's characters with every subject phrase replaced by 0s, which match nothing. */
static void
cut_subjects(struct paper *p, const struct facts *facts)
{
    p->cut = u8_to_u32((const uint8_t *)p->key, strlen(p->key), NULL, &p->ncut);
    if (p->ncut > MAX_TITLE_CHARS)
        p->ncut = MAX_TITLE_CHARS; /* a title is short; anything longer is not compared whole */
    for (size_t s = 0; s < facts->nsubjects; s++) {
        size_t m;
        ucs4_t *phrase =
            u8_to_u32((const uint8_t *)facts->subjects[s], strlen(facts->subjects[s]), NULL, &m);
        for (size_t i = 0; m > 0 && i + m <= p->ncut; i++)
            if (memcmp(p->cut + i, phrase, m * sizeof *phrase) == 0)
                memset(p->cut + i, 0, m * sizeof *phrase);
        free(phrase);
    }
}

/* The longest common run of x and y without a 0 in it: its start in x and its length. */
static size_t
longest_run(const ucs4_t *x, size_t nx, const ucs4_t *y, size_t ny, size_t *start)
{
    size_t *row = xcalloc(ny + 1, sizeof *row), best = 0;
    for (size_t i = 1; i <= nx; i++) {
        size_t diag = 0;
        for (size_t j = 1; j <= ny; j++) {
            size_t up = row[j];
            row[j] = x[i - 1] != 0 && x[i - 1] == y[j - 1] ? diag + 1 : 0;
            if (row[j] > best) {
                best = row[j];
                *start = i - best;
            }
            diag = up;
        }
    }
    free(row);
    return best;
}

static void
relate_titles(struct relating *r, size_t a, size_t b)
{
    const struct paper *x = &r->papers[a], *y = &r->papers[b];
    if (x->key[0] != '\0' && strcmp(x->key, y->key) == 0) {
        relate(r, a, b, SAME_TITLE, x->key);
        return;
    }
    size_t start = 0, n = longest_run(x->cut, x->ncut, y->cut, y->ncut, &start);
    if (n < MIN_OVERLAP)
        return;
    size_t len;
    uint8_t *via = u32_to_u8(x->cut + start, n, NULL, &len);
    char *s = xstrndup((const char *)via, len);
    relate(r, a, b, OVERLAPPING_TITLE, s);
    free(s);
    free(via);
}

/* --- Writing ----------------------------------------------------------------------------- */

/* Relation i seen from paper p, as a sort key: reason, then the other paper, then via. */
static int
compare_from(const struct relating *r, size_t p, const struct relation *x, const struct relation *y)
{
    size_t ox = x->a == p ? x->b : x->a, oy = y->a == p ? y->b : y->a;
    if (x->reason != y->reason)
        return x->reason < y->reason ? -1 : 1;
    if (ox != oy)
        return ox < oy ? -1 : 1;
    (void)r;
    return strcmp(x->via, y->via);
}

static void
write_relations(struct relating *r, size_t p)
{
    const struct relation **mine = xcalloc(r->nrels + 1, sizeof *mine);
    size_t n = 0;
    for (size_t i = 0; i < r->nrels; i++)
        if (r->rels[i].a == p || r->rels[i].b == p)
            mine[n++] = &r->rels[i];
    for (size_t i = 1; i < n; i++) /* insertion sort: a paper has a handful */
        for (size_t j = i; j > 0 && compare_from(r, p, mine[j - 1], mine[j]) > 0; j--) {
            const struct relation *t = mine[j];
            mine[j] = mine[j - 1];
            mine[j - 1] = t;
        }
    cJSON *arr = n ? cJSON_AddArrayToObject(r->papers[p].node, "related") : NULL;
    for (size_t i = 0; i < n; i++) {
        size_t other = mine[i]->a == p ? mine[i]->b : mine[i]->a;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "to", r->papers[other].address);
        cJSON_AddStringToObject(o, "reason", reasons[mine[i]->reason]);
        cJSON_AddStringToObject(o, "via", mine[i]->via);
        cJSON_AddItemToArray(arr, o);
    }
    free(mine);
}

static void
relating_free(struct relating *r)
{
    for (size_t i = 0; i < r->npapers; i++) {
        free(r->papers[i].key);
        free(r->papers[i].cut);
    }
    for (size_t i = 0; i < r->nrels; i++)
        free(r->rels[i].via);
    free(r->papers);
    free(r->notes);
    free(r->rels);
}

void
seg_relate_papers(cJSON *document, const struct seg_ctx *ctx)
{
    struct relating r = {0};
    collect(document, &r);
    for (size_t i = 0; i < r.npapers; i++) {
        const char *title = seg_str(r.papers[i].node, "title");
        r.papers[i].key = title_key(title ? title : "");
        cut_subjects(&r.papers[i], ctx->facts);
    }
    for (size_t a = 0; a < r.npapers; a++)
        for (size_t b = a + 1; b < r.npapers; b++) {
            relate_submitters(&r, a, b);
            relate_citations(&r, a, b);
            relate_titles(&r, a, b);
        }
    for (size_t p = 0; p < r.npapers; p++)
        write_relations(&r, p);
    relating_free(&r);
}
