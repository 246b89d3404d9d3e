/* tui_list.h: the generic list widget every list view uses: rows, filter, selection, scrolling */
#ifndef HANDOFF_TUI_LIST_H
#define HANDOFF_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A list holds n rows identified by index (0..n-1); the view keeps what
 * each row means and supplies a match callback. The filter is the text
 * typed after "/": a row is shown when it contains the text (ignoring
 * case), or, with a leading "!", when it does not. Headings (HF_ROW_HEADING)
 * are never selected and are shown only when a row under them is. The
 * filter survives reloads: reset empties the rows only.
 */
enum hf_row_flags {
	HF_ROW_HEADING = 1 << 0, /* section title: not selectable, kept with its rows */
	HF_ROW_INERT = 1 << 1,	 /* text or chart line: not selectable, always shown */
	HF_ROW_HIDDEN = 1 << 2,	 /* never shown (a row found to be a duplicate later) */
};

/* True when row `row` contains needle (already lower-cased, not empty). */
typedef bool (*hf_list_match_fn)(void *data, size_t row, const char *needle);

struct hf_list {
	unsigned char *flags; /* per row */
	size_t n, alloc;
	size_t *shown; /* rows passing the filter, in order */
	size_t nshown;
	size_t sel;   /* index into shown; SIZE_MAX when nothing selectable */
	size_t top;   /* first shown index on screen */
	int height;   /* rows on screen */
	char *filter; /* NULL when none */
	hf_list_match_fn match;
	void *match_data;
	size_t *order; /* display order of the rows when sorted; NULL: row order */
	size_t alloc_order;
};

/* Order of two rows for hf_list_sort: <0, 0, >0 like strcmp. */
typedef int (*hf_list_cmp_fn)(void *data, size_t a, size_t b);

void hf_list_init(struct hf_list *l, hf_list_match_fn match, void *data);
/* Free everything, the filter too. */
void hf_list_release(struct hf_list *l);
/* Forget the rows (keep the filter and, by row number, the selection). */
void hf_list_reset(struct hf_list *l);
/* Add a row; returns its index. */
size_t hf_list_add(struct hf_list *l, unsigned flags);
/* Change a row's flags (call hf_list_apply after). */
void hf_list_set_flags(struct hf_list *l, size_t row, unsigned flags);
/*
 * Show the rows in the order cmp gives (stable: equal rows keep their row
 * order); NULL cmp goes back to row order. Only for lists without headings.
 * Call hf_list_apply after.
 */
void hf_list_sort(struct hf_list *l, hf_list_cmp_fn cmp, void *data);
/* Recompute the shown rows after adding rows or changing the filter. */
void hf_list_apply(struct hf_list *l);

/* Set (or clear with NULL/"") the filter and re-apply it. */
void hf_list_set_filter(struct hf_list *l, const char *text);
const char *hf_list_filter(const struct hf_list *l); /* "" when none */

void hf_list_set_height(struct hf_list *l, int height);
/* Move the selection by delta selectable rows (clamped); page = height. */
void hf_list_move(struct hf_list *l, long delta);
void hf_list_first(struct hf_list *l);
void hf_list_last(struct hf_list *l);
/* Scroll the view by delta rows without moving past the ends (mouse wheel). */
void hf_list_scroll(struct hf_list *l, long delta);
/* Select the row shown at screen line `line` (0 = first list line); false if none. */
bool hf_list_click(struct hf_list *l, int line);
/* Select row `row` if shown and selectable. */
void hf_list_select_row(struct hf_list *l, size_t row);

/* The selected row, or SIZE_MAX. */
size_t hf_list_selected(const struct hf_list *l);
/* The row on screen line `line`, or SIZE_MAX past the end. */
size_t hf_list_row_at(const struct hf_list *l, int line);
/* Rows shown that are selectable (for "12/340" counts). */
size_t hf_list_count_selectable(const struct hf_list *l);

#endif
