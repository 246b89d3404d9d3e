# sync.sh: a database that never synced syncs on first open; the log view counts failed runs, wraps between words, writes times as 'YYYY-MM-DD HH:MM'; r syncs every source in the background; the screen refreshes when it ends; a failure goes to the status line and the log
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}

# a pod repository with just pod.json, and a second source that cannot be reached
repo=$HF_TUI_DIR/pod
mkdir -p "$repo"
"$GIT" -C "$repo" init -q -b main
cat >"$repo/pod.json" <<'JSON'
{ "name": "sync-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"} ] }
JSON
"$GIT" -C "$repo" add pod.json
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$repo" commit -q -m "Start the pod"
# with no configuration, r says where sources go
hf_tui_start 160 24
hf_tui_assert_row 2 "   No models yet: add a [source] to the configuration and press r,"
hf_tui_assert_row 3 "   or try the built-in demo pod: handoff --demo"
hf_tui_keys r
hf_tui_row 22 | grep -q '^no sources to sync: add \[source "NAME"\] to .*/handoff/config' ||
	fail "no word on r without sources: $(hf_tui_row 22)"
hf_tui_stop

mkdir -p "$HF_TUI_DIR/config/handoff"
cat >"$HF_TUI_DIR/config/handoff/config" <<EOF2
[source "pod"]
	type = git
	url = $repo
[source "gone"]
	type = git
	url = $HF_TUI_DIR/no-such-repo
EOF2

# the database never synced: the first open syncs by itself, no key pressed
hf_tui_start 80 24
hf_tui_wait_text "sync-pod"
hf_tui_wait_text "sync: gone failed"
hf_tui_row 0 | grep -q 'sync failed just now$' || fail "the header does not say the sync failed"
hf_tui_assert_hasnt "add a [source]"
# synced, without a model, one source failed: say where to look
hf_tui_assert_has "No models yet: the last sync failed (the log, 7, says why);"
# r syncs again: a pod renamed in a new commit shows
sed -i 's/"sync-pod"/"sync-pod-2"/' "$repo/pod.json"
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$repo" commit -q -am "Rename the pod"
hf_tui__tmux send-keys r
hf_tui_wait_text "sync-pod-2"
# the log view has both runs and names the missing repository
hf_tui_keys 7
hf_tui_wait_text "SYNC RUNS"
hf_tui_capture | grep -q ' pod  *git  *ok ' || fail "the log lacks the pod source's run"
hf_tui_capture | grep -q ' gone  *git  *failed ' || fail "the log lacks the failed run"
# the message is wrapped under its run, whole, between words: the path is on one line
hf_tui_capture | tr -d '\n' | grep -q "no-such-repo" || fail "the log does not name the missing repository"
hf_tui_capture | grep -qF "$HF_TUI_DIR/no-such-repo" || fail "the missing repository's path is cut mid-word"
# the head counts the failed runs apart from the errors in files; times as the other views write them
hf_tui_assert_row 0 " Log   4 sync runs, 2 failed; 0 errors and 0 warnings in files"
hf_tui_capture | grep -q '^ 2026-11-29 10:00  *pod  *git  *ok' || fail "a run's time is not 'YYYY-MM-DD HH:MM'"
hf_tui_pass
