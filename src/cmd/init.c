/* init.c: `handoff init [DIR]`: scaffold a pod repository from data/templates/ with a first commit */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/git_source.h"
#include "handoff/paths.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

/* {{NAME}} placeholders the templates may use, in file contents and file names. */
struct placeholder {
	const char *key;
	char value[64];
};

static void date_plus(int64_t days, char *buf, size_t n)
{
	hf_date_format(days * 86400, buf, n);
}

static size_t fill_placeholders(struct placeholder *ph, const char *dir)
{
	int64_t today = hf_now() / 86400;
	int64_t monday = today - ((today + 3) % 7);	/* 1970-01-01 was a Thursday */
	const char *base = strrchr(dir, '/');
	char pod[64];
	size_t n = 0, j = 0;

	base = base && base[1] ? base + 1 : dir;
	for (const char *s = base; *s && j < sizeof(pod) - 1; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		pod[j++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
	}
	pod[j] = '\0';
	if (!j || strcmp(pod, "-") == 0)
		hf_strlcpy(pod, "my-pod", sizeof(pod));

	ph[n].key = "{{POD}}";
	hf_strlcpy(ph[n++].value, pod, sizeof(ph[0].value));
	ph[n].key = "{{TODAY}}";
	date_plus(today, ph[n++].value, sizeof(ph[0].value));
	ph[n].key = "{{MONDAY}}";
	date_plus(monday, ph[n++].value, sizeof(ph[0].value));
	ph[n].key = "{{SPRINT_START}}";
	date_plus(monday, ph[n++].value, sizeof(ph[0].value));
	ph[n].key = "{{SPRINT_END}}";
	date_plus(monday + 11, ph[n++].value, sizeof(ph[0].value));	/* two weeks, to Friday */
	ph[n].key = "{{SPRINT}}";
	date_plus(monday, ph[n].value, sizeof(ph[0].value));
	ph[n++].value[7] = '\0';	/* YYYY-MM */
	return n;
}

static void expand(struct hf_strbuf *out, const char *s, size_t len, const struct placeholder *ph,
		   size_t nph)
{
	for (size_t i = 0; i < len;) {
		size_t k;

		for (k = 0; k < nph; k++) {
			size_t kl = strlen(ph[k].key);

			if (len - i >= kl && memcmp(s + i, ph[k].key, kl) == 0) {
				hf_strbuf_adds(out, ph[k].value);
				i += kl;
				break;
			}
		}
		if (k == nph)
			hf_strbuf_addch(out, s[i++]);
	}
}

static enum hf_status write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wx");

	if (!f)
		return hf_error(HF_EIO, "cannot create '%s': %s", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		if (f)
			fclose(f);
		return hf_error(HF_EIO, "cannot write '%s': %s", path, strerror(errno));
	}
	return HF_OK;
}

/* The files init wrote, relative to the repository's root, NULL-terminated for hf_git_commit_all. */
struct written {
	char **paths;
	size_t n, alloc;
};

static void written_add(struct written *w, char *path)
{
	w->paths = xgrow(w->paths, w->n + 2, &w->alloc, sizeof(*w->paths));
	w->paths[w->n++] = path;
	w->paths[w->n] = NULL;
}

/*
 * Copy the template folder src into dst (at rel, relative to the
 * repository's root: "" or "sub/dir/"), expanding placeholders; an existing
 * file is never overwritten.
 */
static enum hf_status copy_tree(const char *src, const char *dst, const char *rel,
				const struct placeholder *ph, size_t nph, struct written *w)
{
	DIR *d = opendir(src);
	struct dirent *de;
	enum hf_status rc = HF_OK;

	if (!d)
		return hf_error(HF_ENOTFOUND, "cannot read the templates '%s': %s", src, strerror(errno));
	if ((rc = hf_mkdir_p(dst))) {
		closedir(d);
		return rc;
	}
	while (!rc && (de = readdir(d))) {
		struct hf_strbuf name = HF_STRBUF_INIT, body = HF_STRBUF_INIT;
		char *from, *to, *buf = NULL;
		size_t len;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		hf_strbuf_init(&name);
		hf_strbuf_init(&body);
		expand(&name, de->d_name, strlen(de->d_name), ph, nph);
		from = xasprintf("%s/%s", src, de->d_name);
		to = xasprintf("%s/%s", dst, name.buf);
		if (stat(from, &st) != 0) {
			rc = hf_error(HF_EIO, "cannot read '%s': %s", from, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			char *sub = xasprintf("%s%s/", rel, name.buf);

			rc = copy_tree(from, to, sub, ph, nph, w);
			free(sub);
		} else if (!(rc = hf_read_file(from, 4 * 1024 * 1024, &buf, &len))) {
			expand(&body, buf, len, ph, nph);
			if (!(rc = write_file(to, body.buf, body.len)))
				written_add(w, xasprintf("%s%s", rel, name.buf));
		}
		free(buf);
		free(from);
		free(to);
		hf_strbuf_release(&name);
		hf_strbuf_release(&body);
	}
	closedir(d);
	return rc;
}

/* A value as git-config syntax reads it back: quoted when it holds a comment sign, a quote or edge blanks. */
static void conf_value(struct hf_strbuf *sb, const char *v)
{
	size_t len = strlen(v);

	if (!strpbrk(v, "#;\"\\") && len && v[0] != ' ' && v[len - 1] != ' ') {
		hf_strbuf_adds(sb, v);
		return;
	}
	hf_strbuf_addch(sb, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			hf_strbuf_addch(sb, '\\');
		hf_strbuf_addch(sb, *v);
	}
	hf_strbuf_addch(sb, '"');
}

/* A source name the configuration does not use yet: "pod", else "pod-2", ... */
static char *free_source_name(const struct hf_conf *conf)
{
	char *name = xstrdup("pod");

	for (int i = 2; conf && hf_conf_source(conf, name); i++) {
		free(name);
		name = xasprintf("pod-%d", i);
	}
	return name;
}

/* The [source] section for the new pod (and, when it is a new file, a commented registry to fill in). */
static void source_lines(struct hf_strbuf *sb, const char *name, const char *url, const char *path,
			 bool new_file)
{
	if (new_file)
		hf_strbuf_adds(sb, "# handoff's configuration (git-config syntax), written by 'handoff init'; "
			       "see 'man handoff'\n");
	hf_strbuf_addf(sb, "[source \"%s\"]\n\ttype = git\n\turl = ", name);
	conf_value(sb, url);
	hf_strbuf_addch(sb, '\n');
	if (path && *path) {
		hf_strbuf_adds(sb, "\tpath = ");
		conf_value(sb, path);
		hf_strbuf_addch(sb, '\n');
	}
	if (new_file)
		hf_strbuf_adds(sb, "# The model registry the contracts' \"registry\" links look up: uncomment, "
			       "fill in, sync.\n"
			       "#[source \"registry\"]\n#\ttype = mlflow\n#\turl = https://mlflow.example\n"
			       "#\ttoken-env = MLFLOW_TOKEN\n");
}

/* Write the configuration file that does not exist yet (and its folder). */
static enum hf_status write_config(const char *path, const char *text)
{
	const char *slash = strrchr(path, '/');
	enum hf_status rc = HF_OK;

	if (slash && slash != path) {
		char *dir = xstrndup(path, (size_t)(slash - path));

		rc = hf_mkdir_p(dir);
		free(dir);
	}
	return rc ? rc : write_file(path, text, strlen(text));
}

static int run_init(struct hf_ctx *ctx, const struct hf_args *args)
{
	const char *dir = args->npos ? args->pos[0] : ".";
	struct hf_git_signature who = { NULL, NULL, 0, 0 };
	struct placeholder ph[8];
	struct written w = { NULL, 0, 0 };
	char *templates = hf_path_shared_file("data/templates"), *pod_json = NULL, *root = NULL;
	char *rel = NULL, *clean_abs = NULL, *clean_cfg = NULL, *clean_lines = NULL, *name = NULL;
	struct hf_strbuf lines = HF_STRBUF_INIT;
	const struct hf_conf *conf = NULL;
	char id[41], abs[PATH_MAX];
	bool have_config;
	struct stat st;
	int rc = HF_EXIT_OK;

	if (hf_mkdir_p(dir) || !realpath(dir, abs)) {
		rc = *hf_last_error() ? hf_fail_last()
				      : hf_fail("cannot use '%s': %s", dir, strerror(errno));
		goto out;
	}
	pod_json = xasprintf("%s/pod.json", abs);
	if (stat(pod_json, &st) == 0) {
		rc = hf_fail("'%s' already exists: '%s' holds a pod already", pod_json, dir);
		goto out;
	}
	/* inside a work tree already: the pod is a folder of that repository (the source's `path`) */
	if (hf_git_find_repo(abs, &root) == HF_OK) {
		size_t n = strlen(root);

		rel = xasprintf("%s%s", abs[n] == '/' ? abs + n + 1 : "", abs[n] == '/' ? "/" : "");
	} else {
		hf_error_clear();
		if (hf_git_init_repo(abs)) {
			rc = hf_fail_last();
			goto out;
		}
		root = xstrdup(abs);
		rel = xstrdup("");
	}
	if (copy_tree(templates, abs, rel, ph, fill_placeholders(ph, abs), &w) ||
	    hf_git_commit_all(root, &who, "Start the pod repository (handoff init)\n",
			      (const char *const *)w.paths, id)) {
		rc = hf_fail_last();
		goto out;
	}
	/* the pod's source: written as the configuration when there is none, else lines to add */
	have_config = stat(ctx->config_path, &st) == 0;
	if (have_config && hf_ctx_conf(ctx, &conf))
		hf_error_clear();	/* a configuration that does not parse: name "pod" anyway */
	name = free_source_name(conf);
	if (*rel)
		rel[strlen(rel) - 1] = '\0';
	hf_strbuf_init(&lines);
	source_lines(&lines, name, root, rel, !have_config);
	clean_abs = hf_sanitize(abs, 0);
	clean_cfg = hf_sanitize(ctx->config_path, 0);
	{
		/* shown with the names sanitised, the tabs kept */
		struct hf_strbuf shown = HF_STRBUF_INIT;
		char *r = hf_sanitize(root, 0), *p = hf_sanitize(rel, 0), *n = hf_sanitize(name, 0);

		hf_strbuf_init(&shown);
		source_lines(&shown, n, r, p, !have_config);
		clean_lines = hf_strbuf_detach(&shown);
		free(r);
		free(p);
		free(n);
	}
	printf("Created a pod repository in %s: %zu file%s, commit %.7s.\n", clean_abs, w.n,
	       w.n == 1 ? "" : "s", id);
	if (!have_config) {
		if (write_config(ctx->config_path, lines.buf)) {
			rc = hf_fail_last();
			goto out;
		}
		printf("Wrote the configuration %s:\n\n%s\n", clean_cfg, clean_lines);
	} else {
		printf("Add these lines to the configuration %s:\n\n%s\n", clean_cfg, clean_lines);
	}
	printf("Next: edit the pod's files ('handoff help pod' says what each holds), check them with\n"
	       "'handoff lint %s', commit, then run 'handoff sync' and 'handoff'.\n",
	       strcmp(dir, ".") == 0 ? "" : clean_abs);
out:
	hf_strv_free(w.paths, w.n);
	free(clean_abs);
	free(clean_cfg);
	free(clean_lines);
	free(name);
	hf_strbuf_release(&lines);
	free(root);
	free(rel);
	free(pod_json);
	free(templates);
	return rc;
}

const struct hf_cmd hf_cmd_init = {
	"init", "[DIR]",
	"scaffold a pod repository (git init, templates, a first commit) in DIR or here",
	NULL, 0, 1, run_init,
};
