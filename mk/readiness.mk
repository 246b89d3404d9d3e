# mk/readiness.mk: build and test files of the readiness area (appended to the lists set in Makefile.am)

noinst_HEADERS += include/handoff/report.h include/handoff/contract.h include/handoff/card.h \
	include/handoff/readiness.h include/handoff/store_models.h include/handoff/checklist.h \
	include/handoff/report_out.h include/handoff/compare.h include/handoff/inbox.h include/handoff/mine.h \
	include/handoff/store_history.h include/handoff/report_text.h include/handoff/shifts.h

libhf_core_a_SOURCES += src/core/contract.c src/core/card.c src/core/readiness.c
libhf_store_a_SOURCES += src/store/models.c src/store/history.c
libhf_podfile_a_SOURCES += src/podfile/contract.c src/podfile/readiness.c src/podfile/card.c \
	src/podfile/checklist.c
libhf_report_a_SOURCES += src/report/report.c src/report/compare.c src/report/inbox.c \
	src/report/mine.c src/report/text.c src/report/shifts.c
libhf_app_a_SOURCES += src/cmd/report_out.c src/cmd/models.c src/cmd/show.c \
	src/cmd/check.c src/cmd/diff.c src/cmd/inbox.c src/cmd/mine.c

HF_UNIT_TESTS += tests/unit/test_readiness tests/unit/test_card
tests_unit_test_readiness_SOURCES = tests/unit/test_readiness.c
# the model-card rules, and agreement with a reader on the real cards in tests/shared/cards/
tests_unit_test_card_SOURCES = tests/unit/test_card.c

TESTS += tests/integ/readiness_e2e.sh tests/integ/registry_stale.sh
EXTRA_DIST += tests/integ/readiness_e2e.sh tests/integ/registry_stale.sh
# the inbox across syncs, two users of one database
TESTS += tests/integ/inbox.sh
EXTRA_DIST += tests/integ/inbox.sh
EXTRA_DIST += docs/readiness.md

nobase_dist_pkgdata_DATA += data/checklists/default.json

HF_UNIT_TESTS += tests/unit/test_readiness_load
tests_unit_test_readiness_load_SOURCES = tests/unit/test_readiness_load.c tests/unit/testlib.c \
	tests/unit/testlib.h

# prints figures, asserts nothing: ./bench/readiness_bench [MODELS]
noinst_PROGRAMS += bench/readiness_bench
bench_readiness_bench_SOURCES = bench/readiness_bench.c

# the demo pod's models (handoff --demo builds its git repo from data/demo/pod)
nobase_dist_pkgdata_DATA += \
	data/demo/pod/models/churn-predictor/contract.json data/demo/pod/models/churn-predictor/readiness.json data/demo/pod/models/churn-predictor/MODEL_CARD.md \
	data/demo/pod/models/doc-classifier/contract.json data/demo/pod/models/doc-classifier/readiness.json data/demo/pod/models/doc-classifier/MODEL_CARD.md \
	data/demo/pod/models/fraud-detector/contract.json data/demo/pod/models/fraud-detector/readiness.json data/demo/pod/models/fraud-detector/MODEL_CARD.md \
	data/demo/pod/models/query-rewriter/contract.json data/demo/pod/models/query-rewriter/readiness.json data/demo/pod/models/query-rewriter/MODEL_CARD.md \
	data/demo/pod/models/ranker/contract.json data/demo/pod/models/ranker/readiness.json data/demo/pod/models/ranker/MODEL_CARD.md \
	data/demo/pod/models/speech-vad/contract.json data/demo/pod/models/speech-vad/readiness.json data/demo/pod/models/speech-vad/MODEL_CARD.md

# libFuzzer target for the model-card and checklist parsers (./configure --enable-fuzzing CC=clang)
if FUZZING
noinst_PROGRAMS += fuzz/fuzz_card
fuzz_fuzz_card_SOURCES = fuzz/fuzz_card.c
fuzz_fuzz_card_LDFLAGS = -fsanitize=fuzzer
endif
EXTRA_DIST += fuzz/fuzz_card.c
