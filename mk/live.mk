# mk/live.mk: build and test files of the live-SLO area (the Prometheus source; appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/live.c
libhf_store_a_SOURCES += src/store/live.c
libhf_podfile_a_SOURCES += src/podfile/live.c
noinst_HEADERS += include/handoff/live.h include/handoff/store_live.h

HF_UNIT_TESTS += tests/unit/test_live
tests_unit_test_live_SOURCES = tests/unit/test_live.c tests/unit/testlib.c tests/unit/testlib.h

# the real Prometheus the live tests start (tests/lib/prom.sh) and its generated history
EXTRA_DIST += tests/lib/prom.sh tests/lib/prom_gen.py
libhf_sources_a_SOURCES += src/sources/prometheus_parse.c
noinst_HEADERS += include/handoff/prometheus.h
libhf_report_a_SOURCES += src/report/live.c src/report/internal.h
libhf_app_a_SOURCES += src/cmd/live_out.c
noinst_HEADERS += include/handoff/live_out.h
libhf_tui_a_SOURCES += src/tui/live.c
