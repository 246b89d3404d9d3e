# tour.sh: a tour of every view, key and command ends with exit 0 (under ASan/LSan: no crash, no leak)
. "$HF_SRCDIR/tests/tui/lib.sh"
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[ui]\n\ttheme = light\n\tbogus = 1\n' >"$HF_TUI_DIR/config/handoff/config"
printf '[action "move-down"]\n\tkeys = j n\n[action "x"]\n\tkeys = y\n' >"$HF_TUI_DIR/config/handoff/keys"
hf_tui_start 100 30 --demo
hf_tui_wait_text "demo-pod"
hf_tui_keys j Enter C-f q 2 s s s Enter q 3 o Enter q o 4 5 j Enter q 6 Enter q 7 '?' / 
hf_tui_type sync
hf_tui_keys Enter q :
hf_tui_type "theme mono"
hf_tui_keys Enter :
hf_tui_type "theme nosuch"
hf_tui_keys Enter :
hf_tui_type "dump-screen $HF_TUI_DIR/d.txt"
hf_tui_keys Enter 1 /
hf_tui_type '!ra'
hf_tui_keys Enter
hf_tui_resize 80 24
hf_tui_keys Tab Tab BTab
hf_tui__tmux send-keys : q Enter
[ "$(hf_tui_exit_status)" = 0 ] || fail "the tour did not end with exit 0 (see stderr)"
hf_tui_pass
