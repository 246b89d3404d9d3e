# tests/lib/live_test.sh: what the live-SLO integration tests share (sourced): a hermetic temp dir, the live pod (live_pod.sh), helpers
# Source it first: . "$HF_SRCDIR/tests/lib/live_test.sh" NAME  (the temp dir $T is hf-NAME.XXXXXX);
# then live_pod_setup. A test with servers of its own defines live_test_stop to stop them.
set -euo pipefail

: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}
. "$HF_SRCDIR/tests/lib/hermetic.sh" "${1:?name the test}"
. "$HF_SRCDIR/tests/lib/live_pod.sh"
live_test_stop() { :; }
trap 'live_test_stop; live_pod_stop; rm -rf "$T"' EXIT
hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}
# sync_prom_fails NAME PATTERN: 'handoff sync prom' exits 2 and its message has PATTERN
sync_prom_fails() {
	local out rc
	set +e
	out=$(hf sync prom 2>&1)
	rc=$?
	set -e
	assert_eq "$1: exit status" 2 "$rc"
	assert_contains "$1: message" "$out" "$2"
}
# js EXPR < JSON: a Python expression over the document d
js() {
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
# live MODEL METRIC EXPR: a Python expression over that SLO's live object l
live() {
	hf show "$1" --json | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
l = [s["live"] for s in d["slos"] if s["metric"] == sys.argv[1]][0]
print(eval(sys.argv[2]))' "$2" "$3"
}
