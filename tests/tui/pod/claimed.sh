# claimed.sh: a contract naming a differently named registry model makes one row, not two (pod, models, readiness)
. "$HF_SRCDIR/tests/tui/lib.sh"

# the demo with ranker registered as "ranker-prod" and its contract pointing there
share=$HF_TUI_DIR/share
mkdir -p "$share/data/demo"
cp -r "$HF_SRCDIR/themes" "$share/themes"
cp -r "$HF_SRCDIR/data/checklists" "$share/data/checklists"
cp -r "$HF_SRCDIR/data/demo/pod" "$share/data/demo/pod"
cp -r "$HF_SRCDIR/data/demo/registry" "$share/data/demo/registry"
"${PYTHON3:-python3}" - "$share/data/demo" <<'PY'
import json, os, sys
root = sys.argv[1]
def edit(path, fn):
    with open(path) as f:
        d = json.load(f)
    fn(d)
    with open(path, "w") as f:
        json.dump(d, f, indent=1)
def contract(d):
    d["registry"]["name"] = "ranker-prod"
edit(os.path.join(root, "pod/models/ranker/contract.json"), contract)
def models(d):
    for m in d["registered_models"]:
        if m["name"] == "ranker":
            m["name"] = "ranker-prod"
            for v in m.get("latest_versions", []):
                v["name"] = "ranker-prod"
edit(os.path.join(root, "registry/registered-models-search.json"), models)
def versions(d):
    for v in d["model_versions"]:
        if v["name"] == "ranker":
            v["name"] = "ranker-prod"
edit(os.path.join(root, "registry/model-versions-search.json"), versions)
PY
export HANDOFF_DATADIR=$share

hf_tui_start 100 30 --demo
hf_tui_wait_text "demo-pod"
hf_tui_assert_hasnt "ranker-prod"
[ "$(hf_tui_rows_matching ' ranker ')" = 1 ] || fail "ranker is not on exactly one row"
# the pod model got the registry's versions through its contract
hf_tui_capture | grep -q '^ ranker .* v12 champion ' || fail "ranker lacks its candidate from ranker-prod"
hf_tui_keys 2
hf_tui_assert_hasnt "ranker-prod"
hf_tui_keys 3
hf_tui_keys /
hf_tui_type ranker-prod
hf_tui_keys Enter
hf_tui_assert_hasnt "   ranker-prod "
hf_tui_pass
