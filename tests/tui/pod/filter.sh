# filter.sh: / narrows the pod screen's models as you type, a leading ! excludes, the filter stays; Esc or q clears it (q does not quit a filtered pod screen) and help says so
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
hf_tui_row 22 | grep -q '/ran  1 shown (Esc clears)' || fail "the status line does not name the filter and how to clear it"

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

# Esc on a filtered list clears the filter and stays on the view
hf_tui_keys Escape
hf_tui_assert_has " ranker "
hf_tui_assert_has "speech-vad"
hf_tui_assert_has "filter cleared"
hf_tui_assert_hasnt "shown (Esc clears)"

# q on a filtered pod screen clears the filter instead of quitting; a second q quits
hf_tui_keys /
hf_tui_type fra
hf_tui_keys Enter
hf_tui_assert_hasnt "speech-vad"
hf_tui_keys q
hf_tui_assert_has "demo-pod"
hf_tui_assert_has "speech-vad"
hf_tui_assert_has "fraud-detector"

# help says how
hf_tui_resize 120 24
hf_tui_keys '?'
hf_tui_assert_has "Clear the filter, else go back a view"
hf_tui_assert_has "Clear the filter, else go back; on the pod screen, quit"
hf_tui_assert_has "Filter as you type (Esc clears, a leading ! excludes)"
hf_tui_keys Escape
hf_tui_keys q
[ "$(hf_tui_exit_status)" = 0 ] || fail "q on the unfiltered pod screen does not quit with 0"
hf_tui_pass
