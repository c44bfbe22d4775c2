/* The reader's panes side by side: which of the outline, the text and the context pane show at
 * a terminal size, and where. Pure geometry, tested without a terminal (test_tiling.c).
 *
 * At 100 columns and more the three show (the outline and the context pane when not hidden);
 * from 60 columns the text and one side pane: the outline, or the context pane when the user
 * asked for it (C, 3) or it is focused; below 60 columns the focused pane alone, and so when
 * zoomed. */
#ifndef NDVR_TILING_H
#define NDVR_TILING_H

#include <stdbool.h>

enum tile { TILE_OUTLINE, TILE_TEXT, TILE_CONTEXT, TILE_COUNT };

enum { TILING_WIDE = 100, TILING_MEDIUM = 60, TILING_MIN_SIDE = 10 };

struct tiling {
    bool show_outline, show_context; /* not hidden by the user */
    bool context_first;              /* below 100 columns the context pane takes the side */
    bool zoomed;                     /* the focused pane alone */
    enum tile focus;
    int outline_cols, context_cols; /* widths the user chose; 0: automatic */
};

struct tile_rect {
    bool shown;
    int y, x, rows, cols;
};

/* The defaults: both side panes shown, the text focused. */
void tiling_init(struct tiling *t);
/* Where each pane goes in rows x cols (the screen less its status and message lines). */
void tiling_compute(const struct tiling *t, int rows, int cols, struct tile_rect out[TILE_COUNT]);
/* Whether pane `which` shows at that width. */
bool tiling_shows(const struct tiling *t, int cols, enum tile which);
/* Makes the focus a shown pane (the text when the focused one is hidden). */
void tiling_fix_focus(struct tiling *t, int cols);

#endif
