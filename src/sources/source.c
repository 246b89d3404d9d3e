/* source.c: run one source's sync: lock, fetch outside any transaction, apply in one short one, record the run */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/git_source.h"
#include "handoff/ical_feed.h"
#include "handoff/mlflow.h"
#include "handoff/podfile.h"
#include "handoff/prometheus.h"
#include "handoff/source.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"

#define LOCK_POLL_MS 100

const struct hf_source_ops *hf_source_ops_for(enum hf_source_type type)
{
	switch (type) {
	case HF_SOURCE_GIT: return &hf_source_git_ops;
	case HF_SOURCE_MLFLOW: return &hf_source_mlflow_ops;
	case HF_SOURCE_PROMETHEUS: return &hf_source_prometheus_ops;
	case HF_SOURCE_ICAL: return &hf_source_ical_ops;
	default: return NULL;
	}
}

int hf_source_pass(enum hf_source_type type)
{
	return type == HF_SOURCE_PROMETHEUS || type == HF_SOURCE_ICAL ? 1 : 0;
}

void hf_sync_progress_report(const struct hf_sync_progress *p, const char *source,
			     const char *what, size_t done, size_t total)
{
	if (p && p->fn)
		p->fn(p->data, source, what, done, total);
}

void hf_sync_summary_clear(struct hf_sync_summary *s)
{
	free(s->detail);
	free(s->changed);
	free(s->problem);
	memset(s, 0, sizeof(*s));
}

static void add_count(struct hf_strbuf *sb, size_t n, const char *one, const char *many)
{
	hf_strbuf_addf(sb, ", %zu %s", n, n == 1 ? one : many);
}

char *hf_sync_summary_line(const struct hf_sync_summary *s)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	if (s->detail && *s->detail)
		hf_strbuf_addf(&sb, "%s: ", s->detail);
	if (s->up_to_date) {
		hf_strbuf_adds(&sb, "up to date");
		return hf_strbuf_detach(&sb);
	}
	hf_strbuf_adds(&sb, s->full ? "full read" : "incremental");
	if (s->files_read || s->files_removed || s->files_refused || s->commits) {
		add_count(&sb, s->files_read, "file read", "files read");
		if (s->files_removed)
			add_count(&sb, s->files_removed, "file removed", "files removed");
		if (s->files_refused)
			add_count(&sb, s->files_refused, "file refused", "files refused");
		if (s->commits)
			add_count(&sb, s->commits, "commit", "commits");
	}
	if (s->models || s->versions) {
		add_count(&sb, s->models, "model", "models");
		add_count(&sb, s->versions, "version", "versions");
		if (s->models_fetched != s->models)
			add_count(&sb, s->models_fetched, "model fetched", "models fetched");
		add_count(&sb, s->runs_fetched, "run fetched", "runs fetched");
	}
	if (s->requests)
		add_count(&sb, s->requests, "request", "requests");
	if (s->changes && s->changed && *s->changed)
		hf_strbuf_addf(&sb, "; %s", s->changed);
	else if (s->changes)
		add_count(&sb, s->changes, "change", "changes");
	else
		hf_strbuf_adds(&sb, ", nothing changed");
	return hf_strbuf_detach(&sb);
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* "10:02:03" (UTC) of t, for the busy message. */
static void clock_time(int64_t t, char *buf, size_t n)
{
	char full[32];

	hf_time_format(t, full, sizeof(full));
	snprintf(buf, n, "%.8s UTC", full + 11);
}

/*
 * Take the source's sync lock: wait while another process (or thread) syncs
 * it, or fail at once with HF_SYNC_NO_WAIT; a lock left by a killed process
 * is taken over and that run is recorded as interrupted.
 */
static enum hf_status lock_source(struct hf_store *store, struct hf_sync *sync)
{
	const char *name = sync->conf->name;
	struct hf_sync_holder holder, stale;
	bool told = false;
	enum hf_status rc;

	while ((rc = hf_store_sync_lock(store, name, hf_now(), &holder, &stale)) == HF_EBUSY) {
		char since[32];

		clock_time(holder.since, since, sizeof(since));
		if (sync->flags & HF_SYNC_NO_WAIT)
			return hf_error(HF_EBUSY, "source '%s': a sync of it is already running (pid "
					"%lld, since %s)", name, (long long)holder.pid, since);
		if (hf_cancelled(sync->cancel))
			return hf_error(HF_ECANCEL, "source '%s': cancelled while waiting for the "
					"sync running in pid %lld", name, (long long)holder.pid);
		if (!told) {
			char *what = xasprintf("waiting for the sync running in pid %lld since %s",
					       (long long)holder.pid, since);

			hf_trace("sync: '%s' is being synced by pid %lld since %s: waiting", name,
				 (long long)holder.pid, since);
			hf_sync_progress_report(sync->progress, name, what, 0, 0);
			free(what);
			told = true;
		}
		sleep_ms(LOCK_POLL_MS);
	}
	if (!rc && stale.pid) {
		struct hf_sync_run run = { 0 };

		run.source = (char *)name;
		run.type = (char *)hf_source_type_name(sync->conf->type);
		run.started = stale.since;
		run.finished = hf_now();
		run.pid = stale.pid;
		run.changes = -1;
		run.error = xasprintf("interrupted: process %lld ended without finishing the sync "
				      "(the previous view was kept)", (long long)stale.pid);
		hf_trace("sync: '%s': %s", name, run.error);
		if (!hf_store_begin(store)) {
			if (hf_store_sync_record(store, &run) || hf_store_commit(store))
				hf_store_rollback(store);
		}
		free(run.error);
	}
	return rc;
}

/* The run's status after fetch and apply; the driver records it either way. */
static enum hf_status fetch_apply(struct hf_store *store, const struct hf_source_ops *ops,
				  struct hf_sync *sync)
{
	struct hf_fetched *fetched = NULL;
	int64_t t0 = hf_mono_ms(), t1;
	enum hf_status rc;

	rc = ops->fetch(store, sync, &fetched);
	/* a fetch that read the store must not leave its snapshot open */
	t1 = hf_mono_ms();
	sync->summary.fetch_ms = t1 - t0;
	if (!rc && hf_cancelled(sync->cancel))
		rc = hf_error(HF_ECANCEL, "source '%s': sync cancelled", sync->conf->name);
	if (!rc && !(rc = hf_store_begin(store))) {
		rc = ops->apply(store, sync, fetched);
		if (!rc)
			rc = hf_store_commit(store);
		if (rc) {
			/* keep the message: rollback must not replace it */
			char *message = xstrdup(hf_last_error());

			hf_store_rollback(store);
			hf_error(rc, "%s", message);
			free(message);
		}
		sync->summary.apply_ms = hf_mono_ms() - t1;
		hf_trace("sync: '%s': fetch %lld ms, apply (write lock held) %lld ms",
			 sync->conf->name, (long long)sync->summary.fetch_ms,
			 (long long)sync->summary.apply_ms);
	}
	if (fetched && fetched->free)
		fetched->free(fetched);
	return rc;
}

static enum hf_status source_sync(struct hf_store *store, const struct hf_source_conf *conf,
				  const struct hf_sync_progress *progress,
				  const struct hf_cancel *cancel, unsigned flags, const char *model,
				  struct hf_sync_summary *summary)
{
	const struct hf_source_ops *ops = hf_source_ops_for(conf->type);
	struct hf_sync sync = { 0 };
	struct hf_sync_run run = { 0 };
	char *message = NULL, *line = NULL;
	enum hf_status rc, rec;

	sync.conf = conf;
	sync.progress = progress;
	sync.cancel = cancel;
	sync.flags = flags;
	sync.model = model;
	sync.now = hf_now();
	if (summary)
		memset(summary, 0, sizeof(*summary));
	if (!ops || !ops->fetch || !ops->apply)
		return hf_error(HF_EINVAL, "source '%s' has type '%s', which this handoff cannot sync",
				conf->name, hf_source_type_name(conf->type));
	if ((rc = lock_source(store, &sync)))
		return rc;	/* busy or cancelled while waiting: not a run of ours to record */
	sync.now = hf_now();	/* the run starts once the lock is ours, after any wait */
	run.source = conf->name;
	run.type = (char *)hf_source_type_name(conf->type);
	run.started = sync.now;
	run.pid = (int64_t)getpid();
	rc = fetch_apply(store, ops, &sync);
	if (rc)
		message = xstrdup(hf_last_error());
	run.finished = hf_now();
	run.ok = rc == HF_OK;
	run.error = message;
	run.fetch_ms = sync.summary.fetch_ms;
	run.apply_ms = sync.summary.apply_ms;
	run.changes = rc ? 0 : (int64_t)sync.summary.changes;
	run.full = sync.summary.full;
	if (!rc)
		run.detail = line = hf_sync_summary_line(&sync.summary);
	/* the record has a transaction of its own, so a failed sync is remembered too */
	rec = hf_store_begin(store);
	if (!rec && !(rec = hf_store_sync_record(store, &run)))
		rec = hf_store_commit(store);
	if (rec)
		hf_store_rollback(store);
	if (hf_store_sync_unlock(store, conf->name) && !rec)
		rec = HF_EIO;
	if (rec && !rc)
		rc = rec;
	else if (message)
		hf_error(rc, "%s", message);
	free(message);
	free(line);
	if (summary)
		*summary = sync.summary;
	else
		hf_sync_summary_clear(&sync.summary);
	return rc;
}

enum hf_status hf_source_sync(struct hf_store *store, const struct hf_source_conf *conf,
			      const struct hf_sync_progress *progress,
			      const struct hf_cancel *cancel, unsigned flags,
			      struct hf_sync_summary *summary)
{
	return source_sync(store, conf, progress, cancel, flags, NULL, summary);
}

enum hf_status hf_source_sync_model(struct hf_store *store, const struct hf_source_conf *conf,
				    const struct hf_sync_progress *progress,
				    const struct hf_cancel *cancel, const char *model,
				    struct hf_sync_summary *summary)
{
	/* only a registry has models by name: the others are refused, not synced whole */
	static const char *const what[] = {
		[HF_SOURCE_GIT] = "a pod repository",
		[HF_SOURCE_PROMETHEUS] = "a Prometheus server (live SLOs)",
		[HF_SOURCE_ICAL] = "a calendar feed (on-call rotations)",
	};

	if (summary)
		memset(summary, 0, sizeof(*summary));
	if (conf->type != HF_SOURCE_MLFLOW)
		return hf_error(HF_EINVAL, "source '%s' is %s: a model by name is fetched from a "
				"registry source (type mlflow)", conf->name,
				(size_t)conf->type < sizeof(what) / sizeof(*what) && what[conf->type]
				? what[conf->type] : hf_source_type_name(conf->type));
	return source_sync(store, conf, progress, cancel, 0, model, summary);
}

enum hf_status hf_source_check_refs(struct hf_store *store, const struct hf_source_conf *sources,
				    size_t n)
{
	struct hf_podfile_source *names = xcalloc(n + 1, sizeof(*names));
	enum hf_status rc;

	for (size_t i = 0; i < n; i++) {
		names[i].name = sources[i].name;
		names[i].registry = sources[i].type == HF_SOURCE_MLFLOW;
	}
	if (!(rc = hf_store_begin(store))) {
		if ((rc = hf_podfile_check_refs(store, names, n)))
			hf_store_rollback(store);
		else
			rc = hf_store_commit(store);
	}
	free(names);
	return rc;
}
