/* tui.c: the one main loop: view stack, keys, prompt, status line, tabs, sync, themes */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/ascii.h"
#include "handoff/acting.h"
#include "handoff/clock.h"
#include "handoff/paths.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/tui.h"
#include "handoff/tui_data.h"
#include "handoff/tui_edit.h"
#include "handoff/tui_screen.h"
#include "handoff/tui_sync.h"
#include "handoff/tui_theme.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

#include "loop.h"

#define AUTO_SYNC_DEFAULT_S 300 /* a source's interval = 0 */

/* Sync every source as often as the most eager one asks ([source] interval, seconds). */
static void auto_sync_setup(struct tui *t)
{
	int64_t every = 0;

	for (size_t i = 0; t->conf && !t->ctx->demo && i < t->conf->nsources; i++) {
		long s = t->conf->sources[i].interval;
		int64_t ms = (s > 0 ? s : AUTO_SYNC_DEFAULT_S) * (int64_t)1000;

		if (t->conf->sources[i].interval < 0)
			continue;
		if (!every || ms < every)
			every = ms;
	}
	t->auto_every_ms = every;
	t->auto_next_ms = every ? hf_mono_ms() + every : 0;
}

/* Milliseconds to wait for input: the sync poll, the next automatic sync, or forever. */
static int input_timeout(struct tui *t, bool busy)
{
	int64_t wait = -1;

	if (busy)
		return 0;
	if (t->sync)
		return 100;
	if (t->auto_every_ms) {
		wait = t->auto_next_ms - hf_mono_ms();
		if (wait < 0)
			wait = 0;
	}
	/* without a frozen clock, redraw now and then so ages ("2m ago") move */
	if (!getenv("HANDOFF_NOW") && (wait < 0 || wait > 30000))
		wait = 30000;
	return wait > INT32_MAX ? INT32_MAX : (int)wait;
}

#define set_message hf_tui_sayf

void hf_tui_sayf(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	free(t->message);
	va_start(ap, fmt);
	t->message = xvasprintf(fmt, ap);
	va_end(ap);
	t->message_error = error;
}

struct hf_view *hf_tui_top(struct tui *t)
{
	return t->stack[t->depth - 1];
}

static struct hf_view *view_of(struct tui *t, const struct hf_view_ops *ops)
{
	for (size_t i = 0; i < t->nviews; i++)
		if (t->views[i].ops == ops)
			return &t->views[i];
	return NULL;
}

static bool view_match(void *data, size_t row, const char *needle)
{
	struct hf_view *v = data;

	return v->ops->match ? v->ops->match(v, row, needle) : true;
}

/* Lines of the screen the view gets: all but the status line and the tabs. */
static void view_layout(struct tui *t, struct hf_view *v)
{
	v->rows = t->rows - 2;
	v->cols = t->cols;
	if (v->loaded && v->ops->resize)
		v->ops->resize(v);
	hf_list_set_height(&v->list, v->rows - v->head_lines);
}

static void view_unload(struct hf_view *v)
{
	if (v->loaded && v->ops->done)
		v->ops->done(v);
	memset(v->state, 0, v->ops->state_size ? v->ops->state_size : 1);
	v->loaded = false;
	v->reload_on_resize = false;
	v->pending = false;
}

/*
 * Views read inside one read snapshot: opened for a load and kept while the
 * view goes on loading in slices between frames, closed when it is done,
 * so a sync committing meanwhile is seen whole (after the reload) or not
 * at all.
 */
static void snapshot_open(struct tui *t)
{
	if (!t->snapshot && t->store && hf_store_read_begin(t->store) == HF_OK)
		t->snapshot = true;
}

static void snapshot_close(struct tui *t)
{
	if (t->snapshot)
		hf_store_read_end(t->store);
	t->snapshot = false;
}

static void view_load(struct tui *t, struct hf_view *v)
{
	view_unload(v);
	hf_list_reset(&v->list);
	v->head_lines = 0;
	v->rows = t->rows - 2;
	v->cols = t->cols;
	snapshot_open(t);
	if (v->ops->load(v, t->store))
		set_message(t, true, "%s: %s", v->ops->name, hf_last_error());
	v->loaded = true;
	if (!v->pending)
		snapshot_close(t);
	hf_list_set_height(&v->list, v->rows - v->head_lines);
	hf_list_apply(&v->list);
	view_layout(t, v);
	hf_tui_fetch_begin(t, v);	/* runs opening a model fetches, in the background */
}

static void take_view_message(struct tui *t, struct hf_view *v)
{
	if (v->message) {
		free(t->message);
		t->message = v->message;
		t->message_error = false;
		v->message = NULL;
	}
}

static void push(struct tui *t, struct hf_view *v)
{
	if (t->depth < MAX_DEPTH)
		t->stack[t->depth++] = v;
	if (!v->loaded)
		view_load(t, v);
	take_view_message(t, v);
}

/* Switch to top-level view i: the stack becomes [pod] or [pod, view]. */
static void switch_top(struct tui *t, size_t i)
{
	t->depth = 1;
	/* the log is cheap and shows this session's notes too: always fresh */
	if (hf_views[i] == &hf_view_log)
		view_unload(&t->views[i]);
	if (i > 0)
		push(t, &t->views[i]);
}

size_t hf_tui_top_index(struct tui *t)
{
	const struct hf_view_ops *ops = hf_tui_top(t)->ops;

	for (size_t i = 0; i < NTOP; i++)
		if (hf_views[i] == ops)
			return i;
	/* a pushed view (detail, help): its parent's tab */
	for (int d = t->depth - 1; d >= 0; d--)
		for (size_t i = 0; i < NTOP; i++)
			if (hf_views[i] == t->stack[d]->ops)
				return i;
	return 0;
}

static void open_view(struct tui *t, const char *name, char *arg)
{
	const struct hf_view_ops *ops = hf_view_find(name);
	struct hf_view *v = ops ? view_of(t, ops) : NULL;

	if (!v) {
		set_message(t, true, "no view '%s'", name);
		free(arg);
		return;
	}
	for (size_t i = 0; i < NTOP; i++) {
		if (hf_views[i] == ops) {
			/* a top view opened with an argument loads again to take it */
			if (arg) {
				free(v->arg);
				v->arg = arg;
				view_unload(v);
			}
			switch_top(t, i);
			return;
		}
	}
	/* a detail view: reload when its argument changes */
	if (arg && (!v->arg || strcmp(v->arg, arg))) {
		free(v->arg);
		v->arg = arg;
		view_unload(v);
		v->list.sel = 0;
		v->list.top = 0;
	} else {
		free(arg);
		if (ops->fresh)
			view_unload(v);
	}
	/* never twice on the stack */
	for (int d = 0; d < t->depth; d++) {
		if (t->stack[d] == v) {
			t->depth = d + 1;
			if (!v->loaded)
				view_load(t, v);
			return;
		}
	}
	push(t, v);
}


static void reload_all(struct tui *t)
{
	hf_tui_count_waiting(t);
	t->unread_stale = true;
	for (size_t i = 0; i < t->nviews; i++)
		if (t->views[i].loaded)
			t->views[i].loaded = (view_unload(&t->views[i]), false);
	for (int d = 0; d < t->depth; d++)
		if (!t->stack[d]->loaded)
			view_load(t, t->stack[d]);
}

static void apply_theme(struct tui *t, const char *name, bool quiet)
{
	struct hf_theme theme;
	bool color = t->color && hf_screen_colors() >= 8;

	if (hf_theme_load(color ? name : "mono", &theme)) {
		if (!quiet)
			set_message(t, true, "%s", hf_last_error());
		if (t->theme.name)
			return;
		/* nothing loaded yet: the built-in fallback (reverse for the selection) */
		memset(&theme, 0, sizeof(theme));
		for (int i = 0; i < HF_COLOR__COUNT; i++)
			theme.styles[i].fg = theme.styles[i].bg = HF_COLOR_NONE;
		theme.styles[HF_COLOR_SELECTED].attrs = HF_ATTR_REVERSE;
		theme.name = xstrdup(name);
	}
	for (size_t i = 0; i < theme.nwarnings; i++)
		hf_tui_note(theme.warnings[i]);
	if (theme.nwarnings)
		set_message(t, true, "%s%s", theme.warnings[0],
			    theme.nwarnings > 1 ? " (more in the log, 7)" : "");
	else if (!quiet && !color)
		set_message(
			t, false,
			"theme '%s' noted; colours are off (NO_COLOR, --no-color or the terminal)",
			name);
	else if (!quiet)
		set_message(t, false, "theme '%s'", name);
	hf_theme_clear(&t->theme);
	t->theme = theme;
	if (!color) {
		free(t->theme.name);
		t->theme.name = xstrdup(name);
	}
	hf_draw_styles(t->theme.styles, color);
	t->full_redraw = true;
}

static void start_sync(struct tui *t)
{
	if (t->sync) {
		set_message(t, false, "a sync is already running");
		return;
	}
	if (t->ctx->demo) {
		set_message(t, false, "the demo pod is built in: there is nothing to sync");
		return;
	}
	if (!t->conf || !t->conf->nsources) {
		set_message(t, true, "no sources to sync: add [source \"NAME\"] to %s",
			    t->ctx->config_path);
		return;
	}
	t->sync = hf_tui_sync_start(t->ctx->db_path, t->conf, t->read_only ? 0 : HF_TUI_SYNC_PUSH);
	if (!t->sync)
		set_message(t, true, "%s", hf_last_error());
	else
		snprintf(t->sync_text, sizeof(t->sync_text), "syncing");
}

/* A database that has never synced while sources are configured: sync at once, not an empty screen. */
static void first_sync(struct tui *t)
{
	struct hf_sync_run *runs = NULL;
	size_t n = 0;

	if (t->ctx->demo || !t->conf || !t->conf->nsources)
		return;
	if (hf_store_sync_latest(t->store, &runs, &n)) {
		hf_error_clear();
		return;
	}
	hf_sync_runs_free(runs, n);
	if (!n)
		start_sync(t);
}

static void poll_sync(struct tui *t)
{
	struct hf_tui_sync_state st;

	if (!t->sync)
		return;
	hf_tui_sync_poll(t->sync, &st);
	snprintf(t->sync_text, sizeof(t->sync_text), "%s", st.text);
	if (!st.done)
		return;
	hf_tui_sync_finish(t->sync);
	t->sync = NULL;
	hf_tui_fetch_end(t, &st);
	set_message(t, st.failed > 0, "%s", st.text);
	snapshot_close(t);	/* the reload sees what the sync wrote */
	reload_all(t);
	if (t->push_after) {
		t->push_after = false;
		hf_tui_start_push(t);
	}
}


/* The generic handling of an action the view did not take. */
static void generic_action(struct tui *t, enum hf_action a)
{
	struct hf_view *v = hf_tui_top(t);
	struct hf_list *l = &v->list;

	switch (a) {
	case HF_ACTION_VIEW_POD:
	case HF_ACTION_VIEW_MODELS:
	case HF_ACTION_VIEW_READINESS:
	case HF_ACTION_VIEW_ONCALL:
	case HF_ACTION_VIEW_SPRINT:
	case HF_ACTION_VIEW_ACTIVITY:
	case HF_ACTION_VIEW_LOG:
		switch_top(t, (size_t)(a - HF_ACTION_VIEW_POD));
		break;
	case HF_ACTION_INBOX:
		hf_tui_open_user(t, "inbox");
		break;
	case HF_ACTION_MINE:
		hf_tui_open_user(t, "mine");
		break;
	case HF_ACTION_VIEW_NEXT:
		switch_top(t, (hf_tui_top_index(t) + 1) % NTOP);
		break;
	case HF_ACTION_VIEW_PREV:
		switch_top(t, (hf_tui_top_index(t) + NTOP - 1) % NTOP);
		break;
	case HF_ACTION_MOVE_DOWN:
		hf_list_move(l, 1);
		break;
	case HF_ACTION_MOVE_UP:
		hf_list_move(l, -1);
		break;
	case HF_ACTION_PAGE_DOWN:
		hf_list_move(l, l->height > 1 ? l->height - 1 : 1);
		break;
	case HF_ACTION_PAGE_UP:
		hf_list_move(l, -(l->height > 1 ? l->height - 1 : 1));
		break;
	case HF_ACTION_MOVE_FIRST:
		hf_list_first(l);
		break;
	case HF_ACTION_MOVE_LAST:
		hf_list_last(l);
		break;
	case HF_ACTION_BACK:
	case HF_ACTION_QUIT:
		/* a filtered list is cleared first: the view behind it stays, nothing quits */
		if (*hf_list_filter(l)) {
			hf_list_set_filter(l, "");
			set_message(t, false, "filter cleared");
		} else if (t->depth > 1) {
			t->depth--;
		} else if (a == HF_ACTION_QUIT) {
			t->quit = true;
		}
		break;
	case HF_ACTION_QUIT_NOW:
		t->quit = true;
		break;
	case HF_ACTION_FILTER:
		t->prompt = PROMPT_FILTER;
		free(t->filter_before);
		t->filter_before = xstrdup(hf_list_filter(l));
		hf_strbuf_reset(&t->input);
		hf_strbuf_adds(&t->input, hf_list_filter(l));
		break;
	case HF_ACTION_PROMPT:
		t->prompt = PROMPT_COMMAND;
		hf_strbuf_reset(&t->input);
		break;
	case HF_ACTION_HELP:
		open_view(t, "help", NULL);
		break;
	case HF_ACTION_SYNC:
		start_sync(t);
		break;
	case HF_ACTION_REDRAW:
		t->full_redraw = true;
		break;
	case HF_ACTION_MODELS_ALL:
		/* the registry's models too: the models view, opened for them */
		open_view(t, "models", xstrdup("all"));
		break;
	case HF_ACTION_TICK:
	case HF_ACTION_WAIVE:
	case HF_ACTION_REOPEN:
	case HF_ACTION_NOTE:
	case HF_ACTION_ITEM_MOVE:
	case HF_ACTION_ITEM_ASSIGN:
	case HF_ACTION_ITEM_POINTS:
	case HF_ACTION_ITEM_BLOCK:
	case HF_ACTION_ITEM_ADD:
	case HF_ACTION_ITEM_REMOVE:
	case HF_ACTION_CAPACITY:
	case HF_ACTION_OVERRIDE:
	case HF_ACTION_PROMOTE:
	case HF_ACTION_TAG:
		/* the views that show the thing take these; here there is nothing to change */
		set_message(t, false, "%s: open the view that shows it (model 2/Enter, readiness 3, "
			    "on-call 4, sprint 5)", hf_action_table[a - 1].name);
		break;
	case HF_ACTION_MARK:
	case HF_ACTION_COMPARE:
		set_message(t, false, "%s: open a model (Enter on it) and select one of its versions",
			    hf_action_table[a - 1].name);
		break;
	case HF_ACTION_ENTER:
	case HF_ACTION_GROUP:
	case HF_ACTION_HIDE_EQUAL:
	case HF_ACTION_SORT:
	case HF_ACTION_NONE:
	case HF_ACTION__COUNT:
		break;
	}
}

void hf_tui_dispatch(struct tui *t, enum hf_action a)
{
	struct hf_view *v = hf_tui_top(t);
	unsigned r = v->ops->key ? v->ops->key(v, a) : HF_REACT_NOT_MINE;

	take_view_message(t, v);
	if (r & HF_REACT_NOT_MINE) {
		generic_action(t, a);
		return;
	}
	if (r & HF_REACT_RELOAD)
		view_load(t, v);
	if (r & HF_REACT_OPEN) {
		char *arg = v->open_arg;

		v->open_arg = NULL;
		open_view(t, v->open_name, arg);
	}
	if (r & HF_REACT_ACT && v->act)
		hf_tui_act_begin(t, v);
	if (r & HF_REACT_BACK && t->depth > 1)
		t->depth--;
	if (r & HF_REACT_QUIT)
		t->quit = true;
}


static void handle_input(struct tui *t, const struct hf_input *in)
{
	struct hf_view *v = hf_tui_top(t);
	int list_y = v->head_lines;

	switch (in->type) {
	case HF_INPUT_RESIZE:
		hf_screen_size(&t->rows, &t->cols);
		for (size_t i = 0; i < t->nviews; i++) {
			struct hf_view *rv = &t->views[i];

			if (rv->loaded && rv->reload_on_resize)
				view_unload(rv);
			view_layout(t, rv);
		}
		for (int d = 0; d < t->depth; d++)
			if (!t->stack[d]->loaded)
				view_load(t, t->stack[d]);
		t->full_redraw = true;
		break;
	case HF_INPUT_KEY:
		if (t->prompt) {
			hf_tui_prompt_key(t, in->key);
		} else {
			enum hf_action a = hf_keymap_lookup(in->key);

			if (hf_action_hidden(a)) {
				set_message(t, true, "%s: edit keys are off", t->read_only);
			} else if (a == HF_ACTION_NONE) {
				char name[16];

				hf_key_name(in->key, name, sizeof(name));
				set_message(t, false, "key %s does nothing here (? shows the keys)",
					    name);
			} else {
				free(t->message);
				t->message = NULL;
				hf_tui_dispatch(t, a);
			}
		}
		break;
	case HF_INPUT_CLICK:
		if (in->y == t->rows - 1) {
			for (size_t i = 0; i < NTOP; i++)
				if (in->x >= t->tab_x[i] && in->x < t->tab_x[i + 1] - 1)
					switch_top(t, i);
		} else if (in->y >= list_y && in->y < t->rows - 2) {
			hf_list_click(&v->list, in->y - list_y);
		}
		break;
	case HF_INPUT_WHEEL_UP:
		hf_list_scroll(&v->list, -3);
		break;
	case HF_INPUT_WHEEL_DOWN:
		hf_list_scroll(&v->list, 3);
		break;
	case HF_INPUT_NONE:
		break;
	}
}

bool hf_tui_pending(struct tui *t)
{
	struct hf_view *v = hf_tui_top(t);

	return v->loaded && v->pending && v->ops->step;
}

/* A slice of the top view's background load; the filter is applied again to what came in. */
static void step_view(struct tui *t)
{
	struct hf_view *v = hf_tui_top(t);

	snapshot_open(t);
	v->pending = v->ops->step(v, 15);
	hf_list_apply(&v->list);
	if (!v->pending)
		snapshot_close(t);
}

static void tui_release(struct tui *t)
{
	hf_tui_sync_finish(t->sync);
	t->sync = NULL;
	for (size_t i = 0; i < t->nviews; i++) {
		struct hf_view *v = &t->views[i];

		view_unload(v);
		hf_list_release(&v->list);
		free(v->state);
		free(v->arg);
		free(v->open_arg);
		free(v->message);
		if (v->act)
			hf_act_clear(v->act);
		free(v->act);
		free(v->act_ask);
		free(v->act_field);
		free(v->act_preset);
	}
	free(t->views);
	hf_theme_clear(&t->theme);
	hf_strbuf_release(&t->input);
	free(t->message);
	free(t->filter_before);
	hf_tui_edit_clear(&t->edit);
}

/* The user's keys file; its problems go to the log view and the status line. */
static void load_keys(struct tui *t)
{
	char *dir = hf_path_config_dir(), *path = xasprintf("%s/keys", dir);
	char **warnings = NULL;
	size_t n = 0;

	if (hf_keymap_load(path, &warnings, &n))
		set_message(t, true, "%s", hf_last_error());
	for (size_t i = 0; i < n; i++) {
		hf_tui_note(warnings[i]);
		free(warnings[i]);
	}
	if (n && !t->message)
		set_message(t, true, "%zu problem%s in %s (see the log, 7)", n, n == 1 ? "" : "s",
			    path);
	free(warnings);
	free(path);
	free(dir);
}

int hf_tui_run(struct hf_ctx *ctx)
{
	struct tui t;
	const struct hf_conf *conf = NULL;
	const char *theme;
	int sig;

	memset(&t, 0, sizeof(t));
	t.ctx = ctx;
	hf_strbuf_init(&t.input);
	if (hf_ctx_store(ctx, &t.store))
		return hf_fail_last();
	if (hf_ctx_conf(ctx, &conf) == HF_OK) {
		t.conf = conf;
		for (size_t i = 0; i < conf->nwarnings; i++)
			hf_tui_note(conf->warnings[i]);
	} else if (ctx->config_given)
		return hf_fail_last();
	hf_error_clear();
	t.read_only = hf_acting_read_only(t.conf, ctx->read_only);
	hf_action_hide_edits(t.read_only != NULL);
	load_keys(&t);
	if (hf_screen_start()) {
		fprintf(stderr,
			"handoff: %s\n"
			"handoff: use the command line instead: 'handoff status', 'handoff "
			"models', "
			"'handoff show MODEL' (see 'handoff --help')\n",
			hf_last_error());
		return HF_EXIT_ERROR;
	}
	t.color = ctx->color;
	/* [ui] ascii decides over the automatic choice; --ascii over both */
	if (!ctx->ascii && t.conf && t.conf->ui_ascii_set)
		hf_ascii_set(t.conf->ui_ascii);
	t.idle_file = getenv("HANDOFF_TEST_IDLE");
	if (t.idle_file && !*t.idle_file)
		t.idle_file = NULL;
	hf_screen_size(&t.rows, &t.cols);
	theme = t.conf && t.conf->ui_theme ? t.conf->ui_theme : "dark";
	apply_theme(&t, theme, true);
	if (!t.message_error) {
		free(t.message);
		t.message = NULL;
	}
	for (t.nviews = 0; hf_views[t.nviews]; t.nviews++)
		;
	t.views = xcalloc(t.nviews, sizeof(*t.views));
	for (size_t i = 0; i < t.nviews; i++) {
		t.views[i].ops = hf_views[i];
		t.views[i].state =
			xcalloc(1, hf_views[i]->state_size ? hf_views[i]->state_size : 1);
		hf_list_init(&t.views[i].list, view_match, &t.views[i]);
	}
	push(&t, &t.views[0]);
	hf_tui_count_waiting(&t);
	auto_sync_setup(&t);
	first_sync(&t);
	t.unread_stale = true; /* counted after the first frame */
	/* nothing may write to the terminal curses owns: trace lines go to the log view */
	hf_trace_set_sink(hf_tui_trace_sink, NULL);
	while (!t.quit) {
		struct hf_input in;

		hf_tui_draw_frame(&t);
		if (hf_screen_caught())
			break;	/* SIGINT, SIGTERM, SIGHUP, SIGQUIT: restore the terminal and go */
		if (!hf_screen_read(&in, input_timeout(&t, hf_tui_pending(&t) || t.unread_stale))) {
			if (hf_screen_caught())
				break;
			hf_tui_traces_take();
			if (t.unread_stale && !hf_tui_pending(&t))
				hf_tui_count_unread(&t);
			if (hf_tui_pending(&t))
				step_view(&t);
			poll_sync(&t);
			if (t.auto_every_ms && !t.sync && hf_mono_ms() >= t.auto_next_ms) {
				start_sync(&t);
				t.auto_next_ms = hf_mono_ms() + t.auto_every_ms;
			}
			continue;
		}
		handle_input(&t, &in);
		/* take what was typed ahead before drawing again */
		while (!t.quit && hf_screen_read(&in, 0))
			handle_input(&t, &in);
		poll_sync(&t);
	}
	if (t.sync) {
		/* stop the transfers; a transaction under way finishes or rolls back first */
		hf_tui_sync_cancel(t.sync);
		if (!hf_screen_caught()) {
			snprintf(t.sync_text, sizeof(t.sync_text),
				 "stopping the sync\xE2\x80\xA6");
			hf_tui_draw_frame(&t);
		}
		hf_tui_sync_finish(t.sync);
		t.sync = NULL;
	}
	sig = hf_screen_caught();
	snapshot_close(&t);
	hf_screen_stop();
	hf_trace_set_sink(NULL, NULL);
	hf_tui_traces_take();
	tui_release(&t);
	hf_tui_notes_clear();
	hf_keymap_reset();
	return sig ? 128 + sig : HF_EXIT_OK;
}

/* For prompt.c: the loop's own helpers. */
void hf_tui_say(struct tui *t, bool error, const char *text)
{
	set_message(t, error, "%s", text);
}

void hf_tui_reload(struct tui *t)
{
	reload_all(t);
}

void hf_tui_snapshot_close(struct tui *t)
{
	snapshot_close(t);
}

void hf_tui_sync_now(struct tui *t)
{
	start_sync(t);
}

void hf_tui_theme(struct tui *t, const char *name)
{
	apply_theme(t, name, false);
}

void hf_tui_open(struct tui *t, const char *name, char *arg)
{
	open_view(t, name, arg);
}
