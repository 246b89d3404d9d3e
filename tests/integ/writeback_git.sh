# writeback_git.sh: actions land in the pod repository: one file, one commit, a few lines, the person's identity; over git:// and http; read-only refuses
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/writeback.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z

wb_start
httpd_start "$T/served"
wb_person raj "Raj Iyer" raj@pod.example "http://127.0.0.1:$HTTPD_PORT/pod.git"
run_as raj sync >/dev/null || fail "raj's sync"

# a tick on a file in handoff's own formatting: one file, one commit, a few lines
out=$(run_as ana tick fraud-detector infer.optimised --evidence https://ci.example/run/9) || fail "tick: $out"
assert_contains "tick says it landed" "$out" "landed on pod as"
assert_eq "commit author and message" \
	"Ana Ruiz <ana@pod.example>|fraud-detector: infer.optimised done (evidence https://ci.example/run/9)" \
	"$("$GIT" -C "$bare" log -1 --format='%an <%ae>|%s')"
assert_contains "trailer names the handle" "$("$GIT" -C "$bare" log -1 --format=%b)" "Handoff-By: ana"
numstat=$("$GIT" -C "$bare" diff --numstat HEAD~1 HEAD)
assert_eq "one file changed" 1 "$(echo "$numstat" | wc -l)"
read -r add del file <<<"$numstat"
assert_eq "the file" "models/fraud-detector/readiness.json" "$file"
[ $((add + del)) -le 8 ] || fail "handoff-formatted tick changed $add+$del lines: $numstat"
# every other line as it was: the diff touches only the entry's lines
"$GIT" -C "$bare" diff -U0 HEAD~1 HEAD | grep '^[-+] ' | grep -v -e '"state"' -e '"by"' -e '"at"' \
	-e '"evidence"' -e '"note"' && fail "lines outside the entry changed"

# on a hand-formatted file (tabs, other key order): the values change in place
out=$(run_as ana tick ranker data.sources --evidence https://ci.example/run/10) || fail "tick ranker: $out"
numstat=$("$GIT" -C "$bare" diff --numstat HEAD~1 HEAD)
assert_eq "one file (hand-formatted)" "models/ranker/readiness.json" "$(echo "$numstat" | cut -f3)"
read -r add del file <<<"$numstat"
[ $((add + del)) -le 8 ] || fail "hand-formatted tick changed $add+$del lines: $numstat"
assert_eq "hand-formatted entry" \
	"$(printf '\t\t"data.sources": {\n\t\t\t"at": "2026-11-29",\n\t\t\t"state": "done",\n\t\t\t"by": "ana",\n\t\t\t"evidence": "https://ci.example/run/10"\n\t\t},')" \
	"$(served_file "$bare" models/ranker/readiness.json | sed -n 3,8p)"
assert_contains "the one-line entry beside it untouched" "$(served_file "$bare" models/ranker/readiness.json)" \
	'"eval.slices":   { "by" : "ana", "state" : "done", "at" : "2026-10-10" }'

# the view shows it, not pending, and the commit is in the activity
json=$(run_as ana show fraud-detector --json)
assert_eq "state in the view" "done False" "$(echo "$json" | pyjson '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"]=="infer.optimised" for k in ("state","pending"))')"
short=$("$GIT" -C "$bare" rev-parse --short=7 HEAD~1)
assert_eq "activity event" "Ana Ruiz" "$(sql_as ana "SELECT actor FROM activity WHERE kind='commit' AND ref='$short'")"
assert_eq "outbox entry landed" "landed" "$(sql_as ana "SELECT state FROM outbox WHERE id=1")"

# over http (git http-backend): a sprint move and a capacity, as raj
out=$(run_as raj sprint move S-2 doing) || fail "sprint move over http: $out"
assert_contains "move landed" "$out" "landed on pod"
assert_contains "S-2 doing in the file" "$(served_file "$bare" sprints/2026-12.json)" \
	'"points": 5, "status": "doing", "blocked_by": null'
run_as raj sprint capacity raj 9 >/dev/null || fail "capacity"
assert_contains "capacity" "$(served_file "$bare" sprints/2026-12.json)" '"capacity": {"ana": 8, "raj": 9},'
# raj's view re-read what ana pushed meanwhile: a race re-applied on the new tip, not an error
assert_eq "raj sees ana's tick" "done" "$(run_as raj show fraud-detector --json | pyjson '[i["state"] for i in d["checklist"]["items"] if i["id"]=="infer.optimised"][0]')"

# an override: I cover raj on Friday
out=$(run_as ana oncall override serving --from 2026-12-04T09:00 --to 2026-12-04T18:00 --reason "I cover raj") ||
	fail "override: $out"
assert_contains "override in the file" "$(served_file "$bare" oncall/serving.json)" \
	'"overrides": [ {"who": "ana", "from": "2026-12-04T09:00", "to": "2026-12-04T18:00", "reason": "I cover raj"} ],'
assert_eq "on call then" "ana" "$(run_as ana oncall serving --at 2026-12-04T12:00:00Z --json | pyjson 'd["rotations"][0]["now"]["who"]')"

# a new sprint item, the next free id
out=$(run_as ana sprint add "Load-test the challenger" --points 3 --kind engineering --owner raj --json) || fail "sprint add"
assert_eq "added as S-3" "S-3 landed" "$(echo "$out" | pyjson 'd["action"]["id"] + " " + d["state"]')"

# dry run: the exact change and the message, nothing written
head=$("$GIT" -C "$bare" rev-parse HEAD)
out=$(run_as ana waive fraud-detector canary.plan --reason "batch model" --until 2027-01-31 --dry-run) || fail "dry run"
assert_contains "dry run message" "$out" "fraud-detector: canary.plan waived (batch model; until 2027-01-31)"
assert_contains "dry run change" "$out" '+"state": "waived", "by": "ana", "at": "2026-11-29", "reason": "batch model", "until": "2027-01-31"'
assert_eq "dry run pushed nothing" "$head" "$("$GIT" -C "$bare" rev-parse HEAD)"

# refusals before anything is queued: exit 2, the remote untouched
rc=0; err=$(run_as ana tick fraud-detector no.such.item 2>&1) || rc=$?
assert_eq "unknown item exit" 2 "$rc"
assert_contains "unknown item" "$err" "model 'fraud-detector' has no checklist item 'no.such.item' (its items:"
rc=0; err=$(run_as ana sprint assign S-1 zoe 2>&1) || rc=$?
assert_eq "not a member exit" 2 "$rc"
assert_contains "not a member" "$err" "owner 'zoe' is not a member of the pod (pod.json: ana, raj)"
rc=0; err=$(run_as ana --read-only tick fraud-detector data.sources 2>&1) || rc=$?
assert_eq "read-only exit" 2 "$rc"
assert_contains "read-only says why" "$err" "handoff runs read-only (--read-only): 'tick' would write"
printf '[ui]\n\tread-only = true\n' >>"$T/people/ana/config/handoff/config"
rc=0; err=$(run_as ana sprint move S-1 done 2>&1) || rc=$?
assert_eq "[ui] read-only exit" 2 "$rc"
assert_contains "[ui] read-only says why" "$err" "[ui] read-only = true"
sed -i '/\[ui\]/,$d' "$T/people/ana/config/handoff/config"
sed -i 's/handle = ana/handle = zoe/' "$T/people/ana/config/handoff/config"
rc=0; err=$(run_as ana tick fraud-detector data.sources 2>&1) || rc=$?
assert_eq "unknown handle exit" 2 "$rc"
assert_contains "unknown handle" "$err" "[user] handle 'zoe' is not a member of the pod"
sed -i 's/handle = zoe/handle = ana/' "$T/people/ana/config/handoff/config"
assert_eq "nothing pushed by the refusals" "$head" "$("$GIT" -C "$bare" rev-parse HEAD)"

# a file that does not parse is not edited: the action fails naming it
"$GIT" -C "$T/work" pull -q --rebase "$bare" main
printf '{ "items": { "data.sources": {"state": "todo"}, } }\n' >"$T/work/models/ranker/readiness.json"
commit_all "$T/work" "broken by hand" "2026-11-29T09:00:00Z"
"$GIT" -C "$T/work" push -q "$bare" HEAD:main
run_as ana sync >/dev/null 2>&1 || true
head=$("$GIT" -C "$bare" rev-parse HEAD)
rc=0; err=$(run_as ana note ranker data.sources "x" 2>&1) || rc=$?
assert_eq "unparsable file exit" 2 "$rc"
assert_contains "names the file" "$err" "'models/ranker/readiness.json' is not valid JSON (line 1, column"
assert_eq "nothing pushed" "$head" "$("$GIT" -C "$bare" rev-parse HEAD)"
assert_eq "nothing queued" 0 "$(sql_as ana "SELECT count(*) FROM outbox WHERE state != 'landed'")"

assert_fast_forwards "$bare"
echo ok
