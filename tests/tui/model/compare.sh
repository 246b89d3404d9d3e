# compare.sh: in a model's versions list v marks versions and = compares them side by side (deltas, SLO marks of both, differing rows marked, e hides equal rows), an older version's run fetched on demand while the screen stays usable; 80x24 and 160x48
. "$HF_SRCDIR/tests/tui/lib.sh"
here=$HF_SRCDIR/tests/tui/model

FIX=${SHARED_DIR:-$HF_SRCDIR/../shared}/fixtures/mlflow
[ -f "$FIX/MANIFEST.tsv" ] || { echo "skip: no MLflow fixtures at $FIX"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
PYTHON3=${PYTHON3:-python3}

T=$HF_TUI_DIR
. "$HF_SRCDIR/tests/lib/replay.sh"
trap 'replay_stop; hf_tui__cleanup' EXIT
replay_start "$FIX"
mlflow() {	# mlflow ENDPOINT JSON: a registry write, as a client makes it
	ctl "/api/2.0/mlflow/$1" "$2"
}
run_of() {	# the full id of a captured run, by its first 8 hex digits
	"$PYTHON3" -c "import json,sys; r=json.load(open(sys.argv[1]))['run']['info']; print(r.get('run_id') or r['run_uuid'])" \
		"$FIX/runs-get.$1.json"
}
gets() {	# how many runs/get the registry has answered since the last reset
	ctl /__stats | "$PYTHON3" -c 'import json, sys; print(json.load(sys.stdin)["requests"].get("/api/2.0/mlflow/runs/get", 0))'
}
# has TEXT: TEXT is on the screen (the capture read whole first: grep -q stopping early would break the pipe)
has() {
	grep -qF -- "$1" <<<"$(hf_tui_capture)" || fail "'$1' is not on the screen"
}
# select_version N: move the pointer in the model view to version N's row
select_version() {
	local i
	hf_tui_keys g
	for i in $(seq 1 40); do
		grep -q "^[▶>].\{1,2\}v$1 " <<<"$(hf_tui_capture)" && return 0
		hf_tui_keys j
	done
	fail "could not select v$1"
}
db=$HF_TUI_DIR/handoff.db

# the pod: fraud-detector with SLOs, and solo, registered with a single version
mkdir -p "$T/pod/models/fraud-detector" "$T/pod/models/solo"
printf '{"name": "cmp-pod", "members": [{"handle": "ana", "role": "research"}, {"handle": "raj", "role": "engineering"}]}\n' >"$T/pod/pod.json"
printf '{"registry": {"source": "registry", "name": "fraud-detector", "candidate": "challenger"},
 "owners": {"research": "ana", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.92}, {"metric": "latency_p99_ms", "op": "<=", "target": 50}]}\n' \
	>"$T/pod/models/fraud-detector/contract.json"
printf '{"registry": {"source": "registry", "name": "solo"}, "owners": {"research": "ana", "engineering": "raj"}, "slos": [{"metric": "auc", "op": ">=", "target": 0.5}]}\n' \
	>"$T/pod/models/solo/contract.json"
hf_tui_git_pod "$T/pod"
printf '[source "registry"]\n\ttype = mlflow\n\turl = %s\n' "$URL" >>"$HF_TUI_DIR/config/handoff/config"
# three newer versions on other runs and one without a run: v1 (Archived, no alias) is no longer
# one the sync fetches the run of
for r in cd0037fd f0bd964f e0c53938; do
	mlflow model-versions/create "{\"name\":\"fraud-detector\",\"source\":\"s3://x\",\"run_id\":\"$(run_of $r)\"}" >/dev/null
done
mlflow model-versions/create '{"name":"fraud-detector","source":"s3://x"}' >/dev/null
mlflow registered-models/create '{"name":"solo"}' >/dev/null
mlflow model-versions/create "{\"name\":\"solo\",\"source\":\"s3://x\",\"run_id\":\"$(run_of e0c53938)\"}" >/dev/null
HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config XDG_DATA_HOME=$HF_TUI_DIR/data \
	XDG_CACHE_HOME=$HF_TUI_DIR/cache HANDOFF_DB=$db HANDOFF_NOW=$HF_TUI_NOW "$HANDOFF_BIN" sync >"$T/sync.out" 2>&1 ||
	fail "the first sync failed: $(cat "$T/sync.out")"
v1run=$(run_of 89696e15)
[ "$(sqlite3 "$db" "SELECT count(*) FROM run_metric WHERE run_id = '$v1run'")" = 0 ] || fail "the sync fetched v1's run"

# 1. v1 marked alone, = compares it with the champion (v2); its run is fetched in the background,
# held by the registry meanwhile: the view says so and the screen stays usable
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "hold", "route": "runs/get", "count": 1}' >/dev/null
hf_tui_start 80 24
hf_tui_keys 2 /
hf_tui_type "fraud"
hf_tui_keys Enter Enter
hf_tui_wait_text "VERSIONS"
select_version 1
hf_tui_keys v
has "v1 marked: = compares it with the champion"
has "▶ •v1 "
hf_tui__tmux send-keys =
hf_tui_wait_text "run of v1: fetching"
hf_tui_assert_row 0 " fraud-detector  v2 (champion) against v1"
hf_tui_row 22 | grep -q "fetching the run of fraud-detector" || fail "the status line does not say what is fetched: $(hf_tui_row 22)"
hf_tui__tmux send-keys e
hf_tui_wait_text "equal rows hidden"
hf_tui__tmux send-keys e
hf_tui_wait_text "(marked •; e hides the equal rows)"
ctl /__release '{}' >/dev/null
hf_tui_wait_text "fetched 1 run of fraud-detector"
hf_tui_assert_hasnt "run of v1:"
hf_tui_assert_hasnt "not fetched yet"
grep -q '^ • accuracy  *0.934  *0.912  *-0.022$' <<<"$(hf_tui_capture)" || fail "v1's accuracy is not beside v2's with the delta: $(hf_tui_capture)"
[ "$(gets)" = 1 ] || fail "not exactly one runs/get for v1's run ($(gets))"

# 2. back in the versions list the mark stays; v3 marked too: = compares v1 (older, left) with v3
hf_tui_keys Escape
hf_tui_wait_text "VERSIONS"
select_version 3
hf_tui_keys v
has "v1 and v3 marked: = compares them"
hf_tui_keys =
hf_tui_wait_text "fraud-detector  v1 against v3"
hf_tui_assert_screen_file "$here/compare-80x24.screen"
# the SLOs judged on both sides, rows that differ marked, equal ones not
has " • latency_p99_ms <= 50  ✓ met 41"
grep -q '^   status  *READY  *READY$' <<<"$(hf_tui_capture)" || fail "an equal row is marked or missing"
# the selected row whole under the title, one side a line
hf_tui_assert_row 2 " v1 stage: Archived"
hf_tui_assert_row 3 " v3 stage: Staging"
# e hides the equal rows (the title says so), e again shows them
hf_tui_keys e
hf_tui_assert_hasnt "READY"
has "equal rows hidden (e shows them)"
hf_tui_keys e
has "READY"
[ "$(gets)" = 1 ] || fail "comparing versions already fetched asked the registry ($(gets) runs/get)"

# 3. a third mark drops the older one
hf_tui_keys Escape
hf_tui_wait_text "VERSIONS"
select_version 2
hf_tui_keys v
has "v2 marked, v1 unmarked (two at most): = compares v3 and v2"
[ "$(hf_tui_capture | grep -c '•v')" = 2 ] || fail "not two marked versions: $(hf_tui_capture)"

# 4. a version without a run says so (:compare names the versions)
hf_tui_keys :
hf_tui_type "compare 6 7"
hf_tui_keys Enter
hf_tui_wait_text "v6 against v7"
hf_tui_keys G
has "v7 has no run: its metrics are its numeric version tags"
hf_tui_keys Escape

# 5. the registry refusing v4's run (never fetched by the sync): said on its line and once in the
# status line; opening the view again does not ask again
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "401", "route": "runs/get", "count": 5}' >/dev/null
hf_tui_keys :
hf_tui_type "compare 4 5"
hf_tui_keys Enter
hf_tui_wait_text "run of v4: not fetched: could not fetch"
hf_tui_row 22 | grep -q "could not fetch the run of fraud-detector" || fail "the status line does not say the fetch failed: $(hf_tui_row 22)"
asked=$(gets)
[ "$asked" -ge 1 ] || fail "v4's run was not asked for"
hf_tui_keys Escape :
hf_tui_type "compare 4 5"
hf_tui_keys Enter
has "run of v4: not fetched: could not fetch"
hf_tui_row 22 | grep -q "could not fetch" && fail "the failure is said again in the status line"
[ "$(gets)" = "$asked" ] || fail "opening the view again asked the registry again ($(gets) runs/get, $asked before)"
hf_tui_keys Escape

# 6. a model with one version: a clear message, no empty screen
hf_tui_keys 2 Escape /
hf_tui_type "solo"
hf_tui_keys Enter Enter
hf_tui_wait_text "VERSIONS"
hf_tui_keys =
has "'solo' has one version (v1): nothing to compare it with"
hf_tui_stop

# 7. 160x48: the same two versions, wider columns, the descriptions whole
hf_tui_start 160 48
hf_tui_keys 2 /
hf_tui_type "fraud"
hf_tui_keys Enter Enter
hf_tui_wait_text "VERSIONS"
hf_tui_keys :
hf_tui_type "compare 1 3"
hf_tui_keys Enter
hf_tui_wait_text "fraud-detector  v1 against v3"
hf_tui_assert_screen_file "$here/compare-160x48.screen"
# registry text reaches the screen through the sanitiser: escapes in a version's description and
# tag are inert placeholders (a registered model no pod file names, its runs fetched on demand)
hf_tui_keys Escape 2 Escape a /
hf_tui_type "hostile"
hf_tui_keys Enter Enter
hf_tui_wait_text "VERSIONS"
hf_tui_keys =
hf_tui_wait_text "hostile-input-model  v1 (older) against v2 (candidate)"
has "␛[32mversion description with ANSI␛[0m"
has "␛[41m tag value with ANSI ␛[0m"
rest=$(hf_tui_capture_attrs | sed -e $'s/\e\\[[0-9;:]*m//g')
case "$rest" in
*$'\e'*) fail "a raw ESC reached the terminal: $(printf '%q' "$rest")" ;;
esac
hf_tui_stop

# 8. ASCII mode: the mark of a version is '*'
hf_tui_start 80 24 --ascii
hf_tui_keys 2 /
hf_tui_type "fraud"
hf_tui_keys Enter Enter
hf_tui_wait_text "VERSIONS"
select_version 3
hf_tui_keys v
has ">>*v3 "
hf_tui_pass
