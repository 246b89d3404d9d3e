/* pod.c: roles and member look-up */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/pod.h"
#include "handoff/xmalloc.h"

static const char *const role_names[] = {
	[HF_ROLE_UNKNOWN] = "unknown",
	[HF_ROLE_RESEARCH] = "research",
	[HF_ROLE_ENGINEERING] = "engineering",
	[HF_ROLE_PRODUCT] = "product",
	[HF_ROLE_SHARED] = "shared",
};

enum hf_role hf_role_parse(const char *text)
{
	if (!text)
		return HF_ROLE_UNKNOWN;
	for (size_t i = 1; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (strcmp(text, role_names[i]) == 0)
			return (enum hf_role)i;
	return HF_ROLE_UNKNOWN;
}

const char *hf_role_name(enum hf_role role)
{
	if ((size_t)role >= sizeof(role_names) / sizeof(role_names[0]))
		return "unknown";
	return role_names[role];
}

const struct hf_member *hf_pod_member(const struct hf_pod *pod, const char *handle)
{
	for (size_t i = 0; i < pod->nmembers; i++)
		if (strcmp(pod->members[i].handle, handle) == 0)
			return &pod->members[i];
	return NULL;
}

void hf_pod_clear(struct hf_pod *pod)
{
	for (size_t i = 0; i < pod->nmembers; i++) {
		free(pod->members[i].handle);
		free(pod->members[i].name);
		free(pod->members[i].timezone);
		free(pod->members[i].email);
	}
	free(pod->members);
	hf_strv_free(pod->eval_metrics, pod->neval_metrics);
	free(pod->name);
	free(pod->eval_suite);
	hf_pod_live_clear(&pod->live);
	memset(pod, 0, sizeof(*pod));
}
