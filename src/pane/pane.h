/* Panes: the outline, the text, the context, and lists (search results, help). Every pane
 * is an object behind the same small interface, as htop's Panel: draw, handle a key, resize.
 * A pane owns its window; the app owns the panes and decides where they go. */
#ifndef NDVR_PANE_H
#define NDVR_PANE_H

#include <stdbool.h>

#include "input/keyname.h"
#include "ui/ui.h"

struct app;
struct pane;

struct pane_ops {
    const char *name;
    /* Draws the pane's contents into its window (the app stages and updates). */
    void (*draw)(struct pane *pane, struct app *app);
    /* A key the keymap did not bind, or a click at (y, x) inside the pane; returns true when
     * the pane used it. */
    bool (*key)(struct pane *pane, struct app *app, key_code key, int y, int x);
    /* Offers a named command (scroll-down, follow-link, expand ...) to the focused pane
     * first, as vis offers a key to a mode before its parent; true when the pane handled it.
     * May be NULL. */
    bool (*command)(struct pane *pane, struct app *app, const char *name, const char *args);
    /* The window moved or changed size. */
    void (*resize)(struct pane *pane, struct app *app);
    /* Frees pane->data. */
    void (*free)(struct pane *pane);
};

struct pane {
    const struct pane_ops *ops;
    struct ui_win *win;  /* owned */
    int y, x, rows, cols;
    bool visible;
    bool focused;
    void *data;          /* the pane's own state, owned through ops->free */
};

struct pane *pane_new(const struct pane_ops *ops, void *data);
void pane_free(struct pane *pane);
/* Gives the pane a place on the screen (creating or moving its window). */
void pane_place(struct pane *pane, struct app *app, int y, int x, int rows, int cols);

/* The panes. */
struct pane *pane_text_new(void);
struct pane *pane_outline_new(void);
struct pane *pane_context_new(void);
struct pane *pane_list_new(const char *title);
struct pane *pane_print_new(void);

#endif
