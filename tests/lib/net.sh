# tests/lib/net.sh: ports on 127.0.0.1 for the servers tests start: a free one, and waiting until one accepts (uses the caller's fail)

# free_port: a TCP port on 127.0.0.1 nobody listens on now
free_port() {
	"${PYTHON3:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT: poll until something accepts on 127.0.0.1:PORT (30 s deadline: a loaded machine starts python slowly)
wait_port() {
	local port=$1 deadline=$((SECONDS + 30))
	while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || fail "nothing listens on port $port"
	done
}

# stop_pid PID: stop a server the test started in the background and reap it (nothing for no PID)
stop_pid() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# wait_port_file FILE PID ERRFILE WHAT: until the server PID has written the port it listens on to
# FILE; fails naming WHAT when it dies first (showing ERRFILE) or after 30 s
wait_port_file() {
	local deadline=$((SECONDS + 30))
	until [ -s "$1" ]; do
		kill -0 "$2" 2>/dev/null || { cat "$3" >&2; fail "$4 died"; }
		[ $SECONDS -lt $deadline ] || fail "$4 did not start"
		sleep 0.05
	done
}
