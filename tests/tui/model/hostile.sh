# hostile.sh: a registry description full of escape sequences is drawn as inert placeholders
. "$HF_SRCDIR/tests/tui/lib.sh"

# the shipped files with a registry of our own for the demo to load
share=$HF_TUI_DIR/share
mkdir -p "$share/data/demo/registry"
cp -r "$HF_SRCDIR/themes" "$share/themes"
cp -r "$HF_SRCDIR/data/checklists" "$share/data/checklists"
cp -r "$HF_SRCDIR/data/demo/pod" "$share/data/demo/pod"
cat >"$share/data/demo/registry/registered-models-search.json" <<'JSON'
{"registered_models": [{"name": "fraud-detector",
  "description": "Fraud \u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 score\u009b1m end",
  "creation_timestamp": 1763000000000, "last_updated_timestamp": 1763000000000,
  "aliases": [{"alias": "challenger", "version": "7"}]}]}
JSON
cat >"$share/data/demo/registry/model-versions-search.json" <<'JSON'
{"model_versions": [{"name": "fraud-detector", "version": "7", "current_stage": "Staging",
  "status": "READY", "creation_timestamp": 1763000000000, "last_updated_timestamp": 1763000000000,
  "description": "v7 \u001b[2J\u001b[H wiped"}]}
JSON
export HANDOFF_DATADIR=$share

hf_tui_start 120 30 --demo
hf_tui_wait_text "demo-pod"
title=$(hf_tui__tmux display -p '#{pane_title}')
hf_tui_keys /
hf_tui_type fraud
hf_tui_keys Enter Enter
hf_tui_wait_text "DESCRIPTION"
hf_tui_assert_has "Fraud ␛[31mRED␛[0m ␛]0;pwned␇ score�1m end"
hf_tui_assert_has "v7 ␛[2J␛[H wiped"
hf_tui_assert_has "VERSIONS"
row=$(hf_tui_capture_attrs | grep -F 'pwned')
# once tmux's own colour codes are taken out, no ESC is left in the row
rest=$(printf '%s' "$row" | sed -e $'s/\e\\[[0-9;:]*m//g')
case "$rest" in
*$'\e'*) fail "a raw ESC reached the terminal: $(printf '%q' "$rest")" ;;
esac
[ "$(hf_tui__tmux display -p '#{pane_title}')" = "$title" ] || fail "the description changed the title"
hf_tui_pass
