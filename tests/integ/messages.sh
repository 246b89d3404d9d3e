#!/usr/bin/env bash
# messages.sh: what a newcomer's slips get told: a mistyped source type (one line, the near name), a url that is a missing folder, an unknown model (its near names, else the pod's models), help without a trailing blank, counts of one in the singular
. "${HF_SRCDIR:?}/tests/lib/common.sh" messages
export HANDOFF_NOW=2026-12-05T10:00:00Z
cfg=$t/config/handoff/config
mkdir -p "$t/config/handoff"
# out CMD...: stdout and stderr of a command, then its exit status on a line of its own
out() { "$@" 2>&1; echo "exit $?"; }

printf '[source "pod"]\n\ttype = gti\n\turl = %s\n' "$t" >"$cfg"
check "a mistyped type: one warning with the near type, then why nothing syncs" diff - <(out "$bin" sync) <<EOF
handoff: warning: $cfg: source.pod.type: unknown source type 'gti' (did you mean 'git'?): source ignored
handoff: error: nothing to sync: every source of '$cfg' is ignored (see the warning above)
exit 2
EOF

printf '[source "pod"]\n\ttype = git\n\turl = ~/nopod\n' >"$cfg"
check "a url with ~: the folder is missing and ~ is not expanded" diff - <(out "$bin" sync) <<EOF
handoff: error: source 'pod': no folder '~/nopod' (url): '~' is not expanded in the configuration, write the full path
exit 2
EOF
printf '[source "pod"]\n\ttype = git\n\turl = %s/nopod\n' "$t" >"$cfg"
check "a url that is a missing folder says so" diff - <(out "$bin" sync) <<EOF
handoff: error: source 'pod': no folder '$t/nopod' (url): No such file or directory
exit 2
EOF

# a pod of one member, one model, no sprint now
mkdir -p "$t/pod/models/fraud-detector"
printf '{ "name": "solo", "members": [ {"handle": "ana", "role": "research"} ] }\n' >"$t/pod/pod.json"
printf '{ "owners": {"research": "ana", "engineering": "ana"}, "slos": [ {"metric": "auc", "op": ">=", "target": 0.9} ] }\n' \
	>"$t/pod/models/fraud-detector/contract.json"
"$git" init -q -b main "$t/pod"
"$git" -C "$t/pod" add -A
"$git" -C "$t/pod" -c user.name=Ana -c user.email=ana@example.org commit -q -m start
printf '[source "pod"]\n\ttype = git\n\turl = %s/pod\n' "$t" >"$cfg"
"$bin" sync >/dev/null 2>&1
check "an unknown model near a known one" diff - <(out "$bin" check fraud-detectr) <<EOF
handoff: error: unknown model 'fraud-detectr'; did you mean 'fraud-detector'?
exit 2
EOF
check "an unknown model near none: the pod's models" diff - <(out "$bin" check nosuch) <<EOF
handoff: error: unknown model 'nosuch' (the pod's models: 'fraud-detector')
exit 2
EOF
check "help of a command without arguments ends its usage line cleanly" \
	test "$("$bin" help version | head -n 1)" = "usage: handoff version"
"$bin" status >"$t/status" 2>&1
check "one member is a member" grep -qx "pod: solo (1 member: 1 research, 0 engineering, 0 product)" "$t/status"
check "no sprint today" grep -qx "sprint: no sprint runs today" "$t/status"
exit $fail
