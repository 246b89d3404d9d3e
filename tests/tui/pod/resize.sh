# resize.sh: the layout follows the terminal: 160x48 -> 80x24 -> 120x40, tabs always on the last line
. "$HF_SRCDIR/tests/tui/lib.sh"

hf_tui_start 160 48 --demo
hf_tui_wait_text "demo-pod"
hf_tui_row 47 | grep -q '^\[1\]pod \[2\]models' || fail "no tab line at row 47 of 48"
hf_tui_row 47 | grep -q '/ filter  : command  ? help$' || fail "the wide tab line lacks the hints"
hf_tui_row 1 | grep -q 'STAGE' || fail "no column headings at 160"

hf_tui_resize 80 24
hf_tui_row 23 | grep -q '^\[1\]pod \[2\]models' || fail "no tab line at row 23 of 24 after the resize"
hf_tui_row 23 | grep -q '? help$' || fail "the narrow tab line lacks '? help'"
while IFS= read -r line; do
	w=$(printf '%s' "$line" | wc -m)
	[ "$w" -le 80 ] || fail "a line is $w columns wide at 80: '$line'"
done < <(hf_tui_capture)

# selection and screen survive the round trip
hf_tui_keys j
hf_tui_resize 120 40
hf_tui_row 39 | grep -q '^\[1\]pod' || fail "no tab line at row 39 of 40"
hf_tui_keys Enter
hf_tui_row 0 | grep -q '^ doc-classifier' || fail "the selection was lost in the resizes"
hf_tui_pass
