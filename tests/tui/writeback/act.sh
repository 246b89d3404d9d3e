# act.sh: tick, move and override from the views that show them: the prompt shows the change and the commit message, the screen marks them pending, :push lands them; read-only hides the keys
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}

repo=$HF_TUI_DIR/work
bare=$HF_TUI_DIR/pod.git
mkdir -p "$repo/models/fraud-detector" "$repo/sprints" "$repo/oncall"
cat >"$repo/pod.json" <<'JSON'
{ "name": "act-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"} ] }
JSON
cat >"$repo/models/fraud-detector/contract.json" <<'JSON'
{ "owners": {"research": "ana", "engineering": "raj"},
  "slos": [ {"metric": "auc", "op": ">=", "target": 0.9} ] }
JSON
printf '{\n  "items": {\n    "repro.training": {"state": "done", "by": "ana", "at": "2026-11-01"}\n  }\n}\n' \
	>"$repo/models/fraud-detector/readiness.json"
cat >"$repo/sprints/2026-12.json" <<'JSON'
{ "id": "2026-12", "name": "December", "start": "2026-11-23", "end": "2026-12-11",
  "capacity": {"ana": 8, "raj": 8},
  "items": [ {"id": "S-1", "title": "Retrain", "kind": "research", "owner": "ana", "points": 3, "status": "doing"},
             {"id": "S-2", "title": "Load-test the challenger", "kind": "engineering", "owner": "raj", "points": 2, "status": "todo"} ] }
JSON
cat >"$repo/oncall/serving.json" <<'JSON'
{ "name": "serving", "timezone": "UTC", "start": "2026-11-23", "shift": "1w", "handoff": "mon 09:00",
  "members": ["raj", "ana"], "overrides": [ ], "covers": ["fraud-detector"] }
JSON
hf_tui_git_pod "$repo"

hf_tui_start 120 40
hf_tui_keys r
hf_tui_wait_text "act-pod"
# the remote goes away: what is done waits, shown pending
mv "$bare" "$bare.away"

# the model view's checklist: x ticks the selected item, asking for the evidence
hf_tui_keys 2
hf_tui_wait_text "fraud-detector"
hf_tui_keys Enter
hf_tui_wait_text "CHECKLIST"
hf_tui_keys / 
hf_tui_type "data.sources"
hf_tui_keys Enter x
hf_tui_wait_text "data.sources done: evidence link (Enter: none):"
hf_tui_type "https://ci.example/run/1"
hf_tui_keys Enter
hf_tui_wait_text "push? [y/n] commit: fraud-detector: data.sources done (evidence https://ci.example/run/1)  models/fraud-detector/"
hf_tui_keys y
hf_tui_wait_text "pending"
hf_tui_wait_text "1 action waiting"
hf_tui_capture | grep -q 'done ⧗ pending by ana 2026-11' ||
	fail "the ticked item is not shown done and pending"
hf_tui_capture | grep -q '^ evidence: https://ci.example/run/1$' || fail "the ticked item's evidence is not shown whole"

# the sprint board: m moves the selected item (its next status offered)
hf_tui_keys Escape Escape 5
hf_tui_wait_text "Sprint 2026-12"
hf_tui_keys /
hf_tui_type "S-2"
hf_tui_keys Enter m
hf_tui_wait_text "move S-2 to (todo, doing, blocked, done): doing"
hf_tui_keys Enter
hf_tui_wait_text "commit: sprint 2026-12: S-2 -> doing"
hf_tui_keys y
hf_tui_wait_text "2 actions waiting"
hf_tui_keys / C-u Enter
hf_tui_assert_has " doing (2 items, 5 pts)"
hf_tui_capture | grep -q 'S-2 .*Load-test the challenger.*⧗ pending' || fail "S-2 is not marked pending"

# the on-call view: O takes the selected shift
hf_tui_keys 4
hf_tui_wait_text "On call"
hf_tui_keys /
hf_tui_type "ana"
hf_tui_keys Enter O
hf_tui_wait_text "take ana's shift on serving"
hf_tui_keys Enter
hf_tui_wait_text "commit: serving: ana on call"
hf_tui_keys y
hf_tui_wait_text "3 actions waiting"
hf_tui_keys / C-u Enter
hf_tui_assert_has "override pending"

# the remote is back: :push lands them, the marks go
mv "$bare.away" "$bare"
hf_tui_keys :
hf_tui_type "push"
hf_tui_keys Enter
hf_tui_wait_text "3 actions landed"
hf_tui_assert_hasnt "pending"
hf_tui_assert_hasnt "waiting"
[ "$("$GIT" -C "$bare" log -3 --format=%s | paste -sd'|')" = \
	"serving: ana on call 2026-11-30T09:00 to 2026-12-07T09:00|sprint 2026-12: S-2 -> doing|fraud-detector: data.sources done (evidence https://ci.example/run/1)" ] ||
	fail "the remote has: $("$GIT" -C "$bare" log -3 --format=%s)"
hf_tui_keys q
hf_tui_stop

# read-only: the edit keys are hidden and say why
hf_tui_start 120 40 --read-only
hf_tui_keys 5 x
hf_tui_wait_text "handoff runs read-only (--read-only): edit keys are off"
hf_tui_keys ?
hf_tui_wait_text "Help"
hf_tui_assert_hasnt "Mark the selected checklist item done"
hf_tui_pass
