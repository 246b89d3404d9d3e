/* http.c: the sources' HTTP client: curl multi, bounded parallelism, one shared backoff, caps, auth, cancel */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/conf.h"
#include "handoff/curl_load.h"
#include "handoff/http.h"
#include "handoff/redact.h"
#include "handoff/sanitize.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"

#define BASE_DELAY_MS 250
#define MAX_DELAY_MS 8000
#define MAX_RETRY_AFTER_S 60
#define POLL_MS 100		/* the longest a cancel waits to be seen */

struct hf_http_client {
	char *source, *token_env, *ca_file, *accept, *expect_type;
	bool identity;
	bool insecure, have_token;
	long timeout;
	size_t max_body, parallel;
	char *(*describe)(const struct hf_http_req *req, bool *missing);
	const struct hf_cancel *cancel;
	const struct hf_curl *cu;	/* libcurl, opened by the first client */
	CURLM *multi;
	struct curl_slist *headers;	/* Accept, Authorization: these hold the token */
	struct curl_slist *json_headers;	/* the same plus Content-Type: application/json */
	CURL **idle;		/* easy handles kept for reuse */
	size_t nidle;
	/* the shared backoff */
	int64_t pause_until;	/* no transfer starts before this (monotonic ms) */
	unsigned round;		/* bumped by each failure that starts a pause */
	int failures;		/* pauses since the last success: the exponent */
	bool probing;		/* after a pause, one transfer at a time until one succeeds */
	uint64_t rng;		/* jitter */
	struct hf_http_stats stats;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

char *hf_http_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_grow(&sb, strlen(s) * 3 + 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			hf_strbuf_addch(&sb, (char)*p);
		} else {
			hf_strbuf_addch(&sb, '%');
			hf_strbuf_addch(&sb, hex[*p >> 4]);
			hf_strbuf_addch(&sb, hex[*p & 15]);
		}
	}
	return hf_strbuf_detach(&sb);
}

enum hf_status hf_http_opts_for(struct hf_http_opts *o, const struct hf_source_conf *conf,
				const struct hf_cancel *cancel)
{
	memset(o, 0, sizeof(*o));
	o->source = conf->name;
	o->token_env = conf->token_env;
	o->ca_file = conf->ca_file;
	o->insecure = conf->insecure;
	o->timeout = conf->timeout;
	o->max_body = conf->max_response > 0 && conf->max_response < 4096
		? (size_t)conf->max_response << 20 : 0;
	o->expect_type = "json";
	o->cancel = cancel;
	return hf_http_check_url(conf->name, conf->url);
}

enum hf_status hf_http_check_url(const char *source, const char *url)
{
	enum hf_status rc;
	char *shown, *clean;

	if (!url || !*url)
		return hf_error(HF_EINVAL, "source '%s' has no 'url'", source);
	if (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8))
		return HF_OK;
	shown = hf_redact(url);
	clean = hf_sanitize(shown, 0);
	rc = hf_error(HF_EINVAL, "source '%s': url '%s' is not http:// or https://", source, clean);
	free(clean);
	free(shown);
	return rc;
}

void hf_http_client_free(struct hf_http_client *c)
{
	if (!c)
		return;
	if (!c->cu) {
		free(c);	/* libcurl could not be loaded: nothing else was made */
		return;
	}
	for (size_t i = 0; i < c->nidle; i++)
		c->cu->easy_cleanup(c->idle[i]);
	free(c->idle);
	if (c->multi)
		c->cu->multi_cleanup(c->multi);
	c->cu->slist_free_all(c->headers);
	c->cu->slist_free_all(c->json_headers);
	free(c->source);
	free(c->token_env);
	free(c->ca_file);
	free(c->accept);
	free(c->expect_type);
	free(c);
}

enum hf_status hf_http_client_new(const struct hf_http_opts *o, struct hf_http_client **out)
{
	struct hf_http_client *c = xcalloc(1, sizeof(*c));
	const char *token = NULL;
	char *accept;

	*out = NULL;
	if (!(c->cu = hf_curl_load())) {
		free(c);
		return HF_ERR;
	}
	c->source = xstrdup(o->source ? o->source : "?");
	c->token_env = dup_or_null(o->token_env);
	c->ca_file = dup_or_null(o->ca_file);
	c->accept = xstrdup(o->accept ? o->accept : "application/json");
	c->identity = o->identity;
	c->expect_type = dup_or_null(o->expect_type);
	c->insecure = o->insecure;
	c->timeout = o->timeout > 0 ? o->timeout : 30;
	c->max_body = o->max_body ? o->max_body : HF_HTTP_MAX_BODY;
	c->parallel = o->parallel ? o->parallel : HF_HTTP_PARALLEL;
	c->describe = o->describe;
	c->cancel = o->cancel;
	c->rng = ((uint64_t)hf_mono_ms() << 20) ^ (uint64_t)getpid() ^ (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 0x9e3779b97f4a7c15u;
	accept = xasprintf("Accept: %s", c->accept);
	c->headers = c->cu->slist_append(c->headers, accept);
	c->json_headers = c->cu->slist_append(c->json_headers, accept);
	c->json_headers = c->cu->slist_append(c->json_headers, "Content-Type: application/json");
	free(accept);
	if (c->token_env && *c->token_env)
		token = getenv(c->token_env);
	if (token && *token) {
		char *line = xasprintf("Authorization: Bearer %s", token);

		hf_redact_add_secret(token);	/* a server that echoes it is not shown */
		c->headers = c->cu->slist_append(c->headers, line);
		c->json_headers = c->cu->slist_append(c->json_headers, line);
		memset(line, 0, strlen(line));
		free(line);
		c->have_token = true;
	}
	c->multi = c->cu->multi_init();
	if (!c->multi || !c->headers || !c->json_headers) {
		enum hf_status rc = hf_error(HF_ERR, "cannot set up libcurl for source '%s'", c->source);

		hf_http_client_free(c);
		return rc;
	}
	c->cu->multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)c->parallel);
	*out = c;
	return HF_OK;
}

void hf_http_client_stats(const struct hf_http_client *c, struct hf_http_stats *out)
{
	*out = c->stats;
}

void hf_http_req_init(struct hf_http_req *req, const char *method, const char *url,
		      const char *what, const char *body)
{
	memset(req, 0, sizeof(*req));
	req->method = method;
	req->url = xstrdup(url);
	req->what = what;
	req->body = body;
	hf_strbuf_init(&req->resp);
}

void hf_http_req_release(struct hf_http_req *req)
{
	free(req->url);
	free(req->error);
	hf_strbuf_release(&req->resp);
	memset(req, 0, sizeof(*req));
}

static size_t on_data(char *data, size_t size, size_t nmemb, void *userp)
{
	struct hf_http_req *req = userp;
	size_t n = size * nmemb;

	if (req->resp.len + n > req->client->max_body) {
		req->too_big = true;
		return 0;	/* aborts the transfer with CURLE_WRITE_ERROR */
	}
	hf_strbuf_add(&req->resp, data, n);
	return n;
}

/*
 * No byte either way for the timeout: abort (curl's low-speed check
 * averages over seconds). A cancel aborts at once.
 */
static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct hf_http_req *req = userp;
	int64_t now = hf_mono_ms();
	int64_t bytes = (int64_t)(dlnow + ulnow);

	(void)dltotal;
	(void)ultotal;
	if (hf_cancelled(req->client->cancel))
		return 1;
	if (bytes != req->progress_bytes || !req->progress_at) {
		req->progress_bytes = bytes;
		req->progress_at = now;
		return 0;
	}
	if (now - req->progress_at > req->client->timeout * 1000) {
		req->stalled = true;
		return 1;
	}
	return 0;
}

static CURL *easy_get(struct hf_http_client *c)
{
	if (c->nidle)
		return c->idle[--c->nidle];
	return c->cu->easy_init();
}

static void easy_put(struct hf_http_client *c, CURL *e)
{
	c->cu->easy_reset(e);
	c->idle = xrealloc(c->idle, (c->nidle + 1) * sizeof(*c->idle));
	c->idle[c->nidle++] = e;
}

/* libcurl has a default CA bundle (a file), not only a directory. */
static bool has_ca_bundle(const struct hf_http_client *c, CURL *e)
{
#if LIBCURL_VERSION_NUM >= 0x075400	/* CURLINFO_CAINFO: 7.84.0 */
	char *bundle = NULL;

	return c->cu->easy_getinfo(e, CURLINFO_CAINFO, &bundle) == CURLE_OK && bundle && *bundle;
#else
	(void)c;
	(void)e;
	return false;
#endif
}

/* A handle ready for req, or NULL with *why set when libcurl refuses it (the URL, memory). */
static CURL *easy_setup(struct hf_http_client *c, struct hf_http_req *req, CURLcode *why)
{
	CURL *e = easy_get(c);

	*why = CURLE_OUT_OF_MEMORY;
	if (!e)
		return NULL;
	/* a URL libcurl refuses (longer than its 8 MB input limit) would run with none at all */
	if ((*why = c->cu->easy_setopt(e, CURLOPT_URL, req->url)) != CURLE_OK) {
		easy_put(c, e);
		return NULL;
	}
	c->cu->easy_setopt(e, CURLOPT_PRIVATE, req);
	c->cu->easy_setopt(e, CURLOPT_HTTPHEADER, req->body ? c->json_headers : c->headers);
	c->cu->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, c->identity ? "identity" : "");
	c->cu->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	c->cu->easy_setopt(e, CURLOPT_WRITEDATA, req);
	c->cu->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	c->cu->easy_setopt(e, CURLOPT_CONNECTTIMEOUT, c->timeout);
	req->stalled = false;
	req->too_big = false;
	req->progress_at = 0;
	req->progress_bytes = 0;
	c->cu->easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	c->cu->easy_setopt(e, CURLOPT_XFERINFODATA, req);
	c->cu->easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	c->cu->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	c->cu->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->timeout);
	c->cu->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
	c->cu->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);	/* never send the token elsewhere */
	c->cu->easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	c->cu->easy_setopt(e, CURLOPT_USERAGENT, "handoff/" PACKAGE_VERSION);
	c->cu->easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	if (!c->have_token)
		c->cu->easy_setopt(e, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	if (c->ca_file && *c->ca_file)
		c->cu->easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
	if ((c->ca_file && *c->ca_file) || has_ca_bundle(c, e))
		/*
		 * The bundle alone: with a CA directory as well (Debian's libcurl
		 * has both) curl keeps no parsed store, and each new connection
		 * parsed the system's ~140 certificates again (8 at once, 1 s).
		 */
		c->cu->easy_setopt(e, CURLOPT_CAPATH, NULL);
	if (c->insecure) {
		c->cu->easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		c->cu->easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (!strcmp(req->method, "POST")) {
		c->cu->easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "{}");
	} else if (strcmp(req->method, "GET")) {
		c->cu->easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
		if (req->body)
			c->cu->easy_setopt(e, CURLOPT_POSTFIELDS, req->body);
	}
	return e;
}

static bool retryable(long status)
{
	return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

static bool retryable_curl(CURLcode cc)
{
	return cc == CURLE_COULDNT_CONNECT || cc == CURLE_GOT_NOTHING || cc == CURLE_SEND_ERROR ||
	       cc == CURLE_RECV_ERROR || cc == CURLE_PARTIAL_FILE;
}

static char *too_big(const struct hf_http_client *c, const char *shown)
{
	if (c->max_body >= (1u << 20))
		return xasprintf("response from '%s' is larger than %zu MiB: refused", shown,
				 c->max_body >> 20);
	return xasprintf("response from '%s' is larger than %zu bytes: refused", shown, c->max_body);
}

/* Set req->rc and req->error from a finished transfer. */
static void classify(struct hf_http_client *c, struct hf_http_req *req, CURLcode cc,
		     const char *ctype)
{
	char *shown = hf_redact(req->url);
	char *ctype_safe = ctype ? hf_sanitize(ctype, 0) : NULL;
	const char *var = c->token_env;

	req->rc = HF_OK;
	if ((cc == CURLE_WRITE_ERROR && req->too_big) || cc == CURLE_FILESIZE_EXCEEDED) {
		req->rc = HF_ETOOBIG;
		req->error = too_big(c, shown);
	} else if (cc == CURLE_ABORTED_BY_CALLBACK && !req->stalled && hf_cancelled(c->cancel)) {
		req->rc = HF_ECANCEL;
		req->error = xasprintf("cancelled while fetching '%s'", shown);
	} else if (cc == CURLE_OPERATION_TIMEDOUT || (cc == CURLE_ABORTED_BY_CALLBACK && req->stalled)) {
		req->rc = HF_ENET;
		req->error = xasprintf("'%s' stalled: no data for %ld s (timeout)", shown, c->timeout);
	} else if (cc == CURLE_PEER_FAILED_VERIFICATION) {
		req->rc = HF_ENET;
		req->error = xasprintf("cannot fetch '%s': %s: the server's certificate is not "
				       "signed by a CA handoff trusts (set 'ca-file' for source '%s')",
				       shown, c->cu->easy_strerror(cc), c->source);
	} else if (cc != CURLE_OK) {
		req->rc = HF_ENET;
		req->error = xasprintf("cannot fetch '%s': %s", shown, c->cu->easy_strerror(cc));
	} else if (req->status == 401 || req->status == 403) {
		bool missing = false;
		/* the server's own words first (MLflow: "PERMISSION_DENIED: ..."), then the hint */
		char *said = c->describe ? c->describe(req, &missing) : NULL;

		req->rc = HF_EAUTH;
		if (var && *var)
			req->error = xasprintf("'%s' answered %ld%s%s: check the token in the "
					       "environment variable '%s'%s", shown, req->status,
					       said ? " " : "", said ? said : "", var,
					       c->have_token ? "" : " (it is not set)");
		else
			req->error = xasprintf("'%s' answered %ld%s%s: set 'token-env' for source '%s' "
					       "or a login for the host in ~/.netrc", shown,
					       req->status, said ? " " : "", said ? said : "", c->source);
		free(said);
	} else if (req->status < 200 || req->status >= 300) {
		bool missing = req->status == 404 && !c->describe;
		char *detail = c->describe ? c->describe(req, &missing) : NULL;

		req->rc = req->status == 404 && missing ? HF_ENOTFOUND
			: retryable(req->status) ? HF_ENET : HF_EINVAL;
		req->explained = detail != NULL && req->status >= 400 && req->status < 500;
		if (detail)
			req->error = xasprintf("'%s' answered %ld %s", shown, req->status, detail);
		else
			req->error = xasprintf("'%s' answered %ld%s%s%s", shown, req->status,
					       retryable(req->status) ? " after retries" : "",
					       ctype ? " with " : "", ctype ? ctype_safe : "");
		free(detail);
	} else if (c->expect_type && ctype && !strstr(ctype, c->expect_type)) {
		req->rc = HF_EINVAL;
		req->error = xasprintf("response from '%s' is %s, not %s", shown, ctype_safe,
				       !strcmp(c->expect_type, "json") ? "JSON" : c->expect_type);
	}
	free(ctype_safe);
	free(shown);
}

static uint64_t next_rand(struct hf_http_client *c)
{
	/* xorshift per client (rand() is shared state across threads) */
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return c->rng;
}

/* A retryable failure of req: pause the whole client (once per round) and honour Retry-After. */
static void pause_client(struct hf_http_client *c, const struct hf_http_req *req, long retry_after)
{
	int64_t now = hf_mono_ms(), until;

	if (req->round == c->round) {
		int64_t d = (int64_t)BASE_DELAY_MS << (c->failures > 6 ? 6 : c->failures);

		if (d > MAX_DELAY_MS)
			d = MAX_DELAY_MS;
		d = d / 2 + (int64_t)(next_rand(c) % (uint64_t)(d / 2 + 1));
		c->round++;
		c->failures++;
		if (now + d > c->pause_until)
			c->pause_until = now + d;
	}
	c->probing = true;
	if (retry_after > 0) {
		until = now + (retry_after > MAX_RETRY_AFTER_S ? MAX_RETRY_AFTER_S : retry_after) * 1000;
		if (until > c->pause_until)
			c->pause_until = until;
	}
	hf_trace("http: '%s' paused for %lld ms (retry %zu of at most %d)", c->source,
		 (long long)(c->pause_until - now), c->stats.retries, HF_HTTP_RETRIES);
}

/* Abandon every transfer in flight (after a failure for good, or a cancel). */
static void abandon(struct hf_http_client *c, struct hf_http_req *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!reqs[i].easy)
			continue;
		c->cu->multi_remove_handle(c->multi, reqs[i].easy);
		easy_put(c, reqs[i].easy);
		reqs[i].easy = NULL;
	}
}

/* A ring of request indexes waiting to start (or to be retried). */
struct queue {
	size_t *slots, head, len, cap;
};

static void queue_push(struct queue *q, size_t i)
{
	q->slots[(q->head + q->len++) % q->cap] = i;
}

/* A retry goes first: the probe after a pause is the request that failed. */
static void queue_push_front(struct queue *q, size_t i)
{
	q->head = (q->head + q->cap - 1) % q->cap;
	q->slots[q->head] = i;
	q->len++;
}

static size_t queue_pop(struct queue *q)
{
	size_t i = q->slots[q->head];

	q->head = (q->head + 1) % q->cap;
	q->len--;
	return i;
}

/* Start what may start now; returns a failure for good of a request that could not start. */
static enum hf_status start_some(struct hf_http_client *c, struct hf_http_req *reqs,
				 struct queue *q, size_t *active, size_t *failed_i)
{
	size_t limit = c->probing ? 1 : c->parallel;

	if (hf_mono_ms() < c->pause_until)
		return HF_OK;
	while (q->len && *active < limit) {
		size_t i = queue_pop(q);
		struct hf_http_req *req = &reqs[i];
		CURLMcode mc = CURLM_OK;
		CURLcode why;

		hf_strbuf_reset(&req->resp);
		req->client = c;
		req->attempts++;
		req->round = c->round;
		c->stats.requests++;
		if (hf_trace_enabled()) {
			char *shown = hf_redact(req->url);

			hf_trace("%s %s", req->method, shown);
			free(shown);
		}
		req->easy = easy_setup(c, req, &why);
		if (!req->easy || (mc = c->cu->multi_add_handle(c->multi, req->easy)) != CURLM_OK) {
			char *shown = hf_redact(req->url);

			if (req->easy)
				easy_put(c, req->easy);
			req->easy = NULL;
			req->rc = HF_ERR;
			/* the URL named, cut short: the one libcurl refuses may be megabytes long */
			req->error = xasprintf("cannot start a libcurl transfer for '%s' to '%.100s%s': %s",
					       req->what, shown, strlen(shown) > 100 ? "..." : "",
					       mc != CURLM_OK ? c->cu->multi_strerror(mc)
							      : c->cu->easy_strerror(why));
			free(shown);
			*failed_i = i;
			return HF_ERR;
		}
		(*active)++;
	}
	return HF_OK;
}

/* Wait for the network, the end of a pause or the next cancel check, whichever comes first. */
static void wait_some(struct hf_http_client *c, size_t active, size_t queued)
{
	int64_t wait = POLL_MS, pause = c->pause_until - hf_mono_ms();

	if (queued && pause > 0 && pause < wait)
		wait = pause;
	if (wait < 1)
		wait = 1;
	if (active) {
		c->cu->multi_poll(c->multi, NULL, 0, (int)wait, NULL);
	} else if (queued && pause > 0) {
		struct timespec ts = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
}

enum hf_status hf_http_perform(struct hf_http_client *c, struct hf_http_req *reqs, size_t n,
			       hf_http_done_fn done_fn, void *data)
{
	struct queue q = { xmalloc((n + 1) * sizeof(size_t)), 0, 0, n + 1 };
	size_t active = 0, done = 0, failed_i = 0;
	enum hf_status first = HF_OK;
	int64_t started = hf_mono_ms();

	for (size_t i = 0; i < n; i++) {
		reqs[i].rc = HF_OK;
		reqs[i].client = c;
		queue_push(&q, i);
	}
	while (done < n && !first) {
		CURLMsg *msg;
		int running, left;

		if (hf_cancelled(c->cancel)) {
			first = hf_error(HF_ECANCEL, "source '%s': sync cancelled", c->source);
			failed_i = n;
			break;
		}
		if ((first = start_some(c, reqs, &q, &active, &failed_i)))
			break;
		c->cu->multi_perform(c->multi, &running);
		while (!first && (msg = c->cu->multi_info_read(c->multi, &left))) {
			struct hf_http_req *req = NULL;
			CURLcode cc = msg->data.result;
			CURL *e = msg->easy_handle;
			char *ctype = NULL;
			curl_off_t retry_after = 0;

			if (msg->msg != CURLMSG_DONE)
				continue;
			c->cu->easy_getinfo(e, CURLINFO_PRIVATE, (char **)&req);
			c->cu->easy_getinfo(e, CURLINFO_RESPONSE_CODE, &req->status);
			c->cu->easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ctype);
			c->cu->easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry_after);
			ctype = ctype ? xstrdup(ctype) : NULL;
			c->cu->multi_remove_handle(c->multi, e);
			easy_put(c, e);
			req->easy = NULL;
			active--;
			hf_trace("%s %s -> %ld (%zu bytes)", req->method, req->what, req->status,
				 req->resp.len);
			if (((cc == CURLE_OK && retryable(req->status)) || retryable_curl(cc)) &&
			    req->attempts < HF_HTTP_ATTEMPTS && c->stats.retries < HF_HTTP_RETRIES &&
			    !hf_cancelled(c->cancel)) {
				c->stats.retries++;
				pause_client(c, req, (long)retry_after);
				queue_push_front(&q, (size_t)(req - reqs));
				free(ctype);
				continue;
			}
			classify(c, req, cc, ctype);
			free(ctype);
			if (!req->rc) {
				c->failures = 0;
				c->probing = false;
			}
			if (done_fn && (!req->rc || (req->rc == HF_ENOTFOUND && req->missing_ok))) {
				int64_t t0 = hf_mono_ms();
				enum hf_status drc = done_fn(data, (size_t)(req - reqs), req);

				c->stats.cb_ms += hf_mono_ms() - t0;
				if (drc) {
					req->rc = drc;
					free(req->error);
					req->error = xstrdup(hf_last_error());
				}
			}
			if (req->rc == HF_ENOTFOUND && req->missing_ok) {
				HF_FREE(req->error);
			} else if (req->rc == HF_EINVAL && req->answer_ok && req->explained) {
				/* the server refused this request and said why: its own outcome */
			} else if (req->rc) {
				first = req->rc;
				failed_i = (size_t)(req - reqs);
			}
			done++;
		}
		if (first || done >= n)
			break;
		wait_some(c, active, q.len);
	}
	/* one request failed for good (or the sync was cancelled): stop the rest now */
	abandon(c, reqs, n);
	free(q.slots);
	c->stats.net_ms += hf_mono_ms() - started;
	if (first && failed_i < n)
		return hf_error(first, "%s", reqs[failed_i].error);
	return first;
}
