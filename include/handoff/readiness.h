/* readiness.h: checklist items, the automatic rules, the score and the hand-off stage (pure) */
#ifndef HANDOFF_READINESS_H
#define HANDOFF_READINESS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The judgement of src/core/readiness.c and src/core/stage.c: pure functions
 * over plain structs, no I/O. The report layer (report.h) gathers the facts
 * from the store and calls these.
 */

/* Hand-off stages in order. An item "gates" a stage: it must be complete for a model to reach it. */
enum hf_stage {
	HF_STAGE_RESEARCH = 0,
	HF_STAGE_CONTRACT,
	HF_STAGE_HANDOFF,
	HF_STAGE_VALIDATION,
	HF_STAGE_OPTIMISATION,
	HF_STAGE_SERVING,
	HF_STAGE_MONITORING,
	HF_STAGE_COUNT
};

/* "research" .. "monitoring"; "unknown" out of range. */
const char *hf_stage_name(int stage);
/* Stage of a name ("hand-off", also "handoff", "optimization"), -1 when unknown. */
int hf_stage_parse(const char *name);

/* Items the program decides itself. */
enum hf_rule {
	HF_RULE_NONE = 0,	/* a person decides */
	HF_RULE_CONTRACT,	/* "contract": contract present and valid */
	HF_RULE_CARD,		/* "card": model card has every required section, none empty */
	HF_RULE_CANDIDATE,	/* "candidate": a candidate version is registered */
	HF_RULE_SLOS,		/* "slos": the candidate meets every SLO */
	HF_RULE_EVAL,		/* "eval-metrics": the pod's evaluation metrics are logged on the candidate */
	HF_RULE_ONCALL,		/* "oncall": a rotation of at least two people covers the model */
	HF_RULE_INVALID,	/* an unknown rule name */
};
enum hf_rule hf_rule_parse(const char *name);	/* NULL or "" -> HF_RULE_NONE */
const char *hf_rule_name(enum hf_rule rule);	/* NULL for HF_RULE_NONE */

/* One checklist item (a template's or a model's own). Strings owned. */
struct hf_check_item {
	char *id;
	char *title;
	char *category;
	char *owner;		/* role: research | engineering | shared */
	char *stage;		/* stage name it gates */
	bool required;
	char *rule;		/* automatic rule name or NULL */
};
void hf_check_item_clear(struct hf_check_item *it);
void hf_check_items_free(struct hf_check_item *items, size_t n);

/* A person's record of one item in readiness.json. Strings owned. */
struct hf_item_state {
	char *item;
	char *state;		/* done | waived | todo */
	char *by, *at, *evidence, *reason;
	char *until;		/* a waiver's last day (YYYY-MM-DD); after it the item is open again */
	char *note;		/* free text, shown beside the item */
};
void hf_item_states_free(struct hf_item_state *s, size_t n);

/* What the automatic rules look at. */
struct hf_readiness_facts {
	bool has_contract;
	bool contract_valid;
	const char *contract_error;	/* why not valid, or NULL */
	bool has_card;
	size_t card_missing, card_empty;	/* counts of sections */
	bool has_candidate;
	size_t slos, slos_met;
	bool eval_defined;		/* pod.json names evaluation metrics */
	size_t eval_missing;		/* of those, not logged on the candidate */
	const char *eval_missing_first;	/* one missing metric name, for the reason */
	size_t oncall_people;
	const char *today;		/* YYYY-MM-DD, for waivers with an end; NULL: no waiver ends */
};

/*
 * Whether the rule holds; when not, writes why into buf ("model card lacks
 * 2 sections, 1 empty"). HF_RULE_NONE and HF_RULE_INVALID never hold.
 */
bool hf_rule_holds(enum hf_rule rule, const struct hf_readiness_facts *f, char *buf, size_t size);

/* One item evaluated. Strings borrowed from the inputs of hf_readiness_eval. */
struct hf_item_eval {
	const struct hf_check_item *item;
	const struct hf_item_state *state;	/* NULL when readiness.json says nothing */
	int stage;		/* parsed item stage (enum hf_stage); unknown names gate nothing: -1 */
	enum hf_rule rule;
	bool complete;		/* done (by the rule, or by a person for a manual item) or waived */
	bool waived;
	double credit;		/* 1 automatic and holding, 0.5 manual done with evidence, else 0 */
	char reason[160];	/* why open ("not done", the rule's reason), or the waiver's reason; "" */
};

struct hf_readiness_eval {
	struct hf_item_eval *items;	/* same order as the input items; owned */
	size_t nitems;
	int done, required;	/* required items complete / required items */
	int stage;		/* enum hf_stage */
	double score;		/* weakest category's credit share, 0..1 */
};

/*
 * Evaluate items against people's states and the facts. A person's "done"
 * on an automatic item is ignored (the program decides), a "waived" with a
 * reason is honoured on any item. Stage: the highest stage S such that every
 * required item gating stages 1..S is complete (items gating "research"
 * gate nothing). Score: per category, the credit summed over its items that
 * are not waived, divided by their number; the model's score is the lowest
 * category's (0 when there are no items). Free with hf_readiness_eval_clear.
 */
void hf_readiness_eval(const struct hf_check_item *items, size_t nitems,
		       const struct hf_item_state *states, size_t nstates,
		       const struct hf_readiness_facts *facts, struct hf_readiness_eval *out);
void hf_readiness_eval_clear(struct hf_readiness_eval *e);

/* The stage reached given, per stage, whether all of its required items are complete. */
int hf_stage_reached(const bool complete[HF_STAGE_COUNT]);

/*
 * Category scores of an evaluation: names borrowed from the items, in the
 * order categories first appear. Returns how many were written (at most max).
 */
struct hf_category_share {
	const char *category;
	double score;
	int items;
};
size_t hf_readiness_categories(const struct hf_readiness_eval *e, struct hf_category_share *out,
			       size_t max);

#endif
