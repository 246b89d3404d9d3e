/* shifts.h: one member's on-call shifts across every rotation, and whom an override displaces (read from the store, in each rotation's zone) */
#ifndef HANDOFF_SHIFTS_H
#define HANDOFF_SHIFTS_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/rotation.h"
#include "handoff/status.h"
#include "handoff/store.h"

struct hf_user_shift {
	char *rotation;
	int64_t start, end;	/* UTC, [start, end) */
	char *reason;		/* the override's reason; NULL for a rotation shift */
};

/*
 * The shifts of `handle` in every rotation that overlap [from, to), by
 * rotation then time, each computed in its rotation's zone (a rotation
 * whose zone is unknown is left out: `oncall` names it). No rotation is
 * not an error. Free with hf_user_shifts_free.
 */
enum hf_status hf_user_shifts(struct hf_store *store, const char *handle, int64_t from, int64_t to,
			      struct hf_user_shift **out, size_t *n);
void hf_user_shifts_free(struct hf_user_shift *s, size_t n);

/*
 * Who override `i` of r displaces: the members the rotation alone (no
 * override) has on call during it, other than the override's own. *who
 * borrows from r (free the array only). An unknown zone gives none.
 */
enum hf_status hf_override_displaced(const struct hf_rotation *r, size_t i, const char ***who,
				     size_t *n);

#endif
