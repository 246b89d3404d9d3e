# group.sh: the readiness view lists every open item of the demo pod by owner, o regroups by role, Enter opens the model
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 100 40 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys 3
hf_tui_row 0 | grep -q '^ Readiness   [0-9][0-9]* open items by owner   o: group by role$' ||
	fail "no readiness title: $(hf_tui_row 0)"
hf_tui_assert_row 1 "   MODEL            ITEM                        ROLE        WHY"
hf_tui_assert_row 2 " (no owner)"
# every open item of fraud-detector's SLO miss is there, with its reason
hf_tui_keys /
hf_tui_type "62 > 50"
hf_tui_keys Enter
hf_tui_capture | grep -q '^ raj$' || fail "the SLO miss is not under its owner raj"
hf_tui_capture | grep -q '^   fraud-detector   SLO latency_p99_ms <= 50    engineering latency_p99_ms 62 > 50$' ||
	fail "the SLO miss row is wrong"
# grouped by role, the same row sits under "engineering" with its owner
hf_tui_keys o
hf_tui_row 0 | grep -q 'by role   o: group by owner$' || fail "o did not regroup"
hf_tui_capture | grep -q '^ engineering$' || fail "no engineering group"
hf_tui_capture | grep -q '^   fraud-detector .* raj  *latency_p99_ms 62 > 50$' || fail "the row lacks its owner"
hf_tui_keys Enter
hf_tui_row 0 | grep -q '^ fraud-detector' || fail "Enter did not open the model"
hf_tui_pass
