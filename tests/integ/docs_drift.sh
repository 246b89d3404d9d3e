#!/usr/bin/env bash
# docs_drift.sh: every subcommand and test hook the binary knows is in the man page
set -u
# nothing from the caller's locale, zone or home
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent
src=${HF_SRCDIR:?}
bin=${HANDOFF_BIN:?}
fail=0
while IFS= read -r cmd; do
	grep -q "^\.B $cmd\b" "$src/man/handoff.1" || { echo "man page lacks command '$cmd'"; fail=1; }
done < <("$bin" --help | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\)  .*/\1/p')
for var in HANDOFF_DB HANDOFF_NOW HANDOFF_TRACE HANDOFF_TEST_IDLE; do
	grep -q "^\.B $var\$" "$src/man/handoff.1" || { echo "man page ENVIRONMENT lacks $var"; fail=1; }
	grep -rq "$var" "$src/src" || { echo "$var documented but not used in src/"; fail=1; }
done
exit $fail
