#!/usr/bin/env bash
# bench/git-bench.sh: time the git source: full first sync vs `git clone --bare`, and a one-file incremental sync at 500 and 5,000 models
# usage: bench/git-bench.sh [HANDOFF_BIN]   (not part of make check; prints figures, asserts nothing)
# Build handoff without sanitizers for figures that mean something (ASan slows it several times).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-${HANDOFF_BIN:-$here/../handoff}}
B=$(mktemp -d "${TMPDIR:-/tmp}/handoff-git-bench.XXXXXX")
GITD_PID=
trap 'if [ -n "$GITD_PID" ]; then kill "$GITD_PID"; wait "$GITD_PID" 2>/dev/null; fi; rm -rf "$B"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@pod.example \
	GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@pod.example
unset HANDOFF_TRACE HANDOFF_NOW

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# run NAME CMD...: run CMD once, print and remember its wall time in ms, and print its CPU time
# (user + system, children included): on a shared machine the wall time also counts waiting for a core
declare -A ms
run() {
	local name=$1 t0 cpu
	shift
	t0=$(now_ms)
	cpu=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
	ms[$name]=$(($(now_ms) - t0))
	printf '  %-44s %8d ms wall %8d ms cpu\n' "$name" "${ms[$name]}" "$cpu"
}

# Both sides fetch from a real `git daemon` on 127.0.0.1, as from a team's server: git's own
# file:// transport and libgit2's local one build packs differently, which would measure that instead.
mkdir -p "$B/served"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
git daemon --reuseaddr --export-all --base-path="$B/served" --listen=127.0.0.1 --port="$port" "$B/served" 2>/dev/null &
GITD_PID=$!
deadline=$((SECONDS + 5))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	[ $SECONDS -lt $deadline ] || { echo "git daemon did not start" >&2; exit 1; }
done

# a hermetic home per measurement
home() {
	export HOME="$B/home-$1" XDG_CONFIG_HOME="$B/home-$1/.config" XDG_CACHE_HOME="$B/home-$1/.cache" \
		XDG_DATA_HOME="$B/home-$1/.local/share" HANDOFF_DB="$B/home-$1/handoff.db"
	mkdir -p "$XDG_CONFIG_HOME/handoff"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$2" >"$XDG_CONFIG_HOME/handoff/config"
}

# change_one REPO: one commit changing one file, made without a work tree
change_one() {
	local repo=$1 blob tree sub top commit
	blob=$(printf '{ "checklist": "default", "items": { "item.1": {"state": "done", "by": "raj", "at": "2026-12-01"} } }\n' |
		git -C "$repo" hash-object -w --stdin)
	sub=$(git -C "$repo" ls-tree main:models/model-00007 | sed "s/^100644 blob [0-9a-f]*\treadiness.json\$/100644 blob $blob\treadiness.json/" | git -C "$repo" mktree)
	tree=$(git -C "$repo" ls-tree main:models | sed "s/^040000 tree [0-9a-f]*\tmodel-00007\$/040000 tree $sub\tmodel-00007/" | git -C "$repo" mktree)
	top=$(git -C "$repo" ls-tree main | sed "s/^040000 tree [0-9a-f]*\tmodels\$/040000 tree $tree\tmodels/" | git -C "$repo" mktree)
	commit=$(git -C "$repo" commit-tree "$top" -p main -m "model-00007: one readiness change")
	git -C "$repo" update-ref refs/heads/main "$commit"
}

bench() {
	local models=$1 commits=$2 repo="$B/served/pod-$1.git" url="git://127.0.0.1:$port/pod-$1.git"
	echo "pod repository: $models models ($((models * 3 + 1)) files), $commits commits"
	git init -q --bare -b main "$repo"
	python3 "$here/git_gen.py" "$models" "$commits" | git -C "$repo" fast-import --quiet
	git -C "$repo" gc -q
	run "git clone --bare [$models]" git clone -q --bare "$url" "$B/clone-$models.git"
	home "$models" "$url"
	run "handoff sync, first (full) [$models]" "$bin" sync --quiet
	run "handoff sync, nothing changed [$models]" "$bin" sync --quiet
	change_one "$repo"
	run "handoff sync, one file changed [$models]" "$bin" sync --quiet
	run "git fetch of that change, for scale [$models]" git -C "$B/clone-$models.git" fetch -q origin main
	grep -q "1 files read" <<<"$(sqlite3 "$HANDOFF_DB" 'SELECT detail FROM sync_run ORDER BY id DESC LIMIT 1')" ||
		echo "  (warning: the incremental sync read more than one file)"
	printf '  %-44s %8.2f x\n' "full sync / bare clone [$models]" \
		"$(echo "${ms["handoff sync, first (full) [$models]"]} ${ms["git clone --bare [$models]"]}" | awk '{ printf "%.2f", $1 / ($2 ? $2 : 1) }')"
}

echo "handoff: $bin"
bench 500 2000
bench 5000 2000
printf '  %-44s %8.2f x\n' "one-file sync, 5,000 vs 500 models" \
	"$(echo "${ms["handoff sync, one file changed [5000]"]} ${ms["handoff sync, one file changed [500]"]}" | awk '{ printf "%.2f", $1 / ($2 ? $2 : 1) }')"
