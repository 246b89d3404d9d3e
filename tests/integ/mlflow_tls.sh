# mlflow_tls.sh: HTTPS to the registry: an unknown CA is refused, ca-file trusts it, insecure = true only when set
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"
command -v openssl >/dev/null || { echo "skip: no openssl"; exit 77; }

# a CA and a server certificate for 127.0.0.1 signed by it
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=handoff test CA" \
	-keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/srv.key" -out "$T/srv.csr" 2>/dev/null
printf 'subjectAltName = IP:127.0.0.1\n' >"$T/ext"
openssl x509 -req -in "$T/srv.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial -days 2 \
	-extfile "$T/ext" -out "$T/srv.pem" 2>/dev/null

start_server --tls "$T/srv.pem" "$T/srv.key"
URL=https://127.0.0.1:$PORT

# not trusted: the sync fails naming the URL, nothing is stored
write_config
if hf sync registry >/dev/null 2>"$T/err"; then fail "sync trusted an unknown CA"; fi
grep -q "cannot fetch 'https://127.0.0.1:$PORT/api/2.0/mlflow/registered-models/search" "$T/err" ||
	{ cat "$T/err"; fail "TLS failure does not name the URL"; }
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 0 "models after a refused certificate"

# insecure = false is the same as not set
write_config "insecure = false"
if hf sync registry >/dev/null 2>"$T/err"; then fail "insecure = false skipped the check"; fi

# ca-file trusts the CA
write_config "ca-file = $T/ca.pem"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with ca-file failed"; }
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "models over HTTPS"

# insecure = true skips the check (only when asked for)
rm -f "$HANDOFF_DB"
write_config "insecure = true"
hf sync registry >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync with insecure = true failed"; }
assert_eq "$(q 'SELECT count(*) FROM reg_model')" 6 "models with insecure = true"
echo "ok"
