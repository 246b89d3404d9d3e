/* view.c: the list of views and the small helpers every view shares */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

const struct hf_view_ops *const hf_views[] = {
	&hf_view_pod,	   &hf_view_models, &hf_view_readiness, &hf_view_oncall, &hf_view_sprint,
	&hf_view_activity, &hf_view_log,    &hf_view_model,	&hf_view_help,	 &hf_view_inbox,
	&hf_view_mine,	   &hf_view_compare, NULL,
};

const struct hf_view_ops *hf_view_find(const char *name)
{
	for (size_t i = 0; hf_views[i]; i++)
		if (!strcmp(hf_views[i]->name, name))
			return hf_views[i];
	/* a few spellings people type */
	if (!strcmp(name, "oncall"))
		return &hf_view_oncall;
	return NULL;
}

unsigned hf_view_open(struct hf_view *view, const char *name, const char *arg)
{
	view->open_name = name;
	free(view->open_arg);
	view->open_arg = xstrdup(arg);
	return HF_REACT_OPEN;
}

unsigned hf_view_act(struct hf_view *view, struct hf_act *act, const char *question,
		     const char *field, const char *preset)
{
	if (view->act) {
		hf_act_clear(view->act);
		free(view->act);
	}
	view->act = xmalloc(sizeof(*view->act));
	*view->act = *act;
	memset(act, 0, sizeof(*act));
	free(view->act_ask);
	free(view->act_field);
	free(view->act_preset);
	view->act_ask = xstrdup(question);
	view->act_field = xstrdup(field);
	view->act_preset = xstrdup(preset);
	return HF_REACT_ACT;
}

void hf_view_message(struct hf_view *view, const char *fmt, ...)
{
	va_list ap;

	free(view->message);
	va_start(ap, fmt);
	view->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/* "V1 V2 MODEL", "-" for a version left to the default: versions hold no blank, names may */
char *hf_view_compare_arg(const char *model, const char *v1, const char *v2)
{
	return xasprintf("%s %s %s", v1 ? v1 : "-", v2 ? v2 : "-", model);
}

bool hf_view_contains(const char *hay, const char *needle)
{
	size_t nlen = strlen(needle);

	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;

		while (i < nlen && hay[i] && tolower((unsigned char)hay[i]) == needle[i])
			i++;
		if (i == nlen)
			return true;
	}
	return false;
}

void hf_view_draw_lead(struct hf_draw *d, int n)
{
	if (d->selected) {
		hf_draw_text(d, HF_COLOR_SELECTED, "\xE2\x96\xB6", 1);	/* ">" in ASCII mode */
		n--;
	}
	hf_draw_space(d, n);
}

void hf_view_draw_stage(struct hf_draw *d, int stage_index)
{
	char dots[32];
	size_t len = 0;
	int reached = stage_index < 0 ? 0 : stage_index >= 6 ? 7 : stage_index + 1;

	dots[0] = '\0';
	for (int i = 0; i < reached; i++)
		len += (size_t)snprintf(dots + len, sizeof(dots) - len, "\xE2\x97\x8F"); /* ● */
	if (reached)
		hf_draw_text(d, HF_COLOR_STAGE_DONE, dots, -1);
	len = 0;
	dots[0] = '\0';
	for (int i = reached; i < 7; i++)
		len += (size_t)snprintf(dots + len, sizeof(dots) - len, "\xE2\x97\x8B"); /* ○ */
	if (reached < 7)
		hf_draw_text(d, HF_COLOR_STAGE_TODO, dots, -1);
}
