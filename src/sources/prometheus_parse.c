/* prometheus_parse.c: Prometheus HTTP API answers (jansson): one series' value now, its range over the window, error text */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/prometheus.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

/* The answer's data.result and data.resultType; HF_EINVAL naming what is wrong. */
static enum hf_status load(const char *what, const char *body, size_t len, json_t **root,
			   json_t **result, const char **type)
{
	json_error_t err;
	json_t *data, *status;

	*root = json_loadb(body, len, JSON_ALLOW_NUL, &err);
	if (!*root)
		return hf_error(HF_EINVAL, "answer to %s is not valid JSON: %s at line %d", what,
				err.text, err.line);
	status = json_object_get(*root, "status");
	data = json_object_get(*root, "data");
	if (!json_is_string(status) || strcmp(json_string_value(status), "success") != 0 ||
	    !json_is_object(data))
		return hf_error(HF_EINVAL, "answer to %s is not a Prometheus query result "
				"(no \"status\": \"success\" with \"data\")", what);
	*result = json_object_get(data, "result");
	*type = json_string_value(json_object_get(data, "resultType"));
	if (!*type)
		return hf_error(HF_EINVAL, "answer to %s has no 'data.resultType'", what);
	return HF_OK;
}

/* A sample [time, "value"]: its value (NAN for NaN or an infinity), false for another shape. */
static bool sample(json_t *pair, double *at, double *value)
{
	const char *text;
	char *end;

	if (!json_is_array(pair) || json_array_size(pair) != 2 || !json_is_number(json_array_get(pair, 0)))
		return false;
	text = json_string_value(json_array_get(pair, 1));
	if (!text)
		return false;
	*at = json_number_value(json_array_get(pair, 0));
	*value = strtod(text, &end);
	if (end == text || *end)
		return false;
	if (!isfinite(*value))
		*value = NAN;
	return true;
}

/* "{__name__="x", model="a"}" of a series' labels, sanitised, into sb. */
static void labels(struct hf_strbuf *sb, json_t *series)
{
	json_t *metric = json_object_get(series, "metric"), *v;
	const char *key;
	bool first = true;

	hf_strbuf_addch(sb, '{');
	json_object_foreach(metric, key, v) {
		hf_strbuf_adds(sb, first ? "" : ", ");
		hf_sanitize_append(sb, key, strlen(key), 0);
		hf_strbuf_adds(sb, "=\"");
		if (json_is_string(v))
			hf_sanitize_append(sb, json_string_value(v), strlen(json_string_value(v)), 0);
		hf_strbuf_addch(sb, '"');
		first = false;
	}
	hf_strbuf_addch(sb, '}');
}

/* More than one series: an error naming (up to three of) them. */
static enum hf_status too_many(const char *what, json_t *result)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t n = json_array_size(result);
	enum hf_status rc;

	hf_strbuf_init(&sb);
	for (size_t i = 0; i < n && i < 3; i++) {
		if (i)
			hf_strbuf_adds(&sb, ", ");
		labels(&sb, json_array_get(result, i));
	}
	if (n > 3)
		hf_strbuf_addf(&sb, " and %zu more", n - 3);
	rc = hf_error(HF_EINVAL, "%s returned %zu series, not one: %s (aggregate it to one, "
		      "e.g. max(...))", what, n, sb.buf);
	hf_strbuf_release(&sb);
	return rc;
}

enum hf_status hf_prom_parse_instant(const char *what, const char *body, size_t len,
				     enum hf_live_state *state, double *value)
{
	json_t *root = NULL, *result, *pair = NULL;
	const char *type;
	enum hf_status rc;
	double at;

	*state = HF_LIVE_NODATA;
	*value = 0;
	if ((rc = load(what, body, len, &root, &result, &type)))
		goto out;
	if (!strcmp(type, "scalar")) {
		pair = result;
	} else if (!strcmp(type, "vector") && json_is_array(result)) {
		if (json_array_size(result) > 1) {
			rc = too_many(what, result);
			goto out;
		}
		if (json_array_size(result) == 1)
			pair = json_object_get(json_array_get(result, 0), "value");
		else
			goto out;	/* no series: no data */
	} else {
		rc = hf_error(HF_EINVAL, "%s returned a %s, not one series (a vector or a scalar)",
			      what, strcmp(type, "matrix") == 0 ? "range vector: drop the [range]" : type);
		goto out;
	}
	if (!sample(pair, &at, value)) {
		rc = hf_error(HF_EINVAL, "answer to %s: the sample is not [time, \"value\"]", what);
		goto out;
	}
	*state = isnan(*value) ? HF_LIVE_NAN : HF_LIVE_VALUE;
out:
	json_decref(root);
	return rc;
}

enum hf_status hf_prom_parse_range(const char *what, const char *body, size_t len, int64_t start,
				   int64_t step, size_t n, double **values, bool **gaps,
				   char **points)
{
	json_t *root = NULL, *result, *samples, *pair;
	const char **texts = xcalloc(n + 1, sizeof(*texts));	/* borrowed from root */
	const char *type;
	enum hf_status rc;
	size_t i;

	*points = NULL;
	*values = xcalloc(n + 1, sizeof(**values));
	*gaps = xcalloc(n + 1, sizeof(**gaps));
	for (i = 0; i < n; i++) {
		(*values)[i] = NAN;
		(*gaps)[i] = true;
	}
	if ((rc = load(what, body, len, &root, &result, &type)))
		goto out;
	if (strcmp(type, "matrix") != 0 || !json_is_array(result)) {
		rc = hf_error(HF_EINVAL, "%s over the window returned a %s, not a range of one series",
			      what, type);
		goto out;
	}
	if (json_array_size(result) > 1) {
		rc = too_many(what, result);
		goto out;
	}
	samples = json_object_get(json_array_get(result, 0), "values");
	json_array_foreach(samples, i, pair) {
		double at, v;
		int64_t k;

		if (!sample(pair, &at, &v)) {
			rc = hf_error(HF_EINVAL, "answer to %s over the window: values[%zu] is not "
				      "[time, \"value\"]", what, i);
			goto out;
		}
		/* Prometheus answers on the grid it was asked for: round to the nearest point */
		k = (int64_t)((at - (double)start) / (double)step + 0.5);
		if (k < 0 || (size_t)k >= n)
			continue;
		(*values)[k] = v;
		(*gaps)[k] = false;
		texts[k] = json_string_value(json_array_get(pair, 1));
	}
	*points = hf_live_points_format(*values, *gaps, texts, n);
out:
	json_decref(root);
	free(texts);
	if (rc) {
		HF_FREE(*values);
		HF_FREE(*gaps);
	}
	return rc;
}

char *hf_prom_error_text(const char *body, size_t len)
{
	json_t *root = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
	const char *type, *error;
	char *out = NULL;

	if (!root)
		return NULL;
	type = json_string_value(json_object_get(root, "errorType"));
	error = json_string_value(json_object_get(root, "error"));
	if (error) {
		char *t = hf_sanitize(type ? type : "error", 0), *e = hf_sanitize(error, 0);

		out = xasprintf("%.60s: %.400s", t, e);
		free(t);
		free(e);
	}
	json_decref(root);
	return out;
}
