/* Crafted corpus images, checksum made right (issue 14: found by tests/fuzz/fuzz_image.c): a NUL
 * inside a node's text made text_len and strlen(text) disagree, and search hits fell past the
 * end of the string the program sees. The image reader refuses such an image. */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus_image.h"
#include "corpus/corpus_load.h"
#include "corpus/image_format.h"

#define MINI NDVR_TEST_DATA "/mini"

/* The image of the mini corpus, in a new buffer; *text a node's text (the caller frees). */
static char *
mini_image(size_t *n, char **text)
{
    const char *dir = MINI;
    struct corpus_sources s;
    struct diag d = {0};
    cr_assert(corpus_sources_list(&dir, 1, &s, &d) && corpus_sources_hash(&s, &d), "%s", d.msg);
    struct corpus *c = NULL;
    cr_assert(corpus_load_dir(dir, &c, &d), "%s", d.msg);
    const struct node *p = corpus_find(c, "A/74/90#p1");
    cr_assert_not_null(p);
    cr_assert_gt(p->text_len, 20);
    *text = strdup(p->text);
    char *img = corpus_image_build(c, &s, NULL, n);
    cr_assert_not_null(img);
    corpus_free(c);
    corpus_sources_free(&s);
    return img;
}

/* Makes the header's checksum match the bytes again, as a crafted image would. */
static void
repair_checksum(char *img, size_t n)
{
    struct image_header h;
    memcpy(&h, img, sizeof h);
    size_t from = offsetof(struct image_header, checksum) + sizeof h.checksum;
    h.checksum = corpus_image_hash(img + from, n - from, 0);
    memcpy(img, &h, from);
}

/* Where needle[0..len) first is in hay[0..n), or NULL. */
static char *
find(char *hay, size_t n, const char *needle, size_t len)
{
    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return hay + i;
    return NULL;
}

static enum corpus_image_status
open_image(const char *img, size_t n, struct diag *d)
{
    struct corpus *c = NULL;
    struct corpus_image_info info = {0};
    enum corpus_image_status st = corpus_image_open_memory(img, n, "img", NULL, &c, &info, d);
    corpus_report_free(&info.warnings);
    corpus_free(c);
    return st;
}

Test(image_crafted, the_untouched_image_opens)
{
    size_t n;
    char *text;
    char *img = mini_image(&n, &text);
    struct diag d = {0};
    cr_expect_eq(open_image(img, n, &d), CORPUS_IMAGE_OK, "%s", d.msg);
    free(text);
    free(img);
}

Test(image_crafted, a_nul_inside_a_text_is_refused)
{
    size_t n;
    char *text;
    char *img = mini_image(&n, &text);
    size_t len = strlen(text);
    char *at = find(img, n, text, len + 1); /* the text and its NUL, in the strings */
    cr_assert_not_null(at, "the text is not in the image");
    at[len / 2] = '\0';
    repair_checksum(img, n);
    struct diag d = {0};
    cr_expect_eq(open_image(img, n, &d), CORPUS_IMAGE_DAMAGED, "opened; %s", d.msg);
    free(text);
    free(img);
}

/* The mini corpus's image with the record of node `address` handed to edit (pointers in it are
 * file offsets), then its checksum made right. */
static char *
crafted(size_t *n, const char *address, void (*edit)(struct node *rec, const char *img))
{
    char *text;
    char *img = mini_image(n, &text);
    free(text);
    struct corpus *c = NULL;
    struct diag d = {0};
    cr_assert(corpus_load_dir(MINI, &c, &d), "%s", d.msg);
    size_t order = corpus_find(c, address)->order;
    corpus_free(c);
    struct image_header h;
    memcpy(&h, img, sizeof h);
    char *at = img + h.sections[SEC_NODES].off + order * sizeof(struct node);
    struct node rec;
    memcpy(&rec, at, sizeof rec);
    edit(&rec, img);
    memcpy(at, &rec, sizeof rec);
    repair_checksum(img, *n);
    return img;
}

/* CHN's experts list made to hold A/74/90's children (chapters, not experts): every pointer
 * still lands on a node, but the card would read a chapter as an expert's sessions. */
static void
experts_are_chapters(struct node *rec, const char *img)
{
    struct node doc;
    memcpy(&doc, img + ((const struct image_header *)(const void *)img)->sections[SEC_NODES].off,
           sizeof doc);
    rec->u.country.experts.v = doc.children;
    rec->u.country.experts.n = 1;
}

Test(image_crafted, a_country_list_of_the_wrong_kind_is_refused)
{
    size_t n;
    char *img = crafted(&n, "CHN", experts_are_chapters);
    struct diag d = {0};
    cr_expect_eq(open_image(img, n, &d), CORPUS_IMAGE_DAMAGED, "opened; %s", d.msg);
    free(img);
}
