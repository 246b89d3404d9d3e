# switch.sh: :theme switches colours at once; the selected row's colours come from the theme files
. "$HF_SRCDIR/tests/tui/lib.sh"

# the selected row (the first model, row 2) in the capture with attributes
selected_row() {
	hf_tui_capture_attrs | sed -n 3p
}

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
# dark: selected = black on cyan (SGR 30 and 46)
selected_row | grep -q $'\e\[30m' || fail "dark: the selected row is not black text"
selected_row | grep -q $'\e\[46m' || fail "dark: the selected row is not on cyan"

hf_tui_keys :
hf_tui_type "theme light"
hf_tui_keys Enter
hf_tui_row 22 | grep -q "theme 'light'" || fail "no message for the theme switch"
# light: selected = white on blue (37 and 44)
selected_row | grep -q $'\e\[44m' || fail "light: the selected row is not on blue"
selected_row | grep -q $'\e\[46m' && fail "light: the selected row is still on cyan"

# high-contrast: black on bright yellow (103)
hf_tui_keys :
hf_tui_type "theme high-contrast"
hf_tui_keys Enter
selected_row | grep -q $'\e\[103m' || fail "high-contrast: the selected row is not on bright yellow"

# an unknown theme is an error in the status line, and the colours stay
hf_tui_keys :
hf_tui_type "theme nosuch"
hf_tui_keys Enter
hf_tui_row 22 | grep -q "no theme 'nosuch'" || fail "no error for an unknown theme"
selected_row | grep -q $'\e\[103m' || fail "the colours changed after a failed switch"

# mono: attributes only (reverse), no colours at all
hf_tui_keys :
hf_tui_type "theme mono"
hf_tui_keys Enter
selected_row | grep -qE $'\e\\[([0-9]*;)*7(;[0-9]*)*m' || fail "mono: the selected row is not reversed"
hf_tui_capture_attrs | grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)' &&
	fail "mono: colours on the screen"
hf_tui_pass
