/* tui_view.h: what a view is (a table of operations) and what its handlers may ask of the loop */
#ifndef HANDOFF_TUI_VIEW_H
#define HANDOFF_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/status.h"
#include "handoff/store.h"
#include "handoff/tui_action.h"
#include "handoff/tui_draw.h"
#include "handoff/tui_list.h"

struct hf_view;

/*
 * A key handler never draws: it returns reaction bits and the one main
 * loop acts on them. HF_REACT_NOT_MINE hands the action to the generic
 * handler (movement, filter, view switching, ...).
 */
enum hf_reaction {
	HF_REACT_NONE = 0,
	HF_REACT_REDRAW = 1 << 0, /* draw again */
	HF_REACT_RELOAD = 1 << 1, /* reload this view from the store, then draw */
	HF_REACT_QUIT = 1 << 2,
	HF_REACT_BACK = 1 << 3, /* pop this view */
	HF_REACT_OPEN = 1 << 4, /* open view->open_name with view->open_arg */
	HF_REACT_NOT_MINE = 1 << 5,
	HF_REACT_ACT = 1 << 6, /* run view->act, a write action (hf_view_act) */
};

/*
 * One view per file under src/tui/view_*.c, exporting one of these. The
 * core allocates `state_size` zeroed bytes for view->state, calls `done`
 * before each reload and at the end, then zeroes the state again.
 */
struct hf_view_ops {
	const char *name;  /* "pod", used by :view NAME */
	const char *title; /* tab label */
	size_t state_size;
	/* Fill the list (hf_list_reset was called) and state from the store. */
	enum hf_status (*load)(struct hf_view *view, struct hf_store *store);
	/* Fixed lines above the list (view->head_lines of them); may be NULL. */
	void (*draw_head)(struct hf_view *view, struct hf_draw *d, int line);
	/* One row of the list. */
	void (*draw_row)(struct hf_view *view, struct hf_draw *d, size_t row);
	/* Filter match for a row (needle lower-cased). */
	bool (*match)(struct hf_view *view, size_t row, const char *needle);
	/* An action; NULL or HF_REACT_NOT_MINE for the generic handling. */
	unsigned (*key)(struct hf_view *view, enum hf_action action);
	/*
	 * Load a slice more in the background (about budget_ms); NULL when load
	 * does everything. Returns true while more remains. The loop redraws
	 * after each slice and counts no idle frame while a view is pending.
	 */
	bool (*step)(struct hf_view *view, int budget_ms);
	/* The terminal changed size (view->cols/rows already set); may be NULL. */
	void (*resize)(struct hf_view *view);
	/* Free what load made; may be NULL. */
	void (*done)(struct hf_view *view);
	/* Loaded again each time it is opened (the inbox: what is new now). */
	bool fresh;
};

struct hf_view {
	const struct hf_view_ops *ops;
	void *state;
	struct hf_list list;
	int head_lines; /* set by load (or resize) */
	int cols, rows; /* the view's area */
	char *arg;	/* e.g. the model of the detail view; owned */
	bool loaded;
	bool reload_on_resize;
	bool pending; /* set by load when step has work to do */ /* set by load when its rows depend
								    on the width (wrapped text) */
	const char *open_name; /* HF_REACT_OPEN: the view to open (static string) */
	char *open_arg;	       /* and its argument (owned; taken by the loop) */
	char *message;	       /* a status line message for the loop (owned; taken) */
	struct hf_act *act;    /* HF_REACT_ACT: the action (owned; taken by the loop) */
	char *act_ask;	       /* its question, NULL when it needs no answer (owned) */
	char *act_field;       /* the field the answer fills (owned; see tui_edit.h) */
	char *act_preset;      /* the answer offered (owned) */
	char *fetch_runs;      /* set by load: the model whose runs opening it fetches (owned; taken
				* by the loop, which fetches them in the background, then reloads) */
	char *fetch_versions[2]; /* set by load with fetch_runs: the two versions compared whose
				  * runs to fetch instead (the compare view; owned; taken too) */
	const char *fetch_note; /* set by the loop: how that fetch goes ("fetching…", why it
				 * failed), for the view to show; NULL before any */
};

/*
 * For handlers: ask the loop to run a write action (takes act, cleared):
 * ask question (NULL: none) with preset offered, put the answer in field,
 * show the exact change and the commit message, queue it on yes. In
 * read-only mode the loop refuses it, saying why.
 */
struct hf_act;
unsigned hf_view_act(struct hf_view *view, struct hf_act *act, const char *question,
		     const char *field, const char *preset);

/* For handlers: ask the loop to open view `name` with arg (copied). */
unsigned hf_view_open(struct hf_view *view, const char *name, const char *arg);
/* For handlers and loaders: a message for the status line (printf). */
void hf_view_message(struct hf_view *view, const char *fmt, ...) HF_PRINTF(2, 3);

/*
 * The compare view's argument: versions v1 and v2 (NULL: chosen as
 * `handoff diff` chooses them) of model. Allocated; the caller frees.
 */
char *hf_view_compare_arg(const char *model, const char *v1, const char *v2);

/* Case-insensitive "does hay contain needle" (needle lower-cased) for match callbacks. */
bool hf_view_contains(const char *hay, const char *needle);

/* Every view, in tab order (the first seven have the keys 1-7); NULL-terminated. */
extern const struct hf_view_ops *const hf_views[];
const struct hf_view_ops *hf_view_find(const char *name);

/* The views (defined in src/tui/view_<name>.c). */
extern const struct hf_view_ops hf_view_pod;
extern const struct hf_view_ops hf_view_models;
extern const struct hf_view_ops hf_view_readiness;
extern const struct hf_view_ops hf_view_oncall;
extern const struct hf_view_ops hf_view_sprint;
extern const struct hf_view_ops hf_view_activity;
extern const struct hf_view_ops hf_view_log;
extern const struct hf_view_ops hf_view_model;
extern const struct hf_view_ops hf_view_help;
extern const struct hf_view_ops hf_view_inbox;
extern const struct hf_view_ops hf_view_mine;
extern const struct hf_view_ops hf_view_compare;

/*
 * For Enter on a line of the inbox or of `mine` (kind and model of the
 * line, NULL when none): open what it is about by its kind: the model, the
 * sprint, the on-call view, the log; HF_REACT_NOT_MINE otherwise.
 */
unsigned hf_view_open_about(struct hf_view *v, enum hf_action action, const char *kind,
			    const char *model);

/*
 * A row's indent of n columns; the selected row's starts with a pointer, so
 * the cursor shows without colour or attributes too (a screen reader, a
 * copy of the screen).
 */
void hf_view_draw_lead(struct hf_draw *d, int n);

/* Stage dots for stage_index 0..6: "●●●○○○○" drawn in the stage roles. */
void hf_view_draw_stage(struct hf_draw *d, int stage_index);

/*
 * Live SLOs (src/tui/live.c). Marks and sparklines are plain ASCII when the
 * theme has no colours (mono, NO_COLOR) or the user's locale is not UTF-8.
 */
bool hf_view_ascii(void);
/* 'm' met, 'x' missed, '?' unknown: the letters of a marks string. */
char hf_view_mark_of(const char *result);
/* marks ("mx?") as ✓✗? (ASCII +x?) in a field of cols columns; "-" when empty. */
void hf_view_draw_marks(struct hf_draw *d, const char *marks, int cols);
struct hf_slo_result;
/* The SLO's live points as a sparkline of cols cells, cells breaking the SLO in the BAD role. */
void hf_view_draw_sparkline(struct hf_draw *d, const struct hf_slo_result *s, int cols);
/* The model view's live row under an SLO: verdict, value (with its age when old), budget, worst, sparkline. */
void hf_view_draw_live(struct hf_draw *d, const struct hf_slo_result *s);

#endif
