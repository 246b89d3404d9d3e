# tests/integ/git_path.sh: a pod in a folder of a larger repository (`path`), a pinned `branch`, and paths that leave the repository
. "$HF_SRCDIR/tests/lib/gitd.sh"

r=$T/repo
make_pod "$T/pod"
"$GIT" init -q -b trunk "$r"
mkdir -p "$r/src" "$r/ops"
echo 'int main(void) { return 0; }' >"$r/src/main.c"
cp -r "$T/pod" "$r/ops/pod" && rm -rf "$r/ops/pod/.git"
# a pod.json outside the folder must never be read
echo '{ "name": "wrong-pod", "members": [] }' >"$r/pod.json"
commit_all "$r" "Code and the pod" "2026-11-01T10:00:00Z"
write_config pod "$r" path /ops/pod/ branch trunk

trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync of a pod folder failed: $trace"
assert_eq "pod from the folder" "test-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "paths relative to the folder" "models/fraud-detector/contract.json" \
	"$(sql "SELECT path FROM contract WHERE model = 'fraud-detector'")"
assert_not_contains "outside the folder" "$trace" "read 'src/"

# commits that do not touch the folder: nothing read, no activity
echo '/* more code */' >>"$r/src/main.c"
commit_all "$r" "More code" "2026-11-02T10:00:00Z"
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync after a code change failed: $trace"
assert_not_contains "code change read" "$trace" "git: read '"
assert_eq "no activity for code" "0" "$(sql "SELECT count(*) FROM activity WHERE summary = 'More code'")"
sed -i 's/"target": 50/"target": 30/' "$r/ops/pod/models/ranker/contract.json"
commit_all "$r" "ranker: 30 ms" "2026-11-03T10:00:00Z"
trace=$(HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync after a pod change failed: $trace"
assert_eq "one file read" "git: read 'models/ranker/contract.json'" "$(echo "$trace" | grep -o "git: read '[^']*'")"
assert_eq "activity for the pod change" "ranker" "$(sql "SELECT model FROM activity WHERE summary = 'ranker: 30 ms'")"

# another folder of the same repository: what the old one defined is forgotten, the new one read in full
mkdir -p "$r/ops/pod2"
cp "$r/ops/pod/pod.json" "$r/ops/pod2/pod.json"
sed -i 's/"test-pod"/"second-pod"/' "$r/ops/pod2/pod.json"
commit_all "$r" "A second pod" "2026-11-04T10:00:00Z"
write_config pod "$r" path ops/pod2 branch trunk
"$HANDOFF_BIN" sync || fail "sync of the second folder failed"
assert_eq "second pod" "second-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "old folder forgotten" "0" "$(sql 'SELECT count(*) FROM contract')"

# paths that leave the repository or do not exist are errors naming the source
for bad in ../elsewhere ops/../.. ./ops; do
	write_config pod "$r" path "$bad" branch trunk
	err=$("$HANDOFF_BIN" sync 2>&1) && fail "path '$bad' was accepted"
	assert_contains "path '$bad'" "$err" "source 'pod': path '$bad' must be a folder inside the repository"
done
write_config pod "$r" path ops/none branch trunk
err=$("$HANDOFF_BIN" sync 2>&1) && fail "a missing folder was accepted"
assert_contains "missing folder" "$err" "no folder 'ops/none' (path) at branch 'trunk'"
ln -s pod "$r/ops/link"
commit_all "$r" "A link to the pod" "2026-11-05T10:00:00Z"
write_config pod "$r" path ops/link branch trunk
err=$("$HANDOFF_BIN" sync 2>&1) && fail "a symlinked folder was accepted"
assert_contains "symlinked folder" "$err" "'ops/link' (path) is not a folder"
assert_eq "view intact after the failures" "second-pod" "$(sql 'SELECT name FROM pod')"
exit 0
