# inbox.sh: the inbox view (i, :inbox) at 80x24 and 160x48: the unread count in the status line, what changed on the user's models since the last look, opening it marks it read (a new process agrees), Enter jumps to the model; the mine view (M, :mine) lists what is the user's to do and Enter opens the model; without [user] handle both say how to set it
. "$HF_SRCDIR/tests/tui/lib.sh"
GIT=${GIT:-git}

repo=$HF_TUI_DIR/pod
mkdir -p "$repo/models/fraud-detector" "$repo/models/churn"
"$GIT" -C "$repo" init -q -b main
commit() {
	"$GIT" -C "$repo" add -A
	"$GIT" -C "$repo" -c user.name=raj -c user.email=raj@example.org commit -q -m "$1"
}
cli() {	# the CLI on the TUI's database, configuration and clock
	HANDOFF_DB=$HF_TUI_DIR/handoff.db HANDOFF_NOW=$HF_TUI_NOW "$HANDOFF_BIN" "$@"
}
cat >"$repo/pod.json" <<'JSON'
{"name": "inbox-pod", "members": [{"handle": "ana", "role": "research"}, {"handle": "raj", "role": "engineering"},
 {"handle": "li", "role": "research"}]}
JSON
cat >"$repo/models/fraud-detector/contract.json" <<'JSON'
{"owners": {"research": "ana", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.92}]}
JSON
cat >"$repo/models/churn/contract.json" <<'JSON'
{"owners": {"research": "li", "engineering": "raj"},
 "slos": [{"metric": "accuracy", "op": ">=", "target": 0.8}]}
JSON
commit pod
mkdir -p "$HF_TUI_DIR/config/handoff"
printf '[source "pod"]\n\ttype = git\n\turl = %s\n' "$repo" >"$HF_TUI_DIR/config/handoff/config"

# without [user] handle: i and :inbox say how to set it
HF_TUI_NOW=2026-11-29T09:00:00Z
cli sync >/dev/null 2>&1 || fail "first sync"
hf_tui_start 80 24
hf_tui_wait_text "inbox-pod"
hf_tui_keys i
hf_tui_row 22 | grep -q '^inbox needs \[user\] handle = YOUR-HANDLE in /' ||
	fail "i without a handle: $(hf_tui_row 22)"
hf_tui_keys M
hf_tui_row 22 | grep -q '^mine needs \[user\] handle' || fail "M without a handle: $(hf_tui_row 22)"
hf_tui_stop

# ana marks the first sync read; raj ticks items on both models the next day
printf '[user]\n\thandle = ana\n' >>"$HF_TUI_DIR/config/handoff/config"
cli inbox --mark-read >/dev/null || fail "mark read"
HF_TUI_NOW=2026-11-30T12:00:00Z
cat >"$repo/models/fraud-detector/readiness.json" <<'JSON'
{"items": {"data.sources": {"state": "done", "by": "raj", "at": "2026-11-30", "evidence": "https://x/1"},
 "repro.validated": {"state": "done", "by": "raj", "at": "2026-11-30", "evidence": "https://x/2"}}}
JSON
cp "$repo/models/fraud-detector/readiness.json" "$repo/models/churn/readiness.json"
commit "tick items"
cli sync >/dev/null 2>&1 || fail "second sync"

# 80x24: the count in the status line, then the view
hf_tui_start 80 24
hf_tui_wait_text "inbox: 3 new (i)"
hf_tui_keys i
hf_tui_wait_text "Inbox of ana"
hf_tui_assert_screen_file "$HF_SRCDIR/tests/tui/inbox/inbox-80x24.screen"
# seen there: read, the count goes; a new process agrees
hf_tui_keys Escape
hf_tui_wait_text "inbox-pod"
hf_tui_assert_hasnt "inbox: 3 new"
[ "$(cli inbox)" = "nothing new since you last looked" ] || fail "the CLI still has unread lines: $(cli inbox)"
# :inbox again: the same lines, read, under EARLIER; Enter on one opens its model
hf_tui_keys : i n b o x Enter
hf_tui_wait_text "EARLIER"
hf_tui_assert_row 0 " Inbox of ana   0 new since 2026-11-30 12:00, 3 read this week"
hf_tui_assert_row 2 " EARLIER (read, the last 7 days)"
hf_tui_capture | grep -q '^   11-30 12:00 fraud-detector  item     repro.validated ticked (raj)$' ||
	fail "a read line is marked new"
hf_tui_keys j Enter
hf_tui_wait_text "evidence"
hf_tui_row 0 | grep -q "fraud-detector" || fail "Enter did not open the model: $(hf_tui_row 0)"
hf_tui_stop

# 160x48: a sync with news while the TUI runs raises the count; the wide view shows whole lines
HF_TUI_NOW=2026-12-01T08:00:00Z
sed -i 's/"repro.validated": {"state": "done"/"repro.validated": {"state": "todo"/' "$repo/models/fraud-detector/readiness.json"
# and a sprint gives ana an item: a line of its own, Enter opens the sprint board
mkdir -p "$repo/sprints"
cat >"$repo/sprints/2026-12.json" <<'JSON'
{"id": "2026-12", "start": "2026-11-30", "end": "2026-12-11", "capacity": {"ana": 5},
 "items": [{"id": "S-1", "title": "Slice the evaluation by region", "kind": "research", "owner": "ana", "points": 2, "status": "todo"}]}
JSON
commit "reopen, and a sprint"
hf_tui_start 160 48
hf_tui_wait_text "inbox-pod"
hf_tui_keys r
hf_tui_wait_text "inbox: 2 new (i)"
hf_tui_keys i
hf_tui_wait_text "Inbox of ana"
hf_tui_assert_screen_file "$HF_SRCDIR/tests/tui/inbox/inbox-160x48.screen"
hf_tui_keys /
hf_tui_type "assigned"
hf_tui_keys Enter Enter
hf_tui_wait_text "Slice the evaluation by region"
hf_tui_assert_hasnt "Inbox of ana"
hf_tui_capture | grep -q "sprint" || fail "Enter on the sprint line did not open the sprint board"

# mine: what is ana's to do, Enter opens the model
hf_tui_keys M
hf_tui_wait_text "Yours to do, ana"
hf_tui_assert_screen_file "$HF_SRCDIR/tests/tui/inbox/mine-160x48.screen"
hf_tui_resize 80 24
hf_tui_assert_screen_file "$HF_SRCDIR/tests/tui/inbox/mine-80x24.screen"
hf_tui_keys Enter
hf_tui_wait_text "evidence"
hf_tui_row 0 | grep -q "fraud-detector" || fail "Enter in mine did not open the model: $(hf_tui_row 0)"
hf_tui_keys : m i n e Enter
hf_tui_wait_text "Yours to do, ana"
hf_tui_pass
