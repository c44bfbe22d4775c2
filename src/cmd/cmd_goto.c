/* Going to an address (with completion), to a numbered paragraph, and running a command by
 * name from the `:` prompt (with completion). */
#include "cmd/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/handlers.h"
#include "corpus/resolve.h"
#include "view/follow.h"
#include "view/workspace.h"
#include "util/i18n.h"

static unsigned
goto_typed(struct workspace *ws, void *arg, const char *text)
{
    if (text[0] == '\0')
        return REACT_REDRAW;
    return dispatch_run(ws, arg, "goto", text);
}

/* The longest prefix shared by every address that starts with what is typed, in any case
 * (a/74/90#p1 completes to A/74/90#p1). */
static unsigned
complete_address(struct workspace *ws, void *arg, const char *text)
{
    (void)arg;
    size_t count, matches = 0, common = 0, len = strlen(text);
    struct node *const *nodes = corpus_nodes(ws->corpus, &count);
    const char *first = NULL;
    for (size_t i = 0; i < count; i++) {
        const char *a = nodes[i]->address;
        if (strncasecmp(a, text, len) != 0)
            continue;
        size_t k = 0;
        while (first != NULL && k < common && a[k] == first[k])
            k++;
        common = first == NULL ? strlen(a) : k;
        first = first == NULL ? a : first;
        matches++;
    }
    bool recased = first != NULL && common == len && strncmp(first, text, len) != 0;
    if (first != NULL && (common > len || recased)) {
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)common, first);
        prompt_set_text(&ws->prompt, buf);
    }
    ws_message(ws, false, ngettext("%zu address", "%zu addresses", matches), matches);
    return REACT_REDRAW;
}

unsigned
cmd_say_unresolved(struct cmd_ctx *ctx, const struct resolved *r)
{
    if (r->nnear > 0)
        cmd_say(ctx, true, _("%s (did you mean %s?)"), r->why, r->near[0]->address);
    else
        cmd_say(ctx, true, "%s", r->why);
    return REACT_REDRAW;
}

unsigned
cmd_goto(struct cmd_ctx *ctx)
{
    if (ctx->args[0] == '\0') {
        struct prompt_spec spec = {.label = _("goto: "),
                                   .on_accept = goto_typed,
                                   .on_complete = complete_address,
                                   .arg = ctx->pane};
        prompt_start(ctx->ws, &spec);
        return REACT_REDRAW;
    }
    struct resolved r; /* any form of resolve.h; a range goes to its first node */
    resolve(ctx->ws->corpus, ctx->args, &r);
    return r.status == RESOLVE_OK ? follow_node(ctx, r.first) : cmd_say_unresolved(ctx, &r);
}

/* The response (A/72/304's paragraphs are numbered in each country's), else the document. */
static const struct node *
numbered_in(const struct reader *rd, const char *number)
{
    char address[256];
    for (const struct node *p = reader_top(rd); p != NULL; p = p->parent) {
        if (p->kind == NODE_RESPONSE)
            snprintf(address, sizeof address, "%s.p%s", p->address, number);
        else if (p->kind == NODE_DOCUMENT)
            snprintf(address, sizeof address, "%s#p%s", p->address, number);
        else
            continue;
        const struct node *n = corpus_find(rd->corpus, address);
        if (n != NULL)
            return n;
    }
    return NULL;
}

unsigned
cmd_goto_paragraph(struct cmd_ctx *ctx)
{
    const struct node *n = ctx->rd->pos.root ? numbered_in(ctx->rd, ctx->args) : NULL;
    if (n == NULL) {
        cmd_say(ctx, true, _("%s has no paragraph %s"),
                ctx->rd->pos.root ? ctx->rd->pos.root->address : _("the corpus"), ctx->args);
        return REACT_REDRAW;
    }
    reader_goto(ctx->rd, n, true);
    return REACT_READER | REACT_REDRAW;
}

/* --- The `:` prompt ------------------------------------------------------------------------ */

/* ":23" goes to paragraph 23; ":name args" runs a command in the pane the prompt came from. */
static unsigned
command_typed(struct workspace *ws, void *arg, const char *text)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    char *name = buf + strspn(buf, " "), *args = strchr(name, ' ');
    if (args != NULL)
        *args++ = '\0';
    if (name[0] == '\0')
        return REACT_REDRAW;
    if (strspn(name, "0123456789") == strlen(name))
        return dispatch_run(ws, arg, "goto-paragraph", name);
    return dispatch_run(ws, arg, name, args ? args : "");
}

/* Completes a command name among those the pane knows (each name once: the one it means). */
static void
match_names(const struct pane_ops *ops, const struct cmd_def *cmds, size_t n, const char *text,
            const char **only, size_t *matches)
{
    for (size_t i = 0; cmds != NULL && i < n; i++)
        if (strncmp(cmds[i].name, text, strlen(text)) == 0 &&
            commands_resolve(ops, cmds[i].name) == &cmds[i]) {
            *only = cmds[i].name;
            (*matches)++;
        }
}

static unsigned
complete_command(struct workspace *ws, void *arg, const char *text)
{
    const struct pane_ops *ops = ((struct pane *)arg)->ops;
    const char *only = NULL;
    size_t matches = 0, nglobal;
    const struct cmd_def *global = commands_global(&nglobal);
    match_names(ops, ops->cmds, ops->ncmds, text, &only, &matches);
    match_names(ops, ops->kind_cmds, ops->nkind_cmds, text, &only, &matches);
    match_names(ops, global, nglobal, text, &only, &matches);
    if (matches == 1) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s ", only);
        prompt_set_text(&ws->prompt, buf);
    }
    ws_message(ws, false, ngettext("%zu command", "%zu commands", matches), matches);
    return REACT_REDRAW;
}

unsigned
cmd_command_prompt(struct cmd_ctx *ctx)
{
    struct prompt_spec spec = {.label = ":",
                               .on_accept = command_typed,
                               .on_complete = complete_command,
                               .arg = ctx->pane};
    prompt_start(ctx->ws, &spec);
    return REACT_REDRAW;
}
