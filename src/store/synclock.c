/* synclock.c: one sync of a source at a time, across processes and threads, surviving kill -9 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "handoff/proc.h"
#include "internal.h"

/* A read of the lock row: pid, the pid's start time, since when. */
struct lock_row {
	int64_t pid, pid_start, started;
};

static void read_lock(sqlite3_stmt *st, void *item)
{
	struct lock_row *r = item;

	r->pid = sqlite3_column_int64(st, 0);
	r->pid_start = sqlite3_column_int64(st, 1);
	r->started = sqlite3_column_int64(st, 2);
}


enum hf_status hf_store_sync_lock(struct hf_store *store, const char *source, int64_t now,
				  struct hf_sync_holder *holder, struct hf_sync_holder *stale)
{
	int64_t me = (int64_t)getpid();
	struct lock_row row = { 0, 0, 0 };
	sqlite3_stmt *st;
	bool found;
	enum hf_status rc;

	if (holder)
		holder->pid = holder->since = 0;
	if (stale)
		stale->pid = stale->since = 0;
	if ((rc = hf_store_begin(store)))
		return rc;
	st = hf_store_stmt(store, "SELECT pid, ifnull(pid_start, 0), started FROM sync_lock WHERE source = ?1");
	hf_bind_text(st, 1, source);
	if ((rc = hf_store_read_one(store, st, read_lock, &row, &found, "reading the sync lock")))
		goto fail;
	/* this process holds it (another thread), or a living process does: busy */
	if (found && (row.pid == me || hf_proc_alive(row.pid, row.pid_start))) {
		hf_store_rollback(store);
		if (holder) {
			holder->pid = row.pid;
			holder->since = row.started;
		}
		return HF_EBUSY;
	}
	if (found && stale) {
		stale->pid = row.pid;
		stale->since = row.started;
	}
	st = hf_store_stmt(store, "INSERT OR REPLACE INTO sync_lock (source, pid, pid_start, started)"
				  " VALUES (?1, ?2, ?3, ?4)");
	if (!st) {
		rc = HF_EIO;
		goto fail;
	}
	hf_bind_text(st, 1, source);
	hf_bind_int(st, 2, me);
	hf_bind_int(st, 3, hf_proc_start(me));
	hf_bind_int(st, 4, now);
	if ((rc = hf_store_exec_stmt(store, st, "taking the sync lock")))
		goto fail;
	return hf_store_commit(store);
fail:
	hf_store_rollback(store);
	return rc;
}

enum hf_status hf_store_sync_unlock(struct hf_store *store, const char *source)
{
	sqlite3_stmt *st;
	enum hf_status rc;

	if ((rc = hf_store_begin(store)))
		return rc;
	st = hf_store_stmt(store, "DELETE FROM sync_lock WHERE source = ?1 AND pid = ?2");
	if (!st) {
		hf_store_rollback(store);
		return HF_EIO;
	}
	hf_bind_text(st, 1, source);
	hf_bind_int(st, 2, (int64_t)getpid());
	if ((rc = hf_store_exec_stmt(store, st, "releasing the sync lock"))) {
		hf_store_rollback(store);
		return rc;
	}
	return hf_store_commit(store);
}
