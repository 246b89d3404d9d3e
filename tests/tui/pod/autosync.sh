# autosync.sh: a source's interval makes the open TUI sync by itself in the background, and the screen follows (a database synced before: no sync on open)
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}

repo=$HF_TUI_DIR/pod
mkdir -p "$repo"
"$GIT" -C "$repo" init -q -b main
printf '{ "name": "auto-pod", "members": [] }\n' >"$repo/pod.json"
"$GIT" -C "$repo" add pod.json
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$repo" commit -q -m "Start the pod"
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n\tinterval = 1\n' "$repo" \
	>"$HF_TUI_DIR/config/handoff/config"

# synced once, then the pod changes: the open TUI shows the old name until the interval
HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config XDG_DATA_HOME=$HF_TUI_DIR/data \
	XDG_CACHE_HOME=$HF_TUI_DIR/cache HANDOFF_DB=$HF_TUI_DIR/handoff.db "$HANDOFF_BIN" sync >/dev/null 2>&1 ||
	fail "the first sync failed"
printf '{ "name": "auto-pod-2", "members": [] }\n' >"$repo/pod.json"
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$repo" commit -q -am "Rename the pod"
hf_tui_start 80 24
hf_tui_row 0 | grep -q '^ auto-pod ' || fail "synced before the interval: $(hf_tui_row 0)"
# no key pressed: the sync comes after a second, and the pod appears
hf_tui_wait_text "auto-pod-2"
hf_tui_wait_text "synced 1 source"
hf_tui_pass
