/* store_oncall.h: storing and reading on-call rotations, and the coverage readiness asks for */
#ifndef HANDOFF_STORE_ONCALL_H
#define HANDOFF_STORE_ONCALL_H

#include <stddef.h>
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

#endif
