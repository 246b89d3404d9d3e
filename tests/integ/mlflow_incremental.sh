# mlflow_incremental.sh: the incremental registry sync against the replay server: what each change costs and shows, deletions, runs, --full
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"
export HANDOFF_NOW=2026-11-30T10:00:00Z
API=/api/2.0/mlflow

# a pod whose contracts name two of the six registered models
start_server
make_pod "$T/pod" fraud-detector=fraud-detector churn=churn-predictor
hf sync pod >/dev/null 2>"$T/err" || { cat "$T/err"; fail "pod sync failed"; }
assert_eq "$(q 'SELECT count(*) FROM contract') $(q 'SELECT count(*) FROM problem')" "2 0" "the pod's two contracts"

# n ENDPOINT: requests to that endpoint since the last reset
n() {
	stat "s['requests'].get('$API/$1', 0)"
}
sync_reg() {
	ctl /__reset '{}' >/dev/null
	hf sync registry "$@" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "registry sync failed ($*)"; }
}
events() {
	q "SELECT count(*) FROM activity WHERE source = 'registry'"
}

# 1. the first sync lists the whole registry and fetches only the pod's runs, in one batch
sync_reg
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "first sync: every registered model"
assert_eq "$(n runs/search) $(n runs/get)" "1 0" "first sync: the pod's runs in one runs/search"
assert_eq "$(q "SELECT count(DISTINCT run_id) FROM run_metric")" \
	"$(q "SELECT count(DISTINCT run_id) FROM reg_version WHERE model IN ('fraud-detector', 'churn-predictor') AND run_id IS NOT NULL")" \
	"first sync: metrics of the pod's runs only"
assert_eq "$(q "SELECT full FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")" 1 "first sync is full"

# 2. nothing changed: per pod model one get and one version search, one page of the ordered
#    listing, no run, nothing written
before=$(events)
sync_reg
assert_eq "$(n registered-models/get) $(n model-versions/search) $(n registered-models/search)" "2 2 1" "warm sync requests"
assert_eq "$(n runs/search) $(n runs/get) $(n experiments/search)" "0 0 0" "warm sync fetches no run"
assert_eq "$(stat "s['total']")" 5 "warm sync: five requests in all"
assert_eq "$(events)" "$before" "warm sync records nothing"
assert_eq "$(q "SELECT changes || ' ' || full FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")" "0 0" "warm sync: incremental, no change"
grep -q "order_by=last_updated_timestamp%20DESC" <<<"$(stat "'\n'.join(s['log'])")" || fail "the listing is not ordered by last update"

# 3. an alias moved on a pod model: seen at once, in the view, the activity and the alias history
mlflow POST registered-models/alias '{"name":"fraud-detector","alias":"champion","version":"3"}' >/dev/null
sync_reg
assert_eq "$(q "SELECT version FROM reg_alias WHERE model = 'fraud-detector' AND alias = 'champion'")" 3 "moved alias"
assert_eq "$(q "SELECT count(*) FROM activity WHERE summary = 'alias champion moved from version 2 to 3'")" 1 "alias move event"
assert_eq "$(q "SELECT group_concat(version, ',') FROM (SELECT version FROM reg_alias_history WHERE model = 'fraud-detector' AND alias = 'champion' ORDER BY at, id)")" "2,3" "alias history"

# 4. a tag set on a pod model's version (MLflow moves no timestamp for it): seen
mlflow POST model-versions/set-tag '{"name":"fraud-detector","version":"3","key":"latency_p99_ms","value":"41"}' >/dev/null
sync_reg
assert_eq "$(q "SELECT value FROM reg_version_tag WHERE model = 'fraud-detector' AND version = '3' AND key = 'latency_p99_ms'")" 41 "new version tag"

# 5. a version added to a pod model: in the view and the activity, and its run fetched (the batch)
run=$(q "SELECT run_id FROM reg_version WHERE model = 'fraud-detector' AND version = '1'")
mlflow POST model-versions/create "{\"name\":\"fraud-detector\",\"source\":\"s3://x\",\"run_id\":\"$run\"}" >/dev/null
q "DELETE FROM reg_run WHERE run_id = '$run'"	# as if never fetched, so the new version's run is asked for
sync_reg
assert_eq "$(q "SELECT count(*) FROM reg_version WHERE model = 'fraud-detector' AND version = '4'")" 1 "new version"
assert_eq "$(q "SELECT count(*) FROM activity WHERE model = 'fraud-detector' AND summary = 'version 4 registered'")" 1 "new version event (no 'None' stage)"
assert_eq "$(n runs/search)" 1 "the new version's run fetched"

# 6. a stage changed and a description changed on pod models
mlflow POST model-versions/transition-stage '{"name":"churn-predictor","version":"4","stage":"Staging"}' >/dev/null
mlflow PATCH registered-models/update '{"name":"fraud-detector","description":"now with calibration"}' >/dev/null
sync_reg
assert_eq "$(q "SELECT count(*) FROM activity WHERE model = 'churn-predictor' AND kind = 'stage' AND summary LIKE '%to Staging'")" 1 "stage event"
assert_eq "$(q "SELECT description FROM reg_model WHERE name = 'fraud-detector'")" "now with calibration" "description"

# 7. a new registered model outside the pod: found at once by the ordered listing, with its versions
mlflow POST registered-models/create '{"name":"brand-new","description":"fresh"}' >/dev/null
mlflow POST model-versions/create "{\"name\":\"brand-new\",\"source\":\"s3://y\",\"run_id\":\"$run\"}" >/dev/null
sync_reg
assert_eq "$(q "SELECT count(*) FROM reg_version WHERE model = 'brand-new'")" 1 "new model outside the pod and its version"
assert_eq "$(n registered-models/get)" 2 "a model outside the pod costs no registered-models/get (the listing has its aliases)"
assert_eq "$(n runs/search)" 0 "no run fetched for a model outside the pod"
hf models >"$T/models.txt" 2>&1
grep -q "brand-new" "$T/models.txt" && fail "a registry-only model is listed among the pod's models"
hf models --all >"$T/models.txt" 2>&1
grep -q "^brand-new" "$T/models.txt" || fail "models --all lacks the registry-only model"

# 8. a model outside the pod deleted: kept until a --full listing finds it gone
mlflow DELETE registered-models/delete '{"name":"hostile-input-model"}' >/dev/null
sync_reg
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'hostile-input-model'")" 1 "deletion outside the pod waits for --full"
sync_reg --full
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'hostile-input-model'")" 0 "--full finds the deleted model"
assert_eq "$(q "SELECT count(*) FROM activity WHERE model = 'hostile-input-model' AND summary LIKE '%deleted%'")" 2 "its versions' deletion events"
assert_eq "$(n model-versions/search)" 1 "--full lists the versions unfiltered, in one page"

# 9. a pod model deleted: seen at once (its get answers 404)
mlflow DELETE registered-models/delete '{"name":"churn-predictor"}' >/dev/null
sync_reg
assert_eq "$(q "SELECT count(*) FROM reg_model WHERE name = 'churn-predictor'") $(q "SELECT count(*) FROM reg_version WHERE model = 'churn-predictor'")" "0 0" "deleted pod model gone at once"

# 10. the first sync of a new (UTC) day lists everything again
HANDOFF_NOW=2026-12-01T08:00:00Z sync_reg
assert_eq "$(q "SELECT full FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")" 1 "first sync of the day is full"
HANDOFF_NOW=2026-12-01T09:00:00Z sync_reg
assert_eq "$(q "SELECT full FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")" 0 "the next one is not"

# 11. a run that was still running when fetched is fetched again until it has finished
fd3=$(q "SELECT run_id FROM reg_version WHERE model = 'fraud-detector' AND version = '3'")
ctl /__run "{\"run_id\": \"$fd3\", \"status\": \"RUNNING\", \"metrics\": {\"auc\": 0.5}}" >/dev/null
sync_reg --full
assert_eq "$(q "SELECT status FROM reg_run WHERE run_id = '$fd3'")" RUNNING "a running run"
ctl /__run "{\"run_id\": \"$fd3\", \"status\": \"FINISHED\", \"metrics\": {\"auc\": 0.97}}" >/dev/null
HANDOFF_NOW=2026-12-01T09:30:00Z sync_reg
assert_eq "$(q "SELECT value FROM run_metric WHERE run_id = '$fd3' AND key = 'auc'") $(q "SELECT status FROM reg_run WHERE run_id = '$fd3'")" "0.97 FINISHED" "a running run fetched again"
HANDOFF_NOW=2026-12-01T09:40:00Z sync_reg
assert_eq "$(n runs/search)" 0 "a finished run is not fetched again"

# 12. a server that refuses runs/search by run id: runs/get one by one
ctl /__config '{"refuse_runs_search": true}' >/dev/null
sync_reg --full
assert_eq "$(n runs/search) $(n runs/get)" "1 $(q "SELECT count(*) FROM reg_run")" "runs/get when runs/search is refused"
ctl /__config '{"refuse_runs_search": false}' >/dev/null

# 13. no 'None' stage in show
hf show fraud-detector >"$T/show.txt" 2>&1 || true
grep -q "None" "$T/show.txt" && { cat "$T/show.txt"; fail "show prints MLflow's 'None' stage"; }

# 14. on a terminal, the one-line summary of each source: what it read and what changed, by kind
#     (without a terminal nothing, for cron: the line is in the sync log)
command -v script >/dev/null || fail "no script(1) to give handoff a terminal"
on_tty() {
	script -qec "$(printf '%q ' "$HANDOFF_BIN" --config "$CONFIG" "$@")" /dev/null | tr '\r' '\n' | grep ' synced ' | tail -1
}
HANDOFF_NOW=2026-12-01T09:50:00Z hf sync registry >"$T/out" 2>&1 || fail "summary sync"
assert_eq "$(cat "$T/out")" "" "nothing printed without a terminal"
assert_contains "$(q "SELECT detail FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")" \
	"full read, 5 models, 9 versions, " "the line in the sync log"
mlflow POST registered-models/alias '{"name":"fraud-detector","alias":"champion","version":"4"}' >/dev/null
mlflow POST model-versions/create "{\"name\":\"fraud-detector\",\"source\":\"s3://z\",\"run_id\":\"$run\"}" >/dev/null
assert_eq "$(HANDOFF_NOW=2026-12-01T09:55:00Z on_tty sync registry)" \
	"registry: synced incremental, 5 models, 10 versions, 1 model fetched, 1 run fetched, 7 requests; 1 version registered, 1 alias moved, 1 model updated, metrics of 1 run" \
	"summary: what changed, by kind"
# (the new version shares its run with version 1: fetched once, not at every sync)
assert_contains "$(HANDOFF_NOW=2026-12-01T09:56:00Z on_tty sync registry)" ", nothing changed" "summary: nothing changed"
assert_eq "$(HANDOFF_NOW=2026-12-01T09:57:00Z script -qec "$(printf '%q ' "$HANDOFF_BIN" --config "$CONFIG" sync --quiet registry)" /dev/null)" "" "--quiet prints nothing"

# 15. a model the pod does not name: no sync fetches its runs; opening it (show) fetches the run of
#     its candidate and aliased versions, one runs/get, and shows its figures; when that fails, show
#     warns, shows what is stored and says how to fetch them; sync --model fetches that model and its
#     runs (whatever its name), nothing else, and leaves the watermark
ranker="team-a/ranker v2 (50% traffic) it's"
champ_run=$(q "SELECT run_id FROM reg_version WHERE model = 'team-a/ranker v2 (50% traffic) it''s' AND version = '1'")
[ -n "$champ_run" ] || fail "the ranker's champion has a run"
assert_eq "$(q "SELECT count(*) FROM reg_run WHERE run_id = '$champ_run'")" 0 "a registry-only model's run is not fetched"
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "500", "status": 503, "route": "runs/get", "count": 1000}' >/dev/null
hf show "$ranker" >"$T/show.txt" 2>"$T/err" || fail "show when the run cannot be fetched"
assert_contains "$(cat "$T/err")" "handoff: warning: could not fetch the run of '$ranker': " "show warns when the fetch fails"
assert_contains "$(cat "$T/show.txt")" \
	"runs not fetched: a sync fetches the runs of the pod's models; this fetches this model's: handoff sync --model 'team-a/ranker v2 (50% traffic) it'\\''s'" \
	"and says how to fetch them"
ctl /__reset '{}' >/dev/null
hf show "$ranker" >"$T/show.txt" 2>"$T/err" || { cat "$T/err"; fail "show"; }
assert_eq "$(n runs/get) $(stat "s['total']")" "1 1" "show: one runs/get, nothing else"
assert_eq "$(cat "$T/err")" "" "show: nothing on stderr"
assert_eq "$(q "SELECT count(*) FROM run_metric WHERE run_id = '$champ_run'") $(q "SELECT count(*) FROM reg_run WHERE run_id = '$champ_run'")" "2 1" "show stored its champion's run metrics"
metrics=$(q "SELECT group_concat(key || ' ' || value, ', ') FROM (SELECT key, value FROM run_metric WHERE run_id = '$champ_run' ORDER BY key)")
assert_contains "$(cat "$T/show.txt")" "      run metrics: $metrics" "show: the candidate's figures"
assert_not_contains "$(cat "$T/show.txt")" "runs not fetched" "show: no hint once fetched"
ctl /__reset '{}' >/dev/null
hf show "$ranker" >/dev/null 2>&1 || fail "show again"
assert_eq "$(stat "s['total']")" 0 "show again: nothing fetched"
# as before it was opened, for sync --model
q "DELETE FROM run_metric WHERE run_id = '$champ_run'; DELETE FROM run_param WHERE run_id = '$champ_run'; DELETE FROM reg_run WHERE run_id = '$champ_run'"
wm=$(q "SELECT value FROM source_state WHERE source = 'registry' AND key = 'watermark'")
ctl /__reset '{}' >/dev/null
hf sync --model "$ranker" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "sync --model"; }
assert_eq "$(n registered-models/get) $(n model-versions/search) $(n registered-models/search) $(n runs/search)" "1 1 0 1" "sync --model: that model and its runs, no listing"
assert_eq "$(q "SELECT count(*) FROM run_metric WHERE run_id = '$champ_run'") $(q "SELECT count(*) FROM reg_run WHERE run_id = '$champ_run'")" "2 1" "its champion's run metrics"
assert_eq "$(q "SELECT value FROM source_state WHERE source = 'registry' AND key = 'watermark'")" "$wm" "sync --model leaves the watermark"
hf show "$ranker" >"$T/show.txt" 2>&1 || true
assert_not_contains "$(cat "$T/show.txt")" "runs not fetched" "show once the runs are fetched"
rc=0
hf sync --model no-such-model >"$T/out" 2>"$T/err" || rc=$?
assert_eq "$rc" 2 "sync --model of an unknown model fails"
assert_contains "$(cat "$T/err")" "handoff: error: no registered model 'no-such-model' in the registry source synced" "and says so"
rc=0
hf sync --model "$ranker" pod >"$T/out" 2>"$T/err" || rc=$?
assert_eq "$rc" 2 "sync --model of a git source fails"
assert_contains "$(cat "$T/err")" "is a pod repository: a model by name is fetched from a registry source" "and says why"

# 16. --model with a source that has no models by name (Prometheus, a calendar feed): refused,
#     saying why, before anything is fetched or recorded (it used to sync the source whole)
cp "$CONFIG" "$T/config-more.ini"
printf '[source "live"]\n\ttype = prometheus\n\turl = %s\n[source "rota"]\n\ttype = ical\n\turl = %s\n' \
	"$URL" "$URL/rota.ics" >>"$T/config-more.ini"
runs_before=$(q "SELECT count(*) FROM sync_run")
for src in live:"a Prometheus server (live SLOs)" rota:"a calendar feed (on-call rotations)"; do
	ctl /__reset '{}' >/dev/null
	rc=0
	"$HANDOFF_BIN" --config "$T/config-more.ini" sync --model "$ranker" "${src%%:*}" >"$T/out" 2>"$T/err" || rc=$?
	assert_eq "$rc" 2 "sync --model of a ${src%%:*} source fails"
	assert_eq "$(cat "$T/err")" "handoff: error: source '${src%%:*}' is ${src#*:}: a model by name is fetched from a registry source (type mlflow)" "and says why (${src%%:*})"
	assert_eq "$(stat "s['total']")" 0 "nothing fetched (${src%%:*})"
done
assert_eq "$(q "SELECT count(*) FROM sync_run")" "$runs_before" "no sync run recorded for a refused --model"
echo "ok"
