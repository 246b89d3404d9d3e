# no_color.sh: NO_COLOR=1 or --no-color draw with attributes only: the selection reversed, no colour anywhere
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_env NO_COLOR=1
hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_capture_attrs | sed -n 3p | grep -qE $'\e\\[([0-9]*;)*7(;[0-9]*)*m' || fail "the selected row is not reversed"
if hf_tui_capture_attrs | grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)'; then
	fail "colours on the screen under NO_COLOR"
fi
# :theme still answers, and says colours are off
hf_tui_keys :
hf_tui_type "theme dark"
hf_tui_keys Enter
hf_tui_row 22 | grep -q "colours are off" || fail "no word that colours are off"
hf_tui_stop

# --no-color does the same without the environment variable
HF_TUI_ENV=()
hf_tui_start 80 24 --no-color --demo
hf_tui_wait_text "demo-pod"
hf_tui_capture_attrs | sed -n 3p | grep -qE $'\e\\[([0-9]*;)*7(;[0-9]*)*m' || fail "--no-color: the selection is not reversed"
if hf_tui_capture_attrs | grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)'; then
	fail "colours on the screen with --no-color"
fi
hf_tui_pass
