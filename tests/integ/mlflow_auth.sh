# mlflow_auth.sh: registry credentials: Bearer token from token-env, ~/.netrc; 401 names the variable; the token never leaks
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"

TOKEN='tok-S3cret-value-4242'
start_server --token "$TOKEN"
write_config "token-env = HF_TEST_REGISTRY_TOKEN"

# no token set: 401, the message names the variable
unset HF_TEST_REGISTRY_TOKEN
if hf sync registry >/dev/null 2>"$T/err"; then fail "sync without a token succeeded"; fi
grep -q "answered 401: check the token in the environment variable 'HF_TEST_REGISTRY_TOKEN' (it is not set)" "$T/err" ||
	{ cat "$T/err"; fail "401 without a token does not name the variable"; }

# a wrong token: 401 naming the variable, and the wrong value is not echoed
if HF_TEST_REGISTRY_TOKEN=wrong-value-9137 hf sync registry >/dev/null 2>"$T/err"; then fail "sync with a wrong token succeeded"; fi
grep -q "check the token in the environment variable 'HF_TEST_REGISTRY_TOKEN'" "$T/err" || fail "401 does not name the variable"
! grep -q wrong-value-9137 "$T/err" || fail "the wrong token was printed"

# the right token: the sync works, with tracing on, and the token appears nowhere
export HF_TEST_REGISTRY_TOKEN=$TOKEN
HANDOFF_TRACE=1 hf sync registry >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "sync with the token failed"; }
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "models with the token"
grep -q "trace: GET http://127.0.0.1:$PORT/api/2.0/mlflow/registered-models/search" "$T/err" || fail "trace lacks the URL"
[ "$(stat "s['auth_headers']")" -gt 0 ] || fail "no Authorization header reached the server"
hf status --json >"$T/status.json" 2>&1 || true
hf status >"$T/status.txt" 2>&1 || true
for f in "$T/out" "$T/err" "$T/status.json" "$T/status.txt" "$HANDOFF_DB" "$HANDOFF_DB-wal" "$HANDOFF_DB-shm"; do
	if [ -f "$f" ] && grep -a -q "$TOKEN" "$f"; then
		fail "the token appears in $(basename "$f")"
	fi
done
sqlite3 "$HANDOFF_DB" .dump | grep -q "$TOKEN" && fail "the token appears in the database dump"

# ~/.netrc: user and password for the host when no token variable is configured
unset HF_TEST_REGISTRY_TOKEN
ctl /__config '{"token": null, "basic": "ana:pw-netrc-77"}' >/dev/null
write_config
rm -f "$HANDOFF_DB"
if hf sync registry >/dev/null 2>"$T/err"; then fail "sync without netrc succeeded"; fi
grep -q "answered 401: set 'token-env' for source 'registry' or a login for the host in ~/.netrc" "$T/err" ||
	{ cat "$T/err"; fail "401 without token-env does not say what to set"; }
printf 'machine 127.0.0.1\nlogin ana\npassword pw-netrc-77\n' >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with ~/.netrc failed"; }
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "models with netrc"
grep -a -q "pw-netrc-77" "$HANDOFF_DB" && fail "the netrc password appears in the database"

# user:password in the url: used, but shown nowhere (trace, errors, database)
rm -f "$HOME/.netrc"
ctl /__config '{"basic": "bob:pw-url-55"}' >/dev/null
URL=http://bob:pw-url-55@127.0.0.1:$PORT write_config
HANDOFF_TRACE=1 hf sync registry >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "sync with a password in the url failed"; }
grep -q "trace: GET http://127.0.0.1:$PORT/api/2.0/mlflow/registered-models/search" "$T/err" ||
	fail "trace does not show the url without its password"
URL=http://bob:wrong-pw-66@127.0.0.1:$PORT write_config
if HANDOFF_TRACE=1 hf sync registry >>"$T/out" 2>>"$T/err"; then fail "a wrong url password was accepted"; fi
# the searches run side by side (or the ordered listing alone): whichever is answered first names its url
grep -qE "'http://127\.0\.0\.1:$PORT/api/2\.0/mlflow/(registered-models|model-versions)/search\?max_results=[0-9]+[^']*' answered 401" "$T/err" ||
	{ cat "$T/err"; fail "401 message lacks the url"; }
hf status --json >"$T/status.json" 2>&1 || true
for f in "$T/out" "$T/err" "$T/status.json" "$HANDOFF_DB" "$HANDOFF_DB-wal"; do
	if [ -f "$f" ] && grep -a -q -e pw-url-55 -e wrong-pw-66 "$f"; then
		fail "a url password appears in $(basename "$f")"
	fi
done
echo "ok"
