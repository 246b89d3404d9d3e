/* ctx.c: the front ends' shared context: the database and configuration opened on first use, errors on stderr */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "handoff/ctx.h"

static void vsay(const char *prefix, const char *fmt, va_list ap) HF_PRINTF(2, 0);
static void vsay(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int hf_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("handoff: error: ", fmt, ap);
	va_end(ap);
	return HF_EXIT_ERROR;
}

int hf_fail_last(void)
{
	return hf_fail("%s", *hf_last_error() ? hf_last_error() : "failed");
}

void hf_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("handoff: warning: ", fmt, ap);
	va_end(ap);
}

enum hf_status hf_ctx_store(struct hf_ctx *ctx, struct hf_store **store)
{
	if (!ctx->store) {
		enum hf_status rc = hf_store_open(ctx->db_path, &ctx->store);

		if (rc)
			return rc;
		if (ctx->snapshot && (rc = hf_store_read_begin(ctx->store)))
			return rc;
	}
	*store = ctx->store;
	return HF_OK;
}

enum hf_status hf_ctx_conf(struct hf_ctx *ctx, const struct hf_conf **conf)
{
	if (!ctx->conf_loaded) {
		enum hf_status rc = hf_conf_load(ctx->config_path, &ctx->conf);

		if (rc == HF_ENOTFOUND)
			return hf_error(HF_ENOTFOUND,
					"no configuration at '%s': start a pod repository with "
					"'handoff init DIR', or try 'handoff --demo'", ctx->config_path);
		if (rc)
			return rc;
		for (size_t i = 0; i < ctx->conf.nwarnings; i++)
			hf_warn("%s", ctx->conf.warnings[i]);
		ctx->conf_loaded = true;
	}
	*conf = &ctx->conf;
	return HF_OK;
}

enum hf_status hf_ctx_user(struct hf_ctx *ctx, const char **handle)
{
	const struct hf_conf *conf;
	enum hf_status rc = hf_ctx_conf(ctx, &conf);

	if (rc)
		return rc;
	if (!conf->user_handle || !*conf->user_handle)
		return hf_error(HF_EINVAL, "who are you? set your handle in '%s': [user] handle = YOUR-HANDLE",
				conf->path ? conf->path : ctx->config_path);
	*handle = conf->user_handle;
	return HF_OK;
}

void hf_ctx_release(struct hf_ctx *ctx)
{
	if (ctx->store && ctx->snapshot)
		hf_store_read_end(ctx->store);
	hf_store_close(ctx->store);
	ctx->store = NULL;
	if (ctx->conf_loaded)
		hf_conf_clear(&ctx->conf);
	ctx->conf_loaded = false;
}
