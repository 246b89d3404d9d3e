/* status.c: `handoff status [--json]`: the pod at a glance */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/cmd_status.h"
#include "handoff/out.h"
#include "handoff/report.h"
#include "handoff/report_out.h"
#include "handoff/store_pod.h"
#include "handoff/store_sprint.h"

enum hf_status hf_status_pod(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_pod pod;
	enum hf_status rc = hf_store_pod_get(store, &pod);

	if (rc)
		return rc;
	if (text) {
		size_t roles[HF_ROLE_SHARED + 1] = { 0 };

		for (size_t i = 0; i < pod.nmembers; i++)
			roles[pod.members[i].role]++;
		fputs("pod: ", text);
		hf_out_text(text, pod.name ? pod.name : "(no pod synced yet)");
		fprintf(text, " (%zu member%s: %zu research, %zu engineering, %zu product)\n",
			pod.nmembers, pod.nmembers == 1 ? "" : "s", roles[HF_ROLE_RESEARCH], roles[HF_ROLE_ENGINEERING],
			roles[HF_ROLE_PRODUCT]);
	} else {
		json_t *p = json_object(), *members = json_array();

		json_object_set_new(p, "name", hf_json_str(pod.name));
		for (size_t i = 0; i < pod.nmembers; i++) {
			json_t *m = json_object();

			json_object_set_new(m, "handle", hf_json_str(pod.members[i].handle));
			json_object_set_new(m, "name", hf_json_str(pod.members[i].name));
			json_object_set_new(m, "role", json_string(hf_role_name(pod.members[i].role)));
			json_object_set_new(m, "timezone", hf_json_str(pod.members[i].timezone));
			json_array_append_new(members, m);
		}
		json_object_set_new(p, "members", members);
		json_object_set_new(doc, "pod", p);
	}
	hf_pod_clear(&pod);
	return HF_OK;
}

enum hf_status hf_status_sync(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_sync_run *runs;
	size_t n;
	enum hf_status rc = hf_store_sync_latest(store, &runs, &n);
	json_t *arr = json_array();
	int64_t now = hf_now();

	if (rc) {
		json_decref(arr);
		return rc;
	}
	if (text)
		fputs(n ? "sync:\n" : "sync: never synced (run 'handoff sync')\n", text);
	for (size_t i = 0; i < n; i++) {
		char at[32], ago[32];

		hf_time_format(runs[i].finished, at, sizeof(at));
		if (text) {
			hf_time_ago(runs[i].finished, now, ago, sizeof(ago));
			fputs("  ", text);
			hf_out_text(text, runs[i].source);
			fprintf(text, ": %s, %s", runs[i].ok ? "ok" : "failed", ago);
			if (!runs[i].ok) {
				fputs(": ", text);
				hf_out_text(text, runs[i].error);
			}
			fputc('\n', text);
			continue;
		}
		json_t *r = json_object();

		json_object_set_new(r, "name", hf_json_str(runs[i].source));
		json_object_set_new(r, "type", hf_json_str(runs[i].type));
		json_object_set_new(r, "ok", json_boolean(runs[i].ok));
		json_object_set_new(r, "error", hf_json_str(runs[i].error));
		json_object_set_new(r, "at", json_string(at));
		/* what the run cost and changed (0 and null for runs logged before handoff kept them) */
		json_object_set_new(r, "seconds", json_integer(runs[i].finished - runs[i].started));
		json_object_set_new(r, "fetch_ms", json_integer(runs[i].fetch_ms));
		json_object_set_new(r, "apply_ms", json_integer(runs[i].apply_ms));
		json_object_set_new(r, "changes", runs[i].changes >= 0 ? json_integer(runs[i].changes)
								    : json_null());
		json_object_set_new(r, "full", json_boolean(runs[i].full));
		json_object_set_new(r, "detail", hf_json_str(runs[i].detail));
		json_array_append_new(arr, r);
	}
	if (doc)
		json_object_set_new(doc, "sync", arr);
	else
		json_decref(arr);
	hf_sync_runs_free(runs, n);
	return HF_OK;
}

enum hf_status hf_status_errors(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_problem *p;
	size_t n, nerr = 0;
	enum hf_status rc = hf_store_problems(store, &p, &n);
	json_t *errors = json_array(), *warnings = json_array();

	if (rc) {
		json_decref(errors);
		json_decref(warnings);
		return rc;
	}
	if (text && n) {
		fputs("problems in pod files:\n", text);
		for (size_t i = 0; i < n; i++) {
			fputs("  ", text);
			nerr += hf_out_problems(text, &p[i], 1, NULL, false);
		}
		fprintf(text, "(%zu error%s, %zu warning%s)\n", nerr, nerr == 1 ? "" : "s", n - nerr,
			n - nerr == 1 ? "" : "s");
	}
	for (size_t i = 0; i < n && doc; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "source", hf_json_str(p[i].source));
		json_object_set_new(e, "path", hf_json_str(p[i].path));
		json_object_set_new(e, "field", hf_json_str(p[i].field));
		json_object_set_new(e, "message", hf_json_str(p[i].message));
		json_object_set_new(e, "line", p[i].line > 0 ? json_integer(p[i].line) : json_null());
		json_object_set_new(e, "column", p[i].line > 0 ? json_integer(p[i].col) : json_null());
		json_object_set_new(e, "cross_file", json_boolean(p[i].reference));
		json_array_append_new(p[i].severity == HF_PROBLEM_ERROR ? errors : warnings, e);
	}
	if (doc) {
		json_object_set_new(doc, "errors", errors);
		json_object_set_new(doc, "warnings", warnings);
	} else {
		json_decref(errors);
		json_decref(warnings);
	}
	hf_problems_free(p, n);
	return HF_OK;
}

/* Until an area fills its section, status says so honestly in both forms. */
/* Readiness: one line per model and the pod's blocked items (first blocker of each model). */
static enum hf_status status_models(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_model_report *r;
	size_t n;
	enum hf_status rc = hf_report_models(store, &r, &n);

	if (rc)
		return rc;
	if (text) {
		size_t ready = 0;

		for (size_t i = 0; i < n; i++)
			ready += r[i].ready;
		fprintf(text, "models: %zu (%zu ready)\n", n, ready);
		for (size_t i = 0; i < n; i++) {
			struct hf_strbuf sb = HF_STRBUF_INIT;
			char cell[64];

			hf_strbuf_init(&sb);
			hf_strbuf_adds(&sb, "  ");
			hf_out_cell(&sb, r[i].name, 18);
			hf_strbuf_addch(&sb, ' ');
			hf_out_cell(&sb, r[i].stage, 12);
			snprintf(cell, sizeof(cell), "%d/%d", r[i].done, r[i].required);
			hf_strbuf_addf(&sb, " %6s ", cell);
			hf_report_slo_text(&r[i], cell, sizeof(cell));
			hf_out_cell(&sb, cell, 10);
			hf_strbuf_addch(&sb, ' ');
			if (r[i].ready)
				hf_strbuf_adds(&sb, "ready");
			else if (r[i].nblockers) {
				const struct hf_blocker *b = hf_report_first_blocker(&r[i]);

				hf_strbuf_adds(&sb, "blocked: ");
				hf_out_cell(&sb, hf_report_blocker_text(b), 28);
				hf_strbuf_addch(&sb, ' ');
				hf_out_cell(&sb, b->owner ? b->owner : b->role, 12);
			}
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				hf_strbuf_setlen(&sb, sb.len - 1);
			fprintf(text, "%s\n", sb.buf);
			hf_strbuf_release(&sb);
		}
	} else {
		json_t *arr = json_array(), *blocked = json_array();

		for (size_t i = 0; i < n; i++) {
			json_array_append_new(arr, hf_report_json_summary(&r[i]));
			for (size_t b = 0; b < r[i].nblockers; b++) {
				json_t *o = json_object();

				json_object_set_new(o, "model", hf_json_str(r[i].name));
				json_object_set_new(o, "item", hf_json_str(r[i].blockers[b].item));
				json_object_set_new(o, "title", hf_json_str(r[i].blockers[b].title));
				json_object_set_new(o, "owner", hf_json_str(r[i].blockers[b].owner));
				json_object_set_new(o, "role", hf_json_str(r[i].blockers[b].role));
				json_object_set_new(o, "reason", hf_json_str(r[i].blockers[b].reason));
				json_array_append_new(blocked, o);
			}
		}
		json_object_set_new(doc, "models", arr);
		json_object_set_new(doc, "blocked", blocked);
	}
	hf_model_reports_free(r, n);
	return HF_OK;
}

/* On call now and next per rotation: defined in src/cmd/oncall.c. */
enum hf_status hf_status_oncall(struct hf_store *store, json_t *doc, FILE *text);

/* The current sprint: points done of committed, days left, who is over capacity. */
static enum hf_status status_sprint(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_sprint s;
	struct hf_pod pod;
	struct hf_sprint_eval ev;
	char today[16], *id = NULL;
	int64_t now = hf_now();
	enum hf_status rc;

	hf_date_format(now, today, sizeof(today));
	if ((rc = hf_store_sprint_current(store, today, &id)))
		return rc;
	if (!id) {
		if (doc)
			json_object_set_new(doc, "sprint", json_null());
		if (text)
			fputs("sprint: no sprint runs today\n", text);
		return HF_OK;
	}
	rc = hf_store_sprint_get(store, id, &s);
	free(id);
	if (rc)
		return rc;
	if ((rc = hf_store_pod_get(store, &pod))) {
		hf_sprint_clear(&s);
		return rc;
	}
	hf_sprint_evaluate(&s, &pod, NULL, 0, now, &ev);
	if (text) {
		fputs("sprint ", text);
		hf_out_text(text, s.id);
		fprintf(text, ": %g/%g pts done, %d day%s left, %d blocked", ev.done, ev.committed,
			ev.days_left, ev.days_left == 1 ? "" : "s", ev.items_blocked);
		for (size_t i = 0; i < ev.npeople; i++) {
			if (!ev.people[i].over)
				continue;
			fputs(", over capacity: ", text);
			hf_out_text(text, ev.people[i].handle);
		}
		if (ev.nunknown)
			fprintf(text, ", %zu %s (see 'handoff sprint')", ev.nunknown,
				ev.nunknown == 1 ? "handle is not a pod member"
						 : "handles are not pod members");
		fputc('\n', text);
	} else {
		json_t *o = json_object(), *over = json_array();

		json_object_set_new(o, "id", hf_json_str(s.id));
		json_object_set_new(o, "name", hf_json_str(s.name));
		json_object_set_new(o, "start", hf_json_str(s.start));
		json_object_set_new(o, "end", hf_json_str(s.end));
		json_object_set_new(o, "done", json_real(ev.done));
		json_object_set_new(o, "committed", json_real(ev.committed));
		json_object_set_new(o, "days_left", json_integer(ev.days_left));
		json_object_set_new(o, "blocked", json_integer(ev.items_blocked));
		for (size_t i = 0; i < ev.npeople; i++)
			if (ev.people[i].over)
				json_array_append_new(over, hf_json_str(ev.people[i].handle));
		json_object_set_new(o, "over", over);
		json_object_set_new(o, "not_members", json_integer((json_int_t)ev.nunknown));
		json_object_set_new(doc, "sprint", o);
	}
	hf_sprint_eval_clear(&ev);
	hf_pod_clear(&pod);
	hf_sprint_clear(&s);
	return HF_OK;
}

const struct hf_status_section hf_status_sections[] = {
	{ "pod", hf_status_pod },
	{ "models", status_models },
	{ "oncall", hf_status_oncall },
	{ "sprint", status_sprint },
	{ "sync", hf_status_sync },
	{ "errors", hf_status_errors },
	{ NULL, NULL },
};

static int run_status(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	bool json = hf_args_has(args, "json");
	json_t *doc = json ? json_object() : NULL;

	if (hf_ctx_store(ctx, &store)) {
		json_decref(doc);
		return hf_fail_last();
	}
	for (const struct hf_status_section *s = hf_status_sections; s->name; s++) {
		if (s->fill(store, doc, json ? NULL : stdout)) {
			json_decref(doc);
			return hf_fail_last();
		}
	}
	if (json)
		hf_out_json(stdout, doc);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag status_flags[] = {
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_status = {
	"status", "[--json]", "the pod at a glance: models, on call, sprint, sync, errors",
	status_flags, 0, 0, run_status,
};
