/* test_gitconfig.c: the git-config parser against git itself: the entries git lists for good files, a refusal naming the line for bad ones */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "handoff/gitconfig.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

/* Entries as git lists them with --null: "name\nvalue\0", or "name\0" for a bare key. */
static int collect(const char *name, const char *value, void *data)
{
	struct hf_strbuf *out = data;

	hf_strbuf_adds(out, name);
	if (value) {
		hf_strbuf_addch(out, '\n');
		hf_strbuf_adds(out, value);
	}
	hf_strbuf_addch(out, '\0');
	return 0;
}

static char *write_temp(const char *text, size_t len)
{
	char path[] = "/tmp/hf-gitconfig-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return xstrdup(path);
}

/* What `git config --file PATH --list --null` prints; its exit status in *status. */
static void git_lists(const char *path, struct hf_strbuf *out, int *status)
{
	const char *git = getenv("GIT") && *getenv("GIT") ? getenv("GIT") : "git";
	char *cmd = xasprintf("%s config --file '%s' --list --null 2>/dev/null", git, path);
	FILE *p = popen(cmd, "r");
	char buf[4096];
	size_t got;

	assert_non_null(p);
	while ((got = fread(buf, 1, sizeof(buf), p)) > 0)
		hf_strbuf_add(out, buf, got);
	*status = pclose(p);
	free(cmd);
}

/* The line git names in "bad config line N in file F". */
static int git_bad_line(const char *path)
{
	const char *git = getenv("GIT") && *getenv("GIT") ? getenv("GIT") : "git";
	char *cmd = xasprintf("%s config --file '%s' --list 2>&1 >/dev/null", git, path);
	FILE *p = popen(cmd, "r");
	char buf[512] = "";
	const char *at;
	int line = -1;

	assert_non_null(p);
	if (!fgets(buf, sizeof(buf), p))
		buf[0] = '\0';
	pclose(p);
	free(cmd);
	if ((at = strstr(buf, "bad config line ")))
		line = atoi(at + strlen("bad config line "));
	return line;
}

static const char *const good[] = {
	"[pod]\n\tname = vision-pod\n",
	"[source \"Registry.Prod\"]\n\ttype = mlflow\n\turl = http://127.0.0.1:5000\n",
	"# comment\n; another\n[ui]\n\ttheme = light ; trailing comment\n\tascii\n",
	"k = before any section\n[s]\n\tk = v\n",
	"[UI]\n\tTheme = Dark\n",
	"[a.B]\n\tkey = v\n",
	"[a \"q\\\"uote\\\\d\"]\n\tk = v\n",
	"[s]\n\tk = \"  spaced  # not a comment ; nor this \"\n",
	"[s]\n\tk = a  \t b\n",
	"[s]\n\tk = one \\\n two\n",
	"[s]\n\tk = tab\\there\\nnewline\\bback \\\"q\\\" \\\\\n",
	"[s]\n\tk =\n\tj = \"\"\n",
	"[s]\n\tflag\n\tother=1\n",
	"[s] k = same line\n",
	"[s]\r\n\tk = crlf\r\n",
	"\xEF\xBB\xBF[s]\n\tk = bom\n",
	"[s]\n\tk = no newline at the end",
	"[s]\n\tk-2 = dash\n[t]\n\tk = 1\n[s]\n\tk-2 = again\n",
	"[s]\n\tk = caf\xC3\xA9 \xE2\x9C\x93\n",
	"",
	"\n\n   \n# only comments\n",
	"[s \"\"]\n\tk = empty subsection\n",
	"[s]\n\tk = a\"b\"c\n",
	"[s]\n\tk = \"a;b\"#c\n",
	"[s]\n\tk = v \\",
};

/* Refused by git too; the line is the one a reader would fix (git names the next one when a line end is the fault). */
static const struct {
	const char *text;
	int line;
} bad[] = {
	{ "[ui]\n\tascii # a bare key takes no comment\n", 2 },
	{ "[pod]\n\tname = ok\n[source \"pod\"\n\ttype = git\n", 3 },
	{ "[s]\n\tk = \"unterminated\n", 2 },
	{ "[s]\n\tk = bad \\q escape\n", 2 },
	{ "[s]\n\t1k = v\n", 2 },
	{ "[s]\n\tk v\n", 2 },
	{ "[s]\n\tk_x = v\n", 2 },
	{ "[s x]\n\tk = v\n", 1 },
	{ "[s\n", 1 },
	{ "[s \"sub\n\"]\n", 1 },
	{ "[s]\n\tk = v\n\t= v\n", 3 },
	{ "[s!]\n", 1 },
	{ "[s]\n\tk = v\n\n\n\t@\n", 5 },
	{ "[s \"x\" ]\n", 1 },
};

static void good_files_parse_as_git_lists_them(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char *path = write_temp(good[i], strlen(good[i]));
		struct hf_strbuf ours, git;
		int status;

		hf_strbuf_init(&ours);
		hf_strbuf_init(&git);
		git_lists(path, &git, &status);
		if (status != 0)
			fail_msg("git refuses good case %zu: %s", i, good[i]);
		if (hf_gitconfig_parse(path, good[i], strlen(good[i]), collect, &ours))
			fail_msg("case %zu: %s", i, hf_last_error());
		if (ours.len != git.len || memcmp(ours.buf, git.buf, git.len))
			fail_msg("case %zu parses differently from git:\n%s", i, good[i]);
		hf_strbuf_release(&ours);
		hf_strbuf_release(&git);
		unlink(path);
		free(path);
	}
}

static void bad_files_fail_naming_the_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *text = bad[i].text;
		char *path = write_temp(text, strlen(text));
		struct hf_strbuf ours;
		char *where = xasprintf("%s:%d: ", path, bad[i].line);

		hf_strbuf_init(&ours);
		if (git_bad_line(path) < 0)
			fail_msg("git accepts bad case %zu: %s", i, text);
		if (hf_gitconfig_parse(path, text, strlen(text), collect, &ours) != HF_EINVAL)
			fail_msg("case %zu parses:\n%s", i, text);
		if (!strstr(hf_last_error(), where))
			fail_msg("case %zu: want line %d, got: %s", i, bad[i].line, hf_last_error());
		hf_strbuf_release(&ours);
		free(where);
		unlink(path);
		free(path);
	}
}

static void a_nul_byte_is_refused_naming_its_line(void **state)
{
	static const char text[] = "[s]\n\tk = a\0b\n";
	struct hf_strbuf ours;

	(void)state;
	hf_strbuf_init(&ours);
	assert_int_equal(hf_gitconfig_parse("F", text, sizeof(text) - 1, collect, &ours), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "F:2: "));
	assert_int_equal(ours.len, 0);	/* nothing given before the refusal */
	hf_strbuf_release(&ours);
}

static int stop_at_second(const char *name, const char *value, void *data)
{
	int *seen = data;

	(void)name;
	(void)value;
	return ++*seen == 2;
}

static void a_callback_stops_the_parse(void **state)
{
	static const char text[] = "[s]\n\ta = 1\n\tb = 2\n\tc = 3\n";
	int seen = 0;

	(void)state;
	assert_int_equal(hf_gitconfig_parse("F", text, sizeof(text) - 1, stop_at_second, &seen), HF_OK);
	assert_int_equal(seen, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_files_parse_as_git_lists_them),
		cmocka_unit_test(bad_files_fail_naming_the_line),
		cmocka_unit_test(a_nul_byte_is_refused_naming_its_line),
		cmocka_unit_test(a_callback_stops_the_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
