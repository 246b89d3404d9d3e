# signal.sh: every way the TUI can be killed leaves the terminal restored (out of the alternate screen): a hangup (SSH gone) and an abort die the default death, SIGINT, SIGQUIT and SIGTERM exit 128 + the signal through the loop
# five starts of the app: a loaded machine gets a longer bound on each wait (an upper bound, not a sleep)
HF_TUI_TIMEOUT=${HF_TUI_TIMEOUT:-30}
. "$HF_SRCDIR/tests/tui/lib.sh"

for sig in HUP INT QUIT TERM ABRT; do
	hf_tui_start 80 24 --demo
	hf_tui_wait_text "demo-pod"
	[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 1 ] || fail "$sig: the TUI is not on the alternate screen"
	app=$(hf_tui_app_pid)
	kill -"$sig" "$app"
	want=$((128 + $(kill -l "$sig")))
	[ "$(hf_tui_exit_status)" = "$want" ] || fail "SIG$sig: the app did not exit with $want"
	[ "$(hf_tui__tmux display -p '#{alternate_on}')" = 0 ] || fail "SIG$sig: the terminal was left on the alternate screen"
	hf_tui_stop
done
hf_tui_pass
