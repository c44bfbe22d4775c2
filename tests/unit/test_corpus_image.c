/* The corpus image: the corpus from an image is the corpus from the JSON, node by node; damaged
 * images (every truncation, every flipped byte, a wrong version, stale sources) are refused and
 * never crash; crafted images that pass the checksum are checked all the same. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "corpus/corpus_image.h"
#include "corpus/corpus_load.h"
#include "corpus/image_format.h"
#include "util/xalloc.h"

#define MINI NDVR_TEST_DATA "/mini"
#define REAL NDVR_SOURCE_DIR "/assets/corpus"

/* --- Loading both ways ------------------------------------------------------------------- */

static struct corpus *
load_json(const char *dir, struct corpus_report *warnings)
{
    struct corpus *c = NULL;
    struct diag d = {0};
    const struct corpus_load_options opts = CORPUS_LOAD_OPTIONS_READ;
    bool ok = corpus_load_dirs_report(&dir, 1, &opts, &c, warnings, &d);
    cr_assert(ok, "%s failed to load: %s:%d: %s", dir, d.file, d.line, d.msg);
    return c;
}

static void
list_sources(const char *dir, struct corpus_sources *s)
{
    struct diag d = {0};
    cr_assert(corpus_sources_list(&dir, 1, s, &d), "%s: %s", d.file, d.msg);
    cr_assert(corpus_sources_hash(s, &d), "%s: %s", d.file, d.msg);
}

/* The image of dir's corpus, in a new buffer. */
static char *
build_image(const char *dir, size_t *n)
{
    struct corpus_sources s;
    struct corpus_report w = {0};
    list_sources(dir, &s);
    struct corpus *c = load_json(dir, &w);
    char *img = corpus_image_build(c, &s, &w, n);
    cr_assert_not_null(img);
    corpus_free(c);
    corpus_report_free(&w);
    corpus_sources_free(&s);
    return img;
}

static enum corpus_image_status
open_buf(const char *img, size_t n, struct corpus **c)
{
    struct corpus_image_info info;
    struct diag d = {0};
    enum corpus_image_status st = corpus_image_open_memory(img, n, "img", NULL, c, &info, &d);
    cr_assert(st == CORPUS_IMAGE_OK || d.msg[0] != '\0', "a refusal says why");
    corpus_report_free(&info.warnings);
    return st;
}

/* --- Deep comparison --------------------------------------------------------------------- */

static void
same_string(const char *a, const char *b, const char *what, const struct node *n)
{
    cr_assert((a == NULL) == (b == NULL), "%s: %s NULL on one side only", n->address, what);
    if (a != NULL)
        cr_assert_str_eq(a, b, "%s: %s", n->address, what);
}

/* Node pointers are the same when they lead to the same place in the order. */
static void
same_node(const struct node *a, const struct node *b, const char *what, const struct node *n)
{
    cr_assert((a == NULL) == (b == NULL), "%s: %s NULL on one side only", n->address, what);
    if (a != NULL)
        cr_assert_eq(a->order, b->order, "%s: %s", n->address, what);
}

static void
same_list(struct node *const *a, size_t na, struct node *const *b, size_t nb, const char *what,
          const struct node *n)
{
    cr_assert_eq(na, nb, "%s: %s count", n->address, what);
    for (size_t i = 0; i < na; i++)
        same_node(a[i], b[i], what, n);
}

static void
same_strings(const char **a, size_t na, const char **b, size_t nb, const char *what,
             const struct node *n)
{
    cr_assert_eq(na, nb, "%s: %s count", n->address, what);
    for (size_t i = 0; i < na; i++)
        same_string(a[i], b[i], what, n);
}

static void
same_ref(const struct ref *a, const struct ref *b, const struct node *n)
{
    same_string(a->to, b->to, "ref to", n);
    cr_assert(a->kind == b->kind && a->external == b->external && a->in_text == b->in_text &&
                  a->in_title == b->in_title && a->at == b->at && a->len == b->len,
              "%s: ref to %s", n->address, a->to);
    same_node(a->target, b->target, "ref target", n);
}

static void
same_submitter(const struct submitter *a, const struct submitter *b, const struct node *n)
{
    same_string(a->name, b->name, "submitter name", n);
    same_string(a->honorific, b->honorific, "honorific", n);
    same_string(a->country, b->country, "submitter country", n);
    same_string(a->iso3, b->iso3, "submitter iso3", n);
    same_string(a->expert_address, b->expert_address, "submitter expert", n);
    same_node(a->expert, b->expert, "submitter expert node", n);
    same_string(a->footnote, b->footnote, "submitter footnote", n);
}

static void
same_relation(const struct relation *a, const struct relation *b, const struct node *n)
{
    same_string(a->to, b->to, "relation to", n);
    cr_assert_eq(a->kind, b->kind, "%s: relation kind", n->address);
    same_string(a->via, b->via, "relation via", n);
    same_node(a->target, b->target, "relation target", n);
    same_node(a->via_node, b->via_node, "relation via node", n);
}

static void
same_expert(const struct node_expert *a, const struct node_expert *b, const struct node *n)
{
    same_string(a->name, b->name, "expert name", n);
    same_strings(a->aliases, a->naliases, b->aliases, b->naliases, "expert aliases", n);
    same_string(a->country, b->country, "expert country", n);
    same_string(a->iso3, b->iso3, "expert iso3", n);
    cr_assert_eq(a->nsessions, b->nsessions, "%s: sessions", n->address);
    for (size_t i = 0; i < a->nsessions; i++)
        cr_assert_eq(a->sessions[i], b->sessions[i], "%s: session %zu", n->address, i);
    same_string(a->sessions_note, b->sessions_note, "sessions note", n);
    same_string(a->role, b->role, "role", n);
    cr_assert_eq(a->alternate, b->alternate, "%s: alternate", n->address);
    same_node(a->country_node, b->country_node, "expert country node", n);
}

static void
same_paper(const struct node_working_paper *a, const struct node_working_paper *b,
           const struct node *n)
{
    same_string(a->symbol, b->symbol, "paper symbol", n);
    cr_assert_eq(a->cited, b->cited, "%s: cited", n->address);
    cr_assert_eq(a->nsubmitters, b->nsubmitters, "%s: submitters", n->address);
    for (size_t i = 0; i < a->nsubmitters; i++)
        same_submitter(&a->submitters[i], &b->submitters[i], n);
    cr_assert_eq(a->nrelations, b->nrelations, "%s: relations", n->address);
    for (size_t i = 0; i < a->nrelations; i++)
        same_relation(&a->relations[i], &b->relations[i], n);
}

static void
same_country(const struct node_country *a, const struct node_country *b, const struct node *n)
{
    same_string(a->iso3, b->iso3, "country iso3", n);
    same_string(a->name, b->name, "country name", n);
    same_string(a->english, b->english, "country english", n);
    same_strings(a->aliases, a->naliases, b->aliases, b->naliases, "country aliases", n);
    same_list(a->experts.v, a->experts.n, b->experts.v, b->experts.n, "experts", n);
    same_list(a->working_papers.v, a->working_papers.n, b->working_papers.v, b->working_papers.n,
              "papers", n);
    same_list(a->responses.v, a->responses.n, b->responses.v, b->responses.n, "responses", n);
}

static void
same_response(const struct node_response *a, const struct node_response *b, const struct node *n)
{
    same_string(a->country, b->country, "response country", n);
    same_string(a->iso3, b->iso3, "response iso3", n);
    same_string(a->language, b->language, "language", n);
    same_string(a->date, b->date, "date", n);
    same_string(a->date_text, b->date_text, "date text", n);
}

static void
same_kind_members(const struct node *a, const struct node *b)
{
    if (a->kind == NODE_DOCUMENT)
        same_string(a->u.document.symbol, b->u.document.symbol, "symbol", a);
    else if (a->kind == NODE_EXPERT)
        same_expert(&a->u.expert, &b->u.expert, a);
    else if (a->kind == NODE_WORKING_PAPER)
        same_paper(&a->u.paper, &b->u.paper, a);
    else if (a->kind == NODE_WORKING_PAPER_LIST)
        same_strings(a->u.paper_list.columns, a->u.paper_list.ncolumns, b->u.paper_list.columns,
                     b->u.paper_list.ncolumns, "columns", a);
    else if (a->kind == NODE_RESPONSE)
        same_response(&a->u.response, &b->u.response, a);
    else if (a->kind == NODE_COUNTRY)
        same_country(&a->u.country, &b->u.country, a);
    else if (a->kind == NODE_EXTERNAL)
        cr_assert(strcmp(a->u.external.symbol, b->u.external.symbol) == 0 &&
                      a->u.external.document_kind == b->u.external.document_kind,
                  "%s: external", a->address);
}

static void
same_node_fields(const struct node *a, const struct node *b)
{
    same_string(a->address, b->address, "address", a);
    cr_assert(a->kind == b->kind && a->number == b->number && a->line == b->line &&
                  a->text_len == b->text_len && a->order == b->order &&
                  a->subtree_end == b->subtree_end,
              "%s: scalar members", a->address);
    same_string(a->label, b->label, "label", a);
    same_string(a->title, b->title, "title", a);
    same_string(a->text, b->text, "text", a);
    same_node(a->parent, b->parent, "parent", a);
    same_node(a->document, b->document, "document", a);
    same_list(a->children, a->nchildren, b->children, b->nchildren, "children", a);
    cr_assert_eq(a->nrefs, b->nrefs, "%s: refs", a->address);
    for (size_t i = 0; i < a->nrefs; i++)
        same_ref(&a->refs[i], &b->refs[i], a);
    same_list(a->cited_by.v, a->cited_by.n, b->cited_by.v, b->cited_by.n, "cited_by", a);
    same_kind_members(a, b);
}

static void
same_lists(const struct corpus *a, const struct corpus *b)
{
    struct node *const *(*lists[])(const struct corpus *, size_t *) = {
        corpus_documents, corpus_countries, corpus_externals, corpus_nodes};
    struct node root = {.address = "(corpus)"};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        size_t na, nb;
        struct node *const *va = lists[l](a, &na), *const *vb = lists[l](b, &nb);
        same_list(va, na, vb, nb, "corpus list", &root);
    }
}

/* Every field of every node, every list, and the index's answers, including for addresses
 * that are not there. */
static void
assert_same_corpus(const struct corpus *a, const struct corpus *b)
{
    size_t n, nb;
    struct node *const *va = corpus_nodes(a, &n), *const *vb = corpus_nodes(b, &nb);
    cr_assert_eq(n, nb, "node count");
    cr_assert_gt(n, 0);
    for (size_t i = 0; i < n; i++) {
        same_node_fields(va[i], vb[i]);
        same_node(corpus_find(a, va[i]->address), corpus_find(b, va[i]->address), "find", va[i]);
        for (size_t r = 0; r < va[i]->nrefs; r++)
            same_node(corpus_find(a, va[i]->refs[r].to), corpus_find(b, va[i]->refs[r].to),
                      "find ref", va[i]);
        size_t sa, sb;
        struct node *const *ta = corpus_subtree(a, va[i], &sa);
        struct node *const *tb = corpus_subtree(b, vb[i], &sb);
        same_list(ta, sa, tb, sb, "subtree", va[i]);
    }
    cr_assert_null(corpus_find(b, "A/74/90#no-such-node"));
    cr_assert_null(corpus_find(b, ""));
    same_lists(a, b);
}

static void
assert_image_equals_json(const char *dir)
{
    size_t n;
    char *img = build_image(dir, &n);
    struct corpus *from_image = NULL;
    cr_assert_eq(open_buf(img, n, &from_image), CORPUS_IMAGE_OK);
    struct corpus *from_json = load_json(dir, NULL);
    assert_same_corpus(from_json, from_image);
    corpus_free(from_json);
    corpus_free(from_image);
    free(img);
}

Test(corpus_image, mini_corpus_from_the_image_is_the_json_corpus)
{
    assert_image_equals_json(MINI);
}

Test(corpus_image, real_corpus_from_the_image_is_the_json_corpus)
{
    assert_image_equals_json(REAL);
}

/* An image made from a corpus that came from an image is the same image, byte for byte. */
Test(corpus_image, an_image_of_an_image_is_the_same_bytes)
{
    size_t n, n2;
    char *img = build_image(MINI, &n);
    struct corpus *c = NULL;
    cr_assert_eq(open_buf(img, n, &c), CORPUS_IMAGE_OK);
    struct corpus_sources s;
    list_sources(MINI, &s);
    char *again = corpus_image_build(c, &s, NULL, &n2);
    cr_assert_eq(n, n2);
    cr_assert(memcmp(img, again, n) == 0);
    corpus_free(c);
    corpus_sources_free(&s);
    free(again);
    free(img);
}

/* --- Damage ------------------------------------------------------------------------------ */

Test(corpus_image, every_truncation_is_refused)
{
    size_t n;
    char *img = build_image(MINI, &n);
    for (size_t len = 0; len < n; len++) {
        struct corpus *c = NULL;
        cr_assert_eq(open_buf(img, len, &c), CORPUS_IMAGE_DAMAGED, "length %zu", len);
        cr_assert_null(c);
    }
    free(img);
}

/* Every byte, each changed three ways: the header says another build, or the checksum fails. */
Test(corpus_image, every_flipped_byte_is_refused)
{
    static const unsigned char flips[] = {0x01, 0x80, 0xFF};
    size_t n;
    char *img = build_image(MINI, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t f = 0; f < sizeof flips; f++) {
            img[i] = (char)(img[i] ^ flips[f]);
            struct corpus *c = NULL;
            cr_assert_neq(open_buf(img, n, &c), CORPUS_IMAGE_OK, "byte %zu", i);
            img[i] = (char)(img[i] ^ flips[f]);
        }
    free(img);
}

static void
reseal(char *img, size_t n)
{
    size_t from = offsetof(struct image_header, checksum) + sizeof(uint64_t);
    uint64_t sum = corpus_image_hash(img + from, n - from, 0);
    memcpy(img + offsetof(struct image_header, checksum), &sum, sizeof sum);
}

/* Reads everything an accepted corpus holds, for the sanitizers to see any stray pointer. */
static size_t
walk(const struct corpus *c)
{
    size_t n, total = 0;
    struct node *const *v = corpus_nodes(c, &n);
    for (size_t i = 0; i < n; i++) {
        const struct node *node = v[i];
        total += strlen(node->address) + node->text_len + strlen(node_display_title(node));
        for (size_t r = 0; r < node->nrefs; r++)
            total += strlen(node->refs[r].to) + node->refs[r].at + node->refs[r].len +
                     (node->refs[r].target ? node->refs[r].target->order : 0);
        for (size_t k = 0; k < node->nchildren; k++)
            total += node->children[k]->order;
        for (size_t k = 0; k < node->cited_by.n; k++)
            total += node->cited_by.v[k]->order;
        total += corpus_find(c, node->address) != NULL;
    }
    return total;
}

/* A byte changed and the checksum made right again, as someone crafting an image would: what
 * is accepted must still be safe to use. */
Test(corpus_image, crafted_images_are_checked_past_the_checksum)
{
    static const unsigned char flips[] = {0x01, 0x10, 0x80};
    size_t n, accepted = 0, refused = 0;
    char *img = build_image(MINI, &n);
    size_t from = sizeof(struct image_header);
    for (size_t i = from; i < n; i++)
        for (size_t f = 0; f < sizeof flips; f++) {
            img[i] = (char)(img[i] ^ flips[f]);
            reseal(img, n);
            struct corpus *c = NULL;
            if (open_buf(img, n, &c) == CORPUS_IMAGE_OK) {
                accepted += walk(c) > 0;
                corpus_free(c);
            } else {
                refused++;
            }
            img[i] = (char)(img[i] ^ flips[f]);
        }
    cr_assert_gt(accepted, 0, "string bytes change without breaking anything");
    cr_assert_gt(refused, 0);
    free(img);
}

Test(corpus_image, another_version_is_foreign)
{
    size_t n;
    char *img = build_image(MINI, &n);
    uint32_t version = CORPUS_IMAGE_VERSION + 1;
    memcpy(img + offsetof(struct image_header, version), &version, sizeof version);
    struct corpus *c = NULL;
    cr_assert_eq(open_buf(img, n, &c), CORPUS_IMAGE_FOREIGN);
    uint64_t layout = 42;
    version = CORPUS_IMAGE_VERSION;
    memcpy(img + offsetof(struct image_header, version), &version, sizeof version);
    memcpy(img + offsetof(struct image_header, layout), &layout, sizeof layout);
    cr_assert_eq(open_buf(img, n, &c), CORPUS_IMAGE_FOREIGN);
    free(img);
}

/* --- Files and sources ------------------------------------------------------------------- */

static char *
temp_dir(void)
{
    char *dir = xstrdup("/tmp/ndvr-image-test-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

static void
copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    cr_assert(in != NULL && out != NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    cr_assert_eq(fclose(out), 0);
}

static void
write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

static enum corpus_image_status
open_file(const char *img, const char *dir, bool *restat)
{
    struct corpus_sources s;
    struct diag d = {0};
    cr_assert(corpus_sources_list(&dir, 1, &s, &d));
    struct corpus *c = NULL;
    struct corpus_image_info info;
    enum corpus_image_status st = corpus_image_open(img, &s, &c, &info, &d);
    *restat = info.restat;
    corpus_free(c);
    corpus_report_free(&info.warnings);
    corpus_sources_free(&s);
    return st;
}

static void
cleanup(char *dir)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    free(cmd);
    free(dir);
}

/* Fresh while the files are; a touch costs a hash but no rebuild; an edit makes it stale; so
 * do a file added or removed. */
Test(corpus_image, freshness_follows_the_files)
{
    char *dir = temp_dir(), *json = xasprintf("%s/corpus", dir);
    char *a = xasprintf("%s/A-74-90.json", json), *img = xasprintf("%s/img", dir);
    cr_assert_eq(mkdir(json, 0700), 0);
    copy_file(MINI "/A-74-90.json", a);
    copy_file(MINI "/A-72-304.json", xasprintf("%s/A-72-304.json", json));
    size_t n;
    char *data = build_image(json, &n);
    write_file(img, data, n);
    bool restat;
    cr_assert_eq(open_file(img, json, &restat), CORPUS_IMAGE_OK);
    cr_assert_not(restat);
    struct timespec times[2] = {{0, UTIME_NOW}, {1, 0}};
    cr_assert_eq(utimensat(AT_FDCWD, a, times, 0), 0);
    cr_assert_eq(open_file(img, json, &restat), CORPUS_IMAGE_OK);
    cr_assert(restat, "same bytes, another mtime");
    FILE *f = fopen(a, "r+b");
    fputc(' ', f);
    fclose(f);
    cr_assert_eq(open_file(img, json, &restat), CORPUS_IMAGE_STALE);
    copy_file(MINI "/A-74-90.json", a);
    cr_assert_eq(open_file(img, json, &restat), CORPUS_IMAGE_OK);
    copy_file(MINI "/A-74-90.json", xasprintf("%s/B.json", json));
    cr_assert_eq(open_file(img, json, &restat), CORPUS_IMAGE_STALE);
    free(data);
    free(a);
    free(img);
    free(json);
    cleanup(dir);
}

Test(corpus_image, missing_and_short_files)
{
    char *dir = temp_dir(), *img = xasprintf("%s/img", dir);
    bool restat;
    cr_assert_eq(open_file(img, MINI, &restat), CORPUS_IMAGE_MISSING);
    write_file(img, "NDVR", 4);
    cr_assert_eq(open_file(img, MINI, &restat), CORPUS_IMAGE_DAMAGED);
    free(img);
    cleanup(dir);
}

/* The load's warnings travel with the image and name the files as they are now. */
Test(corpus_image, warnings_are_kept)
{
    const char *dir = NDVR_TEST_DATA "/hostile";
    struct corpus_report w = {0};
    struct corpus *c = load_json(dir, &w);
    cr_assert_gt(w.n, 0);
    struct corpus_sources s;
    list_sources(dir, &s);
    size_t n;
    char *img = corpus_image_build(c, &s, &w, &n);
    struct corpus *again = NULL;
    struct corpus_image_info info;
    struct diag d = {0};
    cr_assert_eq(corpus_image_open_memory(img, n, "img", &s, &again, &info, &d), CORPUS_IMAGE_OK,
                 "%s", d.msg);
    cr_assert_eq(info.warnings.n, w.n);
    for (size_t i = 0; i < w.n; i++) {
        cr_assert_str_eq(info.warnings.v[i].file, w.v[i].file);
        cr_assert_str_eq(info.warnings.v[i].msg, w.v[i].msg);
        cr_assert_eq(info.warnings.v[i].line, w.v[i].line);
        cr_assert_eq(info.warnings.v[i].col, w.v[i].col);
    }
    corpus_report_free(&info.warnings);
    corpus_report_free(&w);
    corpus_sources_free(&s);
    corpus_free(again);
    corpus_free(c);
    free(img);
}

/* The same refusals through a file, which is mapped and read another way than memory. */
Test(corpus_image, damaged_files_are_refused)
{
    size_t n;
    char *img = build_image(REAL, &n);
    char *dir = temp_dir(), *path = xasprintf("%s/img", dir);
    const size_t cuts[] = {
        0,        1,    sizeof(struct image_header) - 1, sizeof(struct image_header), 4096, n / 2,
        n - 4097, n - 1};
    bool restat;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_file(path, img, cuts[i]);
        cr_assert_eq(open_file(path, REAL, &restat), CORPUS_IMAGE_DAMAGED, "cut at %zu", cuts[i]);
    }
    const size_t flips[] = {100, 5000, n / 2, n - 1};
    for (size_t i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        img[flips[i]] ^= 0x20;
        write_file(path, img, n);
        cr_assert_eq(open_file(path, REAL, &restat), CORPUS_IMAGE_DAMAGED, "flip at %zu", flips[i]);
        img[flips[i]] ^= 0x20;
    }
    write_file(path, img, n);
    cr_assert_eq(open_file(path, REAL, &restat), CORPUS_IMAGE_OK);
    free(img);
    free(path);
    cleanup(dir);
}
