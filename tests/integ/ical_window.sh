#!/usr/bin/env bash
# ical_window.sh: a calendar source's `weeks` sets how far ahead a sync reads the feed (default 12): a 10-year weekly
# rotation read from a file shows shifts up to that many weeks ahead and no further; a bad value is a warning naming the key;
# an override of a feed rotation is refused, naming the calendar
. "${HF_SRCDIR:?}/tests/lib/common.sh" icalwin
export HANDOFF_NOW=2026-10-15T10:00:00Z
mkdir -p "$t/pod/oncall" "$t/feeds" "$t/config/handoff"
"$py" "$HF_SRCDIR/tests/lib/ical_feeds.py" "$t/feeds"
cat >"$t/pod/pod.json" <<'JSON'
{ "name": "ml-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "email": "ana@example.org"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "email": "Raj@Example.org"},
               {"handle": "li", "name": "Li Wei", "role": "engineering"} ] }
JSON
echo '{"calendar": "berlin", "timezone": "Europe/Berlin", "who": {"R. Iyer": "raj"}}' >"$t/pod/oncall/berlin.json"
"$git" init -q -b main "$t/pod"
"$git" -C "$t/pod" add -A
"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -m "a feed rotation"

config() { # config [WEEKS-LINE]
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "berlin"]\n\ttype = ical\n\turl = %s\n%s' \
		"$t/pod" "$t/feeds/berlin.ics" "${1:-}" >"$t/config/handoff/config"
}
# last_start: the start of the last shift `oncall berlin --json` lists
last_start() {
	"$bin" oncall berlin --json --next 1000 | "$py" -c 'import json, sys
d = json.load(sys.stdin)
r = d["rotations"][0] if "rotations" in d else d
print(max(s["from"] for s in r["shifts"]))'
}

config
"$bin" sync >"$t/sync.out" 2>&1
check "default: sync exits 0" test $? -eq 0 || cat "$t/sync.out"
last=$(last_start)
check "default: shifts up to 12 weeks ahead ($last)" test "$last" \> 2026-12-24 -a "$last" \< 2027-01-07T10:00:00Z

config $'\tweeks = 3\n'
"$bin" sync >"$t/sync3.out" 2>&1
check "weeks = 3: sync exits 0" test $? -eq 0 || cat "$t/sync3.out"
last=$(last_start)
check "weeks = 3: no shift starts past 3 weeks ahead ($last)" test "$last" \< 2026-11-05T10:00:00Z -a "$last" \> 2026-10-22

config $'\tweeks = 0\n'
"$bin" sync >"$t/sync0.out" 2>&1
check "weeks = 0: a warning naming the key" grep -q "source.berlin.weeks: '0' is not a number of weeks from 1 to 520" "$t/sync0.out" || cat "$t/sync0.out"
last=$(last_start)
check "weeks = 0: the default, 12 weeks ahead ($last)" test "$last" \> 2026-12-24 -a "$last" \< 2027-01-07T10:00:00Z

# a feed rotation's overrides are made in the calendar: refused, saying so, the file left alone
printf '[user]\n\thandle = ana\n' >>"$t/config/handoff/config"
"$bin" oncall override berlin --from 2026-10-20T09:00 --to 2026-10-20T18:00 --who ana >"$t/ov.out" 2>&1
check "override on a feed rotation: refused" test $? -ne 0
check "override on a feed rotation: says where to make it" \
	grep -qF "rotation 'berlin' comes from calendar 'berlin': make the override in the service that owns the calendar" "$t/ov.out" ||
	cat "$t/ov.out"
check "override on a feed rotation: no commit" test "$("$git" -C "$t/pod" rev-list --count HEAD)" -eq 1
exit $fail
