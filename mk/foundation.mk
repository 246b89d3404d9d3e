# mk/foundation.mk: util, store, config, podfile framework, CLI framework, docs and CI checks
libhf_util_a_SOURCES += \
	src/util/clock.c src/util/error.c src/util/paths.c src/util/sanitize.c \
	src/util/strbuf.c src/util/trace.c src/util/utf8.c src/util/width.c src/util/xmalloc.c

noinst_HEADERS += \
	include/handoff/clock.h include/handoff/paths.h include/handoff/sanitize.h \
	include/handoff/status.h include/handoff/strbuf.h include/handoff/trace.h \
	include/handoff/width.h include/handoff/xmalloc.h

HF_UNIT_TESTS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c
