/* test_conf.c: the git-config-syntax configuration: good file, unknown keys warned, bad lines named */
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

#include "handoff/conf.h"
#include "handoff/xmalloc.h"

static char *write_temp(const char *text)
{
	char path[] = "/tmp/hf-conf-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return xstrdup(path);
}

static void good_file_gives_every_setting(void **state)
{
	char *path = write_temp(
		"# handoff config\n"
		"[pod]\n\tname = vision-pod\n"
		"[source \"pod\"]\n\ttype = git\n\turl = https://git.example/pod.git\n"
		"\tbranch = main\n\tpath = team/pod\n\tinterval = 300\n"
		"[source \"Registry.Prod\"]\n\ttype = mlflow\n\turl = http://127.0.0.1:5000\n"
		"\ttoken-env = MLFLOW_TOKEN\n\tinsecure = false\n\ttimeout = 20\n"
		"\tfilter = name LIKE 'fraud-%'\n\tpage-size = 500\n"
		"[ui]\n\ttheme = light\n\tascii = true\n\tread-only = yes\n"
		"[user]\n\thandle = ana\n");
	struct hf_conf conf;
	const struct hf_source_conf *pod, *reg;

	assert_int_equal(hf_conf_load(path, &conf), HF_OK);
	assert_int_equal(conf.nwarnings, 0);
	assert_string_equal(conf.pod_name, "vision-pod");
	assert_string_equal(conf.ui_theme, "light");
	assert_true(conf.ui_ascii_set);
	assert_true(conf.ui_ascii);
	assert_true(conf.ui_read_only);
	assert_string_equal(conf.user_handle, "ana");
	assert_int_equal(conf.nsources, 2);
	pod = hf_conf_source(&conf, "pod");
	assert_non_null(pod);
	assert_int_equal(pod->type, HF_SOURCE_GIT);
	assert_string_equal(pod->url, "https://git.example/pod.git");
	assert_string_equal(pod->branch, "main");
	assert_string_equal(pod->path, "team/pod");
	assert_int_equal(pod->interval, 300);
	/* subsection names keep their case and dots */
	reg = hf_conf_source(&conf, "Registry.Prod");
	assert_non_null(reg);
	assert_int_equal(reg->type, HF_SOURCE_MLFLOW);
	assert_string_equal(reg->token_env, "MLFLOW_TOKEN");
	assert_false(reg->insecure);
	assert_int_equal(reg->timeout, 20);
	assert_int_equal(reg->page_size, 500);
	assert_string_equal(reg->filter, "name LIKE 'fraud-%'");
	hf_conf_clear(&conf);
	unlink(path);
	free(path);
}

static void unknown_key_is_warned_with_file_and_key(void **state)
{
	char *path = write_temp("[source \"pod\"]\n\ttype = git\n\turl = /srv/pod\n\tcolour = blue\n"
				"[ui]\n\tthem = dark\n\tascii = maybe\n"
				"[source \"x\"]\n\ttype = svn\n\turl = /x\n"
				"[source \"y\"]\n\ttype = gti\n\turl = /y\n[source \"z\"]\n\turl = /z\n");
	struct hf_conf conf;
	char *expect;

	assert_int_equal(hf_conf_load(path, &conf), HF_OK);
	assert_int_equal(conf.nwarnings, 6);
	expect = xasprintf("%s: source.pod.colour: unknown key (ignored)", path);
	assert_string_equal(conf.warnings[0], expect);
	free(expect);
	assert_non_null(strstr(conf.warnings[1], "ui.them: unknown key"));
	assert_non_null(strstr(conf.warnings[2], "ui.ascii: 'maybe' is not true or false"));
	assert_false(conf.ui_ascii_set);	/* a bad value leaves the automatic choice */
	/* one warning for a bad type, never a second "no type" that contradicts it */
	assert_non_null(strstr(conf.warnings[3], "source.x.type: unknown source type 'svn' (git, "
			       "mlflow, prometheus or ical): source ignored"));
	assert_non_null(strstr(conf.warnings[4], "source.y.type: unknown source type 'gti' (did you "
			       "mean 'git'?): source ignored"));
	assert_non_null(strstr(conf.warnings[5], "source.z: no type (git, mlflow, prometheus or ical): "
			       "source ignored"));
	assert_true(hf_conf_source(&conf, "x")->ignored && hf_conf_source(&conf, "z")->ignored);
	assert_false(hf_conf_source(&conf, "pod")->ignored);
	/* the good entries still load */
	assert_string_equal(hf_conf_source(&conf, "pod")->url, "/srv/pod");
	hf_conf_clear(&conf);
	unlink(path);
	free(path);
}

static void malformed_line_is_an_error_naming_the_line(void **state)
{
	char *path = write_temp("[pod]\n\tname = ok\n[source \"pod\"\n\ttype = git\n");
	struct hf_conf conf;
	char *where = xasprintf("%s:3", path);

	assert_int_equal(hf_conf_load(path, &conf), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), where));
	free(where);
	unlink(path);
	free(path);
}

static void missing_file_is_not_found(void **state)
{
	struct hf_conf conf;

	assert_int_equal(hf_conf_load("/nonexistent/handoff/config", &conf), HF_ENOTFOUND);
	assert_non_null(strstr(hf_last_error(), "/nonexistent/handoff/config"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file_gives_every_setting),
		cmocka_unit_test(unknown_key_is_warned_with_file_and_key),
		cmocka_unit_test(malformed_line_is_an_error_naming_the_line),
		cmocka_unit_test(missing_file_is_not_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
