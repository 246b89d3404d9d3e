# rows.sh: the pod screen of the demo pod, whole, at 80x24 and at 160x48 (goldens beside this file)
. "$HF_SRCDIR/tests/tui/lib.sh"
here=$HF_SRCDIR/tests/tui/pod

hf_tui_start 80 24 --demo
hf_tui_wait_text "demo-pod"
hf_tui_assert_screen_file "$here/rows-80x24.screen"
hf_tui_stop

hf_tui_start 160 48 --demo
hf_tui_wait_text "demo-pod"
hf_tui_assert_screen_file "$here/rows-160x48.screen"
hf_tui_pass
