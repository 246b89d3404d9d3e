# tests/lib/common.sh: the set-up the CLI integration tests share: a temp dir $t holding HOME, XDG_* and the database (removed on exit), git without user config, and check()
# Source it first: . "${HF_SRCDIR:?}/tests/lib/common.sh" NAME  (the temp dir is hf-NAME.XXXXXX); then set HANDOFF_NOW and the like.
set -u
bin=${HANDOFF_BIN:?}
git=${GIT:-git}
py=${PYTHON3:-python3}
t=$(mktemp -d "${TMPDIR:-/tmp}/hf-${1:?name the test}.XXXXXX")
trap 'rm -rf "$t"' EXIT
export HOME=$t XDG_CONFIG_HOME=$t/config XDG_DATA_HOME=$t/data XDG_CACHE_HOME=$t/cache
export HANDOFF_DB=$t/handoff.db
# the caller's locale and zone never leak in (LC_ALL beats any LANG or LC_* set outside)
export LC_ALL=C.UTF-8 TZ=UTC
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
fail=0
check() { # check DESCRIPTION CONDITION...
	local what=$1; shift
	if "$@"; then :; else echo "FAIL: $what"; fail=1; fi
}
pod_sync() { # pod_sync [MESSAGE]: commit all of $t/pod (a repo made with "$git" init), make it the source "pod", sync
	"$git" -C "$t/pod" add -A
	"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -m "${1:-pod files}"
	mkdir -p "$t/config/handoff"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/pod" >"$t/config/handoff/config"
	"$bin" sync >"$t/sync.out" 2>&1
	check "sync exits 0" test $? -eq 0 || cat "$t/sync.out"
}
