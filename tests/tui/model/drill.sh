# drill.sh: Enter on a model of the pod screen opens its detail (its evidence score names the weakest category); q comes back to the same row
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 100 30 --demo
hf_tui_wait_text "demo-pod"
# the third model row (sorted by name: churn-predictor, doc-classifier, fraud-detector)
hf_tui_keys j j
hf_tui_keys Enter
hf_tui_wait_text "VERSIONS"
hf_tui_row 0 | grep -q '^ fraud-detector  ●' || fail "the detail's title is not fraud-detector"
hf_tui_assert_has "SLOS (candidate against the contract)"
hf_tui_assert_has "CHECKLIST"
hf_tui_assert_has "latency_p99_ms"
# the score explains itself: what it measures and the category that limits it
hf_tui_capture | grep -Eq 'evidence [0-9]+% \(weakest: [a-z]+\)' || fail "the model view does not name the weakest category"
# the tab of the view it came from stays lit; q goes back
hf_tui_keys q
hf_tui_wait_text "BLOCKING"
hf_tui_row 0 | grep -q '^ demo-pod' || fail "q did not come back to the pod screen"
# back on the same row: Enter opens fraud-detector again
hf_tui_keys Enter
hf_tui_row 0 | grep -q '^ fraud-detector' || fail "the selection moved while in the detail"
# Esc goes back too, and q on the pod screen quits with status 0
hf_tui_keys Escape
hf_tui_row 0 | grep -q '^ demo-pod' || fail "Esc did not go back"
hf_tui__tmux send-keys q
[ "$(hf_tui_exit_status)" = 0 ] || fail "q on the pod screen did not quit with 0"
hf_tui_pass
