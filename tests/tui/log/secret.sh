# secret.sh: a password in a source URL (ssh://, git+ssh://, the scp-like form, https://) is in neither the status line nor the log view (runs, notes, HANDOFF_TRACE's lines) nor the database after the TUI's failed syncs
. "$HF_SRCDIR/tests/tui/lib.sh"
. "$HF_SRCDIR/tests/lib/net.sh"

SECRET=S3CRETPW
closed=$(free_port)
mkdir -p "$HF_TUI_DIR/config/handoff"
cat >"$HF_TUI_DIR/config/handoff/config" <<EOF
[source "badport"]
	type = git
	url = ssh://tok:$SECRET@127.0.0.1:99999/pod.git
[source "closed"]
	type = git
	url = git+ssh://tok:$SECRET@127.0.0.1:$closed/pod.git
[source "scp"]
	type = git
	url = tok:$SECRET@127.0.0.1:pod.git
[source "web"]
	type = git
	url = https://tok:$SECRET@127.0.0.1:$closed/pod.git
EOF

no_secret() { # WHERE
	hf_tui_capture | grep -q "$SECRET" && fail "the password is on the screen: $1"
	return 0
}

hf_tui_env HANDOFF_TRACE=1
hf_tui_start 160 60
hf_tui__tmux send-keys r
hf_tui_wait_text "sync failed just now"
no_secret "status line"
hf_tui_keys 7
hf_tui_wait_text "SYNC RUNS"
# each failure is there, its URL without the password
for want in "'ssh://tok@127.0.0.1:99999/pod.git'" "'git+ssh://tok@127.0.0.1:$closed/pod.git'" \
	"'tok@127.0.0.1:pod.git'" "'https://127.0.0.1:$closed/pod.git'"; do
	hf_tui_capture | tr -d '\n' | grep -qF -- "$want" || fail "the log view does not show $want"
done
no_secret "log view"
# the trace lines the sync wrote, filtered down to them
hf_tui_keys /
hf_tui_type "127.0.0.1"
hf_tui_wait_text "git: connect 'https://127.0.0.1:$closed/pod.git'"
no_secret "log view, traces"
grep -a -q "$SECRET" "$HF_TUI_DIR"/handoff.db* && fail "the password is in the database"
hf_tui_stderr | grep -q "$SECRET" && fail "the password is on stderr"
hf_tui_pass
