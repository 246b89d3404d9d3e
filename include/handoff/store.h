/* store.h: the local SQLite view: open/migrate, transactions, sync log, problems, activity */
#ifndef HANDOFF_STORE_H
#define HANDOFF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/status.h"

/*
 * One struct hf_store is one SQLite connection (WAL, busy timeout 5 s,
 * foreign keys on) and its cache of prepared statements. It is used by one
 * thread at a time: a background sync opens its own. All SQL of handoff
 * lives in src/store/; other modules call the functions declared in
 * store*.h headers.
 *
 * The schema is a list of numbered migrations (PRAGMA user_version). Opening
 * a database of an older version migrates it in place, in one transaction,
 * keeping its data (processes opening a new database at once migrate it
 * once); one of a newer version, or a negative one, is refused with
 * HF_ESCHEMA and left untouched. A file handoff may not write is opened
 * read-only: reads work, writes fail naming the file. A damaged database is
 * reported (HF_EIO) with a message saying it is only a cache of the sources,
 * to delete and rebuild with `handoff sync --rebuild`.
 */
struct hf_store;

/* Open (creating it and its folder if needed) and migrate to the latest schema. */
enum hf_status hf_store_open(const char *path, struct hf_store **out);

/* Tests only: open and migrate no further than `version` (0 = leave as found). */
enum hf_status hf_store_open_version(const char *path, int version, struct hf_store **out);

void hf_store_close(struct hf_store *store);

/*
 * Read every page (PRAGMA quick_check; a sync runs it before writing):
 * HF_EIO when the database is damaged, with what to do about it.
 */
enum hf_status hf_store_check(struct hf_store *store);

/* Delete the database at path and its -wal/-shm files (a missing file is fine): the next open starts empty. */
enum hf_status hf_store_remove(const char *path);

int hf_store_version(struct hf_store *store);
int hf_store_latest_version(void);
const char *hf_store_path(struct hf_store *store);

/*
 * A sync writes a whole source in one transaction: begin (IMMEDIATE, so two
 * writers queue on the busy timeout rather than deadlock), then commit, or
 * rollback to leave the previous view intact. Begun inside a read snapshot
 * (a command that writes), the snapshot ends first.
 */
enum hf_status hf_store_begin(struct hf_store *store);
enum hf_status hf_store_commit(struct hf_store *store);
void hf_store_rollback(struct hf_store *store);

/*
 * A read snapshot: every read between these two sees the database as it
 * was at the first of them (a deferred transaction; with WAL it never waits
 * for a writer and a writer never waits for it). Each CLI command and each
 * TUI view load reads inside one, so a sync committing meanwhile is seen
 * whole or not at all. Nests: inside another transaction (or snapshot) both
 * do nothing. Keep it short: it pins the WAL.
 */
enum hf_status hf_store_read_begin(struct hf_store *store);
void hf_store_read_end(struct hf_store *store);

/* Per-source key/value state kept across syncs (e.g. "commit" -> the synced tip). */
enum hf_status hf_store_state_get(struct hf_store *store, const char *source, const char *key,
				  char **value);	/* *value NULL when unset; caller frees */
enum hf_status hf_store_state_set(struct hf_store *store, const char *source, const char *key,
				  const char *value);	/* NULL value deletes */

/* The sync log: one row per sync attempt. Written outside the sync transaction. */
struct hf_sync_run {
	char *source;
	char *type;		/* git, mlflow, demo */
	int64_t started;
	int64_t finished;
	bool ok;
	char *error;		/* NULL when ok */
	char *detail;		/* free text: "12 files, 3 changed" */
	/* 0 in runs recorded before the sync engine kept them */
	int64_t pid;		/* the process that ran it */
	int64_t fetch_ms, apply_ms;	/* the network phase; the write transaction */
	int64_t changes;	/* what it changed (events and rows), -1 unknown */
	bool full;		/* read everything rather than what changed */
	int64_t last_ok;	/* hf_store_sync_latest only: when the source last synced without error, 0 never */
};
enum hf_status hf_store_sync_record(struct hf_store *store, const struct hf_sync_run *run);
/* The latest run of each source, by source name. *runs owned by caller: hf_sync_runs_free. */
enum hf_status hf_store_sync_latest(struct hf_store *store, struct hf_sync_run **runs, size_t *n);
/* Every run, newest first, at most limit. */
enum hf_status hf_store_sync_history(struct hf_store *store, size_t limit,
				     struct hf_sync_run **runs, size_t *n);
void hf_sync_runs_free(struct hf_sync_run *runs, size_t n);

/*
 * The sync lock: one row per source being synced, so two syncs of one
 * source (a cron `handoff sync` and the TUI) never run at once, while
 * syncs of different sources do. Taken and released in short transactions
 * of their own (call outside any transaction).
 *
 * hf_store_sync_lock: HF_EBUSY when a living process (or another thread of
 * this one) holds the source; *holder receives who and since when. A lock
 * left by a process that is gone (killed) is taken over: then *stale
 * (may be NULL) is set to its holder and true is returned in stale->pid
 * != 0, so the caller can log the interrupted run.
 */
struct hf_sync_holder {
	int64_t pid;
	int64_t since;		/* hf_now() seconds */
};
enum hf_status hf_store_sync_lock(struct hf_store *store, const char *source, int64_t now,
				  struct hf_sync_holder *holder, struct hf_sync_holder *stale);
enum hf_status hf_store_sync_unlock(struct hf_store *store, const char *source);

/*
 * Problems: errors and warnings about one file (or URL) of a source, kept
 * until that file is synced again. An error in the file itself means the
 * file was skipped; an error the cross-file check found (`reference`: a
 * name another file does not define) leaves the file in use without that
 * name. Those are recomputed whole by each check (hf_store_problems_clear_references).
 */
enum hf_problem_severity { HF_PROBLEM_ERROR = 0, HF_PROBLEM_WARNING = 1 };
struct hf_problem {
	char *source;
	char *path;		/* file in the pod repository, or endpoint URL */
	char *field;		/* JSON path such as "slos[1].op", or NULL */
	enum hf_problem_severity severity;
	char *message;
	int64_t at;
	int line, col;		/* where in the file, from 1 (col in characters); 0 when unknown */
	bool reference;		/* found by the cross-file check */
};
enum hf_status hf_store_problem_add(struct hf_store *store, const struct hf_problem *p);
/* Every problem: errors first, then by source, path and position. */
enum hf_status hf_store_problems(struct hf_store *store, struct hf_problem **out, size_t *n);
/* The problems of one source (source NULL: all), in the same order. */
enum hf_status hf_store_problems_of(struct hf_store *store, const char *source,
				    struct hf_problem **out, size_t *n);
enum hf_status hf_store_problems_clear_references(struct hf_store *store);
void hf_problems_free(struct hf_problem *p, size_t n);

/*
 * References: a name a pod file uses that another file defines (kind
 * "member": a handle of pod.json; "item": a checklist item id, scope the
 * model; "checklist": a template name, scope the model; "registry": a
 * configured source). Stored with the file's (source, path) and forgotten
 * with it; the cross-file check (podfile.h) reads them all.
 */
struct hf_pod_ref {
	char *source;
	char *path;
	char *kind;
	char *value;
	char *scope;		/* the model for items and checklists, else NULL */
	char *field;		/* JSON path of the name */
	int line, col;		/* 0 when unknown */
};
enum hf_status hf_store_ref_add(struct hf_store *store, const struct hf_pod_ref *r);
/* Every reference, by source, path and position. *out owned: hf_pod_refs_free. */
enum hf_status hf_store_refs(struct hf_store *store, struct hf_pod_ref **out, size_t *n);
void hf_pod_refs_free(struct hf_pod_ref *r, size_t n);

/*
 * Everything a pod file defined is stored with its (source, path). Forgetting
 * a path deletes those rows from every table that has both columns (found
 * from the schema, so new tables take part without being listed), problems
 * included. Forgetting a source does the same for all its paths.
 */
enum hf_status hf_store_forget_path(struct hf_store *store, const char *source, const char *path);
enum hf_status hf_store_forget_source(struct hf_store *store, const char *source);

/* Activity: the merged timeline of commits and registry changes. */
struct hf_activity {
	int64_t id;
	int64_t at;
	char *source;
	char *kind;		/* commit, version, alias, stage, ... */
	char *model;		/* NULL when none */
	char *actor;		/* author or user, may be NULL */
	char *summary;		/* one line, unsanitised */
	char *ref;		/* commit id, version number, ... */
	char *subject;		/* the one member it is for (sprint, capacity, override); NULL: the model's owners */
};
enum hf_status hf_store_activity_add(struct hf_store *store, const struct hf_activity *a);
/* Newest first; model NULL for all; since 0 for no lower bound. */
enum hf_status hf_store_activity_list(struct hf_store *store, const char *model, int64_t since,
				      size_t limit, struct hf_activity **out, size_t *n);
/* Newest first: events recorded after event id `after_id` (0: all) and at or after `since`. */
enum hf_status hf_store_activity_after(struct hf_store *store, int64_t after_id, int64_t since,
				       size_t limit, struct hf_activity **out, size_t *n);
void hf_activity_free(struct hf_activity *a, size_t n);

/*
 * Outbox: people's actions (act.h) waiting to land at their source, kept
 * after they land or are dropped, for the record. An entry is pending
 * (waiting to be pushed), in conflict (the thing changed underneath: the
 * person retries or drops it), refused (the server said no: retried by the
 * next push), landed or dropped. Pending, conflict and refused ones are
 * "open": the views mark what they touch as pending.
 */
enum hf_outbox_state {
	HF_OUTBOX_PENDING = 0,
	HF_OUTBOX_CONFLICT,
	HF_OUTBOX_REFUSED,
	HF_OUTBOX_LANDED,
	HF_OUTBOX_DROPPED,
};
/* Sets of states for hf_store_outbox_list and _count. */
#define HF_OUTBOX_STATE(s) (1u << (s))
#define HF_OUTBOX_WAITING (HF_OUTBOX_STATE(HF_OUTBOX_PENDING) | HF_OUTBOX_STATE(HF_OUTBOX_REFUSED))
#define HF_OUTBOX_OPEN (HF_OUTBOX_WAITING | HF_OUTBOX_STATE(HF_OUTBOX_CONFLICT))
#define HF_OUTBOX_ALL 31u
const char *hf_outbox_state_name(enum hf_outbox_state s);	/* "pending", ... */

struct hf_outbox_entry {
	int64_t id;
	int64_t created;
	char *source;
	char *kind;		/* tick, waive, sprint-set, alias-set, tag-set, ... (act.h) */
	char *payload;		/* the action as JSON (hf_act_to_json) */
	enum hf_outbox_state state;
	char *error;		/* why in conflict or refused; NULL otherwise */
	int attempts;
	char *file;		/* git: the pod file it edits (not "path": forgetting a file keeps it) */
	char *scope;		/* the model, sprint, rotation or registered model it is about */
	char *target;		/* the item, sprint item, handle, override or alias in scope */
	char *actor;		/* the pod handle who acted */
	char *summary;		/* one line: the commit message's first line */
	char *base;		/* git: the commit the action was made on */
	char *commit_id;	/* git: its local commit (until it lands: then the landed one) */
	char *landed;		/* where it landed: a commit id or a registry call */
	int64_t finished;	/* when it landed or was dropped; 0 while open */
};
/* Add an entry (id, attempts and finished are ignored); *id receives its id. */
enum hf_status hf_store_outbox_put(struct hf_store *store, const struct hf_outbox_entry *e,
				   int64_t *id);
/* Write back state, error, payload, summary, base, commit_id, landed, finished, target; attempted adds one attempt. */
enum hf_status hf_store_outbox_update(struct hf_store *store, const struct hf_outbox_entry *e,
				      bool attempted);
/* Entries in any of `states` (HF_OUTBOX_* sets), oldest first; source NULL for all. */
enum hf_status hf_store_outbox_list(struct hf_store *store, const char *source, unsigned states,
				    struct hf_outbox_entry **out, size_t *n);
/* The waiting ones (pending, refused) of source (NULL: all), oldest first. */
enum hf_status hf_store_outbox_pending(struct hf_store *store, const char *source,
				       struct hf_outbox_entry **out, size_t *n);
/* One entry by id: *found says whether it exists; clear it with hf_outbox_entry_clear. */
enum hf_status hf_store_outbox_get(struct hf_store *store, int64_t id, struct hf_outbox_entry *e,
				   bool *found);
enum hf_status hf_store_outbox_count(struct hf_store *store, unsigned states, size_t *n);
/* Set one entry's state by name and error, counting an attempt. */
enum hf_status hf_store_outbox_mark(struct hf_store *store, int64_t id, const char *state,
				    const char *error);
void hf_outbox_entry_clear(struct hf_outbox_entry *e);

/*
 * What open actions touch, for the views' pending marks: (scope, target)
 * pairs as hf_wb_marks makes them (writeback.h). hf_outbox_marked: any
 * open action on target in scope (target NULL: on anything in scope; a
 * target ending in ':' or ' ' matches every target it begins).
 */
struct hf_outbox_marks {
	char **scope, **target;
	size_t n;
};
enum hf_status hf_store_outbox_marks(struct hf_store *store, struct hf_outbox_marks *m);
bool hf_outbox_marked(const struct hf_outbox_marks *m, const char *scope, const char *target);
void hf_outbox_marks_clear(struct hf_outbox_marks *m);

/* Where an action lands: which file defines a model's readiness or contract, a sprint, a rotation. */
enum hf_defined { HF_DEFINED_READINESS, HF_DEFINED_CONTRACT, HF_DEFINED_SPRINT, HF_DEFINED_ROTATION };
/* *source and *path (caller frees) of the file defining name, both NULL when none does. */
enum hf_status hf_store_defined_by(struct hf_store *store, enum hf_defined what, const char *name,
				   char **source, char **path);
/* The sprints that hold an item with this id (caller frees with hf_strv_free). */
enum hf_status hf_store_sprints_with_item(struct hf_store *store, const char *item, char ***sprints,
					  size_t *n);
void hf_outbox_free(struct hf_outbox_entry *e, size_t n);

#endif
