# live_sync.sh: while a sync hangs on a stalled registry the screen stays live (views switch), the status line shows the sync, then its failure
. "$HF_SRCDIR/tests/tui/lib.sh"

FIX=${SHARED_DIR:-$HF_SRCDIR/../shared}/fixtures/mlflow
[ -f "$FIX/MANIFEST.tsv" ] || { echo "skip: no MLflow fixtures at $FIX"; exit 77; }
PYTHON3=${PYTHON3:-python3}

# the loopback registry (tests/lib/replay.sh), stopped with the test
T=$HF_TUI_DIR
. "$HF_SRCDIR/tests/lib/replay.sh"
trap 'replay_stop; hf_tui__cleanup' EXIT
replay_start "$FIX"
url=$URL
# synced once (so the TUI does not sync on open), then the next search answers 5 bytes
# and then nothing for 30 s; the client gives up after 3
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "registry"]\n\ttype = mlflow\n\turl = %s\n\ttimeout = 3\n' "$url" \
	>"$HF_TUI_DIR/config/handoff/config"
HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config XDG_DATA_HOME=$HF_TUI_DIR/data \
	XDG_CACHE_HOME=$HF_TUI_DIR/cache HANDOFF_DB=$HF_TUI_DIR/handoff.db "$HANDOFF_BIN" sync >/dev/null 2>&1 ||
	fail "the first sync failed"
"$PYTHON3" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/__faults", method="POST",
    data=b"{\"kind\": \"stall\", \"route\": \"registered-models/search\", \"count\": 1, \"seconds\": 30}",
    headers={"Content-Type": "application/json"})).read()' "$url"

hf_tui_start 80 24
hf_tui__tmux send-keys r
hf_tui_wait_text "syncing registry"
# the sync hangs, the screen does not: views switch while it runs
hf_tui__tmux send-keys 2
hf_tui_wait_text " Models   "
hf_tui__tmux send-keys '?'
hf_tui_wait_text " Help   / searches"
hf_tui_row 22 | grep -q "syncing registry" || fail "the status line does not show the sync: $(hf_tui_row 22)"
# then it gives up, says so, and the log has the run
hf_tui_wait_text "sync: registry failed"
hf_tui_keys q 7
hf_tui_capture | grep -q ' registry  *mlflow  *failed ' || fail "the log lacks the failed run"
hf_tui_pass
