/* test_redact.c: unit tests for redaction: every URL form, library messages quoting one, registered secrets, host-only */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/redact.h"
#include "handoff/status.h"

struct redact_case {
	const char *in, *out;
};

static void check_fn(char *(*fn)(const char *), const char *name, const struct redact_case *cases,
		     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *r = fn(cases[i].in);

		if (strcmp(r, cases[i].out))
			fail_msg("%s(\"%s\") = \"%s\", want \"%s\"", name, cases[i].in, r, cases[i].out);
		free(r);
	}
}

static void urls_lose_their_credentials(void **state)
{
	static const struct redact_case cases[] = {
		{ "https://git.example/pod.git", "https://git.example/pod.git" },
		{ "https://user:s3cret@git.example/pod.git", "https://git.example/pod.git" },
		{ "https://ghp_token@git.example/pod.git", "https://git.example/pod.git" },
		{ "HTTPS://u:p@h/x", "HTTPS://h/x" },
		{ "http://u:p@h", "http://h" },
		{ "https://u:p@ss@h/x", "https://h/x" },
		{ "https://h?next=a@b", "https://h?next=a@b" },
		{ "https://git.example/a@b/pod.git", "https://git.example/a@b/pod.git" },
		{ "git://127.0.0.1:9418/pod.git", "git://127.0.0.1:9418/pod.git" },
		/* ssh keeps the login name, loses the password */
		{ "ssh://git@git.example:22/pod.git", "ssh://git@git.example:22/pod.git" },
		{ "ssh://tok:S3CRETPW@127.0.0.1:99999/x.git", "ssh://tok@127.0.0.1:99999/x.git" },
		{ "git+ssh://tok:S3CRETPW@h/x.git", "git+ssh://tok@h/x.git" },
		{ "ssh+git://tok:S3CRETPW@h/x.git", "ssh+git://tok@h/x.git" },
		{ "SSH://tok:S3CRETPW@h/x.git", "SSH://tok@h/x.git" },
		/* the scp-like form */
		{ "git@git.example:pod.git", "git@git.example:pod.git" },
		{ "tok:S3CRETPW@127.0.0.1:x.git", "tok@127.0.0.1:x.git" },
		{ "tok:S3CRETPW@host:/srv/x.git", "tok@host:/srv/x.git" },
		/* not URLs */
		{ "/srv/git/pod.git", "/srv/git/pod.git" },
		{ "/srv/a:b@c/pod.git", "/srv/a:b@c/pod.git" },
		{ "ana@pod.example", "ana@pod.example" },
		{ "", "" },
	};

	check_fn(hf_redact, "hf_redact", cases, sizeof(cases) / sizeof(cases[0]));
}

static void messages_quoting_urls_are_redacted(void **state)
{
	static const struct redact_case cases[] = {
		{ "malformed URL 'ssh://tok:S3CRETPW@127.0.0.1:99999/x.git'",
		  "malformed URL 'ssh://tok@127.0.0.1:99999/x.git'" },
		{ "cannot fetch \"https://tok:S3CRETPW@h/x\" (https://a:b@c/y): no",
		  "cannot fetch \"https://h/x\" (https://c/y): no" },
		{ "connect 'tok:S3CRETPW@127.0.0.1:x.git' failed", "connect 'tok@127.0.0.1:x.git' failed" },
		{ "see <https://user:pw@docs.example/a> and [ssh://u:p@h/b]",
		  "see <https://docs.example/a> and [ssh://u@h/b]" },
		{ "at 10:30 ana@pod.example wrote", "at 10:30 ana@pod.example wrote" },
		{ "no '@' here: a:b", "no '@' here: a:b" },
	};

	check_fn(hf_redact, "hf_redact", cases, sizeof(cases) / sizeof(cases[0]));
}

static void registered_secrets_never_show(void **state)
{
	static const struct redact_case cases[] = {
		/* a library quoting only a piece, or the decoded form */
		{ "failed to resolve address for S3CRETPW2@127.0.0.1", "failed to resolve address for ***@127.0.0.1" },
		{ "auth as pa ss/word", "auth as ***" },
		{ "token ghp_abcdef012345 refused", "token *** refused" },
		{ "env token tok-value-99 echoed twice tok-value-99", "env token *** echoed twice ***" },
		/* ssh login names and short secrets are not blanked */
		{ "user tok2 tried", "user tok2 tried" },
		{ "abc is fine", "abc is fine" },
	};

	hf_redact_add_url("ssh://tok2:S3CRETPW2@127.0.0.1:22/x.git");
	hf_redact_add_url("https://u:pa%20ss%2Fword@h/");
	hf_redact_add_url("https://ghp_abcdef012345@git.example/x");
	hf_redact_add_url("https://abc@git.example/x");
	hf_redact_add_secret("tok-value-99");
	hf_redact_add_secret("abc");
	check_fn(hf_redact, "hf_redact", cases, sizeof(cases) / sizeof(cases[0]));
}

static void host_only_for_secret_feeds(void **state)
{
	static const struct redact_case cases[] = {
		{ "https://u:p@cal.example/private/TOKEN.ics?key=x", "cal.example" },
		{ "https://cal.example:8443/f.ics", "cal.example:8443" },
		{ "webcal://cal.example?token=1", "cal.example" },
		{ "git@git.example:pod.git", "git.example" },
		{ "tok:pw@git.example:pod.git", "git.example" },
		{ "git.example:pod.git", "git.example" },
		{ "/srv/pod.git", "" },
	};

	check_fn(hf_redact_host, "hf_redact_host", cases, sizeof(cases) / sizeof(cases[0]));
}

static void recorded_errors_are_redacted_and_trimmed(void **state)
{
	hf_error(HF_ENET, "cannot reach 'ssh://tok:S3CRETPW@h/x.git': Permission denied\n  \n");
	assert_string_equal(hf_last_error(), "cannot reach 'ssh://tok@h/x.git': Permission denied");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urls_lose_their_credentials),
		cmocka_unit_test(messages_quoting_urls_are_redacted),
		cmocka_unit_test(registered_secrets_never_show),
		cmocka_unit_test(host_only_for_secret_feeds),
		cmocka_unit_test(recorded_errors_are_redacted_and_trimmed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
