#!/usr/bin/env bash
# first_hour.sh: a newcomer's first hour, scripted: init with no configuration, sync, a contract and a readiness file edited with mistakes, lint and sync report them (file:line:column, exit 1), fix, sync, show, check: every message checked
. "${HF_SRCDIR:?}/tests/lib/common.sh" first-hour
export HANDOFF_NOW=2026-11-25T10:00:00Z
pod=$t/pod
cfg=$XDG_CONFIG_HOME/handoff/config
commit() { "$git" -C "$pod" -c user.name=Ana -c user.email=ana@example.org commit -q -am "$1"; }

# 1. init with no configuration writes one and says what to do next
"$bin" init "$pod" >"$t/out" 2>&1
check "init exits 0" test $? -eq 0 || cat "$t/out"
check "init says it wrote the configuration" grep -qxF "Wrote the configuration $cfg:" "$t/out"
check "the configuration's source is the new pod" grep -qxF "	url = $pod" "$cfg"
check "init says what comes next" grep -qF "check them with" "$t/out"
check "init points at the installed reference" grep -qF "'handoff help pod' says what each holds" "$t/out"

# 2. sync reads it without a word; status shows the example model
"$bin" sync >"$t/out" 2>&1
check "the first sync exits 0" test $? -eq 0 || cat "$t/out"
check "the first sync has no problem to report" test ! -s "$t/out" || cat "$t/out"
"$bin" status >"$t/out" 2>&1
check "status lists the example model" grep -q '^  example-model ' "$t/out"
check "status says the pod source synced" grep -qxF "  pod: ok, just now" "$t/out"

# 3. two mistakes: a missing ':' in the contract, a state that is not one
sed -i 's/"owners": {"research": "alice", "engineering": "bob"},/&\n  "slos" [],/' "$pod/models/example-model/contract.json"
sed -i 's/"state": "done"/"state": "yes"/' "$pod/models/example-model/readiness.json"
(cd "$pod" && "$bin" lint) >"$t/out" 2>&1
check "lint exits 1 on errors" test $? -eq 1
check "lint: the contract's line and column" grep -qxF "models/example-model/contract.json:3:10: error: not valid JSON: ':' expected near '['" "$t/out" || cat "$t/out"
check "lint: the readiness state, its path, line and column" grep -qxF "models/example-model/readiness.json:2:40: error: items.data.sources.state: state 'yes' must be done, waived or todo" "$t/out" || cat "$t/out"
check "lint: a summary" grep -qxF ".: 6 pod files checked: 2 errors, 0 warnings" "$t/out"
commit "Our first edits"
"$bin" sync >"$t/out" 2>&1
check "sync exits 1 when pod files have errors" test $? -eq 1
check "sync: the same contract line as lint" grep -qxF "pod: models/example-model/contract.json:3:10: error: not valid JSON: ':' expected near '['" "$t/out" || cat "$t/out"
check "sync: the same readiness line as lint" grep -qxF "pod: models/example-model/readiness.json:2:40: error: items.data.sources.state: state 'yes' must be done, waived or todo" "$t/out"
check "sync: the count and where to read more" grep -qxF "handoff: 2 errors in pod files: those files or names are skipped (see 'handoff help pod'; 'handoff lint' checks a work tree before you commit)" "$t/out"
"$bin" show example-model >"$t/out" 2>&1
check "show says the contract is invalid and why" grep -qxF "contract: invalid: not valid JSON: ':' expected near '['" "$t/out" || cat "$t/out"

# 4. fixed: lint and sync are clean, show and check answer
sed -i '/^  "slos" \[\],$/d' "$pod/models/example-model/contract.json"
sed -i 's/"state": "yes"/"state": "done"/' "$pod/models/example-model/readiness.json"
(cd "$pod" && "$bin" lint) >"$t/out" 2>&1
check "lint exits 0 once fixed" test $? -eq 0 || cat "$t/out"
check "lint: no errors" grep -qxF ".: 6 pod files checked: 0 errors, 0 warnings" "$t/out"
commit "Fix the contract and the state"
"$bin" sync >"$t/out" 2>&1
check "sync exits 0 once fixed" test $? -eq 0 || cat "$t/out"
"$bin" show example-model >"$t/out" 2>&1
check "show exits 0" test $? -eq 0
check "show: the contract is valid" grep -qxF "contract: valid" "$t/out" || cat "$t/out"
check "show: the owners" grep -qxF "owners: alice → bob (research → engineering)" "$t/out"
"$bin" check example-model >"$t/out" 2>&1
check "check exits 1: not ready" test $? -eq 1
check "check: the verdict line" grep -q '^example-model: NOT READY (stage contract, 3/19 required items' "$t/out" || cat "$t/out"
check "check: the first blocker is the next move" grep -q '^  card.complete  *model card has 9 empty sections  *alice (research)$' "$t/out"
# status and check name the same first blocker (one rule)
"$bin" status >"$t/status"
check "status names check's first blocker" grep -q 'example-model .*blocked: model card has 9 empty sect' "$t/status" || cat "$t/status"
"$bin" check nosuch >"$t/out" 2>&1
check "an unknown model exits 2" test $? -eq 2
check "an unknown model lists the pod's models" grep -qF "example-model" "$t/out" || cat "$t/out"
exit $fail
