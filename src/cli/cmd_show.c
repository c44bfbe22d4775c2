/* `ndvr show`: one node, as readable text or as JSON. */
#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "util/i18n.h"

/* --- JSON ------------------------------------------------------------------------------ */

static void
add_string(cJSON *o, const char *key, const char *value)
{
    cJSON_AddItemToObject(o, key, value ? cJSON_CreateString(value) : cJSON_CreateNull());
}

static void
add_addresses(cJSON *o, const char *key, struct node *const *nodes, size_t n)
{
    cJSON *arr = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(nodes[i]->address));
}

static cJSON *
ref_json(const struct ref *ref)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "to", ref->to);
    cJSON_AddStringToObject(r, "kind", ref_kind_name(ref->kind));
    cJSON_AddBoolToObject(r, "external", ref->external);
    if (ref->in_title)
        cJSON_AddStringToObject(r, "in", "title");
    if (ref->in_text || ref->in_title) {
        cJSON_AddNumberToObject(r, "at", (double)ref->at);
        cJSON_AddNumberToObject(r, "len", (double)ref->len);
    }
    return r;
}

static void
add_expert(cJSON *o, const struct node_expert *e)
{
    add_string(o, "name", e->name);
    cJSON *aliases = cJSON_AddArrayToObject(o, "aliases");
    for (size_t i = 0; i < e->naliases; i++)
        cJSON_AddItemToArray(aliases, cJSON_CreateString(e->aliases[i]));
    add_string(o, "country", e->country);
    add_string(o, "iso3", e->iso3);
    cJSON *sessions = cJSON_AddArrayToObject(o, "sessions");
    for (size_t i = 0; i < e->nsessions; i++)
        cJSON_AddItemToArray(sessions, cJSON_CreateNumber(e->sessions[i]));
    add_string(o, "role", e->role);
    cJSON_AddBoolToObject(o, "alternate", e->alternate);
}

static void
add_paper(cJSON *o, const struct node *node)
{
    add_string(o, "symbol", node->u.paper.symbol);
    cJSON *subs = cJSON_AddArrayToObject(o, "submitters");
    for (size_t i = 0; i < node->u.paper.nsubmitters; i++) {
        const struct submitter *s = &node->u.paper.submitters[i];
        cJSON *so = cJSON_CreateObject();
        add_string(so, "name", s->name);
        add_string(so, "country", s->country);
        add_string(so, "iso3", s->iso3);
        add_string(so, "expert", s->expert ? s->expert->address : NULL);
        cJSON_AddItemToArray(subs, so);
    }
    cJSON *related = cJSON_AddArrayToObject(o, "related");
    for (size_t i = 0; i < node->u.paper.nrelations; i++) {
        const struct relation *r = &node->u.paper.relations[i];
        cJSON *ro = cJSON_CreateObject();
        cJSON_AddStringToObject(ro, "to", r->to);
        cJSON_AddStringToObject(ro, "reason", relation_kind_name(r->kind));
        cJSON_AddStringToObject(ro, "via", r->via);
        cJSON_AddItemToArray(related, ro);
    }
}

static void
add_response(cJSON *o, const struct node_response *r)
{
    add_string(o, "country", r->country);
    add_string(o, "iso3", r->iso3);
    add_string(o, "language", r->language);
    add_string(o, "date", r->date);
}

static void
add_country(cJSON *o, const struct node_country *c)
{
    add_string(o, "iso3", c->iso3);
    add_string(o, "name", c->name);
    add_addresses(o, "experts", c->experts.v, c->experts.n);
    add_addresses(o, "working_papers", c->working_papers.v, c->working_papers.n);
    add_addresses(o, "responses", c->responses.v, c->responses.n);
}

static void
add_kind_members(cJSON *o, const struct node *node)
{
    switch (node->kind) {
    case NODE_EXPERT:
        add_expert(o, &node->u.expert);
        break;
    case NODE_WORKING_PAPER:
        add_paper(o, node);
        break;
    case NODE_RESPONSE:
        add_response(o, &node->u.response);
        break;
    case NODE_COUNTRY:
        add_country(o, &node->u.country);
        break;
    case NODE_EXTERNAL:
        add_string(o, "symbol", node->u.external.symbol);
        add_string(o, "document_kind", ref_kind_name(node->u.external.document_kind));
        break;
    case NODE_FOOTNOTE:
    case NODE_PARAGRAPH:
        if (node->number >= 0)
            cJSON_AddNumberToObject(o, "number", node->number);
        else
            cJSON_AddNullToObject(o, "number");
        break;
    default:
        break;
    }
}

static cJSON *
node_json(const struct node *node)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "address", node->address);
    cJSON_AddStringToObject(o, "kind", node_kind_name(node->kind));
    add_string(o, "title", node->title);
    cJSON_AddStringToObject(o, "text", node->text);
    add_addresses(o, "children", node->children, node->nchildren);
    cJSON *refs = cJSON_AddArrayToObject(o, "refs");
    for (size_t i = 0; i < node->nrefs; i++)
        cJSON_AddItemToArray(refs, ref_json(&node->refs[i]));
    add_addresses(o, "cited_by", node->cited_by.v, node->cited_by.n);
    add_kind_members(o, node);
    return o;
}

static int
show_json(struct cli *cli, const struct node *node)
{
    cJSON *o = node_json(node);
    return cli_print_json(cli, o);
}

/* --- Text ------------------------------------------------------------------------------ */

static void
show_list(FILE *out, const char *heading, struct node *const *nodes, size_t n)
{
    if (n == 0)
        return;
    fprintf(out, "\n%s\n", heading);
    for (size_t i = 0; i < n; i++) {
        fputs("  ", out);
        cli_put(out, nodes[i]->address);
        fputc('\n', out);
    }
}

static void
show_refs(FILE *out, const struct node *node)
{
    if (node->nrefs == 0)
        return;
    fprintf(out, "\n%s\n", _("refs:"));
    for (size_t i = 0; i < node->nrefs; i++) {
        fputs("  ", out);
        cli_put(out, node->refs[i].to);
        fprintf(out, "  %s%s%s\n", ref_kind_name(node->refs[i].kind),
                node->refs[i].external ? _(", external") : "",
                node->refs[i].in_title ? _(", in the title") : "");
    }
}

/* "GE-NDV/2018/14  same-submitter  A/74/90#experts.DEU.1" */
static void
show_relations(FILE *out, const struct node *node)
{
    const struct node_working_paper *p = &node->u.paper;
    if (node->kind != NODE_WORKING_PAPER || p->nrelations == 0)
        return;
    fprintf(out, "\n%s\n", _("related:"));
    for (size_t i = 0; i < p->nrelations; i++) {
        fputs("  ", out);
        cli_put(out, p->relations[i].to);
        fprintf(out, "  %s  ", relation_kind_name(p->relations[i].kind));
        cli_put(out, p->relations[i].via);
        fputc('\n', out);
    }
}

/* An external document is known only by its symbol and by who cites it. */
static void
show_external(FILE *out, const struct node *node)
{
    if (node->kind != NODE_EXTERNAL)
        return;
    size_t n = node->cited_by.n;
    if (node->u.external.document_kind == REF_RESOLUTION)
        fprintf(out,
                ngettext("a General Assembly resolution outside the corpus, cited by %zu place",
                         "a General Assembly resolution outside the corpus, cited by %zu places",
                         n),
                n);
    else
        fprintf(out,
                ngettext("a UN document outside the corpus, cited by %zu place",
                         "a UN document outside the corpus, cited by %zu places", n),
                n);
    fputc('\n', out);
}

static int
show_text(struct cli *cli, const struct node *node)
{
    FILE *out = cli->out;
    cli_put(out, node->address);
    fprintf(out, "  (%s)\n", node_kind_name(node->kind));
    const char *title = node_display_title(node);
    if (title[0] != '\0') {
        cli_put(out, title);
        fputc('\n', out);
    }
    if (node->text[0] != '\0') {
        fputc('\n', out);
        if (node->label != NULL && node->title == NULL) {
            cli_put(out, node->label);
            fputc(' ', out);
        }
        cli_put(out, node->text);
        fputc('\n', out);
    }
    show_external(out, node);
    show_refs(out, node);
    show_relations(out, node);
    show_list(out, _("cited by:"), node->cited_by.v, node->cited_by.n);
    show_list(out, _("children:"), node->children, node->nchildren);
    return CLI_OK;
}

int
cmd_show_exec(struct cli *cli, int argc, char **argv)
{
    bool json = false;
    const struct node *node;
    int status = cli_json_and_address(cli, argc, argv, &json, &node);
    if (status != CLI_OK)
        return status;
    return json ? show_json(cli, node) : show_text(cli, node);
}
