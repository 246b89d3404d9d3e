# mk/mlflow.mk: build and test files of the mlflow area (appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/registry.c
libhf_store_a_SOURCES += src/store/registry.c
libhf_sources_a_SOURCES += src/sources/mlflow.c src/sources/mlflow_http.c src/sources/mlflow_parse.c \
	src/sources/mlflow_internal.h
noinst_HEADERS += include/handoff/registry.h include/handoff/store_registry.h include/handoff/mlflow.h

# Integration tests against the loopback replay server (tests/server/mlflow_replay.py)
TESTS += tests/integ/mlflow_sync.sh
EXTRA_DIST += tests/server/mlflow_replay.py tests/integ/mlflow_lib.sh tests/integ/mlflow_sync.sh
TESTS += tests/integ/mlflow_faults.sh
EXTRA_DIST += tests/integ/mlflow_faults.sh
