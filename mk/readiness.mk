# mk/readiness.mk: build and test files of the readiness area (appended to the lists set in Makefile.am)

noinst_HEADERS += include/handoff/report.h include/handoff/contract.h include/handoff/card.h \
	include/handoff/readiness.h include/handoff/store_models.h include/handoff/checklist.h \
	include/handoff/report_out.h

libhf_core_a_SOURCES += src/core/contract.c src/core/card.c src/core/readiness.c
libhf_store_a_SOURCES += src/store/models.c
libhf_podfile_a_SOURCES += src/podfile/contract.c src/podfile/readiness.c src/podfile/card.c \
	src/podfile/checklist.c
libhf_app_a_SOURCES += src/report/report.c src/cmd/report_out.c src/cmd/models.c src/cmd/show.c \
	src/cmd/check.c

HF_UNIT_TESTS += tests/unit/test_readiness
tests_unit_test_readiness_SOURCES = tests/unit/test_readiness.c

TESTS += tests/integ/readiness_e2e.sh
EXTRA_DIST += tests/integ/readiness_e2e.sh

nobase_dist_pkgdata_DATA += data/checklists/default.json

HF_UNIT_TESTS += tests/unit/test_readiness_load
tests_unit_test_readiness_load_SOURCES = tests/unit/test_readiness_load.c

# prints figures, asserts nothing: ./bench/readiness_bench [MODELS]
noinst_PROGRAMS += bench/readiness_bench
bench_readiness_bench_SOURCES = bench/readiness_bench.c
