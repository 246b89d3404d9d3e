# writeback_race.sh: four people, each with a clone and a database of their own, 100 actions at once on one pod: all land, none lost, no force
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/writeback.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z

# a sprint of 80 items: each person moves 20 of them (one file: every push races the others)
# and sets their own capacity 5 times (the same entry, one person: never a conflict)
wb_pod "$T/work"
"$PYTHON3" - "$T/work/sprints/2026-12.json" <<'PY'
import json, sys
items = [{"id": "S-%d" % i, "title": "item %d" % i, "kind": "shared", "owner": "ana",
          "points": 1, "status": "todo", "blocked_by": None, "links": []} for i in range(1, 81)]
doc = {"id": "2026-12", "name": "race", "start": "2026-11-23", "end": "2026-12-18",
       "capacity": {"ana": 1, "raj": 1, "li": 1, "sam": 1}, "items": items}
open(sys.argv[1], "w").write(json.dumps(doc, indent=2) + "\n")
PY
"$PYTHON3" - "$T/work/pod.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["members"] += [{"handle": "li", "name": "Li Wei", "role": "research", "timezone": "UTC"},
                 {"handle": "sam", "name": "Sam Okoro", "role": "engineering", "timezone": "UTC"}]
open(sys.argv[1], "w").write(json.dumps(d, indent=2) + "\n")
PY
commit_all "$T/work" "A sprint to race on" "2026-11-04T10:00:00Z"
mkdir -p "$T/served"
wb_serve "$T/work" "$T/served/pod.git"
bare=$T/served/pod.git
gitd_start_rw "$T/served"
url="git://127.0.0.1:$GITD_PORT/pod.git"
people=(ana raj li sam)
for k in 0 1 2 3; do
	p=${people[$k]}
	wb_person "$p" "Person $p" "$p@pod.example" "$url"
	run_as "$p" sync >/dev/null || fail "$p's sync"
done

race() { # race K: person K's 25 actions, one after another
	local k=$1 p=${people[$1]} n=0
	for i in $(seq 1 20); do
		run_as "$p" sprint move "S-$((k * 20 + i))" done >>"$T/$p.out" 2>&1 || n=$((n + 1))
		if [ $((i % 4)) -eq 0 ]; then
			run_as "$p" sprint capacity "$p" $((i / 4 + 5)) >>"$T/$p.out" 2>&1 || n=$((n + 1))
		fi
	done
	echo "$n" >"$T/$p.failed"
}
racers=()
for k in 0 1 2 3; do
	race "$k" &
	racers+=($!)
done
wait "${racers[@]}"

# some may still wait (the branch kept moving): one more push each flushes them
for p in "${people[@]}"; do
	run_as "$p" push >/dev/null 2>&1 || run_as "$p" push >>"$T/$p.out" 2>&1 ||
		fail "$p: $(cat "$T/$p.out" | tail -5)"
done
for p in "${people[@]}"; do
	assert_eq "$p: every action landed" "landed 25" \
		"$(sql_as "$p" "SELECT state || ' ' || count(*) FROM outbox GROUP BY state")"
done
assert_eq "100 commits after the start" 100 "$("$GIT" -C "$bare" rev-list --count "$("$GIT" -C "$T/work" rev-parse HEAD)..main")"
final=$(served_file "$bare" sprints/2026-12.json | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
print(sum(1 for i in d["items"] if i["status"] == "done"), len(d["items"]),
      " ".join("%s=%s" % kv for kv in sorted(d["capacity"].items())))')
assert_eq "the final file" "80 80 ana=10 li=10 raj=10 sam=10" "$final"
assert_fast_forwards "$bare"
echo ok
