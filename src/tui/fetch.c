/* fetch.c: runs no sync fetched (a model the pod does not name, two versions compared) fetched in the sync thread, and the view says how it goes */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_sync.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#include "loop.h"

void hf_tui_fetch_begin(struct tui *t, struct hf_view *v)
{
	char *name = v->fetch_runs, *versions[2] = { v->fetch_versions[0], v->fetch_versions[1] };
	char *key;

	v->fetch_runs = v->fetch_versions[0] = v->fetch_versions[1] = NULL;
	if (!name) {
		free(versions[0]);
		free(versions[1]);
		return;
	}
	/* one fetch, one key: the model opened, or the model and the two versions compared */
	key = versions[0] ? xasprintf("%s\n%s\n%s", name, versions[0], versions[1] ? versions[1] : "")
			  : xstrdup(name);
	v->fetch_note = t->fetch_note;
	if (!strcmp(t->fetch_model, key)) {
		/* under way */
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetching\xE2\x80\xA6");
	} else if (!strcmp(t->fetch_tried, key)) {
		/* done, and it is still missing: the note says why; not again */
	} else if (t->ctx->demo || !t->conf || !t->conf->nsources) {
		snprintf(t->fetch_note, sizeof(t->fetch_note),
			 "not fetched: no source is configured to fetch it from");
	} else if (t->sync) {
		/* one background job at a time: the reload after the sync asks again */
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetched once the sync is done");
	} else if (!(t->sync = hf_tui_sync_start_runs(t->ctx->db_path, t->conf, name,
						      versions[0] ? (const char *const *)versions
								  : NULL))) {
		snprintf(t->fetch_note, sizeof(t->fetch_note), "not fetched: %s", hf_last_error());
		snprintf(t->fetch_tried, sizeof(t->fetch_tried), "%s", key);
	} else {
		snprintf(t->fetch_model, sizeof(t->fetch_model), "%s", key);
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetching\xE2\x80\xA6");
		snprintf(t->sync_text, sizeof(t->sync_text), "fetching the run of %s\xE2\x80\xA6", name);
	}
	free(key);
	free(name);
	free(versions[0]);
	free(versions[1]);
}

void hf_tui_fetch_end(struct tui *t, const struct hf_tui_sync_state *st)
{
	if (!t->fetch_model[0]) {
		t->fetch_tried[0] = '\0';	/* a sync ran: a model opened again may fetch again */
		return;
	}
	snprintf(t->fetch_tried, sizeof(t->fetch_tried), "%s", t->fetch_model);
	t->fetch_model[0] = '\0';
	if (st->failed)
		snprintf(t->fetch_note, sizeof(t->fetch_note), "not fetched: %.*s",
			 (int)sizeof(st->text), st->text);
	else	/* shown only when the reload still misses it */
		snprintf(t->fetch_note, sizeof(t->fetch_note), "not fetched: the registry has no such run");
}
