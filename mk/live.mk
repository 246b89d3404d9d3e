# mk/live.mk: build and test files of the live-SLO area (the Prometheus source; appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/live.c
libhf_store_a_SOURCES += src/store/live.c
libhf_podfile_a_SOURCES += src/podfile/live.c
libhf_sources_a_SOURCES += src/sources/prometheus.c src/sources/prometheus_parse.c
libhf_report_a_SOURCES += src/report/live.c src/report/internal.h
libhf_app_a_SOURCES += src/cmd/live_out.c
libhf_tui_a_SOURCES += src/tui/live.c
noinst_HEADERS += include/handoff/live.h include/handoff/store_live.h \
	include/handoff/prometheus.h include/handoff/live_out.h

HF_UNIT_TESTS += tests/unit/test_live
tests_unit_test_live_SOURCES = tests/unit/test_live.c tests/unit/testlib.c tests/unit/testlib.h

# against a real Prometheus started by the test (tests/lib/prom.sh: a week of generated history),
# the pod on git and its registry on the replay server (tests/lib/live_pod.sh)
TESTS += tests/integ/prom_live.sh tests/integ/prom_faults.sh tests/integ/prom_access.sh
EXTRA_DIST += tests/lib/prom.sh tests/lib/prom_gen.py tests/lib/prom_proxy.py tests/lib/live_pod.sh \
	tests/lib/live_test.sh \
	tests/integ/prom_live.sh tests/integ/prom_faults.sh tests/integ/prom_access.sh
HF_TUI_LIVE_TESTS = tests/tui/live/screens.sh tests/tui/live/ascii.sh tests/tui/live/faults.sh \
	tests/tui/live/query.sh
TESTS += $(HF_TUI_LIVE_TESTS)
EXTRA_DIST += $(HF_TUI_LIVE_TESTS)

# prints figures, asserts nothing: bench/prom-bench.sh [MODELS [RUNS]]
EXTRA_DIST += bench/prom-bench.sh docs/live.md
