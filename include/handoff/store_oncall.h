/* store_oncall.h: storing and reading on-call rotations, and the coverage readiness asks for */
#ifndef HANDOFF_STORE_ONCALL_H
#define HANDOFF_STORE_ONCALL_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/rotation.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * On-call coverage of a model for the readiness gate "an on-call rotation
 * with at least two people covers the model": *people is the largest
 * number of distinct members of any rotation whose `covers` lists `model`,
 * counting the member list in effect now (hf_now(), so HANDOFF_NOW
 * freezes it): the latest `changes` entry whose `from` date has come, else
 * the initial `members`. 0 when no rotation covers the model (not an
 * error). HF_EIO on a database error.
 */
enum hf_status hf_store_oncall_coverage(struct hf_store *store, const char *model, size_t *people);

/*
 * Store the rotation defined by (source, path); the caller forgot that path
 * first (hf_podfile_load does). HF_EINVAL when a rotation of that name is
 * already defined by another file (recorded by the loader as a problem).
 */
enum hf_status hf_store_rotation_put(struct hf_store *store, const char *source, const char *path,
				     const struct hf_rotation *r);

/* True when a rotation called `name` is stored from a (source, path) other than the one given. */
enum hf_status hf_store_rotation_taken(struct hf_store *store, const char *name, const char *source,
				       const char *path, bool *taken);

/*
 * Read the stored rotations (all when name is NULL, else the one called
 * `name`: HF_ENOTFOUND with "no rotation 'NAME'" when there is none), sorted
 * by name, as the engine's structs. *out is owned by the caller:
 * hf_rotations_free.
 */
enum hf_status hf_store_rotations(struct hf_store *store, const char *name,
				  struct hf_rotation **out, size_t *n);
void hf_rotations_free(struct hf_rotation *r, size_t n);

/* The names of the rotations covering `model`, sorted; owned by the caller (free each and the array). */
enum hf_status hf_store_rotations_covering(struct hf_store *store, const char *model,
					   char ***names, size_t *n);

#endif
