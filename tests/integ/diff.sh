# diff.sh: `handoff diff` and `check --version` against the replay server: two versions side by side, runs fetched on demand
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"
GIT=${GIT:-git}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export HANDOFF_NOW=2026-11-30T10:00:00Z
API=/api/2.0/mlflow

run_of() {	# the full run id of a captured run, by its first 8 hex digits
	"$PYTHON3" -c "import json,sys; r=json.load(open(sys.argv[1]))['run']['info']; print(r.get('run_id') or r['run_uuid'])" \
		"$FIX/runs-get.$1.json"
}
n() {
	stat "s['requests'].get('$API/$1', 0)"
}
jq_() {	# jq_ FILE EXPR: a python expression over the JSON in FILE as d
	"$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

mkdir -p "$T/pod/models/fraud-detector" "$T/pod/models/solo"
printf '{"name": "diff-pod", "members": [{"handle": "ana", "role": "research"}, {"handle": "raj", "role": "engineering"}]}\n' >"$T/pod/pod.json"
printf '{"registry": {"source": "registry", "name": "fraud-detector", "candidate": "challenger"},
 "owners": {"research": "ana", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.92}, {"metric": "latency_p99_ms", "op": "<=", "target": 50}]}\n' \
	>"$T/pod/models/fraud-detector/contract.json"
printf '{"registry": {"name": "solo"}, "owners": {"research": "ana", "engineering": "raj"}, "slos": [{"metric": "auc", "op": ">=", "target": 0.5}]}\n' \
	>"$T/pod/models/solo/contract.json"
"$GIT" -C "$T/pod" init -q -b main
"$GIT" -C "$T/pod" add -A
"$GIT" -C "$T/pod" -c user.name=t -c user.email=t@example.org commit -q -m pod

start_server
# three newer versions on other runs and one without a run: v1 (Archived, no alias) is no longer
# one the sync fetches the run of, nor is v4
for r in cd0037fd f0bd964f e0c53938; do
	mlflow POST model-versions/create "{\"name\":\"fraud-detector\",\"source\":\"s3://x\",\"run_id\":\"$(run_of $r)\"}" >/dev/null
done
mlflow POST model-versions/create '{"name":"fraud-detector","source":"s3://x"}' >/dev/null
mlflow POST registered-models/create '{"name":"solo"}' >/dev/null
mlflow POST model-versions/create "{\"name\":\"solo\",\"source\":\"s3://x\",\"run_id\":\"$(run_of e0c53938)\"}" >/dev/null
# the challenger's run was trained with another learning rate
ctl /__run "{\"run_id\":\"$(run_of 29e7823d)\",\"params\":{\"learning_rate\":\"0.1\"}}" >/dev/null

printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n' \
	"$T/pod" "$URL" >"$CONFIG"
hf sync >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "sync failed"; }
v1run=$(run_of 89696e15)
assert_eq "$(q "SELECT count(*) FROM reg_version WHERE model = 'fraud-detector'")" 7 "seven versions"
assert_eq "$(q "SELECT count(*) FROM run_metric WHERE run_id = '$v1run'")" 0 "the sync did not fetch v1's run"

# 1. check --version 1 measures v1: its run is fetched on demand (once), then stored
ctl /__reset '{}' >/dev/null
rc=0
hf check fraud-detector --version 1 --json >"$T/check.json" 2>"$T/err" || rc=$?
[ $rc -le 1 ] || { cat "$T/err"; fail "check --version 1"; }
assert_eq "$(jq_ "$T/check.json" "[ (s['value'], s['result']) for s in d['slos'] ]")" \
	"[(0.912, 'missed'), (41.0, 'met')]" "check --version 1: v1 measured"
assert_eq "$(n runs/get)" 1 "v1's run fetched on demand with one runs/get"
assert_eq "$(q "SELECT count(*) FROM run_metric WHERE run_id = '$v1run'")" 2 "v1's metrics stored"
hf check fraud-detector --version 1 >"$T/out" 2>&1 || true
grep -q "not measured" "$T/out" && fail "check --version 1 still says not measured: $(cat "$T/out")"
assert_eq "$(n runs/get)" 1 "a second check asks nothing"

# 2. diff by default: the champion (v2) against the candidate (challenger, v3), side by side
ctl /__reset '{}' >/dev/null
hf diff fraud-detector --json >"$T/d.json" 2>"$T/err" || { cat "$T/err"; fail "diff --json"; }
assert_eq "$(jq_ "$T/d.json" "(d['v1']['version'], d['v1']['role'], d['v2']['version'], d['v2']['role'])")" \
	"('2', 'champion', '3', 'candidate')" "default versions"
assert_eq "$(jq_ "$T/d.json" "[(m['key'], m['v1'], m['v2'], round(m['delta'], 4), m['differs']) for m in d['metrics']]")" \
	"[('accuracy', 0.934, 0.941, 0.007, True), ('latency_p99_ms', 38.5, 52.0, 13.5, True)]" "metrics side by side"
assert_eq "$(jq_ "$T/d.json" "[(s['id'], s['v1']['result'], s['v2']['result']) for s in d['slos']]")" \
	"[('slo:accuracy', 'met', 'met'), ('slo:latency_p99_ms', 'met', 'missed')]" "SLO marks of both versions"
assert_eq "$(jq_ "$T/d.json" "[(p['key'], p['v1'], p['v2'], p['differs']) for p in d['params']]")" \
	"[('learning_rate', '0.05', '0.1', True), ('n_estimators', '400', '400', False)]" "params of both runs"
assert_eq "$(jq_ "$T/d.json" "[(t['key'], t['v1'], t['v2'], t['differs']) for t in d['tags']]")" \
	"[('dataset', 'transactions-2024-q3', 'transactions-2024-q3', False), ('validation_status', 'passed', 'failed', True)]" "version tags"
assert_eq "$(jq_ "$T/d.json" "[(r['key'], r['v1'], r['v2']) for r in d['version'] if r['key'] in ('stage', 'aliases')]")" \
	"[('stage', 'Production', 'Staging'), ('aliases', 'champion', 'challenger')]" "stages and aliases"
assert_eq "$(n runs/get) $(n runs/search)" "0 0" "the sync stored both runs' params: nothing asked"
hf diff fraud-detector >"$T/d.txt" 2>"$T/err" || { cat "$T/err"; fail "diff"; }
cat "$T/d.txt"
grep -q '^fraud-detector: v2 (champion) against v3 (candidate)$' "$T/d.txt" || fail "diff header: $(cat "$T/d.txt")"
grep -Eq '^\* accuracy +0\.934 +0\.941 +\+0\.007$' "$T/d.txt" || fail "accuracy row: $(cat "$T/d.txt")"
# one number rule (docs/readiness.md): a metric's two values and the SLO's target share the decimals either needs
grep -Eq '^\* latency_p99_ms +38\.5 +52\.0 +\+13\.5$' "$T/d.txt" || fail "latency row: $(cat "$T/d.txt")"
grep -Eq '^\* latency_p99_ms <= 50\.0 +met \(38\.5\) +missed \(52\.0\)$' "$T/d.txt" || fail "SLO row: $(cat "$T/d.txt")"
grep -Eq '^  n_estimators +400 +400$' "$T/d.txt" || fail "equal param row: $(cat "$T/d.txt")"
awk 'length > 80 { bad = 1 } END { exit bad }' "$T/d.txt" || fail "diff lines wider than 80 columns"
hf diff fraud-detector --changed >"$T/c.txt" || fail "diff --changed"
grep -q 'n_estimators' "$T/c.txt" && fail "--changed shows an equal row"
grep -q '^\* learning_rate' "$T/c.txt" || fail "--changed lost a differing row"

# 3. two versions named, one without a run; a version named with a v
hf diff fraud-detector v1 7 --json >"$T/d7.json" 2>"$T/err" || { cat "$T/err"; fail "diff 1 7"; }
assert_eq "$(jq_ "$T/d7.json" "(d['v2']['has_run'], d['v1']['run_fetched'], d['notes'])")" \
	"(False, True, ['v7 has no run: its metrics are its numeric version tags'])" "a version without a run"

# 4. a model with one version, an unknown version, an unknown model: clear messages, exit 2
hf diff solo >"$T/out" 2>"$T/err" && fail "diff of a one-version model succeeded"
grep -q "'solo' has one version (v1): nothing to compare it with" "$T/err" || fail "one version: $(cat "$T/err")"
hf diff fraud-detector 2 9 >"$T/out" 2>"$T/err" && fail "diff with a missing version succeeded"
grep -q "'fraud-detector' has no version 9" "$T/err" || fail "missing version: $(cat "$T/err")"
hf diff fraud-detectr >"$T/out" 2>"$T/err" && fail "diff of an unknown model succeeded"
grep -q "fraud-detector" "$T/err" || fail "unknown model without a suggestion: $(cat "$T/err")"

# 5. the registry refusing: a warning, and what is stored (v4's run was never fetched)
ctl /__faults '{"kind": "401", "route": "runs/get", "count": 5}' >/dev/null
hf diff fraud-detector 4 5 --json >"$T/d4.json" 2>"$T/err" || { cat "$T/err"; fail "diff with the registry refusing"; }
grep -q "warning: could not fetch the run of 'fraud-detector' on demand" "$T/err" || fail "no warning: $(cat "$T/err")"
assert_eq "$(jq_ "$T/d4.json" "(d['v1']['run_fetched'], d['notes'])")" \
	"(False, ['the run of v4 is not fetched yet: its metrics are unknown'])" "refused: the unfetched run said"

# 6. then an older version's run (v4) fetched on demand by diff, with its params
ctl /__reset '{}' >/dev/null
hf diff fraud-detector 4 5 --json >"$T/d4.json" 2>"$T/err" || { cat "$T/err"; fail "diff 4 5"; }
[ -s "$T/err" ] && fail "diff 4 5 warned: $(cat "$T/err")"
assert_eq "$(n runs/get)" 1 "v4's run fetched on demand"
assert_eq "$(jq_ "$T/d4.json" "(d['v1']['run_fetched'], [m['v1'] for m in d['metrics']], len(d['params']), d['notes'])")" \
	"(True, [0.84, 11.0], 2, [])" "v4 measured after the fetch"
echo "ok"
