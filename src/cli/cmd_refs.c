/* `ndvr refs`: what a node cites (out) and what cites it (in), one link per line.
 *
 * The rules. A link is an (ADDRESS, KIND) pair; no pair is listed twice on one side.
 *
 * out, in this order:
 *   1. The node's references in text order: the target's address, or the UN symbol of an
 *      external target (`out  A/RES/71/67  resolution`), with the reference's kind.
 *   2. Links the corpus derives, with the linked node's kind as KIND:
 *      a working paper  -> its submitters' experts, then its submitters' countries;
 *      an expert        -> the working papers naming the expert as a submitter (document
 *                          order), then the expert's country;
 *      a response       -> its country;
 *      a country        -> its experts, working papers and responses (document order).
 *   3. A working paper's relations to other papers, with the reason as KIND
 *      (same-submitter, cited-together, same-title, overlapping-title) and, in JSON, the
 *      evidence as "via" (the expert, the footnote, the shared words).
 *      These relations have no direction: each is listed as `out` on both of its ends
 *      (paper -> expert and expert -> paper), never as `in`, so no pair shows up twice.
 *
 * in, in document order of the citing node (for one node: direct citations first):
 *   1. Every node in cited_by, once for each kind of its references that point here.
 *   2. Through footnotes: when a footnote cites the node, the nodes citing that footnote,
 *      with KIND footnote, so that working paper <- footnote <- paragraph is visible (the
 *      same holds for experts, countries and documents named in a footnote).
 *
 * A document's cited_by already holds every node that cites its symbol. Text output:
 * `out<TAB>ADDRESS<TAB>KIND` lines, then `in<TAB>ADDRESS<TAB>KIND` lines; nothing (exit 0)
 * for a node without links. JSON: {"address", "out": [{"address", "kind", "external"}],
 * "in": [{"address", "kind"}]}. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/xalloc.h"

struct link {
    const char *address; /* an address in the corpus, or an external symbol */
    const char *kind;
    const char *via; /* a relation's evidence, or NULL */
    bool external;
    size_t order; /* the linked node's document order (0 when external) */
    size_t seq;   /* when it was added: the tie-break that keeps sorting stable */
};

struct links {
    struct link *v; /* owned */
    size_t n, cap;
};

static void
add_link(struct links *l, const char *address, const char *kind, bool external, size_t order)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].address, address) == 0 && strcmp(l->v[i].kind, kind) == 0)
            return;
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n] = (struct link){address, kind, NULL, external, order, l->n};
    l->n++;
}

static void
add_node(struct links *l, const struct node *node)
{
    add_link(l, node->address, node_kind_name(node->kind), false, node->order);
}

static void
add_node_list(struct links *l, const struct node_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        add_node(l, list->v[i]);
}

/* The country node of an ISO code, when the corpus has one. */
static void
add_country(struct links *l, const struct corpus *corpus, const char *iso3)
{
    const struct node *country = iso3 != NULL ? corpus_find(corpus, iso3) : NULL;
    if (country != NULL && country->kind == NODE_COUNTRY)
        add_node(l, country);
}

/* --- out --------------------------------------------------------------------------------- */

static void
add_paper_links(struct links *out, const struct corpus *corpus, const struct node *paper)
{
    const struct node_working_paper *p = &paper->u.paper;
    for (size_t i = 0; i < p->nsubmitters; i++)
        if (p->submitters[i].expert != NULL)
            add_node(out, p->submitters[i].expert);
    for (size_t i = 0; i < p->nsubmitters; i++)
        add_country(out, corpus, p->submitters[i].iso3);
}

static void
add_relations(struct links *out, const struct node *paper)
{
    const struct node_working_paper *p = &paper->u.paper;
    for (size_t i = 0; i < p->nrelations; i++) {
        const struct relation *r = &p->relations[i];
        size_t n = out->n;
        add_link(out, r->to, relation_kind_name(r->kind), false, r->target ? r->target->order : 0);
        if (out->n > n)
            out->v[n].via = r->via;
    }
}

static bool
submitted_by(const struct node *paper, const struct node *expert)
{
    for (size_t i = 0; i < paper->u.paper.nsubmitters; i++)
        if (paper->u.paper.submitters[i].expert == expert)
            return true;
    return false;
}

static void
add_expert_links(struct links *out, const struct corpus *corpus, const struct node *expert)
{
    size_t n;
    struct node *const *nodes = corpus_nodes(corpus, &n);
    for (size_t i = 0; i < n; i++)
        if (nodes[i]->kind == NODE_WORKING_PAPER && submitted_by(nodes[i], expert))
            add_node(out, nodes[i]);
    add_country(out, corpus, expert->u.expert.iso3);
}

static void
collect_out(struct links *out, const struct corpus *corpus, const struct node *node)
{
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct ref *r = &node->refs[i];
        add_link(out, r->to, ref_kind_name(r->kind), r->external, r->target ? r->target->order : 0);
    }
    if (node->kind == NODE_WORKING_PAPER) {
        add_paper_links(out, corpus, node);
        add_relations(out, node);
    } else if (node->kind == NODE_EXPERT) {
        add_expert_links(out, corpus, node);
    } else if (node->kind == NODE_RESPONSE) {
        add_country(out, corpus, node->u.response.iso3);
    } else if (node->kind == NODE_COUNTRY) {
        add_node_list(out, &node->u.country.experts);
        add_node_list(out, &node->u.country.working_papers);
        add_node_list(out, &node->u.country.responses);
    }
}

/* --- in ---------------------------------------------------------------------------------- */

/* Each kind of reference `from` makes to `node`. */
static void
add_citer(struct links *in, const struct node *from, const struct node *node)
{
    for (size_t i = 0; i < from->nrefs; i++)
        if (from->refs[i].target == node)
            add_link(in, from->address, ref_kind_name(from->refs[i].kind), false, from->order);
}

static int
compare_in_order(const void *a, const void *b)
{
    const struct link *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
collect_in(struct links *in, const struct node *node)
{
    const struct node_list *citers = &node->cited_by;
    for (size_t i = 0; i < citers->n; i++)
        add_citer(in, citers->v[i], node);
    for (size_t i = 0; i < citers->n; i++) {
        const struct node *fn = citers->v[i];
        if (fn->kind != NODE_FOOTNOTE || fn == node)
            continue;
        for (size_t j = 0; j < fn->cited_by.n; j++)
            add_link(in, fn->cited_by.v[j]->address, ref_kind_name(REF_FOOTNOTE), false,
                     fn->cited_by.v[j]->order);
    }
    if (in->n > 1)
        qsort(in->v, in->n, sizeof *in->v, compare_in_order);
}

/* --- Output ------------------------------------------------------------------------------ */

static void
print_links(FILE *f, const char *side, const struct links *l)
{
    for (size_t i = 0; i < l->n; i++) {
        fprintf(f, "%s\t", side);
        cli_put(f, l->v[i].address);
        fputc('\t', f);
        cli_put(f, l->v[i].kind);
        fputc('\n', f);
    }
}

static cJSON *
links_json(const struct links *l, bool with_external)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "address", l->v[i].address);
        cJSON_AddStringToObject(o, "kind", l->v[i].kind);
        if (with_external)
            cJSON_AddBoolToObject(o, "external", l->v[i].external);
        if (l->v[i].via != NULL)
            cJSON_AddStringToObject(o, "via", l->v[i].via);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static int
print_json(struct cli *cli, const struct node *node, const struct links *out,
           const struct links *in)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "address", node->address);
    cJSON_AddItemToObject(o, "out", links_json(out, true));
    cJSON_AddItemToObject(o, "in", links_json(in, false));
    return cli_print_json(cli, o);
}

int
cmd_refs_exec(struct cli *cli, int argc, char **argv)
{
    bool json = false;
    const struct node *node;
    int status = cli_json_and_address(cli, argc, argv, &json, &node);
    if (status != CLI_OK)
        return status;
    struct links out = {0}, in = {0};
    collect_out(&out, cli->corpus, node);
    collect_in(&in, node);
    if (json) {
        status = print_json(cli, node, &out, &in);
    } else {
        print_links(cli->out, "out", &out);
        print_links(cli->out, "in", &in);
    }
    free(out.v);
    free(in.v);
    return status;
}
