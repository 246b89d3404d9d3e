# tests/lib/hermetic.sh: a test's own world (sourced first): a temp dir $T with HOME, XDG_* and the database; the caller's locale, zone, git configuration and handoff variables shut out; fail() and the assertions
# . "$HF_SRCDIR/tests/lib/hermetic.sh" NAME   ($T is hf-NAME.XXXXXX; the test removes it in its own EXIT trap)
T=$(mktemp -d "${TMPDIR:-/tmp}/hf-${1:?name the test}.XXXXXX")
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache
export XDG_STATE_HOME=$T/state HANDOFF_DB=$T/handoff.db LC_ALL=C.UTF-8 TZ=UTC
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset HANDOFF_TRACE HANDOFF_NOW
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
# assert_eq WHAT WANT GOT, assert_contains WHAT TEXT PART, assert_not_contains WHAT TEXT PART
assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}
assert_contains() {
	case "$2" in *"$3"*) ;; *) fail "$1: [$3] not in [$2]" ;; esac
}
assert_not_contains() {
	case "$2" in *"$3"*) fail "$1: [$3] should not be in [$2]" ;; esac
}
