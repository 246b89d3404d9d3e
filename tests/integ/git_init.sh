# tests/integ/git_init.sh: `handoff init DIR` scaffolds a pod repository, writes the configuration when there is none, and a following `handoff sync` reads it without errors
. "$HF_SRCDIR/tests/lib/gitd.sh"
export HANDOFF_NOW=2026-11-25T10:00:00Z

cfg=$XDG_CONFIG_HOME/handoff/config
rm -rf "$XDG_CONFIG_HOME/handoff"
out=$("$HANDOFF_BIN" init "$T/My Pod" 2>&1) || fail "init failed: $out"
assert_eq "init with no configuration writes one and says so" "\
Created a pod repository in $T/My Pod: 7 files, commit $("$GIT" -C "$T/My Pod" rev-parse --short=7 HEAD).
Wrote the configuration $cfg:

# handoff's configuration (git-config syntax), written by 'handoff init'; see 'man handoff'
[source \"pod\"]
	type = git
	url = $T/My Pod
# The model registry the contracts' \"registry\" links look up: uncomment, fill in, sync.
#[source \"registry\"]
#	type = mlflow
#	url = https://mlflow.example
#	token-env = MLFLOW_TOKEN

Next: edit the pod's files ('handoff help pod' says what each holds), check them with
'handoff lint $T/My Pod', commit, then run 'handoff sync' and 'handoff'." "$out"
assert_eq "the configuration is what init showed" "$(echo "$out" | sed -n '/^# handoff/,/^#.token-env/p')" "$(cat "$cfg")"
[ -z "$("$GIT" -C "$T/My Pod" status --porcelain)" ] || fail "init left files uncommitted"
assert_eq "one commit" "1" "$("$GIT" -C "$T/My Pod" rev-list --count HEAD)"
assert_eq "branch" "main" "$("$GIT" -C "$T/My Pod" symbolic-ref --short HEAD)"
for f in pod.json README.md models/example-model/contract.json models/example-model/readiness.json \
	models/example-model/MODEL_CARD.md oncall/serving.json sprints/2026-11.json; do
	[ -f "$T/My Pod/$f" ] || fail "init did not write $f"
done
grep -q '"start": "2026-11-23"' "$T/My Pod/sprints/2026-11.json" || fail "sprint dates not filled in"

# the written configuration is enough: sync reads the new pod without a word
out=$("$HANDOFF_BIN" sync 2>&1) || fail "sync of the new pod failed: $out"
assert_eq "sync of the scaffold is quiet" "" "$out"
out=$(cd "$T/My Pod" && "$HANDOFF_BIN" lint) || fail "lint of the scaffold failed: $out"
assert_eq "lint of the scaffold" ".: 6 pod files checked: 0 errors, 0 warnings" "$out"
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
# a configuration exists: it is left alone, the lines to add are shown, under a name not taken
assert_contains "lines to add" "$out" "Add these lines to the configuration $cfg:

[source \"pod-2\"]
	type = git
	url = $T/code
	path = ops/pod
"
assert_eq "configuration untouched" "1" "$(grep -c '^\[source' "$cfg")"
assert_eq "untracked file left alone" "?? notes.txt" "$("$GIT" -C "$T/code" status --porcelain)"
assert_eq "two commits" "2" "$("$GIT" -C "$T/code" rev-list --count HEAD)"
[ ! -d "$T/code/ops/pod/.git" ] || fail "init made a nested repository"
echo "$out" | sed -n '/^\[source/,/^$/p' >"$cfg"
rm -f "$HANDOFF_DB"
"$HANDOFF_BIN" sync || fail "sync of the pod folder failed"
assert_eq "no errors in the folder pod" "[]" "$("$HANDOFF_BIN" status --json | pyjson 'd["errors"]')"
assert_eq "folder pod name" "pod" "$(sql 'SELECT name FROM pod')"
exit 0
