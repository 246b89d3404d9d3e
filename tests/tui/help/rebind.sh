# rebind.sh: ~/.config/handoff/keys rebinds an action; the help shows the new keys; a bad entry is a warning in the log
. "$HF_SRCDIR/tests/tui/lib.sh"

mkdir -p "$HF_TUI_DIR/config/handoff"
cat >"$HF_TUI_DIR/config/handoff/keys" <<'KEYS'
[action "move-down"]
	keys = n <Down>
[action "nosuch"]
	keys = x
KEYS
hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_row 22 | grep -q '^1 problem in .*/handoff/keys (see the log, 7)' || fail "no word on the bad entry"
# n moves down now; j no longer does
hf_tui_keys n Enter
hf_tui_row 0 | grep -q '^ doc-classifier' || fail "n did not move down"
hf_tui_keys q j
hf_tui_assert_row 22 "key j does nothing here (? shows the keys)"
hf_tui_keys '?'
hf_tui_assert_has " n <Down>        move-down       Select the next row"
hf_tui_keys q 7
hf_tui_capture | tr -d "\n" | grep -q "warning .*keys: action.nosuch.keys: no such" || fail "the bad entry is not in the log"
hf_tui_pass
