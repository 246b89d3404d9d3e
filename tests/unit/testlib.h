/* testlib.h: helpers the cmocka unit tests share: a real SQLite store in its own temp directory, writing a file */
#ifndef HANDOFF_TESTLIB_H
#define HANDOFF_TESTLIB_H

#include "handoff/store.h"

/*
 * Opens a new store at /tmp/<prefix>-XXXXXX/handoff.db (prefix names the
 * test program, e.g. "hf-podfile"). *path is the database file, owned by
 * the caller until hf_test_store_close. A failure fails the test.
 */
struct hf_store *hf_test_store_open(const char *prefix, char **path);

/* Closes store, removes the temp directory of path and frees path. */
void hf_test_store_close(struct hf_store *store, char *path);

/* Writes text to the file at path (created or truncated). A failure fails the test. */
void hf_test_write_file(const char *path, const char *text);

#endif
