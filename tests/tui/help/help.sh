# help.sh: ? lists every action with its keys, / searches the help, q clears the search then goes back
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys '?'
hf_tui_assert_row 0 " Help   / searches, q or Esc goes back"
hf_tui_assert_has " j <Down>        move-down       Select the next row"
hf_tui_assert_has " KEYS"
# searching narrows the help to what matches, the heading stays with its rows
hf_tui_keys /
hf_tui_type sync
hf_tui_keys Enter
hf_tui_assert_has " r               sync            Sync every source now, in the background"
hf_tui_assert_has " :sync "
hf_tui_assert_hasnt "move-down"
# q clears the search first, then goes back to the pod screen
hf_tui_keys q
hf_tui_assert_has "move-down"
hf_tui_row 0 | grep -q '^ Help' || fail "q with a search left the help"
hf_tui_keys q
hf_tui_row 0 | grep -q '^ demo-pod' || fail "q did not leave the help"
hf_tui_pass
