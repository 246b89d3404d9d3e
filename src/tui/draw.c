/* draw.c: the drawing layer over curses: a style per colour role, rows of sanitised text */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/ascii.h"
#include "handoff/sanitize.h"
#include "handoff/tui_draw.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

static const char *const role_names[] = {
#define ROLE_NAME(e, name, help) name,
	HF_COLOR_ROLES(ROLE_NAME)
#undef ROLE_NAME
};
static const char *const role_helps[] = {
#define ROLE_HELP(e, name, help) help,
	HF_COLOR_ROLES(ROLE_HELP)
#undef ROLE_HELP
};

/* The curses attribute (colour pair included) of each role. */
static attr_t role_attr[HF_COLOR__COUNT];
static bool using_color;

int hf_color_parse(const char *name)
{
	for (int i = 0; i < HF_COLOR__COUNT; i++)
		if (!strcmp(role_names[i], name))
			return i;
	return -1;
}

const char *hf_color_name(enum hf_color role)
{
	return role < HF_COLOR__COUNT ? role_names[role] : "?";
}

const char *hf_color_help(enum hf_color role)
{
	return role < HF_COLOR__COUNT ? role_helps[role] : "";
}

/* The xterm palette's RGB for entries 0..255. */
static void palette_rgb(int c, int *r, int *g, int *b)
{
	static const int base[16][3] = {
		{0, 0, 0},	 {205, 0, 0},	{0, 205, 0},   {205, 205, 0},
		{0, 0, 238},	 {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},	{0, 255, 0},   {255, 255, 0},
		{92, 92, 255},	 {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const int steps[6] = {0, 95, 135, 175, 215, 255};

	if (c < 16) {
		*r = base[c][0];
		*g = base[c][1];
		*b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = steps[c / 36];
		*g = steps[(c / 6) % 6];
		*b = steps[c % 6];
	} else {
		*r = *g = *b = 8 + (c - 232) * 10;
	}
}

int hf_color_degrade(int color, int ncolors)
{
	int r, g, b, best = 0;
	long best_d = -1;

	if (color < 0)
		return HF_COLOR_NONE;
	if (!(color & HF_RGB_FLAG) && color < ncolors)
		return color;
	if (color & HF_RGB_FLAG) {
		r = (color >> 16) & 0xff;
		g = (color >> 8) & 0xff;
		b = color & 0xff;
	} else {
		palette_rgb(color & 0xff, &r, &g, &b);
	}
	if (ncolors < 8)
		return HF_COLOR_NONE;
	/* with 8 colours, classify by which channels are lit (a nearest match turns greys black) */
	if (ncolors < 16) {
		int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
		int cut = hi / 2 > 60 ? hi / 2 : 60;

		if (hi < 60)
			return 0;
		return (r >= cut ? 1 : 0) | (g >= cut ? 2 : 0) | (b >= cut ? 4 : 0);
	}
	for (int c = 0; c < ncolors && c < 256; c++) {
		int pr, pg, pb;
		long d;

		palette_rgb(c, &pr, &pg, &pb);
		d = (long)(pr - r) * (pr - r) + (long)(pg - g) * (pg - g) +
		    (long)(pb - b) * (pb - b);
		if (best_d < 0 || d < best_d) {
			best_d = d;
			best = c;
		}
	}
	return best;
}

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & HF_ATTR_BOLD)
		r |= A_BOLD;
	if (a & HF_ATTR_DIM)
		r |= A_DIM;
	if (a & HF_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & HF_ATTR_REVERSE)
		r |= A_REVERSE;
#ifdef A_ITALIC
	if (a & HF_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	if (a & HF_ATTR_BLINK)
		r |= A_BLINK;
	return r;
}

void hf_draw_styles(const struct hf_style styles[HF_COLOR__COUNT], bool color)
{
	static bool started;

	/* COLORS and COLOR_PAIRS are known only once colour is started */
	if (color && has_colors() && !started) {
		start_color();
		use_default_colors();
		started = true;
	}
	using_color = color && started && COLORS >= 8;
	for (int i = 0; i < HF_COLOR__COUNT; i++) {
		role_attr[i] = curses_attrs(styles[i].attrs);
		if (using_color && i + 1 < COLOR_PAIRS) {
			int fg = hf_color_degrade(styles[i].fg, COLORS);
			int bg = hf_color_degrade(styles[i].bg, COLORS);

			init_pair((short)(i + 1), (short)fg, (short)bg);
			role_attr[i] |= COLOR_PAIR(i + 1);
		}
	}
	bkgdset(' ' | role_attr[HF_COLOR_DEFAULT]);
}

bool hf_draw_has_color(void)
{
	return using_color;
}

void hf_draw_begin(struct hf_draw *d, int y, int x, int cols, bool selected)
{
	d->y = y;
	d->x = x;
	d->cols = cols;
	d->col = 0;
	d->selected = selected;
	hf_strbuf_init(&d->tmp);
	hf_strbuf_init(&d->fit);
}

/* Put already sanitised, fitted text at the cursor. */
static void put(struct hf_draw *d, enum hf_color role, const char *s, int width)
{
	attr_t a = role_attr[d->selected ? HF_COLOR_SELECTED : role];

	if (width <= 0)
		return;
	attrset(a);
	if (hf_ascii_on()) {
		/* a terminal that is not UTF-8: the same columns, in ASCII */
		struct hf_strbuf folded = HF_STRBUF_INIT;

		hf_strbuf_init(&folded);
		hf_ascii_append(&folded, s, strlen(s));
		mvaddstr(d->y, d->x + d->col, folded.buf);
		hf_strbuf_release(&folded);
	} else {
		mvaddstr(d->y, d->x + d->col, s);
	}
	d->col += width;
}

void hf_draw_end(struct hf_draw *d)
{
	if (d->col < d->cols) {
		attr_t a = role_attr[d->selected ? HF_COLOR_SELECTED : HF_COLOR_DEFAULT];

		attrset(a);
		mvhline(d->y, d->x + d->col, ' ', d->cols - d->col);
		d->col = d->cols;
	}
	attrset(A_NORMAL);
	hf_strbuf_release(&d->tmp);
	hf_strbuf_release(&d->fit);
}

int hf_draw_left(const struct hf_draw *d)
{
	return d->cols - d->col;
}

int hf_draw_text(struct hf_draw *d, enum hf_color role, const char *text, int cols)
{
	int left = d->cols - d->col, w;
	bool pad = cols >= 0;

	if (cols < 0 || cols > left)
		cols = left;
	if (cols <= 0)
		return 0;
	hf_strbuf_reset(&d->tmp);
	hf_strbuf_reset(&d->fit);
	if (text)
		hf_sanitize_append(&d->tmp, text, strlen(text), HF_SANITIZE_TAB_AS_SPACE);
	/* a padded field keeps its last column blank, so columns never run together */
	if (pad && cols > 2) {
		w = hf_width_fit(&d->fit, d->tmp.buf, cols - 1, 1);
		hf_strbuf_addch(&d->fit, ' ');
		w++;
	} else {
		w = hf_width_fit(&d->fit, d->tmp.buf, cols, pad);
	}
	put(d, role, d->fit.buf, w);
	return w;
}

int hf_draw_textf(struct hf_draw *d, enum hf_color role, int cols, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int w;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	w = hf_draw_text(d, role, s, cols);
	free(s);
	return w;
}

int hf_draw_right(struct hf_draw *d, enum hf_color role, const char *text, int cols)
{
	char *safe = hf_sanitize(text, HF_SANITIZE_TAB_AS_SPACE);
	int w = hf_width(safe);

	if (cols > hf_draw_left(d))
		cols = hf_draw_left(d);
	if (w < cols)
		hf_draw_space(d, cols - w);
	w = hf_draw_text(d, role, safe, w <= cols ? -1 : cols);
	free(safe);
	return w;
}

void hf_draw_space(struct hf_draw *d, int n)
{
	int left = d->cols - d->col;

	if (n > left)
		n = left;
	if (n <= 0)
		return;
	attrset(role_attr[d->selected ? HF_COLOR_SELECTED : HF_COLOR_DEFAULT]);
	mvhline(d->y, d->x + d->col, ' ', n);
	d->col += n;
}

void hf_draw_goto(struct hf_draw *d, int col)
{
	if (col > d->col)
		hf_draw_space(d, col - d->col);
}

void hf_draw_bar(struct hf_draw *d, double value, double max, int cols)
{
	int left = d->cols - d->col, fill;
	bool over = max > 0 && value > max;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	if (cols > left)
		cols = left;
	if (cols <= 0)
		return;
	if (max <= 0)
		fill = value > 0 ? cols : 0;
	else
		fill = (int)(value / max * cols + 0.5);
	if (fill > cols)
		fill = cols;
	if (fill < 0)
		fill = 0;
	hf_strbuf_init(&sb);
	/* blocks carry the bar without colour too */
	for (int i = 0; i < fill; i++)
		hf_strbuf_adds(&sb, "\xE2\x96\x88"); /* █ */
	put(d, over ? HF_COLOR_BAD : HF_COLOR_BAR, sb.buf, fill);
	hf_strbuf_reset(&sb);
	for (int i = fill; i < cols; i++)
		hf_strbuf_adds(&sb, "\xC2\xB7"); /* · */
	put(d, HF_COLOR_BAR_EMPTY, sb.buf, cols - fill);
	hf_strbuf_release(&sb);
}
