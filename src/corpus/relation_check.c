/* Checking working papers' relations against the papers themselves. */
#include "corpus/relation_check.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text/titlekey.h"

static bool
relates_back(const struct node *other, const struct node *paper, const struct relation *rel)
{
    const struct node_working_paper *p = &other->u.paper;
    for (size_t i = 0; i < p->nrelations; i++) {
        const struct relation *back = &p->relations[i];
        if (back->kind == rel->kind && back->to != NULL && back->via != NULL &&
            strcmp(back->to, paper->address) == 0 && strcmp(back->via, rel->via) == 0)
            return true;
    }
    return false;
}

/* Whether a submitter of paper is `via`: a listed expert's address, or a name as printed. */
static bool
submitted_by(const struct node *paper, const char *via)
{
    const struct node_working_paper *p = &paper->u.paper;
    for (size_t i = 0; i < p->nsubmitters; i++) {
        const struct submitter *s = &p->submitters[i];
        if ((s->expert_address && strcmp(s->expert_address, via) == 0) ||
            (s->name && strcmp(s->name, via) == 0))
            return true;
    }
    return false;
}

static bool
cites(const struct node *footnote, const char *address)
{
    for (size_t i = 0; i < footnote->nrefs; i++) /* a missing "to" is reported already */
        if (footnote->refs[i].to != NULL && strcmp(footnote->refs[i].to, address) == 0)
            return true;
    return false;
}

/* Whether both titles read as `via` (same) or both contain it and differ (overlapping). */
static bool
titles_hold(const struct node *a, const struct node *b, const struct relation *rel)
{
    char *ka = title_key(a->title ? a->title : "");
    char *kb = title_key(b->title ? b->title : "");
    bool holds = rel->via[0] != '\0' &&
                 (rel->kind == RELATION_SAME_TITLE
                      ? strcmp(ka, rel->via) == 0 && strcmp(kb, rel->via) == 0
                      : strcmp(ka, kb) != 0 && strstr(ka, rel->via) && strstr(kb, rel->via));
    free(ka);
    free(kb);
    return holds;
}

static const char *
reason_problem(const struct corpus *corpus, const struct node *a, const struct node *b,
               const struct relation *rel)
{
    const struct node *via = corpus_find(corpus, rel->via);
    switch (rel->kind) {
    case RELATION_SAME_SUBMITTER:
        return submitted_by(a, rel->via) && submitted_by(b, rel->via)
                   ? NULL
                   : "\"via\" is not a submitter of both papers";
    case RELATION_CITED_TOGETHER:
        if (via == NULL || via->kind != NODE_FOOTNOTE)
            return "\"via\" is not a footnote";
        return cites(via, a->address) && cites(via, b->address)
                   ? NULL
                   : "\"via\" does not cite both papers";
    case RELATION_SAME_TITLE:
    case RELATION_OVERLAPPING_TITLE:
        return titles_hold(a, b, rel) ? NULL : "\"via\" is not what the two titles share";
    case RELATION_KIND_COUNT:
        break;
    }
    return "unknown reason";
}

const char *
relation_problem(const struct corpus *corpus, const struct node *paper, const struct relation *rel)
{
    /* a member missing here is an error the loader has already reported, which fails the
     * load; the check goes on for the other problems, so it must not trip over it */
    if (paper->address == NULL || rel->to == NULL || rel->via == NULL)
        return NULL;
    const struct node *other = corpus_find(corpus, rel->to);
    if (other == NULL || other->kind != NODE_WORKING_PAPER)
        return NULL;
    if (other == paper)
        return "a paper is not related to itself";
    if (!relates_back(other, paper, rel))
        return "the other paper does not list the same relation back";
    /* both papers list it: a wrong reason is told once, on the first by address */
    if (strcmp(paper->address, other->address) > 0)
        return NULL;
    return reason_problem(corpus, paper, other, rel);
}
