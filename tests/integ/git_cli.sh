# tests/integ/git_cli.sh: `handoff sync` on a terminal (one progress line), --quiet, several sources with one failing, named sources
. "$HF_SRCDIR/tests/lib/gitd.sh"
command -v script >/dev/null || { echo "no script(1) to give handoff a terminal"; exit 77; }

make_pod "$T/a"
make_pod "$T/b"
sed -i 's/"test-pod"/"other-pod"/' "$T/b/pod.json"
commit_all "$T/b" "Rename the pod"
cat >"$XDG_CONFIG_HOME/handoff/config" <<EOF2
[source "gone"]
	type = git
	url = $T/missing.git
[source "pod"]
	type = git
	url = $T/a
EOF2

# on a terminal: a progress line redrawn with \r, then a line per source; errors name their source
out=$(script -qec "$HANDOFF_BIN sync" /dev/null) && fail "sync with a missing source succeeded"
assert_contains "progress redrawn in place" "$out" $'\r'
assert_contains "progress names the source" "$out" "pod: "
assert_contains "result line" "$out" "pod: synced "
assert_contains "error names the source" "$out" "handoff: error: source 'gone'"
assert_eq "the good source synced after the bad one" "test-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "both in the sync log" "gone:0 pod:1" "$(sql "SELECT group_concat(source || ':' || ok, ' ') FROM (SELECT source, ok FROM sync_run ORDER BY source)")"
rc=0
"$HANDOFF_BIN" sync >/dev/null 2>&1 || rc=$?
assert_eq "exit status with one source failing" "2" "$rc"

# --quiet on a terminal: only the error
out=$(script -qec "$HANDOFF_BIN sync --quiet pod" /dev/null) || fail "quiet sync of pod failed"
assert_eq "quiet" "" "$out"
out=$(script -qec "$HANDOFF_BIN sync --quiet gone" /dev/null) && fail "quiet sync of gone succeeded"
assert_contains "quiet error" "$out" "handoff: error: source 'gone'"
assert_not_contains "quiet progress" "$out" "synced"

# named sources: only those sync
before=$(sql "SELECT count(*) FROM sync_run WHERE source = 'pod'")
printf '[source "b"]\n\ttype = git\n\turl = %s\n' "$T/b" >>"$XDG_CONFIG_HOME/handoff/config"
"$HANDOFF_BIN" sync b || fail "sync b failed"
assert_eq "only b synced" "1" "$(sql "SELECT count(*) FROM sync_run WHERE source = 'b'")"
assert_eq "pod not synced again" "$before" "$(sql "SELECT count(*) FROM sync_run WHERE source = 'pod'")"

# no configuration at all: say how to start
rm "$XDG_CONFIG_HOME/handoff/config"
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync without a config succeeded"
assert_contains "no config" "$err" "handoff init"
exit 0
