/* live.c: live SLOs: resolving an SLO's query and window, summarising the window, the verdict rule, sparklines (pure) */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/live.h"
#include "handoff/xmalloc.h"

void hf_pod_live_clear(struct hf_pod_live *l)
{
	for (size_t i = 0; i < l->nqueries; i++) {
		free(l->queries[i].metric);
		free(l->queries[i].query);
	}
	free(l->queries);
	free(l->source);
	memset(l, 0, sizeof(*l));
}

char *hf_live_expand(const char *tmpl, const char *model)
{
	static const char key[] = "{model}";
	struct hf_strbuf sb = HF_STRBUF_INIT;
	const char *p = tmpl, *hit;

	hf_strbuf_init(&sb);
	while ((hit = strstr(p, key))) {
		hf_strbuf_add(&sb, p, (size_t)(hit - p));
		for (const char *m = model; *m; m++) {
			if (*m == '\\' || *m == '"')
				hf_strbuf_addch(&sb, '\\');
			hf_strbuf_addch(&sb, *m);
		}
		p = hit + sizeof(key) - 1;
	}
	hf_strbuf_adds(&sb, p);
	return hf_strbuf_detach(&sb);
}

bool hf_live_resolve(const struct hf_slo *slo, const struct hf_pod_live *pod, const char *model,
		     struct hf_live_spec *out)
{
	const char *tmpl = slo->live.query;

	memset(out, 0, sizeof(*out));
	if (slo->live.off)
		return false;
	for (size_t i = 0; !tmpl && pod && i < pod->nqueries; i++)
		if (strcmp(pod->queries[i].metric, slo->metric) == 0)
			tmpl = pod->queries[i].query;
	if (!tmpl || !*tmpl)
		return false;
	out->query = hf_live_expand(tmpl, model);
	out->window = slo->live.window > 0 ? (int64_t)slo->live.window
		    : pod && pod->window > 0 ? pod->window : HF_LIVE_WINDOW_DEFAULT;
	out->source = xstrdup(slo->live.source ? slo->live.source : pod ? pod->source : NULL);
	return true;
}

void hf_live_spec_clear(struct hf_live_spec *s)
{
	free(s->query);
	free(s->source);
	memset(s, 0, sizeof(*s));
}

static const struct {
	char unit;
	int64_t seconds;
} units[] = { { 'w', 7 * 86400 }, { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 } };

bool hf_live_window_parse(const char *text, int64_t *seconds)
{
	int64_t n = 0;
	const char *p = text;

	if (!text || *p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > 366 * 86400)
			return false;
	}
	if (!p[0] || p[1])
		return false;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (units[i].unit == *p) {
			n *= units[i].seconds;
			if (n <= 0 || n > 366 * 86400)
				return false;
			*seconds = n;
			return true;
		}
	}
	return false;
}

void hf_live_window_format(int64_t seconds, char *buf, size_t n)
{
	/* weeks only when whole, else days: "7d" reads better than "1w" beside a contract's "7d" */
	for (size_t i = 1; i < sizeof(units) / sizeof(units[0]); i++) {
		if (seconds > 0 && seconds % units[i].seconds == 0) {
			snprintf(buf, n, "%lld%c", (long long)(seconds / units[i].seconds), units[i].unit);
			return;
		}
	}
	snprintf(buf, n, "%llds", (long long)seconds);
}

int64_t hf_live_step(int64_t window)
{
	int64_t step = window / HF_LIVE_POINTS;

	return step > 0 ? step : 1;
}

/* How far value is on the wrong side of the SLO: larger is worse. */
static double badness(enum hf_slo_op op, double target, double value)
{
	switch (op) {
	case HF_SLO_LE:
	case HF_SLO_LT: return value - target;
	case HF_SLO_GE:
	case HF_SLO_GT: return target - value;
	default: return value > target ? value - target : target - value;
	}
}

void hf_live_summarise(enum hf_slo_op op, double target, const double *values, size_t n,
		       struct hf_live_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->points = n;
	for (size_t i = 0; i < n; i++) {
		double v = values[i];

		if (!isfinite(v))
			continue;
		out->measured++;
		if (hf_slo_eval(op, target, true, v) == HF_SLO_MISSED)
			out->bad++;
		if (!out->has_worst || badness(op, target, v) > badness(op, target, out->worst)) {
			out->worst = v;
			out->has_worst = true;
		}
	}
	out->has_budget = out->measured > 0;
	out->budget = out->measured ? (double)out->bad / (double)out->measured : 0.0;
}

static const char *const state_names[] = {
	[HF_LIVE_UNSYNCED] = "unsynced", [HF_LIVE_VALUE] = "value", [HF_LIVE_NAN] = "nan",
	[HF_LIVE_NODATA] = "no data",
};

const char *hf_live_state_name(enum hf_live_state s)
{
	return (size_t)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "unsynced";
}

enum hf_live_state hf_live_state_parse(const char *text)
{
	for (size_t i = 0; text && i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (strcmp(text, state_names[i]) == 0)
			return (enum hf_live_state)i;
	return HF_LIVE_UNSYNCED;
}

enum hf_slo_verdict hf_live_verdict(enum hf_slo_op op, double target, enum hf_live_state state,
				    double value, bool failing, char *why, size_t size)
{
	const char *reason = "";
	enum hf_slo_verdict v = HF_SLO_UNKNOWN;

	if (failing)
		reason = "source failing";
	else if (state == HF_LIVE_UNSYNCED)
		reason = "not synced yet";
	else if (state == HF_LIVE_NODATA)
		reason = "no data";
	else if (state == HF_LIVE_NAN || !isfinite(value))
		reason = "NaN";
	else if ((v = hf_slo_eval(op, target, true, value)) == HF_SLO_UNKNOWN)
		reason = "invalid SLO";
	if (why && size)
		snprintf(why, size, "%s", reason);
	return v;
}

/* The shortest of %.15g and %.17g that reads back as v: "40.243", not "40.243000000000002". */
static void add_shortest(struct hf_strbuf *sb, double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	hf_strbuf_adds(sb, buf);
}

/* A number as a server wrote it, short and with nothing but digits, sign, point and exponent. */
static bool plain_number(const char *text)
{
	size_t len = text ? strlen(text) : 0;

	return len && len <= 24 && strspn(text, "0123456789+-.eE") == len;
}

char *hf_live_points_format(const double *values, const bool *gaps, const char *const *texts,
			    size_t n)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (i)
			hf_strbuf_addch(&sb, ' ');
		if (gaps && gaps[i])
			hf_strbuf_addch(&sb, '-');
		else if (!isfinite(values[i]))
			hf_strbuf_adds(&sb, "NaN");
		else if (texts && plain_number(texts[i]))
			hf_strbuf_adds(&sb, texts[i]);
		else
			add_shortest(&sb, values[i]);
	}
	return hf_strbuf_detach(&sb);
}

bool hf_live_points_parse(const char *text, double **values, bool **gaps, size_t *n)
{
	size_t count = 0, av = 0, ag = 0;
	double *v = NULL;
	bool *g = NULL;
	const char *p = text ? text : "";

	*values = NULL;
	if (gaps)
		*gaps = NULL;
	*n = 0;
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		double x;
		bool gap = false;

		if (len == 1 && *p == '-') {
			x = NAN;
			gap = true;
		} else if (len == 3 && strncmp(p, "NaN", 3) == 0) {
			x = NAN;
		} else {
			char *stop;

			x = strtod(p, &stop);
			if (stop != p + len || !len || !isfinite(x)) {
				free(v);
				free(g);
				return false;
			}
		}
		v = xgrow(v, count + 1, &av, sizeof(*v));
		g = xgrow(g, count + 1, &ag, sizeof(*g));
		v[count] = x;
		g[count] = gap;
		count++;
		p += len;
		if (*p == ' ')
			p++;
	}
	*values = v;
	if (gaps)
		*gaps = g;
	else
		free(g);
	*n = count;
	return true;
}

size_t hf_sparkline_cells(enum hf_slo_op op, double target, const double *values, size_t n,
			  size_t width, struct hf_spark_cell *cells)
{
	double lo = 0, hi = 0;
	bool any = false;
	size_t ncells = n < width ? n : width;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(values[i]))
			continue;
		if (!any || values[i] < lo)
			lo = values[i];
		if (!any || values[i] > hi)
			hi = values[i];
		any = true;
	}
	/* the target in the scale when it is near the values: where the line sits against it shows */
	if (any && isfinite(target) && target >= lo - (hi - lo) && target <= hi + (hi - lo)) {
		if (target < lo)
			lo = target;
		if (target > hi)
			hi = target;
	}
	for (size_t c = 0; c < ncells; c++) {
		size_t from = c * n / ncells, to = (c + 1) * n / ncells;
		bool have = false;
		double w = 0;

		for (size_t i = from; i < to; i++) {
			if (!isfinite(values[i]))
				continue;
			if (!have || badness(op, target, values[i]) > badness(op, target, w))
				w = values[i];
			have = true;
		}
		cells[c].bad = have && hf_slo_eval(op, target, true, w) == HF_SLO_MISSED;
		if (!have)
			cells[c].level = -1;
		else if (hi <= lo)
			cells[c].level = 3;
		else {
			int level = (int)((w - lo) / (hi - lo) * 8.0);

			cells[c].level = level > 7 ? 7 : level < 0 ? 0 : level;
		}
	}
	return ncells;
}

const char *hf_spark_glyph(int level, bool ascii)
{
	static const char *const blocks[8] = {
		"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
		"\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88",
	};
	static const char *const plain[8] = { "_", ".", "-", "~", "=", "+", "*", "#" };

	if (level < 0 || level > 7)
		return " ";
	return ascii ? plain[level] : blocks[level];
}

void hf_sparkline(enum hf_slo_op op, double target, const double *values, size_t n, size_t width,
		  bool ascii, struct hf_strbuf *sb)
{
	struct hf_spark_cell *cells = xcalloc(width + 1, sizeof(*cells));
	size_t nc = hf_sparkline_cells(op, target, values, n, width, cells);

	for (size_t i = 0; i < nc; i++)
		hf_strbuf_adds(sb, hf_spark_glyph(cells[i].level, ascii));
	free(cells);
}
