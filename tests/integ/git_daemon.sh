# tests/integ/git_daemon.sh: the git source over git:// from a real `git daemon` on 127.0.0.1, and the daemon gone
. "$HF_SRCDIR/tests/lib/gitd.sh"

make_pod "$T/work"
mkdir -p "$T/served"
"$GIT" clone -q --bare "$T/work" "$T/served/pod.git"
"$GIT" -C "$T/work" remote add origin "$T/served/pod.git"
gitd_start "$T/served"
url="git://127.0.0.1:$GITD_PORT/pod.git"
write_config pod "$url"

trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync over git:// failed: $trace"
assert_contains "trace names the url" "$trace" "git: connect '$url'"
assert_eq "contracts" "fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
assert_eq "branch from the remote's HEAD" "main" "$(sql "SELECT value FROM source_state WHERE source='pod' AND key='branch'")"

# one change pushed: fetched, only it read
sed -i 's/"engineering": "raj"/"engineering": "ana"/' "$T/work/models/ranker/contract.json"
commit_all "$T/work" "ranker: Ana takes engineering too" "2026-11-12T10:00:00Z"
"$GIT" -C "$T/work" push -q origin main
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "second sync over git:// failed: $trace"
assert_eq "files read" "git: read 'models/ranker/contract.json'" "$(echo "$trace" | grep -o "git: read '[^']*'")"
assert_eq "new owner" "ana" "$(sql "SELECT owner_engineering FROM contract WHERE model='ranker'")"

# a branch that does not exist
write_config pod "$url" branch nosuch
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync of a missing branch succeeded"
assert_contains "missing branch" "$err" "no branch 'refs/heads/nosuch' at '$url'"

# the daemon stops: a network error naming the source and the url, the view intact
write_config pod "$url"
gitd_stop
rc=0
err=$("$HANDOFF_BIN" sync 2>&1) || rc=$?
assert_eq "exit status with the daemon gone" "2" "$rc"
assert_contains "error" "$err" "source 'pod': cannot reach the remote ('$url')"
assert_eq "view intact" "2" "$(sql 'SELECT count(*) FROM contract')"
assert_eq "sync log" "0" "$(sql "SELECT ok FROM sync_run ORDER BY id DESC LIMIT 1")"
exit 0
