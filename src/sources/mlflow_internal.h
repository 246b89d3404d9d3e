/* mlflow_internal.h: what the mlflow*.c files share: the registry's client over the HTTP client (http.h) */
#ifndef HANDOFF_MLFLOW_INTERNAL_H
#define HANDOFF_MLFLOW_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "handoff/cancel.h"
#include "handoff/conf.h"
#include "handoff/http.h"
#include "handoff/mlflow.h"
#include "handoff/registry.h"
#include "handoff/source.h"
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

/*
 * What a registry fetch hands to apply (mlflow_fetch.c fills it).
 *  full: p.models is the whole registry (what it lacks was deleted);
 *  else p.models are the models fetched this time (the pod's, and those
 *  the ordered listing showed changed), complete, and gone the pod models
 *  whose registered-models/get answered 404.
 */
struct hf_mlflow_fetched {
	struct hf_fetched base;	/* first: the driver frees through base.free */
	bool full;
	struct hf_mlflow_parsed p;	/* assembled: p.models */
	char **gone;
	size_t ngone;
	struct hf_reg_run *runs;	/* fetched runs, sorted by id */
	size_t nruns;
	char **runs_gone;		/* run ids asked for that no longer exist */
	size_t nruns_gone;
	size_t runs_fetched;		/* asked for */
	int64_t watermark;		/* the newest model update a listing has shown (0: none) */
	bool saw_aliases;		/* a search carried "aliases": this server sends them */
	size_t requests, listed;
	char **pod;			/* the registry names the pod cares about, sorted */
	size_t npod;
};

/* The fetch of ops->fetch (see source.h and docs/registry.md); base.free frees the result. */
enum hf_status hf_mlflow_fetch(struct hf_store *store, struct hf_sync *sync,
			       struct hf_fetched **out);
void hf_mlflow_fetched_free(struct hf_fetched *f);

/* Whether version i of m matters: one of the three newest, or named by an alias or a live stage. */
bool hf_mlflow_version_matters(const struct hf_reg_model *m, size_t i);

/* MLflow's JSON error body as "CODE: message" (sanitised), for http.h's describe hook. */
char *hf_mlflow_describe_error(const struct hf_http_req *req, bool *missing);

#endif
