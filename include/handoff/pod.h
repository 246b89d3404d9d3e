/* pod.h: the pod and its members (pure data, no I/O) */
#ifndef HANDOFF_POD_H
#define HANDOFF_POD_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/live.h"

enum hf_role {
	HF_ROLE_UNKNOWN = 0,
	HF_ROLE_RESEARCH,
	HF_ROLE_ENGINEERING,
	HF_ROLE_PRODUCT,
	HF_ROLE_SHARED,		/* checklist owners and sprint kinds only */
};

/* "research" -> HF_ROLE_RESEARCH; HF_ROLE_UNKNOWN for anything else. */
enum hf_role hf_role_parse(const char *text);
const char *hf_role_name(enum hf_role role);	/* "research", ..., "unknown" */

struct hf_member {
	char *handle;
	char *name;
	enum hf_role role;
	char *timezone;		/* IANA name, may be NULL */
	char *email;		/* may be NULL: how calendar feeds name the member (feed.h) */
};

struct hf_pod {
	char *name;
	struct hf_member *members;
	size_t nmembers;
	char *eval_suite;	/* may be NULL */
	char **eval_metrics;
	size_t neval_metrics;
	struct hf_pod_live live;	/* pod.json "live": live-SLO query templates (live.h) */
};

/* The member with this handle, or NULL; borrowed. */
const struct hf_member *hf_pod_member(const struct hf_pod *pod, const char *handle);

/* Free everything the pod owns (not the struct itself) and zero it. */
void hf_pod_clear(struct hf_pod *pod);

#endif
