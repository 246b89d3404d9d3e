# click.sh: a click selects a row or a tab, the wheel scrolls (xterm X10 mouse reports typed into the pane)
. "$HF_SRCDIR/tests/tui/lib.sh"

# mouse BUTTON X Y: one report at 0-based column X, row Y (button 0 press, 3 release, 64/65 wheel)
mouse() {
	local b=$(($1 + 32)) x=$(($2 + 33)) y=$(($3 + 34 - 1))
	printf '\e[M%b%b%b' "\\$(printf '%03o' "$b")" "\\$(printf '%03o' "$x")" "\\$(printf '%03o' "$y")"
}
# click X Y: press and release, waiting for the frame the press draws
click() {
	local f
	f=$(hf_tui_frame)
	hf_tui__tmux send-keys -l "$(mouse 0 "$1" "$2")$(mouse 3 "$1" "$2")"
	hf_tui_wait_frame "$f"
}
wheel() {
	local f
	f=$(hf_tui_frame)
	hf_tui__tmux send-keys -l "$(mouse "$1" 10 10)"
	hf_tui_wait_frame "$f"
}

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
# the fourth model row (screen row 5) is query-rewriter
click 5 5
hf_tui_keys Enter
hf_tui_row 0 | grep -q '^ query-rewriter' || fail "the click did not select query-rewriter"
hf_tui_keys q

# a click on [5]sprint in the bottom line switches to the sprint view
x=$(hf_tui_row 23 | "${PYTHON3:-python3}" -c 'import sys; print(sys.stdin.read().index("[5]sprint") + 2)')
click "$x" 23
hf_tui_row 0 | grep -q '^ Sprint 2026-12' || fail "the click on the tab did not open the sprint"

# the wheel scrolls the help (longer than the screen) and back
hf_tui_keys '?'
hf_tui_assert_row 1 " KEYS"
wheel 65
[ "$(hf_tui_row 1)" != " KEYS" ] || fail "the wheel did not scroll down"
wheel 64
hf_tui_assert_row 1 " KEYS"
hf_tui_pass
