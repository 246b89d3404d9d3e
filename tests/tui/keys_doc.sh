# keys_doc.sh: docs/keys.md and data/keys match the TUI's action table (regenerate with make update-keys-doc)
set -u
# nothing from the caller's locale, zone or home
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent
: "${HF_SRCDIR:?run through make check}" "${HF_BUILDDIR:?run through make check}"
tool=$HF_BUILDDIR/tests/tui/tools/keys_doc
[ -x "$tool" ] || { echo "no $tool: build it with make check"; exit 1; }
if ! "$tool" | diff -u "$HF_SRCDIR/docs/keys.md" -; then
	echo "docs/keys.md is out of date: run 'make update-keys-doc' and commit it"
	exit 1
fi
if ! "$tool" --keys-file | diff -u "$HF_SRCDIR/data/keys" -; then
	echo "data/keys is out of date: run 'make update-keys-doc' and commit it"
	exit 1
fi
