/* The HTML format: one self-contained, well-formed HTML5 file with a print stylesheet, made
 * from the same blocks as the text pages (the browser does the line breaking). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "print/print_int.h"
#include "util/xalloc.h"
#include "util/i18n.h"

/* Item lists nest at most this deep; deeper items stay in the deepest list. */
enum { HTML_MAX_LISTS = 16 };

/* After the @page rule (put_page_rule). */
static const char html_style[] =
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
    "section.footnotes p { margin: 0.3em 0; }\n"
    /* lines break only where ndvr's line breaker put <wbr>: the CJK rules of the screen */
    "p, li { word-break: keep-all; overflow-wrap: anywhere; line-break: strict; }\n";

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
    int next_id;               /* footnote ids are unique in the file */
    int lists[HTML_MAX_LISTS]; /* indents of the open item lists, outermost first */
    int nlists;
    struct html_notes notes;
};

static void
put_char(struct strbuf *sb, char c)
{
    switch (c) {
    case '&':
        sb_puts(sb, "&amp;");
        break;
    case '<':
        sb_puts(sb, "&lt;");
        break;
    case '>':
        sb_puts(sb, "&gt;");
        break;
    case '"':
        sb_puts(sb, "&quot;");
        break;
    case '\'':
        sb_puts(sb, "&#39;");
        break;
    case '\n':
        sb_puts(sb, "<br>");
        break;
    case '\t':
        sb_putc(sb, ' ');
        break;
    default:
        sb_putc(sb, c);
        break;
    }
}

/* s[0..n) as HTML text: control characters dropped, tabs as spaces, markup characters
 * escaped, line breaks as <br>. */
static void
put_text(struct strbuf *sb, const char *s, size_t n)
{
    struct strbuf clean = STRBUF_INIT;
    print_put_clean(&clean, s, n, false);
    for (size_t i = 0; i < clean.len; i++)
        put_char(sb, clean.data[i]);
    sb_free(&clean);
}

/* Bytes [a, e) of a block's text (sanitised at load: no controls but tab and newline), with
 * <wbr> where the one line breaker allows a break: the style keeps the browser from breaking
 * anywhere else between Chinese characters, so a printed page never starts a line with 。 and
 * symbols stay whole, as on screen. */
static void
put_breakable(struct strbuf *sb, const char *text, size_t a, size_t e, const bool *marks)
{
    for (size_t i = a; i < e;) {
        int len = u8_mblen((const uint8_t *)text + i, e - i);
        size_t n = len > 0 ? (size_t)len : 1;
        if (marks[i] && i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n')
            sb_puts(sb, "<wbr>");
        put_text(sb, text + i, n); /* escaped, and controls dropped even if unsanitised */
        i += n;
    }
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
    bool *marks = block_break_marks(b);
    for (size_t i = 0; i < b->nmarkers; i++) {
        struct wrap_span m = b->markers[i];
        if (m.start < pos || m.end > b->len)
            continue;
        const struct node *fn = marker_target(b, m);
        int id = fn != NULL && links ? note_id(&h->notes, fn) : 0;
        if (id == 0)
            continue; /* not among the footnotes printed: the superscript stays as text */
        put_breakable(&h->sb, b->text, pos, m.start, marks);
        sb_printf(&h->sb, "<sup><a href=\"#fn%d\">", id);
        put_plain_digits(&h->sb, b->text + m.start, m.end - m.start);
        sb_puts(&h->sb, "</a></sup>");
        pos = m.end;
    }
    put_breakable(&h->sb, b->text, pos, b->len, marks);
    free(marks);
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

/* How many open lists a block stays inside: a paragraph indented under an item continues
 * that item (France's list in A/72/304), anything else ends every list. */
static int
open_lists_around(const struct html_out *h, const struct block *b)
{
    if (b->style != BLOCK_BODY || b->node->kind != NODE_PARAGRAPH)
        return 0;
    int keep = 0;
    while (keep < h->nlists && h->lists[keep] < b->indent)
        keep++;
    return keep;
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
    close_lists(h, open_lists_around(h, b));
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

/* --- The page rule ---------------------------------------------------------------------------- */

/* s as a CSS string: in double quotes, control characters dropped, and every ASCII character
 * but letters, digits and a few harmless ones as a hex escape, so that nothing in a symbol can
 * end the string, the rule or the <style> element. */
static void
put_css_string(struct strbuf *sb, const char *s)
{
    struct strbuf clean = STRBUF_INIT;
    print_put_clean(&clean, s, strlen(s), true);
    sb_putc(sb, '"');
    for (size_t i = 0; i < clean.len; i++) {
        unsigned char c = (unsigned char)clean.data[i];
        if (c >= 0x80 || isalnum(c) || strchr(" /-.,_#()", c) != NULL)
            sb_putc(sb, (char)c);
        else
            sb_printf(sb, "\\%x ", c); /* the space ends the escape */
    }
    sb_putc(sb, '"');
    sb_free(&clean);
}

static bool
symbol_before(const struct print_parts *parts, size_t i, const char *symbol)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(print_symbol(parts->v[k].node), symbol) == 0)
            return true;
    return false;
}

/* A4, and in the margins of every sheet the documents' symbols (each once: "A/72/304,
 * A/74/90") and "n/N", as the text pages have them: a browser printing without its own
 * header and footer (Chromium's --no-pdf-header-footer) then adds no date or file path. */
static void
put_page_rule(struct strbuf *sb, const struct print_parts *parts)
{
    struct strbuf symbols = STRBUF_INIT;
    for (size_t i = 0; i < parts->n; i++) {
        const char *symbol = print_symbol(parts->v[i].node);
        if (symbol_before(parts, i, symbol))
            continue;
        sb_puts(&symbols, symbols.len > 0 ? ", " : "");
        sb_puts(&symbols, symbol);
    }
    sb_puts(sb, "@page { size: A4; margin: 20mm;\n  @top-right { content: ");
    put_css_string(sb, sb_str(&symbols));
    sb_puts(sb, "; font-size: 9pt; }\n  @bottom-center { content: counter(page) \"/\" "
                "counter(pages); font-size: 9pt; }\n}\n");
    sb_free(&symbols);
}

static void
put_head(struct strbuf *sb, const struct print_parts *parts, const char *describe)
{
    sb_puts(sb, "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>");
    put_str(sb, describe);
    sb_puts(sb, "</title>\n<style>\n");
    put_page_rule(sb, parts);
    sb_printf(sb, "%s</style>\n</head>\n", html_style);
}

char *
print_html(const struct print_parts *parts, const char *describe, const struct print_opts *opts,
           size_t *nbytes)
{
    (void)opts; /* widths and page lengths are the browser's business */
    struct html_out h = {.sb = STRBUF_INIT};
    put_head(&h.sb, parts, describe);
    sb_puts(&h.sb, "<body>\n<p class=\"selected\">");
    put_str(&h.sb, _("Selected:"));
    sb_putc(&h.sb, ' ');
    put_str(&h.sb, describe);
    sb_puts(&h.sb, "</p>\n");
    for (size_t i = 0; i < parts->n; i++)
        put_part(&h, &parts->v[i]);
    sb_puts(&h.sb, "</body>\n</html>\n");
    free(h.notes.v);
    *nbytes = h.sb.len;
    return sb_detach(&h.sb);
}
