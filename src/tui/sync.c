/* sync.c: the TUI's background sync: a thread with its own store connection runs every source (or fetches one model's runs) */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/cancel.h"
#include "handoff/clock.h"
#include "handoff/compare.h"
#include "handoff/inbox.h"
#include "handoff/source.h"
#include "handoff/store.h"
#include "handoff/strbuf.h"
#include "handoff/tui_screen.h"
#include "handoff/tui_sync.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"

struct hf_tui_sync {
	pthread_t thread;
	bool started;
	pthread_mutex_t lock;
	struct hf_cancel cancel;	/* set by the TUI (q): the transfers stop within ~0.1 s */
	char *db_path;
	struct hf_source_conf *sources; /* shallow copies: strings duplicated below */
	size_t nsources;
	unsigned flags;			/* enum hf_tui_sync_flags */
	char *model;			/* fetch this model's runs instead of syncing (or NULL) */
	char *versions[2];		/* ... of these two versions compared (or NULL: opening it) */
	/* under lock */
	bool done;
	size_t failed;
	char text[256];
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void set_text(struct hf_tui_sync *s, const char *fmt, ...) HF_PRINTF(2, 3);
static void set_text(struct hf_tui_sync *s, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&s->lock);
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof(s->text), fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&s->lock);
}

static void on_progress(void *data, const char *source, const char *what, size_t done, size_t total)
{
	struct hf_tui_sync *s = data;

	if (total)
		set_text(s, "syncing %s: %s %zu/%zu", source, what ? what : "", done, total);
	else
		set_text(s, "syncing %s: %s", source, what ? what : "");
}

/* Push the waiting actions of one source (of all with source NULL): "" or what to say. */
static void push_waiting(struct hf_tui_sync *s, struct hf_store *store, const char *source,
			 struct hf_strbuf *said, size_t *failed)
{
	struct hf_conf conf = { 0 };
	struct hf_wb_outcome *o = NULL;
	size_t n = 0, landed = 0;

	conf.sources = s->sources;
	conf.nsources = s->nsources;
	if (hf_wb_push(store, &conf, source, &o, &n)) {
		hf_strbuf_addf(said, "%spush failed: %s", said->len ? "; " : "", hf_last_error());
		(*failed)++;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (o[i].state == HF_OUTBOX_LANDED) {
			landed++;
			continue;
		}
		/* the first that did not land says why; the outbox has the rest */
		if (!*failed)
			hf_strbuf_addf(said, "%s%s: %s%s%s", said->len ? "; " : "",
				       o[i].state == HF_OUTBOX_PENDING ? "queued"
				       : hf_outbox_state_name(o[i].state), o[i].summary,
				       o[i].message ? ": " : "", o[i].message ? o[i].message : "");
		(*failed)++;
	}
	if (landed)
		hf_strbuf_addf(said, "%s%zu action%s landed", said->len ? "; " : "", landed,
			       landed == 1 ? "" : "s");
	hf_wb_outcomes_free(o, n);
}

static void *run(void *arg)
{
	struct hf_tui_sync *s = arg;
	struct hf_store *store = NULL;
	struct hf_sync_progress progress = {on_progress, s};
	struct hf_strbuf summary = HF_STRBUF_INIT;
	char *problem = NULL;	/* the first source that synced with something it could not read */
	size_t failed = 0;

	hf_strbuf_init(&summary);
	if (hf_store_open(s->db_path, &store) || hf_store_check(store)) {
		hf_strbuf_addf(&summary, "sync failed: %s", hf_last_error());
		failed = s->nsources ? s->nsources : 1;
	} else if (s->model) {
		struct hf_conf conf = { 0 };
		size_t fetched = 0;

		conf.sources = s->sources;
		conf.nsources = s->nsources;
		set_text(s, "fetching the run of %s\xE2\x80\xA6", s->model);
		if (s->versions[0] ? hf_compare_fetch(store, &conf, &s->cancel, s->model, s->versions[0],
						      s->versions[1], &fetched)
				   : hf_model_open_fetch(store, &conf, &s->cancel, s->model, &fetched)) {
			hf_strbuf_addf(&summary, "could not fetch the run of %s: %s", s->model,
				       hf_last_error());
			failed = 1;
		} else {
			hf_strbuf_addf(&summary, "fetched %zu run%s of %s", fetched,
				       fetched == 1 ? "" : "s", s->model);
		}
		hf_store_close(store);
	} else if (s->flags & HF_TUI_SYNC_PUSH_ONLY) {
		set_text(s, "pushing");
		push_waiting(s, store, NULL, &summary, &failed);
		if (!summary.len)
			hf_strbuf_adds(&summary, "nothing waits in the outbox");
		hf_store_close(store);
	} else {
		struct hf_strbuf pushed = HF_STRBUF_INIT;
		size_t not_landed = 0;

		hf_strbuf_init(&pushed);
		for (size_t i = 0; i < s->nsources; i++) {
			set_text(s, "syncing %s", s->sources[i].name);
			if (hf_cancelled(&s->cancel))
				break;
			/* a source another process is syncing is reported plainly, not waited for */
			struct hf_sync_summary sum = { 0 };

			if (hf_source_sync(store, &s->sources[i], &progress, &s->cancel,
					   HF_SYNC_NO_WAIT, &sum)) {
				if (!failed)
					hf_strbuf_addf(&summary, "sync: %s failed: %s",
						       s->sources[i].name, hf_last_error());
				failed++;
			} else {
				if (sum.problem && !problem)
					problem = xasprintf("%s: %s", s->sources[i].name, sum.problem);
				/* what waits goes on the new tip and out */
				if (s->flags & HF_TUI_SYNC_PUSH)
					push_waiting(s, store, s->sources[i].name, &pushed, &not_landed);
			}
			hf_sync_summary_clear(&sum);
		}
		/* the files' names of each other (members, items) are checked once all are in */
		if (hf_source_check_refs(store, s->sources, s->nsources) && !failed++)
			hf_strbuf_addf(&summary, "sync: checking the pod files failed: %s", hf_last_error());
		if (!failed && (problem || pushed.len))
			hf_strbuf_addf(&summary, "synced %zu source%s%s%s%s%s", s->nsources,
				       s->nsources == 1 ? "" : "s", pushed.len ? "; " : "", pushed.buf,
				       problem ? "; see the log (7): " : "", problem ? problem : "");
		else if (!failed)
			hf_strbuf_addf(&summary, "synced %zu source%s", s->nsources,
				       s->nsources == 1 ? "" : "s");
		else if (failed > 1)
			hf_strbuf_addf(&summary, " (and %zu more failed: see the log, 7)",
				       failed - 1);
		/* stages, verdicts and items that moved become events for the inbox */
		if (failed < s->nsources && !hf_cancelled(&s->cancel))
			(void)hf_history_record(store, hf_now(), NULL);
		hf_strbuf_release(&pushed);
		hf_store_close(store);
	}
	pthread_mutex_lock(&s->lock);
	snprintf(s->text, sizeof(s->text), "%s", summary.buf);
	s->failed = failed;
	s->done = true;
	pthread_mutex_unlock(&s->lock);
	hf_strbuf_release(&summary);
	free(problem);
	return NULL;
}

static struct hf_tui_sync *start(const char *db_path, const struct hf_conf *conf, unsigned flags,
				 const char *model, const char *const *versions)
{
	struct hf_tui_sync *s = xcalloc(1, sizeof(*s));
	sigset_t old;
	int err;

	pthread_mutex_init(&s->lock, NULL);
	s->db_path = xstrdup(db_path);
	s->sources = xcalloc(conf->nsources ? conf->nsources : 1, sizeof(*s->sources));
	for (size_t k = 0; k < conf->nsources * HF_SOURCE_PASSES; k++) {
		const struct hf_source_conf *c = &conf->sources[k % conf->nsources];
		struct hf_source_conf *d = &s->sources[s->nsources];

		/* every source of the first pass, then of the next (source.h); ignored ones never */
		if (hf_source_pass(c->type) != (int)(k / conf->nsources) || c->ignored)
			continue;
		*d = *c;
		d->name = dup_or_null(c->name);
		d->url = dup_or_null(c->url);
		d->branch = dup_or_null(c->branch);
		d->path = dup_or_null(c->path);
		d->token_env = dup_or_null(c->token_env);
		d->ssh_key = dup_or_null(c->ssh_key);
		d->ca_file = dup_or_null(c->ca_file);
		d->filter = dup_or_null(c->filter);
		s->nsources++;
	}
	s->flags = flags;
	s->model = model ? xstrdup(model) : NULL;
	for (int i = 0; versions && i < 2; i++)
		s->versions[i] = dup_or_null(versions[i]);
	if (model)
		snprintf(s->text, sizeof(s->text), "fetching the run of %s\xE2\x80\xA6", model);
	else
		snprintf(s->text, sizeof(s->text), flags & HF_TUI_SYNC_PUSH_ONLY ? "pushing" : "syncing");
	/* the thread blocks the quit signals, so they interrupt the main loop's read */
	hf_screen_block_signals(&old);
	err = pthread_create(&s->thread, NULL, run, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		hf_error(HF_ERR, "cannot start the sync thread");
		hf_tui_sync_finish(s);
		return NULL;
	}
	s->started = true;
	return s;
}

void hf_tui_sync_cancel(struct hf_tui_sync *s)
{
	if (s)
		hf_cancel_request(&s->cancel, HF_CANCEL_USER);
}

void hf_tui_sync_poll(struct hf_tui_sync *s, struct hf_tui_sync_state *st)
{
	pthread_mutex_lock(&s->lock);
	st->done = s->done;
	st->failed = s->failed;
	snprintf(st->text, sizeof(st->text), "%s", s->text);
	pthread_mutex_unlock(&s->lock);
}

void hf_tui_sync_finish(struct hf_tui_sync *s)
{
	if (!s)
		return;
	if (s->started)
		pthread_join(s->thread, NULL);
	for (size_t i = 0; i < s->nsources; i++) {
		struct hf_source_conf *d = &s->sources[i];

		free(d->name);
		free(d->url);
		free(d->branch);
		free(d->path);
		free(d->token_env);
		free(d->ssh_key);
		free(d->ca_file);
		free(d->filter);
	}
	free(s->sources);
	free(s->db_path);
	free(s->model);
	free(s->versions[0]);
	free(s->versions[1]);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

struct hf_tui_sync *hf_tui_sync_start_runs(const char *db_path, const struct hf_conf *conf,
					   const char *name, const char *const *versions)
{
	return start(db_path, conf, 0, name, versions);
}

struct hf_tui_sync *hf_tui_sync_start(const char *db_path, const struct hf_conf *conf,
				      unsigned flags)
{
	return start(db_path, conf, flags, NULL, NULL);
}
