# notes_filter.sh: the log view keeps its own copy of this session's notes: more notes after it loaded (a theme's warnings), then the / filter, read no freed memory
. "$HF_SRCDIR/tests/tui/lib.sh"

mkdir -p "$HF_TUI_DIR/config/handoff/themes"
printf '[ui]\n\tbogus = 1\n' >"$HF_TUI_DIR/config/handoff/config"
# ten warnings: the notes array grows past its first 8 slots while the log view shows it
{
	echo "# noisy.theme: a theme with ten bad keys"
	echo "[color]"
	for i in 0 1 2 3 4 5 6 7 8 9; do
		printf '\tnorole%s = red\n' "$i"
	done
} >"$HF_TUI_DIR/config/handoff/themes/noisy.theme"

hf_tui_start 160 48 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys 7
hf_tui_wait_text " THIS SESSION (configuration, keys and theme)"
[ "$(hf_tui_rows_matching "ui.bogus")" = 1 ] || fail "the configuration's warning is not in the log"

hf_tui_keys :
hf_tui_type "theme noisy"
hf_tui_keys Enter
hf_tui_wait_text "norole0"
# the filter matches every row, notes included, against the notes it loaded
hf_tui_keys /
hf_tui_type "warning"
hf_tui_stderr | grep -q "AddressSanitizer" && fail "the filter read freed memory"
[ "$(hf_tui__tmux display -p '#{pane_dead}')" = 1 ] && fail "the app died on the filter"
hf_tui_wait_text "ui.bogus"
# the notes that came after the log loaded show when it is opened again
hf_tui_keys Escape 1 7
hf_tui_wait_text "no such colour role"
[ "$(hf_tui_rows_matching "norole")" -ge 10 ] || fail "the theme's ten warnings are not in the reopened log"
hf_tui_pass
