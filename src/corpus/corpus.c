/* The in-memory corpus: arena, address index, document order and derived links. */
#include "corpus/corpus.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/xalloc.h"

#define ARENA_CHUNK_BYTES (64u * 1024u)
#define SUGGEST_MAX_LEN 128  /* longer addresses are no typos worth a suggestion */
#define SUGGEST_NAMES_MAX 16 /* names compared per node, its address included */

/* One block of arena memory; blocks form a list, newest first. */
struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

struct corpus {
    struct arena_chunk *arena; /* NULL when the corpus is a mapped image */
    void *map;                 /* the mapped image (corpus_image.h), or NULL */
    size_t map_nbytes;
    struct node **slots; /* open-addressing hash of nodes by address; in the map if any */
    size_t nslots, nindexed;
    struct node **documents;
    size_t ndocuments, documents_cap;
    struct node **countries;
    size_t ncountries, countries_cap;
    struct node **externals;
    size_t nexternals, externals_cap;
    struct node **order; /* document order; built by corpus_link */
    size_t norder;
    const void *attachment; /* in the map: corpus_attachment() */
    size_t attachment_nbytes;
};

static const char *const node_kind_names[NODE_KIND_COUNT] = {
    [NODE_DOCUMENT] = "document",
    [NODE_FRONT_MATTER] = "front-matter",
    [NODE_CHAPTER] = "chapter",
    [NODE_SECTION] = "section",
    [NODE_PARAGRAPH] = "paragraph",
    [NODE_ITEM] = "item",
    [NODE_HEADING] = "heading",
    [NODE_FOOTNOTE] = "footnote",
    [NODE_ANNEX] = "annex",
    [NODE_EXPERT_LIST] = "expert-list",
    [NODE_EXPERT] = "expert",
    [NODE_WORKING_PAPER_LIST] = "working-paper-list",
    [NODE_WORKING_PAPER] = "working-paper",
    [NODE_RESPONSE] = "response",
    [NODE_COUNTRY] = "country",
    [NODE_EXTERNAL] = "external",
};

static const char *const ref_kind_names[REF_KIND_COUNT] = {
    [REF_FOOTNOTE] = "footnote",
    [REF_DOCUMENT] = "document",
    [REF_RESOLUTION] = "resolution",
    [REF_WORKING_PAPER] = "working-paper",
    [REF_COUNTRY] = "country",
    [REF_EXPERT] = "expert",
    [REF_ANNEX] = "annex",
    [REF_CHAPTER] = "chapter",
    [REF_SECTION] = "section",
    [REF_PARAGRAPH] = "paragraph",
    [REF_IBID] = "ibid",
};

static const char *const relation_kind_names[RELATION_KIND_COUNT] = {
    [RELATION_SAME_SUBMITTER] = "same-submitter",
    [RELATION_CITED_TOGETHER] = "cited-together",
    [RELATION_SAME_TITLE] = "same-title",
    [RELATION_OVERLAPPING_TITLE] = "overlapping-title",
};

/* --- Names --------------------------------------------------------------------------- */

static int
name_index(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *
node_kind_name(enum node_kind kind)
{
    return (unsigned)kind < NODE_KIND_COUNT ? node_kind_names[kind] : "?";
}

bool
node_kind_parse(const char *name, enum node_kind *kind)
{
    int i = name_index(node_kind_names, NODE_KIND_COUNT, name);
    if (i >= 0)
        *kind = (enum node_kind)i;
    return i >= 0;
}

const char *
ref_kind_name(enum ref_kind kind)
{
    return (unsigned)kind < REF_KIND_COUNT ? ref_kind_names[kind] : "?";
}

bool
ref_kind_parse(const char *name, enum ref_kind *kind)
{
    int i = name_index(ref_kind_names, REF_KIND_COUNT, name);
    if (i >= 0)
        *kind = (enum ref_kind)i;
    return i >= 0;
}

const char *
relation_kind_name(enum relation_kind kind)
{
    return (unsigned)kind < RELATION_KIND_COUNT ? relation_kind_names[kind] : "?";
}

bool
relation_kind_parse(const char *name, enum relation_kind *kind)
{
    int i = name_index(relation_kind_names, RELATION_KIND_COUNT, name);
    if (i >= 0)
        *kind = (enum relation_kind)i;
    return i >= 0;
}

const char *
node_display_title(const struct node *node)
{
    const char *s = node->title;
    if (s == NULL && node->kind == NODE_EXPERT)
        s = node->u.expert.name;
    else if (s == NULL && node->kind == NODE_RESPONSE)
        s = node->u.response.country;
    else if (s == NULL && node->kind == NODE_COUNTRY)
        s = node->u.country.name;
    else if (s == NULL && node->kind == NODE_EXTERNAL)
        s = node->u.external.symbol;
    return s ? s : "";
}

/* --- Arena --------------------------------------------------------------------------- */

void *
corpus_alloc(struct corpus *corpus, size_t nbytes)
{
    size_t align = alignof(max_align_t);
    nbytes = (nbytes + align - 1) / align * align;
    struct arena_chunk *ch = corpus->arena;
    if (ch == NULL || ch->cap - ch->used < nbytes) {
        size_t cap = nbytes > ARENA_CHUNK_BYTES ? nbytes : ARENA_CHUNK_BYTES;
        ch = xmalloc(sizeof *ch + cap);
        ch->used = 0;
        ch->cap = cap;
        ch->next = corpus->arena;
        corpus->arena = ch;
    }
    void *p = ch->data + ch->used;
    ch->used += nbytes;
    return memset(p, 0, nbytes);
}

const char *
corpus_strndup(struct corpus *corpus, const char *s, size_t nbytes)
{
    char *p = corpus_alloc(corpus, nbytes + 1);
    memcpy(p, s, nbytes);
    return p;
}

const char *
corpus_strdup(struct corpus *corpus, const char *s)
{
    return corpus_strndup(corpus, s, strlen(s));
}

struct corpus *
corpus_new(void)
{
    return xcalloc(1, sizeof(struct corpus));
}

struct node *
corpus_node_new(struct corpus *corpus, enum node_kind kind)
{
    struct node *node = corpus_alloc(corpus, sizeof *node);
    node->kind = kind;
    node->number = -1;
    node->text = "";
    return node;
}

bool
corpus_is_mapped(const struct corpus *corpus)
{
    return corpus->map != NULL;
}

void
corpus_free(struct corpus *corpus)
{
    if (corpus == NULL)
        return;
    struct arena_chunk *ch = corpus->arena;
    while (ch != NULL) {
        struct arena_chunk *next = ch->next;
        free(ch);
        ch = next;
    }
    if (corpus->map != NULL)
        munmap(corpus->map, corpus->map_nbytes);
    else
        free(corpus->slots);
    free(corpus->documents);
    free(corpus->countries);
    free(corpus->externals);
    free(corpus->order);
    free(corpus);
}

/* --- Address index ------------------------------------------------------------------- */

/* FNV-1a: addresses are short, and the table is rebuilt only while loading. */
static size_t
address_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* The slot holding `address`, or the empty slot where it would go. */
static struct node **
index_slot(struct node **slots, size_t nslots, const char *address)
{
    size_t i = address_hash(address) & (nslots - 1);
    while (slots[i] != NULL && strcmp(slots[i]->address, address) != 0)
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static void
index_grow(struct corpus *corpus)
{
    size_t nslots = corpus->nslots ? corpus->nslots * 2 : 256;
    struct node **slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < corpus->nslots; i++)
        if (corpus->slots[i] != NULL)
            *index_slot(slots, nslots, corpus->slots[i]->address) = corpus->slots[i];
    free(corpus->slots);
    corpus->slots = slots;
    corpus->nslots = nslots;
}

struct node *
corpus_index_node(struct corpus *corpus, struct node *node)
{
    if ((corpus->nindexed + 1) * 10 > corpus->nslots * 7)
        index_grow(corpus);
    struct node **slot = index_slot(corpus->slots, corpus->nslots, node->address);
    if (*slot != NULL)
        return *slot;
    *slot = node;
    corpus->nindexed++;
    return NULL;
}

void
corpus_reindex_node(struct corpus *corpus, struct node *node)
{
    *index_slot(corpus->slots, corpus->nslots, node->address) = node;
}

struct node *const *
corpus_index_slots(const struct corpus *corpus, size_t *nslots, size_t *nindexed)
{
    *nslots = corpus->nslots;
    *nindexed = corpus->nindexed;
    return corpus->slots;
}

struct node *
corpus_find(const struct corpus *corpus, const char *address)
{
    if (corpus->nslots == 0 || address == NULL)
        return NULL;
    return *index_slot(corpus->slots, corpus->nslots, address);
}

/* --- Lists --------------------------------------------------------------------------- */

void
corpus_add_document(struct corpus *corpus, struct node *document)
{
    corpus->documents = xgrow(corpus->documents, &corpus->documents_cap, corpus->ndocuments + 1,
                              sizeof *corpus->documents);
    corpus->documents[corpus->ndocuments++] = document;
}

void
corpus_add_country(struct corpus *corpus, struct node *country)
{
    corpus->countries = xgrow(corpus->countries, &corpus->countries_cap, corpus->ncountries + 1,
                              sizeof *corpus->countries);
    corpus->countries[corpus->ncountries++] = country;
}

void
corpus_add_external(struct corpus *corpus, struct node *external)
{
    corpus->externals = xgrow(corpus->externals, &corpus->externals_cap, corpus->nexternals + 1,
                              sizeof *corpus->externals);
    corpus->externals[corpus->nexternals++] = external;
}

struct node *const *
corpus_externals(const struct corpus *corpus, size_t *count)
{
    *count = corpus->nexternals;
    return corpus->externals;
}

struct node *const *
corpus_documents(const struct corpus *corpus, size_t *count)
{
    *count = corpus->ndocuments;
    return corpus->documents;
}

struct node *const *
corpus_countries(const struct corpus *corpus, size_t *count)
{
    *count = corpus->ncountries;
    return corpus->countries;
}

struct node *const *
corpus_nodes(const struct corpus *corpus, size_t *count)
{
    *count = corpus->norder;
    return corpus->order;
}

struct node *const *
corpus_subtree(const struct corpus *corpus, const struct node *node, size_t *count)
{
    if (node->order >= corpus->norder || corpus->order[node->order] != node) {
        *count = 0;
        return corpus->order;
    }
    *count = node->subtree_end - node->order;
    return corpus->order + node->order;
}

/* --- A mapped image ------------------------------------------------------------------ */

/* Appends every root of this kind, in document order, to the list. */
static void
add_roots(struct corpus *corpus, enum node_kind kind, void (*add)(struct corpus *, struct node *))
{
    for (size_t i = 0; i < corpus->norder; i++)
        if (corpus->order[i]->parent == NULL && corpus->order[i]->kind == kind)
            add(corpus, corpus->order[i]);
}

const void *
corpus_attachment(const struct corpus *corpus, size_t *nbytes)
{
    *nbytes = corpus->attachment_nbytes;
    return corpus->attachment;
}

struct corpus *
corpus_new_mapped(const struct corpus_mapping *m)
{
    struct corpus *corpus = corpus_new();
    corpus->map = m->map;
    corpus->map_nbytes = m->map_nbytes;
    corpus->slots = m->slots;
    corpus->nslots = m->nslots;
    corpus->nindexed = m->nindexed;
    corpus->attachment = m->attachment_nbytes ? m->attachment : NULL;
    corpus->attachment_nbytes = m->attachment_nbytes;
    corpus->order = xcalloc(m->nnodes ? m->nnodes : 1, sizeof *corpus->order);
    for (corpus->norder = 0; corpus->norder < m->nnodes; corpus->norder++)
        corpus->order[corpus->norder] = &m->nodes[corpus->norder];
    add_roots(corpus, NODE_DOCUMENT, corpus_add_document);
    add_roots(corpus, NODE_COUNTRY, corpus_add_country);
    add_roots(corpus, NODE_EXTERNAL, corpus_add_external);
    return corpus;
}

/* --- Linking ------------------------------------------------------------------------- */

/* Numbers the subtree depth-first; depth is bounded by the loader's nesting limit. */
static void
link_subtree(struct corpus *corpus, struct node *node, struct node *document)
{
    node->document = document;
    node->order = corpus->norder;
    corpus->order[corpus->norder++] = node;
    for (size_t i = 0; i < node->nchildren; i++) {
        node->children[i]->parent = node;
        link_subtree(corpus, node->children[i], document);
    }
    node->subtree_end = corpus->norder;
}

static size_t
subtree_size(const struct node *node)
{
    size_t n = 1;
    for (size_t i = 0; i < node->nchildren; i++)
        n += subtree_size(node->children[i]);
    return n;
}

static int
compare_addresses(const void *a, const void *b)
{
    const struct node *const *x = a, *const *y = b;
    return strcmp((*x)->address, (*y)->address);
}

/* Drops the external documents the index does not hold: a loaded document took the
 * address, or another file listed the same symbol first. */
static void
keep_indexed_externals(struct corpus *corpus)
{
    size_t n = 0;
    for (size_t i = 0; i < corpus->nexternals; i++)
        if (corpus_find(corpus, corpus->externals[i]->address) == corpus->externals[i])
            corpus->externals[n++] = corpus->externals[i];
    corpus->nexternals = n;
}

static void
link_sorted(struct corpus *corpus, struct node **v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, compare_addresses);
    for (size_t i = 0; i < n; i++)
        link_subtree(corpus, v[i], NULL);
}

static void
link_order(struct corpus *corpus)
{
    keep_indexed_externals(corpus);
    size_t total = corpus->ncountries + corpus->nexternals;
    for (size_t i = 0; i < corpus->ndocuments; i++)
        total += subtree_size(corpus->documents[i]);
    corpus->order = xcalloc(total ? total : 1, sizeof *corpus->order);
    corpus->norder = 0;
    for (size_t i = 0; i < corpus->ndocuments; i++)
        link_subtree(corpus, corpus->documents[i], corpus->documents[i]);
    link_sorted(corpus, corpus->countries, corpus->ncountries);
    link_sorted(corpus, corpus->externals, corpus->nexternals);
}

/* Appends to a list whose array was sized by a counting pass; skips a repeat of the last
 * entry, so a node citing a target twice is listed once. */
static void
list_push(struct node_list *list, struct node *node)
{
    if (list->n > 0 && list->v[list->n - 1] == node)
        return;
    list->v[list->n++] = node;
}

static void
list_reserve(struct corpus *corpus, struct node_list *list)
{
    list->v = list->n ? corpus_alloc(corpus, list->n * sizeof *list->v) : NULL;
    list->n = 0;
}

/* Resolves every ref and fills cited_by in document order of the citing nodes. */
static void
link_refs(struct corpus *corpus)
{
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node *node = corpus->order[i];
        for (size_t r = 0; r < node->nrefs; r++) {
            struct ref *ref = &node->refs[r];
            ref->target = corpus_find(corpus, ref->to);
            if (ref->target != NULL)
                ref->target->cited_by.n++; /* counting pass; may overcount repeats */
        }
    }
    for (size_t i = 0; i < corpus->norder; i++)
        list_reserve(corpus, &corpus->order[i]->cited_by);
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node *node = corpus->order[i];
        for (size_t r = 0; r < node->nrefs; r++)
            if (node->refs[r].target != NULL)
                list_push(&node->refs[r].target->cited_by, node);
    }
}

static struct node *
find_country(const struct corpus *corpus, const char *iso3)
{
    struct node *country = iso3 ? corpus_find(corpus, iso3) : NULL;
    return country && country->kind == NODE_COUNTRY ? country : NULL;
}

/* Calls visit(country list, node) for every (country, node) pair the countries derive. */
static void
for_each_country_link(struct corpus *corpus, void (*visit)(struct node_list *, struct node *))
{
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node *node = corpus->order[i];
        struct node *country = NULL;
        if (node->kind == NODE_EXPERT && (country = find_country(corpus, node->u.expert.iso3)))
            visit(&country->u.country.experts, node);
        if (node->kind == NODE_RESPONSE && (country = find_country(corpus, node->u.response.iso3)))
            visit(&country->u.country.responses, node);
        if (node->kind != NODE_WORKING_PAPER)
            continue;
        for (size_t s = 0; s < node->u.paper.nsubmitters; s++)
            if ((country = find_country(corpus, node->u.paper.submitters[s].iso3)))
                visit(&country->u.country.working_papers, node);
    }
}

static void
count_link(struct node_list *list, struct node *node)
{
    (void)node;
    list->n++;
}

static void
link_countries(struct corpus *corpus)
{
    for_each_country_link(corpus, count_link);
    for (size_t i = 0; i < corpus->ncountries; i++) {
        struct node_country *c = &corpus->countries[i]->u.country;
        list_reserve(corpus, &c->experts);
        list_reserve(corpus, &c->working_papers);
        list_reserve(corpus, &c->responses);
    }
    for_each_country_link(corpus, list_push);
}

static void
link_expert_countries(struct corpus *corpus)
{
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node *node = corpus->order[i];
        if (node->kind == NODE_EXPERT)
            node->u.expert.country_node = find_country(corpus, node->u.expert.iso3);
    }
}

static void
link_submitters(struct corpus *corpus)
{
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node *node = corpus->order[i];
        if (node->kind != NODE_WORKING_PAPER)
            continue;
        for (size_t s = 0; s < node->u.paper.nsubmitters; s++) {
            struct submitter *sub = &node->u.paper.submitters[s];
            sub->expert = corpus_find(corpus, sub->expert_address);
        }
    }
}

/* A relation's `via` names a node for the reasons whose evidence is a node. */
static void
link_relations(struct corpus *corpus)
{
    for (size_t i = 0; i < corpus->norder; i++) {
        struct node_working_paper *p = &corpus->order[i]->u.paper;
        if (corpus->order[i]->kind != NODE_WORKING_PAPER)
            continue;
        for (size_t r = 0; r < p->nrelations; r++) {
            struct relation *rel = &p->relations[r];
            rel->target = corpus_find(corpus, rel->to);
            if (rel->kind == RELATION_SAME_SUBMITTER || rel->kind == RELATION_CITED_TOGETHER)
                rel->via_node = corpus_find(corpus, rel->via);
        }
    }
}

void
corpus_link(struct corpus *corpus)
{
    link_order(corpus);
    link_refs(corpus);
    link_submitters(corpus);
    link_relations(corpus);
    link_countries(corpus);
    link_expert_countries(corpus);
}

/* --- Suggestions --------------------------------------------------------------------- */

static unsigned char
ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Levenshtein distance over bytes, ASCII case folded; both strings at most
 * SUGGEST_MAX_LEN bytes. */
static size_t
edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t row[SUGGEST_MAX_LEN + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t cost =
                ascii_lower((unsigned char)a[i - 1]) != ascii_lower((unsigned char)b[j - 1]);
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

static size_t
shared_prefix(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && ascii_lower((unsigned char)a[n]) == ascii_lower((unsigned char)b[n]))
        n++;
    return n;
}

struct suggestion {
    const struct node *node;
    size_t distance, prefix;
};

/* True when x ranks before y. */
static bool
suggestion_better(const struct suggestion *x, const struct suggestion *y)
{
    if (x->distance != y->distance)
        return x->distance < y->distance;
    if (x->prefix != y->prefix)
        return x->prefix > y->prefix;
    return x->node->order < y->node->order;
}

/* Inserts s into the sorted best[0..*n) of capacity max. */
static void
suggestion_insert(struct suggestion *best, size_t *n, size_t max, const struct suggestion *s)
{
    size_t i = *n;
    while (i > 0 && suggestion_better(s, &best[i - 1]))
        i--;
    if (i >= max)
        return;
    size_t last = *n < max ? *n : max - 1;
    memmove(&best[i + 1], &best[i], (last - i) * sizeof *best);
    best[i] = *s;
    if (*n < max)
        (*n)++;
}

static size_t
country_names(const struct node_country *c, const char **out, size_t n)
{
    if (c->name != NULL)
        out[n++] = c->name;
    if (c->english != NULL)
        out[n++] = c->english;
    for (size_t i = 0; i < c->naliases && n < SUGGEST_NAMES_MAX; i++)
        out[n++] = c->aliases[i];
    return n;
}

/* The name and its last words, a surname being what people remember, then the expert's
 * other names. */
static size_t
expert_names(const struct node_expert *e, const char **out, size_t n)
{
    out[n++] = e->name;
    for (const char *p = strchr(e->name, ' '); p != NULL && n < SUGGEST_NAMES_MAX;
         p = strchr(p + 1, ' '))
        out[n++] = p + 1;
    for (size_t i = 0; i < e->naliases && n < SUGGEST_NAMES_MAX; i++)
        out[n++] = e->aliases[i];
    return n;
}

/* What a node may be typed as (resolve.h): its address, a country's or an expert's names. */
static size_t
node_names(const struct node *node, const char **out)
{
    out[0] = node->address;
    if (node->kind == NODE_COUNTRY)
        return country_names(&node->u.country, out, 1);
    if (node->kind == NODE_EXPERT && node->u.expert.name != NULL)
        return expert_names(&node->u.expert, out, 1);
    return 1;
}

/* The nearest of the node's names to `typed` into *best; false when all are too long. */
static bool
nearest_name(const struct node *node, const char *typed, size_t len, struct suggestion *best)
{
    const char *names[SUGGEST_NAMES_MAX];
    size_t n = node_names(node, names);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        size_t nlen = strlen(names[i]);
        if (nlen > SUGGEST_MAX_LEN)
            continue;
        struct suggestion s = {node, edit_distance(typed, len, names[i], nlen),
                               shared_prefix(typed, names[i])};
        if (!any || suggestion_better(&s, best))
            *best = s;
        any = true;
    }
    return any;
}

size_t
corpus_suggest(const struct corpus *corpus, const char *address, const struct node **out,
               size_t max)
{
    size_t len = strlen(address);
    if (max == 0 || len == 0 || len > SUGGEST_MAX_LEN)
        return 0;
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    struct suggestion *best = xcalloc(max, sizeof *best);
    size_t n = 0;
    for (size_t i = 0; i < corpus->norder; i++) {
        struct suggestion s;
        if (nearest_name(corpus->order[i], address, len, &s) &&
            (s.distance <= limit || s.prefix == len))
            suggestion_insert(best, &n, max, &s);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = best[i].node;
    free(best);
    return n;
}
