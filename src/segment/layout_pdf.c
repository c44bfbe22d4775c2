/* Layout rules for a raw PDF extraction (A/72/304). PLACEHOLDER: being written. */
#include "segment/segment.h"

cJSON *
seg_layout_pdf(struct seg_ctx *ctx)
{
    diag_set(ctx->diag, ctx->src->name, 0, 0, "pdf layout not written yet");
    return NULL;
}
