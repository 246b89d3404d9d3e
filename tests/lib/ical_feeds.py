#!/usr/bin/env python3
"""ical_feeds.py: writes the calendar feeds of the calendar-source tests into a folder.

Usage: ical_feeds.py DIR
Feeds, in the shapes their services export (see docs/pod-repository.md, "Who an event names"):
  pagerduty.ics  one UTC event per shift, "On Call - <Name> - <Schedule>", ATTENDEE as a bare email
  opsgenie.ics   one UTC event per shift, "<Name> - <schedule>_schedule", ORGANIZER the team
  grafana.ics    Grafana OnCall's final schedule: SUMMARY the user name, LOCATION primary/overrides
  berlin.ics     Google Calendar: weekly recurring events in Europe/Berlin with its VTIMEZONE,
                 a 10-year RRULE, COUNT, EXDATE, a RECURRENCE-ID swap, a cancelled occurrence,
                 an all-day holiday cover; folded lines
  newyork.ics    weekly recurring events with TZID=America/New_York and no VTIMEZONE (the
                 system zoneinfo), INTERVAL=2, BYDAY, UNTIL, an RDATE and a floating event
"""
import os
import sys

CRLF = "\r\n"


def fold(line):
    """RFC 5545 folding at 75 octets."""
    out, b = [], line.encode()
    while len(b) > 75:
        cut = 75
        while cut > 0 and (b[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(b[:cut].decode())
        b = b" " + b[cut:]
    out.append(b.decode())
    return CRLF.join(out)


def cal(lines, head):
    body = ["BEGIN:VCALENDAR", "VERSION:2.0"] + head + lines + ["END:VCALENDAR"]
    return CRLF.join(fold(x) for x in body) + CRLF


def event(uid, start, end, summary, extra=()):
    return (["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20261001T000000Z", start, end,
             "SUMMARY:" + summary] + list(extra) + ["END:VEVENT"])


BERLIN_TZ = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""".split("\n")


def pagerduty():
    lines = []
    people = [("Ana Ruiz", "ana@example.org"), ("Raj Iyer", "raj@example.org")]
    for d in range(12, 26):
        name, email = people[d % 2]
        if d == 20:
            name, email = "Zed Quinn", "zed@contractor.example"
        lines += event("Q%02dPD@pagerduty.com" % d, "DTSTART:202610%02dT120000Z" % d,
                       "DTEND:202610%02dT120000Z" % (d + 1), "On Call - %s - ML Serving" % name,
                       ["ATTENDEE:" + email, "URL:https://acme.pagerduty.com/schedules#PABC123"])
    return cal(lines, ["PRODID:-//PagerDuty Inc.//PagerDuty on-call schedule//EN",
                       "X-WR-CALNAME:ML Serving", "METHOD:PUBLISH"])


def opsgenie():
    lines = []
    people = ["Li Wei", "Chen Bo"]
    for i, d in enumerate(range(12, 26, 2)):
        lines += event("og-%d@opsgenie.com" % d, "DTSTART:202610%02dT080000Z" % d,
                       "DTEND:202610%02dT080000Z" % (d + 2), "%s - ml_platform_schedule" % people[i % 2],
                       ["ORGANIZER;CN=ML Platform:mailto:ml-platform@example.org"])
    return cal(lines, ["PRODID:-//Atlassian//Opsgenie//EN", "X-WR-CALNAME:ml_platform_schedule"])


def grafana():
    lines = []
    # 12-hour shifts: chen days, "cbo" (chen's Grafana user name, mapped by the who map) never,
    # li nights; one override in which ana doubles li's night
    for d in range(12, 19):
        lines += event("g-%d-day" % d, "DTSTART:202610%02dT060000Z" % d, "DTEND:202610%02dT180000Z" % d,
                       "chen", ["LOCATION:primary"])
        lines += event("g-%d-night" % d, "DTSTART:202610%02dT180000Z" % d,
                       "DTEND:202610%02dT060000Z" % (d + 1), "li", ["LOCATION:primary"])
    lines += event("g-ovr", "DTSTART:20261015T180000Z", "DTEND:20261016T000000Z", "ana",
                   ["LOCATION:overrides"])
    lines += event("g-cbo", "DTSTART:20261019T060000Z", "DTEND:20261019T180000Z", "[L1] cbo",
                   ["LOCATION:primary"])
    return cal(lines, ["PRODID:-//Grafana Labs//Grafana On-Call//", "CALSCALE:GREGORIAN",
                       "X-WR-CALNAME:Serving primary", "X-WR-TIMEZONE:UTC", "METHOD:PUBLISH"])


def berlin():
    tz = "TZID=Europe/Berlin"
    lines = []
    # ana: every 3 weeks from Mon 7 Sep 2026 for 10 years, by her email
    lines += event("ana-weekly@google.com", "DTSTART;%s:20260907T090000" % tz,
                   "DTEND;%s:20260914T090000" % tz, "On call",
                   ["RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO;UNTIL=20360901T070000Z",
                    "ATTENDEE;CN=Ana Ruiz;ROLE=REQ-PARTICIPANT:mailto:ana@example.org"])
    # raj: 40 weeks' worth by COUNT, known to the feed as "R. Iyer" (the rotation's who map)
    lines += event("raj-weekly@google.com", "DTSTART;%s:20260914T090000" % tz,
                   "DTEND;%s:20260921T090000" % tz, "On call",
                   ["RRULE:FREQ=WEEKLY;INTERVAL=3;COUNT=40",
                    "EXDATE;%s:20261116T090000" % tz,
                    "ATTENDEE;CN=R. Iyer:mailto:raj.iyer@corp.example"])
    # li: no end, her name in SUMMARY; the description is long enough to be folded
    lines += event("li-weekly@google.com", "DTSTART;%s:20260921T090000" % tz,
                   "DTEND;%s:20260928T090000" % tz, "On call: Li Wei",
                   ["RRULE:FREQ=WEEKLY;INTERVAL=3",
                    "DESCRIPTION:Primary on-call for the serving stack; escalation after 15 minutes "
                    "to the secondary\\, then to the lead. Runbook: https://runbooks.example/serving"])
    # raj's week of 26 Oct (the first after the October change) taken by ana: a RECURRENCE-ID swap
    lines += event("raj-weekly@google.com", "DTSTART;%s:20261026T090000" % tz,
                   "DTEND;%s:20261102T090000" % tz, "On call (swap)",
                   ["RECURRENCE-ID;%s:20261026T090000" % tz,
                    "ATTENDEE;CN=Ana Ruiz:mailto:ana@example.org"])
    # li's week of 23 Nov cancelled: a gap
    lines += event("li-weekly@google.com", "DTSTART;%s:20261123T090000" % tz,
                   "DTEND;%s:20261130T090000" % tz, "On call: Li Wei",
                   ["RECURRENCE-ID;%s:20261123T090000" % tz, "STATUS:CANCELLED"])
    # ana's week of 22 Mar 2027 (crossing the March change) moved to start on Tuesday
    lines += event("ana-weekly@google.com", "DTSTART;%s:20270323T090000" % tz,
                   "DTEND;%s:20270329T090000" % tz, "On call (moved)",
                   ["RECURRENCE-ID;%s:20270322T090000" % tz,
                    "ATTENDEE;CN=Ana Ruiz:mailto:ana@example.org"])
    # all-day holiday cover: raj doubles 24-26 December (double cover)
    lines += event("holiday@google.com", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227",
                   "Holiday cover: Raj Iyer")
    # a cancelled one-off: left out
    lines += event("cancelled@google.com", "DTSTART;%s:20261201T090000" % tz,
                   "DTEND;%s:20261202T090000" % tz, "On call: Li Wei", ["STATUS:CANCELLED"])
    return cal(BERLIN_TZ + lines, ["PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                                   "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                                   "X-WR-CALNAME:ML serving on-call", "X-WR-TIMEZONE:Europe/Berlin"])


def newyork():
    tz = "TZID=America/New_York"
    lines = []
    lines += event("ny-chen", "DTSTART;%s:20260907T100000" % tz, "DTEND;%s:20260914T100000" % tz,
                   "chen", ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20280101T000000Z",
                            "RDATE;%s:20261110T100000" % tz])
    lines += event("ny-li", "DTSTART;%s:20260914T100000" % tz, "DURATION:P7D",
                   "li", ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"])
    # floating: 10:00 on the feed's clock (no X-WR-TIMEZONE here: UTC)
    lines += event("ny-float", "DTSTART:20261021T100000", "DTEND:20261021T120000", "ana")
    return cal(lines, ["PRODID:-//Example Corp//Outlook-like//EN"])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, fn in [("pagerduty", pagerduty), ("opsgenie", opsgenie), ("grafana", grafana),
                     ("berlin", berlin), ("newyork", newyork)]:
        with open(os.path.join(out, name + ".ics"), "w", newline="") as f:
            f.write(fn())


if __name__ == "__main__":
    main()
