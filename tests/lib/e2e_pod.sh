# tests/lib/e2e_pod.sh: a pod repository and a registry that fit together (four models, their contracts, checklists, cards, versions and run metrics), for the end-to-end tests
# Source it after setting T, PYTHON3, GIT and defining fail; then: e2e_registry DIR (captures for the replay server) and e2e_pod DIR (a git repository).

e2e_registry() {
	"$PYTHON3" - "$1" <<'PY'
import json, os, sys
d = sys.argv[1]
os.makedirs(d)
open(os.path.join(d, "MANIFEST.tsv"), "w").write("file\tmethod\trequest\trequest_body\thttp_status\tcontent_type\n")
t0 = 1795945200000
models, versions = [], []
spec = {
    # model: [(version, alias, stage, metrics)]
    "ready-model":    [("1", None, "Archived", {"auc": 0.80, "latency_p99_ms": 70}),
                       ("2", "champion", "Production", {"auc": 0.95, "latency_p99_ms": 20})],
    "one-missing":    [("3", "champion", "Production", {"auc": 0.94, "latency_p99_ms": 30})],
    "slo-missed":     [("1", None, "Archived", {"auc": 0.92, "latency_p99_ms": 45}),
                       ("7", "challenger", "Staging", {"auc": 0.93, "latency_p99_ms": 62})],
    "unknown-metric": [("2", "champion", "Production", {"auc": 0.91, "latency_p99_ms": 25})],
}
for i, (name, vs) in enumerate(sorted(spec.items())):
    t = t0 + i * 10000
    aliases = [{"alias": a, "version": v} for v, a, _, _ in vs if a]
    models.append({"name": name, "creation_timestamp": t, "last_updated_timestamp": t + 500,
                   "aliases": aliases})
    for v, a, stage, metrics in vs:
        run = "%032x" % (i * 100 + int(v))
        vt = t + int(v) * 100
        versions.append({"name": name, "version": v, "creation_timestamp": vt,
                         "last_updated_timestamp": vt, "current_stage": stage,
                         "source": "mlflow-artifacts:/1/%s/artifacts/model" % run,
                         "run_id": run, "status": "READY", "run_link": ""})
        json.dump({"run": {"info": {"run_uuid": run, "run_id": run, "experiment_id": "1",
                                    "status": "FINISHED", "start_time": vt - 50, "end_time": vt - 10,
                                    "lifecycle_stage": "active"},
                           "data": {"metrics": [{"key": k, "value": float(x), "timestamp": vt - 20, "step": 1}
                                                for k, x in metrics.items()]}}},
                  open(os.path.join(d, "runs-get.%s.json" % run), "w"))
pages = {"registered-models-search": ("registered_models", models), "model-versions-search": ("model_versions", versions)}
for prefix, (key, items) in pages.items():
    json.dump({key: items}, open(os.path.join(d, prefix + ".page1.json"), "w"))
    for p in ("page2", "page3"):
        json.dump({}, open(os.path.join(d, "%s.%s.json" % (prefix, p)), "w"))
PY
}

# e2e_pod DIR: the pod repository (pod.json, a rotation, four models), one commit
e2e_pod() {
local P=$1
mkdir -p "$P/models" "$P/oncall"
cat >"$P/pod.json" <<'JSON'
{ "name": "e2e-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"},
               {"handle": "sam", "name": "Sam Okafor", "role": "engineering", "timezone": "America/New_York"} ],
  "evaluation": {"suite": "https://git.example/eval", "metrics": ["auc", "latency_p99_ms"]} }
JSON
cat >"$P/oncall/serving.json" <<'JSON'
{ "name": "serving", "timezone": "Europe/Berlin", "start": "2026-10-19", "shift": "1w",
  "handoff": "mon 09:00", "members": ["raj", "sam"],
  "covers": ["ready-model", "one-missing", "slo-missed", "unknown-metric"] }
JSON
manual="data.sources repro.training repro.validated data.validation eval.slices infer.optimised load.tested serving.contract canary.plan rollback.plan monitor.alerts monitor.quality retrain.pipeline"
# model NAME CANDIDATE SLOS_JSON [ITEM_LEFT_OPEN]
model() {
	local m=$1 cand=$2 slos=$3 open=${4:-} d=$P/models/$1 sep="" it
	mkdir -p "$d"
	cat >"$d/contract.json" <<JSON
{ "registry": {"source": "registry", "candidate": "$cand"},
  "owners": {"research": "ana", "engineering": "raj"},
  "inputs": [{"name": "x", "dtype": "float32", "shape": [4]}],
  "slos": $slos }
JSON
	{
		printf '{ "checklist": "default", "items": {\n'
		for it in $manual; do
			[ "$it" = "$open" ] && continue
			printf '%s  "%s": {"state": "done", "by": "raj", "at": "2026-11-0%d", "evidence": "https://ci.example/%s"}' \
				"$sep" "$it" $(( ${#it} % 9 + 1 )) "$it"
			sep=$',\n'
		done
		printf '\n} }\n'
	} >"$d/readiness.json"
	cat >"$d/MODEL_CARD.md" <<'MD'
# Model card

## 1. Model Details
A small gradient-boosted model.

## 2. Intended Uses
Scoring requests in the e2e pod.

## Factors
Region and device.

## Metrics
AUC and p99 latency.

## Evaluation data set
A held-out week.

## Training Data
A year of logs.

## Quantitative Analyses
| slice | auc |
|---|---|
| all | 0.95 |

## Ethics
No personal attributes.

## Caveats
Retrain monthly.
MD
}
std='[{"metric": "latency_p99_ms", "op": "<=", "target": 50}, {"metric": "auc", "op": ">=", "target": 0.9}]'
model ready-model champion "$std"
model one-missing champion "$std" rollback.plan
model slo-missed challenger "$std"
model unknown-metric champion '[{"metric": "latency_p99_ms", "op": "<=", "target": 50}, {"metric": "throughput_rps", "op": ">=", "target": 800}]'
"$GIT" -C "$P" init -q -b main
"$GIT" -C "$P" add -A
"$GIT" -C "$P" -c user.name="Ana Ruiz" -c user.email=ana@pod.example commit -q -m "Four models for the e2e"
}
