# mk/mlflow.mk: build and test files of the mlflow area (appended to the lists set in Makefile.am)
libhf_core_a_SOURCES += src/core/registry.c
libhf_store_a_SOURCES += src/store/registry.c src/store/registry_state.c
libhf_sources_a_SOURCES += src/sources/mlflow.c src/sources/mlflow_fetch.c src/sources/mlflow_parse.c \
	src/sources/mlflow_runs.c \
	src/sources/mlflow_internal.h src/sources/mlflow_fetch.h
noinst_HEADERS += include/handoff/registry.h include/handoff/store_registry.h include/handoff/mlflow.h

# Integration tests against the loopback replay server (tests/server/mlflow_replay.py)
TESTS += tests/integ/mlflow_sync.sh
EXTRA_DIST += tests/server/mlflow_replay.py tests/integ/mlflow_lib.sh tests/integ/mlflow_sync.sh tests/lib/replay.sh
TESTS += tests/integ/mlflow_faults.sh
EXTRA_DIST += tests/integ/mlflow_faults.sh
TESTS += tests/integ/mlflow_auth.sh
EXTRA_DIST += tests/integ/mlflow_auth.sh

HF_UNIT_TESTS += tests/unit/test_registry
tests_unit_test_registry_SOURCES = tests/unit/test_registry.c tests/unit/testlib.c \
	tests/unit/testlib.h

# The demo registry (MLflow response shapes), installed for `handoff --demo`
nobase_dist_pkgdata_DATA += data/demo/registry/README.md \
	data/demo/registry/registered-models-search.json data/demo/registry/model-versions-search.json \
	data/demo/registry/runs/0279227792bd9ccfc1ab3b67bf0f9f73.json \
	data/demo/registry/runs/02800bbdbf5db8a0b62395c4d3923e6a.json \
	data/demo/registry/runs/1c7610d923a9e0f19163a4523cf133fb.json \
	data/demo/registry/runs/1ee1eb609267b85b98b8e6840c4eecf2.json \
	data/demo/registry/runs/2cd7b26f6899096f90694a9fdf812d82.json \
	data/demo/registry/runs/436381e495b5f4911b3ccc698e155844.json \
	data/demo/registry/runs/570deba4149b6934efdc187e8a649e20.json \
	data/demo/registry/runs/6408a4a5776cd4a35d7eb22cb3a0532e.json \
	data/demo/registry/runs/70e46758cf44a4e72082954222ae86cf.json \
	data/demo/registry/runs/74e172733c5e301fb293fdd7f5350a9d.json \
	data/demo/registry/runs/868e06ae4b808b5aee356311a9cc2ea1.json \
	data/demo/registry/runs/8f2df8b1e3d7e8847d6b64a4a9f86708.json \
	data/demo/registry/runs/9aa9f43f6e4dcdf5b4bce53b4939d659.json \
	data/demo/registry/runs/aa1b73693e74f87ad5ec445cad29972e.json \
	data/demo/registry/runs/b77ea77417ac987acfde643eba563763.json \
	data/demo/registry/runs/c47fb522c1ee625338e2ff3b09ebb00e.json \
	data/demo/registry/runs/ec2d88df2ea3b5959e28f30549fb44d0.json \
	data/demo/registry/runs/efc1c7ed1fd655cda8c912dbc5d30b92.json

# Write-back: a cmocka driver run against the replay server by tests/integ/mlflow_write.sh
check_PROGRAMS += tests/unit/test_registry_push
tests_unit_test_registry_push_SOURCES = tests/unit/test_registry_push.c
TESTS += tests/integ/mlflow_write.sh
EXTRA_DIST += tests/integ/mlflow_write.sh

# Bench (run by hand): bench/mlflow-bench.sh [MODELS [LATENCY_MS]]
EXTRA_DIST += bench/mlflow-bench.sh docs/registry.md

# libFuzzer target for the MLflow answer parser (./configure --enable-fuzzing CC=clang)
if FUZZING
noinst_PROGRAMS += fuzz/fuzz_mlflow
fuzz_fuzz_mlflow_SOURCES = fuzz/fuzz_mlflow.c
fuzz_fuzz_mlflow_LDFLAGS = -fsanitize=fuzzer
endif
EXTRA_DIST += fuzz/fuzz_mlflow.c
TESTS += tests/integ/mlflow_tls.sh
EXTRA_DIST += tests/integ/mlflow_tls.sh
TESTS += tests/integ/mlflow_replay.sh
EXTRA_DIST += tests/integ/mlflow_replay.sh
TESTS += tests/integ/mlflow_incremental.sh
EXTRA_DIST += tests/integ/mlflow_incremental.sh
# Bench (run by hand): one model with many versions, parsed, assembled and stored
noinst_PROGRAMS += bench/mlflow_parse_bench
bench_mlflow_parse_bench_SOURCES = bench/mlflow_parse_bench.c
# handoff diff and check --version: runs fetched on demand
TESTS += tests/integ/diff.sh
EXTRA_DIST += tests/integ/diff.sh
