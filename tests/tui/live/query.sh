# query.sh: a live query Prometheus refuses (a PromQL error) while the rest syncs: the status line names it and Prometheus's words, the log lists it as a problem of the contract
. "$HF_SRCDIR/tests/tui/lib.sh"
. "$HF_SRCDIR/tests/lib/live_pod.sh"
live_pod_tui
"$PYTHON3" - "$T/pod/models/ranker/contract.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["slos"][0]["live"] = {"query": "rate(svc_latency_p99_ms{model=\"ranker\"})"}
json.dump(c, open(sys.argv[1], "w"), indent=1)
PY
live_pod_commit "ranker: a rate without a range"
hf_tui_start 120 30
hf_tui__tmux send-keys r
hf_tui_wait_text "synced 3 sources; see the log (7): prom: the live query of ranker latency_p99_ms failed: bad_data: "
# the other live SLOs synced
hf_tui_row 4 | grep -q "^ fraud-detector .* ✓✓ " || fail "fraud-detector: $(hf_tui_row 4)"
hf_tui_keys 7
hf_tui_wait_text "models/ranker/contract.json"
hf_tui_capture | grep -q "slos\[0\].live.query" || fail "the log does not name the field"
hf_tui_pass
