/* rotation_edit.h: an edited rotation file read as a sync reads it, and what the edit changes against the synced rotation */
#ifndef HANDOFF_ROTATION_EDIT_H
#define HANDOFF_ROTATION_EDIT_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/rotation.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * The rotation `name` defined by text (the would-be oncall/NAME.json),
 * read by the pod-file loader into a private database, so its checks and
 * messages are a sync's. HF_EINVAL "SHOWN: FIELD: message" for the first
 * error in it, or when it is a calendar rotation (its shifts are in the
 * calendar). *out (one rotation) is the caller's: hf_rotations_free.
 */
enum hf_status hf_rotation_edit_load(const char *name, const char *shown, const char *text, size_t len,
				     struct hf_rotation **out, size_t *n);

/*
 * What text, the new oncall/NAME.json, changes against the synced rotation
 * `name` over [from, to), on one line (hf_preview_line, on the rotation's
 * clock), for the confirm step of an edit. Caller frees *line. Errors: no
 * such rotation, a calendar rotation, an edit that does not load.
 */
enum hf_status hf_rotation_edit_line(struct hf_store *store, const char *name, const char *text,
				     size_t len, int64_t from, int64_t to, char **line);

#endif
