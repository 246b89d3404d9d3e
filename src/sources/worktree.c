/* worktree.c: read a pod folder from disk through the pod-file loaders, for `handoff lint` */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/paths.h"
#include "handoff/podfile.h"
#include "handoff/strbuf.h"
#include "handoff/worktree.h"
#include "handoff/xmalloc.h"

/* The levels of the walk, as in a git tree: the pod folder, models/, one model, a flat folder. */
enum area { AREA_ROOT, AREA_MODELS, AREA_MODEL, AREA_FILES };

struct walk {
	struct hf_store *store;
	const char *source;
	size_t files;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a folder, sorted (so problems come out in a stable order), without dot files. */
static enum hf_status list_dir(const char *path, char ***names, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t alloc = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return hf_error(HF_ENOTFOUND, "cannot read '%s': %s", path, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		*names = xgrow(*names, *n + 1, &alloc, sizeof(**names));
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_name);
	return HF_OK;
}

static enum hf_status read_one(struct walk *w, const char *full, const char *rel, off_t size)
{
	char *buf = NULL;
	size_t len;
	enum hf_status rc;

	if (size > HF_PODFILE_MAX_SIZE)
		return hf_podfile_reject(w->store, w->source, rel, "file is %lld bytes, over the limit "
					 "of %d bytes", (long long)size, HF_PODFILE_MAX_SIZE);
	if ((rc = hf_read_file(full, HF_PODFILE_MAX_SIZE, &buf, &len))) {
		rc = hf_podfile_reject(w->store, w->source, rel, "%s", hf_last_error());
		hf_error_clear();
		return rc;
	}
	rc = hf_podfile_load(w->store, w->source, rel, buf, len);
	free(buf);
	w->files++;
	return rc;
}

static enum hf_status walk_dir(struct walk *w, const char *full, const char *rel, enum area area)
{
	char **names;
	size_t n;
	enum hf_status rc = list_dir(full, &names, &n);

	for (size_t i = 0; i < n && !rc; i++) {
		char *f = xasprintf("%s/%s", full, names[i]);
		char *r = xasprintf("%s%s%s", rel, *rel ? "/" : "", names[i]);
		const char *why = hf_podfile_bad_name(names[i]);
		struct stat st;

		if (area == AREA_ROOT && strcmp(names[i], "pod.json") != 0 &&
		    !hf_podfile_layout_dir(names[i]))
			;	/* not part of the pod: a README, CI files, code */
		else if (why)
			rc = hf_podfile_reject(w->store, w->source, r, "%s", why);
		else if (lstat(f, &st) != 0)
			rc = hf_podfile_reject(w->store, w->source, r, "cannot read: %s", strerror(errno));
		else if (S_ISLNK(st.st_mode))
			rc = hf_podfile_reject(w->store, w->source, r, "symbolic link, not followed");
		else if (S_ISDIR(st.st_mode) && (area == AREA_ROOT || area == AREA_MODELS))
			rc = walk_dir(w, f, r, area == AREA_MODELS ? AREA_MODEL
					 : strcmp(names[i], "models") == 0 ? AREA_MODELS : AREA_FILES);
		else if (S_ISREG(st.st_mode) && hf_podfile_classify(r, NULL) != HF_PODFILE_NONE)
			rc = read_one(w, f, r, st.st_size);
		free(f);
		free(r);
	}
	hf_strv_free(names, n);
	return rc;
}

enum hf_status hf_worktree_load(struct hf_store *store, const char *source, const char *dir,
				size_t *nfiles)
{
	struct walk w = { store, source, 0 };
	enum hf_status rc = walk_dir(&w, dir, "", AREA_ROOT);

	*nfiles = w.files;
	return rc;
}
