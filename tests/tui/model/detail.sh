# detail.sh: the model view shows where the cursor is (a pointer beside the highlight) and the selected row in full (a checklist item's whole title and evidence URL), the contract's inputs and outputs, who is on call for the model now, metric numbers by one rule, and an ellipsis (~ in ASCII mode) where a row is cut; whole screens at 80x24 and 160x48 (issue 16, item 12)
. "$HF_SRCDIR/tests/tui/lib.sh"
here=$HF_SRCDIR/tests/tui/model

# has TEXT: TEXT is on the screen (the capture read whole first: grep -q stopping early would break the pipe)
has() {
	grep -qF -- "$1" <<<"$(hf_tui_capture)" || fail "'$1' is not on the screen"
}

# open_fraud: the demo pod's third model (churn-predictor, doc-classifier, fraud-detector)
open_fraud() {
	hf_tui_wait_text "demo-pod"
	hf_tui_keys j j Enter
	hf_tui_wait_text "VERSIONS"
}

hf_tui_start 80 24 --demo
open_fraud
hf_tui_assert_screen_file "$here/detail-80x24.screen"
# the cursor starts on the description: a pointer marks its row, and the lines under the summary show it whole
grep -q '^▶  Card-not-present' <<<"$(hf_tui_row 5)" || fail "no pointer on the selected description row"
hf_tui_assert_row 2 " Card-not-present fraud scorer (gradient-boosted trees) for every authorisation."
# j moves the pointer (one row at a time, headings skipped) and the detail follows
hf_tui_keys j
grep -q '^▶▸ v7' <<<"$(hf_tui_row 7)" || fail "j did not move the pointer to v7"
[ "$(hf_tui_capture | grep -c '^▶')" = 1 ] || fail "more than one pointer"
grep -q '^ v7 (candidate)  run [0-9a-f]\{32\}$' <<<"$(hf_tui_row 2)" || fail "the detail does not name v7 and its run"
hf_tui_assert_row 3 " Pruned v6; still above the latency SLO."
# one rule for a metric's numbers: every version's auc with the decimals the most precise needs (0.90, not 0.9)
grep -q 'auc 0.90  ' <<<"$(hf_tui_row 9)" || fail "v5's auc is not written as 0.90 beside 0.93"
has "   ✓ auc                 >= 0.91     measured 0.93     met"
# a checklist item: its title is cut at 80 columns (with an ellipsis), whole in the detail with its evidence URL
hf_tui_keys /
hf_tui_type "snapshots"
hf_tui_keys Enter
hf_tui_wait_text "data.sources"
hf_tui_assert_row 2 " data.sources: Training data sources, snapshots and licences documented"
hf_tui_assert_row 3 " evidence: https://git.example/demo-pod/fraud-detector/-/issues/100"
grep -q '^▶  ✓ Training data sources, snapshot… research    done by ana 2026-10-02 https:…$' <<<"$(hf_tui_capture)" ||
	fail "the selected item's row is not cut with an ellipsis at 80 columns"
hf_tui_keys Escape
hf_tui_stop

# 160x48: the whole titles fit, the inputs, outputs and who is on call show, then PgDn moves a page
hf_tui_start 160 48 --demo
open_fraud
hf_tui_assert_screen_file "$here/detail-160x48.screen"
has "   in   amount  float32  shape [1]"
has "   out  score  float32  range [0,1]"
has "   ml-serving      li until Mon 30 Nov 08:00, then raj"
hf_tui_keys NPage
[ "$(hf_tui_capture | grep -c '^▶')" = 1 ] || fail "no pointer after PgDn"
hf_tui_stop

# ASCII mode: the pointer is '>' and a cut ends in '~'
hf_tui_start 80 24 --demo --ascii
open_fraud
grep -q '^>  Card-not-present' <<<"$(hf_tui_row 5)" || fail "no ASCII pointer"
grep -q '~$' <<<"$(hf_tui_row 5)" || fail "a cut description does not end in ~ in ASCII mode"
hf_tui_pass
