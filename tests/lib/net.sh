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
