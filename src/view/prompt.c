/* The prompt on the message line: editing, and the callbacks of whoever started it. */
#include "view/prompt.h"

#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "view/workspace.h"

void
prompt_start(struct workspace *ws, const struct prompt_spec *spec)
{
    struct prompt *p = &ws->prompt;
    memset(p, 0, sizeof *p);
    p->active = true;
    p->spec = *spec;
    snprintf(p->label, sizeof p->label, "%s", spec->label ? spec->label : "");
    p->spec.label = p->label;
    prompt_set_text(p, spec->initial ? spec->initial : "");
    p->spec.initial = NULL;
}

bool
prompt_is_yes(const char *text)
{
    return strcmp(text, "y") == 0 || strcmp(text, "Y") == 0;
}

void
prompt_set_text(struct prompt *p, const char *text)
{
    snprintf(p->text, sizeof p->text, "%s", text);
    p->len = strlen(p->text);
    while (p->len > 0 && u8_check((const uint8_t *)p->text, p->len) != NULL)
        p->text[--p->len] = '\0'; /* cut on a character */
}

/* The prompt is over: forget it before its callback runs, which may start another. */
static unsigned
finish(struct workspace *ws, prompt_fn fn)
{
    struct prompt done = ws->prompt;
    ws->prompt.active = false;
    ws->message[0] = '\0';
    return fn != NULL ? fn(ws, done.spec.arg, done.text) | REACT_REDRAW : REACT_REDRAW;
}

static unsigned
changed(struct workspace *ws)
{
    struct prompt *p = &ws->prompt;
    return p->spec.on_change ? p->spec.on_change(ws, p->spec.arg, p->text) | REACT_REDRAW
                             : REACT_REDRAW;
}

static void
delete_char(struct prompt *p)
{
    while (p->len > 0 && ((unsigned char)p->text[p->len - 1] & 0xC0) == 0x80)
        p->len--;
    if (p->len > 0)
        p->len--;
    p->text[p->len] = '\0';
}

/* C-w: the blanks before the cursor, then the word. */
static void
delete_word(struct prompt *p)
{
    while (p->len > 0 && p->text[p->len - 1] == ' ')
        p->text[--p->len] = '\0';
    while (p->len > 0 && p->text[p->len - 1] != ' ')
        delete_char(p);
}

static bool
insert(struct prompt *p, key_code key)
{
    uint8_t buf[8];
    int n = u8_uctomb(buf, (ucs4_t)key, sizeof buf);
    if (n <= 0 || p->len + (size_t)n >= sizeof p->text)
        return false;
    memcpy(p->text + p->len, buf, (size_t)n);
    p->len += (size_t)n;
    p->text[p->len] = '\0';
    return true;
}

static bool
printable(key_code key)
{
    return key >= 0x20 && key < KEYC_BASE && key != 0x7F;
}

static unsigned
edit(struct workspace *ws, key_code key)
{
    struct prompt *p = &ws->prompt;
    if (key == KEYC_BACKSPACE)
        delete_char(p);
    else if (key == KEYC_CTRL('u'))
        prompt_set_text(p, "");
    else if (key == KEYC_CTRL('w'))
        delete_word(p);
    else if (!printable(key) || !insert(p, key))
        return REACT_NONE;
    return changed(ws);
}

unsigned
prompt_paste(struct workspace *ws, const char *text)
{
    struct prompt *p = &ws->prompt;
    if (!p->active || p->spec.one_key) /* a pasted "y" must not answer a question */
        return REACT_NONE;
    const uint8_t *s = (const uint8_t *)text;
    ucs4_t c;
    for (int n; *s != '\0' && (n = u8_strmbtouc(&c, s)) > 0; s += n)
        if (printable((key_code)c) && !insert(p, (key_code)c))
            break; /* full */
    return changed(ws);
}

unsigned
prompt_key(struct workspace *ws, key_code key)
{
    struct prompt *p = &ws->prompt;
    if (!p->active)
        return REACT_NONE;
    if (key == KEYC_ESCAPE || key == KEYC_CTRL('g'))
        return finish(ws, p->spec.on_cancel);
    if (p->spec.one_key && printable(key)) {
        insert(p, key);
        return finish(ws, p->spec.on_accept);
    }
    if (key == KEYC_ENTER)
        return finish(ws, p->spec.on_accept);
    if (key == KEYC_TAB && p->spec.on_complete != NULL)
        return p->spec.on_complete(ws, p->spec.arg, p->text) | REACT_REDRAW;
    return edit(ws, key);
}
