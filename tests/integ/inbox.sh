# inbox.sh: `handoff inbox` across syncs for two users of one database: pod commits and registry changes give exactly the expected lines, marking read empties it
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"
GIT=${GIT:-git}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

commit() {	# commit MESSAGE: commit the pod as raj
	"$GIT" -C "$T/pod" add -A
	"$GIT" -C "$T/pod" -c user.name=raj -c user.email=raj@example.org commit -q -m "$1"
}
config() {	# config HANDLE REGISTRY-URL: a configuration of that user
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n[user]\n\thandle = %s\n' \
		"$T/pod" "$2" "$1" >"$T/$1.ini"
}
as() {	# as HANDLE ARGS...: handoff as that user, on the one database
	local who=$1
	shift
	"$HANDOFF_BIN" --config "$T/$who.ini" "$@"
}
inbox() {	# inbox HANDLE [ARGS]: the inbox lines, without the time column
	as "$@" >"$T/inbox.out" 2>"$T/err" || { cat "$T/err"; fail "inbox $*"; }
	sed -E 's/^(.) [0-9-]+ [0-9:]+  /\1 /' "$T/inbox.out"
}

mkdir -p "$T/pod/models/fraud-detector" "$T/pod/models/churn"
printf '{"name": "inbox-pod", "members": [{"handle": "ana", "role": "research"}, {"handle": "raj", "role": "engineering"}, {"handle": "li", "role": "research"}]}\n' >"$T/pod/pod.json"
printf '{"registry": {"source": "registry", "name": "fraud-detector", "candidate": "champion"},
 "owners": {"research": "ana", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.92}, {"metric": "latency_p99_ms", "op": "<=", "target": 50}]}\n' \
	>"$T/pod/models/fraud-detector/contract.json"
printf '{"registry": {"name": "churn-predictor", "candidate": "champion"}, "owners": {"research": "li", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.8}]}\n' \
	>"$T/pod/models/churn/contract.json"
"$GIT" -C "$T/pod" init -q -b main
commit pod

start_server
config ana "$URL"
config li "$URL"

# 0. the first sync: everything so far, then both mark it read; nothing new after
export HANDOFF_NOW=2026-11-30T09:00:00Z
as ana sync >/dev/null 2>"$T/err" || { cat "$T/err"; fail "first sync"; }
as ana inbox --json >"$T/first.json" || fail "first inbox"
[ "$("$PYTHON3" -c "import json,sys; print(json.load(open(sys.argv[1]))['unread'] > 0)" "$T/first.json")" = True ] ||
	fail "the first inbox is empty"
as ana inbox --mark-read >/dev/null || fail "mark read (ana)"
as li inbox --mark-read >/dev/null || fail "mark read (li)"
assert_eq "$(inbox ana inbox)" "nothing new since you last looked" "ana after marking read"
assert_eq "$(inbox li inbox)" "nothing new since you last looked" "li after marking read"

# 1. a day of changes: raj ticks items on both models; the registry gets a version and the
#    champion moves to v3 (whose latency misses the SLO)
export HANDOFF_NOW=2026-11-30T12:00:00Z
printf '{"items": {"data.sources": {"state": "done", "by": "raj", "at": "2026-11-30", "evidence": "https://x/1"},
 "repro.validated": {"state": "done", "by": "raj", "at": "2026-11-30", "evidence": "https://x/2"}}}\n' \
	>"$T/pod/models/fraud-detector/readiness.json"
printf '{"items": {"data.sources": {"state": "done", "by": "raj", "at": "2026-11-30", "evidence": "https://x/3"}}}\n' \
	>"$T/pod/models/churn/readiness.json"
commit "tick items"
run=$(q "SELECT run_id FROM reg_version WHERE model = 'fraud-detector' AND version = '1'")
mlflow POST model-versions/create "{\"name\":\"fraud-detector\",\"source\":\"s3://x\",\"run_id\":\"$run\"}" >/dev/null
mlflow POST registered-models/alias '{"name":"fraud-detector","alias":"champion","version":"3"}' >/dev/null
as li sync >/dev/null 2>"$T/err" || { cat "$T/err"; fail "second sync"; }
assert_eq "$(inbox ana inbox | sort)" "$(sort <<'END'
* fraud-detector: version 4 registered
* fraud-detector: alias champion moved from version 2 to 3
* fraud-detector: SLO latency_p99_ms <= 50: met -> missed on v3
* fraud-detector: slo.met reopened (was done)
* fraud-detector: repro.validated ticked (raj)
* fraud-detector: data.sources ticked (raj)
* fraud-detector: hand-off stage moved forward: research -> contract
END
)" "ana's inbox: her model's version, alias, verdict, items raj ticked, stage"
assert_eq "$(inbox li inbox | sort)" "$(sort <<'END'
* churn: data.sources ticked (raj)
* churn: hand-off stage moved forward: research -> contract
END
)" "li's inbox: her model only"
# raj owns both as engineer; what he ticked himself is no news to him
config raj "$URL"
assert_eq "$(inbox raj inbox --since 2026-11-30T10:00:00Z | sort)" "$(sort <<'END'
* fraud-detector: version 4 registered
* fraud-detector: alias champion moved from version 2 to 3
* fraud-detector: SLO latency_p99_ms <= 50: met -> missed on v3
* fraud-detector: slo.met reopened (was done)
* fraud-detector: hand-off stage moved forward: research -> contract
* churn: hand-off stage moved forward: research -> contract
END
)" "raj's inbox since 10:00, without his own ticks"
as ana inbox --json >"$T/ana.json" || fail "inbox --json"
assert_eq "$("$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['user'], d['seen'], d['unread'], sorted({(i['kind'], i['model']) for i in d['items']}))" "$T/ana.json")" \
	"ana 2026-11-30T09:00:00Z 7 [('alias', 'fraud-detector'), ('handoff', 'fraud-detector'), ('item', 'fraud-detector'), ('verdict', 'fraud-detector'), ('version', 'fraud-detector')]" "inbox --json"

# 2. ana marks it read: empty for her in a new process, li's stays; --since shows it again, read
export HANDOFF_NOW=2026-11-30T13:00:00Z
as ana inbox --mark-read >/dev/null || fail "mark read"
assert_eq "$(inbox ana inbox)" "nothing new since you last looked" "ana after marking read"
assert_eq "$(inbox li inbox | wc -l)" 2 "li's inbox untouched by ana's"
assert_eq "$(inbox ana inbox --since 2026-11-30T10:00:00Z | grep -c '^  fraud-detector')" 7 "--since: the same lines, read"
as li sync >/dev/null 2>&1 || fail "a sync with nothing new"
assert_eq "$(inbox ana inbox)" "nothing new since you last looked" "a sync with nothing new adds nothing"

# 3. the registry failing to sync for more than a day: the user is looking at an old view
config ana "http://127.0.0.1:1"
export HANDOFF_NOW=2026-12-01T13:00:00Z
as ana sync registry >/dev/null 2>&1 && fail "a sync of a dead registry succeeded"
assert_eq "$(inbox ana inbox)" "nothing new since you last looked" "failing for an hour: not yet"
export HANDOFF_NOW=2026-12-02T14:00:00Z
as ana sync registry >/dev/null 2>&1 && fail "a sync of a dead registry succeeded"
inbox ana inbox >"$T/stale.txt"
grep -q '^\* registry: failing to sync since 2026-12-01 13:00 UTC: you see an old view' "$T/stale.txt" ||
	fail "no stale-source line: $(cat "$T/stale.txt")"

# 4. mine: what blocks most first (a checklist item a sprint item waits on, a sprint item another
#    waits on), then the rest of the user's items, versions waiting for review, next shifts
mkdir -p "$T/pod/sprints" "$T/pod/oncall"
printf '{"id": "2026-12", "start": "2026-11-30", "end": "2026-12-11", "capacity": {"raj": 10, "li": 2},
 "items": [
  {"id": "S-2", "title": "Canary the challenger", "kind": "engineering", "owner": "li", "model": "fraud-detector", "points": 2, "status": "blocked", "blocked_by": "load.tested"},
  {"id": "S-3", "title": "Cut p99 latency below 50 ms", "kind": "engineering", "owner": "raj", "model": "fraud-detector", "points": 5, "status": "doing"},
  {"id": "S-4", "title": "Ship the new features", "kind": "research", "owner": "li", "points": 1, "status": "blocked", "blocked_by": "S-3"},
  {"id": "S-5", "title": "Done already", "kind": "engineering", "owner": "raj", "points": 1, "status": "done"}]}\n' \
	>"$T/pod/sprints/2026-12.json"
printf '{"name": "ml-serving", "timezone": "Europe/Berlin", "start": "2026-11-30", "shift": "1w", "handoff": "mon 09:00",
 "members": ["raj", "li"], "covers": ["fraud-detector"]}\n' >"$T/pod/oncall/ml-serving.json"
commit "sprint and rotation"
as li sync pod >/dev/null 2>"$T/err" || { cat "$T/err"; fail "pod sync"; }
as raj mine >"$T/mine.txt" 2>"$T/err" || { cat "$T/err"; fail "mine"; }
assert_eq "$(head -n 2 "$T/mine.txt")" "item   fraud-detector load.tested: Load test at the contract's throughput and latency (not done) [blocks a sprint item]
sprint fraud-detector S-3: Cut p99 latency below 50 ms (doing) [blocks a sprint item]" "mine: what blocks a sprint item first"
assert_eq "$(tail -n 3 "$T/mine.txt")" "review fraud-detector 4: v4 registered after the candidate v3 (handoff diff fraud-detector 3 4)
shift  ml-serving: on call for ml-serving (2026-11-30 08:00 to 2026-12-07 08:00 UTC)
shift  ml-serving: on call for ml-serving (2026-12-14 08:00 to 2026-12-21 08:00 UTC)" "mine: reviews, then the next shifts"
grep -q 'slo:latency_p99_ms: SLO latency_p99_ms <= 50 (latency_p99_ms 52 > 50)' "$T/mine.txt" || fail "mine: the SLO raj owns"
grep -Eq 'S-5|eval.slices|card.complete|churn load.tested.*blocks' "$T/mine.txt" && fail "mine: a done, research or unblocking item: $(cat "$T/mine.txt")"
as ana mine --json >"$T/ana-mine.json" || fail "mine --json"
assert_eq "$("$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); k=[(i['kind'], i['model'], i['ref']) for i in d['items']]; print(d['user'], ('item', 'fraud-detector', 'eval.slices') in k, ('item', 'churn', 'eval.slices') in k, any(i[0] in ('sprint', 'shift') for i in k))" "$T/ana-mine.json")" \
	"ana True False False" "ana's own: her model's research items, not li's, no sprint item or shift"

# 5. the sprint and the rotation reach the inbox: items assigned to the user, blocked, blocking
#    one of the user's; capacity over (li: 3 points of 2); then an override puts li on call
#    tomorrow in raj's place: li's inbox has the override and her shift within 48 hours,
#    raj's the override taking his shift
assert_eq "$(inbox li inbox | grep -E '^\* [^ ]+: sprint ' | sort)" "$(sort <<'END'
* fraud-detector: sprint 2026-12: S-2 assigned to li: Canary the challenger
* fraud-detector: sprint 2026-12: S-2 is blocked by load.tested: Canary the challenger
* S-4: sprint 2026-12: S-4 assigned to li: Ship the new features
* S-4: sprint 2026-12: S-4 is blocked by S-3: Ship the new features
* 2026-12: sprint 2026-12: li over capacity, 3 points committed of 2
END
)" "li's inbox: her sprint items, blocked, and her capacity"
assert_eq "$(inbox raj inbox | grep -E 'sprint 2026-12' | sort)" "$(sort <<'END'
* fraud-detector: sprint 2026-12: S-3 assigned to raj: Cut p99 latency below 50 ms
* fraud-detector: sprint 2026-12: S-4 (li) waits on S-3: Cut p99 latency below 50 ms
END
)" "raj's inbox: his item, and li's item waiting on it"
as li inbox --mark-read >/dev/null && as raj inbox --mark-read >/dev/null || fail "mark read"
sed -i 's/"covers"/"overrides": [{"who": "li", "from": "2026-12-03T09:00", "to": "2026-12-04T09:00", "reason": "raj at a conference"}],\n "covers"/' \
	"$T/pod/oncall/ml-serving.json"
commit "li takes a day of raj's shift"
as li sync pod >/dev/null 2>"$T/err" || { cat "$T/err"; fail "pod sync (override)"; }
assert_eq "$(inbox li inbox | grep -v '^\* registry: failing')" "* ml-serving: li on call for ml-serving by override, 2026-12-03 08:00 to 2026-12-04 08:00 UTC: raj at a conference
* ml-serving: you are on call for ml-serving from 2026-12-03 08:00 to 2026-12-04 08:00 UTC: raj at a conference" \
	"li's inbox: the override adding her and her shift within 48 hours"
assert_eq "$(inbox raj inbox | grep -v '^\* registry: failing')" "* ml-serving: li takes raj's ml-serving shift by override, 2026-12-03 08:00 to 2026-12-04 08:00 UTC: raj at a conference
* ml-serving: you are on call for ml-serving from 2026-12-04 08:00 to 2026-12-07 08:00 UTC" \
	"raj's inbox: the override taking his shift, and his shift resuming within 48 hours"
as li inbox --mark-read >/dev/null || fail "mark read (li)"
assert_eq "$(inbox li inbox | grep -v '^\* registry: failing')" "" "the shift is read once seen"
as li inbox --since 2026-12-02T00:00:00Z --json >"$T/li.json" || fail "inbox --json (li)"
assert_eq "$("$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); print(sorted((i['kind'], i['model'], i['ref'], i['at']) for i in d['items'] if i['kind'] in ('shift', 'override')))" "$T/li.json")" \
	"[('override', None, 'ml-serving', '2026-12-02T14:00:00Z'), ('shift', None, 'ml-serving', '2026-12-03T08:00:00Z')]" \
	"inbox --json: the override and the shift, about no model, at the override and the shift's start"
echo ok
