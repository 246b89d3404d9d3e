/* mlflow_http.c: the registry's HTTP client: curl multi, bounded parallelism, retries, caps, auth */
#include "config.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/redact.h"
#include "handoff/sanitize.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "mlflow_internal.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

int64_t hf_mlflow_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *hf_mlflow_escape(const char *s)
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

enum hf_status hf_mlflow_client_init(struct hf_mlflow_client *c, const struct hf_source_conf *conf)
{
	struct curl_slist *h = NULL, *jh = NULL;
	const char *token = NULL;
	size_t len;

	memset(c, 0, sizeof(*c));
	if (!conf->url || !*conf->url)
		return hf_error(HF_EINVAL, "source '%s' has no 'url'", conf->name);
	if (strncmp(conf->url, "http://", 7) && strncmp(conf->url, "https://", 8)) {
		char *shown = hf_redact(conf->url);

		hf_error(HF_EINVAL, "source '%s': url '%s' is not http:// or https://", conf->name,
			 shown);
		free(shown);
		return HF_EINVAL;
	}
	pthread_once(&curl_once, curl_init_once);
	c->conf = conf;
	len = strlen(conf->url);
	while (len && conf->url[len - 1] == '/')
		len--;
	c->api = xasprintf("%.*s/api/2.0/mlflow/", (int)len, conf->url);
	c->shown = hf_redact(conf->url);
	c->timeout = conf->timeout > 0 ? conf->timeout : 30;
	c->max_body = HF_MLFLOW_MAX_BODY;
	c->base_delay_ms = 250;
	c->rng = ((uint64_t)hf_mlflow_ms() << 20) ^ (uint64_t)getpid() ^ (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 0x9e3779b97f4a7c15u;
	h = curl_slist_append(h, "Accept: application/json");
	jh = curl_slist_append(jh, "Accept: application/json");
	jh = curl_slist_append(jh, "Content-Type: application/json");
	if (conf->token_env && *conf->token_env)
		token = getenv(conf->token_env);
	if (token && *token) {
		hf_redact_add_secret(token);	/* a server that echoes it is not shown */
		char *line = xasprintf("Authorization: Bearer %s", token);

		h = curl_slist_append(h, line);
		jh = curl_slist_append(jh, line);
		memset(line, 0, strlen(line));
		free(line);
		c->have_token = true;
	}
	c->headers = h;
	c->json_headers = jh;
	c->multi = curl_multi_init();
	if (!c->multi || !h || !jh) {
		hf_mlflow_client_release(c);
		return hf_error(HF_ERR, "cannot set up libcurl for source '%s'", conf->name);
	}
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)HF_MLFLOW_PARALLEL);
	return HF_OK;
}

void hf_mlflow_client_release(struct hf_mlflow_client *c)
{
	for (size_t i = 0; i < c->nidle; i++)
		curl_easy_cleanup(c->idle[i]);
	free(c->idle);
	if (c->multi)
		curl_multi_cleanup(c->multi);
	curl_slist_free_all(c->headers);	/* these hold the token */
	curl_slist_free_all(c->json_headers);
	free(c->api);
	free(c->shown);
	memset(c, 0, sizeof(*c));
}

void hf_mlflow_req_init(struct hf_mlflow_client *c, struct hf_mlflow_req *req, const char *method,
			const char *endpoint, const char *query, const char *body)
{
	memset(req, 0, sizeof(*req));
	req->endpoint = endpoint;
	req->method = method;
	req->body = body;
	req->url = xasprintf("%s%s%s%s", c->api, endpoint, query && *query ? "?" : "",
			     query ? query : "");
	hf_strbuf_init(&req->resp);
}

void hf_mlflow_req_release(struct hf_mlflow_req *req)
{
	free(req->url);
	free(req->error);
	hf_strbuf_release(&req->resp);
	memset(req, 0, sizeof(*req));
}

static size_t on_data(char *data, size_t size, size_t nmemb, void *userp)
{
	struct hf_mlflow_req *req = userp;
	size_t n = size * nmemb;

	if (req->resp.len + n > HF_MLFLOW_MAX_BODY) {
		req->too_big = true;
		return 0;	/* aborts the transfer with CURLE_WRITE_ERROR */
	}
	hf_strbuf_add(&req->resp, data, n);
	return n;
}

/* No byte either way for the source's timeout: abort (curl's low-speed check averages over seconds). */
static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct hf_mlflow_req *req = userp;
	int64_t now = hf_mlflow_ms();
	int64_t bytes = (int64_t)(dlnow + ulnow);

	(void)dltotal;
	(void)ultotal;
	if (bytes != req->progress_bytes || !req->progress_at) {
		req->progress_bytes = bytes;
		req->progress_at = now;
		return 0;
	}
	if (now - req->progress_at > req->stall_ms) {
		req->stalled = true;
		return 1;
	}
	return 0;
}

static void *easy_get(struct hf_mlflow_client *c)
{
	if (c->nidle)
		return c->idle[--c->nidle];
	return curl_easy_init();
}

static void easy_put(struct hf_mlflow_client *c, CURL *e)
{
	curl_easy_reset(e);
	c->idle = xrealloc(c->idle, (c->nidle + 1) * sizeof(*c->idle));
	c->idle[c->nidle++] = e;
}

static CURL *easy_setup(struct hf_mlflow_client *c, struct hf_mlflow_req *req)
{
	const struct hf_source_conf *conf = c->conf;
	CURL *e = easy_get(c);

	if (!e)
		return NULL;
	curl_easy_setopt(e, CURLOPT_URL, req->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, req);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, (struct curl_slist *)c->headers);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, req);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, c->timeout);
	req->stalled = false;
	req->progress_at = 0;
	req->progress_bytes = 0;
	req->stall_ms = c->timeout * 1000;
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, req);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);	/* never send the token elsewhere */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "handoff/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	if (!c->have_token)
		curl_easy_setopt(e, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	if (conf->ca_file && *conf->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, conf->ca_file);
	if (conf->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (!strcmp(req->method, "POST")) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "{}");
	} else if (strcmp(req->method, "GET")) {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
		if (req->body)
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body);
	}
	if (req->body)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, (struct curl_slist *)c->json_headers);
	return e;
}

/* The message of an MLflow JSON error body ("RESOURCE_DOES_NOT_EXIST: ..."), or NULL. */
static char *mlflow_error(const struct hf_mlflow_req *req, bool *missing)
{
	json_t *root = json_loadb(req->resp.buf, req->resp.len, 0, NULL);
	json_t *code, *msg;
	char *out = NULL;

	*missing = false;
	if (!root)
		return NULL;
	code = json_object_get(root, "error_code");
	msg = json_object_get(root, "message");
	if (json_is_string(code)) {
		/* the server's words go into a message a terminal shows: sanitised, bounded */
		char *c = hf_sanitize(json_string_value(code), 0);
		char *m = hf_sanitize(json_is_string(msg) ? json_string_value(msg) : "", 0);

		*missing = !strcmp(json_string_value(code), "RESOURCE_DOES_NOT_EXIST");
		out = xasprintf("%.100s: %.400s", c, m);
		free(c);
		free(m);
	}
	json_decref(root);
	return out;
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

/* Set req->rc and req->error from a finished transfer. */
static void classify(struct hf_mlflow_client *c, struct hf_mlflow_req *req, CURLcode cc,
		     const char *ctype)
{
	char *shown = hf_redact(req->url);
	const char *var = c->conf->token_env;
	char *ctype_safe = ctype ? hf_sanitize(ctype, 0) : NULL;

	req->rc = HF_OK;
	if (cc == CURLE_WRITE_ERROR && req->too_big) {
		req->rc = HF_ETOOBIG;
		req->error = xasprintf("response from '%s' is larger than %u MiB: refused", shown,
				       (unsigned)(c->max_body >> 20));
	} else if (cc == CURLE_FILESIZE_EXCEEDED) {
		req->rc = HF_ETOOBIG;
		req->error = xasprintf("response from '%s' is larger than %u MiB: refused", shown,
				       (unsigned)(c->max_body >> 20));
	} else if (cc == CURLE_OPERATION_TIMEDOUT || (cc == CURLE_ABORTED_BY_CALLBACK && req->stalled)) {
		req->rc = HF_ENET;
		req->error = xasprintf("'%s' stalled: no data for %ld s (timeout)", shown, c->timeout);
	} else if (cc != CURLE_OK) {
		req->rc = HF_ENET;
		req->error = xasprintf("cannot fetch '%s': %s", shown, curl_easy_strerror(cc));
	} else if (req->status == 401 || req->status == 403) {
		req->rc = HF_EAUTH;
		if (var && *var)
			req->error = xasprintf("'%s' answered %ld: check the token in the environment "
					       "variable '%s'%s", shown, req->status, var,
					       c->have_token ? "" : " (it is not set)");
		else
			req->error = xasprintf("'%s' answered %ld: set 'token-env' for source '%s' "
					       "or a login for the host in ~/.netrc", shown,
					       req->status, c->conf->name);
	} else if (req->status < 200 || req->status >= 300) {
		bool missing;
		char *detail = mlflow_error(req, &missing);

		req->rc = req->status == 404 && missing ? HF_ENOTFOUND
			: retryable(req->status) ? HF_ENET : HF_EINVAL;
		if (detail)
			req->error = xasprintf("'%s' answered %ld %s", shown, req->status, detail);
		else
			req->error = xasprintf("'%s' answered %ld%s%s%s", shown, req->status,
					       retryable(req->status) ? " after retries" : "",
					       ctype ? " with " : "", ctype ? ctype_safe : "");
		free(detail);
	} else if (ctype && !strstr(ctype, "json")) {
		req->rc = HF_EINVAL;
		req->error = xasprintf("response from '%s' is %s, not JSON", shown, ctype_safe);
	}
	free(ctype_safe);
	free(shown);
}

static int64_t backoff_ms(struct hf_mlflow_client *c, int attempt, long retry_after)
{
	int64_t d = (int64_t)c->base_delay_ms << (attempt > 6 ? 6 : attempt - 1);

	if (d > 8000)
		d = 8000;
	/* jitter, half to full: xorshift per client (rand() is shared state across threads) */
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	d = d / 2 + (int64_t)(c->rng % (uint64_t)(d / 2 + 1));
	if (retry_after > 0) {
		int64_t ra = (retry_after > 60 ? 60 : retry_after) * 1000;

		if (ra > d)
			d = ra;
	}
	return d;
}

enum hf_status hf_mlflow_perform(struct hf_mlflow_client *c, struct hf_mlflow_req *reqs, size_t n,
				 size_t parallel)
{
	return hf_mlflow_perform_cb(c, reqs, n, parallel, NULL, NULL);
}

enum hf_status hf_mlflow_perform_cb(struct hf_mlflow_client *c, struct hf_mlflow_req *reqs,
				    size_t n, size_t parallel, hf_mlflow_done_fn done_fn, void *data)
{
	CURLM *multi = c->multi;
	size_t *queue = xmalloc((n + 1) * sizeof(*queue));
	size_t qhead = 0, qlen = 0, active = 0, done = 0;
	enum hf_status first = HF_OK;
	size_t first_i = 0;
	int64_t started = hf_mlflow_ms();

	if (!parallel)
		parallel = 1;
	for (size_t i = 0; i < n; i++) {
		reqs[i].rc = HF_OK;
		reqs[i].not_before = 0;
		queue[qlen++] = i;
	}
	/* queue is a ring of n slots: requests waiting to start (or to retry) */
	while (done < n) {
		int64_t now = hf_mlflow_ms(), wait = 1000;
		CURLMsg *msg;
		int running, left;

		for (size_t k = 0; k < qlen && active < parallel;) {
			size_t i = queue[(qhead + k) % n];
			struct hf_mlflow_req *req = &reqs[i];

			if (req->not_before > now) {
				if (req->not_before - now < wait)
					wait = req->not_before - now;
				k++;
				continue;
			}
			/* take slot k out of the ring by moving the head into it */
			queue[(qhead + k) % n] = queue[qhead];
			qhead = (qhead + 1) % n;
			qlen--;
			hf_strbuf_reset(&req->resp);
			req->too_big = false;
			req->attempts++;
			req->easy = easy_setup(c, req);
			if (hf_trace_enabled()) {
				char *shown = hf_redact(req->url);

				hf_trace("%s %s", req->method, shown);
				free(shown);
			}
			if (!req->easy || curl_multi_add_handle(multi, req->easy) != CURLM_OK) {
				req->rc = HF_ERR;
				req->error = xstrdup("cannot start a libcurl transfer");
				done++;
				continue;
			}
			active++;
		}
		if (done >= n)
			break;
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left))) {
			struct hf_mlflow_req *req = NULL;
			CURLcode cc = msg->data.result;
			CURL *e = msg->easy_handle;
			char *ctype = NULL;
			curl_off_t retry_after = 0;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&req);
			curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &req->status);
			curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ctype);
			curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry_after);
			ctype = ctype ? xstrdup(ctype) : NULL;
			curl_multi_remove_handle(multi, e);
			easy_put(c, e);
			req->easy = NULL;
			active--;
			hf_trace("%s %s -> %ld (%zu bytes)", req->method, req->endpoint, req->status,
				 req->resp.len);
			if (req->attempts < HF_MLFLOW_ATTEMPTS &&
			    ((cc == CURLE_OK && retryable(req->status)) || retryable_curl(cc))) {
				req->not_before = hf_mlflow_ms() +
					backoff_ms(c, req->attempts, (long)retry_after);
				queue[(qhead + qlen) % n] = (size_t)(req - reqs);
				qlen++;
				free(ctype);
				continue;
			}
			classify(c, req, cc, ctype);
			free(ctype);
			if (done_fn && !first && (!req->rc || (req->rc == HF_ENOTFOUND && req->missing_ok))) {
				int64_t t0 = hf_mlflow_ms();
				enum hf_status drc = done_fn(data, (size_t)(req - reqs), req);

				c->cb_ms += hf_mlflow_ms() - t0;

				if (drc) {
					req->rc = drc;
					free(req->error);
					req->error = xstrdup(hf_last_error());
				}
			}
			if (req->rc == HF_ENOTFOUND && req->missing_ok) {
				HF_FREE(req->error);
			} else if (req->rc && !first) {
				first = req->rc;
				first_i = (size_t)(req - reqs);
			}
			done++;
		}
		if (first && done < n) {
			/* one request failed for good: the batch fails, so stop the rest now */
			for (size_t i = 0; i < n; i++) {
				if (!reqs[i].easy)
					continue;
				curl_multi_remove_handle(multi, reqs[i].easy);
				easy_put(c, reqs[i].easy);
				reqs[i].easy = NULL;
			}
			active = 0;
			qlen = 0;
			done = n;
		}
		if (done >= n)
			break;
		/*
		 * Requests re-queued just now wait for their backoff: recompute the
		 * wait. With every slot busy only a finished transfer (which wakes
		 * the poll) can let one start, so the queue need not be scanned.
		 */
		now = hf_mlflow_ms();
		wait = 1000;
		for (size_t k = 0; active < parallel && k < qlen; k++) {
			int64_t nb = reqs[queue[(qhead + k) % n]].not_before - now;

			if (nb < wait)
				wait = nb;
		}
		if (wait < 0)
			wait = 0;
		if (active)
			curl_multi_poll(multi, NULL, 0, (int)(wait < 1 ? 1 : wait), NULL);
		else if (qlen && wait > 0) {
			struct timespec ts = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	free(queue);
	c->net_ms += hf_mlflow_ms() - started;
	if (first)
		return hf_error(first, "%s", reqs[first_i].error);
	return HF_OK;
}
