# tests/integ/git_http.sh: the git source over smart HTTP (`git http-backend` on 127.0.0.1), with a token from token-env
. "$HF_SRCDIR/tests/lib/gitd.sh"

make_pod "$T/work"
mkdir -p "$T/served"
"$GIT" clone -q --bare "$T/work" "$T/served/pod.git"
export HF_HTTP_TOKEN=s3cret-token-value
httpd_start "$T/served"
url="http://127.0.0.1:$HTTPD_PORT/pod.git"

# the server wants a credential and none is configured
write_config pod "$url"
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync without a token succeeded"
assert_contains "no token-env" "$err" "set token-env"

# token-env names a variable that is not set
write_config pod "$url" token-env POD_TOKEN
unset POD_TOKEN
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync with an unset token variable succeeded"
assert_contains "unset variable" "$err" "environment variable 'POD_TOKEN' (token-env) is not set"

# a wrong token is refused
err=$(POD_TOKEN=wrong "$HANDOFF_BIN" sync 2>&1) && fail "sync with a wrong token succeeded"
assert_contains "wrong token" "$err" "source 'pod': no access to '$url': the credential was refused"

# the right token: synced, and the token is in no message, trace or database row
trace=$(POD_TOKEN=$HF_HTTP_TOKEN HANDOFF_TRACE=1 "$HANDOFF_BIN" sync 2>&1) || fail "sync over http failed: $trace"
assert_eq "contracts" "fraud-detector ranker" "$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
assert_not_contains "token in trace" "$trace" "$HF_HTTP_TOKEN"
assert_not_contains "token in errors" "$err" "$HF_HTTP_TOKEN"
[ -z "$(sql "SELECT 1 FROM sync_run WHERE error LIKE '%$HF_HTTP_TOKEN%' OR detail LIKE '%$HF_HTTP_TOKEN%'")" ] ||
	fail "the token is in the sync log"

# credentials in the URL never reach a message
write_config pod "http://user:$HF_HTTP_TOKEN@127.0.0.1:1/pod.git"
err=$("$HANDOFF_BIN" sync 2>&1) && fail "sync of a closed port succeeded"
assert_not_contains "token from url" "$err" "$HF_HTTP_TOKEN"
assert_contains "redacted url" "$err" "http://127.0.0.1:1/pod.git"
exit 0
