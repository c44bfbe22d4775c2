/* Listed experts named in running text, and the other names of each expert (textrefs.h).
 *
 * A name is linked only whole, since a part of a name could be anyone's:
 *   - the forms looked for are the name as the list prints it (Knut Langeland, 王昶) and each
 *     alias facts.txt gives the expert that is a whole name too, given name and surname with a
 *     space or a middle dot between them (克努特·朗厄兰). An alias without one is a surname
 *     (中根, 钱伯斯): footnotes use those beside the country that says who is meant
 *     (layout_report.c), running text could mean anyone;
 *   - a form of one character is never looked for (王 is a surname, and a common word part);
 *   - a Latin form stands between non-letters (no "Langelands");
 *   - a Chinese form of two characters is as short as an everyday word (主张慎重 holds 张慎):
 *     an honorific or a parenthesis must follow it (王昶先生, 王昶(中国)).
 * A form two experts share names neither. */
#include "segment/textrefs.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "segment/segment.h"
#include "util/xalloc.h"

struct name_form {
    char *form;          /* owned */
    size_t len;          /* bytes */
    const char *address; /* the expert's (borrowed from the tree); NULL when two share it */
    bool needs_sign;     /* a two-character Chinese name: see above */
};

struct seg_experts {
    struct name_form *v;
    size_t n, cap;
    const struct facts *facts; /* the honorifics; may be NULL */
};

/* --- The forms ---------------------------------------------------------------------------- */

/* Given name and surname: a space (Latin) or a middle dot (Chinese transcriptions) between
 * words. */
static bool
is_whole_name(const char *s)
{
    return strchr(s, ' ') != NULL || strstr(s, "\u00B7") != NULL || strstr(s, "\u30FB") != NULL ||
           strstr(s, "\u2027") != NULL;
}

static bool
is_all_wide(const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        ucs4_t c;
        p += u8_mbtouc(&c, p, (size_t)(end - p));
        if (!seg_is_wide(c))
            return false;
    }
    return true;
}

static void
add_form(struct seg_experts *x, const char *form, const char *address)
{
    size_t len = strlen(form), chars = u8_mbsnlen((const uint8_t *)form, len);
    if (chars < 2)
        return;
    for (size_t k = 0; k < x->n; k++)
        if (strcmp(x->v[k].form, form) == 0) {
            if (x->v[k].address != NULL && strcmp(x->v[k].address, address) != 0)
                x->v[k].address = NULL; /* two experts of one name: neither is meant */
            return;
        }
    x->v = xgrow(x->v, &x->cap, x->n + 1, sizeof *x->v);
    x->v[x->n++] =
        (struct name_form){xstrdup(form), len, address, chars < 3 && is_all_wide(form, len)};
}

static void
add_expert_forms(struct seg_experts *x, const cJSON *expert)
{
    const char *name = seg_str(expert, "name"), *address = seg_str(expert, "address");
    if (name == NULL || address == NULL)
        return;
    add_form(x, name, address);
    for (size_t k = 0; x->facts != NULL && k < x->facts->nexperts; k++) {
        const struct facts_pair *alias = &x->facts->experts[k];
        if (strcmp(alias->value, name) == 0 && is_whole_name(alias->key))
            add_form(x, alias->key, address);
    }
}

static void
collect_forms(struct seg_experts *x, const cJSON *node)
{
    if (seg_is_kind(node, "expert"))
        add_expert_forms(x, node);
    const cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_forms(x, child);
}

struct seg_experts *
seg_experts_new(const cJSON *doc, const struct facts *facts)
{
    struct seg_experts *x = xcalloc(1, sizeof *x);
    x->facts = facts;
    collect_forms(x, doc);
    return x;
}

void
seg_experts_free(struct seg_experts *experts)
{
    if (experts == NULL)
        return;
    for (size_t k = 0; k < experts->n; k++)
        free(experts->v[k].form);
    free(experts->v);
    free(experts);
}

/* --- Matching ----------------------------------------------------------------------------- */

/* A character a Latin name cannot stand next to: a letter or digit (Latin-1 and Latin
 * Extended letters too: "Câmara"). */
static bool
is_word_char(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* What tells that a short Chinese name is a name: an honorific or a parenthesis after it. */
static bool
has_name_sign(const struct seg_experts *x, const char *s, size_t n)
{
    return seg_starts_with(s, n, "(") || seg_starts_with(s, n, "（") ||
           (x->facts != NULL && facts_match_honorific(x->facts, s, n) > 0);
}

static bool
form_fits(const struct seg_experts *x, const struct seg_text_site *site, size_t i,
          const struct name_form *f)
{
    size_t end = i + f->len;
    if (f->len > site->n - i || memcmp(site->s + i, f->form, f->len) != 0)
        return false;
    if (!seg_is_wide(seg_first_cp(f->form, f->len)) && is_word_char(seg_last_cp(site->s, i)))
        return false;
    if (!seg_is_wide(seg_last_cp(f->form, f->len)) &&
        is_word_char(seg_first_cp(site->s + end, site->n - end)))
        return false;
    return !f->needs_sign || has_name_sign(x, site->s + end, site->n - end);
}

/* The node has an expert reference overlapping [at, at+len) already (a footnote's
 * submitter, linked by the layout). */
static bool
has_expert_ref(const cJSON *node, size_t at, size_t len)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(ref, "at");
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(ref, "len");
        if (seg_is_kind(ref, "expert") && cJSON_IsNumber(a) && cJSON_IsNumber(l) &&
            a->valuedouble < (double)(at + len) && a->valuedouble + l->valuedouble > (double)at)
            return true;
    }
    return false;
}

size_t
seg_match_expert(const struct seg_experts *experts, const struct seg_text_site *site, size_t i)
{
    const struct name_form *best = NULL;
    for (size_t k = 0; experts != NULL && k < experts->n; k++)
        if ((best == NULL || experts->v[k].len > best->len) &&
            form_fits(experts, site, i, &experts->v[k]))
            best = &experts->v[k];
    if (best == NULL)
        return 0;
    if (best->address != NULL && !has_expert_ref(site->node, i, best->len))
        seg_add_ref(site->node, best->address, "expert", false, (long)i, (long)best->len);
    return best->len;
}

/* --- Aliases in the tree ----------------------------------------------------------------- */

static void
add_aliases(cJSON *expert, const struct facts *facts)
{
    const char *name = seg_str(expert, "name");
    cJSON *aliases = NULL;
    for (size_t k = 0; name != NULL && k < facts->nexperts; k++) {
        const struct facts_pair *alias = &facts->experts[k];
        if (strcmp(alias->value, name) != 0 || strcmp(alias->key, name) == 0)
            continue;
        if (aliases == NULL)
            aliases = cJSON_AddArrayToObject(expert, "aliases");
        cJSON_AddItemToArray(aliases, cJSON_CreateString(alias->key));
    }
}

void
seg_add_expert_aliases(cJSON *doc, const struct facts *facts)
{
    if (facts == NULL)
        return;
    if (seg_is_kind(doc, "expert"))
        add_aliases(doc, facts);
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(doc, "children"))
        seg_add_expert_aliases(child, facts);
}
