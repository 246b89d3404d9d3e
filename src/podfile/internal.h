/* internal.h: what the pod-file loaders share: the context, problem reporting and JSON field readers */
#ifndef HANDOFF_PODFILE_INTERNAL_H
#define HANDOFF_PODFILE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include "handoff/podfile.h"

/*
 * Where each value of a JSON text starts, by the JSON path the loaders use
 * in messages (jsonpos.c). Built on the first look-up; the text is borrowed.
 */
struct hf_jsonpos {
	const char *text;
	size_t len;
	bool built;
	void *entries;
	size_t n;
};
void hf_jsonpos_init(struct hf_jsonpos *jp, const char *text, size_t len);
/*
 * Line and column (from 1, in characters) where field's value starts, or
 * with key its key (when field is an object's member: a name such as
 * `capacity.bob` is wrong in the key); a field that is not in the text (a
 * missing one) gives its nearest enclosing value. False when nothing fits
 * (jp NULL, an empty text).
 */
bool hf_jsonpos_find(struct hf_jsonpos *jp, const char *field, bool key, int *line, int *col);
void hf_jsonpos_release(struct hf_jsonpos *jp);

struct hf_podfile_ctx {
	struct hf_store *store;
	const char *source;
	const char *path;	/* relative to the pod folder */
	const char *name;	/* the <model>/<name> from the path, or NULL */
	int errors;		/* problems of severity error recorded so far */
	enum hf_status db_status;	/* set when recording a problem itself failed */
	struct hf_jsonpos *pos;	/* positions of a JSON file's values, or NULL */
	int line, col;		/* when set, where the next problem is (a syntax error) */
	bool at_key;		/* the next problems are about a key, not its value */
	struct hf_pod_ref *refs;	/* what the file names in other files, stored with it */
	size_t nrefs, refs_alloc;
};

/*
 * Note that the file names something another file defines (refs.c checks
 * them once every file is in): kind is one of the HF_REF_* names of
 * podfile.h, value what is named, field where. Stored only when the file is.
 */
void hf_podfile_ref(struct hf_podfile_ctx *ctx, const char *kind, const char *value,
		    const char *field);
/* The same for a name written as a key ("capacity": {"bob": 3}): placed at the key. */
void hf_podfile_ref_key(struct hf_podfile_ctx *ctx, const char *kind, const char *value,
			const char *field);

/*
 * Record an error (the file will be skipped) or a warning about `field`
 * (a JSON path such as "slos[2].op", or NULL for the whole file).
 */
void hf_podfile_error(struct hf_podfile_ctx *ctx, const char *field, const char *fmt, ...) HF_PRINTF(3, 4);
void hf_podfile_warn(struct hf_podfile_ctx *ctx, const char *field, const char *fmt, ...) HF_PRINTF(3, 4);

/* Warn about each key of obj not in the NULL-terminated `known` list; prefix names obj ("" for the root). */
void hf_podfile_unknown_keys(struct hf_podfile_ctx *ctx, json_t *obj, const char *prefix,
			     const char *const known[]);

/*
 * Field readers. Each looks up `key` in obj; `field` is the full JSON path
 * used in messages. A missing required field or a value of the wrong type
 * records an error and returns false; a missing optional field leaves *out
 * untouched and returns true. Strings are borrowed from the JSON tree and
 * are checked to contain no control characters when `plain` is set.
 */
bool hf_podfile_string(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, const char **out);
bool hf_podfile_number(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, double *out);
bool hf_podfile_bool(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		     const char *field, bool required, bool *out);
/* Array or object of the right type; *out borrowed. */
bool hf_podfile_array(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		      const char *field, bool required, json_t **out);
bool hf_podfile_object(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, json_t **out);
/* A "YYYY-MM-DD" date string. */
bool hf_podfile_date(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		     const char *field, bool required, const char **out);

/* True when s holds a control character (below 0x20, or DEL). */
bool hf_podfile_has_control(const char *s);

/* True when s is one word: not empty, no space or control character (a handle, an id). */
bool hf_podfile_is_word(const char *s);

/* A JSON path such as "items[3].owner" into a static per-thread buffer (valid until the next call). */
const char *hf_podfile_field(const char *fmt, ...) HF_PRINTF(1, 2);

/*
 * Loaders, one per kind. A JSON loader gets the parsed root (an object) and
 * returns HF_OK when stored, HF_EINVAL when the file is invalid (problems
 * already recorded, nothing stored), HF_EIO when the database failed.
 */
typedef enum hf_status (*hf_podfile_json_loader)(struct hf_podfile_ctx *ctx, json_t *root);
typedef enum hf_status (*hf_podfile_text_loader)(struct hf_podfile_ctx *ctx, const char *text,
						 size_t len);

enum hf_status hf_podfile_load_pod(struct hf_podfile_ctx *ctx, json_t *root);

/* Readiness area: contract.json, readiness.json, MODEL_CARD.md, checklists/<name>.json. */
enum hf_status hf_podfile_load_contract(struct hf_podfile_ctx *ctx, json_t *root);
enum hf_status hf_podfile_load_readiness(struct hf_podfile_ctx *ctx, json_t *root);
enum hf_status hf_podfile_load_card(struct hf_podfile_ctx *ctx, const char *text, size_t len);
enum hf_status hf_podfile_load_checklist(struct hf_podfile_ctx *ctx, json_t *root);
/* A checklist item ({id, title, category, owner, stage, required, auto}); false with the first problem in why. */
struct hf_check_item;
bool hf_podfile_parse_item(json_t *obj, const char *where, struct hf_check_item *out,
			   char *why, size_t size);
/* An array of items (duplicates refused); false after recording an error on ctx. */
bool hf_podfile_items(struct hf_podfile_ctx *ctx, json_t *arr, const char *prefix,
		      struct hf_check_item **items, size_t *n);
extern const char *const hf_podfile_item_keys[];
enum hf_status hf_podfile_load_sprint(struct hf_podfile_ctx *ctx, json_t *root);
/*
 * Live SLOs (live.c): an SLO's "live" ({query, window, source} or false) into
 * *out, and pod.json's "live" ({source, window, queries: {metric: query}}).
 * False after recording an error on ctx.
 */
struct hf_slo_live;
struct hf_pod_live;
bool hf_podfile_slo_live(struct hf_podfile_ctx *ctx, json_t *slo, const char *where,
			 struct hf_slo_live *out);
bool hf_podfile_pod_live(struct hf_podfile_ctx *ctx, json_t *root, struct hf_pod_live *out);
/* On-call area: oncall/<rotation>.json. */
enum hf_status hf_podfile_load_oncall(struct hf_podfile_ctx *ctx, json_t *root);

#endif
