# tests/integ/git_secrets.sh: a password in a source URL, in every URL form and through every failure, is in no output, trace, status or database row
. "$HF_SRCDIR/tests/lib/gitd.sh"

SECRET=S3CRETPW
make_pod "$T/work"
mkdir -p "$T/served"
"$GIT" clone -q --bare "$T/work" "$T/served/pod.git"
export HF_HTTP_TOKEN=right-pass-1234
httpd_start "$T/served"
closed=$(free_port)

# no_secret WHAT: the secret is in none of the outputs, the database or its WAL
no_secret() {
	local f
	for f in "$T/out" "$T/err" "$T/status" "$T/status.json" "$HANDOFF_DB" "$HANDOFF_DB-wal"; do
		if [ -f "$f" ] && grep -a -q "$SECRET" "$f"; then
			echo "--- $f" >&2
			grep -a "$SECRET" "$f" | head -5 >&2
			fail "$1: the password is in $(basename "$f")"
		fi
	done
}

# try WHAT URL EXPECTED: sync (traced) fails with EXPECTED in its message; nothing shows the secret
try() {
	local what=$1 url=$2 expected=$3
	write_config pod "$url"
	if HANDOFF_TRACE=1 "$HANDOFF_BIN" sync >"$T/out" 2>"$T/err"; then
		fail "$what: sync succeeded"
	fi
	grep -q -- "$expected" "$T/err" || { cat "$T/err"; fail "$what: no '$expected' in the message"; }
	"$HANDOFF_BIN" status >"$T/status" 2>&1 || true
	"$HANDOFF_BIN" status --json >"$T/status.json" 2>&1 || true
	grep -q -- "$expected" "$T/status" || { cat "$T/status"; fail "$what: status does not show the failure"; }
	no_secret "$what"
}

# a port libgit2 refuses to parse: its message quotes the whole URL
for scheme in ssh git+ssh ssh+git; do
	try "$scheme:// malformed" "$scheme://tok:$SECRET@127.0.0.1:99999/pod.git" \
		"malformed URL '$scheme://tok@127.0.0.1:99999/pod.git'"
	try "$scheme:// refused" "$scheme://tok:$SECRET@127.0.0.1:$closed/pod.git" \
		"'$scheme://tok@127.0.0.1:$closed/pod.git'"
done
# the scp-like form: libgit2 takes 'tok' for the host
try "scp-like" "tok:$SECRET@127.0.0.1:pod.git" "'tok@127.0.0.1:pod.git'"
try "scp-like path" "tok:$SECRET@127.0.0.1:/srv/pod.git" "'tok@127.0.0.1:/srv/pod.git'"
# http(s): closed port, a wrong password, a missing repository (user and password both go)
for scheme in http https; do
	try "$scheme closed" "$scheme://tok:$SECRET@127.0.0.1:$closed/pod.git" "'$scheme://127.0.0.1:$closed/pod.git'"
done
try "http wrong password" "http://tok:$SECRET@127.0.0.1:$HTTPD_PORT/pod.git" \
	"no access to 'http://127.0.0.1:$HTTPD_PORT/pod.git'"
try "http missing repository" "http://tok:$SECRET@127.0.0.1:$HTTPD_PORT/none.git" \
	"'http://127.0.0.1:$HTTPD_PORT/none.git'"
# a token as the user name
try "http token user" "http://$SECRET@127.0.0.1:$closed/pod.git" "'http://127.0.0.1:$closed/pod.git'"
# the password percent-encoded in the URL never shows decoded either
try "encoded" "https://tok:S3CR%45TPW@127.0.0.1:$closed/pod.git" "'https://127.0.0.1:$closed/pod.git'"

# a registry URL that is not http(s) names the url without its password
cat >"$XDG_CONFIG_HOME/handoff/config" <<EOF
[source "registry"]
	type = mlflow
	url = ftp://tok:$SECRET@127.0.0.1:$closed/
EOF
"$HANDOFF_BIN" sync >"$T/out" 2>"$T/err" && fail "an ftp registry synced"
grep -q "url 'ftp://127.0.0.1:$closed/' is not http:// or https://" "$T/err" || { cat "$T/err"; fail "ftp url message"; }
"$HANDOFF_BIN" status >"$T/status" 2>&1 || true
no_secret "mlflow ftp url"

# the right password over http: synced, and still shown nowhere
SECRET=right-pass-1234
write_config pod "http://tok:$SECRET@127.0.0.1:$HTTPD_PORT/pod.git"
HANDOFF_TRACE=1 "$HANDOFF_BIN" sync >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "sync with the right password"; }
grep -q "trace: git: connect 'http://127.0.0.1:$HTTPD_PORT/pod.git'" "$T/err" || { cat "$T/err"; fail "trace names the url"; }
"$HANDOFF_BIN" status >"$T/status" 2>&1
"$HANDOFF_BIN" status --json >"$T/status.json" 2>&1
no_secret "synced over http"
echo ok
