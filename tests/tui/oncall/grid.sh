# grid.sh: the on-call view of the demo: now and next per rotation, the two-week grid, an override shown with its reason
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys 4
hf_tui_assert_row 0 " On call   2 rotations, times in UTC"
hf_tui_assert_row 1 " ml-serving   Europe/Berlin, 1w shifts"
hf_tui_assert_row 2 "   now   li      Mon 23 Nov 08:00 → Mon 30 Nov 08:00"
hf_tui_assert_row 3 "   next  raj     Mon 30 Nov 08:00 → Mon 07 Dec 08:00"
# restricted to office hours: nobody on a Sunday
hf_tui_assert_row 6 "   now   nobody"
hf_tui_assert_row 10 "              Su  Mo  Tu  We  Th  Fr  Sa  Su  Mo  Tu  We  Th  Fr  Sa"
hf_tui_assert_row 11 "              29  30  01  02  03  04  05  06  07  08  09  10  11  12"
hf_tui_assert_row 12 " ml-serving   li  raj raj raj raj raj raj raj sam sam sam sam sam sam"
hf_tui_assert_row 13 " research-on… ·   ana ana ana ana ana ·   ·   li  li  li  li  li  ·"
# the filter narrows to the rotations' rows that name someone
hf_tui_keys /
hf_tui_type sam
hf_tui_keys Enter
hf_tui_assert_hasnt "   now   li "
hf_tui_stop

# on Christmas Eve the override holds, with its reason
HF_TUI_NOW=2026-12-24T12:00:00Z
hf_tui_start 120 30 --demo
hf_tui_wait_text "demo-pod"
hf_tui_row 0 | grep -q 'on call: sam' || fail "the pod screen does not show sam on call"
hf_tui_keys 4
hf_tui_capture | grep -q '^   now   sam .*override: holiday swap: raj is off over Christmas' ||
	fail "the override is not shown with its reason"
hf_tui_pass
