# tests/integ/git_sync.sh: the git source end to end on a local repository: first sync, one change, a deletion, force pushes, the remote gone
. "$HF_SRCDIR/tests/lib/gitd.sh"

# the team's shared repository is bare; people push to it from their clones
make_pod "$T/work"
"$GIT" clone -q --bare "$T/work" "$T/pod.git"
"$GIT" -C "$T/work" remote add origin "$T/pod.git"
"$GIT" -C "$T/work" fetch -q origin
write_config pod "$T/pod.git"

# first sync: everything read, no progress on a non-terminal; only the contracts' registry
# source, which this configuration lacks, is worth a word (a warning: the exit status stays 0)
out=$("$HANDOFF_BIN" sync 2>&1) || fail "first sync failed: $out"
assert_eq "sync output when not a terminal" "\
pod: models/fraud-detector/contract.json:1:26: warning: registry.source: no source 'registry' in the configuration, so the model's versions are not looked up (configured: 'pod')
pod: models/ranker/contract.json:1:26: warning: registry.source: no source 'registry' in the configuration, so the model's versions are not looked up (configured: 'pod')" "$out"
assert_eq "pod name" "test-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "members" "ana raj" "$(sql 'SELECT group_concat(handle, " ") FROM (SELECT handle FROM member ORDER BY position)')"
assert_eq "contracts" "fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
assert_eq "synced commit" "$("$GIT" -C "$T/pod.git" rev-parse main)" "$(sql "SELECT value FROM source_state WHERE source='pod' AND key='commit'")"
[ -d "$XDG_CACHE_HOME/handoff/repos/pod" ] || fail "no bare cache under \$XDG_CACHE_HOME/handoff/repos/pod"
[ ! -e "$XDG_CACHE_HOME/handoff/repos/pod/pod.json" ] || fail "the cache has a work tree"
# activity: the first commit touched no model, the second touched two
assert_eq "activity" "Start the pod| Contracts for fraud-detector and ranker|fraud-detector Contracts for fraud-detector and ranker|ranker" \
	"$(sql "SELECT group_concat(summary || '|' || coalesce(model, ''), ' ') FROM (SELECT * FROM activity WHERE source='pod' ORDER BY at, model)")"
assert_eq "activity actor" "Ana Ruiz" "$(sql "SELECT DISTINCT actor FROM activity")"
json=$("$HANDOFF_BIN" status --json)
assert_eq "status sync ok" "True" "$(echo "$json" | pyjson 'd["sync"][0]["ok"]')"
assert_eq "status errors" "[]" "$(echo "$json" | pyjson 'd["errors"]')"

# nothing changed: a fetch and nothing more
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "second sync failed: $trace"
assert_not_contains "unchanged sync" "$trace" "git: read '"
assert_contains "unchanged sync" "$(sql "SELECT detail FROM sync_run ORDER BY id DESC LIMIT 1")" "up to date"

# one changed file: only it is read again
sed -i 's/"target": 50/"target": 40/' "$T/work/models/fraud-detector/contract.json"
commit_all "$T/work" "fraud-detector: tighten p99 latency to 40 ms" "2026-11-20T09:00:00Z" "Raj Iyer" "raj@pod.example"
"$GIT" -C "$T/work" push -q origin main
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync after one change failed: $trace"
assert_eq "files read after one change" "git: read 'models/fraud-detector/contract.json'" \
	"$(echo "$trace" | grep -o "git: read '[^']*'")"
assert_eq "new SLO target" "40.0" "$(sql "SELECT target FROM slo WHERE model='fraud-detector' AND metric='latency_p99_ms'")"
assert_eq "new activity" "Raj Iyer|fraud-detector|fraud-detector: tighten p99 latency to 40 ms" \
	"$(sql "SELECT actor || '|' || model || '|' || summary FROM activity ORDER BY at DESC LIMIT 1")"
assert_contains "detail" "$(sql "SELECT detail FROM sync_run ORDER BY id DESC LIMIT 1")" "incremental, 1 file read"

# a deleted model: what it defined goes away
"$GIT" -C "$T/work" rm -q -r models/ranker
commit_all "$T/work" "Retire ranker" "2026-11-21T09:00:00Z"
"$GIT" -C "$T/work" push -q origin main
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync after a deletion failed: $trace"
assert_contains "deletion" "$trace" "git: forget 'models/ranker/contract.json'"
assert_eq "contracts after deletion" "fraud-detector" "$(sql 'SELECT group_concat(model) FROM contract')"
assert_eq "SLOs of ranker" "0" "$(sql "SELECT count(*) FROM slo WHERE model='ranker'")"

# a force push rewriting the last commit: the old tip is no longer reachable
"$GIT" -C "$T/work" reset -q --hard HEAD~1
sed -i 's/"target": 40/"target": 45/' "$T/work/models/fraud-detector/contract.json"
commit_all "$T/work" "fraud-detector: 45 ms after all" "2026-11-22T09:00:00Z"
"$GIT" -C "$T/work" push -q --force origin main
"$GIT" -C "$T/pod.git" reflog expire --expire=now --all
"$GIT" -C "$T/pod.git" gc -q --prune=now
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync after a force push failed: $trace"
assert_eq "contracts after force push" "fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
assert_eq "target after force push" "45.0" "$(sql "SELECT target FROM slo WHERE model='fraud-detector' AND metric='latency_p99_ms'")"
assert_contains "force push activity" "$(sql "SELECT summary FROM activity ORDER BY at DESC LIMIT 1")" "45 ms after all"

# a force push when the synced commit is gone from the cache too: a full read
"$GIT" -C "$T/work" reset -q --hard HEAD~1
echo "rewritten" >>"$T/work/README.md"
commit_all "$T/work" "Rewrite history again" "2026-11-23T09:00:00Z"
"$GIT" -C "$T/work" push -q --force origin main
rm -rf "$XDG_CACHE_HOME/handoff/repos/pod"
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync with a lost commit failed: $trace"
assert_contains "fallback" "$trace" "full read of 'pod'"
assert_eq "target after full read" "40.0" "$(sql "SELECT target FROM slo WHERE model='fraud-detector' AND metric='latency_p99_ms'")"
assert_eq "contracts after full read" "2" "$(sql 'SELECT count(*) FROM contract')"
assert_eq "no commit recorded twice" "0" \
	"$(sql "SELECT count(*) FROM (SELECT ref FROM activity GROUP BY ref, coalesce(model, '') HAVING count(*) > 1)")"
assert_eq "the new commit recorded" "1" "$(sql "SELECT count(*) FROM activity WHERE summary = 'Rewrite history again'")"

# the remote gone: exit 2, the error names the source and URL, the previous view stays
mv "$T/pod.git" "$T/gone.git"
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync of a missing remote succeeded"
rc=0
"$HANDOFF_BIN" sync --quiet 2>/dev/null || rc=$?
assert_eq "exit status" "2" "$rc"
assert_contains "error names the source" "$err" "source 'pod'"
assert_contains "error names the url" "$err" "$T/pod.git"
assert_eq "view intact" "test-pod 2" "$(sql 'SELECT (SELECT name FROM pod) || " " || (SELECT count(*) FROM contract)')"
json=$("$HANDOFF_BIN" status --json)
assert_eq "status sync failed" "False" "$(echo "$json" | pyjson 'd["sync"][0]["ok"]')"
assert_contains "status sync error" "$(echo "$json" | pyjson 'd["sync"][0]["error"]')" "$T/pod.git"

# unknown source names are refused with the configured ones listed
err=$("$HANDOFF_BIN" sync nosuch 2>&1) && fail "sync of an unknown source succeeded"
assert_contains "unknown source" "$err" "no source 'nosuch'"
assert_contains "unknown source lists" "$err" "configured: 'pod'"
exit 0
