#!/usr/bin/env bash
# tests/integ/store_open.sh: opening the database: processes racing on a new one, newer/negative versions left untouched, read-only files, damage found before a sync writes and `sync --rebuild`
. "${HF_SRCDIR:?}/tests/lib/common.sh" store-open
export LC_ALL=C.UTF-8 TZ=UTC

# 15 new databases, each opened by 4 processes at once: every one migrates it or waits for the one that does
for r in $(seq 1 15); do
	for i in 1 2 3 4; do
		HANDOFF_DB=$t/race-$r.db "$bin" status >/dev/null 2>"$t/race-$r-$i.err" || echo "exit $?" >>"$t/race-$r-$i.err" &
	done
	wait
done
check "racing processes all open the new database" test -z "$(cat "$t"/race-*.err)"
cat "$t"/race-*.err | sort | uniq -c

# a database of a newer handoff (or one in rollback-journal mode) is refused and not altered, not even its journal mode
"$bin" status >/dev/null || { echo "FAIL: status on a new database"; exit 1; }
# the TUI's start asks whether any SLO is checked live: an index lookup, not a scan of every SLO
check "live SLOs found through an index" grep -q "INDEX slo_live" \
	<<<"$(sqlite3 "$HANDOFF_DB" "EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM slo WHERE live_query IS NOT NULL)")"
# the model list reads the models only a broken file names from the errors alone, not every warning
check "broken files' models found through the errors index" grep -q "INDEX problem_errors" \
	<<<"$(sqlite3 "$HANDOFF_DB" "EXPLAIN QUERY PLAN SELECT path FROM problem WHERE severity = 0 AND path LIKE 'models/%/%'")"
sqlite3 "$HANDOFF_DB" "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999" >/dev/null
sum=$(md5sum <"$HANDOFF_DB")
err=$("$bin" status 2>&1)
check "newer schema: exit 2" test $? -eq 2
check "newer schema: says so" grep -q "has schema version 999, newer than this handoff knows" <<<"$err"
check "newer schema: the file is unchanged" test "$sum" = "$(md5sum <"$HANDOFF_DB")"
check "newer schema: no write-ahead log made" test ! -e "$HANDOFF_DB-wal"

# a negative version is not handoff's: a message, not "not an error"
sqlite3 "$HANDOFF_DB" "PRAGMA user_version = -3"
err=$("$bin" status 2>&1)
check "negative version: exit 2" test $? -eq 2
check "negative version: says what it is" grep -q "has schema version -3, which no handoff writes" <<<"$err"
check "negative version: not 'not an error'" eval '! grep -q "not an error" <<<"$err"'
check "negative version: the file is unchanged" test "$(sqlite3 "$HANDOFF_DB" "PRAGMA user_version")" = -3

# read-only files: read commands work and write nothing. Root may write anything, so as root the
# reads run as nobody (setpriv), from a copy of the binary and folders nobody can read
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$t/ro" HANDOFF_DB="$1" \
			XDG_CONFIG_HOME="$t/ro/config" "$t/ro/handoff" "${@:2}"
	else
		env HANDOFF_DB="$1" "$bin" "${@:2}"
	fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
	echo "skip read-only part: root without setpriv"
else
	mkdir -p "$t/ro/journal" "$t/ro/wal"
	cp "$bin" "$t/ro/handoff"
	chmod 755 "$t" "$t/ro"
	# one in rollback-journal mode in a folder the reader may write
	HANDOFF_DB=$t/ro/journal/h.db "$bin" status >/dev/null
	sqlite3 "$t/ro/journal/h.db" "PRAGMA journal_mode = DELETE" >/dev/null
	[ "$(id -u)" = 0 ] && chown 65534 "$t/ro/journal"
	chmod 444 "$t/ro/journal/h.db"
	sum=$(md5sum <"$t/ro/journal/h.db")
	out=$(as_reader "$t/ro/journal/h.db" status 2>&1)
	check "read-only file: status works" test $? -eq 0 || echo "$out"
	check "read-only file: pod line" grep -q "^pod: " <<<"$out"
	check "read-only file: unchanged" test "$sum" = "$(md5sum <"$t/ro/journal/h.db")"
	check "read-only file: still in rollback-journal mode" \
		test "$(sqlite3 "file:$t/ro/journal/h.db?mode=ro" "PRAGMA journal_mode")" = delete
	# one in WAL mode in a folder the reader may not write (SQLite cannot make its -shm file)
	HANDOFF_DB=$t/ro/wal/h.db "$bin" status >/dev/null
	chmod 444 "$t/ro/wal/h.db"
	chmod 555 "$t/ro/wal"
	out=$(as_reader "$t/ro/wal/h.db" models --json 2>&1)
	check "read-only file and folder: models works" test $? -eq 0 || echo "$out"
	check "read-only file and folder: no models" grep -q '"models": \[\]' <<<"$out"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$t/nowhere" >"$t/ro/config.txt"
	chmod 644 "$t/ro/config.txt"
	out=$(as_reader "$t/ro/wal/h.db" --config "$t/ro/config.txt" sync 2>&1)
	check "read-only: sync fails" test $? -eq 2
	check "read-only: sync says the database is read-only" grep -q "read-only" <<<"$out" || echo "$out"
	chmod 755 "$t/ro/wal"
fi

# a damaged database: found before a sync writes into it, with what to do; --rebuild makes it anew
rm -f "$HANDOFF_DB" "$HANDOFF_DB"-*
cp -r "$HF_SRCDIR/data/demo/pod" "$t/pod"
"$git" -C "$t/pod" init -q
pod_sync
page_size=$(sqlite3 "$HANDOFF_DB" "PRAGMA page_size")
root=$(sqlite3 "$HANDOFF_DB" "SELECT rootpage FROM sqlite_master WHERE name = 'reg_alias_history'")
sqlite3 "$HANDOFF_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# a page the git sync does not read: nothing fails until something reads it
printf '\377\377\377\377\377\377\377\377' | dd of="$HANDOFF_DB" bs=1 seek=$(((root - 1) * page_size)) conv=notrunc status=none
sum=$(md5sum <"$HANDOFF_DB")
echo "more" >>"$t/pod/README.md"
"$git" -C "$t/pod" add -A
"$git" -C "$t/pod" -c user.name=Lead -c user.email=lead@example.org commit -q -m "a change"
err=$("$bin" sync 2>&1)
check "damaged: sync exits 2" test $? -eq 2
check "damaged: says so, and that it is a cache" grep -q "is damaged (.*): the database is only a cache of the sources" <<<"$err" || echo "$err"
check "damaged: offers the rebuild" grep -q "handoff sync --rebuild" <<<"$err"
check "damaged: the sync wrote nothing" test "$sum" = "$(md5sum <"$HANDOFF_DB")"
out=$("$bin" sync --rebuild 2>&1)
check "rebuild: exit 0" test $? -eq 0 || echo "$out"
check "rebuild: the database is whole" test "$(sqlite3 "$HANDOFF_DB" "PRAGMA quick_check")" = ok
check "rebuild: the pod is back" grep -q "^pod: demo-pod" <<<"$("$bin" status)"
err=$("$bin" sync --rebuild pod 2>&1)
check "rebuild of one source: refused" test $? -eq 2
check "rebuild of one source: says why" grep -q "name no source" <<<"$err"

# a damaged header: every command says what to do
printf 'this is not sqlite' | dd of="$HANDOFF_DB" bs=1 seek=0 conv=notrunc status=none
rm -f "$HANDOFF_DB"-*
err=$("$bin" status 2>&1)
check "damaged header: exit 2" test $? -eq 2
check "damaged header: the cache hint" grep -q "only a cache of the sources: delete it and run 'handoff sync'" <<<"$err" || echo "$err"
exit $fail
