#!/usr/bin/env python3
# prom_gen.py: a deterministic week of live-SLO history in OpenMetrics text, for `promtool tsdb create-blocks-from openmetrics`
"""Usage:
  prom_gen.py scenario NOW OUT     the test pod's four models (below)
  prom_gen.py bench NOW N OUT      N models bench-000.. with both metrics, met all week

NOW is unix seconds. Samples run from NOW - 8 days to NOW + 1 hour (so NOW
lies inside the backfilled range), one a minute (the bench: every 5 minutes).
Metrics, in the SLOs' units, one series per model label:
  svc_latency_p99_ms{model}   svc_throughput_rps{model}

The scenario, for SLOs latency_p99_ms <= 50 and throughput_rps >= 800 (400
for recommender) over a 7-day window evaluated at 200 points (step 3024 s,
the last point at NOW):
  fraud-detector   met all week (latency 30..42, throughput 1050..1350)
  ranker           latency over 50 for the last 24 of the 200 points (12%),
                   so missed now; throughput met
  recommender      latency NaN from NOW - 30 min (the exporter broke):
                   unknown now; throughput met (400..600 vs >= 400)
  churn-predictor  no series at all: no data
"""
import math
import sys

WEEK = 7 * 86400
STEP = WEEK // 200  # 3024: the step handoff asks for over a 7-day window


def wave(t, period, phase=0.0):
    return math.sin(2 * math.pi * ((t % period) / period + phase))


def fmt(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return "%.3f" % v


def scenario(now):
    # ranker's latency is over target at eval points NOW - k*STEP for k < 24; the
    # samples those points read (the newest at or before each, one a minute) start
    # at NOW - 23*STEP - 60, and the 24th point before (k = 24) reads one well before
    bad_from = now - 23 * STEP - 120
    nan_from = now - 30 * 60

    def latency(model, t):
        if model == "fraud-detector":
            return 36.0 + 6.0 * wave(t, 86400)
        if model == "ranker":
            if t >= bad_from:
                return 58.0 + 6.0 * wave(t, 7200)
            return 38.0 + 4.0 * wave(t, 86400, 0.25)
        if model == "recommender":
            return float("nan") if t >= nan_from else 25.0 + 3.0 * wave(t, 86400)
        return None

    def throughput(model, t):
        if model == "fraud-detector":
            return 1200.0 + 150.0 * wave(t, 86400)
        if model == "ranker":
            return 900.0 + 50.0 * wave(t, 43200)
        if model == "recommender":
            return 500.0 + 100.0 * wave(t, 86400, 0.5)
        return None

    models = ["fraud-detector", "ranker", "recommender"]
    return models, latency, throughput, 60


def bench(n):
    def latency(model, t):
        i = int(model.split("-")[1])
        return 30.0 + (i % 10) + 5.0 * wave(t, 86400, i / n)

    def throughput(model, t):
        i = int(model.split("-")[1])
        return 1000.0 + 10 * (i % 7) + 100.0 * wave(t, 86400, i / n)

    return ["bench-%03d" % i for i in range(n)], latency, throughput, 300


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "scenario":
        now, out = int(sys.argv[2]), sys.argv[3]
        models, latency, throughput, every = scenario(now)
    elif len(sys.argv) >= 5 and sys.argv[1] == "bench":
        now, out = int(sys.argv[2]), sys.argv[4]
        models, latency, throughput, every = bench(int(sys.argv[3]))
    else:
        sys.exit(__doc__)
    start = (now - 8 * 86400) // every * every
    end = now + 3600
    with open(out, "w") as f:
        for name, fn, help_ in (("svc_latency_p99_ms", latency, "p99 request latency in ms"),
                                ("svc_throughput_rps", throughput, "requests served per second")):
            f.write("# HELP %s %s\n# TYPE %s gauge\n" % (name, help_, name))
            for model in models:
                for t in range(start, end + 1, every):
                    v = fn(model, t)
                    if v is not None:
                        f.write('%s{model="%s"} %s %d\n' % (name, model, fmt(v), t))
        f.write("# EOF\n")


main()
