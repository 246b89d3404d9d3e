#!/usr/bin/env python3
"""ical_expand.py: an independent expansion of a calendar feed (python3-icalendar + python3-dateutil), for the tests.

Usage: ical_expand.py FEED FROM TO   (FROM, TO: ISO 8601 UTC)
Prints one JSON array of {"from", "until", "summary", "people"} (UTC, sorted), the
occurrences overlapping [FROM, TO): RRULE, RDATE, EXDATE, RECURRENCE-ID, cancelled
events and occurrences, all-day and floating events in X-WR-TIMEZONE (else UTC), an
occurrence's length kept on the wall clock.
"""
import datetime as dt
import json
import sys
from zoneinfo import ZoneInfo

from dateutil import rrule
import icalendar

UTC = dt.timezone.utc


def parse_utc(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def zone_of(prop, default):
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    if tzid:
        return ZoneInfo(str(tzid))
    return default


def local(prop, default):
    """(naive wall time, zone, is_date) of a DTSTART-like property."""
    v = prop.dt
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None and v.utcoffset() == dt.timedelta(0) and not prop.params.get("TZID"):
            return v.replace(tzinfo=None), UTC, False
        return v.replace(tzinfo=None), zone_of(prop, default), False
    return dt.datetime(v.year, v.month, v.day), default, True


def to_utc(naive, zone):
    return naive.replace(tzinfo=zone).astimezone(UTC)


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def people(ev):
    out = []
    for a in as_list(ev.get("ATTENDEE")) + as_list(ev.get("ORGANIZER")):
        email = str(a)
        if email.lower().startswith("mailto:"):
            email = email[7:]
        out.append([email, str(a.params.get("CN", ""))])
    return out


def main():
    feed, lo, hi = sys.argv[1], parse_utc(sys.argv[2]), parse_utc(sys.argv[3])
    cal = icalendar.Calendar.from_ical(open(feed, "rb").read())
    default = UTC
    if cal.get("X-WR-TIMEZONE"):
        default = ZoneInfo(str(cal.get("X-WR-TIMEZONE")))
    events = [c for c in cal.walk("VEVENT")]
    overrides = {}
    for ev in events:
        if ev.get("RECURRENCE-ID") is not None:
            n, z, _ = local(ev["RECURRENCE-ID"], default)
            overrides.setdefault(str(ev["UID"]), []).append((to_utc(n, z), ev))
    out = []

    def emit(ev, s, e):
        if e > lo and s < hi and e > s:
            out.append({"from": s.strftime("%Y-%m-%dT%H:%M:%SZ"), "until": e.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "summary": str(ev.get("SUMMARY", "")), "people": people(ev)})

    def length(ev, start, zone, is_date):
        if ev.get("DTEND") is not None:
            en, ez, _ = local(ev["DTEND"], default)
            if ez is not zone and not is_date:
                en = to_utc(en, ez).astimezone(zone).replace(tzinfo=None)
            return en - start
        if ev.get("DURATION") is not None:
            return ev["DURATION"].dt
        return dt.timedelta(days=1) if is_date else dt.timedelta(0)

    for ev in events:
        if ev.get("RECURRENCE-ID") is not None:
            continue
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start, zone, is_date = local(ev["DTSTART"], default)
        span = length(ev, start, zone, is_date)
        if span <= dt.timedelta(0):
            continue
        skip = set()
        for ex in as_list(ev.get("EXDATE")):
            for d in ex.dts:
                v = d.dt
                if isinstance(v, dt.datetime):
                    n = v.replace(tzinfo=None)
                    skip.add(to_utc(n, zone_of(ex, zone) if v.tzinfo is None or ex.params.get("TZID") else UTC))
                else:
                    skip.add(to_utc(dt.datetime(v.year, v.month, v.day), zone))
        for when, _ in overrides.get(str(ev.get("UID")), []):
            skip.add(when)
        starts = []
        if ev.get("RRULE") is not None:
            text = ev["RRULE"].to_ical().decode()
            parts = dict(p.split("=", 1) for p in text.split(";"))
            if "UNTIL" in parts:
                u = parts["UNTIL"]
                if u.endswith("Z"):
                    uu = dt.datetime.strptime(u, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                    parts["UNTIL"] = uu.astimezone(zone).replace(tzinfo=None).strftime("%Y%m%dT%H%M%S")
                text = ";".join("%s=%s" % kv for kv in parts.items())
            hi_local = (hi.astimezone(zone).replace(tzinfo=None) if zone is not UTC
                        else hi.replace(tzinfo=None)) + dt.timedelta(days=2)
            for n in rrule.rrulestr(text, dtstart=start):
                if n > hi_local:
                    break
                starts.append(n)
        else:
            starts.append(start)
        for rd in as_list(ev.get("RDATE")):
            for d in rd.dts:
                v = d.dt
                starts.append(v.replace(tzinfo=None) if isinstance(v, dt.datetime) else
                              dt.datetime(v.year, v.month, v.day))
        for n in starts:
            s = to_utc(n, zone)
            if s in skip:
                continue
            emit(ev, s, to_utc(n + span, zone))
    for uid, lst in overrides.items():
        for _, ev in lst:
            if str(ev.get("STATUS", "")).upper() == "CANCELLED":
                continue
            start, zone, is_date = local(ev["DTSTART"], default)
            span = length(ev, start, zone, is_date)
            emit(ev, to_utc(start, zone), to_utc(start + span, zone))
    out.sort(key=lambda o: (o["from"], o["until"]))
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
