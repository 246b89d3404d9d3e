#!/usr/bin/env bash
# sprint_unknown_member.sh: an owner or capacity handle that is not a pod member is an error naming the file and the item
. "${HF_SRCDIR:?}/tests/lib/common.sh" sprint-member
export HANDOFF_NOW=2026-12-01T10:00:00Z
commit() {
	"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -a -m "$1"
}
pod() { # pod HANDLES...: pod.json with these members (all engineering)
	local sep='' m=''
	for h in "$@"; do
		m="$m$sep{\"handle\": \"$h\", \"role\": \"engineering\"}"
		sep=', '
	done
	printf '{ "name": "p", "members": [%s] }\n' "$m" >"$t/pod/pod.json"
}

mkdir -p "$t/pod/sprints" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
pod ana raj
# zoe owns items[3] and bob has capacity: neither is in pod.json
cat >"$t/pod/sprints/2026-12.json" <<'EOF'
{ "start": "2026-11-23", "end": "2026-12-11", "capacity": {"ana": 5, "raj": 5, "bob": 3},
  "items": [
    {"id": "S-1", "title": "a", "kind": "research", "owner": "ana", "points": 1, "status": "todo"},
    {"id": "S-2", "title": "b", "kind": "engineering", "owner": "raj", "points": 1, "status": "done"},
    {"id": "S-3", "title": "c", "kind": "engineering", "points": 1, "status": "todo"},
    {"id": "S-4", "title": "d", "kind": "shared", "owner": "zoe", "points": 2, "status": "doing"} ] }
EOF
"$git" -C "$t/pod" add -A
commit "sprint with two strangers"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/pod" >"$t/config/handoff/config"
"$bin" sync >"$t/sync.out" 2>&1
check "sync exits 1: the pod files name strangers" test $? -eq 1 || cat "$t/sync.out"
check "sync names each stranger where the file names them" diff - "$t/sync.out" <<'EOF'
pod: sprints/2026-12.json:1:80: error: capacity.bob: 'bob' is not a member of the pod (members: 'ana', 'raj')
pod: sprints/2026-12.json:6:60: error: items[3].owner: 'zoe' is not a member of the pod (members: 'ana', 'raj')
handoff: 2 errors in pod files: those files or names are skipped (see 'handoff help pod'; 'handoff lint' checks a work tree before you commit)
EOF

"$bin" sprint >"$t/out" 2>"$t/err"
check "an unknown member fails the command (exit 2)" test $? -eq 2
check "the error names the file, the field and the item" \
	grep -qx "handoff: error: sprints/2026-12.json: items\[3\].owner: 'zoe' (owner of item 'S-4') is not a member of the pod" "$t/err"
check "the error names a capacity entry too" \
	grep -qx "handoff: error: sprints/2026-12.json: capacity.bob: 'bob' has capacity but is not a member of the pod" "$t/err"
check "the summary is still printed" grep -q '^sprint 2026-12' "$t/out"
check "the stranger shows as not a member" grep -q '^zoe .*not a member' "$t/out"
check "the sprint id defaults to the file name" grep -q '^sprint 2026-12' "$t/out"

"$bin" sprint --json >"$t/j" 2>/dev/null
check "--json exits 2 too" test $? -eq 2
check "--json lists the errors" "$py" - "$t/j" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
errs = [(e["path"], e["field"]) for e in d["errors"]]
ok = errs == [("sprints/2026-12.json", "capacity.bob"), ("sprints/2026-12.json", "items[3].owner")]
ok = ok and "'zoe'" in d["errors"][1]["message"] and "'S-4'" in d["errors"][1]["message"]
zoe = [p for p in d["people"] if p["handle"] == "zoe"][0]
ok = ok and zoe["member"] is False and zoe["over"] is True
sys.exit(0 if ok else 1)
EOF
"$bin" sprint --markdown >"$t/md" 2>/dev/null
check "--markdown lists the problem" grep -qxF -e "- sprints/2026-12.json: items\\[3\\].owner: 'zoe' \\(owner of item 'S-4'\\) is not a member of the pod" "$t/md"
"$bin" status >"$t/st"
check "status mentions the strangers" grep -q "^sprint 2026-12: .*2 handles are not pod members (see 'handoff sprint')" "$t/st"

# the check runs at evaluation time: adding them to pod.json alone clears it
pod ana raj zoe bob
commit "welcome zoe and bob"
"$bin" sync >/dev/null 2>&1
"$bin" sprint >"$t/out2" 2>"$t/err2"
check "members now: exit 0" test $? -eq 0
check "members now: no error" test ! -s "$t/err2"

exit $fail
