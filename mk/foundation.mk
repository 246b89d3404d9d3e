# mk/foundation.mk: util, store, config, podfile framework, CLI framework, docs and CI checks
libhf_util_a_SOURCES += \
	src/util/ascii.c src/util/clock.c src/util/error.c src/util/paths.c src/util/prompt.c src/util/redact.c \
	src/util/sanitize.c src/util/strbuf.c src/util/suggest.c src/util/trace.c src/util/utf8.c src/util/width.c \
	src/util/xmalloc.c src/util/proc.c

noinst_HEADERS += \
	include/handoff/ascii.h include/handoff/clock.h include/handoff/paths.h include/handoff/prompt.h include/handoff/redact.h \
	include/handoff/sanitize.h \
	include/handoff/status.h include/handoff/strbuf.h include/handoff/suggest.h include/handoff/trace.h \
	include/handoff/width.h include/handoff/xmalloc.h include/handoff/proc.h \
	include/handoff/cancel.h

HF_UNIT_TESTS += tests/unit/test_util tests/unit/test_redact tests/unit/test_http
tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_redact_SOURCES = tests/unit/test_redact.c
tests_unit_test_http_SOURCES = tests/unit/test_http.c

libhf_core_a_SOURCES += src/core/pod.c
libhf_store_a_SOURCES += src/store/db.c src/store/log.c src/store/pod.c src/store/schema.c \
	src/store/synclock.c src/store/internal.h
libhf_config_a_SOURCES += src/config/conf.c src/config/gitconfig.c
libhf_podfile_a_SOURCES += src/podfile/podfile.c src/podfile/pod.c src/podfile/internal.h \
	src/podfile/jsonpos.c src/podfile/refs.c
libhf_report_a_SOURCES += src/report/ctx.c
libhf_app_a_SOURCES += src/cmd/cmd.c src/cmd/out.c src/cmd/table.c src/cmd/help.c src/cmd/status.c

noinst_HEADERS += \
	include/handoff/cmd.h include/handoff/cmd_status.h include/handoff/conf.h include/handoff/gitconfig.h include/handoff/ctx.h \
	include/handoff/out.h include/handoff/pod.h include/handoff/podfile.h \
	include/handoff/store.h include/handoff/store_pod.h

libhf_sources_a_SOURCES += src/sources/source.c src/sources/http.c src/sources/curl_load.c
noinst_HEADERS += include/handoff/source.h include/handoff/http.h include/handoff/curl_load.h

HF_UNIT_TESTS += tests/unit/test_store tests/unit/test_conf tests/unit/test_gitconfig tests/unit/test_podfile
tests_unit_test_podfile_SOURCES = tests/unit/test_podfile.c tests/unit/testlib.c tests/unit/testlib.h
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_conf_SOURCES = tests/unit/test_conf.c
tests_unit_test_gitconfig_SOURCES = tests/unit/test_gitconfig.c
EXTRA_DIST += tests/shared
dist_man_MANS += man/handoff.1
# the references: installed as written (handoff help pod|json) and as man pages made from them at build time
nobase_dist_pkgdata_DATA += docs/pod-repository.md docs/json.md
nodist_man_MANS = man/handoff-pod.5 man/handoff-json.7
CLEANFILES += $(nodist_man_MANS)
EXTRA_DIST += man/md2man.py tests/integ/man_pages.sh tests/integ/first_hour.sh tests/integ/messages.sh
TESTS += tests/integ/man_pages.sh tests/integ/first_hour.sh tests/integ/messages.sh
HF_MD2MAN = $(AM_V_GEN)$(MKDIR_P) man && \
	{ test -n "$(PYTHON3)" || { echo "python3 is needed to make the man pages from docs/" >&2; exit 1; }; } && \
	$(PYTHON3) $(srcdir)/man/md2man.py
man/handoff-pod.5: $(srcdir)/docs/pod-repository.md $(srcdir)/man/md2man.py
	$(HF_MD2MAN) $(srcdir)/docs/pod-repository.md handoff-pod 5 \
		"the files of a pod repository, field by field" >$@.tmp && mv $@.tmp $@
man/handoff-json.7: $(srcdir)/docs/json.md $(srcdir)/man/md2man.py
	$(HF_MD2MAN) $(srcdir)/docs/json.md handoff-json 7 \
		"the JSON documents handoff prints with --json" >$@.tmp && mv $@.tmp $@

TESTS += tests/integ/checksrc.sh tests/integ/cli_basics.sh tests/integ/docs_drift.sh \
	tests/integ/store_open.sh tests/integ/hermetic.sh tests/integ/dev_script.sh tests/integ/start_cost.sh
EXTRA_DIST += tests/integ/checksrc.sh tests/integ/cli_basics.sh tests/integ/docs_drift.sh \
	tests/integ/store_open.sh tests/integ/hermetic.sh tests/integ/dev_script.sh tests/integ/start_cost.sh \
	dev .ci/run README.md docs/architecture.md tests/lib/common.sh tests/lib/hermetic.sh

# libFuzzer targets (./configure --enable-fuzzing CC=clang); see fuzz/README.md
if FUZZING
noinst_PROGRAMS += fuzz/fuzz_sanitize fuzz/fuzz_podfile fuzz/fuzz_conf
fuzz_fuzz_sanitize_SOURCES = fuzz/fuzz_sanitize.c
fuzz_fuzz_podfile_SOURCES = fuzz/fuzz_podfile.c
fuzz_fuzz_conf_SOURCES = fuzz/fuzz_conf.c
fuzz_fuzz_sanitize_LDFLAGS = -fsanitize=fuzzer
fuzz_fuzz_podfile_LDFLAGS = -fsanitize=fuzzer
fuzz_fuzz_conf_LDFLAGS = -fsanitize=fuzzer
endif
EXTRA_DIST += fuzz/README.md fuzz/fuzz_sanitize.c fuzz/fuzz_podfile.c fuzz/fuzz_conf.c .clang-format \
	fuzz/seeds.sh fuzz/run.sh

# make fuzz [FUZZ_TIME=60] [FUZZ_TARGETS=...]: each target for FUZZ_TIME seconds from its seed
# corpus, with the coverage reached (fuzz/run.sh; needs ./configure CC=clang --enable-fuzzing)
FUZZ_TIME = 60
FUZZ_TARGETS =
if FUZZING
HF_FUZZ_PROGS = fuzz/fuzz_sanitize fuzz/fuzz_podfile fuzz/fuzz_conf fuzz/fuzz_card fuzz/fuzz_mlflow \
	fuzz/fuzz_theme fuzz/fuzz_jsonedit
endif
.PHONY: fuzz
fuzz: $(HF_FUZZ_PROGS)
	$(BASH) $(srcdir)/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)
TESTS += tests/integ/fuzz_seeds.sh
EXTRA_DIST += tests/integ/fuzz_seeds.sh

# The sync engine: timeouts, cancel and signals against a silent remote (tests/lib/silent_server.py)
TESTS += tests/integ/sync_stall.sh
EXTRA_DIST += tests/integ/sync_stall.sh tests/lib/silent_server.py
TESTS += tests/integ/sync_race.sh
EXTRA_DIST += tests/integ/sync_race.sh
TESTS += tests/integ/sync_kill.sh
EXTRA_DIST += tests/integ/sync_kill.sh
