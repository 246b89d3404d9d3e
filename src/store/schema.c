/* schema.c: the numbered migrations; each area's tables live in its own migration */
#include "config.h"

#include "internal.h"

/*
 * Rules: a released migration is never edited, only followed by a new one.
 * Tables that hold what a pod file defined carry (source, path) columns so
 * hf_store_forget_path() finds them. Registry tables carry (source).
 */
static const char foundation_sql[] =
	"CREATE TABLE source_state ("
	"  source TEXT NOT NULL, key TEXT NOT NULL, value TEXT,"
	"  PRIMARY KEY (source, key));"
	"CREATE TABLE sync_run ("
	"  id INTEGER PRIMARY KEY, source TEXT NOT NULL, type TEXT,"
	"  started INTEGER NOT NULL, finished INTEGER NOT NULL,"
	"  ok INTEGER NOT NULL, error TEXT, detail TEXT);"
	"CREATE INDEX sync_run_by_source ON sync_run (source, id);"
	"CREATE TABLE problem ("
	"  id INTEGER PRIMARY KEY, source TEXT NOT NULL, path TEXT NOT NULL,"
	"  field TEXT, severity INTEGER NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE TABLE activity ("
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, source TEXT NOT NULL,"
	"  kind TEXT NOT NULL, model TEXT, actor TEXT, summary TEXT, ref TEXT);"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY, created INTEGER NOT NULL, source TEXT NOT NULL,"
	"  kind TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',"
	"  attempts INTEGER NOT NULL DEFAULT 0, error TEXT);"
	"CREATE TABLE pod ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,"
	"  eval_suite TEXT, eval_metrics TEXT);"	/* eval_metrics: one name per line */
	"CREATE TABLE member ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, handle TEXT NOT NULL,"
	"  name TEXT, role TEXT NOT NULL, timezone TEXT, position INTEGER NOT NULL,"
	"  PRIMARY KEY (handle));";

/* Readiness: contracts, SLOs, model cards, checklist templates and item states. */
static const char models_sql[] =
	"CREATE TABLE contract ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, model TEXT NOT NULL,"
	"  registry_source TEXT, registry_name TEXT, candidate TEXT,"
	"  owner_research TEXT, owner_engineering TEXT,"
	"  inputs TEXT, outputs TEXT);"	/* inputs/outputs: JSON text as written */
	"CREATE INDEX contract_by_model ON contract (model, source);"
	"CREATE TABLE slo ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, model TEXT NOT NULL,"
	"  position INTEGER NOT NULL, metric TEXT NOT NULL, op TEXT NOT NULL, target REAL NOT NULL);"
	"CREATE INDEX slo_by_model ON slo (model, source, position);"
	"CREATE TABLE model_card ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, model TEXT NOT NULL,"
	"  markdown TEXT NOT NULL);"
	"CREATE INDEX model_card_by_model ON model_card (model, source);"
	"CREATE TABLE readiness ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, model TEXT NOT NULL,"
	"  checklist TEXT NOT NULL DEFAULT 'default');"
	"CREATE INDEX readiness_by_model ON readiness (model, source);"
	"CREATE TABLE readiness_item ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, model TEXT NOT NULL, item TEXT NOT NULL,"
	"  state TEXT NOT NULL, by TEXT, at TEXT, evidence TEXT, reason TEXT);"
	"CREATE INDEX readiness_item_by_model ON readiness_item (model, source);"
	"CREATE TABLE checklist_item ("
	"  source TEXT NOT NULL, path TEXT NOT NULL,"
	"  checklist TEXT NOT NULL,"	/* template name, or 'model:<name>' for a model's extra items */
	"  position INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, category TEXT,"
	"  owner TEXT, stage TEXT, required INTEGER NOT NULL DEFAULT 1, auto TEXT);"
	"CREATE INDEX checklist_item_by_name ON checklist_item (checklist, source, position);";

/* Model registry (MLflow): models, versions, aliases, tags, run metrics. */
static const char registry_sql[] =
	"CREATE TABLE reg_model ("
	"  source TEXT NOT NULL, name TEXT NOT NULL, description TEXT,"
	"  created INTEGER, updated INTEGER, PRIMARY KEY (source, name));"
	"CREATE TABLE reg_model_tag ("
	"  source TEXT NOT NULL, model TEXT NOT NULL, key TEXT NOT NULL, value TEXT,"
	"  PRIMARY KEY (source, model, key));"
	"CREATE TABLE reg_alias ("
	"  source TEXT NOT NULL, model TEXT NOT NULL, alias TEXT NOT NULL, version TEXT NOT NULL,"
	"  PRIMARY KEY (source, model, alias));"
	"CREATE TABLE reg_version ("
	"  source TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,"
	"  stage TEXT, status TEXT, run_id TEXT, description TEXT, uri TEXT, user_id TEXT,"
	"  created INTEGER, updated INTEGER, PRIMARY KEY (source, model, version));"
	"CREATE TABLE reg_version_tag ("
	"  source TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,"
	"  key TEXT NOT NULL, value TEXT, PRIMARY KEY (source, model, version, key));"
	"CREATE TABLE run_metric ("
	"  source TEXT NOT NULL, run_id TEXT NOT NULL, key TEXT NOT NULL,"
	"  value REAL, step INTEGER, at INTEGER, PRIMARY KEY (source, run_id, key));"
	/* every alias move a sync saw (version NULL: deleted), for "which version on that date" */
	"CREATE TABLE reg_alias_history ("
	"  id INTEGER PRIMARY KEY, source TEXT NOT NULL, model TEXT NOT NULL, alias TEXT NOT NULL,"
	"  version TEXT, at INTEGER NOT NULL);"
	"CREATE INDEX reg_alias_history_by_alias ON reg_alias_history (model, alias, at);"
	"CREATE INDEX reg_version_by_model ON reg_version (model, source);";

/* On-call rotations. */
static const char oncall_sql[] =
	"CREATE TABLE rotation ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,"
	"  timezone TEXT NOT NULL, start_day INTEGER NOT NULL,"	/* days since 1970-01-01, local */
	"  shift_count INTEGER NOT NULL, shift_unit INTEGER NOT NULL,"	/* enum hf_shift_unit */
	"  handoff_wday INTEGER NOT NULL, handoff_minute INTEGER NOT NULL,"
	"  restricted INTEGER NOT NULL DEFAULT 0, restrict_days INTEGER, restrict_from INTEGER,"
	"  restrict_to INTEGER);"
	"CREATE INDEX rotation_by_name ON rotation (name, source);"
	"CREATE TABLE rotation_member ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, rotation TEXT NOT NULL,"
	"  change INTEGER NOT NULL,"	/* 0: the initial list, then each `changes` entry */
	"  effective INTEGER,"	/* NULL for the initial list, else the local day it takes effect */
	"  position INTEGER NOT NULL, handle TEXT NOT NULL);"
	"CREATE INDEX rotation_member_by_rotation ON rotation_member (rotation, change, position);"
	"CREATE TABLE rotation_override ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, rotation TEXT NOT NULL, position INTEGER NOT NULL,"
	"  who TEXT NOT NULL, starts INTEGER NOT NULL, ends INTEGER NOT NULL, reason TEXT);"	/* UTC */
	"CREATE TABLE rotation_cover ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, rotation TEXT NOT NULL, model TEXT NOT NULL);"
	"CREATE INDEX rotation_cover_by_model ON rotation_cover (model);";

/* Sprints, their capacity, items and the burndown snapshots from git history. */
static const char sprint_sql[] =
	"CREATE TABLE sprint ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, id TEXT NOT NULL PRIMARY KEY,"
	"  name TEXT, starts TEXT NOT NULL, ends TEXT NOT NULL, goal TEXT);"
	"CREATE TABLE sprint_capacity ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, sprint TEXT NOT NULL,"
	"  handle TEXT NOT NULL, points REAL NOT NULL, PRIMARY KEY (sprint, handle));"
	"CREATE TABLE sprint_item ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, sprint TEXT NOT NULL, position INTEGER NOT NULL,"
	"  id TEXT NOT NULL, title TEXT, kind TEXT, owner TEXT, model TEXT, points REAL,"
	"  status TEXT NOT NULL, blocked_by TEXT, links TEXT,"
	"  PRIMARY KEY (sprint, id));"
	/* history, not file content: `file` (not `path`) so a resync keeps it */
	"CREATE TABLE sprint_snapshot ("
	"  source TEXT NOT NULL, file TEXT NOT NULL, sprint TEXT NOT NULL, at INTEGER NOT NULL,"
	"  ref TEXT NOT NULL, done REAL NOT NULL, total REAL NOT NULL,"
	"  PRIMARY KEY (source, sprint, ref));";

/* Look-ups the views make on every frame. */
static const char indexes_sql[] =
	"CREATE INDEX activity_by_time ON activity (at DESC);"
	"CREATE INDEX activity_by_model ON activity (model, at DESC);"
	"CREATE INDEX problem_by_path ON problem (source, path);";

/*
 * The sync engine: one lock row per source being synced (who holds it, since
 * when), and what each run cost and changed.
 */
static const char sync_engine_sql[] =
	"CREATE TABLE sync_lock ("
	"  source TEXT NOT NULL PRIMARY KEY, pid INTEGER NOT NULL,"
	"  pid_start INTEGER,"	/* the process's start time (/proc), so a reused pid is not mistaken */
	"  started INTEGER NOT NULL);"
	"ALTER TABLE sync_run ADD COLUMN pid INTEGER;"
	"ALTER TABLE sync_run ADD COLUMN fetch_ms INTEGER;"
	"ALTER TABLE sync_run ADD COLUMN apply_ms INTEGER;"
	"ALTER TABLE sync_run ADD COLUMN changes INTEGER;"
	"ALTER TABLE sync_run ADD COLUMN full INTEGER;";

/*
 * The incremental registry sync: each run it fetched (its status then and
 * the updated time of the version it was fetched for), so the next sync
 * fetches only runs that are new, were not finished, or whose version moved.
 */
static const char registry_runs_sql[] =
	"CREATE TABLE reg_run ("
	"  source TEXT NOT NULL, run_id TEXT NOT NULL, status TEXT, version_updated INTEGER,"
	"  fetched INTEGER NOT NULL, PRIMARY KEY (source, run_id));"
	"CREATE INDEX reg_model_by_created ON reg_model (source, created);"
	"ALTER TABLE reg_model ADD COLUMN digest INTEGER;";	/* hf_reg_model_digest: unchanged models are skipped */

/*
 * Live SLOs: an SLO's live query as its contract writes it, the pod's
 * query templates, and what a Prometheus source measured for each (model,
 * SLO): kept across failed syncs so the last values show with their age.
 */
static const char live_sql[] =
	"ALTER TABLE slo ADD COLUMN live_query TEXT;"
	"ALTER TABLE slo ADD COLUMN live_window INTEGER;"	/* seconds, NULL: the pod's */
	"ALTER TABLE slo ADD COLUMN live_source TEXT;"
	"ALTER TABLE slo ADD COLUMN live_off INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE pod ADD COLUMN live_source TEXT;"
	"ALTER TABLE pod ADD COLUMN live_window INTEGER;"
	"CREATE TABLE pod_live_query ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, position INTEGER NOT NULL,"
	"  metric TEXT NOT NULL, query TEXT NOT NULL);"
	"CREATE TABLE live_value ("
	"  source TEXT NOT NULL, model TEXT NOT NULL, metric TEXT NOT NULL, op TEXT NOT NULL,"
	"  target REAL NOT NULL, query TEXT NOT NULL, window_s INTEGER NOT NULL, step_s INTEGER NOT NULL,"
	"  at INTEGER,"			/* when the values below were measured; NULL: never */
	"  state TEXT NOT NULL DEFAULT 'unsynced',"	/* value, nan, no data, unsynced */
	"  value REAL, budget REAL, worst REAL, measured INTEGER, bad INTEGER,"
	"  start INTEGER, points TEXT,"	/* the window's values from start, one per step */
	"  verdict TEXT NOT NULL DEFAULT 'unknown',"	/* as of the last fetch that worked */
	"  error TEXT, error_at INTEGER,"	/* the last fetch failed: why and when */
	"  seen INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (source, model, metric, op));"
	"CREATE INDEX live_value_by_model ON live_value (model, source);";

/*
 * Calendar-feed rotations: a rotation file may name a calendar source
 * instead of members (`calendar`), with a `who` map from names in the feed
 * to handles; members may give an email to be matched by. The feed's
 * events, expanded over the source's window, are kept per source with the
 * time they were read, so a failed sync keeps them with their age.
 */
static const char calendar_sql[] =
	"ALTER TABLE rotation ADD COLUMN calendar TEXT;"
	"ALTER TABLE member ADD COLUMN email TEXT;"
	"CREATE TABLE rotation_who ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, rotation TEXT NOT NULL, position INTEGER NOT NULL,"
	"  name TEXT NOT NULL, handle TEXT NOT NULL);"
	"CREATE TABLE feed_event ("
	"  source TEXT NOT NULL, starts INTEGER NOT NULL, ends INTEGER NOT NULL,"	/* UTC */
	"  uid TEXT, summary TEXT, people TEXT,"	/* people: EMAIL<tab>CN per line */
	"  all_day INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX feed_event_by_source ON feed_event (source, starts);"
	"CREATE TABLE feed_state ("
	"  source TEXT NOT NULL PRIMARY KEY, at INTEGER NOT NULL,"	/* when the feed was read whole */
	"  window_from INTEGER NOT NULL, window_to INTEGER NOT NULL, events INTEGER NOT NULL,"
	"  calname TEXT);";

/*
 * Runs' parameters (runs/get and runs/search carry them), for `handoff
 * diff`; a run fetched on demand is remembered in reg_run like the sync's.
 */
static const char run_params_sql[] =
	"CREATE TABLE run_param ("
	"  source TEXT NOT NULL, run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT,"
	"  PRIMARY KEY (source, run_id, key));";

/*
 * The inbox: what each pod model looked like at the last sync (its
 * hand-off stage, each SLO verdict, each checklist item's state; one row
 * per model and key, the latest only: a change becomes an activity event),
 * and when each user last marked the inbox read.
 */
static const char inbox_sql[] =
	"CREATE TABLE model_state ("
	"  model TEXT NOT NULL, key TEXT NOT NULL, value TEXT,"
	"  PRIMARY KEY (model, key));"
	"CREATE TABLE inbox_seen (handle TEXT NOT NULL PRIMARY KEY, seen INTEGER NOT NULL,"
	"  seen_id INTEGER NOT NULL);";	/* the newest activity id read then */

/*
 * Write-back: what each outbox entry is about (for the views' pending marks),
 * its local commit and where it landed; a checklist item's note and the date
 * a waiver ends.
 */
static const char writeback_sql[] =
	"ALTER TABLE outbox ADD COLUMN file TEXT;"
	"ALTER TABLE outbox ADD COLUMN scope TEXT;"
	"ALTER TABLE outbox ADD COLUMN target TEXT;"
	"ALTER TABLE outbox ADD COLUMN actor TEXT;"
	"ALTER TABLE outbox ADD COLUMN summary TEXT;"
	"ALTER TABLE outbox ADD COLUMN base TEXT;"
	"ALTER TABLE outbox ADD COLUMN commit_id TEXT;"
	"ALTER TABLE outbox ADD COLUMN landed TEXT;"
	"ALTER TABLE outbox ADD COLUMN finished INTEGER;"
	"CREATE INDEX outbox_by_state ON outbox (state, source, id);"
	"ALTER TABLE readiness_item ADD COLUMN until TEXT;"
	"ALTER TABLE readiness_item ADD COLUMN note TEXT;";

/*
 * Where a problem is in its file, and whether the cross-file check found it
 * (those are recomputed whole after each sync). pod_ref: what a pod file
 * names that another file defines (a member, a checklist item, a source),
 * checked once every file is in.
 */
static const char problem_refs_sql[] =
	"ALTER TABLE problem ADD COLUMN line INTEGER;"
	"ALTER TABLE problem ADD COLUMN col INTEGER;"
	"ALTER TABLE problem ADD COLUMN reference INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE pod_ref ("
	"  source TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,"
	"  scope TEXT, field TEXT, line INTEGER, col INTEGER);";

/* The TUI asks at start whether any SLO is checked live: a lookup, not a scan of every SLO. */
static const char live_index_sql[] =
	"CREATE INDEX slo_live ON slo (live_query) WHERE live_query IS NOT NULL;";

/* Inbox: the one member an activity event is for (sprint items, capacity, overrides). */
static const char activity_subject_sql[] = "ALTER TABLE activity ADD COLUMN subject TEXT;";

/*
 * The model list reads the models named only by a broken pod file: the errors
 * alone, not every warning (a pod of 10,000 models with a warning each read
 * 10,000 rows before the TUI's first frame). problem_by_path repeated the
 * index every owned table gets on (source, path).
 */
static const char problem_errors_sql[] =
	"CREATE INDEX problem_errors ON problem (path) WHERE severity = 0;"
	"DROP INDEX problem_by_path;";

const struct hf_migration hf_migrations[] = {
	{ "foundation", foundation_sql },
	{ "readiness", models_sql },
	{ "registry", registry_sql },
	{ "oncall", oncall_sql },
	{ "sprints", sprint_sql },
	{ "indexes", indexes_sql },
	{ "sync engine", sync_engine_sql },
	{ "registry runs", registry_runs_sql },
	{ "live", live_sql },
	{ "calendar feeds", calendar_sql },
	{ "run params", run_params_sql },
	{ "inbox", inbox_sql },
	{ "writeback", writeback_sql },
	{ "problem positions and references", problem_refs_sql },
	{ "live index", live_index_sql },
	{ "activity subject", activity_subject_sql },
	{ "problem errors index", problem_errors_sql },
};
const size_t hf_nmigrations = sizeof(hf_migrations) / sizeof(hf_migrations[0]);
