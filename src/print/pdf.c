/* The PDF device: the paper layout (paper.c) drawn with cairo and pango, fonts found through
 * fontconfig, embedded as subsets by cairo. A4 or Letter; a running header with the document's
 * symbol and the section; n/N at the foot; footnotes at the page foot under a rule, their
 * markers linked to them; an outline of the sections; title, subject and language zh-Hans.
 * The only file that knows cairo and pango. */
#include "print/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "print/paper.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

/* Points; 1 pt = PANGO_SCALE Pango units, the paper layout's unit. */
#define PT(x) ((int)((x)*PANGO_SCALE))

static const struct {
    double width, height;
} sizes[] = {[PRINT_PAPER_A4] = {595.276, 841.890}, [PRINT_PAPER_LETTER] = {612.0, 792.0}};

enum { MARGIN_SIDE = 72, MARGIN_TOP = 80, MARGIN_BOTTOM = 72, HEADER_Y = 40, FOOTER_GAP = 24 };

static const char body_font[] = "Noto Serif CJK SC, Noto Sans CJK SC, serif 10.5";
static const char heading_font[] = "Noto Serif CJK SC, Noto Sans CJK SC, serif Bold 11.5";
static const char note_font[] = "Noto Serif CJK SC, Noto Sans CJK SC, serif 8.5";
static const char furniture_font[] = "Noto Sans CJK SC, sans-serif 8.5";

/* --- Measuring with a font ---------------------------------------------------------------- */

/* A font's measure: the advance of each character, asked of pango once. */
struct font_measure {
    struct measure m;
    PangoLayout *layout;
    ucs4_t *keys; /* open addressing; 0 marks an empty slot */
    int *widths;
    size_t cap, used;
    int tab; /* tab stops: 4 ideographs */
};

static int
ask_pango(struct font_measure *fm, const char *s, size_t n)
{
    int w, h;
    pango_layout_set_text(fm->layout, s, (int)n);
    pango_layout_get_size(fm->layout, &w, &h);
    return w;
}

static void cache_grow(struct font_measure *fm);

static int *
cache_slot(struct font_measure *fm, ucs4_t c)
{
    if (fm->used * 2 >= fm->cap)
        cache_grow(fm);
    size_t i = (c * 2654435761u) & (fm->cap - 1);
    while (fm->keys[i] != 0 && fm->keys[i] != c)
        i = (i + 1) & (fm->cap - 1);
    if (fm->keys[i] == 0) {
        fm->keys[i] = c;
        fm->widths[i] = -1;
        fm->used++;
    }
    return &fm->widths[i];
}

static void
cache_grow(struct font_measure *fm)
{
    size_t old = fm->cap;
    ucs4_t *keys = fm->keys;
    int *widths = fm->widths;
    fm->cap = old ? old * 2 : 1024;
    fm->keys = xcalloc(fm->cap, sizeof *fm->keys);
    fm->widths = xcalloc(fm->cap, sizeof *fm->widths);
    fm->used = 0;
    for (size_t i = 0; i < old; i++)
        if (keys[i] != 0)
            *cache_slot(fm, keys[i]) = widths[i];
    free(keys);
    free(widths);
}

static int
font_width(const struct measure *m, const char *s, size_t n, int at)
{
    struct font_measure *fm = m->ctx;
    ucs4_t c;
    if (u8_mbtouc(&c, (const uint8_t *)s, n) <= 0 || c == 0)
        return 0;
    if (c == '\t')
        return fm->tab - at % fm->tab;
    int *w = cache_slot(fm, c);
    if (*w < 0)
        *w = ask_pango(fm, s, n);
    return *w;
}

static void
font_measure_init(struct font_measure *fm, PangoContext *ctx, const char *font)
{
    memset(fm, 0, sizeof *fm);
    fm->layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(fm->layout, fd);
    pango_font_description_free(fd);
    int ideograph = ask_pango(fm, "中", strlen("中"));
    fm->tab = 4 * ideograph;
    /* a terminal column is half an ideograph: indents and label columns scale by it */
    fm->m = (struct measure){font_width, ideograph / 2 > 0 ? ideograph / 2 : 1, fm};
}

static void
font_measure_fini(struct font_measure *fm)
{
    g_object_unref(fm->layout);
    free(fm->keys);
    free(fm->widths);
}

/* --- The document -------------------------------------------------------------------------- */

struct outline_entry {
    const struct node *node;
    int id;
};

struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fonts; /* our own, freed with its caches when done */
    PangoContext *pango;
    struct font_measure body, heading, note, furniture;
    double page_w, page_h;
    struct strbuf out;
    struct outline_entry *outline;
    size_t noutline, outline_cap;
    int unknown_glyphs; /* characters no font could show (never printed as boxes) */
    ucs4_t first_unknown;
};

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int length)
{
    sb_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void
setup_fonts(struct pdf *p)
{
    p->fonts = pango_cairo_font_map_new();
    p->pango = pango_font_map_create_context(p->fonts);
    pango_cairo_update_context(p->cr, p->pango);
    pango_context_set_language(p->pango, pango_language_from_string("zh-cn"));
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF); /* paper, not pixels */
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(p->pango, fo);
    cairo_font_options_destroy(fo);
    font_measure_init(&p->body, p->pango, body_font);
    font_measure_init(&p->heading, p->pango, heading_font);
    font_measure_init(&p->note, p->pango, note_font);
    font_measure_init(&p->furniture, p->pango, furniture_font);
}

static void
pdf_open(struct pdf *p, enum print_paper paper)
{
    memset(p, 0, sizeof *p);
    p->page_w = sizes[paper].width;
    p->page_h = sizes[paper].height;
    p->surface = cairo_pdf_surface_create_for_stream(collect, &p->out, p->page_w, p->page_h);
    p->cr = cairo_create(p->surface);
    setup_fonts(p);
}

static void
pdf_close(struct pdf *p)
{
    font_measure_fini(&p->body);
    font_measure_fini(&p->heading);
    font_measure_fini(&p->note);
    font_measure_fini(&p->furniture);
    g_object_unref(p->pango);
    g_object_unref(p->fonts);
    cairo_destroy(p->cr);
    cairo_surface_destroy(p->surface);
    free(p->outline);
    sb_free(&p->out);
}

/* Draws s[0..n) with the font's layout at (x, y), the top of its line box of `height` points;
 * returns the x after it. Characters no font has are counted, not drawn as boxes. */
static double
draw_run(struct pdf *p, struct font_measure *fm, const char *s, size_t n, double x, double y,
         double height)
{
    int w, h;
    pango_layout_set_text(fm->layout, s, (int)n);
    int unknown = pango_layout_get_unknown_glyphs_count(fm->layout);
    if (unknown > 0 && p->unknown_glyphs == 0)
        u8_mbtouc(&p->first_unknown, (const uint8_t *)s, n);
    p->unknown_glyphs += unknown;
    pango_layout_get_size(fm->layout, &w, &h);
    cairo_move_to(p->cr, x, y + (height - (double)h / PANGO_SCALE) / 2);
    pango_cairo_show_layout(p->cr, fm->layout);
    return x + (double)w / PANGO_SCALE;
}

/* --- Lines ---------------------------------------------------------------------------------- */

static struct font_measure *
font_of(struct pdf *p, const struct paper_line *pl)
{
    const struct block *b = pl->block;
    if (b->style == BLOCK_FOOTNOTE)
        return &p->note;
    return b->style == BLOCK_HEADING || b->style == BLOCK_TITLE ? &p->heading : &p->body;
}

/* A footnote's name as a destination: "fn" and its node's place in the corpus. */
static void
note_dest(const struct node *fn, char *buf, size_t size)
{
    snprintf(buf, size, "fn%zu", fn->order);
}

/* Draws text bytes [a, e) of the block, its footnote markers as links to their footnotes. */
static double
draw_text(struct pdf *p, struct font_measure *fm, const struct block *b, size_t a, size_t e,
          double x, double y, double h)
{
    for (size_t k = 0; k < b->nlinks && a < e; k++) {
        const struct block_link *l = &b->links[k];
        if (l->ref->kind != REF_FOOTNOTE || l->ref->target == NULL || l->span.end <= a ||
            l->span.start >= e)
            continue;
        size_t ms = l->span.start > a ? l->span.start : a;
        size_t me = l->span.end < e ? l->span.end : e;
        x = draw_run(p, fm, b->text + a, ms - a, x, y, h);
        char dest[64], attrs[96];
        note_dest(l->ref->target, dest, sizeof dest);
        snprintf(attrs, sizeof attrs, "dest='%s'", dest);
        cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
        x = draw_run(p, fm, b->text + ms, me - ms, x, y, h);
        cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        a = me;
    }
    return a < e ? draw_run(p, fm, b->text + a, e - a, x, y, h) : x;
}

/* The end of a line's text without its trailing spaces and line break. */
static size_t
text_end(const struct block *b, const struct block_line *ln)
{
    size_t end = ln->end;
    while (end > ln->start && (b->text[end - 1] == ' ' || b->text[end - 1] == '\n'))
        end--;
    return end;
}

static void
draw_label(struct pdf *p, struct font_measure *fm, const struct paper_line *pl, double left,
           double y, double h)
{
    const struct block *b = pl->block;
    const struct block_line *ln = &pl->line;
    int x = ln->hang - b->label_cols * fm->m.unit;
    draw_run(p, fm, b->label, strlen(b->label), left + (x > 0 ? x : 0) / (double)PANGO_SCALE, y, h);
}

static void
draw_line(struct pdf *p, const struct paper_line *pl, double left, double top)
{
    struct font_measure *fm = font_of(p, pl);
    const struct block *b = pl->block;
    const struct block_line *ln = &pl->line;
    double y = top + (double)pl->y / PANGO_SCALE, h = (double)pl->height / PANGO_SCALE;
    double x = left + (double)ln->hang / PANGO_SCALE;
    if (ln->label_only) {
        draw_run(p, fm, b->label + ln->start, ln->end - ln->start, x, y, h);
        return;
    }
    if (ln->first && b->label != NULL)
        draw_label(p, fm, pl, left, y, h);
    draw_text(p, fm, b, ln->start, text_end(b, ln), x, y, h);
}

/* --- Destinations and the outline --------------------------------------------------------- */

static int
outline_parent(const struct pdf *p, const struct node *n)
{
    for (const struct node *a = n->parent; a != NULL; a = a->parent)
        for (size_t i = p->noutline; i-- > 0;)
            if (p->outline[i].node == a)
                return p->outline[i].id;
    return CAIRO_PDF_OUTLINE_ROOT;
}

static bool
in_outline(const struct pdf *p, const struct node *n)
{
    for (size_t i = 0; i < p->noutline; i++)
        if (p->outline[i].node == n)
            return true;
    return false;
}

/* A heading's first line: a destination there, and an entry in the outline under its nearest
 * ancestor's. */
static void
add_outline(struct pdf *p, const struct block *b)
{
    char name[64], attrs[96];
    snprintf(name, sizeof name, "h%zu", b->node->order);
    snprintf(attrs, sizeof attrs, "dest='%s'", name);
    struct strbuf title = STRBUF_INIT;
    if (b->label != NULL)
        sb_printf(&title, "%s ", b->label);
    sb_puts(&title, b->text);
    int id = cairo_pdf_surface_add_outline(p->surface, outline_parent(p, b->node), sb_str(&title),
                                           attrs, 0);
    sb_free(&title);
    p->outline = xgrow(p->outline, &p->outline_cap, p->noutline + 1, sizeof *p->outline);
    p->outline[p->noutline++] = (struct outline_entry){b->node, id};
}

/* Opens the destination a line is (a heading's place, a footnote's) before it is drawn;
 * returns whether one was opened. */
static bool
begin_dest(struct pdf *p, const struct paper_line *pl)
{
    const struct block *b = pl->block;
    char name[64], attrs[96];
    bool heading = (b->style == BLOCK_HEADING || b->style == BLOCK_TITLE) && !pl->note;
    if (pl->first_of_note)
        note_dest(b->node, name, sizeof name);
    else if (heading && pl->first_of_block && b->node != NULL && !in_outline(p, b->node))
        snprintf(name, sizeof name, "h%zu", b->node->order);
    else
        return false;
    snprintf(attrs, sizeof attrs, "name='%s'", name);
    cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attrs);
    if (!pl->first_of_note)
        add_outline(p, b);
    return true;
}

/* --- Pages ---------------------------------------------------------------------------------- */

static void
draw_furniture(struct pdf *p, const struct paper_page *pg, size_t i, size_t n)
{
    struct font_measure *fm = &p->furniture;
    double right = p->page_w - MARGIN_SIDE;
    draw_run(p, fm, pg->header, strlen(pg->header), MARGIN_SIDE, HEADER_Y, 12);
    cairo_set_line_width(p->cr, 0.4);
    cairo_move_to(p->cr, MARGIN_SIDE, HEADER_Y + 16);
    cairo_line_to(p->cr, right, HEADER_Y + 16);
    cairo_stroke(p->cr);
    char num[48];
    snprintf(num, sizeof num, "%zu/%zu", i + 1, n);
    int w = measure_text(&fm->m, num, strlen(num));
    double x = (p->page_w - (double)w / PANGO_SCALE) / 2;
    draw_run(p, fm, num, strlen(num), x, p->page_h - MARGIN_BOTTOM + FOOTER_GAP, 12);
}

/* The rule above the footnotes: a third of the text's width, as printed reports have it. */
static void
draw_rule(struct pdf *p, const struct paper_page *pg)
{
    if (pg->notes_top < 0)
        return;
    double y = MARGIN_TOP + (double)pg->notes_top / PANGO_SCALE + 4;
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN_SIDE, y);
    cairo_line_to(p->cr, MARGIN_SIDE + (p->page_w - 2 * MARGIN_SIDE) / 3, y);
    cairo_stroke(p->cr);
}

static void
draw_page(struct pdf *p, const struct paper *paper, size_t i)
{
    const struct paper_page *pg = &paper->pages[i];
    draw_furniture(p, pg, i, paper->npages);
    draw_rule(p, pg);
    for (size_t k = 0; k < pg->n; k++) {
        bool dest = begin_dest(p, &pg->lines[k]);
        draw_line(p, &pg->lines[k], MARGIN_SIDE, MARGIN_TOP);
        if (dest)
            cairo_tag_end(p->cr, CAIRO_TAG_DEST);
    }
    cairo_show_page(p->cr);
}

/* --- Metadata and the language ------------------------------------------------------------ */

/* The symbols of the documents printed, "A/74/90, A/72/304". */
static char *
symbols_of(const struct paper *paper)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < paper->parts.n; i++) {
        const char *sym = print_symbol(paper->parts.v[i].node);
        if (strstr(sb_str(&sb), sym) == NULL)
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", sym);
    }
    return sb_detach(&sb);
}

static void
set_metadata(struct pdf *p, const struct paper *paper, const char *describe)
{
    char *symbols = symbols_of(paper);
    const char *title = paper->npages > 0 ? paper->pages[0].header : symbols;
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, describe);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_KEYWORDS, symbols);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "ndvr " NDVR_VERSION);
    free(symbols);
}

/* The first needle in s[from, n), or n. The PDF holds binary streams: no strstr. */
static size_t
find(const char *s, size_t n, size_t from, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
            return i;
    return n;
}

/* cairo 1.16 writes no /Lang: it goes into the document catalog, which cairo writes last,
 * right before the cross-reference table; only the table's own offset (startxref) moves. A
 * file of another shape is left as it is. */
static void
add_language(struct strbuf *pdf, const char *lang)
{
    const char *s = pdf->data;
    size_t n = pdf->len;
    static const char catalog[] = "<< /Type /Catalog\n";
    size_t cat = find(s, n, 0, catalog);
    size_t xref = find(s, n, cat, "endobj\nxref\n");
    size_t start = find(s, n, xref, "startxref\n");
    if (start == n || find(s, n, cat, " obj\n") < xref)
        return; /* another object after the catalog: offsets would move */
    char insert[64];
    int ni = snprintf(insert, sizeof insert, "   /Lang (%s)\n", lang);
    size_t at = cat + strlen(catalog);
    long offset = strtol(s + start + strlen("startxref\n"), NULL, 10);
    struct strbuf out = STRBUF_INIT;
    sb_append(&out, s, at);
    sb_puts(&out, insert);
    sb_append(&out, s + at, start - at);
    sb_printf(&out, "startxref\n%ld\n%%%%EOF\n", offset + ni);
    sb_free(pdf);
    *pdf = out;
}

/* --- Printing ------------------------------------------------------------------------------- */

static void
paper_spec_of(struct pdf *p, const struct print_opts *opts, struct paper_spec *spec)
{
    *spec = (struct paper_spec){
        .body = &p->body.m,
        .heading = &p->heading.m,
        .note = &p->note.m,
        .width = PT(p->page_w - 2 * MARGIN_SIDE),
        .height = PT(p->page_h - MARGIN_TOP - MARGIN_BOTTOM),
        .line_height = PT(10.5 * 1.75),
        .note_height = PT(8.5 * 1.55),
        .heading_height = PT(11.5 * 2.0),
        .gap = PT(6),
        .rule = PT(10),
        .footnotes = opts->footnotes,
        .notes_after = opts->notes_after,
    };
}

/* Whether the fonts have Chinese: a document of boxes helps nobody. */
static bool
has_chinese_font(struct pdf *p, struct diag *d)
{
    static const char probe[] = "核查裁军，。《》“”";
    pango_layout_set_text(p->body.layout, probe, -1);
    if (pango_layout_get_unknown_glyphs_count(p->body.layout) == 0)
        return true;
    return diag_set(d, "", 0, 0,
                    _("no Chinese font found (fontconfig): install fonts-noto-cjk to print PDF"));
}

static char *
finish(struct pdf *p, size_t *nbytes, struct diag *d)
{
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_set(d, "", 0, 0, _("PDF: %s"), cairo_status_to_string(st));
        return NULL;
    }
    if (p->unknown_glyphs > 0) {
        diag_set(d, "", 0, 0,
                 _("no font has U+%04X (and %d more characters): install fonts-noto-cjk"),
                 (unsigned)p->first_unknown, p->unknown_glyphs - 1);
        return NULL;
    }
    add_language(&p->out, "zh-Hans");
    *nbytes = p->out.len;
    return sb_detach(&p->out);
}

char *
pdf_module_render(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
                  struct diag *d)
{
    struct pdf p;
    pdf_open(&p, opts->paper == PRINT_PAPER_LETTER ? PRINT_PAPER_LETTER : PRINT_PAPER_A4);
    char *out = NULL;
    if (has_chinese_font(&p, d)) {
        struct paper_spec spec;
        paper_spec_of(&p, opts, &spec);
        struct paper paper;
        paper_layout(s, &spec, &paper);
        char *describe = print_describe(s);
        set_metadata(&p, &paper, describe);
        for (size_t i = 0; i < paper.npages; i++)
            draw_page(&p, &paper, i);
        free(describe);
        out = finish(&p, nbytes, d);
        paper_free(&paper);
    }
    pdf_close(&p);
    return out;
}
