/* mlflow_internal.h: what the mlflow*.c files share: the registry's client over the HTTP client (http.h) */
#ifndef HANDOFF_MLFLOW_INTERNAL_H
#define HANDOFF_MLFLOW_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "handoff/cancel.h"
#include "handoff/conf.h"
#include "handoff/http.h"
#include "handoff/status.h"

#define HF_MLFLOW_MAX_BODY HF_HTTP_MAX_BODY	/* the demo loader's cap on one file */

/* One registry client per sync or push: the HTTP client and the API's base URL. */
struct hf_mlflow_client {
	const struct hf_source_conf *conf;
	struct hf_http_client *http;
	char *api;		/* "<url>/api/2.0/mlflow/" */
	int64_t phase_net;	/* network time at the last phase mark (trace) */
};

enum hf_status hf_mlflow_client_init(struct hf_mlflow_client *c, const struct hf_source_conf *conf,
				     const struct hf_cancel *cancel);
void hf_mlflow_client_release(struct hf_mlflow_client *c);

/* Set up req for endpoint ("runs/get") with an already-encoded query (may be NULL). */
void hf_mlflow_req_init(struct hf_mlflow_client *c, struct hf_http_req *req, const char *method,
			const char *endpoint, const char *query, const char *body);

/* MLflow's JSON error body as "CODE: message" (sanitised), for http.h's describe hook. */
char *hf_mlflow_describe_error(const struct hf_http_req *req, bool *missing);

#endif
