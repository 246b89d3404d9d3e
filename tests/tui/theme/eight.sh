# eight.sh: on an 8-colour terminal (TERM=screen) the 256-colour and RGB entries of a theme degrade to the 8 colours
. "$HF_SRCDIR/tests/tui/lib.sh"

# with 256 colours the dark theme uses palette entries (dim = 245, person = #87afd7)
hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_capture_attrs | grep -q $'\e\\[38;5;' || fail "no 256-colour entries on a 256-colour terminal"
hf_tui_stop

hf_tui_env TERM=screen
hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
if hf_tui_capture_attrs | grep -qE $'\e\\[([0-9]*;)*(38|48);[25];'; then
	fail "256-colour or RGB codes on an 8-colour terminal"
fi
# still in colour: the selection is black on cyan, and the owners (#87afd7) come out white
hf_tui_capture_attrs | sed -n 3p | grep -q $'\e\\[46m' || fail "the selection lost its colour"
hf_tui_capture_attrs | sed -n 4p | grep -qE $'\e\\[37m[^\e]*li' || fail "the owners are not degraded to white"
hf_tui_pass
