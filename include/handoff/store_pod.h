/* store_pod.h: storing and reading the pod (name, members, evaluation suite) */
#ifndef HANDOFF_STORE_POD_H
#define HANDOFF_STORE_POD_H

#include "handoff/pod.h"
#include "handoff/store.h"

/* Store the pod defined by (source, path); the caller forgot that path first. */
enum hf_status hf_store_pod_put(struct hf_store *store, const char *source, const char *path,
				const struct hf_pod *pod);

/*
 * Read the pod into *pod (cleared first; hf_pod_clear frees it). An empty
 * database gives a pod with no name and no members, not an error.
 */
enum hf_status hf_store_pod_get(struct hf_store *store, struct hf_pod *pod);

#endif
