# mk/writeback.mk: write-back: structured edits of pod files, actions, the outbox, git and registry landing
libhf_core_a_SOURCES += src/core/jsonparse.c src/core/jsonedit.c src/core/act.c \
	src/core/act_conflict.c src/core/act_message.c
noinst_HEADERS += include/handoff/jsonedit.h include/handoff/act.h
libhf_store_a_SOURCES += src/store/outbox.c

# text-in / text-out: tests/golden/edit/<case>.in + .act -> .out (or .err)
HF_UNIT_TESTS += tests/unit/test_jsonedit tests/unit/test_act
tests_unit_test_jsonedit_SOURCES = tests/unit/test_jsonedit.c
tests_unit_test_act_SOURCES = tests/unit/test_act.c
EXTRA_DIST += tests/golden/edit

# libFuzzer target for the edit engine (./configure --enable-fuzzing CC=clang)
if FUZZING
noinst_PROGRAMS += fuzz/fuzz_jsonedit
fuzz_fuzz_jsonedit_SOURCES = fuzz/fuzz_jsonedit.c
fuzz_fuzz_jsonedit_LDFLAGS = -fsanitize=fuzzer
endif
EXTRA_DIST += fuzz/fuzz_jsonedit.c

libhf_sources_a_SOURCES += src/sources/git_push.c src/sources/writeback.c \
	src/sources/writeback_git.c src/sources/writeback_internal.h
noinst_HEADERS += include/handoff/git_push.h include/handoff/writeback.h
libhf_report_a_SOURCES += src/report/acting.c
noinst_HEADERS += include/handoff/acting.h
libhf_app_a_SOURCES += src/cmd/act.c src/cmd/tick.c src/cmd/sprint_edit.c src/cmd/override.c \
	src/cmd/promote.c src/cmd/push.c
noinst_HEADERS += include/handoff/cmd_act.h

HF_WRITEBACK_TESTS = tests/integ/writeback_git.sh tests/integ/writeback_conflict.sh \
	tests/integ/writeback_offline.sh tests/integ/writeback_refused.sh tests/integ/writeback_race.sh \
	tests/integ/writeback_registry.sh
TESTS += $(HF_WRITEBACK_TESTS)
EXTRA_DIST += $(HF_WRITEBACK_TESTS) tests/lib/writeback.sh tests/lib/e2e_pod.sh
libhf_tui_a_SOURCES += src/tui/edit.c src/tui/prompt.c src/tui/loop.h
noinst_HEADERS += include/handoff/tui_edit.h
TESTS += tests/tui/writeback/act.sh
EXTRA_DIST += tests/tui/writeback/act.sh
