/* text.c: a report's numbers and stale sources in words, by one rule per kind, for the CLI and the TUI */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/jsonedit.h"
#include "handoff/status.h"
#include "handoff/xmalloc.h"
#include "handoff/report_text.h"

void hf_text_share(double share, char *buf, size_t size)
{
	snprintf(buf, size, "%.0f%%", isfinite(share) ? share * 100.0 : 0.0);
}

void hf_text_evidence(const struct hf_model_report *r, struct hf_strbuf *out)
{
	const struct hf_category_score *weak = NULL;
	char pct[16];

	/* the score is its weakest category's: name it, so the figure explains itself */
	for (size_t i = 0; i < r->ncategories; i++)
		if (r->categories[i].items && (!weak || r->categories[i].score < weak->score))
			weak = &r->categories[i];
	hf_text_share(r->score, pct, sizeof(pct));
	hf_strbuf_addf(out, "evidence %s", pct);
	if (weak)
		hf_strbuf_addf(out, " (weakest: %s)", weak->category);
}

int hf_text_decimals(double x)
{
	char s[64];
	const char *dot, *end;

	if (!isfinite(x) || fabs(x) >= 1000.0)
		return 0;
	snprintf(s, sizeof(s), "%.4g", x);
	if (strchr(s, 'e'))	/* below 0.0001: as many as fit */
		return 6;
	if (!(dot = strchr(s, '.')))
		return 0;
	end = dot + strlen(dot);
	while (end > dot + 1 && end[-1] == '0')
		end--;
	return (int)(end - dot - 1);
}

void hf_text_number(double x, int decimals, char *buf, size_t size)
{
	if (!isfinite(x)) {
		snprintf(buf, size, "%g", x);
		return;
	}
	snprintf(buf, size, "%.*f", decimals, x);
	/* "-0" reads as a sign error */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
}

void hf_text_slo(const struct hf_slo_result *s, char *target, char *value, size_t size)
{
	int d = hf_text_decimals(s->target);

	if (s->has_value && hf_text_decimals(s->value) > d)
		d = hf_text_decimals(s->value);
	hf_text_number(s->target, d, target, size);
	if (s->has_value)
		hf_text_number(s->value, d, value, size);
	else
		snprintf(value, size, "-");
}

void hf_text_live(const struct hf_slo_result *s, double x, char *buf, size_t size)
{
	int d = hf_text_decimals(s->target);

	if (hf_text_decimals(x) > d)
		d = hf_text_decimals(x);
	hf_text_number(x, d, buf, size);
}

static const char *kind(const struct hf_stale_source *st)
{
	return !strcmp(st->type, "mlflow") ? "registry" : "pod source";
}

void hf_text_stale(const struct hf_stale_source *st, int64_t now, struct hf_strbuf *out)
{
	char when[32], ago[32];

	hf_time_format_minutes(st->failed_at, when, sizeof(when));
	hf_time_ago(st->failed_at, now, ago, sizeof(ago));
	hf_strbuf_addf(out, "%s '%s' could not be synced %s (%s): %s", kind(st), st->source, when, ago,
		       st->error);
}

void hf_text_stale_age(const struct hf_stale_source *st, int64_t now, struct hf_strbuf *out)
{
	char when[32], ago[32];

	if (!st->synced_at) {
		hf_strbuf_adds(out, "nothing from it yet: it never synced");
		return;
	}
	hf_time_format_minutes(st->synced_at, when, sizeof(when));
	hf_time_ago(st->synced_at, now, ago, sizeof(ago));
	hf_strbuf_addf(out, "shown as of its last good sync, %s (%s)", when, ago);
}

static void io_line(const struct hf_jnode *f, struct hf_strbuf *sb)
{
	const char *name = hf_jnode_string(f, "name"), *dtype = hf_jnode_string(f, "dtype");

	hf_strbuf_adds(sb, name ? name : "?");
	if (dtype)
		hf_strbuf_addf(sb, "  %s", dtype);
	for (size_t k = 0; k < f->nkids; k++) {
		const struct hf_jnode *m = f->kids[k];
		char *v;

		if (!strcmp(m->key, "name") || !strcmp(m->key, "dtype"))
			continue;
		v = m->str && m->type == HF_JSON_STRING ? xstrdup(m->str) : hf_jnode_canonical(m);
		hf_strbuf_addf(sb, "  %s %s", m->key, v ? v : "");
		free(v);
	}
}

void hf_text_io(const char *json, char ***lines, size_t *n)
{
	struct hf_jdoc doc;

	*lines = NULL;
	*n = 0;
	if (!json || !*json)
		return;
	if (hf_jdoc_parse(&doc, "contract", json, strlen(json))) {
		hf_error_clear();
		*lines = xcalloc(2, sizeof(char *));
		(*lines)[(*n)++] = xstrdup("(not a list of fields)");
		return;
	}
	if (doc.root && doc.root->type == HF_JSON_ARRAY) {
		*lines = xcalloc(doc.root->nkids + 1, sizeof(char *));
		for (size_t i = 0; i < doc.root->nkids; i++) {
			struct hf_strbuf sb = HF_STRBUF_INIT;

			hf_strbuf_init(&sb);
			if (doc.root->kids[i]->type == HF_JSON_OBJECT)
				io_line(doc.root->kids[i], &sb);
			else
				hf_strbuf_adds(&sb, "(not a field)");
			(*lines)[(*n)++] = hf_strbuf_detach(&sb);
		}
	}
	hf_jdoc_clear(&doc);
}
