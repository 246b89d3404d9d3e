/* tui_data.h: store reads several TUI views share: current sprint, on call, models */
#ifndef HANDOFF_TUI_DATA_H
#define HANDOFF_TUI_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/pod.h"
#include "handoff/report.h"
#include "handoff/rotation.h"
#include "handoff/sprint.h"
#include "handoff/status.h"
#include "handoff/store.h"
#include "handoff/tz.h"

/*
 * The sprint a view shows: the one whose dates contain today (hf_now()),
 * else the latest that started before today, else the first. found is
 * false when the store has no sprint (not an error). Everything is owned
 * by the struct: hf_tui_sprint_clear.
 */
struct hf_tui_sprint {
	bool found;
	struct hf_pod pod;
	struct hf_sprint sprint;
	struct hf_sprint_eval eval; /* borrows from sprint */
};
enum hf_status hf_tui_sprint_load(struct hf_store *store, struct hf_tui_sprint *out);
void hf_tui_sprint_clear(struct hf_tui_sprint *s);

/*
 * On call now and next for every rotation, at hf_now(). Each rotation's
 * shifts are computed in its own zone; `local` is the viewer's zone (TZ) for
 * showing times. Owned by the struct: hf_tui_oncall_clear.
 */
struct hf_tui_rotation {
	struct hf_rotation *rot; /* borrowed from rotations */
	struct hf_tz *tz;	 /* NULL when its zone is unknown (then UTC) */
	struct hf_shift now, next;
	bool now_found, next_found;
};
struct hf_tui_oncall {
	struct hf_rotation *rotations;
	size_t n;
	struct hf_tui_rotation *rows;
	struct hf_tz *local;
};
enum hf_status hf_tui_oncall_load(struct hf_store *store, struct hf_tui_oncall *out);
void hf_tui_oncall_clear(struct hf_tui_oncall *o);
/* The zone a rotation's shifts are computed in (its own, or UTC). */
struct hf_zone hf_tui_rotation_zone(const struct hf_tui_rotation *r);
/* "Mon 09:00" (or "Mon 30 Nov 09:00" with date) of t in the viewer's zone. */
void hf_tui_local_time(const struct hf_tui_oncall *o, int64_t t, bool date, char *buf, size_t n);
/* "raj (until Mon 09:00, then li)" for the first rotation; "" when none. */
void hf_tui_oncall_line(const struct hf_tui_oncall *o, char *buf, size_t n);

/*
 * The models of the pod, as the pod and models views show them, evaluated
 * lazily: hf_tui_models_load reads only the names (pod files, and with all
 * the registry's models too, sorted, as hf_report_models and
 * hf_report_models_all list them), a row is evaluated when it is
 * first drawn (hf_tui_models_eval) and the rest in the background, a slice
 * at a time (hf_tui_models_step), so the first frame never waits for
 * thousands of reports. Only a summary of each report is kept.
 */
struct hf_tui_model {
	char *name;
	bool evaluated;
	bool hidden; /* a registry name a pod model's contract claims, or gone */
	char *stage;
	int stage_index;
	bool ready;
	int done, required;
	double score;
	int slo_met, slo_missed, slo_unknown;
	char marks[9]; /* per SLO: 'm' met, 'x' missed, '?' unknown (first 8) */
	char live_marks[9]; /* per SLO checked live, its live verdict, the same way */
	bool serving;	    /* stage serving or later: the live marks count */
	char *cand_version, *cand_alias;
	char *owner_research, *owner_engineering;
	char *blocker; /* the first blocker's reason or title, NULL when none */
	size_t nblockers;
};
struct hf_tui_models {
	struct hf_store *store; /* borrowed: the TUI thread's store */
	struct hf_report_session *reports; /* the pod and default checklist, loaded once per load */
	struct hf_tui_model *m;
	size_t n;
	size_t next;   /* rows before this one are all evaluated */
	size_t nready; /* of the evaluated ones */
	bool changed;  /* rows were hidden since the caller last looked */
};
enum hf_status hf_tui_models_load(struct hf_store *store, bool all, struct hf_tui_models *out);
/* Evaluate row i now if it is not yet. */
void hf_tui_models_eval(struct hf_tui_models *ms, size_t i);
/* Evaluate rows for about budget_ms; true while rows remain. */
bool hf_tui_models_step(struct hf_tui_models *ms, int budget_ms);
void hf_tui_models_clear(struct hf_tui_models *ms);

/*
 * The live state of some models (the on-call view's covered models), each
 * evaluated through the session: found false for a name no pod file nor
 * registry knows. marks: per SLO checked live, 'm', 'x' or '?'. problem: the
 * first live SLO not met, in one line, or NULL. Free with hf_tui_live_models_free.
 */
struct hf_tui_live_model {
	char *name;
	bool found;
	bool serving;
	const char *stage;	/* static */
	char marks[9];
	char *problem;
};
enum hf_status hf_tui_live_models(struct hf_report_session *session, char *const *names, size_t n,
				  struct hf_tui_live_model **out);
void hf_tui_live_models_free(struct hf_tui_live_model *m, size_t n);
/* A report's live marks (as above) into marks (size bytes, NUL-terminated). */
void hf_tui_live_marks(const struct hf_model_report *r, char *marks, size_t size);

/*
 * Warnings of this session that are not in the store (the configuration's,
 * a theme's), for the log view. Kept for the process; TUI thread only.
 * hf_tui_notes_copy hands over a copy of them as they are now (the list
 * grows later): free it with hf_strv_free.
 */
void hf_tui_note(const char *text);
size_t hf_tui_notes_copy(char ***notes);
void hf_tui_notes_clear(void);
/*
 * A trace sink (trace.h) for any thread while curses owns the terminal:
 * lines kept under a lock; hf_tui_traces_take (the main loop) moves them
 * to the notes.
 */
void hf_tui_trace_sink(void *data, const char *line);
void hf_tui_traces_take(void);

/* "synced 2m ago" / "sync failed 5m ago" / "never synced" for the latest run of every source. */
enum hf_status hf_tui_sync_age(struct hf_store *store, char *buf, size_t n, bool *failed);

#endif
