# writeback_conflict.sh: two people act at once: different entries both land (re-applied, not merged); the same entry stops the second, naming the first
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/writeback.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z

wb_start
wb_person raj "Raj Iyer" raj@pod.example "$url"
run_as raj sync >/dev/null || fail "raj's sync"

# different items of the same file: raj's view is stale, his push is refused as a non-fast-forward,
# the action is applied again on the new tip and lands; both changes are there
run_as ana sprint move S-1 done >/dev/null || fail "ana's move"
out=$(run_as raj sprint move S-2 doing --json) || fail "raj's move: $out"
assert_eq "raj's move landed after a retry" "landed 1" "$(echo "$out" | pyjson 'd["state"] + " " + str(d["retries"])')"
sprint=$(served_file "$bare" sprints/2026-12.json)
assert_contains "ana's move kept" "$sprint" '"points": 3, "status": "done"'
assert_contains "raj's move there" "$sprint" '"points": 5, "status": "doing"'
assert_eq "two commits, in order" "sprint 2026-12: S-2 -> doing|sprint 2026-12: S-1 -> done" \
	"$("$GIT" -C "$bare" log -2 --format=%s | paste -sd'|')"

# the same item: ana ticks it; raj, not synced since, ticks it too
run_as raj sync >/dev/null || fail "raj's sync"
HANDOFF_NOW=2026-11-29T10:05:00Z run_as ana tick fraud-detector infer.optimised --evidence https://ci.example/ana >/dev/null ||
	fail "ana's tick"
ana_head=$("$GIT" -C "$bare" rev-parse HEAD)
rc=0
out=$(run_as raj tick fraud-detector infer.optimised --evidence https://ci.example/raj) || rc=$?
assert_eq "raj's tick: exit 1" 1 "$rc"
assert_contains "conflict says what changed" "$out" "conflict (action"
assert_contains "what" "$out" "infer.optimised is now done by ana (2026-11-29)"
assert_contains "who and when" "$out" "changed by Ana Ruiz <ana@pod.example> on 2026-11-29 10:05 UTC in ${ana_head:0:7}"
assert_eq "nothing overwritten" "$ana_head" "$("$GIT" -C "$bare" rev-parse HEAD)"
assert_contains "ana's evidence stays" "$(served_file "$bare" models/fraud-detector/readiness.json)" "https://ci.example/ana"
id=$(run_as raj outbox --json | pyjson '[a["id"] for a in d["actions"] if a["state"]=="conflict"][0]')
# the view shows what the remote says, the action kept for raj to retry or drop
assert_eq "raj's view: ana's tick" "https://ci.example/ana True" "$(run_as raj show fraud-detector --json |
	pyjson '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"]=="infer.optimised" for k in ("evidence","pending"))')"

# a second action of raj's queued behind the conflict still lands
run_as raj note fraud-detector data.sources "checked with the vendor" >/dev/null || fail "note behind a conflict"
assert_contains "the note landed" "$(served_file "$bare" models/fraud-detector/readiness.json)" '"note": "checked with the vendor"'
assert_eq "the conflict still kept" "conflict" "$(sql_as raj "SELECT state FROM outbox WHERE id=$id")"

# raj looks at it and applies it anyway: his evidence on the pod as it now is
out=$(run_as raj outbox --retry "$id") || fail "retry: $out"
assert_contains "retried" "$out" "landed"
assert_contains "raj's evidence now" "$(served_file "$bare" models/fraud-detector/readiness.json)" "https://ci.example/raj"

# drop: a conflicting override is dropped and leaves the view
run_as raj sync >/dev/null
run_as ana oncall override serving --from 2026-12-04T09:00 --to 2026-12-04T18:00 >/dev/null || fail "ana's override"
rc=0; out=$(run_as raj oncall override serving --from 2026-12-04T12:00 --to 2026-12-04T20:00 --json) || rc=$?
assert_eq "overlap: exit 1" 1 "$rc"
assert_contains "overlap named" "$(echo "$out" | pyjson 'd["message"]')" "the override overlaps one of ana from 2026-12-04T09:00 to 2026-12-04T18:00: changed by Ana Ruiz"
id=$(echo "$out" | pyjson 'd["id"]')
run_as raj outbox --drop "$id" >/dev/null || fail "drop"
assert_eq "dropped" "dropped" "$(sql_as raj "SELECT state FROM outbox WHERE id=$id")"
assert_eq "only ana's override in raj's view" "ana" "$(sql_as raj "SELECT group_concat(who) FROM rotation_override")"
assert_eq "nothing open for raj" "nothing waits in the outbox" "$(run_as raj outbox)"

assert_fast_forwards "$bare"
echo ok
