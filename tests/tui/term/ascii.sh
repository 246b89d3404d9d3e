# ascii.sh: ASCII mode by --ascii and [ui] ascii = true: every view in ASCII of the same layout, the command line's text too; [ui] ascii = false keeps UTF-8 on a terminal only guessed not to be
. "$HF_SRCDIR/tests/tui/lib.sh"

no_high_bytes() { # WHAT: the screen holds nothing but ASCII
	LC_ALL=C grep -q $'[\x80-\xff]' <<<"$(hf_tui_capture)" && fail "$1: a byte that is not ASCII"
	return 0
}

# each view (and a model's, and the help), in ASCII
all_views() {
	local v
	hf_tui_wait_text "churn-predictor"
	hf_tui_assert_row 2 " churn-predictor ******* 19/19 ++  v4 champion   ana>sam  ready"
	no_high_bytes "$1: the pod screen"
	hf_tui_keys Enter
	hf_tui_wait_text "CHECKLIST"
	no_high_bytes "$1: the model view"
	hf_tui_keys Escape
	for v in 2 3 4 5 6 7 '?'; do
		hf_tui_keys "$v"
		no_high_bytes "$1: view $v"
	done
	hf_tui_stop
}

hf_tui_start 80 24 --demo --ascii
all_views "--ascii"

mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[ui]\n\tascii = true\n' >"$HF_TUI_DIR/config/handoff/config"
hf_tui_start 80 24 --demo
all_views "[ui] ascii = true"

# a VT100 without a UTF-8 locale is ASCII by itself, unless the configuration says it is UTF-8
printf '[ui]\n\tascii = false\n' >"$HF_TUI_DIR/config/handoff/config"
HF_TUI_ENV=(LANG=C TERM=vt100)
hf_tui_start 80 24 --demo
hf_tui_wait_text "churn-predictor"
hf_tui_assert_row 2 " churn-predictor ●●●●●●● 19/19 ++  v4 champion   ana→sam  ready"
hf_tui_stop

# the command line on the same VT100: its text folded too (the pane is the terminal)
rm "$HF_TUI_DIR/config/handoff/config"
hf_tui_start 120 24 --demo status
hf_tui_wait_text "sync:"
hf_tui_capture | grep -qF "blocked: Engineering reproduced the ~ sam" || fail "status on a VT100: no folded ellipsis"
no_high_bytes "status on a VT100"
hf_tui_pass
