/* oncall_internal.h: what the oncall command's files share (src/cmd/oncall*.c), and lint's preview of a changed rotation */
#ifndef HANDOFF_CMD_ONCALL_INTERNAL_H
#define HANDOFF_CMD_ONCALL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/store.h"
#include "handoff/tz.h"

/* "Mon 2026-10-26 09:00" in tz. */
void hf_oncall_fmt_human(const struct hf_tz *tz, int64_t t, char *buf, size_t n);

/* The weeks a preview covers unless told (--weeks). */
#define HF_PREVIEW_WEEKS 8

/*
 * `oncall ROTATION --preview FILE`: the edited file against store's
 * rotation `rot` over `weeks` from t, on stdout; `shown` names the file in
 * the output. An exit status (errors printed to stderr).
 */
int hf_oncall_preview(struct hf_store *store, const char *rot, const char *file, const char *shown,
		      int64_t t, long weeks, bool json, bool md);

/*
 * `handoff lint DIR`: for each DIR/oncall/ROTATION.json whose text differs
 * from its work tree's HEAD commit, the preview of the edit against HEAD's
 * version (HF_PREVIEW_WEEKS from t), on stdout after a blank line; prefix
 * goes before "oncall/..." in the file's name. Files new since HEAD, not in
 * a git work tree, from a calendar, or whose HEAD version does not load are
 * passed over.
 */
void hf_oncall_lint_previews(const char *dir, const char *prefix, int64_t t);

#endif
