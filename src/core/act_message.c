/* act_message.c: an action in words: the commit message, its summary, and the exact change on one line */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

/* ---- messages ---- */

/* People's text on one line: control characters (newlines too) become spaces. */
static void add_line(struct hf_strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		hf_strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void addv(struct hf_strbuf *sb, const char *fmt, const char *const *v)
{
	for (const char *p = fmt; *p; p++) {
		if (*p == '%' && p[1] == 's') {
			add_line(sb, *v++);
			p++;
		} else {
			hf_strbuf_addch(sb, *p);
		}
	}
}

/* fmt holds only %s, each filled with people's text on one line. */
#define ADD(sb, fmt, ...) addv(sb, fmt, (const char *const[]){ __VA_ARGS__ })

char *hf_act_summary(const struct hf_act *a)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	switch (a->kind) {
	case HF_ACT_TICK:
		ADD(&sb, "%s: %s done", a->model, a->item);
		if (a->evidence)
			ADD(&sb, " (evidence %s)", a->evidence);
		break;
	case HF_ACT_WAIVE:
		ADD(&sb, "%s: %s waived (%s", a->model, a->item, a->reason);
		if (a->until)
			ADD(&sb, "; until %s", a->until);
		hf_strbuf_addch(&sb, ')');
		break;
	case HF_ACT_REOPEN:
		ADD(&sb, "%s: %s reopened", a->model, a->item);
		break;
	case HF_ACT_NOTE:
		if (a->note && *a->note)
			ADD(&sb, "%s: note on %s: %s", a->model, a->item, a->note);
		else
			ADD(&sb, "%s: note on %s removed", a->model, a->item);
		break;
	case HF_ACT_SPRINT_ADD:
		ADD(&sb, "sprint %s: add %s \"%s\"", a->sprint, a->id ? a->id : "(new)", a->title);
		break;
	case HF_ACT_SPRINT_REMOVE:
		ADD(&sb, "sprint %s: remove %s", a->sprint, a->id);
		break;
	case HF_ACT_SPRINT_SET:
		if (!strcmp(a->field, "status"))
			ADD(&sb, "sprint %s: %s -> %s", a->sprint, a->id, a->value);
		else if (!strcmp(a->field, "owner"))
			ADD(&sb, "sprint %s: %s assigned to %s", a->sprint, a->id, a->value);
		else if (!strcmp(a->field, "blocked_by") && a->value && *a->value)
			ADD(&sb, "sprint %s: %s blocked by %s", a->sprint, a->id, a->value);
		else if (!strcmp(a->field, "blocked_by"))
			ADD(&sb, "sprint %s: %s no longer blocked", a->sprint, a->id);
		else
			ADD(&sb, "sprint %s: %s %s %s", a->sprint, a->id, a->field, a->value);
		break;
	case HF_ACT_CAPACITY:
		ADD(&sb, "sprint %s: capacity of %s %s", a->sprint, a->handle, a->value);
		break;
	case HF_ACT_OVERRIDE:
		ADD(&sb, "%s: %s on call %s to %s", a->rotation, a->who, a->from, a->to);
		if (a->reason && *a->reason)
			ADD(&sb, " (%s)", a->reason);
		break;
	case HF_ACT_PROMOTE:
		ADD(&sb, "%s: promote version %s to %s", a->model, a->version, a->alias);
		if (a->force)
			ADD(&sb, " (forced: %s)", a->reason);
		break;
	case HF_ACT_ALIAS_SET:
		ADD(&sb, "%s: alias %s -> version %s", a->model, a->alias, a->version);
		break;
	case HF_ACT_ALIAS_DELETE:
		ADD(&sb, "%s: alias %s deleted", a->model, a->alias);
		break;
	case HF_ACT_TAG_SET:
		ADD(&sb, "%s: version %s tag %s=%s", a->model, a->version, a->key,
		    a->value ? a->value : "");
		break;
	default:
		hf_strbuf_adds(&sb, "unknown action");
	}
	return hf_strbuf_detach(&sb);
}

char *hf_act_message(const struct hf_act *a)
{
	char *first = hf_act_summary(a), *msg;
	struct hf_strbuf by = HF_STRBUF_INIT;

	hf_strbuf_init(&by);
	add_line(&by, a->by);
	msg = xasprintf("%s\n\nHandoff-By: %s\n", first, by.buf);
	hf_strbuf_release(&by);
	free(first);
	return msg;
}

/* One side of a change: its bytes with white-space runs as one space, cut at max. */
static void change_side(struct hf_strbuf *sb, const char *s, size_t len, size_t max)
{
	bool space = false;
	size_t start = sb->len;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space && sb->len > start)
			hf_strbuf_addch(sb, ' ');
		space = false;
		if (sb->len - start >= max) {
			/* cut on a character boundary */
			while (sb->len > start && ((unsigned char)sb->buf[sb->len - 1] & 0xC0) == 0x80)
				hf_strbuf_setlen(sb, sb->len - 1);
			if (sb->len > start)
				hf_strbuf_setlen(sb, sb->len - 1);
			hf_strbuf_adds(sb, "...");
			return;
		}
		hf_strbuf_addch(sb, c);
	}
}

char *hf_text_change(const char *old, size_t old_len, const char *new, size_t new_len, size_t max)
{
	size_t pre = 0, suf = 0, os, oe, ns, ne;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	old = old ? old : "";
	new = new ? new : "";
	while (pre < old_len && pre < new_len && old[pre] == new[pre])
		pre++;
	while (suf < old_len - pre && suf < new_len - pre &&
	       old[old_len - 1 - suf] == new[new_len - 1 - suf])
		suf++;
	/* widen to whole lines */
	os = ns = pre;
	while (os > 0 && old[os - 1] != '\n')
		os--;
	ns = os;
	oe = old_len - suf;
	ne = new_len - suf;
	while (oe < old_len && old[oe] != '\n')
		oe++;
	while (ne < new_len && new[ne] != '\n')
		ne++;
	hf_strbuf_init(&sb);
	if (oe > os) {
		hf_strbuf_adds(&sb, "-");
		change_side(&sb, old + os, oe - os, max);
	}
	if (ne > ns) {
		hf_strbuf_adds(&sb, sb.len ? " +" : "+");
		change_side(&sb, new + ns, ne - ns, max);
	}
	return hf_strbuf_detach(&sb);
}
