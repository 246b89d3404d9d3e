# mk/git.mk: build and test files of the git area (appended to the lists set in Makefile.am)
libhf_sources_a_SOURCES += src/sources/git.c src/sources/git_remote.c src/sources/git_write.c \
	src/sources/git_internal.h
noinst_HEADERS += include/handoff/git_source.h
libhf_app_a_SOURCES += src/cmd/sync.c src/cmd/init.c
libhf_sources_a_SOURCES += src/sources/demo.c
noinst_HEADERS += include/handoff/demo.h
TESTS += tests/integ/git_sync.sh
EXTRA_DIST += tests/lib/gitd.sh tests/lib/git_http.py
TESTS += tests/integ/git_problems.sh tests/integ/git_daemon.sh tests/integ/git_http.sh
TESTS += tests/integ/git_init.sh tests/integ/git_demo.sh
nobase_dist_pkgdata_DATA += data/demo/pod/pod.json \
	data/templates/README.md data/templates/pod.json data/templates/models/example-model/contract.json \
	data/templates/models/example-model/readiness.json data/templates/models/example-model/MODEL_CARD.md \
	data/templates/oncall/serving.json data/templates/sprints/{{SPRINT}}.json
TESTS += tests/integ/git_docs.sh
