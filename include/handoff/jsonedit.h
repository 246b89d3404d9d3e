/* jsonedit.h: surgical edits of a JSON file's exact text: change one entry, keep every other byte */
#ifndef HANDOFF_JSONEDIT_H
#define HANDOFF_JSONEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/status.h"
#include "handoff/strbuf.h"

/*
 * Pure (src/core/jsonedit.c, no I/O). A pod file is parsed into a tree of
 * byte spans over its text; an edit replaces, inserts or removes the bytes
 * of one value or one member and leaves every other byte as it was: key
 * order, indentation, spacing, escapes elsewhere, the trailing newline. New
 * members and elements are written in the style of their neighbours (one
 * per line with the same indentation, or inline with the same separators),
 * and new objects in the style of a sibling object.
 *
 * The parser is strict RFC 8259 as jansson applies it: UTF-8 only, no NUL
 * (\u0000), no lone surrogates, no control characters in strings, one
 * value and nothing but white space after it; nesting deeper than
 * HF_JSON_MAX_DEPTH is refused. Duplicate keys parse, but an edit of an
 * object holding the key twice is refused (which one is meant?).
 */
#define HF_JSON_MAX_DEPTH 256

enum hf_json_type {
	HF_JSON_NULL,
	HF_JSON_FALSE,
	HF_JSON_TRUE,
	HF_JSON_NUMBER,
	HF_JSON_STRING,
	HF_JSON_ARRAY,
	HF_JSON_OBJECT,
};

/* One value of the text. Spans are byte offsets into the parsed text. */
struct hf_jnode {
	enum hf_json_type type;
	size_t start, end;		/* the value: [start, end) */
	size_t key_start, key_end;	/* a member's key with its quotes; both 0 otherwise */
	char *key;			/* a member's decoded key; NULL for elements and the root */
	char *str;			/* a string's decoded value, a number's text; else NULL */
	struct hf_jnode *parent;
	struct hf_jnode **kids;		/* members or elements, in order; owned */
	size_t nkids, alloc;
};

struct hf_jdoc {
	const char *text;		/* borrowed: must outlive the tree */
	size_t len;
	struct hf_jnode *root;
};

/*
 * Parse text. HF_EINVAL with "'NAME' is not valid JSON (line L, column C:
 * WHAT)" when it does not parse; name is used only for that message.
 * Release with hf_jdoc_clear.
 */
enum hf_status hf_jdoc_parse(struct hf_jdoc *doc, const char *name, const char *text, size_t len);
void hf_jdoc_clear(struct hf_jdoc *doc);

/* The member of object obj called key (the first one), or NULL. obj may be NULL. */
struct hf_jnode *hf_jnode_member(const struct hf_jnode *obj, const char *key);
/* How many members of obj are called key. */
size_t hf_jnode_count(const struct hf_jnode *obj, const char *key);
/* The element of array arr that is an object whose member key is the string value, or NULL. */
struct hf_jnode *hf_jnode_find(const struct hf_jnode *arr, const char *key, const char *value);
/* The string value of obj's member key, or NULL when absent or not a string. */
const char *hf_jnode_string(const struct hf_jnode *obj, const char *key);

/*
 * A compact canonical form of node (no white space outside strings, strings
 * re-escaped the one way hf_jval writes them): two values that differ only
 * in layout or escaping give the same text. NULL node gives NULL. Caller frees.
 */
char *hf_jnode_canonical(const struct hf_jnode *node);

/* A value to write: a scalar or a tree of them. */
struct hf_jval {
	enum hf_json_type type;
	char *text;			/* a string's content (unescaped), a number's literal */
	char **keys;			/* an object's keys, parallel to kids */
	struct hf_jval **kids;		/* owned */
	size_t n, alloc;
};
struct hf_jval *hf_jval_string(const char *s);
/* A number given as JSON number text ("3", "2.5"); NULL when text is not one. */
struct hf_jval *hf_jval_number(const char *text);
struct hf_jval *hf_jval_null(void);
struct hf_jval *hf_jval_bool(bool b);
struct hf_jval *hf_jval_object(void);
struct hf_jval *hf_jval_array(void);
/* Add a member / element; takes v. */
void hf_jval_put(struct hf_jval *obj, const char *key, struct hf_jval *v);
void hf_jval_push(struct hf_jval *arr, struct hf_jval *v);
void hf_jval_free(struct hf_jval *v);
/* True when text is exactly one JSON number. */
bool hf_json_is_number(const char *text);
/* Append s as a JSON string (quotes included; UTF-8 kept, '"', '\\' and controls escaped). */
void hf_json_quote(struct hf_strbuf *sb, const char *s);

/*
 * An edit session over one file: the current text and its tree. Every edit
 * rewrites text and re-parses it, so node pointers taken before an edit are
 * stale after it: look them up again from ed->doc.root.
 */
struct hf_jedit {
	char *name;			/* for messages */
	struct hf_strbuf text;
	struct hf_jdoc doc;
};

/* Start on a copy of text; HF_EINVAL naming the file when it does not parse or is not an object. */
enum hf_status hf_jedit_open(struct hf_jedit *ed, const char *name, const char *text, size_t len);
void hf_jedit_close(struct hf_jedit *ed);

/*
 * Set obj's member key to v: the value's bytes are replaced when the member
 * exists, else the member is added after the last one. HF_EINVAL when obj is
 * not an object or holds key twice.
 */
enum hf_status hf_jedit_set(struct hf_jedit *ed, const struct hf_jnode *obj, const char *key,
			    const struct hf_jval *v);
/* Remove obj's member key (nothing when absent). */
enum hf_status hf_jedit_unset(struct hf_jedit *ed, const struct hf_jnode *obj, const char *key);
/* Append v to array arr. */
enum hf_status hf_jedit_append(struct hf_jedit *ed, const struct hf_jnode *arr,
			       const struct hf_jval *v);
/* Remove node (a member or an element) with its separator. */
enum hf_status hf_jedit_remove(struct hf_jedit *ed, const struct hf_jnode *node);

#endif
