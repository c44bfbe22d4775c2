/* The help view, generated from the key tables: the keys of the view or pane it was opened
 * from (its own table, then those of its kind), then the global keys that are not taken
 * there, then every command that has no key here (`:` runs them by name). Its title says
 * which keys close it, as bound now. */
#include "view/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "view/kinds.h"
#include "util/i18n.h"

enum { KEYS_COLS = 20, NAME_COLS = 18, MAX_KEYS = 8 };

struct help_ctx {
    const struct workspace *ws;
    const struct pane_ops *about;
    const char *tables[PANE_MAX_TABLES + 2];
    size_t ntables;
    struct list *list;
};

/* The command a name means in the pane the help is about: its own, its kind's, or global. */
static const struct cmd_def *
resolve(const struct help_ctx *h, const char *name)
{
    const struct cmd_def *c = pane_command(h->about, name);
    for (size_t i = 0; c == NULL && i < h->ws->nglobal; i++)
        if (strcmp(h->ws->global[i].name, name) == 0)
            c = &h->ws->global[i];
    return c;
}

/* Whether key is bound in one of the tables searched before table t. */
static bool
shadowed(const struct help_ctx *h, size_t t, key_code key)
{
    for (size_t i = 0; i < t; i++)
        if (keymap_lookup(h->ws->keymap, h->tables[i], key) != NULL)
            return true;
    return false;
}

static void
add_row(struct list *l, const char *keys, const char *name, const char *help)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s%*s %s%*s %s", keys, text_pad(keys, KEYS_COLS), "", name,
              text_pad(name, NAME_COLS), "", help && help[0] ? _(help) : "");
    list_add(l, sb_str(&sb), 0);
    sb_free(&sb);
}

/* Adds the rows of a command: its keys in table t that no earlier table takes, as many to a
 * row as fit the keys column (more rows follow with the keys alone); false when there are
 * none. */
static bool
add_command(const struct help_ctx *h, size_t t, const char *command, const char *help)
{
    key_code keys[MAX_KEYS];
    size_t n = keymap_keys_for(h->ws->keymap, h->tables[t], command, keys, MAX_KEYS);
    struct strbuf sb = STRBUF_INIT;
    bool any = false;
    for (size_t k = 0; k < n && k < MAX_KEYS; k++) {
        char name[KEYNAME_BUFSIZE];
        if (shadowed(h, t, keys[k]) || keyname_string(keys[k], name, sizeof name) == NULL)
            continue;
        if (sb.len > 0 &&
            text_width(sb_str(&sb), sb.len) + 1 + text_width(name, strlen(name)) > KEYS_COLS) {
            add_row(h->list, sb_str(&sb), any ? "" : command, any ? "" : help);
            any = true;
            sb_truncate(&sb, 0);
        }
        sb_printf(&sb, "%s%s", sb.len ? " " : "", name);
    }
    if (sb.len > 0)
        add_row(h->list, sb_str(&sb), any ? "" : command, any ? "" : help);
    any = any || sb.len > 0;
    sb_free(&sb);
    return any;
}

static const char *
table_heading(const struct help_ctx *h, size_t t, char *buf, size_t size)
{
    if (strcmp(h->tables[t], "global") == 0)
        snprintf(buf, size, _("Keys everywhere (global)"));
    else
        snprintf(buf, size, _("Keys in %s%s%s"), h->tables[t],
                 t == 0 && h->about->enter_help ? _(" — Enter: ") : "",
                 t == 0 && h->about->enter_help ? _(h->about->enter_help) : "");
    return buf;
}

/* Whether bindings i and i - 1 are of the same table and command. */
static bool
same_command(const struct keymap_binding *b, size_t i)
{
    return i > 0 && strcmp(b[i - 1].table, b[i].table) == 0 &&
           strcmp(b[i - 1].command, b[i].command) == 0;
}

/* The bindings of table t, one command after the other, under the table's heading. */
static void
add_table(struct help_ctx *h, size_t t)
{
    size_t n, heading = h->list->n;
    const struct keymap_binding *b = keymap_bindings(h->ws->keymap, &n);
    char head[160];
    list_add_heading(h->list, table_heading(h, t, head, sizeof head));
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const struct cmd_def *c = resolve(h, b[i].command);
        if (strcmp(b[i].table, h->tables[t]) == 0 && !same_command(b, i) && c != NULL)
            any = add_command(h, t, b[i].command, c->help) || any;
    }
    if (!any)
        list_truncate(h->list, heading); /* a table with nothing of its own to show */
}

/* Whether a command has a key in any of the tables. */
static bool
has_key(const struct help_ctx *h, const char *name)
{
    key_code k;
    for (size_t t = 0; t < h->ntables; t++)
        if (keymap_keys_for(h->ws->keymap, h->tables[t], name, &k, 1) > 0)
            return true;
    return false;
}

static void
add_unbound(struct help_ctx *h, const struct cmd_def *cmds, size_t n, bool *any)
{
    for (size_t i = 0; i < n; i++) {
        if (has_key(h, cmds[i].name) || resolve(h, cmds[i].name) != &cmds[i])
            continue;
        if (!*any)
            list_add_heading(h->list, _("Commands without a key here (: runs them by name)"));
        *any = true;
        char name[64];
        snprintf(name, sizeof name, ":%s", cmds[i].name);
        add_row(h->list, "", name, cmds[i].help);
    }
}

/* The keys that run command in a pane of these operations (bound to it in one of its tables,
 * and not taken by an earlier one); returns how many (at most max). */
static size_t
reaching(const struct keymap *km, const struct pane_ops *ops, const char *command, key_code *out,
         size_t max)
{
    const char *tables[PANE_MAX_TABLES + 2];
    size_t nt = pane_tables(ops, tables), found = 0;
    for (size_t t = 0; t < nt; t++) {
        key_code keys[MAX_KEYS];
        size_t n = keymap_keys_for(km, tables[t], command, keys, MAX_KEYS);
        for (size_t k = 0; k < n && k < MAX_KEYS && found < max; k++) {
            bool taken = false;
            for (size_t e = 0; e < t && !taken; e++)
                taken = keymap_lookup(km, tables[e], keys[k]) != NULL;
            if (!taken)
                out[found++] = keys[k];
        }
    }
    return found;
}

static bool
has(const key_code *keys, size_t n, key_code k)
{
    for (size_t i = 0; i < n; i++)
        if (keys[i] == k)
            return true;
    return false;
}

/* The keys that run command in the help itself, for its title: Escape and q when they do,
 * else the first; ":command" when no key does. */
static void
keys_for_title(const struct workspace *ws, const char *command, char *buf, size_t size)
{
    key_code keys[MAX_KEYS], shown[2];
    size_t n = reaching(ws->keymap, &help_ops, command, keys, MAX_KEYS), ns = 0;
    if (has(keys, n, KEYC_ESCAPE))
        shown[ns++] = KEYC_ESCAPE;
    if (has(keys, n, 'q'))
        shown[ns++] = 'q';
    if (ns == 0 && n > 0)
        shown[ns++] = keys[0];
    char a[KEYNAME_BUFSIZE] = "", b[KEYNAME_BUFSIZE] = "";
    if (ns > 0)
        keyname_string(shown[0], a, sizeof a);
    if (ns > 1)
        keyname_string(shown[1], b, sizeof b);
    if (ns == 0)
        snprintf(buf, size, ":%s", command);
    else
        snprintf(buf, size, "%s%s%s", a, ns > 1 ? _(" or ") : "", b);
}

static void
fill(struct help_ctx *h)
{
    for (size_t t = 0; t < h->ntables; t++)
        add_table(h, t);
    bool any = false;
    add_unbound(h, h->about->cmds, h->about->ncmds, &any);
    add_unbound(h, h->about->kind_cmds, h->about->nkind_cmds, &any);
    add_unbound(h, h->ws->global, h->ws->nglobal, &any);
}

/* Enter on a row runs nothing: the help only shows; saying so beats a silent key. */
static unsigned
help_activate(struct pane *pane, struct cmd_ctx *ctx)
{
    (void)pane;
    cmd_say(ctx, false, _("close the help, then press the key shown, or : and the command's name"));
    return REACT_REDRAW;
}

static void
help_free(struct pane *pane)
{
    list_fini(pane->data);
    free(pane->data);
}

const struct pane_ops help_ops = {
    .name = N_("help"),
    .tables = {"list", "view"},
    .kind_cmds = list_kind_cmds,
    .nkind_cmds = LIST_KIND_NCMDS,
    .place = PLACE_FULL,
    .draw = listview_draw,
    .move = listview_move,
    .step_link = listview_step,
    .activate = help_activate,
    .click = listview_click,
    .free = help_free,
};

struct pane *
view_help_new(const struct workspace *ws, const struct pane *about)
{
    struct list *l = xcalloc(1, sizeof *l);
    char close[80], filter[80], title[300];
    keys_for_title(ws, "close", close, sizeof close);
    keys_for_title(ws, "filter", filter, sizeof filter);
    snprintf(title, sizeof title, _("Keys in %s: %s closes this help, %s filters it"),
             about->ops->name, close, filter);
    list_init(l, title);
    struct help_ctx h = {ws, about->ops, {NULL}, 0, l};
    h.ntables = pane_tables(about->ops, h.tables);
    fill(&h);
    return pane_new(&help_ops, l);
}
