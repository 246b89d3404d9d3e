# signal.sh: a hangup (SSH gone) leaves the terminal restored: out of the alternate screen, then the default death
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 1 ] || fail "the TUI is not on the alternate screen"
app=$(hf_tui_app_pid)
kill -HUP "$app"
[ "$(hf_tui_exit_status)" = 129 ] || fail "the app did not die of SIGHUP"
[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 0 ] || fail "the terminal was left on the alternate screen"
hf_tui_pass
