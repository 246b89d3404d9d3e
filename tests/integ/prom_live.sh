# tests/integ/prom_live.sh: live SLOs against a real Prometheus: the values handoff stores are the ones curl gets for the same queries; verdicts, marks, check --live, JSON, and a verdict change as an event
set -euo pipefail
. "$HF_SRCDIR/tests/lib/live_test.sh" promlive

live_pod_setup

# --- a first sync two days before the frozen time: ranker still met its latency SLO then
export HANDOFF_NOW=2026-10-31T09:00:00Z
out=$(hf sync 2>&1) || fail "first sync failed: $out"
assert_eq "ranker latency two days ago" "met" "$(live ranker latency_p99_ms 'l["result"]')"

# --- the sync at the frozen time, inside the backfilled week
export HANDOFF_NOW=$PROM_NOW_ISO
out=$(hf sync 2>&1) || fail "sync failed: $out"
st=$(hf status --json)
assert_eq "no errors after sync" "[]" "$(echo "$st" | js 'd["errors"]')"
assert_eq "prom synced" "prometheus True None" \
	"$(echo "$st" | js '" ".join(str(s[k]) for s in d["sync"] if s["name"] == "prom" for k in ("type", "ok", "error"))')"

# every live figure handoff shows equals what the same queries answer through curl
for m in fraud-detector ranker recommender churn-predictor; do
	for metric in latency_p99_ms throughput_rps; do
		q="svc_$metric{model=\"$m\"}"
		prom_query "$q" >"$T/now.json"
		prom_range "$q" 604800 >"$T/range.json"
		hf show "$m" --json >"$T/show.json"
		"$PYTHON3" - "$T/now.json" "$T/range.json" "$T/show.json" "$m" "$metric" "$PROM_NOW" <<'PY' || fail "$m $metric: handoff's live figures differ from curl's"
import json, math, sys
now, rng, show = (json.load(open(f)) for f in sys.argv[1:4])
model, metric, at = sys.argv[4], sys.argv[5], int(sys.argv[6])
slo = [s for s in show["slos"] if s["metric"] == metric][0]
live, op, target = slo["live"], slo["op"], slo["target"]
def fail(msg):
    sys.exit("%s %s: %s (handoff: %s)" % (model, metric, msg, json.dumps(live)))
assert now["status"] == "success" and rng["status"] == "success"
step = 604800 // 200
if live["query"] != 'svc_%s{model="%s"}' % (metric, model): fail("query")
if live["window"] != "7d" or live["step"] != step or live["source"] != "prom": fail("window/step/source")
if live["at"] != "2026-11-02T09:00:00Z": fail("at")
if live["error"] is not None: fail("error")
# the value now
res = now["data"]["result"]
if not res:
    if live["state"] != "no data" or live["value"] is not None or live["result"] != "unknown" or live["reason"] != "no data":
        fail("no data")
else:
    v = float(res[0]["value"][1])
    if math.isnan(v):
        if live["state"] != "nan" or live["value"] is not None or live["result"] != "unknown" or live["reason"] != "NaN":
            fail("NaN")
    else:
        ok = v <= target if op == "<=" else v >= target
        if live["state"] != "value" or live["value"] != v or live["result"] != ("met" if ok else "missed"):
            fail("value %r" % v)
# the window: 200 points on the grid, NaN and gaps as null, budget and worst over the finite ones
grid = [at - 604800 + step * (i + 1) for i in range(200)]
if live["start"] != "2026-10-26T09:50:24Z" and res: fail("start %s" % live["start"])
vals = {}
for s in rng["data"]["result"]:
    for t, x in s["values"]:
        vals[int(t)] = float(x)
want = [vals.get(t) for t in grid]
want = [None if x is None or math.isnan(x) else x for x in want]
if res and live["points"] != want: fail("points")
finite = [x for x in want if x is not None]
bad = [x for x in finite if not (x <= target if op == "<=" else x >= target)]
if finite:
    if abs(live["budget"] - len(bad) / len(finite)) > 1e-12: fail("budget")
    worst = max(finite) if op == "<=" else min(finite)
    if live["worst"] != worst: fail("worst")
elif live["budget"] is not None or live["worst"] is not None:
    fail("budget/worst without data")
PY
	done
done

# the scenario itself, as a person reads it
# fields MODEL METRIC KEYS...: those keys of the SLO's live object, space-separated
fields() {
	local m=$1 metric=$2 expr=""
	shift 2
	for k in "$@"; do expr="$expr str(l['$k']),"; done
	live "$m" "$metric" "' '.join([$expr])"
}
assert_eq "fraud-detector met all week" "met 0.0" "$(fields fraud-detector latency_p99_ms result budget)"
assert_eq "ranker missed 12% of the week" "missed 0.12 58.0" "$(fields ranker latency_p99_ms result budget value)"
assert_eq "ranker's throughput" "met" "$(fields ranker throughput_rps result)"
assert_eq "recommender's NaN" "unknown NaN" "$(fields recommender latency_p99_ms result reason)"
assert_eq "churn-predictor's no data" "unknown no data" "$(fields churn-predictor throughput_rps result reason)"

# --- models: serving models get their live marks beside the offline ones
json=$(hf models --json)
assert_eq "serving" "churn-predictor:True doc-classifier:False fraud-detector:True ranker:True recommender:True" \
	"$(echo "$json" | js '" ".join("%s:%s" % (m["name"], m["serving"]) for m in d["models"])')"
assert_eq "live counts" "0/0/2 0/0/2 2/0/0 1/1/0 1/0/1" \
	"$(echo "$json" | js '" ".join("%d/%d/%d" % (m["live"]["met"], m["live"]["missed"], m["live"]["unknown"]) for m in d["models"])')"
text=$(hf models)
assert_contains "models header" "$text" "SLO        LIVE"
assert_contains "ranker's marks" "$(echo "$text" | grep '^ranker')" "2/2 met    ✗✓"
assert_contains "fraud-detector's marks" "$(echo "$text" | grep '^fraud-detector')" "2/2 met    ✓✓"
assert_contains "recommender's marks" "$(echo "$text" | grep '^recommender')" "2/2 met    ?✓"
assert_contains "not serving: no live mark" "$(echo "$text" | grep '^doc-classifier')" "met    -  "
text=$(LC_ALL=C TERM=vt100 hf models)
assert_contains "ASCII marks without UTF-8" "$(echo "$text" | grep '^ranker')" "2/2 met    x+"

# --- show: the live line with its sparkline
text=$(hf show ranker)
assert_contains "show ranker live" "$text" "    live: missed, 58 just now, 12.0% of 7d over target, worst 63.99  "
case "$text" in *█*) ;; *) fail "show: no sparkline in [$text]" ;; esac
text=$(LC_ALL=C TERM=vt100 hf show ranker)
case "$text" in *█*|*▁*) fail "show on a VT100 with LC_ALL=C: block characters in [$text]" ;; esac
assert_contains "ASCII sparkline" "$text" "#"

# --- the gate: --live requires the live SLOs of a serving model
set +e
hf check ranker >/dev/null 2>&1; rc=$?
assert_eq "ranker without --live" 0 "$rc"
json=$(hf check ranker --live --json); rc=$?
assert_eq "ranker --live exit" 1 "$rc"
assert_eq "ranker --live blocker" "live:latency_p99_ms latency_p99_ms live 58 > 50 raj engineering" \
	"$(echo "$json" | js '" ".join(d["blockers"][0][k] for k in ("item", "reason", "owner", "role"))')"
hf check fraud-detector --live >/dev/null 2>&1; rc=$?
assert_eq "fraud-detector --live exit" 0 "$rc"
out=$(hf check recommender --live 2>&1); rc=$?
assert_eq "recommender --live exit (NaN)" 1 "$rc"
assert_contains "recommender --live reason" "$out" "latency_p99_ms live unknown: NaN"
hf check doc-classifier --live >/dev/null 2>&1; rc=$?
set -e
assert_eq "a model not serving is judged as without --live" 1 "$rc"
assert_eq "its blockers do not include live ones" "" \
	"$(hf check doc-classifier --live --json | js '" ".join(b["item"] for b in d["blockers"] if b["item"].startswith("live:"))')"

# --- the verdict that changed between the two syncs is an event of the model's timeline
assert_contains "ranker's live event" "$(hf show ranker --json | js '[(a["kind"], a["summary"]) for a in d["activity"]]')" \
	"('live', 'latency_p99_ms live met → missed (58 > 50)')"
assert_eq "and the NaN that began since" "recommender|latency_p99_ms live met → unknown (NaN)" \
	"$(sqlite3 "$HANDOFF_DB" "SELECT model, summary FROM activity WHERE kind = 'live' AND model != 'ranker'")"

# --- a contract that opts an SLO out, and one with its own query and window
"$PYTHON3" - "$T/pod/models/ranker/contract.json" <<'PY'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
c["slos"][0]["live"] = {"query": "max_over_time(svc_latency_p99_ms{model=\"ranker\"}[1h])", "window": "1d"}
c["slos"][1]["live"] = False
json.dump(c, open(p, "w"), indent=1)
PY
live_pod_commit "ranker: its own latency query over a day, no live throughput"
out=$(hf sync 2>&1) || fail "sync after the contract change failed: $out"
json=$(hf show ranker --json)
assert_eq "own query and window" "max_over_time(svc_latency_p99_ms{model=\"ranker\"}[1h]) 1d 432" \
	"$(echo "$json" | js 'd["slos"][0]["live"]["query"] + " " + d["slos"][0]["live"]["window"] + " " + str(d["slos"][0]["live"]["step"])')"
assert_eq "opted out" "None" "$(echo "$json" | js 'd["slos"][1]["live"]')"
assert_eq "rows of SLOs no longer live are gone" 0 \
	"$(sqlite3 "$HANDOFF_DB" "SELECT count(*) FROM live_value WHERE model = 'ranker' AND metric = 'throughput_rps'")"
want=$(prom_get api/v1/query 'query=max_over_time(svc_latency_p99_ms{model="ranker"}[1h])' "time=$PROM_NOW" | js 'float(d["data"]["result"][0]["value"][1])')
assert_eq "own query's value is curl's" "$want" "$(echo "$json" | js 'd["slos"][0]["live"]["value"]')"
echo "ok"
