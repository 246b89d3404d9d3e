# tabs.sh: Tab and BackTab cycle the seven views, digits jump, the command line opens views, reports errors and quits
. "$HF_SRCDIR/tests/tui/lib.sh"

# the title each view shows on its first line
expect_view() {
	hf_tui_row 0 | grep -q "^ $1" || fail "expected the '$1' view, got: $(hf_tui_row 0)"
}

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
expect_view demo-pod
for title in Models Readiness "On call" "Sprint 2026-12" Activity Log demo-pod; do
	hf_tui_keys Tab
	expect_view "$title"
done
hf_tui_keys BTab
expect_view Log
hf_tui_keys 3
expect_view Readiness
hf_tui_keys 1
expect_view demo-pod

# :view NAME, an unknown view and an unknown command are errors in the status line
hf_tui_keys :
hf_tui_type "view on-call"
hf_tui_keys Enter
expect_view "On call"
hf_tui_keys :
hf_tui_type "view nosuch"
hf_tui_keys Enter
hf_tui_assert_row 22 "no view 'nosuch'"
hf_tui_keys :
hf_tui_type "frob"
hf_tui_keys Enter
hf_tui_row 22 | grep -q "^no command ':frob'" || fail "no error for :frob"
# :sync on the demo says there is nothing to sync
hf_tui_keys :
hf_tui_type sync
hf_tui_keys Enter
hf_tui_assert_row 22 "the demo pod is built in: there is nothing to sync"
# an unbound key says so
hf_tui_keys Z
hf_tui_assert_row 22 "key Z does nothing here (? shows the keys)"
# :dump-screen writes what is on the screen, as the capture shows it
hf_tui_keys 1 :
hf_tui_type "dump-screen $HF_TUI_DIR/dump.txt"
hf_tui_keys Enter
hf_tui_row 22 | grep -q "^screen written to '" || fail "no word on :dump-screen"
diff <(sed -n 1,22p "$HF_TUI_DIR/dump.txt") <(hf_tui_capture | sed -n 1,22p) ||
	fail ":dump-screen wrote something else than the screen"
# :q quits from anywhere
hf_tui_keys 5
hf_tui__tmux send-keys : q Enter
[ "$(hf_tui_exit_status)" = 0 ] || fail ":q did not quit with 0"
hf_tui_pass
