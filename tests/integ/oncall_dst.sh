#!/usr/bin/env bash
# oncall_dst.sh: rotations across jumps of the clock longer than a shift (Troll, Apia 2011) and random rotations in 20 zones, against an independent oracle (Python's zoneinfo)
. "${HF_SRCDIR:?}/tests/lib/common.sh" oncall-dst
export HANDOFF_NOW=2026-11-29T10:00:00Z TZ=UTC

mkdir -p "$t/pod/oncall" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
# The oracle: the rules of docs/pod-repository.md written again from the text, with Python's
# zoneinfo (its own reader of the system tzdata) for offsets. A hand-off time the clock skips
# moves forward by the jump (RFC 5545; zoneinfo's fold=0), never past a later hand-off; a shift
# whose span is skipped whole is empty and its turn goes to the next one; a repeated time is the
# first. Writes the rotation files and, per rotation, the instant to ask about and what to expect.
"$py" - "$t" <<'PY'
import json, math, random, sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
t = sys.argv[1]
UNIT = {"h": 3600, "d": 86400, "w": 7 * 86400}
WDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

def instant(zone, naive):
    return int(naive.replace(tzinfo=zone, fold=0).timestamp())

def oracle(rot, at, n):
    zone = ZoneInfo(rot["timezone"])
    length = int(rot["shift"][:-1]) * UNIT[rot["shift"][-1]]
    parts = rot["handoff"].split()
    hh, mm = map(int, parts[-1].split(":"))
    start = date.fromisoformat(rot["start"])
    anchor_day = start
    if len(parts) == 2:
        anchor_day += timedelta(days=(WDAYS.index(parts[0]) - start.weekday()) % 7)
    start_local = datetime(start.year, start.month, start.day, hh, mm)
    anchor = datetime(anchor_day.year, anchor_day.month, anchor_day.day, hh, mm)
    first = -math.ceil((anchor - start_local).total_seconds() / length)
    local = lambda k: start_local if k <= first else anchor + timedelta(seconds=k * length)
    def handoff(k):
        return min(instant(zone, local(j)) for j in range(k, k + 2 * 86400 // length + 2)
                   if (local(j) - local(k)).total_seconds() <= 2 * 86400)
    out, turn, k = [], 0, first
    members = rot["members"]
    s = handoff(k)
    while len(out) < n:
        e = handoff(k + 1)
        if e > s:
            if e > at:
                out.append([s, e, members[turn % len(members)]])
            turn += 1
        s, k = e, k + 1
    return out

def iso(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

def rotation(name, tz, start, shift, handoff, members, at, n, **extra):
    rot = dict(timezone=tz, start=start, shift=shift, handoff=handoff, members=members, **extra)
    json.dump(rot, open("%s/pod/oncall/%s.json" % (t, name), "w"))
    atv = int(datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp())
    want = [[iso(s), iso(e), who] for s, e, who in oracle(rot, atv, n)] if not extra else None
    cases.append({"name": name, "at": at, "n": n, "want": want})

cases = []
# the cases of the report: a jump longer than the shift, and a skipped day
rotation("troll-1h", "Antarctica/Troll", "2027-03-27", "1h", "00:00", ["a", "b", "c"], "2027-03-27T22:30:00Z", 8)
rotation("apia-12h", "Pacific/Apia", "2011-12-26", "12h", "09:00", ["a", "b", "c"], "2011-12-29T00:00:00Z", 6)
rotation("apia-1d", "Pacific/Apia", "2011-12-26", "1d", "09:00", ["a", "b", "c", "d"], "2011-12-28T00:00:00Z", 4)
rotation("berlin-1h", "Europe/Berlin", "2027-03-27", "1h", "00:00", ["a", "b", "c"], "2027-03-27T23:30:00Z", 5)
rotation("havana-1d", "America/Havana", "2027-03-10", "1d", "00:30", ["a", "b"], "2027-03-12T00:00:00Z", 4)
# a weekday hand-off with a Wednesday start: the first shift starts on the start date
rotation("wed-start", "Europe/Berlin", "2026-11-04", "1w", "mon 09:00", ["a", "b", "c"], "2026-11-03T00:00:00Z", 3)
# overrides in the skipped hour: one inside it (covers no time), one across its end
rotation("gap-override", "Europe/Berlin", "2027-03-22", "1w", "mon 09:00", ["a", "b"], "2027-03-28T00:00:00Z", 4,
         overrides=[{"who": "c", "from": "2027-03-28T02:00", "to": "2027-03-28T03:00"},
                    {"who": "d", "from": "2027-03-28T02:30", "to": "2027-03-28T03:15"},
                    {"who": "e", "from": "2027-03-28T02:30", "to": "2027-03-28T04:00"}])

# random rotations in 20 zones, half of them asked about the day before a change of offset; from 2024
# on, because in some past years libical's reading of some zones differs from the tz database's
# (Jerusalem in 2013, Sao Paulo in 2014, Tehran in 2019: the known limit in src/util/tz.c)
zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago",
         "Asia/Tehran", "Pacific/Chatham", "Antarctica/Troll", "Pacific/Apia", "America/St_Johns",
         "Europe/London", "Australia/Sydney", "America/Sao_Paulo", "Europe/Dublin", "America/Havana",
         "Asia/Jerusalem", "Europe/Moscow", "America/Caracas", "Pacific/Norfolk", "America/Nuuk"]
shifts = ["1h", "2h", "3h", "8h", "12h", "1d", "2d", "1w", "2w"]
times = ["00:00", "00:30", "01:00", "02:00", "02:30", "03:00", "09:00", "23:30"]
rnd = random.Random(20261129)
for i in range(40):
    tz = zones[i % len(zones)]
    zone = ZoneInfo(tz)
    shift = rnd.choice(shifts)
    at = datetime(rnd.randint(2024, 2030), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23),
                  tzinfo=timezone.utc)
    if i % 2:
        # the day before the next change of offset within a year, if any
        for d in range(366):
            a, b = at + timedelta(days=d), at + timedelta(days=d + 1)
            if a.astimezone(zone).utcoffset() != b.astimezone(zone).utcoffset():
                at = a - timedelta(hours=12)
                break
    back = 20 if shift[-1] in "hd" else 200
    start = (at - timedelta(days=rnd.randint(0, back))).date().isoformat()
    handoff = rnd.choice(times)
    if shift[-1] == "w" or rnd.random() < 0.3:
        handoff = rnd.choice(WDAYS) + " " + handoff
    n = 30 if shift[-1] == "h" else 8
    rotation("r%02d" % i, tz, start, shift, handoff, ["p", "q", "r"][: 2 + i % 2],
             at.strftime("%Y-%m-%dT%H:%M:%SZ"), n)
json.dump(cases, open(t + "/cases.json", "w"))
PY
pod_sync "rotations"
"$bin" status --json >"$t/status.json"

# every rotation, asked at its instant
"$py" - "$t/cases.json" >"$t/asks"  <<'PY'
import json, sys
for c in json.load(open(sys.argv[1])):
    print(c["name"], c["at"], c["n"])
PY
while read -r name at n; do
	"$bin" oncall "$name" --at "$at" --next "$n" --json >"$t/$name.json" 2>"$t/$name.err" ||
		{ echo "FAIL: oncall $name exits non-zero"; cat "$t/$name.err"; fail=1; }
done <"$t/asks"
for name in troll-1h apia-12h gap-override; do
	"$bin" oncall "$name" --at 2027-03-27T00:00:00Z --weeks 1 --ics >"$t/$name.ics"
done
HANDOFF_NOW=2011-12-28T00:00:00Z "$bin" oncall apia-12h --weeks 1 --ics >"$t/apia-12h.ics"

"$py" - "$t" <<'PY' || { echo "FAIL: rotations disagree with the oracle"; fail=1; }
import json, sys
from icalendar import Calendar
t = sys.argv[1]
bad = 0
def fail(msg):
    global bad
    bad += 1
    print("FAIL:", msg)
status = json.load(open(t + "/status.json"))
for e in status["errors"]:
    fail("sync error: %r" % e)
for c in json.load(open(t + "/cases.json")):
    rot = json.load(open("%s/%s.json" % (t, c["name"])))["rotations"][0]
    got = [[s["from"], s["until"], s["who"]] for s in rot["shifts"]]
    # never two people at once, never a shift that ends before it starts
    for a, b in zip(got, got[1:]):
        if b[0] < a[1]:
            fail("%s: %s overlaps %s" % (c["name"], b, a))
    for s in got:
        if s[1] <= s[0]:
            fail("%s: empty or backwards shift %s" % (c["name"], s))
    if rot["coverage"]["double_cover"]:
        fail("%s: double cover %r" % (c["name"], rot["coverage"]["double_cover"]))
    if c["want"] is not None and got != c["want"]:
        fail("%s at %s:\n  got  %s\n  want %s" % (c["name"], c["at"], got, c["want"]))
# the report's cases, spelled out
def shifts(name):
    return [[s["from"], s["until"], s["who"]] for s in json.load(open("%s/%s.json" % (t, name)))["rotations"][0]["shifts"]]
want = {
    # Troll jumps from +00 to +02 at 01:00Z: 01:00 and 02:00 local do not exist; b and c keep their turns
    "troll-1h": [["2027-03-27T22:00:00Z", "2027-03-27T23:00:00Z", "b"], ["2027-03-27T23:00:00Z", "2027-03-28T00:00:00Z", "c"],
                 ["2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z", "a"], ["2027-03-28T01:00:00Z", "2027-03-28T02:00:00Z", "b"],
                 ["2027-03-28T02:00:00Z", "2027-03-28T03:00:00Z", "c"]],
    # Apia skips 30 December 2011: the 21:00 shift of the 29th runs to 09:00 on the 31st (12 real hours),
    # the two shifts of the 30th are empty, and c, whose turn came, takes the 31st
    "apia-12h": [["2011-12-28T19:00:00Z", "2011-12-29T07:00:00Z", "b"], ["2011-12-29T07:00:00Z", "2011-12-29T19:00:00Z", "c"],
                 ["2011-12-29T19:00:00Z", "2011-12-30T07:00:00Z", "a"], ["2011-12-30T07:00:00Z", "2011-12-30T19:00:00Z", "b"],
                 ["2011-12-30T19:00:00Z", "2011-12-31T07:00:00Z", "c"]],
    "apia-1d": [["2011-12-27T19:00:00Z", "2011-12-28T19:00:00Z", "b"], ["2011-12-28T19:00:00Z", "2011-12-29T19:00:00Z", "c"],
                ["2011-12-29T19:00:00Z", "2011-12-30T19:00:00Z", "d"], ["2011-12-30T19:00:00Z", "2011-12-31T19:00:00Z", "a"]],
    # the first shift starts on `start` (Wednesday 09:00) and is short; Monday's hand-off goes to b
    "wed-start": [["2026-11-04T08:00:00Z", "2026-11-09T08:00:00Z", "a"], ["2026-11-09T08:00:00Z", "2026-11-16T08:00:00Z", "b"],
                  ["2026-11-16T08:00:00Z", "2026-11-23T08:00:00Z", "c"]],
    # c's override lies in the skipped hour (no time); d's moved start (03:30) passes its end (03:15): no time;
    # e's starts at 03:30 CEST (02:30 moved forward by the jump) and ends at 04:00
    "gap-override": [["2027-03-22T08:00:00Z", "2027-03-28T01:30:00Z", "a"], ["2027-03-28T01:30:00Z", "2027-03-28T02:00:00Z", "e"],
                     ["2027-03-28T02:00:00Z", "2027-03-29T07:00:00Z", "a"], ["2027-03-29T07:00:00Z", "2027-04-05T07:00:00Z", "b"]],
}
for name, w in want.items():
    if shifts(name)[:len(w)] != w:
        fail("%s:\n  got  %s\n  want %s" % (name, shifts(name)[:len(w)], w))
warned = [w for w in status["warnings"] if w["path"] == "oncall/gap-override.json"]
if len(warned) != 2 or not all("covers no time" in w["message"] for w in warned):
    fail("gap-override: want two warnings that an override covers no time, got %r" % warned)
# the calendar feeds: unique UIDs, each event forwards, none overlapping
for name in ["troll-1h", "apia-12h", "gap-override"]:
    cal = Calendar.from_ical(open("%s/%s.ics" % (t, name), "rb").read())
    ev = sorted((e.decoded("DTSTART"), e.decoded("DTEND"), str(e["UID"])) for e in cal.walk("VEVENT"))
    uids = [e[2] for e in ev]
    if not ev or len(set(uids)) != len(uids):
        fail("%s.ics: %d events, duplicate UIDs %r" % (name, len(ev), sorted(u for u in uids if uids.count(u) > 1)))
    for a, b in zip(ev, ev[1:]):
        if b[0] < a[1] or a[1] <= a[0]:
            fail("%s.ics: %r then %r" % (name, a, b))
sys.exit(1 if bad else 0)
PY
exit $fail
