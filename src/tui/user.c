/* user.c: the views of the configured user ([user] handle): opening the inbox and mine, and the unread count the status line shows */
#include "config.h"

#include <string.h>

#include "handoff/clock.h"
#include "handoff/conf.h"
#include "handoff/inbox.h"
#include "handoff/xmalloc.h"

#include "loop.h"

static const char *handle_of(const struct tui *t)
{
	return t->conf && t->conf->user_handle && *t->conf->user_handle ? t->conf->user_handle : NULL;
}

void hf_tui_open_user(struct tui *t, const char *name)
{
	const char *handle = handle_of(t);

	if (!handle) {
		hf_tui_sayf(t, true, "%s needs [user] handle = YOUR-HANDLE in %s", name,
			    t->ctx->config_path ? t->ctx->config_path : "the configuration");
		return;
	}
	hf_tui_open(t, name, xstrdup(handle));
	/* the inbox marks what it shows read */
	if (!strcmp(name, "inbox"))
		t->unread_stale = true;
}

void hf_tui_count_unread(struct tui *t)
{
	const char *handle = handle_of(t);
	struct hf_inbox in;

	t->unread_stale = false;
	t->unread = 0;
	if (!handle || !t->store)
		return;
	if (hf_inbox_read(t->store, handle, -1, hf_now(), &in)) {
		hf_error_clear();	/* not a member, or no pod yet: the inbox view says why */
		return;
	}
	t->unread = in.unread;
	hf_inbox_clear(&in);
}
