# mlflow_write.sh: write-back (set tag, set/delete alias, outbox push) against the replay server, then a sync sees the changes
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"

DRIVER=$HF_BUILDDIR/tests/unit/test_registry_push
[ -x "$DRIVER" ] || { echo "skip: $DRIVER not built"; exit 77; }

TOKEN=tok-write-7781
start_server --token "$TOKEN"
write_config "token-env = HF_TEST_MLFLOW_TOKEN"
export HF_TEST_MLFLOW_TOKEN=$TOKEN HF_TEST_MLFLOW_URL=$URL
"$DRIVER" || fail "write-back driver"

# every write went out as MLflow expects it (JSON body, Bearer token), and the server state changed
assert_eq "$(stat "s['requests'].get('/api/2.0/mlflow/registered-models/alias')")" 8 "alias calls"
assert_eq "$(stat "s['requests'].get('/api/2.0/mlflow/model-versions/set-tag')")" 3 "set-tag calls"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync after write-back"; }
assert_eq "$(q "SELECT group_concat(alias || '=' || version, ' ') FROM (SELECT * FROM reg_alias WHERE model = 'fraud-detector' ORDER BY alias)")" \
	"champion=3" "fraud-detector aliases after write-back"
assert_eq "$(q "SELECT value FROM reg_version_tag WHERE model = 'fraud-detector' AND version = '3' AND key = 'handoff.review'")" approved "version tag"
assert_eq "$(q "SELECT version FROM reg_alias WHERE model = 'team-a/ranker v2 (50% traffic) it''s' AND alias = 'prod-candidate'")" 2 "alias on a special name"
assert_eq "$(q "SELECT value FROM reg_version_tag WHERE model = 'churn-predictor' AND version = '4' AND key = 'handoff.ready'")" yes "pushed tag"
assert_eq "$(q "SELECT version FROM reg_alias WHERE model = 'churn-predictor' AND alias = 'challenger'")" 2 "pushed alias"
assert_eq "$(q "SELECT count(*) FROM reg_alias WHERE model LIKE 'Mod%'")" 0 "pushed alias delete"
echo "ok"
