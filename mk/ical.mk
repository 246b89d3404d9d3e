# mk/ical.mk: build and test files of calendar-feed rotations (the ical source; appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/feed.c
libhf_store_a_SOURCES += src/store/feed.c
libhf_sources_a_SOURCES += src/sources/ical.c src/sources/ical_feed.c
noinst_HEADERS += include/handoff/feed.h include/handoff/store_feed.h include/handoff/ical_feed.h

# the preview of a rotation edit (handoff oncall ROTATION --preview FILE)
libhf_core_a_SOURCES += src/core/preview.c
libhf_report_a_SOURCES += src/report/rotation_edit.c
noinst_HEADERS += include/handoff/preview.h include/handoff/rotation_edit.h
TESTS += tests/integ/oncall_preview.sh tests/integ/oncall_lint_preview.sh tests/tui/oncall/take.sh \
	tests/integ/ical_window.sh
EXTRA_DIST += tests/integ/oncall_preview.sh tests/integ/oncall_lint_preview.sh tests/tui/oncall/take.sh \
	tests/integ/ical_window.sh

# prints figures, asserts nothing: bench/ical-bench.sh [RUNS]
noinst_PROGRAMS += bench/ical-bench
bench_ical_bench_SOURCES = bench/ical-bench.c
EXTRA_DIST += bench/ical-bench.sh bench/ical_gen.py

HF_UNIT_TESTS += tests/unit/test_feed
tests_unit_test_feed_SOURCES = tests/unit/test_feed.c

# the feeds in the shapes of PagerDuty, Opsgenie, Grafana OnCall and Google against an independent expansion
TESTS += tests/integ/ical_feed.sh
EXTRA_DIST += tests/integ/ical_feed.sh tests/lib/ical_feeds.py tests/lib/ical_expand.py tests/server/ical_server.py
