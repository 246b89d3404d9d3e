# autosync.sh: a source's interval makes the open TUI sync by itself in the background, and the screen follows
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

hf_tui_start 80 24
hf_tui_row 0 | grep -q '^ (no pod synced yet)' || fail "synced before the interval"
# no key pressed: the sync comes after a second, and the pod appears
hf_tui_wait_text "auto-pod"
hf_tui_wait_text "synced 1 source"
hf_tui_pass
