/* oncall_internal.h: what the oncall command's files share (src/cmd/oncall*.c only) */
#ifndef HANDOFF_CMD_ONCALL_INTERNAL_H
#define HANDOFF_CMD_ONCALL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/store.h"
#include "handoff/tz.h"

/* "Mon 2026-10-26 09:00" in tz. */
void hf_oncall_fmt_human(const struct hf_tz *tz, int64_t t, char *buf, size_t n);

/* `oncall ROTATION --preview FILE`: the edited file against the synced rotation over `weeks` from t. */
int hf_oncall_preview(struct hf_store *store, const char *rot, const char *file, int64_t t, long weeks,
		      bool json, bool md);

#endif
