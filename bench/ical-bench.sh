#!/usr/bin/env bash
# ical-bench.sh: expansion of a 13-week window of a feed with 50 weekly events over 10 years and 500 overrides:
# handoff (libical, bench/ical-bench) beside python3-icalendar + dateutil doing the same expansion
# (tests/lib/ical_expand.py), as a ratio within one run. Prints figures, asserts nothing.
# Usage: bench/ical-bench.sh [RUNS]   (from the build tree, after make)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
py=${PYTHON3:-/usr/bin/python3}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
"$py" "$src/bench/ical_gen.py" "$t/feed.ics"
at=2029-03-05T10:00:00Z	# mid-way through the ten years, the window crossing the March change
from=2029-02-26T10:00:00Z
until=2029-05-28T10:00:00Z
echo "feed: $(wc -c <"$t/feed.ics") bytes, 50 weekly events 2024-2033, 500 overrides; window $from .. $until"
c_line=$(./bench/ical-bench "$t/feed.ics" "$at" "$runs")
echo "handoff (libical):        $c_line"
py_ms=$("$py" - "$src/tests/lib/ical_expand.py" "$t/feed.ics" "$from" "$until" "$runs" <<'PY'
import subprocess, sys, time
script, feed, lo, hi, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
import runpy, io, contextlib
times, n = [], 0
for _ in range(runs):
    sys.argv = [script, feed, lo, hi]
    buf = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(script, run_name="__main__")
    times.append((time.perf_counter() - t0) * 1000)
    import json
    n = len(json.loads(buf.getvalue()))
times.sort()
print("%d %.1f" % (n, times[len(times) // 2]))
PY
)
echo "python-icalendar+dateutil: occurrences ${py_ms%% *}, median ${py_ms#* } ms over $runs runs (in-process, imports warm)"
c_ms=$(echo "$c_line" | sed 's/.*median \([0-9.]*\) ms.*/\1/')
awk -v c="$c_ms" -v p="${py_ms#* }" 'BEGIN { printf "ratio: python / handoff = %.1fx\n", p / c }'
