# dumb.sh: TERM=dumb gets a clear message pointing at the command line, and exit status 2
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_env TERM=dumb
hf_tui_start 80 24
[ "$(hf_tui_exit_status)" = 2 ] || fail "TERM=dumb did not exit with 2"
hf_tui_stderr | grep -q "TERM is 'dumb'" || fail "the message does not say why"
hf_tui_stderr | grep -q "handoff status" || fail "the message does not point at the CLI"
hf_tui_pass
