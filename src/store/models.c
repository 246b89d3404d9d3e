/* models.c: SQL for contracts, SLOs, model cards, readiness states and checklist items */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_models.h"
#include "handoff/xmalloc.h"
#include "internal.h"

enum hf_status hf_store_contract_put(struct hf_store *store, const char *source, const char *path,
				     const char *model, const struct hf_contract *c,
				     const char *inputs, const char *outputs)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO contract (source, path, model, registry_source, registry_name, candidate,"
		" owner_research, owner_engineering, inputs, outputs)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, model);
	hf_bind_text(st, 4, c->registry_source);
	hf_bind_text(st, 5, c->registry_name);
	hf_bind_text(st, 6, c->candidate);
	hf_bind_text(st, 7, c->owner_research);
	hf_bind_text(st, 8, c->owner_engineering);
	hf_bind_text(st, 9, inputs);
	hf_bind_text(st, 10, outputs);
	if ((rc = hf_store_exec_stmt(store, st, "storing a contract")))
		return rc;
	st = hf_store_stmt(store,
		"INSERT INTO slo (source, path, model, position, metric, op, target,"
		" live_query, live_window, live_source, live_off)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, 0), ?10, ?11)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < c->nslos; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, model);
		hf_bind_int(st, 4, (int64_t)i);
		hf_bind_text(st, 5, c->slos[i].metric);
		hf_bind_text(st, 6, c->slos[i].op);
		hf_bind_double(st, 7, c->slos[i].target);
		hf_bind_text(st, 8, c->slos[i].live.query);
		hf_bind_int(st, 9, c->slos[i].live.window);
		hf_bind_text(st, 10, c->slos[i].live.source);
		hf_bind_int(st, 11, c->slos[i].live.off);
		if ((rc = hf_store_exec_stmt(store, st, "storing an SLO")))
			return rc;
	}
	return HF_OK;
}

/* A contract row: the source it came from (to read its SLOs) and the contract. */
struct contract_row {
	char *source;
	struct hf_contract *c;
};

static void read_contract(sqlite3_stmt *st, void *item)
{
	struct contract_row *row = item;

	row->source = hf_column_text(st, 0);
	row->c->registry_source = hf_column_text(st, 1);
	row->c->registry_name = hf_column_text(st, 2);
	row->c->candidate = hf_column_text(st, 3);
	row->c->owner_research = hf_column_text(st, 4);
	row->c->owner_engineering = hf_column_text(st, 5);
}

static void read_slo(sqlite3_stmt *st, void *item)
{
	struct hf_slo *s = item;

	s->metric = hf_column_text(st, 0);
	s->op = hf_column_text(st, 1);
	s->target = sqlite3_column_double(st, 2);
	s->live.query = hf_column_text(st, 3);
	s->live.window = sqlite3_column_int64(st, 4);
	s->live.source = hf_column_text(st, 5);
	s->live.off = sqlite3_column_int(st, 6) != 0;
}

enum hf_status hf_store_contract_io(struct hf_store *store, const char *model, char **inputs,
				    char **outputs)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT inputs, outputs FROM contract WHERE model = ?1 ORDER BY source LIMIT 1");
	char *io[2] = { NULL, NULL };
	enum hf_status rc;

	hf_bind_text(st, 1, model);
	rc = hf_store_read_one(store, st, hf_store_row_text2, io, NULL,
			       "reading a contract's inputs and outputs");
	*inputs = io[0];
	*outputs = io[1];
	return rc;
}

enum hf_status hf_store_contract_get(struct hf_store *store, const char *model,
				     struct hf_contract *c)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, registry_source, registry_name, candidate, owner_research,"
		" owner_engineering FROM contract WHERE model = ?1 ORDER BY source LIMIT 1");
	struct contract_row row = { NULL, c };
	enum hf_status rc;
	bool found;

	memset(c, 0, sizeof(*c));
	hf_bind_text(st, 1, model);
	if ((rc = hf_store_read_one(store, st, read_contract, &row, &found, "reading a contract")))
		return rc;
	if (!found)
		return hf_error(HF_ENOTFOUND, "no contract for model '%s'", model);
	st = hf_store_stmt(store,
		"SELECT metric, op, target, live_query, live_window, live_source, live_off"
		" FROM slo WHERE model = ?1 AND source = ?2 ORDER BY position");
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, row.source);
	rc = hf_store_read_rows(store, st, &c->slos, &c->nslos, sizeof(*c->slos), read_slo, NULL,
				"reading SLOs");
	free(row.source);
	if (rc)
		hf_contract_clear(c);
	return rc;
}

enum hf_status hf_store_card_put(struct hf_store *store, const char *source, const char *path,
				 const char *model, const char *markdown)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO model_card (source, path, model, markdown) VALUES (?1, ?2, ?3, ?4)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, model);
	hf_bind_text(st, 4, markdown);
	return hf_store_exec_stmt(store, st, "storing a model card");
}

enum hf_status hf_store_card_get(struct hf_store *store, const char *model, char **markdown)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT markdown FROM model_card WHERE model = ?1 ORDER BY source LIMIT 1");
	enum hf_status rc;
	bool found;

	*markdown = NULL;
	hf_bind_text(st, 1, model);
	rc = hf_store_read_one(store, st, hf_store_row_text, markdown, &found, "reading a model card");
	if (!rc && !found)
		return hf_error(HF_ENOTFOUND, "no model card for model '%s'", model);
	return rc;
}

static enum hf_status put_items(struct hf_store *store, const char *source, const char *path,
				const char *checklist, const struct hf_check_item *items, size_t n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO checklist_item (source, path, checklist, position, id, title, category,"
		" owner, stage, required, auto) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < n; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, checklist);
		hf_bind_int(st, 4, (int64_t)i);
		hf_bind_text(st, 5, items[i].id);
		hf_bind_text(st, 6, items[i].title);
		hf_bind_text(st, 7, items[i].category);
		hf_bind_text(st, 8, items[i].owner);
		hf_bind_text(st, 9, items[i].stage);
		hf_bind_int(st, 10, items[i].required);
		hf_bind_text(st, 11, items[i].rule);
		if ((rc = hf_store_exec_stmt(store, st, "storing a checklist item")))
			return rc;
	}
	return HF_OK;
}

enum hf_status hf_store_readiness_put(struct hf_store *store, const char *source, const char *path,
				      const char *model, const char *checklist,
				      const struct hf_item_state *states, size_t nstates,
				      const struct hf_check_item *extra, size_t nextra)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO readiness (source, path, model, checklist) VALUES (?1, ?2, ?3, ?4)");
	enum hf_status rc;
	char *own;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, model);
	hf_bind_text(st, 4, checklist ? checklist : "default");
	if ((rc = hf_store_exec_stmt(store, st, "storing readiness")))
		return rc;
	st = hf_store_stmt(store,
		"INSERT INTO readiness_item (source, path, model, item, state, by, at, evidence, reason,"
		" until, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < nstates; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, model);
		hf_bind_text(st, 4, states[i].item);
		hf_bind_text(st, 5, states[i].state);
		hf_bind_text(st, 6, states[i].by);
		hf_bind_text(st, 7, states[i].at);
		hf_bind_text(st, 8, states[i].evidence);
		hf_bind_text(st, 9, states[i].reason);
		hf_bind_text(st, 10, states[i].until);
		hf_bind_text(st, 11, states[i].note);
		if ((rc = hf_store_exec_stmt(store, st, "storing a readiness item")))
			return rc;
	}
	own = xasprintf("model:%s", model);
	rc = put_items(store, source, path, own, extra, nextra);
	free(own);
	return rc;
}

static void read_item_state(sqlite3_stmt *st, void *item)
{
	struct hf_item_state *s = item;

	s->item = hf_column_text(st, 0);
	s->state = hf_column_text(st, 1);
	s->by = hf_column_text(st, 2);
	s->at = hf_column_text(st, 3);
	s->evidence = hf_column_text(st, 4);
	s->reason = hf_column_text(st, 5);
	s->until = hf_column_text(st, 6);
	s->note = hf_column_text(st, 7);
}

enum hf_status hf_store_readiness_get(struct hf_store *store, const char *model, char **checklist,
				      struct hf_item_state **states, size_t *nstates)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, checklist FROM readiness WHERE model = ?1 ORDER BY source LIMIT 1");
	char *head[2] = { NULL, NULL };	/* source, checklist */
	enum hf_status rc;
	bool found;

	*states = NULL;
	*nstates = 0;
	hf_bind_text(st, 1, model);
	rc = hf_store_read_one(store, st, hf_store_row_text2, head, &found, "reading readiness");
	*checklist = head[1];
	if (rc)
		return rc;
	if (!found) {
		*checklist = xstrdup("default");
		return hf_error(HF_ENOTFOUND, "no readiness.json for model '%s'", model);
	}
	st = hf_store_stmt(store,
		"SELECT item, state, by, at, evidence, reason, until, note FROM readiness_item"
		" WHERE model = ?1 AND source = ?2 ORDER BY rowid");
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, head[0]);
	rc = hf_store_read_rows(store, st, states, nstates, sizeof(**states), read_item_state, NULL,
				"reading readiness items");
	free(head[0]);
	return rc;
}

enum hf_status hf_store_checklist_put(struct hf_store *store, const char *source, const char *path,
				      const char *name, const struct hf_check_item *items, size_t n)
{
	return put_items(store, source, path, name, items, n);
}

static void read_check_item(sqlite3_stmt *st, void *item)
{
	struct hf_check_item *it = item;

	it->id = hf_column_text(st, 0);
	it->title = hf_column_text(st, 1);
	it->category = hf_column_text(st, 2);
	it->owner = hf_column_text(st, 3);
	it->stage = hf_column_text(st, 4);
	it->required = sqlite3_column_int(st, 5) != 0;
	it->rule = hf_column_text(st, 6);
}

static void check_items_free(void *items, size_t n)
{
	hf_check_items_free(items, n);
}

enum hf_status hf_store_checklist_get(struct hf_store *store, const char *name,
				      struct hf_check_item **items, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT id, title, category, owner, stage, required, auto FROM checklist_item"
		" WHERE checklist = ?1 AND source = (SELECT MIN(source) FROM checklist_item"
		" WHERE checklist = ?1) ORDER BY position");
	enum hf_status rc;

	hf_bind_text(st, 1, name);
	if ((rc = hf_store_read_rows(store, st, items, n, sizeof(**items), read_check_item,
				     check_items_free, "reading a checklist")))
		return rc;
	if (!*n && strncmp(name, "model:", 6) != 0)
		return hf_error(HF_ENOTFOUND, "no checklist '%s' in the pod", name);
	return HF_OK;
}

enum hf_status hf_store_checklist_names(struct hf_store *store, char ***names, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT DISTINCT checklist FROM checklist_item WHERE checklist NOT LIKE 'model:%'"
		" ORDER BY 1");

	return hf_store_read_rows(store, st, names, n, sizeof(**names), hf_store_row_text,
				  hf_store_free_texts, "listing checklists");
}

/*
 * One sorted scan of an index per kind of file, merged here: a UNION of the
 * four took twice as long (it copies every name through a merge), and this
 * list is read before the TUI's first frame.
 */
enum hf_status hf_store_model_names(struct hf_store *store, char ***names, size_t *n)
{
	static const char *const queries[] = {
		"SELECT model FROM contract ORDER BY model",
		"SELECT model FROM readiness ORDER BY model",
		"SELECT model FROM model_card ORDER BY model",
		/* the models named only by a pod file with an error (problem_errors index) */
		"SELECT DISTINCT substr(path, 8, instr(substr(path, 8), '/') - 1) FROM problem"
		" WHERE severity = 0 AND path LIKE 'models/%/%' AND instr(substr(path, 8), '/') > 1"
		" ORDER BY 1",
	};
	enum hf_status rc = HF_OK;

	*names = NULL;
	*n = 0;
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]) && !rc; q++) {
		char **more = NULL;
		size_t nmore = 0;

		rc = hf_store_read_rows(store, hf_store_stmt(store, queries[q]), &more, &nmore,
					sizeof(*more), hf_store_row_text, hf_store_free_texts, "listing models");
		if (!rc)
			*names = hf_strv_merge(*names, *n, more, nmore, n);
	}
	if (rc) {
		hf_strv_free(*names, *n);
		*names = NULL;
		*n = 0;
	}
	return rc;
}

enum hf_status hf_store_model_file_error(struct hf_store *store, const char *model, const char *file,
					 char **message)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT CASE WHEN field IS NULL THEN message ELSE field || ': ' || message END"
		" FROM problem WHERE path = 'models/' || ?1 || '/' || ?2 AND severity = 0 AND reference = 0"
		" ORDER BY source, id LIMIT 1");

	*message = NULL;
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, file);
	return hf_store_read_one(store, st, hf_store_row_text, message, NULL, "reading problems");
}
