#!/usr/bin/env bash
# oncall_preview.sh: `handoff oncall ROTATION --preview FILE`: an edit adding a member and moving the hand-off hour gives
# exactly the shifts that change hands and the hours before and after, in text, --json and --markdown
. "${HF_SRCDIR:?}/tests/lib/common.sh" preview
export HANDOFF_NOW=2026-11-04T00:00:00Z TZ=UTC
mkdir -p "$t/pod/oncall"
"$git" init -q -b main "$t/pod"
echo '{"name": "p", "members": [{"handle": "a", "role": "research"}, {"handle": "b", "role": "engineering"},
	{"handle": "c", "role": "engineering"}]}' >"$t/pod/pod.json"
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "handoff": "mon 09:00", "members": ["a", "b"]}' \
	>"$t/pod/oncall/serving.json"
pod_sync
# the edit: c joins, hand-offs move from 09:00 to 12:00
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "handoff": "mon 12:00", "members": ["a", "b", "c"]}' \
	>"$t/edit.json"

"$bin" oncall serving --preview "$t/edit.json" --weeks 3 --json >"$t/p.json" 2>"$t/p.err"
check "preview --json exits 0" test $? -eq 0 || cat "$t/p.err"
"$py" - "$t/p.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
def expect(what, got, want):
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got, want)); sys.exit(1)
expect("window", (d["from"], d["until"], d["weeks"]), ("2026-11-04T00:00:00Z", "2026-11-25T00:00:00Z", 3))
expect("covers", d["covers"], {"before": [], "after": []})
expect("changes", [(c["from"], c["until"], c["before"], c["after"]) for c in d["changes"]], [
    ("2026-11-09T09:00:00Z", "2026-11-09T12:00:00Z", "b", "a"),
    ("2026-11-16T09:00:00Z", "2026-11-16T12:00:00Z", "a", "b"),
    ("2026-11-16T12:00:00Z", "2026-11-23T09:00:00Z", "a", "c"),
    ("2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z", "b", "c"),
    ("2026-11-23T12:00:00Z", "2026-11-25T00:00:00Z", "b", "a")])
expect("hours", [(h["who"], h["before"], h["after"]) for h in d["hours"]],
       [("a", 297.0, 168.0), ("b", 207.0, 168.0), ("c", 0.0, 168.0)])
expect("no gaps either way", (d["gaps"]["before"], d["gaps"]["after"], d["gaps"]["introduced"]), ([], [], []))
PY

"$bin" oncall serving --preview "$t/edit.json" --weeks 3 >"$t/p.txt" 2>&1
check "text: a change" grep -qF "Mon 2026-11-16 12:00  Mon 2026-11-23 09:00  a -> c" "$t/p.txt" || cat "$t/p.txt"
check "text: hours" grep -qF "c 0h -> 168h (+168h)" "$t/p.txt" || cat "$t/p.txt"
"$bin" oncall serving --preview "$t/edit.json" --weeks 3 --markdown >"$t/p.md" 2>&1
check "markdown: a table row" grep -qF "| Mon 2026-11-09 09:00 | Mon 2026-11-09 12:00 | b | a |" "$t/p.md" || cat "$t/p.md"
check "markdown renders a table" "$py" -c 'import markdown, sys
html = markdown.markdown(open(sys.argv[1]).read(), extensions=["tables"])
sys.exit(0 if html.count("<table>") == 2 else 1)' "$t/p.md"

# an edit that drops b leaves a alone: no gap; one that restricts to office hours introduces gaps
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "handoff": "mon 09:00", "members": ["a", "b"],
	"restrict": {"days": "mon-fri"}}' >"$t/edit2.json"
"$bin" oncall serving --preview "$t/edit2.json" --weeks 1 --json >"$t/p2.json" 2>&1
"$py" - "$t/p2.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
want = [("2026-11-07T00:00:00Z", "2026-11-09T00:00:00Z")]
got = [(g["from"], g["until"]) for g in d["gaps"]["introduced"]]
if got != want:
    print("FAIL: weekend gap introduced: %r" % got); sys.exit(1)
PY
# a bad edit is refused naming the file and field
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "3x", "members": ["a"]}' >"$t/bad.json"
"$bin" oncall serving --preview "$t/bad.json" >"$t/bad.out" 2>&1
check "a bad edit exits 2" test $? -eq 2
check "a bad edit names file and field" grep -q "bad.json: shift: 'shift' must be" "$t/bad.out" || cat "$t/bad.out"
exit $fail
