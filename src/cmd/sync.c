/* sync.c: `handoff sync [SOURCE...] [--full | --model NAME] [--no-wait] [--quiet] [--rebuild]`: pull every configured source into the store, one line each */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/acting.h"
#include "handoff/cancel.h"
#include "handoff/cmd.h"
#include "handoff/clock.h"
#include "handoff/git_source.h"
#include "handoff/inbox.h"
#include "handoff/out.h"
#include "handoff/sanitize.h"
#include "handoff/source.h"
#include "handoff/strbuf.h"
#include "handoff/width.h"
#include "handoff/writeback.h"
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

/*
 * SIGINT and SIGTERM stop the sync within a second and leave the previous
 * view: the handler only sets the cancel flag (nothing else is safe there);
 * the transfers see it and the command exits 128 + the signal.
 */
static struct hf_cancel sync_cancel = HF_CANCEL_INIT;

static void on_signal(int sig)
{
	hf_cancel_request(&sync_cancel, sig);
}

static void catch_signals(bool on)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/*
 * Every problem the source has now, one line each with file, line and
 * column (for a pod's files, the same lines as `handoff lint`); warnings
 * only without --quiet. A git source's errors are errors in pod files,
 * added to *errors (other sources' problems are about what they fetched).
 */
static enum hf_status print_problems(struct hf_store *store, const struct hf_source_conf *source,
				     bool quiet, size_t *errors)
{
	struct hf_problem *p;
	size_t n, e;
	enum hf_status rc = hf_store_problems_of(store, source->name, &p, &n);

	if (rc)
		return rc;
	e = hf_out_problems(stderr, p, n, NULL, quiet);
	if (source->type == HF_SOURCE_GIT)
		*errors += e;
	hf_problems_free(p, n);
	return HF_OK;
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

/*
 * Sync one source and say how it went: on a terminal (pl) the one-line
 * summary of what it read and changed (a cron job's mail stays empty; the
 * line is in the sync log either way), and always an error naming the
 * source when it failed. Returns 1 when it failed, else 0.
 */
static int sync_one(struct hf_store *store, const struct hf_source_conf *s,
		    struct progress_line *pl, unsigned flags, const char *model, size_t *found)
{
	struct hf_sync_progress progress = { on_progress, pl };
	struct hf_sync_summary sum;
	char *name = hf_sanitize(s->name, 0);
	int failed = 0;

	if (pl)
		on_progress(pl, s->name, "syncing", 0, 0);
	enum hf_status rc = model
		? hf_source_sync_model(store, s, pl ? &progress : NULL, &sync_cancel, model, &sum)
		: hf_source_sync(store, s, pl ? &progress : NULL, &sync_cancel, flags, &sum);

	if (rc) {
		char *msg = hf_sanitize(hf_last_error(), 0);

		if (pl)
			line_clear(pl);
		/* every message should name its source; add it when a lower layer did not */
		if (strstr(msg, name) && strstr(msg, "source"))
			hf_fail("%s", msg);
		else
			hf_fail("source '%s': %s", name, msg);
		free(msg);
		failed = 1;
	} else if (pl) {
		char *line = hf_sync_summary_line(&sum);
		char *clean = hf_sanitize(line, 0);

		line_clear(pl);
		fprintf(stderr, "%s: synced %s\n", name, clean);
		free(clean);
		free(line);
	}
	if (!failed && model)
		*found += sum.models_fetched;
	/* synced, but something of it could not be read (a live query): say so, quiet or not */
	if (!failed && sum.problem)
		hf_warn("source '%s': %s", name, sum.problem);
	hf_sync_summary_clear(&sum);
	free(name);
	return failed;
}

/*
 * After a source synced: its waiting actions go on the new tip and out
 * (writeback.h). What did not land is news: said on stderr even when quiet.
 */
static void push_waiting(struct hf_store *store, const struct hf_conf *conf,
			 const struct hf_source_conf *s, bool tty)
{
	struct hf_wb_outcome *o = NULL;
	size_t n = 0, landed = 0;
	char *name = hf_sanitize(s->name, 0);

	if (hf_wb_push(store, conf, s->name, &o, &n)) {
		char *msg = hf_sanitize(hf_last_error(), 0);

		hf_warn("%s: the waiting actions were not pushed: %s", name, msg);
		free(msg);
	}
	for (size_t i = 0; i < n; i++) {
		char *what = hf_sanitize(o[i].summary, 0), *why = hf_sanitize(o[i].message, 0);

		if (o[i].state == HF_OUTBOX_LANDED)
			landed++;
		else
			hf_warn("%s: action %lld %s: %s%s%s", name, (long long)o[i].id,
				o[i].state == HF_OUTBOX_PENDING ? "still waits"
				: o[i].state == HF_OUTBOX_CONFLICT ? "is in conflict" : "was refused",
				what, *why ? ": " : "", why);
		free(what);
		free(why);
	}
	if (tty && landed)
		fprintf(stderr, "%s: %zu waiting action%s landed\n", name, landed, landed == 1 ? "" : "s");
	hf_wb_outcomes_free(o, n);
	free(name);
}

static int run_sync(struct hf_ctx *ctx, const struct hf_args *args)
{
	const struct hf_conf *conf;
	struct hf_store *store;
	struct progress_line pl = { stderr, { 0, 0 }, 80, false };
	bool quiet = hf_args_has(args, "quiet"), tty = !quiet && isatty(STDERR_FILENO);
	const struct hf_source_conf **todo;
	size_t ntodo = 0, found = 0, errors = 0;
	const char *model = hf_args_get(args, "model");
	unsigned flags = 0;
	int failed = 0;

	if (model && (hf_args_has(args, "full") || hf_args_has(args, "rebuild")))
		return hf_fail("--model fetches one model: it does not go with --%s",
			       hf_args_has(args, "full") ? "full" : "rebuild");
	if (hf_ctx_conf(ctx, &conf))
		return hf_fail_last();
	if (!conf->nsources)
		return hf_fail("no sources in '%s': add a [source \"NAME\"] section (see 'handoff "
				   "init')", conf->path ? conf->path : ctx->config_path);
	todo = xcalloc(conf->nsources + (size_t)args->npos, sizeof(*todo));
	/* a source the configuration's warnings said is ignored is not synced (nor said again) */
	if (args->npos == 0) {
		/* --model: a registered model is asked of the registry sources only */
		for (int pass = 0; pass < HF_SOURCE_PASSES; pass++)
			for (size_t i = 0; i < conf->nsources; i++)
				if (!conf->sources[i].ignored &&
				    hf_source_pass(conf->sources[i].type) == pass &&
				    (!model || conf->sources[i].type == HF_SOURCE_MLFLOW))
					todo[ntodo++] = &conf->sources[i];
		if (!ntodo) {
			free(todo);
			return hf_fail("nothing to sync: every source of '%s' is ignored (see the warning%s "
				       "above)", conf->path, conf->nwarnings == 1 ? "" : "s");
		}
	}
	for (int i = 0; i < args->npos; i++) {
		const struct hf_source_conf *s = hf_conf_source(conf, args->pos[i]);

		if (!s) {
			free(todo);
			return unknown_source(conf, args->pos[i]);
		}
		if (s->ignored) {
			char *clean = hf_sanitize(args->pos[i], 0);
			int rc = hf_fail("source '%s' is ignored (see the warning above)", clean);

			free(clean);
			free(todo);
			return rc;
		}
		todo[ntodo++] = s;
	}
	if (model && !ntodo) {
		free(todo);
		return hf_fail("--model asks a registry for a model, and '%s' has no source of type mlflow",
			       conf->path ? conf->path : ctx->config_path);
	}
	/* the database is a cache of the sources: --rebuild starts it again, and a damaged one is not written to */
	if (hf_args_has(args, "rebuild") && args->npos) {
		free(todo);
		return hf_fail("--rebuild syncs every source into a new database: name no source");
	}
	if ((hf_args_has(args, "rebuild") && hf_store_remove(ctx->db_path)) ||
	    hf_ctx_store(ctx, &store) || hf_store_check(store)) {
		free(todo);
		return hf_fail_last();
	}
	pl.cols = terminal_cols();
	/* a person at a terminal may be asked for an ssh key's passphrase */
	hf_git_allow_prompt(isatty(STDIN_FILENO) && isatty(STDERR_FILENO));
	if (hf_args_has(args, "full"))
		flags |= HF_SYNC_FULL;
	if (hf_args_has(args, "no-wait"))
		flags |= HF_SYNC_NO_WAIT;
	catch_signals(true);
	for (size_t i = 0; i < ntodo && !hf_cancelled(&sync_cancel); i++) {
		int f = sync_one(store, todo[i], tty ? &pl : NULL, flags, model, &found);

		failed += f;
		if (f)
			continue;
		/* read-only: the view is brought up to date, nothing is sent */
		if (!hf_acting_read_only(conf, ctx->read_only))
			push_waiting(store, conf, todo[i], tty);
		/* the pod files' names of each other, then every problem the source has now */
		if (hf_source_check_refs(store, conf->sources, conf->nsources) ||
		    print_problems(store, todo[i], quiet, &errors)) {
			hf_fail_last();
			failed++;
		}
	}
	catch_signals(false);
	/* stages, verdicts and items that moved become events for the inbox */
	if (failed < (int)ntodo && !hf_cancelled(&sync_cancel) && hf_history_record(store, hf_now(), NULL))
		hf_warn("could not record the models' history: %s", hf_last_error());
	free(todo);
	if (hf_cancelled(&sync_cancel))
		return 128 + hf_cancel_reason(&sync_cancel);
	if (model && !failed && !found) {
		char *clean = hf_sanitize(model, 0);
		int rc = hf_fail("no registered model '%s' in the registry source%s synced (see 'handoff "
				 "models --all')", clean, ntodo == 1 ? "" : "s");

		free(clean);
		return rc;
	}
	if (failed)
		return HF_EXIT_ERROR;
	if (errors) {
		fprintf(stderr, "handoff: %zu error%s in pod files: %s skipped (see 'handoff help pod'; "
			"'handoff lint' checks a work tree before you commit)\n", errors,
			errors == 1 ? "" : "s", errors == 1 ? "that file or name is" : "those files or names are");
		return HF_EXIT_NO;
	}
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag sync_flags[] = {
	{ "full", NULL, "list the whole registry: find deletions and repair the view" },
	{ "model", "NAME", "fetch one registered model and its runs (one the pod does not name)" },
	{ "no-wait", NULL, "when another sync of a source is running, say so and skip it" },
	{ "quiet", NULL, "print nothing but errors" },
	{ "rebuild", NULL, "delete the database (a cache of the sources) and sync every source afresh" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_sync = {
	"sync", "[SOURCE...] [--full | --model NAME] [--no-wait] [--quiet] [--rebuild]",
	"pull every configured source (or the ones named) into the local view",
	sync_flags, 0, -1, run_sync,
};
