#!/bin/bash
# prom-bench.sh: handoff's sync of a Prometheus source (200 models, two live SLOs each) beside curl making the same requests one after another, and what it adds to a full sync
#
#   bench/prom-bench.sh [MODELS [RUNS]]
#
# A real Prometheus (Debian's, tests/lib/prom.sh) on loopback holds a week of
# history for MODELS models (default 200, two series each, a point every 5
# minutes). The pod (a local git repository) gives each model two live SLOs
# through pod.json's query templates, so a sync of the prometheus source makes
# 4 requests per model (query now and query_range over 7 days, per SLO):
# 800. Figures, each the median of RUNS (default 3):
#   - `handoff sync prom` (parallel through the shared HTTP client),
#   - one curl process fetching the same URLs one after another (keep-alive),
#   - the same curl 8 at a time: the ceiling the server (and the machine's cores) allow,
#   - the CPU time Prometheus spends answering one sync: divided by the cores,
#     the floor of any client's time on this machine,
#   - their ratio (the target: at most 0.3), and of handoff's fetch phase alone,
#   - `handoff sync` of pod + prom minus `handoff sync pod`: what live SLOs add.
# Env: HANDOFF_BIN (default ./handoff), PYTHON3. Prints figures; asserts nothing.
# A build with --enable-sanitizers is slower outside the network: bench a plain build.
set -euo pipefail

N=${1:-200}
RUNS=${2:-3}
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
HF_SRCDIR=$SRCDIR
HANDOFF_BIN=${HANDOFF_BIN:-$SRCDIR/handoff}
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}
T=$(mktemp -d "${TMPDIR:-/tmp}/hf-prom-bench.XXXXXX")
fail() {
	echo "prom-bench: $*" >&2
	exit 1
}
. "$SRCDIR/tests/lib/prom.sh"
trap 'prom_stop; rm -rf "$T"' EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache
export HANDOFF_DB=$T/handoff.db LANG=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export HANDOFF_NOW=$PROM_NOW_ISO
mkdir -p "$HOME"

echo "prom-bench: $N models, 2 live SLOs each; backfilling a week of history..." >&2
prom_data bench "$N"
prom_start

# the pod: every model with the two SLOs, the queries once in pod.json
P=$T/pod
mkdir -p "$P/models"
cat >"$P/pod.json" <<'JSON'
{ "name": "bench-pod",
  "members": [ {"handle": "ana", "role": "research"}, {"handle": "raj", "role": "engineering"} ],
  "live": {"window": "7d",
           "queries": {"latency_p99_ms": "svc_latency_p99_ms{model=\"{model}\"}",
                       "throughput_rps": "svc_throughput_rps{model=\"{model}\"}"}} }
JSON
for ((i = 0; i < N; i++)); do
	m=$(printf 'bench-%03d' "$i")
	mkdir -p "$P/models/$m"
	printf '{ "owners": {"research": "ana", "engineering": "raj"},\n  "slos": [ {"metric": "latency_p99_ms", "op": "<=", "target": 50},\n            {"metric": "throughput_rps", "op": ">=", "target": 800} ] }\n' \
		>"$P/models/$m/contract.json"
done
"$GIT" -C "$P" init -q -b main
"$GIT" -C "$P" add -A
"$GIT" -C "$P" -c user.name=bench -c user.email=bench@example commit -q -m bench
printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "prom"]\n\ttype = prometheus\n\turl = %s\n' \
	"$P" "$PROM_URL" >"$T/config.ini"
hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}
now_ms() { date +%s%3N; }
# the CPU time Prometheus has used, in ms (utime + stime of /proc/PID/stat)
prom_cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$PROM_PID/stat"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

hf sync pod >/dev/null 2>&1 || fail "sync of the pod failed"
# the requests handoff makes, from its trace, for curl to make the same
HANDOFF_TRACE=1 hf sync prom 2>"$T/trace" >/dev/null || { cat "$T/trace" >&2; fail "sync of prom failed"; }
sed -n 's/^handoff: trace: GET \(http[^ ]*\)$/\1/p' "$T/trace" | sort -u >"$T/urls"
nreq=$(wc -l <"$T/urls")
[ "$nreq" -eq $((4 * N)) ] || fail "expected $((4 * N)) requests in the trace, found $nreq"
awk '{print "url = \"" $0 "\"\noutput = /dev/null"}' "$T/urls" >"$T/curl.conf"
answered=$(curl -s -K "$T/curl.conf" -w '%{http_code}\n' | grep -c '^200$' || true)
[ "$answered" -eq "$nreq" ] || fail "curl: $answered of $nreq requests answered 200"

for ((r = 0; r < RUNS; r++)); do
	t0=$(now_ms)
	cpu0=$(prom_cpu_ms)
	hf sync prom >/dev/null 2>&1 || fail "sync of prom failed"
	echo $(($(now_ms) - t0)) >>"$T/handoff.ms"
	echo $(($(prom_cpu_ms) - cpu0)) >>"$T/server.ms"
	sqlite3 "$HANDOFF_DB" "SELECT fetch_ms, apply_ms FROM sync_run WHERE source = 'prom' ORDER BY id DESC LIMIT 1" |
		tr '|' ' ' >>"$T/phases"
	t0=$(now_ms)
	curl -s -K "$T/curl.conf" >/dev/null
	echo $(($(now_ms) - t0)) >>"$T/curl.ms"
	t0=$(now_ms)
	curl -s -Z --parallel-max 8 -K "$T/curl.conf" >/dev/null 2>&1
	echo $(($(now_ms) - t0)) >>"$T/curl8.ms"
	t0=$(now_ms)
	hf sync pod >/dev/null 2>&1 || fail "sync of the pod failed"
	echo $(($(now_ms) - t0)) >>"$T/pod.ms"
	t0=$(now_ms)
	hf sync >/dev/null 2>&1 || fail "full sync failed"
	echo $(($(now_ms) - t0)) >>"$T/full.ms"
done
h=$(median <"$T/handoff.ms")
c=$(median <"$T/curl.ms")
c8=$(median <"$T/curl8.ms")
f=$(cut -d' ' -f1 "$T/phases" | median)
a=$(cut -d' ' -f2 "$T/phases" | median)
srv=$(median <"$T/server.ms")
pod=$(median <"$T/pod.ms")
full=$(median <"$T/full.ms")
live=$(sqlite3 "$HANDOFF_DB" "SELECT count(*) FROM live_value WHERE error IS NULL AND at IS NOT NULL")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf 'models %d, live SLOs stored %d, requests per sync %d (median of %d runs)\n' "$N" "$live" "$nreq" "$RUNS"
printf 'curl, one after another     %6d ms  (one connection, keep-alive)\n' "$c"
printf 'curl, 8 at a time           %6d ms  (what any parallel client gets from this server: %sx)\n' \
	"$c8" "$(ratio "$c8" "$c")"
printf 'handoff sync prom           %6d ms  (fetch %d ms, apply %d ms under the write lock)\n' "$h" "$f" "$a"
printf 'prometheus CPU per sync     %6d ms  (on %d cores no client waits less than %d ms; load %s)\n' "$srv" \
	"$(nproc)" "$((srv / $(nproc)))" "$(cut -d' ' -f1 /proc/loadavg)"
printf 'ratio handoff / curl        %6s    (target <= 0.3; the fetch alone: %s)\n' "$(ratio "$h" "$c")" \
	"$(ratio "$f" "$c")"
printf 'handoff sync pod            %6d ms\n' "$pod"
printf 'handoff sync (pod + prom)   %6d ms  (live SLOs add %d ms)\n' "$full" "$((full - pod))"
