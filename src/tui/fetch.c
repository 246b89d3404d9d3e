/* fetch.c: opening a model the pod does not name fetches its runs in the sync thread, and the view says how it goes */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_sync.h"
#include "handoff/tui_view.h"

#include "loop.h"

void hf_tui_fetch_begin(struct tui *t, struct hf_view *v)
{
	char *name = v->fetch_runs;

	v->fetch_runs = NULL;
	if (!name)
		return;
	v->fetch_note = t->fetch_note;
	if (!strcmp(t->fetch_model, name)) {
		/* under way */
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetching\xE2\x80\xA6");
	} else if (!strcmp(t->fetch_tried, name)) {
		/* done, and it is still missing: the note says why; not again */
	} else if (t->ctx->demo || !t->conf || !t->conf->nsources) {
		snprintf(t->fetch_note, sizeof(t->fetch_note),
			 "not fetched: no source is configured to fetch it from");
	} else if (t->sync) {
		/* one background job at a time: the reload after the sync asks again */
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetched once the sync is done");
	} else if (!(t->sync = hf_tui_sync_start_runs(t->ctx->db_path, t->conf, name))) {
		snprintf(t->fetch_note, sizeof(t->fetch_note), "not fetched: %s", hf_last_error());
		snprintf(t->fetch_tried, sizeof(t->fetch_tried), "%s", name);
	} else {
		snprintf(t->fetch_model, sizeof(t->fetch_model), "%s", name);
		snprintf(t->fetch_note, sizeof(t->fetch_note), "fetching\xE2\x80\xA6");
		snprintf(t->sync_text, sizeof(t->sync_text), "fetching the run of %s\xE2\x80\xA6", name);
	}
	free(name);
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
