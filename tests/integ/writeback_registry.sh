# writeback_registry.sh: registry writes through the outbox: promote behind the readiness gate, forced on the record, tags, alias delete, a 403 quoted, a down server retried
. "$HF_SRCDIR/tests/lib/gitd.sh"
export HANDOFF_NOW=2026-11-30T10:00:00Z
. "$HF_SRCDIR/tests/lib/replay.sh"
. "$HF_SRCDIR/tests/lib/e2e_pod.sh"
trap 'replay_stop; hf_cleanup' EXIT

e2e_registry "$T/fix"
replay_start "$T/fix"
e2e_pod "$T/work"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n[user]\n\thandle = ana\n' \
	"$T/work" "$URL" >"$XDG_CONFIG_HOME/handoff/config"
hf() { "$HANDOFF_BIN" "$@"; }
calls() { ctl /__stats | "$PYTHON3" -c 'import json,sys; s=json.load(sys.stdin)["requests"]; print(s.get("/api/2.0/mlflow/registered-models/alias", 0), s.get("/api/2.0/mlflow/model-versions/set-tag", 0))'; }
aliases() { sql "SELECT group_concat(alias || '=' || version, ' ') FROM (SELECT * FROM reg_alias WHERE model = '$1' ORDER BY alias)"; }
hf sync >/dev/null 2>&1 || fail "sync"

# a version that passes the gate: the alias moves, an activity event names who
out=$(hf promote ready-model 2 --alias prod) || fail "promote: $out"
assert_contains "promoted" "$out" "landed on registry: POST registered-models/alias"
hf sync registry >/dev/null 2>&1 || fail "sync after promote"
assert_eq "alias moved" "champion=2 prod=2" "$(aliases ready-model)"
assert_eq "activity" "promote|ana|ready-model: promote version 2 to prod" \
	"$(sql "SELECT kind || '|' || actor || '|' || summary FROM activity WHERE kind = 'promote'")"

# not ready: refused before any call, saying what blocks
before=$(calls)
rc=0; out=$(hf promote slo-missed 7) || rc=$?
assert_eq "gate refuses: exit 1" 1 "$rc"
assert_contains "says why" "$out" "version 7 of slo-missed does not pass the readiness gate"
assert_contains "names the blocker" "$out" "slo:latency_p99_ms: latency_p99_ms 62 > 50"
assert_eq "no registry call" "$before" "$(calls)"
rc=0; err=$(hf promote slo-missed 7 --force 2>&1) || rc=$?
assert_eq "force without a reason: exit 2" 2 "$rc"
assert_contains "force needs a reason" "$err" "say why with --reason TEXT"

# forced, on the record: a version tag naming who and why, then the alias; the activity says so
out=$(hf promote slo-missed 7 --force --reason "hotfix for incident 42" --json) || fail "forced promote: $out"
assert_eq "forced landed" "landed" "$(echo "$out" | pyjson 'd["state"]')"
hf sync registry >/dev/null 2>&1 || fail "sync after the forced promote"
assert_eq "champion moved" "challenger=7 champion=7" "$(aliases slo-missed)"
assert_eq "the record on the version" "champion by ana on 2026-11-30: hotfix for incident 42" \
	"$(sql "SELECT value FROM reg_version_tag WHERE model = 'slo-missed' AND version = '7' AND key = 'handoff.forced-promotion'")"
assert_eq "forced in the activity" "ana|slo-missed: promote version 7 to champion (forced: hotfix for incident 42)" \
	"$(sql "SELECT actor || '|' || summary FROM activity WHERE kind = 'promote' AND summary LIKE '%forced%'")"

# a tag and an alias deleted
hf tag ready-model 2 review=approved >/dev/null || fail "tag"
hf alias slo-missed challenger --delete >/dev/null || fail "alias delete"
hf sync registry >/dev/null 2>&1 || fail "sync after tag"
assert_eq "tag" "approved" "$(sql "SELECT value FROM reg_version_tag WHERE model = 'ready-model' AND version = '2' AND key = 'review'")"
assert_eq "alias deleted" "champion=7" "$(aliases slo-missed)"

# 403: MLflow's own message, the action kept; the next push lands it
ctl /__faults '{"kind": "body", "route": "registered-models/alias", "count": 1, "status": 403, "content_type": "application/json", "body": "{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"User ana lacks permission MANAGE on model ready-model\"}"}' >/dev/null
rc=0; out=$(hf alias ready-model staging 1) || rc=$?
assert_eq "403: exit 1" 1 "$rc"
assert_contains "refused with MLflow's words" "$out" "User ana lacks permission MANAGE on model ready-model"
assert_eq "kept, refused" "refused" "$(sql "SELECT state FROM outbox ORDER BY id DESC LIMIT 1")"
out=$(hf push) || fail "push after the 403: $out"
assert_contains "landed after" "$out" "landed"

# the server down (500s past the retries): queued, exit 0; back: push lands it
ctl /__faults '{"kind": "500", "route": "model-versions/set-tag", "count": 50}' >/dev/null
out=$(hf tag ready-model 1 note=old) || fail "tag while the server fails: $out"
assert_contains "queued" "$out" "queued (action"
assert_eq "pending in the outbox" "pending" "$(hf outbox --json | pyjson 'd["actions"][0]["state"]')"
ctl /__reset '{}' >/dev/null
out=$(hf push) || fail "push when the server is back: $out"
assert_contains "landed when back" "$out" "landed"
hf sync registry >/dev/null 2>&1
assert_eq "the late tag" "old" "$(sql "SELECT value FROM reg_version_tag WHERE model = 'ready-model' AND version = '1' AND key = 'note'")"
echo ok
