# lib.sh: the TUI screen-test harness: the real handoff in a private tmux, keys in, screens out (sourced)
#|
#| Screen tests of the TUI (after tig's test/tools/libtest.sh and tmux's
#| regress/). Each test script sources this file, starts the real binary in
#| a private tmux server, sends keys, waits (never sleeps) and asserts what a
#| person would see. One behaviour per script under tests/tui/<view>/.
#|
#| Environment (set by `make check`): HANDOFF_BIN, HF_SRCDIR, TMUX_BIN.
#| Every test runs hermetic: a fresh temp dir holds HOME, XDG_*_HOME,
#| HANDOFF_DB, the tmux socket (-L) and TMUX_TMPDIR; the app runs under
#| `env -i` with LANG=C.UTF-8, TZ=UTC, TERM=tmux-256color and the clock
#| frozen at HF_TUI_NOW (HANDOFF_NOW). HANDOFF_TEST_IDLE points at a file the
#| app bumps after every frame drawn with no sync or background load
#| pending: the harness waits for that number to move instead of sleeping.
#| The test's own shell (git, wc -m, grep) runs with LC_ALL=C.UTF-8, TZ=UTC,
#| that HOME and no system or global git configuration, whatever the caller's.
#|
#| On failure the last capture, the expected text, a unified diff and the
#| app's stderr are kept in tests/tui/results/<test>/ (and printed).
#|
#| Settings and verbs:
#|
set -euo pipefail
# the harness's own tools count and match characters of a UTF-8 screen (wc -m, grep's
# brackets): they run in a UTF-8 locale and UTC, whatever the caller's
export LC_ALL=C.UTF-8 TZ=UTC

: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
TMUX_BIN=${TMUX_BIN:-tmux}
command -v "$TMUX_BIN" >/dev/null 2>&1 || { echo "skip: no tmux"; exit 77; }

#| - `HF_TUI_NOW`: the frozen instant every test starts at (override before hf_tui_start).
HF_TUI_NOW=${HF_TUI_NOW:-2026-11-29T10:00:00Z}
#| - `HF_TUI_TIMEOUT`: seconds any single wait may take before the test fails.
HF_TUI_TIMEOUT=${HF_TUI_TIMEOUT:-10}

HF_TUI_NAME=$(basename "$(dirname "$0")")-$(basename "$0" .sh)
HF_TUI_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hf-tui.XXXXXX")
HF_TUI_RESULTS=${HF_BUILDDIR:-$PWD}/tests/tui/results/$HF_TUI_NAME
HF_TUI_SOCKET=hf-tui-$$
HF_TUI_IDLE=$HF_TUI_DIR/idle
HF_TUI_ERR=$HF_TUI_DIR/stderr
HF_TUI_LAST=
export TMUX_TMPDIR=$HF_TUI_DIR/tmux
mkdir -p "$TMUX_TMPDIR" "$HF_TUI_DIR/home" "$HF_TUI_DIR/config" "$HF_TUI_DIR/data" "$HF_TUI_DIR/cache"
unset TMUX
# what a test runs itself (git to build a pod, handoff sync) sees the test's home, not the caller's
# home or git configuration
export HOME=$HF_TUI_DIR/home XDG_CONFIG_HOME=$HF_TUI_DIR/config GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

hf_tui__tmux() {
	"$TMUX_BIN" -L "$HF_TUI_SOCKET" "$@"
}

hf_tui__cleanup() {
	local i
	hf_tui__tmux kill-server >/dev/null 2>&1 || true
	# the pane's shell may still be writing its status file as it dies
	for i in 1 2 3 4 5; do
		rm -rf "$HF_TUI_DIR" 2>/dev/null && break
		sleep 0.1
	done
	return 0
}
trap hf_tui__cleanup EXIT

#| - `fail` MESSAGE: stop the test, keeping the last capture and stderr.
fail() {
	echo "FAIL: $HF_TUI_NAME: $*" >&2
	mkdir -p "$HF_TUI_RESULTS"
	hf_tui_capture >"$HF_TUI_RESULTS/screen" 2>/dev/null || true
	cp "$HF_TUI_ERR" "$HF_TUI_RESULTS/stderr" 2>/dev/null || true
	echo "--- screen ($HF_TUI_RESULTS/screen)" >&2
	cat "$HF_TUI_RESULTS/screen" >&2 || true
	echo "--- stderr" >&2
	cat "$HF_TUI_ERR" >&2 2>/dev/null || true
	exit 1
}

#| - `hf_tui_env` NAME=VALUE...: extra environment for the app (before hf_tui_start).
HF_TUI_ENV=()
hf_tui_env() {
	HF_TUI_ENV+=("$@")
}

#| - `hf_tui_start` COLS ROWS [HANDOFF ARGS...]: start handoff in a COLSxROWS
#|   terminal and wait for its first frame. TERM defaults to tmux-256color
#|   (hf_tui_env TERM=dumb to change it).
hf_tui_start() {
	local cols=$1 rows=$2 cmd
	shift 2
	local envs=(HOME="$HF_TUI_DIR/home" XDG_CONFIG_HOME="$HF_TUI_DIR/config"
		XDG_DATA_HOME="$HF_TUI_DIR/data" XDG_CACHE_HOME="$HF_TUI_DIR/cache"
		HANDOFF_DB="$HF_TUI_DIR/handoff.db" LANG=C.UTF-8 TZ=UTC TERM=tmux-256color
		HANDOFF_NOW="$HF_TUI_NOW" HANDOFF_TEST_IDLE="$HF_TUI_IDLE"
		HANDOFF_DATADIR="${HANDOFF_DATADIR:-$HF_SRCDIR}" TMPDIR="$HF_TUI_DIR"
		PATH=/usr/bin:/bin "${HF_TUI_ENV[@]}")
	cmd=$(printf '%q ' env -i "${envs[@]}" "$HANDOFF_BIN" "$@")
	printf 'set -g remain-on-exit on\nset -g status off\nset -g default-terminal tmux-256color\n' \
		>"$HF_TUI_DIR/tmux.conf"
	rm -f "$HF_TUI_IDLE"
	rm -f "$HF_TUI_DIR/status"
	# the app's exit status goes to a file: tmux 3.3a sometimes leaves
	# #{pane_dead_status} empty for a process that exits at once
	# (remain-on-exit still keeps the pane, and its last screen, after that)
	hf_tui__tmux -f "$HF_TUI_DIR/tmux.conf" new-session -d -x "$cols" -y "$rows" \
		"$cmd 2>$(printf '%q' "$HF_TUI_ERR"); echo \$? >$(printf '%q' "$HF_TUI_DIR/status")"
	# set after the session exists (tmux 3.3a exits when it is in the -f file)
	hf_tui__tmux set -g window-size manual
	hf_tui_wait_frame 0
}

#| - `hf_tui_frame`: the number of the last idle frame (0 before the first).
hf_tui_frame() {
	local f=0
	[ -s "$HF_TUI_IDLE" ] && f=$(cat "$HF_TUI_IDLE" 2>/dev/null || echo 0)
	echo "${f:-0}"
}

#| - `hf_tui_wait_frame` N: wait until a frame after N has been drawn (or the app died).
hf_tui_wait_frame() {
	local after=$1 deadline=$((SECONDS + HF_TUI_TIMEOUT))
	while [ "$(hf_tui_frame)" -le "$after" ]; do
		if [ "$(hf_tui__tmux display -p '#{pane_dead}' 2>/dev/null)" = 1 ]; then
			return 0
		fi
		[ $SECONDS -lt $deadline ] || fail "no frame after $after within ${HF_TUI_TIMEOUT}s"
		sleep 0.02
	done
}

#| - `hf_tui_keys` KEY...: send tmux key names (j, Enter, Escape, C-l, ...), one at a
#|   time, each followed by waiting for the app to draw its answer.
hf_tui_keys() {
	local k f
	for k in "$@"; do
		f=$(hf_tui_frame)
		hf_tui__tmux send-keys "$k"
		hf_tui_wait_frame "$f"
	done
}

#| - `hf_tui_type` TEXT: type TEXT literally, a character at a time, waiting for each frame.
hf_tui_type() {
	local text=$1 i f
	for ((i = 0; i < ${#text}; i++)); do
		f=$(hf_tui_frame)
		hf_tui__tmux send-keys -l "${text:i:1}"
		hf_tui_wait_frame "$f"
	done
}

#| - `hf_tui_capture`: the screen as text, trailing blanks trimmed.
hf_tui_capture() {
	hf_tui__tmux capture-pane -p | sed -e 's/[[:space:]]*$//'
}

#| - `hf_tui_capture_attrs`: the screen with attributes as SGR escapes (capture-pane -e).
hf_tui_capture_attrs() {
	hf_tui__tmux capture-pane -p -e
}

#| - `hf_tui_wait_text` TEXT: wait until TEXT is on the screen.
hf_tui_wait_text() {
	local deadline=$((SECONDS + HF_TUI_TIMEOUT))
	until hf_tui_capture | grep -qF -- "$1"; do
		[ $SECONDS -lt $deadline ] || fail "'$1' did not appear within ${HF_TUI_TIMEOUT}s"
		sleep 0.02
	done
}

#| - `hf_tui_assert_screen` < EXPECTED: the whole screen equals EXPECTED (trailing
#|   blanks and trailing empty lines ignored on both sides).
hf_tui_assert_screen() {
	mkdir -p "$HF_TUI_RESULTS"
	sed -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$HF_TUI_RESULTS/expected"
	hf_tui_capture | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$HF_TUI_RESULTS/screen"
	if ! diff -u "$HF_TUI_RESULTS/expected" "$HF_TUI_RESULTS/screen" >"$HF_TUI_RESULTS/diff"; then
		cat "$HF_TUI_RESULTS/diff" >&2
		fail "the screen differs from the expected one (${HF_TUI_RESULTS}/diff)"
	fi
}

#| - `hf_tui_assert_screen_file` FILE: the whole screen equals the golden FILE;
#|   with HF_TUI_UPDATE=1 the golden is rewritten from the screen instead.
hf_tui_assert_screen_file() {
	if [ "${HF_TUI_UPDATE:-0}" = 1 ]; then
		hf_tui_capture | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$1"
		echo "updated $1"
		return 0
	fi
	hf_tui_assert_screen <"$1"
}

#| - `hf_tui_row` N: line N of the screen (0 is the top), trailing blanks trimmed.
hf_tui_row() {
	hf_tui_capture | sed -n "$(($1 + 1))p"
}

#| - `hf_tui_assert_row` N TEXT: line N equals TEXT.
hf_tui_assert_row() {
	local got
	got=$(hf_tui_row "$1")
	[ "$got" = "$2" ] || fail "row $1 is '$got', expected '$2'"
}

#| - `hf_tui_assert_has` TEXT / hf_tui_assert_hasnt TEXT: TEXT is (not) on the screen.
hf_tui_assert_has() {
	hf_tui_capture | grep -qF -- "$1" || fail "'$1' is not on the screen"
}
hf_tui_assert_hasnt() {
	if hf_tui_capture | grep -qF -- "$1"; then fail "'$1' is on the screen"; fi
}

#| - `hf_tui_rows_matching` TEXT: how many screen lines contain TEXT.
hf_tui_rows_matching() {
	hf_tui_capture | grep -cF -- "$1" || true
}

#| - `hf_tui_resize` COLS ROWS: resize the terminal and wait for the redrawn frame.
hf_tui_resize() {
	local f
	f=$(hf_tui_frame)
	hf_tui__tmux resize-window -x "$1" -y "$2"
	hf_tui_wait_frame "$f"
}

#| - `hf_tui_exit_status`: wait for the app to exit and print its exit status
#|   (128 + N when signal N ended it).
hf_tui_exit_status() {
	local deadline=$((SECONDS + HF_TUI_TIMEOUT))
	# the pane's shell writes the app's status to a file before it exits (so
	# #{pane_dead_status} would be the shell's own): wait for the file
	while :; do
		if [ -s "$HF_TUI_DIR/status" ]; then
			cat "$HF_TUI_DIR/status"
			return 0
		fi
		[ $SECONDS -lt $deadline ] || fail "the app did not exit within ${HF_TUI_TIMEOUT}s"
		sleep 0.02
	done
}

#| - `hf_tui_stop`: stop the app and its tmux (a later hf_tui_start gets a fresh server).
HF_TUI_RUNS=0
hf_tui_stop() {
	hf_tui__tmux kill-server >/dev/null 2>&1 || true
	HF_TUI_RUNS=$((HF_TUI_RUNS + 1))
	HF_TUI_SOCKET=hf-tui-$$-$HF_TUI_RUNS
}

#| - `hf_tui_app_pid`: the process id of the app (the child of the pane's shell), to signal it.
hf_tui_app_pid() {
	local shell app
	shell=$(hf_tui__tmux display -p '#{pane_pid}')
	app=$(pgrep -P "$shell" | head -1)
	[ -n "$app" ] || fail "no app process under the pane's shell"
	echo "$app"
}

#| - `hf_tui_stderr`: what the app wrote to stderr so far.
hf_tui_stderr() {
	cat "$HF_TUI_ERR" 2>/dev/null || true
}

#| - `hf_tui_git_pod` DIR: make DIR (holding pod files) a repository with one commit,
#|   clone it bare to $HF_TUI_DIR/pod.git and configure that as source "pod", the user
#|   being ana (handle) with Ana Ruiz's git identity, for tests of write actions.
hf_tui_git_pod() {
	local git=${GIT:-git}
	"$git" -C "$1" init -q -b main
	"$git" -C "$1" add -A
	GIT_AUTHOR_NAME=Ana GIT_AUTHOR_EMAIL=ana@pod.example GIT_COMMITTER_NAME=Ana \
		GIT_COMMITTER_EMAIL=ana@pod.example "$git" -C "$1" commit -q -m "The pod"
	"$git" clone -q --bare "$1" "$HF_TUI_DIR/pod.git"
	mkdir -p "$HF_TUI_DIR/config/handoff"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[user]\n\thandle = ana\n' "$HF_TUI_DIR/pod.git" \
		>"$HF_TUI_DIR/config/handoff/config"
	printf '[user]\n\tname = Ana Ruiz\n\temail = ana@pod.example\n' >"$HF_TUI_DIR/home/.gitconfig"
}

#| - `hf_tui_pass`: end the test successfully (results of earlier failed runs are removed).
hf_tui_pass() {
	rm -rf "$HF_TUI_RESULTS"
	exit 0
}
