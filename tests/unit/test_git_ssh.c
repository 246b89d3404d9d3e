/* test_git_ssh.c: unit tests for the git source's ssh side (git_ssh.c) with libgit2 off the stack, so LeakSanitizer sees all of it: URLs, ~, key files, known_hosts, credentials, messages */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "handoff/paths.h"
#include "handoff/xmalloc.h"
#include "../../src/sources/git_internal.h"
#include "testlib.h"

static char dir[] = "/tmp/hf-git-ssh-XXXXXX";

static void run(const char *fmt, ...) HF_PRINTF(1, 2);
static void run(const char *fmt, ...)
{
	va_list ap;
	char *cmd;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		print_error("'%s' failed\n", cmd);
		free(cmd);
		fail();
	}
	free(cmd);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	setenv("HOME", dir, 1);
	unsetenv("SSH_AUTH_SOCK");
	run("mkdir -p %s/.ssh && cd %s && ssh-keygen -q -t ed25519 -N '' -f id_ed && "
	    "ssh-keygen -q -t ecdsa -N '' -f id_ec && ssh-keygen -q -t rsa -b 2048 -N '' -f id_rsa && "
	    "ssh-keygen -q -t ed25519 -N 'pass phrase' -f id_pp && ssh-keygen -q -t ed25519 -N '' -f host && "
	    "ssh-keygen -q -t ed25519 -N '' -f other && ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f id_pem",
	    dir, dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	run("rm -rf '%s'", dir);
	return 0;
}

/* hf_git_ssh_init on url (and ssh-key key): the status; gs->ssh filled. */
static enum hf_status init(struct hf_git_sync *gs, struct hf_source_conf *conf, const char *url,
			   const char *key)
{
	memset(gs, 0, sizeof(*gs));
	memset(conf, 0, sizeof(*conf));
	conf->name = (char *)"pod";
	conf->url = (char *)url;
	conf->ssh_key = (char *)key;
	gs->conf = conf;
	return hf_git_ssh_init(gs);
}

static void urls_and_users(void **state)
{
	static const struct {
		const char *url, *host, *user;
		int port;
		bool on, scp;
	} cases[] = {
		{ "ssh://git@h.example/pod.git", "h.example", "git", 22, true, false },
		{ "ssh://h.example:2222/pod.git", "h.example", NULL, 2222, true, false },
		{ "ssh://tok:pw@127.0.0.1:22422/x.git", "127.0.0.1", "tok", 22422, true, false },
		{ "GIT+SSH://a@h/x", "h", "a", 22, true, false },
		{ "ssh+git://[::1]:2200/x", "::1", NULL, 2200, true, false },
		{ "git@h.example:pod.git", "h.example", "git", 22, true, true },
		{ "h.example:/srv/pod.git", "h.example", NULL, 22, true, true },
		{ "tok:pw@h.example:pod.git", "h.example", "tok", 22, true, true },
		{ "https://h.example/pod.git", NULL, NULL, 0, false, false },
		{ "/srv/git/pod.git", NULL, NULL, 0, false, false },
		{ "./a:b/pod.git", NULL, NULL, 0, false, false },
		{ "ssh://h:99999/x", NULL, NULL, 0, false, false },
	};
	struct hf_git_sync gs;
	struct hf_source_conf conf;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(init(&gs, &conf, cases[i].url, NULL), HF_OK);
		if (gs.ssh.on != cases[i].on)
			fail_msg("'%s': ssh %d", cases[i].url, gs.ssh.on);
		if (cases[i].on) {
			assert_string_equal(gs.ssh.host, cases[i].host);
			assert_int_equal(gs.ssh.port, cases[i].port);
			assert_int_equal(gs.ssh.scp_like, cases[i].scp);
			if (cases[i].user)
				assert_string_equal(gs.ssh.user, cases[i].user);
			else
				assert_null(gs.ssh.user);
		}
		hf_git_ssh_release(&gs.ssh);
	}
	assert_int_equal(init(&gs, &conf, "git+ssh://a@h:2200/x", NULL), HF_OK);
	assert_string_equal(gs.ssh.fetch_url, "ssh://a@h:2200/x");
	hf_git_ssh_release(&gs.ssh);
}

static void key_files(void **state)
{
	static const struct {
		const char *file, *type;
		bool encrypted;
	} cases[] = {
		{ "id_ed", "ssh-ed25519", false },
		{ "id_ec", "ecdsa-sha2-nistp256", false },
		{ "id_rsa", "ssh-rsa", false },
		{ "id_pp", "ssh-ed25519", true },
		{ "id_pem", "ssh-rsa", false },
	};
	struct hf_git_sync gs;
	struct hf_source_conf conf;
	char *home = hf_path_expand_home("~"), *path;

	assert_string_equal(home, dir);
	free(home);
	path = hf_path_expand_home("~/.ssh/x");
	assert_non_null(strstr(path, "/.ssh/x"));
	assert_string_equal(strstr(path, "/.ssh/x") - strlen(dir), path);
	free(path);
	path = hf_path_expand_home("/abs/~x");
	assert_string_equal(path, "/abs/~x");
	free(path);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *key = xasprintf("%s/%s", dir, cases[i].file);

		assert_int_equal(init(&gs, &conf, "ssh://git@h/x", key), HF_OK);
		assert_string_equal(gs.ssh.key_type, cases[i].type);
		assert_int_equal(gs.ssh.key_encrypted, cases[i].encrypted);
		hf_git_ssh_release(&gs.ssh);
		free(key);
	}
	/* ~ expanded and shown both ways; a missing file named */
	run("cp %s/id_ed %s/.ssh/id_ed25519", dir, dir);
	assert_int_equal(init(&gs, &conf, "ssh://git@h/x", "~/.ssh/id_ed25519"), HF_OK);
	path = xasprintf("'~/.ssh/id_ed25519' (%s/.ssh/id_ed25519)", dir);
	assert_string_equal(gs.ssh.key_shown, path);
	free(path);
	hf_git_ssh_release(&gs.ssh);
	assert_int_equal(init(&gs, &conf, "ssh://git@h/x", "~/.ssh/nope"), HF_EAUTH);
	path = xasprintf("source 'pod': ssh-key '~/.ssh/nope' (%s/.ssh/nope): no such file", dir);
	assert_string_equal(hf_last_error(), path);
	free(path);
	hf_git_ssh_release(&gs.ssh);
}

/* The raw blob and SHA256 of a .pub file, as libgit2 hands them to certificate_check. */
static void host_cert(git_cert_hostkey *cert, const char *pub, unsigned char *blob, size_t *len)
{
	char *cmd = xasprintf("cut -d' ' -f2 %s/%s | base64 -d > %s/blob && "
			      "sha256sum %s/blob | cut -c1-64 > %s/sum", dir, pub, dir, dir, dir);
	char *path = xasprintf("%s/blob", dir), *hex = NULL;
	FILE *f;

	run("%s", cmd);
	f = fopen(path, "rb");
	assert_non_null(f);
	*len = fread(blob, 1, 1024, f);
	fclose(f);
	free(path);
	path = xasprintf("%s/sum", dir);
	assert_int_equal(hf_read_file(path, 100, &hex, NULL), HF_OK);
	memset(cert, 0, sizeof(*cert));
	cert->parent.cert_type = GIT_CERT_HOSTKEY_LIBSSH2;
	cert->type = GIT_CERT_SSH_RAW | GIT_CERT_SSH_SHA256;
	cert->hostkey = (const char *)blob;
	cert->hostkey_len = *len;
	for (int i = 0; i < 32; i++) {
		unsigned int b;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &b), 1);
		cert->hash_sha256[i] = (unsigned char)b;
	}
	free(hex);
	free(path);
	free(cmd);
}

static void known_hosts_rules(void **state)
{
	struct hf_git_sync gs;
	struct hf_source_conf conf;
	git_cert_hostkey cert;
	unsigned char blob[1024];
	size_t len;

	host_cert(&cert, "host.pub", blob, &len);
	/* no known_hosts: unknown, with the fix */
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 0, "127.0.0.1", &gs), GIT_ECERTIFICATE);
	assert_non_null(strstr(gs.ssh.problem, "the host key of '[127.0.0.1]:22422' is unknown"));
	assert_non_null(strstr(gs.ssh.problem, "ssh-keyscan -p 22422 127.0.0.1 >> ~/.ssh/known_hosts"));
	hf_git_ssh_release(&gs.ssh);
	/* a line without the port: port 22 only */
	run("echo \"127.0.0.1 $(cut -d' ' -f1,2 %s/host.pub)\" > %s/.ssh/known_hosts", dir, dir);
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 1, "127.0.0.1", &gs), GIT_ECERTIFICATE);
	assert_non_null(strstr(gs.ssh.problem, "without a port is for port 22 only"));
	hf_git_ssh_release(&gs.ssh);
	assert_int_equal(init(&gs, &conf, "git@127.0.0.1:x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 1, "127.0.0.1", &gs), 0);
	assert_null(gs.ssh.problem);
	hf_git_ssh_release(&gs.ssh);
	/* [host]:port, hashed, among a marker line and a line libssh2 cannot read */
	run("cd %s && echo \"[127.0.0.1]:22422 $(cut -d' ' -f1,2 host.pub)\" > .ssh/known_hosts && "
	    "ssh-keygen -q -H -f .ssh/known_hosts >/dev/null 2>&1 && grep -q '^|1|' .ssh/known_hosts && "
	    "{ echo '@cert-authority *.example ssh-ed25519 AAAA'; echo 'garbage'; "
	    "cat .ssh/known_hosts; } > kh && mv kh .ssh/known_hosts", dir);
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 0, "127.0.0.1", &gs), 0);
	hf_git_ssh_release(&gs.ssh);
	/* changed */
	run("echo \"[127.0.0.1]:22422 $(cut -d' ' -f1,2 %s/other.pub)\" > %s/.ssh/known_hosts", dir, dir);
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 1, "127.0.0.1", &gs), GIT_ECERTIFICATE);
	assert_non_null(strstr(gs.ssh.problem, "has CHANGED"));
	assert_non_null(strstr(gs.ssh.problem, "ssh-keygen -R '[127.0.0.1]:22422'"));
	hf_git_ssh_release(&gs.ssh);
	/* TLS is libgit2's to judge */
	cert.parent.cert_type = GIT_CERT_X509;
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_check_host(&cert.parent, 1, "127.0.0.1", &gs), GIT_PASSTHROUGH);
	hf_git_ssh_release(&gs.ssh);
	/* only an RSA key known and no key type agreed: explained */
	run("echo \"[127.0.0.1]:22422 $(cut -d' ' -f1,2 %s/id_rsa.pub)\" > %s/.ssh/known_hosts", dir, dir);
	assert_int_equal(init(&gs, &conf, "ssh://git@127.0.0.1:22422/x", NULL), HF_OK);
	{
		char *why = hf_git_ssh_explain(&gs, "failed to start SSH session: Unable to exchange encryption keys");

		assert_non_null(strstr(why, "holds only its RSA key"));
		assert_non_null(strstr(why, "ssh-keyscan -t ed25519,ecdsa -p 22422 127.0.0.1"));
		free(why);
	}
	hf_git_ssh_release(&gs.ssh);
}

static void credentials(void **state)
{
	struct hf_git_sync gs;
	struct hf_source_conf conf;
	git_credential *cred = NULL;
	char *key = xasprintf("%s/id_ed", dir), *pp = xasprintf("%s/id_pp", dir);

	git_libgit2_init();
	/* the user: from the URL, else 'git', said */
	assert_int_equal(init(&gs, &conf, "ssh://h/x", key), HF_OK);
	assert_int_equal(hf_git_ssh_credential(&gs, &cred, NULL, GIT_CREDENTIAL_USERNAME), 0);
	git_credential_free(cred);
	assert_int_equal(hf_git_ssh_credential(&gs, &cred, "git", GIT_CREDENTIAL_SSH_KEY), 0);
	git_credential_free(cred);
	/* asked again: refused, and why */
	assert_int_equal(hf_git_ssh_credential(&gs, &cred, "git", GIT_CREDENTIAL_SSH_KEY), GIT_EUSER);
	assert_non_null(strstr(gs.ssh.problem, "the server refused the key"));
	assert_non_null(strstr(gs.ssh.problem, "the URL names no user, so handoff tried 'git'"));
	hf_git_ssh_release(&gs.ssh);
	/* a passphrase, no agent, no terminal allowed */
	hf_git_allow_prompt(false);
	assert_int_equal(init(&gs, &conf, "ssh://ana@h/x", pp), HF_OK);
	assert_int_equal(hf_git_ssh_credential(&gs, &cred, "ana", GIT_CREDENTIAL_SSH_KEY), GIT_EUSER);
	assert_non_null(strstr(gs.ssh.problem, "has a passphrase and no ssh-agent is running"));
	hf_git_ssh_release(&gs.ssh);
	/* no key, no agent */
	assert_int_equal(init(&gs, &conf, "ssh://ana@h/x", NULL), HF_OK);
	assert_int_equal(hf_git_ssh_credential(&gs, &cred, "ana", GIT_CREDENTIAL_SSH_KEY), GIT_EUSER);
	assert_non_null(strstr(gs.ssh.problem, "SSH_AUTH_SOCK is not set"));
	{
		char *why = hf_git_ssh_explain(&gs, "whatever libgit2 said");

		assert_string_equal(why, gs.ssh.problem);
		free(why);
	}
	hf_git_ssh_release(&gs.ssh);
	/* libssh2 reads no known_hosts at all when one line is bad */
	assert_int_equal(init(&gs, &conf, "ssh://ana@h/x", NULL), HF_OK);
	{
		char *why = hf_git_ssh_explain(&gs, "error loading known_hosts: Failed to parse known hosts file");

		assert_non_null(strstr(why, "~/.ssh/known_hosts has a line libssh2 cannot read"));
		free(why);
	}
	hf_git_ssh_release(&gs.ssh);
	git_libgit2_shutdown();
	free(key);
	free(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urls_and_users),
		cmocka_unit_test(key_files),
		cmocka_unit_test(known_hosts_rules),
		cmocka_unit_test(credentials),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
