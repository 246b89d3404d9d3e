# fetch_run.sh: opening a model the pod does not name fetches its runs in the background (one runs/get): the view says it is fetching, the screen stays live, then the figures
. "$HF_SRCDIR/tests/tui/lib.sh"

FIX=${SHARED_DIR:-$HF_SRCDIR/../shared}/fixtures/mlflow
[ -f "$FIX/MANIFEST.tsv" ] || { echo "skip: no MLflow fixtures at $FIX"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
PYTHON3=${PYTHON3:-python3}

T=$HF_TUI_DIR
. "$HF_SRCDIR/tests/lib/replay.sh"
trap 'replay_stop; hf_tui__cleanup' EXIT
replay_start "$FIX"

db=$HF_TUI_DIR/handoff.db
# a registry and no pod: no model is the pod's, so the sync fetches no run
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "registry"]\n\ttype = mlflow\n\turl = %s\n' "$URL" >"$HF_TUI_DIR/config/handoff/config"
HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config XDG_DATA_HOME=$HF_TUI_DIR/data \
	XDG_CACHE_HOME=$HF_TUI_DIR/cache HANDOFF_DB=$db HANDOFF_NOW=$HF_TUI_NOW "$HANDOFF_BIN" sync >/dev/null 2>&1 ||
	fail "the first sync failed"
model="team-a/ranker v2 (50% traffic) it's"
run=$(sqlite3 "$db" "SELECT run_id FROM reg_version WHERE model = 'team-a/ranker v2 (50% traffic) it''s' AND version = '1'")
[ -n "$run" ] || fail "the ranker's champion has no run"
[ "$(sqlite3 "$db" "SELECT count(*) FROM run_metric WHERE run_id = '$run'")" = 0 ] || fail "the sync fetched the run"
# the runs/get is held until released: the view shows the fetch under way
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "hold", "route": "runs/get", "count": 1}' >/dev/null

hf_tui_start 120 30
hf_tui_keys 2 a /
hf_tui_type "ranker"
hf_tui_keys Enter
hf_tui_wait_text "ranker v2"
hf_tui__tmux send-keys Enter
hf_tui_wait_text "run of v1: fetching"
hf_tui_row 28 | grep -q "fetching the run of $model" || fail "the status line does not say what is fetched: $(hf_tui_row 28)"
# the screen stays live meanwhile
hf_tui__tmux send-keys '?'
hf_tui_wait_text " Help   / searches"
hf_tui__tmux send-keys q
hf_tui_wait_text "VERSIONS"
ctl /__release '{}' >/dev/null
# then the figures: the champion's run metrics on its version row, and nothing left to fetch
hf_tui_wait_text "fetched 1 run of"
hf_tui_assert_hasnt "run of v1:"
m=$(sqlite3 "$db" "SELECT key || ' ' || value FROM run_metric WHERE run_id = '$run' ORDER BY key LIMIT 1")
[ -n "$m" ] || fail "the run's metrics were not stored"
hf_tui_capture | grep -F "champion" | grep -qF "$m" || fail "the champion's row lacks its run's metric '$m'"
stats=$(ctl /__stats)
gets=$(printf '%s' "$stats" | "$PYTHON3" -c 'import json, sys; s = json.load(sys.stdin); print(s["requests"].get("/api/2.0/mlflow/runs/get", 0), s["total"])')
[ "$gets" = "1 1" ] || fail "the registry saw '$gets' (runs/get, all requests), not exactly one runs/get"
# opened again: nothing more is fetched
hf_tui_keys q Enter
hf_tui_wait_text "VERSIONS"
gets=$(ctl /__stats | "$PYTHON3" -c 'import json, sys; print(json.load(sys.stdin)["total"])')
[ "$gets" = 1 ] || fail "opening it again made requests ($gets in all)"
hf_tui_pass
