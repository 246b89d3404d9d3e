/* git.c: the git source's sync: fetch diffs the pod's tree and commits into a list of edits, apply stores them */
#include "config.h"

#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/podfile.h"
#include "handoff/redact.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"
#include "git_internal.h"

/* Commits turned into activity on a first sync, and at most on any later one. */
#define FIRST_SYNC_COMMITS 200
#define MAX_SYNC_COMMITS 2000
/* A commit touching more models than this is one event without a model. */
#define MAX_MODELS_PER_EVENT 10

/*
 * Where pod files live. The walk visits the pod folder's own entries, the
 * entries of these folders, and for models/ one level more; nothing else is
 * read, so a pod inside a large repository costs only its own folders.
 */
enum area { AREA_ROOT, AREA_MODELS, AREA_MODEL, AREA_FILES };

static bool is_layout_dir(const char *name)
{
	return hf_podfile_layout_dir(name);
}

static const char *bad_name(const char *name)
{
	return hf_podfile_bad_name(name);
}

static bool is_link(git_filemode_t mode)
{
	return mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT;
}

/* Record a problem for path; names that are not valid UTF-8 are stored sanitised. */
static enum hf_status reject(struct hf_git_sync *gs, const char *path, const char *why)
{
	struct hf_git_op *op = hf_git_op_add(gs, HF_GIT_OP_REJECT);

	op->path = hf_sanitize(path, 0);
	op->text = xstrdup(why);
	hf_trace("git: refuse '%s': %s", op->path, why);
	return HF_OK;
}

static enum hf_status forget(struct hf_git_sync *gs, const char *path)
{
	struct hf_git_op *op = hf_git_op_add(gs, HF_GIT_OP_FORGET);

	op->path = hf_sanitize(path, 0);
	hf_trace("git: forget '%s'", op->path);
	return HF_OK;
}

static enum hf_status read_blob(struct hf_git_sync *gs, const char *path, const git_oid *id)
{
	size_t size;
	git_object_t type;
	int err;
	struct hf_git_op *op;

	if ((err = git_odb_read_header(&size, &type, gs->odb, id)) < 0)
		return hf_git_fail(gs, err, "cannot read a file of the tree");
	if (size > HF_PODFILE_MAX_SIZE) {
		char why[96];

		snprintf(why, sizeof(why), "file is %zu bytes, over the limit of %d bytes", size,
			 HF_PODFILE_MAX_SIZE);
		return reject(gs, path, why);
	}
	op = hf_git_op_add(gs, HF_GIT_OP_LOAD);
	op->path = xstrdup(path);
	git_oid_cpy(&op->id, id);
	return HF_OK;
}

/* A non-folder entry at a visited level was added or changed. */
static enum hf_status file_added(struct hf_git_sync *gs, enum area area, const char *path,
				 const git_tree_entry *e)
{
	const char *name = git_tree_entry_name(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	bool relevant;

	if (area == AREA_ROOT)
		relevant = strcmp(name, "pod.json") == 0 || is_layout_dir(name);
	else
		relevant = true;
	if (!relevant)
		return HF_OK;
	if (is_link(mode))
		return reject(gs, path, mode == GIT_FILEMODE_LINK
						? "symbolic link, not followed"
						: "submodule, not followed");
	if (hf_podfile_classify(path, NULL) == HF_PODFILE_NONE)
		return HF_OK;
	return read_blob(gs, path, git_tree_entry_id(e));
}

/* A non-folder entry at a visited level went away. */
static enum hf_status file_removed(struct hf_git_sync *gs, enum area area, const char *path,
				   const git_tree_entry *e)
{
	const char *name = git_tree_entry_name(e);

	if (area == AREA_ROOT && strcmp(name, "pod.json") != 0 && !is_layout_dir(name) &&
	    !bad_name(name))
		return HF_OK;
	if (area != AREA_ROOT && !is_link(git_tree_entry_filemode(e)) && !bad_name(name) &&
	    hf_podfile_classify(path, NULL) == HF_PODFILE_NONE)
		return HF_OK;
	return forget(gs, path);
}

/* Which area a folder entry of `area` called name opens, or -1 when it is not read. */
static int descend(enum area area, const char *name)
{
	if (area == AREA_ROOT)
		return !is_layout_dir(name) ? -1 : strcmp(name, "models") == 0 ? AREA_MODELS : AREA_FILES;
	if (area == AREA_MODELS)
		return AREA_MODEL;
	return -1;
}

static enum hf_status diff_trees(struct hf_git_sync *gs, git_tree *old, git_tree *new,
				 enum area area, struct hf_strbuf *path);

/* One entry that is in new (and maybe in old under the same name). */
static enum hf_status entry_changed(struct hf_git_sync *gs, enum area area,
				    const git_tree_entry *o, const git_tree_entry *e,
				    struct hf_strbuf *path)
{
	const char *name = git_tree_entry_name(e ? e : o);
	size_t len = path->len;
	enum hf_status rc = HF_OK;
	bool otree = o && git_tree_entry_type(o) == GIT_OBJECT_TREE;
	bool etree = e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
	const char *why;
	int sub;

	if (len)
		hf_strbuf_addch(path, '/');
	hf_strbuf_adds(path, name);
	if ((why = bad_name(name))) {
		/* never descend; the problem sits on the bad name itself */
		rc = e ? reject(gs, path->buf, why) : forget(gs, path->buf);
		goto out;
	}
	sub = descend(area, name);
	if (o && !otree)
		rc = e && !etree ? HF_OK : file_removed(gs, area, path->buf, o);
	if (!rc && e && !etree)
		rc = file_added(gs, area, path->buf, e);
	if (!rc && sub >= 0 && (otree || etree)) {
		git_tree *ot = NULL, *et = NULL;
		int err = 0;

		if (otree)
			err = git_tree_lookup(&ot, gs->repo, git_tree_entry_id(o));
		if (!err && etree)
			err = git_tree_lookup(&et, gs->repo, git_tree_entry_id(e));
		if (err < 0)
			rc = hf_git_fail(gs, err, "cannot read a folder of the tree");
		else
			rc = diff_trees(gs, ot, et, (enum area)sub, path);
		git_tree_free(ot);
		git_tree_free(et);
	}
out:
	hf_strbuf_setlen(path, len);
	return rc;
}

/*
 * Compare two trees entry by entry (either may be NULL: all added, all
 * removed), skipping any entry whose id did not change, so a one-file
 * change costs a few look-ups however large the pod is.
 */
static enum hf_status diff_trees(struct hf_git_sync *gs, git_tree *old, git_tree *new,
				 enum area area, struct hf_strbuf *path)
{
	size_t nnew = new ? git_tree_entrycount(new) : 0, nold = old ? git_tree_entrycount(old) : 0;
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < nnew && !rc; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(new, i);
		const git_tree_entry *o = old ? git_tree_entry_byname(old, git_tree_entry_name(e)) : NULL;

		if (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)) &&
		    git_tree_entry_filemode(o) == git_tree_entry_filemode(e))
			continue;
		rc = entry_changed(gs, area, o, e, path);
	}
	for (size_t i = 0; i < nold && !rc; i++) {
		const git_tree_entry *o = git_tree_entry_byindex(old, i);

		if (new && git_tree_entry_byname(new, git_tree_entry_name(o)))
			continue;
		rc = entry_changed(gs, area, o, NULL, path);
	}
	return rc;
}

/* The pod folder's tree in commit c, or NULL (*rc set when that is an error). */
static git_tree *pod_tree(struct hf_git_sync *gs, git_commit *c, enum hf_status *rc)
{
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *entry = NULL;
	int err;

	*rc = HF_OK;
	if ((err = git_commit_tree(&root, c)) < 0) {
		*rc = hf_git_fail(gs, err, "cannot read the commit's tree");
		return NULL;
	}
	if (!*gs->pod_path)
		return root;
	err = git_tree_entry_bypath(&entry, root, gs->pod_path);
	if (err == GIT_ENOTFOUND)
		*rc = hf_error(HF_ENOTFOUND, "source '%s': no folder '%s' (path) at branch '%s' of '%s'",
			       gs->conf->name, gs->pod_path, gs->branch, gs->url);
	else if (err < 0)
		*rc = hf_git_fail(gs, err, "cannot read the pod folder");
	else if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
		*rc = hf_error(HF_EINVAL, "source '%s': '%s' (path) is not a folder at branch '%s' of "
			       "'%s' (symbolic links are not followed)", gs->conf->name, gs->pod_path,
			       gs->branch, gs->url);
	else if ((err = git_tree_lookup(&sub, gs->repo, git_tree_entry_id(entry))) < 0)
		*rc = hf_git_fail(gs, err, "cannot read the pod folder");
	git_tree_entry_free(entry);
	git_tree_free(root);
	return sub;
}

/* Same as pod_tree, but a missing folder is just "no pod here" (history before it existed). */
static git_tree *pod_tree_quiet(struct hf_git_sync *gs, git_commit *c)
{
	enum hf_status rc;
	git_tree *t = pod_tree(gs, c, &rc);

	if (rc)
		hf_error_clear();
	return t;
}

static git_tree *subtree(struct hf_git_sync *gs, git_tree *t, const char *name)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	git_tree *out = NULL;

	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&out, gs->repo, git_tree_entry_id(e)) < 0)
		return NULL;
	return out;
}

/* The names of t's entries that differ from old's (added, changed or removed), in order. */
static void changed_names(git_tree *old, git_tree *new, char ***names, size_t *n)
{
	size_t alloc = 0;

	*names = NULL;
	*n = 0;
	for (int pass = 0; pass < 2; pass++) {
		git_tree *a = pass ? old : new, *b = pass ? new : old;
		size_t count = a ? git_tree_entrycount(a) : 0;

		for (size_t i = 0; i < count; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(a, i);
			const git_tree_entry *o = b ? git_tree_entry_byname(b, git_tree_entry_name(e)) : NULL;

			if (pass ? o != NULL : (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e))))
				continue;
			*names = xgrow(*names, *n + 1, &alloc, sizeof(**names));
			(*names)[(*n)++] = xstrdup(git_tree_entry_name(e));
		}
	}
}

static enum hf_status sprint_versions(struct hf_git_sync *gs, git_commit *c, git_tree *old,
				      git_tree *new, const char *ref)
{
	git_tree *os = subtree(gs, old, "sprints"), *ns = subtree(gs, new, "sprints");
	char **names;
	size_t n;

	changed_names(os, ns, &names, &n);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = ns ? git_tree_entry_byname(ns, names[i]) : NULL;
		char *rel = xasprintf("sprints/%s", names[i]);

		size_t size;
		git_object_t type;

		if (e && git_tree_entry_filemode(e) != GIT_FILEMODE_LINK && !bad_name(names[i]) &&
		    hf_podfile_classify(rel, NULL) == HF_PODFILE_SPRINT &&
		    git_odb_read_header(&size, &type, gs->odb, git_tree_entry_id(e)) == 0 &&
		    type == GIT_OBJECT_BLOB && size <= HF_PODFILE_MAX_SIZE) {
			struct hf_git_op *op = hf_git_op_add(gs, HF_GIT_OP_SPRINT);

			hf_trace("git: sprint snapshot '%s' at %s", rel, ref);
			op->path = xstrdup(rel);
			git_oid_cpy(&op->id, git_tree_entry_id(e));
			op->at = git_commit_time(c);
			op->ref = xstrdup(ref);
		}
		free(rel);
	}
	hf_strv_free(names, n);
	git_tree_free(os);
	git_tree_free(ns);
	return HF_OK;
}

/* Short ids of commits already in the activity (a re-read after a lost commit), sorted. */
struct known_refs {
	char **refs;
	size_t n;
};

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool known(const struct known_refs *k, const char *ref)
{
	return k->n && bsearch(&ref, k->refs, k->n, sizeof(*k->refs), cmp_ref);
}

/* The commits of this source already recorded since `since`, so a full re-read does not repeat them. */
static enum hf_status load_known(struct hf_git_sync *gs, int64_t since, struct known_refs *k)
{
	struct hf_activity *a;
	size_t n, alloc = 0;
	enum hf_status rc = hf_store_activity_list(gs->store, NULL, since, 1000000, &a, &n);	/* one statement: one snapshot */

	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(a[i].source, gs->conf->name) != 0 || strcmp(a[i].kind, "commit") != 0 ||
		    !a[i].ref)
			continue;
		k->refs = xgrow(k->refs, k->n + 1, &alloc, sizeof(*k->refs));
		k->refs[k->n++] = xstrdup(a[i].ref);
	}
	hf_activity_free(a, n);
	if (k->n)
		qsort(k->refs, k->n, sizeof(*k->refs), cmp_ref);
	return HF_OK;
}

/* One commit of the range: activity events per touched model and sprint snapshots. */
static enum hf_status commit_event(struct hf_git_sync *gs, git_commit *c, const struct known_refs *k)
{
	git_commit *parent = NULL;
	git_tree *old = NULL, *new = pod_tree_quiet(gs, c), *om = NULL, *nm = NULL;
	const git_signature *author = git_commit_author(c);
	const char *summary = git_commit_summary(c);
	char ref[GIT_OID_HEXSZ + 1], **models = NULL;
	size_t nmodels = 0;
	enum hf_status rc = HF_OK;

	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0)
		old = pod_tree_quiet(gs, parent);
	if ((!old && !new) || (old && new && git_oid_equal(git_tree_id(old), git_tree_id(new))))
		goto out;	/* the commit did not touch the pod */
	git_oid_tostr(ref, 8, git_commit_id(c));
	if (known(k, ref))
		goto out;	/* recorded by an earlier sync */
	om = subtree(gs, old, "models");
	nm = subtree(gs, new, "models");
	changed_names(om, nm, &models, &nmodels);

	for (size_t i = 0; i == 0 || i < nmodels; i++) {
		struct hf_git_op *op;

		if (nmodels && nmodels <= MAX_MODELS_PER_EVENT && bad_name(models[i]))
			continue;
		op = hf_git_op_add(gs, HF_GIT_OP_ACTIVITY);
		op->at = author ? author->when.time : git_commit_time(c);
		op->actor = author && author->name ? xstrdup(author->name) : NULL;
		op->text = xstrdup(summary ? summary : "");
		op->ref = xstrdup(ref);
		if (nmodels && nmodels <= MAX_MODELS_PER_EVENT)
			op->model = xstrdup(models[i]);
		else
			break;	/* none, or too many: one event without a model */
	}
	if (!rc)
		rc = sprint_versions(gs, c, old, new, ref);
	gs->commits++;
out:
	hf_strv_free(models, nmodels);
	git_tree_free(om);
	git_tree_free(nm);
	git_tree_free(old);
	git_tree_free(new);
	git_commit_free(parent);
	return rc;
}

/*
 * The commits after old (NULL: everything, newest FIRST_SYNC_COMMITS) up to
 * the tip, oldest first. reread: a full read after the synced commit was
 * lost, when commits already recorded are skipped.
 */
static enum hf_status record_commits(struct hf_git_sync *gs, const git_oid *old, bool reread)
{
	git_revwalk *walk = NULL;
	struct known_refs k = { NULL, 0 };
	git_oid id, *ids = NULL;
	size_t n = 0, alloc = 0, cap = old ? MAX_SYNC_COMMITS : FIRST_SYNC_COMMITS;
	enum hf_status rc = HF_OK;
	int err;

	if ((err = git_revwalk_new(&walk, gs->repo)) < 0 ||
	    (err = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0 ||
	    (err = git_revwalk_push(walk, &gs->tip)) < 0 ||
	    (old && (err = git_revwalk_hide(walk, old)) < 0)) {
		rc = hf_git_fail(gs, err, "cannot walk the history");
		goto out;
	}
	while (n < cap && (err = git_revwalk_next(&id, walk)) == 0) {
		ids = xgrow(ids, n + 1, &alloc, sizeof(*ids));
		git_oid_cpy(&ids[n++], &id);
	}
	if (err < 0 && err != GIT_ITEROVER) {
		rc = hf_git_fail(gs, err, "cannot walk the history");
		goto out;
	}
	hf_trace("git: %zu commits since %s", n, old ? git_oid_tostr_s(old) : "the start");
	if (reread && n) {
		git_commit *oldest;

		if ((err = git_commit_lookup(&oldest, gs->repo, &ids[n - 1])) < 0) {
			rc = hf_git_fail(gs, err, "cannot read a commit");
			goto out;
		}
		rc = load_known(gs, git_commit_time(oldest) - 14 * 24 * 3600, &k);
		git_commit_free(oldest);
	}
	for (size_t i = n; i-- > 0 && !rc;) {
		git_commit *c;

		if ((err = git_commit_lookup(&c, gs->repo, &ids[i])) < 0) {
			rc = hf_git_fail(gs, err, "cannot read a commit");
			break;
		}
		rc = commit_event(gs, c, &k);
		git_commit_free(c);
	}
out:
	hf_strv_free(k.refs, k.n);
	free(ids);
	git_revwalk_free(walk);
	return rc;
}

/* conf->path without leading, trailing or doubled slashes; NULL when it leaves the repository. */
static char *normalise_path(const char *p)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	while (p && *p) {
		size_t len = strcspn(p, "/");

		if (len) {
			char seg[256];

			if (len >= sizeof(seg))
				goto bad;
			memcpy(seg, p, len);
			seg[len] = '\0';
			if (bad_name(seg))
				goto bad;
			if (sb.len)
				hf_strbuf_addch(&sb, '/');
			hf_strbuf_add(&sb, p, len);
		}
		p += len + (p[len] == '/');
	}
	return hf_strbuf_detach(&sb);
bad:
	hf_strbuf_release(&sb);
	return NULL;
}

/* What the cache's previous sync left in the store: the synced commit and pod folder. */
static enum hf_status read_state(struct hf_store *store, struct hf_git_sync *gs)
{
	enum hf_status rc;

	if ((rc = hf_store_read_begin(store)))
		return rc;
	if (!(rc = hf_store_state_get(store, gs->conf->name, "commit", &gs->old_hex)))
		rc = hf_store_state_get(store, gs->conf->name, "path", &gs->old_path);
	hf_store_read_end(store);
	return rc;
}

/* Compare the tip with the synced commit: the edits to make go into gs->ops. */
static enum hf_status diff_tip(struct hf_git_sync *gs)
{
	git_commit *tip = NULL, *oldc = NULL;
	git_tree *new = NULL, *old = NULL;
	git_oid old_id;
	struct hf_strbuf path = HF_STRBUF_INIT;
	bool have_old = false;
	enum hf_status rc = HF_OK;
	int err;

	git_oid_tostr(gs->tip_hex, sizeof(gs->tip_hex), &gs->tip);
	if (gs->old_hex && strcmp(gs->old_hex, gs->tip_hex) == 0 && gs->old_path &&
	    strcmp(gs->old_path, gs->pod_path) == 0) {
		gs->up_to_date = true;
		return HF_OK;
	}
	if ((err = git_commit_lookup(&tip, gs->repo, &gs->tip)) < 0) {
		rc = hf_git_fail(gs, err, "cannot read the tip commit");
		goto out;
	}
	if (!(new = pod_tree(gs, tip, &rc)))
		goto out;
	/* incremental when the old commit is still in the cache and the pod folder is the same */
	if (gs->old_hex && git_oid_fromstr(&old_id, gs->old_hex) == 0 && gs->old_path &&
	    strcmp(gs->old_path, gs->pod_path) == 0 &&
	    git_commit_lookup(&oldc, gs->repo, &old_id) == 0 &&
	    (old = pod_tree(gs, oldc, &rc)) != NULL) {
		have_old = true;
	} else {
		hf_error_clear();
		rc = HF_OK;
		hf_trace("git: full read of '%s' at %.12s%s", gs->conf->name, gs->tip_hex,
			 gs->old_hex ? " (the synced commit is gone or the path changed)" : "");
		gs->full = true;
	}
	hf_strbuf_init(&path);
	hf_sync_progress_report(gs->progress, gs->conf->name, "reading the tree", 0, 0);
	if ((rc = diff_trees(gs, old, new, AREA_ROOT, &path)))
		goto out;
	rc = record_commits(gs, have_old ? &old_id : NULL, !have_old && gs->old_hex);
out:
	hf_strbuf_release(&path);
	git_tree_free(new);
	git_tree_free(old);
	git_commit_free(tip);
	git_commit_free(oldc);
	return rc;
}

static void git_fetched_free(struct hf_fetched *f)
{
	struct hf_git_sync *gs = (struct hf_git_sync *)f;

	for (size_t i = 0; i < gs->nops; i++) {
		free(gs->ops[i].path);
		free(gs->ops[i].text);
		free(gs->ops[i].actor);
		free(gs->ops[i].model);
		free(gs->ops[i].ref);
	}
	free(gs->ops);
	git_odb_free(gs->odb);
	git_repository_free(gs->repo);
	free(gs->url);
	free(gs->pod_path);
	free(gs->branch);
	free(gs->cred_error);
	hf_git_ssh_release(&gs->ssh);
	free(gs->old_hex);
	free(gs->old_path);
	free(gs);
}

static pthread_once_t git_once = PTHREAD_ONCE_INIT;

static void git_start_once(void)
{
	git_libgit2_init();
}

void hf_git_start(void)
{
	pthread_once(&git_once, git_start_once);
}

struct hf_git_op *hf_git_op_add(struct hf_git_sync *gs, enum hf_git_op_kind kind)
{
	struct hf_git_op *op;

	gs->ops = xgrow(gs->ops, gs->nops + 1, &gs->alloc_ops, sizeof(*gs->ops));
	op = &gs->ops[gs->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	return op;
}

/*
 * Fetch: the branch into the bare cache (the network), then the diff of the
 * pod's tree and the new commits into a list of edits; the blobs stay in the
 * cache (local disk) for apply to read. Reads the store only for the synced
 * commit and the commits already in the activity.
 */
static enum hf_status git_source_fetch(struct hf_store *store, struct hf_sync *sync,
				struct hf_fetched **out)
{
	const struct hf_source_conf *conf = sync->conf;
	struct hf_git_sync *gs;
	enum hf_status rc;

	*out = NULL;
	if (!conf->url || !*conf->url)
		return hf_error(HF_EINVAL, "source '%s' has no url", conf->name);
	hf_git_start();
	gs = xcalloc(1, sizeof(*gs));
	gs->base.free = git_fetched_free;
	gs->store = store;
	gs->conf = conf;
	gs->progress = sync->progress;
	gs->cancel = sync->cancel;
	gs->url = hf_redact(conf->url);
	if (!(gs->pod_path = normalise_path(conf->path))) {
		rc = hf_error(HF_EINVAL, "source '%s': path '%s' must be a folder inside the repository",
			      conf->name, conf->path);
		goto out;
	}
	if ((rc = read_state(store, gs)) || (rc = hf_git_ssh_init(gs)) || (rc = hf_git_fetch(gs)))
		goto out;
	rc = diff_tip(gs);
out:
	gs->store = NULL;	/* apply gets its own */
	if (rc)
		git_fetched_free(&gs->base);
	else
		*out = &gs->base;
	return rc;
}

/* One edit of the list, in the apply transaction. */
static enum hf_status apply_op(struct hf_store *store, struct hf_git_sync *gs,
			       const struct hf_git_op *op, struct hf_sync_summary *sum)
{
	const char *source = gs->conf->name;
	struct hf_activity a = { 0 };
	git_blob *blob;
	enum hf_status rc;
	int err;

	switch (op->kind) {
	case HF_GIT_OP_REJECT:
		sum->files_refused++;
		return hf_podfile_reject(store, source, op->path, "%s", op->text);
	case HF_GIT_OP_FORGET:
		sum->files_removed++;
		return hf_podfile_remove(store, source, op->path);
	case HF_GIT_OP_LOAD:
	case HF_GIT_OP_SPRINT:
		if ((err = git_blob_lookup(&blob, gs->repo, &op->id)) < 0)
			return hf_git_fail(gs, err, "cannot read a file of the tree");
		if (op->kind == HF_GIT_OP_LOAD) {
			hf_trace("git: read '%s' (%zu bytes)", op->path,
				 (size_t)git_blob_rawsize(blob));
			rc = hf_podfile_load(store, source, op->path, git_blob_rawcontent(blob),
					     (size_t)git_blob_rawsize(blob));
			if (++sum->files_read % 256 == 0)
				hf_sync_progress_report(gs->progress, source, "reading files",
							sum->files_read, 0);
		} else {
			rc = hf_podfile_sprint_snapshot(store, source, op->path,
							git_blob_rawcontent(blob),
							(size_t)git_blob_rawsize(blob), op->at, op->ref);
		}
		git_blob_free(blob);
		return rc;
	case HF_GIT_OP_ACTIVITY:
		a.at = op->at;
		a.source = (char *)source;
		a.kind = (char *)"commit";
		a.actor = op->actor;
		a.summary = op->text;
		a.ref = op->ref;
		a.model = op->model;
		sum->changes++;
		return hf_store_activity_add(store, &a);
	}
	return HF_OK;
}

static enum hf_status git_source_apply(struct hf_store *store, struct hf_sync *sync,
				struct hf_fetched *fetched)
{
	struct hf_git_sync *gs = (struct hf_git_sync *)fetched;
	struct hf_sync_summary *sum = &sync->summary;
	const char *source = sync->conf->name;
	char *now_hex = NULL;
	enum hf_status rc;

	if (!gs)
		return HF_OK;
	sum->detail = xasprintf("%.7s on %s", gs->tip_hex, gs->branch);
	sum->up_to_date = gs->up_to_date;
	if (gs->up_to_date)
		return HF_OK;
	/* the diff was made against the synced commit: it must still be the one stored */
	if ((rc = hf_store_state_get(store, source, "commit", &now_hex)))
		return rc;
	if ((now_hex || gs->old_hex) && (!now_hex || !gs->old_hex || strcmp(now_hex, gs->old_hex))) {
		free(now_hex);
		return hf_error(HF_EBUSY, "source '%s' was synced by another process meanwhile: "
				"sync again", source);
	}
	free(now_hex);
	sum->full = gs->full;
	if (gs->full && (rc = hf_store_forget_source(store, source)))
		return rc;
	for (size_t i = 0; i < gs->nops; i++)
		if ((rc = apply_op(store, gs, &gs->ops[i], sum)))
			return rc;
	sum->commits = gs->commits;
	sum->changes += sum->files_read + sum->files_removed + sum->files_refused;
	if ((rc = hf_store_state_set(store, source, "commit", gs->tip_hex)) ||
	    (rc = hf_store_state_set(store, source, "path", gs->pod_path)) ||
	    (rc = hf_store_state_set(store, source, "branch", gs->branch)))
		return rc;
	hf_trace("git: synced '%s' at %.12s: %s, %zu files read, %zu removed, %zu refused, %zu "
		 "commits", source, gs->tip_hex, gs->full ? "full read" : "incremental",
		 sum->files_read, sum->files_removed, sum->files_refused, sum->commits);
	return HF_OK;
}

const struct hf_source_ops hf_source_git_ops = {
	.type = HF_SOURCE_GIT,
	.fetch = git_source_fetch,
	.apply = git_source_apply,
	.push = NULL,
};
