/* edit.c: a write action from a TUI key: its answer, the same checks as the command line, the preview, the queue */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/acting.h"
#include "handoff/clock.h"
#include "handoff/rotation_edit.h"
#include "handoff/strbuf.h"
#include "handoff/tui_edit.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"

void hf_tui_edit_begin(struct hf_tui_edit *e, struct hf_act *act, const char *question,
		       const char *field, const char *preset)
{
	memset(e, 0, sizeof(*e));
	e->act = *act;
	memset(act, 0, sizeof(*act));
	e->question = xstrdup(question);
	e->field = xstrdup(field);
	e->preset = xstrdup(preset);
}

void hf_tui_edit_clear(struct hf_tui_edit *e)
{
	hf_act_clear(&e->act);
	free(e->field);
	free(e->question);
	free(e->preset);
	free(e->preview);
	free(e->summary);
	free(e->detail);
	memset(e, 0, sizeof(*e));
}

/* The next word of *p (moved past it and the blanks after), or NULL at the end. */
static char *word(const char **p)
{
	const char *s = *p + strspn(*p, " "), *end = s + strcspn(s, " ");
	char *w;

	if (s == end)
		return NULL;
	w = xstrndup(s, (size_t)(end - s));
	*p = end + strspn(end, " ");
	return w;
}

/* "TITLE points=N kind=K owner=H model=M status=S": the title is what is not key=value. */
static enum hf_status parse_item(struct hf_act *a, const char *answer)
{
	static const char *const keys[] = { "points", "kind", "owner", "model", "status", "id", NULL };
	struct hf_strbuf title = HF_STRBUF_INIT;
	const char *p = answer;
	char *w;

	hf_strbuf_init(&title);
	while ((w = word(&p))) {
		char *eq = strchr(w, '=');
		bool taken = false;

		for (size_t i = 0; eq && keys[i]; i++) {
			if ((size_t)(eq - w) == strlen(keys[i]) && !strncmp(w, keys[i], strlen(keys[i]))) {
				hf_act_set(a, strcmp(keys[i], "kind") ? keys[i] : "type", eq + 1);
				taken = true;
			}
		}
		if (!taken)
			hf_strbuf_addf(&title, "%s%s", title.len ? " " : "", w);
		free(w);
	}
	a->auto_id = !a->id;
	if (!a->type)
		a->type = xstrdup("shared");
	hf_act_set(a, "title", title.len ? title.buf : NULL);
	hf_strbuf_release(&title);
	if (!a->title)
		return hf_error(HF_EINVAL, "a new item needs a title: TITLE points=N [kind=K owner=H]");
	if (!a->points)
		return hf_error(HF_EINVAL, "how big is it? add points=N after the title");
	return HF_OK;
}

/* "FROM TO [REASON]". */
static enum hf_status parse_span(struct hf_act *a, const char *answer)
{
	const char *p = answer;
	char *from = word(&p), *to = word(&p);

	free(a->from);
	free(a->to);
	a->from = from;
	a->to = to;
	hf_act_set(a, "reason", *p ? p : NULL);
	if (!from || !to)
		return hf_error(HF_EINVAL, "an override needs FROM TO, such as 2026-12-04T09:00 "
				"2026-12-04T18:00");
	return HF_OK;
}

/* An edit of oncall/NAME.json: what it changes over the next 8 weeks, for the confirm step (none when that cannot be told). */
static void rotation_detail(struct hf_tui_edit *e, struct hf_store *store, const struct hf_wb_preview *p)
{
	const char *name = p->file && !strncmp(p->file, "oncall/", 7) ? p->file + 7 : NULL;
	size_t len = name ? strlen(name) : 0;
	int64_t now = hf_now();
	char *rot, *line = NULL;

	free(e->detail);
	e->detail = NULL;
	if (!p->text || len <= 5 || strcmp(name + len - 5, ".json") != 0)
		return;
	rot = xstrndup(name, len - 5);
	if (hf_rotation_edit_line(store, rot, p->text, p->len, now, now + 8 * 7 * 86400, &line))
		hf_error_clear();
	else
		e->detail = xasprintf("if yes (%s, next 8 weeks): %s", rot, line);
	free(line);
	free(rot);
}

enum hf_status hf_tui_edit_prepare(struct hf_tui_edit *e, struct hf_store *store,
				   const struct hf_conf *conf, const char *answer)
{
	struct hf_act *a = &e->act;
	struct hf_wb_preview p = { 0 };
	const char *who;
	char today[16];
	enum hf_status rc;

	if (e->field && answer) {
		const char *eq = strchr(answer, '=');

		if (!strcmp(e->field, "item")) {
			rc = parse_item(a, answer);
		} else if (!strcmp(e->field, "span")) {
			rc = parse_span(a, answer);
		} else if (!strcmp(e->field, "kv")) {
			/* KEY=VALUE of a tag */
			rc = eq && eq > answer ? HF_OK
				: hf_error(HF_EINVAL, "a tag is KEY=VALUE, not '%s'", answer);
			if (!rc) {
				free(a->key);
				a->key = xstrndup(answer, (size_t)(eq - answer));
				hf_act_set(a, "value", eq + 1);
			}
		} else {
			/* an empty answer leaves an optional field out; a note "" removes the note */
			rc = hf_act_set(a, e->field,
					*answer || !strcmp(e->field, "note") ||
							!strcmp(e->field, "value")
						? answer : NULL)
				     ? HF_OK
				     : hf_error(HF_EINVAL, "no field '%s' to fill", e->field);
		}
		if (rc)
			return rc;
	}
	if (!conf)
		return hf_error(HF_EINVAL, "no configuration: nothing to write to");
	if ((rc = hf_acting_user(store, conf, &who)))
		return rc;
	hf_act_set(a, "by", who);
	if (a->kind == HF_ACT_OVERRIDE && !a->who)
		hf_act_set(a, "who", who);	/* "I cover": the shift is yours */
	hf_date_format(hf_now(), today, sizeof(today));
	hf_act_set(a, "at", today);
	if (a->kind == HF_ACT_PROMOTE) {
		bool ready = false;
		char *why = NULL;

		if ((rc = hf_acting_gate(store, a->model, a->version, &ready, &why)))
			return rc;
		if (!ready) {
			rc = hf_error(HF_EINVAL, "%s; to force it, on the record: handoff promote %s %s "
				      "--force --reason TEXT", why, a->model, a->version);
			free(why);
			return rc;
		}
	}
	if ((rc = hf_acting_resolve(store, conf, a)) || (rc = hf_act_validate(a)) ||
	    (rc = hf_wb_preview(store, conf, a, &p)))
		return rc;
	if (p.nothing) {
		rc = hf_error(HF_EINVAL, "nothing to change: %s already says so", p.file);
	} else {
		free(e->preview);
		free(e->summary);
		e->preview = xasprintf("commit: %s  %s%s%s", p.message, p.file ? p.file : "",
				       p.file ? ": " : "", p.change);
		e->summary = xstrdup(p.message);
		rotation_detail(e, store, &p);
	}
	hf_wb_preview_clear(&p);
	return rc;
}

enum hf_status hf_tui_edit_queue(struct hf_tui_edit *e, struct hf_store *store,
				 const struct hf_conf *conf, int64_t *id)
{
	return hf_wb_queue(store, conf, &e->act, id);
}
