#!/usr/bin/env python3
"""tui_gen.py: write a pod repository with N models (contract + readiness each) for bench/tui-bench.sh."""
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tui_gen.py DIR N")
    root, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(root, exist_ok=True)
    members = [
        {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "Europe/Madrid"},
        {"handle": "li", "name": "Li Wei", "role": "research", "timezone": "Asia/Shanghai"},
        {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "Asia/Kolkata"},
        {"handle": "sam", "name": "Sam Okafor", "role": "engineering", "timezone": "America/New_York"},
    ]
    with open(os.path.join(root, "pod.json"), "w") as f:
        json.dump({"name": "bench-pod", "members": members}, f)
    states = ["done", "todo", "done", "waived"]
    for i in range(n):
        name = "model-%05d" % i
        d = os.path.join(root, "models", name)
        os.makedirs(d, exist_ok=True)
        contract = {
            "registry": {"source": "registry", "name": name, "candidate": "challenger"},
            "owners": {"research": members[i % 2]["handle"], "engineering": members[2 + i % 2]["handle"]},
            "inputs": [{"name": "x", "dtype": "float32", "shape": [16]}],
            "outputs": [{"name": "score", "dtype": "float32", "range": [0, 1]}],
            "slos": [{"metric": "latency_p99_ms", "op": "<=", "target": 50},
                     {"metric": "auc", "op": ">=", "target": 0.9}],
        }
        with open(os.path.join(d, "contract.json"), "w") as f:
            json.dump(contract, f)
        items = {}
        for k, item in enumerate(["data.sources", "repro.training", "repro.validated", "eval.slices"]):
            st = states[(i + k) % 4]
            entry = {"state": st, "by": members[k % 4]["handle"], "at": "2026-11-%02d" % (1 + k)}
            if st == "waived":
                entry["reason"] = "not needed for this model"
            elif st == "done":
                entry["evidence"] = "https://ci.example/run/%d" % (i * 10 + k)
            items[item] = entry
        with open(os.path.join(d, "readiness.json"), "w") as f:
            json.dump({"checklist": "default", "items": items}, f)


if __name__ == "__main__":
    main()
