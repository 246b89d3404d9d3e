# tests/integ/git_problems.sh: bad files beside good ones: invalid JSON, unknown fields, oversized, non-UTF-8 and '..' names, symlinks; sync and lint say the same
. "$HF_SRCDIR/tests/lib/gitd.sh"

make_pod "$T/pod"
write_config pod "$T/pod"
d=$T/pod

# a contract that is not JSON, beside good ones
mkdir -p "$d/models/broken"
printf '{ "registry": {"source": "registry", "name": "broken"\n' >"$d/models/broken/contract.json"
# an unknown field in pod.json: a warning, the file still counts
sed -i 's/"name": "test-pod",/"name": "test-pod", "mascot": "otter",/' "$d/pod.json"
# a model card over 1 MiB
mkdir -p "$d/models/big"
{
	echo "# Model card"
	head -c 1100000 /dev/zero | tr '\0' 'x'
} >"$d/models/big/MODEL_CARD.md"
# a model folder whose name is not UTF-8
mkdir -p "$d/models/$(printf 'bad\377name')"
cp "$d/models/ranker/contract.json" "$d/models/$(printf 'bad\377name')/contract.json"
# symbolic links: a file and a whole model folder
mkdir -p "$d/models/linked"
ln -s ../../pod.json "$d/models/linked/contract.json"
ln -s /etc "$d/models/evil"
commit_all "$d" "Add some trouble" "2026-11-05T10:00:00Z"

# a '..' folder inside models/ (git refuses to make one from a work tree; mktree does not)
blob=$("$GIT" -C "$d" rev-parse HEAD:models/ranker/contract.json)
inner=$(printf '100644 blob %s\tcontract.json\n' "$blob" | "$GIT" -C "$d" mktree)
models=$({
	"$GIT" -C "$d" ls-tree HEAD:models
	printf '040000 tree %s\t..\n' "$inner"
} | "$GIT" -C "$d" mktree)
root=$("$GIT" -C "$d" ls-tree HEAD | sed "s/^040000 tree [0-9a-f]*\tmodels\$/040000 tree $models\tmodels/" | "$GIT" -C "$d" mktree)
commit=$(GIT_AUTHOR_DATE=2026-11-06T10:00:00Z GIT_COMMITTER_DATE=2026-11-06T10:00:00Z \
	"$GIT" -C "$d" commit-tree "$root" -p HEAD -m "Sneak in a dot-dot folder")
"$GIT" -C "$d" update-ref refs/heads/main "$commit"
"$GIT" -C "$d" ls-tree HEAD:models | grep -q '	\.\.$' || fail "could not make the '..' folder"

rc=0
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || rc=$?
assert_eq "sync exit status when pod files have errors" "1" "$rc"
out=$(echo "$trace" | grep -v '^handoff: trace:')
# every problem on its own line, with file (and line and column where there is one), then the count
assert_eq "sync's problem lines" "\
pod: models/..: error: a '.' or '..' name is not followed
pod: models/bad�name: error: the name is not valid UTF-8
pod: models/big/MODEL_CARD.md: error: file is 1100013 bytes, over the limit of 1048576 bytes
pod: models/broken/contract.json:2:1: error: not valid JSON: '}' expected near end of file
pod: models/evil: error: symbolic link, not followed
pod: models/linked/contract.json: error: symbolic link, not followed
pod: models/fraud-detector/contract.json:1:26: warning: registry.source: no source 'registry' in the configuration, so the model's versions are not looked up (configured: 'pod')
pod: models/ranker/contract.json:1:26: warning: registry.source: no source 'registry' in the configuration, so the model's versions are not looked up (configured: 'pod')
pod: pod.json:1:23: warning: mascot: unknown field 'mascot' (kept, ignored)
handoff: 6 errors in pod files: those files or names are skipped (see 'handoff help pod'; 'handoff lint' checks a work tree before you commit)" "$out"
json=$("$HANDOFF_BIN" status --json)
errors=$(echo "$json" | pyjson '"\n".join(e["path"] + ": " + e["message"] for e in d["errors"])')
warnings=$(echo "$json" | pyjson '"\n".join(e["path"] + ": " + str(e["field"]) + ": " + e["message"] for e in d["warnings"])')

# the good files synced
assert_eq "pod" "test-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "good contracts" "fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
# each bad one is an error naming its path and the reason
assert_contains "bad JSON" "$errors" "models/broken/contract.json: not valid JSON"
assert_contains "oversized" "$errors" "models/big/MODEL_CARD.md: file is 1100013 bytes, over the limit of 1048576 bytes"
assert_contains "non-UTF-8 name" "$errors" "models/bad�name: the name is not valid UTF-8"
assert_contains "dot-dot" "$errors" "models/..: a '.' or '..' name is not followed"
assert_contains "symlinked file" "$errors" "models/linked/contract.json: symbolic link, not followed"
assert_contains "symlinked folder" "$errors" "models/evil: symbolic link, not followed"
assert_eq "error count" "6" "$(echo "$errors" | wc -l)"
# never followed: nothing read through a link or from a '..' folder
assert_not_contains "links followed" "$trace" "read 'models/linked"
assert_not_contains "dot-dot followed" "$trace" "read 'models/..'"
assert_not_contains "dot-dot followed" "$trace" "read 'models/../"
assert_not_contains "big file read" "$trace" "read 'models/big"
# unknown fields are warnings, not errors
assert_contains "unknown field" "$warnings" "pod.json: mascot: unknown field 'mascot'"

# lint on the work tree says the same, line for line (the '..' folder exists only in the commit)
rc=0
lint=$(cd "$d" && "$HANDOFF_BIN" lint) || rc=$?
assert_eq "lint exit status with errors" "1" "$rc"
expect=$(echo "$out" | grep -v "^handoff: \|models/\.\." | sed 's/^pod: //')
assert_eq "lint's lines are sync's" "$expect
.: 4 pod files checked: 5 errors, 3 warnings" "$lint"
lint=$("$HANDOFF_BIN" lint --quiet "$d/") || true
assert_eq "lint --quiet: errors only, named from the folder given" "$(echo "$expect" | grep ': error: ' | sed "s|^|$d/|")" "$lint"

# fixing the bad contract clears its error; the others stay
cp "$d/models/ranker/contract.json" "$d/models/broken/contract.json"
sed -i 's/"name": "ranker"/"name": "broken"/' "$d/models/broken/contract.json"
commit_all "$d" "Fix the broken contract" "2026-11-07T10:00:00Z"
rc=0
"$HANDOFF_BIN" sync --quiet 2>/dev/null || rc=$?
assert_eq "sync after the fix: still errors" "1" "$rc"
errors=$("$HANDOFF_BIN" status --json | pyjson '"\n".join(e["path"] for e in d["errors"])')
assert_not_contains "fixed file" "$errors" "models/broken"
assert_contains "other errors kept" "$errors" "models/evil"
assert_eq "contracts after the fix" "broken fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"

# removing the trouble clears its errors too
"$GIT" -C "$d" rm -q -r models/big models/evil models/linked
commit_all "$d" "Remove the trouble" "2026-11-08T10:00:00Z"
rc=0
"$HANDOFF_BIN" sync --quiet 2>/dev/null || rc=$?
assert_eq "sync after the removal: the bad names remain" "1" "$rc"
errors=$("$HANDOFF_BIN" status --json | pyjson '"\n".join(e["path"] for e in d["errors"])')
assert_not_contains "removed big" "$errors" "models/big"
assert_not_contains "removed link" "$errors" "models/evil"
assert_not_contains "removed link" "$errors" "models/linked"
exit 0
