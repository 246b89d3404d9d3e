/* readiness.c: stages, the automatic rules, item evaluation, the rubric score (pure) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/readiness.h"
#include "handoff/xmalloc.h"

static const char *const stage_names[HF_STAGE_COUNT] = {
	"research", "contract", "hand-off", "validation", "optimisation", "serving", "monitoring",
};

const char *hf_stage_name(int stage)
{
	return stage >= 0 && stage < HF_STAGE_COUNT ? stage_names[stage] : "unknown";
}

int hf_stage_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < HF_STAGE_COUNT; i++)
		if (strcmp(name, stage_names[i]) == 0)
			return i;
	if (strcmp(name, "handoff") == 0)
		return HF_STAGE_HANDOFF;
	if (strcmp(name, "optimization") == 0)
		return HF_STAGE_OPTIMISATION;
	return -1;
}

static const char *const rule_names[] = {
	[HF_RULE_CONTRACT] = "contract", [HF_RULE_CARD] = "card",
	[HF_RULE_CANDIDATE] = "candidate", [HF_RULE_SLOS] = "slos",
	[HF_RULE_EVAL] = "eval-metrics", [HF_RULE_ONCALL] = "oncall",
};

enum hf_rule hf_rule_parse(const char *name)
{
	if (!name || !*name)
		return HF_RULE_NONE;
	for (int r = HF_RULE_CONTRACT; r < HF_RULE_INVALID; r++)
		if (strcmp(name, rule_names[r]) == 0)
			return (enum hf_rule)r;
	return HF_RULE_INVALID;
}

const char *hf_rule_name(enum hf_rule rule)
{
	return rule > HF_RULE_NONE && rule < HF_RULE_INVALID ? rule_names[rule] : NULL;
}

/* Each automatic rule is one function: true when it holds, else false with the reason in buf. */
typedef bool rule_fn(const struct hf_readiness_facts *f, char *buf, size_t size);

static bool rule_contract(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (!f->has_contract)
		snprintf(buf, size, "no contract.json");
	else if (!f->contract_valid)
		snprintf(buf, size, "contract invalid: %s",
			 f->contract_error ? f->contract_error : "see errors");
	return f->has_contract && f->contract_valid;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static bool rule_card(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (!f->has_card)
		snprintf(buf, size, "no MODEL_CARD.md");
	else if (f->card_missing && f->card_empty)
		snprintf(buf, size, "model card lacks %zu section%s, %zu empty", f->card_missing,
			 plural(f->card_missing), f->card_empty);
	else if (f->card_missing)
		snprintf(buf, size, "model card lacks %zu section%s", f->card_missing,
			 plural(f->card_missing));
	else if (f->card_empty)
		snprintf(buf, size, "model card has %zu empty section%s", f->card_empty,
			 plural(f->card_empty));
	return f->has_card && !f->card_missing && !f->card_empty;
}

static bool rule_candidate(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (!f->has_candidate)
		snprintf(buf, size, "no candidate version registered");
	return f->has_candidate;
}

static bool rule_slos(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (!f->has_candidate)
		snprintf(buf, size, "no candidate version to measure");
	else if (!f->slos)
		snprintf(buf, size, "no SLOs in the contract");
	else if (f->slos_met < f->slos)
		snprintf(buf, size, "%zu of %zu SLOs not met", f->slos - f->slos_met, f->slos);
	return f->has_candidate && f->slos && f->slos_met >= f->slos;
}

static bool rule_eval(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (!f->eval_defined)
		snprintf(buf, size, "pod.json names no evaluation metrics");
	else if (!f->has_candidate)
		snprintf(buf, size, "no candidate version");
	else if (f->eval_missing)
		snprintf(buf, size, "%s not logged on the candidate%s",
			 f->eval_missing_first ? f->eval_missing_first : "a metric",
			 f->eval_missing > 1 ? " (and others)" : "");
	return f->eval_defined && f->has_candidate && !f->eval_missing;
}

static bool rule_oncall(const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (f->oncall_people < 2)
		snprintf(buf, size, "%s",
			 f->oncall_people ? "on-call rotation has only 1 person"
					  : "no on-call rotation covers the model");
	return f->oncall_people >= 2;
}

static rule_fn *const rules[] = {
	[HF_RULE_CONTRACT] = rule_contract,   [HF_RULE_CARD] = rule_card,
	[HF_RULE_CANDIDATE] = rule_candidate, [HF_RULE_SLOS] = rule_slos,
	[HF_RULE_EVAL] = rule_eval,	      [HF_RULE_ONCALL] = rule_oncall,
};

bool hf_rule_holds(enum hf_rule rule, const struct hf_readiness_facts *f, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	if (rule > HF_RULE_NONE && rule < HF_RULE_INVALID)
		return rules[rule](f, buf, size);
	if (rule == HF_RULE_INVALID)
		snprintf(buf, size, "unknown automatic rule");
	return false;
}

void hf_check_item_clear(struct hf_check_item *it)
{
	free(it->id);
	free(it->title);
	free(it->category);
	free(it->owner);
	free(it->stage);
	free(it->rule);
	memset(it, 0, sizeof(*it));
}

void hf_check_items_free(struct hf_check_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_check_item_clear(&items[i]);
	free(items);
}

void hf_item_states_free(struct hf_item_state *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].item);
		free(s[i].state);
		free(s[i].by);
		free(s[i].at);
		free(s[i].evidence);
		free(s[i].reason);
		free(s[i].until);
		free(s[i].note);
	}
	free(s);
}

int hf_stage_reached(const bool complete[HF_STAGE_COUNT])
{
	int stage = HF_STAGE_RESEARCH;

	for (int s = HF_STAGE_CONTRACT; s < HF_STAGE_COUNT; s++) {
		if (!complete[s])
			break;
		stage = s;
	}
	return stage;
}

static const struct hf_item_state *find_state(const struct hf_item_state *states, size_t n,
					      const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (states[i].item && strcmp(states[i].item, id) == 0)
			return &states[i];
	return NULL;
}

static bool has_text(const char *s)
{
	return s && *s;
}

void hf_readiness_eval(const struct hf_check_item *items, size_t nitems,
		       const struct hf_item_state *states, size_t nstates,
		       const struct hf_readiness_facts *facts, struct hf_readiness_eval *out)
{
	bool stage_complete[HF_STAGE_COUNT];
	struct hf_category_share cats[64];
	size_t ncats;

	memset(out, 0, sizeof(*out));
	for (int s = 0; s < HF_STAGE_COUNT; s++)
		stage_complete[s] = true;
	out->items = xcalloc(nitems + 1, sizeof(*out->items));
	out->nitems = nitems;
	for (size_t i = 0; i < nitems; i++) {
		struct hf_item_eval *e = &out->items[i];
		const struct hf_check_item *it = &items[i];
		const struct hf_item_state *st = find_state(states, nstates, it->id);
		bool holds = false;

		e->item = it;
		e->state = st;
		e->stage = hf_stage_parse(it->stage);
		e->rule = hf_rule_parse(it->rule);
		if (e->rule != HF_RULE_NONE) {
			holds = hf_rule_holds(e->rule, facts, e->reason, sizeof(e->reason));
			e->complete = holds;
			e->credit = holds ? 1.0 : 0.0;
		} else if (st && st->state && strcmp(st->state, "done") == 0) {
			e->complete = true;
			e->credit = has_text(st->evidence) ? 0.5 : 0.0;
		} else {
			snprintf(e->reason, sizeof(e->reason), "not done");
		}
		if (!e->complete && st && st->state && strcmp(st->state, "waived") == 0) {
			/* a waiver with an end counts until that day, then the item is open again */
			if (has_text(st->until) && facts->today && strcmp(st->until, facts->today) < 0) {
				snprintf(e->reason, sizeof(e->reason), "waiver ended %s", st->until);
			} else {
				e->complete = true;
				e->waived = true;
				snprintf(e->reason, sizeof(e->reason), "%s",
					 has_text(st->reason) ? st->reason : "");
			}
		}
		if (it->required) {
			out->required++;
			out->done += e->complete;
			if (!e->complete && e->stage > HF_STAGE_RESEARCH)
				stage_complete[e->stage] = false;
		}
	}
	out->stage = hf_stage_reached(stage_complete);
	ncats = hf_readiness_categories(out, cats, sizeof(cats) / sizeof(cats[0]));
	out->score = 0.0;
	for (size_t c = 0; c < ncats; c++)
		if (c == 0 || cats[c].score < out->score)
			out->score = cats[c].score;
}

void hf_readiness_eval_clear(struct hf_readiness_eval *e)
{
	free(e->items);
	memset(e, 0, sizeof(*e));
}

size_t hf_readiness_categories(const struct hf_readiness_eval *e, struct hf_category_share *out,
			       size_t max)
{
	size_t n = 0;
	double sums[64] = { 0 };

	if (max > 64)
		max = 64;
	for (size_t i = 0; i < e->nitems; i++) {
		const struct hf_item_eval *ie = &e->items[i];
		const char *cat = ie->item->category ? ie->item->category : "other";
		size_t c;

		if (ie->waived)
			continue;
		for (c = 0; c < n; c++)
			if (strcmp(out[c].category, cat) == 0)
				break;
		if (c == n) {
			if (n == max)
				continue;
			out[n].category = cat;
			out[n].items = 0;
			out[n].score = 0;
			n++;
		}
		out[c].items++;
		sums[c] += ie->credit;
	}
	for (size_t c = 0; c < n; c++)
		out[c].score = out[c].items ? sums[c] / out[c].items : 0.0;
	return n;
}
