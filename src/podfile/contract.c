/* contract.c: models/<model>/contract.json: owners, registry link, inputs/outputs and SLOs */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/contract.h"
#include "handoff/store_models.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const contract_keys[] = { "registry", "owners", "inputs", "outputs", "slos",
					     "description", "notes", NULL };
static const char *const registry_keys[] = { "source", "name", "candidate", NULL };
static const char *const owner_keys[] = { "research", "engineering", NULL };
static const char *const slo_keys[] = { "metric", "op", "target", "description", "live", NULL };

static bool load_slos(struct hf_podfile_ctx *ctx, json_t *slos, struct hf_contract *c)
{
	size_t i;
	json_t *s;

	c->slos = xcalloc(json_array_size(slos) + 1, sizeof(*c->slos));
	json_array_foreach(slos, i, s) {
		char where[32];
		const char *metric = NULL, *op = NULL;
		double target = 0;

		snprintf(where, sizeof(where), "slos[%zu]", i);
		if (!json_is_object(s)) {
			hf_podfile_error(ctx, where, "'%s' must be an object such as "
					 "{\"metric\": \"latency_p99_ms\", \"op\": \"<=\", \"target\": 50}", where);
			return false;
		}
		hf_podfile_unknown_keys(ctx, s, where, slo_keys);
		if (!hf_podfile_string(ctx, s, "metric", hf_podfile_field("%s.metric", where), true, &metric) ||
		    !hf_podfile_string(ctx, s, "op", hf_podfile_field("%s.op", where), true, &op) ||
		    !hf_podfile_number(ctx, s, "target", hf_podfile_field("%s.target", where), true, &target) ||
		    !hf_podfile_slo_live(ctx, s, where, &c->slos[c->nslos].live))
			return false;
		c->slos[c->nslos].metric = xstrdup(metric);
		c->slos[c->nslos].op = xstrdup(op);
		c->slos[c->nslos].target = target;
		c->nslos++;
	}
	return true;
}

enum hf_status hf_podfile_load_contract(struct hf_podfile_ctx *ctx, json_t *root)
{
	struct hf_contract c = { 0 };
	json_t *registry = NULL, *owners = NULL, *inputs = NULL, *outputs = NULL, *slos = NULL;
	const char *rsource = NULL, *rname = NULL, *cand = NULL, *research = NULL, *eng = NULL;
	char *in_text = NULL, *out_text = NULL;
	char why[256];
	enum hf_status rc = HF_EINVAL;

	hf_podfile_unknown_keys(ctx, root, "", contract_keys);
	if (!hf_podfile_object(ctx, root, "registry", "registry", false, &registry) ||
	    !hf_podfile_object(ctx, root, "owners", "owners", true, &owners) ||
	    !hf_podfile_array(ctx, root, "inputs", "inputs", false, &inputs) ||
	    !hf_podfile_array(ctx, root, "outputs", "outputs", false, &outputs) ||
	    !hf_podfile_array(ctx, root, "slos", "slos", true, &slos))
		goto out;
	if (registry) {
		hf_podfile_unknown_keys(ctx, registry, "registry", registry_keys);
		if (!hf_podfile_string(ctx, registry, "source", "registry.source", false, &rsource) ||
		    !hf_podfile_string(ctx, registry, "name", "registry.name", false, &rname) ||
		    !hf_podfile_string(ctx, registry, "candidate", "registry.candidate", false, &cand))
			goto out;
	}
	hf_podfile_unknown_keys(ctx, owners, "owners", owner_keys);
	if (!hf_podfile_string(ctx, owners, "research", "owners.research", true, &research) ||
	    !hf_podfile_string(ctx, owners, "engineering", "owners.engineering", true, &eng))
		goto out;
	c.registry_source = rsource && *rsource ? xstrdup(rsource) : NULL;
	c.registry_name = xstrdup(rname && *rname ? rname : ctx->name);
	c.candidate = cand && *cand ? xstrdup(cand) : NULL;
	c.owner_research = xstrdup(research);
	c.owner_engineering = xstrdup(eng);
	if (!load_slos(ctx, slos, &c))
		goto out;
	if (!hf_contract_check(&c, why, sizeof(why))) {
		const char *colon = strstr(why, ": ");
		char field[64] = "";

		if (colon)
			snprintf(field, sizeof(field), "%.*s", (int)(colon - why), why);
		hf_podfile_error(ctx, colon ? field : NULL, "%s", colon ? colon + 2 : why);
		goto out;
	}
	if (ctx->errors)
		goto out;
	hf_podfile_ref(ctx, HF_REF_MEMBER, research, "owners.research");
	hf_podfile_ref(ctx, HF_REF_MEMBER, eng, "owners.engineering");
	if (c.registry_source)
		hf_podfile_ref(ctx, HF_REF_REGISTRY, c.registry_source, "registry.source");
	in_text = inputs ? json_dumps(inputs, JSON_COMPACT) : NULL;
	out_text = outputs ? json_dumps(outputs, JSON_COMPACT) : NULL;
	rc = hf_store_contract_put(ctx->store, ctx->source, ctx->path, ctx->name, &c, in_text, out_text);
out:
	free(in_text);
	free(out_text);
	hf_contract_clear(&c);
	return rc;
}
