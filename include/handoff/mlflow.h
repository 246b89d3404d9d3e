/* mlflow.h: the MLflow Model Registry source: sync ops, demo loader, write-back primitives */
#ifndef HANDOFF_MLFLOW_H
#define HANDOFF_MLFLOW_H

#include <stddef.h>
#include "handoff/conf.h"
#include "handoff/registry.h"
#include "handoff/source.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Talks to `url`/api/2.0/mlflow/... over HTTP(S) through the sources' HTTP
 * client (http.h: credentials, retries, caps, cancel). Credentials: a
 * Bearer token from the environment variable named by the source's
 * token-env, else the user and password of ~/.netrc for that host. The
 * token is never logged, stored or put in an error message; HANDOFF_TRACE
 * logs method and URL only.
 *
 * Errors: HF_ENET (connection, timeout, stall, 5xx/429 after retries),
 * HF_EAUTH (401/403: the message names the token variable), HF_ETOOBIG
 * (a response over the 64 MiB cap), HF_EINVAL (not JSON or not the expected
 * shape: the message names the endpoint and what was wrong; a 4xx error
 * with MLflow's error_code and message), HF_ECANCEL (the sync's cancel flag).
 */

/* The fetch, apply and push operations (type mlflow); see source.h. */
extern const struct hf_source_ops hf_source_mlflow_ops;

/*
 * The demo's registry: load a folder of files in MLflow's response shapes
 * and store them as source `source` exactly as a live sync would (same
 * parser, same hf_store_reg_replace). Call inside a transaction.
 *   registered-models-search.json  (or registered-models-search*.json pages)
 *   model-versions-search.json     (or model-versions-search*.json pages)
 *   runs/<run_id>.json             runs/get responses (optional per run)
 * HF_ENOTFOUND when dir or the models file is missing; HF_EINVAL naming the
 * file for a bad one.
 */
enum hf_status hf_mlflow_load_dir(struct hf_store *store, const char *source, const char *dir);

/*
 * Write-back primitives (POST/DELETE with JSON bodies, as MLflow 2.9.2
 * answers them with {}). conf gives url, credentials, ca-file, timeout.
 * Errors as above; a 4xx carries MLflow's message (e.g. a missing version).
 */
enum hf_status hf_mlflow_set_version_tag(const struct hf_source_conf *conf, const char *model,
					 const char *version, const char *key, const char *value);
enum hf_status hf_mlflow_set_alias(const struct hf_source_conf *conf, const char *model,
				   const char *alias, const char *version);
enum hf_status hf_mlflow_delete_alias(const struct hf_source_conf *conf, const char *model,
				      const char *alias);

/*
 * runs/get for each of ids[0..n), in parallel, on demand (a version the
 * sync did not fetch the run of): out[i] (n of them, zeroed first) gets
 * the run's status, metrics and parameters; a run the server no longer has
 * leaves out[i].run_id NULL. Errors as above; on error nothing is kept.
 * cancel (may be NULL) stops the transfers (HF_ECANCEL).
 */
enum hf_status hf_mlflow_get_runs(const struct hf_source_conf *conf,
				  const struct hf_cancel *cancel, char *const *ids, size_t n,
				  struct hf_reg_run *out);

/*
 * Parsing (tests and the demo): one registered-models/search page, one
 * model-versions/search page, one runs/get response. `what` names the
 * endpoint or file for messages. Parsed data is appended to the arrays;
 * *next_token (may be NULL) receives the page token, NULL on the last page.
 */
struct hf_mlflow_parsed {
	struct hf_reg_model *models;	/* by registered-models/search (or /get) */
	size_t nmodels, alloc_models;
	bool saw_aliases;	/* some listed model carried an "aliases" key */
	struct hf_mlflow_pending_version *versions;	/* by model-versions/search */
	size_t nversions, alloc_versions;
};
struct hf_mlflow_pending_version {
	char *model;
	struct hf_reg_version v;
	char **aliases;		/* aliases listed on the version (may be none) */
	size_t naliases;
};
enum hf_status hf_mlflow_parse_models(struct hf_mlflow_parsed *p, const char *what,
				      const char *body, size_t len, char **next_token);
enum hf_status hf_mlflow_parse_versions(struct hf_mlflow_parsed *p, const char *what,
					const char *body, size_t len, char **next_token);
/* Parse runs/get into *run (zeroed first; hf_reg_run_clear frees it). */
enum hf_status hf_mlflow_parse_run(const char *what, const char *body, size_t len,
				   struct hf_reg_run *run);
/* Parse one runs/search page: runs appended to *runs (*n of them so far). */
enum hf_status hf_mlflow_parse_runs(const char *what, const char *body, size_t len,
				    struct hf_reg_run **runs, size_t *n, char **next_token);
/* Parse one experiments/search page: experiment ids appended to *ids. */
enum hf_status hf_mlflow_parse_experiments(const char *what, const char *body, size_t len,
					   char ***ids, size_t *n, char **next_token);
/* Parse registered-models/get into *m's aliases (appended). */
enum hf_status hf_mlflow_parse_model_get(const char *what, const char *body, size_t len,
					 struct hf_reg_model *m);
/* Parse registered-models/get into a model appended to p->models. */
enum hf_status hf_mlflow_parse_model_one(struct hf_mlflow_parsed *p, const char *what,
					 const char *body, size_t len);
/*
 * Attach versions to models (by name; versions of models not listed are
 * dropped, a version listed twice is kept once), merge aliases listed on
 * versions, sort versions newest first; O(n log n) in the versions. Moves
 * ownership out of p: afterwards p->models holds the result.
 */
void hf_mlflow_parsed_assemble(struct hf_mlflow_parsed *p);
void hf_mlflow_parsed_clear(struct hf_mlflow_parsed *p);

#endif
