#!/usr/bin/env bash
# ical_feed.sh: calendar-feed rotations served by a loopback HTTP server (and a file) in the shapes of PagerDuty, Opsgenie,
# Grafana OnCall and Google Calendar: shifts, now/next, coverage, who-matching, against an independent expansion
# (python3-icalendar + dateutil) at two times crossing the four DST changes of Europe/Berlin and America/New_York;
# faults keep the previous shifts; the feed's secret is in no output, trace or database
. "${HF_SRCDIR:?}/tests/lib/common.sh" ical
export TZ=UTC
T1=2026-10-15T10:00:00Z	# window 8 Oct .. 7 Jan: Berlin's change on 25 Oct, New York's on 1 Nov
T2=2027-03-01T10:00:00Z	# window 22 Feb .. 24 May: New York's change on 14 Mar, Berlin's on 28 Mar
SECRET=s3cr3t-7f3a9c2e41
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$t"' EXIT

mkdir -p "$t/pod/oncall" "$t/feeds/private/$SECRET" "$t/config/handoff"
"$py" "$HF_SRCDIR/tests/lib/ical_feeds.py" "$t/feeds/private/$SECRET"
cat >"$t/pod/pod.json" <<'EOF'
{ "name": "ml-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "email": "ana@example.org"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "email": "Raj@Example.org"},
               {"handle": "li", "name": "Li Wei", "role": "engineering"},
               {"handle": "chen", "name": "Chen Bo", "role": "engineering"} ] }
EOF
echo '{"calendar": "pagerduty", "timezone": "Europe/Berlin", "covers": ["ranker"]}' >"$t/pod/oncall/pd.json"
echo '{"calendar": "opsgenie", "covers": ["ranker"]}' >"$t/pod/oncall/og.json"
echo '{"calendar": "grafana", "who": {"cbo": "chen"}}' >"$t/pod/oncall/grafana.json"
echo '{"calendar": "berlin", "timezone": "Europe/Berlin", "who": {"R. Iyer": "raj"}, "covers": ["fraud"]}' \
	>"$t/pod/oncall/berlin.json"
echo '{"calendar": "newyork", "timezone": "America/New_York"}' >"$t/pod/oncall/newyork.json"
"$git" init -q -b main "$t/pod"
"$git" -C "$t/pod" add -A
"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -m "feed rotations"

"$py" "$HF_SRCDIR/tests/server/ical_server.py" --root "$t/feeds" --port-file "$t/port" --log "$t/server.log" 2>"$t/server.err" &
server_pid=$!
for _ in $(seq 300); do [ -s "$t/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$t/port")/private/$SECRET"
{
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/pod"
	for f in pagerduty opsgenie grafana berlin; do
		printf '[source "%s"]\n\ttype = ical\n\turl = %s/%s.ics?token=%s\n\tmax-response = 1\n' \
			"$f" "$url" "$f" "$SECRET"
	done
	# a feed read from a file
	printf '[source "newyork"]\n\ttype = ical\n\turl = %s\n' "$t/feeds/private/$SECRET/newyork.ics"
} >"$t/config/handoff/config"

sync_at() { # sync_at TIME: sync everything at TIME, the trace kept
	HANDOFF_NOW=$1 HANDOFF_TRACE=1 "$bin" sync >"$t/sync.$1" 2>&1
}
shift_time() { # shift_time TIME DAYS: TIME moved by DAYS days
	"$py" -c 'import datetime as d, sys
t = d.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ") + d.timedelta(days=int(sys.argv[2]))
print(t.strftime("%Y-%m-%dT%H:%M:%SZ"))' "$1" "$2"
}

# compare ROTATION FEED TIME: handoff's shifts from TIME on == the independent expansion, who matched the same way
compare() {
	local rot=$1 feed=$2 at=$3
	HANDOFF_NOW=$at "$bin" oncall "$rot" --json --next 1000 >"$t/$rot.$at.json" 2>"$t/$rot.err" ||
		{ echo "FAIL: oncall $rot --json at $at"; cat "$t/$rot.err"; fail=1; return; }
	"$py" "$HF_SRCDIR/tests/lib/ical_expand.py" "$t/feeds/private/$SECRET/$feed.ics" \
		"$(shift_time "$at" -7)" "$(shift_time "$at" 84)" >"$t/$feed.$at.expected" ||
		{ echo "FAIL: independent expansion of $feed"; fail=1; return; }
	"$py" - "$t/$rot.$at.json" "$t/$feed.$at.expected" "$t/pod/pod.json" "$t/pod/oncall/$rot.json" "$at" <<'PY' ||
import json, re, sys
got = json.load(open(sys.argv[1]))["rotations"][0]
exp = json.load(open(sys.argv[2]))
members = json.load(open(sys.argv[3]))["members"]
who_map = json.load(open(sys.argv[4])).get("who", {})
at = sys.argv[5]
def words_in(hay, needle):
    return re.search(r"(?<![\w\x80-\uffff])" + re.escape(needle) + r"(?![\w\x80-\uffff])", hay, re.I) is not None
def who(o):
    for email, cn in o["people"]:
        for m in members:
            if m.get("email", "").lower() == email.lower():
                return m["handle"]
    for name, handle in who_map.items():
        if any(name.lower() in (email.lower(), cn.lower()) for email, cn in o["people"]) or words_in(o["summary"], name):
            return handle
    for key in ("name", "handle"):
        for m in members:
            if words_in(o["summary"], m[key]):
                return m["handle"]
    return (o["people"][0][1] or o["people"][0][0]) if o["people"] else o["summary"]
want = [(who(o), o["from"], o["until"]) for o in exp if o["until"] > at]
have = [(s["who"], s["from"], s["until"]) for s in got["shifts"]]
if sorted(have) != sorted(want):
    print("FAIL: %s at %s: handoff and the independent expansion differ" % (got["name"], at))
    for x in sorted(set(have) - set(want)): print("  only handoff:  ", x)
    for x in sorted(set(want) - set(have)): print("  only expected: ", x)
    sys.exit(1)
if not want:
    print("FAIL: %s at %s: no shifts to compare" % (got["name"], at)); sys.exit(1)
PY
	fail=1
}

# --- at T1 (with the trace on): every shape, the autumn DST changes ---
sync_at $T1
check "sync of five feeds exits 0" test $? -eq 0 || cat "$t/sync.$T1"
for pair in pd:pagerduty og:opsgenie grafana:grafana berlin:berlin newyork:newyork; do
	compare "${pair%%:*}" "${pair#*:}" $T1
done

"$py" - "$t" "$T1" <<'PY' || fail=1
import json, sys
t, at = sys.argv[1], sys.argv[2]
def rot(name): return json.load(open("%s/%s.%s.json" % (t, name, at)))
def expect(what, got, want):
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got, want)); sys.exit(1)
pd = rot("pd")["rotations"][0]
# PagerDuty: matched by the bare ATTENDEE email (raj's in another case in pod.json)
expect("pagerduty now", (pd["now"]["who"], pd["now"]["from"], pd["now"]["until"]),
       ("ana", "2026-10-14T12:00:00Z", "2026-10-15T12:00:00Z"))
expect("pagerduty next", (pd["next"]["who"], pd["next"]["from"]), ("raj", "2026-10-15T12:00:00Z"))
expect("pagerduty calendar", (pd["calendar"]["source"], pd["calendar"]["read_at"]), ("pagerduty", at))
w = rot("pd")["warnings"]
expect("an unmatched event is a warning naming it", [(x["who"], x["message"]) for x in w],
       [("zed@contractor.example", "event 'On Call - Zed Quinn - ML Serving' names nobody in the pod: add the "
         "member's email to pod.json or a 'who' entry to the rotation file")])
expect("the unmatched shift shows the feed's name",
       [s["who"] for s in pd["shifts"] if s["from"] == "2026-10-20T12:00:00Z"], ["zed@contractor.example"])
hours = {h["who"]: h["hours"] for h in pd["coverage"]["hours"]}
expect("pagerduty hours", hours, {"ana": 98.0, "raj": 144.0, "zed@contractor.example": 24.0})
expect("pagerduty: no gaps inside the feed", pd["coverage"]["gaps"], [])
og = rot("og")["rotations"][0]
expect("opsgenie: name in SUMMARY", (og["now"]["who"], og["next"]["who"]), ("chen", "li"))
gr = rot("grafana")["rotations"][0]
# next: the first shift from 18:00, ana's override (shorter) before li's night
expect("grafana: user name in SUMMARY", (gr["now"]["who"], gr["next"]["who"]), ("chen", "ana"))
expect("grafana: who map", [s["who"] for s in gr["shifts"] if s["from"] == "2026-10-19T06:00:00Z"], ["chen"])
expect("grafana: an override doubling a night is double cover",
       [(d["from"], d["until"]) for d in gr["coverage"]["double_cover"]],
       [("2026-10-15T18:00:00Z", "2026-10-16T00:00:00Z")])
b = rot("berlin")["rotations"][0]
expect("berlin now (li by name in SUMMARY)", (b["now"]["who"], b["now"]["until"]), ("li", "2026-10-19T07:00:00Z"))
expect("berlin next (ana by email)", b["next"]["who"], "ana")
sh = {(s["from"], s["until"]): s["who"] for s in b["shifts"]}
expect("the week crossing 25 Oct keeps 09:00 on both ends (169 h)",
       sh.get(("2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z")), "ana")
expect("RECURRENCE-ID swap: raj's week is ana's", sh.get(("2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z")), "ana")
expect("raj matched by the who map", sh.get(("2026-12-07T08:00:00Z", "2026-12-14T08:00:00Z")), "raj")
expect("all-day holiday cover, local days in X-WR-TIMEZONE",
       sh.get(("2026-12-23T23:00:00Z", "2026-12-26T23:00:00Z")), "raj")
expect("EXDATE and a cancelled occurrence: a two-week gap",
       [(g["from"], g["until"]) for g in b["coverage"]["gaps"]], [("2026-11-16T08:00:00Z", "2026-11-30T08:00:00Z")])
expect("all-day cover over a shift is double cover",
       [(d["from"], d["until"]) for d in b["coverage"]["double_cover"]],
       [("2026-12-23T23:00:00Z", "2026-12-26T23:00:00Z")])
expect("cancelled one-off left out", [s for s in b["shifts"] if s["from"] == "2026-12-01T08:00:00Z"], [])
ny = rot("newyork")["rotations"][0]
nys = {(s["from"], s["until"]): s["who"] for s in ny["shifts"]}
expect("New York week crossing 1 Nov: 10:00 EDT to 10:00 EST",
       nys.get(("2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z")), "li")
expect("RDATE", nys.get(("2026-11-10T15:00:00Z", "2026-11-17T15:00:00Z")), "chen")
expect("floating event in UTC", nys.get(("2026-10-21T10:00:00Z", "2026-10-21T12:00:00Z")), "ana")
PY

# status, readiness coverage and the calendar export treat a feed rotation like a git one
HANDOFF_NOW=$T1 "$bin" status >"$t/status.out" 2>&1
check "status shows the feed rotation's now" grep -q "berlin: li until Mon 19 Oct 09:00 Europe/Berlin, then ana" "$t/status.out" ||
	cat "$t/status.out"
HANDOFF_NOW=$T1 "$bin" oncall berlin --ics --weeks 4 >"$t/berlin.ics" 2>&1
check "ics export of a feed rotation" grep -q "SUMMARY:On call: ana" "$t/berlin.ics" || head -30 "$t/berlin.ics"
HANDOFF_NOW=$T1 "$bin" oncall berlin >"$t/berlin.txt" 2>&1
check "text says where the shifts come from" grep -q "from calendar 'berlin', read just now (overrides are made in the calendar)" \
	"$t/berlin.txt" || cat "$t/berlin.txt"

# --- at T2: the spring DST changes, the 10-year RRULE and COUNT still running ---
sync_at $T2
check "sync at T2 exits 0" test $? -eq 0 || cat "$t/sync.$T2"
compare berlin berlin $T2
compare newyork newyork $T2
"$py" - "$t/berlin.$T2.json" <<'PY' || fail=1
import json, sys
b = json.load(open(sys.argv[1]))["rotations"][0]
sh = {(s["from"], s["until"]): s["who"] for s in b["shifts"]}
if sh.get(("2027-03-23T08:00:00Z", "2027-03-29T07:00:00Z")) != "ana":
    print("FAIL: ana's moved week across 28 Mar: %r" % sorted(sh.items())[:8]); sys.exit(1)
PY

# --- faults: the previous shifts stay, with their age; the message names the host only ---
sync_at $T1 >/dev/null
T3=2026-10-15T12:00:00Z
for fault in 404 html garbage big drop; do
	echo "$fault" >"$t/feeds/fault"
	HANDOFF_NOW=$T3 HANDOFF_TRACE=1 "$bin" sync berlin >"$t/fault.$fault" 2>&1
	check "$fault: sync fails" test $? -ne 0
	HANDOFF_NOW=$T3 "$bin" oncall berlin --json >"$t/after.$fault" 2>&1
	check "$fault: previous shifts kept" grep -q '"who": "li"' "$t/after.$fault"
done
check "404 says what to do" grep -q "source 'berlin' (127.0.0.1:[0-9]*): '127.0.0.1:[0-9]*' answered 404.*no feed at that address" \
	"$t/fault.404" || cat "$t/fault.404"
check "html is named" grep -q "an HTML page, not an iCalendar feed" "$t/fault.html" || cat "$t/fault.html"
check "garbage is named" grep -q "not an iCalendar feed (it does not start with BEGIN:VCALENDAR)" "$t/fault.garbage" ||
	cat "$t/fault.garbage"
check "over the size cap" grep -q "larger than 1 MiB" "$t/fault.big" || cat "$t/fault.big"
check "dropped connection" grep -q "source 'berlin' (127.0.0.1:[0-9]*)" "$t/fault.drop" || cat "$t/fault.drop"
: >"$t/feeds/fault"
HANDOFF_NOW=$T3 "$bin" oncall berlin >"$t/aged.txt" 2>&1
check "the kept shifts show their age" grep -q "read 2h ago" "$t/aged.txt" || cat "$t/aged.txt"

# --- the secret: it reached the server, and nothing of handoff's shows it ---
check "the server saw the secret" grep -q "$SECRET" "$t/server.log"
HANDOFF_NOW=$T3 "$bin" status --json >"$t/status.json" 2>&1
leaks=$(grep -l -- "$SECRET" "$t"/sync.* "$t"/fault.* "$t"/after.* "$t"/*.json "$t/status.out" \
	"$t/aged.txt" "$t/berlin.txt" 2>/dev/null)
check "no output or trace shows the secret${leaks:+: $leaks}" test -z "$leaks"
check "the trace names the host" grep -q "ical: source .berlin. (127.0.0.1:[0-9]*): 200" "$t/sync.$T1"
"$py" - "$HANDOFF_DB" "$SECRET" <<'PY' || fail=1
import sqlite3, sys
db, secret = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
    for row in c.execute('SELECT * FROM "%s"' % name):
        if any(secret in str(v) for v in row):
            print("FAIL: the secret is in table %s: %r" % (name, row)); sys.exit(1)
PY
for f in "$HANDOFF_DB" "$HANDOFF_DB-wal"; do
	[ -f "$f" ] && check "no secret in $(basename "$f")" sh -c "! grep -qa -- '$SECRET' '$f'"
done
[ $fail -eq 0 ] || { echo "last sync:"; cat "$t"/sync.* "$t"/fault.*; }
exit $fail
