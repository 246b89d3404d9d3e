# screens.sh: live SLOs on screen: the pod screen's LIVE marks for models in production, the model view's live rows with sparklines, the on-call view's covered models
. "$HF_SRCDIR/tests/tui/lib.sh"
. "$HF_SRCDIR/tests/lib/live_pod.sh"
live_pod_tui
# synced from the command line at the frozen time, into the TUI's database
live_pod_sync

hf_tui_start 80 24
hf_tui_wait_text "recommender"
hf_tui_assert_row 1 " MODEL           STAGE   READY SLO LIVE CANDIDATE     OWNERS   BLOCKING"
hf_tui_row 2 | grep -q "^ churn-predictor .* ✓✓  ??   v3 champion" || fail "churn-predictor: $(hf_tui_row 2)"
hf_tui_row 3 | grep -q "^ doc-classifier .* ✓✓  -    v3 champion" || fail "doc-classifier (not serving): $(hf_tui_row 3)"
hf_tui_row 4 | grep -q "^ fraud-detector .* ✓✓  ✓✓   v3 champion" || fail "fraud-detector: $(hf_tui_row 4)"
hf_tui_row 5 | grep -q "^ ranker .* ✓✓  ✗✓   v3 champion" || fail "ranker: $(hf_tui_row 5)"
hf_tui_row 6 | grep -q "^ recommender .* ✓✓  ?✓   v3 champion" || fail "recommender: $(hf_tui_row 6)"

# the model view: per SLO the candidate's value, then production's, with the window's sparkline
hf_tui_keys j j j Enter
hf_tui_wait_text "then live in production"
hf_tui_assert_has "   ✓ latency_p99_ms      <= 50.0     measured 34.5     met"
hf_tui_capture | grep -q "^     live ✗ 58         12.0% of 7d over worst 63.99 [▁▂▃▄▅▆▇█]\{21\} missed$" ||
	fail "ranker's live latency row"
hf_tui_capture | grep -q "^     live ✓ 850        0.0% of 7d over  worst 850   [▁▂▃▄▅▆▇█]\{24\} met$" ||
	fail "ranker's live throughput row"

# on call: each covered model's live state, so the person on call sees what burns
hf_tui_keys 4
hf_tui_wait_text "covers"
hf_tui_assert_has "     ranker              live ✗✓    latency_p99_ms 58 > 50, 12.0% of 7d over"
hf_tui_assert_has "     fraud-detector      live ✓✓    all met"
hf_tui_assert_has "     recommender         live ?✓    latency_p99_ms NaN"
hf_tui_assert_has "     churn-predictor     live ??    latency_p99_ms no data"
hf_tui_assert_has "     doc-classifier      not serving yet (hand-off)"
# the models view: the same marks beside the offline counts
hf_tui_keys 2
hf_tui_wait_text "LIVE"
hf_tui_capture | grep -q "^ ranker .* 2/0/0     ✗✓   v3 champion" || fail "the models view's ranker row"
hf_tui_capture | grep -q "^ doc-classifier .* 2/0/0     -    v3 champion" || fail "the models view's doc-classifier row"
hf_tui_pass
