/* card.c: models/<model>/MODEL_CARD.md: stored as written; sections are checked when evaluated */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_models.h"
#include "handoff/xmalloc.h"
#include "internal.h"

enum hf_status hf_podfile_load_card(struct hf_podfile_ctx *ctx, const char *text, size_t len)
{
	char *copy;
	enum hf_status rc;

	if (memchr(text, '\0', len)) {
		hf_podfile_error(ctx, NULL, "a model card must be text, not binary (it holds a NUL byte)");
		return HF_EINVAL;
	}
	copy = xstrndup(text, len);
	rc = hf_store_card_put(ctx->store, ctx->source, ctx->path, ctx->name, copy);
	free(copy);
	return rc;
}
