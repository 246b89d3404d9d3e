# mk/oncall.mk: build and test files of the oncall area (appended to the lists set in Makefile.am)
libhf_store_a_SOURCES += src/store/oncall.c
noinst_HEADERS += include/handoff/store_oncall.h
libhf_util_a_SOURCES += src/util/tz.c
libhf_core_a_SOURCES += src/core/rotation.c src/core/rotation_text.c src/core/ics.c
noinst_HEADERS += include/handoff/tz.h include/handoff/rotation.h include/handoff/ics.h
HF_UNIT_TESTS += tests/unit/test_rotation
tests_unit_test_rotation_SOURCES = tests/unit/test_rotation.c
libhf_podfile_a_SOURCES += src/podfile/oncall.c
HF_UNIT_TESTS += tests/unit/test_rotation_store
tests_unit_test_rotation_store_SOURCES = tests/unit/test_rotation_store.c tests/unit/testlib.c \
	tests/unit/testlib.h
libhf_app_a_SOURCES += src/cmd/oncall.c src/cmd/oncall_preview.c src/cmd/oncall_internal.h
nobase_dist_pkgdata_DATA += data/demo/pod/oncall/ml-serving.json data/demo/pod/oncall/research-oncall.json
TESTS += tests/integ/oncall_cli.sh
EXTRA_DIST += tests/integ/oncall_cli.sh
noinst_PROGRAMS += bench/oncall-bench
bench_oncall_bench_SOURCES = bench/oncall-bench.c
HF_UNIT_TESTS += tests/unit/test_tz
tests_unit_test_tz_SOURCES = tests/unit/test_tz.c
TESTS += tests/integ/tz_tsan.sh
EXTRA_DIST += tests/integ/tz_tsan.sh
TESTS += tests/integ/hostile_output.sh
EXTRA_DIST += tests/integ/hostile_output.sh
TESTS += tests/integ/oncall_dst.sh
EXTRA_DIST += tests/integ/oncall_dst.sh
