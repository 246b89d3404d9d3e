/* contract.h: a model's contract (owners, registry link, SLOs) and the pure SLO verdict */
#ifndef HANDOFF_CONTRACT_H
#define HANDOFF_CONTRACT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Pure data and rules (src/core/contract.c): no I/O. Strings in the structs
 * are owned by the struct holding them; hf_contract_clear frees them.
 */
enum hf_slo_op { HF_SLO_OP_INVALID = 0, HF_SLO_LE, HF_SLO_LT, HF_SLO_GE, HF_SLO_GT, HF_SLO_EQ };

enum hf_slo_verdict { HF_SLO_UNKNOWN = 0, HF_SLO_MET, HF_SLO_MISSED };

/*
 * An SLO's live check as contract.json writes it ("live": {...}), checked
 * against production by a Prometheus source: all optional, the pod's
 * template (live.h) fills what is left out.
 */
struct hf_slo_live {
	char *query;		/* PromQL returning one series in the SLO's unit; NULL: the pod's template */
	long long window;	/* seconds; 0: the pod's, else 7 days */
	char *source;		/* the prometheus source's name; NULL: the pod's, else any */
	bool off;		/* "live": false: no live check even when the pod has a template */
};

struct hf_slo {
	char *metric;
	char *op;		/* as written: "<=", "<", ">=", ">", "==" */
	double target;
	struct hf_slo_live live;
};

struct hf_contract {
	char *registry_source;	/* config source name, NULL: any */
	char *registry_name;	/* NULL: the model's folder name */
	char *candidate;	/* alias (or stage) naming the candidate, NULL: newest */
	char *owner_research;
	char *owner_engineering;
	struct hf_slo *slos;
	size_t nslos;
};

/* "<=" -> HF_SLO_LE ...; HF_SLO_OP_INVALID for anything else. */
enum hf_slo_op hf_slo_op_parse(const char *op);

/*
 * The verdict of one SLO: unknown without a value (has_value false) or with
 * an invalid operator or a non-finite value; else met or missed. "==" allows
 * a relative difference of 1e-9 so 0.1+0.2 == 0.3 holds.
 */
enum hf_slo_verdict hf_slo_eval(enum hf_slo_op op, double target, bool has_value, double value);

/* "met", "missed", "unknown". */
const char *hf_slo_verdict_name(enum hf_slo_verdict v);

/*
 * Why a missed/met SLO stands as it does, for people: "62 > 50" (the value,
 * the operator that holds between value and target, the target), numbers
 * printed with %g. Writes into buf (always NUL-terminated).
 */
void hf_slo_explain(const struct hf_slo *slo, double value, char *buf, size_t size);

/*
 * Whether a contract is valid: both owners named, at least one SLO, every
 * operator known, every metric non-empty, every target finite, no metric
 * listed twice with the same operator. On failure writes the first problem
 * into why ("slos[1].op: unknown operator '=>'") and returns false.
 */
bool hf_contract_check(const struct hf_contract *c, char *why, size_t size);

void hf_contract_clear(struct hf_contract *c);

#endif
