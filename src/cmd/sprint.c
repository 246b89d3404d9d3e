/* sprint.c: `handoff sprint [SPRINT] [--json | --markdown]`: the joint sprint planning summary */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/out.h"
#include "handoff/report.h"
#include "handoff/report_out.h"
#include "handoff/sanitize.h"
#include "handoff/sprint.h"
#include "handoff/store_pod.h"
#include "handoff/store_sprint.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

/* One model that items of the sprint are about, and what its readiness says. */
struct model_state {
	const char *name;	/* borrowed from the sprint */
	bool found;		/* known from pod files or the registry */
	struct hf_model_report report;
};

/* Everything one run of the command works from. */
struct plan {
	struct hf_sprint sprint;
	struct hf_pod pod;
	struct hf_sprint_snapshot *snaps;
	size_t nsnaps;
	struct hf_sprint_eval ev;
	struct model_state *models;	/* the not-ready and the unknown ones only */
	size_t nmodels;
	size_t *not_ready;		/* item indexes */
	size_t nnot_ready;
	bool current;
	int64_t now;
	struct hf_outbox_marks marks;	/* items with an action waiting in the outbox */
};

static void print_unknown_models(FILE *out, const struct plan *p, bool markdown);
static void print_not_ready(FILE *out, const struct plan *p, bool markdown);

static void plan_clear(struct plan *p)
{
	for (size_t i = 0; i < p->nmodels; i++)
		hf_model_report_clear(&p->models[i].report);
	free(p->models);
	free(p->not_ready);
	hf_sprint_eval_clear(&p->ev);
	hf_sprint_snapshots_free(p->snaps, p->nsnaps);
	hf_pod_clear(&p->pod);
	hf_sprint_clear(&p->sprint);
	hf_outbox_marks_clear(&p->marks);
}

static const struct model_state *model_of(const struct plan *p, const char *name)
{
	for (size_t i = 0; name && i < p->nmodels; i++)
		if (strcmp(p->models[i].name, name) == 0)
			return &p->models[i];
	return NULL;
}

/* Ask the readiness evaluation about every model an open item is on; keep the not-ready ones. */
static enum hf_status judge_models(struct hf_store *store, struct plan *p)
{
	const char **names = NULL;
	size_t nnames = 0;
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < p->sprint.nitems; i++) {
		const struct hf_sprint_item *it = &p->sprint.items[i];
		struct model_state *m;

		if (!it->model || it->status == HF_ITEM_DONE || model_of(p, it->model))
			continue;
		p->models = xrealloc(p->models, (p->nmodels + 1) * sizeof(*p->models));
		m = &p->models[p->nmodels];
		memset(m, 0, sizeof(*m));
		m->name = it->model;
		rc = hf_report_model(store, it->model, &m->report);
		if (rc == HF_ENOTFOUND) {
			hf_error_clear();
			rc = HF_OK;
		} else if (rc) {
			hf_model_report_clear(&m->report);
			break;
		} else {
			m->found = true;
		}
		if (m->found && m->report.ready) {
			hf_model_report_clear(&m->report);
			continue;
		}
		p->nmodels++;
		if (!m->found)
			continue;
		names = xrealloc(names, (nnames + 1) * sizeof(*names));
		names[nnames++] = m->name;
	}
	if (!rc)
		hf_sprint_items_on_models(&p->sprint, names, nnames, &p->not_ready, &p->nnot_ready);
	free(names);
	return rc;
}

/* " (sprints/x.json has errors: ...)" when a sprint file was skipped, so "no sprint" is not a mystery. */
static void skipped_files(struct hf_store *store, struct hf_strbuf *hint)
{
	struct hf_problem *pr;
	size_t n;

	if (hf_store_problems(store, &pr, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		if (pr[i].severity != HF_PROBLEM_ERROR || strncmp(pr[i].path, "sprints/", 8) != 0)
			continue;
		hf_strbuf_addf(hint, "; '%s' was skipped: %s%s%s", pr[i].path,
			       pr[i].field ? pr[i].field : "", pr[i].field ? ": " : "", pr[i].message);
		break;
	}
	hf_problems_free(pr, n);
}

static enum hf_status plan_load(struct hf_store *store, const char *id, struct plan *p)
{
	char today[16], *current = NULL;
	enum hf_status rc;

	memset(p, 0, sizeof(*p));
	p->now = hf_now();
	hf_date_format(p->now, today, sizeof(today));
	if ((rc = hf_store_sprint_current(store, today, &current)))
		return rc;
	if (!id && !current) {
		struct hf_sprint *all;
		size_t n;
		struct hf_strbuf known = HF_STRBUF_INIT, hint = HF_STRBUF_INIT;

		if ((rc = hf_store_sprint_list(store, &all, &n)))
			return rc;
		hf_strbuf_init(&known);
		for (size_t i = 0; i < n; i++)
			hf_strbuf_addf(&known, "%s%s", i ? ", " : "", all[i].id);
		hf_strbuf_init(&hint);
		skipped_files(store, &hint);
		if (n)
			rc = hf_error(HF_ENOTFOUND, "no sprint contains today (%s); sprints: %s "
				      "(name one: 'handoff sprint ID')%s", today, known.buf, hint.buf);
		else
			rc = hf_error(HF_ENOTFOUND, "no sprint synced yet (add sprints/<sprint>.json "
				      "to the pod repository and run 'handoff sync')%s", hint.buf);
		hf_strbuf_release(&hint);
		hf_strbuf_release(&known);
		hf_sprints_free(all, n);
		return rc;
	}
	if (!id)
		id = current;
	p->current = current && strcmp(current, id) == 0;
	rc = hf_store_sprint_get(store, id, &p->sprint);
	free(current);
	if (rc == HF_ENOTFOUND) {
		struct hf_strbuf hint = HF_STRBUF_INIT;

		hf_strbuf_init(&hint);
		skipped_files(store, &hint);
		rc = hf_error(HF_ENOTFOUND, "no sprint '%s'%s", id, hint.buf);
		hf_strbuf_release(&hint);
		return rc;
	}
	if (rc || (rc = hf_store_pod_get(store, &p->pod)) ||
	    (rc = hf_store_sprint_snapshots(store, p->sprint.id, &p->snaps, &p->nsnaps)) ||
	    (rc = hf_store_outbox_marks(store, &p->marks)))
		return rc;
	hf_sprint_evaluate(&p->sprint, &p->pod, p->snaps, p->nsnaps, p->now, &p->ev);
	return judge_models(store, p);
}

static char *unknown_message(const struct plan *p, const struct hf_sprint_unknown *u)
{
	if (u->item)
		return xasprintf("'%s' (owner of item '%s') is not a member of the pod", u->handle,
				 u->item);
	return xasprintf("'%s' has capacity but is not a member of the pod", u->handle);
}

static void day_text(int64_t day, char *buf, size_t n)
{
	hf_date_format(day * 86400, buf, n);
}

static double percent(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : 0;
}

/* ---- JSON ---- */

static json_t *item_json(const struct hf_sprint_item *it)
{
	json_t *o = json_object(), *links = json_array();

	json_object_set_new(o, "id", hf_json_str(it->id));
	json_object_set_new(o, "title", hf_json_str(it->title));
	json_object_set_new(o, "kind", json_string(hf_role_name(it->kind)));
	json_object_set_new(o, "owner", hf_json_str(it->owner));
	json_object_set_new(o, "model", hf_json_str(it->model));
	json_object_set_new(o, "points", json_real(it->points));
	json_object_set_new(o, "status", json_string(hf_item_status_name(it->status)));
	json_object_set_new(o, "blocked_by", hf_json_str(it->blocked_by));
	for (size_t i = 0; i < it->nlinks; i++)
		json_array_append_new(links, hf_json_str(it->links[i]));
	json_object_set_new(o, "links", links);
	return o;
}

static json_t *role_json(const struct hf_sprint_role *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "capacity", json_real(r->capacity));
	json_object_set_new(o, "committed", json_real(r->committed));
	json_object_set_new(o, "done", json_real(r->done));
	json_object_set_new(o, "over", json_boolean(r->over));
	return o;
}

static json_t *plan_json(const struct plan *p)
{
	const struct hf_sprint *s = &p->sprint;
	const struct hf_sprint_eval *ev = &p->ev;
	json_t *doc = json_object(), *o = json_object(), *arr;
	char buf[16];

	json_object_set_new(o, "id", hf_json_str(s->id));
	json_object_set_new(o, "name", hf_json_str(s->name));
	json_object_set_new(o, "start", hf_json_str(s->start));
	json_object_set_new(o, "end", hf_json_str(s->end));
	json_object_set_new(o, "goal", hf_json_str(s->goal));
	json_object_set_new(o, "source", hf_json_str(s->source));
	json_object_set_new(o, "path", hf_json_str(s->path));
	json_object_set_new(o, "current", json_boolean(p->current));
	json_object_set_new(o, "days", json_integer(ev->days));
	json_object_set_new(o, "days_left", json_integer(ev->days_left));
	json_object_set_new(o, "days_elapsed", json_integer(ev->days_elapsed));
	json_object_set_new(doc, "sprint", o);

	arr = json_array();
	for (size_t i = 0; i < ev->npeople; i++) {
		const struct hf_sprint_person *pe = &ev->people[i];

		o = json_object();
		json_object_set_new(o, "handle", hf_json_str(pe->handle));
		json_object_set_new(o, "role", json_string(hf_role_name(pe->role)));
		json_object_set_new(o, "member", json_boolean(pe->member));
		json_object_set_new(o, "capacity", json_real(pe->capacity));
		json_object_set_new(o, "committed", json_real(pe->committed));
		json_object_set_new(o, "done", json_real(pe->done));
		json_object_set_new(o, "items", json_integer(pe->items));
		json_object_set_new(o, "over", json_boolean(pe->over));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "people", arr);

	o = json_object();
	json_object_set_new(o, "research", role_json(&ev->roles[HF_ROLE_RESEARCH]));
	json_object_set_new(o, "engineering", role_json(&ev->roles[HF_ROLE_ENGINEERING]));
	json_object_set_new(o, "product", role_json(&ev->roles[HF_ROLE_PRODUCT]));
	if (ev->roles[HF_ROLE_UNKNOWN].committed > 0 || ev->roles[HF_ROLE_UNKNOWN].capacity > 0)
		json_object_set_new(o, "unknown", role_json(&ev->roles[HF_ROLE_UNKNOWN]));
	json_object_set_new(doc, "roles", o);

	o = json_object();
	json_object_set_new(o, "research", json_real(ev->kind_points[HF_ROLE_RESEARCH]));
	json_object_set_new(o, "engineering", json_real(ev->kind_points[HF_ROLE_ENGINEERING]));
	json_object_set_new(o, "shared", json_real(ev->kind_points[HF_ROLE_SHARED]));
	json_object_set_new(o, "research_share", json_real(ev->research_share));
	json_object_set_new(doc, "balance", o);

	o = json_object();
	json_object_set_new(o, "done", json_real(ev->done));
	json_object_set_new(o, "committed", json_real(ev->committed));
	json_object_set_new(o, "percent", json_real(percent(ev->done, ev->committed)));
	json_object_set_new(o, "ideal_done", json_real(ev->ideal_done));
	json_object_set_new(o, "items", json_integer(ev->nitems));
	json_object_set_new(o, "items_done", json_integer(ev->items_done));
	json_object_set_new(o, "items_doing", json_integer(ev->items_doing));
	json_object_set_new(o, "items_blocked", json_integer(ev->items_blocked));
	json_object_set_new(o, "items_todo", json_integer(ev->items_todo));
	json_object_set_new(doc, "progress", o);

	arr = json_array();
	for (size_t i = 0; i < ev->nblocked; i++)
		json_array_append_new(arr, item_json(&s->items[ev->blocked[i]]));
	json_object_set_new(doc, "blocked", arr);

	arr = json_array();
	for (size_t i = 0; i < p->nnot_ready; i++) {
		const struct hf_sprint_item *it = &s->items[p->not_ready[i]];
		const struct model_state *m = model_of(p, it->model);

		o = json_object();
		json_object_set_new(o, "item", item_json(it));
		json_object_set_new(o, "model", hf_json_str(it->model));
		json_object_set_new(o, "stage", hf_json_str(m->report.stage));
		json_object_set_new(o, "blockers", hf_report_json_blockers(&m->report));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "not_ready", arr);

	arr = json_array();
	for (size_t i = 0; i < p->nmodels; i++)
		if (!p->models[i].found)
			json_array_append_new(arr, hf_json_str(p->models[i].name));
	json_object_set_new(doc, "unknown_models", arr);

	arr = json_array();
	for (size_t i = 0; i < ev->nburndown; i++) {
		const struct hf_sprint_day *d = &ev->burndown[i];

		o = json_object();
		day_text(d->day, buf, sizeof(buf));
		json_object_set_new(o, "date", json_string(buf));
		json_object_set_new(o, "done", json_real(d->done));
		json_object_set_new(o, "total", json_real(d->total));
		json_object_set_new(o, "remaining", json_real(d->remaining));
		json_object_set_new(o, "ideal", json_real(d->ideal));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "burndown", arr);

	arr = json_array();
	for (size_t i = 0; i < s->nitems; i++) {
		o = item_json(&s->items[i]);
		json_object_set_new(o, "pending", json_boolean(hf_outbox_marked(&p->marks, s->id,
										 s->items[i].id)));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "items", arr);

	arr = json_array();
	for (size_t i = 0; i < ev->nunknown; i++) {
		char *msg = unknown_message(p, &ev->unknown[i]);

		o = json_object();
		json_object_set_new(o, "source", hf_json_str(s->source));
		json_object_set_new(o, "path", hf_json_str(s->path));
		json_object_set_new(o, "field", hf_json_str(ev->unknown[i].field));
		json_object_set_new(o, "message", hf_json_str(msg));
		json_array_append_new(arr, o);
		free(msg);
	}
	json_object_set_new(doc, "errors", arr);
	return doc;
}

/* ---- text for a terminal ---- */

/* Text as is (sanitised) or escaped for Markdown. */
static void emit(FILE *out, const char *s, bool markdown)
{
	if (markdown)
		hf_out_markdown(out, s);
	else
		hf_out_text(out, s);
}

/* "  ID  TITLE (owner, model, N pts)", or "**ID** TITLE (...)" in Markdown; no newline. */
static void print_item_line(FILE *out, const struct hf_sprint_item *it, bool markdown)
{
	fputs(markdown ? "**" : "  ", out);
	emit(out, it->id, markdown);
	fputs(markdown ? "** " : "  ", out);
	emit(out, it->title, markdown);
	fputs(" (", out);
	emit(out, it->owner ? it->owner : "unassigned", markdown);
	if (it->model) {
		fputs(", ", out);
		emit(out, it->model, markdown);
	}
	fprintf(out, ", %g pts)", it->points);
}

static void print_text(FILE *out, const struct plan *p)
{
	const struct hf_sprint *s = &p->sprint;
	const struct hf_sprint_eval *ev = &p->ev;
	struct hf_strbuf row = HF_STRBUF_INIT;
	static const enum hf_role roles[] = { HF_ROLE_RESEARCH, HF_ROLE_ENGINEERING, HF_ROLE_PRODUCT };
	int n = 0;

	hf_strbuf_init(&row);
	fputs("sprint ", out);
	hf_out_text(out, s->id);
	if (s->name) {
		fputs(": ", out);
		hf_out_text(out, s->name);
	}
	fputs(" (", out);
	hf_out_text(out, s->start);
	fputs(" to ", out);
	hf_out_text(out, s->end);
	fprintf(out, "), %d of %d day%s left%s\n", ev->days_left, ev->days, ev->days == 1 ? "" : "s",
		p->current ? "" : " (not the current sprint)");
	if (s->goal) {
		fputs("goal: ", out);
		hf_out_text(out, s->goal);
		fputc('\n', out);
	}
	fprintf(out, "progress: %g of %g points done (%.0f%%; a straight line would be at %.1f), "
		"items: %d done, %d doing, %d blocked, %d to do\n",
		ev->done, ev->committed, percent(ev->done, ev->committed), ev->ideal_done,
		ev->items_done, ev->items_doing, ev->items_blocked, ev->items_todo);

	fputs("\nPERSON        ROLE          CAPACITY  COMMITTED   DONE\n", out);
	for (size_t i = 0; i < ev->npeople; i++) {
		const struct hf_sprint_person *pe = &ev->people[i];

		hf_strbuf_reset(&row);
		hf_out_cell(&row, pe->handle, 12);
		hf_strbuf_addf(&row, "  %-12s  %8g  %9g  %5g", pe->member ? hf_role_name(pe->role) : "not a member",
			       pe->capacity, pe->committed, pe->done);
		if (pe->over && pe->committed > pe->capacity)
			hf_strbuf_addf(&row, "  OVER by %g", pe->committed - pe->capacity);
		else if (pe->over)
			hf_strbuf_adds(&row, "  OVER: items, no capacity");
		fprintf(out, "%s\n", row.buf);
	}
	fputs("roles (committed/capacity):", out);
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		const struct hf_sprint_role *r = &ev->roles[roles[i]];

		if (r->capacity == 0 && r->committed == 0)
			continue;
		fprintf(out, "%s %s %g/%g%s", n++ ? "," : "", hf_role_name(roles[i]), r->committed,
			r->capacity, r->over ? " OVER" : "");
	}
	fprintf(out, "\nbalance: research %g pts, engineering %g pts, shared %g pts "
		"(research %.0f%% of research + engineering)\n",
		ev->kind_points[HF_ROLE_RESEARCH], ev->kind_points[HF_ROLE_ENGINEERING],
		ev->kind_points[HF_ROLE_SHARED], 100 * ev->research_share);

	fputs("\nITEM    STATUS   OWNER       PTS  MODEL            TITLE\n", out);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct hf_sprint_item *it = &s->items[i];

		hf_strbuf_reset(&row);
		hf_out_cell(&row, it->id, 6);
		hf_strbuf_addf(&row, "  %-7s  ", hf_item_status_name(it->status));
		hf_out_cell(&row, it->owner ? it->owner : "-", 10);
		hf_strbuf_addf(&row, "  %3g  ", it->points);
		hf_out_cell(&row, it->model ? it->model : "-", 15);
		fprintf(out, "%s  ", row.buf);
		hf_out_text(out, it->title);
		fputc('\n', out);
	}
	fprintf(out, "\nblocked (%zu):\n", ev->nblocked);
	for (size_t i = 0; i < ev->nblocked; i++) {
		const struct hf_sprint_item *it = &s->items[ev->blocked[i]];

		print_item_line(out, it, false);
		fputs(": blocked by ", out);
		hf_out_text(out, it->blocked_by ? it->blocked_by : "(not said)");
		fputc('\n', out);
	}
	print_not_ready(out, p, false);
	print_unknown_models(out, p, false);
	fputs("\nburndown (points done / remaining per day):\n", out);
	for (size_t i = 0; i < ev->nburndown; i++) {
		char d[16];

		day_text(ev->burndown[i].day, d, sizeof(d));
		fprintf(out, "  %s  %6g done  %6g remaining  (ideal %.1f)\n", d, ev->burndown[i].done,
			ev->burndown[i].remaining, ev->burndown[i].ideal);
	}
	if (!ev->nburndown)
		fputs("  (the sprint has not started)\n", out);
	hf_strbuf_release(&row);
}

/* ---- Markdown for the meeting notes ---- */

/* At most this many blockers per model; `handoff show MODEL` has them all. */
#define MAX_BLOCKERS 5

/* Each model that is not ready: the open items on it, then what blocks it. */
static void print_not_ready(FILE *out, const struct plan *p, bool markdown)
{
	size_t nmodels = 0;

	for (size_t i = 0; i < p->nmodels; i++)
		nmodels += p->models[i].found;
	if (markdown)
		fputs("\n## Models not ready\n\n", out);
	else
		fprintf(out, "\nmodels not ready, with the open items on them (%zu):\n", nmodels);
	if (markdown && !nmodels)
		fputs("No open item is on a model that is not ready.\n", out);
	for (size_t i = 0; i < p->nmodels; i++) {
		const struct model_state *m = &p->models[i];
		const struct hf_model_report *r = &m->report;
		size_t shown = 0;

		if (!m->found)
			continue;
		fputs(markdown ? "### " : "  ", out);
		emit(out, m->name, markdown);
		fputs(markdown ? " (" : ": ", out);
		emit(out, r->stage, markdown);
		fprintf(out, " stage, %d of %d required items done%s", r->done, r->required,
			markdown ? ")\n\nOpen items on it:\n\n" : "\n");
		for (size_t j = 0; j < p->nnot_ready; j++) {
			const struct hf_sprint_item *it = &p->sprint.items[p->not_ready[j]];

			if (strcmp(it->model, m->name) != 0)
				continue;
			fputs(markdown ? "- **" : "    ", out);
			emit(out, it->id, markdown);
			fputs(markdown ? "** " : "  ", out);
			emit(out, it->title, markdown);
			fputs(" (", out);
			emit(out, it->owner ? it->owner : "unassigned", markdown);
			fprintf(out, ", %s)\n", hf_item_status_name(it->status));
		}
		fputs(markdown ? "\nWhat blocks it:\n\n" : "    blocked by:\n", out);
		for (size_t b = 0; b < r->nblockers && shown < MAX_BLOCKERS; b++, shown++) {
			const struct hf_blocker *bl = &r->blockers[b];

			fputs(markdown ? "- " : "      ", out);
			emit(out, bl->title ? bl->title : bl->item, markdown);
			if (bl->reason) {
				fputs(": ", out);
				emit(out, bl->reason, markdown);
			}
			if (bl->owner || bl->role) {
				fputs(" (", out);
				emit(out, bl->owner ? bl->owner : bl->role, markdown);
				fputc(')', out);
			}
			fputc('\n', out);
		}
		if (r->nblockers > shown) {
			fprintf(out, "%sand %zu more (handoff show ", markdown ? "- " : "      ",
				r->nblockers - shown);
			emit(out, m->name, markdown);
			fputs(")\n", out);
		}
		if (markdown)
			fputc('\n', out);
	}
}

/* Models open items are about that neither pod files nor the registry know: a typo, or not yet added. */
static void print_unknown_models(FILE *out, const struct plan *p, bool markdown)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nmodels; i++) {
		if (p->models[i].found)
			continue;
		fputs(n++ ? ", " : markdown ? "\nModels no pod file or registry entry names: "
					   : "models not known to handoff: ", out);
		if (markdown)
			hf_out_markdown(out, p->models[i].name);
		else
			hf_out_text(out, p->models[i].name);
	}
	if (n)
		fputs(markdown ? ".\n" : "\n", out);
}

static void print_markdown(FILE *out, const struct plan *p)
{
	const struct hf_sprint *s = &p->sprint;
	const struct hf_sprint_eval *ev = &p->ev;

	fputs("# Sprint ", out);
	hf_out_markdown(out, s->id);
	if (s->name) {
		fputs(": ", out);
		hf_out_markdown(out, s->name);
	}
	fputs("\n\n", out);
	if (s->goal) {
		fputs("- **Goal:** ", out);
		hf_out_markdown(out, s->goal);
		fputc('\n', out);
	}
	fputs("- **Dates:** ", out);
	hf_out_markdown(out, s->start);
	fputs(" to ", out);
	hf_out_markdown(out, s->end);
	fprintf(out, " (%d day%s, %d left)\n", ev->days, ev->days == 1 ? "" : "s", ev->days_left);
	fprintf(out, "- **Progress:** %g of %g point%s done (%.0f%%), %d of %d item%s done, "
		"%d doing, %d blocked, %d to do\n\n",
		ev->done, ev->committed, ev->committed == 1 ? "" : "s", percent(ev->done, ev->committed),
		ev->items_done, ev->nitems, ev->nitems == 1 ? "" : "s", ev->items_doing, ev->items_blocked, ev->items_todo);

	fputs("## Commitments\n\n| Person | Role | Capacity | Committed | Done | |\n"
	      "|---|---|---:|---:|---:|---|\n", out);
	for (size_t i = 0; i < ev->npeople; i++) {
		const struct hf_sprint_person *pe = &ev->people[i];

		fputs("| ", out);
		hf_out_markdown(out, pe->handle);
		fprintf(out, " | %s | %g | %g | %g | ", pe->member ? hf_role_name(pe->role) : "not a member",
			pe->capacity, pe->committed, pe->done);
		if (pe->over && pe->committed > pe->capacity)
			fprintf(out, "**over capacity by %g**", pe->committed - pe->capacity);
		else if (pe->over)
			fputs("**over capacity: items, no capacity**", out);
		fputs(" |\n", out);
	}
	fputs("\n| Role | Capacity | Committed | Done |\n|---|---:|---:|---:|\n", out);
	for (int r = HF_ROLE_RESEARCH; r <= HF_ROLE_PRODUCT; r++) {
		const struct hf_sprint_role *ro = &ev->roles[r];

		if (ro->capacity == 0 && ro->committed == 0)
			continue;
		fprintf(out, "| %s | %g | %g%s | %g |\n", hf_role_name((enum hf_role)r), ro->capacity,
			ro->committed, ro->over ? " (over)" : "", ro->done);
	}
	fprintf(out, "\nBalance by kind of work: research %g points, engineering %g, shared %g "
		"(research is %.0f%% of research and engineering).\n\n",
		ev->kind_points[HF_ROLE_RESEARCH], ev->kind_points[HF_ROLE_ENGINEERING],
		ev->kind_points[HF_ROLE_SHARED], 100 * ev->research_share);

	fputs("## Blocked\n\n", out);
	if (!ev->nblocked)
		fputs("Nothing is blocked.\n", out);
	for (size_t i = 0; i < ev->nblocked; i++) {
		const struct hf_sprint_item *it = &s->items[ev->blocked[i]];
		const struct hf_sprint_item *by = hf_sprint_item_find(s, it->blocked_by);

		fputs("- ", out);
		print_item_line(out, it, true);
		fputs(": blocked by ", out);
		hf_out_markdown(out, it->blocked_by ? it->blocked_by : "(not said)");
		if (by) {
			fputs(" (", out);
			hf_out_markdown(out, by->title);
			fputs(", ", out);
			hf_out_markdown(out, by->owner ? by->owner : "unassigned");
			fprintf(out, ", %s)", hf_item_status_name(by->status));
		}
		fputc('\n', out);
	}

	print_not_ready(out, p, true);

	print_unknown_models(out, p, true);
	fprintf(out, "\n## Burndown\n\n%g of %g points done; a straight line would be at %.1f.\n\n",
		ev->done, ev->committed, ev->ideal_done);
	if (!ev->nburndown)
		fputs("The sprint has not started.\n", out);
	else
		fputs("| Day | Done | Remaining | Ideal |\n|---|---:|---:|---:|\n", out);
	for (size_t i = 0; i < ev->nburndown; i++) {
		char d[16];

		day_text(ev->burndown[i].day, d, sizeof(d));
		fprintf(out, "| %s | %g | %g | %.1f |\n", d, ev->burndown[i].done,
			ev->burndown[i].remaining, ev->burndown[i].ideal);
	}
	if (ev->nunknown) {
		fputs("\n## Problems\n\n", out);
		for (size_t i = 0; i < ev->nunknown; i++) {
			char *msg = unknown_message(p, &ev->unknown[i]);

			fputs("- ", out);
			hf_out_markdown(out, s->path);
			fputs(": ", out);
			hf_out_markdown(out, ev->unknown[i].field);
			fputs(": ", out);
			hf_out_markdown(out, msg);
			fputc('\n', out);
			free(msg);
		}
	}
}

static int run_sprint(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	struct plan p;
	bool json = hf_args_has(args, "json"), markdown = hf_args_has(args, "markdown");
	int status = HF_EXIT_OK;

	if (json && markdown)
		return hf_fail("--json and --markdown cannot be used together");
	if (hf_ctx_store(ctx, &store))
		return hf_fail_last();
	if (plan_load(store, args->npos ? args->pos[0] : NULL, &p)) {
		plan_clear(&p);
		/* the message may quote a sprint file */
		fputs("handoff: error: ", stderr);
		hf_out_text(stderr, hf_last_error());
		fputc('\n', stderr);
		return HF_EXIT_ERROR;
	}
	if (json)
		hf_out_json(stdout, plan_json(&p));
	else if (markdown)
		print_markdown(stdout, &p);
	else
		print_text(stdout, &p);
	fflush(stdout);
	/* a handle that is not a pod member is an error naming the file and the item */
	for (size_t i = 0; i < p.ev.nunknown; i++) {
		char *msg = unknown_message(&p, &p.ev.unknown[i]);

		fputs("handoff: error: ", stderr);
		hf_out_text(stderr, p.sprint.path);
		fputs(": ", stderr);
		hf_out_text(stderr, p.ev.unknown[i].field);
		fputs(": ", stderr);
		hf_out_text(stderr, msg);
		fputc('\n', stderr);
		free(msg);
		status = HF_EXIT_ERROR;
	}
	plan_clear(&p);
	return status;
}

static const struct hf_cmd_flag sprint_flags[] = {
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ "markdown", NULL, "a summary to paste into the meeting notes" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_sprint = {
	"sprint", "[SPRINT] [--json | --markdown]",
	"the sprint: capacity, balance, blocked items, models not ready, burndown",
	sprint_flags, 0, 1, run_sprint,
};
