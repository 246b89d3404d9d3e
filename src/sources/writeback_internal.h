/* writeback_internal.h: what writeback.c and writeback_git.c share */
#ifndef HANDOFF_WRITEBACK_INTERNAL_H
#define HANDOFF_WRITEBACK_INTERNAL_H

#include "handoff/writeback.h"

/* A per-source state value (caller frees), NULL when unset or unreadable. */
char *hf_wb_state(struct hf_store *store, const char *source, const char *key);
/* End the transaction begun before: commit, or roll back on rc keeping its message. */
enum hf_status hf_wb_finish(struct hf_store *store, enum hf_status rc);
/* A message from outside made safe for a terminal, on one line (caller frees). */
char *hf_wb_clean(const char *s);

/* The git source's half of each operation (writeback_git.c). */
enum hf_status hf_wb_git_preview(struct hf_store *store, const struct hf_source_conf *src,
				 struct hf_act *a, struct hf_wb_preview *p);
enum hf_status hf_wb_git_queue(struct hf_store *store, const struct hf_source_conf *src,
			       struct hf_act *a, int64_t *id);
/* Push the chain until it lands, conflicts, is refused or the remote is gone: *tries, *why. */
enum hf_status hf_wb_git_push(struct hf_store *store, const struct hf_source_conf *src,
			      int *tries, char **why);
enum hf_status hf_wb_git_refresh(struct hf_store *store, const struct hf_source_conf *src);
/* e is marked dropped / pending by the caller; these write it and rebuild the chain. */
enum hf_status hf_wb_git_drop(struct hf_store *store, const struct hf_source_conf *src,
			      struct hf_outbox_entry *e);
enum hf_status hf_wb_git_retry(struct hf_store *store, const struct hf_source_conf *src,
			       struct hf_outbox_entry *e);

#endif
