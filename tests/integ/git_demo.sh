# tests/integ/git_demo.sh: `handoff --demo` builds its pod repository with a history, syncs it through the git source, and cleans up
. "$HF_SRCDIR/tests/lib/gitd.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z
export TMPDIR=$T/tmp
mkdir -p "$TMPDIR"

json=$("$HANDOFF_BIN" --demo status --json) || fail "handoff --demo status failed"
assert_eq "pod" "demo-pod" "$(echo "$json" | pyjson 'd["pod"]["name"]')"
assert_eq "members" "ana li raj sam mia" "$(echo "$json" | pyjson '" ".join(m["handle"] for m in d["pod"]["members"])')"
assert_eq "pod synced" "True" "$(echo "$json" | pyjson '[s["ok"] for s in d["sync"] if s["name"] == "pod"][0]')"
if [ -d "$HF_SRCDIR/data/demo/registry" ]; then
	assert_eq "registry loaded" "True" "$(echo "$json" | pyjson '[s["ok"] for s in d["sync"] if s["name"] == "registry"][0]')"
fi
assert_eq "no pod errors" "[]" "$(echo "$json" | pyjson '[e for e in d["errors"] if e["source"] == "pod"]')"
assert_eq "nothing left behind" "" "$(ls -A "$TMPDIR")"
[ ! -e "$HANDOFF_DB" ] || fail "the demo touched the user's database"
[ ! -e "$XDG_CACHE_HOME/handoff" ] || fail "the demo touched the user's cache"

# the history behind it: keep the demo's database to look inside
HANDOFF_TRACE=1 "$HANDOFF_BIN" --demo status >/dev/null 2>"$T/trace" || fail "demo with trace failed"
assert_contains "synced through the git source" "$(cat "$T/trace")" "git: synced 'pod'"
commits=$(grep -c "git: commit in" "$T/trace")
[ "$commits" -ge 8 ] || fail "the demo history has only $commits commits"
assert_eq "sprint snapshots" "4" "$(grep -c "git: sprint snapshot 'sprints/2026-12.json'" "$T/trace")"
exit 0
