/* testlib.c: helpers the cmocka unit tests share: a real SQLite store in its own temp directory, writing a file */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/xmalloc.h"
#include "testlib.h"

struct hf_store *hf_test_store_open(const char *prefix, char **path)
{
	char *dir = xasprintf("/tmp/%s-XXXXXX", prefix);
	struct hf_store *store;

	assert_non_null(mkdtemp(dir));
	*path = xasprintf("%s/handoff.db", dir);
	free(dir);
	assert_int_equal(hf_store_open(*path, &store), HF_OK);
	return store;
}

void hf_test_store_close(struct hf_store *store, char *path)
{
	char *cmd = xasprintf("rm -rf '%.*s'", (int)(strrchr(path, '/') - path), path);

	hf_store_close(store);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

void hf_test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}
