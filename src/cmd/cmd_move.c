/* Moving: lines, half screens, screens, the ends; paragraphs and sections. In a pane with a
 * cursor or contents of its own (the outline, a list, a card) the move is the pane's; in the
 * text it is the reading place's. Every move takes a count ("scroll-down 3"). */
#include "cmd/commands.h"

#include "cmd/handlers.h"
#include "util/i18n.h"

unsigned
cmd_move(struct cmd_ctx *ctx, enum motion m, int dir)
{
    int n = ctx->count * dir;
    if (ctx->pane->ops->move != NULL)
        return ctx->pane->ops->move(ctx->pane, ctx, m, n) | REACT_REDRAW;
    struct reader *rd = ctx->rd;
    if (m == MOTION_END) {
        if (dir < 0)
            reader_to_start(rd);
        else
            reader_to_end(rd);
        return REACT_REDRAW;
    }
    reader_scroll(rd, (int)pane_motion_rows(
                          m, n, m == MOTION_PAGE && rd->rows > 2 ? rd->rows - 1 : rd->rows));
    return REACT_REDRAW;
}

unsigned
cmd_reader_moved(const struct cmd_ctx *ctx)
{
    return ctx->pane->ops->place == PLACE_TILE ? REACT_REDRAW : REACT_READER | REACT_REDRAW;
}

unsigned
cmd_scroll_down(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_LINE, 1);
}

unsigned
cmd_scroll_up(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_LINE, -1);
}

unsigned
cmd_half_page_down(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_HALF, 1);
}

unsigned
cmd_half_page_up(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_HALF, -1);
}

unsigned
cmd_page_down(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_PAGE, 1);
}

unsigned
cmd_page_up(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_PAGE, -1);
}

unsigned
cmd_top(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_END, -1);
}

unsigned
cmd_bottom(struct cmd_ctx *ctx)
{
    return cmd_move(ctx, MOTION_END, 1);
}

/* Jumps count times; says so when there is no further one. */
static unsigned
jump(struct cmd_ctx *ctx, int dir, enum reader_unit unit)
{
    bool moved = false;
    for (int i = 0; i < ctx->count && reader_jump(ctx->rd, dir, unit); i++)
        moved = true;
    if (!moved)
        cmd_say(ctx, false, "%s",
                unit == READER_PARAGRAPH
                    ? (dir > 0 ? _("no next paragraph") : _("no previous paragraph"))
                    : (dir > 0 ? _("no next section") : _("no previous section")));
    return cmd_reader_moved(ctx);
}

unsigned
cmd_next_paragraph(struct cmd_ctx *ctx)
{
    return jump(ctx, 1, READER_PARAGRAPH);
}

unsigned
cmd_prev_paragraph(struct cmd_ctx *ctx)
{
    return jump(ctx, -1, READER_PARAGRAPH);
}

unsigned
cmd_next_section(struct cmd_ctx *ctx)
{
    return jump(ctx, 1, READER_SECTION);
}

unsigned
cmd_prev_section(struct cmd_ctx *ctx)
{
    return jump(ctx, -1, READER_SECTION);
}
