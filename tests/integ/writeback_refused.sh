# writeback_refused.sh: a server that says no (a pre-receive hook) is quoted, sanitised; the action stays; the next push lands it
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/writeback.sh"
export HANDOFF_NOW=2026-11-29T10:00:00Z

wb_start
head=$("$GIT" -C "$bare" rev-parse HEAD)

# the hook says why, with a terminal escape in its words
cat >"$bare/hooks/pre-receive" <<'HOOK'
#!/bin/sh
printf 'main is protected: ask \033[31ma maintainer\033[0m\n' >&2
exit 1
HOOK
chmod +x "$bare/hooks/pre-receive"
rc=0
out=$(run_as ana tick fraud-detector infer.optimised --evidence https://ci.example/run/9) || rc=$?
assert_eq "refused: exit 1" 1 "$rc"
assert_contains "refused, kept" "$out" "refused (action 1, kept in the outbox): pre-receive hook declined"
assert_contains "the server's own words, sanitised" "$out" "main is protected: ask ␛[31ma maintainer␛[0m"
case $out in *$'\033'*) fail "a raw escape reached the terminal: $out" ;; esac
assert_eq "remote untouched" "$head" "$("$GIT" -C "$bare" rev-parse HEAD)"
assert_eq "outbox: refused" "refused" "$(sql_as ana "SELECT state FROM outbox WHERE id=1")"
assert_eq "still shown, pending" "done True" "$(run_as ana show fraud-detector --json |
	pyjson '" ".join(str(i[k]) for i in d["checklist"]["items"] if i["id"]=="infer.optimised" for k in ("state","pending"))')"

# the branch opens again: the next push lands it
rm "$bare/hooks/pre-receive"
out=$(run_as ana push) || fail "push after the hook went: $out"
assert_contains "landed" "$out" "landed   1 fraud-detector: infer.optimised done"
assert_eq "on the remote" "fraud-detector: infer.optimised done (evidence https://ci.example/run/9)" \
	"$("$GIT" -C "$bare" log -1 --format=%s)"
assert_fast_forwards "$bare"
echo ok
