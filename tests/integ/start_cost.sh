#!/usr/bin/env bash
# tests/integ/start_cost.sh: what a start without HTTP or git work does not load: libcurl (opened on the first request) and libgit2's TLS start (the CA certificates)
. "${HF_SRCDIR:?}/tests/lib/hermetic.sh" start-cost
trap 'rm -rf "$T"' EXIT
bin=${HANDOFF_BIN:?}
mkdir -p "$XDG_CONFIG_HOME/handoff"
# a pod over git and a registry over HTTP, neither reachable: only a sync would use them
cat >"$XDG_CONFIG_HOME/handoff/config" <<CONF
[user]
	handle = ana
[source "pod"]
	type = git
	url = $T/no-such-pod
[source "registry"]
	type = mlflow
	url = http://127.0.0.1:9/
CONF

# the dynamic loader's own account of every library it opens
libs() {
	LD_DEBUG=files LD_DEBUG_OUTPUT=$T/ld "$@" >/dev/null 2>&1
	cat "$T"/ld.* 2>/dev/null
	rm -f "$T"/ld.*
}

out=$(libs "$bin" status)
assert_contains "status ran under the loader's trace" "$out" "file=libsqlite3"
assert_not_contains "status does not load libcurl" "$out" "libcurl"
out=$(libs "$bin" inbox)
assert_not_contains "inbox (which reads the configuration) does not load libcurl" "$out" "libcurl"
out=$(libs "$bin" --version)
assert_not_contains "--version does not load libcurl" "$out" "libcurl"

# the first request opens it, and its errors read as before
out=$(libs "$bin" sync registry)
assert_contains "a sync over HTTP loads libcurl" "$out" "file=libcurl.so"
err=$("$bin" sync registry 2>&1)
assert_contains "the sync's error names the URL" "$err" "http://127.0.0.1:9/"

# reading the configuration does not start libgit2, whose start parses the CA certificates
# (the leak check cannot run under ptrace: off for these two runs of a sanitizer build)
if command -v strace >/dev/null 2>&1; then
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$T/strace" "$bin" inbox >/dev/null 2>&1
	opened=$(cat "$T/strace")
	assert_contains "strace saw the configuration read" "$opened" "handoff/config"
	assert_not_contains "inbox does not read the CA certificates" "$opened" "/etc/ssl/certs"
	# a git sync still starts libgit2 (and reads them)
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$T/strace" "$bin" sync pod >/dev/null 2>&1
	assert_contains "a git sync starts libgit2" "$(cat "$T/strace")" "/etc/ssl/certs"
else
	fail "strace is needed (apt-get install strace)"
fi
echo "ok: a start without HTTP or git work loads neither libcurl nor libgit2's TLS"
