/* loop.h: the TUI's main loop state, shared by tui.c (the loop), frame.c (drawing it) and the loop's helpers (prompts, commands, fetches) */
#ifndef HANDOFF_TUI_LOOP_H
#define HANDOFF_TUI_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/ctx.h"
#include "handoff/strbuf.h"
#include "handoff/tui_edit.h"
#include "handoff/tui_sync.h"
#include "handoff/tui_theme.h"
#include "handoff/tui_view.h"

#define NTOP	  7 /* views with the keys 1-7 */
#define MAX_DEPTH 16

enum prompt_kind { PROMPT_NONE = 0, PROMPT_FILTER, PROMPT_COMMAND, PROMPT_ASK, PROMPT_CONFIRM };

struct tui {
	struct hf_ctx *ctx;
	struct hf_store *store;
	const struct hf_conf *conf; /* NULL when there is no configuration */
	struct hf_view *views;	    /* one per hf_views entry */
	size_t nviews;
	struct hf_view *stack[MAX_DEPTH];
	int depth;
	int rows, cols;
	bool color;
	struct hf_theme theme;
	char *message;
	bool message_error;
	struct hf_tui_sync *sync;
	char sync_text[256];
	enum prompt_kind prompt;
	struct hf_strbuf input;
	char *filter_before; /* the filter when "/" was pressed (Esc restores it) */
	int tab_x[NTOP + 1]; /* where each tab starts in the bottom line */
	const char *idle_file;
	unsigned long frame;
	bool quit;
	bool full_redraw;
	bool snapshot;	       /* a read snapshot is open for the views' loads */
	int64_t auto_every_ms; /* background sync period (0: none) */
	int64_t auto_next_ms;  /* monotonic time of the next one */
	struct hf_tui_edit edit; /* the write action being asked or confirmed */
	const char *read_only;	 /* why write actions are off, or NULL */
	size_t waiting;		 /* actions not landed (the status line says so) */
	bool push_after;	 /* a push is due when the running sync ends */
	size_t unread;		 /* the user's unread inbox lines (the status line says so) */
	bool unread_stale;	 /* count them again when idle */
	char fetch_model[256];	 /* the model (and versions compared) whose runs t->sync fetches (fetch.c), or "" */
	char fetch_tried[256];	 /* the last one fetched: not again until a sync has run */
	char fetch_note[320];	 /* how its fetch goes (a view's fetch_note points here) */
};


/* tui.c: a status line message (text borrowed), reload every view, end the read snapshot. */
void hf_tui_say(struct tui *t, bool error, const char *text);
void hf_tui_sayf(struct tui *t, bool error, const char *fmt, ...) HF_PRINTF(3, 4);
void hf_tui_reload(struct tui *t);
void hf_tui_snapshot_close(struct tui *t);
/* Sync every source now, in the background; switch to theme `name`. */
void hf_tui_sync_now(struct tui *t);
void hf_tui_theme(struct tui *t, const char *name);

/* tui.c: the view on top, the tab it is under (a pushed view: its parent's), whether its background load goes on. */
struct hf_view *hf_tui_top(struct tui *t);
size_t hf_tui_top_index(struct tui *t);
bool hf_tui_pending(struct tui *t);

/* frame.c: draw the whole screen; then the test hooks' files (HANDOFF_TEST_IDLE, HANDOFF_TEST_FIRST_FRAME). */
void hf_tui_draw_frame(struct tui *t);

/* tui.c: action a for the top view, else the generic handling (as its key would). */
void hf_tui_dispatch(struct tui *t, enum hf_action a);

/* command.c: run ":line". */
void hf_tui_command(struct tui *t, const char *line);
/* Open view `name` with arg (taken; NULL: none). */
void hf_tui_open(struct tui *t, const char *name, char *arg);

/* user.c: the inbox and mine views of [user] handle (or say it is missing); the unread count. */
void hf_tui_open_user(struct tui *t, const char *name);
void hf_tui_count_unread(struct tui *t);

/* fetch.c: runs fetched on opening a model (compare.h), in the sync thread */
/* After a view loaded: start the fetch it asked for (view->fetch_runs), or say why not yet. */
void hf_tui_fetch_begin(struct tui *t, struct hf_view *v);
/* The sync thread finished (st): when it was a fetch, keep how it went for the view. */
void hf_tui_fetch_end(struct tui *t, const struct hf_tui_sync_state *st);

/* prompt.c */
/* How many actions wait in the outbox (pending, in conflict, refused): t->waiting. */
void hf_tui_count_waiting(struct tui *t);
/* Send what waits in the outbox, in the background (after the running sync, if any). */
void hf_tui_start_push(struct tui *t);
/* A view asked for a write action (view->act): its question, or what it will change. */
void hf_tui_act_begin(struct tui *t, struct hf_view *v);
/* A key while a prompt is open. */
void hf_tui_prompt_key(struct tui *t, int key);
/* The open prompt on line y (the cursor at its end). */
void hf_tui_draw_prompt(struct tui *t, int y);

#endif
