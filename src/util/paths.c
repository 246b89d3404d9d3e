/* paths.c: XDG locations and the shipped data folder */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "handoff/paths.h"
#include "handoff/xmalloc.h"

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home = getenv("HOME");

	if (v && *v == '/')
		return xasprintf("%s/handoff", v);
	return xasprintf("%s/%s/handoff", home && *home ? home : "/tmp", fallback);
}

char *hf_path_config_dir(void) { return xdg_dir("XDG_CONFIG_HOME", ".config"); }
char *hf_path_data_dir(void) { return xdg_dir("XDG_DATA_HOME", ".local/share"); }
char *hf_path_cache_dir(void) { return xdg_dir("XDG_CACHE_HOME", ".cache"); }

char *hf_path_expand_home(const char *path)
{
	const char *rest = path + 1, *home = NULL;
	struct passwd *pw;

	if (path[0] != '~')
		return xstrdup(path);
	while (*rest && *rest != '/')
		rest++;
	if (rest == path + 1) {
		home = getenv("HOME");
		if (!home || !*home)
			home = (pw = getpwuid(getuid())) ? pw->pw_dir : NULL;
	} else {
		char *user = xstrndup(path + 1, (size_t)(rest - path - 1));

		home = (pw = getpwnam(user)) ? pw->pw_dir : NULL;
		free(user);
	}
	return home ? xasprintf("%s%s", home, rest) : xstrdup(path);
}

char *hf_path_default_db(void)
{
	char *dir = hf_path_data_dir();
	char *p = xasprintf("%s/handoff.db", dir);

	free(dir);
	return p;
}

char *hf_path_default_config(void)
{
	char *dir = hf_path_config_dir();
	char *p = xasprintf("%s/config", dir);

	free(dir);
	return p;
}

static int running_from_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t blen = strlen(HF_ABS_BUILDDIR);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return strncmp(exe, HF_ABS_BUILDDIR, blen) == 0 && exe[blen] == '/';
}

const char *hf_path_share(void)
{
	const char *env = getenv("HANDOFF_DATADIR");

	if (env && *env)
		return env;
	if (running_from_build_tree())
		return HF_ABS_SRCDIR;
	return HF_PKGDATADIR;
}

char *hf_path_shared_file(const char *rel)
{
	return xasprintf("%s/%s", hf_path_share(), rel);
}

enum hf_status hf_mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			goto fail;
		*s = '/';
	}
	if (mkdir(p, 0700) && errno != EEXIST)
		goto fail;
	free(p);
	return HF_OK;
fail:
	hf_error(HF_EIO, "cannot create folder '%s': %s", p, strerror(errno));
	free(p);
	return HF_EIO;
}

enum hf_status hf_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, alloc = 0;

	if (!f)
		return hf_error(errno == ENOENT ? HF_ENOTFOUND : HF_EIO, "cannot read '%s': %s", path,
				strerror(errno));
	for (;;) {
		size_t got;

		buf = xgrow(buf, n + 4097, &alloc, 1);
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (n > max) {
			fclose(f);
			free(buf);
			return hf_error(HF_ETOOBIG, "file '%s' is larger than %zu bytes", path, max);
		}
		if (got < 4096)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return hf_error(HF_EIO, "cannot read '%s'", path);
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return HF_OK;
}
