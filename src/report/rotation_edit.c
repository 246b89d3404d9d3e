/* rotation_edit.c: an edited rotation file read as a sync reads it, and the one-line preview of the edit */
#include "config.h"

#include <stdlib.h>

#include "handoff/podfile.h"
#include "handoff/preview.h"
#include "handoff/rotation_edit.h"
#include "handoff/store_oncall.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

enum hf_status hf_rotation_edit_load(const char *name, const char *shown, const char *text, size_t len,
				     struct hf_rotation **out, size_t *n)
{
	char *rel = xasprintf("oncall/%s.json", name), *msg;
	struct hf_store *store = NULL;
	struct hf_problem *probs = NULL;
	size_t nprobs = 0;
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = hf_store_open(":memory:", &store)) || (rc = hf_store_begin(store)) ||
	    (rc = hf_podfile_load(store, "edit", rel, text, len)) || (rc = hf_store_commit(store)) ||
	    (rc = hf_store_problems(store, &probs, &nprobs)))
		goto out;
	for (size_t i = 0; i < nprobs; i++) {
		if (probs[i].severity != HF_PROBLEM_ERROR)
			continue;
		rc = hf_error(HF_EINVAL, "%s: %s%s%s", shown, probs[i].field ? probs[i].field : "",
			      probs[i].field ? ": " : "", probs[i].message);
		goto out;
	}
	rc = hf_store_rotations(store, name, out, n);
	if (!rc && (*out)[0].calendar) {
		hf_rotations_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = hf_error(HF_EINVAL, "%s: a rotation from a calendar feed has its shifts in the "
			      "calendar: preview the change there", shown);
	}
out:
	/* the message outlives the database's own errors on the way out */
	msg = rc ? xstrdup(hf_last_error()) : NULL;
	hf_problems_free(probs, nprobs);
	hf_store_close(store);
	if (rc)
		hf_error(rc, "%s", msg);
	free(msg);
	free(rel);
	return rc;
}

enum hf_status hf_rotation_edit_line(struct hf_store *store, const char *name, const char *text,
				     size_t len, int64_t from, int64_t to, char **line)
{
	struct hf_rotation *before = NULL, *after = NULL;
	size_t nb = 0, na = 0;
	struct hf_tz *tz = NULL;
	struct hf_preview p;
	struct hf_zone z;
	enum hf_status rc;

	*line = NULL;
	if ((rc = hf_store_rotations(store, name, &before, &nb)))
		goto out;
	if (before[0].calendar) {
		rc = hf_error(HF_EINVAL, "rotation '%s' comes from calendar '%s': its changes are made "
			      "in the calendar", name, before[0].calendar);
		goto out;
	}
	if ((rc = hf_rotation_edit_load(name, name, text, len, &after, &na)) ||
	    (rc = hf_tz_open(after[0].timezone, &tz)))
		goto out;
	z = hf_tz_zone(tz);
	if ((rc = hf_preview_compute(&before[0], &after[0], &z, from, to, &p)))
		goto out;
	*line = hf_preview_line(&p, &z);
	hf_preview_clear(&p);
out:
	hf_tz_free(tz);
	hf_rotations_free(before, nb);
	hf_rotations_free(after, na);
	return rc;
}
