/* frame.c: one frame of the TUI: the top view's head and rows, the status line, the tabs; the test hooks' files after it */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handoff/tui_draw.h"
#include "handoff/tui_screen.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

#include "loop.h"

static void draw_status(struct tui *t, int y)
{
	struct hf_view *v = hf_tui_top(t);
	struct hf_draw d;
	char right[128];
	const char *filter = hf_list_filter(&v->list);
	int rw;

	if (t->prompt) {
		hf_tui_draw_prompt(t, y);
		return;
	}
	hf_draw_begin(&d, y, 0, t->cols, false);
	hf_screen_cursor(-1, 0);
	if (*filter)
		snprintf(right, sizeof(right), " /%s  %zu shown (Esc clears) ", filter,
			 hf_list_count_selectable(&v->list));
	else
		snprintf(right, sizeof(right), " ");
	/* actions not landed yet: how many, always in sight */
	if (t->waiting) {
		size_t len = strlen(right);

		snprintf(right + len, sizeof(right) - len, " \xE2\xA7\x97 %zu action%s waiting ",
			 t->waiting, t->waiting == 1 ? "" : "s");
	}
	if (t->unread) {
		size_t len = strlen(right);

		snprintf(right + len, sizeof(right) - len, " inbox: %zu new (i) ", t->unread);
	}
	rw = hf_width(right);
	if (t->sync)
		hf_draw_text(&d, HF_COLOR_STATUS, t->sync_text, t->cols - rw);
	else if (t->message)
		hf_draw_text(&d, t->message_error ? HF_COLOR_ERROR : HF_COLOR_STATUS, t->message,
			     t->cols - rw);
	else if (hf_tui_pending(t))
		hf_draw_text(&d, HF_COLOR_DIM, "reading models\xE2\x80\xA6", t->cols - rw);
	else
		hf_draw_text(&d, HF_COLOR_STATUS, "", t->cols - rw);
	hf_draw_right(&d, HF_COLOR_STATUS, right, rw);
	hf_draw_end(&d);
}

static void draw_tabs(struct tui *t, int y)
{
	struct hf_draw d;
	size_t cur = hf_tui_top_index(t);
	static const char hints[] = "/ filter  : command  ? help";

	hf_draw_begin(&d, y, 0, t->cols, false);
	for (size_t i = 0; i < NTOP; i++) {
		t->tab_x[i] = d.col;
		hf_draw_textf(&d, i == cur ? HF_COLOR_TAB_ACTIVE : HF_COLOR_TAB, -1, "[%zu]%s",
			      i + 1, hf_views[i]->title);
		hf_draw_space(&d, 1);
	}
	t->tab_x[NTOP] = d.col;
	if (hf_draw_left(&d) >= (int)sizeof(hints) + 2) {
		hf_draw_goto(&d, t->cols - (int)sizeof(hints));
		hf_draw_text(&d, HF_COLOR_KEY, hints, -1);
	} else if (hf_draw_left(&d) >= 7) {
		hf_draw_goto(&d, t->cols - 7);
		hf_draw_text(&d, HF_COLOR_KEY, "? help", -1);
	}
	hf_draw_end(&d);
}

static void write_idle(struct tui *t)
{
	char *tmp;
	FILE *f;

	if (!t->idle_file || t->sync || hf_tui_pending(t) || t->unread_stale)
		return;
	t->frame++;
	tmp = xasprintf("%s.tmp", t->idle_file);
	f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "%lu\n", t->frame);
		fclose(f);
		rename(tmp, t->idle_file);
	}
	free(tmp);
}

/* HANDOFF_TEST_FIRST_FRAME=FILE: the process's CPU time up to its first frame, for bench/tui-bench.sh */
static void write_first_frame(void)
{
	static bool written;
	const char *path = getenv("HANDOFF_TEST_FIRST_FRAME");
	struct timespec cpu;
	FILE *f;

	if (written || !path || !*path)
		return;
	written = true;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) || !(f = fopen(path, "w")))
		return;
	fprintf(f, "%.1f\n", (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6);
	fclose(f);
}

void hf_tui_draw_frame(struct tui *t)
{
	struct hf_view *v = hf_tui_top(t);
	size_t sel = hf_list_selected(&v->list);
	int y = 0, list_rows;

	if (t->full_redraw) {
		hf_screen_erase();
		t->full_redraw = false;
	}
	for (int i = 0; i < v->head_lines && y < t->rows - 2; i++, y++) {
		struct hf_draw d;

		hf_draw_begin(&d, y, 0, t->cols, false);
		if (v->ops->draw_head)
			v->ops->draw_head(v, &d, i);
		hf_draw_end(&d);
	}
	list_rows = t->rows - 2 - y;
	for (int i = 0; i < list_rows; i++, y++) {
		size_t row = hf_list_row_at(&v->list, i);
		struct hf_draw d;

		hf_draw_begin(&d, y, 0, t->cols, row != SIZE_MAX && row == sel);
		if (row != SIZE_MAX)
			v->ops->draw_row(v, &d, row);
		hf_draw_end(&d);
	}
	draw_status(t, t->rows - 2);
	draw_tabs(t, t->rows - 1);
	hf_screen_update();
	write_first_frame();
	write_idle(t);
}
