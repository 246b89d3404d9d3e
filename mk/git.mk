# mk/git.mk: build and test files of the git area (appended to the lists set in Makefile.am)
libhf_sources_a_SOURCES += src/sources/git.c src/sources/git_remote.c src/sources/git_child.c \
	src/sources/git_ssh.c src/sources/git_write.c src/sources/git_head.c \
	src/sources/git_internal.h src/sources/demo.c src/sources/worktree.c
libhf_app_a_SOURCES += src/cmd/sync.c src/cmd/init.c src/cmd/lint.c
noinst_HEADERS += include/handoff/git_source.h include/handoff/demo.h include/handoff/worktree.h

GIT_INTEG_TESTS = tests/integ/git_sync.sh tests/integ/git_problems.sh tests/integ/git_daemon.sh \
	tests/integ/git_http.sh tests/integ/git_init.sh tests/integ/git_demo.sh tests/integ/git_docs.sh \
	tests/integ/git_cli.sh tests/integ/git_path.sh tests/integ/git_secrets.sh \
	tests/integ/git_cache_names.sh tests/integ/git_ssh.sh tests/integ/git_ssh_prompt.sh
TESTS += $(GIT_INTEG_TESTS)
EXTRA_DIST += $(GIT_INTEG_TESTS) tests/lib/gitd.sh tests/lib/net.sh tests/lib/git_http.py tests/lib/sshd.sh \
	tests/integ/lsan-libgit2-ssh.supp docs/pod-repository.md \
	bench/git-bench.sh bench/git_gen.py

nobase_dist_pkgdata_DATA += data/demo/pod/pod.json \
	data/templates/README.md data/templates/pod.json data/templates/models/example-model/contract.json \
	data/templates/models/example-model/readiness.json data/templates/models/example-model/MODEL_CARD.md \
	data/templates/oncall/serving.json data/templates/sprints/{{SPRINT}}.json

HF_UNIT_TESTS += tests/unit/test_git tests/unit/test_git_ssh
tests_unit_test_git_SOURCES = tests/unit/test_git.c tests/unit/testlib.c tests/unit/testlib.h
tests_unit_test_git_ssh_SOURCES = tests/unit/test_git_ssh.c tests/unit/testlib.c tests/unit/testlib.h
