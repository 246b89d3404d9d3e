/* oncall.c: SQL for on-call rotations (members, changes, overrides, covered models) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/store_oncall.h"
#include "internal.h"

enum hf_status hf_store_oncall_coverage(struct hf_store *store, const char *model, size_t *people)
{
	/* '' stands for the initial list (effective NULL), which sorts before every date */
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT COALESCE(MAX(n), 0) FROM ("
		" SELECT (SELECT COUNT(DISTINCT m.handle) FROM rotation_member m"
		"   WHERE m.rotation = c.rotation AND COALESCE(m.effective, '') ="
		"    (SELECT COALESCE(MAX(COALESCE(m2.effective, '')), '') FROM rotation_member m2"
		"     WHERE m2.rotation = c.rotation AND COALESCE(m2.effective, '') <= ?2)) AS n"
		" FROM rotation_cover c WHERE c.model = ?1)");
	char today[16];
	int rc;

	*people = 0;
	if (!st)
		return HF_EIO;
	hf_date_format(hf_now(), today, sizeof(today));
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, today);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*people = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return hf_store_fail(store, "reading on-call coverage");
	return HF_OK;
}
