# tests/integ/readiness_e2e.sh: readiness end to end: a pod repository synced from git, a registry on the replay server, `handoff check/models/show/status` exit codes and JSON
set -euo pipefail

: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}

. "$HF_SRCDIR/tests/lib/hermetic.sh" ready
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
# js EXPR < JSON: print a Python expression over the document d
js() {
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# --- the registry: four models, their versions and run metrics, served by the replay server
. "$HF_SRCDIR/tests/lib/e2e_pod.sh"
e2e_registry "$T/fix"
replay_start "$T/fix"

# --- the pod repository, made with the git CLI
P=$T/work
e2e_pod "$P"

printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n' \
	"$P" "$URL" >"$T/config.ini"
set +e
err=$(hf check ready-model 2>&1); rc=$?
set -e
assert_eq "check before any sync exit" 2 "$rc"
assert_contains "check before any sync" "$err" "nothing synced yet: run 'handoff sync'"
out=$(hf sync 2>&1) || fail "sync failed: $out"
st=$(hf status --json)
assert_eq "no errors after sync" "[]" "$(echo "$st" | js 'd["errors"]')"

# --- the gate: exit codes
set +e
hf check ready-model >"$T/out" 2>&1; rc=$?
set -e
assert_eq "ready model exit" 0 "$rc"
assert_contains "ready model text" "$(cat "$T/out")" "ready-model: READY"

set +e
hf check one-missing >"$T/out" 2>&1; rc=$?
set -e
assert_eq "one missing item exit" 1 "$rc"
assert_contains "one missing blocker" "$(cat "$T/out")" "rollback.plan"
assert_contains "one missing owner" "$(cat "$T/out")" "raj (engineering)"

set +e
json=$(hf check slo-missed --json); rc=$?
set -e
assert_eq "missed SLO exit" 1 "$rc"
assert_eq "missed SLO json" "False slo-missed 7 challenger" \
	"$(echo "$json" | js 'd["ready"], d["model"], d["candidate"]["version"], d["candidate"]["alias"]' | tr -d "(),'")"
assert_eq "missed SLO verdict" "latency_p99_ms <= 50.0 62.0 missed" \
	"$(echo "$json" | js '" ".join(str(x) for x in (lambda s: (s["metric"], s["op"], s["target"], s["value"], s["result"]))(d["slos"][0]))')"
assert_eq "missed SLO blocker" "slo:latency_p99_ms raj engineering latency_p99_ms 62 > 50" \
	"$(echo "$json" | js '" ".join(d["blockers"][0][k] for k in ("item", "owner", "role", "reason"))')"
assert_eq "only that blocker" 1 "$(echo "$json" | js 'len(d["blockers"])')"
assert_eq "schema" 1 "$(echo "$json" | js 'd["schema"]')"

# an older version that meets the SLOs passes the gate; an unknown alias is an error
set +e
hf check slo-missed --version 1 >/dev/null 2>&1; rc=$?
set -e
assert_eq "older version exit" 0 "$rc"
set +e
err=$(hf check slo-missed --alias nope 2>&1 >/dev/null); rc=$?
set -e
assert_eq "unknown alias exit" 2 "$rc"
assert_contains "unknown alias message" "$err" "no alias 'nope'"

set +e
json=$(hf check unknown-metric --json); rc=$?
set -e
assert_eq "unknown metric exit" 1 "$rc"
assert_eq "unknown metric verdicts" "met unknown" "$(echo "$json" | js '" ".join(s["result"] for s in d["slos"])')"
assert_eq "unknown metric value" "None" "$(echo "$json" | js 'd["slos"][1]["value"]')"
assert_eq "unknown metric blocker" "slo:throughput_rps throughput_rps not measured on v2" \
	"$(echo "$json" | js 'd["blockers"][0]["item"] + " " + d["blockers"][0]["reason"]')"

set +e
err=$(hf check redy-model 2>&1); rc=$?
json=$(hf check redy-model --json 2>/dev/null)
set -e
assert_eq "unknown model exit" 2 "$rc"
assert_contains "unknown model suggestion" "$err" "unknown model 'redy-model'; did you mean 'ready-model'?"
assert_eq "unknown model json" "ready-model" "$(echo "$json" | js 'd["suggestions"][0]')"

# --- models and show
json=$(hf models --json)
assert_eq "models" "one-missing ready-model slo-missed unknown-metric" \
	"$(echo "$json" | js '" ".join(m["name"] for m in d["models"])')"
assert_eq "ready counts" "18/19 19/19 18/19 18/19" \
	"$(echo "$json" | js '" ".join("%d/%d" % (m["ready"], m["required"]) for m in d["models"])')"
assert_eq "stages" "optimisation monitoring optimisation optimisation" \
	"$(echo "$json" | js '" ".join(m["stage"] for m in d["models"])')"
assert_eq "slo summary of slo-missed" "1 1 0" \
	"$(echo "$json" | js '" ".join(str(d["models"][2]["slo"][k]) for k in ("met", "missed", "unknown"))')"
assert_eq "owners" "ana raj" "$(echo "$json" | js 'd["models"][0]["owners"]["research"] + " " + d["models"][0]["owners"]["engineering"]')"
text=$(hf models)
assert_contains "models text" "$text" "slo-missed"
assert_contains "models text blocking" "$text" "latency_p99_ms 62 > 50"

json=$(hf show ready-model --json)
assert_eq "show card" "[] []" "$(echo "$json" | js 'str(d["card"]["missing"]) + " " + str(d["card"]["empty"])')"
assert_eq "show ready" "True" "$(echo "$json" | js 'd["ready"]')"
assert_eq "show versions" "2:champion:True 1::False" \
	"$(echo "$json" | js '" ".join("%s:%s:%s" % (v["version"], ",".join(v["aliases"]), v["candidate"]) for v in d["versions"])')"
assert_eq "show item" "done raj https://ci.example/rollback.plan" \
	"$(echo "$json" | js '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"] == "rollback.plan" for k in ("state", "by", "evidence"))')"
assert_eq "show auto item" "done eval-metrics" \
	"$(echo "$json" | js '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"] == "eval.logged" for k in ("state", "auto"))')"
assert_contains "show activity" "$(echo "$json" | js 'd["activity"]')" "Four models for the e2e"

# a card that lost two sections and left one empty: show names them canonically, check blocks on it
sed -i '/^## Factors/,/^Region/d; /^## Ethics/,/^No personal/d; s/^A year of logs\.$/TODO/' "$P/models/ready-model/MODEL_CARD.md"
"$GIT" -C "$P" -c user.name="Li Wei" -c user.email=li@pod.example commit -q -am "Trim the card"
hf sync >/dev/null 2>&1 || fail "second sync failed"
json=$(hf show ready-model --json)
assert_eq "card missing" "factors,ethical considerations" "$(echo "$json" | js '",".join(d["card"]["missing"])')"
assert_eq "card empty" "training data" "$(echo "$json" | js '",".join(d["card"]["empty"])')"
set +e
json=$(hf check ready-model --json); rc=$?
set -e
assert_eq "trimmed card exit" 1 "$rc"
assert_eq "trimmed card blocker" "card.complete ana research" \
	"$(echo "$json" | js '" ".join(d["blockers"][0][k] for k in ("item", "owner", "role"))')"

# numbers by one rule, the TUI's (docs/readiness.md, "Numbers"): the score as a percent with the category
# that limits it, an SLO's target and value with the decimals either needs (0.90 beside 0.93, not 0.9)
set +e
out=$(hf check slo-missed)
set -e
assert_contains "check: auc target and value alike" "$out" "  auc >= 0.90: met (0.93)"
assert_contains "check: whole numbers stay whole" "$out" "  latency_p99_ms <= 50: missed (62)"
echo "$out" | grep -Eq '^slo-missed: NOT READY \(stage [a-z-]+, [0-9]+/[0-9]+ required items, evidence [0-9]+% \(weakest: [a-z]+\), candidate v7 challenger\)$' ||
	fail "check does not write the score as a percent with its weakest category: $out"
out=$(hf show slo-missed)
assert_contains "show: auc target and value alike" "$out" "  auc >= 0.90: met (0.93)"
echo "$out" | grep -Eq '^slo-missed  [^ ]+ [a-z-]+  [0-9]+/[0-9]+ required, evidence [0-9]+% \(weakest: [a-z]+\)  NOT READY$' ||
	fail "show does not write the score as a percent: $out"
echo "$out" | grep -Eq '^evidence by category: process [0-9]+%, ' || fail "show does not write category scores as percents"
case "$out" in *"score 0."*) fail "show still writes a score as 0.xx" ;; esac
assert_eq "JSON keeps the score 0..1" True "$(hf show slo-missed --json | js '0 <= d["score"] <= 1')"

# status: per-model stage and the pod's blocked items
st=$(hf status --json)
assert_eq "status models" 4 "$(echo "$st" | js 'len(d["models"])')"
assert_contains "status blocked" "$(echo "$st" | js '[b["model"] + ":" + b["item"] for b in d["blocked"]]')" "one-missing:rollback.plan"
# hostile text from a pod file reaches the terminal inert
sed -i 's|https://ci.example/data.sources|https://ci.example/\\u001b[31mred\\u0007|' "$P/models/one-missing/readiness.json"
"$GIT" -C "$P" -c user.name="Li Wei" -c user.email=li@pod.example commit -q -am "Evidence with escapes"
hf sync >/dev/null 2>&1 || fail "third sync failed"
out=$(hf show one-missing)
assert_contains "hostile evidence shown" "$out" "[31mred"
case "$out" in *$'\e'*|*$'\a'*) fail "show printed a raw control character" ;; esac
assert_eq "hostile evidence in JSON" "https://ci.example/\x1b[31mred\x07" \
	"$(hf show one-missing --json | js 'repr([i["evidence"] for i in d["checklist"]["items"] if i["id"] == "data.sources"][0])' | tr -d "'")"
echo "ok"
