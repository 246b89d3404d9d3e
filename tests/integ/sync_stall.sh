# sync_stall.sh: a silent remote (accepts, never answers): git:// and http fail after `timeout` naming the remote; SIGINT/SIGTERM stop a stalled sync, keep the view, exit 130/143
set -euo pipefail
: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
FIX=${SHARED_DIR:-$HF_SRCDIR/../shared}/fixtures/mlflow
[ -f "$FIX/MANIFEST.tsv" ] || { echo "skip: no MLflow fixtures at $FIX"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }

. "$HF_SRCDIR/tests/lib/hermetic.sh" stall
SILENT_PID=
. "$HF_SRCDIR/tests/lib/replay.sh"
cleanup() {
	if [ -n "$SILENT_PID" ]; then
		kill "$SILENT_PID" 2>/dev/null || true
		wait "$SILENT_PID" 2>/dev/null || true
	fi
	replay_stop
	rm -rf "$T"
}
trap cleanup EXIT

"$PYTHON3" "$HF_SRCDIR/tests/lib/silent_server.py" "$T/silent.port" "$T/accepted" &
SILENT_PID=$!
for _ in $(seq 1 300); do [ -s "$T/silent.port" ] && break; sleep 0.1; done
[ -s "$T/silent.port" ] || fail "the silent server did not start"
SPORT=$(cat "$T/silent.port")
replay_start "$FIX"

config() {	# config URL TIMEOUT TYPE
	printf '[source "s"]\n\ttype = %s\n\turl = %s\n\ttimeout = %s\n' "$3" "$1" "$2" >"$T/config.ini"
}
hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}

# a silent git remote, over git:// and http, with timeout = 2: a failure naming the remote, not a hang
# (the outer `timeout` turns a hang into a failure of this test)
for url in "git://127.0.0.1:$SPORT/pod.git" "http://127.0.0.1:$SPORT/pod.git"; do
	config "$url" 2 git
	rc=0
	timeout 60 "$HANDOFF_BIN" --config "$T/config.ini" sync >"$T/out" 2>"$T/err" || rc=$?
	[ $rc = 2 ] || { cat "$T/err"; fail "$url: exit status $rc, expected 2 (124 is a hang)"; }
	grep -q "source 's': '$url' did not answer for 2 s (timeout)" "$T/err" ||
		{ cat "$T/err"; fail "$url: the message does not name the remote and the timeout"; }
done

# a registry that accepts and never answers a byte (not even a status line), timeout = 2
printf '[source "r"]\n\ttype = mlflow\n\turl = %s\n\ttimeout = 2\n\truns = all\n' "$URL" >"$T/config.ini"
hf sync >/dev/null 2>"$T/err" || { cat "$T/err"; fail "first registry sync"; }
view=$(sqlite3 "$HANDOFF_DB" "SELECT group_concat(model || alias || version) FROM reg_alias")
"$PYTHON3" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/__faults", method="POST",
    data=b"{\"kind\": \"hang\", \"route\": \"registered-models/search\", \"count\": 1, \"seconds\": 60}",
    headers={"Content-Type": "application/json"})).read()' "$URL"
rc=0
timeout 60 "$HANDOFF_BIN" --config "$T/config.ini" sync --full >/dev/null 2>"$T/err" || rc=$?
[ $rc = 2 ] || { cat "$T/err"; fail "hanging registry: exit status $rc"; }
grep -q "stalled: no data for 2 s (timeout)" "$T/err" || { cat "$T/err"; fail "hanging registry: message"; }

# SIGINT, then SIGTERM, to a sync stuck on the silent remote (timeout 600): it stops at once,
# exits 128 + the signal, keeps the previous view and records the run
# wait_accepted N: until the silent server has accepted N connections
wait_accepted() {
	for _ in $(seq 1 300); do
		[ "$(cat "$T/accepted" 2>/dev/null | wc -l)" -ge "$1" ] && return 0
		sleep 0.1
	done
	fail "the sync never reached the silent server"
}
for sig in INT TERM; do
	for url in "git://127.0.0.1:$SPORT/pod.git" "http://127.0.0.1:$SPORT/api"; do
		case $url in git*) type=git ;; *) type=mlflow ;; esac
		printf '[source "r"]\n\ttype = %s\n\turl = %s\n\ttimeout = 600\n' "$type" "$url" >"$T/config.ini"
		n=$(($(cat "$T/accepted" 2>/dev/null | wc -l) + 1))
		timeout 60 "$HANDOFF_BIN" --config "$T/config.ini" sync >/dev/null 2>"$T/err" &
		pid=$!
		wait_accepted $n
		kill -$sig $pid
		rc=0
		wait $pid || rc=$?
		want=$([ $sig = INT ] && echo 130 || echo 143)
		[ $rc = "$want" ] || { cat "$T/err"; fail "SIG$sig to a stalled $type sync: exit status $rc, expected $want"; }
		grep -q "cancelled" "$T/err" || { cat "$T/err"; fail "SIG$sig: no word of the cancel"; }
		[ "$(sqlite3 "$HANDOFF_DB" "SELECT group_concat(model || alias || version) FROM reg_alias")" = "$view" ] ||
			fail "SIG$sig: the previous view changed"
		[ "$(sqlite3 "$HANDOFF_DB" "SELECT ok FROM sync_run WHERE source = 'r' ORDER BY id DESC LIMIT 1")" = 0 ] ||
			fail "SIG$sig: the cancelled run is not in the sync log"
		[ "$(sqlite3 "$HANDOFF_DB" "SELECT count(*) FROM sync_lock")" = 0 ] || fail "SIG$sig: the sync lock was left"
	done
done
[ "$(sqlite3 "$HANDOFF_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
echo ok
