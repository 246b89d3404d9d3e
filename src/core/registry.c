/* registry.c: pure rules over registered models: candidate choice, metric values, version order */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff/registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

const struct hf_reg_version *hf_reg_model_version(const struct hf_reg_model *m, const char *version)
{
	if (!m || !version)
		return NULL;
	for (size_t i = 0; i < m->nversions; i++)
		if (m->versions[i].version && !strcmp(m->versions[i].version, version))
			return &m->versions[i];
	return NULL;
}

const char *hf_reg_model_alias(const struct hf_reg_model *m, const char *alias)
{
	if (!m || !alias)
		return NULL;
	for (size_t i = 0; i < m->naliases; i++)
		if (m->aliases[i].alias && !strcmp(m->aliases[i].alias, alias))
			return m->aliases[i].version;
	return NULL;
}

char *hf_reg_version_aliases(const struct hf_reg_model *m, const char *version)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	for (size_t i = 0; m && version && i < m->naliases; i++) {
		if (!m->aliases[i].version || strcmp(m->aliases[i].version, version))
			continue;
		if (sb.len)
			hf_strbuf_adds(&sb, ", ");
		hf_strbuf_adds(&sb, m->aliases[i].alias ? m->aliases[i].alias : "");
	}
	if (!sb.len)
		return xstrdup("");
	return hf_strbuf_detach(&sb);
}

const struct hf_reg_version *hf_reg_candidate(const struct hf_reg_model *m, const char *candidate,
					      const char **how)
{
	const struct hf_reg_version *v;

	if (how)
		*how = NULL;
	if (!m || !m->nversions)
		return NULL;
	if (candidate && *candidate) {
		v = hf_reg_model_version(m, hf_reg_model_alias(m, candidate));
		if (v) {
			if (how)
				*how = "alias";
			return v;
		}
		/* versions are newest first, so the newest version in that stage wins */
		for (size_t i = 0; i < m->nversions; i++) {
			if (m->versions[i].stage && !strcasecmp(m->versions[i].stage, candidate)) {
				if (how)
					*how = "stage";
				return &m->versions[i];
			}
		}
	}
	if (how)
		*how = "newest";
	return &m->versions[0];
}

/* A whole string that is a finite number (leading/trailing blanks allowed). */
static bool parse_number(const char *s, double *out)
{
	char *end;
	double d;

	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	errno = 0;
	d = strtod(s, &end);
	if (end == s || errno == ERANGE)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	if (*end || !isfinite(d))
		return false;
	*out = d;
	return true;
}

bool hf_reg_version_value(const struct hf_reg_version *v, const char *metric, double *out)
{
	if (!v || !metric)
		return false;
	for (size_t i = 0; i < v->nmetrics; i++) {
		if (v->metrics[i].key && !strcmp(v->metrics[i].key, metric)) {
			if (out)
				*out = v->metrics[i].value;
			return true;
		}
	}
	for (size_t i = 0; i < v->ntags; i++) {
		double d;

		if (v->tags[i].key && !strcmp(v->tags[i].key, metric) &&
		    parse_number(v->tags[i].value, &d)) {
			if (out)
				*out = d;
			return true;
		}
	}
	return false;
}

/* Digits only (no sign, at least one digit). */
static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int hf_reg_version_cmp(const char *a, const char *b)
{
	bool na, nb;
	size_t la, lb;

	if (!a || !b)
		return !a ? (!b ? 0 : -1) : 1;
	na = all_digits(a);
	nb = all_digits(b);
	if (na != nb)
		return na ? -1 : 1;
	if (!na)
		return strcmp(a, b);
	/* compare as numbers of any length: skip leading zeros, then length, then digits */
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

static int version_desc(const void *x, const void *y)
{
	const struct hf_reg_version *a = x, *b = y;

	return -hf_reg_version_cmp(a->version, b->version);
}

void hf_reg_model_sort_versions(struct hf_reg_model *m)
{
	if (m && m->nversions > 1)
		qsort(m->versions, m->nversions, sizeof(*m->versions), version_desc);
}

static void tags_free(struct hf_reg_tag *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].key);
		free(t[i].value);
	}
	free(t);
}

/* FNV-1a over a field and a separator, so ("ab", "c") and ("a", "bc") differ. */
static uint64_t mix(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	return (h ^ (s ? 0x1f : 0x1e)) * 0x100000001b3u;
}

static uint64_t mix_int(uint64_t h, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return mix(h, buf);
}

uint64_t hf_reg_model_digest(const struct hf_reg_model *m)
{
	uint64_t h = 0xcbf29ce484222325u;

	h = mix(h, m->name);
	h = mix(h, m->description);
	h = mix_int(h, m->created);
	h = mix_int(h, m->updated);
	for (size_t i = 0; i < m->ntags; i++)
		h = mix(mix(h, m->tags[i].key), m->tags[i].value);
	for (size_t i = 0; i < m->naliases; i++)
		h = mix(mix(h, m->aliases[i].alias), m->aliases[i].version);
	for (size_t i = 0; i < m->nversions; i++) {
		const struct hf_reg_version *v = &m->versions[i];

		h = mix(mix(mix(mix(mix(h, v->version), v->stage), v->status), v->run_id),
			v->description);
		h = mix_int(mix_int(h, v->created), v->updated);
		for (size_t k = 0; k < v->ntags; k++)
			h = mix(mix(h, v->tags[k].key), v->tags[k].value);
	}
	return h;
}

const char *hf_reg_stage(const char *stage)
{
	return stage && *stage && strcmp(stage, "None") ? stage : NULL;
}

bool hf_reg_run_live(const char *status)
{
	return !status || !strcmp(status, "RUNNING") || !strcmp(status, "SCHEDULED");
}

void hf_reg_run_clear(struct hf_reg_run *r)
{
	if (!r)
		return;
	free(r->run_id);
	free(r->status);
	for (size_t i = 0; i < r->nmetrics; i++)
		free(r->metrics[i].key);
	free(r->metrics);
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].key);
		free(r->params[i].value);
	}
	free(r->params);
	memset(r, 0, sizeof(*r));
}

void hf_reg_runs_free(struct hf_reg_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_reg_run_clear(&runs[i]);
	free(runs);
}

void hf_reg_version_clear(struct hf_reg_version *v)
{
	if (!v)
		return;
	free(v->version);
	free(v->stage);
	free(v->status);
	free(v->run_id);
	free(v->description);
	tags_free(v->tags, v->ntags);
	for (size_t i = 0; i < v->nmetrics; i++)
		free(v->metrics[i].key);
	free(v->metrics);
	memset(v, 0, sizeof(*v));
}

void hf_reg_model_clear(struct hf_reg_model *m)
{
	if (!m)
		return;
	free(m->source);
	free(m->name);
	free(m->description);
	tags_free(m->tags, m->ntags);
	for (size_t i = 0; i < m->naliases; i++) {
		free(m->aliases[i].alias);
		free(m->aliases[i].version);
	}
	free(m->aliases);
	for (size_t i = 0; i < m->nversions; i++)
		hf_reg_version_clear(&m->versions[i]);
	free(m->versions);
	memset(m, 0, sizeof(*m));
}

void hf_reg_models_free(struct hf_reg_model *models, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_reg_model_clear(&models[i]);
	free(models);
}
