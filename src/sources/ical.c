/* ical.c: the calendar source: fetch a feed (HTTP or a file) and expand it over the window, apply its events */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff/clock.h"
#include "handoff/http.h"
#include "handoff/ical_feed.h"
#include "handoff/paths.h"
#include "handoff/redact.h"
#include "handoff/source.h"
#include "handoff/store_feed.h"
#include "handoff/store_oncall.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"

#define DAY 86400

struct ical_fetched {
	struct hf_fetched base;
	struct hf_feed feed;
	int64_t at, from, to;
	long weeks;		/* ahead of the sync: the source's `weeks`, else HF_ICAL_WEEKS */
	size_t requests, bytes;
};

static void ical_fetched_free(struct hf_fetched *f)
{
	struct ical_fetched *cf = (struct ical_fetched *)f;

	hf_feed_clear(&cf->feed);
	free(cf);
}

static bool is_http(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

/* s with every occurrence of `from` replaced by `to` (caller frees). */
static char *replace_all(const char *s, const char *from, const char *to)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t n = strlen(from);
	const char *p;

	hf_strbuf_init(&sb);
	while (n && (p = strstr(s, from))) {
		hf_strbuf_add(&sb, s, (size_t)(p - s));
		hf_strbuf_adds(&sb, to);
		s = p + n;
	}
	hf_strbuf_adds(&sb, s);
	return hf_strbuf_detach(&sb);
}

/*
 * The client's message names the URL as hf_redact shows it (the path is
 * already "***"); name the host alone, and say what to do about a 404.
 */
static enum hf_status http_failure(enum hf_status rc, const char *what, const char *url,
				   const char *host, const struct hf_http_req *req)
{
	char *shown = hf_redact(url);
	char *msg = replace_all(req->error ? req->error : hf_last_error(), shown, host);

	/* hf_error below overwrites hf_last_error(): msg is a copy */

	if (rc == HF_ENOTFOUND || req->status == 404 || req->status == 410)
		rc = hf_error(HF_ENOTFOUND, "%s: %s: no feed at that address (was its secret address "
			      "reset? copy the feed's address again into 'url'); the previous shifts "
			      "are kept", what, msg);
	else
		rc = hf_error(rc, "%s: %s; the previous shifts are kept", what, msg);
	free(msg);
	free(shown);
	return rc;
}

static enum hf_status fetch_http(const struct hf_sync *sync, const char *what, const char *host,
				 struct hf_strbuf *body, size_t *requests)
{
	const struct hf_source_conf *conf = sync->conf;
	struct hf_http_opts o;
	struct hf_http_client *http = NULL;
	struct hf_http_req req;
	struct hf_http_stats st;
	enum hf_status rc;

	if ((rc = hf_http_opts_for(&o, conf, sync->cancel)))
		return rc;
	o.expect_type = NULL;	/* servers say text/calendar, text/plain or octet-stream: the body decides */
	o.accept = "text/calendar, text/plain;q=0.5, */*;q=0.1";
	o.parallel = 1;
	if ((rc = hf_http_client_new(&o, &http)))
		return rc;
	hf_http_req_init(&req, "GET", conf->url, "feed", NULL);
	rc = hf_http_perform(http, &req, 1, NULL, NULL);
	hf_http_client_stats(http, &st);
	*requests = st.requests;
	if (rc == HF_OK) {
		hf_strbuf_add(body, req.resp.buf ? req.resp.buf : "", req.resp.len);
	} else if (rc != HF_ECANCEL) {
		rc = http_failure(rc, what, conf->url, host, &req);
	}
	hf_trace("ical: %s: %ld, %zu bytes, %zu requests, %lld ms", what, req.status, req.resp.len,
		 st.requests, (long long)st.net_ms);
	hf_http_req_release(&req);
	hf_http_client_free(http);
	return rc;
}

static enum hf_status fetch_file(const struct hf_source_conf *conf, const char *what,
				 struct hf_strbuf *body)
{
	const char *path = strncmp(conf->url, "file://", 7) == 0 ? conf->url + 7 : conf->url;
	size_t max = conf->max_response > 0 && conf->max_response < 4096
		? (size_t)conf->max_response << 20 : HF_HTTP_MAX_BODY;
	char *text;
	size_t len;
	enum hf_status rc = hf_read_file(path, max, &text, &len);

	if (rc == HF_ETOOBIG)
		return hf_error(rc, "%s: the feed is larger than %zu MiB: refused (raise 'max-response'); "
				"the previous shifts are kept", what, max >> 20);
	if (rc) {
		char *msg = xstrdup(hf_last_error());

		rc = hf_error(rc, "%s: %s; the previous shifts are kept", what, msg);
		free(msg);
		return rc;
	}
	hf_strbuf_add(body, text, len);
	free(text);
	return HF_OK;
}

static enum hf_status ical_fetch(struct hf_store *store, struct hf_sync *sync, struct hf_fetched **out)
{
	const struct hf_source_conf *conf = sync->conf;
	struct hf_strbuf body = HF_STRBUF_INIT;
	struct ical_fetched *cf;
	char *host, *what;
	int64_t t0 = hf_mono_ms();
	enum hf_status rc;

	(void)store;
	*out = NULL;
	if (!conf->url || !*conf->url)
		return hf_error(HF_EINVAL, "source '%s' has no 'url'", conf->name);
	hf_redact_add_url_path(conf->url);
	host = is_http(conf->url) ? hf_redact_host(conf->url) : xstrdup("");
	what = *host ? xasprintf("source '%s' (%s)", conf->name, host)
		     : xasprintf("source '%s'", conf->name);
	cf = xcalloc(1, sizeof(*cf));
	cf->base.free = ical_fetched_free;
	cf->at = sync->now;
	cf->from = sync->now - HF_ICAL_BACK_DAYS * DAY;
	cf->weeks = conf->weeks ? conf->weeks : HF_ICAL_WEEKS;
	cf->to = sync->now + cf->weeks * 7 * DAY;
	hf_strbuf_init(&body);
	hf_sync_progress_report(sync->progress, conf->name, "calendar feed", 0, 1);
	if (is_http(conf->url))
		rc = fetch_http(sync, what, host, &body, &cf->requests);
	else if (strstr(conf->url, "://") && strncmp(conf->url, "file://", 7) != 0)
		rc = hf_error(HF_EINVAL, "%s: 'url' must be https://, http:// or a file", what);
	else
		rc = fetch_file(conf, what, &body);
	if (!rc) {
		int64_t t1 = hf_mono_ms();

		cf->bytes = body.len;
		rc = hf_feed_parse(what, body.buf ? body.buf : "", body.len, cf->from, cf->to, &cf->feed);
		hf_trace("ical: %s: %zu bytes expanded into %zu occurrences in %lld ms", what, body.len,
			 cf->feed.n, (long long)(hf_mono_ms() - t1));
		if (rc) {
			char *msg = xstrdup(hf_last_error());

			rc = hf_error(rc, "%s; the previous shifts are kept", msg);
			free(msg);
		}
	}
	hf_sync_progress_report(sync->progress, conf->name, "calendar feed", 1, 1);
	hf_trace("ical fetch of '%s': %lld ms", conf->name, (long long)(hf_mono_ms() - t0));
	hf_strbuf_release(&body);
	free(host);
	free(what);
	if (rc)
		ical_fetched_free(&cf->base);
	else
		*out = &cf->base;
	return rc;
}

/* A warning per person the feed names whom no rotation using it matches to a member. */
static enum hf_status unmatched_problems(struct hf_store *store, const char *source, int64_t at,
					 size_t *nunmatched, char **first)
{
	struct hf_rotation *r;
	size_t n;
	enum hf_status rc = hf_store_rotations(store, NULL, &r, &n);

	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		char *path;

		if (!r[i].calendar || strcmp(r[i].calendar, source) != 0)
			continue;
		path = xasprintf("oncall/%s.json", r[i].name);
		for (size_t k = 0; k < r[i].nfeed && !rc; k++) {
			const struct hf_feed_shift *s = &r[i].feed[k];
			struct hf_problem p = { 0 };
			bool seen = false;

			for (size_t j = 0; j < k && !seen; j++)
				seen = !r[i].feed[j].matched && strcmp(r[i].feed[j].who, s->who) == 0;
			if (s->matched || seen)
				continue;
			p.source = (char *)source;
			p.path = path;
			p.field = (char *)"who";
			p.severity = HF_PROBLEM_WARNING;
			p.message = xasprintf("rotation '%s': event '%s' names nobody in the pod ('%s'): "
					      "add the member's email to pod.json or a 'who' entry",
					      r[i].name, s->event ? s->event : "", s->who);
			p.at = at;
			if (!*first)
				*first = xstrdup(p.message);
			(*nunmatched)++;
			rc = hf_store_problem_add(store, &p);
			free(p.message);
		}
		free(path);
	}
	hf_rotations_free(r, n);
	return rc;
}

static enum hf_status ical_apply(struct hf_store *store, struct hf_sync *sync, struct hf_fetched *fetched)
{
	struct ical_fetched *cf = (struct ical_fetched *)fetched;
	const char *source = sync->conf->name;
	struct hf_sync_summary *sum = &sync->summary;
	size_t changes = 0, unmatched = 0;
	char *first = NULL;
	enum hf_status rc;

	if (!cf)
		return HF_OK;
	if ((rc = hf_store_forget_source(store, source)) ||
	    (rc = hf_store_feed_put(store, source, &cf->feed, cf->at, cf->from, cf->to, &changes)) ||
	    (rc = unmatched_problems(store, source, cf->at, &unmatched, &first))) {
		free(first);
		return rc;
	}
	sum->requests = cf->requests;
	sum->changes = changes;
	sum->full = true;
	sum->up_to_date = changes == 0;
	sum->detail = xasprintf("%zu shift%s from %d days back to %ld week%s ahead%s", cf->feed.n,
				cf->feed.n == 1 ? "" : "s", HF_ICAL_BACK_DAYS, cf->weeks,
				cf->weeks == 1 ? "" : "s",
				cf->feed.cancelled ? ", cancelled ones left out" : "");
	if (first)
		sum->problem = unmatched == 1 ? first
			     : xasprintf("%zu people in the feed match no member, the first: %s", unmatched,
					 first);
	if (first && unmatched != 1)
		free(first);
	return HF_OK;
}

const struct hf_source_ops hf_source_ical_ops = {
	.type = HF_SOURCE_ICAL,
	.fetch = ical_fetch,
	.apply = ical_apply,
	.push = NULL,
};
