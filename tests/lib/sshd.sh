# tests/lib/sshd.sh: a private OpenSSH server on 127.0.0.1 for the git-over-ssh tests: its own host keys, config and authorized_keys, as root or not
# Source it after tests/lib/gitd.sh or tests/tui/lib.sh: it needs T (a temp dir), HOME, HF_PIDS (pids to
# kill at exit) and fail.
# sshd serves the user running the test (root or not): git-upload-pack runs as that user.

. "$HF_SRCDIR/tests/lib/net.sh"
SSHD_BIN=${SSHD_BIN:-/usr/sbin/sshd}
[ -x "$SSHD_BIN" ] || { echo "skip: no $SSHD_BIN (Debian package openssh-server)"; exit 77; }
command -v ssh-keygen >/dev/null || { echo "skip: no ssh-keygen"; exit 77; }
SSH_USER=$(id -un)
# libgit2 1.5.1's ssh transport leaks (see the file); handoff's ssh code is leak-checked by tests/unit/test_git_ssh
export LSAN_OPTIONS="suppressions=$HF_SRCDIR/tests/integ/lsan-libgit2-ssh.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
SSHD_DIR=$T/sshd
mkdir -p "$SSHD_DIR" "$HOME/.ssh"
chmod 700 "$HOME/.ssh"

# ssh_keygen FILE TYPE [PASSPHRASE]: a new key pair FILE, FILE.pub (ed25519, ecdsa, rsa)
ssh_keygen() {
	ssh-keygen -q -t "$2" -N "${3:-}" -C "test-$2" -f "$1" </dev/null >/dev/null
}

# sshd_write_config HOSTKEY...: the server's config naming the given host key files
sshd_write_config() {
	local k
	{
		echo "Port $SSHD_PORT"
		echo "ListenAddress 127.0.0.1"
		for k in "$@"; do echo "HostKey $k"; done
		echo "PidFile none"
		echo "AuthorizedKeysFile $SSHD_DIR/authorized_keys"
		echo "StrictModes no"
		echo "UsePAM no"
		echo "PasswordAuthentication no"
		echo "KbdInteractiveAuthentication no"
		echo "PubkeyAuthentication yes"
		echo "PermitRootLogin prohibit-password"
		echo "AllowUsers $SSH_USER"
		echo "LogLevel VERBOSE"
	} >"$SSHD_DIR/sshd_config"
}

# sshd_start [HOSTKEY...]: start sshd on a free port (default host key: a new ed25519 one); sets SSHD_PORT, SSHD_PID
sshd_start() {
	local keys=("$@")
	if [ ${#keys[@]} -eq 0 ]; then
		[ -f "$SSHD_DIR/host_ed25519" ] || ssh_keygen "$SSHD_DIR/host_ed25519" ed25519
		keys=("$SSHD_DIR/host_ed25519")
	fi
	: >>"$SSHD_DIR/authorized_keys"
	SSHD_PORT=${SSHD_PORT_WANTED:-$(free_port)}
	sshd_write_config "${keys[@]}"
	# as root, sshd wants its privilege separation folder (a fresh machine's boot makes it)
	[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
	"$SSHD_BIN" -t -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/check.log" || { cat "$SSHD_DIR/check.log"; fail "sshd refuses its config"; }
	"$SSHD_BIN" -D -e -f "$SSHD_DIR/sshd_config" 2>>"$SSHD_DIR/sshd.log" &
	SSHD_PID=$!
	HF_PIDS+=("$SSHD_PID")
	wait_port "$SSHD_PORT"
}

sshd_stop() {
	kill "$SSHD_PID" 2>/dev/null || true
	wait "$SSHD_PID" 2>/dev/null || true
}

# ssh_authorize PUBFILE...: the server accepts these client keys
ssh_authorize() {
	cat "$@" >>"$SSHD_DIR/authorized_keys"
}

# known_host [PORT]: the line ssh-keyscan gives for the server (as [127.0.0.1]:PORT unless PORT is 22)
known_host() {
	ssh-keyscan -p "${1:-$SSHD_PORT}" 127.0.0.1 2>/dev/null | grep -v '^#'
}

# agent_start: a private ssh-agent; sets SSH_AUTH_SOCK and SSH_AGENT_PID (exported)
agent_start() {
	export SSH_AUTH_SOCK=$T/agent.sock
	ssh-agent -a "$SSH_AUTH_SOCK" -s >"$T/agent.env"
	SSH_AGENT_PID=$(sed -n 's/^SSH_AGENT_PID=\([0-9]*\);.*/\1/p' "$T/agent.env")
	export SSH_AGENT_PID
	HF_PIDS+=("$SSH_AGENT_PID")
}

agent_stop() {
	kill "$SSH_AGENT_PID" 2>/dev/null || true
	unset SSH_AUTH_SOCK SSH_AGENT_PID
}
