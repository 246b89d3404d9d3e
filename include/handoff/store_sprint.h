/* store_sprint.h: storing and reading sprints, their items and the burndown snapshots */
#ifndef HANDOFF_STORE_SPRINT_H
#define HANDOFF_STORE_SPRINT_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/sprint.h"
#include "handoff/store.h"

/*
 * A sprint is stored with the (source, path) of its file, so a resync of
 * that file forgets it (hf_store_forget_path). Snapshots are history, not
 * file content: they are kept across syncs, one per (source, sprint, ref).
 */

/* Store a parsed sprint; the caller forgot that path first. */
enum hf_status hf_store_sprint_put(struct hf_store *store, const char *source, const char *path,
				   const struct hf_sprint *sprint);

/*
 * Which file already defines sprint `id`: *source and *path newly allocated
 * (caller frees), both NULL when none.
 */
enum hf_status hf_store_sprint_owner(struct hf_store *store, const char *id, char **source,
				     char **path);

/* One sprint with its capacity and items; HF_ENOTFOUND naming the id when there is none. */
enum hf_status hf_store_sprint_get(struct hf_store *store, const char *id, struct hf_sprint *out);

/*
 * The id of the sprint whose dates contain `date` ("YYYY-MM-DD"): the one
 * that started last when several do. *id newly allocated, NULL when none.
 */
enum hf_status hf_store_sprint_current(struct hf_store *store, const char *date, char **id);

/* Every sprint, head only (no capacity or items), by start date; hf_sprints_free. */
enum hf_status hf_store_sprint_list(struct hf_store *store, struct hf_sprint **out, size_t *n);
void hf_sprints_free(struct hf_sprint *s, size_t n);

/* Record one snapshot (replacing one with the same source, sprint and ref). */
enum hf_status hf_store_sprint_snapshot_put(struct hf_store *store, const char *source,
					    const char *sprint, const char *file,
					    const struct hf_sprint_snapshot *snap);

/* The snapshots of a sprint, oldest first; hf_sprint_snapshots_free. */
enum hf_status hf_store_sprint_snapshots(struct hf_store *store, const char *sprint,
					 struct hf_sprint_snapshot **out, size_t *n);

#endif
