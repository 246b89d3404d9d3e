/* test_http.c: the HTTP client's batch: a transfer that cannot start fails the batch with a message naming its URL */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/http.h"
#include "handoff/status.h"
#include "handoff/xmalloc.h"

#define PREFIX "http://127.0.0.1:9/api/2.0/mlflow/runs/get?run_id="

/* A URL over libcurl's 8 MB input limit: curl refuses it, so the transfer cannot start. */
static char *huge_url(void)
{
	size_t n = 8u << 20, p = strlen(PREFIX);
	char *url = xmalloc(p + n + 1);

	memcpy(url, PREFIX, p);
	memset(url + p, 'a', n);
	url[p + n] = '\0';
	return url;
}

static size_t calls;

static enum hf_status count_done(void *data, size_t i, struct hf_http_req *req)
{
	(void)data, (void)i, (void)req;
	calls++;
	return HF_OK;
}

static void unstartable_transfer_fails_the_batch(void **state)
{
	struct hf_http_opts o = { .source = "registry", .timeout = 5 };
	struct hf_http_client *c = NULL;
	struct hf_http_req req;
	char *url = huge_url();
	enum hf_status rc;

	(void)state;
	assert_int_equal(hf_http_client_new(&o, &c), HF_OK);
	hf_http_req_init(&req, "GET", url, "runs/get", NULL);
	calls = 0;
	rc = hf_http_perform(c, &req, 1, count_done, NULL);
	/* not counted done with success: the batch fails, and says which request and URL */
	assert_int_not_equal(rc, HF_OK);
	assert_int_not_equal(req.rc, HF_OK);
	assert_int_equal(calls, 0);
	assert_non_null(strstr(hf_last_error(), "cannot start a libcurl transfer for 'runs/get'"));
	assert_non_null(strstr(hf_last_error(), "to '" PREFIX "aaaa"));
	/* named, not echoed whole: the message stays short */
	assert_true(strlen(hf_last_error()) < 400);
	hf_error_clear();
	hf_http_req_release(&req);
	hf_http_client_free(c);
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unstartable_transfer_fails_the_batch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
