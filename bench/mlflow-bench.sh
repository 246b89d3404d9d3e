#!/bin/bash
# mlflow-bench.sh: the registry sync's cases (cold, warm, a small change, --full) on a generated registry with per-request server cost, beside sequential curl
#
#   bench/mlflow-bench.sh [MODELS [POD_MODELS]]
#
# Default: 2,000 registered models x 3 versions (each with a run), of which a
# pod names 40. The server (tests/server/mlflow_replay.py) costs like a real
# MLflow 2.9.2 measured on loopback (docs/registry.md): LATENCY_MS per request
# (default 5) plus ITEM_MS per registered model, version and run in an answer
# (default "1.3 0.15 1"), serving WORKERS requests at once (default 4, as
# gunicorn's workers).
#
# Prints, per case: handoff's wall time, the time its write transaction was
# held (apply), the requests per endpoint; and the references the targets are
# set against: one curl making today's full request set one after another
# (3 model pages... every runs/get, as the full sync made them), and one curl
# through the listing pages alone. Asserts nothing.
#
# Env: HANDOFF_BIN (default ./handoff), PYTHON3, CURL, GIT, LATENCY_MS, ITEM_MS,
# WORKERS. Bench a build without sanitizers for figures worth quoting.
set -euo pipefail

N=${1:-2000}
NPOD=${2:-40}
LATENCY=${LATENCY_MS:-5}
ITEMS=${ITEM_MS:-1.3 0.15 1}
WORKERS=${WORKERS:-4}
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
HANDOFF_BIN=${HANDOFF_BIN:-$SRCDIR/handoff}
PYTHON3=${PYTHON3:-python3}
CURL=${CURL:-curl}
GIT=${GIT:-git}
command -v "$CURL" >/dev/null || { echo "mlflow-bench: needs the curl command" >&2; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/hf-mlflow-bench.XXXXXX")
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache
export HANDOFF_DB=$T/handoff.db LANG=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset HANDOFF_TRACE
mkdir -p "$HOME"

# the pod: NPOD contracts naming the first registered models
mkdir -p "$T/pod/models"
printf '{"name": "bench-pod", "members": []}\n' >"$T/pod/pod.json"
for ((i = 0; i < NPOD; i++)); do
	m=$(printf 'gen-model-%05d' "$i")
	mkdir -p "$T/pod/models/$m"
	printf '{"registry": {"source": "registry", "name": "%s", "candidate": "champion"},
 "owners": {"research": "ana", "engineering": "raj"},
 "slos": [{"metric": "auc", "op": ">=", "target": 0.9}]}\n' "$m" >"$T/pod/models/$m/contract.json"
done
"$GIT" -C "$T/pod" init -q -b main
"$GIT" -C "$T/pod" add -A
"$GIT" -C "$T/pod" -c user.name=b -c user.email=b@example.org commit -q -m pod

# shellcheck disable=SC2086
"$PYTHON3" "$SRCDIR/tests/server/mlflow_replay.py" --port-file "$T/port" --generate "$N" \
	--latency-ms "$LATENCY" --item-ms $ITEMS --workers "$WORKERS" &
SERVER_PID=$!
deadline=$((SECONDS + 120))
until [ -s "$T/port" ]; do
	[ $SECONDS -lt $deadline ] || { echo "server did not start" >&2; exit 1; }
	sleep 0.05
done
URL=http://127.0.0.1:$(cat "$T/port")
API=$URL/api/2.0/mlflow
printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n' \
	"$T/pod" "$URL" >"$T/config.ini"
hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}
now_ms() { date +%s%3N; }
ctl() {
	"$CURL" -s -X POST -H 'Content-Type: application/json' -d "$2" "$URL$1" >/dev/null
}
write() {	# write METHOD ENDPOINT JSON: an MLflow write, as a client makes it
	"$CURL" -s -X "$1" -H 'Content-Type: application/json' -d "$3" "$API/$2" >/dev/null
}
per_endpoint() {
	"$CURL" -s "$URL/__stats" | "$PYTHON3" -c '
import json, sys
s = json.load(sys.stdin)["requests"]
print(", ".join("%s %d" % (k.replace("/api/2.0/mlflow/", ""), v) for k, v in sorted(s.items())
                if k.startswith("/api/")) or "none")'
}
hf sync pod >/dev/null 2>&1

# run_case NAME [SYNC ARGS...]: one timed registry sync; prints its line
run_case() {
	local name=$1 t0 t1 apply
	shift
	ctl /__reset '{}'
	t0=$(now_ms)
	HANDOFF_TRACE=1 hf sync registry "$@" >/dev/null 2>"$T/err.$name" || { cat "$T/err.$name" >&2; exit 1; }
	t1=$(now_ms)
	apply=$(sqlite3 "$HANDOFF_DB" "SELECT apply_ms FROM sync_run WHERE source = 'registry' ORDER BY id DESC LIMIT 1")
	eval "${name}_ms=$((t1 - t0))"
	printf '%-14s %6d ms  (write lock %4d ms)  requests: %s\n' "$name" "$((t1 - t0))" "$apply" "$(per_endpoint)"
}

echo "registry: $N models x 3 versions, each with a run; the pod names $NPOD of them"
echo "server: ${LATENCY} ms a request + ${ITEMS// /\/} ms a model/version/run in an answer, $WORKERS at once"
run_case cold
run_case warm
run_case warm2
# a small change on the pod's models: an alias moved, a version added, a tag set
p0=gen-model-00000 p1=gen-model-00001
write POST registered-models/alias "{\"name\": \"$p0\", \"alias\": \"champion\", \"version\": \"3\"}"
run=$(sqlite3 "$HANDOFF_DB" "SELECT run_id FROM reg_version WHERE model = '$p1' AND version = '3'")
write POST model-versions/create "{\"name\": \"$p1\", \"source\": \"s3://b\", \"run_id\": \"$run\"}"
write POST model-versions/set-tag "{\"name\": \"$p0\", \"version\": \"2\", \"key\": \"k\", \"value\": \"v\"}"
sqlite3 "$HANDOFF_DB" "DELETE FROM reg_run WHERE run_id = '$run'"	# its run, as for a new run
run_case change
seen=$(sqlite3 "$HANDOFF_DB" "SELECT (SELECT version FROM reg_alias WHERE model = '$p0' AND alias = 'champion'),
	(SELECT count(*) FROM reg_version WHERE model = '$p1'),
	(SELECT count(*) FROM reg_alias_history WHERE model = '$p0' AND alias = 'champion' AND version = '3'),
	(SELECT count(*) FROM reg_version_tag WHERE model = '$p0' AND version = '2' AND key = 'k')")
echo "               seen (alias -> version | versions of $p1 | alias history rows | tag): $seen"
run_case full --full

# the references: today's full request set, one curl one request after another, and the listing pages alone
{
	for ((p = 0; p * 1000 < N; p++)); do
		tok=$(printf '{"offset": %d}' $((p * 1000)) | base64 | sed 's/=/%3D/g')
		[ $p -eq 0 ] && echo "$API/registered-models/search?max_results=1000" ||
			echo "$API/registered-models/search?max_results=1000&page_token=$tok"
	done
	echo "$API/model-versions/search?max_results=20000"
} >"$T/listing"
cp "$T/listing" "$T/today"
sqlite3 "$HANDOFF_DB" "SELECT DISTINCT run_id FROM reg_version WHERE run_id IS NOT NULL" |
	sed "s|.*|$API/runs/get?run_id=&|" >>"$T/today"
curl_ms() {
	local t0 t1
	sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$1" >"$1.cfg"
	t0=$(now_ms)
	"$CURL" -s --fail -K "$1.cfg"
	t1=$(now_ms)
	echo $((t1 - t0))
}
today_ms=$(curl_ms "$T/today")
listing_ms=$(curl_ms "$T/listing")
[ -n "${BENCH_TRACE:-}" ] && grep -h "mlflow:\|sync:" "$T"/err.* >&2
printf 'sequential curl, today'"'"'s full request set: %6d ms (%d requests)\n' "$today_ms" "$(wc -l <"$T/today")"
printf 'sequential curl, the listing pages alone:    %6d ms (%d requests)\n' "$listing_ms" "$(wc -l <"$T/listing")"
awk -v w="$warm2_ms" -v c="$change_ms" -v co="$cold_ms" -v f="$full_ms" -v t="$today_ms" -v l="$listing_ms" 'BEGIN {
	printf "warm:   %5d ms (target <= 1000), %.3f x today'"'"'s sequential curl (target <= 0.05)\n", w, w / t
	printf "change: %.2f x warm (target <= 1.2)\n", c / w
	printf "cold:   %.2f x the listing pages'"'"' curl (target <= 1.5)\n", co / l
	printf "--full: %.2f x today'"'"'s sequential curl (target: no slower than today)\n", f / t
}'
