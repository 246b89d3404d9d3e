#!/usr/bin/env bash
# bench/writeback-bench.sh: a tick to the remote beside `git commit` + `git push` of the same edit by hand; 4 racing writers x 25 actions
# usage: bench/writeback-bench.sh [HANDOFF_BIN] [ROUNDS]   (not part of make check; prints figures, asserts nothing)
# Build handoff without sanitizers for figures that mean something (ASan slows it several times).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-${HANDOFF_BIN:-$here/../handoff}}
rounds=${2:-20}
B=$(mktemp -d "${TMPDIR:-/tmp}/handoff-wb-bench.XXXXXX")
GITD_PID=
trap 'if [ -n "$GITD_PID" ]; then kill "$GITD_PID"; wait "$GITD_PID" 2>/dev/null; fi; rm -rf "$B"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Ana Ruiz" GIT_AUTHOR_EMAIL=ana@pod.example \
	GIT_COMMITTER_NAME="Ana Ruiz" GIT_COMMITTER_EMAIL=ana@pod.example LC_ALL=C.UTF-8 TZ=UTC
unset HANDOFF_TRACE HANDOFF_NOW

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# stats NAME FILE: median and 90th percentile of the numbers in FILE
stats() {
	sort -n "$2" | awk -v name="$1" '{ v[NR] = $1 } END {
		printf "  %-40s median %6d ms   p90 %6d ms   (%d runs)\n", name, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], NR }'
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- a pod, served twice by one `git daemon` that takes pushes: one remote for handoff, one for the hand
pod=$B/pod
mkdir -p "$pod/models/fraud-detector" "$pod/sprints" "$B/served"
cat >"$pod/pod.json" <<'JSON'
{ "name": "bench-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research", "timezone": "UTC"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering", "timezone": "UTC"},
               {"handle": "li", "name": "Li Wei", "role": "research", "timezone": "UTC"},
               {"handle": "sam", "name": "Sam Okoro", "role": "engineering", "timezone": "UTC"} ] }
JSON
printf '{ "owners": {"research": "ana", "engineering": "raj"}, "slos": [ {"metric": "auc", "op": ">=", "target": 0.9} ] }\n' \
	>"$pod/models/fraud-detector/contract.json"
cp "$here/../data/demo/pod/models/fraud-detector/readiness.json" "$pod/models/fraud-detector/readiness.json"
python3 - "$pod/sprints/2026-12.json" <<'PY'
import json, sys
items = [{"id": "S-%d" % i, "title": "item %d" % i, "kind": "shared", "owner": "ana", "points": 1,
          "status": "todo", "blocked_by": None, "links": []} for i in range(1, 101)]
json.dump({"id": "2026-12", "name": "bench", "start": "2026-11-23", "end": "2026-12-18",
           "capacity": {"ana": 8}, "items": items}, open(sys.argv[1], "w"), indent=2)
PY
git -C "$pod" init -q -b main
git -C "$pod" add -A
git -C "$pod" commit -q -m "The pod"
for r in tool hand race; do
	git clone -q --bare "$pod" "$B/served/$r.git"
	git -C "$B/served/$r.git" config receive.denyNonFastForwards true
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
git daemon --reuseaddr --export-all --enable=receive-pack --base-path="$B/served" --listen=127.0.0.1 \
	--port="$port" "$B/served" >/dev/null 2>&1 &
GITD_PID=$!
deadline=$((SECONDS + 5))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	[ $SECONDS -lt $deadline ] || { echo "git daemon did not start" >&2; exit 1; }
done

# person HOME HANDLE URL: a laptop of its own (home, git identity, config, database), synced
person() {
	local h="$B/people/$1"
	mkdir -p "$h/config/handoff"
	printf '[user]\n\tname = Person %s\n\temail = %s@pod.example\n' "$2" "$2" >"$h/.gitconfig"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[user]\n\thandle = %s\n' "$3" "$2" >"$h/config/handoff/config"
	as "$1" sync >/dev/null 2>&1
}
as() {
	local h="$B/people/$1"
	shift
	HOME=$h XDG_CONFIG_HOME=$h/config XDG_CACHE_HOME=$h/cache XDG_DATA_HOME=$h/data \
		HANDOFF_DB=$h/handoff.db "$bin" "$@"
}

echo "handoff write-back bench: $bin, $rounds rounds, git daemon on 127.0.0.1, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

# --- 1. one action to the remote: handoff tick / reopen, against the same edit by hand
person ana ana "git://127.0.0.1:$port/tool.git"
git clone -q "git://127.0.0.1:$port/hand.git" "$B/hand"
: >"$B/tool.ms"
: >"$B/hand.ms"
for i in $(seq 1 "$rounds"); do
	if [ $((i % 2)) -eq 1 ]; then
		args=(tick fraud-detector infer.optimised --evidence "https://ci.example/run/$i")
	else
		args=(reopen fraud-detector infer.optimised)
	fi
	t0=$(now_ms)
	as ana "${args[@]}" >/dev/null
	echo $(($(now_ms) - t0)) >>"$B/tool.ms"
	# by hand: the very same file handoff wrote, then commit and push
	git -C "$B/served/tool.git" show main:models/fraud-detector/readiness.json >"$B/next.json"
	t0=$(now_ms)
	cp "$B/next.json" "$B/hand/models/fraud-detector/readiness.json"
	git -C "$B/hand" commit -qam "fraud-detector: infer.optimised, by hand"
	git -C "$B/hand" push -q origin main 2>/dev/null
	echo $(($(now_ms) - t0)) >>"$B/hand.ms"
done
[ "$(git -C "$B/served/tool.git" rev-list --count main)" -eq $((rounds + 1)) ] || echo "  (not every tick landed!)"
stats "handoff tick|reopen, to the remote" "$B/tool.ms"
stats "git commit + git push by hand" "$B/hand.ms"
awk -v a="$(median "$B/tool.ms")" -v b="$(median "$B/hand.ms")" \
	'BEGIN { printf "  ratio (medians)                          %.2fx   (target <= 1.5x)\n", a / b }'
t0=$(now_ms)
as ana tick fraud-detector load.tested --no-push >/dev/null
echo "  handoff tick --no-push (local commit + view)   $(($(now_ms) - t0)) ms"

# --- 2. four people racing: 25 actions each on one sprint file
url="git://127.0.0.1:$port/race.git"
for p in ana raj li sam; do person "race-$p" "$p" "$url"; done
race() { # race K ID: person ID (home race-ID) moves items K*25+1 .. K*25+25
	local k=$1 p=$2
	for i in $(seq 1 25); do
		as "race-$p" sprint move "S-$((k * 25 + i))" done --json >>"$B/race-$p.json" 2>>"$B/race-$p.err" || true
	done
}
t0=$(now_ms)
pids=()
k=0
for p in ana raj li sam; do
	race "$k" "$p" &
	pids+=($!)
	k=$((k + 1))
done
wait "${pids[@]}"
total=$(($(now_ms) - t0))
python3 - "$B" "$total" <<'PY'
import glob, json, sys
b, total = sys.argv[1], int(sys.argv[2])
states, retries, n = {}, 0, 0
for f in glob.glob(b + "/race-*.json"):
    dec, text, i = json.JSONDecoder(), open(f).read(), 0
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        d, i = dec.raw_decode(text, i)
        n += 1
        states[d.get("state")] = states.get(d.get("state"), 0) + 1
        retries += d.get("retries", 0)
print("  4 writers x 25 actions, one file          %6d ms total, %d ms per action, %d retries (%.2f per action)"
      % (total, total // max(n, 1), retries, retries / max(n, 1)))
print("  outcomes: " + ", ".join("%s %d" % kv for kv in sorted(states.items())))
PY
echo "  commits on the remote: $(($(git -C "$B/served/race.git" rev-list --count main) - 1)) (expected 100)," \
	"$(git -C "$B/served/race.git" log --format=%s main | sort | uniq -d | wc -l) twice"
git -C "$B/served/race.git" log --format='    twice: %h %an %s' main | sort -k4 | uniq -f3 -D | head -4
