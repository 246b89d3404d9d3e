#!/usr/bin/env bash
# sprint_markdown.sh: `sprint --markdown` rendered by a real Markdown renderer (Python-Markdown) shows item text as written, with no emphasis, strike, link, code or HTML from it; items without capacity are over capacity
. "${HF_SRCDIR:?}/tests/lib/common.sh" sprint-md
export HANDOFF_NOW=2026-11-29T10:00:00Z

mkdir -p "$t/pod/sprints" "$t/config/handoff"
"$git" init -q -b main "$t/pod"
cat >"$t/pod/pod.json" <<'EOF'
{ "name": "demo-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering"} ] }
EOF
# every title blocked so each appears in the Blocked list; ana owns an item of 0 points and has no capacity
"$py" - "$t/pod/sprints/s1.json" <<'PY'
import json, sys
titles = ["Star *emph* and __bold__", "Fix (_x_) now", "Drop ~~old~~ path", "See [docs](https://x.example) and ![i](y.png)",
          "Raw <b>html</b> &amp; <https://auto.example>", "a | b in a table", "Call `f()` with \\*args", "# not a heading {#id}",
          "snake_case_name and 2*3*4", "> quoted + list - item 1. x"]
items = [{"id": "S-%d" % (i + 1), "title": t, "kind": "engineering", "owner": "raj", "points": 1, "status": "blocked",
          "blocked_by": "S-1" if i else "review of <b>*it*</b>"} for i, t in enumerate(titles)]
items.append({"id": "S-99", "title": "Unestimated", "kind": "research", "owner": "ana", "points": 0, "status": "todo"})
json.dump({"id": "s1", "name": "Sprint *one*", "start": "2026-11-23", "end": "2026-12-04", "goal": "_ship_ ~~it~~",
           "capacity": {"raj": 20}, "items": items}, open(sys.argv[1], "w"))
json.dump(titles, open(sys.argv[1] + ".titles", "w"))
PY
mv "$t/pod/sprints/s1.json.titles" "$t/titles.json"
pod_sync "sprint"

"$bin" sprint s1 --markdown >"$t/s1.md"
check "sprint --markdown exits 0" test $? -eq 0
"$bin" sprint s1 --json >"$t/s1.json"
check "sprint --json exits 0" test $? -eq 0

"$py" - "$t" <<'PY' || { echo "FAIL: Markdown from item text"; fail=1; }
import json, sys
from html.parser import HTMLParser
import markdown
t = sys.argv[1]
titles = json.load(open(t + "/titles.json"))
md = open(t + "/s1.md").read()
html = markdown.markdown(md, extensions=["tables"])

class Walk(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.text, self.strong = [], [], [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        if tag == "strong":
            self.strong.append("")
    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
    def handle_data(self, data):
        self.text.append(data)
        if "strong" in self.stack:
            self.strong[-1] += data
w = Walk()
w.feed(html)
bad = sorted(set(w.tags) & {"em", "del", "s", "strike", "a", "img", "code", "b", "i", "u", "blockquote"})
assert not bad, "markup from item text: %s\n%s" % (bad, html)
allowed = {"Goal:", "Dates:", "Progress:", "over capacity: items, no capacity"} | {"S-%d" % i for i in range(1, 100)}
assert all(s in allowed for s in w.strong), "bold from item text: %r" % [s for s in w.strong if s not in allowed]
text = "".join(w.text)
for title in titles + ["Sprint *one*", "_ship_ ~~it~~", "review of <b>*it*</b>"]:
    assert title in text, "%r not shown as written in:\n%s" % (title, text)
assert "~~" not in md, "~~ left for a renderer with strikethrough"
# item 10: ana has an item (0 points) and no capacity: over, in JSON and Markdown
people = {p["handle"]: p for p in json.load(open(t + "/s1.json"))["people"]}
assert people["ana"]["over"] is True and people["ana"]["capacity"] == 0, people["ana"]
assert people["raj"]["over"] is False, people["raj"]
assert "over capacity: items, no capacity" in text
PY
exit $fail
