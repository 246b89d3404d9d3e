# mlflow_sync.sh: a full registry sync against the replay server: data, hostile text, unicode, paging, aliases, deletion, history
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"

start_server
write_config
hf sync registry >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "first sync failed"; }

# the six captured models, their versions, aliases and run metrics
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "models"
assert_eq "$(q 'SELECT count(*) FROM reg_version')" 12 "versions"
assert_eq "$(q "SELECT group_concat(alias || '=' || version, ' ') FROM (SELECT * FROM reg_alias WHERE model = 'fraud-detector' ORDER BY alias)")" \
	"challenger=3 champion=2" "fraud-detector aliases"
assert_eq "$(q "SELECT stage FROM reg_version WHERE model = 'fraud-detector' AND version = '2'")" Production "stage"
assert_eq "$(q "SELECT count(*) FROM reg_version WHERE model = 'churn-predictor'")" 3 "churn-predictor versions (3 deleted)"
assert_eq "$(q "SELECT value FROM run_metric WHERE run_id = '87495143dfa9426381f98f97e93d2477' AND key = 'accuracy'")" 0.66 "run metric"
assert_eq "$(q "SELECT count(DISTINCT run_id) FROM run_metric")" 11 "runs with metrics"
# the 11 runs in one runs/search (run_id IN, the experiments from experiments/search), none one by one
assert_eq "$(stat "s['requests'].get('/api/2.0/mlflow/runs/search')")" 1 "runs/search requests"
assert_eq "$(stat "s['requests'].get('/api/2.0/mlflow/experiments/search')")" 1 "experiments/search requests"
assert_eq "$(stat "s['requests'].get('/api/2.0/mlflow/runs/get', 0)")" 0 "runs/get requests"
assert_eq "$(q "SELECT step FROM run_metric WHERE run_id = '87495143dfa9426381f98f97e93d2477' AND key = 'accuracy'") $(q "SELECT at > 1700000000 FROM run_metric WHERE run_id = '87495143dfa9426381f98f97e93d2477' AND key = 'accuracy'")" \
	"2 1" "a metric's step and time are stored"
# connections are reused: at most one per parallel transfer for the whole sync (19 requests)
[ "$(stat "s['connections']")" -le 8 ] || fail "$(stat "s['connections']") connections for one sync"
# a version without a run keeps its tags (the metric fallback) and no run id
assert_eq "$(q "SELECT ifnull(run_id, 'none') FROM reg_version WHERE model = 'team-a/ranker v2 (50% traffic) it''s' AND version = '2'")" none "no-run version"
assert_eq "$(q "SELECT value FROM reg_version_tag WHERE model = 'team-a/ranker v2 (50% traffic) it''s' AND version = '2' AND key = 'latency_p99_ms'")" 6.1 "version tag"
# empty model: present, no versions
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'empty-model' AND description IS NULL")" 1 "empty-model"
# unicode name stored exactly
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'Modèle de détection — 不正検知 🚀'")" 1 "unicode name"
# hostile text stored as it came: raw ESC, BEL, the bidi override, the 12 KB description
assert_eq "$(q "SELECT instr(description, char(27)) > 0 AND instr(description, char(7)) > 0 AND instr(description, char(8238)) > 0 AND length(description) > 12000 FROM reg_model WHERE name = 'hostile-input-model'")" 1 "hostile description stored raw"
assert_eq "$(q "SELECT instr(value, char(27)) > 0 FROM reg_version_tag WHERE model = 'hostile-input-model' AND key = 'note'")" 1 "hostile tag stored raw"
# ... and never printed raw
hf status >"$T/status.txt" 2>&1 || true
hf status --json >"$T/status.json" 2>&1 || true
hf models >"$T/models.txt" 2>&1 || true
hf models --all --json >"$T/models.json" 2>&1 || true
hf show hostile-input-model >"$T/show.txt" 2>&1 || true
hf show hostile-input-model --json >"$T/show.json" 2>&1 || true
HANDOFF_TRACE=1 hf sync registry >"$T/out2" 2>"$T/err2" || fail "second sync failed"
for f in "$T/out" "$T/err" "$T/status.txt" "$T/status.json" "$T/out2" "$T/err2" \
	"$T/models.txt" "$T/models.json" "$T/show.txt" "$T/show.json"; do
	if LC_ALL=C grep -q $'\x1b' "$f"; then
		fail "raw ESC printed in $(basename "$f")"
	fi
done
# registered models that no pod file names show up with --all, in the research stage
"$PYTHON3" - "$T/models.json" <<'PY' || fail "models --json lacks the registry-only models"
import json, sys
models = {m["name"]: m for m in json.load(open(sys.argv[1]))["models"]}
want = ["Mod\u00e8le de d\u00e9tection \u2014 \u4e0d\u6b63\u691c\u77e5 \U0001f680", "churn-predictor",
        "empty-model", "fraud-detector", "hostile-input-model", "team-a/ranker v2 (50% traffic) it's"]
assert all(models[n]["stage"] == "research" for n in want), models.keys()
assert models["fraud-detector"]["candidate"]["version"] == "3", models["fraud-detector"]["candidate"]
PY
grep -q '^hostile-input-model ' "$T/show.txt" || fail "show hostile-input-model"

# the second sync of an unchanged registry records no new history
assert_eq "$(q "SELECT count(*) FROM activity WHERE source = 'registry'")" 17 "activity after two syncs"
assert_eq "$(q "SELECT count(*) FROM activity WHERE kind = 'version' AND model = 'fraud-detector'")" 3 "version events"
assert_eq "$(q "SELECT at FROM activity WHERE kind = 'version' AND model = 'fraud-detector' AND ref = '3'")" 1795945196 "version event at its creation time"
assert_eq "$(last_sync ok)" True "status --json sync ok"

# an alias moves, a version and a model are deleted on the server: the next sync follows
mlflow POST registered-models/alias '{"name":"fraud-detector","alias":"champion","version":"3"}' >/dev/null
mlflow DELETE model-versions/delete '{"name":"churn-predictor","version":"1"}' >/dev/null
mlflow DELETE registered-models/delete '{"name":"hostile-input-model"}' >/dev/null
mlflow POST model-versions/set-tag '{"name":"fraud-detector","version":"3","key":"latency_p99_ms","value":"41"}' >/dev/null
HANDOFF_NOW=2027-01-10T12:00:00Z hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync after changes failed"; }
assert_eq "$(q "SELECT version FROM reg_alias WHERE model = 'fraud-detector' AND alias = 'champion'")" 3 "moved alias"
assert_eq "$(q "SELECT count(*) FROM reg_version WHERE model = 'churn-predictor'")" 2 "deleted version gone"
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'hostile-input-model'") $(q "SELECT count(*) FROM reg_version WHERE model = 'hostile-input-model'")" "0 0" "deleted model gone"
assert_eq "$(q "SELECT value FROM reg_version_tag WHERE model = 'fraud-detector' AND version = '3' AND key = 'latency_p99_ms'")" 41 "new version tag"
assert_eq "$(q "SELECT summary FROM activity WHERE kind = 'alias' AND model = 'fraud-detector' AND ref = '3' AND summary LIKE '%moved%'")" \
	"alias champion moved from version 2 to 3" "alias move event"
assert_eq "$(q "SELECT at FROM activity WHERE summary LIKE 'alias champion moved%'")" "$(date -u -d 2027-01-10T12:00:00Z +%s)" "alias move at sync time"
assert_eq "$(q "SELECT count(*) FROM activity WHERE model = 'churn-predictor' AND summary = 'version 1 deleted from the registry'")" 1 "version deletion event"
assert_eq "$(q "SELECT count(*) FROM activity WHERE model = 'hostile-input-model' AND kind = 'version' AND summary LIKE '%deleted%'")" 2 "model deletion events"
# alias history: before the move champion was 2, after it 3
assert_eq "$(q "SELECT group_concat(ifnull(version, '-'), ',') FROM (SELECT version FROM reg_alias_history WHERE model = 'fraud-detector' AND alias = 'champion' ORDER BY at, id)")" \
	"2,3" "alias history"
# `handoff show --at` answers where an alias pointed on a date, which MLflow itself cannot
hf show fraud-detector --at 2027-01-01T00:00:00Z >"$T/show" 2>"$T/err" || { cat "$T/err"; fail "show --at failed"; }
assert_eq "$(sed -n '/^aliases at/,$p' "$T/show" | grep -c '  champion -> v2')" 1 "champion before the move"
hf show fraud-detector --at 2027-01-11T00:00:00Z --json >"$T/show.json" 2>"$T/err" || { cat "$T/err"; fail "show --at --json failed"; }
assert_eq "$("$PYTHON3" -c "import json,sys; h=json.load(open(sys.argv[1]))['alias_history']; print(h['aliases']['champion'], h['aliases']['challenger'], len(h['moves']))" "$T/show.json")" \
	"3 3 3" "aliases after the move (JSON)"

# paging: with page-size 2 every search is followed through next_page_token (percent-encoded)
ctl /__reset '{}' >/dev/null
write_config "page-size = 2"
rm -f "$HANDOFF_DB"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "paged sync failed"; }
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/registered-models/search']")" 3 "model pages"
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/model-versions/search']")" 5 "version pages"
assert_eq "$(stat "sum('page_token=eyJvZmZzZXQiOiAyfQ%3D%3D' in l for l in s['log'])")" 2 "percent-encoded page token"
assert_eq "$(q 'SELECT count(*) FROM reg_model') $(q 'SELECT count(*) FROM reg_version')" "5 9" "paged data"

# aliases missing from the search come from registered-models/get; compressed answers are accepted
start_server --strip-search-aliases --gzip
write_config
rm -f "$HANDOFF_DB"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync without search aliases failed"; }
assert_eq "$(q "SELECT count(*) FROM reg_alias")" 5 "aliases from registered-models/get"
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/registered-models/get']")" 5 "registered-models/get for models with versions"
[ "$(stat "s['gzipped']")" -gt 0 ] || fail "no compressed response was served"

# a filter restricts the models (and so their versions)
write_config "filter = name LIKE 'fraud%'"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "filtered sync failed"; }
assert_eq "$(q 'SELECT group_concat(name) FROM reg_model') $(q 'SELECT count(*) FROM reg_version')" "fraud-detector 3" "filtered sync"
echo "ok"
