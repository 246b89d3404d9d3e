# tests/integ/prom_access.sh: reaching Prometheus like the registry: https with an unknown CA refused, ca-file trusting it, insecure = true only when set; a Bearer token from token-env through an auth proxy, named when missing or wrong, never shown
set -euo pipefail
. "$HF_SRCDIR/tests/lib/live_test.sh" promaccess

# ranker's live latency as handoff stored it: result, value, source error
ranker() {
	live ranker latency_p99_ms 'l["result"], l["value"], l["error"]' | tr -d "(),'"
}

export HANDOFF_NOW=$PROM_NOW_ISO
live_pod_setup --tls
# a TLS handshake takes its time on a loaded machine (and more under ASan)
live_pod_config "$PROM_URL" "timeout = 10"
case "$PROM_URL" in https://127.0.0.1:*) ;; *) fail "prometheus is not on https: $PROM_URL" ;; esac
# the contracts come from the pod; prometheus is not trusted yet
hf sync pod >/dev/null 2>&1 || fail "sync of the pod failed"

# --- an unknown CA: refused, naming the URL; nothing is stored
sync_prom_fails "unknown CA" "cannot fetch '$PROM_URL/api/v1/query"
sync_prom_fails "unknown CA: what to do" "the server's certificate is not signed by a CA handoff trusts (set 'ca-file' for source 'prom')"
assert_eq "unknown CA: nothing measured" "0" \
	"$(sqlite3 "$HANDOFF_DB" "SELECT count(*) FROM live_value WHERE at IS NOT NULL")"
live_pod_config "$PROM_URL" "timeout = 10" "insecure = false"
sync_prom_fails "insecure = false" "cannot fetch '$PROM_URL/api/v1/query"

# --- ca-file trusts it: the values are curl's (curl trusting the same CA)
live_pod_config "$PROM_URL" "timeout = 10" "ca-file = $PROM_CA"
out=$(hf sync prom 2>&1) || fail "sync with ca-file failed: $out"
want=$(prom_query 'svc_latency_p99_ms{model="ranker"}' | js 'float(d["data"]["result"][0]["value"][1])')
assert_eq "over https with ca-file" "missed $want None" "$(ranker)"

# --- insecure = true skips the check, only when set
rm -f "$HANDOFF_DB" "$HANDOFF_DB-wal" "$HANDOFF_DB-shm"
hf sync pod >/dev/null 2>&1 || fail "sync of the pod failed"
live_pod_config "$PROM_URL" "timeout = 10" "insecure = true"
out=$(hf sync prom 2>&1) || fail "sync with insecure = true failed: $out"
assert_eq "over https with insecure = true" "missed $want None" "$(ranker)"

# --- a Bearer token (token-env) through an auth proxy in front of plain-http Prometheus
prom_stop
prom_start
prom_proxy_start
TOKEN=prom-token-4471-secret
prom_proxy_mode "{\"mode\": \"bearer\", \"token\": \"$TOKEN\"}"
live_pod_config "$PROXY" "token-env = HF_TEST_PROM_TOKEN"
unset HF_TEST_PROM_TOKEN
sync_prom_fails "no token" "answered 401: check the token in the environment variable 'HF_TEST_PROM_TOKEN' (it is not set)"
out=$(HF_TEST_PROM_TOKEN=wrong-value-5521 hf sync prom 2>&1) && fail "a wrong token was let in"
assert_contains "wrong token: the variable named" "$out" "check the token in the environment variable 'HF_TEST_PROM_TOKEN'"
case "$out" in *wrong-value-5521*) fail "the wrong token was printed: $out" ;; esac
assert_eq "wrong token: the last values kept" "unknown $want" "$(live ranker latency_p99_ms 'l["result"], l["value"]' | tr -d "(),'")"

HF_TEST_PROM_TOKEN=$TOKEN HANDOFF_TRACE=1 hf sync prom >"$T/out" 2>"$T/err" ||
	{ cat "$T/err"; fail "sync with the token failed"; }
assert_eq "with the token" "missed $want None" "$(ranker)"
assert_eq "measured now" "0" "$(live ranker latency_p99_ms 'l["age_seconds"]')"
grep -q "GET $PROXY/api/v1/query_range" "$T/err" || fail "the trace lacks the requests"
for f in "$T/out" "$T/err"; do
	! grep -q "$TOKEN" "$f" || fail "the token appears in $(basename "$f")"
done
! sqlite3 "$HANDOFF_DB" .dump | grep -q "$TOKEN" || fail "the token appears in the database"
echo "ok"
