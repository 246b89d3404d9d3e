# config.sh: [ui] theme picks the theme at start; a user's own theme in ~/.config/handoff/themes works, its bad key is a warning naming the file
. "$HF_SRCDIR/tests/tui/lib.sh"

selected_row() {
	hf_tui_capture_attrs | sed -n 3p
}

mkdir -p "$HF_TUI_DIR/config/handoff/themes"
printf '[ui]\n\ttheme = high-contrast\n' >"$HF_TUI_DIR/config/handoff/config"
hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
selected_row | grep -q $'\e\[103m' || fail "[ui] theme = high-contrast was not applied"
hf_tui_stop

cat >"$HF_TUI_DIR/config/handoff/themes/mine.theme" <<'THEME'
# mine.theme: a user's theme
[color]
	selected = white magenta
	title = bold nosuchcolour
THEME
printf '[ui]\n\ttheme = mine\n' >"$HF_TUI_DIR/config/handoff/config"
hf_tui_start 160 24 --demo
hf_tui_wait_text "demo-pod"
selected_row | grep -q $'\e\[45m' || fail "the user's theme was not applied"
hf_tui_row 22 | grep -q "mine.theme: color.title: 'nosuchcolour' is not a colour" ||
	fail "no warning naming the theme file and key: $(hf_tui_row 22)"
# and it stays in the log view, with the configuration's own warnings
printf '[ui]\n\ttheme = mine\n\tbogus = 1\n' >"$HF_TUI_DIR/config/handoff/config"
hf_tui_stop
hf_tui_start 160 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys 7
hf_tui_assert_has " THIS SESSION (configuration, keys and theme)"
hf_tui_capture | grep -q "warning  .*mine.theme: color.title: 'nosuchcolour' is not a colour" ||
	fail "the theme's warning is not in the log"
hf_tui_capture | grep -q "warning  .*config.*ui.bogus" || fail "the config's warning is not in the log"
hf_tui_pass
