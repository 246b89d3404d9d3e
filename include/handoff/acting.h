/* acting.h: from what a person asks to an action ready to queue: who acts, where it lands, what must hold first */
#ifndef HANDOFF_ACTING_H
#define HANDOFF_ACTING_H

#include <stdbool.h>
#include "handoff/act.h"
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Shared by the CLI's write commands and the TUI's edit keys (src/report/
 * acting.c): both check the same things the same way before an action goes
 * to writeback.h. Messages name what is wrong and what exists instead.
 */

/*
 * Who acts: [user] handle, which must be one of pod.json's members.
 * *handle borrowed from conf. HF_EINVAL saying how to set it otherwise.
 */
enum hf_status hf_acting_user(struct hf_store *store, const struct hf_conf *conf,
			      const char **handle);

/*
 * Why write actions are off, or NULL when they are on: read_only is the
 * --read-only option; [ui] read-only = true in the configuration too.
 */
const char *hf_acting_read_only(const struct hf_conf *conf, bool read_only);

/*
 * Fill in a's source and path (and a->sprint when it names none: the
 * sprint holding the item, or for an added item the current sprint; and
 * for a registry action the registry source and registered model name of
 * a pod model) and check it against the pod as the store has it: the
 * model, item, sprint, rotation and version exist, handles are members,
 * an automatic checklist item is not ticked by hand. HF_EINVAL or
 * HF_ENOTFOUND with a message.
 */
enum hf_status hf_acting_resolve(struct hf_store *store, const struct hf_conf *conf,
				 struct hf_act *a);

/*
 * The readiness gate for promoting version of model (the pod model's name):
 * *ready, and when not *why (caller frees): the first blockers.
 */
enum hf_status hf_acting_gate(struct hf_store *store, const char *model, const char *version,
			      bool *ready, char **why);

#endif
