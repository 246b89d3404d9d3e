/* pod.c: pod.json: the pod's name, members and shared evaluation suite */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/pod.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const pod_keys[] = { "name", "members", "evaluation", "live", NULL };
static const char *const member_keys[] = { "handle", "name", "role", "timezone", "email", NULL };
static const char *const eval_keys[] = { "suite", "metrics", NULL };

static void load_members(struct hf_podfile_ctx *ctx, json_t *members, struct hf_pod *pod)
{
	size_t i;
	json_t *m;

	pod->members = xcalloc(json_array_size(members) + 1, sizeof(*pod->members));
	json_array_foreach(members, i, m) {
		const char *prefix = hf_podfile_field("members[%zu]", i);
		const char *handle = NULL, *name = NULL, *role = NULL, *tz = NULL, *email = NULL;
		char where[64];
		struct hf_member *mem;

		hf_strlcpy(where, prefix, sizeof(where));
		if (!json_is_object(m)) {
			hf_podfile_error(ctx, where, "'%s' must be an object", where);
			continue;
		}
		hf_podfile_unknown_keys(ctx, m, where, member_keys);
		if (!hf_podfile_string(ctx, m, "handle", hf_podfile_field("%s.handle", where), true, &handle) ||
		    !hf_podfile_string(ctx, m, "name", hf_podfile_field("%s.name", where), false, &name) ||
		    !hf_podfile_string(ctx, m, "role", hf_podfile_field("%s.role", where), true, &role) ||
		    !hf_podfile_string(ctx, m, "timezone", hf_podfile_field("%s.timezone", where), false, &tz) ||
		    !hf_podfile_string(ctx, m, "email", hf_podfile_field("%s.email", where), false, &email))
			continue;
		if (email && (!strchr(email, '@') || strpbrk(email, " \t\r\n<>"))) {
			hf_podfile_error(ctx, hf_podfile_field("%s.email", where),
					 "email '%s' must be an address such as raj@example.com", email);
			continue;
		}
		if (!hf_podfile_is_word(handle)) {
			hf_podfile_error(ctx, hf_podfile_field("%s.handle", where),
					 "handle '%s' must be one word without spaces", handle);
			continue;
		}
		if (hf_pod_member(pod, handle)) {
			hf_podfile_error(ctx, hf_podfile_field("%s.handle", where),
					 "member '%s' is listed twice", handle);
			continue;
		}
		if (hf_role_parse(role) == HF_ROLE_UNKNOWN || hf_role_parse(role) == HF_ROLE_SHARED) {
			hf_podfile_error(ctx, hf_podfile_field("%s.role", where),
					 "role '%s' must be research, engineering or product", role);
			continue;
		}
		mem = &pod->members[pod->nmembers++];
		mem->handle = xstrdup(handle);
		mem->name = xstrdup(name);
		mem->role = hf_role_parse(role);
		mem->timezone = xstrdup(tz);
		mem->email = xstrdup(email);
	}
}

enum hf_status hf_podfile_load_pod(struct hf_podfile_ctx *ctx, json_t *root)
{
	struct hf_pod pod = { 0 };
	const char *name = NULL, *suite = NULL;
	json_t *members = NULL, *eval = NULL, *metrics = NULL;
	enum hf_status rc = HF_EINVAL;

	hf_podfile_unknown_keys(ctx, root, "", pod_keys);
	if (!hf_podfile_string(ctx, root, "name", "name", true, &name) ||
	    !hf_podfile_array(ctx, root, "members", "members", true, &members) ||
	    !hf_podfile_object(ctx, root, "evaluation", "evaluation", false, &eval))
		goto out;
	pod.name = xstrdup(name);
	load_members(ctx, members, &pod);
	if (eval) {
		size_t i;
		json_t *v;

		hf_podfile_unknown_keys(ctx, eval, "evaluation", eval_keys);
		if (!hf_podfile_string(ctx, eval, "suite", "evaluation.suite", false, &suite) ||
		    !hf_podfile_array(ctx, eval, "metrics", "evaluation.metrics", false, &metrics))
			goto out;
		pod.eval_suite = xstrdup(suite);
		pod.eval_metrics = xcalloc(json_array_size(metrics) + 1, sizeof(char *));
		json_array_foreach(metrics, i, v) {
			const char *s = json_string_value(v);

			if (!s || !*s || hf_podfile_has_control(s)) {
				hf_podfile_error(ctx, hf_podfile_field("evaluation.metrics[%zu]", i),
						 "a metric must be a non-empty name");
				continue;
			}
			pod.eval_metrics[pod.neval_metrics++] = xstrdup(s);
		}
	}
	if (!hf_podfile_pod_live(ctx, root, &pod.live))
		goto out;
	if (ctx->errors)
		goto out;
	rc = hf_store_pod_put(ctx->store, ctx->source, ctx->path, &pod);
out:
	hf_pod_clear(&pod);
	return rc;
}
