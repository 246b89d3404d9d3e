/* contract.c: SLO operators and verdicts, contract validity (pure) */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/contract.h"

static const struct {
	const char *text;
	enum hf_slo_op op;
} ops[] = {
	{ "<=", HF_SLO_LE }, { "<", HF_SLO_LT }, { ">=", HF_SLO_GE }, { ">", HF_SLO_GT },
	{ "==", HF_SLO_EQ },
};

enum hf_slo_op hf_slo_op_parse(const char *op)
{
	if (!op)
		return HF_SLO_OP_INVALID;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].text) == 0)
			return ops[i].op;
	return HF_SLO_OP_INVALID;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

static bool nearly_equal(double a, double b)
{
	double scale = absd(a) > absd(b) ? absd(a) : absd(b);

	return absd(a - b) <= 1e-9 * (scale > 1.0 ? scale : 1.0);
}

enum hf_slo_verdict hf_slo_eval(enum hf_slo_op op, double target, bool has_value, double value)
{
	bool ok;

	if (!has_value || !isfinite(value) || !isfinite(target))
		return HF_SLO_UNKNOWN;
	switch (op) {
	case HF_SLO_LE: ok = value <= target || nearly_equal(value, target); break;
	case HF_SLO_LT: ok = value < target && !nearly_equal(value, target); break;
	case HF_SLO_GE: ok = value >= target || nearly_equal(value, target); break;
	case HF_SLO_GT: ok = value > target && !nearly_equal(value, target); break;
	case HF_SLO_EQ: ok = nearly_equal(value, target); break;
	default: return HF_SLO_UNKNOWN;
	}
	return ok ? HF_SLO_MET : HF_SLO_MISSED;
}

const char *hf_slo_verdict_name(enum hf_slo_verdict v)
{
	switch (v) {
	case HF_SLO_MET: return "met";
	case HF_SLO_MISSED: return "missed";
	default: return "unknown";
	}
}

void hf_slo_explain(const struct hf_slo *slo, double value, char *buf, size_t size)
{
	const char *rel;

	if (nearly_equal(value, slo->target))
		rel = "=";
	else if (value < slo->target)
		rel = "<";
	else
		rel = ">";
	snprintf(buf, size, "%g %s %g", value, rel, slo->target);
}

static bool blank(const char *s)
{
	return !s || !*s;
}

bool hf_contract_check(const struct hf_contract *c, char *why, size_t size)
{
	if (blank(c->owner_research)) {
		snprintf(why, size, "owners.research: no research owner named");
		return false;
	}
	if (blank(c->owner_engineering)) {
		snprintf(why, size, "owners.engineering: no engineering owner named");
		return false;
	}
	if (!c->nslos) {
		snprintf(why, size, "slos: no SLO agreed");
		return false;
	}
	for (size_t i = 0; i < c->nslos; i++) {
		const struct hf_slo *s = &c->slos[i];

		if (blank(s->metric)) {
			snprintf(why, size, "slos[%zu].metric: empty metric name", i);
			return false;
		}
		if (hf_slo_op_parse(s->op) == HF_SLO_OP_INVALID) {
			snprintf(why, size, "slos[%zu].op: unknown operator '%s' (use <=, <, >=, > or ==)",
				 i, s->op ? s->op : "");
			return false;
		}
		if (!isfinite(s->target)) {
			snprintf(why, size, "slos[%zu].target: not a finite number", i);
			return false;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(c->slos[j].metric, s->metric) == 0 &&
			    strcmp(c->slos[j].op, s->op) == 0) {
				snprintf(why, size, "slos[%zu]: '%s %s' is already slos[%zu]", i,
					 s->metric, s->op, j);
				return false;
			}
		}
	}
	if (size)
		why[0] = '\0';
	return true;
}

void hf_contract_clear(struct hf_contract *c)
{
	free(c->registry_source);
	free(c->registry_name);
	free(c->candidate);
	free(c->owner_research);
	free(c->owner_engineering);
	for (size_t i = 0; i < c->nslos; i++) {
		free(c->slos[i].metric);
		free(c->slos[i].op);
		free(c->slos[i].live.query);
		free(c->slos[i].live.source);
	}
	free(c->slos);
	memset(c, 0, sizeof(*c));
}
