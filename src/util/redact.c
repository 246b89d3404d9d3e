/* redact.c: credentials out of URLs and of every message and trace line that quotes one */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/redact.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

#define MIN_SECRET 4
#define MASK "***"

static pthread_mutex_t secrets_lock = PTHREAD_MUTEX_INITIALIZER;
static char **secrets;
static size_t nsecrets, secrets_alloc;

/* Characters that end a word in a message: a URL quoted in text never spans them. */
static bool is_delim(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' ||
	       c == '"' || c == '`' || c == '<' || c == '>' || c == '(' || c == ')' || c == '[' ||
	       c == ']' || c == '{' || c == '}';
}

static bool is_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.';
}

static bool lower_eq(const char *s, size_t n, const char *want)
{
	if (strlen(want) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != want[i])
			return false;
	}
	return true;
}

/* ssh://, git+ssh:// and ssh+git:// keep their login name: it is not a secret */
static bool ssh_scheme(const char *scheme, size_t n)
{
	return lower_eq(scheme, n, "ssh") || lower_eq(scheme, n, "git+ssh") ||
	       lower_eq(scheme, n, "ssh+git");
}

/* Remove s[from, to) from the NUL-terminated s. */
static void cut(char *s, size_t from, size_t to)
{
	memmove(s + from, s + to, strlen(s + to) + 1);
}

/* The parts of one URL found at s: where its userinfo is, and whether its scheme is an ssh one. */
struct url_parts {
	size_t scheme, scheme_len;	/* scheme_len 0: no scheme (scp-like) */
	size_t user, at;		/* userinfo is s[user, at); at == 0: none */
	size_t colon;			/* the ':' in the userinfo, or at when none */
	size_t host, host_end;
};

/* "scheme://[userinfo@]host..." starting at s[sep] == ':' followed by "//" */
static void parse_scheme_url(const char *s, size_t sep, size_t start, struct url_parts *u)
{
	size_t i = sep;

	memset(u, 0, sizeof(*u));
	while (i > start && is_scheme_char(s[i - 1]))
		i--;
	u->scheme = i;
	u->scheme_len = sep - i;
	u->user = u->host = sep + 3;
	for (i = u->user; !is_delim(s[i]) && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
		if (s[i] == '@')
			u->at = i;	/* the last '@' ends the userinfo */
	u->host_end = i;
	if (u->at) {
		u->host = u->at + 1;
		u->colon = u->at;
		for (i = u->user; i < u->at; i++)
			if (s[i] == ':') {
				u->colon = i;
				break;
			}
	}
}

/* The userinfo of a URL with a scheme, cut out (or only its password, for ssh). */
static size_t redact_scheme_urls(char *s)
{
	size_t changed = 0, start = 0;

	for (size_t i = 0; s[i]; i++) {
		struct url_parts u;

		if (is_delim(s[i]))
			start = i + 1;
		if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
			continue;
		parse_scheme_url(s, i, start, &u);
		if (!u.at)
			continue;
		if (ssh_scheme(s + u.scheme, u.scheme_len)) {
			if (u.colon < u.at) {
				cut(s, u.colon, u.at);
				changed++;
			}
		} else {
			cut(s, u.user, u.at + 1);
			changed++;
		}
	}
	return changed;
}

/* "user:password@host" with no scheme (the scp-like form): the ":password" cut out. */
static void redact_scp_like(char *s)
{
	size_t start = 0;
	bool in_url = false;

	for (size_t i = 0; s[i]; i++) {
		if (is_delim(s[i])) {
			start = i + 1;
			in_url = false;
			continue;
		}
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			in_url = true;	/* its userinfo was handled above */
		if (s[i] != '@' || in_url)
			continue;
		for (size_t j = start; j < i; j++) {
			if (s[j] == '/')
				break;	/* a path: "/srv/a:b@c" names no password */
			if (s[j] == ':') {
				cut(s, j, i);
				i = j;
				break;
			}
		}
	}
}

static void mask_secrets(char *s)
{
	pthread_mutex_lock(&secrets_lock);
	for (size_t k = 0; k < nsecrets; k++) {
		size_t len = strlen(secrets[k]);
		char *p = s;

		while ((p = strstr(p, secrets[k]))) {
			memcpy(p, MASK, sizeof(MASK) - 1);
			cut(p, sizeof(MASK) - 1, len);
			p += sizeof(MASK) - 1;
		}
	}
	pthread_mutex_unlock(&secrets_lock);
}

void hf_redact_in_place(char *s)
{
	if (!s)
		return;
	redact_scheme_urls(s);
	redact_scp_like(s);
	mask_secrets(s);
}

char *hf_redact(const char *s)
{
	char *r = xstrdup(s);

	hf_redact_in_place(r);
	return r;
}

char *hf_redact_host(const char *url)
{
	const char *sep = strstr(url, "://");
	size_t start, end;

	if (sep) {
		struct url_parts u;

		parse_scheme_url(url, (size_t)(sep - url), 0, &u);
		start = u.host;
		end = u.host_end;
	} else {
		/* scp-like "[user@]host:path"; a local path has no host */
		const char *colon = strchr(url, ':'), *slash = strchr(url, '/'), *at;

		if (!colon || (slash && slash < colon))
			return xstrdup("");
		at = memchr(url, '@', (size_t)(colon - url));
		start = at ? (size_t)(at - url) + 1 : 0;
		/* a password ("user:pw@host:path") puts the first ':' before the '@' */
		if (!at && (at = strchr(colon, '@')) && (!slash || at < slash)) {
			start = (size_t)(at - url) + 1;
			colon = strchr(at, ':');
			if (!colon)
				return xstrdup("");
		}
		end = (size_t)(colon - url);
	}
	return xstrndup(url + start, end - start);
}

static void add_secret_n(const char *secret, size_t n, bool decode)
{
	char *copy = xstrndup(secret, n);

	if (decode) {
		size_t o = 0;

		for (size_t i = 0; copy[i]; i++) {
			int hi, lo;

			if (copy[i] == '%' && (hi = hf_hex_digit(copy[i + 1])) >= 0 &&
			    (lo = hf_hex_digit(copy[i + 2])) >= 0 && (hi || lo)) {
				copy[o++] = (char)(hi * 16 + lo);
				i += 2;
			} else {
				copy[o++] = copy[i];
			}
		}
		copy[o] = '\0';
	}
	hf_redact_add_secret(copy);
	free(copy);
}

void hf_redact_add_secret(const char *secret)
{
	if (!secret || strlen(secret) < MIN_SECRET)
		return;
	pthread_mutex_lock(&secrets_lock);
	for (size_t k = 0; k < nsecrets; k++)
		if (!strcmp(secrets[k], secret))
			goto out;
	secrets = xgrow(secrets, nsecrets + 1, &secrets_alloc, sizeof(*secrets));
	secrets[nsecrets++] = xstrdup(secret);
out:
	pthread_mutex_unlock(&secrets_lock);
}

void hf_redact_add_url(const char *url)
{
	const char *sep, *at, *colon = NULL, *user;
	bool ssh = false;

	if (!url)
		return;
	if ((sep = strstr(url, "://"))) {
		struct url_parts u;

		parse_scheme_url(url, (size_t)(sep - url), 0, &u);
		if (!u.at)
			return;
		user = url + u.user;
		at = url + u.at;
		colon = u.colon < u.at ? url + u.colon : NULL;
		ssh = ssh_scheme(url + u.scheme, u.scheme_len);
	} else {
		const char *slash = strchr(url, '/');

		if (!(at = strchr(url, '@')) || (slash && slash < at))
			return;
		user = url;
		colon = memchr(url, ':', (size_t)(at - url));
		ssh = true;
	}
	if (colon) {
		add_secret_n(colon + 1, (size_t)(at - colon - 1), false);
		add_secret_n(colon + 1, (size_t)(at - colon - 1), true);
	} else if (!ssh) {
		/* "https://TOKEN@host": with no password the user name is the credential */
		size_t n = (size_t)(at - user);

		add_secret_n(user, n, false);
		add_secret_n(user, n, true);
	}
}

void hf_redact_add_url_path(const char *url)
{
	const char *sep = url ? strstr(url, "://") : NULL;
	struct url_parts u;
	const char *rest;

	if (!sep)
		return;
	hf_redact_add_url(url);
	parse_scheme_url(url, (size_t)(sep - url), 0, &u);
	rest = url + u.host_end;
	/* past ":port": the path, query and fragment are the secret */
	while (*rest && *rest != '/' && *rest != '?' && *rest != '#')
		rest++;
	if (strlen(rest) > 1) {
		add_secret_n(rest, strlen(rest), false);
		add_secret_n(rest, strlen(rest), true);
		/* libraries quote a piece too: the path alone and the query alone */
		if (strchr(rest, '?') && strchr(rest, '?') > rest)
			add_secret_n(rest, (size_t)(strchr(rest, '?') - rest), false);
		if (strchr(rest, '?'))
			add_secret_n(strchr(rest, '?'), strlen(strchr(rest, '?')), false);
	}
}
