# tests/integ/prom_faults.sh: Prometheus faults: down, slow (timeout), a PromQL error, two series, an HTML page from a proxy, 401; each says what went wrong and the last live values stay, with their age
set -euo pipefail
. "$HF_SRCDIR/tests/lib/live_test.sh" promfaults

live_pod_setup
# a proxy in front of Prometheus, as many teams have, that can misbehave on request
prom_proxy_start
live_pod_config "$PROXY"

# --- a good sync at the frozen time
export HANDOFF_NOW=$PROM_NOW_ISO
out=$(hf sync 2>&1) || fail "good sync failed: $out"
assert_eq "ranker before the faults" "missed 58.0 2026-11-02T09:00:00Z" "$(live ranker latency_p99_ms 'l["result"], l["value"], l["at"]' | tr -d "(),'")"
values() {
	sqlite3 "$HANDOFF_DB" "SELECT model, metric, at, state, value, budget, worst, points FROM live_value ORDER BY model, metric"
}
good=$(values)

# the faults come an hour later: what was measured before is kept, an hour old
export HANDOFF_NOW=2026-11-02T10:00:00Z
# fault NAME PATTERN: the prom sync fails naming the problem, the values stay, the verdict is unknown
fault() {
	local name=$1 pattern=$2
	sync_prom_fails "$name" "$pattern"
	assert_eq "$name: values kept" "$good" "$(values)"
	assert_eq "$name: ranker's last value with its age" "unknown source failing 58.0 3600" \
		"$(live ranker latency_p99_ms 'l["result"], l["reason"], l["value"], l["age_seconds"]' | tr -d "(),'")"
	assert_contains "$name: the error on the SLO" "$(live ranker latency_p99_ms 'l["error"]')" "$pattern"
	hf status --json | "$PYTHON3" -c '
import json, sys
r = [s for s in json.load(sys.stdin)["sync"] if s["name"] == "prom"][0]
sys.exit(0 if r["ok"] is False and sys.argv[1] in r["error"] else 1)' "$pattern" ||
		fail "$name: status --json does not record the failed sync"
	assert_contains "$name: show's text" "$(hf show ranker)" "live: unknown (source failing), 58 1h ago"
	assert_contains "$name: check --live" "$(hf check ranker --live 2>&1 || true)" "latency_p99_ms live unknown: source failing"
}

# slow: the proxy accepts and answers nothing
prom_proxy_mode '{"mode": "stall"}'
fault "slow" "stalled: no data for 2 s (timeout)"

# an HTML page from the proxy where JSON was expected
prom_proxy_mode '{"mode": "html", "status": 200}'
fault "HTML page" "is text/html; charset=utf-8, not JSON"
prom_proxy_mode '{"mode": "html", "status": 502}'
fault "HTML error page" "answered 502 after retries with text/html"
prom_proxy_mode '{"mode": "pass"}'

# down: nothing listens any more
prom_proxy_stop
fault "down" "cannot fetch '$PROXY/api/v1/query"
assert_contains "down: curl's reason" "$(live ranker latency_p99_ms 'l["error"]')" "Couldn't connect to server"

# 401: Prometheus asks for basic auth; ~/.netrc gives it
prom_stop
prom_start --auth
live_pod_config "$PROM_URL"
fault "401" "answered 401: set 'token-env' for source 'prom' or a login for the host in ~/.netrc"
printf 'machine 127.0.0.1 login %s password %s\n' "$PROM_USER" "$PROM_PASS" >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
out=$(hf sync prom 2>&1) || fail "sync with ~/.netrc failed: $out"
assert_eq "after the faults, fresh values" "missed 58.0 0" "$(live ranker latency_p99_ms 'l["result"], l["value"], l["age_seconds"]' | tr -d "(),'")"

# --- faults of one query: the rest syncs; the query's error is Prometheus's own words
export HANDOFF_NOW=$PROM_NOW_ISO
"$PYTHON3" - "$T/pod" <<'PY'
import json, sys
p = sys.argv[1] + "/models/%s/contract.json"
c = json.load(open(p % "fraud-detector"))
c["slos"][0]["live"] = {"query": "sum(svc_latency_p99_ms{model=\"fraud-detector\"}"}
json.dump(c, open(p % "fraud-detector", "w"), indent=1)
c = json.load(open(p % "recommender"))
c["slos"][1]["live"] = {"query": "svc_throughput_rps{model=~\"recommender|ranker\"} > 300"}
json.dump(c, open(p % "recommender", "w"), indent=1)
PY
live_pod_commit "Two broken live queries"
out=$(hf sync 2>&1) || fail "a bad query failed the whole sync: $out"
assert_contains "sync warns of the failed query" "$out" \
	"handoff: warning: source 'prom': 2 live queries failed, the first: the live query of fraud-detector latency_p99_ms failed: bad_data: "
assert_eq "bad PromQL" "unknown query failed" "$(live fraud-detector latency_p99_ms 'l["result"], l["reason"]' | tr -d "(),'")"
assert_contains "bad PromQL: Prometheus's words" "$(live fraud-detector latency_p99_ms 'l["error"]')" \
	"the live query of fraud-detector latency_p99_ms failed: bad_data: invalid parameter \"query\": 1:47: parse error: unclosed left parenthesis"
assert_eq "bad PromQL: no values of another query" "unsynced None" "$(live fraud-detector latency_p99_ms 'l["state"], l["value"]' | tr -d "(),'")"
assert_contains "two series: their labels" "$(live recommender throughput_rps 'l["error"]')" \
	"returned 2 series, not one: {__name__=\"svc_throughput_rps\", model=\"ranker\"}, {__name__=\"svc_throughput_rps\", model=\"recommender\"}"
assert_eq "the other SLOs synced" "met missed" "$(live fraud-detector throughput_rps 'l["result"]') $(live ranker latency_p99_ms 'l["result"]')"
st=$(hf status --json)
assert_eq "each failed query is a problem naming the contract and field" \
	"prom models/fraud-detector/contract.json slos[0].live.query|prom models/recommender/contract.json slos[1].live.query" \
	"$(echo "$st" | js '"|".join("%s %s %s" % (e["source"], e["path"], e["field"]) for e in d["errors"])')"
assert_contains "status text shows them" "$(hf status 2>&1)" "bad_data"

# a query that fails now after working before keeps its last values, with their age: at 07:00
# only ranker's max answers; from 08:30, recommender's NaN (x != x holds for NaN) joins in
"$PYTHON3" - "$T/pod" <<'PY'
import json, sys
p = sys.argv[1] + "/models/ranker/contract.json"
c = json.load(open(p))
nan = 'svc_latency_p99_ms{model="recommender"}'
c["slos"][0]["live"] = {"query": 'max(svc_latency_p99_ms{model="ranker"}) or (%s != %s)' % (nan, nan)}
json.dump(c, open(p, "w"), indent=1)
PY
live_pod_commit "ranker: a query that picks up a second series at times"
HANDOFF_NOW=2026-11-02T07:00:00Z hf sync >/dev/null 2>&1 || fail "sync at 07:00 failed"
before=$(live ranker latency_p99_ms 'l["value"]')
[ "$before" != None ] || fail "no value at 07:00: $(live ranker latency_p99_ms 'l')"
hf sync >/dev/null 2>&1 || fail "sync at 09:00 failed"
assert_eq "kept from 2 hours before" "unknown query failed $before 7200" \
	"$(live ranker latency_p99_ms 'l["result"], l["reason"], l["value"], l["age_seconds"]' | tr -d "(),'")"
assert_contains "two series now" "$(live ranker latency_p99_ms 'l["error"]')" "returned 2 series"
assert_contains "show says how old" "$(hf show ranker)" "live: unknown (query failed), $(printf %g "$before") 2h ago"
echo "ok"
