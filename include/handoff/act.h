/* act.h: a person's action on the pod (an "act") as a structured edit: apply, re-apply on a newer tip, conflicts, messages */
#ifndef HANDOFF_ACT_H
#define HANDOFF_ACT_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/status.h"
#include "handoff/strbuf.h"

/*
 * Pure (src/core/act.c; act_conflict.c the fingerprint and the conflict
 * rule; act_message.c the words; no I/O). An action names one entry of one pod
 * file (a checklist item of models/<model>/readiness.json, an item or a
 * capacity of sprints/<sprint>.json, the overrides of oncall/<rotation>.json)
 * or one registry call, and says what to make of it. Applying it to a
 * file's text changes only that entry's bytes (jsonedit.h); applying it
 * again to a newer version of the file is how a race is resolved, never a
 * text merge. The conflict rule decides whether that is still right.
 */
enum hf_act_kind {
	HF_ACT_NONE = 0,
	HF_ACT_TICK,		/* item done (by, at, evidence) */
	HF_ACT_WAIVE,	/* item waived (reason, until) */
	HF_ACT_REOPEN,	/* item back to todo */
	HF_ACT_NOTE,		/* a note on an item */
	HF_ACT_SPRINT_ADD,	/* a new sprint item */
	HF_ACT_SPRINT_REMOVE,
	HF_ACT_SPRINT_SET,	/* one field of a sprint item: status, owner, points, blocked_by, title, kind, model */
	HF_ACT_CAPACITY,	/* a member's capacity in a sprint */
	HF_ACT_OVERRIDE,	/* an override added to a rotation */
	HF_ACT_PROMOTE,	/* registry: move an alias to a version (after the gate, or forced) */
	HF_ACT_ALIAS_SET,
	HF_ACT_ALIAS_DELETE,
	HF_ACT_TAG_SET,	/* registry: a version tag */
	HF_ACT_KIND_COUNT
};

/* "tick", "sprint-set", "tag-set", ...; NULL out of range. */
const char *hf_act_kind_name(enum hf_act_kind kind);
enum hf_act_kind hf_act_kind_parse(const char *name);	/* HF_ACT_NONE when unknown */
/* True for the kinds that edit a pod file (the rest are registry calls). */
bool hf_act_is_file(enum hf_act_kind kind);
/* True for the kinds that edit a checklist item of readiness.json. */
bool hf_act_is_readiness(enum hf_act_kind kind);

/* Every string is owned (NULL when not given); hf_act_clear frees them. */
struct hf_act {
	enum hf_act_kind kind;
	char *source;		/* the configured source it lands in */
	char *path;		/* the file, relative to the pod folder */
	char *by;		/* who acts: a pod handle */
	char *at;		/* when: YYYY-MM-DD, the acting person's date */
	char *model, *item;	/* the model (registry: the registered model's name) and checklist item */
	char *evidence, *reason, *until, *note;
	char *sprint, *id;	/* sprint and sprint item */
	char *field, *value;	/* sprint-set; capacity's value; tag value */
	char *title, *type, *owner, *points, *status, *blocked_by;	/* sprint-add */
	char *handle;		/* capacity */
	char *rotation, *who, *from, *to;	/* override (reason in reason) */
	char *version, *alias, *key;	/* registry */
	bool auto_id;		/* sprint-add: the id was chosen by handoff; pick the next free one again on a newer tip */
	bool force;		/* promote despite the gate (reason says why) */
};

void hf_act_clear(struct hf_act *a);

/* Set the string field called name ("evidence", "value", ...) to a copy of value (NULL clears); false for no such field. */
bool hf_act_set(struct hf_act *a, const char *name, const char *value);

/*
 * The action as one JSON object (the outbox payload): {"action": KIND,
 * "model": ..., ...}; only the fields given. Caller frees. And back:
 * HF_EINVAL naming what is wrong.
 */
char *hf_act_to_json(const struct hf_act *a);
enum hf_status hf_act_from_json(const char *json, struct hf_act *a);

/*
 * Check the fields an action of its kind needs and the shape of each
 * (dates, numbers, statuses, one-word ids): HF_EINVAL with a message naming
 * the field. Whether handles and models exist is the caller's to check.
 */
enum hf_status hf_act_validate(const struct hf_act *a);

/*
 * Apply a file action to the file's text (text NULL: the file does not
 * exist yet; only a readiness file is then created). The new text goes
 * into *out. For sprint-add with auto_id, a->id becomes the next free id
 * of the text. Errors: HF_EINVAL when the text does not parse (the message
 * names a->path) or an entry has the wrong shape; HF_ENOTFOUND when the
 * sprint item is not there; HF_EINVAL for an id that exists already.
 */
enum hf_status hf_act_apply(struct hf_act *a, const char *text, size_t len,
			       struct hf_strbuf *out);

/*
 * What the action depends on in text: the canonical form of the entry it
 * edits (for a tick, the item's record without its note; for an override,
 * the overrides its time range overlaps), or NULL when there is none.
 * Two versions of a file with the same fingerprint are the same for the
 * action. HF_EINVAL when text does not parse. Caller frees *fp.
 */
enum hf_status hf_act_fingerprint(const struct hf_act *a, const char *text, size_t len,
				     char **fp);

/* The outcome of re-applying an action on a newer version of its file. */
enum hf_rebase {
	HF_REBASE_CLEAN,	/* the entry is as it was: apply again */
	HF_REBASE_CONFLICT,	/* the entry changed underneath: stop, say what */
};

/*
 * base: the file when the action was made; tip: the file now (either NULL
 * when absent). On a conflict *what (caller frees) says what changed, such
 * as "data.sources is now done by raj (2026-11-20)" or "S-3 was removed".
 * A tip that does not parse is a conflict too.
 */
enum hf_rebase hf_act_rebase(const struct hf_act *a, const char *base, size_t base_len,
				const char *tip, size_t tip_len, char **what);

/*
 * The commit message (first line, then "Handoff-By: HANDLE"), e.g.
 * "fraud-detector: data.sources done (evidence https://...)". Control
 * characters of people's text become spaces. Caller frees.
 */
char *hf_act_message(const struct hf_act *a);
/* The first line alone (activity, prompts). Caller frees. */
char *hf_act_summary(const struct hf_act *a);

/*
 * The exact change from old to new text, on one line: the first and last
 * differing lines, as "-OLD +NEW" with white space runs shown as one space
 * (at most max bytes of each side, "..." when cut). Caller frees.
 */
char *hf_text_change(const char *old, size_t old_len, const char *new, size_t new_len, size_t max);

#endif
