#!/usr/bin/env bash
# man_pages.sh: the installed references: make install puts handoff-pod(5), handoff-json(7) (made from docs/*.md by man/md2man.py) and the docs `handoff help pod|json` prints; the pages render without a warning
. "${HF_SRCDIR:?}/tests/lib/common.sh" man-pages
src=$HF_SRCDIR
# what `make install` installs, into a scratch root
make -s -C "$HF_BUILDDIR" DESTDIR="$t/inst" install-man install-nobase_dist_pkgdataDATA >"$t/install.out" 2>&1
check "make install of the man pages and data exits 0" test $? -eq 0 || cat "$t/install.out"
for page in handoff.1 handoff-pod.5 handoff-json.7; do
	f=$(find "$t/inst" -name "$page" -type f | head -n 1)
	check "make install installs $page" test -n "$f" || continue
	if command -v groff >/dev/null; then
		groff -man -Tutf8 -ww -z "$f" 2>"$t/groff.err"
		check "$page renders without a warning" test ! -s "$t/groff.err" || cat "$t/groff.err"
	fi
done
pod5=$(find "$t/inst" -name handoff-pod.5 -type f | head -n 1)
if [ -n "$pod5" ] && command -v man >/dev/null; then
	MANWIDTH=100 LC_ALL=C.UTF-8 man -l "$pod5" 2>/dev/null | col -b >"$t/pod.man"
	check "man handoff-pod shows its name line" grep -q 'handoff-pod - the files of a pod repository, field by field' "$t/pod.man"
	check "man handoff-pod documents readiness.json" grep -q 'readiness.json' "$t/pod.man"
	check "man handoff-pod documents a field of contract.json" grep -q 'registry.source' "$t/pod.man"
fi
json7=$(find "$t/inst" -name handoff-json.7 -type f | head -n 1)
[ -n "$json7" ] && check "handoff-json(7) documents check's blockers" grep -q 'blockers' "$json7"
# help prints the installed docs without their HTML comments, and says where the man page is
share=$(dirname "$(dirname "$(find "$t/inst" -path '*/docs/pod-repository.md' | head -n 1)")")
HANDOFF_DATADIR=$share "$bin" help pod >"$t/pod.txt"
check "help pod exits 0 with the installed docs" test $? -eq 0
check "help pod is the docs" diff -u <(grep -v '^<!--' "$src/docs/pod-repository.md"; printf '\n(also: man handoff-pod(5))\n') "$t/pod.txt"
check "help pod starts with its title" test "$(head -n 1 "$t/pod.txt")" = "# The pod repository: every file handoff reads from a git source, field by field"
HANDOFF_DATADIR=$share "$bin" help json >"$t/json.txt"
check "help json is the docs" diff -u <(grep -v '^<!--' "$src/docs/json.md"; printf '\n(also: man handoff-json(7))\n') "$t/json.txt"
"$bin" help nosuch >/dev/null 2>"$t/err"
check "an unknown topic exits 2" test $? -eq 2
check "an unknown topic names the topics" grep -qF "no command or topic 'nosuch' (see 'handoff --help'; topics: pod, json)" "$t/err"
# every reference the product prints points at something installed, not at the source tree's docs/
check "no --help points at docs/" test -z "$(for c in $("$bin" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do "$bin" help "$c"; done | grep 'docs/')"
check "the scaffold points at the installed reference" grep -q "handoff help pod" "$src/data/templates/README.md"
exit $fail
