#!/usr/bin/env python3
"""ical_gen.py: the calendar-source benchmark's feed: 50 weekly recurring events over 10 years and 500 overrides.

Usage: ical_gen.py FILE
Events in Europe/Berlin (a TZID resolved through the system zoneinfo), each a
weekly shift of one of 50 people, starting 2024-01-01 and ending after 10 years
(UNTIL); 500 RECURRENCE-ID overrides spread over the years move single
occurrences by two hours, a tenth of them cancelled.
"""
import datetime as dt
import sys

CRLF = "\r\n"


def main():
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handoff bench//EN", "X-WR-TIMEZONE:Europe/Berlin"]
    start = dt.datetime(2024, 1, 1, 9, 0)
    for i in range(50):
        s = start + dt.timedelta(hours=3 * (i % 8), days=i % 7)
        lines += ["BEGIN:VEVENT", "UID:bench-%d@handoff" % i, "DTSTAMP:20240101T000000Z",
                  "DTSTART;TZID=Europe/Berlin:" + s.strftime("%Y%m%dT%H%M%S"),
                  "DTEND;TZID=Europe/Berlin:" + (s + dt.timedelta(hours=8)).strftime("%Y%m%dT%H%M%S"),
                  "RRULE:FREQ=WEEKLY;UNTIL=20331231T230000Z",
                  "SUMMARY:On call: person%02d" % i,
                  "ATTENDEE;CN=Person %d:mailto:person%d@example.org" % (i, i), "END:VEVENT"]
    for k in range(500):
        i = k % 50
        week = (k * 37) % 520
        s = start + dt.timedelta(hours=3 * (i % 8), days=i % 7 + 7 * week)
        moved = s + dt.timedelta(hours=2)
        lines += ["BEGIN:VEVENT", "UID:bench-%d@handoff" % i, "DTSTAMP:20240101T000000Z",
                  "RECURRENCE-ID;TZID=Europe/Berlin:" + s.strftime("%Y%m%dT%H%M%S"),
                  "DTSTART;TZID=Europe/Berlin:" + moved.strftime("%Y%m%dT%H%M%S"),
                  "DTEND;TZID=Europe/Berlin:" + (moved + dt.timedelta(hours=8)).strftime("%Y%m%dT%H%M%S"),
                  "SUMMARY:On call: person%02d (moved)" % i] + (["STATUS:CANCELLED"] if k % 10 == 0 else []) + [
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(sys.argv[1], "w", newline="") as f:
        f.write(CRLF.join(lines) + CRLF)


if __name__ == "__main__":
    main()
