# ssh.sh: the TUI through `ssh -t` at 80x24 on xterm-256color, screen, linux and vt100, with LANG unset and C.UTF-8: ASCII where the terminal is not UTF-8, a clean screen after q
. "$HF_SRCDIR/tests/tui/lib.sh"

T=$HF_TUI_DIR/ssh
HF_PIDS=()
mkdir -p "$T"
HOME=$HF_TUI_DIR/home
. "$HF_SRCDIR/tests/lib/sshd.sh"
# on a failure, ssh's own log and the server's join the screen in the results folder
trap '[ -n "${passed:-}" ] || { mkdir -p "$HF_TUI_RESULTS"; cp "$T/ssh.log" "$SSHD_DIR/sshd.log" "$HF_TUI_RESULTS/" 2>/dev/null; }
	for p in "${HF_PIDS[@]}"; do kill "$p" 2>/dev/null; done; hf_tui__cleanup' EXIT

sshd_start
ssh_keygen "$T/id" ed25519
ssh_authorize "$T/id.pub"
known_host >"$T/known_hosts"

# The engineer's side: ssh -t into the same machine, handoff run there with the
# environment the test gives (LANG only when HF_REMOTE_LANG says so, as a
# server that does not accept the client's LANG); ssh forwards TERM. After the
# session ends the pane stays until the test has looked at it.
cat >"$T/handoff-over-ssh" <<EOF
#!/bin/bash
remote="env -i"
for v in HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME HANDOFF_DB TZ HANDOFF_NOW HANDOFF_TEST_IDLE HANDOFF_DATADIR TMPDIR PATH; do
	remote+=" \$v=\$(printf '%q' "\${!v}")"
done
[ -z "\${HF_REMOTE_LANG:-}" ] || remote+=" LANG=\$HF_REMOTE_LANG"
# ncurses dlopens libgpm for TERM=linux, which leaks at exit from a module
# already unloaded (LeakSanitizer cannot name it to suppress it): no gpm here
remote+=" NCURSES_GPM_TERMS="
remote+=' TERM="\$TERM" '\$(printf '%q ' "$HANDOFF_BIN" "\$@")
ssh -E $T/ssh.log -F /dev/null -p $SSHD_PORT -i $T/id -o IdentitiesOnly=yes -o BatchMode=yes \\
	-o UserKnownHostsFile=$T/known_hosts -o StrictHostKeyChecking=yes -o LogLevel=ERROR \\
	-t -t $SSH_USER@127.0.0.1 "\$remote"
rc=\$?
until [ -e $T/release ]; do sleep 0.05; done
exit \$rc
EOF
chmod +x "$T/handoff-over-ssh"
HANDOFF_BIN=$T/handoff-over-ssh

# TERM LANG MODE: what the pod screen shows (MODE ascii, utf8 or mono), and the screen after q
try() {
	local term=$1 lang=$2 mode=$3 screen
	rm -f "$T/release"
	HF_TUI_ENV=(TERM="$term" HF_REMOTE_LANG="$lang")
	echo "--- TERM=$term LANG='$lang'" >>"$T/ssh.log"
	hf_tui_start 80 24 --demo
	hf_tui_wait_text "churn-predictor"
	screen=$(hf_tui_capture)
	case $mode in
	ascii)
		echo "$screen" | grep -qF "churn-predictor ******* 19/19 ++  v4 champion   ana>sam" ||
			fail "TERM=$term LANG='$lang': the pod screen is not in ASCII"
		LC_ALL=C grep -q $'[\x80-\xff]' <<<"$screen" && fail "TERM=$term LANG='$lang': a byte that is not ASCII"
		;;
	utf8)
		echo "$screen" | grep -qF "churn-predictor ●●●●●●● 19/19 ✓✓  v4 champion   ana→sam" ||
			fail "TERM=$term LANG='$lang': the pod screen is not in UTF-8"
		;;
	mono)
		# UTF-8 but no colours (a VT100): the mono theme's SLO marks, as without colour anywhere
		echo "$screen" | grep -qF "churn-predictor ●●●●●●● 19/19 ++  v4 champion   ana→sam" ||
			fail "TERM=$term LANG='$lang': the pod screen is not UTF-8 with the mono theme's marks"
		;;
	esac
	# q: back to a clean screen (the alternate screen where there is one, else a clear)
	hf_tui__tmux send-keys q
	local deadline=$((SECONDS + HF_TUI_TIMEOUT))
	until [ -z "$(hf_tui_capture | tr -d '[:space:]')" ]; do
		[ $SECONDS -lt $deadline ] || fail "TERM=$term LANG='$lang': the screen is not clean after q"
		sleep 0.05
	done
	touch "$T/release"
	[ "$(hf_tui_exit_status)" = 0 ] || fail "TERM=$term LANG='$lang': exit status $(cat "$HF_TUI_DIR/status")"
	hf_tui_stop
}

try xterm-256color "" utf8
try xterm-256color C.UTF-8 utf8
try screen "" utf8
try screen C.UTF-8 utf8
try linux "" ascii
try linux C.UTF-8 utf8
try vt100 "" ascii
try vt100 C.UTF-8 mono
passed=1
hf_tui_pass
