/* Cards for experts, working papers, countries and documents outside the corpus. Every name, symbol
 * or address on a card that leads somewhere is a link of the block's own, covering just its bytes:
 * a name or a symbol opens its card (or a footnote), an address goes to its place in the text. */
#include "render/cards.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

enum { FIELD_COLS = 12 };

/* Between the addresses of a list; addresses_text writes it, link_addresses steps over it. */
static const char LIST_SEP[] = ", ";

/* block_link_node (open the target) or block_link_place (go to it in the text). */
typedef void link_fn(struct block *b, size_t start, size_t end, const struct node *target);

static size_t
len_of(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

static void
card_title(struct block_list *out, const struct node *node, const char *title)
{
    block_set_text(block_push(out, node, BLOCK_HEADING, 0), title);
}

/* One field value; the label is printed on the first value of a field only. */
static struct block *
card_field(struct block_list *out, const struct node *node, const char *label, const char *value)
{
    struct block *b = block_push(out, node, BLOCK_BODY, 0);
    b->label_cols = FIELD_COLS;
    if (label != NULL)
        block_set_label(b, label, FIELD_COLS);
    block_set_text(b, value);
    return b;
}

/* A field whose value begins with target's name or symbol, `lead` bytes long: the link. */
static void
lead_field(struct block_list *out, const struct node *node, const char *label, const char *value,
           size_t lead, const struct node *target)
{
    block_link_node(card_field(out, node, label, value), 0, lead, target);
}

/* Links the addresses of list where addresses_text put them, from byte `at` on. */
static void
link_addresses(struct block *b, size_t at, const struct node_list *list, link_fn *link)
{
    for (size_t i = 0; i < list->n; i++) {
        size_t end = at + strlen(list->v[i]->address);
        link(b, at, end, list->v[i]);
        at = end + strlen(LIST_SEP);
    }
}

static void
addresses_text(struct strbuf *sb, const struct node_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        sb_printf(sb, "%s%s", i ? LIST_SEP : "", list->v[i]->address);
}

static char *
sessions_text(const struct node_expert *e)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < e->nsessions; i++)
        sb_printf(&sb, "%s%d", i ? ", " : "", e->sessions[i]);
    if (e->sessions_note != NULL)
        sb_printf(&sb, " %s", e->sessions_note);
    return sb_detach(&sb);
}

/* Visits the working papers of the document that node is in. */
static void
find_papers(const struct node *root, const struct node *expert, struct block_list *out,
            const char **label)
{
    if (root->kind == NODE_WORKING_PAPER) {
        const struct node_working_paper *p = &root->u.paper;
        for (size_t i = 0; i < p->nsubmitters; i++) {
            if (p->submitters[i].expert != expert)
                continue;
            char *line = xasprintf("%s %s", p->symbol, root->title ? root->title : "");
            lead_field(out, expert, *label, line, len_of(p->symbol), root);
            free(line);
            *label = NULL;
            break;
        }
    }
    for (size_t i = 0; i < root->nchildren; i++)
        find_papers(root->children[i], expert, out, label);
}

/* The footnotes naming an expert: each address opens its footnote. */
static void
citations_field(struct block_list *out, const struct node *node)
{
    const struct node_list *list = &node->cited_by;
    struct strbuf sb = STRBUF_INIT;
    addresses_text(&sb, list);
    struct block *b =
        card_field(out, node, _("Cited in:"), list->n ? sb_str(&sb) : _("not named in a footnote"));
    link_addresses(b, 0, list, block_link_node);
    sb_free(&sb);
}

/* "挪威 (NOR)": the name as printed leads to the country; without a name, the code does. */
static void
country_field(struct block_list *out, const struct node *node)
{
    const struct node_expert *e = &node->u.expert;
    char *country = xasprintf("%s (%s)", e->country ? e->country : "?", e->iso3 ? e->iso3 : "?");
    struct block *b = card_field(out, node, _("Country:"), country);
    free(country);
    if (e->country != NULL)
        block_link_node(b, 0, strlen(e->country), e->country_node);
    else
        block_link_node(b, strlen("? ("), b->len - strlen(")"), e->country_node);
}

static void
expert_card(const struct node *node, struct block_list *out)
{
    const struct node_expert *e = &node->u.expert;
    card_title(out, node, e->name);
    country_field(out, node);
    char *sessions = sessions_text(e);
    card_field(out, node, _("Sessions:"), sessions);
    free(sessions);
    card_field(out, node, _("Role:"), e->role);
    if (e->alternate)
        card_field(out, node, _("Alternate:"), _("yes (候补专家)"));
    const char *label = _("Papers:");
    if (node->document != NULL)
        find_papers(node->document, node, out, &label);
    if (label != NULL)
        card_field(out, node, label, _("none named in the report"));
    citations_field(out, node);
    /* the entry in the list, as a place: the expert's own link would open this card again */
    block_link_place(card_field(out, node, _("Listed at:"), node->address), 0,
                     strlen(node->address), node);
}

/* "钱伯斯博士 (大不列颠及北爱尔兰联合王国) = David Chambers": a Latin name is followed by a
 * space before its honorific, as the footnotes print it. */
static char *
submitter_text(const struct submitter *s)
{
    struct strbuf sb = STRBUF_INIT;
    const char *name = s->name ? s->name : "?";
    sb_puts(&sb, name);
    if (s->honorific != NULL) {
        ucs4_t last = 0;
        const uint8_t *end = (const uint8_t *)name + strlen(name);
        if (end > (const uint8_t *)name)
            u8_prev(&last, end, (const uint8_t *)name);
        if (cell_width(last) < 2)
            sb_putc(&sb, ' ');
        sb_puts(&sb, s->honorific);
    }
    sb_printf(&sb, " (%s)", s->country ? s->country : "?");
    if (s->expert != NULL)
        sb_printf(&sb, " = %s", s->expert->u.expert.name);
    else
        sb_puts(&sb, _(", not in the expert list"));
    return sb_detach(&sb);
}

/* Between a footnote and the paragraphs citing it; a macro, as it is translated when used. */
#define CITED_BY _(", cited by ")

/* "A/74/90#fn9, cited by A/74/90#p14.4": the footnote opens, the paragraphs are places. */
static void
paper_citation(struct block_list *out, const struct node *node, const char *label,
               const struct node *fn)
{
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, fn->address);
    if (fn->cited_by.n > 0)
        sb_puts(&sb, CITED_BY);
    addresses_text(&sb, &fn->cited_by);
    struct block *b = card_field(out, node, label, sb_str(&sb));
    sb_free(&sb);
    block_link_node(b, 0, strlen(fn->address), fn);
    link_addresses(b, strlen(fn->address) + strlen(CITED_BY), &fn->cited_by, block_link_place);
}

static void
paper_citations(const struct node *node, struct block_list *out)
{
    const char *label = _("Cited in:");
    for (size_t i = 0; i < node->cited_by.n; i++) {
        paper_citation(out, node, label, node->cited_by.v[i]);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("not cited in the report"));
}

static const char *const relation_words[RELATION_KIND_COUNT] = {
    [RELATION_SAME_SUBMITTER] = N_("same submitter"),
    [RELATION_CITED_TOGETHER] = N_("cited together in"),
    [RELATION_SAME_TITLE] = N_("same title"),
    [RELATION_OVERLAPPING_TITLE] = N_("overlapping title"),
};

/* The words naming a relation's evidence: an expert's listed name, an address, the shared
 * title words. */
static const char *
via_words(const struct relation *r)
{
    if (r->via_node != NULL && r->via_node->kind == NODE_EXPERT && r->via_node->u.expert.name)
        return r->via_node->u.expert.name;
    return r->via;
}

/* "GE-NDV/2018/14  same submitter: 比昂提诺": the symbol opens the other paper's card, the
 * evidence its own (an expert's card, the footnote). */
static void
relation_field(struct block_list *out, const struct node *node, const char *label,
               const struct relation *r)
{
    const char *kind = (unsigned)r->kind < RELATION_KIND_COUNT ? _(relation_words[r->kind]) : "?";
    const char *sep = r->kind == RELATION_CITED_TOGETHER ? " " : ": ";
    char *line = xasprintf("%s  %s%s%s", r->to, kind, sep, via_words(r));
    struct block *b = card_field(out, node, label, line);
    free(line);
    block_link_node(b, 0, strlen(r->to), r->target);
    block_link_node(b, b->len - strlen(via_words(r)), b->len, r->via_node);
}

static void
paper_relations(const struct node *node, struct block_list *out)
{
    const struct node_working_paper *p = &node->u.paper;
    for (size_t i = 0; i < p->nrelations; i++)
        relation_field(out, node, i == 0 ? _("Related:") : NULL, &p->relations[i]);
}

static void
paper_card(const struct node *node, struct block_list *out)
{
    const struct node_working_paper *p = &node->u.paper;
    card_title(out, node, p->symbol);
    card_field(out, node, _("Title:"), node->title);
    const char *label = _("Submitters:");
    for (size_t i = 0; i < p->nsubmitters; i++) {
        const struct node *x = p->submitters[i].expert;
        char *line = submitter_text(&p->submitters[i]);
        struct block *b = card_field(out, node, label, line);
        free(line);
        if (x != NULL) /* the listed name that ends the line leads to the expert */
            block_link_node(b, b->len - len_of(x->u.expert.name), b->len, x);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("not named in the report"));
    paper_citations(node, out);
    paper_relations(node, out);
}

static void
country_experts(const struct node *node, struct block_list *out)
{
    const char *label = _("Experts:");
    for (size_t i = 0; i < node->u.country.experts.n; i++) {
        const struct node *x = node->u.country.experts.v[i];
        char *sessions = sessions_text(&x->u.expert);
        char *line = xasprintf(_("%s, sessions %s"), x->u.expert.name, sessions);
        lead_field(out, node, label, line, len_of(x->u.expert.name), x);
        free(line);
        free(sessions);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("none"));
}

static void
country_papers(const struct node *node, struct block_list *out)
{
    const char *label = _("Papers:");
    for (size_t i = 0; i < node->u.country.working_papers.n; i++) {
        const struct node *p = node->u.country.working_papers.v[i];
        char *line = xasprintf("%s %s", p->u.paper.symbol, p->title ? p->title : "");
        lead_field(out, node, label, line, len_of(p->u.paper.symbol), p);
        free(line);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("none"));
}

/* The response's first paragraph, as the dossier quotes it. */
static const struct node *
first_paragraph(const struct node *response)
{
    for (size_t i = 0; i < response->nchildren; i++)
        if (response->children[i]->kind == NODE_PARAGRAPH)
            return response->children[i];
    return NULL;
}

static void
country_responses(const struct node *node, struct block_list *out)
{
    const char *label = _("Response:");
    for (size_t i = 0; i < node->u.country.responses.n; i++) {
        const struct node *r = node->u.country.responses.v[i];
        char *line =
            xasprintf("%s, %s, 原件：%s", r->address, r->u.response.date ? r->u.response.date : "?",
                      r->u.response.language ? r->u.response.language : "?");
        block_link_place(card_field(out, node, label, line), 0, strlen(r->address), r);
        free(line);
        const struct node *p = first_paragraph(r);
        if (p != NULL)
            card_field(out, node, NULL, p->text);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("none"));
}

/* About 20 columns each side of where `node` names `named` (in its text, or in a heading's
 * title). */
static char *
mention(const struct node *node, const struct node *named)
{
    size_t at = 0;
    bool title = false;
    for (size_t i = 0; i < node->nrefs; i++)
        if (node->refs[i].target == named && (node->refs[i].in_text || node->refs[i].in_title)) {
            at = node->refs[i].at;
            title = node->refs[i].in_title;
            break;
        }
    const char *words = title ? node->title : node->text;
    size_t n = title ? strlen(words) : node->text_len;
    const uint8_t *t = (const uint8_t *)words, *start = t + at, *end = t + at;
    ucs4_t c;
    for (int cols = 0; start > t && cols < 20;) {
        start = u8_prev(&c, start, t);
        cols += cell_width(c);
    }
    for (int cols = 0; end < t + n && cols < 40;) {
        int len = u8_mbtouc(&c, end, (size_t)(t + n - end));
        cols += cell_width(c);
        end += len;
    }
    return xasprintf("%s  %s%.*s%s", node->address, start > t ? "…" : "", (int)(end - start),
                     (const char *)start, end < t + n ? "…" : "");
}

static void
mentions(const struct node *node, const char *label, struct block_list *out)
{
    for (size_t i = 0; i < node->cited_by.n; i++) {
        const struct node *at = node->cited_by.v[i];
        char *line = mention(at, node);
        block_link_place(card_field(out, node, label, line), 0, strlen(at->address), at);
        free(line);
        label = NULL;
    }
    if (label != NULL)
        card_field(out, node, label, _("nowhere in the text"));
}

/* A document the corpus cites but does not hold: what it is, and every place citing it. */
static void
external_card(const struct node *node, struct block_list *out)
{
    const struct node_external *e = &node->u.external;
    card_title(out, node, e->symbol);
    card_field(out, node, _("Kind:"),
               e->document_kind == REF_RESOLUTION
                   ? _("General Assembly resolution, not in the corpus")
                   : _("UN document, not in the corpus"));
    char *count =
        xasprintf(ngettext("%zu place", "%zu places", node->cited_by.n), node->cited_by.n);
    card_field(out, node, _("Cited:"), count);
    free(count);
    mentions(node, _("Cited in:"), out);
}

static void
country_card(const struct node *node, struct block_list *out)
{
    const struct node_country *c = &node->u.country;
    char *title = xasprintf("%s (%s)", c->name ? c->name : "?", c->iso3);
    card_title(out, node, title);
    free(title);
    country_experts(node, out);
    country_papers(node, out);
    country_responses(node, out);
    mentions(node, _("Named in:"), out);
}

void
render_card(const struct node *node, struct block_list *out)
{
    if (node->kind == NODE_EXPERT)
        expert_card(node, out);
    else if (node->kind == NODE_WORKING_PAPER)
        paper_card(node, out);
    else if (node->kind == NODE_COUNTRY)
        country_card(node, out);
    else if (node->kind == NODE_EXTERNAL)
        external_card(node, out);
}
