# tests/lib/prom.sh: a real Prometheus (Debian's 2.42) for the live-SLO tests (sourced): backfilled history, start on a free loopback port, curl queries
# Needs T (the test's temp dir), PYTHON3, HF_SRCDIR and a fail function. Call prom_stop from the test's EXIT trap.
#| prom_data [scenario | bench N]  generate a week of history (tests/lib/prom_gen.py) and backfill it
#|                                 with promtool into $T/prom/data (one block per ~10 days)
#| prom_start [--auth | --tls]     start prometheus on 127.0.0.1 on a free port over that data; with
#|                                 --auth it asks for basic auth (user $PROM_USER, password $PROM_PASS);
#|                                 with --tls it serves https with a certificate for 127.0.0.1 signed
#|                                 by a test CA ($PROM_CA, made with openssl on first use);
#|                                 waits until ready and until the data answers a query at PROM_NOW;
#|                                 sets PROM_PID, PROM_PORT, PROM_URL. A Prometheus that cannot start
#|                                 fails the test: it never skips.
#| prom_stop                       stop it (the data stays, prom_start again reuses it)
#| prom_proxy_start              a reverse proxy (tests/lib/prom_proxy.py) in front of $PROM_URL, as
#|                                 many teams have; sets PROXY (its URL) and PROXY_PID
#| prom_proxy_mode JSON            tell it how to misbehave: {"mode": "stall"}, {"mode": "html",
#|                                 "status": 502}, {"mode": "bearer", "token": "T"}, {"mode": "pass"}
#| prom_proxy_stop                 stop it
#| prom_get PATH ARGS...           GET $PROM_URL/PATH with each ARG "key=value" url-encoded (curl -G),
#|                                 printing the body (with credentials when started --auth)
#| prom_query QUERY                /api/v1/query at PROM_NOW, the JSON body
#| prom_range QUERY WINDOW_S       /api/v1/query_range over WINDOW_S ending at PROM_NOW, the step
#|                                 handoff uses (WINDOW_S / 200, 200 points), the JSON body
# The frozen clock: PROM_NOW (2026-11-02T09:00:00Z) lies inside the data; export HANDOFF_NOW=$PROM_NOW_ISO.
. "$HF_SRCDIR/tests/lib/net.sh"
PROM_NOW=1793610000
PROM_NOW_ISO=2026-11-02T09:00:00Z
PROM_USER=scraper
PROM_PASS=s3cret
# bcrypt of s3cret, cost 4 (prometheus' web config wants a hash, not the password)
PROM_HASH='$2b$04$KJLDK8qGa5sUic.MVuT8G..yYQjgXBs5p58.duyAopyW1O1EILlDC'
PROM_PID=
PROM_AUTH=
PROM_CA=
PROXY_PID=

prom_stop() {
	stop_pid "$PROM_PID"
	PROM_PID=
}

prom_proxy_stop() {
	stop_pid "$PROXY_PID"
	PROXY_PID=
}

prom_proxy_start() {
	prom_proxy_stop
	rm -f "$T/proxy.port"
	"$PYTHON3" "$HF_SRCDIR/tests/lib/prom_proxy.py" --upstream "$PROM_URL" --port-file "$T/proxy.port" \
		2>"$T/proxy.err" &
	PROXY_PID=$!
	wait_port_file "$T/proxy.port" "$PROXY_PID" "$T/proxy.err" "the proxy"
	PROXY=http://127.0.0.1:$(cat "$T/proxy.port")
}

prom_proxy_mode() {
	curl -sS -o /dev/null -X POST --data "$1" "$PROXY/__mode" || fail "proxy mode $1"
}

prom_data() {
	local kind=${1:-scenario}
	command -v promtool >/dev/null || fail "promtool is not installed (Debian package prometheus; ./dev deps)"
	rm -rf "$T/prom"
	mkdir -p "$T/prom"
	if [ "$kind" = bench ]; then
		"$PYTHON3" "$HF_SRCDIR/tests/lib/prom_gen.py" bench "$PROM_NOW" "${2:?models}" "$T/prom/history.om"
	else
		"$PYTHON3" "$HF_SRCDIR/tests/lib/prom_gen.py" scenario "$PROM_NOW" "$T/prom/history.om"
	fi || fail "cannot generate the Prometheus history"
	# one block per 256 h instead of 2 h blocks: seconds instead of a minute
	promtool tsdb create-blocks-from openmetrics --max-block-duration=256h \
		"$T/prom/history.om" "$T/prom/data" >"$T/prom/backfill.log" 2>&1 ||
		{ cat "$T/prom/backfill.log" >&2; fail "promtool could not backfill the history"; }
}

prom_get() {
	local path=$1 a
	local args=()
	shift
	for a in "$@"; do
		args+=(--data-urlencode "$a")
	done
	curl -sS -G --max-time 10 ${PROM_AUTH:+-u "$PROM_AUTH"} ${PROM_CA:+--cacert "$PROM_CA"} \
		"${args[@]}" "$PROM_URL/$path"
}

prom_query() {
	prom_get api/v1/query "query=$1" "time=$PROM_NOW"
}

prom_range() {
	local step=$(($2 / 200))
	prom_get api/v1/query_range "query=$1" "start=$((PROM_NOW - $2 + step))" "end=$PROM_NOW" "step=$step"
}

# a CA and a certificate for 127.0.0.1 signed by it, in $T/prom/tls (kept across restarts)
prom_tls_files() {
	local d=$T/prom/tls
	[ -s "$d/server.pem" ] && return 0
	command -v openssl >/dev/null || fail "openssl is not installed (Debian package openssl; ./dev deps)"
	mkdir -p "$d"
	{
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=handoff test CA" \
			-keyout "$d/ca.key" -out "$d/ca.pem" &&
			openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
				-keyout "$d/server.key" -out "$d/server.csr" &&
			printf 'subjectAltName = IP:127.0.0.1\n' >"$d/ext" &&
			openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
				-CAcreateserial -days 2 -extfile "$d/ext" -out "$d/server.pem"
	} >"$d/openssl.log" 2>&1 || { cat "$d/openssl.log" >&2; fail "openssl could not make the test certificates"; }
}

prom_start() {
	local try deadline scheme=http
	local ready=(curl -s -o /dev/null -w '%{http_code}' --max-time 2)
	command -v prometheus >/dev/null || fail "prometheus is not installed (Debian package prometheus; ./dev deps)"
	[ -d "$T/prom/data" ] || prom_data
	prom_stop
	# no scrape jobs: the backfilled blocks are the only data, so queries are deterministic
	printf 'global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n' >"$T/prom/prometheus.yml"
	: >"$T/prom/web.yml"
	PROM_AUTH=
	PROM_CA=
	if [ "${1:-}" = --auth ]; then
		printf 'basic_auth_users:\n  %s: %s\n' "$PROM_USER" "$PROM_HASH" >"$T/prom/web.yml"
		ready+=(-u "$PROM_USER:$PROM_PASS")
	elif [ "${1:-}" = --tls ]; then
		prom_tls_files
		printf 'tls_server_config:\n  cert_file: %s\n  key_file: %s\n' \
			"$T/prom/tls/server.pem" "$T/prom/tls/server.key" >"$T/prom/web.yml"
		scheme=https
		PROM_CA=$T/prom/tls/ca.pem
		ready+=(--cacert "$PROM_CA")
	fi
	for try in 1 2 3; do
		PROM_PORT=$(free_port)
		PROM_URL=$scheme://127.0.0.1:$PROM_PORT
		# retention far beyond the data's age: it counts from the newest block, never from today
		prometheus --config.file="$T/prom/prometheus.yml" --web.config.file="$T/prom/web.yml" \
			--storage.tsdb.path="$T/prom/data" --storage.tsdb.retention.time=100y \
			--web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn \
			>"$T/prom/prometheus.log" 2>&1 &
		PROM_PID=$!
		deadline=$((SECONDS + 30))
		while [ "$("${ready[@]}" "$PROM_URL/-/ready")" != 200 ]; do
			if ! kill -0 "$PROM_PID" 2>/dev/null; then
				PROM_PID=
				break
			fi
			[ $SECONDS -lt $deadline ] || { cat "$T/prom/prometheus.log" >&2; fail "prometheus did not become ready"; }
			sleep 0.05
		done
		[ -n "$PROM_PID" ] && break
		# lost the port to someone else between choosing and binding: choose again
		grep -q "address already in use" "$T/prom/prometheus.log" ||
			{ cat "$T/prom/prometheus.log" >&2; fail "prometheus exited at start"; }
	done
	[ -n "$PROM_PID" ] || fail "prometheus could not bind a port"
	[ "${1:-}" = --auth ] && PROM_AUTH=$PROM_USER:$PROM_PASS
	# the backfilled data answers at the frozen time before the test goes on
	prom_query 'count(svc_latency_p99_ms)' | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
r = d["data"]["result"]
sys.exit(0 if d["status"] == "success" and r and int(r[0]["value"][1]) > 0 else 1)' ||
		{ cat "$T/prom/prometheus.log" >&2; fail "prometheus does not answer with the backfilled data at $PROM_NOW_ISO"; }
}
