/* http.h: the HTTP client of every network source (libcurl multi): parallel transfers, one shared backoff, caps, auth, cancel */
#ifndef HANDOFF_HTTP_H
#define HANDOFF_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/cancel.h"
#include "handoff/status.h"
#include "handoff/strbuf.h"

/*
 * The only user of libcurl (src/sources/http.c). One client per sync (or
 * push): a curl multi handle whose connections are reused by every request,
 * at most `parallel` transfers at once, and one backoff shared by all the
 * requests of the client.
 *
 * Credentials: a Bearer token from the environment variable named by
 * token_env when it is set, else the login of ~/.netrc for the host. The
 * token lives only in the client's header list: never logged, stored or
 * put in a message. Redirects are not followed (the token never goes to
 * another host); only http and https are spoken. HANDOFF_TRACE logs each
 * request's method and URL (without user:password), never a header.
 *
 * Retries: 429, 500, 502, 503, 504, a refused or reset connection. A
 * failure pauses the whole client, not just the request: no transfer
 * starts until the pause is over (exponential from 250 ms to 8 s, jittered
 * half to full, and at least what a Retry-After said, at most 60 s), and
 * then the request that failed goes first, alone, as a probe; the others
 * follow once it succeeds. One request is tried at most HF_HTTP_ATTEMPTS times, and the
 * client retries at most HF_HTTP_RETRIES attempts in its life, so a server
 * that goes away costs a few failed requests, not one storm per queued
 * request.
 *
 * Cancel: the cancel flag is checked in curl's progress callback and
 * between polls (at most 100 ms apart), so a cancelled batch returns
 * HF_ECANCEL within about 0.1 s whatever the server does.
 *
 * Thread rules: a client and its requests are used by one thread at a time.
 * Different clients may run in different threads.
 */

#define HF_HTTP_MAX_BODY (64u << 20)	/* default cap on one answer */
#define HF_HTTP_PARALLEL 8		/* default transfers at once */
#define HF_HTTP_ATTEMPTS 5		/* tries of one request */
#define HF_HTTP_RETRIES 20		/* retried attempts of one client, all requests together */

struct hf_http_req;

/* What a client runs with; strings are copied by hf_http_client_new. */
struct hf_http_opts {
	const char *source;	/* the source's name, for messages ("source 'registry'") */
	const char *token_env;	/* variable holding a Bearer token; NULL or unset: ~/.netrc */
	const char *ca_file;	/* CA bundle to trust; NULL: the system's */
	bool insecure;		/* skip certificate checks (only when configured) */
	long timeout;		/* seconds without a byte (and to connect); 0: 30 */
	size_t max_body;	/* an answer larger than this is refused (HF_ETOOBIG); 0: HF_HTTP_MAX_BODY */
	size_t parallel;	/* 0: HF_HTTP_PARALLEL */
	const char *accept;	/* Accept header; NULL: application/json */
	bool identity;		/* ask for answers uncompressed (default: gzip and the like):
				 * for small answers of a server that pays for compressing them */
	const char *expect_type;	/* a 2xx answer's Content-Type must contain this ("json"); NULL: any */
	/*
	 * The server's own error text in an answer with an error status (MLflow:
	 * "RESOURCE_DOES_NOT_EXIST: ..."), sanitised and allocated, or NULL.
	 * *missing says the thing asked for does not exist (for missing_ok).
	 * NULL: every 404 counts as missing.
	 */
	char *(*describe)(const struct hf_http_req *req, bool *missing);
	const struct hf_cancel *cancel;	/* NULL: never cancelled */
};

struct hf_http_client;

/* HF_ERR when libcurl cannot be set up. The client is freed by hf_http_client_free. */
enum hf_status hf_http_client_new(const struct hf_http_opts *opts, struct hf_http_client **out);
void hf_http_client_free(struct hf_http_client *c);

/* Figures of a client's life, for the trace, the summary and the bench. */
struct hf_http_stats {
	size_t requests;	/* transfers started, retries included */
	size_t retries;		/* of which retries */
	int64_t net_ms;		/* wall time inside hf_http_perform */
	int64_t cb_ms;		/* ... of which in done callbacks (parsing, not network) */
};
void hf_http_client_stats(const struct hf_http_client *c, struct hf_http_stats *out);

/* One request and, after hf_http_perform, its outcome. */
struct hf_http_req {
	char *url;		/* full URL (owned) */
	const char *method;	/* GET, POST, DELETE */
	const char *body;	/* JSON body or NULL (borrowed until perform returns) */
	const char *what;	/* names it in messages and the trace: "runs/get" (borrowed) */
	bool missing_ok;	/* a 404 `describe` calls missing is HF_ENOTFOUND: no failure of the batch */
	bool answer_ok;		/* a 4xx the server explains (`describe` gives its words) is this
				 * request's own outcome (rc HF_EINVAL, error set): the batch goes on */
	/* outcome */
	struct hf_strbuf resp;	/* the answer's body */
	long status;		/* HTTP status, 0 when none came */
	enum hf_status rc;
	char *error;		/* message when rc != HF_OK (owned) */
	int attempts;
	/* private to http.c */
	void *easy;
	int64_t not_before;
	unsigned round;
	bool too_big, stalled, explained;
	int64_t progress_at, progress_bytes;
	struct hf_http_client *client;
};

/* Set up req (zeroed first) for url; method GET, POST or DELETE; body may be NULL. */
void hf_http_req_init(struct hf_http_req *req, const char *method, const char *url,
		      const char *what, const char *body);
void hf_http_req_release(struct hf_http_req *req);

/*
 * Called as each request finishes for good with success (or a missing_ok
 * 404: req->rc is HF_ENOTFOUND), while the others are still in flight, so
 * parsing overlaps the network. i is the request's index. A non-zero
 * return counts as that request's failure (its message from
 * hf_last_error()).
 */
typedef enum hf_status (*hf_http_done_fn)(void *data, size_t i, struct hf_http_req *req);

/*
 * Perform reqs[0..n) (done may be NULL). Each request gets its own rc and
 * error. The return value is the first failure for good (its message
 * recorded with hf_error) or HF_OK; a failure stops the batch: transfers
 * still running are abandoned, so the other results are meaningful only
 * when HF_OK is returned. HF_ECANCEL when the cancel flag was set.
 * Errors: HF_ENET (connection, timeout, stall, 5xx/429 after retries),
 * HF_EAUTH (401/403: the message says which variable or ~/.netrc),
 * HF_ETOOBIG, HF_EINVAL (another 4xx, or not the expected content type),
 * HF_ENOTFOUND (a 404 without missing_ok).
 */
enum hf_status hf_http_perform(struct hf_http_client *c, struct hf_http_req *reqs, size_t n,
			       hf_http_done_fn done, void *data);

/* Percent-encode s for a query value or a path segment (caller frees). */
char *hf_http_escape(const char *s);

/*
 * Check that a source's configured url is http:// or https:// (HF_EINVAL
 * naming the source, with the url shown without user:password otherwise).
 */
enum hf_status hf_http_check_url(const char *source, const char *url);

/*
 * A source's settings as client options, after checking its url: o is
 * zeroed, then given the source's name, token-env, ca-file, insecure,
 * timeout and max-response, expect_type "json" and cancel; the rest is the
 * caller's to set.
 */
struct hf_source_conf;
enum hf_status hf_http_opts_for(struct hf_http_opts *o, const struct hf_source_conf *conf,
				const struct hf_cancel *cancel);

#endif
