#!/bin/bash
# mlflow-bench.sh: handoff's full registry sync vs a sequential curl loop of the same requests (generated registry)
#
#   bench/mlflow-bench.sh [MODELS [LATENCY_MS]]
#
# Default 2000 models x 3 versions (each with a run). LATENCY_MS (default 0)
# makes the server wait that long before each answer, like a real MLflow
# doing its SQL per request: then the network, not the CPU, sets the pace.
#
# Env: HANDOFF_BIN (default ./handoff), PYTHON3, CURL. Prints figures; asserts nothing.
# The server is python (a process per connection): on a small machine it, not
# the client, sets the pace; the parallel-curl line shows its ceiling.
# handoff built with --enable-sanitizers is several times slower outside the
# network: bench a build without them for figures worth quoting.
set -euo pipefail

N=${1:-2000}
LATENCY=${2:-0}
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
HANDOFF_BIN=${HANDOFF_BIN:-$SRCDIR/handoff}
PYTHON3=${PYTHON3:-python3}
CURL=${CURL:-curl}
command -v "$CURL" >/dev/null || { echo "mlflow-bench: needs the curl command" >&2; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/hf-mlflow-bench.XXXXXX")
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache
export HANDOFF_DB=$T/handoff.db
mkdir -p "$HOME"

"$PYTHON3" "$SRCDIR/tests/server/mlflow_replay.py" --port-file "$T/port" --generate "$N" --fork \
	--latency-ms "$LATENCY" &
SERVER_PID=$!
deadline=$((SECONDS + 60))
until [ -s "$T/port" ]; do
	[ $SECONDS -lt $deadline ] || { echo "server did not start" >&2; exit 1; }
	sleep 0.05
done
URL=http://127.0.0.1:$(cat "$T/port")
printf '[source "registry"]\n\ttype = mlflow\n\turl = %s\n' "$URL" >"$T/config.ini"

now_ms() { date +%s%3N; }

# warm-up: the server builds its answers once (runs are cached); the database is then thrown away
"$HANDOFF_BIN" --config "$T/config.ini" sync registry >/dev/null 2>&1
rm -f "$HANDOFF_DB"*

t0=$(now_ms)
HANDOFF_TRACE=1 "$HANDOFF_BIN" --config "$T/config.ini" sync registry >/dev/null 2>"$T/trace"
t1=$(now_ms)
hf_ms=$((t1 - t0))
summary=$(grep -o "mlflow sync of 'registry': .*" "$T/trace" | tail -1)
net_ms=$(sed -E 's/.*, ([0-9]+) ms in HTTP transfers.*/\1/' <<<"$summary")
out_ms=$((hf_ms - net_ms))

# the same requests, one after another, by one curl process (connection reused)
grep -o "trace: GET http[^ ]*" "$T/trace" | sed 's/^trace: GET //' >"$T/urls"
nreq=$(wc -l <"$T/urls")
sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$T/urls" >"$T/curl.cfg"
t0=$(now_ms)
"$CURL" -s --fail -K "$T/curl.cfg"
t1=$(now_ms)
curl_ms=$((t1 - t0))

# the server's own ceiling: curl making the same requests 8 at a time (not a target, a reference)
t0=$(now_ms)
"$CURL" -s --fail --parallel --parallel-max 8 -K "$T/curl.cfg" 2>/dev/null || true
t1=$(now_ms)
pcurl_ms=$((t1 - t0))

models=$(sqlite3 "$HANDOFF_DB" 'SELECT count(*) FROM reg_model' 2>/dev/null || echo '?')
versions=$(sqlite3 "$HANDOFF_DB" 'SELECT count(*) FROM reg_version' 2>/dev/null || echo '?')
echo "registry: $N models x 3 versions (each with a run); stored $models models, $versions versions"
echo "server: python, a process per connection, ${LATENCY} ms of work per answer"
echo "requests: $nreq"
printf 'handoff full sync:        %6d ms  (process wall time)\n' "$hf_ms"
printf 'sequential curl loop:     %6d ms  (same %d requests, one curl, one connection)\n' "$curl_ms" "$nreq"
awk -v a="$hf_ms" -v b="$curl_ms" 'BEGIN { printf "ratio handoff / curl:     %6.2f  (target <= 0.5)\n", a / b }'
printf 'curl --parallel-max 8:    %6d ms  (reference: what this server allows in parallel)\n' "$pcurl_ms"
printf 'handoff in HTTP:          %6d ms  (inside curl multi, 8 transfers at once)\n' "$net_ms"
awk -v o="$out_ms" -v a="$hf_ms" 'BEGIN { printf "handoff outside network:  %6d ms  (%.0f%%: parsing, SQLite, start-up)\n", o, 100 * o / a }'
