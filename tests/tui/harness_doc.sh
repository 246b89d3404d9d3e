# harness_doc.sh: docs/tui-tests.md is the harness's own #| comments (regenerate with make update-keys-doc)
set -u
# nothing from the caller's locale, zone or home
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent
: "${HF_SRCDIR:?run through make check}"
gen() {
	echo "<!-- tui-tests.md: generated from the #| comments of tests/tui/lib.sh (make update-keys-doc) -->"
	echo "# handoff: the TUI's screen-test harness (tests/tui/lib.sh)"
	echo
	sed -n -e 's/^#| \{0,1\}//p' "$HF_SRCDIR/tests/tui/lib.sh"
}
if [ "${1:-}" = --write ]; then
	gen >"$HF_SRCDIR/docs/tui-tests.md"
	exit 0
fi
if ! gen | diff -u "$HF_SRCDIR/docs/tui-tests.md" -; then
	echo "docs/tui-tests.md is out of date: run 'make update-keys-doc' and commit it"
	exit 1
fi
