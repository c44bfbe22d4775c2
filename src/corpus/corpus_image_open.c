/* Opening a corpus image: the header and checksum, the sources, relocation with bounds checks,
 * and the checks of the tree it holds. */
#include "corpus/corpus_image.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus/image_format.h"
#include "util/regfile.h"
#include "util/xalloc.h"

_Static_assert(sizeof(enum node_kind) == sizeof(int), "enums are read as int");
_Static_assert(sizeof(enum ref_kind) == sizeof(int), "enums are read as int");
_Static_assert(sizeof(enum relation_kind) == sizeof(int), "enums are read as int");

struct reader {
    unsigned char *base; /* the mapping */
    size_t nbytes;
    struct image_header h;
    const char *name; /* for messages */
    struct diag *d;
};

static bool
fail(struct reader *r, const char *msg)
{
    return diag_set(r->d, r->name, 0, 0, "%s", msg);
}

static enum corpus_image_status
refuse(struct reader *r, enum corpus_image_status status, const char *msg)
{
    fail(r, msg);
    return status;
}

static const struct image_span *
span(const struct reader *r, enum image_section sec)
{
    return &r->h.sections[sec];
}

/* --- Header and sections ----------------------------------------------------------------- */

static enum corpus_image_status
check_header(struct reader *r)
{
    memcpy(&r->h, r->base, sizeof r->h);
    if (memcmp(r->h.magic, IMAGE_MAGIC, sizeof r->h.magic) != 0)
        return refuse(r, CORPUS_IMAGE_DAMAGED, "not a corpus image");
    if (r->h.version != CORPUS_IMAGE_VERSION || r->h.byte_order != IMAGE_BYTE_ORDER ||
        r->h.layout != image_layout())
        return refuse(r, CORPUS_IMAGE_FOREIGN, "written by another build of ndvr");
    if (r->h.nbytes != r->nbytes)
        return refuse(r, CORPUS_IMAGE_DAMAGED,
                      r->nbytes < r->h.nbytes ? "truncated" : "longer than its header says");
    size_t from = offsetof(struct image_header, checksum) + sizeof r->h.checksum;
    if (corpus_image_hash(r->base + from, r->nbytes - from, 0) != r->h.checksum)
        return refuse(r, CORPUS_IMAGE_DAMAGED, "checksum mismatch");
    return CORPUS_IMAGE_OK;
}

/* The size of each section's elements (1 for strings). */
static size_t
section_elem(enum image_section sec)
{
    static const size_t sizes[SEC_COUNT] = {
        [SEC_NODES] = sizeof(struct node),
        [SEC_REFS] = sizeof(struct ref),
        [SEC_SUBMITTERS] = sizeof(struct submitter),
        [SEC_RELATIONS] = sizeof(struct relation),
        [SEC_NODE_PTRS] = sizeof(struct node *),
        [SEC_STRING_PTRS] = sizeof(const char *),
        [SEC_SLOTS] = sizeof(struct node *),
        [SEC_INTS] = sizeof(int),
        [SEC_SOURCES] = sizeof(struct image_source),
        [SEC_WARNINGS] = sizeof(struct image_warning),
        [SEC_STRINGS] = 1,
        [SEC_ATTACHMENT] = 1,
    };
    return sizes[sec];
}

/* In file order, aligned, inside the file, whole elements. */
static bool
sections_in_bounds(const struct reader *r)
{
    uint64_t end = sizeof(struct image_header);
    for (int s = 0; s < SEC_COUNT; s++) {
        const struct image_span *sp = span(r, (enum image_section)s);
        if (sp->off % IMAGE_ALIGN != 0 || sp->off < end || sp->off > r->nbytes ||
            sp->nbytes > r->nbytes - sp->off || sp->nbytes % section_elem(s) != 0)
            return false;
        end = sp->off + sp->nbytes;
    }
    return true;
}

static bool
check_sections(struct reader *r)
{
    const struct image_span *strings = span(r, SEC_STRINGS);
    uint64_t nslots = r->h.nslots;
    if (!sections_in_bounds(r))
        return fail(r, "section table out of bounds");
    if (strings->nbytes == 0 || r->base[strings->off + strings->nbytes - 1] != '\0')
        return fail(r, "strings not terminated");
    if (span(r, SEC_SLOTS)->nbytes / sizeof(struct node *) != nslots ||
        (nslots & (nslots - 1)) != 0 || (nslots > 0 && r->h.nindexed >= nslots))
        return fail(r, "bad address index");
    return true;
}

/* --- Offsets ----------------------------------------------------------------------------- */

static bool
in_section(const struct reader *r, enum image_section sec, uint64_t off)
{
    const struct image_span *sp = span(r, sec);
    return off >= sp->off && off - sp->off < sp->nbytes;
}

static const char *
string_at(const struct reader *r, uint64_t off)
{
    return in_section(r, SEC_STRINGS, off) ? (const char *)r->base + off : NULL;
}

static bool
is_node(const struct reader *r, uint64_t off)
{
    return in_section(r, SEC_NODES, off) &&
           (off - span(r, SEC_NODES)->off) % sizeof(struct node) == 0;
}

/* count elements of the field's type at off, all inside their section (0 is NULL: none). */
static bool
is_array(const struct reader *r, enum image_field_type type, uint64_t off, size_t count)
{
    size_t elem;
    const struct image_span *sp = span(r, image_field_section(type, &elem));
    if (off == 0)
        return count == 0;
    return off >= sp->off && off - sp->off <= sp->nbytes && (off - sp->off) % elem == 0 &&
           count <= (sp->off + sp->nbytes - off) / elem;
}

static bool
offset_ok(const struct reader *r, const unsigned char *rec, const struct image_field *f,
          uint64_t off)
{
    size_t count;
    switch (f->type) {
    case FIELD_STRING:
        return off == 0 || string_at(r, off) != NULL;
    case FIELD_STRING_REQUIRED:
        return string_at(r, off) != NULL;
    case FIELD_NODE:
        return off == 0 || is_node(r, off);
    default:
        memcpy(&count, rec + f->count, sizeof count);
        return is_array(r, f->type, off, count);
    }
}

/* --- Relocation -------------------------------------------------------------------------- */

static bool
relocate_field(const struct reader *r, unsigned char *rec, const struct image_field *f)
{
    if (f->type == FIELD_BOOL)
        return rec[f->offset] <= 1;
    if (f->type == FIELD_ENUM) {
        int v;
        memcpy(&v, rec + f->offset, sizeof v);
        return v >= 0 && v < f->limit;
    }
    uintptr_t off;
    memcpy(&off, rec + f->offset, sizeof off);
    if (!offset_ok(r, rec, f, off))
        return false;
    void *p = off != 0 ? r->base + off : NULL;
    memcpy(rec + f->offset, &p, sizeof p);
    return true;
}

static bool
relocate_record(const struct reader *r, const struct image_record *rec, unsigned char *p)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (!relocate_field(r, p, &rec->fields[i]))
            return false;
    return true;
}

/* The common members first: the kind among them says which others the node has. */
static bool
relocate_node(const struct reader *r, unsigned char *p)
{
    if (!relocate_record(r, &image_node_record, p))
        return false;
    const struct node *node = (const struct node *)p;
    return relocate_record(r, &image_node_kind_records[node->kind], p);
}

static bool
relocate_records(struct reader *r, enum image_section sec, const struct image_record *rec)
{
    const struct image_span *sp = span(r, sec);
    for (uint64_t off = sp->off; off < sp->off + sp->nbytes; off += section_elem(sec)) {
        bool ok = sec == SEC_NODES ? relocate_node(r, r->base + off)
                                   : relocate_record(r, rec, r->base + off);
        if (!ok)
            return fail(r, "offset or value out of bounds");
    }
    return true;
}

/* Arrays of pointers: each element is checked once, whoever points at the array. */
static bool
relocate_pointers(struct reader *r, enum image_section sec)
{
    const struct image_span *sp = span(r, sec);
    for (uint64_t off = sp->off; off < sp->off + sp->nbytes; off += sizeof(uintptr_t)) {
        uintptr_t v;
        memcpy(&v, r->base + off, sizeof v);
        bool ok = sec == SEC_STRING_PTRS ? string_at(r, v) != NULL
                  : sec == SEC_NODE_PTRS ? is_node(r, v)
                                         : v == 0 || is_node(r, v);
        if (!ok)
            return fail(r, "pointer out of bounds");
        void *p = v != 0 ? r->base + v : NULL;
        memcpy(r->base + off, &p, sizeof p);
    }
    return true;
}

static bool
relocate_all(struct reader *r)
{
    return relocate_records(r, SEC_NODES, NULL) &&
           relocate_records(r, SEC_REFS, &image_ref_record) &&
           relocate_records(r, SEC_SUBMITTERS, &image_submitter_record) &&
           relocate_records(r, SEC_RELATIONS, &image_relation_record) &&
           relocate_pointers(r, SEC_NODE_PTRS) && relocate_pointers(r, SEC_STRING_PTRS) &&
           relocate_pointers(r, SEC_SLOTS);
}

/* --- The tree ---------------------------------------------------------------------------- */

/* What corpus_link() makes and the rest of the program relies on, so that no crafted image can
 * make it loop or read out of bounds. */
struct tree {
    struct reader *r;
    struct node *nodes;
    size_t n;
};

static bool
text_ok(const struct tree *t, const struct node *node)
{
    const struct image_span *sp = span(t->r, SEC_STRINGS);
    size_t at = (size_t)((const unsigned char *)node->text - t->r->base);
    /* no NUL inside either: text_len and strlen(text) must agree, whichever a reader uses */
    return node->text_len < sp->off + sp->nbytes - at && node->text[node->text_len] == '\0' &&
           memchr(node->text, '\0', node->text_len) == NULL;
}

static bool
span_ok(size_t at, size_t len, size_t n)
{
    return at <= n && len <= n - at;
}

static bool
refs_ok(const struct node *node)
{
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct ref *ref = &node->refs[i];
        if (ref->in_text && !span_ok(ref->at, ref->len, node->text_len))
            return false;
        if (ref->in_title &&
            (node->title == NULL || !span_ok(ref->at, ref->len, strlen(node->title))))
            return false;
    }
    return true;
}

/* The children are the subtrees that follow the node, one after another, to its end. */
static bool
children_ok(const struct tree *t, const struct node *node)
{
    size_t next = node->order + 1;
    for (size_t i = 0; i < node->nchildren; i++) {
        const struct node *c = node->children[i];
        if ((size_t)(c - t->nodes) != next || c->parent != node || c->subtree_end <= next ||
            c->subtree_end > node->subtree_end)
            return false;
        next = c->subtree_end;
    }
    return next == node->subtree_end;
}

/* Every node of the list is of that kind: what a country's lists hold is read as that kind's
 * members (an expert's sessions), so a pointer to a node of another kind must not pass. */
static bool
list_of_kind(const struct node_list *list, enum node_kind kind)
{
    for (size_t i = 0; i < list->n; i++)
        if (list->v[i]->kind != kind)
            return false;
    return true;
}

static bool
is_null_or(const struct node *node, enum node_kind kind)
{
    return node == NULL || node->kind == kind;
}

/* A paper's submitters are experts and its relations other papers. */
static bool
paper_links_ok(const struct node_working_paper *p)
{
    for (size_t i = 0; i < p->nsubmitters; i++)
        if (!is_null_or(p->submitters[i].expert, NODE_EXPERT))
            return false;
    for (size_t i = 0; i < p->nrelations; i++)
        if (!is_null_or(p->relations[i].target, NODE_WORKING_PAPER))
            return false;
    return true;
}

/* The derived pointers whose targets are read as a particular kind point to that kind. */
static bool
typed_links_ok(const struct node *node)
{
    if (node->kind == NODE_WORKING_PAPER)
        return paper_links_ok(&node->u.paper);
    if (node->kind != NODE_COUNTRY)
        return true;
    const struct node_country *c = &node->u.country;
    return list_of_kind(&c->experts, NODE_EXPERT) &&
           list_of_kind(&c->working_papers, NODE_WORKING_PAPER) &&
           list_of_kind(&c->responses, NODE_RESPONSE);
}

static bool
node_ok(const struct tree *t, size_t i)
{
    const struct node *node = &t->nodes[i];
    return node->order == i && node->subtree_end > i && node->subtree_end <= t->n &&
           text_ok(t, node) && refs_ok(node) && children_ok(t, node) && typed_links_ok(node);
}

/* The roots, documents then countries then external documents, cover the order. */
static bool
roots_ok(const struct tree *t)
{
    int phase = 0;
    for (size_t i = 0; i < t->n; i = t->nodes[i].subtree_end) {
        const struct node *root = &t->nodes[i];
        int kind = root->kind == NODE_DOCUMENT   ? 0
                   : root->kind == NODE_COUNTRY  ? 1
                   : root->kind == NODE_EXTERNAL ? 2
                                                 : -1;
        if (root->parent != NULL || kind < phase)
            return false;
        if (root->document != (kind == 0 ? root : NULL))
            return false;
        phase = kind;
    }
    return true;
}

static bool
is_root_kind(enum node_kind kind)
{
    return kind == NODE_DOCUMENT || kind == NODE_COUNTRY || kind == NODE_EXTERNAL;
}

/* Parents come before their children in the order, so one pass settles every depth. */
static bool
depths_ok(const struct tree *t)
{
    unsigned char *depth = xcalloc(t->n ? t->n : 1, 1);
    bool ok = true;
    for (size_t i = 0; i < t->n && ok; i++) {
        const struct node *node = &t->nodes[i], *parent = node->parent;
        if (parent == NULL)
            continue;
        depth[i] = (unsigned char)(depth[parent->order] + 1);
        ok = depth[i] <= CORPUS_MAX_DEPTH && !is_root_kind(node->kind) &&
             node->document == parent->document;
    }
    free(depth);
    return ok;
}

static bool
slots_ok(const struct reader *r)
{
    struct node *const *slots = (struct node *const *)(r->base + span(r, SEC_SLOTS)->off);
    uint64_t n = 0;
    for (uint64_t i = 0; i < r->h.nslots; i++)
        n += slots[i] != NULL;
    return n == r->h.nindexed;
}

static bool
check_tree(struct reader *r)
{
    struct tree t = {r, (struct node *)(r->base + span(r, SEC_NODES)->off),
                     span(r, SEC_NODES)->nbytes / sizeof(struct node)};
    for (size_t i = 0; i < t.n; i++)
        if (!node_ok(&t, i)) {
            char msg[64];
            snprintf(msg, sizeof msg, "node %zu is not part of a well-formed tree", i);
            return fail(r, msg);
        }
    if (!roots_ok(&t) || !depths_ok(&t))
        return fail(r, "the nodes do not form a corpus");
    return slots_ok(r) || fail(r, "bad address index");
}

/* --- Sources ----------------------------------------------------------------------------- */

static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static struct image_source
source_at(const struct reader *r, size_t i)
{
    struct image_source rec;
    memcpy(&rec, r->base + span(r, SEC_SOURCES)->off + i * sizeof rec, sizeof rec);
    return rec;
}

static bool
same_stat(const struct image_source *rec, const struct corpus_source_file *f)
{
    return rec->mtime_ns == f->mtime_ns && rec->ctime_ns == f->ctime_ns && rec->ino == f->ino &&
           rec->dev == f->dev;
}

static enum corpus_image_status
stale(struct reader *r, const char *what, const char *path)
{
    diag_set(r->d, r->name, 0, 0, "%s %s", path, what);
    return CORPUS_IMAGE_STALE;
}

/* A file is unchanged when its stat is, or else its contents' hash. */
static enum corpus_image_status
check_source(struct reader *r, const struct image_source *rec, struct corpus_source_file *f,
             bool *restat)
{
    const char *name = string_at(r, rec->name);
    if (name == NULL || rec->dir != f->dir || strcmp(name, base_name(f->path)) != 0)
        return stale(r, "is new", f->path);
    if (rec->size != f->size)
        return stale(r, "has changed", f->path);
    if (same_stat(rec, f))
        return CORPUS_IMAGE_OK;
    struct diag why;
    if (!f->hashed && !corpus_source_hash(f, &why))
        return stale(r, "cannot be read", f->path);
    if (f->hash != rec->hash)
        return stale(r, "has changed", f->path);
    *restat = true;
    return CORPUS_IMAGE_OK;
}

static enum corpus_image_status
check_sources(struct reader *r, struct corpus_sources *sources, bool *restat)
{
    size_t n = span(r, SEC_SOURCES)->nbytes / sizeof(struct image_source);
    if (n != sources->n)
        return stale(r, "has a different number of files", "the corpus");
    for (size_t i = 0; i < n; i++) {
        struct image_source rec = source_at(r, i);
        enum corpus_image_status st = check_source(r, &rec, &sources->v[i], restat);
        if (st != CORPUS_IMAGE_OK)
            return st;
    }
    return CORPUS_IMAGE_OK;
}

/* --- Warnings ---------------------------------------------------------------------------- */

static const char *
warning_file(const struct reader *r, const struct image_warning *w,
             const struct corpus_sources *sources)
{
    size_t nsources = span(r, SEC_SOURCES)->nbytes / sizeof(struct image_source);
    if (w->source == UINT64_MAX)
        return string_at(r, w->file);
    if (sources != NULL && w->source < sources->n)
        return sources->v[w->source].path;
    return w->source < nsources ? string_at(r, source_at(r, w->source).name) : NULL;
}

static void
read_warnings(const struct reader *r, const struct corpus_sources *sources,
              struct corpus_report *report)
{
    size_t n = span(r, SEC_WARNINGS)->nbytes / sizeof(struct image_warning);
    *report = (struct corpus_report){.nfiles = sources ? sources->n : 0};
    report->v = n ? xcalloc(n, sizeof *report->v) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct image_warning w;
        memcpy(&w, r->base + span(r, SEC_WARNINGS)->off + i * sizeof w, sizeof w);
        const char *file = warning_file(r, &w, sources), *msg = string_at(r, w.msg);
        if (file != NULL && msg != NULL)
            diag_set(&report->v[report->n++], file, w.line, w.col, "%s", msg);
    }
}

/* --- Opening ----------------------------------------------------------------------------- */

static enum corpus_image_status
check_and_relocate(struct reader *r, struct corpus_sources *sources, bool *restat)
{
    enum corpus_image_status st = check_header(r);
    if (st == CORPUS_IMAGE_OK && !check_sections(r))
        st = CORPUS_IMAGE_DAMAGED;
    if (st == CORPUS_IMAGE_OK && sources != NULL)
        st = check_sources(r, sources, restat);
    if (st != CORPUS_IMAGE_OK)
        return st;
    if (mprotect(r->base, r->nbytes, PROT_READ | PROT_WRITE) != 0)
        return refuse(r, CORPUS_IMAGE_DAMAGED, "cannot relocate");
    if (!relocate_all(r) || !check_tree(r))
        return CORPUS_IMAGE_DAMAGED;
    mprotect(r->base, r->nbytes, PROT_READ); /* the corpus is read-only: let the MMU say so */
    return CORPUS_IMAGE_OK;
}

/* Takes the mapping: it becomes the corpus's, or is unmapped. */
static enum corpus_image_status
open_mapped(struct reader *r, struct corpus_sources *sources, struct corpus **corpus,
            struct corpus_image_info *info)
{
    enum corpus_image_status st = check_and_relocate(r, sources, &info->restat);
    if (st != CORPUS_IMAGE_OK) {
        munmap(r->base, r->nbytes);
        return st;
    }
    read_warnings(r, sources, &info->warnings);
    struct corpus_mapping m = {
        .map = r->base,
        .map_nbytes = r->nbytes,
        .nodes = (struct node *)(r->base + span(r, SEC_NODES)->off),
        .nnodes = span(r, SEC_NODES)->nbytes / sizeof(struct node),
        .slots = (struct node **)(r->base + span(r, SEC_SLOTS)->off),
        .nslots = r->h.nslots,
        .nindexed = r->h.nindexed,
        .attachment = r->base + span(r, SEC_ATTACHMENT)->off,
        .attachment_nbytes = span(r, SEC_ATTACHMENT)->nbytes,
    };
    *corpus = corpus_new_mapped(&m);
    return CORPUS_IMAGE_OK;
}

static enum corpus_image_status
too_short(const char *name, struct diag *d)
{
    diag_set(d, name, 0, 0, "too short to be a corpus image");
    return CORPUS_IMAGE_DAMAGED;
}

enum corpus_image_status
corpus_image_open_memory(const void *data, size_t nbytes, const char *name,
                         struct corpus_sources *sources, struct corpus **corpus,
                         struct corpus_image_info *info, struct diag *d)
{
    *corpus = NULL;
    *info = (struct corpus_image_info){0};
    if (nbytes < sizeof(struct image_header))
        return too_short(name, d);
    void *map = mmap(NULL, nbytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        diag_set(d, name, 0, 0, "cannot map: %s", strerror(errno));
        return CORPUS_IMAGE_DAMAGED;
    }
    memcpy(map, data, nbytes);
    mprotect(map, nbytes, PROT_READ);
    struct reader r = {.base = map, .nbytes = nbytes, .name = name, .d = d};
    return open_mapped(&r, sources, corpus, info);
}

/* The bytes up to the end of the last section relocation writes, as the header says (at most
 * the file); 0 when the header cannot be read. */
static size_t
pointer_bytes(int fd, size_t nbytes)
{
    struct image_header h;
    if (pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h)
        return 0;
    uint64_t end = h.sections[SEC_SLOTS].off + h.sections[SEC_SLOTS].nbytes;
    return end < h.sections[SEC_SLOTS].off || end > nbytes ? 0 : (size_t)end;
}

static bool
read_all(int fd, unsigned char *buf, size_t nbytes)
{
    size_t got = 0;
    while (got < nbytes) {
        ssize_t n = pread(fd, buf + got, nbytes - got, (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    return true;
}

/* The file mapped read-only, its strings shared with the page cache; the pages relocation
 * writes (header to address index) are read at once into private memory, which is faster
 * than a copy-on-write fault per page. */
static void *
map_file(int fd, size_t nbytes)
{
    unsigned char *map = mmap(NULL, nbytes, PROT_READ, MAP_PRIVATE, fd, 0);
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = pointer_bytes(fd, nbytes);
    size_t span = (n + page - 1) / page * page; /* whole pages, within the mapping */
    if (map == MAP_FAILED || n == 0)
        return map;
    void *priv = mmap(map, span, PROT_READ | PROT_WRITE,
                      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (priv == MAP_FAILED || !read_all(fd, map, span < nbytes ? span : nbytes)) {
        munmap(map, nbytes);
        return MAP_FAILED;
    }
    return map;
}

enum corpus_image_status
corpus_image_open(const char *path, struct corpus_sources *sources, struct corpus **corpus,
                  struct corpus_image_info *info, struct diag *d)
{
    *corpus = NULL;
    *info = (struct corpus_image_info){0};
    int fd = regfile_open(path, d);
    if (fd < 0)
        return errno == ENOENT ? CORPUS_IMAGE_MISSING : CORPUS_IMAGE_DAMAGED;
    struct stat st;
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    void *map = regular && (size_t)st.st_size >= sizeof(struct image_header)
                    ? map_file(fd, (size_t)st.st_size)
                    : MAP_FAILED;
    close(fd);
    if (!regular || (size_t)st.st_size < sizeof(struct image_header))
        return too_short(path, d);
    if (map == MAP_FAILED) {
        diag_set(d, path, 0, 0, "cannot map: %s", strerror(errno));
        return CORPUS_IMAGE_DAMAGED;
    }
    struct reader r = {.base = map, .nbytes = (size_t)st.st_size, .name = path, .d = d};
    return open_mapped(&r, sources, corpus, info);
}
