/* conf.h: the user's configuration (git-config syntax, read with libgit2's config API) */
#ifndef HANDOFF_CONF_H
#define HANDOFF_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/status.h"

/*
 * $XDG_CONFIG_HOME/handoff/config or --config PATH:
 *
 *   [pod]
 *       name = vision-pod
 *   [source "pod"]
 *       type = git
 *       url = https://git.example/vision/pod.git
 *   [source "registry"]
 *       type = mlflow
 *       url = https://mlflow.example
 *       token-env = MLFLOW_TOKEN
 *   [source "prom"]
 *       type = prometheus
 *       url = https://prometheus.example
 *   [ui]
 *       theme = dark
 *       read-only = false
 *   [user]
 *       handle = ana
 *
 * Unknown keys and bad values are warnings naming the file and key; the
 * entry is skipped and the load goes on. A line that does not parse is an
 * error naming the file and line.
 */
enum hf_source_type {
	HF_SOURCE_UNKNOWN = 0, HF_SOURCE_GIT, HF_SOURCE_MLFLOW, HF_SOURCE_PROMETHEUS, HF_SOURCE_ICAL
};

/* When a registry sync lists the whole registry (mlflow `full-sync`). */
enum hf_full_sync { HF_FULL_SYNC_DAILY = 0, HF_FULL_SYNC_ALWAYS, HF_FULL_SYNC_NEVER };

struct hf_source_conf {
	char *name;
	enum hf_source_type type;
	char *url;
	char *branch;		/* git: default the remote's HEAD */
	char *path;		/* git: sub-folder holding the pod */
	char *token_env;	/* name of the environment variable holding a token */
	char *ssh_key;		/* git over ssh: private key file (else ssh-agent) */
	char *ca_file;		/* mlflow, prometheus: CA bundle */
	char *filter;		/* mlflow: search filter */
	bool insecure;		/* mlflow, prometheus: skip certificate checks (only when asked) */
	long timeout;		/* seconds; 0 = default */
	long interval;		/* seconds between background syncs; 0 = default */
	long page_size;		/* mlflow: results per page; 0 = the server's largest */
	long max_response;	/* mlflow, prometheus: largest answer in MiB; 0 = 64 */
	long weeks;		/* ical: weeks ahead of a sync read from the feed; 0 = HF_ICAL_WEEKS */
	enum hf_full_sync full_sync;	/* mlflow: default daily */
	bool runs_all;		/* mlflow: fetch the runs of every model, not only the pod's */
	bool ignored;		/* no usable type or url: a warning said so, nothing syncs it */
};

struct hf_conf {
	char *path;		/* the file read, or NULL when none */
	char *pod_name;
	char *ui_theme;
	bool ui_read_only;	/* [ui] read-only: no write actions */
	char *user_handle;	/* [user] handle: who acts (a pod member's handle) */
	bool ui_ascii, ui_ascii_set;	/* [ui] ascii, and whether it was given (else automatic) */
	struct hf_source_conf *sources;
	size_t nsources;
	char **warnings;	/* "FILE: KEY: message" each */
	size_t nwarnings;
};

/* Table of every known key, for validation, --help and docs. */
struct hf_conf_key {
	const char *section;	/* "pod", "source", "ui" */
	const char *key;
	const char *type;	/* string, bool, int */
	const char *help;
};
extern const struct hf_conf_key hf_conf_keys[];

/*
 * Read the file at path. HF_ENOTFOUND (message names the file) when it
 * does not exist, HF_EINVAL with "FILE:LINE: ..." when it does not parse.
 * On HF_OK *conf holds the settings and any warnings; hf_conf_clear frees.
 */
enum hf_status hf_conf_load(const char *path, struct hf_conf *conf);
void hf_conf_clear(struct hf_conf *conf);

/* The source named name, or NULL; borrowed. */
const struct hf_source_conf *hf_conf_source(const struct hf_conf *conf, const char *name);

const char *hf_source_type_name(enum hf_source_type type);

/* Tests and themes: read any git-config file into (key, value) pairs via callback. */
typedef int (*hf_conf_entry_fn)(const char *name, const char *value, void *data);
enum hf_status hf_conf_foreach(const char *path, hf_conf_entry_fn fn, void *data);

#endif
