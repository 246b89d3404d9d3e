# mk/tui.mk: build and test files of the tui area (appended to the lists set in Makefile.am)
noinst_LIBRARIES += libhf_tui.a
libhf_tui_a_SOURCES = \
	src/tui/tui.c src/tui/frame.c src/tui/screen.c src/tui/draw.c src/tui/theme.c src/tui/action.c \
	src/tui/list.c src/tui/view.c src/tui/data.c src/tui/sync.c src/tui/fetch.c \
	src/tui/view_pod.c src/tui/view_models.c src/tui/view_model.c src/tui/view_model_draw.c \
	src/tui/view_model_internal.h src/tui/view_readiness.c src/tui/view_oncall.c \
	src/tui/view_sprint.c src/tui/view_activity.c src/tui/view_log.c \
	src/tui/view_help.c src/tui/view_inbox.c src/tui/view_mine.c src/tui/user.c \
	src/tui/command.c src/tui/view_compare.c
HF_TUI_LIBS += libhf_tui.a

noinst_HEADERS += \
	include/handoff/tui.h include/handoff/tui_action.h include/handoff/tui_data.h \
	include/handoff/tui_draw.h include/handoff/tui_list.h include/handoff/tui_screen.h \
	include/handoff/tui_sync.h include/handoff/tui_theme.h include/handoff/tui_view.h

nobase_dist_pkgdata_DATA += themes/dark.theme themes/light.theme themes/high-contrast.theme \
	themes/mono.theme data/keys

# docs/keys.md is generated from the action table and checked against it
check_PROGRAMS += tests/tui/tools/keys_doc
tests_tui_tools_keys_doc_SOURCES = tests/tui/tools/keys_doc.c
tests_tui_tools_keys_doc_LDADD = libhf_tui.a $(HF_LIBS) $(NCURSES_LIBS)
update-keys-doc: tests/tui/tools/keys_doc
	$(builddir)/tests/tui/tools/keys_doc >$(srcdir)/docs/keys.md
	$(builddir)/tests/tui/tools/keys_doc --keys-file >$(srcdir)/data/keys
	HF_SRCDIR=$(srcdir) $(BASH) $(srcdir)/tests/tui/harness_doc.sh --write
.PHONY: update-keys-doc

TESTS += tests/tui/curses_confined.sh tests/tui/keys_doc.sh tests/tui/harness_doc.sh
EXTRA_DIST += tests/tui/lib.sh tests/tui/curses_confined.sh tests/tui/keys_doc.sh \
	tests/tui/harness_doc.sh docs/keys.md docs/tui-tests.md docs/tui.md

# screen tests: one behaviour per script, the real binary in a private tmux
HF_TUI_SCREEN_TESTS = tests/tui/pod/rows.sh tests/tui/pod/filter.sh tests/tui/pod/resize.sh \
	tests/tui/pod/sync.sh tests/tui/model/drill.sh tests/tui/model/hostile.sh \
	tests/tui/model/fetch_run.sh \
	tests/tui/help/help.sh tests/tui/theme/switch.sh tests/tui/theme/no_color.sh \
	tests/tui/term/dumb.sh tests/tui/theme/config.sh tests/tui/sprint/board.sh \
	tests/tui/oncall/grid.sh tests/tui/mouse/click.sh tests/tui/readiness/group.sh \
	tests/tui/theme/eight.sh tests/tui/pod/tabs.sh tests/tui/help/rebind.sh \
	tests/tui/pod/autosync.sh tests/tui/term/signal.sh tests/tui/models/sort.sh \
	tests/tui/pod/claimed.sh tests/tui/pod/live_sync.sh tests/tui/pod/tour.sh \
	tests/tui/log/notes_filter.sh tests/tui/pod/quit_sync.sh \
	tests/tui/term/ascii.sh tests/tui/term/ssh.sh tests/tui/log/secret.sh \
	tests/tui/inbox/inbox.sh tests/tui/model/detail.sh tests/tui/model/stale.sh \
	tests/tui/model/compare.sh
TESTS += $(HF_TUI_SCREEN_TESTS)
EXTRA_DIST += $(HF_TUI_SCREEN_TESTS)

# unit tests of the pure parts (list widget, keys, actions, themes, colours)
HF_UNIT_TESTS += tests/unit/test_tui
tests_unit_test_tui_SOURCES = tests/unit/test_tui.c
tests_unit_test_tui_LDADD = libhf_tui.a $(HF_LIBS) $(CMOCKA_LIBS) $(NCURSES_LIBS)

# libFuzzer target for the theme reader (./configure --enable-fuzzing CC=clang)
if FUZZING
noinst_PROGRAMS += fuzz/fuzz_theme
fuzz_fuzz_theme_SOURCES = fuzz/fuzz_theme.c
fuzz_fuzz_theme_LDADD = libhf_tui.a $(HF_LIBS) $(NCURSES_LIBS)
fuzz_fuzz_theme_LDFLAGS = -fsanitize=fuzzer
endif
EXTRA_DIST += fuzz/fuzz_theme.c
EXTRA_DIST += tests/tui/pod/rows-80x24.screen tests/tui/pod/rows-160x48.screen \
	bench/tui-bench.sh bench/tui_gen.py tests/tui/inbox/inbox-80x24.screen \
	tests/tui/inbox/inbox-160x48.screen tests/tui/inbox/mine-80x24.screen \
	tests/tui/inbox/mine-160x48.screen \
	tests/tui/model/detail-80x24.screen tests/tui/model/detail-160x48.screen \
	tests/tui/model/compare-80x24.screen tests/tui/model/compare-160x48.screen
