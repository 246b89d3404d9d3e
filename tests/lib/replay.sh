# tests/lib/replay.sh: the MLflow replay server for the integration tests (sourced): replay_start on a free port, replay_stop, ctl for its control routes
# Needs T (the test's temp dir), PYTHON3, HF_SRCDIR and a fail function; sets SERVER_PID, PORT and URL. Call replay_stop from the test's EXIT trap.
. "$HF_SRCDIR/tests/lib/net.sh"
SERVER_PID=

replay_stop() {
	stop_pid "$SERVER_PID"
	SERVER_PID=
}

# replay_start FIXTURES [ARGS...]: serve the captures in FIXTURES (ARGS go to mlflow_replay.py)
replay_start() {
	local fixtures=$1
	shift
	replay_stop
	rm -f "$T/port"
	"$PYTHON3" "$HF_SRCDIR/tests/server/mlflow_replay.py" --port-file "$T/port" \
		--fixtures "$fixtures" "$@" 2>"$T/server.err" &
	SERVER_PID=$!
	wait_port_file "$T/port" "$SERVER_PID" "$T/server.err" "replay server"
	PORT=$(cat "$T/port")
	URL=http://127.0.0.1:$PORT
}

# ctl PATH [JSON]: a control call to the replay server (POST with a body, GET without); prints the answer
ctl() {
	"$PYTHON3" - "$URL$1" "${2-}" <<'PY'
import ssl, sys, urllib.request
url, body = sys.argv[1], sys.argv[2]
req = urllib.request.Request(url, data=body.encode() if body else None,
                             headers={"Content-Type": "application/json"},
                             method="POST" if body else "GET")
print(urllib.request.urlopen(req, context=ssl._create_unverified_context()).read().decode())
PY
}
