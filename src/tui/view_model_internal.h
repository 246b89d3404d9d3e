/* view_model_internal.h: what the model view's files share (src/tui/view_model*.c): its rows and state */
#ifndef HANDOFF_TUI_VIEW_MODEL_INTERNAL_H
#define HANDOFF_TUI_VIEW_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store.h"
#include "handoff/store_registry.h"
#include "handoff/tui_data.h"
#include "handoff/tui_draw.h"
#include "handoff/tui_view.h"

#define CARD_SECTIONS 9

enum row_kind {
	ROW_HEADING,
	ROW_TEXT,
	ROW_DESCRIPTION,
	ROW_VERSION,
	ROW_SLO,
	ROW_LIVE,
	ROW_ITEM,
	ROW_CARD,
	ROW_ACTIVITY,
	ROW_ALIAS_MOVE,
	ROW_STALE,	/* a source of its data whose last sync failed: the failure */
	ROW_STALE_AGE,	/* ... and the age of what is shown */
	ROW_INPUT,
	ROW_OUTPUT,
	ROW_ONCALL,	/* a rotation covering the model: who now, until, then who */
	ROW_FETCH,
};

struct model_row {
	enum row_kind kind;
	size_t index;
	const char *text; /* headings and plain lines (static) */
};

struct model_state {
	bool found;
	struct hf_model_report r;
	bool has_reg;
	struct hf_reg_model reg;
	struct hf_activity *activity;
	size_t nactivity;
	struct hf_reg_alias_move *moves;
	size_t nmoves;
	struct model_row *rows;
	size_t nrows, alloc;
	struct hf_outbox_marks marks; /* what actions waiting in the outbox touch */
	char **inputs, **outputs;     /* the contract's fields, one line each (report_text.h) */
	size_t ninputs, noutputs;
	bool oc_loaded;
	struct hf_tui_oncall oc;      /* every rotation; rows name those covering the model */
	int title_cols;		      /* the widest checklist title, in columns */
	char *fetching;		      /* "v1, v2": versions whose runs opening fetches (compare.h) */
};

/* The model card's sections by their canonical names, in the card's order. */
extern const char *const hf_model_card_names[CARD_SECTIONS];

/* Whether the version is marked to compare (view_model.c keeps the marks). */
bool hf_model_marked(const char *version);

/* view_model_draw.c: the ops' draw_head and draw_row. */
void hf_model_draw_head(struct hf_view *v, struct hf_draw *d, int line);
void hf_model_draw_row(struct hf_view *v, struct hf_draw *d, size_t row);

#endif
