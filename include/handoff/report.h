/* report.h: the readiness evaluation layer: loads a model's files and registry view from the store and judges it */
#ifndef HANDOFF_REPORT_H
#define HANDOFF_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/readiness.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * A struct hf_model_report is everything handoff knows and judges about one
 * model: its stage, its checklist with who/when/evidence, its SLO verdicts
 * against the candidate version, its model-card gaps and what blocks it.
 * It is built from the store (pod files and registry rows) by running the
 * pure rules of src/core/ (readiness.h, contract.h, card.h). Every string is
 * owned by the report and unsanitised: sanitise before printing (out.h).
 *
 * Used by the CLI (models, show, check, status), the sprint area and the TUI.
 * The functions read the store only; one thread at a time, like the store.
 */

/* Stages: enum hf_stage and hf_stage_name() in readiness.h. */

/* One open required item (or a missed/unknown SLO) that keeps a model from being ready. */
struct hf_blocker {
	char *item;		/* checklist item id, e.g. "slo.met" */
	char *title;
	char *owner;		/* member handle or NULL */
	char *role;		/* research | engineering | shared */
	char *reason;		/* one line: "latency_p99_ms 62 > 50", "not done" */
	int stage;		/* the stage it gates (enum hf_stage); HF_STAGE_COUNT: none */
};

/*
 * An SLO as production measures it: what a prometheus source last
 * measured with the SLO's live query (live.h), and the live verdict.
 */
struct hf_live_result {
	char *source;		/* the prometheus source that measured it, NULL when none has yet */
	char *query;		/* as sent, {model} replaced */
	int64_t window;		/* seconds */
	char *result;		/* "met" | "missed" | "unknown" */
	char *reason;		/* why unknown: "no data", "NaN", "source failing", "query failed", "not synced yet"; NULL otherwise */
	char *error;		/* the last fetch failed (the query's or the whole source's): why; NULL when it worked */
	int64_t error_at;	/* when it failed */
	char *state;		/* the last measure: "value", "nan", "no data", "unsynced" */
	bool has_value;
	double value;		/* the last value measured, at `at` (kept, with its age, through failures) */
	int64_t at;		/* when the values were measured, 0 never */
	bool has_budget;
	double budget;		/* error budget spent: share of the window's measured points breaking the SLO, 0..1 */
	bool has_worst;
	double worst;		/* the window's worst value */
	double *points;		/* the window's values, NAN for a NaN or a step without a sample */
	size_t npoints;
	int64_t start, step;	/* time of points[0], seconds between points */
};

struct hf_slo_result {
	/*
	 * "slo:<metric>" for the first SLO on a metric in contract order,
	 * "slo:<metric>#2", "#3", ... for later ones on the same metric: unique
	 * in the model, and an SLO added after the others changes no one's id.
	 * Blockers of SLOs carry it as their item id.
	 */
	char *id;
	char *metric;
	char *op;		/* <=, <, >=, >, == */
	double target;
	bool has_value;
	double value;		/* meaningful when has_value */
	char *result;		/* "met" | "missed" | "unknown" */
	struct hf_live_result *live;	/* NULL: the SLO is not checked live */
};

/* One checklist item as evaluated for this model. */
struct hf_report_item {
	char *id;
	char *title;
	char *category;		/* data, model, infrastructure, monitoring, process, ... */
	char *role;		/* owner role: research | engineering | shared */
	char *stage;		/* the stage it gates, by name */
	bool required;
	char *rule;		/* automatic rule name, NULL for a manual item */
	char *state;		/* "done" | "waived" | "todo" */
	bool complete;		/* done or waived */
	char *by;		/* handle or NULL */
	char *at;		/* date as written, or NULL */
	char *evidence;		/* URL or NULL */
	char *reason;		/* waiver reason, or why an automatic item is open; NULL */
	char *until;		/* a waiver's last day, or NULL */
	char *note;		/* a person's note beside the item, or NULL */
	bool pending;		/* an action on it waits in the outbox (writeback.h) */
	double credit;		/* score credit: 1 automatic done, 0.5 manual done with evidence, else 0 */
};

/* One registered version (newest first in a report). */
struct hf_report_version {
	char *version;
	char *stage;		/* registry stage or NULL */
	char **aliases;
	size_t naliases;
	int64_t created;	/* unix seconds, 0 when unknown */
	bool candidate;
};

/*
 * A source this model's data comes from whose last sync failed: what the
 * report shows of it is what its last good sync stored (or nothing), so a
 * model "not registered" may only be unreadable. The registry it is linked
 * to (or, unlinked, any registry) and, for a model with pod files, the pod's
 * git sources.
 */
struct hf_stale_source {
	char *source;
	char *type;		/* "mlflow", "git", "demo" */
	char *error;		/* why its last sync failed (names the URL or path) */
	int64_t failed_at;	/* when that sync ended */
	int64_t synced_at;	/* when it last synced without error (the data's age); 0 never */
};

/* Rubric score of one checklist category: sum(credit) / items, 0..1. */
struct hf_category_score {
	char *category;
	double score;
	int items;
};

struct hf_model_report {
	char *name;
	char *stage;		/* stage name, e.g. "validation" */
	int stage_index;	/* 0 research .. 6 monitoring (enum hf_stage) */
	bool ready;		/* every required item complete and every SLO met */
	int done;		/* required items complete */
	int required;		/* required items */
	double score;		/* weakest category's score, 0..1 */
	int slo_met, slo_missed, slo_unknown;
	int live_met, live_missed, live_unknown;	/* live verdicts of the SLOs checked live */
	char *candidate_version;	/* NULL when none */
	char *candidate_alias;		/* NULL when none */
	char *owner_research;
	char *owner_engineering;
	struct hf_blocker *blockers;
	size_t nblockers;
	struct hf_slo_result *slos;
	size_t nslos;

	/* what `show` needs besides the above */
	bool has_pod_files;	/* false: known from the registry only */
	bool has_contract;
	bool contract_valid;
	char *contract_error;	/* why the contract is invalid, or NULL */
	char *registry_source;	/* NULL when the contract names none */
	char *registry_name;
	bool in_registry;
	char *candidate_how;	/* "alias", "stage", "newest", "version", or NULL */
	char *checklist;	/* template name used, e.g. "default" */
	struct hf_report_item *items;
	size_t nitems;
	bool has_card;
	char **card_missing;	/* canonical section names */
	size_t ncard_missing;
	char **card_empty;
	size_t ncard_empty;
	struct hf_report_version *versions;
	size_t nversions;
	struct hf_category_score *categories;
	size_t ncategories;
	char **unknown_items;	/* ids readiness.json ticks that the checklist lacks (typos) */
	size_t nunknown_items;
	struct hf_stale_source *stale;	/* sources of its data whose last sync failed, by name */
	size_t nstale;
	bool registry_stale;	/* one of them is a registry: its versions and metrics may be old or missing */
};

/* Add a source's failed latest run to r->stale (a registry's sets registry_stale too). */
void hf_report_add_stale(struct hf_model_report *r, const struct hf_sync_run *run);

/* Options of one evaluation: pick the candidate by alias or version instead of the contract's. */
struct hf_report_opts {
	const char *alias;	/* NULL: the contract's candidate alias */
	const char *version;	/* NULL: by alias, then stage, then newest */
};

/*
 * The pod's models (those its files name), sorted by name. *out owned by
 * the caller: hf_model_reports_free. An empty store gives n 0.
 */
enum hf_status hf_report_models(struct hf_store *store, struct hf_model_report **out, size_t *n);

/* The same and every registered model no pod file names (`models --all`), sorted by name. */
enum hf_status hf_report_models_all(struct hf_store *store, struct hf_model_report **out,
				    size_t *n);

/* One model; *out is cleared first. HF_ENOTFOUND when no pod file nor registry entry names it. */
enum hf_status hf_report_model(struct hf_store *store, const char *name, struct hf_model_report *out);

/* As hf_report_model with a chosen candidate; opts may be NULL. HF_ENOTFOUND also for an unknown alias/version. */
enum hf_status hf_report_model_opts(struct hf_store *store, const char *name,
				    const struct hf_report_opts *opts, struct hf_model_report *out);

/*
 * Evaluating many models one at a time (the TUI reads a large pod in slices
 * between frames): a session loads the pod and the shipped default checklist
 * once and reuses them for every model. It borrows the store and sees the
 * pod as it was at the first evaluation: start a new session after a sync.
 * One thread at a time.
 */
struct hf_report_session;
struct hf_report_session *hf_report_session_new(struct hf_store *store);
/* As hf_report_model, through the session's shared loads. */
enum hf_status hf_report_session_model(struct hf_report_session *session, const char *name,
				       struct hf_model_report *out);
void hf_report_session_free(struct hf_report_session *session);

/* The names of the pod's models (with registry, also the registry's own), sorted. Free each and the array. */
enum hf_status hf_report_names(struct hf_store *store, bool registry, char ***names, size_t *n);

/*
 * Up to max known model names nearest to `name` by edit distance (only
 * reasonably near ones), nearest first. *names owned by the caller: free
 * each and the array.
 */
enum hf_status hf_report_suggest(struct hf_store *store, const char *name, size_t max,
				 char ***names, size_t *n);

/*
 * `check --live`: a model already serving (stage serving or later) must
 * also meet its live SLOs. Adds a blocker per live SLO not met (item
 * "live:" and the SLO's id without "slo:", e.g. "live:latency_p99_ms";
 * reason such as "latency_p99_ms live 58 > 50" or "... live unknown: no data")
 * and clears ready; a model not yet serving is left as it is. Returns the
 * blockers added.
 */
size_t hf_report_live_gate(struct hf_model_report *r);

/*
 * The one rule for "what blocks this model" wherever a single blocker is
 * shown (status, models, the TUI's pod and models views, JSON "blocking"):
 * the first blocker, i.e. the one gating the earliest stage (checklist
 * order within a stage), so it is the next move. NULL when ready.
 */
const struct hf_blocker *hf_report_first_blocker(const struct hf_model_report *r);

/* What to show for a blocker in one line: its reason, or its title when the reason is only "not done". Borrowed. */
const char *hf_report_blocker_text(const struct hf_blocker *b);

/* Whether a model's stage is serving or later (the live marks are for these). */
bool hf_report_serving(const struct hf_model_report *r);

void hf_model_report_clear(struct hf_model_report *r);
void hf_model_reports_free(struct hf_model_report *r, size_t n);

#endif
