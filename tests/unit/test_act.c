/* test_act.c: actions as structured edits: payload round trip, validation, the conflict rule, messages */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/act.h"
#include "handoff/xmalloc.h"

static void parse(const char *json, struct hf_act *a)
{
	if (hf_act_from_json(json, a))
		fail_msg("%s: %s", json, hf_last_error());
}

static void test_round_trip(void **state)
{
	struct hf_act a = { 0 }, b;
	char *json, *again;

	(void)state;
	a.kind = HF_ACT_SPRINT_ADD;
	a.by = xstrdup("ana");
	a.title = xstrdup("Qu\"ote \\ and \xe6\xa4\x9c\xe8\xa8\xbc \xf0\x9f\x9a\x80");
	a.auto_id = true;
	a.note = xstrdup("two\nlines");
	json = hf_act_to_json(&a);
	parse(json, &b);
	assert_int_equal(b.kind, HF_ACT_SPRINT_ADD);
	assert_string_equal(b.title, a.title);
	assert_string_equal(b.note, "two\nlines");
	assert_true(b.auto_id);
	assert_false(b.force);
	assert_null(b.model);
	again = hf_act_to_json(&b);
	assert_string_equal(json, again);
	free(json);
	free(again);
	hf_act_clear(&a);
	hf_act_clear(&b);
	assert_int_equal(hf_act_from_json("{\"action\": \"fly\"}", &a), HF_EINVAL);
	assert_int_equal(hf_act_from_json("[1]", &a), HF_EINVAL);
	assert_int_equal(hf_act_from_json("{", &a), HF_EINVAL);
	for (int k = 1; k < HF_ACT_KIND_COUNT; k++)
		assert_int_equal(hf_act_kind_parse(hf_act_kind_name((enum hf_act_kind)k)), k);
}

static void test_validate(void **state)
{
	static const struct { const char *json, *message; } cases[] = {
		{ "{\"action\": \"tick\", \"model\": \"m\", \"item\": \"i\", \"at\": \"2026-11-29\"}", "who acts ([user] handle) is missing" },
		{ "{\"action\": \"tick\", \"by\": \"a b\", \"model\": \"m\", \"item\": \"i\", \"at\": \"2026-11-29\"}", "must be one word" },
		{ "{\"action\": \"tick\", \"by\": \"a\", \"model\": \"m\", \"item\": \"i\", \"at\": \"29/11/2026\"}", "must be YYYY-MM-DD" },
		{ "{\"action\": \"tick\", \"by\": \"a\", \"model\": \"m\", \"at\": \"2026-11-29\"}", "item is missing" },
		{ "{\"action\": \"tick\", \"by\": \"a\", \"model\": \"m\", \"item\": \"i\", \"at\": \"2026-11-29\", \"evidence\": \"x\\ny\"}", "evidence must be one line" },
		{ "{\"action\": \"waive\", \"by\": \"a\", \"model\": \"m\", \"item\": \"i\", \"at\": \"2026-11-29\"}", "a reason for the waiver is missing" },
		{ "{\"action\": \"waive\", \"by\": \"a\", \"model\": \"m\", \"item\": \"i\", \"at\": \"2026-11-29\", \"reason\": \"r\", \"until\": \"soon\"}", "until 'soon' must be a date" },
		{ "{\"action\": \"sprint-set\", \"by\": \"a\", \"sprint\": \"s\", \"id\": \"S-1\", \"at\": \"2026-11-29\", \"field\": \"status\", \"value\": \"finished\"}", "status 'finished' must be todo, doing, blocked or done" },
		{ "{\"action\": \"sprint-set\", \"by\": \"a\", \"sprint\": \"s\", \"id\": \"S-1\", \"at\": \"2026-11-29\", \"field\": \"points\", \"value\": \"-1\"}", "points '-1' must be a number" },
		{ "{\"action\": \"sprint-set\", \"by\": \"a\", \"sprint\": \"s\", \"id\": \"S-1\", \"at\": \"2026-11-29\", \"field\": \"colour\", \"value\": \"red\"}", "no field 'colour'" },
		{ "{\"action\": \"sprint-add\", \"by\": \"a\", \"sprint\": \"s\", \"at\": \"2026-11-29\", \"title\": \"t\", \"type\": \"shared\", \"points\": \"1\"}", "item id is missing" },
		{ "{\"action\": \"sprint-add\", \"by\": \"a\", \"sprint\": \"s\", \"at\": \"2026-11-29\", \"auto_id\": true, \"title\": \"t\", \"type\": \"ops\", \"points\": \"1\"}", "kind 'ops' must be research" },
		{ "{\"action\": \"capacity\", \"by\": \"a\", \"sprint\": \"s\", \"at\": \"2026-11-29\", \"handle\": \"raj\", \"value\": \"lots\"}", "capacity 'lots' must be a number" },
		{ "{\"action\": \"override\", \"by\": \"a\", \"at\": \"2026-11-29\", \"rotation\": \"r\", \"who\": \"a\", \"from\": \"2026-12-04T18:00\", \"to\": \"2026-12-04T09:00\"}", "ends (2026-12-04T09:00) before it starts" },
		{ "{\"action\": \"override\", \"by\": \"a\", \"at\": \"2026-11-29\", \"rotation\": \"r\", \"who\": \"a\", \"from\": \"friday\", \"to\": \"2026-12-04T09:00\"}", "from 'friday' must be a time" },
		{ "{\"action\": \"promote\", \"by\": \"a\", \"model\": \"m\", \"version\": \"3\", \"alias\": \"champion\", \"force\": true}", "a reason for forcing is missing" },
		{ "{\"action\": \"tag-set\", \"by\": \"a\", \"model\": \"m\", \"version\": \"3\"}", "tag key is missing" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_act a;

		parse(cases[i].json, &a);
		if (hf_act_validate(&a) != HF_EINVAL || !strstr(hf_last_error(), cases[i].message))
			fail_msg("case %zu: '%s' lacks '%s'", i, hf_last_error(), cases[i].message);
		hf_act_clear(&a);
	}
}

static enum hf_rebase rebase(const char *json, const char *base, const char *tip, char **what)
{
	struct hf_act a;
	enum hf_rebase r;

	parse(json, &a);
	r = hf_act_rebase(&a, base, base ? strlen(base) : 0, tip, tip ? strlen(tip) : 0, what);
	hf_act_clear(&a);
	return r;
}

#define TICK "{\"action\": \"tick\", \"path\": \"models/m/readiness.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"data.sources\"}"
#define NOTE "{\"action\": \"note\", \"path\": \"models/m/readiness.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"data.sources\", \"note\": \"n\"}"

static void expect(const char *json, const char *base, const char *tip, enum hf_rebase want,
		   const char *what_want)
{
	char *what = NULL;
	enum hf_rebase r = rebase(json, base, tip, &what);

	if (r != want || (what_want && (!what || !strstr(what, what_want))) || (!what_want && what))
		fail_msg("rebase of %s: got %d '%s', want %d '%s'", json, r, what ? what : "",
			 want, what_want ? what_want : "");
	free(what);
}

static void test_conflict_rule(void **state)
{
	const char *base = "{\"items\": {\"data.sources\": {\"state\": \"todo\"}, \"other\": {\"state\": \"todo\"}}}";
	const char *other_changed = "{\"items\": {\"data.sources\": {\"state\": \"todo\"}, \"other\": {\"state\": \"done\", \"by\": \"raj\"}}}";
	const char *relaid = "{\n  \"items\": {\n    \"data.sources\": { \"state\" : \"todo\" },\n    \"other\": {\"state\": \"todo\"}\n  }\n}\n";
	const char *ticked = "{\"items\": {\"data.sources\": {\"state\": \"done\", \"by\": \"raj\", \"at\": \"2026-11-28\"}}}";
	const char *noted = "{\"items\": {\"data.sources\": {\"state\": \"todo\", \"note\": \"by raj\"}}}";
	const char *gone = "{\"items\": {}}";

	(void)state;
	/* someone else's change elsewhere in the file, or a re-layout: apply again */
	expect(TICK, base, other_changed, HF_REBASE_CLEAN, NULL);
	expect(TICK, base, relaid, HF_REBASE_CLEAN, NULL);
	expect(TICK, base, noted, HF_REBASE_CLEAN, NULL);
	/* the item itself changed: conflict, saying how */
	expect(TICK, base, ticked, HF_REBASE_CONFLICT, "data.sources is now done by raj (2026-11-28)");
	expect(TICK, base, gone, HF_REBASE_CONFLICT, "data.sources was removed");
	expect(NOTE, base, noted, HF_REBASE_CONFLICT, "the note on data.sources is now \"by raj\"");
	expect(NOTE, base, ticked, HF_REBASE_CLEAN, NULL);
	/* a tip that no longer parses is not edited */
	expect(TICK, base, "{\"items\": ", HF_REBASE_CONFLICT, "is not valid JSON");
	/* no readiness file then or now: it is created */
	expect(TICK, NULL, NULL, HF_REBASE_CLEAN, NULL);
}

#define SPRINT_BASE "{\"items\": [{\"id\": \"S-1\", \"title\": \"a\", \"status\": \"todo\", \"owner\": \"ana\"}, {\"id\": \"S-2\", \"title\": \"b\", \"status\": \"todo\"}], \"capacity\": {\"ana\": 8}}"
#define SP(rest) "{\"action\": \"sprint-set\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", " rest "}"

static void test_conflict_sprint(void **state)
{
	(void)state;
	/* a move and a reassignment of the same item by two people: fields differ, both land */
	expect(SP("\"id\": \"S-1\", \"field\": \"status\", \"value\": \"doing\""), SPRINT_BASE,
	       "{\"items\": [{\"id\": \"S-1\", \"title\": \"a\", \"status\": \"todo\", \"owner\": \"raj\"}]}",
	       HF_REBASE_CLEAN, NULL);
	expect(SP("\"id\": \"S-1\", \"field\": \"status\", \"value\": \"doing\""), SPRINT_BASE,
	       "{\"items\": [{\"id\": \"S-1\", \"title\": \"a\", \"status\": \"done\"}]}",
	       HF_REBASE_CONFLICT, "the status of S-1 is now \"done\"");
	expect(SP("\"id\": \"S-2\", \"field\": \"status\", \"value\": \"doing\""), SPRINT_BASE,
	       "{\"items\": [{\"id\": \"S-1\", \"title\": \"a\", \"status\": \"todo\"}]}",
	       HF_REBASE_CONFLICT, "sprint item S-2 was removed");
	expect("{\"action\": \"sprint-add\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"id\": \"S-3\", \"title\": \"t\", \"type\": \"shared\", \"points\": \"1\"}",
	       SPRINT_BASE, "{\"items\": [{\"id\": \"S-3\", \"title\": \"theirs\"}]}",
	       HF_REBASE_CONFLICT, "sprint item S-3 was added meanwhile");
	/* an id chosen by handoff is chosen again on the new tip */
	expect("{\"action\": \"sprint-add\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"auto_id\": true, \"id\": \"S-3\", \"title\": \"t\", \"type\": \"shared\", \"points\": \"1\"}",
	       SPRINT_BASE, "{\"items\": [{\"id\": \"S-3\", \"title\": \"theirs\"}]}", HF_REBASE_CLEAN, NULL);
	expect("{\"action\": \"capacity\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"handle\": \"ana\", \"value\": \"5\"}",
	       SPRINT_BASE, "{\"capacity\": {\"ana\": 6}}", HF_REBASE_CONFLICT, "the capacity of ana is now 6");
	expect("{\"action\": \"sprint-remove\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"id\": \"S-2\"}",
	       SPRINT_BASE, NULL, HF_REBASE_CONFLICT, "sprints/s.json was removed");
}

#define OVR(from, to) "{\"action\": \"override\", \"path\": \"oncall/r.json\", \"by\": \"dana\", \"at\": \"2026-11-29\", \"rotation\": \"r\", \"who\": \"dana\", \"from\": \"" from "\", \"to\": \"" to "\"}"

static void test_conflict_override(void **state)
{
	const char *base = "{\"overrides\": [{\"who\": \"sam\", \"from\": \"2026-12-24T00:00\", \"to\": \"2026-12-27T00:00\"}]}";
	const char *tip = "{\"overrides\": [{\"who\": \"sam\", \"from\": \"2026-12-24T00:00\", \"to\": \"2026-12-27T00:00\"}, "
			  "{\"who\": \"li\", \"from\": \"2026-12-04T12:00\", \"to\": \"2026-12-04T20:00\"}]}";

	(void)state;
	expect(OVR("2026-12-04T09:00", "2026-12-04T18:00"), base, tip, HF_REBASE_CONFLICT,
	       "overlaps one of li from 2026-12-04T12:00 to 2026-12-04T20:00");
	/* touching ends do not overlap */
	expect(OVR("2026-12-04T08:00", "2026-12-04T12:00"), base, tip, HF_REBASE_CLEAN, NULL);
	expect(OVR("2026-12-05T09:00", "2026-12-05T18:00"), base, tip, HF_REBASE_CLEAN, NULL);
	/* an overlap that was there when the action was made is the person's own choice */
	expect(OVR("2026-12-25T09:00", "2026-12-25T18:00"), base, tip, HF_REBASE_CLEAN, NULL);
}

static void test_messages(void **state)
{
	static const struct { const char *json, *summary; } cases[] = {
		{ "{\"action\": \"tick\", \"by\": \"ana\", \"model\": \"fraud-detector\", \"item\": \"data.sources\", \"evidence\": \"https://ci.example/run/1\"}",
		  "fraud-detector: data.sources done (evidence https://ci.example/run/1)" },
		{ "{\"action\": \"waive\", \"by\": \"ana\", \"model\": \"m\", \"item\": \"canary.plan\", \"reason\": \"batch\\nmodel\", \"until\": \"2027-01-31\"}",
		  "m: canary.plan waived (batch model; until 2027-01-31)" },
		{ "{\"action\": \"reopen\", \"by\": \"ana\", \"model\": \"m\", \"item\": \"x\"}", "m: x reopened" },
		{ "{\"action\": \"sprint-set\", \"by\": \"li\", \"sprint\": \"2026-12\", \"id\": \"S-3\", \"field\": \"status\", \"value\": \"doing\"}", "sprint 2026-12: S-3 -> doing" },
		{ "{\"action\": \"sprint-set\", \"by\": \"li\", \"sprint\": \"2026-12\", \"id\": \"S-3\", \"field\": \"owner\", \"value\": \"sam\"}", "sprint 2026-12: S-3 assigned to sam" },
		{ "{\"action\": \"sprint-set\", \"by\": \"li\", \"sprint\": \"2026-12\", \"id\": \"S-3\", \"field\": \"blocked_by\", \"value\": \"S-2\"}", "sprint 2026-12: S-3 blocked by S-2" },
		{ "{\"action\": \"sprint-set\", \"by\": \"li\", \"sprint\": \"2026-12\", \"id\": \"S-3\", \"field\": \"blocked_by\", \"value\": \"\"}", "sprint 2026-12: S-3 no longer blocked" },
		{ "{\"action\": \"sprint-set\", \"by\": \"li\", \"sprint\": \"2026-12\", \"id\": \"S-3\", \"field\": \"points\", \"value\": \"5\"}", "sprint 2026-12: S-3 points 5" },
		{ "{\"action\": \"capacity\", \"by\": \"li\", \"sprint\": \"2026-12\", \"handle\": \"raj\", \"value\": \"8\"}", "sprint 2026-12: capacity of raj 8" },
		{ "{\"action\": \"override\", \"by\": \"li\", \"rotation\": \"ml-serving\", \"who\": \"li\", \"from\": \"2026-12-04T09:00\", \"to\": \"2026-12-04T18:00\", \"reason\": \"I cover raj\"}",
		  "ml-serving: li on call 2026-12-04T09:00 to 2026-12-04T18:00 (I cover raj)" },
		{ "{\"action\": \"promote\", \"by\": \"li\", \"model\": \"fraud-detector\", \"version\": \"7\", \"alias\": \"champion\", \"force\": true, \"reason\": \"hotfix\"}",
		  "fraud-detector: promote version 7 to champion (forced: hotfix)" },
		{ "{\"action\": \"tag-set\", \"by\": \"li\", \"model\": \"m\", \"version\": \"7\", \"key\": \"k\", \"value\": \"v\"}", "m: version 7 tag k=v" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_act a;
		char *s, *m;

		parse(cases[i].json, &a);
		s = hf_act_summary(&a);
		m = hf_act_message(&a);
		assert_string_equal(s, cases[i].summary);
		assert_int_equal(strncmp(m, s, strlen(s)), 0);
		assert_non_null(strstr(m, "\n\nHandoff-By: "));
		free(s);
		free(m);
		hf_act_clear(&a);
	}
}

static void test_text_change(void **state)
{
	const char *old = "{\n  \"a\": {\"state\": \"todo\"},\n  \"b\": 1\n}\n";
	const char *new = "{\n  \"a\": {\"state\": \"done\", \"by\": \"ana\"},\n  \"b\": 1\n}\n";
	char *c;

	(void)state;
	c = hf_text_change(old, strlen(old), new, strlen(new), 200);
	assert_string_equal(c, "-\"a\": {\"state\": \"todo\"}, +\"a\": {\"state\": \"done\", \"by\": \"ana\"},");
	free(c);
	c = hf_text_change(old, strlen(old), new, strlen(new), 10);
	assert_string_equal(c, "-\"a\": {\"st... +\"a\": {\"st...");
	free(c);
	c = hf_text_change(NULL, 0, "{}\n", 3, 20);
	assert_string_equal(c, "+{}");
	free(c);
}

static void test_reapply_auto_id(void **state)
{
	struct hf_act a;
	struct hf_strbuf out = HF_STRBUF_INIT;
	const char *tip = "{\"items\": [{\"id\": \"S-3\", \"title\": \"theirs\", \"kind\": \"shared\", \"points\": 1, \"status\": \"todo\"}]}";

	(void)state;
	hf_strbuf_init(&out);
	parse("{\"action\": \"sprint-add\", \"path\": \"sprints/s.json\", \"by\": \"li\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"auto_id\": true, \"id\": \"S-3\", \"title\": \"mine\", \"type\": \"shared\", \"points\": \"2\"}", &a);
	assert_int_equal(hf_act_apply(&a, tip, strlen(tip), &out), HF_OK);
	assert_string_equal(a.id, "S-4");
	assert_non_null(strstr(out.buf, "{\"id\": \"S-4\", \"title\": \"mine\""));
	assert_non_null(strstr(out.buf, "\"id\": \"S-3\", \"title\": \"theirs\""));
	hf_act_clear(&a);
	hf_strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_conflict_rule),
		cmocka_unit_test(test_conflict_sprint),
		cmocka_unit_test(test_conflict_override),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_text_change),
		cmocka_unit_test(test_reapply_auto_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
