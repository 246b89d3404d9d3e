/* mlflow_runs.c: runs/get on demand, for a version the sync did not measure (check --version, diff) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/http.h"
#include "handoff/mlflow.h"
#include "handoff/xmalloc.h"
#include "mlflow_internal.h"

struct got {
	struct hf_reg_run *out;
	char *const *ids;
};

static enum hf_status got_run(void *data, size_t i, struct hf_http_req *req)
{
	struct got *g = data;
	enum hf_status rc;

	if (req->rc == HF_ENOTFOUND)
		return HF_OK;	/* the run was deleted: out[i] stays without an id */
	rc = hf_mlflow_parse_run("runs/get", req->resp.buf, req->resp.len, &g->out[i]);
	if (!rc && !g->out[i].run_id)
		g->out[i].run_id = xstrdup(g->ids[i]);
	hf_strbuf_release(&req->resp);
	return rc;
}

enum hf_status hf_mlflow_get_runs(const struct hf_source_conf *conf, char *const *ids, size_t n,
				  struct hf_reg_run *out)
{
	struct hf_mlflow_client c;
	struct hf_http_req *reqs;
	struct got g = { out, ids };
	enum hf_status rc;

	memset(out, 0, n * sizeof(*out));
	if (!n)
		return HF_OK;
	if ((rc = hf_mlflow_client_init(&c, conf, NULL)))
		return rc;
	reqs = xcalloc(n, sizeof(*reqs));
	for (size_t i = 0; i < n; i++) {
		char *esc = hf_http_escape(ids[i]);
		char *q = xasprintf("run_id=%s", esc);

		hf_mlflow_req_init(&c, &reqs[i], "GET", "runs/get", q, NULL);
		reqs[i].missing_ok = true;
		free(esc);
		free(q);
	}
	rc = hf_http_perform(c.http, reqs, n, got_run, &g);
	for (size_t i = 0; i < n; i++)
		hf_http_req_release(&reqs[i]);
	free(reqs);
	hf_mlflow_client_release(&c);
	if (rc)
		for (size_t i = 0; i < n; i++)
			hf_reg_run_clear(&out[i]);
	return rc;
}
