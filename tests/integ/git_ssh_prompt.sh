# tests/integ/git_ssh_prompt.sh: `handoff sync` on a terminal (tmux) asks for an ssh key's passphrase when no ssh-agent runs: not echoed, a wrong one named, the right one syncs
. "$HF_SRCDIR/tests/lib/gitd.sh"
. "$HF_SRCDIR/tests/lib/sshd.sh"
TMUX_BIN=${TMUX_BIN:-tmux}
command -v "$TMUX_BIN" >/dev/null || { echo "skip: no tmux"; exit 77; }
export TMUX_TMPDIR=$T/tmux
mkdir -p "$TMUX_TMPDIR"
unset TMUX SSH_AUTH_SOCK

make_pod "$T/work"
mkdir -p "$T/served"
"$GIT" clone -q --bare "$T/work" "$T/served/pod.git"
sshd_start
ssh_keygen "$T/id_pp" ed25519 "correct horse 7"
ssh_authorize "$T/id_pp.pub"
known_host >"$HOME/.ssh/known_hosts"
write_config pod "ssh://$SSH_USER@127.0.0.1:$SSHD_PORT$T/served/pod.git" ssh-key "$T/id_pp" timeout 8

tm() { "$TMUX_BIN" -L hf-prompt-$$ "$@"; }
trap 'tm kill-server 2>/dev/null; hf_cleanup' EXIT

# wait_screen TEXT: poll the pane until TEXT shows (10 s)
wait_screen() {
	local deadline=$((SECONDS + 10))
	until tm capture-pane -p | grep -qF -- "$1"; do
		[ $SECONDS -lt $deadline ] || { tm capture-pane -p; fail "'$1' never showed"; }
		sleep 0.05
	done
}

# run_sync PASSPHRASE [PAUSE]: handoff sync on a terminal, the passphrase typed at its prompt after PAUSE seconds; sets rc
run_sync() {
	rm -f "$T/rc"
	tm kill-server 2>/dev/null || true
	tm new-session -d -x 120 -y 12 "$(printf '%q ' env HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" HANDOFF_DB="$HANDOFF_DB" \
		LSAN_OPTIONS="$LSAN_OPTIONS" TERM=tmux-256color "$HANDOFF_BIN" sync); echo \$? >$(printf '%q' "$T/rc"); sleep 600"
	wait_screen "passphrase for ssh key '$T/id_pp':"
	# a person may take longer than the source's timeout to type: that is no stall
	[ -z "${2:-}" ] || sleep "$2"
	tm send-keys -l "$1"
	tm send-keys Enter
	local deadline=$((SECONDS + 20))
	until [ -s "$T/rc" ]; do
		[ $SECONDS -lt $deadline ] || { tm capture-pane -p; fail "sync did not end"; }
		sleep 0.05
	done
	rc=$(cat "$T/rc")
	tm capture-pane -p >"$T/screen"
}

run_sync "wrong horse"
[ "$rc" = 2 ] || { cat "$T/screen"; fail "a wrong passphrase: exit $rc, not 2"; }
grep -qF "wrong passphrase for the ssh key '$T/id_pp'" "$T/screen" || { cat "$T/screen"; fail "the wrong passphrase is not named"; }
grep -q "horse" "$T/screen" && { cat "$T/screen"; fail "the passphrase was echoed"; }

run_sync "correct horse 7" 9
[ "$rc" = 0 ] || { cat "$T/screen"; fail "the right passphrase: exit $rc"; }
grep -q "horse" "$T/screen" && { cat "$T/screen"; fail "the passphrase was echoed"; }
assert_eq "contracts" "fraud-detector ranker" \
	"$(sql 'SELECT group_concat(model, " ") FROM (SELECT model FROM contract ORDER BY model)')"
echo ok
