# tests/lib/live_pod.sh: the live-SLO tests' world (sourced): a pod repository, its registry on the replay server, and a real Prometheus with a week of history
# Needs T (live_pod_tui sets it), HF_SRCDIR and a fail function; sources replay.sh and prom.sh. Call live_pod_stop from the EXIT trap.
#| live_pod_setup [--auth]  build it all and write $T/config.ini: [source "prom"] (prometheus at
#|                          $PROM_URL, timeout 2), [source "pod"] (git, $T/pod), [source
#|                          "registry"] (mlflow, the replay server); --auth: Prometheus asks for
#|                          basic auth (the test gives it through ~/.netrc)
#| live_pod_tui [--auth]    for a TUI test (after tests/tui/lib.sh): the same in the test's
#|                          directory, the configuration where the TUI looks for it
#| live_pod_sync [NOW]      `handoff sync` from the command line into that TUI's database at
#|                          NOW (default PROM_NOW_ISO)
#| live_pod_config URL [LINE...]  write $T/config.ini with the prom source at URL, each LINE
#|                          (`ca-file = ...`) a further key of it
#| live_pod_commit MSG      commit every change under $T/pod
#| live_pod_stop            stop the servers
# The pod "live-pod": members ana (research), raj and sam (engineering); a rotation "serving"
# (raj, sam) covering every model; SLOs latency_p99_ms <= 50 and throughput_rps >= 800 checked
# live through pod.json's templates (svc_*{model="{model}"}, 7d window). Models, all in production
# (every required item done: they pass `check`) unless said:
#   fraud-detector   met live all week
#   ranker           latency over 50 for the last 12% of the week: missed now
#   recommender      throughput >= 400; latency NaN now (its exporter broke)
#   churn-predictor  no live data at all
#   doc-classifier   still in hand-off (a validation item open): no live mark though it has live SLOs
# Offline, every candidate (alias champion) meets its SLOs.
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}
. "$HF_SRCDIR/tests/lib/replay.sh"
. "$HF_SRCDIR/tests/lib/prom.sh"

LIVE_MODELS="churn-predictor doc-classifier fraud-detector ranker recommender"

live_pod_stop() {
	prom_proxy_stop
	prom_stop
	replay_stop
}

live_pod_registry() {
	"$PYTHON3" - "$T/fix" $LIVE_MODELS <<'PY'
import json, os, sys
d, names = sys.argv[1], sys.argv[2:]
os.makedirs(d)
open(os.path.join(d, "MANIFEST.tsv"), "w").write("file\tmethod\trequest\trequest_body\thttp_status\tcontent_type\n")
t0 = 1793000000000
models, versions = [], []
for i, name in enumerate(names):
    t = t0 + i * 10000
    run = "%032x" % (i + 1)
    models.append({"name": name, "creation_timestamp": t, "last_updated_timestamp": t + 500,
                   "aliases": [{"alias": "champion", "version": "3"}]})
    versions.append({"name": name, "version": "3", "creation_timestamp": t + 300,
                     "last_updated_timestamp": t + 300, "current_stage": "Production",
                     "source": "mlflow-artifacts:/1/%s/artifacts/model" % run,
                     "run_id": run, "status": "READY", "run_link": ""})
    metrics = {"latency_p99_ms": 31.5 + i, "throughput_rps": 1100.0 + 10 * i}
    json.dump({"run": {"info": {"run_uuid": run, "run_id": run, "experiment_id": "1",
                                "status": "FINISHED", "start_time": t, "end_time": t + 100,
                                "lifecycle_stage": "active"},
                       "data": {"metrics": [{"key": k, "value": v, "timestamp": t + 50, "step": 1}
                                            for k, v in metrics.items()]}}},
              open(os.path.join(d, "runs-get.%s.json" % run), "w"))
for prefix, key, items in (("registered-models-search", "registered_models", models),
                           ("model-versions-search", "model_versions", versions)):
    json.dump({key: items}, open(os.path.join(d, prefix + ".page1.json"), "w"))
    for p in ("page2", "page3"):
        json.dump({}, open(os.path.join(d, "%s.%s.json" % (prefix, p)), "w"))
PY
}

live_pod_files() {
	local P=$T/pod m d it sep open
	local manual="data.sources repro.training repro.validated data.validation eval.slices infer.optimised load.tested serving.contract canary.plan rollback.plan monitor.alerts monitor.quality retrain.pipeline"
	mkdir -p "$P/models" "$P/oncall"
	cat >"$P/pod.json" <<'JSON'
{ "name": "live-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"},
               {"handle": "sam", "name": "Sam Okafor", "role": "engineering", "timezone": "America/New_York"} ],
  "evaluation": {"suite": "https://git.example/eval", "metrics": ["latency_p99_ms", "throughput_rps"]},
  "live": {"window": "7d",
           "queries": {"latency_p99_ms": "svc_latency_p99_ms{model=\"{model}\"}",
                       "throughput_rps": "svc_throughput_rps{model=\"{model}\"}"}} }
JSON
	cat >"$P/oncall/serving.json" <<JSON
{ "name": "serving", "timezone": "Europe/Berlin", "start": "2026-10-19", "shift": "1w",
  "handoff": "mon 09:00", "members": ["raj", "sam"],
  "covers": [$(printf '"%s", ' $LIVE_MODELS | sed 's/, $//')] }
JSON
	for m in $LIVE_MODELS; do
		d=$P/models/$m
		mkdir -p "$d"
		local thr=800
		[ "$m" = recommender ] && thr=400
		cat >"$d/contract.json" <<JSON
{ "registry": {"source": "registry", "candidate": "champion"},
  "owners": {"research": "ana", "engineering": "raj"},
  "slos": [ {"metric": "latency_p99_ms", "op": "<=", "target": 50},
            {"metric": "throughput_rps", "op": ">=", "target": $thr} ] }
JSON
		open=
		[ "$m" = doc-classifier ] && open=eval.slices
		sep=
		{
			printf '{ "checklist": "default", "items": {\n'
			for it in $manual; do
				[ "$it" = "$open" ] && continue
				printf '%s  "%s": {"state": "done", "by": "raj", "at": "2026-10-20", "evidence": "https://ci.example/%s"}' \
					"$sep" "$it" "$it"
				sep=$',\n'
			done
			printf '\n} }\n'
		} >"$d/readiness.json"
		cat >"$d/MODEL_CARD.md" <<'MD'
# Model card

## Model Details
A gradient-boosted model.

## Intended Use
Scoring requests.

## Factors
Region.

## Metrics
p99 latency and throughput.

## Evaluation Data
A held-out week.

## Training Data
A year of logs.

## Quantitative Analyses
All slices within 1%.

## Ethical Considerations
No personal attributes.

## Caveats and Recommendations
Retrain monthly.
MD
	done
	"$GIT" -C "$P" init -q -b main
	live_pod_commit "The live pod"
}

live_pod_commit() {
	"$GIT" -C "$T/pod" add -A
	"$GIT" -C "$T/pod" -c user.name="Ana Ruiz" -c user.email=ana@pod.example commit -q -m "$1"
}

# prom first: a sync of all runs it after the sources whose contracts it reads, whatever the order
live_pod_config() {
	local url=$1
	shift
	{
		printf '[source "prom"]\n\ttype = prometheus\n\turl = %s\n\ttimeout = 2\n' "$url"
		[ $# -eq 0 ] || printf '\t%s\n' "$@"
		printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n' \
			"$T/pod" "$URL"
	} >"$T/config.ini"
}

live_pod_setup() {
	live_pod_registry
	replay_start "$T/fix"
	live_pod_files
	prom_data
	prom_start "$@"
	live_pod_config "$PROM_URL"
}

live_pod_tui() {
	T=$HF_TUI_DIR
	trap 'live_pod_stop; hf_tui__cleanup' EXIT
	export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
	live_pod_setup "$@"
	mkdir -p "$T/config/handoff"
	cp "$T/config.ini" "$T/config/handoff/config"
	HF_TUI_NOW=$PROM_NOW_ISO
}

live_pod_sync() {
	HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache \
		HANDOFF_DB=$T/handoff.db HANDOFF_NOW=${1:-$PROM_NOW_ISO} LC_ALL=C.UTF-8 TZ=UTC \
		"$HANDOFF_BIN" sync >"$T/sync.out" 2>&1 || { cat "$T/sync.out"; fail "sync failed"; }
}
