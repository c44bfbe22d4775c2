/* Nodes into blocks, blocks into lines. */
#include "render/blocks.h"

#include "render/cards.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Columns kept for paragraph numbers ("40." and a space), so that text starts in the same
 * column for every numbered paragraph of a chapter. */
enum { NUMBER_COLS = 4, CARD_LABEL_COLS = 12 };

static const char *const superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

char *
render_superscript(const char *digits, size_t nbytes)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < nbytes; i++) {
        if (digits[i] >= '0' && digits[i] <= '9')
            sb_puts(&sb, superscripts[digits[i] - '0']);
        else
            sb_putc(&sb, digits[i]);
    }
    return sb_detach(&sb);
}

static bool
all_ascii_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* --- Picked links ------------------------------------------------------------------------ */

void
link_pick_set(struct link_pick *pick, const struct node *node, const struct ref *ref)
{
    pick->set = ref != NULL;
    pick->node = node;
    if (ref != NULL)
        pick->ref = *ref;
}

void
link_pick_clear(struct link_pick *pick)
{
    memset(pick, 0, sizeof *pick);
}

bool
ref_same(const struct ref *a, const struct ref *b)
{
    return a->to == b->to && a->target == b->target && a->kind == b->kind &&
           a->in_text == b->in_text && a->in_title == b->in_title && a->at == b->at;
}

bool
link_pick_is(const struct link_pick *pick, const struct node *node, const struct ref *ref)
{
    return pick->set && pick->node == node && ref_same(&pick->ref, ref);
}

/* --- Blocks ------------------------------------------------------------------------------ */

struct block *
block_push(struct block_list *out, const struct node *node, enum block_style style, int indent)
{
    out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
    struct block *b = &out->v[out->n++];
    memset(b, 0, sizeof *b);
    b->node = node;
    b->style = style;
    b->indent = indent;
    return b;
}

void
block_set_label(struct block *b, const char *label, int min_cols)
{
    if (label == NULL || label[0] == '\0')
        return;
    b->label = xstrdup(label);
    int cols = text_width(label, strlen(label)) + 1;
    b->label_cols = cols > min_cols ? cols : min_cols;
}

void
block_set_text(struct block *b, const char *text)
{
    b->text = xstrdup(text ? text : "");
    b->len = strlen(b->text);
}

static void
add_marker(struct block *b, size_t *cap, size_t start, size_t end)
{
    b->markers = xgrow(b->markers, cap, b->nmarkers + 1, sizeof *b->markers);
    b->markers[b->nmarkers++] = (struct wrap_span){start, end};
}

static void
add_link(struct block *b, size_t *cap, size_t start, size_t end, const struct ref *ref)
{
    b->links = xgrow(b->links, cap, b->nlinks + 1, sizeof *b->links);
    b->links[b->nlinks++] = (struct block_link){{start, end}, ref};
}

/* The kind of reference that opens target: its card, its footnote, else its place. */
static enum ref_kind
ref_kind_of(const struct node *target)
{
    return target->kind == NODE_EXPERT          ? REF_EXPERT
           : target->kind == NODE_WORKING_PAPER ? REF_WORKING_PAPER
           : target->kind == NODE_COUNTRY       ? REF_COUNTRY
           : target->kind == NODE_FOOTNOTE      ? REF_FOOTNOTE
                                                : REF_DOCUMENT;
}

static struct ref *
own_ref(struct block *b, const struct node *target, enum ref_kind kind)
{
    struct ref *r = xcalloc(1, sizeof *r);
    r->to = target->address;
    r->kind = kind;
    r->target = (struct node *)target; /* the corpus is read-only; refs are not */
    b->own_refs = xrealloc(b->own_refs, (b->nown_refs + 1) * sizeof *b->own_refs);
    b->own_refs[b->nown_refs++] = r;
    return r;
}

static void
link_span(struct block *b, size_t start, size_t end, const struct node *target, enum ref_kind kind)
{
    size_t cap = b->nlinks;
    if (start < end && end <= b->len)
        add_link(b, &cap, start, end, own_ref(b, target, kind));
}

void
block_link_node(struct block *b, size_t start, size_t end, const struct node *target)
{
    if (target != NULL)
        link_span(b, start, end, target, ref_kind_of(target));
}

void
block_link_place(struct block *b, size_t start, size_t end, const struct node *target)
{
    if (target != NULL)
        link_span(b, start, end, target, REF_DOCUMENT);
}

void
block_link_label(struct block *b, const struct node *target)
{
    if (target != NULL && b->label != NULL)
        b->label_ref = own_ref(b, target, ref_kind_of(target));
}

/* Whether a link shows its reference's bytes as they are (not a marker made superscript). */
static bool
same_length(const struct block_link *l)
{
    return l->span.end - l->span.start == l->ref->len;
}

/* Where a link sits: its reference's start in the node's text, or its display span's. */
static size_t
link_at(const struct block_link *l, bool display)
{
    return display ? l->span.start : l->ref->at;
}

/* One past the last in-text link that starts before x (0: none), link by link. */
static size_t
scan_text_links(const struct block *b, size_t x, bool display)
{
    size_t last = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        const struct block_link *l = &b->links[i];
        if (!l->ref->in_text)
            continue;
        if (x <= link_at(l, display))
            break;
        last = i + 1;
    }
    return last;
}

/* The same by binary search, as links are in text order: a paragraph may hold many thousands
 * and every hit drawn asks. A block whose links are not all in-text references (a card, a
 * heading) is scanned instead when the search meets one. */
static size_t
text_links_before(const struct block *b, size_t x, bool display)
{
    size_t lo = 0, hi = b->nlinks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (!b->links[mid].ref->in_text)
            return scan_text_links(b, x, display);
        if (link_at(&b->links[mid], display) < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && !b->links[lo - 1].ref->in_text ? scan_text_links(b, x, display) : lo;
}

/* Links do not overlap, so only the last one that starts before orig can hold it. */
size_t
block_display_offset(const struct block *b, size_t orig)
{
    size_t pos = orig, k = text_links_before(b, orig, false);
    if (k > 0) {
        const struct block_link *l = &b->links[k - 1];
        const struct ref *r = l->ref;
        if (orig < r->at + r->len) /* inside: a marker's digits differ, a symbol's do not */
            return l->span.start + (same_length(l) ? orig - r->at : 0);
        pos = l->span.end + (orig - (r->at + r->len));
    }
    if (pos > b->len)
        pos = b->len;
    while (pos > 0 && pos < b->len && ((unsigned char)b->text[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

size_t
block_original_offset(const struct block *b, size_t display)
{
    size_t k = text_links_before(b, display, true);
    if (k == 0)
        return display;
    const struct block_link *l = &b->links[k - 1];
    if (display < l->span.end)
        return l->ref->at + (same_length(l) ? display - l->span.start : 0);
    return l->ref->at + l->ref->len + (display - l->span.end);
}

size_t
block_first_link_after(const struct block *b, size_t at)
{
    size_t lo = 0, hi = b->nlinks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->links[mid].span.end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The node's text (or, for a heading, its title) for display: plain-digit footnote markers
 * become superscripts, and every reference made by those words is remembered with its span
 * in the new text. */
static void
set_words(struct block *b, const struct node *node, bool title)
{
    const char *text = title ? (node->title ? node->title : "") : node->text;
    size_t text_len = title ? strlen(text) : node->text_len;
    struct strbuf sb = STRBUF_INIT;
    size_t pos = 0, mcap = 0, lcap = 0;
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct ref *r = &node->refs[i];
        if (!(title ? r->in_title : r->in_text) || r->at < pos || r->at + r->len > text_len)
            continue;
        sb_append(&sb, text + pos, r->at - pos);
        size_t start = sb.len;
        const char *src = text + r->at;
        if (r->kind == REF_FOOTNOTE && all_ascii_digits(src, r->len)) {
            char *sup = render_superscript(src, r->len);
            sb_puts(&sb, sup);
            free(sup);
        } else {
            sb_append(&sb, src, r->len);
        }
        if (r->kind == REF_FOOTNOTE)
            add_marker(b, &mcap, start, sb.len);
        add_link(b, &lcap, start, sb.len, r);
        pos = r->at + r->len;
    }
    sb_append(&sb, text + pos, text_len - pos);
    b->len = sb.len;
    b->text = sb_detach(&sb);
}

static void
set_node_text(struct block *b, const struct node *node)
{
    set_words(b, node, false);
}

/* --- Footnotes after a paragraph block --------------------------------------------------- */

struct note_set {
    const struct node **v;
    size_t n, cap;
};

static void
collect_notes(const struct node *node, struct note_set *notes)
{
    for (size_t i = 0; i < node->nrefs; i++) {
        const struct node *t = node->refs[i].target;
        if (node->refs[i].kind != REF_FOOTNOTE || t == NULL)
            continue;
        bool seen = false;
        for (size_t k = 0; k < notes->n && !seen; k++)
            seen = notes->v[k] == t;
        if (!seen) {
            notes->v = xgrow(notes->v, &notes->cap, notes->n + 1, sizeof *notes->v);
            notes->v[notes->n++] = t;
        }
    }
    for (size_t i = 0; i < node->nchildren; i++)
        collect_notes(node->children[i], notes);
}

static void
render_footnote(const struct node *fn, int indent, struct block_list *out)
{
    struct block *b = block_push(out, fn, BLOCK_FOOTNOTE, indent);
    const char *label = fn->label ? fn->label : "";
    char *sup = render_superscript(label, strlen(label));
    block_set_label(b, sup, 0);
    free(sup);
    set_node_text(b, fn);
}

static void
render_notes_of(const struct node *node, const struct render_opts *opts, struct block_list *out)
{
    if (!opts->footnotes)
        return;
    struct note_set notes = {0};
    collect_notes(node, &notes);
    for (size_t i = 0; i < notes.n; i++) {
        render_footnote(notes.v[i], 0, out);
        out->v[out->n - 1].blank_before = i == 0;
    }
    free(notes.v);
}

/* --- Kinds ------------------------------------------------------------------------------- */

static void render_tree(const struct node *node, int indent, const struct render_opts *opts,
                        struct block_list *out);

static void
render_children(const struct node *node, int indent, const struct render_opts *opts,
                struct block_list *out)
{
    if (opts->own_only)
        return;
    for (size_t i = 0; i < node->nchildren; i++)
        render_tree(node->children[i], indent, opts, out);
}

/* "二." for a chapter, "A." for a section, "附件一" for an annex. */
static void
render_heading(const struct node *node, enum block_style style, const struct render_opts *opts,
               struct block_list *out)
{
    struct block *b = block_push(out, node, style, 0);
    b->blank_before = true;
    if (node->label != NULL && (node->kind == NODE_CHAPTER || node->kind == NODE_SECTION)) {
        char *label = xasprintf("%s.", node->label);
        block_set_label(b, label, 0);
        free(label);
    } else {
        block_set_label(b, node->label, 0);
    }
    set_words(b, node, true);
    render_children(node, 0, opts, out);
}

static void
render_paragraph(const struct node *node, int indent, const struct render_opts *opts,
                 struct block_list *out)
{
    struct block *b = block_push(out, node, BLOCK_BODY, indent);
    bool top = node->kind == NODE_PARAGRAPH;
    b->blank_before = top;
    if (node->kind == NODE_PARAGRAPH && node->label != NULL) {
        char *label = xasprintf("%s.", node->label);
        block_set_label(b, label, NUMBER_COLS);
        free(label);
    } else if (node->kind == NODE_ITEM) {
        block_set_label(b, node->label ? node->label : "•", 0);
    }
    set_node_text(b, node);
    int child_indent = b->indent + b->label_cols;
    render_children(node, child_indent, opts, out);
    if (top)
        render_notes_of(node, opts, out);
}

static void
render_response(const struct node *node, const struct render_opts *opts, struct block_list *out)
{
    const struct node_response *r = &node->u.response;
    struct block *b = block_push(out, node, BLOCK_HEADING, 0);
    b->blank_before = true;
    block_set_text(b, node->title ? node->title : r->country);
    char *meta = xasprintf("[原件：%s] [%s]", r->language ? r->language : "?",
                           r->date_text ? r->date_text : (r->date ? r->date : "?"));
    block_set_text(block_push(out, node, BLOCK_META, 0), meta);
    free(meta);
    render_children(node, 0, opts, out);
}

static void
render_document(const struct node *node, const struct render_opts *opts, struct block_list *out)
{
    block_set_text(block_push(out, node, BLOCK_META, 0), node->u.document.symbol);
    if (node->title != NULL)
        block_set_text(block_push(out, node, BLOCK_TITLE, 0), node->title);
    render_children(node, 0, opts, out);
}

/* An entry of the expert list as the letter prints it: name(country), note, role. */
static void
render_expert_entry(const struct node *node, struct block_list *out)
{
    const struct node_expert *e = &node->u.expert;
    struct block *b = block_push(out, node, BLOCK_BODY, 0);
    char *line = xasprintf("%s(%s)", e->name ? e->name : "", e->country ? e->country : "");
    block_set_text(b, line);
    free(line);
    block_link_node(b, 0, strlen(e->name ? e->name : ""), node); /* to the expert's card */
    b->blank_before = true;
    if (e->sessions_note != NULL)
        block_set_text(block_push(out, node, BLOCK_META, 2), e->sessions_note);
    block_set_text(block_push(out, node, BLOCK_BODY, 2), e->role);
}

static void
render_paper_row(const struct node *node, struct block_list *out)
{
    struct block *b = block_push(out, node, BLOCK_BODY, 0);
    block_set_label(b, node->u.paper.symbol, 16);
    block_set_text(b, node->title);
    block_link_label(b, node); /* the row leads to the paper's card */
}

static void
render_tree(const struct node *node, int indent, const struct render_opts *opts,
            struct block_list *out)
{
    switch (node->kind) {
    case NODE_DOCUMENT:
        render_document(node, opts, out);
        break;
    case NODE_FRONT_MATTER:
    case NODE_CHAPTER:
    case NODE_SECTION:
    case NODE_ANNEX:
        render_heading(node, BLOCK_HEADING, opts, out);
        break;
    case NODE_HEADING: /* a cover's header line may cite a footnote ("暂定项目表*") */
        render_heading(node, BLOCK_HEADING, opts, out);
        render_notes_of(node, opts, out);
        break;
    case NODE_PARAGRAPH:
    case NODE_ITEM:
        render_paragraph(node, indent, opts, out);
        break;
    case NODE_RESPONSE:
        render_response(node, opts, out);
        break;
    case NODE_EXPERT_LIST: /* a country group's entries print the country themselves */
        render_children(node, indent, opts, out);
        break;
    case NODE_EXPERT:
        render_expert_entry(node, out);
        break;
    case NODE_WORKING_PAPER_LIST:
        render_children(node, indent, opts, out);
        break;
    case NODE_WORKING_PAPER:
        render_paper_row(node, out);
        break;
    case NODE_FOOTNOTE: /* shown after the paragraphs citing it */
    case NODE_COUNTRY:
    case NODE_EXTERNAL:
    case NODE_KIND_COUNT:
        break;
    }
}

/* The columns a paragraph's or item's label takes, as render_paragraph lays them out. */
static int
label_cols_of(const struct node *node)
{
    if (node->kind == NODE_PARAGRAPH && node->label != NULL) {
        int cols = text_width(node->label, strlen(node->label)) + 2; /* "23." and a space */
        return cols > NUMBER_COLS ? cols : NUMBER_COLS;
    }
    if (node->kind == NODE_ITEM) {
        const char *label = node->label ? node->label : "•";
        return text_width(label, strlen(label)) + 1;
    }
    return 0;
}

/* An item's indent in the whole document: the hanging columns of the paragraphs and items
 * it is nested in. */
static int
nesting_indent(const struct node *node)
{
    int indent = 0;
    for (const struct node *p = node->parent; p != NULL; p = p->parent) {
        if (p->kind != NODE_PARAGRAPH && p->kind != NODE_ITEM)
            break;
        indent += label_cols_of(p);
    }
    return indent;
}

void
render_node(const struct node *node, const struct render_opts *opts, struct block_list *out)
{
    size_t first = out->n;
    bool entry = node->kind == NODE_EXPERT || node->kind == NODE_WORKING_PAPER;
    bool card =
        node->kind == NODE_COUNTRY || node->kind == NODE_EXTERNAL || (entry && !opts->own_only);
    if (node->kind == NODE_FOOTNOTE)
        render_footnote(node, 0, out);
    else if (card) /* read node by node, experts and papers are entries of their lists */
        render_card(node, out);
    else
        render_tree(node, opts->own_only ? nesting_indent(node) : 0, opts, out);
    if (out->n > first && !opts->own_only)
        out->v[first].blank_before = false;
}

void
block_list_free(struct block_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].label);
        free(list->v[i].text);
        free(list->v[i].markers);
        free(list->v[i].links);
        for (size_t k = 0; k < list->v[i].nown_refs; k++)
            free(list->v[i].own_refs[k]);
        free(list->v[i].own_refs);
    }
    free(list->v);
    memset(list, 0, sizeof *list);
}

/* --- Layout -------------------------------------------------------------------------------- */

/* The text needs at least this many columns beside a label, else the label goes above. */
enum { MIN_TEXT_COLS = 6 };

static int
min_int(int a, int b)
{
    return a < b ? a : b;
}

/* Where the text hangs at this width, and its indent, in the device's units (u per column).
 * Indents shrink first; then, when the text beside the label would be narrower than the label
 * column itself (or than MIN_TEXT_COLS: a character, its closing punctuation and a marker), the
 * label leaves the text's side and goes above it. */
static int
effective_hang(const struct block *b, int width, int u, int *indent)
{
    int label = b->label_cols * u, min_text = MIN_TEXT_COLS * u;
    int need = label > min_text ? label : min_text;
    int room = width - need;
    if (room < 0)
        room = 0;
    *indent = min_int(b->indent * u, room > label ? room - label : 0);
    if (*indent + label <= room)
        return *indent + label;
    /* too narrow: no label column (a card's further values have the column but no label);
     * the text still hangs two columns in, under its label, when there is room */
    *indent = min_int(b->indent * u, width > min_text ? width - min_text : 0);
    if (b->label_cols > 0 && width - *indent - 2 * u >= min_text)
        return *indent + 2 * u;
    return *indent;
}

/* The label's own lines when it cannot hang beside the text: wrapped like text. */
static size_t
layout_label(const struct block *b, int width, int indent, const struct measure *m,
             struct block_line **out, size_t *cap)
{
    struct wrap_spec spec = {
        .measure = m, .width = width, .first_indent = indent, .rest_indent = indent};
    struct wrap_line *wl;
    size_t n = wrap_text(b->label, strlen(b->label), &spec, &wl);
    *out = xgrow(*out, cap, n, sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = (struct block_line){wl[i].start, wl[i].end, false, true, indent, wl[i].cols};
    free(wl);
    return n;
}

/* The spans that stay whole where they fit: symbols, not Chinese names, which break between
 * ideographs like any Chinese text. Caller frees. */
static struct wrap_span *
kept_spans(const struct block *b, size_t *nkeep)
{
    struct wrap_span *keep = xcalloc(b->nlinks + 1, sizeof *keep);
    *nkeep = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        enum ref_kind k = b->links[i].ref->kind;
        if ((b->links[i].ref->in_text || b->links[i].ref->in_title) &&
            (k == REF_DOCUMENT || k == REF_WORKING_PAPER || k == REF_RESOLUTION))
            keep[(*nkeep)++] = b->links[i].span;
    }
    return keep;
}

size_t
block_layout_on(const struct block *b, int width, const struct measure *m,
                struct block_line **lines)
{
    int indent, u = m->unit;
    int hang = effective_hang(b, width, u, &indent);
    bool label_above = b->label != NULL && hang < indent + b->label_cols * u;
    size_t nkeep;
    struct wrap_span *keep = kept_spans(b, &nkeep);
    struct wrap_spec spec = {.measure = m,
                             .width = width,
                             .first_indent = hang,
                             .rest_indent = hang,
                             .keep = keep,
                             .nkeep = nkeep,
                             .markers = b->markers,
                             .nmarkers = b->nmarkers};
    struct wrap_line *wl;
    size_t n = wrap_text(b->text, b->len, &spec, &wl);
    free(keep);
    struct block_line *out = NULL;
    size_t cap = 0, used = label_above ? layout_label(b, width, indent, m, &out, &cap) : 0;
    out = xgrow(out, &cap, used + n, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[used + i] = (struct block_line){wl[i].start, wl[i].end, i == 0 && !label_above,
                                            false,       hang,      wl[i].cols};
    free(wl);
    *lines = out;
    return used + n;
}

bool *
block_break_marks(const struct block *b)
{
    size_t nkeep;
    struct wrap_span *keep = kept_spans(b, &nkeep);
    struct wrap_spec spec = {
        .keep = keep, .nkeep = nkeep, .markers = b->markers, .nmarkers = b->nmarkers};
    bool *marks = wrap_break_marks(b->text, b->len, &spec);
    free(keep);
    return marks;
}

size_t
block_layout(const struct block *b, int width, struct block_line **lines)
{
    return block_layout_on(b, width, &measure_cells, lines);
}

char *
block_line_text(const struct block *b, const struct block_line *line)
{
    struct strbuf sb = STRBUF_INIT;
    if (line->label_only) {
        for (int i = 0; i < line->hang; i++)
            sb_putc(&sb, ' ');
        size_t end = line->end;
        while (end > line->start && b->label[end - 1] == ' ')
            end--;
        sb_append(&sb, b->label + line->start, end - line->start);
        return sb_detach(&sb);
    }
    /* the label column is there when the text hangs past it */
    int indent = line->hang >= b->label_cols ? line->hang - b->label_cols : line->hang;
    if (!line->first)
        indent = line->hang;
    for (int i = 0; i < indent; i++)
        sb_putc(&sb, ' ');
    int pad = line->hang - indent;
    if (line->first && b->label != NULL) {
        sb_puts(&sb, b->label);
        pad -= text_width(b->label, strlen(b->label));
    }
    size_t end = line->end;
    /* trailing spaces and tabs hang past the width, as the line breaker lets them */
    while (end > line->start &&
           (b->text[end - 1] == ' ' || b->text[end - 1] == '\t' || b->text[end - 1] == '\n'))
        end--;
    if (end > line->start)
        for (int i = 0; i < pad; i++)
            sb_putc(&sb, ' ');
    /* tabs: expanded to the next multiple of 8 columns of the text part */
    int col = 0;
    for (size_t i = line->start; i < end;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)b->text + i, end - i);
        if (c == '\t') {
            do
                sb_putc(&sb, ' ');
            while (++col % 8);
        } else {
            sb_append(&sb, b->text + i, (size_t)len);
            col += cell_width(c);
        }
        i += (size_t)len;
    }
    return sb_detach(&sb);
}
