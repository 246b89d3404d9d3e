# filter.sh: / narrows the pod screen's models as you type, a leading ! excludes, and the filter stays
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_assert_has " ranker "
hf_tui_assert_has " speech-vad "

# typing narrows at each key: "r" keeps several, "ran" only the ranker
hf_tui_keys /
hf_tui_type ran
hf_tui_assert_has " ranker "
hf_tui_assert_hasnt "speech-vad"
hf_tui_assert_hasnt "churn-predictor"
[ "$(hf_tui_rows_matching '●')" = 1 ] || fail "more than one model row shown for 'ran'"
hf_tui_row 22 | grep -q '^/ran' || fail "the prompt line does not show '/ran'"
hf_tui_keys Enter
hf_tui_row 22 | grep -q '/ran  1 shown' || fail "the status line does not name the filter"

# the filter is kept when coming back to the view
hf_tui_keys 2 1
hf_tui_assert_hasnt "speech-vad"
hf_tui_assert_has " ranker "

# a leading ! excludes what matches
hf_tui_keys /
hf_tui_keys C-u
hf_tui_type '!ranker'
hf_tui_keys Enter
hf_tui_assert_hasnt " ranker "
hf_tui_assert_has "speech-vad"
hf_tui_assert_has "fraud-detector"

# Esc while editing restores the filter that was there
hf_tui_keys / C-u
hf_tui_type zzz
hf_tui_keys Escape
hf_tui_assert_has "speech-vad"
hf_tui_assert_hasnt " ranker "
hf_tui_pass
