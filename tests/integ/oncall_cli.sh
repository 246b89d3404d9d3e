#!/usr/bin/env bash
# oncall_cli.sh: rotations synced from a real git repo: oncall now/next/--at/--json, status, ICS feed, bad zone, member change
. "${HF_SRCDIR:?}/tests/lib/common.sh" oncall
export HANDOFF_NOW=2026-11-29T10:00:00Z TZ=UTC
has() { grep -qF -- "$2" "$1"; }
commit() {
	"$git" -C "$t/pod" add -A
	"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -m "$1"
}

mkdir -p "$t/pod/oncall" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
cp "${HF_SRCDIR:?}/data/demo/pod/oncall/ml-serving.json" "${HF_SRCDIR}/data/demo/pod/oncall/research-oncall.json" \
	"$t/pod/oncall/"
cp "${HF_SRCDIR}/data/demo/pod/pod.json" "$t/pod/"
cat >"$t/pod/oncall/tiny.json" <<'EOF'
{ "timezone": "UTC", "start": "2026-11-02", "shift": "1d", "handoff": "00:00", "members": ["ana", "zoe"] }
EOF
cat >"$t/pod/oncall/bad-zone.json" <<'EOF'
{ "timezone": "Europe/Berln", "start": "2026-10-19", "shift": "1w", "members": ["ana", "li"] }
EOF
commit "rotations"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/pod" >"$t/config/handoff/config"
"$bin" sync >"$t/sync.out" 2>&1
check "sync exits 1 for the bad files, and syncs the rest" test $? -eq 1 || cat "$t/sync.out"
check "sync names the bad zone with its line and column" \
	has "$t/sync.out" "pod: oncall/bad-zone.json:1:15: error: timezone: unknown time zone 'Europe/Berln'"
check "sync names the member who is not in the pod" \
	has "$t/sync.out" "pod: oncall/tiny.json:1:99: error: members[1]: 'zoe' is not a member of the pod"

# --json: keys of DESIGN.md, now/next at HANDOFF_NOW (Sunday 29 Nov: li's week, raj from Monday 09:00 CET)
"$bin" oncall --json --next 3 >"$t/o.json" 2>"$t/o.err"
check "oncall --json exits 0" test $? -eq 0 || cat "$t/o.err"
"$py" - "$t/o.json" <<'EOF' || { echo "FAIL: oncall --json content"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
def expect(what, got, want):
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got, want)); sys.exit(1)
expect("schema", d["schema"], 1)
expect("rotation names", [r["name"] for r in d["rotations"]], ["ml-serving", "research-oncall", "tiny"])
expect("non-member warned", d["warnings"], [{"rotation": "tiny", "who": "zoe", "message": "not a member of the pod"}])
ml = d["rotations"][0]
expect("now", ml["now"]["who"], "li")
expect("member's own zone", (ml["next"]["who_timezone"], ml["next"]["from_who_local"]),
       ("Asia/Kolkata", "2026-11-30T13:30:00+05:30"))
expect("now from", ml["now"]["from"], "2026-11-23T08:00:00Z")
expect("now until", ml["now"]["until"], "2026-11-30T08:00:00Z")
expect("next", (ml["next"]["who"], ml["next"]["from"]), ("raj", "2026-11-30T08:00:00Z"))
expect("shift count", len(ml["shifts"]), 3)
expect("shift keys", sorted(ml["shifts"][0]), sorted(["who", "from", "until", "from_local", "until_local", "override", "pending",
       "reason", "who_timezone", "from_who_local"]))
expect("local time", ml["shifts"][1]["from_local"], "2026-11-30T09:00:00+01:00")
expect("covers", ml["covers"], ["fraud-detector", "ranker", "churn-predictor", "query-rewriter"])
ro = d["rotations"][1]
expect("restricted rotation is off on Sunday", ro["now"], None)
expect("restricted next", (ro["next"]["who"], ro["next"]["from"], ro["next"]["until"]),
       ("ana", "2026-11-30T08:00:00Z", "2026-11-30T17:00:00Z"))
# from Sunday 10:00 to Wednesday 18:00 Madrid: three office days, so gaps up to Monday and two nights
cov = ro["coverage"]
expect("coverage window", (cov["from"], cov["until"]), ("2026-11-29T10:00:00Z", "2026-12-02T17:00:00Z"))
expect("gaps", [(g["from"], g["until"]) for g in cov["gaps"]],
       [("2026-11-29T10:00:00Z", "2026-11-30T08:00:00Z"), ("2026-11-30T17:00:00Z", "2026-12-01T08:00:00Z"),
        ("2026-12-01T17:00:00Z", "2026-12-02T08:00:00Z")])
expect("double cover", cov["double_cover"], [])
expect("hours", cov["hours"], [{"who": "ana", "hours": 27.0}])
expect("ml-serving hours (li's Sunday and Monday morning, then a week each)", ml["coverage"]["hours"],
       [{"who": "li", "hours": 22.0}, {"who": "raj", "hours": 168.0}, {"who": "sam", "hours": 168.0}])
EOF

# --at: the override over Christmas, and both sides of the autumn DST change (hand-off 09:00 CET = 08:00Z)
at_who() {
	"$bin" oncall ml-serving --at "$1" --json |
		"$py" -c 'import json,sys; n=json.load(sys.stdin)["rotations"][0]["now"]; print(n["who"] if n else "-")'
}
check "override wins on Christmas day" test "$(at_who 2026-12-25T12:00:00Z)" = sam
check "raj before the 09:00 CET hand-off" test "$(at_who 2026-10-26T07:59:00Z)" = raj
check "sam after the 09:00 CET hand-off" test "$(at_who 2026-10-26T08:00:00Z)" = sam
check "a time with an offset" test "$(at_who 2026-10-26T08:30:00+01:00)" = raj
check "a time without a zone is the viewer's (TZ=Europe/Berlin)" \
	test "$(TZ=Europe/Berlin at_who 2026-10-26T09:00)" = sam

# text: both the rotation's zone and the viewer's
TZ=America/New_York "$bin" oncall ml-serving --next 2 >"$t/o.txt" 2>&1
check "text exits 0" test $? -eq 0
check "text names li now" has "$t/o.txt" "now:  li until Mon 2026-11-30 09:00 (Mon 2026-11-30 03:00 America/New_York)"
check "text lists shifts in both zones and the member's" \
	has "$t/o.txt" "raj        Mon 2026-11-30 09:00  Mon 2026-12-07 09:00  Mon 2026-11-30 03:00  (Mon 13:30 Asia/Kolkata)"
"$bin" oncall tiny >/dev/null 2>"$t/tiny.err"
check "a non-member is a warning on stderr" has "$t/tiny.err" "rotation 'tiny': 'zoe' is not a member of the pod"
"$bin" oncall ml-serving --at 2026-12-24T12:00:00Z --next 1 >"$t/o2.txt"
check "text shows the override reason" has "$t/o2.txt" "override: holiday swap: raj is off over Christmas"

# status: on call now and next, and the bad zone as an error naming the file and field
"$bin" status >"$t/st.txt" 2>&1
check "status shows on call" has "$t/st.txt" "ml-serving: li until Mon 30 Nov 09:00 Europe/Berlin, then raj"
check "status names the bad file and field" \
	has "$t/st.txt" "pod: oncall/bad-zone.json:1:15: error: timezone: unknown time zone 'Europe/Berln'"
"$bin" status --json >"$t/st.json"
"$py" - "$t/st.json" <<'EOF' || { echo "FAIL: status --json oncall and errors"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
oc = {r["name"]: r for r in d["oncall"]}
assert oc["ml-serving"]["now"]["who"] == "li", oc
assert oc["ml-serving"]["next"]["who"] == "raj", oc
assert "bad-zone" not in oc, oc
errs = [e for e in d["errors"] if e["path"] == "oncall/bad-zone.json"]
assert errs and errs[0]["field"] == "timezone" and "Europe/Berln" in errs[0]["message"], d["errors"]
EOF

# ICS: CRLF, folded, every event complete, UIDs stable across runs on different days
"$bin" oncall ml-serving --ics --weeks 4 >"$t/a.ics"
check "ics exits 0" test $? -eq 0
HANDOFF_NOW=2026-11-30T10:00:00Z "$bin" oncall ml-serving --ics --weeks 3 >"$t/b.ics"
"$py" - "$t/a.ics" "$t/b.ics" <<'EOF' || { echo "FAIL: ics feed well-formed and stable"; fail=1; }
import sys
def events(path):
    raw = open(path, "rb").read()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends"
    assert all(len(l) <= 75 for l in raw.split(b"\r\n")), "folded at 75 octets"
    text = raw.decode().replace("\r\n ", "")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    out = []
    for e in text.split("BEGIN:VEVENT")[1:]:
        props = dict(l.split(":", 1) for l in e.split("\r\n") if ":" in l)
        for k in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert k in props, (k, e)
        out.append(props)
    return out
a, b = events(sys.argv[1]), events(sys.argv[2])
assert len(a) >= 5, len(a)
ua = {e["DTSTART"]: e["UID"] for e in a}
ub = {e["DTSTART"]: e["UID"] for e in b}
common = set(ua) & set(ub)
assert len(common) >= 4 and all(ua[k] == ub[k] for k in common), "stable UIDs"
assert len(set(ua.values())) == len(a), "unique UIDs"
assert a[0]["DTSTAMP"] == "20261129T100000Z" and b[0]["DTSTAMP"] == "20261130T100000Z"
EOF

# a member added from a date: shifts before it stay as they were, the order goes on from there
"$bin" oncall ml-serving --at 2026-11-02T12:00:00Z --next 6 --json >"$t/before.json"
"$py" - "$t/pod/oncall/ml-serving.json" <<'EOF'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["changes"] = [{"from": "2026-11-25", "members": ["raj", "sam", "mia", "li"]}]
json.dump(d, open(p, "w"), indent=1)
EOF
commit "mia joins ml-serving"
"$bin" sync >/dev/null 2>&1
"$bin" oncall ml-serving --at 2026-11-02T12:00:00Z --next 7 --json >"$t/after.json"
"$py" - "$t/before.json" "$t/after.json" <<'EOF' || { echo "FAIL: member change keeps past shifts"; fail=1; }
import json, sys
b = json.load(open(sys.argv[1]))["rotations"][0]["shifts"]
a = json.load(open(sys.argv[2]))["rotations"][0]["shifts"]
who = lambda s: [(x["who"], x["from"]) for x in s]
# from 2 Nov: li, raj, sam, li (23 Nov, the week the change was written in) unchanged
assert who(a)[:4] == who(b)[:4], (who(b), who(a))
# from Monday 30 Nov, after li: raj, sam, mia, li
assert [x["who"] for x in a][4:7] == ["raj", "sam", "mia"], who(a)
EOF

# errors: unknown rotation, bad flags
"$bin" oncall nope >"$t/e.out" 2>&1
check "unknown rotation exits 2" test $? -eq 2
check "unknown rotation named" has "$t/e.out" "no rotation 'nope'"
"$bin" oncall --ics >"$t/e2.out" 2>&1
check "--ics without a rotation exits 2" test $? -eq 2
"$bin" oncall --next zero >"$t/e3.out" 2>&1
check "--next must be a number" test $? -eq 2
"$bin" oncall --at yesterday >"$t/e4.out" 2>&1
check "--at must be ISO 8601" has "$t/e4.out" "'yesterday'"
exit $fail
