# board.sh: the sprint view: board by status, capacity bars (over capacity flagged), burndown; CJK and emoji titles keep columns aligned
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}

repo=$HF_TUI_DIR/pod
mkdir -p "$repo/sprints"
"$GIT" -C "$repo" init -q -b main
cat >"$repo/pod.json" <<'JSON'
{ "name": "wide-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"} ] }
JSON
cat >"$repo/sprints/2026-12.json" <<'JSON'
{ "id": "2026-12", "name": "December joint sprint", "start": "2026-11-23", "end": "2026-12-11",
  "goal": "ranker into serving",
  "capacity": {"ana": 8, "raj": 4},
  "items": [
    {"id": "S-1", "title": "Quantize ranker to int8", "kind": "engineering", "owner": "raj", "points": 3, "status": "doing"},
    {"id": "S-2", "title": "量化排序模型到 int8 并验证质量回归", "kind": "engineering", "owner": "raj", "points": 2, "status": "todo"},
    {"id": "S-3", "title": "Café: détection des fraudes", "kind": "research", "owner": "ana", "points": 3, "status": "done"},
    {"id": "S-4", "title": "🚀 Ship the 检测 model", "kind": "shared", "owner": "ana", "points": 2, "status": "blocked", "blocked_by": "S-1"},
    {"id": "S-5", "title": "短", "kind": "research", "owner": "ana", "points": 1, "status": "todo"} ] }
JSON
"$GIT" -C "$repo" add -A
GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
	GIT_COMMITTER_EMAIL=ana@pod.example "$GIT" -C "$repo" commit -q -m "Plan the sprint"
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$repo" >"$HF_TUI_DIR/config/handoff/config"

hf_tui_start 100 48
hf_tui_keys r
hf_tui_wait_text "wide-pod"
hf_tui_keys 5
hf_tui_row 0 | grep -q '^ Sprint 2026-12  December joint sprint  2026-11-23 → 2026-12-11  3/11 pts, 13 days left' ||
	fail "the sprint's title line is wrong: $(hf_tui_row 0)"
hf_tui_assert_has " blocked (1 item, 2 pts)"
hf_tui_assert_has " doing (1 item, 3 pts)"
hf_tui_assert_has " todo (2 items, 3 pts)"
hf_tui_assert_has " done (1 item, 3 pts)"
hf_tui_assert_has "by S-1"
hf_tui_capture | grep -q '^   raj .*5/4  over capacity$' || fail "raj is not shown over capacity"
hf_tui_capture | grep -q '^   ana .*6/8$' || fail "ana's capacity bar is missing"
hf_tui_assert_has " BURNDOWN"
[ "$(hf_tui_rows_matching ' │')" -ge 8 ] || fail "no burndown chart"

# the owner column starts at the same display column on every item row,
# whatever the script of the title before it (CJK and emoji are 2 columns)
owner_columns() {
	hf_tui_capture | grep -E '^   S-[0-9]' | "${PYTHON3:-python3}" -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
for line in sys.stdin:
    line = line.rstrip("\n")
    for who in (" raj ", " ana "):
        i = line.find(who)
        if i >= 0:
            print(width(line[:i]))
            break
' | sort -u
}
cols=$(owner_columns)
[ "$(echo "$cols" | wc -l)" = 1 ] || fail "owner columns differ: $(echo $cols) in $(hf_tui_capture | grep -E '^   S-')"
hf_tui_assert_has "量化排序模型到 int8 并验…"
hf_tui_assert_has "🚀 Ship the 检测 model"

# wider, the titles are whole and the columns still line up
hf_tui_resize 160 48
hf_tui_assert_has "量化排序模型到 int8 并验证质量回归 "
cols=$(owner_columns)
[ "$(echo "$cols" | wc -l)" = 1 ] || fail "owner columns differ at 160: $(echo $cols)"
hf_tui_pass
