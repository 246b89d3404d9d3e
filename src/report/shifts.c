/* shifts.c: one member's on-call shifts across every rotation, and whom an override displaces */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/shifts.h"
#include "handoff/store_oncall.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

enum hf_status hf_user_shifts(struct hf_store *store, const char *handle, int64_t from, int64_t to,
			      struct hf_user_shift **out, size_t *n)
{
	struct hf_rotation *rots = NULL;
	size_t nrots = 0;
	enum hf_status rc = hf_store_rotations(store, NULL, &rots, &nrots);

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < nrots && !rc; i++) {
		struct hf_tz *tz = NULL;
		struct hf_shift *s = NULL;
		size_t ns = 0;
		struct hf_zone z;

		if (hf_tz_open(rots[i].timezone, &tz))
			continue;	/* `oncall` names the bad zone; here it is just not listed */
		z = hf_tz_zone(tz);
		if (!hf_rotation_shifts(&rots[i], &z, from, to, &s, &ns)) {
			for (size_t k = 0; k < ns; k++) {
				struct hf_user_shift *u;

				if (strcmp(s[k].who, handle))
					continue;
				*out = xrealloc(*out, (*n + 1) * sizeof(**out));
				u = &(*out)[(*n)++];
				u->rotation = xstrdup(rots[i].name);
				u->start = s[k].start;
				u->end = s[k].end;
				u->reason = xstrdup(s[k].reason);
			}
		}
		free(s);
		hf_tz_free(tz);
	}
	hf_error_clear();
	hf_rotations_free(rots, nrots);
	return rc == HF_ENOTFOUND ? HF_OK : rc;
}

void hf_user_shifts_free(struct hf_user_shift *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].rotation);
		free(s[i].reason);
	}
	free(s);
}

enum hf_status hf_override_displaced(const struct hf_rotation *r, size_t i, const char ***who,
				     size_t *n)
{
	const struct hf_rotation_override *o = &r->overrides[i];
	struct hf_rotation base = *r;
	struct hf_shift *s = NULL;
	struct hf_tz *tz = NULL;
	size_t ns = 0;
	struct hf_zone z;
	enum hf_status rc;

	*who = NULL;
	*n = 0;
	if (hf_tz_open(r->timezone, &tz)) {
		hf_error_clear();
		return HF_OK;
	}
	z = hf_tz_zone(tz);
	base.overrides = NULL;	/* the rotation alone */
	base.noverrides = 0;
	rc = hf_rotation_shifts(&base, &z, o->from, o->to, &s, &ns);
	for (size_t k = 0; k < ns && !rc; k++) {
		bool seen = !strcmp(s[k].who, o->who);

		for (size_t j = 0; j < *n && !seen; j++)
			seen = !strcmp((*who)[j], s[k].who);
		if (seen)
			continue;
		*who = xrealloc(*who, (*n + 1) * sizeof(**who));
		(*who)[(*n)++] = s[k].who;
	}
	free(s);
	hf_tz_free(tz);
	return rc;
}
