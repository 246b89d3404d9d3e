#!/usr/bin/env bash
# sprint_plan.sh: a sprint synced from a real git repo: over capacity, blocked, not-ready model, burndown from commits, status
. "${HF_SRCDIR:?}/tests/lib/common.sh" sprint
export HANDOFF_NOW=2026-11-29T10:00:00Z
commit() { # commit DATE MESSAGE: commit everything in the pod repo at that time
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 "$git" -C "$t/pod" -c user.name=Lead \
		-c user.email=lead@example.org commit -q -a -m "$2"
}
# sprint ITEM-STATUSES...: write sprints/2026-12.json with S-1..S-5 in these statuses
sprint() {
	cat >"$t/pod/sprints/2026-12.json" <<EOF
{ "id": "2026-12", "name": "December joint sprint", "start": "2026-11-23", "end": "2026-12-11",
  "goal": "fraud-detector into serving",
  "capacity": {"ana": 8, "raj": 6, "sam": 10},
  "items": [
    {"id": "S-1", "title": "Retrain the challenger", "kind": "research", "owner": "ana",
     "model": "fraud-detector", "points": 3, "status": "$1"},
    {"id": "S-2", "title": "Cut p99 latency below 50 ms", "kind": "engineering", "owner": "raj",
     "model": "fraud-detector", "points": 5, "status": "$2"},
    {"id": "S-3", "title": "Load-test at 800 rps", "kind": "engineering", "owner": "raj",
     "model": "fraud-detector", "points": 3, "status": "$3", "blocked_by": "S-2"},
    {"id": "S-4", "title": "Drift alerts \u001b[31mto on-call", "kind": "shared", "owner": "sam",
     "points": 2, "status": "$4"},
    {"id": "S-5", "title": "Rollback plan", "kind": "engineering", "owner": "sam",
     "points": 4, "status": "$5", "links": ["https://ci.example/run/1"]}
  ] }
EOF
}

mkdir -p "$t/pod/sprints" "$t/pod/models/fraud-detector" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
cat >"$t/pod/pod.json" <<'EOF'
{ "name": "demo-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering"},
               {"handle": "sam", "name": "Sam Okafor", "role": "engineering"} ] }
EOF
cat >"$t/pod/models/fraud-detector/contract.json" <<'EOF'
{ "registry": {"source": "registry", "name": "fraud-detector", "candidate": "challenger"},
  "owners": {"research": "ana", "engineering": "raj"},
  "inputs":  [{"name": "amount", "dtype": "float32", "shape": [1]}],
  "outputs": [{"name": "score",  "dtype": "float32", "range": [0, 1]}],
  "slos": [ {"metric": "latency_p99_ms", "op": "<=", "target": 50} ] }
EOF
# history: planned on the 23rd, S-1 done on the 25th, S-5 done on the 27th (twice that day), S-3 blocked
sprint todo todo todo todo todo
"$git" -C "$t/pod" add -A
commit 2026-11-23T09:00:00Z "plan the sprint"
sprint done doing todo todo todo
commit 2026-11-25T16:00:00Z "S-1 done"
sprint done doing todo doing doing
commit 2026-11-27T09:00:00Z "S-4, S-5 started"
sprint done doing blocked doing done
commit 2026-11-27T17:30:00Z "S-5 done, S-3 blocked on S-2"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/pod" >"$t/config/handoff/config"

"$bin" sync >"$t/sync.out" 2>&1
check "sync exits 0" test $? -eq 0 || cat "$t/sync.out"

# --json: the keys DESIGN.md promises, and the figures
"$bin" sprint --json >"$t/s.json" 2>"$t/s.err"
check "sprint --json exits 0" test $? -eq 0 || cat "$t/s.err"
"$py" - "$t/s.json" <<'EOF' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
def expect(what, got, want):
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got, want))
        expect.failed = True
expect.failed = False
expect("schema", d["schema"], 1)
expect("sprint", {k: d["sprint"][k] for k in ("id", "name", "start", "end")},
       {"id": "2026-12", "name": "December joint sprint", "start": "2026-11-23", "end": "2026-12-11"})
expect("current", d["sprint"]["current"], True)
expect("days left (29 Nov to 11 Dec, today counted)", d["sprint"]["days_left"], 13)
people = {p["handle"]: p for p in d["people"]}
expect("people", sorted(people), ["ana", "raj", "sam"])
expect("raj committed", people["raj"]["committed"], 8)
expect("raj capacity", people["raj"]["capacity"], 6)
expect("raj over", people["raj"]["over"], True)
expect("ana over", people["ana"]["over"], False)
expect("sam over", people["sam"]["over"], False)
expect("engineering committed", d["roles"]["engineering"]["committed"], 14)
expect("engineering capacity", d["roles"]["engineering"]["capacity"], 16)
expect("balance", (d["balance"]["research"], d["balance"]["engineering"], d["balance"]["shared"]), (3, 12, 2))
expect("blocked", [i["id"] for i in d["blocked"]], ["S-3"])
expect("blocked by", d["blocked"][0]["blocked_by"], "S-2")
expect("progress", (d["progress"]["done"], d["progress"]["committed"]), (7, 17))
nr = [(x["item"]["id"], x["model"]) for x in d["not_ready"]]
expect("items on not-ready models (S-1 is done)", nr, [("S-2", "fraud-detector"), ("S-3", "fraud-detector")])
expect("not-ready model has blockers", all(len(x["blockers"]) > 0 for x in d["not_ready"]), True)
burn = [(b["date"], b["done"], b["remaining"]) for b in d["burndown"]]
expect("burndown per day from the commits", burn, [
    ("2026-11-23", 0, 17), ("2026-11-24", 0, 17), ("2026-11-25", 3, 14), ("2026-11-26", 3, 14),
    ("2026-11-27", 7, 10), ("2026-11-28", 7, 10), ("2026-11-29", 7, 10)])
expect("ideal ends at zero", d["burndown"][0]["ideal"] > d["burndown"][-1]["ideal"], True)
expect("no errors", d["errors"], [])
sys.exit(1 if expect.failed else 0)
EOF

# --markdown: what the lead pastes into the notes
"$bin" sprint --markdown >"$t/s.md"
check "sprint --markdown exits 0" test $? -eq 0
check "markdown has the goal" grep -qx -- '- \*\*Goal:\*\* fraud-detector into serving' "$t/s.md"
check "markdown has the dates" grep -q -- '- \*\*Dates:\*\* 2026-11-23 to 2026-12-11 (19 days, 13 left)' "$t/s.md"
check "markdown flags raj over capacity" grep -qx '| raj | engineering | 6 | 8 | 0 | \*\*over capacity by 2\*\* |' "$t/s.md"
check "markdown does not flag ana" grep -qx '| ana | research | 8 | 3 | 3 |  |' "$t/s.md"
check "markdown lists the blocked item with owner and blocker" \
	grep -q '^- \*\*S-3\*\* Load-test at 800 rps (raj, fraud-detector, 3 pts): blocked by S-2 (Cut p99 latency below 50 ms, raj, doing)' "$t/s.md"
check "markdown names the not-ready model" grep -q '^### fraud-detector (.* stage, [0-9]* of [0-9]* required items done)$' "$t/s.md"
check "markdown lists the open items on it" grep -qx -- '- \*\*S-2\*\* Cut p99 latency below 50 ms (raj, doing)' "$t/s.md"
check "markdown says what blocks it" grep -qx 'What blocks it:' "$t/s.md"
check "the done item on it is not listed" test "$(grep -c '^- \*\*S-1\*\*' "$t/s.md")" -eq 0
check "markdown burndown table" grep -qx '| 2026-11-25 | 3 | 14 | .* |' "$t/s.md" || grep -q '| 2026-11-25 | 3 | 14 |' "$t/s.md"
check "markdown has no raw escape" test "$(grep -c $'\x1b' "$t/s.md")" -eq 0

# text: sanitised, over capacity flagged
"$bin" sprint 2026-12 >"$t/s.txt"
check "sprint ID exits 0" test $? -eq 0
check "text flags raj" grep -q '^raj .*OVER by 2' "$t/s.txt"
check "text has no raw escape" test "$(grep -c $'\x1b' "$t/s.txt")" -eq 0
check "text shows the escape as a picture" grep -q '␛\[31mto on-call' "$t/s.txt"

# status: points done of committed, days left
"$bin" status >"$t/st.txt"
check "status shows the sprint" grep -q '^sprint 2026-12: 7/17 pts done, 13 days left, 1 blocked, over capacity: raj' "$t/st.txt"
"$bin" status --json >"$t/st.json"
check "status --json sprint" "$py" -c "import json,sys; s=json.load(open('$t/st.json'))['sprint']; sys.exit(0 if (s['id'], s['done'], s['committed'], s['days_left'], s['over']) == ('2026-12', 7, 17, 13, ['raj']) else 1)"

# the current sprint is the one whose dates contain today
HANDOFF_NOW=2027-02-01T10:00:00Z "$bin" sprint >/dev/null 2>"$t/none.err"
check "no current sprint exits 2" test $? -eq 2
check "no current sprint names today and the sprints" grep -q "no sprint contains today (2027-02-01); sprints: 2026-12" "$t/none.err"
HANDOFF_NOW=2027-02-01T10:00:00Z "$bin" sprint 2026-12 --json >"$t/old.json"
check "a past sprint by id" "$py" -c "import json,sys; d=json.load(open('$t/old.json')); sys.exit(0 if not d['sprint']['current'] and d['sprint']['days_left']==0 and len(d['burndown'])==19 else 1)"
"$bin" sprint 2030-01 2>"$t/nf.err"
check "unknown sprint exits 2" test $? -eq 2
check "unknown sprint is named" grep -q "no sprint '2030-01'" "$t/nf.err"
HANDOFF_NOW=2027-02-01T10:00:00Z "$bin" status >"$t/st2.txt"
check "status without a current sprint" grep -q '^sprint: no sprint runs today' "$t/st2.txt"

# a second sync with nothing new keeps the burndown as it was
"$bin" sync >/dev/null 2>&1
"$bin" sprint --json >"$t/s2.json"
check "resync keeps the burndown" "$py" -c "import json,sys; a=json.load(open('$t/s.json'))['burndown']; b=json.load(open('$t/s2.json'))['burndown']; sys.exit(0 if a==b else 1)"

# a sprint file that does not load: the command says why instead of "no sprint"
cat >"$t/pod/sprints/2027-01.json" <<'EOF'
{ "start": "2027-01-04", "end": "2027-01-22", "items": [
  {"id": "J-1", "title": "t", "kind": "research", "points": 1, "status": "finished\u001b[2J"} ] }
EOF
"$git" -C "$t/pod" add -A
commit 2026-11-28T09:00:00Z "January draft"
"$bin" sync >/dev/null 2>&1
"$bin" sprint 2027-01 2>"$t/bad.err"
check "a skipped sprint file exits 2" test $? -eq 2
check "the error says which file was skipped and why" \
	grep -q "no sprint '2027-01'; 'sprints/2027-01.json' was skipped: items\[0\].status: status 'finished␛\[2J' of item 'J-1' must be" "$t/bad.err"
check "the error has no raw escape" test "$(grep -c $'\x1b' "$t/bad.err")" -eq 0

exit $fail
