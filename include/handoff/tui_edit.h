/* tui_edit.h: a write action from a TUI key: the question, the exact change and commit message shown, then queued */
#ifndef HANDOFF_TUI_EDIT_H
#define HANDOFF_TUI_EDIT_H

#include <stdbool.h>
#include <stdint.h>
#include "handoff/act.h"
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * A view that has a thing selected (a checklist item, a sprint item, a
 * shift, a version) makes an action of it and asks the loop to run it
 * (hf_view_act). The loop asks one question when the action needs an
 * answer (the evidence link, a reason, a status, "FROM TO" of a shift), then
 * shows one line, the exact change and the commit message, and queues the
 * action (writeback.h) only when the person says yes; the push runs in the
 * background. No curses here: the loop draws what these return.
 */
struct hf_tui_edit {
	struct hf_act act;
	char *field;		/* the field the answer fills, NULL when nothing is asked */
	char *question;		/* shown before the answer, NULL when nothing is asked */
	char *preset;		/* the answer offered */
	char *preview;		/* once prepared: "commit: MESSAGE  FILE: CHANGE" */
	char *summary;		/* the commit message's first line */
	char *detail;		/* a rotation edit: who holds what after it, or NULL (rotation_edit.h) */
};

/* Take act (the view's request). */
void hf_tui_edit_begin(struct hf_tui_edit *e, struct hf_act *act, const char *question,
		       const char *field, const char *preset);
void hf_tui_edit_clear(struct hf_tui_edit *e);

/*
 * Put the answer (NULL when nothing was asked) in its field, then do every
 * check the command line does (who you are, that the thing exists, the
 * gate for a promotion) and compute the preview (and, for an override or
 * another rotation edit, the detail: the shifts that change hands and the
 * hours over the next 8 weeks). The field "item" takes
 * "TITLE points=N [kind=K] [owner=H] [model=M] [status=S]" (a new sprint
 * item); "span" takes "FROM TO [REASON]" (an override). HF_EINVAL with a
 * message for the status line when it cannot be done (nothing changed).
 */
enum hf_status hf_tui_edit_prepare(struct hf_tui_edit *e, struct hf_store *store,
				   const struct hf_conf *conf, const char *answer);

/* Queue it: *id its outbox entry (0: the pod already says so). */
enum hf_status hf_tui_edit_queue(struct hf_tui_edit *e, struct hf_store *store,
				 const struct hf_conf *conf, int64_t *id);

#endif
