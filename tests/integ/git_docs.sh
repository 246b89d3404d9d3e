# tests/integ/git_docs.sh: the examples of docs/pod-repository.md sync as one pod without an error or a warning; DESIGN.md's, each without one of its own
. "$HF_SRCDIR/tests/lib/gitd.sh"

# extract FILE DIR STYLE: write each example of FILE into DIR under its path
extract() {
	"$PYTHON3" - "$1" "$2" "$3" <<'PY'
import os, re, sys
text, out, style = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
names = {"<model>": "fraud-detector", "<name>": "default", "<rotation>": "ml-serving", "<sprint>": "2026-12"}
if style == "docs":
    pat = re.compile(r"<!-- example: (\S+) -->\n```\w*\n(.*?)```", re.S)
else:  # DESIGN.md: a line starting with `path`, then a json block
    pat = re.compile(r"^`([^`]+\.json)`[^\n]*\n```json\n(.*?)```", re.S | re.M)
n = 0
for path, body in pat.findall(text):
    for k, v in names.items():
        path = path.replace(k, v)
    os.makedirs(os.path.join(out, os.path.dirname(path)), exist_ok=True)
    with open(os.path.join(out, path), "w", encoding="utf-8") as f:
        f.write(body)
    n += 1
print(n)
PY
}

# check DIR WHAT [standalone]: commit DIR's files, sync them, expect no problem at all; standalone
# examples (DESIGN.md's, written one by one) need not name each other's members and items
check() {
	local dir=$1 what=$2 filter='d[k]'
	"$GIT" init -q -b main "$dir"
	commit_all "$dir" "Examples of $what"
	write_config examples "$dir" && printf '[source "registry"]\n\ttype = mlflow\n\turl = http://127.0.0.1:9\n' >>"$XDG_CONFIG_HOME/handoff/config"
	rm -f "$HANDOFF_DB"
	"$HANDOFF_BIN" sync examples || fail "sync of the $what examples failed"
	json=$("$HANDOFF_BIN" status --json)
	[ "${3:-}" = standalone ] && filter='[e for e in d[k] if not e["cross_file"]]'
	assert_eq "errors in the $what examples" "[]" "$(echo "$json" | pyjson "(lambda k: $filter)('errors')")"
	assert_eq "warnings in the $what examples" "[]" "$(echo "$json" | pyjson "(lambda k: $filter)('warnings')")"
}

n=$(extract "$HF_SRCDIR/docs/pod-repository.md" "$T/docs" docs)
assert_eq "examples in docs/pod-repository.md" "8" "$n"
check "$T/docs" docs
assert_eq "docs pod" "vision-pod" "$(sql 'SELECT name FROM pod')"
assert_eq "docs contract" "fraud-detector" "$(sql 'SELECT model FROM contract')"
assert_eq "docs card" "fraud-detector" "$(sql 'SELECT model FROM model_card')"
assert_eq "docs rotations (one from a calendar feed)" "ml-serving serving-pd" "$(sql 'SELECT group_concat(name, " ") FROM (SELECT name FROM rotation ORDER BY name)')"
assert_eq "docs sprint" "2026-12" "$(sql 'SELECT id FROM sprint')"

design=${SHARED_DIR:-}/DESIGN.md
if [ -f "$design" ]; then
	n=$(extract "$design" "$T/design" design)
	assert_eq "examples in DESIGN.md" "6" "$n"
	check "$T/design" DESIGN.md standalone
	assert_eq "design readiness" "fraud-detector" "$(sql 'SELECT model FROM readiness')"
	assert_eq "design checklist" "default" "$(sql 'SELECT DISTINCT checklist FROM checklist_item WHERE checklist NOT LIKE "model:%"')"
fi
exit 0
