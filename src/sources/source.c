/* source.c: run one source's sync in its own transaction and record the outcome */
#include "config.h"

#include <stdlib.h>

#include "handoff/clock.h"
#include "handoff/git_source.h"
#include "handoff/mlflow.h"
#include "handoff/source.h"
#include "handoff/xmalloc.h"


const struct hf_source_ops *hf_source_ops_for(enum hf_source_type type)
{
	switch (type) {
	case HF_SOURCE_GIT: return &hf_source_git_ops;
	case HF_SOURCE_MLFLOW: return &hf_source_mlflow_ops;
	default: return NULL;
	}
}

void hf_sync_progress_report(const struct hf_sync_progress *p, const char *source,
			     const char *what, size_t done, size_t total)
{
	if (p && p->fn)
		p->fn(p->data, source, what, done, total);
}

enum hf_status hf_source_sync(struct hf_store *store, const struct hf_source_conf *conf,
			      const struct hf_sync_progress *progress)
{
	const struct hf_source_ops *ops = hf_source_ops_for(conf->type);
	struct hf_sync_run run = { 0 };
	char *detail = NULL, *message = NULL;
	enum hf_status rc;

	run.source = conf->name;
	run.type = (char *)hf_source_type_name(conf->type);
	run.started = hf_now();
	if (!ops || !ops->sync) {
		rc = hf_error(HF_EINVAL, "source '%s' has type '%s', which this handoff cannot sync",
			      conf->name, hf_source_type_name(conf->type));
	} else if (!(rc = hf_store_begin(store))) {
		rc = ops->sync(store, conf, progress, &detail);
		if (!rc)
			rc = hf_store_commit(store);
		if (rc) {
			/* keep the message: rollback must not replace it */
			message = xstrdup(hf_last_error());
			hf_store_rollback(store);
		}
	}
	if (rc && !message)
		message = xstrdup(hf_last_error());
	run.finished = hf_now();
	run.ok = rc == HF_OK;
	run.error = message;
	run.detail = detail;
	if (hf_store_sync_record(store, &run) && !rc)
		rc = HF_EIO;
	if (message)
		hf_error(rc, "%s", message);
	free(message);
	free(detail);
	return rc;
}
