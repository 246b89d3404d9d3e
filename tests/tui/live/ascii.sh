# ascii.sh: without colours (NO_COLOR, the mono theme) and on a terminal that is not UTF-8, live marks and sparklines are plain ASCII
. "$HF_SRCDIR/tests/tui/lib.sh"
. "$HF_SRCDIR/tests/lib/live_pod.sh"
live_pod_tui
# synced from the command line at the frozen time, into the TUI's database
live_pod_sync

# shows ranker's live rows with ASCII marks and sparkline (no block characters)
check_ascii() {
	hf_tui_wait_text "recommender"
	hf_tui_row 5 | grep -q "^ ranker .* ++  x+   v3 champion" || fail "ranker's marks: $(hf_tui_row 5)"
	hf_tui_keys j j j Enter
	hf_tui_wait_text "then live in production"
	hf_tui_capture | grep -q "^     live x 58         12.0% of 7d over worst 63.99 [_.~=+*#-]\{21\} missed$" ||
		fail "ranker's live row in ASCII"
	hf_tui_capture | grep '^     live ' | LC_ALL=C grep -q '[^ -~]' && fail "live rows not in plain ASCII"
	hf_tui_stop
}

hf_tui_env NO_COLOR=1
hf_tui_start 80 24
check_ascii

# a terminal that is not UTF-8: the one rule of ASCII mode (a VT100 under LANG=C)
HF_TUI_ENV=(LANG=C TERM=vt100)
hf_tui_start 80 24
check_ascii
hf_tui_pass
