#!/usr/bin/env bash
# tui-bench.sh: the TUI with N (10,000) models: start to first frame (wall and CPU), filter keystroke to frame, peak RSS
#
#   HANDOFF_BIN=./handoff bench/tui-bench.sh [N]
#
# HF_TUI_BENCH_KEEP=DIR keeps the pod and the synced database in DIR and
# reuses them on the next run (generating and syncing 10,000 models takes
# a while). Builds a pod repository of N models (bench/tui_gen.py), syncs it
# with `handoff sync`, then runs the TUI in a private tmux at 160x48. Times
# come from files the app writes: HANDOFF_TEST_FIRST_FRAME (written once the
# first frame is on the terminal; it holds the process's CPU time to then,
# loading the libraries included) and HANDOFF_TEST_IDLE (after each frame
# with nothing pending): their modification times are when. The script
# polls them with sleeps, not in a busy loop, so it leaves the cores to the
# app. Prints figures; asserts nothing (use an optimised build without
# sanitizers for figures worth quoting).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${HF_SRCDIR:-$(dirname "$here")}
bin=${HANDOFF_BIN:-$src/handoff}
n=${1:-10000}
GIT=${GIT:-git}
TMUX_BIN=${TMUX_BIN:-tmux}

T=$(mktemp -d "${TMPDIR:-/tmp}/hf-tui-bench.XXXXXX")
sock=hf-tui-bench-$$
export TMUX_TMPDIR=$T/tmux HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data
export XDG_CACHE_HOME=$T/cache HANDOFF_DB=$T/handoff.db HANDOFF_NOW=2026-11-29T10:00:00Z
keep=${HF_TUI_BENCH_KEEP:-}
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	export HANDOFF_DB=$keep/handoff-$n.db
fi
mkdir -p "$TMUX_TMPDIR" "$HOME" "$XDG_CONFIG_HOME/handoff"
cleanup() {
	"$TMUX_BIN" -L "$sock" kill-server >/dev/null 2>&1 || true
	rm -rf "$T"
}
trap cleanup EXIT

now_s() { date +%s.%N; }
mtime_s() { stat -c %.9Y "$1"; }
frame() {
	local n=0
	[ -s "$T/idle" ] && read -r n <"$T/idle"
	echo "${n:-0}"
}
wait_frame() {
	local after=$1 deadline=$((SECONDS + 120))
	while [ "$(frame)" -le "$after" ]; do
		[ $SECONDS -lt $deadline ] || { echo "no frame after $after" >&2; exit 1; }
		sleep 0.005
	done
}

pod=${keep:-$T}/pod-$n
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$pod" >"$XDG_CONFIG_HOME/handoff/config"
if [ -n "$keep" ] && [ -s "$HANDOFF_DB" ] && [ -d "$pod/.git" ]; then
	echo "reusing $HANDOFF_DB"
else
echo "generating a pod of $n models"
rm -rf "$pod" "$HANDOFF_DB"
python3 "$here/tui_gen.py" "$pod" "$n"
"$GIT" -C "$pod" init -q -b main
"$GIT" -C "$pod" add -A
GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@x GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@x \
	"$GIT" -C "$pod" commit -q -m "bench pod"
t0=$(now_s)
# each contract names a registry source the bench does not configure: one warning per model
"$bin" sync >/dev/null 2>"$T/sync.err" || [ $? -eq 1 ]
printf 'sync of %d models: %.2f s (%d warnings)\n' "$n" "$(echo "$(now_s) - $t0" | bc)" \
	"$(grep -c warning "$T/sync.err" || true)"
fi
rows=$(sqlite3 "$HANDOFF_DB" 'SELECT count(*) FROM contract' 2>/dev/null || echo '?')
echo "contracts in the database: $rows"

printf 'set -g status off\n' >"$T/tmux.conf"
cmd="date +%s.%N >$T/t0; exec env LANG=C.UTF-8 TZ=UTC TERM=tmux-256color HANDOFF_TEST_IDLE=$T/idle"
cmd="$cmd HANDOFF_TEST_FIRST_FRAME=$T/first $bin 2>$T/err"
"$TMUX_BIN" -L "$sock" -f "$T/tmux.conf" new-session -d -x 160 -y 48 "$cmd"
deadline=$((SECONDS + 120))
until [ -s "$T/t0" ] && [ -s "$T/first" ]; do
	[ $SECONDS -lt $deadline ] || { echo "no first frame" >&2; cat "$T/err" >&2; exit 1; }
	sleep 0.01
done
first=$(echo "$(mtime_s "$T/first") - $(cat "$T/t0")" | bc)
printf 'start to first frame: %.1f ms (CPU %s ms)\n' "$(echo "$first * 1000" | bc)" "$(cat "$T/first")"
# the first frame is a complete one: the model rows and the tab line are on the screen
screen=$("$TMUX_BIN" -L "$sock" capture-pane -p)
grep -q '^\[1\]pod' <<<"$screen" && grep -q 'model-00000 ' <<<"$screen" ||
	{ echo "the first frame lacks the rows:" >&2; printf '%s\n' "$screen" >&2; exit 1; }
# every row evaluated in the background: the first idle frame
wait_frame 0
all=$(echo "$(mtime_s "$T/idle") - $(cat "$T/t0")" | bc)
printf 'start to every row evaluated (background, screen live meanwhile): %.1f ms\n' \
	"$(echo "$all * 1000" | bc)"

# filter keystrokes: "/" opens the line, digits narrow the 10,000 rows, Backspace widens
# them again, then "!9" excludes every row with a 9
f=$(frame)
"$TMUX_BIN" -L "$sock" send-keys /
wait_frame "$f"
times=()
for k in 0 0 4 2 BSpace BSpace BSpace BSpace '!' 9; do
	f=$(frame)
	t0=$(now_s)
	"$TMUX_BIN" -L "$sock" send-keys "$k"
	wait_frame "$f"
	times+=("$(echo "($(mtime_s "$T/idle") - $t0) * 1000" | bc)")
done
printf 'filter keystroke to redrawn frame (ms):'
printf ' %.1f' "${times[@]}"
printf '\n'
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
printf 'keystroke median %.1f ms, max %.1f ms\n' "$(echo "$sorted" | sed -n 5p)" "$(echo "$sorted" | tail -1)"

pid=$("$TMUX_BIN" -L "$sock" display -p '#{pane_pid}')
printf 'peak RSS: %s\n' "$(grep VmHWM "/proc/$pid/status" | awk '{ printf "%.1f MB", $2 / 1024 }')"
"$TMUX_BIN" -L "$sock" send-keys Escape q
