# tests/integ/git_init.sh: `handoff init DIR` scaffolds a pod repository that a following `handoff sync` reads without errors
. "$HF_SRCDIR/tests/lib/gitd.sh"
export HANDOFF_NOW=2026-11-25T10:00:00Z

out=$("$HANDOFF_BIN" init "$T/My Pod" 2>&1) || fail "init failed: $out"
assert_contains "init says where" "$out" "Created a pod repository in $T/My Pod"
assert_contains "init prints the config" "$out" "[source \"pod\"]"
[ -z "$("$GIT" -C "$T/My Pod" status --porcelain)" ] || fail "init left files uncommitted"
assert_eq "one commit" "1" "$("$GIT" -C "$T/My Pod" rev-list --count HEAD)"
assert_eq "branch" "main" "$("$GIT" -C "$T/My Pod" symbolic-ref --short HEAD)"
for f in pod.json README.md models/example-model/contract.json models/example-model/readiness.json \
	models/example-model/MODEL_CARD.md oncall/serving.json sprints/2026-11.json; do
	[ -f "$T/My Pod/$f" ] || fail "init did not write $f"
done
grep -q '"start": "2026-11-23"' "$T/My Pod/sprints/2026-11.json" || fail "sprint dates not filled in"

# the printed lines are the config, as the user would paste them
echo "$out" | sed -n '/^\[source/,/^$/p' >"$XDG_CONFIG_HOME/handoff/config"
out=$("$HANDOFF_BIN" sync 2>&1) || fail "sync of the new pod failed: $out"
json=$("$HANDOFF_BIN" status --json)
assert_eq "no errors" "[]" "$(echo "$json" | pyjson 'd["errors"]')"
assert_eq "no warnings" "[]" "$(echo "$json" | pyjson 'd["warnings"]')"
assert_eq "pod name" "my-pod" "$(echo "$json" | pyjson 'd["pod"]["name"]')"
assert_eq "contract" "example-model" "$(sql 'SELECT model FROM contract')"
assert_eq "sprint" "2026-11" "$(sql 'SELECT id FROM sprint')"
assert_eq "rotation" "serving" "$(sql 'SELECT name FROM rotation')"

# a second init in the same place refuses to overwrite
err=$("$HANDOFF_BIN" init "$T/My Pod" 2>&1) && fail "a second init succeeded"
assert_contains "refusal" "$err" "already exists"

# inside an existing repository: the pod is a folder of it, and nothing else gets committed
"$GIT" init -q -b main "$T/code"
echo 'int main(void) { return 0; }' >"$T/code/main.c"
commit_all "$T/code" "Code"
echo "work in progress" >"$T/code/notes.txt"
out=$("$HANDOFF_BIN" init "$T/code/ops/pod" 2>&1) || fail "init in a subfolder failed: $out"
assert_contains "url is the repository" "$out" "url = $T/code"
assert_contains "path is the folder" "$out" "path = ops/pod"
assert_eq "untracked file left alone" "?? notes.txt" "$("$GIT" -C "$T/code" status --porcelain)"
assert_eq "two commits" "2" "$("$GIT" -C "$T/code" rev-list --count HEAD)"
[ ! -d "$T/code/ops/pod/.git" ] || fail "init made a nested repository"
echo "$out" | sed -n '/^\[source/,/^$/p' >"$XDG_CONFIG_HOME/handoff/config"
rm -f "$HANDOFF_DB"
"$HANDOFF_BIN" sync || fail "sync of the pod folder failed"
assert_eq "no errors in the folder pod" "[]" "$("$HANDOFF_BIN" status --json | pyjson 'd["errors"]')"
assert_eq "folder pod name" "pod" "$(sql 'SELECT name FROM pod')"
exit 0
