/* test_git.c: unit tests for the git source's helpers: cache folder names, init and commit */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "handoff/git_source.h"
#include "handoff/paths.h"
#include "handoff/xmalloc.h"
#include "../../src/sources/git_internal.h"
#include "testlib.h"

static void cache_path_is_one_safe_folder(void **state)
{
	static const struct { const char *name, *folder; } cases[] = {
		{ "pod", "pod" },
		{ "vision-pod_2.x", "vision-pod_2.x" },
		{ "a/b c", "a%2Fb%20c" },
		{ "a_b", "a_b" },
		{ "a/b", "a%2Fb" },
		{ "a%2Fb", "a%252Fb" },
		{ "..", "%2E." },
		{ "../../etc", "%2E.%2F..%2Fetc" },
		{ ".hidden", "%2Ehidden" },
		{ "p\xc3\xa9", "p%C3%A9" },
	};

	setenv("XDG_CACHE_HOME", "/cache", 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = hf_git_cache_path(cases[i].name);
		char *want = xasprintf("/cache/handoff/repos/%s", cases[i].folder);

		assert_string_equal(p, want);
		free(p);
		free(want);
	}
}

static void init_and_commit(void **state)
{
	char dir[] = "/tmp/handoff-test-git-XXXXXX", id[41], id2[41], *root = NULL, *file, *sub;
	struct hf_git_signature who = { "Ana Ruiz", "ana@pod.example", 1764000000, 60 };
	const char *const only[] = { "pod.json", NULL };

	assert_non_null(mkdtemp(dir));
	assert_int_equal(hf_git_find_repo(dir, &root), HF_ENOTFOUND);
	assert_int_equal(hf_git_init_repo(dir), HF_OK);
	assert_int_equal(hf_git_init_repo(dir), HF_OK);	/* already one: fine */
	assert_int_equal(hf_git_find_repo(dir, &root), HF_OK);
	assert_string_equal(root, dir);
	free(root);

	file = xasprintf("%s/pod.json", dir);
	hf_test_write_file(file, "{}\n");
	free(file);
	file = xasprintf("%s/notes.txt", dir);
	hf_test_write_file(file, "not staged\n");
	free(file);
	assert_int_equal(hf_git_commit_all(dir, &who, "First\n", only, id), HF_OK);
	assert_int_equal(strlen(id), 40);
	/* nothing new staged: no commit */
	assert_int_equal(hf_git_commit_all(dir, &who, "Again\n", only, id2), HF_OK);
	assert_string_equal(id2, "");
	/* everything: notes.txt now */
	assert_int_equal(hf_git_commit_all(dir, &who, "All\n", NULL, id2), HF_OK);
	assert_int_equal(strlen(id2), 40);
	assert_string_not_equal(id, id2);

	/* a folder inside the work tree finds the same root */
	sub = xasprintf("%s/a/b", dir);
	assert_int_equal(hf_mkdir_p(sub), HF_OK);
	assert_int_equal(hf_git_find_repo(sub, &root), HF_OK);
	assert_string_equal(root, dir);
	free(root);
	free(sub);

	file = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(file), 0);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_path_is_one_safe_folder),
		cmocka_unit_test(init_and_commit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
