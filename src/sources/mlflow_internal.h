/* mlflow_internal.h: what the mlflow*.c files share: the HTTP client (libcurl, multi interface) */
#ifndef HANDOFF_MLFLOW_INTERNAL_H
#define HANDOFF_MLFLOW_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/strbuf.h"

#define HF_MLFLOW_MAX_BODY (64u << 20)	/* a response larger than this is refused */
#define HF_MLFLOW_PARALLEL 8		/* transfers at once */
#define HF_MLFLOW_ATTEMPTS 5		/* tries of one request on 429/5xx */

/*
 * One client per sync or push: the curl multi handle (its connection cache
 * is reused by every request), the headers (with the Bearer token when
 * token-env names a set variable) and the settings of the source. The token
 * lives only in the header list and is never logged or put in a message.
 */
struct hf_mlflow_client {
	const struct hf_source_conf *conf;
	char *api;		/* "<url>/api/2.0/mlflow/" */
	char *shown;		/* the url without user:password, for messages */
	void *multi;		/* CURLM * */
	void *headers;		/* struct curl_slist *: Accept, Authorization */
	void *json_headers;	/* the same plus Content-Type: application/json */
	void **idle;		/* CURL * handles kept for reuse */
	size_t nidle;
	long timeout;
	bool have_token;
	size_t max_body;
	unsigned base_delay_ms;
	uint64_t rng;		/* backoff jitter */
	int64_t net_ms;		/* wall time spent inside hf_mlflow_perform (the bench's figure) */
	int64_t cb_ms;		/* ... of which in done callbacks (parsing, not network) */
	int64_t phase_net;	/* net_ms - cb_ms at the last phase mark (trace) */
};

/* One HTTP request and, after hf_mlflow_perform, its outcome. */
struct hf_mlflow_req {
	const char *endpoint;	/* "registered-models/search": for messages */
	char *url;		/* full URL (owned) */
	const char *method;	/* GET, POST, DELETE */
	const char *body;	/* JSON request body or NULL (borrowed) */
	bool missing_ok;	/* a 404 RESOURCE_DOES_NOT_EXIST is HF_ENOTFOUND, no message kept */
	/* outcome */
	struct hf_strbuf resp;
	long status;
	enum hf_status rc;
	char *error;		/* message when rc != HF_OK (owned) */
	int attempts;
	/* private */
	void *easy;
	int64_t not_before;	/* ms, monotonic */
	bool too_big;
	bool stalled;
	int64_t progress_at, progress_bytes, stall_ms;
};

enum hf_status hf_mlflow_client_init(struct hf_mlflow_client *c, const struct hf_source_conf *conf);
void hf_mlflow_client_release(struct hf_mlflow_client *c);

/* Percent-encode s for a query value (caller frees). */
char *hf_mlflow_escape(const char *s);

/* Set up req for endpoint with an already-encoded query (may be NULL). */
void hf_mlflow_req_init(struct hf_mlflow_client *c, struct hf_mlflow_req *req, const char *method,
			const char *endpoint, const char *query, const char *body);
void hf_mlflow_req_release(struct hf_mlflow_req *req);

/*
 * Perform n requests, at most `parallel` at once, retrying 429 and 5xx with
 * exponential backoff and jitter (honouring Retry-After) up to
 * HF_MLFLOW_ATTEMPTS tries. Each request gets its own rc/error; the return
 * value is the first failure (its message recorded with hf_error) or HF_OK.
 * A failure stops the batch: transfers still running are abandoned, so the
 * other results are only meaningful when HF_OK is returned. A 404
 * RESOURCE_DOES_NOT_EXIST of a request with missing_ok is not a failure.
 */
enum hf_status hf_mlflow_perform(struct hf_mlflow_client *c, struct hf_mlflow_req *reqs, size_t n,
				 size_t parallel);

/*
 * The same, calling done(data, i, &reqs[i]) as each request finishes for
 * good (success or not), while the others are still in flight: parsing
 * overlaps the network. A non-zero return from done counts as that
 * request's failure (its message taken from hf_last_error()).
 */
typedef enum hf_status (*hf_mlflow_done_fn)(void *data, size_t i, struct hf_mlflow_req *req);
enum hf_status hf_mlflow_perform_cb(struct hf_mlflow_client *c, struct hf_mlflow_req *reqs,
				    size_t n, size_t parallel, hf_mlflow_done_fn done, void *data);

/* A monotonic clock in milliseconds (for backoff and the bench). */
int64_t hf_mlflow_ms(void);

#endif
