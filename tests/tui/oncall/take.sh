# take.sh: O on the on-call view shows, before the commit, what the override does to the rotation (the stretch that
# changes hands, the hours per person over the next 8 weeks); n leaves nothing waiting, y queues it and the line goes;
# O on a rotation from a calendar feed says the override is made in the calendar
. "$HF_SRCDIR/tests/tui/lib.sh"

repo=$HF_TUI_DIR/work
bare=$HF_TUI_DIR/pod.git
mkdir -p "$repo/oncall"
cat >"$repo/pod.json" <<'JSON'
{ "name": "take-pod",
  "members": [ {"handle": "ana", "name": "Ana Ruiz", "role": "research"},
               {"handle": "raj", "name": "Raj Iyer", "role": "engineering"} ] }
JSON
cat >"$repo/oncall/serving.json" <<'JSON'
{ "name": "serving", "timezone": "UTC", "start": "2026-11-23", "shift": "1w", "handoff": "mon 09:00",
  "members": ["raj", "ana"] }
JSON
cat >"$repo/oncall/pd.json" <<'JSON'
{ "calendar": "pd", "timezone": "UTC" }
JSON
hf_tui_git_pod "$repo"
# a feed rotation beside it: one event, raj on call from Monday to Monday
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:pd-1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T090000Z\r\nDTEND:20261130T090000Z\r\nSUMMARY:On Call - Raj Iyer - Serving\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
	>"$HF_TUI_DIR/pd.ics"
printf '[source "pd"]\n\ttype = ical\n\turl = %s\n' "$HF_TUI_DIR/pd.ics" >>"$HF_TUI_DIR/config/handoff/config"

hf_tui_start 160 30
hf_tui_wait_text "take-pod"
# the remote goes away after the first sync: a yes waits in the outbox, so the test sees it queued
mv "$bare" "$bare.away"
hf_tui_keys 4
hf_tui_wait_text "On call"
# raj holds the shift now (2026-11-29 10:00 UTC); ana, the user, takes it
hf_tui_keys / 
hf_tui_type "raj"
hf_tui_keys Enter j O
hf_tui_wait_text "take raj's shift on serving"
hf_tui_keys Enter
hf_tui_wait_text "push? [y/n] commit: serving: ana on call 2026-11-23T09:00 to 2026-11-30T09:00"
hf_tui_row 27 | grep -qxF "if yes (serving, next 8 weeks): Sun 2026-11-29 10:00 to Mon 2026-11-30 09:00 raj -> ana; hours: raj -23h, ana +23h" ||
	fail "the line above the question does not show the preview: $(hf_tui_row 27)"
# n: nothing changes, the line goes
hf_tui_keys n
hf_tui_assert_hasnt "if yes (serving"
hf_tui_assert_hasnt "waiting"
# again, and yes: queued, the line goes
hf_tui_keys O
hf_tui_wait_text "take raj's shift on serving"
hf_tui_keys Enter
hf_tui_wait_text "if yes (serving, next 8 weeks)"
hf_tui_keys y
hf_tui_wait_text "1 action waiting"
hf_tui_assert_hasnt "if yes (serving"
# O on the feed rotation's shift: refused, saying where overrides are made
hf_tui_keys / C-u
hf_tui_type "raj"
hf_tui_keys Enter O
hf_tui_wait_text "take raj's shift on pd"
hf_tui_keys Enter
hf_tui_wait_text "rotation 'pd' comes from calendar 'pd': make the override in the service"
hf_tui_assert_has "1 action waiting"
hf_tui_keys q
hf_tui_stop
hf_tui_pass
