# mk/sprint.mk: build and test files of the sprint area (appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/sprint.c
libhf_store_a_SOURCES += src/store/sprint.c
libhf_podfile_a_SOURCES += src/podfile/sprint.c
libhf_app_a_SOURCES += src/cmd/sprint.c
noinst_HEADERS += include/handoff/sprint.h include/handoff/store_sprint.h

# the demo pod's sprint (shipped: handoff --demo builds its git repo from data/demo/pod)
nobase_dist_pkgdata_DATA += data/demo/pod/sprints/2026-12.json
EXTRA_DIST += docs/json.md

HF_UNIT_TESTS += tests/unit/test_sprint
tests_unit_test_sprint_SOURCES = tests/unit/test_sprint.c tests/unit/testlib.c tests/unit/testlib.h
TESTS += tests/integ/sprint_plan.sh tests/integ/sprint_unknown_member.sh
EXTRA_DIST += tests/integ/sprint_plan.sh tests/integ/sprint_unknown_member.sh

# prints figures, asserts nothing: ./bench/sprint_bench
noinst_PROGRAMS += bench/sprint_bench
bench_sprint_bench_SOURCES = bench/sprint_bench.c
TESTS += tests/integ/sprint_markdown.sh
EXTRA_DIST += tests/integ/sprint_markdown.sh
