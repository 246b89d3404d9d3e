/* oncall_preview.c: `handoff oncall ROTATION --preview FILE`: what an edited rotation file changes, in text, JSON or Markdown */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/git_source.h"
#include "handoff/out.h"
#include "handoff/paths.h"
#include "handoff/podfile.h"
#include "handoff/preview.h"
#include "handoff/rotation_edit.h"
#include "handoff/store_oncall.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"
#include "oncall_internal.h"

#define DAY 86400

/* The edited file read as the pod-file loader reads it, and the rotation it defines. */
static enum hf_status load_edit(const char *name, const char *file, struct hf_rotation **out, size_t *n)
{
	char *text = NULL;
	size_t len;
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	if (!(rc = hf_read_file(file, HF_PODFILE_MAX_SIZE, &text, &len)))
		rc = hf_rotation_edit_load(name, file, text, len, out, n);
	free(text);
	return rc;
}

static json_t *intervals(const struct hf_interval *v, size_t n)
{
	json_t *arr = json_array();
	char a[32];

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		hf_time_format(v[i].start, a, sizeof(a));
		json_object_set_new(o, "from", json_string(a));
		hf_time_format(v[i].end, a, sizeof(a));
		json_object_set_new(o, "until", json_string(a));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *coverage_json(const struct hf_interval *before, size_t nb, const struct hf_interval *after,
			     size_t na, const struct hf_interval *added, size_t nadd,
			     const struct hf_interval *removed, size_t nrem)
{
	json_t *o = json_object();

	json_object_set_new(o, "before", intervals(before, nb));
	json_object_set_new(o, "after", intervals(after, na));
	json_object_set_new(o, "introduced", intervals(added, nadd));
	json_object_set_new(o, "removed", intervals(removed, nrem));
	return o;
}

static bool same_covers(const struct hf_rotation *a, const struct hf_rotation *b)
{
	if (a->ncovers != b->ncovers)
		return false;
	for (size_t i = 0; i < a->ncovers; i++)
		if (strcmp(a->covers[i], b->covers[i]) != 0)
			return false;
	return true;
}

static json_t *covers_json(const struct hf_rotation *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->ncovers; i++)
		json_array_append_new(arr, hf_json_str(r->covers[i]));
	return arr;
}

/* "ranker, fraud-detector" (or "no model"), through the sanitiser or the Markdown escaper. */
static void covers_out(const struct hf_rotation *r, bool md)
{
	if (!r->ncovers)
		fputs("no model", stdout);
	for (size_t i = 0; i < r->ncovers; i++) {
		if (i)
			fputs(", ", stdout);
		if (md)
			hf_out_markdown(stdout, r->covers[i]);
		else
			hf_out_text(stdout, r->covers[i]);
	}
}

static void print_json(const struct hf_preview *p, const struct hf_rotation *before,
		       const struct hf_rotation *after, const char *rot, const char *file, long weeks)
{
	json_t *doc = json_object(), *ch = json_array(), *hours = json_array();
	char a[32];

	json_object_set_new(doc, "rotation", hf_json_str(rot));
	json_object_set_new(doc, "file", hf_json_str(file));
	hf_time_format(p->from, a, sizeof(a));
	json_object_set_new(doc, "from", json_string(a));
	hf_time_format(p->to, a, sizeof(a));
	json_object_set_new(doc, "until", json_string(a));
	json_object_set_new(doc, "weeks", json_integer(weeks));
	json_object_set_new(doc, "covers", json_pack("{s:o, s:o}", "before", covers_json(before),
						     "after", covers_json(after)));
	for (size_t i = 0; i < p->nchanges; i++) {
		json_t *o = json_object();

		hf_time_format(p->changes[i].start, a, sizeof(a));
		json_object_set_new(o, "from", json_string(a));
		hf_time_format(p->changes[i].end, a, sizeof(a));
		json_object_set_new(o, "until", json_string(a));
		json_object_set_new(o, "before", hf_json_str(p->changes[i].before));
		json_object_set_new(o, "after", hf_json_str(p->changes[i].after));
		json_array_append_new(ch, o);
	}
	json_object_set_new(doc, "changes", ch);
	for (size_t i = 0; i < p->nhours; i++)
		json_array_append_new(hours, json_pack("{s:o, s:f, s:f}", "who", hf_json_str(p->hours[i].who),
			"before", (double)p->hours[i].before / 3600.0, "after", (double)p->hours[i].after / 3600.0));
	json_object_set_new(doc, "hours", hours);
	json_object_set_new(doc, "gaps", coverage_json(p->gaps_before, p->ngaps_before, p->gaps_after,
		p->ngaps_after, p->gaps_added, p->ngaps_added, p->gaps_removed, p->ngaps_removed));
	json_object_set_new(doc, "double_cover", coverage_json(p->doubles_before, p->ndoubles_before,
		p->doubles_after, p->ndoubles_after, p->doubles_added, p->ndoubles_added,
		p->doubles_removed, p->ndoubles_removed));
	hf_out_json(stdout, doc);
}

/* "alice" or "nobody", through the one sanitiser (text) or the Markdown escaper. */
static void who_out(const char *who, bool md)
{
	if (md)
		hf_out_markdown(stdout, who ? who : "nobody");
	else
		hf_out_text(stdout, who ? who : "nobody");
}

static void print_intervals(const char *what, const struct hf_interval *v, size_t n,
			    const struct hf_tz *tz, bool md)
{
	char a[40], b[40];

	for (size_t i = 0; i < n; i++) {
		hf_oncall_fmt_human(tz, v[i].start, a, sizeof(a));
		hf_oncall_fmt_human(tz, v[i].end, b, sizeof(b));
		printf(md ? "- %s: %s to %s (%.0fh)\n" : "  %s: %s to %s (%.0fh)\n", what, a, b,
		       (double)(v[i].end - v[i].start) / 3600.0);
	}
}

static void print_text(const struct hf_preview *p, const struct hf_rotation *before,
		       const struct hf_rotation *after, const char *rot, const char *file,
		       const struct hf_tz *tz, long weeks, bool md)
{
	char a[40], b[40];

	hf_oncall_fmt_human(tz, p->from, a, sizeof(a));
	hf_oncall_fmt_human(tz, p->to, b, sizeof(b));
	fputs(md ? "### On-call preview: `" : "preview of ", stdout);
	if (md)
		fputs(rot, stdout);	/* a handle-like name: one word, no Markdown in it */
	else
		hf_out_text(stdout, rot);
	fputs(md ? "`\n\n" : " with ", stdout);
	if (md)
		fputs("With ", stdout);
	who_out(file, md);
	printf(", the next %ld weeks (%s to %s, %s):\n", weeks, a, b, hf_tz_name(tz));
	if (md)
		fputs("\n", stdout);
	fputs(md ? "Covers: " : "  covers: ", stdout);
	covers_out(before, md);
	if (!same_covers(before, after)) {
		fputs(" -> ", stdout);
		covers_out(after, md);
	}
	fputs(md ? ".\n\n" : "\n", stdout);
	if (!p->nchanges) {
		fputs(md ? "No shift changes hands.\n" : "  no shift changes hands\n", stdout);
	} else {
		fputs(md ? "| from | until | before | after |\n|---|---|---|---|\n"
			 : "  shifts that change hands:\n", stdout);
		for (size_t i = 0; i < p->nchanges; i++) {
			hf_oncall_fmt_human(tz, p->changes[i].start, a, sizeof(a));
			hf_oncall_fmt_human(tz, p->changes[i].end, b, sizeof(b));
			printf(md ? "| %s | %s | " : "    %s  %s  ", a, b);
			who_out(p->changes[i].before, md);
			fputs(md ? " | " : " -> ", stdout);
			who_out(p->changes[i].after, md);
			fputs(md ? " |\n" : "\n", stdout);
		}
	}
	fputs(md ? "\n| who | hours before | hours after | change |\n|---|---:|---:|---:|\n"
		 : "  hours (before -> after):\n", stdout);
	for (size_t i = 0; i < p->nhours; i++) {
		double hb = (double)p->hours[i].before / 3600.0, ha = (double)p->hours[i].after / 3600.0;

		fputs(md ? "| " : "    ", stdout);
		who_out(p->hours[i].who, md);
		printf(md ? " | %.0f | %.0f | %+.0f |\n" : " %.0fh -> %.0fh (%+.0fh)\n", hb, ha, ha - hb);
	}
	if (md)
		fputs("\n", stdout);
	printf(md ? "Gaps: %zu before, %zu after. Double cover: %zu before, %zu after.\n\n"
		  : "  gaps: %zu before, %zu after; double cover: %zu before, %zu after\n",
	       p->ngaps_before, p->ngaps_after, p->ndoubles_before, p->ndoubles_after);
	print_intervals("gap introduced", p->gaps_added, p->ngaps_added, tz, md);
	print_intervals("gap removed", p->gaps_removed, p->ngaps_removed, tz, md);
	print_intervals("double cover introduced", p->doubles_added, p->ndoubles_added, tz, md);
	print_intervals("double cover removed", p->doubles_removed, p->ndoubles_removed, tz, md);
}

int hf_oncall_preview(struct hf_store *store, const char *rot, const char *file, const char *shown,
		      int64_t t, long weeks, bool json, bool md)
{
	struct hf_rotation *before = NULL, *after = NULL;
	size_t nb = 0, na = 0;
	struct hf_tz *tz = NULL;
	struct hf_zone z;
	struct hf_preview p;
	int status = HF_EXIT_OK;

	if (hf_store_rotations(store, rot, &before, &nb) || load_edit(rot, file, &after, &na)) {
		status = hf_fail_last();
		goto out;
	}
	if (before[0].calendar) {
		status = hf_fail("rotation '%s' comes from calendar '%s': its changes are made and "
				 "previewed in the calendar", rot, before[0].calendar);
		goto out;
	}
	if (hf_tz_open(after[0].timezone, &tz)) {
		status = hf_fail_last();
		goto out;
	}
	z = hf_tz_zone(tz);
	if (hf_preview_compute(&before[0], &after[0], &z, t, t + weeks * 7 * DAY, &p)) {
		status = hf_fail_last();
		goto out;
	}
	if (json)
		print_json(&p, &before[0], &after[0], rot, shown, weeks);
	else
		print_text(&p, &before[0], &after[0], rot, shown, tz, weeks, md);
	hf_preview_clear(&p);
out:
	hf_tz_free(tz);
	hf_rotations_free(before, nb);
	hf_rotations_free(after, na);
	return status;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names (without .json) of the .json files of dir/oncall, sorted; none when there is no such folder. */
static char **rotation_files(const char *dir, size_t *n)
{
	char *path = xasprintf("%s/oncall", dir), **names = NULL;
	DIR *d = opendir(path);
	struct dirent *de;
	size_t alloc = 0;

	*n = 0;
	free(path);
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		names = xgrow(names, *n + 1, &alloc, sizeof(*names));
		names[(*n)++] = xstrndup(de->d_name, len - 5);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_str);
	return names;
}

/* One changed rotation file: HEAD's version into a private database, then the preview against the file. */
static void lint_one(const char *name, const char *path, const char *shown, const char *head, size_t hlen,
		     int64_t t)
{
	char *rel = xasprintf("oncall/%s.json", name);
	struct hf_store *store = NULL;
	struct hf_rotation *r = NULL;
	size_t n = 0;

	if (hf_store_open(":memory:", &store) || hf_store_begin(store) ||
	    hf_podfile_load(store, "HEAD", rel, head, hlen) || hf_store_commit(store) ||
	    hf_store_rotations(store, name, &r, &n)) {
		/* HEAD's version does not load: nothing to compare the edit with */
		hf_error_clear();
	} else if (!r[0].calendar) {
		putchar('\n');
		hf_oncall_preview(store, name, path, shown, t, HF_PREVIEW_WEEKS, false, false);
	}
	hf_rotations_free(r, n);
	hf_store_close(store);
	free(rel);
}

void hf_oncall_lint_previews(const char *dir, const char *prefix, int64_t t)
{
	size_t n;
	char **names = rotation_files(dir, &n);

	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/oncall/%s.json", dir, names[i]);
		char *shown = xasprintf("%soncall/%s.json", prefix, names[i]);
		char *head = NULL, *text = NULL;
		size_t hlen, len;

		if (hf_git_head_file(path, &head, &hlen) || hf_read_file(path, HF_PODFILE_MAX_SIZE, &text, &len))
			hf_error_clear();	/* new, or in no git work tree: nothing to compare with */
		else if (hlen != len || memcmp(head, text, len) != 0)
			lint_one(names[i], path, shown, head, hlen, t);
		free(head);
		free(text);
		free(shown);
		free(path);
		free(names[i]);
	}
	free(names);
}
