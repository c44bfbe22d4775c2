/* Layout rules for a converted report (A/74/90). PLACEHOLDER: being written. */
#include "segment/segment.h"

cJSON *
seg_layout_report(struct seg_ctx *ctx)
{
    diag_set(ctx->diag, ctx->src->name, 0, 0, "report layout not written yet");
    return NULL;
}
