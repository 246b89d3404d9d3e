# writeback_offline.sh: the remote gone: actions commit locally, wait in the outbox and show as pending; back, `handoff push` lands them in order
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/writeback.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z

wb_start
head=$("$GIT" -C "$bare" rev-parse HEAD)
gitd_stop

# three actions while the remote is away: each queued (exit 0), committed locally
out=$(run_as ana tick fraud-detector infer.optimised --evidence https://ci.example/run/9) || fail "offline tick: $out"
assert_contains "queued" "$out" "queued (action 1, kept in the outbox): source 'pod': cannot reach the remote"
json=$(run_as ana sprint move S-2 doing --json) || fail "offline move"
assert_eq "move pending in JSON" "pending True" "$(echo "$json" | pyjson 'd["state"] + " " + str(d["pending"])')"
run_as ana oncall override serving --from 2026-12-04T09:00 --to 2026-12-04T18:00 >/dev/null || fail "offline override"

# the view shows them at once, marked pending
assert_eq "tick in the view" "done True" "$(run_as ana show fraud-detector --json |
	pyjson '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"]=="infer.optimised" for k in ("state","pending"))')"
assert_contains "pending in the text" "$(run_as ana show fraud-detector)" "[pending]"
assert_eq "move in the view" "doing True" "$(run_as ana sprint --json |
	pyjson '" ".join(str(i[k]) for i in d["items"] if i["id"]=="S-2" for k in ("status","pending"))')"
assert_eq "override in the view" "ana" "$(sql_as ana "SELECT who FROM rotation_override")"
override_marks() { run_as ana oncall serving --json | pyjson '" ".join(s["who"] + ":" + str(s["pending"]) for s in d["rotations"][0]["shifts"] if s["override"])'; }
assert_eq "override pending in on-call JSON" "ana:True" "$(override_marks)"
assert_contains "override pending in the text" "$(run_as ana oncall serving)" "override [pending]"
assert_contains "override in the calendar feed at once" "$(run_as ana oncall serving --ics)" "SUMMARY:On call: ana (serving\\, override)"
assert_eq "outbox: three waiting" "pending pending pending" "$(run_as ana outbox --json | pyjson '" ".join(a["state"] for a in d["actions"])')"
assert_eq "remote untouched" "$head" "$("$GIT" -C "$bare" rev-parse HEAD)"
assert_eq "committed locally, in order" \
	"ana:serving: ana on call 2026-12-04T09:00 to 2026-12-04T18:00|sprint 2026-12: S-2 -> doing|fraud-detector: infer.optimised done (evidence https://ci.example/run/9)" \
	"$("$GIT" -C "$T/people/ana/cache/handoff/repos/pod" log -3 --format=%s refs/handoff/outbox | sed '1s/^/ana:/' | paste -sd'|')"
rc=0; out=$(run_as ana push) || rc=$?
assert_eq "push while away: exit 1" 1 "$rc"
assert_contains "push says why" "$out" "cannot reach the remote"

# someone else pushes meanwhile; the remote comes back
"$GIT" -C "$T/work" pull -q "$bare" main
sed -i 's/"name": "December joint sprint"/"name": "December sprint"/' "$T/work/sprints/2026-12.json"
commit_all "$T/work" "Rename the sprint" "2026-11-29T09:30:00Z" "Raj Iyer" "raj@pod.example"
"$GIT" -C "$T/work" push -q "$bare" HEAD:main
gitd_start_rw "$T/served"
out=$(run_as ana push) || fail "push: $out"
assert_eq "all landed" 3 "$(echo "$out" | grep -c '^landed ')"
assert_eq "landed in order, on top of raj's" \
	"serving: ana on call 2026-12-04T09:00 to 2026-12-04T18:00|sprint 2026-12: S-2 -> doing|fraud-detector: infer.optimised done (evidence https://ci.example/run/9)|Rename the sprint" \
	"$("$GIT" -C "$bare" log -4 --format=%s | paste -sd'|')"
assert_contains "raj's rename kept" "$(served_file "$bare" sprints/2026-12.json)" '"name": "December sprint"'
assert_contains "the move there" "$(served_file "$bare" sprints/2026-12.json)" '"points": 5, "status": "doing"'
assert_eq "override landed, not pending" "ana:False" "$(override_marks)"
assert_eq "nothing pending now" "done False" "$(run_as ana show fraud-detector --json |
	pyjson '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"]=="infer.optimised" for k in ("state","pending"))')"
assert_eq "view has raj's rename" "December sprint" "$(run_as ana sprint --json | pyjson 'd["sprint"]["name"]')"
assert_eq "nothing waits" "nothing waits in the outbox" "$(run_as ana outbox)"
assert_fast_forwards "$bare"
echo ok
