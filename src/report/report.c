/* report.c: the readiness evaluation of one model or all: gather from the store, judge with src/core */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/card.h"
#include "handoff/checklist.h"
#include "handoff/contract.h"
#include "handoff/paths.h"
#include "handoff/pod.h"
#include "handoff/readiness.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store_models.h"
#include "handoff/store_oncall.h"
#include "handoff/store_pod.h"
#include "handoff/store_registry.h"
#include "handoff/suggest.h"
#include "handoff/xmalloc.h"
#include "internal.h"

/* What evaluating several models shares: the pod and the shipped default checklist. */
struct hf_report_session {
	struct hf_store *store;
	bool pod_loaded;
	struct hf_pod pod;
	bool marks_loaded;
	struct hf_outbox_marks marks;	/* what open write-back actions touch */
	struct hf_checklist_cache shipped;
	bool runs_loaded;
	struct hf_sync_run *runs;	/* the latest sync run of each source */
	size_t nruns;
};

static void ctx_release(struct hf_report_session *c)
{
	if (c->pod_loaded)
		hf_pod_clear(&c->pod);
	hf_outbox_marks_clear(&c->marks);
	hf_checklist_cache_release(&c->shipped);
	hf_sync_runs_free(c->runs, c->nruns);
	memset(c, 0, sizeof(*c));
}

static enum hf_status ctx_pod(struct hf_report_session *c, const struct hf_pod **pod)
{
	enum hf_status rc;

	if (!c->pod_loaded) {
		if ((rc = hf_store_pod_get(c->store, &c->pod)))
			return rc;
		c->pod_loaded = true;
	}
	*pod = &c->pod;
	return HF_OK;
}

static const struct hf_outbox_marks *ctx_marks(struct hf_report_session *c)
{
	if (!c->marks_loaded) {
		/* without the marks the view only lacks its pending flags */
		if (hf_store_outbox_marks(c->store, &c->marks))
			hf_error_clear();
		c->marks_loaded = true;
	}
	return &c->marks;
}

static const struct hf_sync_run *ctx_runs(struct hf_report_session *c, size_t *n)
{
	if (!c->runs_loaded) {
		/* without the sync log a report only lacks its stale sources */
		if (hf_store_sync_latest(c->store, &c->runs, &c->nruns))
			hf_error_clear();
		c->runs_loaded = true;
	}
	*n = c->nruns;
	return c->runs;
}

void hf_report_add_stale(struct hf_model_report *r, const struct hf_sync_run *run)
{
	struct hf_stale_source *st;

	r->stale = xrealloc(r->stale, (r->nstale + 1) * sizeof(*r->stale));
	st = &r->stale[r->nstale++];
	st->source = xstrdup(run->source);
	st->type = xstrdup(run->type ? run->type : "");
	st->error = xstrdup(run->error ? run->error : "sync failed");
	st->failed_at = run->finished;
	st->synced_at = run->last_ok;
	if (run->type && !strcmp(run->type, "mlflow"))
		r->registry_stale = true;
}

/*
 * The sources this model's data comes from whose last sync failed: its
 * registry (the contract's, the one it was found in, else every registry,
 * as it may be in any) and the pod's git sources when pod files name it.
 */
static void find_stale(struct hf_report_session *c, struct hf_model_report *r,
		       const struct hf_reg_model *reg)
{
	size_t n;
	const struct hf_sync_run *runs = ctx_runs(c, &n);
	const char *registry = r->registry_source ? r->registry_source
			       : r->in_registry   ? reg->source
						  : NULL;

	for (size_t i = 0; i < n; i++) {
		const char *type = runs[i].type ? runs[i].type : "";

		if (runs[i].ok)
			continue;
		if (registry ? !strcmp(runs[i].source, registry) : !strcmp(type, "mlflow"))
			hf_report_add_stale(r, &runs[i]);
		else if (r->has_pod_files && (!strcmp(type, "git") || !strcmp(type, "demo")))
			hf_report_add_stale(r, &runs[i]);
	}
}

static const char *role_owner(const struct hf_model_report *r, const char *role)
{
	if (role && strcmp(role, "research") == 0)
		return r->owner_research;
	if (role && strcmp(role, "engineering") == 0)
		return r->owner_engineering;
	return NULL;
}

/* Blockers are kept in stage order, stable, so the first one is the next move. */
static void add_blocker(struct hf_model_report *r, size_t *alloc, int stage, const char *item,
			const char *title, const char *role, const char *reason)
{
	struct hf_blocker *b;
	size_t i;

	r->blockers = xgrow(r->blockers, r->nblockers + 1, alloc, sizeof(*r->blockers));
	for (i = r->nblockers; i > 0 && r->blockers[i - 1].stage > stage; i--)
		r->blockers[i] = r->blockers[i - 1];
	b = &r->blockers[i];
	r->nblockers++;
	b->item = xstrdup(item);
	b->title = xstrdup(title);
	b->owner = xstrdup(role_owner(r, role));
	b->role = xstrdup(role ? role : "shared");
	b->reason = xstrdup(reason);
	b->stage = stage;
}

/* One blocker per SLO not met, gating `stage`. */
static void slo_blockers(struct hf_model_report *r, size_t *alloc, int stage, const char *role,
			 const struct hf_contract *contract)
{
	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];
		char title[160], reason[200];

		if (strcmp(s->result, "met") == 0)
			continue;
		snprintf(title, sizeof(title), "SLO %s %s %g", s->metric, s->op, s->target);
		if (s->has_value) {
			char why[96];

			hf_slo_explain(&contract->slos[i], s->value, why, sizeof(why));
			snprintf(reason, sizeof(reason), "%s %s", s->metric, why);
		} else {
			snprintf(reason, sizeof(reason), "%s not measured on v%s", s->metric,
				 r->candidate_version ? r->candidate_version : "?");
		}
		add_blocker(r, alloc, stage, s->id, title, role, reason);
	}
}

static void fill_versions(struct hf_model_report *r, const struct hf_reg_model *m,
			  const struct hf_reg_version *cand)
{
	r->versions = xcalloc(m->nversions + 1, sizeof(*r->versions));
	r->nversions = m->nversions;
	for (size_t i = 0; i < m->nversions; i++) {
		const struct hf_reg_version *v = &m->versions[i];
		struct hf_report_version *o = &r->versions[i];

		o->version = xstrdup(v->version);
		/* MLflow's "None" is no stage: shown as nothing, never as the word */
		o->stage = hf_reg_stage(v->stage) ? xstrdup(v->stage) : NULL;
		o->created = v->created;
		o->candidate = v == cand;
		o->aliases = xcalloc(m->naliases + 1, sizeof(char *));
		for (size_t a = 0; a < m->naliases; a++)
			if (m->aliases[a].version && strcmp(m->aliases[a].version, v->version) == 0)
				o->aliases[o->naliases++] = xstrdup(m->aliases[a].alias);
	}
}

/* contract.json: valid, invalid (the stored problem says why) or absent; the owners and registry entry it names. */
static enum hf_status eval_contract(struct hf_store *store, const char *name,
				    struct hf_contract *contract, struct hf_model_report *r)
{
	enum hf_status rc = hf_store_contract_get(store, name, contract);

	if (rc == HF_OK) {
		r->has_contract = r->contract_valid = true;
	} else if (rc == HF_ENOTFOUND) {
		if ((rc = hf_store_model_file_error(store, name, "contract.json", &r->contract_error)))
			return rc;
		r->has_contract = r->contract_error != NULL;
	} else {
		return rc;
	}
	r->owner_research = xstrdup(contract->owner_research);
	r->owner_engineering = xstrdup(contract->owner_engineering);
	r->registry_source = xstrdup(contract->registry_source);
	r->registry_name = xstrdup(contract->registry_name ? contract->registry_name : name);
	return HF_OK;
}

/* MODEL_CARD.md: the required sections it lacks or leaves empty. */
static enum hf_status eval_card(struct hf_store *store, const char *name, struct hf_model_report *r)
{
	char *card = NULL;
	struct hf_card_result cr;
	enum hf_status rc = hf_store_card_get(store, name, &card);

	if (rc && rc != HF_ENOTFOUND)
		return rc;
	if (!card)
		return HF_OK;
	r->has_card = true;
	hf_card_check(card, strlen(card), &cr);
	r->card_missing = xcalloc(HF_CARD_NSECTIONS + 1, sizeof(char *));
	r->card_empty = xcalloc(HF_CARD_NSECTIONS + 1, sizeof(char *));
	for (int s = 0; s < HF_CARD_NSECTIONS; s++) {
		if (!cr.present[s])
			r->card_missing[r->ncard_missing++] = xstrdup(hf_card_section_name(s));
		else if (cr.empty[s])
			r->card_empty[r->ncard_empty++] = xstrdup(hf_card_section_name(s));
	}
	free(card);
	return HF_OK;
}

/* readiness.json: the checklist it names and people's states; whether any pod file (even a bad one) names the model. */
static enum hf_status eval_readiness_file(struct hf_store *store, const char *name,
					  struct hf_model_report *r, char **checklist,
					  struct hf_item_state **states, size_t *nstates)
{
	char *e1 = NULL, *e2 = NULL;
	enum hf_status rc = hf_store_readiness_get(store, name, checklist, states, nstates);

	if (rc && rc != HF_ENOTFOUND)
		return rc;
	r->has_pod_files = r->has_contract || r->has_card || rc == HF_OK;
	r->checklist = xstrdup(*checklist ? *checklist : "default");
	if (r->has_pod_files)
		return HF_OK;
	if (!(rc = hf_store_model_file_error(store, name, "readiness.json", &e1)))
		rc = hf_store_model_file_error(store, name, "MODEL_CARD.md", &e2);
	r->has_pod_files = e1 || e2;
	free(e1);
	free(e2);
	return rc;
}

/* The candidate: the version or alias asked for, else the contract's choice (alias, stage, newest). */
static enum hf_status pick_candidate(const char *name, const struct hf_report_opts *opts,
				     const struct hf_reg_model *reg, const struct hf_contract *contract,
				     struct hf_model_report *r, const struct hf_reg_version **out)
{
	const struct hf_reg_version *cand = NULL;
	const char *how = NULL;

	*out = NULL;
	if (!r->in_registry) {
		if (opts && (opts->version || opts->alias))
			return hf_error(HF_ENOTFOUND, "model '%s' is not in the registry", name);
		return HF_OK;
	}
	if (opts && opts->version) {
		cand = hf_reg_model_version(reg, opts->version);
		how = "version";
		if (!cand)
			return hf_error(HF_ENOTFOUND, "model '%s' has no version '%s'", name, opts->version);
	} else if (opts && opts->alias) {
		const char *v = hf_reg_model_alias(reg, opts->alias);

		cand = v ? hf_reg_model_version(reg, v) : NULL;
		how = "alias";
		if (!cand)
			return hf_error(HF_ENOTFOUND, "model '%s' has no alias '%s'", name, opts->alias);
	} else {
		cand = hf_reg_candidate(reg, contract->candidate, &how);
	}
	fill_versions(r, reg, cand);
	if (!cand)
		return HF_OK;
	r->candidate_version = xstrdup(cand->version);
	r->candidate_how = xstrdup(how);
	if (opts && opts->alias) {
		r->candidate_alias = xstrdup(opts->alias);
	} else if (how && strcmp(how, "alias") == 0) {
		r->candidate_alias = xstrdup(contract->candidate);
	} else {
		char *aliases = hf_reg_version_aliases(reg, cand->version);
		char *comma = strchr(aliases, ',');

		if (comma)
			*comma = '\0';
		r->candidate_alias = *aliases ? xstrdup(aliases) : NULL;
		free(aliases);
	}
	*out = cand;
	return HF_OK;
}

/* "slo:auc" for the first SLO on auc, "slo:auc#2" for the second (struct hf_slo_result). */
static char *slo_id(const struct hf_contract *contract, size_t i)
{
	size_t nth = 1;

	for (size_t j = 0; j < i; j++)
		nth += strcmp(contract->slos[j].metric, contract->slos[i].metric) == 0;
	if (nth == 1)
		return xasprintf("slo:%s", contract->slos[i].metric);
	return xasprintf("slo:%s#%zu", contract->slos[i].metric, nth);
}

/* Each SLO of the contract against the candidate's value. */
static void eval_slos(struct hf_model_report *r, const struct hf_contract *contract,
		      const struct hf_reg_version *cand)
{
	r->slos = xcalloc(contract->nslos + 1, sizeof(*r->slos));
	r->nslos = contract->nslos;
	for (size_t i = 0; i < contract->nslos; i++) {
		struct hf_slo_result *s = &r->slos[i];
		enum hf_slo_verdict v;

		s->metric = xstrdup(contract->slos[i].metric);
		s->id = slo_id(contract, i);
		s->op = xstrdup(contract->slos[i].op);
		s->target = contract->slos[i].target;
		s->has_value = cand && hf_reg_version_value(cand, s->metric, &s->value);
		v = hf_slo_eval(hf_slo_op_parse(s->op), s->target, s->has_value, s->value);
		s->result = xstrdup(hf_slo_verdict_name(v));
		r->slo_met += v == HF_SLO_MET;
		r->slo_missed += v == HF_SLO_MISSED;
		r->slo_unknown += v == HF_SLO_UNKNOWN;
	}
}

/* An owner who is not in the pod is a typo or someone who left: the contract does not hold. */
static void check_owners(struct hf_model_report *r, const struct hf_pod *pod)
{
	const char *roles[2] = { "research", "engineering" };
	const char *who[2] = { r->owner_research, r->owner_engineering };

	if (!r->contract_valid || !pod->nmembers)
		return;
	for (int k = 0; k < 2 && r->contract_valid; k++) {
		if (!hf_pod_member(pod, who[k])) {
			r->contract_valid = false;
			r->contract_error = xasprintf("owners.%s: '%s' is not a member of the pod",
						      roles[k], who[k]);
		}
	}
}

/* What the automatic items look at. */
static enum hf_status gather_facts(struct hf_store *store, const char *name,
				   const struct hf_model_report *r, const struct hf_pod *pod,
				   const struct hf_reg_version *cand, struct hf_readiness_facts *f)
{
	f->has_contract = r->has_contract;
	f->contract_valid = r->contract_valid;
	f->contract_error = r->contract_error;
	f->has_card = r->has_card;
	f->card_missing = r->ncard_missing;
	f->card_empty = r->ncard_empty;
	f->has_candidate = cand != NULL;
	f->slos = r->nslos;
	f->slos_met = (size_t)r->slo_met;
	f->eval_defined = pod->neval_metrics > 0;
	for (size_t i = 0; i < pod->neval_metrics; i++) {
		double v;

		if (!cand || !hf_reg_version_value(cand, pod->eval_metrics[i], &v)) {
			if (!f->eval_missing)
				f->eval_missing_first = pod->eval_metrics[i];
			f->eval_missing++;
		}
	}
	return hf_store_oncall_coverage(store, name, &f->oncall_people);
}

static void copy_item_eval(struct hf_report_item *o, const struct hf_item_eval *e)
{
	o->id = xstrdup(e->item->id);
	o->title = xstrdup(e->item->title);
	o->category = xstrdup(e->item->category);
	o->role = xstrdup(e->item->owner);
	o->stage = xstrdup(e->item->stage);
	o->required = e->item->required;
	o->rule = xstrdup(e->item->rule);
	o->complete = e->complete;
	o->state = xstrdup(e->waived ? "waived" : e->complete ? "done" : "todo");
	if (e->state && (e->rule == HF_RULE_NONE || e->waived)) {
		o->by = xstrdup(e->state->by);
		o->at = xstrdup(e->state->at);
		o->evidence = xstrdup(e->state->evidence);
		o->until = xstrdup(e->state->until);
	}
	if (e->state)
		o->note = xstrdup(e->state->note);
	o->reason = e->reason[0] ? xstrdup(e->reason) : NULL;
	o->credit = e->credit;
}

/* The stage an item gates for ordering blockers; an unknown stage orders last. */
static int blocker_stage(const struct hf_item_eval *e)
{
	return e->stage < 0 ? HF_STAGE_COUNT : e->stage;
}

/*
 * The items as evaluated, and what blocks: each open required item, and each
 * SLO not met. With a candidate, an "slos" item stands for its SLOs: they
 * block once, at the earliest stage an "slos" item gates, in the owner role
 * of that item (a waived "slos" item does not excuse a missed SLO); without
 * such an item they block last, for engineering.
 */
static void eval_items(struct hf_model_report *r, const struct hf_readiness_eval *ev,
		       const struct hf_contract *contract, const struct hf_reg_version *cand)
{
	const struct hf_item_eval *slo_item = NULL;
	size_t balloc = 0;

	for (size_t i = 0; cand && r->nslos && i < ev->nitems; i++) {
		const struct hf_item_eval *e = &ev->items[i];

		if (e->rule == HF_RULE_SLOS && (!slo_item || blocker_stage(e) < blocker_stage(slo_item)))
			slo_item = e;
	}
	r->items = xcalloc(ev->nitems + 1, sizeof(*r->items));
	r->nitems = ev->nitems;
	for (size_t i = 0; i < ev->nitems; i++) {
		const struct hf_item_eval *e = &ev->items[i];

		copy_item_eval(&r->items[i], e);
		if (e == slo_item)
			slo_blockers(r, &balloc, blocker_stage(e), e->item->owner, contract);
		else if (e->item->required && !e->complete && !(slo_item && e->rule == HF_RULE_SLOS))
			add_blocker(r, &balloc, blocker_stage(e), e->item->id, e->item->title,
				    e->item->owner, e->reason);
	}
	if (!slo_item && cand)
		slo_blockers(r, &balloc, HF_STAGE_COUNT, "engineering", contract);
}

/* Ids readiness.json ticks that the checklist lacks (typos). */
static void find_unknown_items(struct hf_model_report *r, const struct hf_check_item *items,
			       size_t nitems, const struct hf_item_state *states, size_t nstates)
{
	r->unknown_items = xcalloc(nstates + 1, sizeof(char *));
	for (size_t i = 0; i < nstates; i++) {
		size_t j;

		for (j = 0; j < nitems; j++)
			if (strcmp(items[j].id, states[i].item) == 0)
				break;
		if (j == nitems)
			r->unknown_items[r->nunknown_items++] = xstrdup(states[i].item);
	}
}

static void fill_categories(struct hf_model_report *r, const struct hf_readiness_eval *ev)
{
	struct hf_category_share cats[64];
	size_t nc = hf_readiness_categories(ev, cats, 64);

	r->categories = xcalloc(nc + 1, sizeof(*r->categories));
	r->ncategories = nc;
	for (size_t i = 0; i < nc; i++) {
		r->categories[i].category = xstrdup(cats[i].category);
		r->categories[i].score = cats[i].score;
		r->categories[i].items = cats[i].items;
	}
}

static enum hf_status evaluate(struct hf_report_session *c, const char *name,
			       const struct hf_report_opts *opts, struct hf_model_report *r)
{
	struct hf_store *store = c->store;
	struct hf_contract contract = { 0 };
	struct hf_reg_model reg = { 0 };
	const struct hf_reg_version *cand = NULL;
	struct hf_readiness_facts facts = { 0 };
	char today[16];
	struct hf_readiness_eval ev = { 0 };
	struct hf_item_state *states = NULL;
	struct hf_check_item *items = NULL;
	size_t nstates = 0, nitems = 0;
	char *checklist = NULL;
	const struct hf_pod *pod;
	enum hf_status rc;

	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	if ((rc = eval_contract(store, name, &contract, r)) || (rc = eval_card(store, name, r)) ||
	    (rc = eval_readiness_file(store, name, r, &checklist, &states, &nstates)) ||
	    (rc = hf_checklist_model_items(store, &c->shipped, name, r->checklist, &items, &nitems)))
		goto out;
	rc = hf_store_reg_model_get(store, r->registry_source, r->registry_name, &reg);
	if (rc && rc != HF_ENOTFOUND)
		goto out;
	r->in_registry = rc == HF_OK;
	if (!r->has_pod_files && !r->in_registry) {
		rc = hf_error(HF_ENOTFOUND, "unknown model '%s'", name);
		goto out;
	}
	find_stale(c, r, &reg);
	if ((rc = pick_candidate(name, opts, &reg, &contract, r, &cand)))
		goto out;
	eval_slos(r, &contract, cand);
	if ((rc = ctx_pod(c, &pod)))
		goto out;
	check_owners(r, pod);
	if ((rc = gather_facts(store, name, r, pod, cand, &facts)) ||
	    (rc = hf_report_live_fill(store, pod, &contract, r)))
		goto out;
	hf_date_format(hf_now(), today, sizeof(today));
	facts.today = today;
	hf_readiness_eval(items, nitems, states, nstates, &facts, &ev);
	r->stage_index = ev.stage;
	r->stage = xstrdup(hf_stage_name(ev.stage));
	r->done = ev.done;
	r->required = ev.required;
	r->score = ev.score;
	eval_items(r, &ev, &contract, cand);
	for (size_t i = 0; i < r->nitems; i++)
		r->items[i].pending = hf_outbox_marked(ctx_marks(c), name, r->items[i].id);
	find_unknown_items(r, items, nitems, states, nstates);
	fill_categories(r, &ev);
	r->ready = r->required > 0 && r->done == r->required && r->slo_met == (int)r->nslos &&
		   r->nblockers == 0;
out:
	hf_readiness_eval_clear(&ev);
	hf_check_items_free(items, nitems);
	hf_item_states_free(states, nstates);
	free(checklist);
	hf_reg_model_clear(&reg);
	hf_contract_clear(&contract);
	if (rc)
		hf_model_report_clear(r);
	return rc;
}

struct hf_report_session *hf_report_session_new(struct hf_store *store)
{
	struct hf_report_session *c = xcalloc(1, sizeof(*c));

	c->store = store;
	return c;
}

enum hf_status hf_report_session_model(struct hf_report_session *c, const char *name,
				       struct hf_model_report *out)
{
	return evaluate(c, name, NULL, out);
}

void hf_report_session_free(struct hf_report_session *c)
{
	if (!c)
		return;
	ctx_release(c);
	free(c);
}

enum hf_status hf_report_model_opts(struct hf_store *store, const char *name,
				    const struct hf_report_opts *opts, struct hf_model_report *out)
{
	struct hf_report_session c = { .store = store };
	enum hf_status rc = evaluate(&c, name, opts, out);

	ctx_release(&c);
	return rc;
}

enum hf_status hf_report_model(struct hf_store *store, const char *name, struct hf_model_report *out)
{
	return hf_report_model_opts(store, name, NULL, out);
}

static int cmp_report(const void *a, const void *b)
{
	return strcmp(((const struct hf_model_report *)a)->name,
		      ((const struct hf_model_report *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every model name: pod models, then (with registry) registry models that
 * no pod model claims (by name or registry.name).
 */
static enum hf_status all_names(struct hf_store *store, bool registry, char ***out, size_t *n)
{
	char **pod = NULL, **reg = NULL, **claimed;
	size_t npod = 0, nreg = 0, nclaimed = 0, alloc = 0;
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = hf_store_model_names(store, &pod, &npod)))
		return rc;
	if (registry && (rc = hf_store_reg_model_names(store, &reg, &nreg))) {
		hf_strv_free(pod, npod);
		return rc;
	}
	claimed = xcalloc(npod * 2 + 1, sizeof(char *));
	for (size_t i = 0; i < npod; i++) {
		struct hf_contract c;

		claimed[nclaimed++] = pod[i];
		if (hf_store_contract_get(store, pod[i], &c) == HF_OK) {
			if (c.registry_name && strcmp(c.registry_name, pod[i]) != 0)
				claimed[nclaimed++] = xstrdup(c.registry_name);
			hf_contract_clear(&c);
		}
	}
	qsort(claimed, nclaimed, sizeof(char *), cmp_str);
	for (size_t i = 0; i < npod; i++) {
		*out = xgrow(*out, *n + 1, &alloc, sizeof(char *));
		(*out)[(*n)++] = xstrdup(pod[i]);
	}
	for (size_t i = 0; i < nreg; i++) {
		if (bsearch(&reg[i], claimed, nclaimed, sizeof(char *), cmp_str))
			continue;
		*out = xgrow(*out, *n + 1, &alloc, sizeof(char *));
		(*out)[(*n)++] = xstrdup(reg[i]);
	}
	hf_strv_free(claimed, nclaimed);	/* owns pod[i] and the registry names it added */
	free(pod);
	hf_strv_free(reg, nreg);
	return HF_OK;
}

static enum hf_status report_models(struct hf_store *store, bool registry,
				    struct hf_model_report **out, size_t *n)
{
	struct hf_report_session c = { .store = store };
	char **names;
	size_t nnames;
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	/* one snapshot for the whole list: consistent while a sync commits, and one lock, not one per read */
	if ((rc = hf_store_read_begin(store)))
		return rc;
	if ((rc = all_names(store, registry, &names, &nnames))) {
		hf_store_read_end(store);
		return rc;
	}
	*out = xcalloc(nnames + 1, sizeof(**out));
	for (size_t i = 0; i < nnames && !rc; i++) {
		rc = evaluate(&c, names[i], NULL, &(*out)[*n]);
		if (rc == HF_OK)
			(*n)++;
		else if (rc == HF_ENOTFOUND)
			rc = HF_OK;
	}
	hf_strv_free(names, nnames);
	ctx_release(&c);
	hf_store_read_end(store);
	if (rc) {
		hf_model_reports_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	qsort(*out, *n, sizeof(**out), cmp_report);
	return HF_OK;
}

enum hf_status hf_report_models(struct hf_store *store, struct hf_model_report **out, size_t *n)
{
	return report_models(store, false, out, n);
}

enum hf_status hf_report_models_all(struct hf_store *store, struct hf_model_report **out,
				    size_t *n)
{
	return report_models(store, true, out, n);
}

enum hf_status hf_report_names(struct hf_store *store, bool registry, char ***names, size_t *n)
{
	enum hf_status rc = all_names(store, registry, names, n);

	if (!rc && *n)
		qsort(*names, *n, sizeof(char *), cmp_str);
	return rc;
}

struct suggestion {
	char *name;
	size_t dist;
};

static int cmp_suggestion(const void *a, const void *b)
{
	const struct suggestion *x = a, *y = b;

	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return strcmp(x->name, y->name);
}

enum hf_status hf_report_suggest(struct hf_store *store, const char *name, size_t max,
				 char ***names, size_t *n)
{
	char **all;
	size_t nall, ns = 0, len = strlen(name);
	size_t cap = len / 3 > 2 ? len / 3 : 2;
	struct suggestion *s;
	enum hf_status rc;

	*names = NULL;
	*n = 0;
	if ((rc = all_names(store, true, &all, &nall)))
		return rc;
	s = xcalloc(nall + 1, sizeof(*s));
	for (size_t i = 0; i < nall; i++) {
		size_t d = hf_edit_distance(name, all[i], cap);

		if (d > cap && len >= 3 && (strstr(all[i], name) || strstr(name, all[i])))
			d = cap;	/* "fraud" -> "fraud-detector" */
		if (d <= cap) {
			s[ns].name = all[i];
			s[ns++].dist = d;
			all[i] = NULL;
		}
	}
	hf_strv_free(all, nall);
	qsort(s, ns, sizeof(*s), cmp_suggestion);
	*names = xcalloc(ns + 1, sizeof(char *));
	for (size_t i = 0; i < ns; i++) {
		if (*n < max)
			(*names)[(*n)++] = s[i].name;
		else
			free(s[i].name);
	}
	free(s);
	return HF_OK;
}

void hf_model_report_clear(struct hf_model_report *r)
{
	free(r->name);
	free(r->stage);
	free(r->candidate_version);
	free(r->candidate_alias);
	free(r->owner_research);
	free(r->owner_engineering);
	for (size_t i = 0; i < r->nblockers; i++) {
		free(r->blockers[i].item);
		free(r->blockers[i].title);
		free(r->blockers[i].owner);
		free(r->blockers[i].role);
		free(r->blockers[i].reason);
	}
	free(r->blockers);
	for (size_t i = 0; i < r->nslos; i++) {
		free(r->slos[i].id);
		free(r->slos[i].metric);
		free(r->slos[i].op);
		free(r->slos[i].result);
		hf_live_result_free(r->slos[i].live);
	}
	free(r->slos);
	free(r->contract_error);
	free(r->registry_source);
	free(r->registry_name);
	free(r->candidate_how);
	free(r->checklist);
	for (size_t i = 0; i < r->nitems; i++) {
		struct hf_report_item *it = &r->items[i];

		free(it->id);
		free(it->title);
		free(it->category);
		free(it->role);
		free(it->stage);
		free(it->rule);
		free(it->state);
		free(it->by);
		free(it->at);
		free(it->evidence);
		free(it->reason);
		free(it->until);
		free(it->note);
	}
	free(r->items);
	hf_strv_free(r->card_missing, r->ncard_missing);
	hf_strv_free(r->card_empty, r->ncard_empty);
	for (size_t i = 0; i < r->nversions; i++) {
		free(r->versions[i].version);
		free(r->versions[i].stage);
		hf_strv_free(r->versions[i].aliases, r->versions[i].naliases);
	}
	free(r->versions);
	for (size_t i = 0; i < r->ncategories; i++)
		free(r->categories[i].category);
	free(r->categories);
	hf_strv_free(r->unknown_items, r->nunknown_items);
	for (size_t i = 0; i < r->nstale; i++) {
		free(r->stale[i].source);
		free(r->stale[i].type);
		free(r->stale[i].error);
	}
	free(r->stale);
	memset(r, 0, sizeof(*r));
}

void hf_model_reports_free(struct hf_model_report *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_model_report_clear(&r[i]);
	free(r);
}
