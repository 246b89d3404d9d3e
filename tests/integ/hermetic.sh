#!/usr/bin/env bash
# hermetic.sh: no test depends on the caller's locale, time zone, home or git configuration: each test (or the library it sources) pins them, and screen tests pass for a hostile caller
set -u
: "${HF_SRCDIR:?run through make check}" "${HANDOFF_BIN:?run through make check}"
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
cd "$HF_SRCDIR" || exit 2
fail=0

# pins NAME FILE: FILE exports NAME with the fixed value (LC_ALL, not LANG: a caller's LC_ALL or LC_CTYPE beats LANG)
pins() {
	# continued lines joined, so one export may span several
	local text
	text=$(sed -e :a -e '/\\$/N; s/\\\n//; ta' "$2")
	case $1 in
	LC_ALL) grep -qE '^[[:space:]]*export\b.*\bLC_ALL=C\.UTF-8\b' <<<"$text" ;;
	TZ) grep -qE '^[[:space:]]*export\b.*\bTZ=UTC\b' <<<"$text" ;;
	HOME) grep -qE '^[[:space:]]*export\b.*\bHOME=' <<<"$text" ;;
	GIT) grep -qE '^[[:space:]]*export\b.*\bGIT_CONFIG_NOSYSTEM=1\b' <<<"$text" ;;
	esac
}
# first_lib FILE: the library FILE sources first (replay.sh only starts a server: it does not count)
first_lib() {
	sed -n 's/^\. "\${\{0,1\}HF_SRCDIR[:?]*}\{0,1\}\/\([^"]*\)".*/\1/p' "$1" | grep -v 'replay\.sh$' | head -1
}
for t in tests/integ/*.sh tests/tui/*.sh tests/tui/*/*.sh; do
	case $t in tests/tui/lib.sh | tests/integ/mlflow_lib.sh) continue ;; esac
	# the script, the library it sources first, and the one that library sources first
	lib=$(first_lib "$t")
	lib2=$([ -n "$lib" ] && first_lib "$lib")
	names="LC_ALL TZ HOME"
	# a test that runs git reads no system or global git configuration
	grep -qE '("\$GIT"|\$\{GIT[}:]|(^|[[:space:];(])git )' "$t" && names="$names GIT"
	for name in $names; do
		pins "$name" "$t" || { [ -n "$lib" ] && pins "$name" "$lib"; } ||
			{ [ -n "$lib2" ] && pins "$name" "$lib2"; } || {
			echo "$t: does not pin $name (nor does ${lib:-a library it sources})"
			fail=1
		}
	done
done
# the TUI harness's shell itself counts and matches characters (wc -m, grep brackets)
pins LC_ALL tests/tui/lib.sh || { echo "tests/tui/lib.sh: the harness's own shell does not pin LC_ALL"; fail=1; }

# screen tests run by a hostile caller: no UTF-8, a zone 14 hours east, and a home and system
# git configuration that sign every commit with a key that does not exist
if command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
	hostile=$(mktemp -d "${TMPDIR:-/tmp}/hf-hostile.XXXXXX")
	trap 'rm -rf "$hostile"' EXIT
	printf '[commit]\n\tgpgsign = true\n[user]\n\tsigningkey = nobody@nowhere.invalid\n[init]\n\tdefaultBranch = trunk\n' \
		>"$hostile/.gitconfig"
	cp "$hostile/.gitconfig" "$hostile/system-gitconfig"
	# resize.sh counts columns with wc -m; sprint/board.sh commits a pod with git
	for t in tests/tui/pod/resize.sh tests/tui/sprint/board.sh; do
		out=$(env -i PATH=/usr/bin:/bin LC_ALL=C LANG=C TZ=Pacific/Kiritimati HOME="$hostile" \
			GIT_CONFIG_SYSTEM="$hostile/system-gitconfig" \
			HF_SRCDIR="$HF_SRCDIR" HF_BUILDDIR="${HF_BUILDDIR:-}" HANDOFF_BIN="$HANDOFF_BIN" \
			TMUX_BIN="${TMUX_BIN:-tmux}" HANDOFF_DATADIR="${HANDOFF_DATADIR:-$HF_SRCDIR}" GIT="${GIT:-git}" \
			HF_TUI_TIMEOUT="${HF_TUI_TIMEOUT:-30}" bash "$t" 2>&1) ||
			{ echo "$t fails for a caller with LC_ALL=C, TZ=Pacific/Kiritimati and signed commits:"; echo "$out"; fail=1; }
	done
fi
exit $fail
