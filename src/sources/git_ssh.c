/* git_ssh.c: the git source over ssh: which user and key, ssh-agent, passphrases, known_hosts as OpenSSH reads it, and what to say when one fails */
#include "config.h"

#include <errno.h>
#include <libssh2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "handoff/paths.h"
#include "handoff/prompt.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "git_internal.h"

#define RSA_NOTE "OpenSSH 8.8 and later refuse the SHA-1 'ssh-rsa' signatures, the only RSA " \
		 "signatures the libssh2 handoff uses can make: use an ed25519 or ECDSA key"

static bool allow_prompt;

void hf_git_allow_prompt(bool yes)
{
	allow_prompt = yes;
}

static bool scheme_is(const char *s, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(s, want, n) == 0;
}

/*
 * "[user[:pw]@]host[:port]" (URL authority) or "[user[:pw]@]host" (scp-like):
 * sets host, port (when with_port) and user.
 */
static bool parse_authority(struct hf_git_ssh *ssh, const char *s, size_t n, bool with_port)
{
	const char *at = NULL, *host, *end = s + n, *colon;

	for (const char *p = s; p < end; p++)
		if (*p == '@')
			at = p;
	if (at) {
		const char *c = memchr(s, ':', (size_t)(at - s));

		ssh->user = xstrndup(s, (size_t)((c ? c : at) - s));
	}
	host = at ? at + 1 : s;
	if (*host == '[') {
		const char *close = memchr(host, ']', (size_t)(end - host));

		if (!close)
			return false;
		ssh->host = xstrndup(host + 1, (size_t)(close - host - 1));
		colon = close + 1 < end && close[1] == ':' ? close + 1 : NULL;
	} else {
		colon = with_port ? memchr(host, ':', (size_t)(end - host)) : NULL;
		ssh->host = xstrndup(host, (size_t)((colon ? colon : end) - host));
	}
	ssh->port = 22;
	if (with_port && colon && colon + 1 < end) {
		long port = 0;

		for (const char *p = colon + 1; p < end; p++) {
			if (*p < '0' || *p > '9' || port > 65535)
				return false;
			port = port * 10 + (*p - '0');
		}
		if (port < 1 || port > 65535)
			return false;
		ssh->port = (int)port;
	}
	return *ssh->host != '\0';
}

/* Whether url is an ssh one (ssh://, git+ssh://, ssh+git:// or scp-like), and its parts. */
static bool parse_url(struct hf_git_ssh *ssh, const char *url)
{
	const char *sep = strstr(url, "://"), *auth, *slash, *colon;

	if (sep) {
		size_t n = (size_t)(sep - url);

		if (!scheme_is(url, n, "ssh") && !scheme_is(url, n, "git+ssh") &&
		    !scheme_is(url, n, "ssh+git"))
			return false;
		auth = sep + 3;
		slash = strchr(auth, '/');
		return parse_authority(ssh, auth, slash ? (size_t)(slash - auth) : strlen(auth), true);
	}
	/* scp-like "[user@]host:path"; a '/' before the first ':' makes it a local path */
	slash = strchr(url, '/');
	colon = url[0] == '[' ? strstr(url, "]:") : strchr(url, ':');
	if (colon && url[0] == '[')
		colon++;
	if (!colon || (slash && slash < colon) || colon == url)
		return false;
	/* "user:pw@host:path": the host ends at the ':' after the '@' */
	{
		const char *at = strchr(url, '@');

		if (at && at > colon && (!slash || at < slash) && (colon = strchr(at, ':')) == NULL)
			return false;
	}
	ssh->scp_like = true;
	return parse_authority(ssh, url, (size_t)(colon - url), false);
}

/* --- private key files: kind and passphrase, read from the file itself --- */

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode base64 text (line breaks skipped, stops at '-' or '='); returns the length. */
static size_t b64_decode(const char *s, unsigned char *out, size_t max)
{
	unsigned int acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *s && *s != '-' && *s != '='; s++) {
		int v = b64_value(*s);

		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n < max)
				out[n++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return n;
}

static void b64_encode_unpadded(struct hf_strbuf *sb, const unsigned char *p, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned int v = (unsigned int)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned int)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		hf_strbuf_addch(sb, tab[(v >> 18) & 63]);
		hf_strbuf_addch(sb, tab[(v >> 12) & 63]);
		if (i + 1 < n)
			hf_strbuf_addch(sb, tab[(v >> 6) & 63]);
		if (i + 2 < n)
			hf_strbuf_addch(sb, tab[v & 63]);
	}
}

/* An SSH wire string at *p (4-byte big-endian length, then bytes); false past end. */
static bool wire_string(const unsigned char **p, const unsigned char *end, const unsigned char **s,
			size_t *len)
{
	uint32_t n;

	if (end - *p < 4)
		return false;
	n = (uint32_t)(*p)[0] << 24 | (uint32_t)(*p)[1] << 16 | (uint32_t)(*p)[2] << 8 | (*p)[3];
	if ((size_t)(end - *p - 4) < n)
		return false;
	*s = *p + 4;
	*len = n;
	*p += 4 + (size_t)n;
	return true;
}

/* The key type named by a public key blob ("ssh-ed25519", ...), or "" */
static char *blob_type(const unsigned char *blob, size_t len)
{
	const unsigned char *p = blob, *s;
	size_t n;

	if (!wire_string(&p, blob + len, &s, &n) || n > 64)
		return xstrdup("");
	return xstrndup((const char *)s, n);
}

#define OPENSSH_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----"

/* Read the key file's type and whether it has a passphrase (OpenSSH and PEM formats). */
static void inspect_key(struct hf_git_ssh *ssh)
{
	char *text = NULL;
	size_t len = 0;

	ssh->key_type = xstrdup("");
	if (hf_read_file(ssh->key, 64 * 1024, &text, &len)) {
		hf_error_clear();
		return;
	}
	if (strstr(text, OPENSSH_BEGIN)) {
		static const char magic[] = "openssh-key-v1";
		unsigned char *bin = xmalloc(len);
		size_t n = b64_decode(strstr(text, OPENSSH_BEGIN) + strlen(OPENSSH_BEGIN), bin, len);
		const unsigned char *p = bin + sizeof(magic), *end = bin + n, *s, *pub;
		size_t sl, publen;

		/* cipher, kdf, kdf options, key count, then the public key in clear */
		if (n > sizeof(magic) && !memcmp(bin, magic, sizeof(magic)) &&
		    wire_string(&p, end, &s, &sl)) {
			ssh->key_encrypted = !(sl == 4 && !memcmp(s, "none", 4));
			if (wire_string(&p, end, &s, &sl) && wire_string(&p, end, &s, &sl) &&
			    end - p >= 4 && (p += 4, wire_string(&p, end, &pub, &publen))) {
				free(ssh->key_type);
				ssh->key_type = blob_type(pub, publen);
			}
		}
		free(bin);
	} else if (strstr(text, "-----BEGIN RSA PRIVATE KEY-----")) {
		free(ssh->key_type);
		ssh->key_type = xstrdup("ssh-rsa");
		ssh->key_encrypted = strstr(text, "ENCRYPTED") != NULL;
	} else if (strstr(text, "-----BEGIN EC PRIVATE KEY-----")) {
		free(ssh->key_type);
		ssh->key_type = xstrdup("ecdsa");
		ssh->key_encrypted = strstr(text, "ENCRYPTED") != NULL;
	} else if (strstr(text, "-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
		ssh->key_encrypted = true;
	}
	memset(text, 0, len);
	free(text);
}

enum hf_status hf_git_ssh_init(struct hf_git_sync *gs)
{
	struct hf_git_ssh *ssh = &gs->ssh;
	const struct hf_source_conf *conf = gs->conf;
	struct stat st;

	memset(ssh, 0, sizeof(*ssh));
	if (!parse_url(ssh, conf->url)) {
		hf_git_ssh_release(ssh);
		return HF_OK;
	}
	ssh->on = true;
	ssh->user_given = ssh->user != NULL;
	/* git's aliases of ssh://, which libgit2 1.5 calls malformed */
	if (!strncasecmp(conf->url, "git+ssh://", 10) || !strncasecmp(conf->url, "ssh+git://", 10))
		ssh->fetch_url = xasprintf("ssh://%s", conf->url + 10);
	if (!conf->ssh_key || !*conf->ssh_key)
		return HF_OK;
	ssh->key = hf_path_expand_home(conf->ssh_key);
	ssh->key_shown = strcmp(ssh->key, conf->ssh_key)
				 ? xasprintf("'%s' (%s)", conf->ssh_key, ssh->key)
				 : xasprintf("'%s'", ssh->key);
	if (stat(ssh->key, &st) || !S_ISREG(st.st_mode) || access(ssh->key, R_OK)) {
		int e = errno;

		return hf_error(HF_EAUTH, "source '%s': ssh-key %s: %s", conf->name, ssh->key_shown,
				!stat(ssh->key, &st) && !S_ISREG(st.st_mode) ? "not a file"
				: e == ENOENT ? "no such file" : strerror(e));
	}
	inspect_key(ssh);
	hf_trace("git: ssh key %s: %s%s", ssh->key_shown, *ssh->key_type ? ssh->key_type : "unknown type",
		 ssh->key_encrypted ? ", with a passphrase" : "");
	return HF_OK;
}

void hf_git_ssh_release(struct hf_git_ssh *ssh)
{
	free(ssh->host);
	free(ssh->user);
	free(ssh->user_tried);
	free(ssh->fetch_url);
	free(ssh->key);
	free(ssh->key_shown);
	free(ssh->key_type);
	free(ssh->problem);
	memset(ssh, 0, sizeof(*ssh));
}

static bool agent_running(void)
{
	const char *sock = getenv("SSH_AUTH_SOCK");
	struct stat st;

	return sock && *sock && !stat(sock, &st) && S_ISSOCK(st.st_mode);
}

static void set_problem(struct hf_git_ssh *ssh, enum hf_status st, char *msg)
{
	free(ssh->problem);
	ssh->problem = msg;
	ssh->problem_status = st;
}

/* " as user 'git' (the URL names none: ...)" */
static char *user_note(const struct hf_git_ssh *ssh)
{
	if (ssh->user_given)
		return xasprintf("user '%s'", ssh->user_tried ? ssh->user_tried : ssh->user);
	return xasprintf("user '%s' (the URL names no user, so handoff tried '%s': write %s)",
			 ssh->user_tried ? ssh->user_tried : "git", ssh->user_tried ? ssh->user_tried : "git",
			 ssh->scp_like ? "USER@host:path" : "ssh://USER@host/path");
}

/* The key types the agent holds, joined with ", ", and whether all are RSA. */
static char *agent_key_types(bool *all_rsa)
{
	LIBSSH2_SESSION *session = libssh2_session_init();
	LIBSSH2_AGENT *agent = session ? libssh2_agent_init(session) : NULL;
	struct libssh2_agent_publickey *id = NULL, *prev = NULL;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t n = 0;

	*all_rsa = true;
	if (agent && !libssh2_agent_connect(agent) && !libssh2_agent_list_identities(agent)) {
		while (libssh2_agent_get_identity(agent, &id, prev) == 0) {
			char *type = blob_type(id->blob, id->blob_len);

			if (strcmp(type, "ssh-rsa"))
				*all_rsa = false;
			hf_strbuf_addf(&sb, "%s%s", n++ ? ", " : "", type);
			free(type);
			prev = id;
		}
		libssh2_agent_disconnect(agent);
	}
	if (!n)
		*all_rsa = false;
	if (agent)
		libssh2_agent_free(agent);
	if (session)
		libssh2_session_free(session);
	return hf_strbuf_detach(&sb);
}

/* Why the server refused what handoff offered (called when libgit2 asks again). */
static void refused(struct hf_git_sync *gs)
{
	struct hf_git_ssh *ssh = &gs->ssh;
	char *who = user_note(ssh);

	if (ssh->key && !ssh->using_agent) {
		bool rsa = !strcmp(ssh->key_type, "ssh-rsa");

		set_problem(ssh, HF_EAUTH, xasprintf("the server refused the key %s for %s: %s", ssh->key_shown,
						     who, rsa ? "it is an RSA key, and " RSA_NOTE
						     : "is its public key in the server's authorized_keys?"));
	} else {
		bool all_rsa;
		char *types = agent_key_types(&all_rsa);

		if (!*types)
			set_problem(ssh, HF_EAUTH, xasprintf(
				"ssh-agent holds no key to offer for %s%s: add one with 'ssh-add %s'", who,
				ssh->key ? " (the ssh key has a passphrase, so handoff asked the agent)" : "",
				ssh->key ? ssh->key : "FILE"));
		else
			set_problem(ssh, HF_EAUTH, xasprintf("the server refused every key ssh-agent offered for "
							     "%s (%s): %s", who, types,
							     all_rsa ? "they are RSA keys, and " RSA_NOTE
							     : "is one of them in the server's authorized_keys?"));
		free(types);
	}
	free(who);
}

int hf_git_ssh_credential(struct hf_git_sync *gs, git_credential **out, const char *user_from_url,
			  unsigned int allowed)
{
	struct hf_git_ssh *ssh = &gs->ssh;
	const char *user = user_from_url ? user_from_url : "git";
	char *pass;
	int rc;

	if (!(allowed & GIT_CREDENTIAL_SSH_KEY)) {
		/* libgit2 first asks whose keys to list when the URL names no user */
		free(ssh->user_tried);
		ssh->user_tried = xstrdup(user);
		hf_trace("git: ssh user '%s' (%s)", user, user_from_url ? "from the URL" : "the URL names none");
		return git_credential_username_new(out, user);
	}
	free(ssh->user_tried);
	ssh->user_tried = xstrdup(user);
	/* libgit2 asks again after a refused key: say why once, and stop */
	if (ssh->attempts++ > 0) {
		if (!ssh->problem)
			refused(gs);
		return GIT_EUSER;
	}
	if (ssh->key && !ssh->key_encrypted) {
		hf_trace("git: ssh key %s for user '%s'", ssh->key_shown, user);
		return git_credential_ssh_key_new(out, user, NULL, ssh->key, NULL);
	}
	if (ssh->key && agent_running()) {
		hf_trace("git: ssh key %s has a passphrase: ssh-agent for user '%s'", ssh->key_shown, user);
		ssh->using_agent = true;
		return git_credential_ssh_key_from_agent(out, user);
	}
	if (ssh->key) {
		char *prompt = xasprintf("passphrase for ssh key %s: ", ssh->key_shown);

		if (allow_prompt) {
			hf_git_child_waiting(true);	/* no timeout while a person types */
			pass = hf_prompt_secret(prompt);
			hf_git_child_waiting(false);
		} else {
			pass = NULL;
		}
		free(prompt);
		if (!pass) {
			set_problem(ssh, HF_EAUTH, xasprintf(
				"the ssh key %s has a passphrase and no ssh-agent is running (SSH_AUTH_SOCK): "
				"add the key to an agent ('ssh-add %s') or run 'handoff sync' on a terminal "
				"to be asked for the passphrase", ssh->key_shown, ssh->key));
			return GIT_EUSER;
		}
		ssh->passphrase_given = true;
		hf_trace("git: ssh key %s with the passphrase typed, for user '%s'", ssh->key_shown, user);
		rc = git_credential_ssh_key_new(out, user, NULL, ssh->key, pass);
		memset(pass, 0, strlen(pass));
		free(pass);
		return rc;
	}
	if (!agent_running()) {
		set_problem(ssh, HF_EAUTH, xasprintf(
			"no ssh-key is set for source '%s' and no ssh-agent is running (SSH_AUTH_SOCK "
			"is %s): set ssh-key, or start ssh-agent and 'ssh-add' a key", gs->conf->name,
			getenv("SSH_AUTH_SOCK") && *getenv("SSH_AUTH_SOCK") ? "not a socket" : "not set"));
		return GIT_EUSER;
	}
	hf_trace("git: ssh-agent for user '%s'", user);
	ssh->using_agent = true;
	return git_credential_ssh_key_from_agent(out, user);
}

/* --- host keys: ~/.ssh/known_hosts, read the way OpenSSH reads it --- */

static const struct {
	const char *name;
	int mask;
} key_types[] = {
	{ "ssh-ed25519", LIBSSH2_KNOWNHOST_KEY_ED25519 },
	{ "ecdsa-sha2-nistp256", LIBSSH2_KNOWNHOST_KEY_ECDSA_256 },
	{ "ecdsa-sha2-nistp384", LIBSSH2_KNOWNHOST_KEY_ECDSA_384 },
	{ "ecdsa-sha2-nistp521", LIBSSH2_KNOWNHOST_KEY_ECDSA_521 },
	{ "ssh-rsa", LIBSSH2_KNOWNHOST_KEY_SSHRSA },
	{ "ssh-dss", LIBSSH2_KNOWNHOST_KEY_SSHDSS },
};

struct known_hosts {
	LIBSSH2_SESSION *session;
	LIBSSH2_KNOWNHOSTS *hosts;
	char *path;
};

/* Read ~/.ssh/known_hosts line by line (a line libssh2 cannot read, or an @marker line, is skipped). */
static bool known_hosts_open(struct known_hosts *kh)
{
	char *home = hf_path_expand_home("~"), *text = NULL;
	size_t len;

	memset(kh, 0, sizeof(*kh));
	kh->path = xasprintf("%s/.ssh/known_hosts", home);
	free(home);
	if (!(kh->session = libssh2_session_init()) || !(kh->hosts = libssh2_knownhost_init(kh->session)))
		return false;
	if (hf_read_file(kh->path, 16 << 20, &text, &len)) {
		hf_error_clear();
		return true;	/* no file: every host is unknown */
	}
	for (char *line = text, *next; line && *line; line = next) {
		char *nl = strchr(line, '\n');

		next = nl ? nl + 1 : NULL;
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '#' || *line == '@' || *line == '\n' || *line == '\r' || !*line)
			continue;
		libssh2_knownhost_readline(kh->hosts, line, nl ? (size_t)(nl - line + 1) : strlen(line),
					   LIBSSH2_KNOWNHOST_FILE_OPENSSH);
	}
	free(text);
	return true;
}

static void known_hosts_close(struct known_hosts *kh)
{
	if (kh->hosts)
		libssh2_knownhost_free(kh->hosts);
	if (kh->session)
		libssh2_session_free(kh->session);
	free(kh->path);
}

/* OpenSSH's name for a host: "host" on port 22, "[host]:port" on any other */
static char *host_name(const struct hf_git_ssh *ssh, int port)
{
	return port == 22 ? xstrdup(ssh->host) : xasprintf("[%s]:%d", ssh->host, port);
}

static int check_name(struct known_hosts *kh, const char *name, const char *key, size_t len, int mask)
{
	struct libssh2_knownhost *found = NULL;

	return libssh2_knownhost_check(kh->hosts, name, key, len,
				       LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | mask,
				       &found);
}

/* The key types known_hosts holds for name, joined with ", " ("" when none). */
static char *known_types(struct known_hosts *kh, const char *name, bool *only_rsa)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	static const char nonsense[] = "\0";

	*only_rsa = false;
	for (size_t i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++)
		if (check_name(kh, name, nonsense, 1, key_types[i].mask) == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
			hf_strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", key_types[i].name);
	*only_rsa = !strcmp(hf_strbuf_str(&sb), "ssh-rsa");
	return hf_strbuf_detach(&sb);
}

/* "ssh-keyscan [-t TYPES] [-p PORT] HOST >> ~/.ssh/known_hosts" */
static char *keyscan_fix(const struct hf_git_ssh *ssh, const char *types)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_adds(&sb, "ssh-keyscan");
	if (types)
		hf_strbuf_addf(&sb, " -t %s", types);
	if (ssh->port != 22)
		hf_strbuf_addf(&sb, " -p %d", ssh->port);
	hf_strbuf_addf(&sb, " %s >> ~/.ssh/known_hosts", ssh->host);
	return hf_strbuf_detach(&sb);
}

int hf_git_ssh_check_host(git_cert *cert, int valid, const char *host, void *payload)
{
	struct hf_git_sync *gs = payload;
	struct hf_git_ssh *ssh = &gs->ssh;
	git_cert_hostkey *hk = (git_cert_hostkey *)cert;
	struct known_hosts kh;
	struct hf_strbuf fp = HF_STRBUF_INIT;
	char *type, *name, *fix;
	int mask = LIBSSH2_KNOWNHOST_KEY_UNKNOWN, check;

	(void)valid;
	(void)host;
	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2 || !ssh->on)
		return GIT_PASSTHROUGH;	/* TLS: libgit2's own verdict stands */
	if (!(hk->type & GIT_CERT_SSH_RAW)) {
		set_problem(ssh, HF_ENET, xstrdup("the server's host key cannot be read"));
		return GIT_ECERTIFICATE;
	}
	type = blob_type((const unsigned char *)hk->hostkey, hk->hostkey_len);
	for (size_t i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++)
		if (!strcmp(type, key_types[i].name))
			mask = key_types[i].mask;
	hf_strbuf_addf(&fp, "%s ", type);
	if (hk->type & GIT_CERT_SSH_SHA256) {
		hf_strbuf_adds(&fp, "SHA256:");
		b64_encode_unpadded(&fp, hk->hash_sha256, sizeof(hk->hash_sha256));
	}
	name = host_name(ssh, ssh->port);
	if (!known_hosts_open(&kh)) {
		known_hosts_close(&kh);
		set_problem(ssh, HF_ENET, xstrdup("cannot set up libssh2 to read ~/.ssh/known_hosts"));
		free(type);
		free(name);
		hf_strbuf_release(&fp);
		return GIT_ECERTIFICATE;
	}
	check = check_name(&kh, name, hk->hostkey, hk->hostkey_len, mask);
	hf_trace("git: host key of '%s' (%s): %s in '%s'", name, fp.buf,
		 check == LIBSSH2_KNOWNHOST_CHECK_MATCH ? "known" : check == LIBSSH2_KNOWNHOST_CHECK_MISMATCH
		 ? "CHANGED" : "not", kh.path);
	fix = keyscan_fix(ssh, NULL);
	if (check == LIBSSH2_KNOWNHOST_CHECK_MISMATCH) {
		set_problem(ssh, HF_ENET, xasprintf(
			"the host key of '%s' has CHANGED: it now shows %s, not the key ~/.ssh/known_hosts "
			"holds for it; someone may be intercepting the connection, or the server was "
			"rebuilt: once its admin confirms the new key, replace the old line: "
			"ssh-keygen -R '%s' && %s", name, fp.buf, name, fix));
	} else if (check != LIBSSH2_KNOWNHOST_CHECK_MATCH) {
		bool only_rsa;
		char *other = known_types(&kh, name, &only_rsa), *plain = NULL;

		/* OpenSSH applies a line without a port to port 22 only */
		if (ssh->port != 22 && check_name(&kh, ssh->host, hk->hostkey, hk->hostkey_len, mask) ==
					       LIBSSH2_KNOWNHOST_CHECK_MATCH)
			plain = xasprintf(" (a line for '%s' without a port is for port 22 only, as in OpenSSH)",
					  ssh->host);
		set_problem(ssh, HF_ENET, xasprintf(
			"the host key of '%s' is unknown: it shows %s, which ~/.ssh/known_hosts does not "
			"hold%s%s%s%s; once its admin confirms that key, add it: %s", name, fp.buf,
			*other ? " (it holds " : "", other, *other ? " for it)" : "", plain ? plain : "", fix));
		free(other);
		free(plain);
	}
	known_hosts_close(&kh);
	free(fix);
	free(type);
	free(name);
	hf_strbuf_release(&fp);
	return check == LIBSSH2_KNOWNHOST_CHECK_MATCH ? 0 : GIT_ECERTIFICATE;
}

char *hf_git_ssh_explain(const struct hf_git_sync *gs, const char *msg)
{
	const struct hf_git_ssh *ssh = &gs->ssh;

	if (!ssh->on)
		return NULL;
	if (ssh->problem)
		return xstrdup(ssh->problem);
	if (strstr(msg, "Unable to exchange encryption keys")) {
		struct known_hosts kh;
		bool only_rsa = false;
		char *name = host_name(ssh, ssh->port), *types = NULL, *fix, *out;

		if (known_hosts_open(&kh))
			types = known_types(&kh, name, &only_rsa);
		known_hosts_close(&kh);
		fix = keyscan_fix(ssh, "ed25519,ecdsa");
		if (only_rsa)
			out = xasprintf("no host key could be agreed with '%s': ~/.ssh/known_hosts holds only its "
					"RSA key, and %s; add the server's ed25519 or ECDSA key: %s (a server "
					"with no such host key needs one: ssh-keygen -A on it)", name,
					"OpenSSH 8.8 and later refuse SHA-1 'ssh-rsa', the only RSA the libssh2 "
					"handoff uses knows", fix);
		else
			out = xasprintf("no host key could be agreed with '%s' (%s): if the server has only an "
					"RSA host key, OpenSSH 8.8 and later refuse SHA-1 'ssh-rsa', the only RSA "
					"the libssh2 handoff uses knows: the server needs an ed25519 or ECDSA host "
					"key (ssh-keygen -A on it)", name, msg);
		free(types);
		free(fix);
		free(name);
		return out;
	}
	if (strstr(msg, "known_hosts") && strstr(msg, "parse"))
		return xasprintf("~/.ssh/known_hosts has a line libssh2 cannot read, and then it reads none "
				 "(%s): each line must be 'HOSTS KEYTYPE BASE64KEY [COMMENT]' or a comment", msg);
	if (ssh->passphrase_given && strstr(msg, "Wrong passphrase"))
		return xasprintf("wrong passphrase for the ssh key %s", ssh->key_shown);
	if (strstr(msg, "Unable to extract public key from private key file") && ssh->key)
		return xasprintf("cannot use the ssh key %s: %s (libssh2 reads OpenSSH and PEM keys; "
				 "one with a passphrase needs ssh-agent or a terminal)", ssh->key_shown, msg);
	if (strstr(msg, "error authenticating") || strstr(msg, "authentication")) {
		char *who = user_note(ssh), *out;

		out = xasprintf("ssh authentication as %s failed: %s", who, msg);
		free(who);
		return out;
	}
	return NULL;
}
