# tests/lib/replay.sh: the MLflow replay server for the integration tests (sourced): replay_start on a free port, replay_stop
# Needs T (the test's temp dir), PYTHON3, HF_SRCDIR and a fail function; sets SERVER_PID, PORT and URL. Call replay_stop from the test's EXIT trap.
SERVER_PID=

replay_stop() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
}

# replay_start FIXTURES [ARGS...]: serve the captures in FIXTURES (ARGS go to mlflow_replay.py)
replay_start() {
	local fixtures=$1 deadline=$((SECONDS + 15))
	shift
	replay_stop
	rm -f "$T/port"
	"$PYTHON3" "$HF_SRCDIR/tests/server/mlflow_replay.py" --port-file "$T/port" \
		--fixtures "$fixtures" "$@" 2>"$T/server.err" &
	SERVER_PID=$!
	until [ -s "$T/port" ]; do
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$T/server.err" >&2; fail "replay server died"; }
		[ $SECONDS -lt $deadline ] || fail "replay server did not start"
		sleep 0.05
	done
	PORT=$(cat "$T/port")
	URL=http://127.0.0.1:$PORT
}
