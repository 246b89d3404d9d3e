/* sync.c: `handoff sync [SOURCE...] [--quiet]`: pull every configured source into the store */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/cmd.h"
#include "handoff/sanitize.h"
#include "handoff/source.h"
#include "handoff/strbuf.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

/* The one progress line on a terminal, redrawn in place at most every 100 ms. */
struct progress_line {
	FILE *out;
	struct timespec last;
	int cols;
	bool shown;
};

static int terminal_cols(void)
{
	const char *c = getenv("COLUMNS");
	long n = c ? strtol(c, NULL, 10) : 0;

	return n >= 20 && n <= 1000 ? (int)n : 80;
}

static void line_draw(struct progress_line *pl, const char *text)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	hf_strbuf_addch(&sb, '\r');
	hf_width_fit(&sb, text, pl->cols - 1, 1);
	fputs(sb.buf, pl->out);
	fflush(pl->out);
	hf_strbuf_release(&sb);
	pl->shown = true;
}

static void line_clear(struct progress_line *pl)
{
	if (pl->shown)
		line_draw(pl, "");
	if (pl->shown)
		fputc('\r', pl->out);
	pl->shown = false;
}

static void on_progress(void *data, const char *source, const char *what, size_t done, size_t total)
{
	struct progress_line *pl = data;
	struct timespec now;
	char *name = hf_sanitize(source, 0), *text;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - pl->last.tv_sec) * 1000 + (now.tv_nsec - pl->last.tv_nsec) / 1000000;
	if (pl->shown && ms < 100 && !(total && done == total)) {
		free(name);
		return;
	}
	pl->last = now;
	if (total)
		text = xasprintf("%s: %s %zu/%zu", name, what, done, total);
	else if (done)
		text = xasprintf("%s: %s %zu", name, what, done);
	else
		text = xasprintf("%s: %s", name, what);
	line_draw(pl, text);
	free(text);
	free(name);
}

/* The detail of the source's latest run ("abc1234 on main: ..."), or NULL. */
static char *latest_detail(struct hf_store *store, const char *source)
{
	struct hf_sync_run *runs;
	size_t n;
	char *out = NULL;

	if (hf_store_sync_latest(store, &runs, &n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].source, source) == 0)
			out = xstrdup(runs[i].detail);
	hf_sync_runs_free(runs, n);
	return out;
}

static int unknown_source(const struct hf_conf *conf, const char *name)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char *clean = hf_sanitize(name, 0);
	int rc;

	hf_strbuf_init(&sb);
	for (size_t i = 0; i < conf->nsources; i++) {
		char *s = hf_sanitize(conf->sources[i].name, 0);

		hf_strbuf_addf(&sb, "%s'%s'", i ? ", " : "", s);
		free(s);
	}
	rc = hf_fail("no source '%s' in '%s' (configured: %s)", clean,
			 conf->path ? conf->path : "the configuration",
			 conf->nsources ? sb.buf : "none");
	hf_strbuf_release(&sb);
	free(clean);
	return rc;
}

static int run_sync(struct hf_ctx *ctx, const struct hf_args *args)
{
	const struct hf_conf *conf;
	struct hf_store *store;
	struct progress_line pl = { stderr, { 0, 0 }, 80, false };
	struct hf_sync_progress progress = { on_progress, &pl };
	bool quiet = hf_args_has(args, "quiet"), tty = !quiet && isatty(STDERR_FILENO);
	const struct hf_source_conf **todo;
	size_t ntodo = 0;
	int failed = 0;

	if (hf_ctx_conf(ctx, &conf))
		return hf_fail_last();
	if (!conf->nsources)
		return hf_fail("no sources in '%s': add a [source \"NAME\"] section (see 'handoff "
				   "init')", conf->path ? conf->path : ctx->config_path);
	todo = xcalloc(conf->nsources + (size_t)args->npos, sizeof(*todo));
	if (args->npos == 0) {
		for (size_t i = 0; i < conf->nsources; i++)
			todo[ntodo++] = &conf->sources[i];
	}
	for (int i = 0; i < args->npos; i++) {
		const struct hf_source_conf *s = hf_conf_source(conf, args->pos[i]);

		if (!s) {
			free(todo);
			return unknown_source(conf, args->pos[i]);
		}
		todo[ntodo++] = s;
	}
	if (hf_ctx_store(ctx, &store)) {
		free(todo);
		return hf_fail_last();
	}
	pl.cols = terminal_cols();
	for (size_t i = 0; i < ntodo; i++) {
		const struct hf_source_conf *s = todo[i];
		char *name = hf_sanitize(s->name, 0);

		if (tty)
			on_progress(&pl, s->name, "syncing", 0, 0);
		if (hf_source_sync(store, s, tty ? &progress : NULL)) {
			char *msg = hf_sanitize(hf_last_error(), 0);

			if (tty)
				line_clear(&pl);
			/* every message should name its source; add it when a lower layer did not */
			if (strstr(msg, name) && strstr(msg, "source"))
				hf_fail("%s", msg);
			else
				hf_fail("source '%s': %s", name, msg);
			free(msg);
			failed++;
		} else if (tty) {
			char *detail = latest_detail(store, s->name);
			char *clean = hf_sanitize(detail ? detail : "", 0);

			line_clear(&pl);
			fprintf(stderr, "%s: synced%s%s\n", name, *clean ? " " : "", clean);
			free(clean);
			free(detail);
		}
		free(name);
	}
	free(todo);
	return failed ? HF_EXIT_ERROR : HF_EXIT_OK;
}

static const struct hf_cmd_flag sync_flags[] = {
	{ "quiet", NULL, "print nothing but errors" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_sync = {
	"sync", "[SOURCE...] [--quiet]",
	"pull every configured source (or the ones named) into the local view",
	sync_flags, 0, -1, run_sync,
};
