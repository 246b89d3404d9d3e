/* podfile.h: parse, validate and store one file of a pod repository */
#ifndef HANDOFF_PODFILE_H
#define HANDOFF_PODFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/status.h"
#include "handoff/strbuf.h"
#include "handoff/store.h"

/* Files larger than this are refused with an error naming the file. */
#define HF_PODFILE_MAX_SIZE (1024 * 1024)

enum hf_podfile_kind {
	HF_PODFILE_NONE = 0,	/* not a pod file (README.md, .gitignore, ...): ignored */
	HF_PODFILE_POD,		/* pod.json */
	HF_PODFILE_CONTRACT,	/* models/<model>/contract.json */
	HF_PODFILE_READINESS,	/* models/<model>/readiness.json */
	HF_PODFILE_CARD,	/* models/<model>/MODEL_CARD.md */
	HF_PODFILE_CHECKLIST,	/* checklists/<name>.json */
	HF_PODFILE_ONCALL,	/* oncall/<rotation>.json */
	HF_PODFILE_SPRINT,	/* sprints/<sprint>.json */
};

/* The kinds of reference a pod file makes to what another file defines (struct hf_pod_ref). */
#define HF_REF_MEMBER "member"		/* a handle of pod.json's members */
#define HF_REF_ITEM "item"		/* a checklist item id, for the model (scope) */
#define HF_REF_CHECKLIST "checklist"	/* a checklist template's name, for the model */
#define HF_REF_REGISTRY "registry"	/* a configured registry source */

/*
 * Which kind of pod file relpath (relative to the pod folder, '/'-separated)
 * is. When name is not NULL it receives the <model>/<name> part (caller
 * frees), or NULL for pod.json and non-pod files.
 */
enum hf_podfile_kind hf_podfile_classify(const char *relpath, char **name);

/*
 * The walk every reader of a pod folder makes (git tree, work tree): the
 * folder's own pod.json and these folders, models/<model>/ one level more;
 * nothing else is read.
 */
bool hf_podfile_layout_dir(const char *name);	/* models, checklists, oncall, sprints */

/* NULL when a file or folder name is fine to read, else why not ("the name is not valid UTF-8"). */
const char *hf_podfile_bad_name(const char *name);

/* "contract", "sprint", ... for messages. */
const char *hf_podfile_kind_name(enum hf_podfile_kind kind);

/*
 * Replace what (source, relpath) defined with the file's new content: the
 * old rows and problems are forgotten, the file is parsed and validated, and
 * stored when valid. A file that is invalid is recorded as a problem (path,
 * field, reason) and skipped: that still returns HF_OK, since one bad file
 * must not fail a sync. Unknown fields become warnings. Only a database
 * failure returns an error. Call inside the sync's transaction.
 */
enum hf_status hf_podfile_load(struct hf_store *store, const char *source, const char *relpath,
			       const char *buf, size_t len);

/* Forget everything (source, relpath) defined: the file was deleted. */
enum hf_status hf_podfile_remove(struct hf_store *store, const char *source, const char *relpath);

/* Record a problem with the file itself (too big, a symlink, a bad name) and skip it. */
enum hf_status hf_podfile_reject(struct hf_store *store, const char *source, const char *relpath,
				 const char *fmt, ...) HF_PRINTF(4, 5);

/* A configured source, for checking the registry a contract names. */
struct hf_podfile_source {
	const char *name;
	bool registry;		/* of a registry type (mlflow) */
};

/*
 * The cross-file check, once every file is in (after a sync, in lint): each
 * name a pod file uses that another file defines (struct hf_pod_ref) is
 * looked up, and one that does not hold becomes a problem of the file that
 * uses it, at the name's line and column: a member that is not in pod.json,
 * a checklist item or template the model does not have (errors: the name is
 * ignored, the file stays in use), a registry source that is not configured
 * (a warning). The previous check's problems are replaced. sources NULL:
 * the configuration is unknown (lint without one), registry names are not
 * checked. Call inside a transaction.
 */
enum hf_status hf_podfile_check_refs(struct hf_store *store, const struct hf_podfile_source *sources,
				     size_t nsources);

/*
 * A problem as one line, the same for sync, lint, status and the log view:
 * "PREFIXPATH[:LINE:COL]: error: [FIELD: ]MESSAGE" (GNU style, so editors
 * jump to it; prefix NULL: "SOURCE: "). Appended unsanitised: sanitise
 * before a terminal.
 */
void hf_podfile_problem_text(struct hf_strbuf *sb, const struct hf_problem *p, const char *prefix);

/*
 * Burndown: record how far a sprint was at one commit of the sprint file's
 * history. The git source calls this for each commit that changed
 * sprints/<sprint>.json (oldest first), with that commit's content of the
 * file, its time and id. An invalid version is skipped silently (the current
 * file's problems are what gets reported). Defined in src/podfile/sprint.c.
 */
enum hf_status hf_podfile_sprint_snapshot(struct hf_store *store, const char *source,
					  const char *relpath, const char *buf, size_t len,
					  int64_t at, const char *ref);

#endif
