#!/usr/bin/env bash
# hostile_output.sh: C1 controls, bidi controls and line separators from pod files never reach --json or --ics raw; JSON keeps the exact text
. "${HF_SRCDIR:?}/tests/lib/common.sh" hostile
export HANDOFF_NOW=2026-11-29T10:00:00Z TZ=UTC

mkdir -p "$t/pod/oncall" "$t/pod/sprints" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
# every hostile code point, each written as a JSON escape so this file stays clean
"$py" - "$t" <<'PY'
import json, sys
bad = "CSI\u009b31m C1\u0085 RLO\u202eevil\u202c LRI\u2066x\u2069 LRM\u200e LS\u2028PS\u2029 DEL\u007f end"
t = sys.argv[1]
json.dump({"timezone": "Europe/Berlin", "start": "2026-11-02", "shift": "1w", "handoff": "mon 09:00",
           "members": ["ana", "raj"],
           "overrides": [{"who": "raj", "from": "2026-11-28T00:00", "to": "2026-11-30T00:00", "reason": bad}]},
          open(t + "/pod/oncall/rota.json", "w"))
json.dump({"id": "s1", "name": "Sprint " + bad, "start": "2026-11-23", "end": "2026-12-04",
           "capacity": {"ana": 5},
           "items": [{"id": "S-1", "title": bad, "kind": "research", "owner": "ana", "points": 2,
                      "status": "blocked"}]},
          open(t + "/pod/sprints/s1.json", "w"))
json.dump(bad, open(t + "/bad.json", "w"))
PY
pod_sync "hostile text"

"$bin" oncall --json >"$t/oncall.json"
check "oncall --json exits 0" test $? -eq 0
"$bin" sprint s1 --json >"$t/sprint.json"
check "sprint --json exits 0" test $? -eq 0
"$bin" status --json >"$t/status.json"
check "status --json exits 0" test $? -eq 0
"$bin" oncall rota --ics >"$t/rota.ics"
check "oncall --ics exits 0" test $? -eq 0

"$py" - "$t" <<'PY' || { echo "FAIL: hostile code points in --json or --ics"; fail=1; }
import json, re, sys
from icalendar import Calendar
t = sys.argv[1]
bad = json.load(open(t + "/bad.json"))
hostile = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\u007f]")
assert hostile.search(bad), "the test's text is hostile"
def clean(path):
    text = open(path, "rb").read().decode("utf-8")
    m = hostile.search(text)
    assert not m, "%s: raw U+%04X at %d" % (path, ord(m.group()), m.start())
    return text
# JSON: escaped, and a JSON reader gets the exact text back
d = json.loads(clean(t + "/oncall.json"))
ov = [s for s in d["rotations"][0]["shifts"] if s["override"]]
assert ov and ov[0]["reason"] == bad, ov
assert "\\u009b" in open(t + "/oncall.json").read(), "C1 escaped as \\u009b"
d = json.loads(clean(t + "/sprint.json"))
assert d["blocked"][0]["title"] == bad and d["sprint"]["name"] == "Sprint " + bad, d
json.loads(clean(t + "/status.json"))
# ICS: dropped (the separators become line breaks), and another parser reads the rest
cal = Calendar.from_ical(clean(t + "/rota.ics"))
summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
want = "On call: raj (rota, override: CSI31m C1 RLOevil LRIx LRM LS\nPS\n DEL end)"
assert want in summaries, summaries
PY
exit $fail
