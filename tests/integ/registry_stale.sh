# tests/integ/registry_stale.sh: a registry that cannot be reached is not a model that is not registered: show names the failure (URL, error) and the data's age, check exits 2 unless --allow-stale (issue 16, item 5)
set -euo pipefail

: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}

. "$HF_SRCDIR/tests/lib/hermetic.sh" stale
export HANDOFF_NOW=2026-11-30T10:00:00Z
. "$HF_SRCDIR/tests/lib/replay.sh"
cleanup() {
	replay_stop
	rm -rf "$T"
}
trap cleanup EXIT

hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}
js() {
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
# run CMD...: sets out (stdout), err (stderr) and rc
run() {
	set +e
	out=$("$@" 2>"$T/stderr")
	rc=$?
	set -e
	err=$(cat "$T/stderr")
}
write_config() {
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n\ttimeout = 1\n' \
		"$P" "$URL" >"$T/config.ini"
}

. "$HF_SRCDIR/tests/lib/e2e_pod.sh"
e2e_registry "$T/fix"
replay_start "$T/fix"
P=$T/work
e2e_pod "$P"
write_config

# --- a good sync at 10:00: the gate answers
hf sync >/dev/null 2>&1 || fail "first sync failed"
run hf check ready-model
assert_eq "check on fresh data" 0 "$rc"
run hf show ready-model --json
assert_eq "show --json: nothing stale" "[]" "$(echo "$out" | js 'd["stale"]')"
assert_eq "show --json: registry.stale" "False" "$(echo "$out" | js 'd["registry"]["stale"]')"

# --- at 12:00 the registry is gone: the sync fails and the view keeps the 10:00 data
export HANDOFF_NOW=2026-11-30T12:00:00Z
replay_stop
run hf sync registry
[ "$rc" -ne 0 ] || fail "a sync of a stopped registry succeeded"
run hf show ready-model
assert_eq "show on stale data exits" 0 "$rc"
assert_contains "show names the unreachable registry" "$out" "stale data:
  registry 'registry' could not be synced 2026-11-30 12:00 (just now): cannot fetch '$URL/api/2.0/mlflow/"
assert_contains "show: the connect error" "$out" "Couldn't connect to server"
assert_contains "show: the data's age" "$out" "    shown as of its last good sync, 2026-11-30 10:00 (2h ago)"
assert_contains "show: the stored candidate is still shown" "$out" "candidate v2 champion"
run hf check ready-model
assert_eq "check on a registry whose last sync failed exits" 2 "$rc"
assert_eq "check refusing stale data prints no verdict" "" "$out"
assert_contains "check names why" "$err" "handoff: error: ready-model: not judged: the last sync of a source of its data failed"
assert_contains "check names the registry and URL" "$err" "registry 'registry' could not be synced 2026-11-30 12:00 (just now): cannot fetch '$URL/api/2.0/mlflow/"
assert_contains "check names the way out" "$err" "give --allow-stale to judge on the data as it is"
run hf check ready-model --allow-stale
assert_eq "check --allow-stale judges the 10:00 data" 0 "$rc"
assert_contains "check --allow-stale: the verdict" "$out" "ready-model: READY"
assert_contains "check --allow-stale says the data is stale" "$out" "judged on stale data (--allow-stale):
  registry 'registry' could not be synced"
assert_contains "check --allow-stale: the data's age" "$out" "shown as of its last good sync, 2026-11-30 10:00 (2h ago)"
run hf check slo-missed --allow-stale
assert_eq "check --allow-stale on a model that misses an SLO" 1 "$rc"
run hf check ready-model --json
assert_eq "check --json on stale data exits" 2 "$rc"
assert_eq "check --json: judged" "False" "$(echo "$out" | js 'd["judged"]')"
assert_eq "check --json: the stale source" "registry mlflow 2026-11-30T12:00:00Z 2026-11-30T10:00:00Z" \
	"$(echo "$out" | js '" ".join(d["stale"][0][k] for k in ("source", "type", "failed_at", "synced_at"))')"
assert_contains "check --json: the error" "$(echo "$out" | js 'd["stale"][0]["error"]')" "Couldn't connect to server"
run hf check ready-model --json --allow-stale
assert_eq "check --json --allow-stale exits" 0 "$rc"
assert_eq "check --json --allow-stale: judged" "True True" "$(echo "$out" | js 'd["judged"], d["ready"]' | tr -d '(),')"
# a model the pod does not name: not "unknown model" alone, the registry may have it
run hf show new-model
assert_eq "show of a model only the unreachable registry may know exits" 2 "$rc"
assert_contains "show of an unknown model" "$err" "unknown model 'new-model'"
assert_contains "show of an unknown model names the failing registry" "$err" "a registry could not be synced, so the model may be there:
  registry 'registry' could not be synced"

# --- the registry answers, but with a proxy's HTML error page
replay_start "$T/fix"
write_config
ctl /__faults '{"kind": "html", "status": 502, "count": 1000}' >/dev/null
run hf sync registry
[ "$rc" -ne 0 ] || fail "a sync against HTML error pages succeeded"
run hf show ready-model
assert_contains "show names the HTML answer and its URL" "$out" "registry 'registry' could not be synced 2026-11-30 12:00 (just now): "
assert_contains "show: the HTML error" "$out" "answered 502 after retries with text/html"
assert_contains "show: its URL" "$out" "$URL/api/2.0/mlflow/"
run hf check ready-model
assert_eq "check with a registry answering HTML errors exits" 2 "$rc"

# --- a fresh database whose registry never answered: not "not registered", not "NOT READY"
rm -f "$HANDOFF_DB" "$HANDOFF_DB"-*
hf sync pod >/dev/null 2>&1 || fail "pod sync failed"
run hf sync registry
[ "$rc" -ne 0 ] || fail "a sync against HTML error pages succeeded (fresh database)"
run hf show ready-model
assert_not_contains "show: never synced is not 'not registered'" "$out" "(not registered)"
assert_contains "show: the registry could not be read" "$out" "(not in what the registry last gave: it could not be synced, see below)"
assert_contains "show: never synced" "$out" "    nothing from it yet: it never synced"
run hf check ready-model
assert_eq "check with a registry that never synced exits" 2 "$rc"
assert_not_contains "check does not judge 'no candidate registered'" "$out$err" "NOT READY"
run hf check ready-model --allow-stale
assert_eq "check --allow-stale with no registry data: not ready" 1 "$rc"
assert_contains "check --allow-stale: says which data it used" "$out" "nothing from it yet: it never synced"

# --- the registry answers again: nothing stale, the gate answers
ctl /__reset '{}' >/dev/null
hf sync registry >/dev/null 2>&1 || fail "the recovery sync failed"
run hf show ready-model
assert_not_contains "show after recovery" "$out" "stale data"
run hf check ready-model
assert_eq "check after recovery" 0 "$rc"
echo "ok"
