#!/usr/bin/env bash
# cli_basics.sh: help, version, exit codes, database precedence and an empty pod's status
. "${HF_SRCDIR:?}/tests/lib/common.sh" cli
unset HANDOFF_DB

"$bin" --help >"$t/help" 2>&1
check "--help exits 0" test $? -eq 0
check "--help lists status" grep -q '^  status ' "$t/help"
"$bin" --version >"$t/ver"
check "--version prints the package" grep -q '^handoff [0-9]' "$t/ver"
"$bin" help status >"$t/hs"
check "help status shows its usage" grep -q 'usage: handoff status \[--json\]' "$t/hs"

"$bin" frobnicate 2>"$t/err"
check "unknown command exits 2" test $? -eq 2
check "unknown command is named" grep -q "no command 'frobnicate'" "$t/err"
"$bin" status --bogus 2>"$t/err"
check "unknown option exits 2" test $? -eq 2
check "unknown option is named" grep -q "unknown option '--bogus'" "$t/err"

# an empty database is an empty pod, not an error; default path is XDG_DATA_HOME
"$bin" status --json >"$t/s.json"
check "status on an empty db exits 0" test $? -eq 0
check "default db under XDG_DATA_HOME" test -f "$t/data/handoff/handoff.db"
check "status JSON has schema 1" python3 -c "import json,sys; d=json.load(open('$t/s.json')); sys.exit(0 if d['schema']==1 and d['models']==[] and d['sync']==[] and d['errors']==[] else 1)"

# precedence: --db over HANDOFF_DB over the default
HANDOFF_DB=$t/env.db "$bin" status >/dev/null
check "HANDOFF_DB is used" test -f "$t/env.db"
HANDOFF_DB=$t/env2.db "$bin" --db "$t/flag.db" status >/dev/null
check "--db wins over HANDOFF_DB" test -f "$t/flag.db"
check "HANDOFF_DB not used when --db given" test ! -e "$t/env2.db"

# global options anywhere on the command line, as git takes its own (issue 18, item 10)
"$bin" status --no-color >/dev/null 2>"$t/err"
check "--no-color after the command" test $? -eq 0
"$bin" status --json --db "$t/after.db" >/dev/null
check "--db after the command's own option" test -f "$t/after.db"
"$bin" models --demo --json >"$t/demo.json"
check "--demo after the command" grep -q '"churn-predictor"' "$t/demo.json"
"$bin" show churn-predictor --at --demo 2>"$t/err"
check "a command option's value is not a global option" grep -q "invalid time '--demo'" "$t/err"
"$bin" status -- --no-color 2>"$t/err"
check "nothing after -- is a global option" test $? -eq 2
"$bin" status --db 2>"$t/err"
check "a global option without its value" grep -q "option '--db' needs a PATH" "$t/err"
"$bin" status --no-color=yes 2>"$t/err"
check "a global flag given a value" grep -q "option '--no-color' takes no value" "$t/err"
check "--help says where global options go" grep -q '^global options (before or after the command):' "$t/help"

# a database from a newer handoff is refused, clearly
sqlite3 "$t/flag.db" 'PRAGMA user_version = 999'
"$bin" --db "$t/flag.db" status 2>"$t/err"
check "newer schema exits 2" test $? -eq 2
check "newer schema says so" grep -q 'newer than this handoff knows' "$t/err"

exit $fail
