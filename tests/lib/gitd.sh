# tests/lib/gitd.sh: helpers for the git source's tests: a hermetic home, pod repos made with the git CLI, git daemon and http-backend on 127.0.0.1
# Source it from a test: . "$HF_SRCDIR/tests/lib/gitd.sh"; it sets T (the test's own temp dir) and cleans up on exit.

set -euo pipefail

: "${HANDOFF_BIN:?run me through make check (HANDOFF_BIN unset)}"
: "${HF_SRCDIR:?}"
GIT=${GIT:-git}
PYTHON3=${PYTHON3:-python3}

T=$(mktemp -d "${TMPDIR:-/tmp}/handoff-git-test.XXXXXX")
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_CACHE_HOME="$T/home/.cache" \
	XDG_DATA_HOME="$T/home/.local/share" HANDOFF_DB="$T/handoff.db"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Ana Ruiz" GIT_AUTHOR_EMAIL="ana@pod.example" \
	GIT_COMMITTER_NAME="Ana Ruiz" GIT_COMMITTER_EMAIL="ana@pod.example" LC_ALL=C.UTF-8 TZ=UTC
unset HANDOFF_TRACE HANDOFF_NOW
mkdir -p "$HOME" "$XDG_CONFIG_HOME/handoff"
HF_PIDS=()

hf_cleanup() {
	local p
	for p in "${HF_PIDS[@]+"${HF_PIDS[@]}"}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap hf_cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# assert_contains WHAT HAYSTACK NEEDLE
assert_contains() {
	case "$2" in
	*"$3"*) ;;
	*) fail "$1: '$3' not found in: $2" ;;
	esac
}

assert_not_contains() {
	case "$2" in
	*"$3"*) fail "$1: '$3' should not be in: $2" ;;
	esac
}

# sql QUERY: read the test's database with the sqlite3 CLI
sql() {
	sqlite3 -batch -noheader "$HANDOFF_DB" "$1"
}

# jq-less JSON look-ups: pyjson EXPR reads `handoff status --json` on stdin, prints eval(EXPR) with d bound
pyjson() {
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); r=eval(sys.argv[1]); print(r if not isinstance(r,(dict,list)) else json.dumps(r, sort_keys=True))' "$1"
}

# write_config NAME URL [key value]...: a config with one git source
write_config() {
	local name=$1 url=$2
	shift 2
	{
		printf '[source "%s"]\n\ttype = git\n\turl = %s\n' "$name" "$url"
		while [ $# -ge 2 ]; do
			printf '\t%s = %s\n' "$1" "$2"
			shift 2
		done
	} >"$XDG_CONFIG_HOME/handoff/config"
}

# make_pod DIR: a repository with a pod.json, two models and a sprint, one commit per step
make_pod() {
	local d=$1
	"$GIT" init -q -b main "$d"
	mkdir -p "$d/models/fraud-detector" "$d/models/ranker" "$d/sprints"
	cat >"$d/pod.json" <<'EOF'
{ "name": "test-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research",    "timezone": "Europe/Madrid"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"} ],
  "evaluation": {"suite": "https://git.example/pod/eval-suite", "metrics": ["auc", "latency_p99_ms"]} }
EOF
	echo "# test pod" >"$d/README.md"
	commit_all "$d" "Start the pod" "2026-11-01T10:00:00Z"
	for m in fraud-detector ranker; do
		cat >"$d/models/$m/contract.json" <<EOF
{ "registry": {"source": "registry", "name": "$m", "candidate": "challenger"},
  "owners": {"research": "ana", "engineering": "raj"},
  "inputs":  [{"name": "amount", "dtype": "float32", "shape": [1]}],
  "outputs": [{"name": "score",  "dtype": "float32", "range": [0, 1]}],
  "slos": [ {"metric": "latency_p99_ms", "op": "<=", "target": 50} ] }
EOF
	done
	commit_all "$d" "Contracts for fraud-detector and ranker" "2026-11-02T10:00:00Z"
}

# commit_all DIR MESSAGE [DATE] [AUTHOR NAME] [AUTHOR EMAIL]
commit_all() {
	local d=$1 msg=$2 date=${3:-2026-11-10T10:00:00Z}
	local an=${4:-$GIT_AUTHOR_NAME} ae=${5:-$GIT_AUTHOR_EMAIL}
	"$GIT" -C "$d" add -A
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date GIT_AUTHOR_NAME=$an GIT_AUTHOR_EMAIL=$ae \
		"$GIT" -C "$d" commit -q --allow-empty -m "$msg"
}

. "$HF_SRCDIR/tests/lib/net.sh"

# gitd_start BASE: serve every repository under BASE with git daemon; sets GITD_PORT and GITD_PID
gitd_start() {
	GITD_PORT=$(free_port)
	"$GIT" daemon --reuseaddr --export-all --base-path="$1" --listen=127.0.0.1 --port="$GITD_PORT" \
		--informative-errors "$1" 2>"$T/gitd.log" &
	GITD_PID=$!
	HF_PIDS+=("$GITD_PID")
	wait_port "$GITD_PORT"
}

gitd_stop() {
	kill "$GITD_PID" 2>/dev/null || true
	wait "$GITD_PID" 2>/dev/null || true
}

# httpd_start BASE: serve BASE through `git http-backend` (smart HTTP) on 127.0.0.1; sets HTTPD_PORT
httpd_start() {
	HTTPD_PORT=$(free_port)
	"$PYTHON3" "$HF_SRCDIR/tests/lib/git_http.py" "$1" "$HTTPD_PORT" 2>"$T/httpd.log" &
	HTTPD_PID=$!
	HF_PIDS+=("$HTTPD_PID")
	wait_port "$HTTPD_PORT"
}
