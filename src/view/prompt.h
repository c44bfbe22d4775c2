/* The prompt on the message line: a label, the text typed so far, and what to do with it.
 * Whoever starts one says what happens as the text changes (an incremental search, a filter),
 * on Enter, on Escape or C-g, and on Tab (completion), as tmux's status_prompt_set takes
 * callbacks. Editing keys: Backspace, C-u (everything), C-w (the last word), and any printable
 * character; a one-key prompt (y/n) takes the first key typed as its answer.
 *
 * While a prompt is active it gets every key; nothing else runs. */
#ifndef NDVR_PROMPT_H
#define NDVR_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "input/keyname.h"

struct workspace;

/* A prompt callback: the text typed, and the spec's arg; returns what it did (enum react). */
typedef unsigned (*prompt_fn)(struct workspace *ws, void *arg, const char *text);

struct prompt_spec {
    const char *label;     /* "/", "goto: ", "overwrite x.txt? (y/n) " */
    const char *initial;   /* text to start with, or NULL */
    prompt_fn on_change;   /* after each edit, or NULL */
    prompt_fn on_accept;   /* Enter (or the key of a one-key prompt) */
    prompt_fn on_cancel;   /* Escape or C-g, or NULL */
    prompt_fn on_complete; /* Tab, or NULL; it may replace the text (prompt_set_text) */
    bool one_key;          /* the first printable key answers */
    void *arg;
};

struct prompt {
    bool active;
    struct prompt_spec spec;
    char label[128];
    char text[512];
    size_t len;
};

/* Starts a prompt (replacing any other). The label and initial text are copied. */
void prompt_start(struct workspace *ws, const struct prompt_spec *spec);
/* Edits the prompt with key, running the callbacks; returns their reactions. */
unsigned prompt_key(struct workspace *ws, key_code key);
/* Inserts pasted text as typed, character by character, skipping what does not print (no key
 * binding, no Enter); a one-key prompt ignores it. Returns the callbacks' reactions. */
unsigned prompt_paste(struct workspace *ws, const char *text);
/* Whether a one-key prompt's answer is yes (y or Y). */
bool prompt_is_yes(const char *text);
/* Replaces the text (completion). */
void prompt_set_text(struct prompt *p, const char *text);

#endif
