/* The search results view: every match of the current search, one per row with its address
 * and the words around it, the match highlighted; Enter shows that match in the text. */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>

#include "search/snippet.h"
#include "text/width.h"
#include "view/kinds.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/i18n.h"

enum { ADDRESS_COLS = 22, CONTEXT_COLS = 24 };

/* "address  …context match context…", the address padded to ADDRESS_COLS columns: made when
 * the row is first drawn (list_add_lazy()), since a search may have tens of thousands of hits
 * and only a page of them is seen. */
static void
fill_hit(struct list *l, struct list_row *r, void *arg)
{
    (void)l;
    const struct reader_search *s = arg;
    if (r->id >= s->hits.n)
        return; /* the search changed under the view: an empty row */
    const struct search_hit *h = &s->hits.v[r->id];
    struct snippet sn;
    snippet_make(h, CONTEXT_COLS, &sn);
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s%*s ", h->node->address, text_pad(h->node->address, ADDRESS_COLS), "");
    size_t at = sb.len;
    sb_puts(&sb, sn.text);
    list_row_set(r, sb_str(&sb), at + sn.mark_start, at + sn.mark_end);
    sb_free(&sb);
    snippet_free(&sn);
}

static unsigned
results_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    const struct list_row *r = list_current(pane->data);
    if (r == NULL)
        return REACT_NONE;
    reader_search_show(ctx->rd, r->id);
    const struct reader_search *s = &ctx->rd->search;
    cmd_say(ctx, false, _("%s: match %zu of %zu"), s->query, r->id + 1, s->hits.n);
    return REACT_READER | REACT_REDRAW;
}

static void
results_free(struct pane *pane)
{
    list_fini(pane->data);
    free(pane->data);
}

const struct pane_ops results_ops = {
    .name = N_("results"),
    .tables = {"list", "view"},
    .kind_cmds = list_kind_cmds,
    .nkind_cmds = LIST_KIND_NCMDS,
    .place = PLACE_FULL,
    .enter_help = N_("show the match in the text"),
    .draw = listview_draw,
    .move = listview_move,
    .step_link = listview_step,
    .activate = results_activate,
    .click = listview_click,
    .free = results_free,
};

struct pane *
view_results_new(struct workspace *ws)
{
    const struct reader_search *s = &ws->rd->search;
    struct list *l = xcalloc(1, sizeof *l);
    char title[700];
    snprintf(title, sizeof title,
             ngettext("%zu match of \"%s\"", "%zu matches of \"%s\"", s->hits.n), s->hits.n,
             s->query);
    list_init(l, title);
    l->fill = fill_hit;
    l->fill_arg = (void *)s;
    for (size_t i = 0; i < s->hits.n; i++)
        list_add_lazy(l, i);
    list_select_id(l, s->current < s->hits.n ? s->current : 0);
    return pane_new(&results_ops, l);
}
