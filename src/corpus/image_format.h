/* The layout of a corpus image file (corpus_image.h), shared by its writer and its reader.
 *
 * Every integer is in the writer's byte order and every struct in its layout: the header's
 * byte_order and layout say which, and a reader of another build refuses the file. Offsets
 * count bytes from the start of the file; 0 is NULL (the header sits there, so no object can).
 *
 * The records (nodes, refs, submitters, relations) are the structs of corpus.h with their
 * pointer members holding offsets. Which members are pointers, and into which section they
 * must point, the field tables below say: the writer encodes by them, the reader relocates and
 * checks by them, and the layout hash covers them. */
#ifndef NDVR_CORPUS_IMAGE_FORMAT_H
#define NDVR_CORPUS_IMAGE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "corpus/corpus.h"

#define IMAGE_MAGIC "NDVRIMG\n"
#define IMAGE_BYTE_ORDER 0x01020304u
#define IMAGE_ALIGN 16u /* of every section */

/* In file order. */
enum image_section {
    SEC_NODES,       /* struct node[], in document order */
    SEC_REFS,        /* struct ref[] */
    SEC_SUBMITTERS,  /* struct submitter[] */
    SEC_RELATIONS,   /* struct relation[] */
    SEC_NODE_PTRS,   /* struct node *[]: children, cited_by, a country's lists */
    SEC_STRING_PTRS, /* const char *[]: aliases, columns */
    SEC_SLOTS,       /* struct node *[]: the address index, NULL for an empty slot */
    SEC_INTS,        /* int[]: experts' sessions */
    SEC_SOURCES,     /* struct image_source[] */
    SEC_WARNINGS,    /* struct image_warning[] */
    SEC_STRINGS,     /* NUL-terminated strings; begins and so ends with a NUL */
    SEC_ATTACHMENT,  /* bytes carried for another module: the search keys (search.h) */
    SEC_COUNT
};

struct image_span {
    uint64_t off, nbytes;
};

struct image_header {
    char magic[8];
    uint32_t version;    /* CORPUS_IMAGE_VERSION */
    uint32_t byte_order; /* IMAGE_BYTE_ORDER as the writer stores it */
    uint64_t layout;     /* image_layout() of the writer */
    uint64_t nbytes;     /* of the whole file */
    uint64_t checksum;   /* corpus_image_hash() of every byte after this member */
    uint64_t nslots;     /* of the address index: a power of two, or 0 */
    uint64_t nindexed;   /* non-empty slots */
    struct image_span sections[SEC_COUNT];
};

/* A source file as the image records it. */
struct image_source {
    uint64_t name; /* offset of its base name */
    uint64_t dir;  /* index of its directory */
    uint64_t size, ino, dev, hash;
    int64_t mtime_ns, ctime_ns;
};

/* A warning of the load that made the image. */
struct image_warning {
    uint64_t source; /* index of its file in SEC_SOURCES, or UINT64_MAX: see file */
    uint64_t file;   /* offset of the file name when source is UINT64_MAX, else 0 */
    uint64_t msg;    /* offset of the message */
    int32_t line, col;
};

enum image_field_type {
    FIELD_STRING,          /* const char *, NULL allowed */
    FIELD_STRING_REQUIRED, /* const char *, never NULL */
    FIELD_NODE,            /* struct node *, NULL allowed */
    FIELD_NODES,           /* struct node ** with a count: SEC_NODE_PTRS */
    FIELD_STRINGS,         /* const char ** with a count: SEC_STRING_PTRS */
    FIELD_INTS,            /* int * with a count: SEC_INTS */
    FIELD_REFS,            /* struct ref * with a count: SEC_REFS */
    FIELD_SUBMITTERS,      /* struct submitter * with a count: SEC_SUBMITTERS */
    FIELD_RELATIONS,       /* struct relation * with a count: SEC_RELATIONS */
    FIELD_BOOL,            /* bool: 0 or 1 */
    FIELD_ENUM,            /* an enum: 0 to limit - 1 */
};

struct image_field {
    enum image_field_type type;
    size_t offset; /* of the member in its struct */
    size_t count;  /* arrays: offset of the size_t count */
    int limit;     /* enums */
};

struct image_record {
    size_t size; /* of the struct */
    const struct image_field *fields;
    size_t nfields;
};

/* The members every node has, then those of each kind's union member. */
extern const struct image_record image_node_record;
extern const struct image_record image_node_kind_records[NODE_KIND_COUNT];
extern const struct image_record image_ref_record;
extern const struct image_record image_submitter_record;
extern const struct image_record image_relation_record;

/* The section an array field points into, and the size of its elements. */
enum image_section image_field_section(enum image_field_type type, size_t *elem_size);
/* A hash of the struct layouts and field tables this build reads and writes. */
uint64_t image_layout(void);

#endif
