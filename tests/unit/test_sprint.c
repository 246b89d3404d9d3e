/* test_sprint.c: sprint capacity, balance, progress and burndown; the sprint file loader and snapshots */
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

#include "handoff/clock.h"
#include "handoff/podfile.h"
#include "handoff/sprint.h"
#include "handoff/store.h"
#include "handoff/store_pod.h"
#include "handoff/store_sprint.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

static int64_t day(const char *date)
{
	int64_t d;

	assert_true(hf_sprint_day_parse(date, &d));
	return d;
}

static int64_t at(const char *instant)
{
	int64_t t;

	assert_int_equal(hf_time_parse(instant, &t), HF_OK);
	return t;
}

static struct hf_member members[] = {
	{ (char *)"ana", (char *)"Ana Ruiz", HF_ROLE_RESEARCH, NULL, NULL },
	{ (char *)"li", (char *)"Li Wei", HF_ROLE_RESEARCH, NULL, NULL },
	{ (char *)"raj", (char *)"Raj Iyer", HF_ROLE_ENGINEERING, NULL, NULL },
	{ (char *)"sam", (char *)"Sam Okafor", HF_ROLE_ENGINEERING, NULL, NULL },
};
static const struct hf_pod pod = { .name = (char *)"demo-pod", .members = members, .nmembers = 4 };

static struct hf_sprint_capacity capacity[] = {
	{ (char *)"ana", 5 }, { (char *)"raj", 6 }, { (char *)"sam", 8 },
};

#define ITEM(id, kind, owner, model, pts, st) \
	{ (char *)id, (char *)"title of " id, kind, (char *)owner, (char *)model, pts, st, NULL, NULL, 0 }

/* raj: 4 + 3 = 7 > 6 (over); ana 5 of 5 (not over); li has no capacity: 2 > 0 (over) */
static struct hf_sprint_item items[] = {
	ITEM("S-1", HF_ROLE_ENGINEERING, "raj", "ranker", 4, HF_ITEM_DONE),
	ITEM("S-2", HF_ROLE_ENGINEERING, "raj", "fraud-detector", 3, HF_ITEM_BLOCKED),
	ITEM("S-3", HF_ROLE_RESEARCH, "ana", "fraud-detector", 5, HF_ITEM_DOING),
	ITEM("S-4", HF_ROLE_SHARED, "sam", NULL, 2, HF_ITEM_DONE),
	ITEM("S-5", HF_ROLE_RESEARCH, "li", "speech-vad", 2, HF_ITEM_TODO),
};

static struct hf_sprint sprint(void)
{
	struct hf_sprint s = { 0 };

	s.id = (char *)"2026-12";
	s.start = (char *)"2026-11-23";
	s.end = (char *)"2026-12-11";
	s.capacity = capacity;
	s.ncapacity = 3;
	s.items = items;
	s.nitems = 5;
	return s;
}

static const struct hf_sprint_person *person(const struct hf_sprint_eval *ev, const char *h)
{
	for (size_t i = 0; i < ev->npeople; i++)
		if (strcmp(ev->people[i].handle, h) == 0)
			return &ev->people[i];
	fail_msg("no person '%s'", h);
	return NULL;
}

/* Items of 0 points (not yet estimated) and no capacity are still over capacity, for the person and the role. */
static void items_without_capacity_are_over(void **state)
{
	struct hf_sprint_item unestimated[] = {
		ITEM("S-1", HF_ROLE_ENGINEERING, "raj", NULL, 0, HF_ITEM_TODO),
		ITEM("S-2", HF_ROLE_RESEARCH, "ana", NULL, 0, HF_ITEM_TODO),
	};
	struct hf_sprint_capacity cap[] = { { (char *)"ana", 0 }, { (char *)"sam", 3 } };
	struct hf_sprint s = sprint();
	struct hf_sprint_eval ev;

	s.items = unestimated;
	s.nitems = 2;
	s.capacity = cap;
	s.ncapacity = 2;
	hf_sprint_evaluate(&s, &pod, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	assert_true(person(&ev, "raj")->over);		/* no capacity entry */
	assert_true(person(&ev, "ana")->over);		/* capacity 0 */
	assert_false(person(&ev, "sam")->over);		/* capacity and no items */
	assert_true(ev.roles[HF_ROLE_RESEARCH].over);
	assert_false(ev.roles[HF_ROLE_ENGINEERING].over);	/* the role has sam's 3 points of capacity */
	hf_sprint_eval_clear(&ev);
}

static void capacity_per_person_and_role(void **state)
{
	struct hf_sprint s = sprint();
	struct hf_sprint_eval ev;

	hf_sprint_evaluate(&s, &pod, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	/* capacity order, then owners that have none */
	assert_int_equal(ev.npeople, 4);
	assert_string_equal(ev.people[0].handle, "ana");
	assert_string_equal(ev.people[3].handle, "li");
	assert_true(person(&ev, "raj")->over);
	assert_true(person(&ev, "raj")->committed == 7 && person(&ev, "raj")->capacity == 6);
	assert_true(person(&ev, "raj")->done == 4);
	assert_false(person(&ev, "ana")->over);
	assert_false(person(&ev, "sam")->over);
	assert_true(person(&ev, "li")->over);
	assert_int_equal(person(&ev, "li")->role, HF_ROLE_RESEARCH);
	assert_true(ev.roles[HF_ROLE_RESEARCH].capacity == 5);
	assert_true(ev.roles[HF_ROLE_RESEARCH].committed == 7);
	assert_true(ev.roles[HF_ROLE_RESEARCH].over);
	assert_true(ev.roles[HF_ROLE_ENGINEERING].capacity == 14);
	assert_true(ev.roles[HF_ROLE_ENGINEERING].committed == 9);
	assert_false(ev.roles[HF_ROLE_ENGINEERING].over);
	assert_int_equal(ev.nunknown, 0);
	hf_sprint_eval_clear(&ev);
}

static void balance_progress_and_blocked(void **state)
{
	struct hf_sprint s = sprint();
	struct hf_sprint_eval ev;

	hf_sprint_evaluate(&s, &pod, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	assert_true(ev.kind_points[HF_ROLE_RESEARCH] == 7);
	assert_true(ev.kind_points[HF_ROLE_ENGINEERING] == 7);
	assert_true(ev.kind_points[HF_ROLE_SHARED] == 2);
	assert_true(ev.research_share == 0.5);
	assert_true(ev.committed == 16 && ev.done == 6);
	assert_int_equal(ev.items_done, 2);
	assert_int_equal(ev.items_doing, 1);
	assert_int_equal(ev.items_todo, 1);
	assert_int_equal(ev.nblocked, 1);
	assert_string_equal(s.items[ev.blocked[0]].id, "S-2");
	hf_sprint_eval_clear(&ev);
}

static void days_left_counts_today(void **state)
{
	static const struct { const char *now; int left, elapsed; } cases[] = {
		{ "2026-11-20T12:00:00Z", 19, 0 },	/* before the start: all of it */
		{ "2026-11-23T00:00:00Z", 19, 0 },	/* first day */
		{ "2026-11-29T10:00:00Z", 13, 6 },
		{ "2026-12-11T23:59:59Z", 1, 18 },	/* last day still counts */
		{ "2026-12-12T00:00:00Z", 0, 19 },	/* over */
	};
	struct hf_sprint s = sprint();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_sprint_eval ev;

		hf_sprint_evaluate(&s, &pod, NULL, 0, at(cases[i].now), &ev);
		assert_int_equal(ev.days, 19);
		assert_int_equal(ev.days_left, cases[i].left);
		assert_int_equal(ev.days_elapsed, cases[i].elapsed);
		hf_sprint_eval_clear(&ev);
	}
	assert_true(hf_sprint_contains("2026-11-23", "2026-12-11", day("2026-11-23")));
	assert_true(hf_sprint_contains("2026-11-23", "2026-12-11", day("2026-12-11")));
	assert_false(hf_sprint_contains("2026-11-23", "2026-12-11", day("2026-12-12")));
	assert_false(hf_sprint_contains("2026-11-23", "bad", day("2026-11-25")));

	/* absurd dates give no days and no burndown rather than a huge allocation */
	struct hf_sprint_eval ev;

	s.start = (char *)"1970-01-01";
	s.end = (char *)"2999-12-31";
	hf_sprint_evaluate(&s, &pod, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	assert_int_equal(ev.days, 0);
	assert_int_equal(ev.nburndown, 0);
	hf_sprint_eval_clear(&ev);
}

static void unknown_member_names_the_item(void **state)
{
	struct hf_sprint_item bad[] = {
		ITEM("S-1", HF_ROLE_ENGINEERING, "raj", NULL, 1, HF_ITEM_TODO),
		ITEM("S-2", HF_ROLE_RESEARCH, "ana", NULL, 1, HF_ITEM_TODO),
		ITEM("S-3", HF_ROLE_RESEARCH, "li", NULL, 1, HF_ITEM_TODO),
		ITEM("S-4", HF_ROLE_RESEARCH, "zoe", NULL, 2, HF_ITEM_TODO),
	};
	struct hf_sprint_capacity cap[] = { { (char *)"ana", 5 }, { (char *)"bob", 3 } };
	struct hf_sprint s = sprint();
	struct hf_sprint_eval ev;

	s.items = bad;
	s.nitems = 4;
	s.capacity = cap;
	s.ncapacity = 2;
	hf_sprint_evaluate(&s, &pod, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	assert_int_equal(ev.nunknown, 2);
	assert_string_equal(ev.unknown[0].field, "capacity.bob");
	assert_null(ev.unknown[0].item);
	assert_string_equal(ev.unknown[1].field, "items[3].owner");
	assert_string_equal(ev.unknown[1].handle, "zoe");
	assert_string_equal(ev.unknown[1].item, "S-4");
	assert_false(person(&ev, "zoe")->member);
	assert_int_equal(person(&ev, "zoe")->role, HF_ROLE_UNKNOWN);
	hf_sprint_eval_clear(&ev);

	/* no pod synced yet: nothing to check against, so nothing is flagged */
	struct hf_pod empty = { 0 };

	hf_sprint_evaluate(&s, &empty, NULL, 0, at("2026-11-29T10:00:00Z"), &ev);
	assert_int_equal(ev.nunknown, 0);
	hf_sprint_eval_clear(&ev);
}

static void burndown_from_snapshots(void **state)
{
	struct hf_sprint s = sprint();
	/* out of order on purpose; the current state (6 of 16) is at now */
	struct hf_sprint_snapshot snaps[] = {
		{ at("2026-11-25T09:00:00Z"), (char *)"c2", 2, 14 },
		{ at("2026-11-22T18:00:00Z"), (char *)"c1", 0, 12 },
		{ at("2026-11-25T17:00:00Z"), (char *)"c3", 4, 16 },
		{ at("2026-11-27T11:00:00Z"), (char *)"c4", 5, 16 },
	};
	static const struct { const char *day; double done, remaining; } want[] = {
		{ "2026-11-23", 0, 12 }, { "2026-11-24", 0, 12 }, { "2026-11-25", 4, 12 },
		{ "2026-11-26", 4, 12 }, { "2026-11-27", 5, 11 }, { "2026-11-28", 5, 11 },
		{ "2026-11-29", 6, 10 },
	};
	struct hf_sprint_eval ev;

	hf_sprint_evaluate(&s, &pod, snaps, 4, at("2026-11-29T10:00:00Z"), &ev);
	assert_int_equal(ev.nburndown, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(ev.burndown[i].day, day(want[i].day));
		assert_true(ev.burndown[i].done == want[i].done);
		assert_true(ev.burndown[i].remaining == want[i].remaining);
	}
	/* the ideal line reaches 0 on the last day: 16 * 18/19 after the first */
	assert_true(ev.burndown[0].ideal > 15.1 && ev.burndown[0].ideal < 15.2);
	hf_sprint_eval_clear(&ev);

	/* after the end the series stops at the last day */
	hf_sprint_evaluate(&s, &pod, snaps, 4, at("2027-01-05T10:00:00Z"), &ev);
	assert_int_equal(ev.nburndown, 19);
	assert_true(ev.burndown[18].ideal == 0);
	/* what was ticked after the last day is not in the sprint's burndown */
	assert_true(ev.burndown[18].done == 5);
	hf_sprint_eval_clear(&ev);
}

static void items_on_not_ready_models(void **state)
{
	struct hf_sprint s = sprint();
	const char *not_ready[] = { "fraud-detector", "ranker" };
	size_t *idx, n;

	hf_sprint_items_on_models(&s, not_ready, 2, &idx, &n);
	/* S-1 is on ranker but done: it no longer waits for anything */
	assert_int_equal(n, 2);
	assert_string_equal(s.items[idx[0]].id, "S-2");
	assert_string_equal(s.items[idx[1]].id, "S-3");
	free(idx);
}

static void status_names_round_trip(void **state)
{
	static const char *names[] = { "todo", "doing", "blocked", "done" };

	for (int i = 0; i < 4; i++)
		assert_string_equal(hf_item_status_name(hf_item_status_parse(names[i])), names[i]);
	assert_int_equal(hf_item_status_parse("Done"), HF_ITEM_UNKNOWN);
	assert_int_equal(hf_item_status_parse(NULL), HF_ITEM_UNKNOWN);
}

/* ---- the loader and the store, on a real SQLite file ---- */

static char *db_path;

static int setup_db(void **state)
{
	*state = hf_test_store_open("hf-sprint", &db_path);
	return 0;
}

static int teardown_db(void **state)
{
	hf_test_store_close(*state, db_path);
	db_path = NULL;
	return 0;
}

static void load(struct hf_store *store, const char *path, const char *json)
{
	assert_int_equal(hf_podfile_load(store, "pod", path, json, strlen(json)), HF_OK);
}

static const char good_sprint[] =
	"{ \"id\": \"2026-12\", \"name\": \"December joint sprint\", \"start\": \"2026-11-23\","
	"  \"end\": \"2026-12-11\", \"goal\": \"fraud-detector into serving\","
	"  \"capacity\": {\"ana\": 5, \"raj\": 6},"
	"  \"items\": ["
	"   {\"id\": \"S-1\", \"title\": \"Quantize ranker\", \"kind\": \"engineering\", \"owner\": \"raj\","
	"    \"model\": \"ranker\", \"points\": 4, \"status\": \"done\", \"blocked_by\": null, \"links\": []},"
	"   {\"id\": \"S-2\", \"title\": \"Latency fix\", \"kind\": \"engineering\", \"owner\": \"raj\","
	"    \"model\": \"fraud-detector\", \"points\": 3, \"status\": \"blocked\","
	"    \"blocked_by\": [\"S-3\", \"GPU quota\"], \"links\": [\"https://ci.example/1\", \"https://ci.example/2\"]},"
	"   {\"id\": \"S-3\", \"title\": \"Distil\", \"kind\": \"research\", \"owner\": \"ana\","
	"    \"points\": 5, \"status\": \"doing\", \"colour\": \"red\"} ] }";

static void loader_stores_what_the_file_says(void **state)
{
	struct hf_store *store = *state;
	struct hf_sprint s;
	struct hf_problem *p;
	size_t n;

	load(store, "sprints/2026-12.json", good_sprint);
	assert_int_equal(hf_store_sprint_get(store, "2026-12", &s), HF_OK);
	assert_string_equal(s.path, "sprints/2026-12.json");
	assert_string_equal(s.name, "December joint sprint");
	assert_string_equal(s.goal, "fraud-detector into serving");
	assert_string_equal(s.start, "2026-11-23");
	assert_int_equal(s.ncapacity, 2);
	assert_string_equal(s.capacity[1].handle, "raj");
	assert_true(s.capacity[1].points == 6);
	assert_int_equal(s.nitems, 3);
	assert_string_equal(s.items[1].blocked_by, "S-3, GPU quota");
	assert_int_equal(s.items[1].status, HF_ITEM_BLOCKED);
	assert_int_equal(s.items[1].nlinks, 2);
	assert_string_equal(s.items[1].links[1], "https://ci.example/2");
	assert_null(s.items[2].model);
	assert_int_equal(s.items[2].kind, HF_ROLE_RESEARCH);
	hf_sprint_clear(&s);
	/* the unknown field is a warning naming it; the file still loads */
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].severity, HF_PROBLEM_WARNING);
	assert_string_equal(p[0].field, "items[2].colour");
	hf_problems_free(p, n);

	/* a resync replaces it rather than failing on the primary keys */
	load(store, "sprints/2026-12.json", good_sprint);
	assert_int_equal(hf_store_sprint_get(store, "2026-12", &s), HF_OK);
	assert_int_equal(s.nitems, 3);
	hf_sprint_clear(&s);
	assert_int_equal(hf_store_sprint_get(store, "2027-01", &s), HF_ENOTFOUND);
}

static void loader_rejects_bad_files_naming_the_field(void **state)
{
	static const struct { const char *json; const char *field; const char *message; } cases[] = {
		{ "{\"start\": \"2026-12-01\", \"end\": \"2026-12-18\", \"items\": ["
		  "{\"id\": \"A\", \"title\": \"t\", \"kind\": \"research\", \"points\": 1, \"status\": \"finished\"}]}",
		  "items[0].status", "status 'finished' of item 'A' must be todo, doing, blocked or done" },
		{ "{\"start\": \"2026-12-01\", \"end\": \"2026-12-18\", \"items\": ["
		  "{\"id\": \"A\", \"title\": \"t\", \"kind\": \"ops\", \"points\": 1, \"status\": \"todo\"}]}",
		  "items[0].kind", "kind 'ops' of item 'A' must be research, engineering or shared" },
		{ "{\"start\": \"2026-12-01\", \"end\": \"2026-12-18\", \"items\": ["
		  "{\"id\": \"A\", \"title\": \"t\", \"kind\": \"research\", \"points\": 1, \"status\": \"todo\"},"
		  "{\"id\": \"A\", \"title\": \"u\", \"kind\": \"research\", \"points\": 1, \"status\": \"todo\"}]}",
		  "items[1].id", "item 'A' is listed twice" },
		{ "{\"start\": \"2026-12-18\", \"end\": \"2026-12-01\", \"items\": []}",
		  "end", "the sprint ends (2026-12-01) before it starts (2026-12-18)" },
		{ "{\"start\": \"2026-01-01\", \"end\": \"2027-12-31\", \"items\": []}",
		  "end", "the sprint lasts 730 days, over the limit of 366" },
		{ "{\"start\": \"Dec 1\", \"end\": \"2026-12-01\", \"items\": []}",
		  "start", "'start' must be a date such as 2026-12-01, not 'Dec 1'" },
		{ "{\"start\": \"2026-12-01\", \"end\": \"2026-12-18\", \"capacity\": {\"ana\": \"lots\"}, \"items\": []}",
		  "capacity.ana", "'capacity.ana' must be a number of points, 0 or more" },
		{ "{\"start\": \"2026-12-01\", \"end\": \"2026-12-18\", \"items\": ["
		  "{\"id\": \"A\", \"title\": \"t\", \"kind\": \"research\", \"status\": \"todo\"}]}",
		  "items[0].points", "missing required field 'items[0].points'" },
	};
	struct hf_store *store = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_sprint s;
		struct hf_problem *p;
		size_t n, errors = 0;

		load(store, "sprints/bad.json", cases[i].json);
		assert_int_equal(hf_store_sprint_get(store, "bad", &s), HF_ENOTFOUND);
		assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
		for (size_t j = 0; j < n; j++) {
			if (p[j].severity != HF_PROBLEM_ERROR)
				continue;
			errors++;
			assert_string_equal(p[j].path, "sprints/bad.json");
			assert_string_equal(p[j].field, cases[i].field);
			assert_string_equal(p[j].message, cases[i].message);
		}
		assert_int_equal(errors, 1);
		hf_problems_free(p, n);
	}
}

static void two_files_for_one_sprint_is_an_error(void **state)
{
	struct hf_store *store = *state;
	struct hf_sprint s;
	struct hf_problem *p;
	size_t n, found = 0;

	load(store, "sprints/2026-12.json", good_sprint);
	load(store, "sprints/copy.json", good_sprint);
	assert_int_equal(hf_store_sprint_get(store, "2026-12", &s), HF_OK);
	assert_string_equal(s.path, "sprints/2026-12.json");
	hf_sprint_clear(&s);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	for (size_t i = 0; i < n; i++) {
		if (p[i].severity != HF_PROBLEM_ERROR)
			continue;
		found++;
		assert_string_equal(p[i].path, "sprints/copy.json");
		assert_string_equal(p[i].message,
				    "sprint '2026-12' is already defined by 'sprints/2026-12.json'");
	}
	assert_int_equal(found, 1);
	hf_problems_free(p, n);
}

static char *version(double done_pts, const char *status2)
{
	return xasprintf("{\"id\": \"2026-12\", \"start\": \"2026-11-23\", \"end\": \"2026-12-11\", \"items\": ["
			 "{\"id\": \"A\", \"title\": \"a\", \"kind\": \"research\", \"points\": %g, \"status\": \"done\"},"
			 "{\"id\": \"B\", \"title\": \"b\", \"kind\": \"research\", \"points\": 3, \"status\": \"%s\"}]}",
			 done_pts, status2);
}

static void snapshots_from_history(void **state)
{
	struct hf_store *store = *state;
	const char *rel = "sprints/2026-12.json";
	struct hf_sprint_snapshot *snaps;
	size_t n;
	char *v1 = version(1, "todo"), *v2 = version(2, "doing"), *v3 = version(2, "done");

	/* oldest first, as the git source walks the history */
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", rel, v1, strlen(v1),
						    at("2026-11-23T09:00:00Z"), "c1"), HF_OK);
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", rel, "{ not json", 10,
						    at("2026-11-24T09:00:00Z"), "cbad"), HF_OK);
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", rel, v2, strlen(v2),
						    at("2026-11-25T09:00:00Z"), "c2"), HF_OK);
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", rel, v3, strlen(v3),
						    at("2026-11-27T09:00:00Z"), "c3"), HF_OK);
	/* a second sync walking the same commits adds nothing */
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", rel, v2, strlen(v2),
						    at("2026-11-25T09:00:00Z"), "c2"), HF_OK);
	/* not a sprint file: ignored */
	assert_int_equal(hf_podfile_sprint_snapshot(store, "pod", "pod.json", v2, strlen(v2),
						    at("2026-11-25T09:00:00Z"), "c9"), HF_OK);
	assert_int_equal(hf_store_sprint_snapshots(store, "2026-12", &snaps, &n), HF_OK);
	assert_int_equal(n, 3);
	assert_string_equal(snaps[0].ref, "c1");
	assert_true(snaps[0].done == 1 && snaps[0].total == 4);
	assert_string_equal(snaps[1].ref, "c2");
	assert_true(snaps[1].done == 2 && snaps[1].total == 5);
	assert_string_equal(snaps[2].ref, "c3");
	assert_true(snaps[2].done == 5 && snaps[2].total == 5);

	/* the burndown they give once the current file is loaded */
	struct hf_sprint s;
	struct hf_sprint_eval ev;

	load(store, rel, v3);
	assert_int_equal(hf_store_sprint_get(store, "2026-12", &s), HF_OK);
	hf_sprint_evaluate(&s, NULL, snaps, n, at("2026-11-28T12:00:00Z"), &ev);
	assert_int_equal(ev.nburndown, 6);
	assert_true(ev.burndown[0].done == 1 && ev.burndown[0].remaining == 3);
	assert_true(ev.burndown[1].done == 1);
	assert_true(ev.burndown[2].done == 2 && ev.burndown[2].remaining == 3);
	assert_true(ev.burndown[4].done == 5 && ev.burndown[4].remaining == 0);
	assert_true(ev.burndown[5].done == 5);
	hf_sprint_eval_clear(&ev);
	hf_sprint_clear(&s);
	hf_sprint_snapshots_free(snaps, n);

	/* another source's file with the same sprint id does not mix into its history */
	assert_int_equal(hf_podfile_sprint_snapshot(store, "other", rel, v1, strlen(v1),
						    at("2026-11-26T09:00:00Z"), "x1"), HF_OK);
	assert_int_equal(hf_store_sprint_snapshots(store, "2026-12", &snaps, &n), HF_OK);
	assert_int_equal(n, 3);
	hf_sprint_snapshots_free(snaps, n);
	free(v1);
	free(v2);
	free(v3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capacity_per_person_and_role),
		cmocka_unit_test(items_without_capacity_are_over),
		cmocka_unit_test(balance_progress_and_blocked),
		cmocka_unit_test(days_left_counts_today),
		cmocka_unit_test(unknown_member_names_the_item),
		cmocka_unit_test(burndown_from_snapshots),
		cmocka_unit_test(items_on_not_ready_models),
		cmocka_unit_test(status_names_round_trip),
		cmocka_unit_test_setup_teardown(loader_stores_what_the_file_says, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(loader_rejects_bad_files_naming_the_field, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(two_files_for_one_sprint_is_an_error, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(snapshots_from_history, setup_db, teardown_db),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
