/* test_store.c: the database: migrations keep data, newer schemas are refused, reopening is idempotent */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "handoff/registry.h"
#include "handoff/store.h"
#include "handoff/store_models.h"
#include "handoff/store_pod.h"
#include "handoff/store_registry.h"
#include "handoff/xmalloc.h"
#include "../../src/store/internal.h"

static char *temp_db(void)
{
	char dir[] = "/tmp/hf-store-XXXXXX";

	assert_non_null(mkdtemp(dir));
	return xasprintf("%s/sub/dir/handoff.db", dir);
}

static void remove_db(char *path)
{
	char *cmd = xasprintf("rm -rf '%.*s'", (int)(strstr(path, "/sub/") - path), path);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static void add_run(struct hf_store *store, const char *source, bool ok, const char *error)
{
	struct hf_sync_run run = { 0 };

	run.source = (char *)source;
	run.type = (char *)"git";
	run.started = 100;
	run.finished = 110;
	run.ok = ok;
	run.error = (char *)error;

	assert_int_equal(hf_store_sync_record(store, &run), HF_OK);
}

static void open_creates_folders_and_latest_schema(void **state)
{
	char *path = temp_db();
	struct hf_store *store;

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_version(store), hf_store_latest_version());
	assert_true(access(path, F_OK) == 0);
	hf_store_close(store);
	remove_db(path);
}

static void migration_from_version_one_keeps_data(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	struct hf_sync_run *runs;
	size_t n;

	/* a database as the first release left it, with a sync logged */
	assert_int_equal(hf_store_open_version(path, 1, &store), HF_OK);
	assert_int_equal(hf_store_version(store), 1);
	hf_store_close(store);
	raw_exec(path, "INSERT INTO sync_run (source, type, started, finished, ok, error, detail)"
		       " VALUES ('pod', 'git', 100, 110, 0, 'remote ''x'' gone', NULL);");

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_version(store), hf_store_latest_version());
	assert_int_equal(hf_store_sync_latest(store, &runs, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(runs[0].source, "pod");
	assert_false(runs[0].ok);
	assert_string_equal(runs[0].error, "remote 'x' gone");
	hf_sync_runs_free(runs, n);
	hf_store_close(store);
	remove_db(path);
}

static void newer_schema_is_refused_with_a_message(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	sqlite3 *db;
	char pragma[64];

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	hf_store_close(store);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", hf_store_latest_version() + 1);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(hf_store_open(path, &store), HF_ESCHEMA);
	assert_non_null(strstr(hf_last_error(), "newer than this handoff knows"));
	assert_non_null(strstr(hf_last_error(), path));
	remove_db(path);
}

static void reopening_is_idempotent(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	struct hf_sync_run *runs;
	size_t n;

	for (int i = 0; i < 3; i++) {
		assert_int_equal(hf_store_open(path, &store), HF_OK);
		assert_int_equal(hf_store_version(store), hf_store_latest_version());
		if (i == 0)
			add_run(store, "registry", true, NULL);
		hf_store_close(store);
	}
	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_sync_latest(store, &runs, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_true(runs[0].ok);
	assert_null(runs[0].error);
	hf_sync_runs_free(runs, n);
	hf_store_close(store);
	remove_db(path);
}

static void rollback_leaves_previous_view(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	struct hf_pod pod = { 0 }, got;
	struct hf_member members[] = { { (char *)"ana", (char *)"Ana", HF_ROLE_RESEARCH, NULL, NULL } };

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	pod.name = (char *)"first";
	pod.members = members;
	pod.nmembers = 1;
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_pod_put(store, "pod", "pod.json", &pod), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);

	/* a second sync forgets the file, writes another, then fails */
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_forget_path(store, "pod", "pod.json"), HF_OK);
	pod.name = (char *)"second";
	pod.nmembers = 0;
	assert_int_equal(hf_store_pod_put(store, "pod", "pod.json", &pod), HF_OK);
	hf_store_rollback(store);

	assert_int_equal(hf_store_pod_get(store, &got), HF_OK);
	assert_string_equal(got.name, "first");
	assert_int_equal(got.nmembers, 1);
	assert_string_equal(got.members[0].handle, "ana");
	hf_pod_clear(&got);
	hf_store_close(store);
	remove_db(path);
}

static void forget_path_removes_rows_and_problems_of_that_file_only(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	struct hf_problem p = { .source = (char *)"pod", .path = (char *)"models/a/contract.json",
				.field = (char *)"slos[0].op", .severity = HF_PROBLEM_ERROR,
				.message = (char *)"bad op", .at = 1, .line = 4, .col = 12 };
	struct hf_problem q = { .source = (char *)"pod", .path = (char *)"models/b/contract.json",
				.severity = HF_PROBLEM_WARNING, .message = (char *)"unknown field", .at = 1 };
	struct hf_problem *list;
	size_t n;

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_problem_add(store, &p), HF_OK);
	assert_int_equal(hf_store_problem_add(store, &q), HF_OK);
	/* the position comes back; none stays none */
	assert_int_equal(hf_store_problems(store, &list, &n), HF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].line, 4);
	assert_int_equal(list[0].col, 12);
	assert_int_equal(list[1].line, 0);
	hf_problems_free(list, n);
	assert_int_equal(hf_store_forget_path(store, "pod", "models/a/contract.json"), HF_OK);
	assert_int_equal(hf_store_problems(store, &list, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].path, "models/b/contract.json");
	hf_problems_free(list, n);
	assert_int_equal(hf_store_forget_source(store, "pod"), HF_OK);
	assert_int_equal(hf_store_problems(store, &list, &n), HF_OK);
	assert_int_equal(n, 0);
	hf_problems_free(list, n);
	hf_store_close(store);
	remove_db(path);
}

static void state_activity_and_outbox_round_trip(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	char *value;
	struct hf_activity a = { 0, 1000, (char *)"pod", (char *)"commit", (char *)"ranker",
				 (char *)"ana", (char *)"Tighten latency SLO", (char *)"abc1234", NULL };
	struct hf_activity *list;
	struct hf_outbox_entry *box;
	size_t n;
	int64_t id;

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_state_set(store, "pod", "commit", "abc"), HF_OK);
	assert_int_equal(hf_store_state_get(store, "pod", "commit", &value), HF_OK);
	assert_string_equal(value, "abc");
	free(value);
	assert_int_equal(hf_store_state_set(store, "pod", "commit", NULL), HF_OK);
	assert_int_equal(hf_store_state_get(store, "pod", "commit", &value), HF_OK);
	assert_null(value);

	assert_int_equal(hf_store_activity_add(store, &a), HF_OK);
	a.at = 2000;
	a.model = NULL;
	assert_int_equal(hf_store_activity_add(store, &a), HF_OK);
	assert_int_equal(hf_store_activity_list(store, "ranker", 0, 10, &list, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].summary, "Tighten latency SLO");
	hf_activity_free(list, n);
	assert_int_equal(hf_store_activity_list(store, NULL, 0, 10, &list, &n), HF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].at, 2000);	/* newest first */
	hf_activity_free(list, n);

	{
		struct hf_outbox_entry e = { 0 }, got = { 0 };
		bool found;

		e.source = (char *)"registry";
		e.kind = (char *)"alias-set";
		e.payload = (char *)"{\"alias\":\"champion\"}";
		e.scope = (char *)"ranker";
		e.target = (char *)"alias:champion";
		assert_int_equal(hf_store_outbox_put(store, &e, &id), HF_OK);
		e.source = (char *)"pod";
		e.kind = (char *)"tick";
		e.file = (char *)"models/ranker/readiness.json";
		assert_int_equal(hf_store_outbox_put(store, &e, NULL), HF_OK);
		/* forgetting the file a sync re-reads keeps the actions on it */
		assert_int_equal(hf_store_forget_path(store, "pod", "models/ranker/readiness.json"), HF_OK);
		assert_int_equal(hf_store_outbox_pending(store, NULL, &box, &n), HF_OK);
		assert_int_equal(n, 2);
		assert_string_equal(box[0].kind, "alias-set");
		assert_int_equal(box[0].state, HF_OUTBOX_PENDING);
		assert_string_equal(box[1].file, "models/ranker/readiness.json");
		hf_outbox_free(box, n);
		assert_int_equal(hf_store_outbox_get(store, id, &got, &found), HF_OK);
		assert_true(found);
		got.state = HF_OUTBOX_LANDED;
		got.landed = xstrdup("POST registered-models/alias");
		got.finished = 5000;
		assert_int_equal(hf_store_outbox_update(store, &got, true), HF_OK);
		hf_outbox_entry_clear(&got);
		assert_int_equal(hf_store_outbox_pending(store, "registry", &box, &n), HF_OK);
		assert_int_equal(n, 0);
		hf_outbox_free(box, n);
		assert_int_equal(hf_store_outbox_list(store, NULL, HF_OUTBOX_STATE(HF_OUTBOX_LANDED), &box, &n), HF_OK);
		assert_int_equal(n, 1);
		assert_string_equal(box[0].landed, "POST registered-models/alias");
		assert_int_equal(box[0].attempts, 1);
		assert_int_equal(box[0].finished, 5000);
		hf_outbox_free(box, n);
		assert_int_equal(hf_store_outbox_mark(store, id + 1, "conflict", "taken"), HF_OK);
		assert_int_equal(hf_store_outbox_count(store, HF_OUTBOX_OPEN, &n), HF_OK);
		assert_int_equal(n, 1);
		assert_int_equal(hf_store_outbox_count(store, HF_OUTBOX_WAITING, &n), HF_OK);
		assert_int_equal(n, 0);
		assert_int_equal(hf_store_outbox_get(store, 999, &got, &found), HF_OK);
		assert_false(found);
	}
	hf_store_close(store);
	remove_db(path);
}

static void every_file_owned_table_is_indexed_for_forgetting(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	sqlite3 *db;
	sqlite3_stmt *st;
	int tables = 0;

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	hf_store_close(store);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT m.name, (SELECT count(*) FROM sqlite_master i WHERE i.type = 'index' "
		"  AND i.tbl_name = m.name AND i.name = m.name || '_by_source_path') "
		"FROM sqlite_master m WHERE m.type = 'table' "
		"AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'source') "
		"AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'path')",
		-1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		tables++;
		if (sqlite3_column_int(st, 1) != 1)
			fail_msg("table '%s' has no (source, path) index", sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* pod, member, problem and the areas' tables */
	assert_true(tables >= 3);
	remove_db(path);
}

/* Run sql on the (closed) database at path with the sqlite3 library itself. */

/*
 * A read that fails while stepping names what it was reading and hands back
 * nothing (ASan checks that the rows read before the failure are freed);
 * a read whose statement does not prepare fails the same way.
 */
static void failed_reads_name_what_and_return_nothing(void **state)
{
	char *path = temp_db();
	struct hf_store *store;
	struct hf_sync_run *runs = (struct hf_sync_run *)path;	/* not NULL: the read must reset it */
	struct hf_reg_model model, *models = (struct hf_reg_model *)path;
	char **names = (char **)path, *markdown = path;
	size_t n = 7;

	assert_int_equal(hf_store_open(path, &store), HF_OK);
	add_run(store, "pod", true, NULL);
	add_run(store, "pod", true, NULL);
	add_run(store, "pod", true, NULL);
	hf_store_close(store);
	/* the oldest run and version 3 overflow in abs() when their row is stepped */
	raw_exec(path,
		"ALTER TABLE sync_run RENAME TO sync_run_real;"
		"CREATE VIEW sync_run AS SELECT id, source, type,"
		" CASE WHEN id = 1 THEN abs(-9223372036854775807 + 2 - length(type)) ELSE started END"
		" AS started, finished, ok, error, detail, pid, fetch_ms, apply_ms, changes, full"
		" FROM sync_run_real;"
		"INSERT INTO reg_model (source, name) VALUES ('mlflow', 'ranker');"
		"INSERT INTO reg_version (source, model, version) VALUES"
		" ('mlflow', 'ranker', '1'), ('mlflow', 'ranker', '2'), ('mlflow', 'ranker', '3');"
		"ALTER TABLE reg_version RENAME TO reg_version_real;"
		"CREATE VIEW reg_version AS SELECT source, model, version, stage, status, run_id,"
		" description, CASE WHEN version = '3' THEN abs(-9223372036854775807 - length(version))"
		" ELSE created END AS created, updated FROM reg_version_real;"
		"DROP TABLE model_card;");
	assert_int_equal(hf_store_open(path, &store), HF_OK);

	assert_int_equal(hf_store_sync_history(store, 10, &runs, &n), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "reading the sync log"));
	assert_non_null(strstr(hf_last_error(), "integer overflow"));
	assert_null(runs);
	assert_int_equal(n, 0);

	assert_int_equal(hf_store_reg_model_get(store, NULL, "ranker", &model), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "reading model versions"));
	assert_null(model.name);
	assert_int_equal(model.nversions, 0);
	n = 7;
	assert_int_equal(hf_store_reg_models(store, NULL, &models, &n), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "reading model versions"));
	assert_null(models);
	assert_int_equal(n, 0);

	assert_int_equal(hf_store_card_get(store, "ranker", &markdown), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "no such table: model_card"));
	assert_null(markdown);
	n = 7;
	assert_int_equal(hf_store_model_names(store, &names, &n), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "no such table: model_card"));
	assert_null(names);
	assert_int_equal(n, 0);
	hf_store_close(store);
	remove_db(path);
}

/*
 * A bind that fails (here a value over SQLite's length limit) is an error
 * naming the parameter and what was being done: the statement does not run
 * with that parameter left NULL. The statement is clean for its next use.
 */
static void failed_binds_are_errors(void **state)
{
	char *path = temp_db(), *value = NULL, big[300];
	struct hf_store *store;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(hf_store_open(path, &store), HF_OK);
	sqlite3_limit(store->db, SQLITE_LIMIT_LENGTH, 200);

	assert_int_equal(hf_store_state_set(store, "pod", "commit", big), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "writing source state"));
	assert_non_null(strstr(hf_last_error(), "cannot bind parameter 3: string or blob too big"));
	assert_int_equal(hf_store_state_get(store, "pod", "commit", &value), HF_OK);
	assert_null(value);	/* no row with a NULL value either */
	assert_int_equal(hf_store_state_set(store, "pod", "commit", "abc123"), HF_OK);
	assert_int_equal(hf_store_state_get(store, "pod", "commit", &value), HF_OK);
	assert_string_equal(value, "abc123");
	free(value);

	/* a read whose key does not bind is an error too, not "unset" */
	value = path;
	assert_int_equal(hf_store_state_get(store, "pod", big, &value), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "cannot bind parameter 2"));

	/* a statement that did not prepare: its own message, and the step is not tried */
	hf_error_clear();
	assert_int_equal(hf_store_exec_stmt(store, hf_store_stmt(store, "SELEC 1"), "testing"), HF_EIO);
	assert_non_null(strstr(hf_last_error(), "syntax error"));
	hf_store_close(store);
	remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_creates_folders_and_latest_schema),
		cmocka_unit_test(migration_from_version_one_keeps_data),
		cmocka_unit_test(newer_schema_is_refused_with_a_message),
		cmocka_unit_test(reopening_is_idempotent),
		cmocka_unit_test(rollback_leaves_previous_view),
		cmocka_unit_test(forget_path_removes_rows_and_problems_of_that_file_only),
		cmocka_unit_test(state_activity_and_outbox_round_trip),
		cmocka_unit_test(every_file_owned_table_is_indexed_for_forgetting),
		cmocka_unit_test(failed_reads_name_what_and_return_nothing),
		cmocka_unit_test(failed_binds_are_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
