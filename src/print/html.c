/* The HTML format: one self-contained, well-formed HTML5 file with a print stylesheet, made
 * from the same blocks as the text pages (the browser does the line breaking). */
#include <stdlib.h>
#include <string.h>

#include "print/print_int.h"
#include "util/xalloc.h"

/* Item lists nest at most this deep; deeper items stay in the deepest list. */
enum { HTML_MAX_LISTS = 16 };

static const char html_style[] =
    "@page { size: A4; margin: 20mm; }\n"
    "body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", "
    "SimSun, serif; font-size: 11pt; line-height: 1.7; margin: 0 auto; max-width: 48em; }\n"
    "header.running { font-size: 9pt; color: #444; border-bottom: 0.5pt solid #888; "
    "margin: 1.5em 0 1em; }\n"
    "h1, h2, h3, h4 { font-weight: bold; break-after: avoid; page-break-after: avoid; }\n"
    "h1 { font-size: 16pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; } "
    "h4 { font-size: 11pt; }\n"
    "p.para { text-indent: -2.5em; padding-left: 2.5em; }\n"
    "span.num { display: inline-block; min-width: 2.5em; text-indent: 0; }\n"
    "ul.items { list-style: none; padding-left: 2.5em; }\n"
    "ul.items > li > span.label { margin-right: 0.5em; }\n"
    "p.meta, p.selected { color: #444; }\n"
    "sup a { text-decoration: none; color: inherit; }\n"
    "section.footnotes { font-size: 9pt; border-top: 0.5pt solid #888; margin-top: 1em; "
    "padding-top: 0.5em; }\n"
    "section.footnotes p { margin: 0.3em 0; }\n";

/* A footnote of the part being written: its first block and its id number in the file. */
struct html_note {
    const struct node *fn;
    const struct block *b;
    int id;
};

struct html_notes {
    struct html_note *v;
    size_t n, cap;
};

struct html_out {
    struct strbuf sb;
    int next_id;                    /* footnote ids are unique in the file */
    int lists[HTML_MAX_LISTS];      /* indents of the open item lists, outermost first */
    int nlists;
    struct html_notes notes;
};

/* s[0..n) as HTML text: control characters dropped, tabs as spaces, markup characters
 * escaped, line breaks as <br>. */
static void
put_text(struct strbuf *sb, const char *s, size_t n)
{
    struct strbuf clean = STRBUF_INIT;
    print_put_clean(&clean, s, n, false);
    for (size_t i = 0; i < clean.len; i++) {
        char c = clean.data[i];
        switch (c) {
        case '&': sb_puts(sb, "&amp;"); break;
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '"': sb_puts(sb, "&quot;"); break;
        case '\'': sb_puts(sb, "&#39;"); break;
        case '\n': sb_puts(sb, "<br>"); break;
        case '\t': sb_putc(sb, ' '); break;
        default: sb_putc(sb, c); break;
        }
    }
    sb_free(&clean);
}

static void
put_str(struct strbuf *sb, const char *s)
{
    put_text(sb, s, strlen(s));
}

/* A marker inside <sup>: its superscript digits as plain ones, so that they are not raised
 * twice. */
static void
put_plain_digits(struct strbuf *sb, const char *s, size_t n)
{
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    struct strbuf plain = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        size_t d = 0;
        while (d < 10 && strncmp(s + i, sup[d], strlen(sup[d])) != 0)
            d++;
        if (d < 10 && strlen(sup[d]) <= n - i) {
            sb_putc(&plain, (char)('0' + d));
            i += strlen(sup[d]);
        } else {
            sb_putc(&plain, s[i++]);
        }
    }
    put_text(sb, plain.data ? plain.data : "", plain.len);
    sb_free(&plain);
}

/* --- Footnotes -------------------------------------------------------------------------------- */

static int
note_id(const struct html_notes *notes, const struct node *fn)
{
    for (size_t i = 0; i < notes->n; i++)
        if (notes->v[i].fn == fn)
            return notes->v[i].id;
    return 0;
}

/* Numbers the footnote blocks of a part before it is written, so markers can link to them;
 * a footnote cited by two paragraphs is listed once. */
static void
collect_notes(struct html_out *h, const struct print_part *part)
{
    struct html_notes *notes = &h->notes;
    notes->n = 0;
    for (size_t i = 0; i < part->blocks.n; i++) {
        const struct block *b = &part->blocks.v[i];
        if (b->style != BLOCK_FOOTNOTE || note_id(notes, b->node) != 0)
            continue;
        notes->v = xgrow(notes->v, &notes->cap, notes->n + 1, sizeof *notes->v);
        notes->v[notes->n++] = (struct html_note){b->node, b, ++h->next_id};
    }
}

/* The footnote a marker span of the block stands for, or NULL. */
static const struct node *
marker_target(const struct block *b, struct wrap_span m)
{
    for (size_t i = 0; i < b->nlinks; i++)
        if (b->links[i].span.start == m.start && b->links[i].span.end == m.end)
            return b->links[i].ref->target;
    return NULL;
}

/* A block's text, its footnote markers as links to the part's footnotes. */
static void
put_block_text(struct html_out *h, const struct block *b, bool links)
{
    size_t pos = 0;
    for (size_t i = 0; i < b->nmarkers; i++) {
        struct wrap_span m = b->markers[i];
        if (m.start < pos || m.end > b->len)
            continue;
        const struct node *fn = marker_target(b, m);
        int id = fn != NULL && links ? note_id(&h->notes, fn) : 0;
        if (id == 0)
            continue; /* not among the footnotes printed: the superscript stays as text */
        put_text(&h->sb, b->text + pos, m.start - pos);
        sb_printf(&h->sb, "<sup><a href=\"#fn%d\">", id);
        put_plain_digits(&h->sb, b->text + m.start, m.end - m.start);
        sb_puts(&h->sb, "</a></sup>");
        pos = m.end;
    }
    put_text(&h->sb, b->text + pos, b->len - pos);
}

static void
put_label(struct strbuf *sb, const struct block *b, const char *cls)
{
    if (b->label == NULL)
        return;
    sb_printf(sb, "<span class=\"%s\">", cls);
    put_str(sb, b->label);
    sb_puts(sb, "</span> ");
}

static void
put_footnotes(struct html_out *h)
{
    if (h->notes.n == 0)
        return;
    sb_puts(&h->sb, "<section class=\"footnotes\">\n");
    for (size_t i = 0; i < h->notes.n; i++) {
        const struct block *b = h->notes.v[i].b;
        sb_printf(&h->sb, "<p class=\"footnote\" id=\"fn%d\">", h->notes.v[i].id);
        put_label(&h->sb, b, "label");
        put_block_text(h, b, false);
        sb_puts(&h->sb, "</p>\n");
    }
    sb_puts(&h->sb, "</section>\n");
}

/* --- Blocks ----------------------------------------------------------------------------------- */

static void
close_lists(struct html_out *h, int keep)
{
    for (; h->nlists > keep; h->nlists--)
        sb_puts(&h->sb, "</li>\n</ul>\n");
}

/* An item: a new entry of the list at its indent, a list nested in the open entry when it is
 * indented deeper. */
static void
put_item(struct html_out *h, const struct block *b)
{
    while (h->nlists > 0 && h->lists[h->nlists - 1] > b->indent)
        close_lists(h, h->nlists - 1);
    if (h->nlists > 0 && (h->lists[h->nlists - 1] == b->indent || h->nlists == HTML_MAX_LISTS)) {
        sb_puts(&h->sb, "</li>\n<li>");
    } else {
        sb_puts(&h->sb, "<ul class=\"items\">\n<li>");
        h->lists[h->nlists++] = b->indent;
    }
    put_label(&h->sb, b, "label");
    put_block_text(h, b, true);
}

static const char *
heading_tag(const struct block *b)
{
    if (b->style == BLOCK_TITLE)
        return "h1";
    switch (b->node->kind) {
    case NODE_SECTION:
        return "h3";
    case NODE_HEADING:
        return "h4";
    default:
        return "h2";
    }
}

static void
put_block(struct html_out *h, const struct block *b)
{
    if (b->style == BLOCK_FOOTNOTE)
        return; /* in the part's footnotes section */
    if (b->style == BLOCK_BODY && b->node->kind == NODE_ITEM) {
        put_item(h, b);
        return;
    }
    close_lists(h, 0);
    bool heading = b->style == BLOCK_HEADING || b->style == BLOCK_TITLE;
    const char *tag = heading ? heading_tag(b) : "p";
    if (heading)
        sb_printf(&h->sb, "<%s>", tag);
    else
        sb_printf(&h->sb, "<p class=\"%s\">", b->style == BLOCK_META ? "meta" : "para");
    put_label(&h->sb, b, b->node->kind == NODE_PARAGRAPH ? "num" : "label");
    put_block_text(h, b, true);
    sb_printf(&h->sb, "</%s>\n", tag);
}

static void
put_part(struct html_out *h, const struct print_part *part)
{
    collect_notes(h, part);
    sb_puts(&h->sb, "<article class=\"part\">\n<header class=\"running\">");
    put_str(&h->sb, part->context);
    sb_puts(&h->sb, "</header>\n");
    for (size_t i = 0; i < part->blocks.n; i++)
        put_block(h, &part->blocks.v[i]);
    close_lists(h, 0);
    put_footnotes(h);
    sb_puts(&h->sb, "</article>\n");
}

char *
print_html(const struct print_parts *parts, const char *describe, const struct print_opts *opts,
           size_t *nbytes)
{
    (void)opts; /* widths and page lengths are the browser's business */
    struct html_out h = {.sb = STRBUF_INIT};
    sb_puts(&h.sb, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<title>");
    put_str(&h.sb, describe);
    sb_printf(&h.sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
    sb_puts(&h.sb, "<p class=\"selected\">Selected: ");
    put_str(&h.sb, describe);
    sb_puts(&h.sb, "</p>\n");
    for (size_t i = 0; i < parts->n; i++)
        put_part(&h, &parts->v[i]);
    sb_puts(&h.sb, "</body>\n</html>\n");
    free(h.notes.v);
    *nbytes = h.sb.len;
    return sb_detach(&h.sb);
}
