/* podfile.c: classify a pod-repository path, dispatch to its loader, report problems */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"
#include "internal.h"

struct kind_entry {
	enum hf_podfile_kind kind;
	const char *name;
	const char *dir;	/* "models/", "oncall/", ... or NULL for a top-level file */
	const char *file;	/* file name; for dir kinds a suffix when it starts with '.' */
	hf_podfile_json_loader json;
	hf_podfile_text_loader text;
};

/* models/<model>/<file>: exact file names; other dirs: <name>.json */
static const struct kind_entry kinds[] = {
	{ HF_PODFILE_POD, "pod", NULL, "pod.json", hf_podfile_load_pod, NULL },
	{ HF_PODFILE_CONTRACT, "contract", "models/", "contract.json", hf_podfile_load_contract, NULL },
	{ HF_PODFILE_READINESS, "readiness", "models/", "readiness.json", hf_podfile_load_readiness, NULL },
	{ HF_PODFILE_CARD, "model card", "models/", "MODEL_CARD.md", NULL, hf_podfile_load_card },
	{ HF_PODFILE_CHECKLIST, "checklist", "checklists/", ".json", hf_podfile_load_checklist, NULL },
	{ HF_PODFILE_ONCALL, "rotation", "oncall/", ".json", hf_podfile_load_oncall, NULL },
	{ HF_PODFILE_SPRINT, "sprint", "sprints/", ".json", hf_podfile_load_sprint, NULL },
};

static const struct kind_entry *find_kind(enum hf_podfile_kind kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

/* A name taken from a path: one segment, no control characters, not "." or "..". */
static int valid_segment(const char *s, size_t len)
{
	if (!len || (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == '/')
			return 0;
	return 1;
}

static const char *const kind_names[] = {
	[HF_PODFILE_NONE] = "file", [HF_PODFILE_POD] = "pod", [HF_PODFILE_CONTRACT] = "contract",
	[HF_PODFILE_READINESS] = "readiness", [HF_PODFILE_CARD] = "model card",
	[HF_PODFILE_CHECKLIST] = "checklist", [HF_PODFILE_ONCALL] = "rotation",
	[HF_PODFILE_SPRINT] = "sprint",
};

bool hf_podfile_layout_dir(const char *name)
{
	static const char *const dirs[] = { "models", "checklists", "oncall", "sprints", NULL };

	for (size_t i = 0; dirs[i]; i++)
		if (strcmp(name, dirs[i]) == 0)
			return true;
	return false;
}

const char *hf_podfile_bad_name(const char *name)
{
	size_t len = strlen(name);

	if (!len || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return "a '.' or '..' name is not followed";
	for (size_t i = 0; i < len;) {
		unsigned int cp;
		size_t n = hf_utf8_decode(name + i, len - i, &cp);

		if (!n)
			return "the name is not valid UTF-8";
		if (cp < 0x20 || cp == 0x7f)
			return "the name holds control characters";
		i += n;
	}
	return NULL;
}

const char *hf_podfile_kind_name(enum hf_podfile_kind kind)
{
	return kind_names[kind];
}

enum hf_podfile_kind hf_podfile_classify(const char *relpath, char **name)
{
	static const struct { const char *file; enum hf_podfile_kind kind; } model_files[] = {
		{ "contract.json", HF_PODFILE_CONTRACT },
		{ "readiness.json", HF_PODFILE_READINESS },
		{ "MODEL_CARD.md", HF_PODFILE_CARD },
	};
	static const struct { const char *dir; enum hf_podfile_kind kind; } json_dirs[] = {
		{ "checklists/", HF_PODFILE_CHECKLIST },
		{ "oncall/", HF_PODFILE_ONCALL },
		{ "sprints/", HF_PODFILE_SPRINT },
	};
	const char *slash;
	size_t len;

	if (name)
		*name = NULL;
	if (strcmp(relpath, "pod.json") == 0)
		return HF_PODFILE_POD;
	if (strncmp(relpath, "models/", 7) == 0) {
		const char *model = relpath + 7;

		slash = strchr(model, '/');
		if (!slash || !valid_segment(model, (size_t)(slash - model)))
			return HF_PODFILE_NONE;
		for (size_t i = 0; i < sizeof(model_files) / sizeof(model_files[0]); i++) {
			if (strcmp(slash + 1, model_files[i].file) == 0) {
				if (name)
					*name = xstrndup(model, (size_t)(slash - model));
				return model_files[i].kind;
			}
		}
		return HF_PODFILE_NONE;
	}
	for (size_t i = 0; i < sizeof(json_dirs) / sizeof(json_dirs[0]); i++) {
		size_t dl = strlen(json_dirs[i].dir);
		const char *base = relpath + dl;

		if (strncmp(relpath, json_dirs[i].dir, dl) != 0 || strchr(base, '/'))
			continue;
		len = strlen(base);
		if (len <= 5 || strcmp(base + len - 5, ".json") != 0 || !valid_segment(base, len - 5))
			return HF_PODFILE_NONE;
		if (name)
			*name = xstrndup(base, len - 5);
		return json_dirs[i].kind;
	}
	return HF_PODFILE_NONE;
}

static void add_problem(struct hf_podfile_ctx *ctx, enum hf_problem_severity sev,
			const char *field, const char *fmt, va_list ap) HF_PRINTF(4, 0);
static void add_problem(struct hf_podfile_ctx *ctx, enum hf_problem_severity sev,
			const char *field, const char *fmt, va_list ap)
{
	struct hf_problem p = { 0 };
	char *msg = xvasprintf(fmt, ap);

	p.source = (char *)ctx->source;
	p.path = (char *)ctx->path;
	p.field = (char *)field;
	p.severity = sev;
	p.message = msg;
	p.at = hf_now();
	if (ctx->line > 0) {
		p.line = ctx->line;
		p.col = ctx->col;
	} else if (ctx->pos && field) {
		hf_jsonpos_find(ctx->pos, field, ctx->at_key, &p.line, &p.col);
	}
	if (hf_store_problem_add(ctx->store, &p))
		ctx->db_status = HF_EIO;
	free(msg);
}

void hf_podfile_error(struct hf_podfile_ctx *ctx, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(ctx, HF_PROBLEM_ERROR, field, fmt, ap);
	va_end(ap);
	ctx->errors++;
}

void hf_podfile_warn(struct hf_podfile_ctx *ctx, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(ctx, HF_PROBLEM_WARNING, field, fmt, ap);
	va_end(ap);
}

static void add_ref(struct hf_podfile_ctx *ctx, const char *kind, const char *value,
		    const char *field, bool key)
{
	struct hf_pod_ref *r;

	ctx->refs = xgrow(ctx->refs, ctx->nrefs + 1, &ctx->refs_alloc, sizeof(*ctx->refs));
	r = &ctx->refs[ctx->nrefs++];
	memset(r, 0, sizeof(*r));
	r->kind = xstrdup(kind);
	r->value = xstrdup(value);
	r->scope = xstrdup(ctx->name);
	r->field = xstrdup(field);
	if (ctx->pos)
		hf_jsonpos_find(ctx->pos, field, key, &r->line, &r->col);
}

void hf_podfile_ref(struct hf_podfile_ctx *ctx, const char *kind, const char *value,
		    const char *field)
{
	add_ref(ctx, kind, value, field, false);
}

void hf_podfile_ref_key(struct hf_podfile_ctx *ctx, const char *kind, const char *value,
			const char *field)
{
	add_ref(ctx, kind, value, field, true);
}

/* The references of a file that was stored go in with it. */
static enum hf_status store_refs(struct hf_podfile_ctx *ctx)
{
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < ctx->nrefs && !rc; i++) {
		ctx->refs[i].source = (char *)ctx->source;
		ctx->refs[i].path = (char *)ctx->path;
		rc = hf_store_ref_add(ctx->store, &ctx->refs[i]);
		ctx->refs[i].source = ctx->refs[i].path = NULL;
	}
	return rc;
}

/*
 * jansson places a syntax error at the last character of the token it
 * stopped at, and says which ("near '\"b\"'"): the column where that token
 * starts is where a person looks. The common slips get a hint.
 */
static void syntax_error(struct hf_podfile_ctx *ctx, const json_error_t *jerr)
{
	const char *near = strstr(jerr->text, " near '");
	size_t tlen = strlen(jerr->text);
	int col = jerr->column;
	const char *hint = "";

	if (near && tlen && jerr->text[tlen - 1] == '\'') {
		const char *tok = near + 7, *end = jerr->text + tlen - 1;
		int chars = 0;

		for (const char *c = tok; c < end; c++)
			chars += ((unsigned char)*c & 0xc0) != 0x80;
		if (chars > 0 && col - chars + 1 >= 1)
			col = col - chars + 1;
		if ((strncmp(jerr->text, "'}' expected", 12) == 0 ||
		     strncmp(jerr->text, "']' expected", 12) == 0) && end > tok)
			hint = " (a comma missing before it?)";
		else if (strncmp(jerr->text, "string or '}' expected near '}'", 31) == 0 ||
			 strncmp(jerr->text, "unexpected token near ']'", 25) == 0)
			hint = " (a comma after the last entry?)";
	}
	ctx->line = jerr->line > 0 ? jerr->line : 1;
	ctx->col = col > 0 ? col : 1;
	hf_podfile_error(ctx, NULL, "not valid JSON: %s%s", jerr->text, hint);
	ctx->line = ctx->col = 0;
}

bool hf_podfile_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

bool hf_podfile_is_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return false;
	return true;
}

const char *hf_podfile_field(const char *fmt, ...)
{
	static _Thread_local char bufs[4][256];
	static _Thread_local int next;
	char *b = bufs[next++ & 3];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(bufs[0]), fmt, ap);
	va_end(ap);
	return b;
}

static const char *join_field(const char *prefix, const char *key)
{
	return *prefix ? hf_podfile_field("%s.%s", prefix, key) : key;
}

void hf_podfile_unknown_keys(struct hf_podfile_ctx *ctx, json_t *obj, const char *prefix,
			     const char *const known[])
{
	const char *key;
	json_t *value;

	json_object_foreach(obj, key, value) {
		size_t i;

		for (i = 0; known[i]; i++)
			if (strcmp(known[i], key) == 0)
				break;
		if (!known[i]) {
			ctx->at_key = true;
			hf_podfile_warn(ctx, join_field(prefix, key), "unknown field '%s' (kept, ignored)",
					key);
			ctx->at_key = false;
		}
	}
}

static const char *json_type_name(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

static json_t *lookup(struct hf_podfile_ctx *ctx, json_t *obj, const char *key, const char *field,
		      bool required, bool *ok)
{
	json_t *v = json_object_get(obj, key);

	*ok = true;
	if (!v || json_is_null(v)) {
		if (required) {
			hf_podfile_error(ctx, field, "missing required field '%s'", field);
			*ok = false;
		}
		return NULL;
	}
	return v;
}

static bool wrong_type(struct hf_podfile_ctx *ctx, const char *field, const char *want, json_t *v)
{
	hf_podfile_error(ctx, field, "'%s' must be %s, not %s", field, want, json_type_name(v));
	return false;
}

bool hf_podfile_string(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, const char **out)
{
	bool ok;
	json_t *v = lookup(ctx, obj, key, field, required, &ok);

	if (!v)
		return ok;
	if (!json_is_string(v))
		return wrong_type(ctx, field, "a string", v);
	*out = json_string_value(v);
	return true;
}

bool hf_podfile_number(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, double *out)
{
	bool ok;
	json_t *v = lookup(ctx, obj, key, field, required, &ok);

	if (!v)
		return ok;
	if (!json_is_number(v))
		return wrong_type(ctx, field, "a number", v);
	*out = json_number_value(v);
	return true;
}

bool hf_podfile_bool(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		     const char *field, bool required, bool *out)
{
	bool ok;
	json_t *v = lookup(ctx, obj, key, field, required, &ok);

	if (!v)
		return ok;
	if (!json_is_boolean(v))
		return wrong_type(ctx, field, "true or false", v);
	*out = json_is_true(v);
	return true;
}

bool hf_podfile_array(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		      const char *field, bool required, json_t **out)
{
	bool ok;
	json_t *v = lookup(ctx, obj, key, field, required, &ok);

	if (!v)
		return ok;
	if (!json_is_array(v))
		return wrong_type(ctx, field, "an array", v);
	*out = v;
	return true;
}

bool hf_podfile_object(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		       const char *field, bool required, json_t **out)
{
	bool ok;
	json_t *v = lookup(ctx, obj, key, field, required, &ok);

	if (!v)
		return ok;
	if (!json_is_object(v))
		return wrong_type(ctx, field, "an object", v);
	*out = v;
	return true;
}

bool hf_podfile_date(struct hf_podfile_ctx *ctx, json_t *obj, const char *key,
		     const char *field, bool required, const char **out)
{
	const char *s = NULL;
	int64_t t;

	if (!hf_podfile_string(ctx, obj, key, field, required, &s))
		return false;
	if (!s)
		return true;
	if (strlen(s) != 10 || hf_time_parse(s, &t)) {
		hf_podfile_error(ctx, field, "'%s' must be a date such as 2026-12-01, not '%s'", field, s);
		return false;
	}
	*out = s;
	return true;
}

static enum hf_status finish(struct hf_podfile_ctx *ctx, enum hf_status rc)
{
	if (ctx->db_status)
		return ctx->db_status;
	if (rc == HF_EIO)
		return rc;
	return HF_OK;
}

enum hf_status hf_podfile_load(struct hf_store *store, const char *source, const char *relpath,
			       const char *buf, size_t len)
{
	struct hf_podfile_ctx ctx = { .store = store, .source = source, .path = relpath };
	struct hf_jsonpos pos;
	enum hf_podfile_kind kind;
	const struct kind_entry *entry;
	char *name = NULL;
	enum hf_status rc;

	if ((rc = hf_store_forget_path(store, source, relpath)))
		return rc;
	kind = hf_podfile_classify(relpath, &name);
	entry = find_kind(kind);
	if (!entry) {
		free(name);
		return HF_OK;
	}
	ctx.name = name;
	if (len > HF_PODFILE_MAX_SIZE) {
		hf_podfile_error(&ctx, NULL, "file is %zu bytes, over the limit of %d", len,
				 HF_PODFILE_MAX_SIZE);
		rc = HF_EINVAL;
	} else if (entry->text) {
		rc = entry->text(&ctx, buf, len);
	} else {
		json_error_t jerr;
		json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);

		hf_jsonpos_init(&pos, buf, len);
		ctx.pos = &pos;
		if (!root) {
			syntax_error(&ctx, &jerr);
			rc = HF_EINVAL;
		} else if (!json_is_object(root)) {
			hf_jsonpos_find(&pos, "", false, &ctx.line, &ctx.col);
			hf_podfile_error(&ctx, NULL, "a %s file must hold a JSON object",
					 hf_podfile_kind_name(kind));
			rc = HF_EINVAL;
		} else {
			rc = entry->json(&ctx, root);
		}
		json_decref(root);
	}
	if (rc == HF_OK && !ctx.errors && !ctx.db_status)
		rc = store_refs(&ctx);
	for (size_t i = 0; i < ctx.nrefs; i++) {
		free(ctx.refs[i].kind);
		free(ctx.refs[i].value);
		free(ctx.refs[i].scope);
		free(ctx.refs[i].field);
	}
	free(ctx.refs);
	if (ctx.pos)
		hf_jsonpos_release(ctx.pos);
	free(name);
	return finish(&ctx, rc);
}

enum hf_status hf_podfile_remove(struct hf_store *store, const char *source, const char *relpath)
{
	return hf_store_forget_path(store, source, relpath);
}

enum hf_status hf_podfile_reject(struct hf_store *store, const char *source, const char *relpath,
				 const char *fmt, ...)
{
	struct hf_podfile_ctx ctx = { .store = store, .source = source, .path = relpath };
	enum hf_status rc;
	va_list ap;

	if ((rc = hf_store_forget_path(store, source, relpath)))
		return rc;
	va_start(ap, fmt);
	add_problem(&ctx, HF_PROBLEM_ERROR, NULL, fmt, ap);
	va_end(ap);
	return ctx.db_status;
}

void hf_podfile_problem_text(struct hf_strbuf *sb, const struct hf_problem *p, const char *prefix)
{
	if (prefix)
		hf_strbuf_adds(sb, prefix);
	else if (p->source)
		hf_strbuf_addf(sb, "%s: ", p->source);
	hf_strbuf_adds(sb, p->path && *p->path ? p->path : "(no file)");
	if (p->line > 0)
		hf_strbuf_addf(sb, ":%d:%d", p->line, p->col > 0 ? p->col : 1);
	hf_strbuf_addf(sb, ": %s: ", p->severity == HF_PROBLEM_ERROR ? "error" : "warning");
	if (p->field && *p->field)
		hf_strbuf_addf(sb, "%s: ", p->field);
	hf_strbuf_adds(sb, p->message ? p->message : "");
}
