/* pod.c: SQL for the pod and its members */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_live.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "internal.h"

enum hf_status hf_store_pod_put(struct hf_store *store, const char *source, const char *path,
				const struct hf_pod *pod)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO pod (source, path, name, eval_suite, eval_metrics) VALUES (?1, ?2, ?3, ?4, ?5)");
	struct hf_strbuf metrics = HF_STRBUF_INIT;
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	/* metric names are stored one per line (the parser refuses control characters in them) */
	hf_strbuf_init(&metrics);
	for (size_t i = 0; i < pod->neval_metrics; i++)
		hf_strbuf_addf(&metrics, "%s%s", i ? "\n" : "", pod->eval_metrics[i]);
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, pod->name);
	hf_bind_text(st, 4, pod->eval_suite);
	hf_bind_text(st, 5, metrics.buf);
	rc = hf_store_exec_stmt(store, st, "storing the pod");
	hf_strbuf_release(&metrics);
	if (rc || (rc = hf_store_pod_live_put(store, source, path, &pod->live)))
		return rc;
	st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO member (source, path, handle, name, role, timezone, position, email) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < pod->nmembers; i++) {
		const struct hf_member *m = &pod->members[i];

		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, m->handle);
		hf_bind_text(st, 4, m->name);
		hf_bind_text(st, 5, hf_role_name(m->role));
		hf_bind_text(st, 6, m->timezone);
		hf_bind_int(st, 7, (int64_t)i);
		hf_bind_text(st, 8, m->email);
		if ((rc = hf_store_exec_stmt(store, st, "storing a member")))
			return rc;
	}
	return HF_OK;
}

static void read_pod(sqlite3_stmt *st, void *item)
{
	struct hf_pod *pod = item;

	pod->name = hf_column_text(st, 0);
	pod->eval_suite = hf_column_text(st, 1);
	hf_column_lines(st, 2, &pod->eval_metrics, &pod->neval_metrics);
}

static void read_member(sqlite3_stmt *st, void *item)
{
	struct hf_member *m = item;

	m->handle = hf_column_text(st, 0);
	m->name = hf_column_text(st, 1);
	m->role = hf_role_parse((const char *)sqlite3_column_text(st, 2));
	m->timezone = hf_column_text(st, 3);
	m->email = hf_column_text(st, 4);
}

enum hf_status hf_store_pod_get(struct hf_store *store, struct hf_pod *pod)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT name, eval_suite, eval_metrics FROM pod ORDER BY source LIMIT 1");
	enum hf_status rc;

	memset(pod, 0, sizeof(*pod));
	if ((rc = hf_store_read_one(store, st, read_pod, pod, NULL, "reading the pod")) ||
	    (rc = hf_store_pod_live_get(store, &pod->live)))
		return rc;
	st = hf_store_stmt(store,
		"SELECT handle, name, role, timezone, email FROM member ORDER BY position, handle");
	return hf_store_read_rows(store, st, &pod->members, &pod->nmembers, sizeof(*pod->members),
				  read_member, NULL, "reading members");
}
