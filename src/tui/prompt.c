/* prompt.c: the one-line prompts under the views: filter, command line, and a write action's question and yes/no */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_draw.h"
#include "handoff/tui_screen.h"
#include "handoff/xmalloc.h"
#include "loop.h"

static struct hf_view *top(struct tui *t)
{
	return t->stack[t->depth - 1];
}

/* How many actions wait in the outbox (pending, in conflict, refused). */
void hf_tui_count_waiting(struct tui *t)
{
	if (hf_store_outbox_count(t->store, HF_OUTBOX_OPEN, &t->waiting))
		hf_error_clear();
}

/* Send what waits in the outbox, in the background (after the running sync, if any). */
void hf_tui_start_push(struct tui *t)
{
	if (t->read_only) {
		char *msg = xasprintf("%s: nothing is sent", t->read_only);

		hf_tui_say(t, true, msg);
		free(msg);
		return;
	}
	if (t->sync) {
		t->push_after = true;
		return;
	}
	if (!t->conf)
		return;
	t->sync = hf_tui_sync_start(t->ctx->db_path, t->conf, HF_TUI_SYNC_PUSH_ONLY);
	if (!t->sync)
		hf_tui_say(t, true, hf_last_error());
	else
		snprintf(t->sync_text, sizeof(t->sync_text), "pushing");
}

/* A view asked for a write action: ask its question, or show what it will change. */
static void edit_prepare(struct tui *t, const char *answer)
{
	hf_tui_snapshot_close(t);
	if (hf_tui_edit_prepare(&t->edit, t->store, t->conf, answer)) {
		hf_tui_say(t, true, hf_last_error());
		hf_tui_edit_clear(&t->edit);
		t->prompt = PROMPT_NONE;
		return;
	}
	t->prompt = PROMPT_CONFIRM;
}

void hf_tui_act_begin(struct tui *t, struct hf_view *v)
{
	struct hf_act *a = v->act;

	v->act = NULL;
	hf_tui_edit_clear(&t->edit);
	if (t->read_only) {
		char *msg = xasprintf("%s: nothing is changed", t->read_only);

		hf_tui_say(t, true, msg);
		free(msg);
		hf_act_clear(a);
		free(a);
		return;
	}
	hf_tui_edit_begin(&t->edit, a, v->act_ask, v->act_field, v->act_preset);
	free(a);
	if (t->edit.question) {
		t->prompt = PROMPT_ASK;
		hf_strbuf_reset(&t->input);
		hf_strbuf_adds(&t->input, t->edit.preset ? t->edit.preset : "");
		return;
	}
	edit_prepare(t, NULL);
}

/* Yes: queue it (the views show it at once, pending) and push it in the background. */
static void edit_confirm(struct tui *t)
{
	int64_t id = 0;
	char *queued = NULL;

	t->prompt = PROMPT_NONE;
	hf_tui_snapshot_close(t);
	if (hf_tui_edit_queue(&t->edit, t->store, t->conf, &id))
		hf_tui_say(t, true, hf_last_error());
	else if (!id)
		hf_tui_say(t, false, "nothing to change: the pod already says so");
	else
		queued = xasprintf("queued: %s", t->edit.summary);
	if (queued)
		hf_tui_say(t, false, queued);
	free(queued);
	hf_tui_edit_clear(&t->edit);
	hf_tui_reload(t);
	if (id)
		hf_tui_start_push(t);
}

static void utf8_pop(struct hf_strbuf *sb)
{
	size_t len = sb->len;

	while (len > 0 && ((unsigned char)sb->buf[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	hf_strbuf_setlen(sb, len);
}

static void utf8_push(struct hf_strbuf *sb, int key)
{
	char buf[8];
	int n;

	if (key < 0x80) {
		hf_strbuf_addch(sb, (char)key);
		return;
	}
	if (key < 0x800)
		n = snprintf(buf, sizeof(buf), "%c%c", 0xC0 | (key >> 6), 0x80 | (key & 0x3F));
	else if (key < 0x10000)
		n = snprintf(buf, sizeof(buf), "%c%c%c", 0xE0 | (key >> 12),
			     0x80 | ((key >> 6) & 0x3F), 0x80 | (key & 0x3F));
	else
		n = snprintf(buf, sizeof(buf), "%c%c%c%c", 0xF0 | (key >> 18),
			     0x80 | ((key >> 12) & 0x3F), 0x80 | ((key >> 6) & 0x3F),
			     0x80 | (key & 0x3F));
	hf_strbuf_add(sb, buf, (size_t)n);
}

void hf_tui_draw_prompt(struct tui *t, int y)
{
	struct hf_draw d;

	/* a rotation edit: what it does to the shifts, on the line above the question */
	if (t->prompt == PROMPT_CONFIRM && t->edit.detail && y > 0) {
		hf_draw_begin(&d, y - 1, 0, t->cols, false);
		hf_draw_text(&d, HF_COLOR_PROMPT, t->edit.detail, -1);
		hf_draw_end(&d);
	}
	hf_draw_begin(&d, y, 0, t->cols, false);
	if (t->prompt == PROMPT_CONFIRM) {
		hf_draw_text(&d, HF_COLOR_PROMPT, "push? [y/n] ", -1);
		hf_draw_text(&d, HF_COLOR_PROMPT, t->edit.preview, -1);
		hf_draw_end(&d);
		hf_screen_cursor(y, 11);
		return;
	}
	if (t->prompt == PROMPT_ASK) {
		hf_draw_text(&d, HF_COLOR_PROMPT, t->edit.question, -1);
		hf_draw_text(&d, HF_COLOR_PROMPT, ": ", 2);
	} else {
		hf_draw_text(&d, HF_COLOR_PROMPT, t->prompt == PROMPT_FILTER ? "/" : ":", 1);
	}
	hf_draw_text(&d, HF_COLOR_PROMPT, t->input.buf, -1);
	hf_draw_end(&d);
	hf_screen_cursor(y, d.col < t->cols ? d.col : t->cols - 1);
}

void hf_tui_prompt_key(struct tui *t, int key)
{
	struct hf_view *v = top(t);
	bool changed = false;

	if (t->prompt == PROMPT_CONFIRM) {
		if (key == 'y' || key == 'Y' || key == HF_KEY_ENTER) {
			edit_confirm(t);
		} else {
			t->prompt = PROMPT_NONE;
			hf_tui_edit_clear(&t->edit);
			hf_tui_say(t, false, "not changed");
		}
		return;
	}
	if (key == HF_KEY_ESC || key == HF_KEY_CTRL('c') || key == HF_KEY_CTRL('g')) {
		if (t->prompt == PROMPT_FILTER)
			hf_list_set_filter(&v->list, t->filter_before);
		if (t->prompt == PROMPT_ASK) {
			hf_tui_edit_clear(&t->edit);
			hf_tui_say(t, false, "not changed");
		}
		t->prompt = PROMPT_NONE;
		return;
	}
	if (key == HF_KEY_ENTER) {
		enum prompt_kind k = t->prompt;
		char *line = xstrdup(t->input.buf);

		t->prompt = PROMPT_NONE;
		if (k == PROMPT_COMMAND)
			hf_tui_command(t, line);
		else if (k == PROMPT_ASK)
			edit_prepare(t, line);
		else
			hf_list_set_filter(&v->list, line);
		free(line);
		return;
	}
	if (key == HF_KEY_BACKSPACE) {
		if (!t->input.len) {
			if (t->prompt == PROMPT_ASK)
				hf_tui_edit_clear(&t->edit);
			t->prompt = PROMPT_NONE;
			return;
		}
		utf8_pop(&t->input);
		changed = true;
	} else if (key == HF_KEY_CTRL('u')) {
		hf_strbuf_reset(&t->input);
		changed = true;
	} else if (key >= 0x20 && key < 0x110000 && key != 0x7f) {
		utf8_push(&t->input, key);
		changed = true;
	}
	/* filter as you type */
	if (changed && t->prompt == PROMPT_FILTER)
		hf_list_set_filter(&v->list, t->input.buf);
}
