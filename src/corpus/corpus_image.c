/* Writing a corpus image: the field tables, the hash, and the serialiser. */
#include "corpus/corpus_image.h"

#include <stdlib.h>
#include <string.h>

#include "corpus/image_format.h"
#include "util/xalloc.h"

_Static_assert(sizeof(uintptr_t) == sizeof(void *), "pointers are written as uintptr_t");

/* --- Field tables ------------------------------------------------------------------------ */

#define STR(type, member)                                                                          \
    {                                                                                              \
        FIELD_STRING, offsetof(type, member), 0, 0                                                 \
    }
#define STR_REQ(type, member)                                                                      \
    {                                                                                              \
        FIELD_STRING_REQUIRED, offsetof(type, member), 0, 0                                        \
    }
#define NODE(type, member)                                                                         \
    {                                                                                              \
        FIELD_NODE, offsetof(type, member), 0, 0                                                   \
    }
#define ARRAY(kind, type, member, n)                                                               \
    {                                                                                              \
        kind, offsetof(type, member), offsetof(type, n), 0                                         \
    }
#define BOOL(type, member)                                                                         \
    {                                                                                              \
        FIELD_BOOL, offsetof(type, member), 0, 0                                                   \
    }
#define ENUM(type, member, limit)                                                                  \
    {                                                                                              \
        FIELD_ENUM, offsetof(type, member), 0, limit                                               \
    }
#define RECORD(type, fields)                                                                       \
    {                                                                                              \
        sizeof(type), fields, sizeof fields / sizeof fields[0]                                     \
    }

static const struct image_field node_fields[] = {
    STR_REQ(struct node, address),
    ENUM(struct node, kind, NODE_KIND_COUNT),
    STR(struct node, label),
    STR(struct node, title),
    STR_REQ(struct node, text),
    NODE(struct node, parent),
    NODE(struct node, document),
    ARRAY(FIELD_NODES, struct node, children, nchildren),
    ARRAY(FIELD_REFS, struct node, refs, nrefs),
    ARRAY(FIELD_NODES, struct node, cited_by.v, cited_by.n),
};

static const struct image_field document_fields[] = {
    STR(struct node, u.document.symbol),
};

static const struct image_field expert_fields[] = {
    STR(struct node, u.expert.name),
    ARRAY(FIELD_STRINGS, struct node, u.expert.aliases, u.expert.naliases),
    STR(struct node, u.expert.country),
    STR(struct node, u.expert.iso3),
    ARRAY(FIELD_INTS, struct node, u.expert.sessions, u.expert.nsessions),
    STR(struct node, u.expert.sessions_note),
    STR(struct node, u.expert.role),
    BOOL(struct node, u.expert.alternate),
    NODE(struct node, u.expert.country_node),
};

static const struct image_field paper_fields[] = {
    STR(struct node, u.paper.symbol),
    ARRAY(FIELD_SUBMITTERS, struct node, u.paper.submitters, u.paper.nsubmitters),
    BOOL(struct node, u.paper.cited),
    ARRAY(FIELD_RELATIONS, struct node, u.paper.relations, u.paper.nrelations),
};

static const struct image_field paper_list_fields[] = {
    ARRAY(FIELD_STRINGS, struct node, u.paper_list.columns, u.paper_list.ncolumns),
};

static const struct image_field response_fields[] = {
    STR(struct node, u.response.country),   STR(struct node, u.response.iso3),
    STR(struct node, u.response.language),  STR(struct node, u.response.date),
    STR(struct node, u.response.date_text),
};

static const struct image_field country_fields[] = {
    STR(struct node, u.country.iso3),
    STR(struct node, u.country.name),
    STR(struct node, u.country.english),
    ARRAY(FIELD_STRINGS, struct node, u.country.aliases, u.country.naliases),
    ARRAY(FIELD_NODES, struct node, u.country.experts.v, u.country.experts.n),
    ARRAY(FIELD_NODES, struct node, u.country.working_papers.v, u.country.working_papers.n),
    ARRAY(FIELD_NODES, struct node, u.country.responses.v, u.country.responses.n),
};

static const struct image_field external_fields[] = {
    STR(struct node, u.external.symbol),
    ENUM(struct node, u.external.document_kind, REF_KIND_COUNT),
};

static const struct image_field ref_fields[] = {
    STR_REQ(struct ref, to),    ENUM(struct ref, kind, REF_KIND_COUNT),
    BOOL(struct ref, external), BOOL(struct ref, in_text),
    BOOL(struct ref, in_title), NODE(struct ref, target),
};

static const struct image_field submitter_fields[] = {
    STR(struct submitter, name),           STR(struct submitter, honorific),
    STR(struct submitter, country),        STR(struct submitter, iso3),
    STR(struct submitter, expert_address), NODE(struct submitter, expert),
    STR(struct submitter, footnote),
};

static const struct image_field relation_fields[] = {
    STR_REQ(struct relation, to),    ENUM(struct relation, kind, RELATION_KIND_COUNT),
    STR_REQ(struct relation, via),   NODE(struct relation, target),
    NODE(struct relation, via_node),
};

const struct image_record image_node_record = RECORD(struct node, node_fields);
const struct image_record image_ref_record = RECORD(struct ref, ref_fields);
const struct image_record image_submitter_record = RECORD(struct submitter, submitter_fields);
const struct image_record image_relation_record = RECORD(struct relation, relation_fields);

/* Kinds without members of their own have no fields. */
const struct image_record image_node_kind_records[NODE_KIND_COUNT] = {
    [NODE_DOCUMENT] = RECORD(struct node, document_fields),
    [NODE_EXPERT] = RECORD(struct node, expert_fields),
    [NODE_WORKING_PAPER] = RECORD(struct node, paper_fields),
    [NODE_WORKING_PAPER_LIST] = RECORD(struct node, paper_list_fields),
    [NODE_RESPONSE] = RECORD(struct node, response_fields),
    [NODE_COUNTRY] = RECORD(struct node, country_fields),
    [NODE_EXTERNAL] = RECORD(struct node, external_fields),
};

enum image_section
image_field_section(enum image_field_type type, size_t *elem_size)
{
    switch (type) {
    case FIELD_NODES:
        *elem_size = sizeof(struct node *);
        return SEC_NODE_PTRS;
    case FIELD_STRINGS:
        *elem_size = sizeof(const char *);
        return SEC_STRING_PTRS;
    case FIELD_INTS:
        *elem_size = sizeof(int);
        return SEC_INTS;
    case FIELD_REFS:
        *elem_size = sizeof(struct ref);
        return SEC_REFS;
    case FIELD_SUBMITTERS:
        *elem_size = sizeof(struct submitter);
        return SEC_SUBMITTERS;
    default:
        *elem_size = sizeof(struct relation);
        return SEC_RELATIONS;
    }
}

/* --- Hash -------------------------------------------------------------------------------- */

#define PRIME1 0x9E3779B185EBCA87u
#define PRIME2 0xC2B2AE3D27D4EB4Fu
#define PRIME3 0x165667B19E3779F9u

static uint64_t
rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t
load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t
mix(uint64_t acc, uint64_t lane)
{
    return rotl(acc + lane * PRIME2, 31) * PRIME1;
}

static uint64_t
avalanche(uint64_t h)
{
    h ^= h >> 33;
    h *= PRIME2;
    h ^= h >> 29;
    h *= PRIME3;
    return h ^ (h >> 32);
}

/* Eight independent lanes of 8 bytes, as xxHash has four, so that the loop runs near memory
 * speed: the checksum covers every byte of the image at every start. */
uint64_t
corpus_image_hash(const void *data, size_t nbytes, uint64_t seed)
{
    const unsigned char *p = data, *end = p + nbytes;
    uint64_t acc[8];
    for (int i = 0; i < 8; i++)
        acc[i] = seed + PRIME1 * (uint64_t)(i + 1);
    for (; end - p >= 64; p += 64) { /* spelt out, so that the lanes stay in registers */
        acc[0] = mix(acc[0], load64(p));
        acc[1] = mix(acc[1], load64(p + 8));
        acc[2] = mix(acc[2], load64(p + 16));
        acc[3] = mix(acc[3], load64(p + 24));
        acc[4] = mix(acc[4], load64(p + 32));
        acc[5] = mix(acc[5], load64(p + 40));
        acc[6] = mix(acc[6], load64(p + 48));
        acc[7] = mix(acc[7], load64(p + 56));
    }
    uint64_t h = (uint64_t)nbytes * PRIME3;
    for (int i = 0; i < 8; i++)
        h = rotl(h ^ mix(0, acc[i]), 27) * PRIME1 + PRIME3;
    for (; end - p >= 8; p += 8)
        h = rotl(h ^ mix(0, load64(p)), 27) * PRIME1 + PRIME3;
    for (; p < end; p++)
        h = rotl(h ^ (*p * PRIME1), 11) * PRIME2;
    return avalanche(h);
}

/* --- Layout ------------------------------------------------------------------------------ */

static uint64_t
hash_record(uint64_t h, const struct image_record *rec)
{
    h = corpus_image_hash(&rec->size, sizeof rec->size, h);
    for (size_t i = 0; i < rec->nfields; i++) {
        const struct image_field *f = &rec->fields[i];
        const uint64_t v[] = {f->type, f->offset, f->count, (uint64_t)f->limit};
        h = corpus_image_hash(v, sizeof v, h); /* member by member: no padding hashed */
    }
    return h;
}

uint64_t
image_layout(void)
{
    const size_t sizes[] = {sizeof(struct image_header),
                            sizeof(struct image_source),
                            sizeof(struct image_warning),
                            sizeof(void *),
                            sizeof(size_t),
                            sizeof(int),
                            sizeof(bool),
                            sizeof(enum node_kind)};
    uint64_t h = corpus_image_hash(sizes, sizeof sizes, CORPUS_IMAGE_VERSION);
    h = hash_record(h, &image_node_record);
    h = hash_record(h, &image_ref_record);
    h = hash_record(h, &image_submitter_record);
    h = hash_record(h, &image_relation_record);
    for (int k = 0; k < NODE_KIND_COUNT; k++)
        h = hash_record(h, &image_node_kind_records[k]);
    return h;
}

/* --- Writer ------------------------------------------------------------------------------ */

/* Runs twice: first without a buffer, to measure the sections, then writing them. */
struct writer {
    unsigned char *buf;        /* NULL while measuring */
    uint64_t start[SEC_COUNT]; /* of each section (0 while measuring) */
    uint64_t used[SEC_COUNT];  /* bytes taken so far */
    struct node *const *order; /* the corpus's document order */
    size_t norder;
    bool ok; /* false once a pointer leads to a node outside the order */
    const void *attachment;
    size_t attachment_nbytes;
};

static uint64_t
reserve(struct writer *w, enum image_section sec, uint64_t nbytes)
{
    uint64_t off = w->start[sec] + w->used[sec];
    w->used[sec] += nbytes;
    return off;
}

static unsigned char *
at(const struct writer *w, uint64_t off)
{
    return w->buf != NULL ? w->buf + off : NULL;
}

static void
put_offset(unsigned char *field, uint64_t off)
{
    uintptr_t u = (uintptr_t)off;
    memcpy(field, &u, sizeof u);
}

static const void *
get_pointer(const unsigned char *field)
{
    const void *p;
    memcpy(&p, field, sizeof p);
    return p;
}

static size_t
get_size(const unsigned char *field)
{
    size_t n;
    memcpy(&n, field, sizeof n);
    return n;
}

static uint64_t
put_string(struct writer *w, const char *s)
{
    if (s == NULL)
        return 0;
    size_t n = strlen(s) + 1;
    uint64_t off = reserve(w, SEC_STRINGS, n);
    if (w->buf != NULL)
        memcpy(at(w, off), s, n);
    return off;
}

static uint64_t
node_offset(struct writer *w, const struct node *node)
{
    if (node == NULL)
        return 0;
    if (node->order >= w->norder || w->order[node->order] != node) {
        w->ok = false;
        return 0;
    }
    return w->start[SEC_NODES] + node->order * sizeof(struct node);
}

/* An array of pointers (to nodes, or strings), each written as an offset. */
static uint64_t
put_pointers(struct writer *w, enum image_field_type type, const void *v, size_t n)
{
    size_t elem;
    enum image_section sec = image_field_section(type, &elem);
    uint64_t off = reserve(w, sec, n * elem);
    for (size_t i = 0; i < n; i++) {
        const void *p = get_pointer((const unsigned char *)v + i * elem);
        uint64_t value = type == FIELD_NODES ? node_offset(w, p) : put_string(w, p);
        if (w->buf != NULL)
            put_offset(at(w, off + i * elem), value);
    }
    return off;
}

static void write_record(struct writer *w, const struct image_record *rec, const void *src,
                         uint64_t off);

static const struct image_record *
array_record(enum image_field_type type)
{
    return type == FIELD_REFS         ? &image_ref_record
           : type == FIELD_SUBMITTERS ? &image_submitter_record
                                      : &image_relation_record;
}

/* An array field's elements into their section; returns where they went. */
static uint64_t
put_array(struct writer *w, enum image_field_type type, const void *v, size_t n)
{
    if (type == FIELD_NODES || type == FIELD_STRINGS)
        return put_pointers(w, type, v, n);
    size_t elem;
    enum image_section sec = image_field_section(type, &elem);
    uint64_t off = reserve(w, sec, n * elem);
    if (type == FIELD_INTS && w->buf != NULL)
        memcpy(at(w, off), v, n * elem);
    for (size_t i = 0; i < n && type != FIELD_INTS; i++)
        write_record(w, array_record(type), (const unsigned char *)v + i * elem, off + i * elem);
    return off;
}

/* The offset a pointer field of src is written as; its target is written on the way. */
static uint64_t
field_offset(struct writer *w, const unsigned char *src, const struct image_field *f)
{
    const void *p = get_pointer(src + f->offset);
    switch (f->type) {
    case FIELD_STRING:
    case FIELD_STRING_REQUIRED:
        return put_string(w, p);
    case FIELD_NODE:
        return node_offset(w, p);
    default:
        return p == NULL ? 0 : put_array(w, f->type, p, get_size(src + f->count));
    }
}

static void
write_fields(struct writer *w, const struct image_record *rec, const unsigned char *src,
             uint64_t off)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        const struct image_field *f = &rec->fields[i];
        if (f->type == FIELD_BOOL || f->type == FIELD_ENUM)
            continue; /* copied with the record */
        uint64_t value = field_offset(w, src, f);
        if (w->buf != NULL)
            put_offset(at(w, off + f->offset), value);
    }
}

static void
write_record(struct writer *w, const struct image_record *rec, const void *src, uint64_t off)
{
    if (w->buf != NULL)
        memcpy(at(w, off), src, rec->size);
    write_fields(w, rec, src, off);
}

static void
write_nodes(struct writer *w)
{
    uint64_t off = reserve(w, SEC_NODES, w->norder * sizeof(struct node));
    for (size_t i = 0; i < w->norder; i++) {
        const struct node *node = w->order[i];
        uint64_t at_node = off + i * sizeof *node;
        write_record(w, &image_node_record, node, at_node);
        if ((unsigned)node->kind < NODE_KIND_COUNT)
            write_fields(w, &image_node_kind_records[node->kind], (const unsigned char *)node,
                         at_node);
    }
}

static void
write_slots(struct writer *w, struct node *const *slots, size_t nslots)
{
    uint64_t off = reserve(w, SEC_SLOTS, nslots * sizeof *slots);
    for (size_t i = 0; i < nslots && w->buf != NULL; i++)
        put_offset(at(w, off + i * sizeof *slots), node_offset(w, slots[i]));
}

static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void
write_sources(struct writer *w, const struct corpus_sources *sources)
{
    uint64_t off = reserve(w, SEC_SOURCES, sources->n * sizeof(struct image_source));
    for (size_t i = 0; i < sources->n; i++) {
        const struct corpus_source_file *f = &sources->v[i];
        struct image_source rec = {put_string(w, base_name(f->path)),
                                   f->dir,
                                   f->size,
                                   f->ino,
                                   f->dev,
                                   f->hash,
                                   f->mtime_ns,
                                   f->ctime_ns};
        if (w->buf != NULL)
            memcpy(at(w, off + i * sizeof rec), &rec, sizeof rec);
    }
}

/* The warning's file as an index into the sources, so that it is named by today's path. */
static uint64_t
source_index(const struct corpus_sources *sources, const char *file)
{
    for (size_t i = 0; i < sources->n; i++)
        if (strcmp(sources->v[i].path, file) == 0)
            return i;
    return UINT64_MAX;
}

static void
write_warnings(struct writer *w, const struct corpus_sources *sources,
               const struct corpus_report *warnings)
{
    size_t n = warnings ? warnings->n : 0;
    uint64_t off = reserve(w, SEC_WARNINGS, n * sizeof(struct image_warning));
    for (size_t i = 0; i < n; i++) {
        const struct diag *d = &warnings->v[i];
        struct image_warning rec = {.source = source_index(sources, d->file)};
        rec.file = rec.source == UINT64_MAX ? put_string(w, d->file) : 0;
        rec.msg = put_string(w, d->msg);
        rec.line = d->line;
        rec.col = d->col;
        if (w->buf != NULL)
            memcpy(at(w, off + i * sizeof rec), &rec, sizeof rec);
    }
}

static void
write_attachment(struct writer *w, const void *bytes, size_t nbytes)
{
    uint64_t off = reserve(w, SEC_ATTACHMENT, nbytes);
    if (w->buf != NULL && nbytes > 0)
        memcpy(at(w, off), bytes, nbytes);
}

static void
write_all(struct writer *w, const struct corpus *corpus, const struct corpus_sources *sources,
          const struct corpus_report *warnings)
{
    size_t nslots, nindexed;
    struct node *const *slots = corpus_index_slots(corpus, &nslots, &nindexed);
    memset(w->used, 0, sizeof w->used);
    put_string(w, ""); /* the section begins with a NUL, so it ends with one */
    write_nodes(w);
    write_slots(w, slots, nslots);
    write_sources(w, sources);
    write_warnings(w, sources, warnings);
    write_attachment(w, w->attachment, w->attachment_nbytes);
}

static uint64_t
align_up(uint64_t n)
{
    return (n + IMAGE_ALIGN - 1) / IMAGE_ALIGN * IMAGE_ALIGN;
}

static uint64_t
lay_out(struct writer *w)
{
    uint64_t off = align_up(sizeof(struct image_header));
    for (int s = 0; s < SEC_COUNT; s++) {
        w->start[s] = off;
        off = align_up(off + w->used[s]);
    }
    return off;
}

static void
fill_header(const struct writer *w, const struct corpus *corpus, uint64_t nbytes)
{
    struct image_header h = {.version = CORPUS_IMAGE_VERSION,
                             .byte_order = IMAGE_BYTE_ORDER,
                             .layout = image_layout(),
                             .nbytes = nbytes};
    memcpy(h.magic, IMAGE_MAGIC, sizeof h.magic);
    size_t nslots, nindexed;
    corpus_index_slots(corpus, &nslots, &nindexed);
    h.nslots = nslots;
    h.nindexed = nindexed;
    for (int s = 0; s < SEC_COUNT; s++)
        h.sections[s] = (struct image_span){w->start[s], w->used[s]};
    memcpy(w->buf, &h, sizeof h);
    size_t from = offsetof(struct image_header, checksum) + sizeof h.checksum;
    h.checksum = corpus_image_hash(w->buf + from, nbytes - from, 0);
    memcpy(w->buf + offsetof(struct image_header, checksum), &h.checksum, sizeof h.checksum);
}

char *
corpus_image_build(const struct corpus *corpus, const struct corpus_sources *sources,
                   const struct corpus_report *warnings, size_t *nbytes)
{
    size_t n;
    const void *attachment = corpus_attachment(corpus, &n);
    return corpus_image_build_with(corpus, sources, warnings, attachment, n, nbytes);
}

char *
corpus_image_build_with(const struct corpus *corpus, const struct corpus_sources *sources,
                        const struct corpus_report *warnings, const void *attachment,
                        size_t attachment_nbytes, size_t *nbytes)
{
    struct writer w = {
        .ok = true, .attachment = attachment, .attachment_nbytes = attachment_nbytes};
    w.order = corpus_nodes(corpus, &w.norder);
    write_all(&w, corpus, sources, warnings);
    uint64_t total = lay_out(&w);
    w.buf = xcalloc(1, total);
    write_all(&w, corpus, sources, warnings);
    if (!w.ok) {
        free(w.buf);
        return NULL;
    }
    fill_header(&w, corpus, total);
    *nbytes = total;
    return (char *)w.buf;
}
