/* demo.c: build the demo pod's git history from data/demo/pod/, sync it through the git source, load the demo registry */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/demo.h"
#include "handoff/git_source.h"
#include "handoff/mlflow.h"
#include "handoff/paths.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

#define DAY (24 * 60 * 60)

/* Who is who in the demo pod (see data/demo/pod/pod.json). */
static const struct person {
	const char *handle, *name;
	int offset;		/* minutes east of UTC in late November */
} people[] = {
	{ "ana", "Ana Ruiz", 60 }, { "li", "Li Wei", 480 }, { "raj", "Raj Iyer", 330 },
	{ "sam", "Sam Okafor", -300 }, { "mia", "Mia Berg", 60 },
};

/* Who writes each model's files: research writes the contract and card, engineering the readiness. */
static const struct owner {
	const char *model, *research, *engineering;
} owners[] = {
	{ "fraud-detector", "ana", "raj" }, { "ranker", "li", "raj" },
	{ "churn-predictor", "ana", "sam" }, { "doc-classifier", "li", "sam" },
	{ "speech-vad", "ana", "raj" }, { "query-rewriter", "li", "sam" },
};

static struct hf_git_signature signature(const char *handle, int64_t when)
{
	struct hf_git_signature s = { "Mia Berg", "mia@demo-pod.example", when, 60 };
	static char email[64];

	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		if (strcmp(people[i].handle, handle) == 0) {
			s.name = people[i].name;
			s.offset = people[i].offset;
			snprintf(email, sizeof(email), "%s@demo-pod.example", handle);
			s.email = email;
		}
	}
	return s;
}

static const struct owner *owner_of(const char *model)
{
	static const struct owner fallback = { NULL, "ana", "raj" };

	for (size_t i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (strcmp(owners[i].model, model) == 0)
			return &owners[i];
	return &fallback;
}

static enum hf_status write_file(const char *path, const char *buf, size_t len)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	enum hf_status rc = HF_OK;
	FILE *f;

	if (slash) {
		*slash = '\0';
		rc = hf_mkdir_p(dir);
	}
	free(dir);
	if (rc)
		return rc;
	if (!(f = fopen(path, "w")))
		return hf_error(HF_EIO, "cannot create '%s': %s", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len) {
		fclose(f);
		return hf_error(HF_EIO, "cannot write '%s': %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return hf_error(HF_EIO, "cannot write '%s': %s", path, strerror(errno));
	return HF_OK;
}

static enum hf_status copy_file(const char *from, const char *to)
{
	char *buf;
	size_t len;
	enum hf_status rc = hf_read_file(from, 4 * 1024 * 1024, &buf, &len);

	if (rc)
		return rc;
	rc = write_file(to, buf, len);
	free(buf);
	return rc;
}

/* The sorted names in dir (none when it does not exist); caller frees each and the array. */
static size_t list_dir(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0, alloc = 0;

	*out = NULL;
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		*out = xgrow(*out, n + 1, &alloc, sizeof(**out));
		(*out)[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp((*out)[j - 1], (*out)[j]) > 0; j--) {
			char *t = (*out)[j];

			(*out)[j] = (*out)[j - 1];
			(*out)[j - 1] = t;
		}
	return n;
}

/* Copy every file of src/rel (recursively) to dst/rel. */
static enum hf_status copy_tree(const char *src, const char *dst, const char *rel)
{
	char *from = xasprintf("%s/%s", src, rel), **names;
	size_t n = list_dir(from, &names);
	enum hf_status rc = HF_OK;
	struct stat st;

	if (n == 0 && stat(from, &st) == 0 && S_ISREG(st.st_mode)) {
		char *to = xasprintf("%s/%s", dst, rel);

		rc = copy_file(from, to);
		free(to);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);

		rc = copy_tree(src, dst, sub);
		free(sub);
	}
	hf_strv_free(names, n);
	free(from);
	return rc;
}

static enum hf_status commit(const char *repo, const char *handle, int64_t when, const char *msg)
{
	struct hf_git_signature who = signature(handle, when);

	return hf_git_commit_all(repo, &who, msg, NULL, NULL);
}

/*
 * An earlier state of a sprint file: every `"status": "X"` rewritten by
 * step (0: nothing started, 1: work begun, 2: nearly where it is now).
 * Text edits keep the file exactly as written otherwise.
 */
static char *sprint_state(const char *buf, size_t len, int step)
{
	struct hf_strbuf out = HF_STRBUF_INIT;
	static const char key[] = "\"status\"";
	size_t i = 0, k = 0;

	hf_strbuf_init(&out);
	while (i < len) {
		const char *hit = NULL;
		size_t j, vstart, vend;

		if (len - i >= sizeof(key) - 1 && memcmp(buf + i, key, sizeof(key) - 1) == 0)
			hit = buf + i;
		if (!hit) {
			hf_strbuf_addch(&out, buf[i++]);
			continue;
		}
		j = i + sizeof(key) - 1;
		while (j < len && (buf[j] == ' ' || buf[j] == ':' || buf[j] == '\t'))
			j++;
		if (j >= len || buf[j] != '"') {
			hf_strbuf_addch(&out, buf[i++]);
			continue;
		}
		vstart = j + 1;
		for (vend = vstart; vend < len && buf[vend] != '"'; vend++)
			;
		hf_strbuf_add(&out, buf + i, vstart - i);
		{
			const char *v = buf + vstart, *nv;
			size_t vl = vend - vstart;
			bool done = vl == 4 && !memcmp(v, "done", 4);
			bool started = done || (vl == 5 && !memcmp(v, "doing", 5)) ||
				       (vl == 7 && !memcmp(v, "blocked", 7));

			if (step == 0 && started)
				nv = "todo";
			else if (step == 1 && started)
				nv = k % 2 ? "doing" : "todo";
			else if (step == 2 && done)
				nv = k % 3 == 0 ? "doing" : "done";
			else
				nv = NULL;
			if (nv)
				hf_strbuf_adds(&out, nv);
			else
				hf_strbuf_add(&out, v, vl);
			k += started;
		}
		i = vend;
	}
	return hf_strbuf_detach(&out);
}

/* The history: pod first, then rotations, each model, readiness, and the sprint as it moved. */
static enum hf_status build_history(const char *src, const char *repo, int64_t now)
{
	char *mdir = xasprintf("%s/models", src), *sdir = xasprintf("%s/sprints", src);
	char **models = NULL, **sprints = NULL;
	size_t nmodels = list_dir(mdir, &models), nsprints = list_dir(sdir, &sprints);
	enum hf_status rc;

	if ((rc = hf_git_init_repo(repo)) || (rc = copy_tree(src, repo, "pod.json")) ||
	    (rc = copy_tree(src, repo, "checklists")) ||
	    (rc = commit(repo, "mia", now - 30 * DAY, "Start demo-pod: members and evaluation suite\n")) ||
	    (rc = copy_tree(src, repo, "oncall")) ||
	    (rc = commit(repo, "raj", now - 27 * DAY, "On-call rotations for the serving models\n")))
		goto out;
	/* research writes each model's contract and card, a day or two apart */
	for (size_t i = 0; i < nmodels && !rc; i++) {
		char *c = xasprintf("models/%s/contract.json", models[i]);
		char *card = xasprintf("models/%s/MODEL_CARD.md", models[i]);
		char *msg = xasprintf("%s: contract and model card\n", models[i]);

		if (!(rc = copy_tree(src, repo, c)) && !(rc = copy_tree(src, repo, card)))
			rc = commit(repo, owner_of(models[i])->research,
				    now - (25 - 2 * (int64_t)i) * DAY + 3600 * (int64_t)i, msg);
		free(c);
		free(card);
		free(msg);
	}
	/* then engineering fills in readiness (and whatever else the model folder holds) */
	for (size_t i = 0; i < nmodels && !rc; i++) {
		char *m = xasprintf("models/%s", models[i]);
		char *msg = xasprintf("%s: readiness checklist\n", models[i]);

		if (!(rc = copy_tree(src, repo, m)))
			rc = commit(repo, owner_of(models[i])->engineering,
				    now - (12 - (int64_t)i) * DAY + 5400 * (int64_t)i, msg);
		free(m);
		free(msg);
	}
	/* each sprint in four states over its last days, for the burndown */
	for (size_t i = 0; i < nsprints && !rc; i++) {
		char *from = xasprintf("%s/%s", sdir, sprints[i]);
		char *to = xasprintf("%s/sprints/%s", repo, sprints[i]);
		static const char *const who[] = { "mia", "ana", "raj", "sam" };
		static const char *const what[] = { "plan", "first progress", "mid-sprint update",
						     "status before the review" };
		char *buf = NULL;
		size_t len;

		rc = hf_read_file(from, 4 * 1024 * 1024, &buf, &len);
		for (int step = 0; step < 4 && !rc; step++) {
			char *state = step < 3 ? sprint_state(buf, len, step) : xstrndup(buf, len);
			char *msg = xasprintf("Sprint %.*s: %s\n", (int)(strlen(sprints[i]) - 5), sprints[i],
					      what[step]);

			if (!(rc = write_file(to, state, strlen(state))))
				rc = commit(repo, who[step], now - (6 - 2 * step) * DAY - (step == 3) * 3 * 3600,
					    msg);
			free(state);
			free(msg);
		}
		free(buf);
		free(from);
		free(to);
	}
	/* anything else the demo ships */
	if (!rc && !(rc = copy_tree(src, repo, "")))
		rc = commit(repo, "mia", now - 2 * 3600, "Tidy up the demo pod\n");
out:
	hf_strv_free(models, nmodels);
	hf_strv_free(sprints, nsprints);
	free(mdir);
	free(sdir);
	return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void hf_demo_release(struct hf_demo *demo)
{
	if (demo->dir)
		nftw(demo->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	HF_FREE(demo->dir);
	HF_FREE(demo->db_path);
}

/* The registry, loaded like a sync of source "registry" and recorded in the sync log. */
static enum hf_status load_registry(struct hf_store *store)
{
	struct hf_sync_run run = { 0 };
	char *dir = hf_path_shared_file("data/demo/registry");
	enum hf_status rc;

	run.source = (char *)"registry";
	run.type = (char *)"mlflow";
	run.started = hf_now();
	if (!(rc = hf_store_begin(store))) {
		rc = hf_mlflow_load_dir(store, "registry", dir);
		if (!rc)
			rc = hf_store_commit(store);
		if (rc)
			run.error = xstrdup(hf_last_error());
		if (rc)
			hf_store_rollback(store);
	}
	run.finished = hf_now();
	run.ok = rc == HF_OK;
	run.detail = (char *)"demo registry";
	/* a registry that fails to load is in the sync log, as a live one would be: the demo goes on */
	rc = hf_store_sync_record(store, &run);
	free(run.error);
	free(dir);
	return rc;
}

enum hf_status hf_demo_setup(struct hf_demo *demo)
{
	const char *tmp = getenv("TMPDIR");
	char *src = hf_path_shared_file("data/demo/pod"), *repo = NULL, *cache = NULL;
	struct hf_source_conf conf = { 0 };
	struct hf_store *store = NULL;
	enum hf_status rc;

	demo->db_path = NULL;
	demo->dir = xasprintf("%s/handoff-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(demo->dir)) {
		rc = hf_error(HF_EIO, "cannot make a temporary folder '%s': %s", demo->dir,
			      strerror(errno));
		HF_FREE(demo->dir);
		goto out;
	}
	repo = xasprintf("%s/pod", demo->dir);
	cache = xasprintf("%s/cache", demo->dir);
	demo->db_path = xasprintf("%s/handoff.db", demo->dir);
	/* the demo's git cache lives and dies with it, away from the user's */
	setenv("XDG_CACHE_HOME", cache, 1);
	if ((rc = build_history(src, repo, hf_now())) ||
	    (rc = hf_store_open(demo->db_path, &store)))
		goto out;
	conf.name = (char *)"pod";
	conf.type = HF_SOURCE_GIT;
	conf.url = repo;
	if ((rc = hf_source_sync(store, &conf, NULL, NULL, 0, NULL)))
		goto out;
	rc = load_registry(store);
out:
	hf_store_close(store);
	if (rc) {
		char *msg = xasprintf("the demo: %s", hf_last_error());

		hf_demo_release(demo);
		hf_error(rc, "%s", msg);
		free(msg);
	}
	free(src);
	free(repo);
	free(cache);
	return rc;
}
