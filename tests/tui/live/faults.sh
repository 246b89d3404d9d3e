# faults.sh: Prometheus refuses the TUI's sync (401): the status line and the log say so, and the model view keeps the last live values with their age
. "$HF_SRCDIR/tests/tui/lib.sh"
. "$HF_SRCDIR/tests/lib/live_pod.sh"
live_pod_tui
# synced from the command line at the frozen time, into the TUI's database
live_pod_sync
# three hours later, Prometheus asks for a login handoff does not have
prom_stop
prom_start --auth
live_pod_config "$PROM_URL"
cp "$T/config.ini" "$T/config/handoff/config"
HF_TUI_NOW=2026-11-02T12:00:00Z
hf_tui_start 100 30
hf_tui_wait_text "recommender"
hf_tui__tmux send-keys r
hf_tui_wait_text "sync: prom failed"
hf_tui_row 28 | grep -Eq "sync: prom failed: 'http://127.0.0.1:$PROM_PORT/api/v1/query(_range)?' answered 401: set 'token-env'" ||
	fail "the status line: $(hf_tui_row 28)"
# the last values stay, three hours old, and the verdict is unknown until the source answers
hf_tui_keys j j j Enter
hf_tui_wait_text "then live in production"
hf_tui_capture | grep -q "^     live ? 58 3h ago       12.0% of 7d over worst 63.99 [▁▂▃▄▅▆▇█]* source failing$" ||
	fail "ranker's kept live value"
hf_tui_keys 7
hf_tui_wait_text " prom "
hf_tui_resize 160 30
hf_tui_capture | grep " prom " | grep -q "failed .*'http://127.0.0.1:$PROM_PORT/api/v1/query\(_range\)\?' answered 401" ||
	fail "the log lacks the failed run"
hf_tui_pass
