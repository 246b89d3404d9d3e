# mlflow_lib.sh: shared setup of the registry integration tests (sourced): temp home, replay server, helpers
set -euo pipefail

: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
FIX=${SHARED_DIR:-$HF_SRCDIR/../shared}/fixtures/mlflow
if [ ! -f "$FIX/MANIFEST.tsv" ]; then
	echo "skip: no MLflow fixtures at $FIX"
	exit 77
fi
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }

. "$HF_SRCDIR/tests/lib/hermetic.sh" mlflow
CONFIG=$T/config.ini
. "$HF_SRCDIR/tests/lib/replay.sh"

stop_server() {
	replay_stop
}
cleanup() {
	stop_server
	rm -rf "$T"
}
trap cleanup EXIT

# start_server [ARGS...]: the replay server on the shared captures, on a free port; sets PORT and URL
start_server() {
	replay_start "$FIX" "$@"
}

# write_config [EXTRA KEY = VALUE LINES...]: [source "registry"] pointing at the server; these
# tests have no pod, so the runs of every model are fetched (runs = all), as the pod's would be
write_config() {
	{
		printf '[source "registry"]\n\ttype = mlflow\n\turl = %s\n\truns = all\n' "$URL"
		for line in "$@"; do
			printf '\t%s\n' "$line"
		done
	} >"$CONFIG"
}

hf() {
	"$HANDOFF_BIN" --config "$CONFIG" "$@"
}

q() {
	sqlite3 "$HANDOFF_DB" "$1"
}


# mlflow METHOD ENDPOINT JSON: an MLflow API write call, as a client would make it
mlflow() {
	"$PYTHON3" - "$1" "$URL/api/2.0/mlflow/$2" "$3" <<'PY'
import sys, urllib.request
method, url, body = sys.argv[1:4]
req = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"},
                             method=method)
print(urllib.request.urlopen(req).read().decode())
PY
}

# stat EXPR: evaluate a python expression over the server's /__stats JSON as `s`
stat() {
	ctl /__stats | "$PYTHON3" -c "import json,sys; s=json.load(sys.stdin); print($1)"
}

assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# assert_contains TEXT PART WHAT (and assert_not_contains): in this file's order, the actual text first
assert_contains() {
	case "$1" in
	*"$2"*) ;;
	*) fail "$3: '$2' not found in: $1" ;;
	esac
}

assert_not_contains() {
	case "$1" in
	*"$2"*) fail "$3: '$2' should not be in: $1" ;;
	esac
}

# snapshot: a text dump of the registry view, to compare before and after a failure
snapshot() {
	q "SELECT name, description FROM reg_model ORDER BY name;
	   SELECT model, version, stage, run_id FROM reg_version ORDER BY model, version;
	   SELECT model, alias, version FROM reg_alias ORDER BY model, alias;
	   SELECT run_id, key, value FROM run_metric ORDER BY run_id, key;"
}

# last_sync FIELD: a field of the registry's entry in `handoff status --json` sync
last_sync() {
	hf status --json | "$PYTHON3" -c "
import json,sys
d=json.load(sys.stdin)
r=[s for s in d['sync'] if s['name']=='registry']
print(r[0]['$1'] if r else 'none')"
}

# make_pod DIR MODEL=REGISTRY_NAME...: a git pod repository whose contracts name registered models
# (registry source "registry"), and a config with it as source "pod" beside the registry
make_pod() {
	local dir=$1 spec m reg
	shift
	mkdir -p "$dir"
	printf '{"name": "test-pod", "members": []}\n' >"$dir/pod.json"
	for spec in "$@"; do
		m=${spec%%=*} reg=${spec#*=}
		mkdir -p "$dir/models/$m"
		printf '{"registry": {"source": "registry", "name": "%s", "candidate": "champion"},
 "owners": {"research": "ana", "engineering": "raj"}, "slos": [{"metric": "accuracy", "op": ">=", "target": 0.5}]}\n' \
			"$reg" >"$dir/models/$m/contract.json"
	done
	GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "${GIT:-git}" -C "$dir" init -q -b main
	GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "${GIT:-git}" -C "$dir" add -A
	GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "${GIT:-git}" -C "$dir" \
		-c user.name=t -c user.email=t@example.org commit -q -m pod
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n' \
		"$dir" "$URL" >"$CONFIG"
}
