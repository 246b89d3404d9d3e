#!/usr/bin/env bash
# oncall_lint_preview.sh: `handoff lint` on a git work tree shows, for each rotation file changed since HEAD, the preview
# `oncall ROTATION --preview` gives (who covers what, the shifts that change hands, hours); unchanged, new and broken files get none
. "${HF_SRCDIR:?}/tests/lib/common.sh" lintpreview
export HANDOFF_NOW=2026-11-04T00:00:00Z TZ=UTC
# a repository whose pod lives in a sub-folder, as a git source's `path` allows
pod=$t/repo/team
mkdir -p "$pod/oncall"
"$git" init -q -b main "$t/repo"
echo '{"name": "p", "members": [{"handle": "a", "role": "research"}, {"handle": "b", "role": "engineering"},
	{"handle": "c", "role": "engineering"}]}' >"$pod/pod.json"
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "handoff": "mon 09:00", "members": ["a", "b"],
	"covers": ["ranker"]}' >"$pod/oncall/serving.json"
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1d", "members": ["b", "c"]}' >"$pod/oncall/batch.json"
"$git" -C "$t/repo" add -A
"$git" -C "$t/repo" -c user.name=Lead -c user.email=lead@example.org commit -q -m "pod files"

"$bin" lint "$pod" >"$t/clean.out" 2>&1
check "a clean work tree: lint exits 0" test $? -eq 0 || cat "$t/clean.out"
check "a clean work tree: no preview" eval '! grep -q "preview of" "$t/clean.out"' || cat "$t/clean.out"

# the edit, not committed: c joins, hand-offs move from 09:00 to 12:00, fraud-detector joins the covers;
# a new rotation beside it (nothing to compare with)
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "handoff": "mon 12:00", "members": ["a", "b", "c"],
	"covers": ["ranker", "fraud-detector"]}' >"$pod/oncall/serving.json"
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "members": ["c"]}' >"$pod/oncall/new.json"
"$bin" lint "$pod" >"$t/lint.out" 2>"$t/lint.err"
check "lint exits 0" test $? -eq 0 || cat "$t/lint.out" "$t/lint.err"
check "lint prints nothing on stderr" test ! -s "$t/lint.err" || cat "$t/lint.err"
check "the changed rotation is previewed, named as lint names files" \
	grep -qF "preview of serving with $pod/oncall/serving.json, the next 8 weeks (Wed 2026-11-04 00:00 to Wed 2026-12-30 00:00, UTC):" "$t/lint.out" || cat "$t/lint.out"
check "who covers what, before and after" grep -qxF "  covers: ranker -> ranker, fraud-detector" "$t/lint.out" || cat "$t/lint.out"
check "a shift that changes hands" grep -qxF "    Mon 2026-11-16 12:00  Mon 2026-11-23 09:00  a -> c" "$t/lint.out" || cat "$t/lint.out"
check "hours before and after" grep -qxF "    c 0h -> 372h (+372h)" "$t/lint.out" || cat "$t/lint.out"
check "one preview: the unchanged and the new rotation have none" test "$(grep -c "preview of" "$t/lint.out")" -eq 1 || cat "$t/lint.out"
check "the preview after lint's summary" eval '"$py" -c "import sys; s = open(sys.argv[1]).read(); sys.exit(0 if s.index(\"pod files checked\") < s.index(\"preview of\") else 1)" "$t/lint.out"' || cat "$t/lint.out"

# run from inside the pod folder: the file named as lint names it there
(cd "$pod" && "$bin" lint) >"$t/here.out" 2>&1
check "lint in the folder names oncall/serving.json" grep -qF "preview of serving with oncall/serving.json," "$t/here.out" || cat "$t/here.out"

# --quiet prints errors only: no preview
"$bin" lint --quiet "$pod" >"$t/quiet.out" 2>&1
check "--quiet: no preview" test ! -s "$t/quiet.out" || cat "$t/quiet.out"

# an edit with an error: lint says so and exits 1, no preview of a file that does not load
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "3x", "members": ["a"]}' >"$pod/oncall/serving.json"
"$bin" lint "$pod" >"$t/bad.out" 2>&1
check "a broken edit: lint exits 1" test $? -eq 1 || cat "$t/bad.out"
check "a broken edit: the error names the file" grep -q "oncall/serving.json.*shift" "$t/bad.out" || cat "$t/bad.out"
check "a broken edit: no preview" eval '! grep -q "preview of" "$t/bad.out"' || cat "$t/bad.out"

# a folder in no git work tree: lint as before, no preview
rm -rf "$t/repo/.git"
echo '{"timezone": "UTC", "start": "2026-11-02", "shift": "1w", "members": ["a", "c"]}' >"$pod/oncall/serving.json"
"$bin" lint "$pod" >"$t/nogit.out" 2>&1
check "no git: lint exits 0" test $? -eq 0 || cat "$t/nogit.out"
check "no git: no preview" eval '! grep -q "preview of" "$t/nogit.out"' || cat "$t/nogit.out"
exit $fail
