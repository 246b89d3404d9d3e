# mlflow_faults.sh: registry faults (5xx, 429 + Retry-After, stall, truncated JSON, HTML, wrong shape, oversize): retries, messages, previous view intact
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"

start_server
write_config "timeout = 1"
hf sync registry --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "first sync failed"; }
good=$(snapshot)
[ -n "$good" ] || fail "empty view after the first sync"

# sync_fails ERROR_PATTERN: the sync fails, names the problem, keeps the previous view, and status records it
sync_fails() {
	if hf sync registry --full >/dev/null 2>"$T/err"; then
		fail "sync succeeded despite the fault ($1)"
	fi
	grep -q -- "$1" "$T/err" || { cat "$T/err" >&2; fail "error does not mention '$1'"; }
	assert_eq "$(snapshot)" "$good" "view after a failed sync ($1)"
	hf status --json | "$PYTHON3" -c "
import json, sys
r = [s for s in json.load(sys.stdin)['sync'] if s['name'] == 'registry'][0]
sys.exit(0 if r['ok'] is False and sys.argv[1] in r['error'] else 1)" "$(printf '%s' "$1" | tr -d '\\')" ||
		fail "status --json does not record the failed sync with '$1'"
}

# 500 twice: retried, then the sync succeeds (3 requests to that endpoint)
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "500", "route": "registered-models/search", "count": 2}' >/dev/null
hf sync registry --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with two 500s failed"; }
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/registered-models/search']")" 3 "requests after two 500s"
assert_eq "$(snapshot)" "$good" "view after retried 500s"

# 429 with Retry-After: 1, twice, on the runs: retried no earlier than the server asked
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "429", "route": "runs/search", "count": 2, "retry_after": 1}' >/dev/null
hf sync registry --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with 429s failed"; }
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/runs/search']")" 3 "runs/search requests with two 429s (1 batch + 2 retries)"
assert_eq "$(stat "s['early_retries']")" 0 "retries before Retry-After"

# a server that fails makes the whole batch wait (one backoff for the client, not one per request):
# the runs one by one (a server refusing runs/search), a 429 on one of them with Retry-After: 1 holds
# every other request back for that second
ctl /__config '{"refuse_runs_search": true}' >/dev/null
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "429", "route": "runs/get", "count": 1, "retry_after": 1}' >/dev/null
hf sync registry --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with a 429 on one run"; }
assert_eq "$(stat "s['early_any']")" 0 "requests sent while Retry-After held"
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/runs/get']")" 12 "runs/get: 11 runs and the one retry"
# and a server that keeps failing: a handful of failed requests, not 5 per queued request (the storm)
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "500", "status": 503, "route": "runs/get", "count": 1000}' >/dev/null
sync_fails "answered 503 INTERNAL_ERROR"
[ "$(stat "s['requests']['/api/2.0/mlflow/runs/get']")" -le 12 ] ||
	fail "$(stat "s['requests']['/api/2.0/mlflow/runs/get']") runs/get attempts for 11 runs on a failing server"
ctl /__config '{"refuse_runs_search": false}' >/dev/null

# 503 every time: a bounded number of attempts, then the sync fails naming the URL
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "500", "status": 503, "route": "model-versions/search", "count": 100}' >/dev/null
sync_fails "model-versions/search?max_results=20000' answered 503"
assert_eq "$(stat "s['requests']['/api/2.0/mlflow/model-versions/search']")" 5 "attempts on a persistent 503"

# a stalled body times out
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "stall", "route": "registered-models/search", "count": 1, "seconds": 20}' >/dev/null
sync_fails "stalled"

# truncated JSON names the endpoint
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "truncate", "route": "model-versions/search"}' >/dev/null
sync_fails "response from 'model-versions/search' is not valid JSON"

# an HTML page where JSON was expected (a proxy's error page with 200)
ctl /__faults '{"kind": "html", "route": "registered-models/search"}' >/dev/null
sync_fails "is text/html; charset=utf-8, not JSON"

# an HTML error page with an error status
ctl /__faults '{"kind": "html", "status": 404, "route": "registered-models/search"}' >/dev/null
sync_fails "answered 404 with text/html"

# JSON of the wrong shape
ctl /__faults '{"kind": "body", "route": "registered-models/search", "body": "{\"registered_models\": 5}"}' >/dev/null
sync_fails "'registered_models' is not an array"
ctl /__faults '{"kind": "body", "route": "model-versions/search", "body": "{\"model_versions\": [{\"name\": \"fraud-detector\"}]}"}' >/dev/null
sync_fails "model_versions\[0\]' lacks 'name' or 'version'"
ctl /__faults '{"kind": "body", "route": "runs/search", "count": 1, "body": "{\"runs\": [{\"info\": {\"run_id\": \"r\"}, \"data\": {\"metrics\": [{\"key\": 3}]}}]}"}' >/dev/null
sync_fails "response from 'runs/search': 'runs\[0\].data.metrics\[0\]'"
# a number from the server beyond any date is refused by name, never converted blindly
ctl /__faults '{"kind": "body", "route": "registered-models/search", "count": 1, "body": "{\"registered_models\": [{\"name\": \"m\", \"last_updated_timestamp\": 1e300}]}"}' >/dev/null
sync_fails "'registered_models\[0\].last_updated_timestamp' is out of range"

# an MLflow error whose message carries escape sequences: named, never printed raw
ctl /__faults '{"kind": "body", "status": 400, "route": "registered-models/search", "body": "{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"bad \\u001b]0;pwned\\u0007 \\u001b[2J filter\"}"}' >/dev/null
sync_fails "answered 400 INVALID_PARAMETER_VALUE: bad"
hf status >"$T/status.txt" 2>&1 || true
hf status --json >"$T/status.json" 2>&1 || true
for f in "$T/err" "$T/status.txt" "$T/status.json"; do
	if LC_ALL=C grep -q $'\x1b' "$f"; then
		fail "raw ESC from a server error printed in $(basename "$f")"
	fi
done

# an oversized body is refused
ctl /__faults '{"kind": "oversize", "route": "runs/search", "count": 1, "mib": 65}' >/dev/null
sync_fails "larger than 64 MiB"
# at the configured cap, not the default (issue 11, item 6)
write_config "timeout = 1" "max-response = 1"
ctl /__faults '{"kind": "oversize", "route": "runs/search", "count": 1, "mib": 2}' >/dev/null
sync_fails "larger than 1 MiB"
write_config "timeout = 1"

# an MLflow error (400 with error_code) names the code and message
write_config "timeout = 1" "filter = name BOGUS 'x'"
sync_fails "answered 400 INVALID_PARAMETER_VALUE"
write_config "timeout = 1"

# a server that is gone
stop_server
sync_fails "cannot fetch 'http://127.0.0.1:$PORT/api/2.0/mlflow/"
grep -q "Couldn't connect to server" "$T/err" || fail "a server that is gone: no connect error"

# and the view still answers after all of it; a good sync works again
start_server
write_config "timeout = 1"
hf sync registry --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "recovery sync failed"; }
assert_eq "$(snapshot)" "$good" "view after recovery"
assert_eq "$(last_sync ok)" True "status after recovery"
echo "ok"
