# sync_race.sh: two syncs of one source at once (the second waits, or with --no-wait names the first), another source syncs meanwhile, readers never fail during a sync (the first is held mid-fetch by the replay server)
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"
start_server
make_pod "$T/pod" fraud-detector=fraud-detector
hf sync >/dev/null 2>"$T/err" || { cat "$T/err"; fail "first sync"; }

# the next registry sync is held mid-fetch (its model search waits for /__release): it holds the lock
ctl /__reset '{}' >/dev/null
ctl /__faults '{"kind": "hold", "route": "registered-models/search", "count": 1}' >/dev/null
"$HANDOFF_BIN" --config "$CONFIG" sync registry --full >/dev/null 2>"$T/first.err" &
first=$!
for _ in $(seq 1 600); do
	[ "$(stat "s['held']")" -ge 1 ] && break
	sleep 0.05
done
[ "$(stat "s['held']")" -ge 1 ] || fail "the first sync never reached the server"

# --no-wait: says plainly that a sync is running, which process, since when; no database error
rc=0
hf sync registry --no-wait >/dev/null 2>"$T/nowait.err" || rc=$?
[ $rc = 2 ] || { cat "$T/nowait.err"; fail "--no-wait during a sync: exit status $rc"; }
grep -q "source 'registry': a sync of it is already running (pid $first, since [0-9:]* UTC)" "$T/nowait.err" ||
	{ cat "$T/nowait.err"; fail "--no-wait does not name the running sync"; }

# readers never fail while the sync runs; another source syncs meanwhile
hf status >/dev/null 2>"$T/reader.err" || { cat "$T/reader.err"; fail "status during a sync"; }
hf models >/dev/null 2>"$T/reader.err" || { cat "$T/reader.err"; fail "models during a sync"; }
hf show fraud-detector >/dev/null 2>"$T/reader.err" || { cat "$T/reader.err"; fail "show during a sync"; }
hf sync pod >/dev/null 2>"$T/pod.err" || { cat "$T/pod.err"; fail "another source during a sync"; }
kill -0 $first 2>/dev/null || { cat "$T/first.err"; fail "the held sync ended"; }

# a second sync of the same source waits for the first (it cannot finish while the first holds the lock)
"$HANDOFF_BIN" --config "$CONFIG" sync registry >/dev/null 2>"$T/second.err" &
second=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	kill -0 $second 2>/dev/null || { cat "$T/second.err"; fail "the second sync did not wait for the first"; }
	sleep 0.1
done
ctl /__release '{}' >/dev/null
wait $first || { cat "$T/first.err"; fail "the first sync failed"; }
wait $second || { cat "$T/second.err"; fail "the second sync failed"; }
for f in "$T/first.err" "$T/second.err" "$T/nowait.err" "$T/pod.err" "$T/reader.err"; do
	grep -qi "locked" "$f" && { cat "$f"; fail "'database is locked' in $(basename "$f")"; }
done
# both ran, one after the other: the second started after the first finished
q "SELECT id, pid, started, finished, ok FROM sync_run WHERE source = 'registry' ORDER BY id" >"$T/runs"
assert_eq "$(tail -2 "$T/runs" | cut -d'|' -f5 | tr '\n' ' ')" "1 1 " "both syncs recorded ok"
assert_eq "$(tail -2 "$T/runs" | cut -d'|' -f2 | tr '\n' ' ')" "$first $second " "the first process's run, then the second's"
[ "$(tail -1 "$T/runs" | cut -d'|' -f3)" -ge "$(tail -2 "$T/runs" | head -1 | cut -d'|' -f4)" ] ||
	fail "the second sync started before the first finished"
assert_eq "$(q 'SELECT count(*) FROM sync_lock')" 0 "no lock left"

# a lock left by a process that was killed is taken over, and that run is logged as interrupted
q "INSERT INTO sync_lock (source, pid, pid_start, started) VALUES ('registry', 999999, 1, 1796032800)"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync after a dead holder"; }
assert_eq "$(q "SELECT count(*) FROM sync_run WHERE source = 'registry' AND pid = 999999 AND error LIKE 'interrupted: process 999999 ended%'")" 1 "the interrupted run"
echo "ok"
