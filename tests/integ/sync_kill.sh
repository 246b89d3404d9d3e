# sync_kill.sh: kill -9 at random moments of syncs of a large pod and a large registry: each source is left old or new, never a mix, integrity_check clean, the next sync repairs
set -euo pipefail
: "${HANDOFF_BIN:?run through make check}" "${HF_SRCDIR:?run through make check}"
PYTHON3=${PYTHON3:-python3}
GIT=${GIT:-git}
WANT=${HF_KILLS:-50}
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
command -v curl >/dev/null || { echo "skip: no curl"; exit 77; }

. "$HF_SRCDIR/tests/lib/hermetic.sh" kill
. "$HF_SRCDIR/tests/lib/replay.sh"
cleanup() {
	replay_stop
	rm -rf "$T"
}
trap cleanup EXIT

# the pod: 150 models (3 files each) and history; state B changes every contract
"$GIT" init -q --bare -b main "$T/pod.git"
"$PYTHON3" "$HF_SRCDIR/bench/git_gen.py" 150 20 | "$GIT" -C "$T/pod.git" fast-import --quiet
"$GIT" clone -q "$T/pod.git" "$T/work"
A=$("$GIT" -C "$T/pod.git" rev-parse refs/heads/main)
for f in "$T"/work/models/*/contract.json; do
	sed -i 's/"target": 0.9/"target": 0.8/' "$f"
done
"$GIT" -C "$T/work" -c user.name=k -c user.email=k@example.org commit -q -am "state B"
"$GIT" -C "$T/work" push -q origin HEAD:main
B=$("$GIT" -C "$T/pod.git" rev-parse refs/heads/main)

# the registry: 300 generated models x 3 versions, each with a run
replay_start "$HF_SRCDIR/tests/shared/fixtures/mlflow" --generate 300
printf '[source "pod"]\n\ttype = git\n\turl = %s\n[source "registry"]\n\ttype = mlflow\n\turl = %s\n\truns = all\n' \
	"$T/pod.git" "$URL" >"$T/config.ini"
hf() {
	"$HANDOFF_BIN" --config "$T/config.ini" "$@"
}
# state S (A or B) at the sources: the pod's branch and, in the registry, every alias and a tag
to_state() {
	"$GIT" -C "$T/pod.git" update-ref refs/heads/main "$([ "$1" = A ] && echo "$A" || echo "$B")"
	ctl /__bulk "{\"alias\": \"champion\", \"version\": \"$([ "$1" = A ] && echo 2 || echo 3)\", \"value\": \"$1\"}" >/dev/null ||
		fail "control call /__bulk"
}
pod_view() {
	sqlite3 "$HANDOFF_DB" "SELECT model, metric, op, target FROM slo ORDER BY model, position;
		SELECT value FROM source_state WHERE source = 'pod' AND key = 'commit'" | md5sum | cut -c1-12
}
reg_dump() {
	sqlite3 "$HANDOFF_DB" "SELECT model, alias, version FROM reg_alias ORDER BY model, alias;
		SELECT model, version, value FROM reg_version_tag WHERE key = 'bulk' ORDER BY model, version;
		SELECT model, value FROM reg_model_tag WHERE key = 'bulk' ORDER BY model;
		SELECT count(*) FROM run_metric"
}
reg_view() {
	reg_dump | md5sum | cut -c1-12
}
now_ms() { date +%s%3N; }

# the two views, each reached by a sync left to finish; and how long a sync takes
to_state A
hf sync --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync to A"; }
podA=$(pod_view) regA=$(reg_view)
reg_dump >"$T/regA"
to_state B
t0=$(now_ms)
hf sync --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync to B"; }
span=$(($(now_ms) - t0))
podB=$(pod_view) regB=$(reg_view)
reg_dump >"$T/regB"
[ "$podA" != "$podB" ] && [ "$regA" != "$regB" ] || fail "states A and B look the same"

RANDOM=42
state=B
killed=0
# until WANT syncs were killed while running (a loaded machine makes some finish first), at most 2 x WANT tries
for ((i = 1; killed < WANT && i <= 2 * WANT; i++)); do
	state=$([ $state = A ] && echo B || echo A)
	to_state $state
	"$HANDOFF_BIN" --config "$T/config.ini" sync --full >/dev/null 2>&1 &
	pid=$!
	delay=$((RANDOM % (span / 2 + 1)))
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	if kill -9 $pid 2>/dev/null; then
		killed=$((killed + 1))
	fi
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 "$HANDOFF_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill $i"
	p=$(pod_view) r=$(reg_view)
	[ "$p" = "$podA" ] || [ "$p" = "$podB" ] || fail "kill $i ($delay ms): the pod's view is a mix"
	if [ "$r" != "$regA" ] && [ "$r" != "$regB" ]; then
		reg_dump >"$T/regX"
		diff "$T/regA" "$T/regX" | head -5 >&2
		diff "$T/regB" "$T/regX" | head -5 >&2
		fail "kill $i ($delay ms): the registry's view is a mix"
	fi
	# now and then, let a sync finish: it takes over the dead process's lock and reaches the state
	if [ $((i % 10)) = 0 ]; then
		hf sync --full >/dev/null 2>"$T/err" || { cat "$T/err"; fail "a sync after kill $i"; }
		[ "$(pod_view) $(reg_view)" = "$([ $state = A ] && echo "$podA $regA" || echo "$podB $regB")" ] ||
			fail "the sync after kill $i did not reach state $state"
	fi
done
[ $killed -ge "$WANT" ] || fail "only $killed of $((i - 1)) syncs were still running when killed ($WANT wanted)"
echo "ok: $killed of $((i - 1)) syncs killed while running"
