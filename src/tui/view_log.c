/* view_log.c: the log view: sync runs, then every error and warning with the file or URL it came from */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "handoff/clock.h"
#include "handoff/store.h"
#include "handoff/tui_view.h"

enum log_row_kind { ROW_HEADING_RUNS, ROW_RUN, ROW_NO_RUNS, ROW_HEADING_PROBLEMS, ROW_PROBLEM, ROW_NO_PROBLEMS };

struct log_row {
	enum log_row_kind kind;
	size_t index;
};

struct log_state {
	struct hf_sync_run *runs;
	size_t nruns;
	struct hf_problem *problems;
	size_t nproblems;
	struct log_row *rows;
	size_t nerrors;
};

static void add_row(struct hf_view *v, unsigned flags, enum log_row_kind kind, size_t index)
{
	struct log_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = realloc(s->rows, (r + 1) * sizeof(*s->rows));
	if (!s->rows)
		abort();
	s->rows[r].kind = kind;
	s->rows[r].index = index;
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
	for (size_t i = 0; i < s->nruns; i++)
		add_row(v, 0, ROW_RUN, i);
	if (!s->nruns)
		add_row(v, HF_ROW_INERT, ROW_NO_RUNS, 0);
	add_row(v, HF_ROW_HEADING, ROW_HEADING_PROBLEMS, 0);
	/* errors first, then warnings */
	for (int sev = HF_PROBLEM_ERROR; sev <= HF_PROBLEM_WARNING; sev++)
		for (size_t i = 0; i < s->nproblems; i++)
			if ((int)s->problems[i].severity == sev) {
				add_row(v, 0, ROW_PROBLEM, i);
				s->nerrors += sev == HF_PROBLEM_ERROR;
			}
	if (!s->nproblems)
		add_row(v, HF_ROW_INERT, ROW_NO_PROBLEMS, 0);
	return HF_OK;
}

static void log_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct log_state *s = v->state;

	hf_draw_text(d, HF_COLOR_TITLE, " Log", -1);
	hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu sync runs, %zu errors, %zu warnings", s->nruns,
		      s->nerrors, s->nproblems - s->nerrors);
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
		hf_draw_text(d, HF_COLOR_DIM, "   never synced: press r (or run 'handoff sync')", -1);
		break;
	case ROW_HEADING_PROBLEMS:
		hf_draw_text(d, HF_COLOR_SECTION, " ERRORS AND WARNINGS", -1);
		break;
	case ROW_NO_PROBLEMS:
		hf_draw_text(d, HF_COLOR_DIM, "   none", -1);
		break;
	case ROW_RUN: {
		const struct hf_sync_run *run = &s->runs[r->index];

		hf_time_format(run->finished ? run->finished : run->started, when, sizeof(when));
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, when, 21);
		hf_draw_text(d, HF_COLOR_DEFAULT, run->source, 14);
		hf_draw_text(d, HF_COLOR_DIM, run->type, 7);
		hf_draw_text(d, run->ok ? HF_COLOR_GOOD : HF_COLOR_ERROR, run->ok ? "ok" : "failed", 7);
		hf_draw_text(d, run->ok ? HF_COLOR_DEFAULT : HF_COLOR_ERROR,
			     run->ok ? run->detail : run->error, -1);
		break;
	}
	case ROW_PROBLEM: {
		const struct hf_problem *p = &s->problems[r->index];
		bool err = p->severity == HF_PROBLEM_ERROR;

		hf_draw_space(d, 1);
		hf_draw_text(d, err ? HF_COLOR_ERROR : HF_COLOR_WARNING, err ? "error" : "warning", 8);
		hf_draw_text(d, HF_COLOR_DIM, p->source, -1);
		hf_draw_text(d, HF_COLOR_DIM, ":", -1);
		hf_draw_text(d, HF_COLOR_DEFAULT, p->path, -1);
		hf_draw_text(d, HF_COLOR_DEFAULT, ": ", -1);
		if (p->field) {
			hf_draw_text(d, HF_COLOR_DEFAULT, p->field, -1);
			hf_draw_text(d, HF_COLOR_DEFAULT, ": ", -1);
		}
		hf_draw_text(d, HF_COLOR_DEFAULT, p->message, -1);
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

		return hf_view_contains(run->source, needle) || hf_view_contains(run->error, needle) ||
		       hf_view_contains(run->detail, needle) ||
		       hf_view_contains(run->ok ? "ok" : "failed", needle);
	}
	if (r->kind == ROW_PROBLEM) {
		const struct hf_problem *p = &s->problems[r->index];

		return hf_view_contains(p->source, needle) || hf_view_contains(p->path, needle) ||
		       hf_view_contains(p->field, needle) || hf_view_contains(p->message, needle) ||
		       hf_view_contains(p->severity == HF_PROBLEM_ERROR ? "error" : "warning", needle);
	}
	return false;
}

static void log_done(struct hf_view *v)
{
	struct log_state *s = v->state;

	hf_sync_runs_free(s->runs, s->nruns);
	hf_problems_free(s->problems, s->nproblems);
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
