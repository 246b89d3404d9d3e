# sort.sh: s sorts the models view by stage, readiness, open blockers, missed SLOs and back to name
. "$HF_SRCDIR/tests/tui/lib.sh"

# the model names down the list, one line
names() {
	hf_tui_capture | sed -n '3,9p' | awk 'NF { print $1 }' | tr '\n' ' '
}

hf_tui_start 100 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys 2
hf_tui_assert_has " EVIDENCE "
hf_tui_assert_hasnt "SCORE"
# the pod's models; a adds the registry's (image-embedder has no pod files)
[ "$(names)" = "churn-predictor doc-classifier fraud-detector query-rewriter ranker speech-vad " ] ||
	fail "the pod's models: $(names)"
hf_tui_keys a
hf_tui_row 0 | grep -q 'by name (s sorts)$' || fail "not sorted by name at first"
[ "$(names)" = "churn-predictor doc-classifier fraud-detector image-embedder query-rewriter ranker speech-vad " ] ||
	fail "name order: $(names)"
hf_tui_keys s
hf_tui_row 0 | grep -q 'by stage (s sorts)$' || fail "s did not sort by stage"
[ "$(names)" = "churn-predictor ranker query-rewriter fraud-detector doc-classifier speech-vad image-embedder " ] ||
	fail "stage order: $(names)"
hf_tui_keys s s
[ "$(names)" = "image-embedder speech-vad doc-classifier fraud-detector query-rewriter ranker churn-predictor " ] ||
	fail "blocker order: $(names)"
hf_tui_keys s
hf_tui_row 0 | grep -q 'by missed SLOs (s sorts)$' || fail "s did not sort by missed SLOs"
hf_tui_row 2 | grep -q '^ fraud-detector ' || fail "a model missing an SLO is not first"
# the first row is selected after a sort; Enter opens it
hf_tui_keys Enter
hf_tui_row 0 | grep -q '^ fraud-detector' || fail "Enter did not open the first row"
hf_tui_keys q s
[ "$(names)" = "churn-predictor doc-classifier fraud-detector image-embedder query-rewriter ranker speech-vad " ] ||
	fail "s did not come back to names: $(names)"
hf_tui_keys a
[ "$(names)" = "churn-predictor doc-classifier fraud-detector query-rewriter ranker speech-vad " ] ||
	fail "a again: the pod's models only: $(names)"
# from the pod screen, the line about the registry's models opens them
hf_tui_keys 1
hf_tui_wait_text "1 registered model not in the pod (a: list it)"
hf_tui_keys a
hf_tui_row 0 | grep -q '^ Models' || fail "a on the pod screen did not open the models"
[ "$(names)" = "churn-predictor doc-classifier fraud-detector image-embedder query-rewriter ranker speech-vad " ] ||
	fail "a on the pod screen: every model: $(names)"
hf_tui_pass
