/* view_log.c: the log view: sync runs, then every error and warning with its file or URL */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/store.h"
#include "handoff/sanitize.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

enum log_row_kind {
	ROW_HEADING_RUNS,
	ROW_RUN,
	ROW_NO_RUNS,
	ROW_HEADING_PROBLEMS,
	ROW_PROBLEM,
	ROW_NO_PROBLEMS,
	ROW_MORE,
	ROW_HEADING_NOTES,
	ROW_NOTE
};

/* A run or problem whose text does not fit goes on under it in ROW_MORE lines. */
struct log_row {
	enum log_row_kind kind;
	size_t index;
	char *more; /* ROW_MORE: this line's part of the text (sanitised, owned) */
	bool error;
};

#define MESSAGE_COL 48 /* where the message of a run starts */
#define MORE_INDENT 6

struct log_state {
	struct hf_sync_run *runs;
	size_t nruns;
	struct hf_problem *problems;
	size_t nproblems;
	struct log_row *rows;
	size_t rows_alloc;
	size_t nerrors;
	char **notes; /* this session's warnings as they were at load (owned copies) */
	size_t nnotes;
};

static struct log_row *add_row(struct hf_view *v, unsigned flags, enum log_row_kind kind,
			       size_t index)
{
	struct log_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->rows_alloc, sizeof(*s->rows));
	s->rows[r].kind = kind;
	s->rows[r].index = index;
	s->rows[r].more = NULL;
	s->rows[r].error = false;
	return &s->rows[r];
}

/* The part of text past `first` columns, in lines of `width` columns, as ROW_MORE rows. */
static void add_more(struct hf_view *v, size_t owner, const char *text, int first, int width,
		     bool error)
{
	struct log_state *s = v->state;
	char *safe = hf_sanitize(text, HF_SANITIZE_TAB_AS_SPACE);
	const char *p = safe;
	int budget = first;

	if (width < 10)
		width = 10;
	while (*p) {
		/* take characters while they fit in the budget */
		const char *start = p;
		int used = 0;

		while (*p) {
			unsigned int cp;
			size_t n = hf_utf8_decode(p, strlen(p), &cp);
			char ch[8];
			int w;

			if (!n)
				n = 1;
			snprintf(ch, sizeof(ch), "%.*s", (int)n, p);
			w = hf_width(ch);
			if (used + w > budget)
				break;
			used += w;
			p += n;
		}
		/* a line that does not end the text breaks after its last blank, not mid-word */
		if (*p && p > start && *p != ' ') {
			const char *blank = p;

			while (blank > start && blank[-1] != ' ')
				blank--;
			if (blank > start)
				p = blank;
		}
		if (start == safe) {
			s->rows[owner].more = xstrndup(start, (size_t)(p - start));
		} else {
			struct log_row *row = add_row(v, HF_ROW_INERT, ROW_MORE, 0);

			row->more = xstrndup(start, (size_t)(p - start));
			row->error = error;
		}
		budget = width;
		if (p == start)
			break;
		while (*p == ' ')
			p++;
	}
	free(safe);
}

static enum hf_status log_load(struct hf_view *v, struct hf_store *store)
{
	struct log_state *s = v->state;
	enum hf_status rc;

	rc = hf_store_sync_history(store, 200, &s->runs, &s->nruns);
	if (rc)
		return rc;
	rc = hf_store_problems(store, &s->problems, &s->nproblems);
	if (rc)
		return rc;
	v->head_lines = 1;
	add_row(v, HF_ROW_HEADING, ROW_HEADING_RUNS, 0);
	v->reload_on_resize = true;
	for (size_t i = 0; i < s->nruns; i++) {
		const struct hf_sync_run *run = &s->runs[i];

		add_row(v, 0, ROW_RUN, i);
		add_more(v, v->list.n - 1,
			 run->ok      ? run->detail ? run->detail : ""
			 : run->error ? run->error
				      : "",
			 v->cols - MESSAGE_COL, v->cols - MORE_INDENT, !run->ok);
	}
	if (!s->nruns)
		add_row(v, HF_ROW_INERT, ROW_NO_RUNS, 0);
	add_row(v, HF_ROW_HEADING, ROW_HEADING_PROBLEMS, 0);
	/* errors first, then warnings */
	for (int sev = HF_PROBLEM_ERROR; sev <= HF_PROBLEM_WARNING; sev++)
		for (size_t i = 0; i < s->nproblems; i++)
			if ((int)s->problems[i].severity == sev) {
				const struct hf_problem *p = &s->problems[i];
				char *text = xasprintf("%s:%s: %s%s%s", p->source, p->path,
						       p->field ? p->field : "",
						       p->field ? ": " : "", p->message);

				add_row(v, 0, ROW_PROBLEM, i);
				add_more(v, v->list.n - 1, text, v->cols - 10,
					 v->cols - MORE_INDENT, false);
				free(text);
				s->nerrors += sev == HF_PROBLEM_ERROR;
			}
	if (!s->nproblems)
		add_row(v, HF_ROW_INERT, ROW_NO_PROBLEMS, 0);
	s->nnotes = hf_tui_notes_copy(&s->notes);
	if (s->nnotes)
		add_row(v, HF_ROW_HEADING, ROW_HEADING_NOTES, 0);
	for (size_t i = 0; i < s->nnotes; i++) {
		add_row(v, 0, ROW_NOTE, i);
		add_more(v, v->list.n - 1, s->notes[i], v->cols - 10, v->cols - MORE_INDENT, false);
	}
	return HF_OK;
}

static void log_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct log_state *s = v->state;

	hf_draw_text(d, HF_COLOR_TITLE, " Log", -1);
	size_t failed = 0, warnings = s->nproblems - s->nerrors + s->nnotes;

	for (size_t i = 0; i < s->nruns; i++)
		failed += !s->runs[i].ok;
	/* failed runs are counted apart from the errors found in files, so neither hides the other */
	hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu sync run%s", s->nruns, s->nruns == 1 ? "" : "s");
	if (failed)
		hf_draw_textf(d, HF_COLOR_ERROR, -1, ", %zu failed", failed);
	hf_draw_textf(d, HF_COLOR_DIM, -1, "; %zu error%s and %zu warning%s in files", s->nerrors,
		      s->nerrors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

static void log_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct log_state *s = v->state;
	const struct log_row *r = &s->rows[row];
	char when[32];

	switch (r->kind) {
	case ROW_HEADING_RUNS:
		hf_draw_text(d, HF_COLOR_SECTION, " SYNC RUNS (newest first)", -1);
		break;
	case ROW_NO_RUNS:
		hf_draw_text(d, HF_COLOR_DIM, "   never synced: press r (or run 'handoff sync')",
			     -1);
		break;
	case ROW_HEADING_PROBLEMS:
		hf_draw_text(d, HF_COLOR_SECTION, " ERRORS AND WARNINGS", -1);
		break;
	case ROW_NO_PROBLEMS:
		hf_draw_text(d, HF_COLOR_DIM, "   none", -1);
		break;
	case ROW_HEADING_NOTES:
		hf_draw_text(d, HF_COLOR_SECTION, " THIS SESSION (configuration, keys and theme)",
			     -1);
		break;
	case ROW_NOTE:
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_WARNING, "warning", 9);
		hf_draw_text(d, HF_COLOR_DEFAULT, r->more, -1);
		break;
	case ROW_MORE:
		hf_draw_space(d, MORE_INDENT);
		hf_draw_text(d, r->error ? HF_COLOR_ERROR : HF_COLOR_DEFAULT, r->more, -1);
		break;
	case ROW_RUN: {
		const struct hf_sync_run *run = &s->runs[r->index];

		hf_time_format_minutes(run->finished ? run->finished : run->started, when,
				       sizeof(when));
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, when, 17);
		hf_draw_text(d, HF_COLOR_DEFAULT, run->source, 14);
		hf_draw_text(d, HF_COLOR_DIM, run->type, 8);
		hf_draw_text(d, run->ok ? HF_COLOR_GOOD : HF_COLOR_ERROR, run->ok ? "ok" : "failed",
			     7);
		hf_draw_goto(d, MESSAGE_COL);
		hf_draw_text(d, run->ok ? HF_COLOR_DEFAULT : HF_COLOR_ERROR, r->more, -1);
		break;
	}
	case ROW_PROBLEM: {
		const struct hf_problem *p = &s->problems[r->index];
		bool err = p->severity == HF_PROBLEM_ERROR;

		hf_draw_space(d, 1);
		hf_draw_text(d, err ? HF_COLOR_ERROR : HF_COLOR_WARNING, err ? "error" : "warning",
			     9);
		hf_draw_text(d, HF_COLOR_DEFAULT, r->more, -1);
		break;
	}
	}
}

static bool log_match(struct hf_view *v, size_t row, const char *needle)
{
	struct log_state *s = v->state;
	const struct log_row *r = &s->rows[row];

	if (r->kind == ROW_RUN) {
		const struct hf_sync_run *run = &s->runs[r->index];

		return hf_view_contains(run->source, needle) ||
		       hf_view_contains(run->error, needle) ||
		       hf_view_contains(run->detail, needle) ||
		       hf_view_contains(run->ok ? "ok" : "failed", needle);
	}
	if (r->kind == ROW_NOTE)
		return hf_view_contains(s->notes[r->index], needle) ||
		       hf_view_contains("warning", needle);
	if (r->kind == ROW_PROBLEM) {
		const struct hf_problem *p = &s->problems[r->index];

		return hf_view_contains(p->source, needle) || hf_view_contains(p->path, needle) ||
		       hf_view_contains(p->field, needle) || hf_view_contains(p->message, needle) ||
		       hf_view_contains(p->severity == HF_PROBLEM_ERROR ? "error" : "warning",
					needle);
	}
	return false;
}

static void log_done(struct hf_view *v)
{
	struct log_state *s = v->state;

	hf_sync_runs_free(s->runs, s->nruns);
	hf_problems_free(s->problems, s->nproblems);
	hf_strv_free(s->notes, s->nnotes);
	for (size_t i = 0; i < v->list.n; i++)
		free(s->rows[i].more);
	free(s->rows);
}

const struct hf_view_ops hf_view_log = {
	.name = "log",
	.title = "log",
	.state_size = sizeof(struct log_state),
	.load = log_load,
	.draw_head = log_draw_head,
	.draw_row = log_draw_row,
	.match = log_match,
	.key = NULL,
	.resize = NULL,
	.done = log_done,
};
