# stale.sh: a model whose registry could not be synced says so in its view (STALE DATA: the source, its error with the URL, the age of what is shown), not "not in the registry" (issue 16, item 5)
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}
PYTHON3=${PYTHON3:-python3}
T=$HF_TUI_DIR/work
mkdir -p "$T"
. "$HF_SRCDIR/tests/lib/replay.sh"
. "$HF_SRCDIR/tests/lib/e2e_pod.sh"
trap 'replay_stop; hf_tui__cleanup' EXIT

e2e_registry "$T/fix"
replay_start "$T/fix"
e2e_pod "$T/pod"
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n\ttimeout = 1\n' \
	"$T/pod" "$URL" >"$HF_TUI_DIR/config/handoff/config"
hf() {
	HANDOFF_DB=$HF_TUI_DIR/handoff.db HANDOFF_NOW=$HF_TUI_NOW "$HANDOFF_BIN" "$@"
}
hf sync >/dev/null 2>&1 || fail "the first sync failed"
# the registry goes away; its next sync fails and the view keeps what it had
replay_stop
if hf sync registry >/dev/null 2>&1; then fail "a sync of a stopped registry succeeded"; fi

hf_tui_start 80 24
hf_tui_wait_text "ready-model"
# one-missing, ready-model, ...: the second row
hf_tui_keys j Enter
hf_tui_wait_text "STALE DATA"
screen=$(hf_tui_capture)
grep -q "^ STALE DATA (the last sync of a source failed)$" <<<"$screen" || fail "no STALE DATA heading"
grep -q "^▶  registry 'registry' could not be synced 2026-11-29 10:00 (just now): cannot …$" <<<"$screen" ||
	fail "the stale row does not name the registry and its failure"
grep -q "^     shown as of its last good sync, 2026-11-29 10:00 (just now)$" <<<"$screen" ||
	fail "the stale row does not say how old the data is"
# the selected stale row whole over the two lines under the summary: the error with its URL
[ "$(hf_tui_row 2)" = " registry 'registry' could not be synced 2026-11-29 10:00 (just now): cannot fe" ] ||
	fail "the first detail line is not the failure's start: $(hf_tui_row 2)"
grep -q "^ tch 'http://127.0.0.1:$PORT/api/2.0/mlflow/.*…$" <<<"$(hf_tui_row 3)" ||
	fail "the second detail line does not go on with the URL: $(hf_tui_row 3)"
# what the last good sync stored is still shown
grep -q "v2    champion" <<<"$screen" || fail "the stored versions are gone"
hf_tui_pass
