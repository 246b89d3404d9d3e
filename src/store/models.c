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
		"INSERT INTO slo (source, path, model, position, metric, op, target)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
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
		if ((rc = hf_store_exec_stmt(store, st, "storing an SLO")))
			return rc;
	}
	return HF_OK;
}

enum hf_status hf_store_contract_get(struct hf_store *store, const char *model,
				     struct hf_contract *c)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, registry_source, registry_name, candidate, owner_research,"
		" owner_engineering FROM contract WHERE model = ?1 ORDER BY source LIMIT 1");
	char *source;
	size_t alloc = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, model);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return hf_error(HF_ENOTFOUND, "no contract for model '%s'", model);
	}
	if (rc != SQLITE_ROW)
		return hf_store_fail(store, "reading a contract");
	source = hf_column_text(st, 0);
	c->registry_source = hf_column_text(st, 1);
	c->registry_name = hf_column_text(st, 2);
	c->candidate = hf_column_text(st, 3);
	c->owner_research = hf_column_text(st, 4);
	c->owner_engineering = hf_column_text(st, 5);
	sqlite3_reset(st);
	st = hf_store_stmt(store,
		"SELECT metric, op, target FROM slo WHERE model = ?1 AND source = ?2 ORDER BY position");
	if (!st) {
		free(source);
		hf_contract_clear(c);
		return HF_EIO;
	}
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, source);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hf_slo *s;

		c->slos = xgrow(c->slos, c->nslos + 1, &alloc, sizeof(*c->slos));
		s = &c->slos[c->nslos++];
		s->metric = hf_column_text(st, 0);
		s->op = hf_column_text(st, 1);
		s->target = sqlite3_column_double(st, 2);
	}
	sqlite3_reset(st);
	free(source);
	if (rc != SQLITE_DONE) {
		hf_contract_clear(c);
		return hf_store_fail(store, "reading SLOs");
	}
	return HF_OK;
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
	int rc;

	*markdown = NULL;
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, model);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*markdown = hf_column_text(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return hf_error(HF_ENOTFOUND, "no model card for model '%s'", model);
	if (rc != SQLITE_ROW)
		return hf_store_fail(store, "reading a model card");
	return HF_OK;
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
		"INSERT INTO readiness_item (source, path, model, item, state, by, at, evidence, reason)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
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
		if ((rc = hf_store_exec_stmt(store, st, "storing a readiness item")))
			return rc;
	}
	own = xasprintf("model:%s", model);
	rc = put_items(store, source, path, own, extra, nextra);
	free(own);
	return rc;
}

enum hf_status hf_store_readiness_get(struct hf_store *store, const char *model, char **checklist,
				      struct hf_item_state **states, size_t *nstates)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, checklist FROM readiness WHERE model = ?1 ORDER BY source LIMIT 1");
	char *source;
	size_t alloc = 0;
	int rc;

	*checklist = NULL;
	*states = NULL;
	*nstates = 0;
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, model);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		*checklist = xstrdup("default");
		return hf_error(HF_ENOTFOUND, "no readiness.json for model '%s'", model);
	}
	if (rc != SQLITE_ROW)
		return hf_store_fail(store, "reading readiness");
	source = hf_column_text(st, 0);
	*checklist = hf_column_text(st, 1);
	sqlite3_reset(st);
	st = hf_store_stmt(store,
		"SELECT item, state, by, at, evidence, reason FROM readiness_item"
		" WHERE model = ?1 AND source = ?2 ORDER BY rowid");
	if (!st) {
		free(source);
		return HF_EIO;
	}
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, source);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hf_item_state *s;

		*states = xgrow(*states, *nstates + 1, &alloc, sizeof(**states));
		s = &(*states)[(*nstates)++];
		s->item = hf_column_text(st, 0);
		s->state = hf_column_text(st, 1);
		s->by = hf_column_text(st, 2);
		s->at = hf_column_text(st, 3);
		s->evidence = hf_column_text(st, 4);
		s->reason = hf_column_text(st, 5);
	}
	sqlite3_reset(st);
	free(source);
	if (rc != SQLITE_DONE)
		return hf_store_fail(store, "reading readiness items");
	return HF_OK;
}

enum hf_status hf_store_checklist_put(struct hf_store *store, const char *source, const char *path,
				      const char *name, const struct hf_check_item *items, size_t n)
{
	return put_items(store, source, path, name, items, n);
}

enum hf_status hf_store_checklist_get(struct hf_store *store, const char *name,
				      struct hf_check_item **items, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT id, title, category, owner, stage, required, auto FROM checklist_item"
		" WHERE checklist = ?1 AND source = (SELECT MIN(source) FROM checklist_item"
		" WHERE checklist = ?1) ORDER BY position");
	size_t alloc = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hf_check_item *it;

		*items = xgrow(*items, *n + 1, &alloc, sizeof(**items));
		it = &(*items)[(*n)++];
		it->id = hf_column_text(st, 0);
		it->title = hf_column_text(st, 1);
		it->category = hf_column_text(st, 2);
		it->owner = hf_column_text(st, 3);
		it->stage = hf_column_text(st, 4);
		it->required = sqlite3_column_int(st, 5) != 0;
		it->rule = hf_column_text(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		hf_check_items_free(*items, *n);
		*items = NULL;
		*n = 0;
		return hf_store_fail(store, "reading a checklist");
	}
	if (!*n && strncmp(name, "model:", 6) != 0)
		return hf_error(HF_ENOTFOUND, "no checklist '%s' in the pod", name);
	return HF_OK;
}

enum hf_status hf_store_model_names(struct hf_store *store, char ***names, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT model FROM contract UNION SELECT model FROM readiness"
		" UNION SELECT model FROM model_card"
		" UNION SELECT substr(path, 8, instr(substr(path, 8), '/') - 1) FROM problem"
		" WHERE path LIKE 'models/%/%' AND severity = 0 AND instr(substr(path, 8), '/') > 1"
		" ORDER BY 1");
	size_t alloc = 0;
	int rc;

	*names = NULL;
	*n = 0;
	if (!st)
		return HF_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*names = xgrow(*names, *n + 1, &alloc, sizeof(**names));
		(*names)[(*n)++] = hf_column_text(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return hf_store_fail(store, "listing models");
	return HF_OK;
}

enum hf_status hf_store_model_file_error(struct hf_store *store, const char *model, const char *file,
					 char **message)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT CASE WHEN field IS NULL THEN message ELSE field || ': ' || message END"
		" FROM problem WHERE path = 'models/' || ?1 || '/' || ?2 AND severity = 0"
		" ORDER BY source, id LIMIT 1");
	int rc;

	*message = NULL;
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, file);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*message = hf_column_text(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? HF_OK : hf_store_fail(store, "reading problems");
}
