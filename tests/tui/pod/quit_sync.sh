# quit_sync.sh: q during a sync stuck on a silent remote quits at once (the sync is cancelled, not waited for), terminal restored, exit 0; SIGTERM the same, 143
. "$HF_SRCDIR/tests/tui/lib.sh"
PYTHON3=${PYTHON3:-python3}

# a git remote and a registry that accept and never answer; the sync would wait 600 s for them
"$PYTHON3" "$HF_SRCDIR/tests/lib/silent_server.py" "$HF_TUI_DIR/port" "$HF_TUI_DIR/accepted" &
silent=$!
trap 'kill $silent 2>/dev/null || true; hf_tui__cleanup' EXIT
for _ in $(seq 1 300); do [ -s "$HF_TUI_DIR/port" ] && break; sleep 0.05; done
[ -s "$HF_TUI_DIR/port" ] || fail "the silent server did not start"
port=$(cat "$HF_TUI_DIR/port")
mkdir -p "$HF_TUI_DIR/config/handoff"
# wait_accepted N: until the silent server has accepted N connections (the sync is stuck on it)
wait_accepted() {
	local deadline=$((SECONDS + HF_TUI_TIMEOUT))
	until [ "$(cat "$HF_TUI_DIR/accepted" 2>/dev/null | wc -l)" -ge "$1" ]; do
		[ $SECONDS -lt $deadline ] || fail "the sync never reached the silent remote"
		sleep 0.02
	done
}

# a database that synced once (a local pod), so the TUI does not sync on open: r starts the stuck sync
GIT=${GIT:-git}
"$GIT" init -q -b main "$HF_TUI_DIR/seed"
printf '{ "name": "seed-pod", "members": [] }\n' >"$HF_TUI_DIR/seed/pod.json"
"$GIT" -C "$HF_TUI_DIR/seed" add pod.json
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$HF_TUI_DIR/seed" commit -q -m "Start the pod"
printf '[source "seed"]\n\ttype = git\n\turl = %s\n' "$HF_TUI_DIR/seed" >"$HF_TUI_DIR/config/handoff/config"
HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config XDG_DATA_HOME=$HF_TUI_DIR/data \
	XDG_CACHE_HOME=$HF_TUI_DIR/cache HANDOFF_DB=$HF_TUI_DIR/handoff.db "$HANDOFF_BIN" sync >/dev/null 2>&1 ||
	fail "the seed sync failed"

n=0
for url in "git://127.0.0.1:$port/pod.git" "http://127.0.0.1:$port/registry"; do
	case $url in git*) type=git ;; *) type=mlflow ;; esac
	printf '[source "stuck"]\n\ttype = %s\n\turl = %s\n\ttimeout = 600\n' "$type" "$url" \
		>"$HF_TUI_DIR/config/handoff/config"
	hf_tui_start 80 24
	hf_tui__tmux send-keys r
	n=$((n + 1))
	wait_accepted $n
	hf_tui_wait_text "syncing stuck"
	hf_tui__tmux send-keys q
	# within HF_TUI_TIMEOUT (10 s), not the sync's 600 s
	[ "$(hf_tui_exit_status)" = 0 ] || fail "$type: q during the sync did not quit with status 0"
	[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 0 ] || fail "$type: the terminal was left on the alternate screen"
	hf_tui_stop
	n=$(wc -l <"$HF_TUI_DIR/accepted")
done

# SIGTERM during the stuck sync: the loop restores the terminal and exits 143
hf_tui_start 80 24
hf_tui__tmux send-keys r
wait_accepted $((n + 1))
app=$(hf_tui_app_pid)
kill -TERM "$app"
[ "$(hf_tui_exit_status)" = 143 ] || fail "SIGTERM during the sync: not 143"
[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 0 ] || fail "SIGTERM: the terminal was left on the alternate screen"
# nothing of the sync reached the terminal while curses owned it (trace goes to the log view)
[ -z "$(hf_tui_stderr)" ] || fail "the sync wrote to stderr: $(hf_tui_stderr)"
kill $silent 2>/dev/null || true
hf_tui_pass
