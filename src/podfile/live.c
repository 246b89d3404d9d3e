/* live.c: the "live" parts of pod files: an SLO's live query (contract.json) and the pod's query templates (pod.json) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/live.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const slo_live_keys[] = { "query", "window", "source", NULL };
static const char *const pod_live_keys[] = { "queries", "window", "source", NULL };

/* A window such as "7d" at field; false after recording an error. */
static bool read_window(struct hf_podfile_ctx *ctx, json_t *obj, const char *field, int64_t *out)
{
	const char *text = NULL;

	if (!hf_podfile_string(ctx, obj, "window", field, false, &text))
		return false;
	if (text && !hf_live_window_parse(text, out)) {
		hf_podfile_error(ctx, field, "'%s' must be a duration such as 7d, 24h or 30m "
				 "(at most a year), not '%s'", field, text);
		return false;
	}
	return true;
}

static bool read_source(struct hf_podfile_ctx *ctx, json_t *obj, const char *field, char **out)
{
	const char *text = NULL;

	if (!hf_podfile_string(ctx, obj, "source", field, false, &text))
		return false;
	if (text && !hf_podfile_is_word(text)) {
		hf_podfile_error(ctx, field, "'%s' must name a configured source, one word", field);
		return false;
	}
	*out = text && *text ? xstrdup(text) : NULL;
	return true;
}

static bool plain_query(struct hf_podfile_ctx *ctx, const char *field, const char *q)
{
	if (!*q) {
		hf_podfile_error(ctx, field, "'%s' is empty: give a PromQL query or leave it out", field);
		return false;
	}
	/* newlines and tabs are fine in PromQL; other control characters are not */
	for (const char *p = q; *p; p++) {
		if (((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f) {
			hf_podfile_error(ctx, field, "'%s' holds a control character", field);
			return false;
		}
	}
	return true;
}

bool hf_podfile_slo_live(struct hf_podfile_ctx *ctx, json_t *slo, const char *where,
			 struct hf_slo_live *out)
{
	json_t *live = json_object_get(slo, "live");
	const char *field = hf_podfile_field("%s.live", where);
	char prefix[64];
	const char *query = NULL;
	int64_t window = 0;

	memset(out, 0, sizeof(*out));
	if (!live || json_is_null(live) || json_is_true(live))
		return true;
	if (json_is_false(live)) {
		out->off = true;
		return true;
	}
	hf_strlcpy(prefix, field, sizeof(prefix));
	if (!json_is_object(live)) {
		hf_podfile_error(ctx, prefix, "'%s' must be an object such as {\"query\": \"...\", "
				 "\"window\": \"7d\"}, or false", prefix);
		return false;
	}
	hf_podfile_unknown_keys(ctx, live, prefix, slo_live_keys);
	if (!hf_podfile_string(ctx, live, "query", hf_podfile_field("%s.query", prefix), false, &query) ||
	    (query && !plain_query(ctx, hf_podfile_field("%s.query", prefix), query)) ||
	    !read_window(ctx, live, hf_podfile_field("%s.window", prefix), &window) ||
	    !read_source(ctx, live, hf_podfile_field("%s.source", prefix), &out->source))
		return false;
	out->query = query ? xstrdup(query) : NULL;
	out->window = window;
	return true;
}

bool hf_podfile_pod_live(struct hf_podfile_ctx *ctx, json_t *root, struct hf_pod_live *out)
{
	json_t *live = NULL, *queries = NULL, *q;
	const char *metric;

	memset(out, 0, sizeof(*out));
	if (!hf_podfile_object(ctx, root, "live", "live", false, &live))
		return false;
	if (!live)
		return true;
	hf_podfile_unknown_keys(ctx, live, "live", pod_live_keys);
	if (!read_window(ctx, live, "live.window", &out->window) ||
	    !read_source(ctx, live, "live.source", &out->source) ||
	    !hf_podfile_object(ctx, live, "queries", "live.queries", false, &queries))
		return false;
	if (!queries)
		return true;
	out->queries = xcalloc(json_object_size(queries) + 1, sizeof(*out->queries));
	json_object_foreach(queries, metric, q) {
		const char *field = hf_podfile_field("live.queries.%s", metric);

		if (!json_is_string(q)) {
			hf_podfile_error(ctx, field, "'%s' must be a PromQL query (a string) with {model} "
					 "where the model's name goes", field);
			return false;
		}
		if (!*metric || hf_podfile_has_control(metric)) {
			hf_podfile_error(ctx, "live.queries", "a metric name must be a plain, non-empty name");
			return false;
		}
		if (!plain_query(ctx, field, json_string_value(q)))
			return false;
		out->queries[out->nqueries].metric = xstrdup(metric);
		out->queries[out->nqueries].query = xstrdup(json_string_value(q));
		out->nqueries++;
	}
	return true;
}
