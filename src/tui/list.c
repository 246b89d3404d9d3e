/* list.c: the generic list widget: rows, filter as you type (! excludes), selection, scroll */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_list.h"
#include "handoff/xmalloc.h"

void hf_list_init(struct hf_list *l, hf_list_match_fn match, void *data)
{
	memset(l, 0, sizeof(*l));
	l->sel = SIZE_MAX;
	l->match = match;
	l->match_data = data;
}

void hf_list_release(struct hf_list *l)
{
	free(l->order);
	free(l->flags);
	free(l->shown);
	free(l->filter);
	hf_list_init(l, l->match, l->match_data);
}

void hf_list_reset(struct hf_list *l)
{
	l->n = 0;
	l->nshown = 0;
	HF_FREE(l->order);
	l->alloc_order = 0;
}

/* qsort has no context argument in C11: the UI thread sorts one list at a time */
static hf_list_cmp_fn sort_cmp;
static void *sort_data;

static int cmp_rows(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = sort_cmp(sort_data, x, y);

	return c ? c : x < y ? -1 : x > y;
}

void hf_list_sort(struct hf_list *l, hf_list_cmp_fn cmp, void *data)
{
	HF_FREE(l->order);
	l->alloc_order = 0;
	if (!cmp || !l->n)
		return;
	l->order = xcalloc(l->n, sizeof(*l->order));
	l->alloc_order = l->n;
	for (size_t i = 0; i < l->n; i++)
		l->order[i] = i;
	sort_cmp = cmp;
	sort_data = data;
	qsort(l->order, l->n, sizeof(*l->order), cmp_rows);
	sort_cmp = NULL;
	sort_data = NULL;
}

size_t hf_list_add(struct hf_list *l, unsigned flags)
{
	l->flags = xgrow(l->flags, l->n + 1, &l->alloc, 1);
	l->flags[l->n] = (unsigned char)flags;
	return l->n++;
}

void hf_list_set_flags(struct hf_list *l, size_t row, unsigned flags)
{
	if (row < l->n)
		l->flags[row] = (unsigned char)flags;
}

static bool selectable(const struct hf_list *l, size_t shown_index)
{
	return !(l->flags[l->shown[shown_index]] & (HF_ROW_HEADING | HF_ROW_INERT));
}

static void clamp_top(struct hf_list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->nshown <= h)
		l->top = 0;
	else if (l->top > l->nshown - h)
		l->top = l->nshown - h;
	if (l->sel != SIZE_MAX) {
		if (l->sel < l->top)
			l->top = l->sel;
		else if (l->sel >= l->top + h)
			l->top = l->sel - h + 1;
	}
}

/* Select the selectable row nearest to shown index i (forward first). */
static void select_near(struct hf_list *l, size_t i)
{
	if (i >= l->nshown)
		i = l->nshown ? l->nshown - 1 : 0;
	for (size_t j = i; j < l->nshown; j++) {
		if (selectable(l, j)) {
			l->sel = j;
			return;
		}
	}
	for (size_t j = i; j-- > 0;) {
		if (selectable(l, j)) {
			l->sel = j;
			return;
		}
	}
	l->sel = SIZE_MAX;
}

void hf_list_apply(struct hf_list *l)
{
	const char *needle = l->filter;
	bool exclude = false;
	size_t old_row = hf_list_selected(l), heading = SIZE_MAX;
	size_t keep_sel = l->sel;

	if (needle && *needle == '!') {
		exclude = true;
		needle++;
	}
	if (needle && !*needle)
		needle = NULL;
	free(l->shown);
	l->shown = xcalloc(l->n ? l->n : 1, sizeof(*l->shown));
	l->nshown = 0;
	for (size_t i = 0; i < l->n; i++) {
		size_t r = l->order && i < l->alloc_order ? l->order[i] : i;
		unsigned f = l->flags[r];

		if (f & HF_ROW_HIDDEN)
			continue;
		if (f & HF_ROW_HEADING) {
			heading = r;
			if (!needle)
				l->shown[l->nshown++] = r;
			continue;
		}
		if (!(f & HF_ROW_INERT) && needle && l->match &&
		    l->match(l->match_data, r, needle) == exclude)
			continue;
		if (needle && heading != SIZE_MAX) {
			l->shown[l->nshown++] = heading;
			heading = SIZE_MAX;
		}
		l->shown[l->nshown++] = r;
	}
	/* keep the same row selected when it is still shown, else the one nearest */
	l->sel = SIZE_MAX;
	if (old_row != SIZE_MAX) {
		for (size_t i = 0; i < l->nshown; i++) {
			if (l->shown[i] == old_row && selectable(l, i)) {
				l->sel = i;
				break;
			}
		}
	}
	if (l->sel == SIZE_MAX)
		select_near(l, keep_sel == SIZE_MAX ? 0 : keep_sel);
	clamp_top(l);
}

void hf_list_set_filter(struct hf_list *l, const char *text)
{
	free(l->filter);
	l->filter = NULL;
	if (text && *text) {
		l->filter = xstrdup(text);
		for (char *p = l->filter; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	hf_list_apply(l);
}

const char *hf_list_filter(const struct hf_list *l)
{
	return l->filter ? l->filter : "";
}

void hf_list_set_height(struct hf_list *l, int height)
{
	l->height = height > 0 ? height : 1;
	clamp_top(l);
}

void hf_list_move(struct hf_list *l, long delta)
{
	size_t i;

	if (l->sel == SIZE_MAX) {
		/* nothing selectable: scroll instead */
		hf_list_scroll(l, delta);
		return;
	}
	i = l->sel;
	while (delta > 0) {
		size_t j = i + 1;

		while (j < l->nshown && !selectable(l, j))
			j++;
		if (j >= l->nshown)
			break;
		i = j;
		delta--;
	}
	while (delta < 0) {
		size_t j = i;
		bool found = false;

		while (j-- > 0) {
			if (selectable(l, j)) {
				found = true;
				break;
			}
		}
		if (!found) {
			/* at the first selectable row: show the headings above it */
			l->top = 0;
			break;
		}
		i = j;
		delta++;
	}
	l->sel = i;
	if (i > 0 && l->top >= i && !selectable(l, i - 1))
		l->top = i - 1;
	clamp_top(l);
}

void hf_list_first(struct hf_list *l)
{
	select_near(l, 0);
	l->top = 0;
	clamp_top(l);
}

void hf_list_last(struct hf_list *l)
{
	select_near(l, l->nshown ? l->nshown - 1 : 0);
	l->top = l->nshown;
	clamp_top(l);
}

void hf_list_scroll(struct hf_list *l, long delta)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (delta < 0 && (size_t)-delta > l->top)
		l->top = 0;
	else
		l->top += delta;
	if (l->nshown <= h)
		l->top = 0;
	else if (l->top > l->nshown - h)
		l->top = l->nshown - h;
	/* keep the selection on screen */
	if (l->sel != SIZE_MAX && (l->sel < l->top || l->sel >= l->top + h))
		select_near(l, l->sel < l->top ? l->top : l->top + h - 1);
}

bool hf_list_click(struct hf_list *l, int line)
{
	size_t i = l->top + (size_t)line;

	if (line < 0 || i >= l->nshown || !selectable(l, i))
		return false;
	l->sel = i;
	return true;
}

void hf_list_select_row(struct hf_list *l, size_t row)
{
	for (size_t i = 0; i < l->nshown; i++) {
		if (l->shown[i] == row && selectable(l, i)) {
			l->sel = i;
			clamp_top(l);
			return;
		}
	}
}

size_t hf_list_selected(const struct hf_list *l)
{
	return l->sel != SIZE_MAX && l->sel < l->nshown ? l->shown[l->sel] : SIZE_MAX;
}

size_t hf_list_row_at(const struct hf_list *l, int line)
{
	size_t i = l->top + (size_t)line;

	return line >= 0 && i < l->nshown ? l->shown[i] : SIZE_MAX;
}

size_t hf_list_count_selectable(const struct hf_list *l)
{
	size_t c = 0;

	for (size_t i = 0; i < l->nshown; i++)
		c += selectable(l, i);
	return c;
}
