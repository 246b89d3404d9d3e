/* conf.c: read the git-config-syntax configuration and validate its keys */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/conf.h"
#include "handoff/gitconfig.h"
#include "handoff/paths.h"
#include "handoff/suggest.h"
#include "handoff/redact.h"
#include "handoff/xmalloc.h"

const struct hf_conf_key hf_conf_keys[] = {
	{ "pod", "name", "string", "the pod's name when no pod.json gives one" },
	{ "ui", "theme", "string", "colour theme: a file name under themes/ without .theme" },
	{ "ui", "ascii", "bool", "draw with ASCII only, for a terminal that is not UTF-8 (default: "
				 "automatic)" },
	{ "ui", "read-only", "bool", "no write actions: edit keys hidden, write commands refused" },
	{ "user", "handle", "string", "who you are in the pod: your handle in pod.json's members" },
	{ "source", "type", "string", "git, mlflow, prometheus or ical" },
	{ "source", "url", "string", "repository (path, file://, git://, ssh://, https://), tracking server, Prometheus, or calendar feed (https://, http:// or a file; its path is a secret: only the host is shown)" },
	{ "source", "branch", "string", "git: branch to read (default: the remote's HEAD)" },
	{ "source", "path", "string", "git: sub-folder holding the pod (default: the root)" },
	{ "source", "token-env", "string", "environment variable holding a token (https git, mlflow, prometheus, ical)" },
	{ "source", "ssh-key", "string", "git over ssh: private key file (default: ssh-agent)" },
	{ "source", "ca-file", "string", "mlflow, prometheus, ical: CA certificates to trust" },
	{ "source", "insecure", "bool", "mlflow, prometheus, ical: skip certificate checks (never the default)" },
	{ "source", "timeout", "int", "seconds before a stalled transfer fails" },
	{ "source", "interval", "int", "seconds between background syncs in the TUI" },
	{ "source", "filter", "string", "mlflow: search filter, e.g. name LIKE 'fraud-%'" },
	{ "source", "page-size", "int", "mlflow: results per page (default: the largest allowed)" },
	{ "source", "full-sync", "string", "mlflow: when a sync lists the whole registry: daily (the first sync of a UTC day, default), always or never (then only 'sync --full')" },
	{ "source", "runs", "string", "mlflow: whose run metrics a sync fetches: pod (the models the pod names, default) or all" },
	{ "source", "max-response", "int", "mlflow, prometheus, ical: the largest answer accepted, in MiB (default 64)" },
	{ "source", "weeks", "int", "ical: weeks ahead of each sync whose shifts are read from the feed (default 12, 1 to 520; a week back is always read)" },
	{ NULL, NULL, NULL, NULL },
};

static void warn(struct hf_conf *conf, const char *key, const char *fmt, ...) HF_PRINTF(3, 4);
static void warn(struct hf_conf *conf, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	conf->warnings = xrealloc(conf->warnings, (conf->nwarnings + 1) * sizeof(char *));
	conf->warnings[conf->nwarnings++] = xasprintf("%s: %s: %s", conf->path, key, msg);
	free(msg);
}

static struct hf_source_conf *source_for(struct hf_conf *conf, const char *name)
{
	for (size_t i = 0; i < conf->nsources; i++)
		if (strcmp(conf->sources[i].name, name) == 0)
			return &conf->sources[i];
	conf->sources = xrealloc(conf->sources, (conf->nsources + 1) * sizeof(*conf->sources));
	memset(&conf->sources[conf->nsources], 0, sizeof(*conf->sources));
	conf->sources[conf->nsources].name = xstrdup(name);
	return &conf->sources[conf->nsources++];
}

static const struct hf_conf_key *known_key(const char *section, const char *key)
{
	for (const struct hf_conf_key *k = hf_conf_keys; k->section; k++)
		if (strcmp(k->section, section) == 0 && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1")) {
		*out = true;
		return 0;
	}
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

static int parse_long(const char *v, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0)
		return -1;
	*out = n;
	return 0;
}

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

/* One warning for a type that is not one: the nearest type when one is near, and that the source is ignored. */
static void bad_type(struct hf_conf *conf, struct hf_source_conf *src, const char *full,
		     const char *value)
{
	static const char *const types[] = { "git", "mlflow", "prometheus", "ical" };
	const char *near = hf_suggest(value, types, sizeof(types) / sizeof(types[0]));

	src->type = HF_SOURCE_UNKNOWN;
	src->ignored = true;
	if (near)
		warn(conf, full, "unknown source type '%s' (did you mean '%s'?): source ignored", value,
		     near);
	else
		warn(conf, full, "unknown source type '%s' (git, mlflow, prometheus or ical): source ignored",
		     value);
}

static void apply_source_key(struct hf_conf *conf, struct hf_source_conf *src, const char *full,
			     const char *key, const char *value)
{
	if (!strcmp(key, "type")) {
		if (!strcmp(value, "git"))
			src->type = HF_SOURCE_GIT;
		else if (!strcmp(value, "mlflow"))
			src->type = HF_SOURCE_MLFLOW;
		else if (!strcmp(value, "prometheus"))
			src->type = HF_SOURCE_PROMETHEUS;
		else if (!strcmp(value, "ical"))
			src->type = HF_SOURCE_ICAL;
		else
			bad_type(conf, src, full, value);
	} else if (!strcmp(key, "url")) {
		set_string(&src->url, value);
		hf_redact_add_url(value);	/* a password in it is shown nowhere, whoever quotes it */
	} else if (!strcmp(key, "branch")) {
		set_string(&src->branch, value);
	} else if (!strcmp(key, "path")) {
		set_string(&src->path, value);
	} else if (!strcmp(key, "token-env")) {
		set_string(&src->token_env, value);
	} else if (!strcmp(key, "ssh-key")) {
		set_string(&src->ssh_key, value);
	} else if (!strcmp(key, "ca-file")) {
		set_string(&src->ca_file, value);
	} else if (!strcmp(key, "filter")) {
		set_string(&src->filter, value);
	} else if (!strcmp(key, "insecure")) {
		if (parse_bool(value, &src->insecure))
			warn(conf, full, "'%s' is not true or false", value);
	} else if (!strcmp(key, "full-sync")) {
		if (!strcmp(value, "daily"))
			src->full_sync = HF_FULL_SYNC_DAILY;
		else if (!strcmp(value, "always"))
			src->full_sync = HF_FULL_SYNC_ALWAYS;
		else if (!strcmp(value, "never"))
			src->full_sync = HF_FULL_SYNC_NEVER;
		else
			warn(conf, full, "'%s' is not daily, always or never", value);
	} else if (!strcmp(key, "runs")) {
		if (!strcmp(value, "pod") || !strcmp(value, "all"))
			src->runs_all = !strcmp(value, "all");
		else
			warn(conf, full, "'%s' is not pod or all", value);
	} else if (!strcmp(key, "weeks")) {
		long w;

		if (parse_long(value, &w) || w < 1 || w > 520)
			warn(conf, full, "'%s' is not a number of weeks from 1 to 520", value);
		else
			src->weeks = w;
	} else {
		long *target = !strcmp(key, "timeout") ? &src->timeout
			     : !strcmp(key, "interval") ? &src->interval
			     : !strcmp(key, "max-response") ? &src->max_response : &src->page_size;

		if (parse_long(value, target))
			warn(conf, full, "'%s' is not a whole number of %s", value,
			     !strcmp(key, "page-size") ? "results"
			     : !strcmp(key, "max-response") ? "MiB" : "seconds");
	}
}

/* Split "source.NAME.key" (NAME may contain dots) into its parts. */
static int split_name(const char *full, char **section, char **sub, char **key)
{
	const char *first = strchr(full, '.');
	const char *last = strrchr(full, '.');

	if (!first)
		return -1;
	*section = xstrndup(full, (size_t)(first - full));
	*key = xstrdup(last + 1);
	*sub = last > first ? xstrndup(first + 1, (size_t)(last - first - 1)) : NULL;
	return 0;
}

static int apply_entry(const char *full, const char *value, void *data)
{
	struct hf_conf *conf = data;
	char *section = NULL, *sub = NULL, *key = NULL;

	if (split_name(full, &section, &sub, &key)) {
		warn(conf, full, "a key outside any [section] (ignored)");
		return 0;
	}
	if (!known_key(section, key) || (!strcmp(section, "source")) != (sub != NULL)) {
		warn(conf, full, "unknown key (ignored)");
	} else if (!value) {
		warn(conf, full, "no value given");
	} else if (!strcmp(section, "source")) {
		apply_source_key(conf, source_for(conf, sub), full, key, value);
	} else if (!strcmp(section, "pod")) {
		set_string(&conf->pod_name, value);
	} else if (!strcmp(section, "ui") && !strcmp(key, "ascii")) {
		if (parse_bool(value, &conf->ui_ascii))
			warn(conf, full, "'%s' is not true or false", value);
		else
			conf->ui_ascii_set = true;
	} else if (!strcmp(section, "ui") && !strcmp(key, "read-only")) {
		if (parse_bool(value, &conf->ui_read_only))
			warn(conf, full, "'%s' is not true or false", value);
	} else if (!strcmp(section, "ui")) {
		set_string(&conf->ui_theme, value);
	} else if (!strcmp(section, "user")) {
		set_string(&conf->user_handle, value);
	}
	free(section);
	free(sub);
	free(key);
	return 0;
}

/* Config files are small; a bigger one is a mistake (a binary, a log) better named than read. */
#define MAX_CONFIG_BYTES (4u << 20)

enum hf_status hf_conf_foreach(const char *path, hf_conf_entry_fn fn, void *data)
{
	enum hf_status rc;
	char *text;
	size_t len;

	if ((rc = hf_read_file(path, MAX_CONFIG_BYTES, &text, &len)))
		return rc;
	rc = hf_gitconfig_parse(path, text, len, fn, data);
	free(text);
	return rc;
}

enum hf_status hf_conf_load(const char *path, struct hf_conf *conf)
{
	enum hf_status rc;

	memset(conf, 0, sizeof(*conf));
	conf->path = xstrdup(path);
	rc = hf_conf_foreach(path, apply_entry, conf);
	if (rc) {
		hf_conf_clear(conf);
		return rc;
	}
	for (size_t i = 0; i < conf->nsources; i++) {
		struct hf_source_conf *s = &conf->sources[i];
		char *where = xasprintf("source.%s", s->name);

		if (s->ignored)
			;	/* said already */
		else if (s->type == HF_SOURCE_UNKNOWN)
			warn(conf, where, "no type (git, mlflow, prometheus or ical): source ignored");
		else if (!s->url)
			warn(conf, where, "no url: source ignored");
		s->ignored = s->type == HF_SOURCE_UNKNOWN || !s->url;
		/* a calendar feed's address is its secret: only its host is ever shown */
		if (s->type == HF_SOURCE_ICAL && s->url)
			hf_redact_add_url_path(s->url);
		free(where);
	}
	return HF_OK;
}

void hf_conf_clear(struct hf_conf *conf)
{
	for (size_t i = 0; i < conf->nsources; i++) {
		struct hf_source_conf *s = &conf->sources[i];

		free(s->name);
		free(s->url);
		free(s->branch);
		free(s->path);
		free(s->token_env);
		free(s->ssh_key);
		free(s->ca_file);
		free(s->filter);
	}
	free(conf->sources);
	for (size_t i = 0; i < conf->nwarnings; i++)
		free(conf->warnings[i]);
	free(conf->warnings);
	free(conf->path);
	free(conf->pod_name);
	free(conf->ui_theme);
	free(conf->user_handle);
	memset(conf, 0, sizeof(*conf));
}

const struct hf_source_conf *hf_conf_source(const struct hf_conf *conf, const char *name)
{
	for (size_t i = 0; i < conf->nsources; i++)
		if (strcmp(conf->sources[i].name, name) == 0)
			return &conf->sources[i];
	return NULL;
}

const char *hf_source_type_name(enum hf_source_type type)
{
	switch (type) {
	case HF_SOURCE_GIT: return "git";
	case HF_SOURCE_MLFLOW: return "mlflow";
	case HF_SOURCE_PROMETHEUS: return "prometheus";
	case HF_SOURCE_ICAL: return "ical";
	default: return "unknown";
	}
}
