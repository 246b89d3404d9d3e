# tests/integ/git_ssh.sh: the git source over ssh against a private sshd on 127.0.0.1: host keys (unknown, changed, known, hashed, port rule, RSA-only), key files (ed25519, ECDSA, RSA, wrong, missing, ~), ssh-agent, passphrases, the user tried, the scp-like form on port 22
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/sshd.sh"

make_pod "$T/work"
mkdir -p "$T/served"
"$GIT" clone -q --bare "$T/work" "$T/served/pod.git"
"$GIT" -C "$T/work" remote add origin "$T/served/pod.git"

# sync_ok WHAT: a sync that works; the contracts are there
sync_ok() {
	HANDOFF_TRACE=1 "$HANDOFF_BIN" sync </dev/null >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "$1: sync failed"; }
	assert_eq "$1: contracts" "fraud-detector ranker" \
		"$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
}

# sync_fails WHAT TEXT...: a sync that fails, its message holding every TEXT
sync_fails() {
	local what=$1 s
	shift
	if HANDOFF_TRACE=1 "$HANDOFF_BIN" sync </dev/null >"$T/out" 2>"$T/err"; then
		fail "$what: sync succeeded"
	fi
	for s in "$@"; do
		grep -qF -- "$s" "$T/err" || { cat "$T/err"; fail "$what: no '$s' in the message"; }
	done
	grep -q $'\xe2\x90\x8a' "$T/err" && { cat "$T/err"; fail "$what: a raw line end (shown as U+240A) in the message"; }
	return 0
}

# --- port 22 in a network namespace of its own (root only): the scp-like form ---
if [ "${HF_SSH_NETNS:-}" = 1 ]; then
	"$PYTHON3" - <<'EOF'
import fcntl, socket, struct
s = socket.socket()
flags = struct.unpack("16sH14s", fcntl.ioctl(s, 0x8913, struct.pack("16sH14s", b"lo", 0, b"")))[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH14s", b"lo", flags | 1, b""))
EOF
	SSHD_PORT_WANTED=22 sshd_start
	ssh_keygen "$T/id_ed" ed25519
	ssh_authorize "$T/id_ed.pub"
	known_host 22 >"$HOME/.ssh/known_hosts"
	grep -q '^127\.0\.0\.1 ' "$HOME/.ssh/known_hosts" || fail "port 22: known_hosts line is not for the plain host"
	write_config pod "$SSH_USER@127.0.0.1:$T/served/pod.git" ssh-key "$T/id_ed"
	sync_ok "scp-like on port 22"
	grep -q "host key of '127.0.0.1' (ssh-ed25519 SHA256:.*): known" "$T/err" || { cat "$T/err"; fail "port 22: the host is not named plainly"; }
	# the scp-like form with a password: refused (libgit2 takes 'user' for the host), never shown
	write_config pod "$SSH_USER:S3CRETPW@127.0.0.1:$T/served/pod.git" ssh-key "$T/id_ed"
	HANDOFF_TRACE=1 "$HANDOFF_BIN" sync </dev/null >"$T/out" 2>"$T/err" || true
	"$HANDOFF_BIN" status >>"$T/out" 2>&1 || true
	if grep -a -q S3CRETPW "$T/out" "$T/err" "$HANDOFF_DB"*; then fail "port 22: the scp-like password shows"; fi
	echo "scp-like form on port 22: ok"
	exit 0
fi

sshd_start
url="ssh://$SSH_USER@127.0.0.1:$SSHD_PORT$T/served/pod.git"
for k in ed:ed25519 ec:ecdsa rsa:rsa wrong:ed25519; do ssh_keygen "$T/id_${k%%:*}" "${k#*:}"; done
ssh_keygen "$T/id_pp" ed25519 "correct horse 7"
ssh_authorize "$T/id_ed.pub" "$T/id_ec.pub" "$T/id_rsa.pub" "$T/id_pp.pub"
host_fp=$(ssh-keygen -l -E sha256 -f "$SSHD_DIR/host_ed25519.pub" | awk '{print $2}')
write_config pod "$url" ssh-key "$T/id_ed"

# --- host keys ---
sync_fails "unknown host" "the host key of '[127.0.0.1]:$SSHD_PORT' is unknown: it shows ssh-ed25519 $host_fp" \
	"ssh-keyscan -p $SSHD_PORT 127.0.0.1 >> ~/.ssh/known_hosts"
# a line without the port is for port 22 only (OpenSSH's rule), and the message says so
known_host | sed "s/^\[127\.0\.0\.1\]:$SSHD_PORT /127.0.0.1 /" >"$HOME/.ssh/known_hosts"
sync_fails "port rule" "is unknown" "a line for '127.0.0.1' without a port is for port 22 only"
# a changed key: someone in the middle, or a rebuilt server
ssh_keygen "$T/other_host" ed25519
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$T/other_host.pub")" >"$HOME/.ssh/known_hosts"
sync_fails "changed host key" "the host key of '[127.0.0.1]:$SSHD_PORT' has CHANGED: it now shows ssh-ed25519 $host_fp" \
	"ssh-keygen -R '[127.0.0.1]:$SSHD_PORT' && ssh-keyscan -p $SSHD_PORT 127.0.0.1 >> ~/.ssh/known_hosts"
# known, in a hashed known_hosts (Debian's ssh hashes the names it adds)
known_host >"$HOME/.ssh/known_hosts"
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
grep -q '^|1|' "$HOME/.ssh/known_hosts" || fail "known_hosts was not hashed"
sync_ok "known host, hashed known_hosts, ed25519 key"
grep -q "host key of '\[127.0.0.1\]:$SSHD_PORT' (ssh-ed25519 $host_fp): known" "$T/err" || { cat "$T/err"; fail "trace of the host check"; }
known_host >"$HOME/.ssh/known_hosts"

# the server's own message, without the line end it sends
write_config pod "ssh://$SSH_USER@127.0.0.1:$SSHD_PORT$T/served/none.git" ssh-key "$T/id_ed"
sync_fails "no such repository" "does not appear to be a git repository"
"$HANDOFF_BIN" status >"$T/status" 2>&1 || true
grep -q "does not appear to be a git repository" "$T/status" || { cat "$T/status"; fail "status lacks the server's message"; }
grep -q $'\xe2\x90\x8a' "$T/status" && { cat "$T/status"; fail "status shows the server's line end"; }
write_config pod "$url" ssh-key "$T/id_ed"

# --- fetching a change over ssh ---
sed -i 's/"target": 50/"target": 45/' "$T/work/models/ranker/contract.json"
commit_all "$T/work" "ranker: p99 to 45 ms" "2026-11-21T09:00:00Z"
"$GIT" -C "$T/work" push -q origin main
sync_ok "fetch after a push"
assert_eq "fetched change" "45.0" "$(sql "SELECT target FROM slo WHERE model='ranker' AND metric='latency_p99_ms'")"

# --- key files ---
write_config pod "$url" ssh-key "$T/id_ec"
sync_ok "ECDSA key"
cp "$T/id_ed" "$HOME/.ssh/id_ed25519"
write_config pod "$url" ssh-key "~/.ssh/id_ed25519"
sync_ok "~ in ssh-key"
write_config pod "$url" ssh-key "~/.ssh/id_missing"
sync_fails "missing key file" "source 'pod': ssh-key '~/.ssh/id_missing' ($HOME/.ssh/id_missing): no such file"
write_config pod "$url" ssh-key "$T/id_wrong"
sync_fails "wrong key" "no access to '$url': the server refused the key '$T/id_wrong' for user '$SSH_USER'" \
	"authorized_keys"
write_config pod "$url" ssh-key "$T/id_rsa"
sync_fails "RSA key" "the server refused the key '$T/id_rsa' for user '$SSH_USER': it is an RSA key" \
	"OpenSSH 8.8 and later" "use an ed25519 or ECDSA key"
# no user in the URL: which user was tried, and how to name one
write_config pod "ssh://127.0.0.1:$SSHD_PORT$T/served/pod.git" ssh-key "$T/id_ed"
sync_fails "no user" "for user 'git' (the URL names no user, so handoff tried 'git': write ssh://USER@host/path)"
# a key with a passphrase, no agent, no terminal: the problem named
unset SSH_AUTH_SOCK
write_config pod "$url" ssh-key "$T/id_pp"
sync_fails "passphrase, no agent" "the ssh key '$T/id_pp' has a passphrase and no ssh-agent is running" "ssh-add $T/id_pp"
write_config pod "$url"
sync_fails "no key, no agent" "no ssh-key is set for source 'pod' and no ssh-agent is running (SSH_AUTH_SOCK is not set)"

# --- ssh-agent ---
agent_start
sync_fails "empty agent" "ssh-agent holds no key to offer for user '$SSH_USER'"
ssh-add -q "$T/id_rsa" 2>/dev/null
sync_fails "RSA-only agent" "the server refused every key ssh-agent offered for user '$SSH_USER' (ssh-rsa): they are RSA keys"
ssh-add -q -D 2>/dev/null
ssh-add -q "$T/id_ed" 2>/dev/null
sync_ok "agent"
grep -q "git: ssh-agent for user '$SSH_USER'" "$T/err" || { cat "$T/err"; fail "agent: not in the trace"; }
# a passphrase key through the agent
ssh-add -q -D 2>/dev/null
printf '#!/bin/sh\necho "correct horse 7"\n' >"$T/askpass"
chmod +x "$T/askpass"
SSH_ASKPASS=$T/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 ssh-add -q "$T/id_pp" </dev/null 2>/dev/null
write_config pod "$url" ssh-key "$T/id_pp"
sync_ok "passphrase key through the agent"
grep -q "has a passphrase: ssh-agent for user '$SSH_USER'" "$T/err" || { cat "$T/err"; fail "passphrase key: agent not in the trace"; }
agent_stop

# --- a password in every ssh URL form, through failures and success: shown nowhere ---
for scheme in ssh git+ssh ssh+git; do
	purl="$scheme://$SSH_USER:S3CRETPW@127.0.0.1:$SSHD_PORT$T/served/pod.git"
	write_config pod "$purl" ssh-key "$T/id_wrong"
	sync_fails "$scheme password, refused" "no access to '$scheme://$SSH_USER@127.0.0.1:$SSHD_PORT$T/served/pod.git'"
	mv "$HOME/.ssh/known_hosts" "$T/kh"
	sync_fails "$scheme password, unknown host" "is unknown"
	mv "$T/kh" "$HOME/.ssh/known_hosts"
	write_config pod "$purl" ssh-key "$T/id_ed"
	sync_ok "$scheme password, right key"
	"$HANDOFF_BIN" status >>"$T/out" 2>&1
	"$HANDOFF_BIN" status --json >>"$T/out" 2>&1
	if grep -a -q S3CRETPW "$T/out" "$T/err" "$HANDOFF_DB" "$HANDOFF_DB-wal" 2>/dev/null; then
		fail "$scheme: the URL's password shows"
	fi
done

# --- a server whose only host key is RSA ---
sshd_stop
ssh_keygen "$SSHD_DIR/host_rsa" rsa
sshd_start "$SSHD_DIR/host_rsa"
known_host >"$HOME/.ssh/known_hosts"
write_config pod "ssh://$SSH_USER@127.0.0.1:$SSHD_PORT$T/served/pod.git" ssh-key "$T/id_ed"
sync_fails "RSA host key" "no host key could be agreed with '[127.0.0.1]:$SSHD_PORT': ~/.ssh/known_hosts holds only its RSA key" \
	"OpenSSH 8.8 and later" "ssh-keyscan -t ed25519,ecdsa -p $SSHD_PORT 127.0.0.1 >> ~/.ssh/known_hosts"
sshd_stop

# --- the scp-like form on port 22: only in a network namespace of our own, which needs root ---
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
	HF_SSH_NETNS=1 unshare -n bash "$0" || fail "the scp-like form on port 22"
else
	echo "not tested: the scp-like form on port 22 (binding port 22 in a private network namespace needs root and unshare)"
fi
echo ok
